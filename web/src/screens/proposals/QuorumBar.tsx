// How far for + abstain votes are towards the quorum, as a bar and in words.
import { Ath } from "../../components/Amount";
import { quorumReached, type Proposal } from "../../lib/governanceApi";

export function QuorumBar({ p }: { p: Pick<Proposal, "forVotes" | "abstainVotes" | "quorum"> }) {
  const share = quorumReached(p);
  return (
    <div className="quorum">
      <progress aria-label="Quorum" max={1} value={share} />
      <span>
        {" "}
        {Math.floor(share * 100)}% of the quorum of <Ath wei={p.quorum} />
      </span>
    </div>
  );
}
