// Holder staking for one account: the pools (from the indexer: id and name; from the chain: staked, reward tokens)
// and the account's open positions with their weight and pending rewards, refreshed every few seconds.
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Address } from "viem";
import { stakingPoolsAbi, symbolAbi } from "../config/abis";
import { contractOf } from "../config/deployment";
import { useDeployment } from "./useDeployment";
import { useOverview } from "./useIndexer";

export interface PositionView {
  id: bigint;
  poolId: number;
  amount: bigint;
  lockWeeks: number;
  unlockTime: number;
  weight: bigint;
  pending: { symbol: string; amount: bigint }[];
}

export interface PoolInfo {
  id: number;
  name: string;
  staked: bigint;
  /** Each reward token with what it streams this week and what it streamed last week. */
  rewards: { token: Address; symbol: string; thisWeek: bigint; lastWeek: bigint }[];
}

/** The pools: names from the indexer (the contract keeps them only in its events), the rest from the chain. */
export function useStakingPools() {
  const d = useDeployment();
  const client = usePublicClient();
  const overview = useOverview();
  const named = overview.data?.staking.holders.pools ?? [];
  const address = contractOf(d, "StakingPools").address;
  const pools = { address, abi: stakingPoolsAbi } as const;
  const chain = useQuery({
    queryKey: ["pools", address, named.map((p) => p.poolId).join()],
    enabled: named.length > 0 && client !== undefined,
    refetchInterval: 4_000,
    queryFn: async (): Promise<PoolInfo[]> => {
      const week = await client!.readContract({ ...pools, functionName: "currentWeek" });
      return Promise.all(
        named.map(async (p) => {
          const id = BigInt(p.poolId);
          const [view, last] = await Promise.all([
            client!.readContract({ ...pools, functionName: "pool", args: [id] }),
            client!.readContract({ ...pools, functionName: "weekFunding", args: [id, week - 1n] }),
          ]);
          const symbols = await Promise.all(view.rewardTokens.map((t) => client!.readContract({ address: t, abi: symbolAbi, functionName: "symbol" }).catch(() => t)));
          const rewards = view.rewardTokens.map((token, k) => ({ token, symbol: symbols[k], thisWeek: view.weekFunding[k] ?? 0n, lastWeek: last[k] ?? 0n }));
          return { id: Number(id), name: p.name, staked: view.staked, rewards };
        }),
      );
    },
  });
  const fallback = named.map((p) => ({ id: Number(p.poolId), name: p.name, staked: BigInt(p.staked), rewards: [] }));
  return { pools: chain.data ?? fallback, error: overview.error ?? chain.error, isLoading: overview.isLoading };
}

export function usePositions(account: Address | undefined) {
  const d = useDeployment();
  const client = usePublicClient();
  const pools = { address: contractOf(d, "StakingPools").address, abi: stakingPoolsAbi } as const;
  return useQuery({
    queryKey: ["positions", pools.address, account],
    enabled: account !== undefined && client !== undefined,
    refetchInterval: 4_000,
    queryFn: async (): Promise<PositionView[]> => {
      const count = await client!.readContract({ ...pools, functionName: "positionCount", args: [account!] });
      const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i));
      const positions = await Promise.all(ids.map((id) => client!.readContract({ ...pools, functionName: "position", args: [account!, id] })));
      const open = ids.filter((_, i) => positions[i].amount > 0n);
      const symbols = new Map<string, string>();
      const symbolOf = async (token: Address) => {
        if (!symbols.has(token)) symbols.set(token, await client!.readContract({ address: token, abi: symbolAbi, functionName: "symbol" }).catch(() => token));
        return symbols.get(token)!;
      };
      return Promise.all(
        open.map(async (id) => {
          const p = positions[Number(id)];
          const [weight, [tokens, amounts]] = await Promise.all([
            client!.readContract({ ...pools, functionName: "weightOf", args: [account!, id] }),
            client!.readContract({ ...pools, functionName: "pendingRewards", args: [account!, id] }),
          ]);
          const pending = await Promise.all(tokens.map(async (t, k) => ({ symbol: await symbolOf(t), amount: amounts[k] })));
          return { id, poolId: p.pool, amount: p.amount, lockWeeks: p.lockWeeks, unlockTime: p.unlockWeek * 604_800, weight, pending };
        }),
      );
    },
  });
}
