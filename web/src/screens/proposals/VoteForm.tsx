// Vote For, Against or Abstain with an optional reason, through the wallet; a refusal (already voted, not active…)
// comes back as the shared decoder's sentence.
import { useState } from "react";
import { useWriteContract } from "wagmi";
import { Problem } from "../../components/Problem";
import { TxStatus } from "../../components/TxStatus";
import { governorAbi } from "../../config/abis";
import { contractOf } from "../../config/deployment";
import { useDeployment } from "../../hooks/useDeployment";
import { useTransaction } from "../../hooks/useTransaction";

const SUPPORT = { Against: 0, For: 1, Abstain: 2 } as const;

export function VoteForm({ proposalId, onVoted }: { proposalId: string; onVoted: () => void }) {
  const d = useDeployment();
  const [support, setSupport] = useState<keyof typeof SUPPORT>("For");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string>();
  const tx = useTransaction();
  const { writeContractAsync } = useWriteContract();
  const governor = { address: contractOf(d, "AethirGovernor").address, abi: governorAbi } as const;
  const busy = tx.state.phase === "signing" || tx.state.phase === "pending";

  async function submit() {
    setProblem(reason.length > 1000 ? "Keep the reason under 1,000 characters." : undefined);
    if (reason.length > 1000) return;
    const id = BigInt(proposalId);
    const s = SUPPORT[support];
    const ok = await tx.run(() =>
      reason.trim() === "" ? writeContractAsync({ ...governor, functionName: "castVote", args: [id, s] }) : writeContractAsync({ ...governor, functionName: "castVoteWithReason", args: [id, s, reason.trim()] }),
    );
    if (ok) {
      setReason("");
      onVoted();
    }
  }

  return (
    <form
      aria-label="Vote"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Your vote</legend>
        {(Object.keys(SUPPORT) as (keyof typeof SUPPORT)[]).map((k) => (
          <label key={k}>
            <input type="radio" name="support" value={k} checked={support === k} onChange={() => setSupport(k)} /> {k}
          </label>
        ))}
      </fieldset>
      <label htmlFor="vote-reason">Reason (optional)</label>
      <input id="vote-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why you vote this way" />
      <button type="submit" disabled={busy}>
        Cast vote
      </button>
      <Problem text={problem} />
      <TxStatus state={tx.state} />
    </form>
  );
}
