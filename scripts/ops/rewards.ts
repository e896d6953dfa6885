// What a license owner does with checker rewards (SPEC §5, §6): see earnings per license and per epoch (from the
// indexer), claim the cumulative leaf with either vesting option (from the referee's proofs file), and withdraw every
// matured entry. Used by `npm run cli` and the tests.
import { readFileSync } from "node:fs";
import { Contract, type Signer } from "ethers";
import { gql } from "../lib/local-stack.js";
import type { Manifest } from "../lib/manifest.js";
import type { ProofsFile } from "../referee/tree.js";

const claimsOf = (manifest: Manifest, s: Signer) => new Contract(manifest.contracts.RewardClaims.address, manifest.contracts.RewardClaims.abi as never, s);

export interface Earnings {
  perLicense: { licenseId: string; epoch: string; correct: number; minority: number; missed: number; earned: string; withheld: string | null }[];
  perEpoch: { epoch: string; earned: string; cumulative: string }[];
  account: { cumulativeClaimed: string; vesting: string; withdrawn: string } | null;
}

/** An owner's earnings per license and epoch, per epoch, and what it has claimed, from the indexer at `api`. */
export async function earnings(api: string, owner: string): Promise<Earnings> {
  const account = owner.toLowerCase();
  const d = await gql<{
    settledLicenseEpochs: { items: Earnings["perLicense"] };
    accountEpochs: { items: Earnings["perEpoch"] };
    rewardAccount: Earnings["account"];
  }>(
    api,
    `{ settledLicenseEpochs(where: { owner: "${account}" }, orderBy: "epoch", limit: 1000) { items { licenseId epoch correct minority missed earned withheld } }
       accountEpochs(where: { account: "${account}" }, orderBy: "epoch", limit: 1000) { items { epoch earned cumulative } }
       rewardAccount(account: "${account}") { cumulativeClaimed vesting withdrawn } }`,
  );
  return { perLicense: d.settledLicenseEpochs.items, perEpoch: d.accountEpochs.items, account: d.rewardAccount };
}

/** Loads the referee's proofs file from a path or an http(s) URL. */
export async function loadProofs(source: string): Promise<ProofsFile> {
  if (/^https?:\/\//.test(source)) return (await (await fetch(source)).json()) as ProofsFile;
  return JSON.parse(readFileSync(source.replace(/^file:\/\//, ""), "utf8")) as ProofsFile;
}

/**
 * Claims the signer's leaf of `proofs` with `option` (0: 180 days for 100%, 1: 30 days for 25%). Syncs the claims
 * contract first when the proofs are for a final root it has not adopted yet.
 */
export async function claim(manifest: Manifest, s: Signer, proofs: ProofsFile, option: 0 | 1): Promise<{ entryId: bigint; amount: bigint; txHash: string }> {
  const claims = claimsOf(manifest, s);
  const me = (await s.getAddress()).toLowerCase();
  const leaf = proofs.claims[me];
  if (!leaf) throw new Error(`${me} has no leaf in the root of epoch ${proofs.epoch}`);
  if ((await claims.root()) !== proofs.root) {
    const referee = new Contract(manifest.contracts.CheckerReferee.address, manifest.contracts.CheckerReferee.abi as never, s);
    const [finalEpoch, finalRoot] = await referee.finalRoot();
    if (finalRoot !== proofs.root) throw new Error(`the proofs are for epoch ${proofs.epoch}'s root, which is not the final one (epoch ${finalEpoch}) yet`);
    await (await claims.sync()).wait();
  }
  const already: bigint = await claims.claimed(me);
  const entryId: bigint = await claims.entryCount(me);
  const tx = await claims.claim(leaf.amount, leaf.proof, option);
  await tx.wait();
  return { entryId, amount: BigInt(leaf.amount) - already, txHash: tx.hash };
}

/** Withdraws every matured, open entry of the signer in one call; returns the ids and the amount. */
export async function withdrawMatured(manifest: Manifest, s: Signer): Promise<{ entryIds: bigint[]; amount: bigint; txHash: string | null }> {
  const claims = claimsOf(manifest, s);
  const me = await s.getAddress();
  const now = BigInt((await s.provider!.getBlock("latest"))!.timestamp);
  const count: bigint = await claims.entryCount(me);
  const entryIds: bigint[] = [];
  let amount = 0n;
  for (let i = 0n; i < count; i++) {
    const [locked, unlockAt] = await claims.entry(me, i);
    if (locked > 0n && unlockAt <= now) {
      entryIds.push(i);
      amount += locked;
    }
  }
  if (entryIds.length === 0) return { entryIds, amount, txHash: null };
  const tx = await claims.withdraw(entryIds);
  await tx.wait();
  return { entryIds, amount, txHash: tx.hash };
}
