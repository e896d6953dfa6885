// How every command-line script finds a deployment and signs: --manifest or --network (deployments/<network>.json),
// --rpc or AETHIR_RPC_URL or AETHIR_RPC_PORT on 127.0.0.1; the key from AETHIR_PRIVATE_KEY, or --account <n> for an
// unlocked account of a local node. Keys are never read from files in the repository.
import { JsonRpcProvider, Wallet, type Signer } from "ethers";
import { manifestPath, readManifest, type Manifest } from "./manifest.js";

export interface ConnectionFlags {
  network?: string;
  manifest?: string;
  rpc?: string;
  account?: string;
}

export function connect(flags: ConnectionFlags): { manifest: Manifest; provider: JsonRpcProvider } {
  const network = flags.network ?? "localhost";
  const path = flags.manifest ?? manifestPath(network);
  const manifest = readManifest(network, path);
  if (manifest === undefined) throw new Error(`no manifest at ${path}: deploy first or pass --manifest`);
  const url = flags.rpc ?? process.env.AETHIR_RPC_URL ?? `http://127.0.0.1:${process.env.AETHIR_RPC_PORT ?? "8545"}`;
  // staticNetwork: ethers would otherwise retry the network detection forever against a node that is down, printing a
  // line a second; `checkChain` asks the node once and says in a sentence what is wrong.
  return { manifest, provider: new JsonRpcProvider(url, manifest.chainId, { staticNetwork: true }) };
}

/** The node answers and is the manifest's chain; otherwise a sentence (a refused connection goes to the decoder). */
export async function checkChain(provider: JsonRpcProvider, manifest: Manifest): Promise<void> {
  const chainId = Number(await provider.send("eth_chainId", []));
  if (chainId !== manifest.chainId)
    throw new Error(`the RPC at ${provider._getConnection().url} is chain ${chainId}, but the manifest is for chain ${manifest.chainId} (${manifest.network}): pass the --rpc of that chain or the --manifest of this one`);
}

/** The signer: AETHIR_PRIVATE_KEY, else `--account <n>` of a local node; `role` names whose key is expected. */
export async function cliSigner(provider: JsonRpcProvider, flags: ConnectionFlags, role = "your"): Promise<Signer> {
  if (process.env.AETHIR_PRIVATE_KEY) return new Wallet(process.env.AETHIR_PRIVATE_KEY, provider);
  if (flags.account !== undefined) return provider.getSigner(Number(flags.account));
  throw new Error(`set AETHIR_PRIVATE_KEY (${role} key), or --account <n> on a local node`);
}
