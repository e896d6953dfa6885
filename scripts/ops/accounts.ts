// The local node's signers as npm start's simulation uses them (`npm run cli -- accounts`): each account's role
// (scripts/lib/actors.ts), ATH and ETH balances and license count, read from the chain.
import { Contract, getAddress, type JsonRpcProvider } from "ethers";
import { roleOf } from "../lib/actors.js";
import type { Manifest } from "../lib/manifest.js";

export interface LocalAccount {
  index: number;
  address: string;
  role: string;
  ath: bigint;
  eth: bigint;
  licenses: bigint;
}

/** Accounts 0..19 (or as many as the node unlocks) with their role and balances. */
export async function localAccounts(manifest: Manifest, provider: JsonRpcProvider): Promise<LocalAccount[]> {
  const addresses = ((await provider.send("eth_accounts", [])) as string[]).slice(0, 20).map((a) => getAddress(a));
  if (addresses.length === 0) throw new Error("the node unlocks no account: `accounts` lists a local node's signers (npm start's chain)");
  const token = new Contract(manifest.contracts.AethirToken.address, manifest.contracts.AethirToken.abi as never, provider);
  const license = new Contract(manifest.contracts.CheckerLicense.address, manifest.contracts.CheckerLicense.abi as never, provider);
  return Promise.all(
    addresses.map(async (address, index) => ({
      index,
      address,
      role: roleOf(index),
      ath: (await token.balanceOf(address)) as bigint,
      eth: await provider.getBalance(address),
      licenses: (await license.balanceOf(address)) as bigint,
    })),
  );
}
