// KYC attestations (SPEC §8): the restricted list and the EIP-712 signing a KYC provider's key performs.
import { encodeBytes32String, Signature, type Signer } from "ethers";

/** SPEC §8: US and the OFAC/UN-sanctioned CU, IR, KP, SY, plus Crimea (UA-43), Donetsk (UA-14), Luhansk (UA-09). */
export const DEFAULT_RESTRICTED = ["US", "CU", "IR", "KP", "SY", "UA-43", "UA-14", "UA-09"];

/** ASCII country or ISO 3166-2 region code, left-aligned in a bytes8. */
export function countryCode(code: string): string {
  if (code.length === 0 || code.length > 8) throw new Error(`country code "${code}" must be 1 to 8 characters`);
  return encodeBytes32String(code).slice(0, 18);
}

export interface AttestationInput {
  account: string;
  country: string;
  expiry: bigint | number;
  nonce: bigint | number;
  deadline: bigint | number;
}

/** Signs an attestation with a KYC signer key for the registry at `registry` on `chainId`. */
export async function signAttestation(signer: Signer, registry: string, chainId: bigint | number, a: AttestationInput): Promise<string> {
  const domain = { name: "Aethir Compliance", version: "1", chainId, verifyingContract: registry };
  const types = {
    Attestation: [
      { name: "account", type: "address" },
      { name: "countryCode", type: "bytes8" },
      { name: "expiry", type: "uint64" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const value = { account: a.account, countryCode: countryCode(a.country), expiry: a.expiry, nonce: a.nonce, deadline: a.deadline };
  return Signature.from(await signer.signTypedData(domain, types, value)).serialized;
}
