// Cloud-host staking (SPEC §7): hosts, their stake and delegations, unbonding requests, reward streams, halts and
// executed slashes' effects. Pool figures are read from the contract at the event's block; after a slash, every
// delegation's and unbonding request's worth is recomputed from its shares (bigint division, as the contract rounds).
import { ponder, type Context } from "ponder:registry";
import { host, hostDelegation, slashProposal, stakingSetting, unbondingRequest } from "ponder:schema";
import { HostStakingAbi } from "../abis/HostStaking";
import { addHostStakingDaily, lower, setRole, setRoleAdmin, stakingSettingsRow } from "./shared";

type At = { log: { address: `0x${string}` }; block: { number: bigint; timestamp: bigint } };

const pools = (context: Context, event: At, address: `0x${string}`) => {
  const at = { abi: HostStakingAbi, address: event.log.address, args: [address], blockNumber: event.block.number } as const;
  return Promise.all([
    context.client.readContract({ ...at, functionName: "activePool" }),
    context.client.readContract({ ...at, functionName: "unbondingPool" }),
    streamOf(context, event, address),
  ]);
};
const streamOf = (context: Context, event: At, address: `0x${string}`) =>
  context.client.readContract({ abi: HostStakingAbi, address: event.log.address, functionName: "streamOf", args: [address], blockNumber: event.block.number });

/** Re-reads `hostAddress`'s pools and stream at the event's block; keeps the global totals in step. */
async function refreshHost(context: Context, event: At, hostAddress: `0x${string}`) {
  const [active, unbonding, stream] = await pools(context, event, hostAddress);
  const before = await context.db.find(host, { address: hostAddress });
  if (!before) throw new Error(`unknown host ${hostAddress}`);
  // rows found are live objects that the next update changes: keep the old figures first
  const [stakeBefore, unbondingBefore] = [before.stake, before.unbondingStake];
  await context.db.update(host, { address: hostAddress }).set({
    stake: active.assets,
    activeShares: active.shares,
    unbondingStake: unbonding.assets,
    unbondingShares: unbonding.shares,
    unreleasedRewards: stream.unreleased,
    rewardFinish: BigInt(stream.finish),
    activeGeneration: Number(stream.activeGeneration),
    unbondingGeneration: Number(stream.unbondingGeneration),
  });
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set((r) => ({
    hostActiveStake: r.hostActiveStake + active.assets - stakeBefore,
    hostUnbondingStake: r.hostUnbondingStake + unbonding.assets - unbondingBefore,
  }));
  return { active, unbonding };
}

async function delegationRow(context: Context, hostAddress: `0x${string}`, account: `0x${string}`, timestamp: bigint) {
  const found = await context.db.find(hostDelegation, { host: hostAddress, account });
  if (found) return found;
  await context.db.update(host, { address: hostAddress }).set((r) => ({ delegators: [...r.delegators, account] }));
  return context.db.insert(hostDelegation).values({
    host: hostAddress,
    account,
    shares: 0n,
    stake: 0n,
    delegated: 0n,
    undelegated: 0n,
    rewardsClaimed: 0n,
    updatedAt: timestamp,
  });
}

/** Counts `account` in or out of the host's delegators when its shares go from or to zero. */
async function countDelegator(context: Context, hostAddress: `0x${string}`, account: `0x${string}`, before: bigint, after: bigint) {
  if (account === hostAddress || (before === 0n) === (after === 0n)) return;
  await context.db.update(host, { address: hostAddress }).set((r) => ({ delegatorCount: r.delegatorCount + (after === 0n ? -1 : 1) }));
}

/**
 * Every delegation's and pending unbonding request's worth from its shares and the host's pools now (after a slash),
 * or zero shares for the pool a slash retired (`wipe`).
 */
async function revalue(
  context: Context,
  hostAddress: `0x${string}`,
  active: { assets: bigint; shares: bigint },
  unbonding: { assets: bigint; shares: bigint },
  wipe: { active?: boolean; unbonding?: boolean } = {},
) {
  const h = await context.db.find(host, { address: hostAddress });
  if (!h) return;
  for (const account of h.delegators) {
    await context.db.update(hostDelegation, { host: hostAddress, account }).set((r) => {
      const shares = wipe.active ? 0n : r.shares;
      return { shares, stake: active.shares === 0n ? 0n : (shares * active.assets) / active.shares };
    });
  }
  for (const id of h.pendingUnbondings) {
    await context.db.update(unbondingRequest, { id }).set((r) => {
      const shares = wipe.unbonding ? 0n : r.shares;
      return { shares, value: unbonding.shares === 0n ? 0n : (shares * unbonding.assets) / unbonding.shares };
    });
  }
}

