// The indexer's rule for a proposal's state and history (ponder/src/governanceState.ts), unit-level, on the cases the
// npm start story does not reach: cancelled while pending or active, a tie, the quorum met by abstentions, and the
// instants at the edges (governor.state says Pending at voteStart itself and Active at voteEnd itself). The end-to-end
// test (test/ts/indexer-governance.checks.ts) compares the same rule with governor.state on a real chain.
import { expect } from "chai";
import { proposalHistory, proposalState, type ProposalTimes, type Transition } from "../../ponder/src/governanceState.js";

const base: ProposalTimes = {
  createdAt: 100n, voteStart: 200n, voteEnd: 300n, forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, quorum: 10n,
  queuedAt: null, executedAt: null, canceledAt: null,
};
const created: Transition = { state: "Pending", timestamp: 100n, block: 1n, tx: "0x01" };
const states = (p: ProposalTimes, events: Transition[], at: bigint) => proposalHistory(p, events, at).map((h) => h.state);

describe("Governance states as the indexer derives them", () => {
  it("follows governor.state at the edges of the voting period", () => {
    expect(proposalState(base, 200n)).to.equal("Pending");
    expect(proposalState(base, 201n)).to.equal("Active");
    expect(proposalState(base, 300n)).to.equal("Active");
    expect(proposalState(base, 301n)).to.equal("Defeated");
  });

  it("passes only with the quorum (For + Abstain) reached and more For than Against", () => {
    expect(proposalState({ ...base, forVotes: 5n, abstainVotes: 5n }, 301n), "abstentions count to the quorum").to.equal("Succeeded");
    expect(proposalState({ ...base, forVotes: 9n }, 301n), "short of the quorum").to.equal("Defeated");
    expect(proposalState({ ...base, forVotes: 20n, againstVotes: 20n }, 301n), "a tie").to.equal("Defeated");
    expect(proposalState({ ...base, forVotes: 20n, queuedAt: 310n }, 311n)).to.equal("Queued");
    expect(proposalState({ ...base, forVotes: 20n, queuedAt: 310n, executedAt: 400n }, 401n)).to.equal("Executed");
  });

  it("lists the time-driven states only up to the moment the proposal was cancelled", () => {
    const cancel = (t: bigint): Transition => ({ state: "Canceled", timestamp: t, block: 2n, tx: "0x02" });
    expect(states({ ...base, canceledAt: 150n }, [created, cancel(150n)], 1000n)).to.deep.equal(["Pending", "Canceled"]);
    expect(states({ ...base, canceledAt: 250n }, [created, cancel(250n)], 1000n)).to.deep.equal(["Pending", "Active", "Canceled"]);
    expect(states({ ...base, forVotes: 20n }, [created], 250n), "still voting").to.deep.equal(["Pending", "Active"]);
    const history = proposalHistory({ ...base, forVotes: 20n }, [created], 301n);
    expect(history.map((h) => [h.state, h.timestamp, h.block, h.tx])).to.deep.equal([
      ["Pending", 100n, 1n, "0x01"], ["Active", 200n, null, null], ["Succeeded", 300n, null, null],
    ]);
  });
});
