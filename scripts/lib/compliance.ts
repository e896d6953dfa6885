// KYC attestations (SPEC §8): the restricted list and the EIP-712 signing a KYC provider's key performs.
import { encodeBytes32String, Signature, type BaseContract, type Signer } from "ethers";

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

/**
 * Signs with a KYC signer key and records an attestation of each account in `country`, valid for `validFor`
 * seconds from the latest block (default 10 years): receiving a license and claiming rewards need one (SPEC §8).
 * The registry contract may be connected to any account (anyone may submit); the KYC signer only signs. Nonces and
 * signatures are fetched together, and the submissions sent together (the node orders them), then awaited.
 */
export async function attestAccounts(registry: BaseContract, kycSigner: Signer, accounts: string[], country: string, validFor = 10n * 365n * 86_400n): Promise<void> {
  const provider = kycSigner.provider;
  if (provider === null) throw new Error("the KYC signer has no provider");
  const [address, { chainId }, block] = await Promise.all([registry.getAddress(), provider.getNetwork(), provider.getBlock("latest")]);
  const t = BigInt(block!.timestamp);
  const signed = await Promise.all(
    accounts.map(async (account) => {
      const nonce = (await registry.getFunction("nonces").staticCall(account)) as bigint;
      const a = { account, country, expiry: t + validFor, nonce, deadline: t + 3600n };
      return { a, signature: await signAttestation(kycSigner, address, chainId, a) };
    }),
  );
  const sent = await Promise.all(
    signed.map(({ a, signature }) => registry.getFunction("attest").send(a.account, countryCode(country), a.expiry, a.deadline, signature) as Promise<{ wait(): Promise<unknown> }>),
  );
  await Promise.all(sent.map((tx) => tx.wait()));
}
