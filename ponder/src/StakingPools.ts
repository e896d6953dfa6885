// Holder staking (SPEC §7): pools, funding, positions, rewards paid, and the stATH receipt (ERC-20).
import { ponder, type Context } from "ponder:registry";
import {
  stakingAccount,
  stakingFunding,
  stakingPool,
  stakingPoolDay,
  stakingPoolToken,
  stakingPosition,
  stakingRewardClaim,
  stathAllowance,
  stathBalance,
  stakingSetting,
} from "ponder:schema";
import { StakingPoolsAbi } from "../abis/StakingPools";
import { dayOf, eventId, lower, setRole, setRoleAdmin, stakingSettingsRow, ZERO } from "./shared";
import { delegateChanged, delegateVotesChanged } from "./votingPower";

const WEEK = 604_800n;

type At = { log: { address: `0x${string}` }; block: { number: bigint; timestamp: bigint } };

/** The pool row, with `staked` and `totalWeight` read from the contract at the event's block. */
async function refreshPool(context: Context, event: At, poolId: bigint, openDelta = 0) {
  const view = await context.client.readContract({
    abi: StakingPoolsAbi,
    address: event.log.address,
    functionName: "pool",
    args: [poolId],
    blockNumber: event.block.number,
  });
  await context.db.update(stakingPool, { poolId }).set((r) => ({
    staked: view.staked,
    totalWeight: view.totalWeight,
    openPositions: r.openPositions + openDelta,
    updatedBlock: event.block.number,
  }));
  return view.staked;
}

async function addPoolDaily(context: Context, poolId: bigint, timestamp: bigint, staked: bigint, add: { stakedIn?: bigint; withdrawn?: bigint; rewardsPaid?: bigint }) {
  const { day, date } = dayOf(timestamp);
  const [i, w, p] = [add.stakedIn ?? 0n, add.withdrawn ?? 0n, add.rewardsPaid ?? 0n];
  await context.db
    .insert(stakingPoolDay)
    .values({ poolId, day, date, staked, stakedIn: i, withdrawn: w, rewardsPaid: p })
    .onConflictDoUpdate((r) => ({ staked, stakedIn: r.stakedIn + i, withdrawn: r.withdrawn + w, rewardsPaid: r.rewardsPaid + p }));
}

async function stakerRow(context: Context, address: `0x${string}`) {
  return (
    (await context.db.find(stakingAccount, { address })) ??
    (await context.db.insert(stakingAccount).values({ address, staked: 0n, weight: 0n, openPositions: 0, positionCount: 0, rewardsClaimed: 0n }))
  );
}

async function ensurePool(context: Context, poolId: bigint) {
  await context.db
    .insert(stakingPool)
    .values({ poolId, name: "", rewardTokens: [], staked: 0n, totalWeight: 0n, openPositions: 0, updatedBlock: 0n })
    .onConflictDoNothing();
}

// ---------------------------------------------------------------- pools and funding

// createPool lists its tokens (RewardTokenAdded) before it emits PoolCreated: both upsert the pool.
ponder.on("StakingPools:RewardTokenAdded", async ({ event, context }) => {
  const { poolId, index, token } = event.args;
  await ensurePool(context, poolId);
  await context.db.update(stakingPool, { poolId }).set((r) => ({ rewardTokens: [...r.rewardTokens, lower(token)] }));
  await context.db
    .insert(stakingPoolToken)
    .values({ poolId, token: lower(token), index: Number(index), funded: 0n, paid: 0n, carried: 0n, forfeited: 0n });
});

ponder.on("StakingPools:PoolCreated", async ({ event, context }) => {
  await ensurePool(context, event.args.poolId);
  await context.db.update(stakingPool, { poolId: event.args.poolId }).set({ name: event.args.name, updatedBlock: event.block.number });
});

ponder.on("StakingPools:Funded", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(stakingFunding).values({
    id: eventId(event),
    poolId: a.poolId,
    token: lower(a.token),
    funder: lower(a.funder),
    firstWeek: a.firstWeek,
    weeks: a.weeks_,
    amountPerWeek: a.amountPerWeek,
    timestamp: event.block.timestamp,
  });
  await context.db.update(stakingPoolToken, { poolId: a.poolId, token: lower(a.token) }).set((r) => ({ funded: r.funded + a.amountPerWeek * a.weeks_ }));
});

ponder.on("StakingPools:RewardsCarried", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(stakingPoolToken, { poolId: a.poolId, token: lower(a.token) }).set((r) => ({ carried: r.carried + a.amount }));
});

// ---------------------------------------------------------------- positions

ponder.on("StakingPools:Staked", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  await context.db.insert(stakingPosition).values({
    account,
    positionId: a.positionId,
    poolId: a.poolId,
    amount: a.amount,
    lockWeeks: Number(a.lockWeeks),
    unlockWeek: a.unlockWeek,
    unlockTime: a.unlockWeek * WEEK,
    weight: a.weight,
    status: "open",
    rewardsClaimed: 0n,
    openedAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  });
  await stakerRow(context, account);
  await context.db.update(stakingAccount, { address: account }).set((r) => ({
    staked: r.staked + a.amount,
    weight: r.weight + a.weight,
    openPositions: r.openPositions + 1,
    positionCount: r.positionCount + 1,
  }));
  const staked = await refreshPool(context, event, a.poolId, 1);
  await addPoolDaily(context, a.poolId, event.block.timestamp, staked, { stakedIn: a.amount });
});

