// The deployment the app runs against: the manifest the CLI and the indexer read (chain id, addresses, ABIs) plus
// where to reach the chain and the indexer. The server that hosts the app writes it as ./deployment.json beside
// index.html (scripts/lib/web-server.ts for npm start; any static host for Sepolia or One), so one build serves every
// network.
import type { Abi, Address } from "viem";

export interface DeployedContract {
  address: Address;
  abi: Abi;
}

export interface Deployment {
  network: string;
  chainId: number;
  /** JSON-RPC endpoint the app reads through (the wallet signs and sends through its own). */
  rpcUrl: string;
  /** The indexer (Ponder): REST analytics, GraphQL, SQL. */
  apiUrl: string;
  /** Block explorer base URL (…/tx/<hash>), when the network has one. */
  explorerUrl?: string;
  /** Where claimants fetch their leaf and proof: GET <proofsUrl>/<epoch>/<account> (the referee's /proofs route). */
  proofsUrl?: string;
  contracts: Record<string, DeployedContract>;
}

/** Reads ./deployment.json; a missing or malformed file is one sentence for the page. */
export async function loadDeployment(url = "./deployment.json"): Promise<Deployment> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`Could not load ${url}: is the app's server running?`);
  }
  if (!response.ok) throw new Error(`Could not load ${url} (HTTP ${response.status}): the server that hosts this app must serve the deployment beside it.`);
  const d = (await response.json()) as Partial<Deployment>;
  for (const key of ["chainId", "rpcUrl", "apiUrl", "contracts"] as const) {
    if (d[key] === undefined) throw new Error(`${url} has no "${key}": regenerate it from the deployment manifest.`);
  }
  return d as Deployment;
}

/** A contract of the deployment by name, or a sentence saying which one the manifest lacks. */
export function contractOf(d: Deployment, name: string): DeployedContract {
  const c = d.contracts[name];
  if (!c) throw new Error(`This deployment has no ${name} contract: check the manifest the server was started with.`);
  return c;
}
