// Cloud hosts for the Hosts screen: the list and slash history from the indexer, each host's stake, requirement,
// halt, commission and pending slashes live from the chain (the indexer follows a few seconds behind; a delegation
// must show at once), and one account's stake, rewards and unbonding requests with each host, from the chain.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Address } from "viem";
import { contractOf } from "../config/deployment";
import { hostStakingAbi, hostStakingLensAbi } from "../config/hostStakingAbi";
import { getJson } from "../lib/api";
import { fetchHosts, fetchSlashes, type HostRow, type SlashRow } from "../lib/hostsApi";
import { useDeployment } from "./useDeployment";

export interface HostView extends HostRow {
  /** Live from the chain. */
  activeStake: bigint;
  required: bigint;
  haltedNow: boolean;
  commission: number;
  pendingCommission?: { bps: number; effectiveAt: number };
  pendingSlashes: number;
  slashes: SlashRow[];
}

function useHostContracts() {
  const d = useDeployment();
  return {
    staking: { address: contractOf(d, "HostStaking").address, abi: hostStakingAbi },
    lens: { address: contractOf(d, "HostStakingLens").address, abi: hostStakingLensAbi },
  } as const;
}

export function useHosts() {
  const { apiUrl } = useDeployment();
  const client = usePublicClient();
  const { staking, lens } = useHostContracts();
  return useQuery({
    queryKey: ["hosts", apiUrl, staking.address],
    enabled: client !== undefined,
    refetchInterval: 5_000,
    queryFn: async (): Promise<HostView[]> => {
      const [rows, slashes] = await Promise.all([fetchHosts(apiUrl), fetchSlashes(apiUrl)]);
      return Promise.all(
        rows.map(async (row) => {
          const [info, pool, required, haltedNow] = await Promise.all([
            client!.readContract({ ...staking, functionName: "hostInfo", args: [row.address] }),
            client!.readContract({ ...staking, functionName: "activePool", args: [row.address] }),
            client!.readContract({ ...lens, functionName: "requiredStake", args: [row.address] }),
            client!.readContract({ ...lens, functionName: "isHalted", args: [row.address] }),
          ]);
          const effectiveAt = Number(info.commissionEffectiveAt);
          return {
            ...row,
            activeStake: pool.assets,
            required,
            haltedNow,
            commission: info.commissionBps,
            pendingCommission: effectiveAt !== 0 ? { bps: info.pendingCommissionBps, effectiveAt } : undefined,
            pendingSlashes: info.pendingSlashes,
            // newest first by the date shown: when it resolved (executed or vetoed), else when it was proposed
            slashes: slashes
              .filter((s) => s.host.toLowerCase() === row.address.toLowerCase())
              .sort((a, b) => Number(b.resolvedAt ?? b.proposedAt) - Number(a.resolvedAt ?? a.proposedAt)),
          };
        }),
      );
    },
  });
}

export interface UnbondingView {
  id: bigint;
  /** What its unbonding shares are worth now (less than unstaked if a slash hit the unbonding pool). */
  assets: bigint;
  unlockAt: number;
}

export interface MyHostStake {
  stake: bigint;
  rewards: bigint;
  unbondings: UnbondingView[];
}

interface AccountPage {
  unbondingRequests: { id: string; host: string; status: string }[];
}

/**
 * `account`'s stake and claimable rewards with `host`, and its open unbonding requests. Request ids are global and
 * only events name them: the indexer's list, plus `knownIds` (requests this page just made, which the indexer may not
 * have seen yet); each one's worth and unlock come from the chain (unlock 0: withdrawn).
 */
export function useMyHostStake(host: Address, account: Address | undefined, knownIds: bigint[]) {
  const { apiUrl } = useDeployment();
  const client = usePublicClient();
  const { lens } = useHostContracts();
  return useQuery({
    queryKey: ["my-host-stake", host, account, knownIds.join()],
    enabled: account !== undefined && client !== undefined,
    // a new known id changes the key: keep showing the previous answer (and the forms under it) meanwhile
    placeholderData: keepPreviousData,
    refetchInterval: 4_000,
    queryFn: async (): Promise<MyHostStake> => {
      const [[, stake], rewards, page] = await Promise.all([
        client!.readContract({ ...lens, functionName: "stakeOf", args: [host, account!] }),
        client!.readContract({ ...lens, functionName: "pendingRewards", args: [host, account!] }),
        getJson<AccountPage>(apiUrl, `/accounts/${account!.toLowerCase()}`),
      ]);
      const indexed = page.unbondingRequests.filter((u) => u.host.toLowerCase() === host.toLowerCase() && u.status === "unbonding").map((u) => BigInt(u.id));
      const ids = [...new Set([...indexed, ...knownIds])].sort((a, b) => (a < b ? -1 : 1));
      const requests = await Promise.all(
        ids.map(async (id) => {
          const [, assets, unlockAt] = await client!.readContract({ ...lens, functionName: "unbondingOf", args: [host, account!, id] });
          return { id, assets, unlockAt: Number(unlockAt) };
        }),
      );
      return { stake, rewards, unbondings: requests.filter((u) => u.unlockAt !== 0) };
    },
  });
}

/** Governance's unbonding period (seconds), for the unlock date shown before an undelegation is signed. */
export function useUnbondingPeriod() {
  const client = usePublicClient();
  const { staking } = useHostContracts();
  return useQuery({
    queryKey: ["unbonding-period", staking.address],
    enabled: client !== undefined,
    queryFn: async () => Number((await client!.readContract({ ...staking, functionName: "params" })).unbondingPeriod),
  });
}
