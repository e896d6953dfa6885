// Delegate ATH to a host: the amount is checked, a pending slash refuses it, and a halted or recently slashed host
// shows its warning, which the delegator confirms, before anything is signed. HostStaking has no permit entry point:
// approve (only when the allowance falls short), then delegate.
import { useState } from "react";
import { useAccount, usePublicClient, useWriteContract } from "wagmi";
import { permitAbi } from "../../config/abis";
import { contractOf } from "../../config/deployment";
import { hostStakingAbi } from "../../config/hostStakingAbi";
import { TxStatus } from "../../components/TxStatus";
import { useChainTime } from "../../hooks/useChainTime";
import { useDeployment } from "../../hooks/useDeployment";
import type { HostView } from "../../hooks/useHosts";
import { useTransaction } from "../../hooks/useTransaction";
import { parseAth } from "../../lib/amount";
import { delegationBlocked, delegationWarnings } from "./risk";
import { Problem } from "../../components/Problem";

export function DelegateForm({ host, balance, onDone }: { host: HostView; balance: bigint | undefined; onDone: () => void }) {
  const d = useDeployment();
  const { address } = useAccount();
  const client = usePublicClient();
  const now = useChainTime();
  const [amountText, setAmountText] = useState("");
  const [problem, setProblem] = useState<string>();
  const [warnings, setWarnings] = useState<string[]>([]);
  const [note, setNote] = useState<string>();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const staking = { address: contractOf(d, "HostStaking").address, abi: hostStakingAbi } as const;
  const ath = { address: contractOf(d, "AethirToken").address, abi: permitAbi } as const;
  const id = `delegate-${host.address}`;

  /** The amount, or a sentence saying why it can't be delegated. */
  function check(): { wei: bigint } | { problem: string } {
    if (amountText.trim() === "") return { problem: "Type how much ATH to delegate." };
    const parsed = parseAth(amountText);
    if ("problem" in parsed) return parsed;
    if (balance !== undefined && parsed.wei > balance) return { problem: "That is more ATH than this wallet holds." };
    // a host staking for itself is never refused for a pending slash, and tops up knowingly
    const own = address?.toLowerCase() === host.address.toLowerCase();
    const blocked = own ? undefined : delegationBlocked(host);
    return blocked ? { problem: blocked } : parsed;
  }

  async function review() {
    const checked = check();
    setNote(undefined);
    tx.reset();
    if ("problem" in checked) {
      setProblem(checked.problem);
      setWarnings([]);
      return;
    }
    setProblem(undefined);
    // "recently slashed" counts on the chain's clock: read it if the page has not yet
    const chainNow = now !== undefined ? now : Number((await client!.getBlock()).timestamp);
    const found = address?.toLowerCase() === host.address.toLowerCase() ? [] : delegationWarnings(host, chainNow);
    if (found.length > 0) setWarnings(found);
    else await send(checked.wei);
  }

  async function send(amount: bigint) {
    setWarnings([]);
    if (!address) return;
    const ok = await tx.run(async () => {
      const allowance = await client!.readContract({ ...ath, functionName: "allowance", args: [address, staking.address] });
      if (allowance < amount) {
        setNote("Delegating takes two transactions: approve the ATH, then delegate.");
        const approval = await writeContractAsync({ ...ath, functionName: "approve", args: [staking.address, amount] });
        await client!.waitForTransactionReceipt({ hash: approval });
      }
      return writeContractAsync({ ...staking, functionName: "delegate", args: [host.address, amount] });
    });
    if (ok) {
      setAmountText("");
      onDone();
    }
  }

  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  return (
    <form
      aria-label={`Delegate to host ${host.address}`}
      onSubmit={(e) => {
        e.preventDefault();
        void review();
      }}
    >
      <label htmlFor={`${id}-amount`}>ATH to delegate</label>
      <input id={`${id}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} placeholder="1000" className="medium" />
      <button type="submit" disabled={busy || !address || warnings.length > 0}>
        Delegate
      </button>
      <Problem text={problem} />
      {warnings.length > 0 ? (
        <div role="alert" className="warning" aria-label="Before you delegate">
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          <button
            type="button"
            onClick={() => {
              const checked = check();
              if ("wei" in checked) void send(checked.wei);
            }}
          >
            Delegate anyway
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setWarnings([])}>
            Cancel
          </button>
        </div>
      ) : null}
      {note ? <p className="muted">{note}</p> : null}
      <TxStatus state={tx.state} />
    </form>
  );
}
