// The operational scripts' functions (scripts/ops/licenses.ts, used by `npm run cli`) against a full in-process
// deployment made by the same code as the deploy script.
import { expect } from "chai";
import { artifacts, network } from "hardhat";
import { deployGenesis } from "../../scripts/lib/genesis.js";
import { deployLicensing } from "../../scripts/lib/licensing.js";
import { buildManifest } from "../../scripts/lib/manifest.js";
import { readRawParams, resolveParams } from "../../scripts/lib/params.js";
import { DEFAULT_REFERRAL } from "../../scripts/lib/sale-config.js";
import { readWhitelistCsv } from "../../scripts/lib/whitelist.js";
import * as ops from "../../scripts/ops/licenses.js";

describe("License operations (scripts/ops)", () => {
  async function setup() {
    const connection = await network.create();
    const { ethers, networkHelpers } = connection;
    const signers = await ethers.getSigners();
    const params = await resolveParams(ethers, readRawParams("default"));
    const genesis = await deployGenesis(ethers, signers[0], params);
    const licensing = await deployLicensing(ethers, signers[0], params.licensing, {
      tgeTimestamp: genesis.tgeTimestamp,
      timelock: genesis.contracts.Timelock.address,
      guardian: params.guardian,
    });
    const chainId = Number((await ethers.provider.getNetwork()).chainId);
    const manifest = await buildManifest({ network: "default", chainId, deployer: signers[0].address }, genesis, licensing, async (a) => (await artifacts.readArtifact(a)).abi as unknown[]);
    const at = (name: "ComplianceRegistry" | "CheckerLicense" | "LicenseSale") => ethers.getContractAt(name, manifest.contracts[name].address);
    // Buying mints to the buyer, who needs a valid attestation (SPEC §8): the provider's key (signer 7) signs one
    // for each buyer, submitted as the CLI's kyc-sign / kyc-submit do. Signer 15 never does KYC.
    for (const buyer of [signers[10], signers[12], signers[13]]) await ops.submitKyc(manifest, buyer, await ops.signKyc(manifest, signers[7], buyer.address, "DE", 365));
    return { ethers, networkHelpers, signers, manifest, genesis, at, kyc: signers[7], wl1: signers[10], buyer: signers[12], referrer: signers[14], operator: signers[16] };
  }

  it("parses id lists and ranges, and refuses bad ranges", () => {
    expect(ops.parseIds("1,2,5-7")).to.deep.equal([1n, 2n, 5n, 6n, 7n]);
    expect(() => ops.parseIds("9-3")).to.throw(/bad id range/);
  });

  it("deploys with every admin role handed to the timelock and the deployer holding none", async () => {
    const s = await setup();
    const timelock = s.manifest.contracts.Timelock.address;
    for (const name of ["ComplianceRegistry", "CheckerLicense", "LicenseSale"] as const) {
      const c = await s.at(name);
      const admin = await c.DEFAULT_ADMIN_ROLE();
      expect(await c.hasRole(admin, timelock), `${name} admin`).to.equal(true);
      expect(await c.hasRole(admin, s.signers[0].address), `${name} deployer`).to.equal(false);
    }
    const license = await s.at("CheckerLicense");
    expect(await license.hasRole(await license.MINTER_ROLE(), s.manifest.contracts.LicenseSale.address)).to.equal(true);
    const sale = await s.at("LicenseSale");
    expect(await sale.whitelistRoot()).to.equal(readWhitelistCsv("config/whitelist.local.csv").root);
    expect([await sale.referralCapPerBuyer(), await sale.referralCapPerCode(), await sale.referralPayoutDelay()]).to.deep.equal([
      DEFAULT_REFERRAL.capPerBuyer,
      DEFAULT_REFERRAL.capPerCode,
      BigInt(DEFAULT_REFERRAL.payoutDelay),
    ]);
  });

  it("buys in the whitelist round with a proof from the tree file, then in the public round with a referral and in WETH", async () => {
    const s = await setup();
    const tree = readWhitelistCsv("config/whitelist.local.csv").dump();
    const first = await ops.buy(s.manifest, s.wl1, { quantity: 3, whitelistTree: JSON.parse(JSON.stringify(tree)) });
    expect(first.firstTokenId).to.equal(1n);
    const license = await s.at("CheckerLicense");
    expect(await license.balanceOf(s.wl1.address)).to.equal(3n);
    await expect(ops.buy(s.manifest, s.signers[15], { quantity: 1, whitelistTree: tree })).to.be.rejectedWith(/not on the whitelist/);

    const code = await ops.registerReferralCode(s.manifest, s.referrer, "FRIENDS");
    const sale = await s.at("LicenseSale");
    await s.networkHelpers.time.increaseTo(await sale.publicStart());
    const r = await ops.buy(s.manifest, s.buyer, { quantity: 2, code: "FRIENDS", slippage: 10n ** 17n });
    expect(r.price).to.equal((2n * 10n ** 17n * 9500n) / 10_000n);
    expect(await sale.referrerOf(code)).to.equal(s.referrer.address);
    const weth = await s.ethers.getContractAt("WETHMock", s.manifest.contracts.WETH.address);
    await (await weth.connect(s.signers[13]).deposit({ value: 10n ** 18n })).wait();
    await ops.buy(s.manifest, s.signers[13], { quantity: 1, weth: true });
    expect(await license.balanceOf(s.signers[13].address)).to.equal(1n);

    await expect(ops.buy(s.manifest, s.signers[15], { quantity: 1 })).to.be.revertedWithCustomError(license, "ReceiverNotKycAllowed").withArgs(s.signers[15].address);

    // The reward waits for the payout delay; the status says until when.
    const status = await ops.referralStatus(s.manifest, s.referrer);
    expect(status.code).to.equal(code);
    expect(status.lockedEth).to.equal((r.price * 1500n) / 10_000n);
    expect(status.withdrawableEth).to.equal(0n);
    await expect(ops.withdrawReferralRewards(s.manifest, s.referrer)).to.be.rejectedWith(/locked until .* \(the payout delay\)/);
    await s.networkHelpers.time.increaseTo(status.lockedUntil);

    const owed = await ops.withdrawReferralRewards(s.manifest, s.referrer);
    expect(owed.eth).to.equal((r.price * 1500n) / 10_000n);
    const proceeds = await ops.withdrawProceeds(s.manifest, s.buyer);
    expect(proceeds.treasury).to.equal(s.manifest.contracts.Timelock.address);
    expect(proceeds.eth).to.equal(3n * 10n ** 17n + r.price - owed.eth);
    expect(proceeds.weth).to.equal(10n ** 17n);
  });

  it("delegates several licenses to an operator in one call and revokes them", async () => {
    const s = await setup();
    const tree = readWhitelistCsv("config/whitelist.local.csv").dump();
    await ops.buy(s.manifest, s.wl1, { quantity: 4, whitelistTree: tree });
    const license = await s.at("CheckerLicense");
    const expires = BigInt((await s.ethers.provider.getBlock("latest"))!.timestamp + 86_400);
    await ops.delegate(s.manifest, s.wl1, [4n, 2n, 3n], s.operator.address, expires);
    expect(await Promise.all([1n, 2n, 3n, 4n].map((id) => license.userOf(id)))).to.deep.equal([s.ethers.ZeroAddress, s.operator.address, s.operator.address, s.operator.address]);
    await ops.revoke(s.manifest, s.wl1, [2n]);
    expect(await license.userOf(2n)).to.equal(s.ethers.ZeroAddress);
  });

  it("signs a KYC attestation with the provider's key and submits it from another account", async () => {
    const s = await setup();
    const attestation = await ops.signKyc(s.manifest, s.kyc, s.buyer.address, "JP", 30);
    await ops.submitKyc(s.manifest, s.signers[19], JSON.parse(JSON.stringify(attestation, (_, v) => (typeof v === "bigint" ? v.toString() : v))));
    const registry = await s.at("ComplianceRegistry");
    expect(await registry.isAllowed(s.buyer.address)).to.equal(true);
  });
});
