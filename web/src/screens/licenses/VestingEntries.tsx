// The account's vesting entries (the chain's amounts and unlocks, the indexer's claim details) with a countdown each,
// and one transaction that withdraws every matured one.
import { useWriteContract } from "wagmi";
import { Ath } from "../../components/Amount";
import { TxStatus } from "../../components/TxStatus";
import { When } from "../../components/When";
import { rewardClaimsAbi } from "../../config/licenseAbis";
import { contractOf } from "../../config/deployment";
import { useDeployment } from "../../hooks/useDeployment";
import { useState } from "react";
import type { AccountPage, KycState } from "../../hooks/useLicenses";
import type { VestingEntry } from "../../hooks/useRewardClaims";
import { useTransaction } from "../../hooks/useTransaction";
import { DataTable } from "../../components/DataTable";
import { Problem } from "../../components/Problem";

const OPTION_NAMES: Record<string, string> = { Full180Days: "180 days, 100%", Quarter30Days: "30 days, 25%" };

export function VestingEntries({ entries, claims, kyc, now, onDone }: { entries: VestingEntry[]; claims: AccountPage["claims"]; kyc: KycState | undefined; now: number | undefined; onDone: () => void }) {
  const d = useDeployment();
  const [problem, setProblem] = useState<string>();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const contract = { address: contractOf(d, "RewardClaims").address, abi: rewardClaimsAbi } as const;
  if (entries.length === 0) return <p>You have no vesting entry: a claim opens one.</p>;
  const matured = entries.filter((e) => e.amount > 0n && now !== undefined && e.unlockAt <= now);
  const maturedTotal = matured.reduce((sum, e) => sum + e.amount, 0n);
  const next = entries.filter((e) => e.amount > 0n && now !== undefined && e.unlockAt > now).sort((a, b) => a.unlockAt - b.unlockAt)[0];
  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  const withdraw = async () => {
    const why = kyc && !kyc.allowed ? "Withdrawals need a valid KYC attestation from an unrestricted country, and this wallet has none: get one, then withdraw." : undefined;
    setProblem(why);
    if (why) return;
    if (await tx.run(() => writeContractAsync({ ...contract, functionName: "withdraw", args: [matured.map((e) => e.id)] }))) onDone();
  };
  return (
    <>
      <DataTable caption="Your vesting entries" columns={["Entry", "Option", "Claimed", "Vesting", "Unlocks", "State"]}>
        {entries.map((e) => {
          const c = claims.find((x) => x.entryId === String(e.id));
          const state = e.amount === 0n ? (c?.status === "forfeited" ? "Forfeited" : "Withdrawn") : now !== undefined && e.unlockAt <= now ? "Matured" : "Vesting";
          return (
            <tr key={String(e.id)} data-testid={`entry-${e.id}`}>
              <td data-label="Entry">#{String(e.id)}</td>
              <td data-label="Option">{c ? (OPTION_NAMES[c.option] ?? c.option) : "-"}</td>
              <td data-label="Claimed">{c ? <Ath wei={c.amount} /> : "-"}</td>
              <td data-label="Vesting">{e.amount > 0n ? <Ath wei={e.amount} /> : c ? <Ath wei={c.vesting} /> : "-"}</td>
              <td data-label="Unlocks">
                <When unix={e.unlockAt} now={now} />
              </td>
              <td data-label="State">{state}</td>
            </tr>
          );
        })}
      </DataTable>
      <p>
        <button onClick={() => void withdraw()} disabled={busy || matured.length === 0}>
          Withdraw matured
        </button>{" "}
        {matured.length > 0 ? (
          <span data-testid="matured">
            {matured.length} entr{matured.length === 1 ? "y" : "ies"}, <Ath wei={maturedTotal} />
          </span>
        ) : next ? (
          <span className="muted">
            Nothing has matured yet; the next entry unlocks <When unix={next.unlockAt} now={now} />.
          </span>
        ) : (
          <span className="muted">Nothing left to withdraw.</span>
        )}
      </p>
      <Problem text={problem} />
      <TxStatus state={tx.state} />
    </>
  );
}
