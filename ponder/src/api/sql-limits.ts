// The limits of SQL over HTTP, from the environment (Ponder's API process reads it at start). Kept apart from the
// execution so the tests and the README can name them.

export interface SqlLimits {
  /** PostgreSQL's statement_timeout for one query (PONDER_SQL_TIMEOUT_MS, default 5,000). */
  timeoutMs: number;
  /** At most this many rows are returned; more answers 400 (PONDER_SQL_MAX_ROWS, default 10,000). */
  maxRows: number;
  /**
   * PGlite only: the planner's estimated total cost above which a query is refused before it runs
   * (PONDER_SQL_MAX_COST, default 1,000,000). PGlite runs inside the indexer's process and cannot cancel a statement
   * (no statement_timeout), so a query that runs for minutes would stall indexing and every other request.
   */
  maxCost: number;
  /** PostgreSQL only: the role each query runs as (SET LOCAL ROLE), one that can read only the app's schema (PONDER_SQL_ROLE). */
  role: string | undefined;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1; got ${JSON.stringify(raw)}`);
  return n;
}

export function sqlLimits(env: NodeJS.ProcessEnv = process.env): SqlLimits {
  const role = env.PONDER_SQL_ROLE === undefined || env.PONDER_SQL_ROLE === "" ? undefined : env.PONDER_SQL_ROLE;
  if (role !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`PONDER_SQL_ROLE must be a lower-case SQL name; got ${JSON.stringify(role)}`);
  return {
    timeoutMs: positiveInteger(env, "PONDER_SQL_TIMEOUT_MS", 5_000),
    maxRows: positiveInteger(env, "PONDER_SQL_MAX_ROWS", 10_000),
    maxCost: positiveInteger(env, "PONDER_SQL_MAX_COST", 1_000_000),
    role,
  };
}

/**
 * The statements that create the read-only role SQL over HTTP runs as on PostgreSQL (as the database's owner, once per
 * deployment schema): it can log in nowhere, read the app's tables in `schema` and nothing else the owner has (not the
 * other deployments, not ponder_sync), and the indexer's user may switch to it.
 */
export function readerRoleSql(role: string, schema: string, owner: string): string[] {
  return [
    `do $$ begin if not exists (select from pg_roles where rolname = '${role}') then create role "${role}" nologin; end if; end $$`,
    `grant "${role}" to "${owner}"`,
    `grant usage on schema "${schema}" to "${role}"`,
    `grant select on all tables in schema "${schema}" to "${role}"`,
  ];
}
