// Protocol endpoints over the referee's tables (JSON, numbers as decimal strings):
//   GET /assignments/:epoch   an epoch's committed job assignment with its status as of the newest indexed block, its
//                             seed, and its proven jobs by verdict
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { eq, sql } from "ponder";
import { json } from "./analytics";

const MAX_UINT64 = (1n << 64n) - 1n;

/**
 * The timestamp of the newest block the indexer has processed (null before the first), from Ponder's own checkpoint
 * table (what its /status serves): a checkpoint string starts with the block's 10-digit unix timestamp. It is read
 * unqualified, as Ponder's /status does: the API's connection has the indexer's schema as its search_path.
 */
async function indexedTime(): Promise<bigint | null> {
  const result = (await db.execute(sql`select max(substring(latest_checkpoint from 1 for 10)) as ts from _ponder_checkpoint`)) as unknown as {
    rows: { ts: string | null }[];
  };
  const ts = result.rows[0]?.ts;
  return ts === null || ts === undefined ? null : BigInt(ts);
}

export const assignments = new Hono();

assignments.get("/assignments/:epoch", async (c) => {
  const raw = c.req.param("epoch");
  if (!/^\d{1,20}$/.test(raw) || BigInt(raw) > MAX_UINT64) return c.json({ error: "epoch: an integer from 0 to 2^64 - 1" }, 400);
  const epoch = BigInt(raw);
  const s = schema;
  const at = await indexedTime();
  const [row] = await db.select().from(s.assignment).where(eq(s.assignment.epoch, epoch));
  const [seed] = await db.select().from(s.seed).where(eq(s.seed.epoch, epoch));
  const [proven] = await db
    .select({
      jobs: sql<number>`count(*)::int`,
      pass: sql<number>`count(*) filter (where ${s.job.verdict} = 'Pass')::int`,
      fail: sql<number>`count(*) filter (where ${s.job.verdict} = 'Fail')::int`,
    })
    .from(s.job)
    .where(eq(s.job.epoch, epoch));
  // No event marks an assignment final: it is once the chain's time reaches finalAt (the contract's
  // `block.timestamp >= finalAt`), judged by the newest indexed block, so the answer never runs ahead of the tables.
  const status = row === undefined ? null : row.status === "posted" && at !== null && at >= row.finalAt ? "final" : row.status;
  return c.json(
    json({
      epoch,
      assignment: row === undefined ? null : { ...row, status },
      seed: seed ?? null,
      proven: proven ?? { jobs: 0, pass: 0, fail: 0 },
      at,
    }),
  );
});
