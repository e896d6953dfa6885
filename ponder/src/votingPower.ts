// Voting power for holder governance (issue 16), shared by the two tokens that carry votes: ATH (ERC20Votes, handled in
// ./AethirToken.ts) and stATH (StakingPools' StakedVotes, ./StakingPools.ts). Each DelegateVotesChanged sets that
// token's votes of the delegate and moves the running total of votes held by delegates (the daily series'
// delegatedSupply); each DelegateChanged records whom the account delegates that token to. Rows are read and written by
// primary key only, which Ponder serves from its cache (ATH's votes move on every transfer between delegated holders).
import type { Context } from "ponder:registry";
import { governanceDay, governorSetting, voteDelegate, voteDelegation } from "ponder:schema";
import { dayOf, ZERO } from "./shared";

export type VotesToken = "ath" | "stath";

/** The governor's settings row (id "governor"), created with zeros on first use (a token's votes can move before the governor's constructor events are indexed). */
export async function governorRow(context: Context) {
  return (
    (await context.db.find(governorSetting, { id: "governor" })) ??
    (await context.db.insert(governorSetting).values({
      id: "governor",
      votingDelay: 0n,
      votingPeriod: 0n,
      proposalThreshold: 0n,
      quorumBps: 0n,
      proposalGuardian: null,
      timelock: null,
      athDelegated: 0n,
      stathDelegated: 0n,
      votingSupply: null,
    }))
  );
}

/** Writes the UTC day's governance row from the totals now. */
export async function writeGovernanceDay(context: Context, timestamp: bigint) {
  const s = await governorRow(context);
  const { day, date } = dayOf(timestamp);
  const delegatedSupply = s.athDelegated + s.stathDelegated;
  await context.db
    .insert(governanceDay)
    .values({ day, date, delegatedSupply, votingSupply: s.votingSupply })
    .onConflictDoUpdate({ delegatedSupply, votingSupply: s.votingSupply });
}

export async function delegateVotesChanged(context: Context, token: VotesToken, delegate: `0x${string}`, previousVotes: bigint, newVotes: bigint, timestamp: bigint) {
  const row =
    (await context.db.find(voteDelegate, { address: delegate })) ??
    (await context.db.insert(voteDelegate).values({ address: delegate, athVotes: 0n, stathVotes: 0n, votes: 0n, updatedAt: timestamp }));
  const athVotes = token === "ath" ? newVotes : row.athVotes;
  const stathVotes = token === "stath" ? newVotes : row.stathVotes;
  await context.db.update(voteDelegate, { address: delegate }).set({ athVotes, stathVotes, votes: athVotes + stathVotes, updatedAt: timestamp });
  await governorRow(context);
  const delta = newVotes - previousVotes;
  await context.db
    .update(governorSetting, { id: "governor" })
    .set((r) => (token === "ath" ? { athDelegated: r.athDelegated + delta } : { stathDelegated: r.stathDelegated + delta }));
  await writeGovernanceDay(context, timestamp);
}

export async function delegateChanged(context: Context, token: VotesToken, delegator: `0x${string}`, toDelegate: `0x${string}`, timestamp: bigint) {
  const to = toDelegate === ZERO ? null : toDelegate;
  const set = token === "ath" ? { athDelegate: to } : { stathDelegate: to };
  await context.db
    .insert(voteDelegation)
    .values({ delegator, athDelegate: null, stathDelegate: null, ...set, updatedAt: timestamp })
    .onConflictDoUpdate({ ...set, updatedAt: timestamp });
}
