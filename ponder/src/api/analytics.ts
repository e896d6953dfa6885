// Analyst endpoints over the indexed tables (JSON, numbers as decimal strings):
//   GET /overview[?at=<unix time>]     the protocol in one answer: supply by bucket, circulating, licenses, rewards
//   GET /leaderboard/licenses?limit=   top earning licenses over every settled epoch
//   GET /accounts/:address             one account's page: balance, votes, licenses, earnings per epoch, claims
// Queries use Drizzle's builder on Ponder's tables (schema-qualified, so they read the live tables on PGlite too).
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { and, desc, eq, gt, sql } from "ponder";

const json = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v)));

export const analytics = new Hono();

analytics.get("/overview", async (c) => {
  // bans and delegations are counted as of `?at=` (unix seconds), by default the wall clock (a chain's time follows it)
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
  const [emitted] = await db
    .select({ base: sql<string>`coalesce(sum(${schema.epochSettlement.basePaid}), 0)::text`, bonus: sql<string>`coalesce(sum(${schema.epochSettlement.bonusPaid}), 0)::text`, epochs: sql<number>`count(*)::int` })
    .from(schema.epochSettlement);
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
  return c.json(
    json({
      supply: supply ?? null,
      buckets,
      licenses: { sold: licenses?.minted ?? 0, delegated: delegated?.n ?? 0, banned: banned?.n ?? 0 },
      rewards: { epochsSettled: emitted?.epochs ?? 0, emittedBase: emitted?.base ?? "0", emittedBonus: emitted?.bonus ?? "0", ...rewards },
      at: now,
    }),
  );
});

analytics.get("/leaderboard/licenses", async (c) => {
  const limit = Math.min(Math.max(Number(c.req.query("limit") ?? 10) || 10, 1), 100);
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

analytics.get("/accounts/:address", async (c) => {
  const address = c.req.param("address").toLowerCase() as `0x${string}`;
  if (!/^0x[0-9a-f]{40}$/.test(address)) return c.json({ error: "not an address" }, 400);
  const [account] = await db.select().from(schema.account).where(eq(schema.account.address, address));
  const licenses = await db.select({ id: schema.license.id, operator: schema.license.operator, bannedUntil: schema.license.bannedUntil }).from(schema.license).where(eq(schema.license.owner, address)).orderBy(schema.license.id);
  const earnings = await db.select().from(schema.accountEpoch).where(eq(schema.accountEpoch.account, address)).orderBy(schema.accountEpoch.epoch);
  const [rewards] = await db.select().from(schema.rewardAccount).where(eq(schema.rewardAccount.account, address));
  const claims = await db.select().from(schema.claimEntry).where(eq(schema.claimEntry.account, address)).orderBy(schema.claimEntry.entryId);
  return c.json(json({ address, account: account ?? null, licenses, earnings, rewards: rewards ?? null, claims }));
});
