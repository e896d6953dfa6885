// The block a GraphQL answer is at: headers X-Indexed-Block… and `extensions.indexedBlock: {number, timestamp}` in the
// JSON body. Ponder's GraphQL resolvers take their own connections from the read-only pool (one statement each, no
// shared transaction that the API could join), so the block is read just before the query runs: the data is at that
// block or, if the indexer commits a block while the query runs, a newer one. It is never older, which is what a client
// checks (after a restart from the last finalized block, for instance). REST and SQL answers are exact (./snapshot.ts).
import type { Context, Next } from "hono";
import { db } from "ponder:api";
import { blockOfRows, CHECKPOINT_SQL, setFreshness } from "./freshness";

export async function graphqlFreshness(c: Context, next: Next): Promise<void> {
  if (c.req.method !== "POST") return next();
  const result = (await db.execute(CHECKPOINT_SQL)) as unknown as { rows: Record<string, unknown>[] };
  const block = blockOfRows(result.rows);
  await next();
  if (block === null || !(c.res.headers.get("content-type") ?? "").includes("json")) return;
  const body = (await c.res.json()) as Record<string, unknown>;
  const extensions = (body.extensions ?? {}) as Record<string, unknown>;
  const headers = new Headers(c.res.headers);
  headers.delete("content-length");
  // Hono's c.res setter copies the old response's headers (its Content-Length too) unless the old one is cleared first
  const status = c.res.status;
  c.res = undefined as unknown as Response;
  c.res = new Response(JSON.stringify({ ...body, extensions: { ...extensions, indexedBlock: block } }), { status, headers });
  setFreshness(c, block);
}
