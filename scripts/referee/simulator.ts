// The checker simulator: signs every result the committed operators of an epoch's assignment would give, by the
// licenses' behaviours — honest (the truth: whether the container is up), faulty (offline for some jobs), lying
// (always the opposite verdict), silent (never answers) and equivocating (answers, then signs the other verdict too).
// Deterministic for a seed, so tests and the demo know what to expect. The benchmark signs 100,000 licenses' results
// with it; `npm start` runs it for the licenses its actors hold.
import * as secp from "tiny-secp256k1";
import { getBytes, hexlify, id, type TypedDataDomain } from "ethers";
import type { JobLeaf, SignedResult } from "../lib/check-results.js";
import { ResultVerifier } from "./verify.js";

export type Behaviour = "honest" | "faulty" | "lying" | "silent" | "equivocating";

export interface SimLicense {
  licenseId: number;
  /** Private key of the license's committed operator. */
  signerKey: string;
  behaviour: Behaviour;
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

/** Signs results with raw keys (libsecp256k1), caching each key's bytes. */
export class ResultSigner {
  private readonly verifier: ResultVerifier;
  private readonly keys = new Map<string, Uint8Array>();

  constructor(domain: TypedDataDomain) {
    this.verifier = new ResultVerifier(domain);
  }

  sign(key: string, result: SignedResult["result"]): SignedResult {
    let k = this.keys.get(key);
    if (!k) this.keys.set(key, (k = getBytes(key)));
    const { signature, recoveryId } = secp.signRecoverable(this.verifier.digest(result), k);
    const vs = Uint8Array.from(signature.subarray(32));
    if (recoveryId) vs[0] |= 0x80;
    return { result, r: hexlify(signature.subarray(0, 32)), vs: hexlify(vs) };
  }
}

/**
 * The signed results of `jobs` given the licenses' behaviours and which containers are down (an honest check of a
 * down container fails it); faulty operators miss 30% of their jobs. Licenses not in `licenses` give no result.
 */
export function simulateResults(
  domain: TypedDataDomain,
  epoch: number,
  jobs: JobLeaf[],
  licenses: Map<number, SimLicense>,
  down: Set<string> = new Set(),
  seed = 1,
): SignedResult[] {
  const signer = new ResultSigner(domain);
  const random = rng(seed * 7_777 + epoch);
  const out: SignedResult[] = [];
  for (const job of jobs) {
    const truth = down.has(job.container.toLowerCase()) ? 2 : 1;
    for (const licenseId of job.licenseIds) {
      const lic = licenses.get(licenseId);
      if (!lic || lic.behaviour === "silent") continue;
      if (lic.behaviour === "faulty" && random() < 0.3) continue;
      const verdict = lic.behaviour === "lying" ? ((3 - truth) as 1 | 2) : truth;
      const result = { epoch: BigInt(epoch), job: job.job, container: job.container, licenseId: BigInt(licenseId), verdict, metricsHash: id(`${epoch}/${job.job}:${licenseId}:metrics`) };
      out.push(signer.sign(lic.signerKey, result));
      if (lic.behaviour === "equivocating") out.push(signer.sign(lic.signerKey, { ...result, verdict: (3 - verdict) as 1 | 2 }));
    }
  }
  return out;
}
