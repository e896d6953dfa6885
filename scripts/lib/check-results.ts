// EIP-712 check results (SPEC §5): what an operator signs, as the CheckerReferee contract verifies it.
import { Signature, type Signer, type TypedDataDomain } from "ethers";

export enum Verdict {
  None = 0,
  Pass = 1,
  Fail = 2,
}

export interface CheckResult {
  jobId: string;
  container: string;
  epoch: bigint | number;
  licenseId: bigint | number;
  verdict: Verdict;
  metricsHash: string;
}

export const CHECK_RESULT_TYPES = {
  CheckResult: [
    { name: "jobId", type: "bytes32" },
    { name: "container", type: "bytes32" },
    { name: "epoch", type: "uint64" },
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

/** Signs `result` as the license's operator (the `SignedResult` the contract's `reportEquivocation` takes). */
export async function signResult(operator: Signer, domain: TypedDataDomain, result: CheckResult): Promise<SignedResult> {
  const sig = Signature.from(await operator.signTypedData(domain, CHECK_RESULT_TYPES, result));
  return { result, r: sig.r, vs: sig.yParityAndS };
}

/**
 * The arguments of `proveJob(job, votes)` from a job's signed results (all of one job), sorted by license id.
 * Throws if the results are not all of the same job.
 */
export function jobProof(results: SignedResult[]) {
  const [first] = results;
  const job = { jobId: first.result.jobId, container: first.result.container, epoch: first.result.epoch };
  const votes = [...results]
    .sort((a, b) => (BigInt(a.result.licenseId) < BigInt(b.result.licenseId) ? -1 : 1))
    .map((s) => {
      const r = s.result;
      if (r.jobId !== job.jobId || r.container !== job.container || BigInt(r.epoch) !== BigInt(job.epoch)) {
        throw new Error(`result of license ${r.licenseId} belongs to another job`);
      }
      return { licenseId: r.licenseId, verdict: r.verdict, metricsHash: r.metricsHash, r: s.r, vs: s.vs };
    });
  return [job, votes] as const;
}
