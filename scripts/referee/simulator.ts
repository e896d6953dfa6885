// The checker simulator: assigns an epoch's jobs to licenses (2N + 1 distinct licenses each) and signs every
// result the licenses' operators would give, by behaviour — honest (the truth), faulty (offline for some jobs),
// lying (always the opposite verdict), silent (never answers) and equivocating (answers, then signs the other verdict
// too). Deterministic for a seed, so tests and the demo know what to expect.
import * as secp from "tiny-secp256k1";
import { getBytes, hexlify, id, solidityPackedKeccak256, type TypedDataDomain } from "ethers";
import type { SignedResult } from "../lib/check-results.js";
import { ResultVerifier } from "./verify.js";
import type { Job } from "./settle.js";

export type Behaviour = "honest" | "faulty" | "lying" | "silent" | "equivocating";

export interface SimLicense {
  licenseId: number;
  /** Private key of whoever signs for the license (its operator, or its owner). */
  signerKey: string;
  behaviour: Behaviour;
}

export interface SimJob extends Job {
  container: string;
  /** What an honest check finds. */
  truth: 1 | 2;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const jobIdOf = (epoch: number, index: number) => id(`aethir/epoch-${epoch}/job-${index}`);

/**
 * `jobsPerLicense * licenses / (2N + 1)` jobs: licenses are dealt in shuffled rounds so each gets about the same number
 * of jobs and no job has a license twice. One container in ten fails its check.
 */
export function assignJobs(epoch: number, licenseIds: number[], jobsPerLicense: number, n: number, seed = 1): SimJob[] {
  const quorum = 2 * n + 1;
  if (licenseIds.length < quorum) throw new Error(`need at least ${quorum} licenses, have ${licenseIds.length}`);
  const random = rng(seed * 1_000_003 + epoch);
  const jobs: SimJob[] = [];
  const total = Math.floor((licenseIds.length * jobsPerLicense) / quorum);
  let deck: number[] = [];
  for (let j = 0; j < total; j++) {
    const licenses: number[] = [];
    const carry: number[] = []; // drawn twice for this job: dealt first to the next one
    while (licenses.length < quorum) {
      if (deck.length === 0) {
        deck = [...licenseIds];
        for (let i = deck.length - 1; i > 0; i--) {
          const k = Math.floor(random() * (i + 1));
          [deck[i], deck[k]] = [deck[k], deck[i]];
        }
      }
      const l = deck.pop()!;
      if (!licenses.includes(l)) licenses.push(l);
      else carry.push(l);
    }
    deck.push(...carry);
    licenses.sort((a, b) => a - b);
    const container = solidityPackedKeccak256(["string", "uint256"], ["container", (j * 7919) % 100_000]);
    jobs.push({ jobId: jobIdOf(epoch, j), container, licenses, truth: random() < 0.9 ? 1 : 2 });
  }
  return jobs;
}

/** The signed results of `jobs` given the licenses' behaviours (faulty operators miss 30% of their jobs). */
export function simulateResults(domain: TypedDataDomain, epoch: number, jobs: SimJob[], licenses: Map<number, SimLicense>, seed = 1): SignedResult[] {
  const verifier = new ResultVerifier(domain);
  const random = rng(seed * 7_777 + epoch);
  const keys = new Map<string, Uint8Array>();
  const sign = (key: string, result: SignedResult["result"]): SignedResult => {
    let k = keys.get(key);
    if (!k) keys.set(key, (k = getBytes(key)));
    const { signature, recoveryId } = secp.signRecoverable(verifier.digest(result), k);
    const vs = Uint8Array.from(signature.subarray(32));
    if (recoveryId) vs[0] |= 0x80;
    return { result, r: hexlify(signature.subarray(0, 32)), vs: hexlify(vs) };
  };
  const out: SignedResult[] = [];
  for (const job of jobs) {
    for (const licenseId of job.licenses) {
      const lic = licenses.get(licenseId);
      if (!lic || lic.behaviour === "silent") continue;
      if (lic.behaviour === "faulty" && random() < 0.3) continue;
      const verdict = lic.behaviour === "lying" ? ((3 - job.truth) as 1 | 2) : job.truth;
      const result = { jobId: job.jobId, container: job.container, epoch: BigInt(epoch), licenseId: BigInt(licenseId), verdict, metricsHash: id(`${job.jobId}:${licenseId}:metrics`) };
      out.push(sign(lic.signerKey, result));
      if (lic.behaviour === "equivocating") out.push(sign(lic.signerKey, { ...result, verdict: (3 - verdict) as 1 | 2 }));
    }
  }
  return out;
}
