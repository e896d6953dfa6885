// Holder governance (issue 16): AethirGovernor's proposals (calls decoded in words), their event-driven state
// transitions, votes with reasons, the voting supply and quorum measured at each proposal, and every settings event.
// Time-driven states (Active, Succeeded, Defeated) are derived at query time (./governanceState.ts). A queued proposal's
// batch is remembered by its timelock operation id, so that the timelock executing or cancelling it directly (the
// guardian's veto there, or another executor) ends the proposal as governor.state reports it (./Timelock.ts).
import { ponder, type Context } from "ponder:registry";
import {
  governorSetting,
  governorSettingChange,
  proposal,
  proposalCall,
  proposalOperation,
  proposalTransition,
  proposalVote,
  votingSupplyMeasurement,
} from "ponder:schema";
import { gte } from "ponder";
import { encodeAbiParameters, keccak256, toBytes, toHex } from "viem";
import { decodeCall } from "./describeCall";
import { eventId, lower, ZERO } from "./shared";
import { governorRow, writeGovernanceDay } from "./votingPower";

type At = { block: { number: bigint; timestamp: bigint }; transaction: { hash: `0x${string}` }; log: { logIndex: number; address: `0x${string}` } };

const SUPPORT = ["against", "for", "abstain"] as const;

/** The timelock batch id GovernorTimelockControl queues a proposal under: salt = bytes20(governor) ^ keccak(description). */
export function timelockOperationId(governor: `0x${string}`, targets: readonly `0x${string}`[], values: readonly bigint[], calldatas: readonly `0x${string}`[], description: string): `0x${string}` {
  const salt = toHex((BigInt(governor) << 96n) ^ BigInt(keccak256(toBytes(description))), { size: 32 });
  return keccak256(
    encodeAbiParameters(
      [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }, { type: "bytes32" }],
      [targets, values, calldatas, `0x${"00".repeat(32)}`, salt],
    ),
  );
}

async function transition(context: Context, event: At, proposalId: bigint, state: string, id = eventId(event)) {
  await context.db
    .insert(proposalTransition)
    .values({ id, proposalId, state, timestamp: event.block.timestamp, blockNumber: event.block.number, transactionHash: event.transaction.hash })
    .onConflictDoNothing();
}

/**
 * The proposal ends Executed or Canceled, once: from the governor's event or from the timelock's (whichever comes
 * first in the transaction; the governor's execute emits the timelock's CallExecuted before its ProposalExecuted, its
 * cancel ProposalCanceled before the timelock's Cancelled). Exported for ./Timelock.ts.
 */
export async function endProposal(context: Context, event: At, proposalId: bigint, state: "Executed" | "Canceled") {
  const row = await context.db.find(proposal, { id: proposalId });
  if (row === null || row.executedAt !== null || row.canceledAt !== null) return;
  const ts = event.block.timestamp;
  await context.db.update(proposal, { id: proposalId }).set(state === "Executed" ? { executedAt: ts, eventState: state } : { canceledAt: ts, eventState: state });
  await transition(context, event, proposalId, state, `${proposalId}-end`);
}

/** The timelock finished (executed or cancelled) operation `opId`: if it is a proposal's batch, the proposal ends. */
export async function timelockOperationEnded(context: Context, event: At, opId: `0x${string}`, state: "Executed" | "Canceled") {
  const op = await context.db.find(proposalOperation, { opId });
  if (op !== null) await endProposal(context, event, op.proposalId, state);
}

