// The deployment manifest, deployments/<network>.json: what the indexer, the operational scripts and the tests
// read to find the contracts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BucketRecord, DeployedContract, GenesisDeployment } from "./genesis.js";
import type { LicensingDeployment } from "./licensing.js";

export interface ManifestContract extends DeployedContract {
  abi: unknown[];
}

export interface Manifest {
  network: string;
  chainId: number;
  deployer: string;
  tgeTimestamp: number;
  /** Lowest deployment block: where an indexer starts. */
  startBlock: number;
  contracts: Record<string, ManifestContract>;
  buckets: BucketRecord[];
  /** Merkle root of the sale's whitelist round. */
  whitelistRoot?: string;
}

export function manifestPath(networkName: string): string {
  return `deployments/${networkName}.json`;
}

export function readManifest(networkName: string, path = manifestPath(networkName)): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

export function writeManifest(manifest: Manifest, path = manifestPath(manifest.network)): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(manifest, null, 2) + "\n");
}

/** Assembles the manifest of a deployment, with each contract's ABI read from the build's artifacts. */
export async function buildManifest(
  info: { network: string; chainId: number; deployer: string },
  genesis: GenesisDeployment,
  licensing: LicensingDeployment,
  readAbi: (artifact: string) => Promise<unknown[]>,
): Promise<Manifest> {
  const contracts: Manifest["contracts"] = {};
  for (const [name, c] of Object.entries({ ...genesis.contracts, ...licensing.contracts })) {
    contracts[name] = { ...c, abi: await readAbi(c.artifact) };
  }
  return {
    ...info,
    tgeTimestamp: genesis.tgeTimestamp,
    startBlock: Math.min(...Object.values(contracts).map((c) => c.blockNumber)),
    contracts,
    buckets: genesis.buckets,
    whitelistRoot: licensing.whitelistRoot,
  };
}
