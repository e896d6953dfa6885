// Claim what the synced root gives beyond what is claimed already: the two vesting options side by side with the
// 5 ATH fee, what vests, what returns to the pool and the unlock date (from the contract's constants), before signing.
import { useState } from "react";
import type { Address } from "viem";
import { useWriteContract } from "wagmi";
import { formatAth } from "../../../../scripts/lib/cli-format";
import { Ath } from "../../components/Amount";
import { TxStatus } from "../../components/TxStatus";
import { When } from "../../components/When";
import { rewardClaimsAbi } from "../../config/licenseAbis";
import { contractOf } from "../../config/deployment";
import { useDeployment } from "../../hooks/useDeployment";
import type { KycState } from "../../hooks/useLicenses";
import { useLeaf, type ClaimsState } from "../../hooks/useRewardClaims";
import { useTransaction } from "../../hooks/useTransaction";
import { claimProblem, splitOf, type ClaimOption } from "./claimSplit";
import { Problem } from "../../components/Problem";

const OPTIONS: { option: ClaimOption; title: string; blurb: string }[] = [
  { option: 0, title: "180 days, 100%", blurb: "Everything after the fee vests for 180 days." },
  { option: 1, title: "30 days, 25%", blurb: "A quarter after the fee vests for 30 days; the rest returns to the rewards pool." },
];

export function ClaimPanel({ account, claims, kyc, now, onDone }: { account: Address; claims: ClaimsState; kyc: KycState | undefined; now: number | undefined; onDone: () => void }) {
  const d = useDeployment();
  const epoch = claims.root === `0x${"0".repeat(64)}` ? undefined : claims.syncedEpoch;
  const leaf = useLeaf(account, epoch);
  const tx = useTransaction();
  const [problem, setProblem] = useState<string>();
  const { writeContractAsync } = useWriteContract();
  const contract = { address: contractOf(d, "RewardClaims").address, abi: rewardClaimsAbi } as const;

  if (!d.proofsUrl) return <p>This site names no proofs source (proofsUrl in its deployment.json), so claims can't be made here; use the CLI's claim with the referee's proofs file.</p>;
  if (epoch === undefined) return <p>No rewards root is final yet: claims open once the referee's first root passes its challenge window.</p>;
  if (leaf.error) return <p role="alert">{leaf.error.message}</p>;
  if (leaf.data === undefined) return <p aria-busy="true">Reading your leaf in epoch {epoch}'s root…</p>;
  if (leaf.data === null) return <p>You have no rewards in epoch {epoch}'s root: nothing to claim yet.</p>;
  const { amount: cumulative, proof } = leaf.data;
  const available = cumulative > claims.claimed ? cumulative - claims.claimed : 0n;

  async function claim(option: ClaimOption) {
    const why =
      claimProblem(available, claims.terms, (wei) => formatAth(wei, 2)) ??
      (kyc && !kyc.allowed ? "Claims need a valid KYC attestation from an unrestricted country, and this wallet has none: get one, then claim." : undefined);
    setProblem(why);
    if (why) return;
    if (await tx.run(() => writeContractAsync({ ...contract, functionName: "claim", args: [cumulative, proof, option] }))) onDone();
  }

  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";
  return (
    <>
      <p data-testid="claim-summary">
        Earned to epoch {epoch}: <Ath wei={cumulative} />; claimed so far: <Ath wei={claims.claimed} />; to claim now: <Ath wei={available} /> (minimum <Ath wei={claims.terms.minClaim} />).
      </p>
      <div className="cards">
        {OPTIONS.map(({ option, title, blurb }) => {
          const s = splitOf(available, option, claims.terms, now ?? 0);
          return (
            <article className="card" key={option} aria-label={`Claim option ${title}`}>
              <h3>{title}</h3>
              <p className="muted">{blurb}</p>
              <dl className="terms">
                <dt>Fee</dt>
                <dd>
                  <Ath wei={s.fee} />
                </dd>
                <dt>Vests</dt>
                <dd data-testid={`vests-${option}`}>
                  <Ath wei={s.vesting} />
                </dd>
                <dt>Returns to the pool</dt>
                <dd data-testid={`returns-${option}`}>
                  <Ath wei={s.returned} />
                </dd>
                <dt>Unlocks</dt>
                <dd>{now === undefined ? "…" : <When unix={s.unlockAt} now={now} />}</dd>
              </dl>
              <button onClick={() => void claim(option)} disabled={busy}>
                Claim with the {s.days}-day option
              </button>
            </article>
          );
        })}
      </div>
      <Problem text={problem} />
      <TxStatus state={tx.state} />
    </>
  );
}
