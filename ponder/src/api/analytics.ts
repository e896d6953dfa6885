// Analyst endpoints over the indexed tables (JSON, numbers as decimal strings):
//   GET /overview[?at=<unix time>]     the protocol in one answer: supply by bucket, circulating, licenses, rewards,
//                                      holder and host staking, slashes
//   GET /daily[?from=&to=]             every daily series (supply, buckets, licenses, rewards, staking), by UTC day
//   GET /leaderboard/licenses?limit=   top earning licenses over every settled epoch
//   GET /leaderboard/hosts?limit=      top hosts by active stake
//   GET /accounts/:address             one account's page: balance, votes, licenses, earnings per epoch, claims,
//                                      staking positions, stATH, host delegations, unbonding requests, latest transfers
// Parameters are validated by ./params.ts (400 with a sentence). "Holder" and "claimable" are defined once, in the
// README (and docs/decisions.md): the account rows' `holder` flag and the reward rows' `claimable` carry them.
// Queries use Drizzle's builder on Ponder's tables (schema-qualified, so they read the live tables on PGlite too).
import { db } from "./snapshot";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, between, desc, eq, gt, ne, or, sql } from "ponder";

import { json } from "./json";
import { snapshotBlock } from "./snapshot";
import { addressParam, dayParam, limitParam, ParamError, unixTimeParam, withParams } from "./params";

export const analytics = new Hono();

