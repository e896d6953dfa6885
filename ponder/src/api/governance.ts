// Holder governance endpoints (issue 16), the shape the web app's proposals page reads (amounts: wei as decimal
// strings; times: unix seconds as numbers; addresses lower-case):
//   GET /proposals?limit=&offset=   newest first, each with its state as governor.state reports it at the indexed block
//   GET /proposals/:id              one proposal with its history (every state it went through, time-driven ones
//                                   with block and tx null) and its votes
//   GET /delegates?limit=&offset=   delegates by current voting power (ATH + stATH), with how many accounts delegate
//   GET /governance/daily           per UTC day: votes held by delegates, and the last measured voting supply
import { db } from "./snapshot";
import schema from "ponder:schema";
import { Hono } from "hono";
import { asc, desc, eq, gt, inArray, or } from "ponder";
import { proposalHistory, proposalState } from "../governanceState";
import { limitParam, offsetParam, proposalIdParam, withParams } from "./params";
import { indexedTime } from "./status";

type ProposalRow = typeof schema.proposal.$inferSelect;
type CallRow = typeof schema.proposalCall.$inferSelect;

const n = (v: bigint) => Number(v);

function proposalView(p: ProposalRow, calls: CallRow[], at: bigint) {
  return {
    id: p.id.toString(),
    proposer: p.proposer,
    title: p.title,
    description: p.description,
    state: proposalState(p, at),
    createdAt: n(p.createdAt),
    voteStart: n(p.voteStart),
    voteEnd: n(p.voteEnd),
    eta: p.eta === null ? null : n(p.eta),
    forVotes: p.forVotes.toString(),
    againstVotes: p.againstVotes.toString(),
    abstainVotes: p.abstainVotes.toString(),
    quorum: p.quorum.toString(),
    calls: calls
      .filter((c) => c.proposalId === p.id)
      .sort((a, b) => a.index - b.index)
      .map((c) => ({
        target: c.target,
        targetName: c.targetName,
        value: c.value.toString(),
        data: c.data,
        function: c.functionName,
        args: c.args as { name: string; type: string; value: string; words: string }[],
        words: c.words,
      })),
  };
}

/** The newest indexed block's time (the chain's clock, as governor.state reads it); 0 before the first block. */
const now = async () => (await indexedTime()) ?? 0n;

export const governance = new Hono();

governance.get(
  "/proposals",
  withParams(async (c) => {
    const limit = limitParam(c, "limit", 100);
    const offset = offsetParam(c, "offset");
    const at = await now();
    const s = schema;
    const rows = await db.select().from(s.proposal).orderBy(desc(s.proposal.createdAt), desc(s.proposal.createdBlock), desc(s.proposal.id)).limit(limit).offset(offset);
    const calls = rows.length === 0 ? [] : await db.select().from(s.proposalCall).where(inArray(s.proposalCall.proposalId, rows.map((r) => r.id)));
    return c.json({ items: rows.map((r) => proposalView(r, calls, at)) });
  }),
);

governance.get(
  "/proposals/:id",
  withParams(async (c) => {
    const id = proposalIdParam(c, "id");
    const at = await now();
    const s = schema;
    const [row] = await db.select().from(s.proposal).where(eq(s.proposal.id, id));
    if (row === undefined) return c.json({ error: `there is no proposal ${id}; GET /proposals lists them` }, 404);
    const calls = await db.select().from(s.proposalCall).where(eq(s.proposalCall.proposalId, id));
    const events = await db.select().from(s.proposalTransition).where(eq(s.proposalTransition.proposalId, id)).orderBy(asc(s.proposalTransition.blockNumber), asc(s.proposalTransition.id));
    const votes = await db.select().from(s.proposalVote).where(eq(s.proposalVote.proposalId, id)).orderBy(asc(s.proposalVote.blockNumber), asc(s.proposalVote.id));
    const history = proposalHistory(
      row,
      events.map((e) => ({ state: e.state as never, timestamp: e.timestamp, block: e.blockNumber, tx: e.transactionHash })),
      at,
    );
    return c.json({
      ...proposalView(row, calls, at),
      history: history.map((h) => ({ state: h.state, timestamp: n(h.timestamp), block: h.block === null ? null : n(h.block), tx: h.tx })),
      votes: votes.map((v) => ({
        voter: v.voter,
        support: v.support,
        weight: v.weight.toString(),
        reason: v.reason,
        timestamp: n(v.timestamp),
        block: n(v.blockNumber),
        tx: v.transactionHash,
      })),
    });
  }),
);

governance.get(
  "/delegates",
  withParams(async (c) => {
    const limit = limitParam(c, "limit", 100);
    const offset = offsetParam(c, "offset");
    const s = schema;
    const rows = await db.select().from(s.voteDelegate).where(gt(s.voteDelegate.votes, 0n)).orderBy(desc(s.voteDelegate.votes), asc(s.voteDelegate.address)).limit(limit).offset(offset);
    const addresses = rows.map((r) => r.address);
    const delegations =
      addresses.length === 0
        ? []
        : await db.select().from(s.voteDelegation).where(or(inArray(s.voteDelegation.athDelegate, addresses), inArray(s.voteDelegation.stathDelegate, addresses)));
    // an account delegating both tokens to the same delegate counts once
    const delegators = new Map<string, Set<string>>();
    for (const d of delegations)
      for (const to of new Set([d.athDelegate, d.stathDelegate])) if (to !== null) delegators.set(to, (delegators.get(to) ?? new Set()).add(d.delegator));
    return c.json({
      items: rows.map((r) => ({
        address: r.address,
        votes: r.votes.toString(),
        athVotes: r.athVotes.toString(),
        stathVotes: r.stathVotes.toString(),
        delegators: delegators.get(r.address)?.size ?? 0,
      })),
    });
  }),
);

governance.get(
  "/governance/daily",
  withParams(async (c) => {
    const rows = await db.select().from(schema.governanceDay).orderBy(asc(schema.governanceDay.day));
    // a day before the first measurement carries none; later days without one carry the last (the rows do already)
    return c.json({
      items: rows.map((r) => ({ day: r.date, delegatedSupply: r.delegatedSupply.toString(), votingSupply: (r.votingSupply ?? 0n).toString() })),
    });
  }),
);
