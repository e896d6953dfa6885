// A proposal's state at a time, and the states it went through, from what the events stored: governor.state's own rule
// (OpenZeppelin 5 Governor with GovernorTimelockControl) applied to the indexed row and the newest indexed block's
// timestamp. Executed and Canceled come from events (the governor's, or the timelock's when its batch was executed or
// cancelled there directly); Pending while the snapshot (voteStart) is not past; Active until voteEnd is past; then
// Defeated unless the quorum (For + Abstain) is reached and For beats Against; Succeeded until queued; Queued after.
// OpenZeppelin's Governor never reports Expired with a timelock (a queued batch waits in the timelock forever), so
// neither does this. Pure, so the API and the tests share it.

export const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"] as const;
export type ProposalState = (typeof STATES)[number];

export interface ProposalTimes {
  createdAt: bigint;
  voteStart: bigint;
  voteEnd: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  quorum: bigint;
  queuedAt: bigint | null;
  executedAt: bigint | null;
  canceledAt: bigint | null;
}

/** Whether the vote passed: the quorum reached (For + Abstain) and more For than Against. */
export const passed = (p: ProposalTimes) => p.quorum <= p.forVotes + p.abstainVotes && p.forVotes > p.againstVotes;

/** governor.state at a block whose timestamp is `at` (the row as indexed up to that block). */
export function proposalState(p: ProposalTimes, at: bigint): ProposalState {
  if (p.executedAt !== null) return "Executed";
  if (p.canceledAt !== null) return "Canceled";
  if (p.voteStart >= at) return "Pending";
  if (p.voteEnd >= at) return "Active";
  if (!passed(p)) return "Defeated";
  return p.queuedAt === null ? "Succeeded" : "Queued";
}

export interface Transition {
  state: ProposalState;
  timestamp: bigint;
  block: bigint | null;
  tx: string | null;
}

/**
 * Every state the proposal went through up to `at`, in order: the event-driven transitions (`events`: Pending,
 * Queued, Executed, Canceled, with their block and transaction) and the time-driven ones, which no event marks: Active
 * at voteStart, Succeeded or Defeated at voteEnd (each only if the proposal was not cancelled or executed before).
 */
export function proposalHistory(p: ProposalTimes, events: Transition[], at: bigint): Transition[] {
  const ended = p.canceledAt ?? p.executedAt;
  const timed: Transition[] = [];
  const before = (t: bigint) => at > t && (ended === null || ended > t);
  if (before(p.voteStart)) timed.push({ state: "Active", timestamp: p.voteStart, block: null, tx: null });
  if (before(p.voteEnd)) timed.push({ state: passed(p) ? "Succeeded" : "Defeated", timestamp: p.voteEnd, block: null, tx: null });
  const order = (t: Transition) => (t.state === "Pending" ? 0 : t.state === "Active" ? 1 : t.state === "Succeeded" || t.state === "Defeated" ? 2 : 3);
  return [...events, ...timed].sort((a, b) => (a.timestamp === b.timestamp ? order(a) - order(b) : a.timestamp < b.timestamp ? -1 : 1));
}
