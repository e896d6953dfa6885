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

/** Signs `result` as the license's operator; returns the struct the contract's `proveJob` takes. */
export async function signResult(operator: Signer, domain: TypedDataDomain, result: CheckResult): Promise<{ result: CheckResult; signature: string }> {
  const signature = Signature.from(await operator.signTypedData(domain, CHECK_RESULT_TYPES, result)).serialized;
  return { result, signature };
}