// ---------------------------------------------------------------- hosts

ponder.on("HostStaking:HostRegistered", async ({ event, context }) => {
  await context.db.insert(host).values({
    address: lower(event.args.host),
    commissionBps: event.args.commissionBps,
    pendingCommissionBps: null,
    commissionEffectiveAt: null,
    containerCount: 0,
    coefficientSum: 0n,
    requiredStake: 0n,
    stake: 0n,
    activeShares: 0n,
    unbondingStake: 0n,
    unbondingShares: 0n,
    delegatorCount: 0,
    delegators: [],
    pendingUnbondings: [],
    halted: false,
    pendingSlashes: 0,
    rewardsFunded: 0n,
    rewardsReleased: 0n,
    commissionEarned: 0n,
    rewardsClaimed: 0n,
    unreleasedRewards: 0n,
    rewardFinish: 0n,
    slashed: 0n,
    activeGeneration: 0,
    unbondingGeneration: 0,
    registeredAt: event.block.timestamp,
  });
});

ponder.on("HostStaking:CommissionChangeScheduled", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(host, { address: lower(a.host) }).set({ pendingCommissionBps: a.commissionBps, commissionEffectiveAt: a.effectiveAt });
});

ponder.on("HostStaking:CommissionChanged", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(host, { address: lower(a.host) }).set({ commissionBps: a.commissionBps, pendingCommissionBps: null, commissionEffectiveAt: null });
});

ponder.on("HostStaking:CapacitySet", async ({ event, context }) => {
  const a = event.args;
  await context.db
    .update(host, { address: lower(a.host) })
    .set({ containerCount: Number(a.containerCount), coefficientSum: a.coefficientSum, requiredStake: a.requiredStake });
});

ponder.on("HostStaking:HostHalted", async ({ event, context }) => {
  await context.db.update(host, { address: lower(event.args.host) }).set({ halted: true });
});

ponder.on("HostStaking:HostResumed", async ({ event, context }) => {
  await context.db.update(host, { address: lower(event.args.host) }).set({ halted: false });
});

ponder.on("HostStaking:PendingSlashesChanged", async ({ event, context }) => {
  await context.db.update(host, { address: lower(event.args.host) }).set({ pendingSlashes: Number(event.args.pending) });
});

// ---------------------------------------------------------------- stake

ponder.on("HostStaking:Delegated", async ({ event, context }) => {
  const a = event.args;
  const [hostAddress, account] = [lower(a.host), lower(a.account)];
  const d = await delegationRow(context, hostAddress, account, event.block.timestamp);
  const sharesBefore = d.shares;
  const shares = d.shares + a.shares;
  await context.db.update(hostDelegation, { host: hostAddress, account }).set({
    shares,
    stake: (shares * a.poolAssets) / a.poolShares,
    delegated: d.delegated + a.amount,
    updatedAt: event.block.timestamp,
  });
  await countDelegator(context, hostAddress, account, sharesBefore, shares);
  await refreshHost(context, event, hostAddress);
  await addHostStakingDaily(context, event.block.timestamp, { delegated: a.amount });
});

ponder.on("HostStaking:Undelegated", async ({ event, context }) => {
  const a = event.args;
  const [hostAddress, account] = [lower(a.host), lower(a.account)];
  const d = await delegationRow(context, hostAddress, account, event.block.timestamp);
  const sharesBefore = d.shares;
  const shares = d.shares - a.sharesBurned;
  const { active, unbonding } = await refreshHost(context, event, hostAddress);
  await context.db.update(hostDelegation, { host: hostAddress, account }).set({
    shares,
    stake: active.shares === 0n ? 0n : (shares * active.assets) / active.shares,
    undelegated: d.undelegated + a.amount,
    updatedAt: event.block.timestamp,
  });
  await countDelegator(context, hostAddress, account, sharesBefore, shares);
  await context.db.insert(unbondingRequest).values({
    id: a.id,
    host: hostAddress,
    account,
    amount: a.amount,
    sharesBurned: a.sharesBurned,
    shares: a.unbondingShares,
    value: unbonding.shares === 0n ? 0n : (a.unbondingShares * unbonding.assets) / unbonding.shares,
    unlockAt: a.unlockAt,
    status: "unbonding",
    withdrawnAmount: null,
    requestedAt: event.block.timestamp,
    withdrawnAt: null,
  });
  await context.db.update(host, { address: hostAddress }).set((r) => ({ pendingUnbondings: [...r.pendingUnbondings, a.id] }));
  await addHostStakingDaily(context, event.block.timestamp, { undelegated: a.amount });
});