analytics.get("/overview", withParams(async (c) => {
  // bans, delegations and lock weights are as of `?at=` (unix seconds), by default the wall clock (a chain's time follows it)
  const now = unixTimeParam(c, "at", BigInt(Math.floor(Date.now() / 1000)));
  const [supply] = await db.select().from(schema.supplySplit).where(eq(schema.supplySplit.id, "current"));
  const buckets = await db
    .select({ name: schema.bucket.name, category: schema.bucket.category, allocated: schema.bucket.allocated, released: schema.bucket.released })
    .from(schema.bucket)
    .orderBy(desc(schema.bucket.allocated));
  const [licenses] = await db.select().from(schema.licenseStat).where(eq(schema.licenseStat.id, "license"));
  const [banned] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.license).where(gt(schema.license.bannedUntil, now));
  const [delegated] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.license)
    .where(and(sql`${schema.license.operator} is not null`, gt(schema.license.operatorExpires, now)));
  // settled epochs are those whose root stands (a vetoed root's report no longer counts)
  const standing = and(eq(schema.epochRoot.epoch, schema.epochSettlement.epoch), ne(schema.epochRoot.status, "vetoed"));
  const [emitted] = await db
    .select({ base: sql<string>`coalesce(sum(${schema.epochSettlement.basePaid}), 0)::text`, bonus: sql<string>`coalesce(sum(${schema.epochSettlement.bonusPaid}), 0)::text`, epochs: sql<number>`count(*)::int` })
    .from(schema.epochSettlement)
    .innerJoin(schema.epochRoot, standing);
  const [latest] = await db
    .select({ epoch: schema.epochSettlement.epoch, activeLicenses: schema.epochSettlement.activeLicenses, uptimeBps: schema.epochSettlement.uptimeBps })
    .from(schema.epochSettlement)
    .innerJoin(schema.epochRoot, standing)
    .orderBy(desc(schema.epochSettlement.epoch))
    .limit(1);
  const [rewards] = await db
    .select({
      earned: sql<string>`coalesce(sum(${schema.rewardAccount.cumulativeEarned}), 0)::text`,
      claimed: sql<string>`coalesce(sum(${schema.rewardAccount.cumulativeClaimed}), 0)::text`,
      vesting: sql<string>`coalesce(sum(${schema.rewardAccount.vesting}), 0)::text`,
      withdrawn: sql<string>`coalesce(sum(${schema.rewardAccount.withdrawn}), 0)::text`,
      forfeited: sql<string>`coalesce(sum(${schema.rewardAccount.forfeited}), 0)::text`,
      returnedToPool: sql<string>`coalesce(sum(${schema.rewardAccount.returnedToPool}), 0)::text`,
      claimable: sql<string>`coalesce(sum(${schema.rewardAccount.claimable}), 0)::text`,
    })
    .from(schema.rewardAccount);

  // holder staking: ATH per pool (the contract's, as of its latest event) and the weight of the positions locked at `at`
  const pools = await db
    .select({ poolId: schema.stakingPool.poolId, name: schema.stakingPool.name, staked: schema.stakingPool.staked, openPositions: schema.stakingPool.openPositions })
    .from(schema.stakingPool)
    .orderBy(asc(schema.stakingPool.poolId));
  const weights = await db
    .select({ poolId: schema.stakingPosition.poolId, weight: sql<string>`coalesce(sum(${schema.stakingPosition.weight}), 0)::text` })
    .from(schema.stakingPosition)
    .where(and(eq(schema.stakingPosition.status, "open"), gt(schema.stakingPosition.unlockTime, now)))
    .groupBy(schema.stakingPosition.poolId);
  const weightOf = (poolId: bigint) => BigInt(weights.find((w) => w.poolId === poolId)?.weight ?? "0");
  const holderPools = pools.map((p) => ({ ...p, totalWeight: weightOf(p.poolId) }));
  const [settings] = await db.select().from(schema.stakingSetting).where(eq(schema.stakingSetting.id, "staking"));
  const [hosts] = await db
    .select({
      count: sql<number>`count(*)::int`,
      halted: sql<number>`count(*) filter (where ${schema.host.halted})::int`,
      activeStake: sql<string>`coalesce(sum(${schema.host.stake}), 0)::text`,
      unbondingStake: sql<string>`coalesce(sum(${schema.host.unbondingStake}), 0)::text`,
      requiredStake: sql<string>`coalesce(sum(${schema.host.requiredStake}), 0)::text`,
    })
    .from(schema.host);
  const slashRows = await db
    .select({ status: schema.slashProposal.status, n: sql<number>`count(*)::int`, penalty: sql<string>`coalesce(sum(${schema.slashProposal.penalty}), 0)::text` })
    .from(schema.slashProposal)
    .groupBy(schema.slashProposal.status);
  const slashesWith = (status: string) => slashRows.find((r) => r.status === status) ?? { n: 0, penalty: "0" };

  return c.json(
    json({
      supply: supply ?? null,
      // README, "Holders": non-zero ATH at an address that is not one of the deployment's contracts
      holders: supply?.holders ?? 0,
      buckets,
      licenses: {
        sold: licenses?.minted ?? 0,
        delegated: delegated?.n ?? 0,
        banned: banned?.n ?? 0,
        // licenses that gave at least one result in the newest settled epoch
        active: latest?.activeLicenses ?? 0,
        activeEpoch: latest?.epoch ?? null,
        uptimeBps: latest?.uptimeBps ?? null,
      },
      rewards: { epochsSettled: emitted?.epochs ?? 0, emittedBase: emitted?.base ?? "0", emittedBonus: emitted?.bonus ?? "0", ...rewards },
      staking: {
        holders: {
          staked: holderPools.reduce((s, p) => s + p.staked, 0n),
          totalWeight: holderPools.reduce((s, p) => s + p.totalWeight, 0n),
          stathSupply: settings?.stathSupply ?? 0n,
          pools: holderPools,
        },
        hosts: {
          count: hosts?.count ?? 0,
          halted: hosts?.halted ?? 0,
          activeStake: hosts?.activeStake ?? "0",
          unbondingStake: hosts?.unbondingStake ?? "0",
          requiredStake: hosts?.requiredStake ?? "0",
        },
      },
      slashes: {
        // what HostStaking took (rewards and stake) over every executed slash
        executedTotal: settings?.slashedTotal ?? 0n,
        executed: slashesWith("executed").n,
        pending: slashesWith("pending").n,
        pendingPenalty: slashesWith("pending").penalty,
        vetoed: slashesWith("vetoed").n,
        vetoedPenalty: slashesWith("vetoed").penalty,
      },
      at: now,
      // the block these figures are at (read in the same snapshot; also in the X-Indexed-Block header)
      indexedBlock: snapshotBlock(),
    }),
  );
}));

analytics.get("/daily", withParams(async (c) => {
  const from = dayParam(c, "from", 0);
  const to = dayParam(c, "to", 999_999);
  if (from > to) throw new ParamError(`from must not be after to; got from ${from} and to ${to} (unix days)`);
  const s = schema;
  const supply = await db.select().from(s.supplyDay).where(between(s.supplyDay.day, from, to)).orderBy(s.supplyDay.day);
  const buckets = await db.select().from(s.bucketDay).where(between(s.bucketDay.day, from, to)).orderBy(s.bucketDay.day, s.bucketDay.name);
  const licenses = await db.select().from(s.licenseDay).where(between(s.licenseDay.day, from, to)).orderBy(s.licenseDay.day);
  const rewards = await db.select().from(s.rewardDay).where(between(s.rewardDay.day, from, to)).orderBy(s.rewardDay.day);
  const stakingPools = await db
    .select()
    .from(s.stakingPoolDay)
    .where(between(s.stakingPoolDay.day, from, to))
    .orderBy(s.stakingPoolDay.day, s.stakingPoolDay.poolId);
  const hostStaking = await db.select().from(s.hostStakingDay).where(between(s.hostStakingDay.day, from, to)).orderBy(s.hostStakingDay.day);
  return c.json(json({ from, to, supply, buckets, licenses, rewards, stakingPools, hostStaking }));
}));

