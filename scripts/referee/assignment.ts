// An epoch's job assignment (SPEC §5, docs/decisions.md "Assignments"): which 2N + 1 licenses check which container in
// each job, computed by a published deterministic algorithm from what the chain froze at the epoch's cut-off and the
// seed revealed after it, so anyone can recompute it and compare it with the root the referee posted
// (`npm run referee -- verify-assignment`).
//
// Algorithm, version 1:
// - licenses: every license that, at the cut-off T (the state after every block with a timestamp < T), exists, is not
//   banned, and has an ERC-4907 operator whose delegation lasts the whole epoch (expires >= epoch end - 1); ascending
//   by id, each with that operator, which alone signs for it during the epoch;
// - containers: every container registered and active in HostRegistry at T, ascending by id;
// - jobCount = floor(licenses * 20 / (2N + 1)), or 0 when there is no container or fewer than 2N + 1 licenses;
// - random numbers: the seed's keccak stream, block i = keccak256(seed ‖ uint256(i)), each block read as five 48-bit
//   big-endian integers (its last two bytes unused); a number below `bound` is the next integer v with
//   v < floor(2^48 / bound) * bound, taken modulo `bound` (rejection sampling: no modulo bias);
// - job j checks containers[j mod C]; its licenses are dealt from a deck: when the deck is empty, a new round is the
//   license list shuffled by Fisher-Yates (for i from L - 1 down to 1, swap i with a number below i + 1), dealt from
//   its end; a license dealt twice to one job is put back on the deck's end after the job, to be dealt first to the
//   next one; the 2N + 1 ids of a job are sorted ascending. Every license gets about 20 jobs an epoch.
// The tree is positional: leaf j = keccak256(bytes.concat(keccak256(abi.encode(epoch, j, container, licenseIds,
// operators)))) at position j, zero leaves up to the next power of two, parent = keccak256(left ‖ right).
import { existsSync, readFileSync } from "node:fs";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { Contract, type Provider } from "ethers";
import type { JobLeaf } from "../lib/check-results.js";
import type { Manifest } from "../lib/manifest.js";
import { LicenseChainView } from "./chain.js";
import { writeJson } from "./tree.js";

export const ASSIGNMENT_VERSION = 1;
export const JOBS_PER_LICENSE = 20;
/** CheckerReferee.MAX_JOBS. */
export const MAX_JOBS = 1 << 24;
const DAY = 86_400;
/** CheckerReferee.FREEZE_LEAD. */
export const FREEZE_LEAD = 12 * 3_600;

/** What the chain froze at an epoch's cut-off. */
export interface FrozenSets {
  cutoff: number;
  /** Ascending by id; the operator lower-case. */
  licenses: { licenseId: number; operator: string }[];
  /** Ascending, lower-case. */
  containers: string[];
}

/** The published assignment file: everything needed to recompute the jobs. */
export interface AssignmentFile extends FrozenSets {
  version: number;
  epoch: number;
  seed: string;
  n: number;
  jobsPerLicense: number;
  jobCount: number;
  root: string;
}

export interface AssignmentTree {
  root: string;
  depth: number;
  /** The positional proof of job `job`'s leaf. */
  proof(job: number): string[];
}

const hex = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");
const bytes = (h: string) => Buffer.from(h.slice(2).padStart(64, "0"), "hex");

/** The seed's keccak stream of uniform integers. */
class SeedStream {
  private block = new Uint8Array(0);
  private offset = 30;
  private counter = 0n;
  private readonly input = new Uint8Array(64);

  constructor(seed: string) {
    this.input.set(bytes(seed));
  }

