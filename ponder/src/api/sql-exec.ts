// Runs one SQL-over-HTTP query that ./sql-guard.ts accepted, within ./sql-limits.ts, and reads the block the answer is
// at (./freshness.ts) in the same snapshot as its rows.
//
// PostgreSQL: a connection of the API's read-only pool, one REPEATABLE READ READ ONLY transaction; SET LOCAL
// statement_timeout (the server cancels the query) and, when PONDER_SQL_ROLE is set, SET LOCAL ROLE to the role that can
// read only the app's schema, after the checkpoint is read.
// PGlite: runs in the indexer's own process on its single connection and cannot cancel a statement, so a query is first
// planned (EXPLAIN) and refused above PONDER_SQL_MAX_COST, then run inside one PGlite transaction (which holds PGlite's
// lock: no indexer write in between, so checkpoint and rows are one snapshot) with `pg_temp` last on the search_path
// (see sqlOverHttpDb in ./index.ts for why).
// On both, the rows are capped: the query is wrapped as a subquery with LIMIT maxRows + 1 (the server stops producing
// rows there) and more than maxRows answers 400.
import { blockOfRows, CHECKPOINT_SQL, type IndexedBlock } from "./freshness.js";
import type { SqlLimits } from "./sql-limits.js";

/** A query that failed because of what the caller sent (400 with this sentence). */
export class SqlRejected extends Error {}

export interface SqlAnswer {
  rows: Record<string, unknown>[];
  fields: { name: string; dataTypeID: number }[];
  block: IndexedBlock | null;
}

interface QueryResult {
  rows: Record<string, unknown>[];
  fields?: { name: string; dataTypeID: number }[];
}

/** One connection or transaction: pg's PoolClient and PGlite's Transaction both have this. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
}

/** The drivers behind Ponder's read-only `db`. */
export type SqlDriver =
  | { kind: "postgres"; connect(): Promise<Queryable & { release(error?: Error | boolean): void }> }
  | { kind: "pglite"; transaction<T>(run: (tx: Queryable) => Promise<T>): Promise<T> };

/** Wraps the query so the server produces at most `rows` rows (the newline ends a trailing `--` comment). */
export const capped = (statement: string, rows: number) => `select * from (\n${statement}\n) as capped_query limit ${rows}`;

/** The planner's estimated total cost of the statement (EXPLAIN's top node). */
export async function plannedCost(q: Queryable, statement: string, params: unknown[]): Promise<number> {
  const result = await q.query(`explain (format json) ${statement}`, params);
  const raw = Object.values(result.rows[0] ?? {})[0];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: { "Total Cost": number } }[];
  return plan[0]!.Plan["Total Cost"];
}

const number = (n: number) => n.toLocaleString("en-US");

/** Turns the database's error into the caller's sentence (the query's fault) or rethrows it (ours). */
function rejectOf(error: unknown, limits: SqlLimits): never {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e?.message === "string" ? e.message : String(error);
  if (e?.code === "57014") {
    throw new SqlRejected(`the query ran longer than ${number(limits.timeoutMs)} ms and was stopped; add a where clause or a limit, or aggregate fewer rows`);
  }
  // SQLSTATE classes of the query's own mistakes: 22 data exception, 42 syntax or access rule, 21 cardinality, 2201x
  // bad limit/offset, 54 program limit (too complex), 25006 a write in a read-only transaction
  const code = typeof e?.code === "string" ? e.code : "";
  if (/^(22|42|21|54|0A)/.test(code) || code === "25006") throw new SqlRejected(message);
  // PGlite's errors carry the same codes; anything without one is a server fault, passed on
  throw error;
}

/** Stringifies bigints (superjson gives them for int8 parameters); both drivers take them as text. */
const plainParams = (params: unknown[]) => params.map((p) => (typeof p === "bigint" ? p.toString() : p));

/** Runs `statement` (already accepted by the guard) with `params` under `limits`. */
export async function runLimited(driver: SqlDriver, statement: string, params: unknown[], limits: SqlLimits): Promise<SqlAnswer> {
  const values = plainParams(params);
  const answer = (result: QueryResult, block: IndexedBlock | null): SqlAnswer => {
    if (result.rows.length > limits.maxRows) {
      throw new SqlRejected(`the query returns more than ${number(limits.maxRows)} rows; add a limit (at most ${number(limits.maxRows)}) or a where clause`);
    }
    return { rows: result.rows, fields: (result.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), block };
  };

  if (driver.kind === "postgres") {
    const client = await driver.connect();
    let broken: Error | undefined;
    try {
      await client.query("begin isolation level repeatable read read only");
      try {
        await client.query(`set local statement_timeout = ${limits.timeoutMs}`);
        const block = blockOfRows((await client.query(CHECKPOINT_SQL)).rows);
        if (limits.role !== undefined) await client.query(`set local role "${limits.role}"`);
        const result = await client.query(capped(statement, limits.maxRows + 1), values).catch((error: unknown) => rejectOf(error, limits));
        return answer(result, block);
      } finally {
        await client.query("rollback").catch((error: Error) => (broken = error));
      }
    } finally {
      client.release(broken ?? false);
    }
  }

  return driver.transaction(async (tx) => {
    await tx.query("set transaction isolation level repeatable read");
    await tx.query("set transaction read only");
    await tx.query("select set_config('search_path', current_setting('search_path') || ', pg_temp', true)");
    // PGlite's session has plan types disabled (seen: a sort over a sequential scan estimated 10,000,000,015, which is
    // PostgreSQL's 1e10 "disable cost" added per disabled node, not a real cost): enable them for this transaction
    // only, so the planner's estimate is the query's own and the limit compares like with like.
    await tx.query("select set_config(name, 'on', true) from pg_settings where name like 'enable\\_%' and setting = 'off'");
    const block = blockOfRows((await tx.query(CHECKPOINT_SQL)).rows);
    const cost = await plannedCost(tx, statement, values).catch((error: unknown) => rejectOf(error, limits));
    if (cost > limits.maxCost) {
      throw new SqlRejected(
        `the query is too expensive to run here (the planner estimates ${number(Math.round(cost))}, the limit is ${number(limits.maxCost)}); ` +
          "join on keys, filter with where, or aggregate fewer rows",
      );
    }
    const result = await tx.query(capped(statement, limits.maxRows + 1), values).catch((error: unknown) => rejectOf(error, limits));
    return answer(result, block);
  });
}
