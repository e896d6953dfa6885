// Holder governance (issue 16): the proposals (title, state with its date, the tally in ATH and the quorum bar), one
// proposal's detail at #/proposals/<id>, and delegation of ATH and stATH votes.
import { useEffect, useState } from "react";
import { useAccount } from "wagmi";
import { Ath } from "../../components/Amount";
import { When } from "../../components/When";
import { useChainTime } from "../../hooks/useChainTime";
import { useProposals } from "../../hooks/useGovernor";
import type { Proposal } from "../../lib/governanceApi";
import { DelegateVotes } from "./DelegateVotes";
import { ProposalDetailView } from "./ProposalDetail";
import { QuorumBar } from "./QuorumBar";

const idFromHash = () => /^#\/proposals\/(\d+)$/.exec(location.hash)?.[1];

/** The moment the state shown began: when voting starts or ends, or the last recorded change. */
const stateSince = (p: Proposal) => (p.state === "Pending" ? p.voteStart : p.state === "Active" ? p.voteEnd : p.state === "Queued" && p.eta !== null ? p.eta : p.state === "Succeeded" || p.state === "Defeated" ? p.voteEnd : p.createdAt);
const stateWord = (p: Proposal) => (p.state === "Pending" ? "voting starts" : p.state === "Active" ? "voting ends" : p.state === "Queued" ? "executable from" : p.state === "Succeeded" || p.state === "Defeated" ? "voting ended" : "proposed");

export function Proposals() {
  const [id, setId] = useState(idFromHash);
  useEffect(() => {
    const follow = () => setId(idFromHash());
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  if (id !== undefined) return <ProposalDetailView id={id} />;
  return <ProposalList />;
}

function ProposalList() {
  const { address } = useAccount();
  const now = useChainTime();
  const proposals = useProposals();
  return (
    <section aria-labelledby="proposals-title">
      <h1 id="proposals-title">Proposals</h1>
      <p className="muted">ATH and stATH holders vote on changes to the protocol; passed proposals wait in the timelock, where the guardian can veto them.</p>
      {address ? <DelegateVotes account={address} /> : <p>Connect a wallet to delegate and vote.</p>}
      {proposals.error ? <p role="alert">{proposals.error.message}</p> : null}
      {proposals.data && proposals.data.length === 0 ? <p>No proposals yet.</p> : null}
      <ul className="proposals" aria-label="Proposal list">
        {(proposals.data ?? []).map((p) => (
          <li key={p.id} className="card" data-testid={`proposal-${p.id}`}>
            <h2>
              <a href={`#/proposals/${p.id}`}>{p.title}</a>
            </h2>
            <p>
              <strong data-testid="state">{p.state}</strong> · {stateWord(p)} <When unix={stateSince(p)} now={now} />
            </p>
            <p>
              For <Ath wei={p.forVotes} /> · Against <Ath wei={p.againstVotes} /> · Abstain <Ath wei={p.abstainVotes} />
            </p>
            <QuorumBar p={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}