  private next48(): number {
    if (this.offset >= 30) {
      this.input.set(bytes("0x" + this.counter.toString(16)), 32);
      this.counter++;
      this.block = keccak_256(this.input);
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 6;
    return ((b[o] * 256 + b[o + 1]) * 256 + b[o + 2]) * 16_777_216 + ((b[o + 3] * 256 + b[o + 4]) * 256 + b[o + 5]);
  }

  /** A uniform integer in [0, bound). */
  below(bound: number): number {
    const limit = Math.floor(2 ** 48 / bound) * bound;
    for (;;) {
      const v = this.next48();
      if (v < limit) return v % bound;
    }
  }
}

export function jobCountOf(licenses: number, containers: number, n: number): number {
  const quorum = 2 * n + 1;
  if (containers === 0 || licenses < quorum) return 0;
  return Math.min(Math.floor((licenses * JOBS_PER_LICENSE) / quorum), MAX_JOBS);
}

/** The epoch's jobs, by the algorithm above. */
export function assignJobs(epoch: number, seed: string, n: number, frozen: FrozenSets): JobLeaf[] {
  const quorum = 2 * n + 1;
  const ids = frozen.licenses.map((l) => l.licenseId);
  const operatorOf = new Map(frozen.licenses.map((l) => [l.licenseId, l.operator]));
  const count = jobCountOf(ids.length, frozen.containers.length, n);
  const random = new SeedStream(seed);
  const jobs: JobLeaf[] = new Array(count);
  let deck: number[] = [];
  for (let j = 0; j < count; j++) {
    const picked: number[] = [];
    const carry: number[] = [];
    while (picked.length < quorum) {
      if (deck.length === 0) {
        deck = [...ids];
        for (let i = deck.length - 1; i > 0; i--) {
          const k = random.below(i + 1);
          [deck[i], deck[k]] = [deck[k], deck[i]];
        }
      }
      const l = deck.pop()!;
      if (picked.includes(l)) carry.push(l);
      else picked.push(l);
    }
    deck.push(...carry);
    picked.sort((a, b) => a - b);
    jobs[j] = { epoch, job: j, container: frozen.containers[j % frozen.containers.length], licenseIds: picked, operators: picked.map((l) => operatorOf.get(l)!) };
  }
  return jobs;
}

/** `CheckerReferee.leafHash`: keccak256(bytes.concat(keccak256(abi.encode(epoch, job, container, licenseIds, operators)))). */
export function leafHash(leaf: JobLeaf): Uint8Array {
  const k = leaf.licenseIds.length;
  const words = 5 + 2 * (1 + k);
  const buf = new Uint8Array(words * 32);
  const put = (i: number, value: bigint | number | string) => {
    const h = typeof value === "string" ? value.slice(2) : value.toString(16);
    buf.set(Buffer.from(h.padStart(64, "0"), "hex"), i * 32);
  };
  put(0, leaf.epoch);
  put(1, leaf.job);
  put(2, leaf.container);
  put(3, 0xa0);
  put(4, 0xa0 + 32 * (1 + k));
  put(5, k);
  leaf.licenseIds.forEach((id, i) => put(6 + i, id));
  put(6 + k, k);
  leaf.operators.forEach((op, i) => put(7 + k + i, op));
  return keccak_256(keccak_256(buf));
}

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64);
  buf.set(a);
  buf.set(b, 32);
  return keccak_256(buf);
}

/** The positional tree over `leaves` (leaf j at position j), padded with zero leaves to a power of two. */
export function buildAssignmentTree(leaves: JobLeaf[]): AssignmentTree {
  if (leaves.length === 0) throw new Error("an assignment has at least one job");
  leaves.forEach((l, i) => {
    if (l.job !== i) throw new Error(`leaf ${i} is job ${l.job}: jobs must be numbered by position`);
  });
  const levels: Uint8Array[][] = [leaves.map(leafHash)];
  const zeros: Uint8Array[] = [new Uint8Array(32)];
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const zero = zeros[zeros.length - 1];
    const up: Uint8Array[] = new Array(Math.ceil(below.length / 2));
    for (let i = 0; i < up.length; i++) up[i] = hashPair(below[2 * i], below[2 * i + 1] ?? zero);
    levels.push(up);
    zeros.push(hashPair(zero, zero));
  }
  const depth = levels.length - 1;
  return {
    root: hex(levels[depth][0]),
    depth,
    proof: (job: number) => {
      if (job < 0 || job >= leaves.length) throw new Error(`no job ${job} in an assignment of ${leaves.length}`);
      const proof: string[] = [];
      for (let l = 0, i = job; l < depth; l++, i >>= 1) proof.push(hex(levels[l][i ^ 1] ?? zeros[l]));
      return proof;
    },
  };
}

