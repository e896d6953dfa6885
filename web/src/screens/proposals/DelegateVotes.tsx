// Delegate the votes of ATH or of stATH, to yourself or to an address; the current delegates and voting power first.
import { useState } from "react";
import { isAddress, zeroAddress, type Address } from "viem";
import { useWriteContract } from "wagmi";
import { Ath } from "../../components/Amount";
import { Problem } from "../../components/Problem";
import { TxStatus } from "../../components/TxStatus";
import { athAbi, stathVotesAbi } from "../../config/abis";
import { contractOf } from "../../config/deployment";
import { useDeployment } from "../../hooks/useDeployment";
import { useVotingPower } from "../../hooks/useGovernor";
import { useTransaction } from "../../hooks/useTransaction";

const whom = (a: Address | undefined, me: Address) => (a === undefined ? "…" : a === zeroAddress ? "nobody (these votes count for no one)" : a.toLowerCase() === me.toLowerCase() ? "yourself" : a);

export function DelegateVotes({ account }: { account: Address }) {
  const d = useDeployment();
  const power = useVotingPower(account);
  const [token, setToken] = useState<"ATH" | "stATH">("ATH");
  const [to, setTo] = useState("");
  const [problem, setProblem] = useState<string>();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";

  async function submit() {
    const target = to.trim() === "" ? account : to.trim();
    const why = isAddress(target) ? undefined : `"${to}" is not an address: paste a 0x address of 40 hex digits, or leave it empty to delegate to yourself.`;
    setProblem(why);
    if (why) return;
    const delegatee = target as Address;
    const ok = await tx.run(() =>
      token === "ATH"
        ? writeContractAsync({ address: contractOf(d, "AethirToken").address, abi: athAbi, functionName: "delegate", args: [delegatee] })
        : writeContractAsync({ address: contractOf(d, "StakingPools").address, abi: stathVotesAbi, functionName: "delegate", args: [delegatee] }),
    );
    if (ok) {
      setTo("");
      void power.refetch();
    }
  }

  return (
    <section aria-labelledby="delegate-title" className="card">
      <h2 id="delegate-title">Your voting power</h2>
      {power.data ? (
        <ul>
          <li data-testid="ath-power">
            ATH: <Ath wei={power.data.athVotes} /> of votes; your ATH counts for {whom(power.data.athDelegate, account)}
          </li>
          <li data-testid="stath-power">
            stATH: <Ath wei={power.data.stathVotes} /> of votes; your stATH counts for {whom(power.data.stathDelegate, account)}
          </li>
        </ul>
      ) : null}
      <p className="muted">Votes count from the block you delegate: delegate before a proposal is made for your votes to count on it.</p>
      <form
        aria-label="Delegate votes"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor="delegate-token">Token</label>
        <select id="delegate-token" value={token} onChange={(e) => setToken(e.target.value as "ATH" | "stATH")}>
          <option value="ATH">ATH</option>
          <option value="stATH">stATH</option>
        </select>
        <label htmlFor="delegate-to">Delegate to (empty: yourself)</label>
        <input id="delegate-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="0x…" />
        <button type="submit" disabled={busy}>
          Delegate
        </button>
        <Problem text={problem} />
        <TxStatus state={tx.state} />
      </form>
    </section>
  );
}
