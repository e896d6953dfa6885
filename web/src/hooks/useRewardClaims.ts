// RewardClaims for one account: the contract's constants (minimum, fee, vesting lengths, short share), what the
// account has claimed, its vesting entries, and its leaf in the synced root from the deployment's proofs source.
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Address, Hex } from "viem";
import { rewardClaimsAbi } from "../config/licenseAbis";
import { contractOf } from "../config/deployment";
import { useDeployment } from "./useDeployment";

export interface ClaimTerms {
  minClaim: bigint;
  fee: bigint;
  longVesting: number;
  shortVesting: number;
  shortShareBps: bigint;
}

export interface VestingEntry {
  id: bigint;
  /** Still locked (0 once withdrawn or forfeited). */
  amount: bigint;
  unlockAt: number;
}

export interface ClaimsState {
  terms: ClaimTerms;
  syncedEpoch: number;
  root: Hex;
  unclaimed: bigint;
  claimed: bigint;
  entries: VestingEntry[];
}

export function useRewardClaims(account: Address | undefined) {
  const d = useDeployment();
  const client = usePublicClient();
  const claims = { address: contractOf(d, "RewardClaims").address, abi: rewardClaimsAbi } as const;
  return useQuery({
    queryKey: ["rewardClaims", claims.address, account],
    enabled: account !== undefined && client !== undefined,
    refetchInterval: 4_000,
    queryFn: async (): Promise<ClaimsState> => {
      const read = client!.readContract;
      const [minClaim, fee, longVesting, shortVesting, shortShareBps, syncedEpoch, root, unclaimed, claimed, count] = await Promise.all([
        read({ ...claims, functionName: "MIN_CLAIM" }),
        read({ ...claims, functionName: "FEE" }),
        read({ ...claims, functionName: "LONG_VESTING" }),
        read({ ...claims, functionName: "SHORT_VESTING" }),
        read({ ...claims, functionName: "SHORT_SHARE_BPS" }),
        read({ ...claims, functionName: "syncedEpoch" }),
        read({ ...claims, functionName: "root" }),
        read({ ...claims, functionName: "unclaimed" }),
        read({ ...claims, functionName: "claimed", args: [account!] }),
        read({ ...claims, functionName: "entryCount", args: [account!] }),
      ]);
      const entries = await Promise.all(
        Array.from({ length: Number(count) }, (_, i) => BigInt(i)).map(async (id) => {
          const [amount, unlockAt] = await read({ ...claims, functionName: "entry", args: [account!, id] });
          return { id, amount, unlockAt: Number(unlockAt) };
        }),
      );
      return { terms: { minClaim, fee, longVesting, shortVesting, shortShareBps }, syncedEpoch: Number(syncedEpoch), root, unclaimed, claimed, entries };
    },
  });
}

export interface Leaf {
  amount: bigint;
  proof: Hex[];
}

/**
 * The account's leaf in `epoch`'s root from GET <proofsUrl>/<epoch>/<account>; undefined when it has none (HTTP
 * 404). An unreachable source or any other answer is a sentence.
 */
export function useLeaf(account: Address | undefined, epoch: number | undefined) {
  const { proofsUrl } = useDeployment();
  return useQuery({
    queryKey: ["leaf", proofsUrl, epoch, account],
    enabled: account !== undefined && epoch !== undefined && proofsUrl !== undefined,
    refetchInterval: 30_000,
    queryFn: async (): Promise<Leaf | null> => {
      const url = `${proofsUrl!.replace(/\/$/, "")}/${epoch}/${account!.toLowerCase()}`;
      let response: Response;
      try {
        response = await fetch(url);
      } catch {
        throw new Error(`The proofs source ${proofsUrl} does not answer: try again later, or ask the operator of this site.`);
      }
      if (response.status === 404) return null;
      const body = (await response.json().catch(() => undefined)) as { amount?: string; proof?: Hex[] } | undefined;
      if (!response.ok || !body?.amount || !Array.isArray(body.proof)) throw new Error(`The proofs source answered HTTP ${response.status} for epoch ${epoch}: try again later.`);
      return { amount: BigInt(body.amount), proof: body.proof };
    },
  });
}