analytics.get("/leaderboard/licenses", withParams(async (c) => {
  const limit = limitParam(c, "limit", 10);
  const rows = await db
    .select({
      licenseId: schema.settledLicenseEpoch.licenseId,
      earned: sql<string>`sum(${schema.settledLicenseEpoch.earned})::text`,
      correct: sql<number>`sum(${schema.settledLicenseEpoch.correct})::int`,
      epochs: sql<number>`count(*)::int`,
    })
    .from(schema.settledLicenseEpoch)
    .groupBy(schema.settledLicenseEpoch.licenseId)
    .orderBy(desc(sql`sum(${schema.settledLicenseEpoch.earned})`), schema.settledLicenseEpoch.licenseId)
    .limit(limit);
  return c.json(json(rows));
}));

analytics.get("/leaderboard/hosts", withParams(async (c) => {
  const limit = limitParam(c, "limit", 10);
  const h = schema.host;
  const rows = await db
    .select({
      address: h.address,
      stake: h.stake,
      requiredStake: h.requiredStake,
      unbondingStake: h.unbondingStake,
      delegatorCount: h.delegatorCount,
      commissionBps: h.commissionBps,
      containerCount: h.containerCount,
      halted: h.halted,
      slashed: h.slashed,
    })
    .from(h)
    .orderBy(desc(h.stake), h.address)
    .limit(limit);
  return c.json(json(rows));
}));

analytics.get("/accounts/:address", withParams(async (c) => {
  const address = addressParam(c, "address");
  const transferLimit = limitParam(c, "transfers", 20);
  const s = schema;
  const [account] = await db.select().from(s.account).where(eq(s.account.address, address));
  const licenses = await db.select({ id: s.license.id, operator: s.license.operator, bannedUntil: s.license.bannedUntil }).from(s.license).where(eq(s.license.owner, address)).orderBy(s.license.id);
  const earnings = await db.select().from(s.accountEpoch).where(eq(s.accountEpoch.account, address)).orderBy(s.accountEpoch.epoch);
  const [rewards] = await db.select().from(s.rewardAccount).where(eq(s.rewardAccount.account, address));
  const claims = await db.select().from(s.vestingClaim).where(eq(s.vestingClaim.account, address)).orderBy(s.vestingClaim.entryId);
  const [staking] = await db.select().from(s.stakingAccount).where(eq(s.stakingAccount.address, address));
  const stakingPositions = await db.select().from(s.stakingPosition).where(eq(s.stakingPosition.account, address)).orderBy(s.stakingPosition.positionId);
  const [stath] = await db.select({ balance: s.stathBalance.balance }).from(s.stathBalance).where(eq(s.stathBalance.address, address));
  const [host] = await db.select().from(s.host).where(eq(s.host.address, address));
  const hostDelegations = await db.select().from(s.hostDelegation).where(eq(s.hostDelegation.account, address)).orderBy(s.hostDelegation.host);
  const unbondingRequests = await db.select().from(s.unbondingRequest).where(eq(s.unbondingRequest.account, address)).orderBy(s.unbondingRequest.id);
  const transfers = await db
    .select()
    .from(s.transfer)
    .where(or(eq(s.transfer.from, address), eq(s.transfer.to, address)))
    .orderBy(desc(s.transfer.blockNumber), desc(s.transfer.id))
    .limit(transferLimit);
  return c.json(
    json({
      address,
      account: account ?? null,
      // README, "Holders" and "Claimable"
      holder: account?.holder ?? false,
      claimable: rewards?.claimable ?? 0n,
      licenses,
      earnings,
      rewards: rewards ?? null,
      claims,
      staking: staking ?? null,
      stakingPositions,
      stath: stath?.balance ?? 0n,
      host: host ?? null,
      hostDelegations,
      unbondingRequests,
      transfers,
    }),
  );
}));