ponder.on("HostStaking:UnbondingWithdrawn", async ({ event, context }) => {
  const a = event.args;
  await context.db
    .update(unbondingRequest, { id: a.id })
    .set({ status: "withdrawn", withdrawnAmount: a.amount, value: 0n, withdrawnAt: event.block.timestamp });
  await context.db.update(host, { address: lower(a.host) }).set((r) => ({ pendingUnbondings: r.pendingUnbondings.filter((id) => id !== a.id) }));
  await refreshHost(context, event, lower(a.host));
  await addHostStakingDaily(context, event.block.timestamp, {});
});

// ---------------------------------------------------------------- rewards

ponder.on("HostStaking:RewardsFunded", async ({ event, context }) => {
  const a = event.args;
  await context.db
    .update(host, { address: lower(a.host) })
    .set((r) => ({ rewardsFunded: r.rewardsFunded + a.amount, unreleasedRewards: a.unreleased, rewardFinish: a.finish }));
  await addHostStakingDaily(context, event.block.timestamp, { rewardsFunded: a.amount });
});

ponder.on("HostStaking:RewardsReleased", async ({ event, context }) => {
  const a = event.args;
  await context.db
    .update(host, { address: lower(a.host) })
    .set((r) => ({ rewardsReleased: r.rewardsReleased + a.amount, commissionEarned: r.commissionEarned + a.commission }));
  const stream = await streamOf(context, event, lower(a.host));
  await context.db.update(host, { address: lower(a.host) }).set({ unreleasedRewards: stream.unreleased });
});

ponder.on("HostStaking:RewardsClaimed", async ({ event, context }) => {
  const a = event.args;
  const [hostAddress, account] = [lower(a.host), lower(a.account)];
  const d = await delegationRow(context, hostAddress, account, event.block.timestamp);
  await context.db.update(hostDelegation, { host: hostAddress, account }).set({ rewardsClaimed: d.rewardsClaimed + a.amount });
  await context.db.update(host, { address: hostAddress }).set((r) => ({ rewardsClaimed: r.rewardsClaimed + a.amount }));
});

// ---------------------------------------------------------------- slashes

ponder.on("HostStaking:Slashed", async ({ event, context }) => {
  const a = event.args;
  const hostAddress = lower(a.host);
  const taken = a.fromRewards + a.fromActive + a.fromUnbonding;
  await context.db.update(host, { address: hostAddress }).set((r) => ({ slashed: r.slashed + taken }));
  const { active, unbonding } = await refreshHost(context, event, hostAddress);
  await revalue(context, hostAddress, active, unbonding);
  // HostSlashing's SlashExecuted follows in the same transaction; the breakdown is only here
  if (await context.db.find(slashProposal, { id: a.slashId })) {
    await context.db.update(slashProposal, { id: a.slashId }).set({ fromRewards: a.fromRewards, fromActive: a.fromActive, fromUnbonding: a.fromUnbonding });
  }
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set((r) => ({ slashedTotal: r.slashedTotal + taken }));
  await addHostStakingDaily(context, event.block.timestamp, { slashed: taken });
});

ponder.on("HostStaking:PoolWiped", async ({ event, context }) => {
  const a = event.args;
  const hostAddress = lower(a.host);
  // the retired pool's shares are worth nothing: older delegations and requests restart from zero
  const zero = { assets: 0n, shares: 0n };
  if (a.unbonding) {
    await revalue(context, hostAddress, zero, zero, { unbonding: true });
    await context.db.update(host, { address: hostAddress }).set({ unbondingGeneration: Number(a.generation) });
  } else {
    await revalue(context, hostAddress, zero, zero, { active: true });
    await context.db.update(host, { address: hostAddress }).set({ activeGeneration: Number(a.generation), delegatorCount: 0 });
  }
});

// ---------------------------------------------------------------- governance

ponder.on("HostStaking:KSet", async ({ event, context }) => {
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set({ k: event.args.k });
});

ponder.on("HostStaking:UnbondingPeriodSet", async ({ event, context }) => {
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set({ unbondingPeriod: event.args.period });
});

ponder.on("HostStaking:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("HostStaking:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("HostStaking:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
