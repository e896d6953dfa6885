// One proposal: its description, each call in words (target contract, function, arguments) with a warning for calls
// that move funds or hand out roles, the states it went through as dates, the tally against the quorum, the votes
// with their reasons, and the vote form while it is Active.
import { useAccount } from "wagmi";
import { Ath } from "../../components/Amount";
import { When } from "../../components/When";
import { useChainTime } from "../../hooks/useChainTime";
import { useProposal, useProposalOnChain } from "../../hooks/useGovernor";
import { callWarning } from "../../lib/governanceApi";
import { QuorumBar } from "./QuorumBar";
import { VoteForm } from "./VoteForm";

export function ProposalDetailView({ id }: { id: string }) {
  const { address } = useAccount();
  const now = useChainTime();
  const p = useProposal(id);
  const chain = useProposalOnChain(id, address);
  if (p.error) return <p role="alert">{p.error.message}</p>;
  if (!p.data) return <p>Loading proposal…</p>;
  const x = p.data;
  const state = chain.data?.state ?? x.state;
  return (
    <article aria-labelledby="proposal-title">
      <p>
        <a href="#/proposals">← All proposals</a>
      </p>
      <h1 id="proposal-title">{x.title}</h1>
      <p>
        State: <strong data-testid="proposal-state">{state}</strong> · proposed by <code>{x.proposer}</code> on <When unix={x.createdAt} now={now} />
      </p>
      <pre className="description">{x.description}</pre>
      <h2>What it does</h2>
      <ol aria-label="Calls">
        {x.calls.map((c, i) => {
          const warning = callWarning(c);
          return (
            <li key={i} data-testid={`call-${i}`}>
              <p>
                <strong>{c.targetName ?? c.target}</strong>
                {c.function ? <> · {c.function}</> : null}
              </p>
              <p>{c.words}</p>
              {c.args.length > 0 ? (
                <dl>
                  {c.args.map((a) => (
                    <div key={a.name}>
                      <dt>{a.name}</dt>
                      <dd>{a.words}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {warning ? (
                <p role="note" className="warning">
                  ⚠ {warning}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <h2>Votes</h2>
      <QuorumBar p={x} />
      <ul aria-label="Tally">
        <li>
          For: <Ath wei={x.forVotes} />
        </li>
        <li>
          Against: <Ath wei={x.againstVotes} />
        </li>
        <li>
          Abstain: <Ath wei={x.abstainVotes} />
        </li>
      </ul>
      {state === "Active" && address ? chain.data?.voted ? <p data-testid="voted">You have voted on this proposal.</p> : <VoteForm proposalId={x.id} onVoted={() => void Promise.all([p.refetch(), chain.refetch()])} /> : null}
      {state === "Active" && !address ? <p>Connect a wallet to vote.</p> : null}
      <table aria-label="Votes cast">
        <thead>
          <tr>
            <th>Voter</th>
            <th>Vote</th>
            <th>Weight</th>
            <th>Reason</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {x.votes.map((v) => (
            <tr key={v.tx + v.voter} data-testid={`vote-${v.voter}`}>
              <td>
                <code>{v.voter}</code>
              </td>
              <td>{v.support}</td>
              <td>
                <Ath wei={v.weight} />
              </td>
              <td>{v.reason || "—"}</td>
              <td>
                <When unix={v.timestamp} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>History</h2>
      <ol aria-label="History">
        {x.history.map((h, i) => (
          <li key={i}>
            {h.state}: <When unix={h.timestamp} now={now} />
          </li>
        ))}
      </ol>
    </article>
  );
}
