// What the indexer says about cloud hosts: the host list (GET /leaderboard/hosts) and their executed or pending slashes
// (SQL over HTTP on the `slash` table: the REST endpoints have no slash list, and SQL names tables, not the GraphQL
// list names, so it keeps working when those are renamed). Numbers arrive as decimal strings.
import { getJson } from "./api";

export interface HostRow {
  address: `0x${string}`;
  stake: string;
  requiredStake: string;
  unbondingStake: string;
  delegatorCount: number;
  commissionBps: number;
  containerCount: number;
  halted: boolean;
  slashed: string;
}

export interface SlashRow {
  id: string;
  host: `0x${string}`;
  kind: string;
  /** "pending" | "vetoed" | "executed". */
  status: string;
  penalty: string;
  /** What HostStaking took (executed only). */
  taken: string | null;
  proposedAt: string;
  resolvedAt: string | null;
  executeAfter: string;
}

/** Every host by active stake (the endpoint serves at most 100). */
export const fetchHosts = (apiUrl: string) => getJson<HostRow[]>(apiUrl, "/leaderboard/hosts?limit=100");

const SLASHES_SQL = `select id::text as id, host, kind, status, penalty::text as penalty, taken::text as taken,
  proposed_at::text as "proposedAt", resolved_at::text as "resolvedAt", execute_after::text as "executeAfter"
  from slash order by proposed_at desc, id desc limit 1000`;

/** Every slash proposal, newest first, as the SQL endpoint @ponder/client uses answers it. */
export async function fetchSlashes(apiUrl: string): Promise<SlashRow[]> {
  const sql = encodeURIComponent(JSON.stringify({ json: { sql: SLASHES_SQL, params: [] } }));
  const body = await getJson<{ rows: SlashRow[] }>(apiUrl, `/sql/db?sql=${sql}`);
  return body.rows;
}

/** How long ago a slash still makes the page warn before delegating. */
export const RECENT_SLASH_SECONDS = 30 * 86_400;
