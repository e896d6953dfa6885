// Lock ATH in a pool: the lock picker shows the multiplier, the weight and the unlock date before anything is signed;
// the stake goes in one transaction with a permit (one signature), or, if the wallet won't sign the permit, as
// approve + stake.
import { useState } from "react";
import { useAccount, useReadContract, useWriteContract } from "wagmi";
import { Ath } from "../../components/Amount";
import { TxStatus } from "../../components/TxStatus";
import { When } from "../../components/When";
import { stakingPoolsAbi } from "../../config/abis";
import { contractOf } from "../../config/deployment";
import { useChainTime } from "../../hooks/useChainTime";
import { useDeployment } from "../../hooks/useDeployment";
import { usePermit } from "../../hooks/usePermit";
import { useTransaction } from "../../hooks/useTransaction";
import { parseAth } from "../../lib/amount";
import { lockWeeksProblem, MAX_WEEKS, MIN_STAKE, multiplierOf, weightOf, WEEK } from "../../lib/lock";
import { Problem } from "../../components/Problem";

export function StakeForm({ poolId, poolName, balance, onStaked }: { poolId: number; poolName: string; balance: bigint | undefined; onStaked: () => void }) {
  const d = useDeployment();
  const { address } = useAccount();
  const now = useChainTime();
  const [amountText, setAmountText] = useState("");
  const [weeksText, setWeeksText] = useState("52");
  const [problem, setProblem] = useState<string>();
  const [note, setNote] = useState<string>();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const { sendWithPermit } = usePermit();
  const pools = { address: contractOf(d, "StakingPools").address, abi: stakingPoolsAbi } as const;
  const weeksProblem = lockWeeksProblem(weeksText);
  const weeks = weeksProblem ? undefined : Number(weeksText);
  const unlockWeek = useReadContract({ ...pools, functionName: "unlockWeekFor", args: [BigInt(weeks ?? 1)], query: { enabled: weeks !== undefined, refetchInterval: 10_000 } });
  const parsed = amountText.trim() === "" ? undefined : parseAth(amountText);
  const amount = parsed && "wei" in parsed ? parsed.wei : undefined;
  const id = `pool-${poolId}`;

  async function submit() {
    const why = weeksProblem ?? (parsed === undefined ? "Type how much ATH to stake." : "problem" in parsed ? parsed.problem : undefined) ?? stakeProblem(amount!, balance);
    setProblem(why);
    setNote(undefined);
    if (why || !address || weeks === undefined || amount === undefined) return;
    const ok = await tx.run(() =>
      sendWithPermit({
        owner: address,
        spender: pools.address,
        value: amount,
        withPermit: (p) => writeContractAsync({ ...pools, functionName: "stakeWithPermit", args: [BigInt(poolId), amount, BigInt(weeks), p.deadline, p.v, p.r, p.s] }),
        plain: () => writeContractAsync({ ...pools, functionName: "stake", args: [BigInt(poolId), amount, BigInt(weeks)] }),
        onFallback: () => setNote(FALLBACK_NOTE),
      }),
    );
    if (ok) {
      setAmountText("");
      onStaked();
    }
  }

  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  return (
    <form
      aria-label={`Stake in the ${poolName} pool`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-amount`}>ATH to stake</label>
      <input id={`${id}-amount`} inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)} placeholder="1000" />
      <label htmlFor={`${id}-weeks`}>Lock (weeks)</label>
      <input id={`${id}-weeks`} inputMode="numeric" value={weeksText} onChange={(e) => setWeeksText(e.target.value)} className="short" />
      <input aria-label="Lock length" type="range" min={1} max={MAX_WEEKS} value={weeks ?? 52} onChange={(e) => setWeeksText(e.target.value)} />
      <output aria-label="Lock preview" data-testid={`${id}-preview`}>
        {weeks === undefined ? (
          weeksProblem
        ) : (
          <>
            {multiplierOf(weeks).toFixed(3)}x
            {amount !== undefined ? (
              <>
                , weight <Ath wei={weightOf(amount, weeks)} />
              </>
            ) : null}
            {unlockWeek.data !== undefined ? (
              <>
                , unlocks <When unix={Number(unlockWeek.data) * WEEK} now={now} />
              </>
            ) : null}
          </>
        )}
      </output>
      <button type="submit" disabled={busy || !address}>
        Stake
      </button>
      <Problem text={problem} />
      {note ? <p className="muted">{note}</p> : null}
      <TxStatus state={tx.state} />
    </form>
  );
}

/** What the page says when the wallet won't sign a permit. */
export const FALLBACK_NOTE = "Your wallet did not sign the permit, so this takes two transactions: approve, then the stake.";

export function stakeProblem(amount: bigint, balance: bigint | undefined): string | undefined {
  if (amount < MIN_STAKE) return "A position holds at least 1 ATH.";
  if (balance !== undefined && amount > balance) return "That is more ATH than this wallet holds.";
  return undefined;
}
