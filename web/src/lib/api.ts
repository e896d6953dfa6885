// The indexer's REST answers the app reads (ponder/src/api/analytics.ts). Numbers arrive as decimal strings.
export interface Overview {
  supply: { totalSupply: string; locked: string; treasury: string; circulating: string; holders: number } | null;
  buckets: { name: string; category: string; allocated: string; released: string }[];
  licenses: { sold: number; delegated: number; banned: number; active: number; activeEpoch: string | null; uptimeBps: number | null };
  rewards: { epochsSettled: number; emittedBase: string; emittedBonus: string; earned: string; claimed: string; vesting: string; withdrawn: string; forfeited: string; returnedToPool: string };
  staking: {
    holders: { staked: string; totalWeight: string; stathSupply: string; pools: { poolId: string; name: string; staked: string; totalWeight: string; openPositions: number }[] };
    hosts: { count: number; halted: number; activeStake: string; unbondingStake: string; requiredStake: string };
  };
  slashes: { executedTotal: string; executed: number; pending: number; vetoed: number };
  at: string;
}

export interface Daily {
  supply: { day: number; date: string; totalSupply: string; locked: string; treasury: string; circulating: string }[];
  licenses: { day: number; date: string; totalMinted: number; withOperator: number }[];
  rewards: { day: number; date: string; emittedBase: string; emittedBonus: string; claimed: string; withdrawn: string }[];
  stakingPools: { day: number; date: string; poolId: string; staked: string }[];
  hostStaking: { day: number; date: string; hostStake: string; unbondingStake: string; slashed: string }[];
}

/** GET <api><path> as JSON; an unreachable indexer or an error answer becomes one sentence. */
export async function getJson<T>(apiUrl: string, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, apiUrl));
  } catch {
    throw new Error(`The indexer at ${apiUrl} does not answer: check that it is running, then reload.`);
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const why = body && typeof body === "object" && "error" in body ? String((body as { error: unknown }).error) : `HTTP ${response.status}`;
    throw new Error(`The indexer refused ${path}: ${why}.`);
  }
  return body as T;
}
