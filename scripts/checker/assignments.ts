// An epoch's committed jobs for one license, read from the referee (GET /assignments/<epoch>/licenses/<id>) and
// verified against the chain: each leaf's positional Merkle proof must lead to the root posted on CheckerReferee for
// that epoch (CheckerReferee._rootOf), and the leaf must name this license with this operator as its committed signer.
// A referee that serves a job the chain did not commit cannot make the checker sign for it.
import { keccak_256 } from "@noble/hashes/sha3.js";
import type { Contract } from "ethers";
import type { JobLeaf } from "../lib/check-results.js";
import { leafHash } from "../referee/assignment.js";

const ZERO_ROOT = "0x" + "00".repeat(32);
const bytes = (h: string) => Buffer.from(h.slice(2).padStart(64, "0"), "hex");

export function rootOf(leaf: JobLeaf, proof: string[]): string {
  let node: Uint8Array = leafHash(leaf);
  let index = leaf.job;
  for (const sibling of proof) {
    const buf = new Uint8Array(64);
    if ((index & 1) === 0) {
      buf.set(node);
      buf.set(bytes(sibling), 32);
    } else {
      buf.set(bytes(sibling));
      buf.set(node, 32);
    }
    node = keccak_256(buf);
    index >>= 1;
  }
  return "0x" + Buffer.from(node).toString("hex");
}

export class AssignmentError extends Error {}

/** The on-chain commitment of an epoch, or null when none is posted (or it was vetoed). */
export async function committedRoot(referee: Contract, epoch: number): Promise<{ root: string; jobCount: number; depth: number } | null> {
  const a = await referee.assignmentOf(epoch);
  if (String(a.root) === ZERO_ROOT || (await referee.assignmentVetoed(epoch))) return null;
  return { root: String(a.root).toLowerCase(), jobCount: Number(a.jobCount), depth: Number(a.depth) };
}

/** The jobs `licenseId` must check in `epoch` as `operator`, each proven against `root`; null if the referee has not
 * published the epoch's assignment yet. */
export async function licenseJobs(refereeUrl: string, epoch: number, licenseId: number, operator: string, root: { root: string; jobCount: number; depth: number }): Promise<JobLeaf[] | null> {
  const res = await fetch(`${refereeUrl}/assignments/${epoch}/licenses/${licenseId}`, { signal: AbortSignal.timeout(15_000) });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`the referee answered ${res.status} for epoch ${epoch}'s assignment`);
  const body = (await res.json()) as { jobs: { leaf: JobLeaf; proof: string[] }[] };
  const out: JobLeaf[] = [];
  for (const { leaf, proof } of body.jobs) {
    const i = leaf.licenseIds.indexOf(licenseId);
    if (leaf.epoch !== epoch || i < 0 || leaf.job >= root.jobCount || proof.length !== root.depth || rootOf(leaf, proof) !== root.root) {
      throw new AssignmentError(`The referee's job ${leaf.job} of epoch ${epoch} for license ${licenseId} does not match the assignment root posted on chain (${root.root}): nothing is signed for it; report the referee to the guardian.`);
    }
    // committed for another operator (delegated to us after the cut-off): that operator signs, not us
    if (leaf.operators[i].toLowerCase() !== operator.toLowerCase()) continue;
    out.push(leaf);
  }
  return out;
}
