import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, id, parseEther } from "ethers";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../../scripts/lib/compliance.js";
import { DEFAULT_REFERRAL, DEFAULT_TIERS, tierArrays, type TierConfig } from "../../scripts/lib/sale-config.js";
import { buildWhitelist, parseWhitelistCsv, proofFor } from "../../scripts/lib/whitelist.js";

const E = (x: string) => parseEther(x);
const SMALL_TIERS: TierConfig[] = [
  { price: E("0.1"), supply: 5, capPerBuyer: 3 },
  { price: E("0.2"), supply: 5, capPerBuyer: 0 },
  { price: E("0.3"), supply: 10, capPerBuyer: 0 },
];

describe("LicenseSale", () => {
  async function setup(tiers: TierConfig[] = SMALL_TIERS) {
    const connection = await network.create();
    const { ethers, networkHelpers } = connection;
    const [admin, guardian, treasury, alice, bob, carol, referrer, stranger, mallory] = await ethers.getSigners();
    const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    // A purchase mints to the buyer, who must hold a valid attestation from an unrestricted place (SPEC §8): the
    // buyers here have one (DE); mallory never did KYC.
    await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), admin.address)).wait();
    const allow = (accounts: string[], country = "DE") => attestAccounts(registry, admin, accounts, country);
    await allow([alice, bob, carol, referrer, stranger].map((w) => w.address));
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
    const weth = await ethers.deployContract("WETHMock");
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    const tree = buildWhitelist([[alice.address, 4n], [bob.address, 2n]]);
    const config = {
      admin: admin.address,
      guardian: guardian.address,
      treasury: treasury.address,
      license: await license.getAddress(),
      weth: await weth.getAddress(),
      whitelistStart: now + 100,
      publicStart: now + 1000,
      saleEnd: now + 100_000,
      whitelistRoot: tree.root,
      discountBps: 500,
      referralRewardBps: 1500,
      referralCapPerBuyer: DEFAULT_REFERRAL.capPerBuyer,
      referralCapPerCode: DEFAULT_REFERRAL.capPerCode,
      referralPayoutDelay: DEFAULT_REFERRAL.payoutDelay,
    };
    const factory = await ethers.getContractFactory("LicenseSale");
    const sale = await factory.deploy(config, ...tierArrays(tiers));
    await (await license.grantRole(await license.MINTER_ROLE(), await sale.getAddress())).wait();
    const code = encodeBytes32String("REF");
    await (await sale.connect(referrer).registerReferralCode(code)).wait();
    const none: string[] = [];
    const toPublic = () => networkHelpers.time.increaseTo(config.publicStart);
    // Past every referral reward's payout delay (at most two delays after the purchase).
    const afterPayoutDelay = () => networkHelpers.time.increase(2 * DEFAULT_REFERRAL.payoutDelay);
    return { ethers, networkHelpers, afterPayoutDelay, sale, license, registry, weth, factory, config, tree, code, none, toPublic, allow, admin, guardian, treasury, alice, bob, carol, referrer, stranger, mallory };
  }

  describe("configuration", () => {
    it("deploys the default 53-tier table: 100,000 licenses, rising prices, SPEC §4 caps", async () => {
      const s = await setup(DEFAULT_TIERS);
      expect(await s.sale.tierCount()).to.equal(53n);
      let total = 0n;
      for (let i = 0; i < 53; i++) {
        const t = await s.sale.tier(i);
        total += t.supply;
        if (i > 0) expect(t.price > (await s.sale.tier(i - 1)).price, `tier ${i + 1} price rises`).to.equal(true);
      }
      expect(total).to.equal(100_000n);
      const caps = await Promise.all([0, 1, 2, 3, 4, 5, 6, 9, 10, 17, 18, 52].map(async (i) => (await s.sale.tier(i)).capPerBuyer));
      expect(caps).to.deep.equal([5n, 10n, 15n, 30n, 50n, 100n, 200n, 200n, 500n, 500n, 0n, 0n]);
    });

    it("refuses bad tier tables", async () => {
      const s = await setup();
      const c = s.config;
      await expect(s.factory.deploy(c, [], [], [])).to.be.revertedWithCustomError(s.sale, "TierCountOutOfRange").withArgs(0n, 64n);
      const many = Array.from({ length: 65 }, () => 1n);
      await expect(s.factory.deploy(c, many, many.map(() => 1), many.map(() => 0))).to.be.revertedWithCustomError(s.sale, "TierCountOutOfRange").withArgs(65n, 64n);
      await expect(s.factory.deploy(c, [1n, 2n], [1], [0, 0])).to.be.revertedWithCustomError(s.sale, "TierLengthMismatch");
      await expect(s.factory.deploy(c, [2n, 1n], [1, 1], [0, 0])).to.be.revertedWithCustomError(s.sale, "TierPriceDecreasing").withArgs(1n);
      await expect(s.factory.deploy(c, [1n, 2n], [1, 0], [0, 0])).to.be.revertedWithCustomError(s.sale, "TierSupplyZero").withArgs(1n);
      await expect(s.factory.deploy(c, [1n, 2n], [60_000, 40_001], [0, 0])).to.be.revertedWithCustomError(s.sale, "TiersExceedLicenseCap").withArgs(100_001n, 100_000n);
    });

    it("refuses zero addresses and bad schedules or terms at deployment", async () => {
      const s = await setup();
      const c = s.config;
      const arrays = tierArrays(SMALL_TIERS);
      for (const what of ["admin", "guardian", "license", "weth", "treasury"] as const) {
        await expect(s.factory.deploy({ ...c, [what]: s.ethers.ZeroAddress }, ...arrays))
          .to.be.revertedWithCustomError(s.sale, "ZeroAddress").withArgs(encodeBytes32String(what));
      }
      await expect(s.factory.deploy({ ...c, publicStart: c.saleEnd }, ...arrays))
        .to.be.revertedWithCustomError(s.sale, "InvalidSchedule").withArgs(c.whitelistStart, c.saleEnd, c.saleEnd);
      await expect(s.factory.deploy({ ...c, discountBps: 2001 }, ...arrays)).to.be.revertedWithCustomError(s.sale, "ReferralTermsOutOfBounds").withArgs(2001n, 1500n);
    });
  });

  describe("whitelist round", () => {
    it("sells to whitelisted buyers within their allocation", async () => {
      const s = await setup();
      await s.networkHelpers.time.increaseTo(s.config.whitelistStart);
      const { allocation, proof } = proofFor(s.tree, s.alice.address)!;
      await expect(s.sale.connect(s.alice).buy(3, s.ethers.ZeroHash, allocation, proof, { value: E("0.3") }))
        .to.emit(s.sale, "Purchased")
        .withArgs(s.alice.address, 1n, 3n, E("0.3"), 0n, 0, s.ethers.ZeroHash, s.ethers.ZeroAddress, 0n);
      await expect(s.sale.connect(s.alice).buy(2, s.ethers.ZeroHash, allocation, proof, { value: E("0.5") }))
        .to.be.revertedWithCustomError(s.sale, "WhitelistAllocationExceeded").withArgs(2n, 1n);
      expect(await s.sale.whitelistBought(s.alice.address)).to.equal(3n);
    });

    it("refuses a bad proof, a wrong allocation, or a buyer not on the list", async () => {
      const s = await setup();
      await s.networkHelpers.time.increaseTo(s.config.whitelistStart);
      const { proof } = proofFor(s.tree, s.alice.address)!;
      await expect(s.sale.connect(s.alice).buy(1, s.ethers.ZeroHash, 40, proof, { value: E("0.1") }))
        .to.be.revertedWithCustomError(s.sale, "InvalidWhitelistProof").withArgs(s.alice.address, 40n);
      await expect(s.sale.connect(s.carol).buy(1, s.ethers.ZeroHash, 4, proof, { value: E("0.1") }))
        .to.be.revertedWithCustomError(s.sale, "InvalidWhitelistProof").withArgs(s.carol.address, 4n);
    });

    it("refuses purchases before the sale and after its end", async () => {
      const s = await setup();
      await expect(s.sale.connect(s.alice).buy(1, s.ethers.ZeroHash, 0, s.none, { value: E("0.1") }))
        .to.be.revertedWithCustomError(s.sale, "SaleNotStarted").withArgs(s.config.whitelistStart);
      await s.networkHelpers.time.increaseTo(s.config.saleEnd);
      await expect(s.sale.connect(s.alice).buy(1, s.ethers.ZeroHash, 0, s.none, { value: E("0.1") }))
        .to.be.revertedWithCustomError(s.sale, "SaleEnded").withArgs(s.config.saleEnd);
    });
  });

  describe("public round", () => {
    it("prices a purchase crossing a tier boundary per tier and refunds the excess exactly", async () => {
      const s = await setup();
      await s.toPublic();
      await (await s.sale.connect(s.alice).buy(3, s.ethers.ZeroHash, 0, s.none, { value: E("0.3") })).wait(); // tier 0: 3 of 5
      // bob: 2 left in tier 0 at 0.1, then 3 in tier 1 at 0.2 = 0.8 ETH; he sends 1 ETH.
      const tx = s.sale.connect(s.bob).buy(5, s.ethers.ZeroHash, 0, s.none, { value: E("1") });
      await expect(tx).to.changeEtherBalances(s.ethers, [s.bob, s.sale], [-E("0.8"), E("0.8")]);
      await expect(tx).to.emit(s.sale, "TierPurchase").withArgs(s.bob.address, 0n, 4n, 2n, E("0.1"));
      await expect(tx).to.emit(s.sale, "TierPurchase").withArgs(s.bob.address, 1n, 6n, 3n, E("0.2"));
      expect(await s.sale.currentTier()).to.equal(1n);
      expect(await s.license.balanceOf(s.bob.address)).to.equal(5n);
      expect(await s.sale.quote(4)).to.equal(E("0.2") * 2n + E("0.3") * 2n);
    });

    it("refuses underpayment, zero and oversized purchases", async () => {
      const s = await setup();
      await s.toPublic();
      await expect(s.sale.connect(s.alice).buy(2, s.ethers.ZeroHash, 0, s.none, { value: E("0.19") }))
        .to.be.revertedWithCustomError(s.sale, "InsufficientPayment").withArgs(E("0.2"), E("0.19"));
      await expect(s.sale.connect(s.alice).buy(0, s.ethers.ZeroHash, 0, s.none)).to.be.revertedWithCustomError(s.sale, "ZeroQuantity");
      await expect(s.sale.connect(s.alice).buy(1001, s.ethers.ZeroHash, 0, s.none)).to.be.revertedWithCustomError(s.sale, "QuantityTooLarge").withArgs(1001n, 1000n);
    });

    it("enforces the per-buyer cap of each tier", async () => {
      const s = await setup();
      await s.toPublic();
      await (await s.sale.connect(s.alice).buy(2, s.ethers.ZeroHash, 0, s.none, { value: E("0.2") })).wait();
      await expect(s.sale.connect(s.alice).buy(2, s.ethers.ZeroHash, 0, s.none, { value: E("0.2") }))
        .to.be.revertedWithCustomError(s.sale, "PerBuyerCapExceeded").withArgs(0n, 3n, 2n, 2n);
    });

    it("sells out, then refuses with what is left", async () => {
      const s = await setup();
      await s.toPublic();
      await (await s.sale.connect(s.alice).buy(3, s.ethers.ZeroHash, 0, s.none, { value: E("0.3") })).wait();
      await (await s.sale.connect(s.bob).buy(15, s.ethers.ZeroHash, 0, s.none, { value: E("10") })).wait();
      await expect(s.sale.connect(s.carol).buy(3, s.ethers.ZeroHash, 0, s.none, { value: E("1") })).to.be.revertedWithCustomError(s.sale, "SoldOut").withArgs(3n, 2n);
      await expect(s.sale.quote(3)).to.be.revertedWithCustomError(s.sale, "SoldOut").withArgs(3n, 2n);
      await (await s.sale.connect(s.carol).buy(2, s.ethers.ZeroHash, 0, s.none, { value: E("1") })).wait();
      expect(await s.license.totalSupply()).to.equal(20n);
    });

    it("pays in WETH, within the buyer's maximum", async () => {
      const s = await setup();
      await s.toPublic();
      await (await s.weth.connect(s.alice).deposit({ value: E("1") })).wait();
      await (await s.weth.connect(s.alice).approve(await s.sale.getAddress(), E("1"))).wait();
      await expect(s.sale.connect(s.alice).buyWithWETH(2, E("0.19"), s.ethers.ZeroHash, 0, s.none)).to.be.revertedWithCustomError(s.sale, "PriceAboveMax").withArgs(E("0.2"), E("0.19"));
      await expect(s.sale.connect(s.alice).buyWithWETH(2, E("0.2"), s.ethers.ZeroHash, 0, s.none, { value: 1n })).to.be.revertedWithCustomError(s.sale, "UnexpectedETH").withArgs(1n);
      await expect(s.sale.connect(s.alice).buyWithWETH(2, E("0.2"), s.ethers.ZeroHash, 0, s.none)).to.changeTokenBalances(s.ethers, s.weth, [s.alice, s.sale], [-E("0.2"), E("0.2")]);
      expect((await s.sale.wethLedger()).proceeds).to.equal(E("0.2"));
    });
  });

  describe("referrals", () => {
    it("discounts the buyer 5% and accrues 15% of the price to the referrer, withdrawable once after the payout delay", async () => {
      const s = await setup();
      await s.toPublic();
      // 3 in tier 0 = 0.3 ETH gross, 0.015 discount, 0.285 price, 0.04275 reward.
      await expect(s.sale.connect(s.alice).buy(3, s.code, 0, s.none, { value: E("0.3") }))
        .to.emit(s.sale, "Purchased")
        .withArgs(s.alice.address, 1n, 3n, E("0.3"), E("0.015"), 0, s.code, s.referrer.address, E("0.04275"));
      expect(await s.sale.ethRewards(s.referrer.address)).to.equal(E("0.04275"));
      const ledger = await s.sale.ethLedger();
      expect(ledger.proceeds + ledger.rewardsOwed).to.equal(await s.ethers.provider.getBalance(await s.sale.getAddress()));
      const unlockAt = (await s.sale.referralRewards(s.referrer.address)).nextUnlockAt;
      await expect(s.sale.connect(s.referrer).withdrawReferralRewards()).to.be.revertedWithCustomError(s.sale, "ReferralRewardsLocked").withArgs(s.referrer.address, unlockAt);
      await s.networkHelpers.time.increaseTo(unlockAt);
      await expect(s.sale.connect(s.referrer).withdrawReferralRewards()).to.changeEtherBalance(s.ethers, s.referrer, E("0.04275"));
      await expect(s.sale.connect(s.referrer).withdrawReferralRewards()).to.be.revertedWithCustomError(s.sale, "NothingToWithdraw").withArgs(s.referrer.address);
    });

    it("refuses unknown, self, zero and taken codes", async () => {
      const s = await setup();
      await s.toPublic();
      await expect(s.sale.connect(s.alice).buy(1, id("nope"), 0, s.none, { value: E("0.1") })).to.be.revertedWithCustomError(s.sale, "UnknownReferralCode").withArgs(id("nope"));
      await expect(s.sale.connect(s.referrer).buy(1, s.code, 0, s.none, { value: E("0.1") })).to.be.revertedWithCustomError(s.sale, "SelfReferral").withArgs(s.code);
      await expect(s.sale.connect(s.alice).registerReferralCode(s.ethers.ZeroHash)).to.be.revertedWithCustomError(s.sale, "InvalidReferralCode");
      await expect(s.sale.connect(s.alice).registerReferralCode(s.code)).to.be.revertedWithCustomError(s.sale, "ReferralCodeTaken").withArgs(s.code, s.referrer.address);
      await expect(s.sale.connect(s.referrer).registerReferralCode(id("second"))).to.be.revertedWithCustomError(s.sale, "ReferrerHasCode").withArgs(s.referrer.address, s.code);
    });

    it("stops a buyer's discount and the referrer's reward at the per-buyer cap, and lets the guardian void locked rewards", async () => {
      const s = await setup();
      await s.toPublic();
      // Bob buys 3 in tier 0 with the code (reward 0.04275), alice empties tier 0, then bob buys 10 in tiers 1 and 2
      // (2.5 ETH gross, a 0.35625 reward on the terms): the second purchase passes the 0.1 ETH pair cap.
      await (await s.sale.connect(s.bob).buy(3, s.code, 0, s.none, { value: E("0.3") })).wait();
      await (await s.sale.connect(s.alice).buy(2, s.ethers.ZeroHash, 0, s.none, { value: E("0.2") })).wait();
      const [gross, discount, reward] = await s.sale.quoteWithReferral(s.bob.address, 10, s.code);
      expect(gross).to.equal(E("0.2") * 5n + E("0.3") * 5n);
      expect(reward).to.equal(E("0.1") - E("0.04275"));
      const fullDiscount = (gross * 500n) / 10_000n;
      const fullReward = ((gross - fullDiscount) * 1500n) / 10_000n;
      expect(discount).to.equal((fullDiscount * reward) / fullReward);
      await expect(s.sale.connect(s.bob).buy(10, s.code, 0, s.none, { value: gross - discount }))
        .to.emit(s.sale, "ReferralRewardAccrued")
        .withArgs(s.code, s.referrer.address, s.bob.address, 0, reward, fullReward - reward, fullDiscount - discount, (await s.sale.referralRewards(s.referrer.address)).nextUnlockAt);
      expect(await s.sale.referralRewardFromBuyer(s.code, s.bob.address)).to.equal(E("0.1"));

      await expect(s.sale.connect(s.alice).voidReferralRewards(s.code)).to.be.revertedWithCustomError(s.sale, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.sale.GUARDIAN_ROLE());
      const before = await s.sale.ethLedger();
      await expect(s.sale.connect(s.guardian).voidReferralRewards(s.code)).to.emit(s.sale, "ReferralRewardsVoided").withArgs(s.code, s.referrer.address, E("0.1"), 0n);
      const after = await s.sale.ethLedger();
      expect(after.proceeds - before.proceeds).to.equal(E("0.1"));
      expect(after.rewardsOwed).to.equal(0n);
      await expect(s.sale.connect(s.carol).buy(1, s.code, 0, s.none, { value: E("1") })).to.be.revertedWithCustomError(s.sale, "ReferralCodeVoided").withArgs(s.code);
      await expect(s.sale.connect(s.referrer).withdrawReferralRewards()).to.be.revertedWithCustomError(s.sale, "NothingToWithdraw").withArgs(s.referrer.address);
    });
  });

  describe("treasury and governance", () => {
    it("sends proceeds (ETH and WETH) to the treasury only", async () => {
      const s = await setup();
      await expect(s.sale.connect(s.stranger).withdrawProceeds()).to.be.revertedWithCustomError(s.sale, "NothingToWithdraw").withArgs(s.treasury.address);
      await s.toPublic();
      await (await s.sale.connect(s.alice).buy(3, s.code, 0, s.none, { value: E("0.3") })).wait();
      const proceeds = (await s.sale.ethLedger()).proceeds;
      await expect(s.sale.connect(s.stranger).withdrawProceeds()).to.changeEtherBalances(s.ethers, [s.treasury, s.stranger], [proceeds, 0n]);
      // What remains is exactly the referral reward still owed (locked for the payout delay).
      expect(await s.ethers.provider.getBalance(await s.sale.getAddress())).to.equal(await s.sale.ethRewards(s.referrer.address));
    });

    it("lets the guardian pause and only governance unpause", async () => {
      const s = await setup();
      await s.toPublic();
      await (await s.sale.connect(s.guardian).pause()).wait();
      await expect(s.sale.connect(s.alice).buy(1, s.ethers.ZeroHash, 0, s.none, { value: E("0.1") })).to.be.revertedWithCustomError(s.sale, "EnforcedPause");
      await expect(s.sale.connect(s.guardian).unpause()).to.be.revertedWithCustomError(s.sale, "AccessControlUnauthorizedAccount").withArgs(s.guardian.address, await s.sale.DEFAULT_ADMIN_ROLE());
      await expect(s.sale.connect(s.alice).pause()).to.be.revertedWithCustomError(s.sale, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.sale.GUARDIAN_ROLE());
      await (await s.sale.connect(s.admin).unpause()).wait();
      await expect(s.sale.connect(s.alice).buy(1, s.ethers.ZeroHash, 0, s.none, { value: E("0.1") })).to.emit(s.sale, "Purchased");
    });

    it("bounds governance's setters", async () => {
      const s = await setup();
      await expect(s.sale.setReferralTerms(500, 3001)).to.be.revertedWithCustomError(s.sale, "ReferralTermsOutOfBounds").withArgs(500n, 3001n);
      await expect(s.sale.setReferralTerms(1000, 2000)).to.emit(s.sale, "ReferralTermsSet").withArgs(1000n, 2000n);
      await expect(s.sale.setReferralCaps(E("11"), E("100"))).to.be.revertedWithCustomError(s.sale, "ReferralCapsOutOfBounds").withArgs(E("11"), E("100"));
      await expect(s.sale.setReferralCaps(E("1"), E("50"))).to.emit(s.sale, "ReferralCapsSet").withArgs(E("1"), E("50"));
      await expect(s.sale.setReferralPayoutDelay(91 * 86_400)).to.be.revertedWithCustomError(s.sale, "ReferralPayoutDelayOutOfBounds").withArgs(91n * 86_400n, 86_400n, 90n * 86_400n);
      await expect(s.sale.setReferralPayoutDelay(7 * 86_400)).to.emit(s.sale, "ReferralPayoutDelaySet").withArgs(7n * 86_400n);
      await expect(s.sale.setSchedule(10, 5, 20)).to.be.revertedWithCustomError(s.sale, "InvalidSchedule").withArgs(10n, 5n, 20n);
      await expect(s.sale.setSchedule(10, 10, 20)).to.emit(s.sale, "SaleScheduleSet").withArgs(10n, 10n, 20n);
      await expect(s.sale.setTreasury(s.ethers.ZeroAddress)).to.be.revertedWithCustomError(s.sale, "ZeroAddress").withArgs(encodeBytes32String("treasury"));
      await expect(s.sale.setTreasury(s.carol.address)).to.emit(s.sale, "TreasurySet").withArgs(s.carol.address);
      await expect(s.sale.setWhitelistRoot(id("root"))).to.emit(s.sale, "WhitelistRootSet").withArgs(id("root"));
      await expect(s.sale.connect(s.alice).setWhitelistRoot(id("root")))
        .to.be.revertedWithCustomError(s.sale, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.sale.DEFAULT_ADMIN_ROLE());
    });
  });

  describe("adversarial", () => {
    it("blocks re-entry from a buyer's refund and from a referrer's reward payment", async () => {
      const s = await setup();
      await s.toPublic();
      const attacker = await s.ethers.deployContract("ReentrantBuyer", [await s.sale.getAddress()]);
      await s.allow([await attacker.getAddress()]);
      // Refund path: the attacker overpays, and re-enters from receive() while the refund is sent.
      await (await attacker.buy(1, s.ethers.ZeroHash, { value: E("0.5") })).wait();
      expect(await attacker.reentered()).to.equal(true);
      expect(await attacker.reentrySucceeded()).to.equal(false);
      expect((await attacker.reentryError()).slice(0, 10)).to.equal(s.sale.interface.getError("ReentrancyGuardReentrantCall")!.selector);
      expect(await s.license.balanceOf(await attacker.getAddress())).to.equal(1n);

      // Reward path: a referrer contract re-enters withdrawReferralRewards while being paid; it is paid once.
      const payee = await s.ethers.deployContract("ReentrantBuyer", [await s.sale.getAddress()]);
      const code = encodeBytes32String("EVIL");
      await (await payee.registerCode(code)).wait();
      await (await s.sale.connect(s.bob).buy(2, code, 0, s.none, { value: E("0.2") })).wait();
      await s.afterPayoutDelay();
      const owed = await s.sale.ethRewards(await payee.getAddress());
      await expect(payee.withdrawRewards()).to.changeEtherBalance(s.ethers, payee, owed);
      expect(await payee.reentrySucceeded()).to.equal(false);
      const ledger = await s.sale.ethLedger();
      expect(ledger.rewardsOwed).to.equal(0n);
      expect(await s.ethers.provider.getBalance(await s.sale.getAddress())).to.equal(ledger.proceeds);
    });

    it("reverts the whole purchase when the refund cannot be delivered, so the buyer loses nothing", async () => {
      const s = await setup();
      await s.toPublic();
      const buyer = await s.ethers.deployContract("RejectingBuyer");
      await s.allow([await buyer.getAddress()]);
      await expect(buyer.buy(await s.sale.getAddress(), 1, { value: E("0.15") }))
        .to.be.revertedWithCustomError(s.sale, "EthTransferFailed")
        .withArgs(await buyer.getAddress(), E("0.05"));
      expect(await s.license.totalSupply()).to.equal(0n);
      await (await buyer.buy(await s.sale.getAddress(), 1, { value: E("0.1") })).wait(); // exact payment needs no refund
      expect(await s.license.balanceOf(await buyer.getAddress())).to.equal(1n);
    });

    it("mints without the ERC-721 receiver hook, so a buyer contract gets no callback to re-enter from", async () => {
      const s = await setup();
      await s.toPublic();
      const attacker = await s.ethers.deployContract("ReentrantBuyer", [await s.sale.getAddress()]);
      await s.allow([await attacker.getAddress()]);
      await (await attacker.buy(2, s.ethers.ZeroHash, { value: E("0.2") })).wait(); // exact payment: no refund
      expect(await attacker.reentered()).to.equal(false);
      expect(await s.license.balanceOf(await attacker.getAddress())).to.equal(2n);
    });

    it("keeps paid == sum of tier prices x quantities - discount, and the ledger equal to the balance, over random purchases", async () => {
      const s = await setup([
        { price: E("0.01"), supply: 7, capPerBuyer: 0 },
        { price: E("0.013"), supply: 11, capPerBuyer: 0 },
        { price: E("0.017"), supply: 13, capPerBuyer: 0 },
        { price: E("0.02"), supply: 50, capPerBuyer: 0 },
      ]);
      await s.toPublic();
      let seed = 42;
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const buyers = [s.alice, s.bob, s.carol, s.stranger];
      const tiers = [[0.01, 7], [0.013, 11], [0.017, 13], [0.02, 50]].map(([p, n]) => ({ price: E(String(p)), left: BigInt(n) }));
      for (let i = 0; i < 20; i++) {
        const q = BigInt(1 + rand(6));
        const buyer = buyers[rand(buyers.length)];
        const referred = rand(2) === 1;
        let gross = 0n;
        let left = q;
        for (const t of tiers) {
          const take = left < t.left ? left : t.left;
          gross += take * t.price;
          t.left -= take;
          left -= take;
        }
        const discount = referred ? (gross * 500n) / 10_000n : 0n;
        const overpay = BigInt(rand(1000)) * 10n ** 12n;
        await expect(s.sale.connect(buyer).buy(q, referred ? s.code : s.ethers.ZeroHash, 0, s.none, { value: gross - discount + overpay }))
          .to.changeEtherBalance(s.ethers, buyer, -(gross - discount));
        const ledger = await s.sale.ethLedger();
        expect(ledger.proceeds + ledger.rewardsOwed).to.equal(await s.ethers.provider.getBalance(await s.sale.getAddress()));
      }
    });
  });

  // Issue 11, attack 6, from the attacker's side: buying licenses without a valid attestation.
  describe("compliance (SPEC §8)", () => {
    it("refuses a buyer that never attested, or whose US attestation was revoked, in ETH and in WETH", async () => {
      const s = await setup();
      await s.toPublic();
      await expect(s.sale.connect(s.mallory).buy(1, s.ethers.ZeroHash, 0, s.none, { value: E("0.1") }))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      await s.allow([s.mallory.address], "US");
      await (await s.registry.revoke(s.mallory.address)).wait();
      await expect(s.sale.connect(s.mallory).buy(1, s.code, 0, s.none, { value: E("0.1") }))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      await (await s.weth.connect(s.mallory).deposit({ value: E("0.1") })).wait();
      await (await s.weth.connect(s.mallory).approve(await s.sale.getAddress(), E("0.1"))).wait();
      await expect(s.sale.connect(s.mallory).buyWithWETH(1, E("0.1"), s.ethers.ZeroHash, 0, s.none))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      expect(await s.license.totalSupply()).to.equal(0n);
      expect(await s.ethers.provider.getBalance(await s.sale.getAddress()), "nothing was taken").to.equal(0n);
    });
  });

  describe("whitelist CSV", () => {
    it("parses address,allocation lines and refuses bad ones", () => {
      const csv = "address,allocation\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8, 4\n\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,2\n";
      const entries = parseWhitelistCsv(csv);
      expect(entries).to.deep.equal([["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 4n], ["0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", 2n]]);
      expect(() => parseWhitelistCsv("0x12,1")).to.throw(/not an address/);
      expect(() => parseWhitelistCsv("0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0")).to.throw(/positive/);
      expect(() => parseWhitelistCsv("0x70997970C51812dc3A010C7d01b50e0d17dc79C8,1\n0x70997970c51812dc3a010c7d01b50e0d17dc79c8,2")).to.throw(/twice/);
    });
  });
});