ponder.on("AethirGovernor:ProposalCreated", async ({ event, context }) => {
  const a = event.args;
  const ts = event.block.timestamp;
  const opId = timelockOperationId(event.log.address, a.targets, a.values, a.calldatas, a.description);
  await context.db.insert(proposal).values({
    id: a.proposalId,
    proposer: lower(a.proposer),
    title: a.description.split("\n")[0]!.replace(/^#+\s*/, "").trim(),
    description: a.description,
    createdAt: ts,
    createdBlock: event.block.number,
    voteStart: a.voteStart,
    voteEnd: a.voteEnd,
    eta: null,
    timelockOpId: opId,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voteCount: 0,
    quorum: 0n,
    eventState: "Pending",
    queuedAt: null,
    executedAt: null,
    canceledAt: null,
  });
  for (let i = 0; i < a.targets.length; i++) {
    const target = lower(a.targets[i]!);
    const data = a.calldatas[i]!;
    const value = a.values[i]!;
    const d = decodeCall(target, data, value);
    await context.db.insert(proposalCall).values({ proposalId: a.proposalId, index: i, target, targetName: d.targetName, value, data, functionName: d.functionName, args: d.args, words: d.words });
  }
  await context.db.insert(proposalOperation).values({ opId, proposalId: a.proposalId }).onConflictDoNothing();
  await transition(context, event, a.proposalId, "Pending");
});

ponder.on("AethirGovernor:VotingSupplyMeasured", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(votingSupplyMeasurement).values({
    proposalId: a.proposalId,
    timepoint: a.timepoint,
    votingSupply: a.votingSupply,
    quorum: a.quorum,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  // governor.quorum(snapshot) is the last measurement at or before the snapshot: measurements come in time order, so
  // this one applies to every proposal whose snapshot is not before it (later proposals' too, in the same second).
  // by key, not one raw UPDATE: see ComplianceRegistry.ts and docs/decisions.md, "Indexer speed: no raw writes"
  const later = await context.db.sql.select({ id: proposal.id }).from(proposal).where(gte(proposal.voteStart, a.timepoint));
  for (const key of later) await context.db.update(proposal, key).set({ quorum: a.quorum });
  await governorRow(context);
  await context.db.update(governorSetting, { id: "governor" }).set({ votingSupply: a.votingSupply });
  await writeGovernanceDay(context, event.block.timestamp);
});

async function vote(context: Context, event: At, a: { voter: `0x${string}`; proposalId: bigint; support: number; weight: bigint; reason: string }, params: `0x${string}` | null) {
  const support = SUPPORT[a.support] ?? "abstain";
  await context.db.insert(proposalVote).values({
    id: eventId(event),
    proposalId: a.proposalId,
    voter: lower(a.voter),
    support,
    weight: a.weight,
    reason: a.reason,
    params,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  await context.db.update(proposal, { id: a.proposalId }).set((r) => ({
    forVotes: r.forVotes + (support === "for" ? a.weight : 0n),
    againstVotes: r.againstVotes + (support === "against" ? a.weight : 0n),
    abstainVotes: r.abstainVotes + (support === "abstain" ? a.weight : 0n),
    voteCount: r.voteCount + 1,
  }));
}

ponder.on("AethirGovernor:VoteCast", async ({ event, context }) => vote(context, event, event.args, null));
ponder.on("AethirGovernor:VoteCastWithParams", async ({ event, context }) => vote(context, event, event.args, event.args.params));

ponder.on("AethirGovernor:ProposalQueued", async ({ event, context }) => {
  await context.db.update(proposal, { id: event.args.proposalId }).set({ eta: event.args.etaSeconds, queuedAt: event.block.timestamp, eventState: "Queued" });
  await transition(context, event, event.args.proposalId, "Queued");
});

ponder.on("AethirGovernor:ProposalExecuted", async ({ event, context }) => endProposal(context, event, event.args.proposalId, "Executed"));
ponder.on("AethirGovernor:ProposalCanceled", async ({ event, context }) => endProposal(context, event, event.args.proposalId, "Canceled"));

// ---------------------------------------------------------------- settings (every one logged, the current values kept)

async function setting(context: Context, event: At, name: string, oldValue: string | null, newValue: string | null, set: Partial<typeof governorSetting.$inferInsert>) {
  await governorRow(context);
  if (Object.keys(set).length > 0) await context.db.update(governorSetting, { id: "governor" }).set(set);
  await context.db.insert(governorSettingChange).values({
    id: eventId(event),
    event: name,
    oldValue,
    newValue,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
}

const addr = (a: `0x${string}`) => (a === ZERO ? null : lower(a));

ponder.on("AethirGovernor:VotingDelaySet", async ({ event, context }) =>
  setting(context, event, "VotingDelaySet", String(event.args.oldVotingDelay), String(event.args.newVotingDelay), { votingDelay: event.args.newVotingDelay }));
ponder.on("AethirGovernor:VotingPeriodSet", async ({ event, context }) =>
  setting(context, event, "VotingPeriodSet", String(event.args.oldVotingPeriod), String(event.args.newVotingPeriod), { votingPeriod: event.args.newVotingPeriod }));
ponder.on("AethirGovernor:ProposalThresholdSet", async ({ event, context }) =>
  setting(context, event, "ProposalThresholdSet", String(event.args.oldProposalThreshold), String(event.args.newProposalThreshold), { proposalThreshold: event.args.newProposalThreshold }));
ponder.on("AethirGovernor:QuorumBpsSet", async ({ event, context }) =>
  setting(context, event, "QuorumBpsSet", String(event.args.oldQuorumBps), String(event.args.newQuorumBps), { quorumBps: event.args.newQuorumBps }));
ponder.on("AethirGovernor:ProposalGuardianSet", async ({ event, context }) =>
  setting(context, event, "ProposalGuardianSet", addr(event.args.oldProposalGuardian), addr(event.args.newProposalGuardian), { proposalGuardian: addr(event.args.newProposalGuardian) }));
ponder.on("AethirGovernor:TimelockChange", async ({ event, context }) =>
  setting(context, event, "TimelockChange", addr(event.args.oldTimelock), addr(event.args.newTimelock), { timelock: addr(event.args.newTimelock) }));
// EIP-5267: the governor's EIP-712 domain (vote-by-signature) is fixed at deployment; logged if it ever changes.
ponder.on("AethirGovernor:EIP712DomainChanged", async ({ event, context }) => setting(context, event, "EIP712DomainChanged", null, null, {}));
