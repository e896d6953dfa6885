// A scripted license sale on a local node (run right after deployment, while the whitelist round is open):
// KYC attestations (every buyer and receiver needs one from an unrestricted place, SPEC §8; a US resident's is revoked
// and it stays restricted: its purchase and a new attestation elsewhere are refused), whitelist purchases with proofs, 199 capped public buyers filling tier 1, a purchase crossing
// into tier 2, referrals (one buyer past the code's per-buyer cap), an overpayment refunded, a WETH purchase through
// a code the buyer registered from a second wallet (a self-referral: the guardian voids it within the payout
// delay), batch delegation to an operator, a ban, a governance-allowlisted transfer during the lock, and the
// proceeds withdrawn. The referrer's rewards stay locked for the payout delay: `withdrawReferralRewards` below
// collects them once the later simulations have moved the chain's clock past it.
import { Contract, JsonRpcProvider, NonceManager, Wallet, computeAddress, encodeBytes32String, formatEther, id, parseEther, toBeHex, type JsonRpcSigner, type Signer } from "ethers";
import { readFileSync } from "node:fs";
import { attestAccounts, signAttestation, countryCode } from "./compliance.js";
import { executeViaTimelock } from "./governance.js";
import type { Manifest } from "./manifest.js";
import { buildWhitelist, parseWhitelistCsv, proofFor } from "./whitelist.js";

export const REFERRAL_CODE = encodeBytes32String("AETHIR");
/** The code the WETH buyer registers from its second wallet, voided by the guardian. */
export const SELF_REFERRAL_CODE = encodeBytes32String("SELF");
export const TIER1_FILLERS = 199;
/** Where the tier-1 fillers' KYC provider places them (none restricted), by filler index modulo the list. */
export const FILLER_COUNTRIES = ["DE", "FR", "JP", "KR", "SG", "GB", "BR", "IN"];

/** The key of the sale's i-th simulated public buyer (the reward and staking simulations sign with it). */
export const fillerKey = (i: number): string => id(`aethir-simulated-buyer-${i}`);

