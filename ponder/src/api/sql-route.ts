// SQL over HTTP (/sql/db, and /sql/live for @ponder/client's live queries), with the project's own guard in front of
// everything: each query is parsed and checked by ./sql-guard.ts (no cached verdict), then /sql/db is answered here by
// ./sql-exec.ts (timeout or planner cost, row cap, on PostgreSQL a read-only role), with the block the rows are at in
// X-Indexed-Block. /sql/live is passed on to Ponder's client() only after the same check and one limited run of the
// query (its later re-runs, on each change of the tables, are Ponder's: on PostgreSQL they have the read-only pool's
// 30 s timeout). Every refusal is 400 {"error": sentence}; a failure of the server is 500 with a sentence and no path.
import { getTableName, getViewName, isTable, isView } from "drizzle-orm";
import type { Context, Next } from "hono";
import superjson from "superjson";
import { setFreshness } from "./freshness.js";
import { json } from "./json.js";
import { messageOf } from "./sql-errors.js";
import { runLimited, SqlRejected, type SqlDriver } from "./sql-exec.js";
import { checkSql, SqlRefused } from "./sql-guard.js";
import { sqlLimits, type SqlLimits } from "./sql-limits.js";

const HOW = 'send GET /sql/db?sql=<URL-encoded {"json":{"sql":"select …","params":[]}}> (GET /sql shows an example)';

/** The SQL names of the schema's tables and views: all a query may read. */
export function relationsOf(schema: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const value of Object.values(schema)) {
    if (isTable(value)) names.add(getTableName(value));
    else if (isView(value)) names.add(getViewName(value));
  }
  return names;
}

/** The driver behind Ponder's read-only `db` (its drizzle instance's `$client`: a pg Pool or the PGlite instance). */
export function driverOf(db: unknown): SqlDriver {
  const client = (db as { $client?: Record<string, unknown> }).$client;
  if (client !== undefined && typeof client.transaction === "function" && typeof client.totalCount !== "number") {
    return { kind: "pglite", transaction: (client.transaction as Extract<SqlDriver, { kind: "pglite" }>["transaction"]).bind(client) };
  }
  if (client !== undefined && typeof client.connect === "function") {
    return { kind: "postgres", connect: (client.connect as () => never).bind(client) };
  }
  throw new Error("SQL over HTTP: the database handle is neither a pg pool nor PGlite");
}

/** The `sql` parameter as @ponder/client sends it (superjson of {sql, params}), or the sentence saying what is wrong. */
export function readQuery(raw: string | undefined): { sql: string; params: unknown[] } | string {
  if (raw === undefined) return `the "sql" query parameter is missing; ${HOW}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return `the "sql" query parameter is not JSON; ${HOW}`;
  }
  const sql = (parsed as { json?: { sql?: unknown } } | null)?.json?.sql;
  if (typeof sql !== "string") return `the "sql" query parameter has no json.sql string; ${HOW}`;
  let decoded: { params?: unknown };
  try {
    decoded = superjson.parse(raw) as { params?: unknown };
  } catch {
    return `the "sql" query parameter is not the JSON @ponder/client sends; ${HOW}`;
  }
  const params = decoded.params ?? [];
  if (!Array.isArray(params)) return `json.params must be a list of values; ${HOW}`;
  return { sql, params };
}

export interface SqlRouteOptions {
  db: unknown;
  schema: Record<string, unknown>;
  limits?: SqlLimits;
  log?: (entry: Record<string, unknown>) => void;
}

/** The middleware for /sql/*: answers /sql/db itself, checks /sql/live and passes it on. */
export function sqlOverHttp(o: SqlRouteOptions) {
  const relations = relationsOf(o.schema);
  const limits = o.limits ?? sqlLimits();
  const driver = driverOf(o.db);
  const log = o.log ?? ((entry) => console.error(JSON.stringify(entry)));
  return async (c: Context, next: Next) => {
    if (c.req.path !== "/sql/db" && c.req.path !== "/sql/live") return next();
    const query = readQuery(c.req.query("sql"));
    if (typeof query === "string") return c.json({ error: query }, 400);
    try {
      const statement = await checkSql(query.sql, relations);
      const answer = await runLimited(driver, statement, query.params, limits);
      if (c.req.path === "/sql/live") return next();
      setFreshness(c, answer.block);
      return c.json(json({ rows: answer.rows, fields: answer.fields }));
    } catch (error) {
      if (error instanceof SqlRefused || error instanceof SqlRejected) return c.json({ error: error.message }, 400);
      log({ level: "error", msg: "SQL over HTTP failed", error: messageOf(error) });
      return c.json({ error: "the database could not answer this query right now; try again in a moment" }, 500);
    }
  };
}
