// The deployment manifest the indexer follows (written by scripts/deploy.ts). Resolved against the repository root,
// whatever directory Ponder runs from.
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface Manifest {
  network: string;
  chainId: number;
  tgeTimestamp: number;
  startBlock: number;
  contracts: Record<string, { artifact: string; address: string; blockNumber: number }>;
  buckets: { name: string; shareBps: number; amount: string; schedule: { kind: string }; beneficiary?: string }[];
}

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const configured = process.env.AETHIR_MANIFEST ?? "deployments/localhost.json";
export const manifestPath = isAbsolute(configured) ? configured : resolve(repoRoot, configured);
export const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;

export function addressesOf(names: string[]): `0x${string}`[] {
  return names.map((n) => manifest.contracts[n]!.address.toLowerCase() as `0x${string}`);
}

/** Bucket name (e.g. "TeamVesting") by lower-case address. */
export const bucketNameByAddress = new Map(
  manifest.buckets.map((b) => [manifest.contracts[b.name]!.address.toLowerCase(), b.name]),
);

export const timelockAddress = manifest.contracts.Timelock!.address.toLowerCase();
export const tokenAddress = manifest.contracts.AethirToken!.address.toLowerCase() as `0x${string}`;

/** Every contract of the deployment (buckets, timelock, sale, staking, claims, …): addresses that are never holders. */
export const protocolAddresses = new Set(Object.values(manifest.contracts).map((c) => c.address.toLowerCase() as `0x${string}`));