export async function simulateLicenses(
  rpcUrl: string,
  manifest: Manifest,
  whitelistCsv: string,
  log: (line: string) => void = () => {},
): Promise<void> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const accounts: string[] = await provider.send("eth_accounts", []);
  const signer = (i: number): Promise<JsonRpcSigner> => provider.getSigner(accounts[i]);
  const at = (name: string, s: Signer) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await p).wait();
  const now = async () => (await provider.getBlock("latest"))!.timestamp;
  // The guardian is signer:1 in config/deploy-params.json's local networks.
  const [deployer, guardian, kycSigner, banAdmin] = await Promise.all([0, 1, 7, 8].map(signer));
  const [wl1, wl2, publicBuyer, wethBuyer, referrer, restricted, operator, custody, readmeBuyer] = await Promise.all([10, 11, 12, 13, 14, 15, 16, 17, 18].map(signer));
  const chainId = (await provider.getNetwork()).chainId;
  const sale = (s: Signer) => at("LicenseSale", s);
  const license = (s: Signer) => at("CheckerLicense", s);

  log("KYC attestations (one buyer in a restricted country; account 18, which buys nothing here, for the README's `buy`)");
  const registry = manifest.contracts.ComplianceRegistry.address;
  const compliance = at("ComplianceRegistry", deployer);
  for (const [who, country] of [[wl1, "DE"], [wl2, "SG"], [publicBuyer, "KR"], [wethBuyer, "FR"], [custody, "CH"], [readmeBuyer, "NL"], [restricted, "US"]] as const) {
    const t = await now();
    const a = { account: who.address, country, expiry: t + 400 * 86_400, nonce: 0, deadline: t + 3600 };
    const signature = await signAttestation(kycSigner, registry, chainId, a);
    await send(compliance.attest(a.account, countryCode(country), a.expiry, a.deadline, signature));
  }
  log(`the tier-1 fillers' attestations (${TIER1_FILLERS} buyers, relayed by the deployer)`);
  for (const [c, country] of FILLER_COUNTRIES.entries()) {
    const fillers = Array.from({ length: TIER1_FILLERS }, (_, i) => i).filter((i) => i % FILLER_COUNTRIES.length === c);
    await attestAccounts(compliance, kycSigner, fillers.map((i) => computeAddress(fillerKey(i))), country);
  }

  log("whitelist round: buyers prove their allocation");
  const tree = buildWhitelist(parseWhitelistCsv(readFileSync(whitelistCsv, "utf8")));
  await send(sale(referrer).registerReferralCode(REFERRAL_CODE));
  for (const [buyer, quantity, code] of [[wl1, 5, REFERRAL_CODE], [wl2, 2, toBeHex(0, 32)]] as const) {
    const { allocation, proof } = proofFor(tree, buyer.address)!;
    const price: bigint = await sale(buyer).quote(quantity);
    await send(sale(buyer).buy(quantity, code, allocation, proof, { value: price }));
  }

  log(`public round: ${TIER1_FILLERS} buyers take tier 1 up to its per-buyer cap`);
  const publicStart = Number(await sale(deployer).publicStart());
  if ((await now()) < publicStart) {
    await provider.send("evm_setNextBlockTimestamp", [publicStart]);
    await provider.send("evm_mine", []);
  }
  const sold = Number((await sale(deployer).tier(0)).sold);
  for (let i = 0; i < TIER1_FILLERS; i++) {
    const wallet = new NonceManager(new Wallet(fillerKey(i), provider));
    await provider.send("hardhat_setBalance", [await wallet.getAddress(), toBeHex(parseEther("10"))]);
    const quantity = Math.min(5, 1000 - sold - 5 * i - 3);
    if (quantity <= 0) break;
    await send(sale(wallet).buy(quantity, i % 4 === 0 ? REFERRAL_CODE : toBeHex(0, 32), 0, [], { value: parseEther("0.1") * BigInt(quantity) }));
  }

  log("a purchase crossing from tier 1 into tier 2 with the code, overpaid (the excess is refunded); it passes the code's cap per buyer, so reward and discount are cut");
  const crossing: bigint = await sale(publicBuyer).quote(8);
  await send(sale(publicBuyer).buy(8, REFERRAL_CODE, 0, [], { value: crossing + parseEther("0.5") }));

  log("a WETH purchase through a code the buyer registered from a second wallet (a self-referral)");
  const secondWallet = new NonceManager(new Wallet(id("aethir-self-referrer"), provider));
  await provider.send("hardhat_setBalance", [await secondWallet.getAddress(), toBeHex(parseEther("1"))]);
  await send(sale(secondWallet).registerReferralCode(SELF_REFERRAL_CODE));
  const weth = at("WETH", wethBuyer);
  const [wethGross, wethDiscount]: [bigint, bigint] = await sale(wethBuyer).quoteWithReferral(wethBuyer.address, 4, SELF_REFERRAL_CODE);
  const wethPrice = wethGross - wethDiscount;
  await send(weth.deposit({ value: wethPrice }));
  await send(weth.approve(manifest.contracts.LicenseSale.address, wethPrice));
  await send(sale(wethBuyer).buyWithWETH(4, wethPrice, SELF_REFERRAL_CODE, 0, []));
  log("the guardian voids the self-referral code within the payout delay: its locked reward goes to the treasury");
  await send(sale(guardian).voidReferralRewards(SELF_REFERRAL_CODE));

  log("the US resident's attestation is revoked: it stays restricted, so it can't buy nor be attested elsewhere");
  await send((compliance.connect(kycSigner) as Contract).revoke(restricted.address));
  await refused(sale(restricted).buy(1, toBeHex(0, 32), 0, [], { value: parseEther("0.1") }), license(deployer), "ReceiverNotKycAllowed");
  await refused(attestAccounts(compliance, kycSigner, [restricted.address], "DE"), compliance, "RestrictedAttestationHeld");

  log("owners delegate to an operator (batch), a license is banned");
  const first = 1n;
  const expires = (await now()) + 365 * 86_400;
  await send(license(wl1).setUserBatch([first, first + 1n, first + 2n, first + 3n, first + 4n], operator.address, expires));
  await send(license(wl2).setUser(6n, operator.address, expires));
  await send(license(banAdmin).ban(2n, (await now()) + 30 * 86_400));

  log("governance allowlists a custody address; an owner moves a license there during the lock");
  const lic = license(deployer);
  await executeViaTimelock(manifest.contracts.Timelock.address, deployer, {
    target: manifest.contracts.CheckerLicense.address,
    data: lic.interface.encodeFunctionData("setTransferAllowlist", [custody.address, true]),
  });
  await send(license(wl1).transferFrom(wl1.address, custody.address, 3n));

  log("proceeds to the treasury");
  await send(sale(deployer).withdrawProceeds());
  const locked = await sale(referrer).referralRewards(referrer.address);
  log(`the referrer's ${formatEther(locked.lockedEth)} ETH of rewards are locked for the payout delay, until ${new Date(Number(locked.lockedUntil) * 1000).toISOString()}`);
  provider.destroy();
}

/** After the payout delay (the later simulations move the clock months on): the referrer withdraws its rewards. */
export async function withdrawReferralRewards(rpcUrl: string, manifest: Manifest, log: (line: string) => void = () => {}): Promise<void> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const accounts: string[] = await provider.send("eth_accounts", []);
  const referrer = await provider.getSigner(accounts[14]);
  const sale = new Contract(manifest.contracts.LicenseSale.address, manifest.contracts.LicenseSale.abi as never, referrer);
  const b = await sale.referralRewards(referrer.address);
  if (b.lockedEth + b.lockedWeth > 0n) throw new Error(`referral rewards still locked until ${b.lockedUntil}: run this after the payout delay`);
  log(`the referrer withdraws its ${formatEther(b.withdrawableEth)} ETH of referral rewards, past the payout delay`);
  await (await sale.withdrawReferralRewards()).wait();
  provider.destroy();
}

/** Waits for `p` to revert with the custom error `name` of `decoder`'s ABI (and throws if it succeeds or fails
 * otherwise). The decoder is the contract that reverts, which may be called through another (the sale mints). */
async function refused(p: Promise<unknown>, decoder: Contract, name: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    const data = (e as { data?: string }).data;
    if (typeof data === "string" && data.length >= 10 && decoder.interface.parseError(data)?.name === name) return;
    throw e;
  }
  throw new Error(`expected ${name}, but the call went through`);
}