ponder.on("StakingPools:Relocked", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  // rows found are live objects that the next update changes: keep the old weight first
  const weightBefore = (await context.db.find(stakingPosition, { account, positionId: a.positionId }))?.weight ?? 0n;
  await context.db.update(stakingPosition, { account, positionId: a.positionId }).set({
    amount: a.amount,
    lockWeeks: Number(a.lockWeeks),
    unlockWeek: a.unlockWeek,
    unlockTime: a.unlockWeek * WEEK,
    weight: a.weight,
    updatedAt: event.block.timestamp,
  });
  await context.db.update(stakingAccount, { address: account }).set((r) => ({
    staked: r.staked + a.added,
    weight: r.weight + a.weight - weightBefore,
  }));
  const staked = await refreshPool(context, event, a.poolId);
  await addPoolDaily(context, a.poolId, event.block.timestamp, staked, { stakedIn: a.added });
});

ponder.on("StakingPools:Withdrawn", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  const before = await context.db.find(stakingPosition, { account, positionId: a.positionId });
  // an emergency withdrawal emits RewardsForfeited first, which marks the position
  const status = before?.status === "emergencyWithdrawn" ? "emergencyWithdrawn" : "withdrawn";
  const weightBefore = before?.weight ?? 0n;
  await context.db
    .update(stakingPosition, { account, positionId: a.positionId })
    .set({ amount: a.amount, weight: 0n, status, updatedAt: event.block.timestamp });
  await context.db.update(stakingAccount, { address: account }).set((r) => ({
    staked: r.staked - a.amount,
    weight: r.weight - weightBefore,
    openPositions: r.openPositions - 1,
  }));
  const staked = await refreshPool(context, event, a.poolId, -1);
  await addPoolDaily(context, a.poolId, event.block.timestamp, staked, { withdrawn: a.amount });
});

ponder.on("StakingPools:RewardsPaid", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  const position = await context.db.find(stakingPosition, { account, positionId: a.positionId });
  if (!position) throw new Error(`RewardsPaid for unknown position ${account}/${a.positionId} in ${event.transaction.hash}`);
  const pool = await context.db.find(stakingPool, { poolId: position.poolId });
  const tokens = pool?.rewardTokens ?? [];
  const first = a.amounts[0] ?? 0n;
  for (const [k, amount] of a.amounts.entries()) {
    const token = tokens[k];
    if (token === undefined || amount === 0n) continue;
    await context.db.update(stakingPoolToken, { poolId: position.poolId, token }).set((r) => ({ paid: r.paid + amount }));
    await context.db
      .insert(stakingRewardClaim)
      .values({ account, token, amount })
      .onConflictDoUpdate((r) => ({ amount: r.amount + amount }));
  }
  await context.db.update(stakingPosition, { account, positionId: a.positionId }).set((r) => ({ rewardsClaimed: r.rewardsClaimed + first }));
  await stakerRow(context, account);
  await context.db.update(stakingAccount, { address: account }).set((r) => ({ rewardsClaimed: r.rewardsClaimed + first }));
  await addPoolDaily(context, position.poolId, event.block.timestamp, pool?.staked ?? 0n, { rewardsPaid: first });
});

ponder.on("StakingPools:RewardsForfeited", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  const position = await context.db.find(stakingPosition, { account, positionId: a.positionId });
  if (!position) return;
  await context.db.update(stakingPosition, { account, positionId: a.positionId }).set({ status: "emergencyWithdrawn" });
  await context.db.update(stakingPoolToken, { poolId: position.poolId, token: lower(a.token) }).set((r) => ({ forfeited: r.forfeited + a.amount }));
});

// ---------------------------------------------------------------- stATH (ERC-20)

async function moveStath(context: Context, address: `0x${string}`, delta: bigint) {
  await context.db
    .insert(stathBalance)
    .values({ address, balance: delta, transferCount: 1 })
    .onConflictDoUpdate((r) => ({ balance: r.balance + delta, transferCount: r.transferCount + 1 }));
}

ponder.on("StakingPools:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  if (from !== ZERO) await moveStath(context, lower(from), -value);
  if (to !== ZERO) await moveStath(context, lower(to), value);
  if (from === ZERO || to === ZERO) {
    await stakingSettingsRow(context);
    await context.db.update(stakingSetting, { id: "staking" }).set((r) => ({ stathSupply: r.stathSupply + (from === ZERO ? value : -value) }));
  }
});

ponder.on("StakingPools:Approval", async ({ event, context }) => {
  const { owner, spender, value } = event.args;
  await context.db
    .insert(stathAllowance)
    .values({ owner: lower(owner), spender: lower(spender), amount: value, updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ amount: value, updatedAt: event.block.timestamp });
});

// ---------------------------------------------------------------- pause and roles

ponder.on("StakingPools:Paused", async ({ context }) => {
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set({ poolsPaused: true });
});

ponder.on("StakingPools:Unpaused", async ({ context }) => {
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set({ poolsPaused: false });
});

ponder.on("StakingPools:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("StakingPools:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("StakingPools:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));

// ---------------------------------------------------------------- stATH votes (StakedVotes, issue 16)

ponder.on("StakingPools:DelegateChanged", async ({ event, context }) => {
  await delegateChanged(context, "stath", lower(event.args.delegator), lower(event.args.toDelegate), event.block.timestamp);
});

ponder.on("StakingPools:DelegateVotesChanged", async ({ event, context }) => {
  await delegateVotesChanged(context, "stath", lower(event.args.delegate), event.args.previousVotes, event.args.newVotes, event.block.timestamp);
});
