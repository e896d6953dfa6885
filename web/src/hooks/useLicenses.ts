// A license owner's data: its licenses (ids from the indexer, state from the chain: operator, expiry, ban, transfer
// lock), its KYC state, and its earnings per epoch and per license with the epochs' settlement status (indexer).
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { hexToString, type Address } from "viem";
import { checkerLicenseAbi, complianceAbi, refereeAbi } from "../config/licenseAbis";
import { contractOf } from "../config/deployment";
import { getJson } from "../lib/api";
import { useDeployment } from "./useDeployment";

/** The part of the indexer's GET /accounts/<address> this screen reads (numbers as decimal strings). */
export interface AccountPage {
  licenses: { id: string; operator: string | null; bannedUntil: string }[];
  earnings: { epoch: string; earned: string; cumulative: string }[];
  rewards: { cumulativeEarned: string; cumulativeClaimed: string; vesting: string; withdrawn: string; forfeited: string; returnedToPool: string } | null;
  claims: { entryId: string; epoch: string; amount: string; fee: string; option: string; vesting: string; returnedToPool: string; unlockAt: string; status: string; claimedAt: string }[];
}

export function useAccountPage(account: Address | undefined) {
  const { apiUrl } = useDeployment();
  return useQuery({
    queryKey: ["account", apiUrl, account],
    enabled: account !== undefined,
    refetchInterval: 5_000,
    queryFn: () => getJson<AccountPage>(apiUrl, `/accounts/${account!.toLowerCase()}`),
  });
}

export interface LicenseState {
  id: bigint;
  /** The operator while the delegation lasts (ERC-4907: none once it expired). */
  operator: Address | undefined;
  operatorExpires: number;
  bannedUntil: number;
}

/** The chain's view of each license the indexer lists for `account` (a license it no longer owns is left out). */
export function useLicenseStates(account: Address | undefined, ids: string[]) {
  const d = useDeployment();
  const client = usePublicClient();
  const license = { address: contractOf(d, "CheckerLicense").address, abi: checkerLicenseAbi } as const;
  return useQuery({
    queryKey: ["licenseStates", license.address, account, ids.join()],
    enabled: account !== undefined && client !== undefined,
    refetchInterval: 4_000,
    queryFn: async () => {
      const [states, transferableAfter, allowlisted] = await Promise.all([
        Promise.all(
          ids.map(async (raw): Promise<LicenseState | undefined> => {
            const id = BigInt(raw);
            const [owner, user, expires, banned] = await Promise.all([
              client!.readContract({ ...license, functionName: "ownerOf", args: [id] }),
              client!.readContract({ ...license, functionName: "userOf", args: [id] }),
              client!.readContract({ ...license, functionName: "userExpires", args: [id] }),
              client!.readContract({ ...license, functionName: "bannedUntil", args: [id] }),
            ]);
            if (owner.toLowerCase() !== account!.toLowerCase()) return undefined;
            const live = user !== "0x0000000000000000000000000000000000000000";
            return { id, operator: live ? user : undefined, operatorExpires: live ? Number(expires) : 0, bannedUntil: Number(banned) };
          }),
        ),
        client!.readContract({ ...license, functionName: "transferableAfter" }),
        client!.readContract({ ...license, functionName: "transferAllowlist", args: [account!] }),
      ]);
      return { licenses: states.filter((s): s is LicenseState => s !== undefined), transferableAfter: Number(transferableAfter), allowlisted };
    },
  });
}

export interface KycState {
  allowed: boolean;
  restricted: boolean;
  /** ISO 3166 code of the latest attestation ("" if none). */
  country: string;
  expiry: number;
  revoked: boolean;
}

export function useKyc(account: Address | undefined) {
  const d = useDeployment();
  const client = usePublicClient();
  const registry = { address: contractOf(d, "ComplianceRegistry").address, abi: complianceAbi } as const;
  return useQuery({
    queryKey: ["kyc", registry.address, account],
    enabled: account !== undefined && client !== undefined,
    refetchInterval: 10_000,
    queryFn: async (): Promise<KycState> => {
      const [allowed, restricted, [code, expiry, revoked]] = await Promise.all([
        client!.readContract({ ...registry, functionName: "isAllowed", args: [account!] }),
        client!.readContract({ ...registry, functionName: "isRestricted", args: [account!] }),
        client!.readContract({ ...registry, functionName: "attestations", args: [account!] }),
      ]);
      const country = hexToString(code).replace(/\0+$/, "");
      return { allowed, restricted, country, expiry: Number(expiry), revoked };
    },
  });
}

export interface LicenseEpoch {
  licenseId: string;
  epoch: string;
  assigned: number;
  correct: number;
  minority: number;
  missed: number;
  earned: string;
  withheld: string | null;
}

export interface EpochStatus {
  epoch: string;
  /** "imported" | "vetoed" | "unavailable" | "root-mismatch" */
  report: string;
}

/** Per license and epoch (settlement reports, from the indexer's GraphQL), and every settled epoch's report status. */
export function useLicenseEpochs(account: Address | undefined) {
  const { apiUrl } = useDeployment();
  return useQuery({
    queryKey: ["licenseEpochs", apiUrl, account],
    enabled: account !== undefined,
    refetchInterval: 15_000,
    queryFn: async () => {
      const query = `query($owner: String!) {
        settledLicenseEpochs(where: { owner: $owner }, orderBy: "epoch", limit: 1000) { items { licenseId epoch assigned correct minority missed earned withheld } }
        epochSettlements(orderBy: "epoch", limit: 1000) { items { epoch report } } }`;
      let response: Response;
      try {
        response = await fetch(new URL("/graphql", apiUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables: { owner: account!.toLowerCase() } }) });
      } catch {
        throw new Error(`The indexer at ${apiUrl} does not answer: check that it is running, then reload.`);
      }
      const body = (await response.json().catch(() => ({}))) as { data?: { settledLicenseEpochs: { items: LicenseEpoch[] }; epochSettlements: { items: EpochStatus[] } }; errors?: { message: string }[] };
      if (!body.data) throw new Error(`The indexer refused the earnings query: ${body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`}.`);
      return { perLicense: body.data.settledLicenseEpochs.items, epochs: body.data.epochSettlements.items };
    },
  });
}

/** Unix time epoch 0 starts (the referee's TGE; epochs are days). */
export function useTge() {
  const d = useDeployment();
  const client = usePublicClient();
  const address = contractOf(d, "CheckerReferee").address;
  return useQuery({ queryKey: ["tge", address], enabled: client !== undefined, staleTime: Infinity, queryFn: async () => Number(await client!.readContract({ address, abi: refereeAbi, functionName: "tge" })) });
}