/** The epoch's assignment, computed: the file to publish, its jobs and tree. */
export function computeAssignment(epoch: number, seed: string, n: number, frozen: FrozenSets) {
  const jobs = assignJobs(epoch, seed, n, frozen);
  const tree = jobs.length ? buildAssignmentTree(jobs) : null;
  const file: AssignmentFile = { version: ASSIGNMENT_VERSION, epoch, seed, n, jobsPerLicense: JOBS_PER_LICENSE, jobCount: jobs.length, root: tree?.root ?? "0x" + "00".repeat(32), ...frozen };
  return { file, jobs, tree };
}

/** Recomputes an assignment from its published file (trusting the file's frozen sets: verify them against the chain). */
export function fromFile(file: AssignmentFile) {
  return computeAssignment(file.epoch, file.seed, file.n, file);
}

export function readAssignmentFile(path: string): AssignmentFile | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as AssignmentFile) : undefined;
}

export const writeAssignmentFile = (path: string, file: AssignmentFile) => writeJson(path, file);

export const cutoffOf = (tge: number, epoch: number) => Math.max(0, tge + epoch * DAY - FREEZE_LEAD);

/**
 * What the chain froze at `epoch`'s cut-off, read from CheckerLicense's and HostRegistry's events: the state after
 * every block with a timestamp below the cut-off. Throws if the chain has not reached the cut-off yet.
 */
export async function loadFrozenSets(provider: Provider, manifest: Manifest, epoch: number, licenseView?: LicenseChainView): Promise<FrozenSets> {
  const cutoff = cutoffOf(manifest.tgeTimestamp, epoch);
  const end = manifest.tgeTimestamp + (epoch + 1) * DAY;
  const head = await provider.getBlock("latest");
  if (!head || head.timestamp < cutoff) throw new Error(`epoch ${epoch} is frozen at ${new Date(cutoff * 1000).toISOString()}; the chain is not there yet`);
  const at = (name: string) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider);
  const view = licenseView ?? (await LicenseChainView.load(provider, at("CheckerLicense"), manifest.contracts.CheckerLicense.blockNumber, head.number));
  const t = cutoff - 1;
  const licenses: FrozenSets["licenses"] = [];
  for (const licenseId of view.licenseIds()) {
    if (view.bannedAtCutoff(licenseId, cutoff)) continue;
    const operator = view.operatorFor(licenseId, t, end);
    if (operator) licenses.push({ licenseId, operator });
  }
  const registry = at("HostRegistry");
  const logs = await registry.queryFilter("*" as never, manifest.contracts.HostRegistry.blockNumber, head.number);
  const times = new Map<number, number>();
  const active = new Set<string>();
  for (const log of logs) {
    if (!("fragment" in log) || !log.fragment) continue;
    const name = log.fragment.name;
    if (name !== "ContainerRegistered" && name !== "ContainerDeregistered") continue;
    if (!times.has(log.blockNumber)) times.set(log.blockNumber, (await provider.getBlock(log.blockNumber))!.timestamp);
    if (times.get(log.blockNumber)! > t) continue;
    const id = String(log.args.container).toLowerCase();
    if (name === "ContainerRegistered") active.add(id);
    else active.delete(id);
  }
  return { cutoff, licenses, containers: [...active].sort() };
}

/** Recomputes `epoch`'s assignment from the chain alone and compares it with the posted one. */
export async function verifyAssignment(provider: Provider, manifest: Manifest, epoch: number) {
  const referee = new Contract(manifest.contracts.CheckerReferee.address, manifest.contracts.CheckerReferee.abi as never, provider);
  const posted = await referee.assignmentOf(epoch);
  const seed = await referee.seedOf(epoch);
  if (posted.root === "0x" + "00".repeat(32)) return { epoch, posted: null, ok: false, reason: `no assignment is posted for epoch ${epoch}` } as const;
  const frozen = await loadFrozenSets(provider, manifest, epoch);
  const { file } = computeAssignment(epoch, seed.seed, Number(posted.n), frozen);
  const ok = file.root === posted.root && file.jobCount === Number(posted.jobCount);
  return {
    epoch,
    ok,
    posted: { root: posted.root as string, jobCount: Number(posted.jobCount) },
    expected: { root: file.root, jobCount: file.jobCount, licenses: frozen.licenses.length, containers: frozen.containers.length },
    reason: ok ? null : `the posted root ${posted.root} (${posted.jobCount} jobs) is not the recomputed ${file.root} (${file.jobCount} jobs)`,
  } as const;
}
