// The holder's open positions: amount, weight, unlock with a countdown, pending rewards per token; claim, and
// withdraw once unlocked (before that the button says when).
import { useState } from "react";
import { useAccount, useWriteContract } from "wagmi";
import type { Address } from "viem";
import { Ath, formatToken } from "../../components/Amount";
import { TxStatus } from "../../components/TxStatus";
import { When } from "../../components/When";
import { stakingPoolsAbi } from "../../config/abis";
import { contractOf } from "../../config/deployment";
import { useChainTime } from "../../hooks/useChainTime";
import { useDeployment } from "../../hooks/useDeployment";
import { usePositions, type PositionView } from "../../hooks/useStaking";
import { usePermit } from "../../hooks/usePermit";
import { useTransaction } from "../../hooks/useTransaction";
import { parseAth } from "../../lib/amount";
import { FALLBACK_NOTE } from "./StakeForm";
import { lockWeeksProblem, WEIGHT_PER_ATH } from "../../lib/lock";
import { DataTable } from "../../components/DataTable";
import { Problem } from "../../components/Problem";

export function Positions({ account, poolNames }: { account: Address; poolNames: Map<number, string> }) {
  const positions = usePositions(account);
  const now = useChainTime();
  if (positions.error) return <p role="alert">Could not read your positions: {positions.error.message}</p>;
  if (!positions.data) return <p aria-busy="true">Reading your positions…</p>;
  if (positions.data.length === 0) return <p>You have no open position.</p>;
  return (
    <DataTable caption="Your positions" columns={["Position", "Pool", "Staked", "Weight", "Unlocks", "Rewards", "Actions"]}>
      {positions.data.map((p) => (
        <PositionRow key={String(p.id)} p={p} pool={poolNames.get(p.poolId) ?? `Pool ${p.poolId}`} now={now} onDone={() => void positions.refetch()} />
      ))}
    </DataTable>
  );
}

function PositionRow({ p, pool, now, onDone }: { p: PositionView; pool: string; now: number | undefined; onDone: () => void }) {
  const d = useDeployment();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const pools = { address: contractOf(d, "StakingPools").address, abi: stakingPoolsAbi } as const;
  const unlocked = now !== undefined && now >= p.unlockTime;
  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  const [weeksText, setWeeksText] = useState("");
  const [addText, setAddText] = useState("");
  const [note, setNote] = useState<string>();
  const { address } = useAccount();
  const { sendWithPermit } = usePermit();
  const [problem, setProblem] = useState<string>();
  const act = async (functionName: "claim" | "withdraw") => {
    if (await tx.run(() => writeContractAsync({ ...pools, functionName, args: [p.id] }))) onDone();
  };
  /** Adds ATH and relocks the whole position for the weeks typed (the contract won't let the unlock move earlier). */
  const add = async () => {
    const parsed = parseAth(addText);
    const why = lockWeeksProblem(weeksText) ?? ("problem" in parsed ? parsed.problem : undefined);
    setProblem(why);
    setNote(undefined);
    if (why || !("wei" in parsed) || !address) return;
    const [amount, weeks] = [parsed.wei, BigInt(weeksText)];
    const ok = await tx.run(() =>
      sendWithPermit({
        owner: address,
        spender: pools.address,
        value: amount,
        withPermit: (q) => writeContractAsync({ ...pools, functionName: "addWithPermit", args: [p.id, amount, weeks, q.deadline, q.v, q.r, q.s] }),
        plain: () => writeContractAsync({ ...pools, functionName: "add", args: [p.id, amount, weeks] }),
        onFallback: () => setNote(FALLBACK_NOTE),
      }),
    );
    if (ok) {
      setAddText("");
      setWeeksText("");
      onDone();
    }
  };
  const extend = async () => {
    const why = lockWeeksProblem(weeksText);
    setProblem(why);
    if (why) return;
    if (await tx.run(() => writeContractAsync({ ...pools, functionName: "relock", args: [p.id, BigInt(weeksText)] }))) {
      setWeeksText("");
      onDone();
    }
  };
  return (
    <tr data-testid={`position-${p.id}`}>
      <td>#{String(p.id)}</td>
      <td>{pool}</td>
      <td>
        <Ath wei={p.amount} />
      </td>
      <td>{p.weight === 0n ? "0 (unlocked)" : <Ath wei={p.weight / WEIGHT_PER_ATH} />}</td>
      <td>
        <When unix={p.unlockTime} now={now} />
      </td>
      <td>
        {p.pending.map((r) => (
          <div key={r.symbol}>
            {formatToken(r.amount)} {r.symbol}
          </div>
        ))}
      </td>
      <td>
        <button onClick={() => void act("claim")} disabled={busy}>
          Claim
        </button>{" "}
        <button onClick={() => void act("withdraw")} disabled={busy} title={unlocked ? "Withdraw the ATH and burn the stATH" : "Locked until the unlock date"}>
          Withdraw
        </button>
        <form
          className="inline"
          aria-label={`Extend position ${p.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            void extend();
          }}
        >
          <label htmlFor={`extend-${p.id}`}>Relock for (weeks from now)</label>
          <input id={`extend-${p.id}`} className="short" inputMode="numeric" value={weeksText} onChange={(e) => setWeeksText(e.target.value)} />
          <button type="submit" disabled={busy}>
            Extend
          </button>
          <label htmlFor={`add-${p.id}`}>and add ATH</label>
          <input id={`add-${p.id}`} className="short" inputMode="decimal" value={addText} onChange={(e) => setAddText(e.target.value)} />
          <button type="button" onClick={() => void add()} disabled={busy}>
            Add
          </button>
        </form>
        {note ? <p className="muted">{note}</p> : null}
        <Problem text={problem} />
        <TxStatus state={tx.state} />
      </td>
    </tr>
  );
}

