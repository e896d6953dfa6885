// What checker-license users do, as functions of a signer and the deployment manifest, so that the CLI
// (scripts/cli.ts) and the tests run the same code.
import { Contract, encodeBytes32String, isHexString, ZeroHash, type Signer } from "ethers";
import type { Manifest } from "../lib/manifest.js";
import { countryCode, signAttestation } from "../lib/compliance.js";
import { loadWhitelist, proofFor } from "../lib/whitelist.js";

const contract = (m: Manifest, name: string, s: Signer) => {
  const c = m.contracts[name];
  if (c === undefined) throw new Error(`the manifest of ${m.network} has no ${name}`);
  return new Contract(c.address, c.abi as never, s);
};

/** "1,2,5-9" -> [1n, 2n, 5n, 6n, 7n, 8n, 9n]. */
export function parseIds(text: string): bigint[] {
  return text.split(",").flatMap((part) => {
    const [a, b] = part.split("-").map((x) => BigInt(x.trim()));
    if (b === undefined) return [a];
    if (b < a || b - a > 10_000n) throw new Error(`bad id range ${part}`);
    return Array.from({ length: Number(b - a) + 1 }, (_, i) => a + BigInt(i));
  });
}

/** A referral code as bytes32: a 0x-prefixed 32-byte hex string, or text of up to 31 characters. */
export function referralCode(code: string | undefined): string {
  if (code === undefined || code === "") return ZeroHash;
  return isHexString(code, 32) ? code : encodeBytes32String(code);
}

export interface BuyOptions {
  quantity: number;
  code?: string;
  /** Pay in WETH (approved here) instead of ETH. */
  weth?: boolean;
  /** The whitelist tree (the StandardMerkleTree dump written by `whitelist-tree`), for the whitelist round. */
  whitelistTree?: unknown;
  /** Extra ETH sent over the quote (refunded by the sale) to absorb a price move between quote and inclusion. */
  slippage?: bigint;
}

/** Buys licenses at the current price; returns the first id and the price paid. */
export async function buy(m: Manifest, signer: Signer, o: BuyOptions): Promise<{ firstTokenId: bigint; price: bigint; txHash: string }> {
  const sale = contract(m, "LicenseSale", signer);
  const buyer = await signer.getAddress();
  let allocation = 0n;
  let proof: string[] = [];
  if (o.whitelistTree !== undefined) {
    const entry = proofFor(loadWhitelist(o.whitelistTree), buyer);
    if (entry === undefined) throw new Error(`${buyer} is not on the whitelist`);
    ({ allocation, proof } = entry);
  }
  const code = referralCode(o.code);
  // The sale's own quote for this buyer and code: past a code's referral caps the discount shrinks or stops.
  const [gross, discount]: [bigint, bigint] = await sale.quoteWithReferral(buyer, o.quantity, code);
  const price = gross - discount;
  const firstTokenId: bigint = await contract(m, "CheckerLicense", signer).nextTokenId();
  let tx;
  if (o.weth) {
    const weth = contract(m, "WETH", signer);
    await (await weth.approve(m.contracts.LicenseSale.address, price)).wait();
    tx = await sale.buyWithWETH(o.quantity, price, code, allocation, proof);
  } else {
    tx = await sale.buy(o.quantity, code, allocation, proof, { value: price + (o.slippage ?? 0n) });
  }
  const receipt = await tx.wait();
  return { firstTokenId, price, txHash: receipt!.hash };
}

export async function registerReferralCode(m: Manifest, signer: Signer, code: string): Promise<string> {
  const bytes = referralCode(code);
  await (await contract(m, "LicenseSale", signer).registerReferralCode(bytes)).wait();
  return bytes;
}

export interface ReferralStatus {
  code: string;
  withdrawableEth: bigint;
  withdrawableWeth: bigint;
  lockedEth: bigint;
  lockedWeth: bigint;
  /** Unix time the next locked reward becomes withdrawable (0: nothing locked). */
  nextUnlockAt: bigint;
  /** Unix time every reward owed now is withdrawable (0: nothing locked). */
  lockedUntil: bigint;
  /** Reward earned in all, and the caps (wei, ETH and WETH together). */
  earned: bigint;
  capPerBuyer: bigint;
  capPerCode: bigint;
  voided: boolean;
}

