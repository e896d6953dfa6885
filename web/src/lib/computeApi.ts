// What the indexer says about compute providers (issue 15): the providers' leaderboard (GET /leaderboard/providers)
// and, for one account, its per-epoch earnings and its containers' epochs (SQL over HTTP on the compute tables: the
// REST endpoints serve one epoch for everyone, not one account over every epoch). Numbers arrive as decimal strings.
import { getJson } from "./api";

export interface ProviderRow {
  account: `0x${string}`;
  cumulativeEdge: string;
  cumulativeEnterprise: string;
  earned: string;
  claimedEdge: string;
  pushedEnterprise: string;
  epochsEarning: number;
  lastEpoch: string | null;
}

export interface AccountEpochRow {
  epoch: string;
  earnedEdge: string;
  earnedEnterprise: string;
  cumulativeEdge: string;
  cumulativeEnterprise: string;
  /** The epoch's root: "posted" | "synced" | "vetoed"; and when it was posted (unix seconds). */
  status: string | null;
  postedAt: string | null;
  /** When its challenge window ends (unix seconds). */
  finalAt: string | null;
}

export interface ContainerEpochRow {
  /** The container's id (bytes32). */
  container: `0x${string}`;
  epoch: string;
  classId: number;
  /** "edge" | "enterprise". */
  pool: string;
  coefficient: number;
  assigned: number;
  pass: number;
  fail: number;
  void: number;
  points: string;
  earned: string;
  /** "fail-majority" | "halted" | null. */
  zeroed: string | null;
  /** The epoch's points in the container's pool (all containers of that pool). */
  poolPoints: string;
}

export interface AccountCompute {
  provider: ProviderRow | undefined;
  epochs: AccountEpochRow[];
  containers: ContainerEpochRow[];
}

/** The top providers by cumulative earnings (the endpoint serves at most 100). */
export const fetchProviders = (apiUrl: string) => getJson<ProviderRow[]>(apiUrl, "/leaderboard/providers?limit=100");

async function sql<T>(apiUrl: string, query: string): Promise<T[]> {
  const encoded = encodeURIComponent(JSON.stringify({ json: { sql: query, params: [] } }));
  const body = await getJson<{ rows: T[] }>(apiUrl, `/sql/db?sql=${encoded}`);
  return body.rows;
}

/** One account's compute earnings over every epoch; `account` must be a checked address (it is written into the SQL). */
export async function fetchAccountCompute(apiUrl: string, account: `0x${string}`): Promise<AccountCompute> {
  if (!/^0x[0-9a-fA-F]{40}$/.test(account)) throw new Error(`${account} is not an address.`);
  const a = account.toLowerCase();
  const [providers, epochs, containers] = await Promise.all([
    sql<ProviderRow>(
      apiUrl,
      `select account, cumulative_edge::text as "cumulativeEdge", cumulative_enterprise::text as "cumulativeEnterprise",
        earned::text as earned, claimed_edge::text as "claimedEdge", pushed_enterprise::text as "pushedEnterprise",
        epochs_earning as "epochsEarning", last_epoch::text as "lastEpoch" from compute_provider where lower(account) = '${a}'`,
    ),
    sql<AccountEpochRow>(
      apiUrl,
      `select e.epoch::text as epoch, e.earned_edge::text as "earnedEdge", e.earned_enterprise::text as "earnedEnterprise",
        e.cumulative_edge::text as "cumulativeEdge", e.cumulative_enterprise::text as "cumulativeEnterprise", r.status as status, r.posted_at::text as "postedAt", r.final_at::text as "finalAt"
        from compute_account_epoch e left join compute_root r on r.epoch = e.epoch
        where lower(e.account) = '${a}' order by e.epoch desc limit 1000`,
    ),
    sql<ContainerEpochRow>(
      apiUrl,
      `select c.container, c.epoch::text as epoch, c.class_id as "classId", c.pool, c.coefficient, c.assigned, c.pass, c.fail,
        c.void, c.points::text as points, c.earned::text as earned, c.zeroed,
        (case when c.pool = 'edge' then r.edge_points else r.enterprise_points end)::text as "poolPoints"
        from compute_container_epoch c left join compute_root r on r.epoch = c.epoch
        where lower(c.host) = '${a}' order by c.epoch desc, c.container asc limit 1000`,
    ),
  ]);
  return { provider: providers[0], epochs, containers };
}

/** Why a container earned nothing in an epoch, in a sentence; undefined when it earned. */
export function whyNothing(c: Pick<ContainerEpochRow, "zeroed" | "pass" | "fail" | "assigned" | "earned" | "points">): string | undefined {
  if (c.zeroed === "fail-majority") return `Fail majority: ${c.fail} of its ${c.assigned} jobs failed, so it earns nothing for the epoch.`;
  if (c.zeroed === "halted") return "Its host was halted at the epoch's end (stake below the requirement), so it earns nothing for the epoch.";
  if (c.zeroed) return `Zeroed (${c.zeroed}).`;
  if (c.assigned === 0) return "No job was assigned to it in the epoch.";
  if (c.pass === 0) return "No Pass job in the epoch.";
  if (BigInt(c.earned) === 0n) return "Its share of the pool rounded down to nothing.";
  return undefined;
}

/** A container's share of its pool's points, as a percentage with two decimals ("12.34 %"). */
export function poolShare(points: string, poolPoints: string): string {
  const p = BigInt(points);
  const total = BigInt(poolPoints || "0");
  if (total === 0n) return "0.00 %";
  const bps100 = (p * 1_000_000n) / total; // hundredths of a basis point → 4 decimals of a percent, show 2
  const hundredths = bps100 / 100n;
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, "0")} %`;
}
