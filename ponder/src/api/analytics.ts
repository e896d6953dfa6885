// Analyst endpoints over the indexed tables (JSON, numbers as decimal strings):
//   GET /overview[?at=<unix time>]     the protocol in one answer: supply by bucket, circulating, licenses, rewards,
//                                      holder and host staking, slashes
//   GET /daily[?from=&to=]             every daily series (supply, buckets, licenses, rewards, staking), by UTC day
//   GET /leaderboard/licenses?limit=   top earning licenses over every settled epoch
//   GET /leaderboard/hosts?limit=      top hosts by active stake
//   GET /accounts/:address             one account's page: balance, votes, licenses, earnings per epoch, claims,
//                                      staking positions, stATH, host delegations, unbonding requests, latest transfers
// Queries use Drizzle's builder on Ponder's tables (schema-qualified, so they read the live tables on PGlite too).
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, between, desc, eq, gt, or, sql } from "ponder";

export const json = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v)));

/** `?limit=`: 1 to 100, 10 by default. */
const limitOf = (raw: string | undefined) => Math.min(Math.max(Number(raw ?? 10) || 10, 1), 100);

export const analytics = new Hono();

analytics.get("/overview", async (c) => {
  // bans, delegations and lock weights are as of `?at=` (unix seconds), by default the wall clock (a chain's time follows it)
  const at = c.req.query("at") ?? String(Math.floor(Date.now() / 1000));
  if (!/^\d{1,12}$/.test(at)) return c.json({ error: "at: unix seconds" }, 400);
  const now = BigInt(at);
  const [supply] = await db.select().from(schema.supply).where(eq(schema.supply.id, "current"));
  const buckets = await db
    .select({ name: schema.bucket.name, category: schema.bucket.category, allocated: schema.bucket.allocated, released: schema.bucket.released })
    .from(schema.bucket)
    .orderBy(desc(schema.bucket.allocated));
  const [licenses] = await db.select().from(schema.licenseStats).where(eq(schema.licenseStats.id, "license"));
  const [banned] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.license).where(gt(schema.license.bannedUntil, now));
  const [delegated] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.license)
    .where(and(sql`${schema.license.operator} is not null`, gt(schema.license.operatorExpires, now)));
  // settled epochs are those whose root stands (a vetoed root's report no longer counts)
  const standing = and(eq(schema.epochRoot.epoch, schema.epochSettlement.epoch), eq(schema.epochRoot.status, "posted"));
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
  const [settings] = await db.select().from(schema.stakingSettings).where(eq(schema.stakingSettings.id, "staking"));
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
    .select({ status: schema.slash.status, n: sql<number>`count(*)::int`, penalty: sql<string>`coalesce(sum(${schema.slash.penalty}), 0)::text` })
    .from(schema.slash)
    .groupBy(schema.slash.status);
  const slashesWith = (status: string) => slashRows.find((r) => r.status === status) ?? { n: 0, penalty: "0" };

  return c.json(
    json({
      supply: supply ?? null,
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
    }),
  );
});

/** `?from=`/`?to=`: a UTC date (YYYY-MM-DD) or a unix day number. */
function dayParam(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  if (/^\d{1,6}$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const ms = Date.parse(`${raw}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : ms / 86_400_000;
  }
  return undefined;
}

analytics.get("/daily", async (c) => {
  const from = dayParam(c.req.query("from"), 0);
  const to = dayParam(c.req.query("to"), 999_999);
  if (from === undefined || to === undefined) return c.json({ error: "from, to: YYYY-MM-DD or unix day number" }, 400);
  const s = schema;
  const supply = await db.select().from(s.supplyDaily).where(between(s.supplyDaily.day, from, to)).orderBy(s.supplyDaily.day);
  const buckets = await db.select().from(s.bucketDaily).where(between(s.bucketDaily.day, from, to)).orderBy(s.bucketDaily.day, s.bucketDaily.name);
  const licenses = await db.select().from(s.licenseDaily).where(between(s.licenseDaily.day, from, to)).orderBy(s.licenseDaily.day);
  const rewards = await db.select().from(s.rewardDaily).where(between(s.rewardDaily.day, from, to)).orderBy(s.rewardDaily.day);
  const stakingPools = await db
    .select()
    .from(s.stakingPoolDaily)
    .where(between(s.stakingPoolDaily.day, from, to))
    .orderBy(s.stakingPoolDaily.day, s.stakingPoolDaily.poolId);
  const hostStaking = await db.select().from(s.hostStakingDaily).where(between(s.hostStakingDaily.day, from, to)).orderBy(s.hostStakingDaily.day);
  return c.json(json({ from, to, supply, buckets, licenses, rewards, stakingPools, hostStaking }));
});

analytics.get("/leaderboard/licenses", async (c) => {
  const limit = limitOf(c.req.query("limit"));
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
});

analytics.get("/leaderboard/hosts", async (c) => {
  const limit = limitOf(c.req.query("limit"));
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
});

analytics.get("/accounts/:address", async (c) => {
  const address = c.req.param("address").toLowerCase() as `0x${string}`;
  if (!/^0x[0-9a-f]{40}$/.test(address)) return c.json({ error: "not an address" }, 400);
  const s = schema;
  const [account] = await db.select().from(s.account).where(eq(s.account.address, address));
  const licenses = await db.select({ id: s.license.id, operator: s.license.operator, bannedUntil: s.license.bannedUntil }).from(s.license).where(eq(s.license.owner, address)).orderBy(s.license.id);
  const earnings = await db.select().from(s.accountEpoch).where(eq(s.accountEpoch.account, address)).orderBy(s.accountEpoch.epoch);
  const [rewards] = await db.select().from(s.rewardAccount).where(eq(s.rewardAccount.account, address));
  const claims = await db.select().from(s.claimEntry).where(eq(s.claimEntry.account, address)).orderBy(s.claimEntry.entryId);
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
    .limit(limitOf(c.req.query("transfers") ?? "20"));
  return c.json(
    json({
      address,
      account: account ?? null,
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
});
