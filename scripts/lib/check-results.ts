// EIP-712 check results (SPEC §5): what an operator signs for one license's check of one committed job, and the
// arguments of CheckerReferee.proveJob / reportEquivocation built from them.
import { Signature, type Signer, type TypedDataDomain } from "ethers";

export enum Verdict {
  None = 0,
  Pass = 1,
  Fail = 2,
}

export interface CheckResult {
  epoch: bigint | number;
  /** The job's number in the epoch's committed assignment. */
  job: number;
  container: string;
  licenseId: bigint | number;
  verdict: Verdict;
  metricsHash: string;
}

export const CHECK_RESULT_TYPES = {
  CheckResult: [
    { name: "epoch", type: "uint64" },
    { name: "job", type: "uint32" },
    { name: "container", type: "bytes32" },
    { name: "licenseId", type: "uint256" },
    { name: "verdict", type: "uint8" },
    { name: "metricsHash", type: "bytes32" },
  ],
};

export function refereeDomain(referee: string, chainId: bigint | number): TypedDataDomain {
  return { name: "Aethir Checker Referee", version: "1", chainId, verifyingContract: referee };
}

export interface SignedResult {
  result: CheckResult;
  /** EIP-2098 compact signature. */
  r: string;
  vs: string;
}

/** One leaf of an epoch's assignment: job `job` checks `container`; `licenseIds` ascend; `operators[i]` signs for them. */
export interface JobLeaf {
  epoch: number;
  job: number;
  container: string;
  licenseIds: number[];
  operators: string[];
}

/** Signs `result` as the license's committed operator. */
export async function signResult(operator: Signer, domain: TypedDataDomain, result: CheckResult): Promise<SignedResult> {
  const sig = Signature.from(await operator.signTypedData(domain, CHECK_RESULT_TYPES, result));
  return { result, r: sig.r, vs: sig.yParityAndS };
}

const ZERO_WORD = "0x" + "00".repeat(32);

/** The vote of a result within its job (`proveJob`'s Vote). */
export const voteOf = (s: SignedResult) => ({ verdict: s.result.verdict, metricsHash: s.result.metricsHash, r: s.r, vs: s.vs });

/**
 * The arguments of `proveJob(leaf, votes, proof)`: one vote per license of the leaf, from `results` (at most one per
 * license, all of this job), Verdict.None where a license has none. Throws on a result of another job.
 */
export function jobProof(leaf: JobLeaf, proof: string[], results: SignedResult[]) {
  const byLicense = new Map<number, SignedResult>();
  for (const s of results) {
    const r = s.result;
    if (Number(r.epoch) !== leaf.epoch || r.job !== leaf.job || r.container.toLowerCase() !== leaf.container.toLowerCase()) {
      throw new Error(`the result of license ${r.licenseId} belongs to another job than ${leaf.epoch}/${leaf.job}`);
    }
    byLicense.set(Number(r.licenseId), s);
  }
  const votes = leaf.licenseIds.map((id) => {
    const s = byLicense.get(id);
    return s ? voteOf(s) : { verdict: Verdict.None, metricsHash: ZERO_WORD, r: ZERO_WORD, vs: ZERO_WORD };
  });
  return [leaf, votes, proof] as const;
}