/** A referrer's code, rewards (withdrawable now and locked by the payout delay) and the caps. */
export async function referralStatus(m: Manifest, signer: Signer, referrer?: string): Promise<ReferralStatus> {
  const sale = contract(m, "LicenseSale", signer);
  const who = referrer ?? (await signer.getAddress());
  const code: string = await sale.codeOf(who);
  const b = await sale.referralRewards(who);
  return {
    code,
    withdrawableEth: b.withdrawableEth,
    withdrawableWeth: b.withdrawableWeth,
    lockedEth: b.lockedEth,
    lockedWeth: b.lockedWeth,
    nextUnlockAt: b.nextUnlockAt,
    lockedUntil: b.lockedUntil,
    earned: code === ZeroHash ? 0n : await sale.referralRewardOfCode(code),
    capPerBuyer: await sale.referralCapPerBuyer(),
    capPerCode: await sale.referralCapPerCode(),
    voided: code === ZeroHash ? false : await sale.referralCodeVoided(code),
  };
}

/** Withdraws the caller's withdrawable referral rewards; says when they unlock if all are still locked. */
export async function withdrawReferralRewards(m: Manifest, signer: Signer): Promise<{ eth: bigint; weth: bigint }> {
  const sale = contract(m, "LicenseSale", signer);
  const s = await referralStatus(m, signer);
  if (s.withdrawableEth === 0n && s.withdrawableWeth === 0n && s.nextUnlockAt !== 0n) {
    throw new Error(`referral rewards are locked until ${new Date(Number(s.nextUnlockAt) * 1000).toISOString()} (the payout delay)`);
  }
  await (await sale.withdrawReferralRewards()).wait();
  return { eth: s.withdrawableEth, weth: s.withdrawableWeth };
}

export async function withdrawProceeds(m: Manifest, signer: Signer): Promise<{ treasury: string; eth: bigint; weth: bigint }> {
  const sale = contract(m, "LicenseSale", signer);
  const [eth, weth] = await Promise.all([sale.ethLedger(), sale.wethLedger()]);
  await (await sale.withdrawProceeds()).wait();
  return { treasury: await sale.treasury(), eth: eth.proceeds, weth: weth.proceeds };
}

/** Delegates licenses to an operator until `expires` (one call for any number of ids, ascending order). */
export async function delegate(m: Manifest, signer: Signer, ids: bigint[], operator: string, expires: bigint): Promise<string> {
  const license = contract(m, "CheckerLicense", signer);
  const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const tx = sorted.length === 1 ? await license.setUser(sorted[0], operator, expires) : await license.setUserBatch(sorted, operator, expires);
  return (await tx.wait())!.hash;
}

/** Removes the operator of licenses. */
export async function revoke(m: Manifest, signer: Signer, ids: bigint[]): Promise<string> {
  return delegate(m, signer, ids, "0x0000000000000000000000000000000000000000", 0n);
}

/** A KYC provider's signature of an attestation, for the account to submit (or a relayer). */
export async function signKyc(m: Manifest, kycSigner: Signer, account: string, country: string, validDays: number, deadlineSeconds = 86_400) {
  const registry = contract(m, "ComplianceRegistry", kycSigner);
  const now = BigInt((await kycSigner.provider!.getBlock("latest"))!.timestamp);
  const a = { account, country, expiry: now + BigInt(validDays * 86_400), nonce: BigInt(await registry.nonces(account)), deadline: now + BigInt(deadlineSeconds) };
  const signature = await signAttestation(kycSigner, m.contracts.ComplianceRegistry.address, m.chainId, a);
  return { ...a, countryCode: countryCode(country), signature };
}

/** Submits a signed attestation (anyone may). */
export async function submitKyc(m: Manifest, submitter: Signer, a: Awaited<ReturnType<typeof signKyc>>): Promise<string> {
  const tx = await contract(m, "ComplianceRegistry", submitter).attest(a.account, a.countryCode, a.expiry, a.deadline, a.signature);
  return (await tx.wait())!.hash;
}

export interface Holding {
  id: string;
  operator: string | null;
  operatorExpires: string;
  bannedUntil: string;
  tier: number | null;
}

/** An owner's licenses and their operators, from the indexer's GraphQL API. */
export async function holdings(apiUrl: string, owner: string): Promise<Holding[]> {
  const out: Holding[] = [];
  let after: string | null = null;
  do {
    const res = await fetch(`${apiUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query($owner: String!, $after: String) { licenses(where: { owner: $owner }, orderBy: "id", limit: 1000, after: $after) { items { id operator operatorExpires bannedUntil tier } pageInfo { hasNextPage endCursor } } }`,
        variables: { owner: owner.toLowerCase(), after },
      }),
    });
    const body = (await res.json()) as { data?: { licenses: { items: Holding[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: { message: string }[] };
    if (body.errors !== undefined) throw new Error(body.errors.map((e) => e.message).join("; "));
    out.push(...body.data!.licenses.items);
    after = body.data!.licenses.pageInfo.hasNextPage ? body.data!.licenses.pageInfo.endCursor : null;
  } while (after !== null);
  return out;
}
