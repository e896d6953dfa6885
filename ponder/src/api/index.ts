// GraphQL at / and /graphql, SQL over HTTP at /sql/db (read-only, for @ponder/client or plain fetch; GET /sql says how;
// ./sql-route.ts guards and limits it), the analyst endpoints of ./analytics.ts (/overview, /daily, /leaderboard/licenses,
// /leaderboard/hosts, /accounts/:address) and the protocol endpoints of ./assignments.ts (/assignments/:epoch) and
// ./roots.ts (/roots), and holder governance's of ./governance.ts (/proposals, /proposals/:id, /delegates,
// /governance/daily). Every route: bodies capped (./body-limit.ts, 413), errors as JSON sentences without server paths,
// and the block the answer is at (./freshness.ts): REST answers come from one snapshot (./snapshot.ts).
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql, sql } from "ponder";
import { graphqlCache } from "../../graphql-cache";
import { analytics } from "./analytics";
import { assignments } from "./assignments";
import { roots } from "./roots";
import { compute } from "./compute";
import { governance } from "./governance";
import { capBodies } from "./body-limit";
import { graphqlFreshness } from "./graphql-freshness";
import { snapshot } from "./snapshot";
import { sqlHelp, surfaceSqlError } from "./sql-errors";
import { sqlOverHttp } from "./sql-route";

/** A PGlite client or one of its transactions (only what is used here). */
interface PgliteLike {
  query(sql: string, params?: unknown[], options?: unknown): Promise<unknown>;
  transaction?<T>(run: (tx: PgliteLike) => Promise<T>): Promise<T>;
}

/** Drizzle's PGlite session, which `client()` reads from `db._.session` (the type of `db` hides it). */
interface DrizzleSession {
  constructor: new (client: PgliteLike, dialect: unknown, schema: unknown, options: unknown) => DrizzleSession;
  dialect: unknown;
  schema: unknown;
  options: unknown;
  prepareQuery(query: unknown, ...rest: unknown[]): { execute(): Promise<unknown> };
}

/**
 * The database handle given to `client()`. On PostgreSQL that is `db` itself. On PGlite it is `db` with each SQL-over-HTTP
 * query run in its own read-only PGlite transaction whose search_path lists `pg_temp` last.
 *
 * Why: PGlite is one connection shared by the indexer and the API. When Ponder flushes more than 20 updated rows of a table
 * at once it copies them into `CREATE TEMP TABLE "<table>"` (same name as the table) and leaves that table behind, emptied.
 * PostgreSQL searches the session's temporary schema before the search_path unless the path names `pg_temp`, so the
 * unqualified names of SQL over HTTP (`from account`) then read that empty temp table: 0 rows for `account` and `license`,
 * the tables whose handlers update many rows per batch. GraphQL is not affected (it qualifies names with the schema). The
 * indexer needs the temp-first lookup (its flush reads the temp table unqualified), so the path changes only inside the
 * API query's transaction (set_config with is_local = true). A PGlite transaction holds PGlite's lock, so no indexer
 * statement runs in between. (Ponder's own `db.transaction` on PGlite is not a real transaction, hence `$client`.)
 */
function sqlOverHttpDb(d: typeof db): typeof db {
  const inner = d as unknown as { _: { session: DrizzleSession }; $client?: PgliteLike };
  const pglite = inner.$client;
  if (typeof pglite?.transaction !== "function") return d; // node-postgres pool: the API has its own connections.
  const base = inner._.session;
  const session = Object.create(base, {
    prepareQuery: {
      value: (query: unknown, ...rest: unknown[]) => ({
        execute: () =>
          pglite.transaction!(async (tx) => {
            await tx.query("set transaction read only");
            await tx.query("select set_config('search_path', current_setting('search_path') || ', pg_temp', true)");
            const txSession = new base.constructor(tx, base.dialect, base.schema, base.options);
            return txSession.prepareQuery(query, ...rest).execute().catch(surfaceSqlError);
          }),
      }),
    },
  });
  return { _: { ...inner._, session } } as unknown as typeof db;
}

const app = new Hono();

app.use("*", capBodies());
app.get("/sql", sqlHelp);
app.use("/sql/*", sqlOverHttp({ db, schema }));
app.use("/sql/*", client({ db: sqlOverHttpDb(db), schema }));
// answers kept per indexed block (../../graphql-cache.ts says why and when one is served again)
const checkpoint = async () => {
  // The checkpoint alone can repeat after a reorg (the new branch's block at the same height and time), so the key
  // also holds the database's transaction snapshot: it changes with every write that starts or commits, so an entry
  // is only ever served while no row has changed since it was computed.
  const result = (await db.execute(sql`select min(latest_checkpoint) as c, pg_current_snapshot()::text as s from _ponder_checkpoint`)) as unknown as { rows: { c: string | null; s: string }[] };
  const row = result.rows[0];
  return row?.c == null ? null : `${row.c}/${row.s}`;
};
// The account page is the README's page an app polls, a dozen queries in one snapshot: kept per block like GraphQL's
// answers (before `snapshot`, so a hit opens no transaction; the kept headers carry the block it is at).
const accountPages = graphqlCache({
  checkpoint,
  keyOf: async (c) => (c.req.method === "GET" ? new URL(c.req.url).pathname + new URL(c.req.url).search : null),
  complete: (answer) => answer.startsWith("{"),
});
app.use("/accounts/*", accountPages.middleware);
// (a "/x/*" pattern also matches "/x" itself: listing both would open two nested snapshots, which deadlock on PGlite)
for (const path of ["/overview", "/daily", "/leaderboard/*", "/accounts/*", "/assignments/*", "/roots", "/compute/*", "/proposals/*", "/delegates", "/governance/*"]) app.use(path, snapshot);
app.route("/", analytics);
app.route("/", assignments);
app.route("/", roots);
app.route("/", compute);
app.route("/", governance);
const cache = graphqlCache({ checkpoint });
app.use("/", graphqlFreshness, cache.middleware, graphql({ db, schema }));
app.use("/graphql", graphqlFreshness, cache.middleware, graphql({ db, schema }));

// Ponder's own handler answers an error with its file and line: log it, answer a sentence.
app.onError((error, c) => {
  console.error(JSON.stringify({ level: "error", msg: "API request failed", method: c.req.method, path: c.req.path, error: error.message }));
  return c.json({ error: "the API could not answer this request; try again in a moment" }, 500);
});
app.notFound((c) => c.json({ error: `there is no ${c.req.method} ${c.req.path}; GET /sql, /overview or POST /graphql are good places to start` }, 404));

export default app;
