// A response cache in front of Ponder's GraphQL middleware, keyed by the indexed block. Why: every GraphQL request is
// parsed and validated by graphql-yoga against the schema of all the tables (Ponder runs yoga with its parse-and-validate
// cache off), then runs one SQL query per list; on two cores, under 10 clients, that CPU queues and the account page's
// p99 was 3x its goal (bench/REPORT.md, "Indexer (Ponder)"). Between two blocks the tables do not change, so the same
// query with the same variables has the same answer: a page many clients poll (an account's page, the overview) is
// computed once per block.
//
// Correctness: the key is Ponder's checkpoint (the newest indexed block and the position in it, from its
// `_ponder_checkpoint` table, which it writes in the same transaction as the rows) plus the exact request body. The
// checkpoint is read before and after the query runs; the answer is kept only if both reads agree, so an entry never
// holds rows of a later block than its key says. Only complete answers are kept (`{"data":…` with no `errors`: graphql-js
// puts `errors` first, so an answer starting with `{"data":` has none); errors, other statuses and GET (GraphiQL) pass
// through uncached. The cache is bounded in entries and bytes (least recently used first out).
// The same cache serves REST pages (`keyOf` a GET's path and query, `complete` a 200 JSON answer): /accounts/:address
// runs a dozen queries in one snapshot, and a page many clients poll is the same until the next block. An entry keeps
// the answer's headers, so a REST hit still says the block its data is at (X-Indexed-Block…, set in the snapshot).
// Outside ponder/src on purpose: Ponder runs every file of src/ (but src/api/) as indexing code, and this is API code.
import { createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";

export interface GraphqlCacheOptions {
  /** The indexer's checkpoint (null before the first block: nothing is cached then). */
  checkpoint: () => Promise<string | null>;
  /** At most this many answers (default 2,000). */
  maxEntries?: number;
  /** At most this many bytes of answers, bodies counted as UTF-16 (default 32 MiB). */
  maxBytes?: number;
  /** Bodies longer than this are not cached (default 64 KiB; a body cap in front of the route still applies). */
  maxBodyBytes?: number;
  /** The request's cache key, or null to pass it through (default: a POST's body, i.e. a GraphQL query and variables). */
  keyOf?: (c: Context) => Promise<string | null>;
  /** Whether a 200 JSON answer may be kept (default: a complete GraphQL answer, `{"data":…` without `errors`). */
  complete?: (answer: string) => boolean;
}

export interface GraphqlCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/** "hit": served from the cache; "miss": computed and kept for the next request; absent: not cacheable. */
export const CACHE_HEADER = "X-Graphql-Cache";

/** The middleware, and its counters (for metrics and tests). */
export function graphqlCache(options: GraphqlCacheOptions): { middleware: MiddlewareHandler; stats: () => GraphqlCacheStats } {
  const maxEntries = options.maxEntries ?? 2_000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const keyOf =
    options.keyOf ??
    (async (c: Context) => {
      if (c.req.method !== "POST") return null;
      const body = await c.req.raw.clone().text();
      return body.length > maxBodyBytes ? null : body;
    });
  const complete = options.complete ?? ((answer: string) => answer.startsWith('{"data":'));
  // a Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used
  const entries = new Map<string, { answer: string; headers: [string, string][] }>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let keptCheckpoint: string | null = null;

  const keep = (key: string, answer: string, headers: [string, string][]) => {
    if (2 * answer.length > maxBytes) return;
    entries.set(key, { answer, headers });
    bytes += 2 * answer.length;
    while (entries.size > maxEntries || bytes > maxBytes) {
      const [oldest, value] = entries.entries().next().value as [string, { answer: string }];
      entries.delete(oldest);
      bytes -= 2 * value.answer.length;
    }
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const body = await keyOf(c);
    if (body === null) return next();
    const before = await options.checkpoint();
    if (before === null) return next();
    // answers of older blocks are never asked for again: drop them when the indexer moves on
    if (keptCheckpoint !== before) {
      entries.clear();
      bytes = 0;
      keptCheckpoint = before;
    }
    const key = createHash("sha256").update(body).digest("base64");
    const cached = entries.get(key);
    if (cached !== undefined) {
      hits++;
      entries.delete(key);
      entries.set(key, cached);
      return new Response(cached.answer, { status: 200, headers: [...cached.headers, [CACHE_HEADER, "hit"]] });
    }
    misses++;
    await next();
    const res = c.res;
    if (res.status !== 200 || !(res.headers.get("content-type") ?? "").includes("application/json")) return;
    const answer = await res.clone().text();
    if (!complete(answer)) return;
    if ((await options.checkpoint()) !== before || keptCheckpoint !== before) return;
    const headers = [...res.headers.entries()].filter(([name]) => name.toLowerCase() !== "content-length");
    keep(key, answer, headers);
    c.res = undefined as unknown as Response; // Hono's setter would otherwise merge the old headers in
    c.res = new Response(answer, { status: 200, headers: [...headers, [CACHE_HEADER, "miss"]] });
  };

  return { middleware, stats: () => ({ hits, misses, entries: entries.size, bytes }) };
}
