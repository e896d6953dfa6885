// A compute provider's payments (issue 15): an Edge device's owner claims its Edge amount (`claimEdge`), and anyone
// pushes a host's Enterprise/IDC amount into its HostStaking reward stream (`pushHostRewards`), each with the leaf
// and proof of the referee's compute proofs file (`epoch-<E>.compute.proofs.json`, or its `/compute-proofs/<epoch>`
// endpoint). Both sync ComputeRewards first when the proofs are for a final root it has not adopted yet. Used by
// `npm run cli -- claim-edge | push-host-rewards`, the story and the tests; a refusal reaches the user as the contract's
// named error, which the CLI turns into a sentence through the shared decoder.
import { readFileSync } from "node:fs";
import { Contract, type Signer } from "ethers";
import type { Manifest } from "../lib/manifest.js";
import type { ComputeProofsFile } from "../referee/compute-rewards.js";

const computeOf = (manifest: Manifest, s: Signer) => {
  const c = manifest.contracts.ComputeRewards;
  if (!c) throw new Error("this deployment has no ComputeRewards: compute providers are not paid on it");
  return new Contract(c.address, c.abi as never, s);
};

/** Loads a compute proofs file from a path, a file:// URL or an http(s) URL (the referee's /compute-proofs/<epoch>). */
export async function loadComputeProofs(source: string): Promise<ComputeProofsFile> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source} answered ${res.status}: ${((await res.json().catch(() => ({}))) as { error?: string }).error ?? "no proofs there"}`);
    return (await res.json()) as ComputeProofsFile;
  }
  return JSON.parse(readFileSync(source.replace(/^file:\/\//, ""), "utf8")) as ComputeProofsFile;
}

/** `account`'s leaf in `proofs`, or a sentence saying it has none. */
export function leafOf(proofs: ComputeProofsFile, account: string) {
  const leaf = proofs.claims[account.toLowerCase()];
  if (!leaf) throw new Error(`${account} has no leaf in the compute root of epoch ${proofs.epoch}: it earned nothing up to that epoch`);
  return { edge: BigInt(leaf.edge), enterprise: BigInt(leaf.enterprise), proof: leaf.proof };
}

/** Syncs ComputeRewards when `proofs` are for the newest final root and it has not adopted it yet; says whether it did. */
export async function syncFor(manifest: Manifest, s: Signer, proofs: ComputeProofsFile): Promise<boolean> {
  const compute = computeOf(manifest, s);
  if ((await compute.root()) === proofs.root) return false;
  const [finalEpoch, finalRoot] = await compute.finalRoot();
  if (finalRoot.root !== proofs.root) {
    throw new Error(`the proofs are for epoch ${proofs.epoch}'s compute root, which is not the final one (epoch ${finalEpoch}): wait for its challenge window, or use the newest proofs`);
  }
  await (await compute.sync()).wait();
  return true;
}

export interface Payment {
  /** ATH paid (Edge) or added to the host's stream (Enterprise): the leaf minus what was paid before. */
  amount: bigint;
  /** The leaf's cumulative amount in that pool. */
  cumulative: bigint;
  /** The synced epoch the payment was made against. */
  epoch: bigint;
  synced: boolean;
  txHash: string;
}

/** Claims the signer's Edge amount earned since its last claim (needs KYC from an unrestricted place). */
export async function claimEdge(manifest: Manifest, s: Signer, proofs: ComputeProofsFile): Promise<Payment> {
  const compute = computeOf(manifest, s);
  const leaf = leafOf(proofs, await s.getAddress());
  const synced = await syncFor(manifest, s, proofs);
  const tx = await compute.claimEdge(leaf.edge, leaf.enterprise, leaf.proof);
  const receipt = await tx.wait();
  const e = receipt.logs.map((l: { topics: string[]; data: string }) => compute.interface.parseLog(l)).find((l: { name: string } | null) => l?.name === "EdgeClaimed");
  return { amount: BigInt(e.args.amount), cumulative: leaf.edge, epoch: BigInt(e.args.epoch), synced, txHash: tx.hash };
}

/** Pushes `host`'s Enterprise/IDC amount earned since its last push into its HostStaking reward stream (anyone may). */
export async function pushHostRewards(manifest: Manifest, s: Signer, proofs: ComputeProofsFile, host: string): Promise<Payment> {
  const compute = computeOf(manifest, s);
  const leaf = leafOf(proofs, host);
  const synced = await syncFor(manifest, s, proofs);
  const tx = await compute.pushHostRewards(host, leaf.edge, leaf.enterprise, leaf.proof);
  const receipt = await tx.wait();
  const e = receipt.logs.map((l: { topics: string[]; data: string }) => compute.interface.parseLog(l)).find((l: { name: string } | null) => l?.name === "HostRewardsPushed");
  return { amount: BigInt(e.args.amount), cumulative: leaf.enterprise, epoch: BigInt(e.args.epoch), synced, txHash: tx.hash };
}
