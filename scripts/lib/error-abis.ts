// Where the command-line scripts find the ABIs to decode an error with, once it is caught far from any manifest: the
// manifest the user pointed to (--manifest, or deployments/<--network>.json), else every ABI the build produced under
// artifacts/contracts (so a revert still decodes when the manifest is missing or from another deployment). Node only;
// the decoding itself is scripts/lib/errors.ts.
import { existsSync, globSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { explainError, revertData, type Abis } from "./errors.js";
import { manifestPath, readManifest } from "./manifest.js";

const ARTIFACTS = fileURLToPath(new URL("../../artifacts/contracts", import.meta.url));

/** Contract name -> ABI of every artifact under artifacts/contracts (interfaces and libraries included). */
export function artifactAbis(root = ARTIFACTS): Record<string, unknown[]> {
  const abis: Record<string, unknown[]> = {};
  if (!existsSync(root)) return abis;
  for (const file of globSync("**/*.json", { cwd: root })) {
    if (file.endsWith(".dbg.json")) continue;
    try {
      const a = JSON.parse(readFileSync(`${root}/${file}`, "utf8")) as { contractName?: string; abi?: unknown[] };
      if (a.contractName && Array.isArray(a.abi)) abis[a.contractName] = a.abi;
    } catch {
      // not an artifact
    }
  }
  return abis;
}

/** The manifest named by the flags when it exists, else the artifacts' ABIs (which have no addresses). */
export function errorAbis(flags: { manifest?: string; network?: string } = {}): Abis {
  try {
    const network = flags.network ?? "localhost";
    const manifest = readManifest(network, flags.manifest ?? manifestPath(network));
    if (manifest) return manifest;
  } catch {
    // an unreadable manifest: the artifacts still know every error
  }
  return artifactAbis();
}

/** The RPC URL the scripts connect to with these flags (as scripts/lib/cli-connection.ts resolves it). */
export function rpcUrl(flags: { rpc?: string } = {}): string {
  return flags.rpc ?? process.env.AETHIR_RPC_URL ?? `http://127.0.0.1:${process.env.AETHIR_RPC_PORT ?? "8545"}`;
}

/** The chain's latest block time (a local chain's clock is often moved ahead), or undefined if it does not answer. */
export async function chainTime(url: string, timeoutMs = 2_000): Promise<number | undefined> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["latest", false] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const block = ((await res.json()) as { result?: { timestamp?: string } }).result;
    return block?.timestamp ? Number(BigInt(block.timestamp)) : undefined;
  } catch {
    return undefined;
  }
}

/** A caught error as the one line a command-line script prints: decoded against the flags' manifest, dated by the chain. */
export async function explainForCli(error: unknown, flags: { manifest?: string; network?: string; rpc?: string } = {}): Promise<string> {
  const rpc = rpcUrl(flags);
  const now = revertData(error) === undefined ? undefined : await chainTime(rpc);
  return explainError(error, errorAbis(flags), { now, rpc });
}
