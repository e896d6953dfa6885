import { expect } from "chai";
import { encodeBytes32String, parseEther } from "ethers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { genesisFixture } from "./fixtures.js";
import { countryCode, DEFAULT_RESTRICTED, signAttestation } from "../../scripts/lib/compliance.js";
import { executeViaTimelock } from "../../scripts/lib/governance.js";
import { DAY } from "../../scripts/lib/tokenomics.js";

const ATH = (x: string) => parseEther(x);

describe("RewardClaims", () => {
  /** `refereeStart`: days after TGE the referee's epoch 0 starts (later starts reach the bonus pool's steps). */
  async function setup(refereeStart = 0) {
    const f = await genesisFixture();
    const { ethers, networkHelpers } = f;
    const [admin, guardian] = [f.signers.deployer, f.signers.guardian];
    const [referee, kyc, alice, bob, carol, slasher] = f.signers.others;
    const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), kyc.address)).wait();
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
    const refereeContract = await ethers.deployContract("CheckerReferee", [
      admin.address, referee.address, guardian.address, await license.getAddress(),
      await f.checkerBase.getAddress(), await f.checkerBonus.getAddress(), f.genesis.tgeTimestamp + refereeStart * DAY,
    ]);
    const timelock = await f.timelock.getAddress();
    const claims = await ethers.deployContract("RewardClaims", [
      admin.address, await f.token.getAddress(), await refereeContract.getAddress(),
      await f.checkerBase.getAddress(), await f.checkerBonus.getAddress(), await registry.getAddress(), timelock,
    ]);
    await (await claims.grantRole(await claims.SLASHER_ROLE(), slasher.address)).wait();
    for (const pool of [f.checkerBase, f.checkerBonus]) {
      await executeViaTimelock(timelock, admin, { target: await pool.getAddress(), data: pool.interface.encodeFunctionData("grantRole", [await pool.DISTRIBUTOR_ROLE(), await claims.getAddress()]) });
    }
    const chainId = (await ethers.provider.getNetwork()).chainId;
    const attest = async (who: string, country = "DE") => {
      const t = (await ethers.provider.getBlock("latest"))!.timestamp;
      const a = { account: who, country, expiry: t + 400 * DAY, nonce: await registry.nonces(who), deadline: t + 3600 };
      await (await registry.attest(who, countryCode(country), a.expiry, a.deadline, await signAttestation(kyc, await registry.getAddress(), chainId, a))).wait();
    };
    await attest(alice.address);
    await attest(bob.address);
    let epoch = 0;
    /** Posts the next epoch's root of `leaves`, waits until it is final and (unless told not to) syncs it. */
    const publish = async (leaves: [string, bigint][], sync = true) => {
      const tree = StandardMerkleTree.of(leaves.map(([a, n]) => [a, n.toString()]), ["address", "uint256"]);
      const end = f.genesis.tgeTimestamp + (refereeStart + epoch + 1) * DAY;
      if ((await ethers.provider.getBlock("latest"))!.timestamp < end) await networkHelpers.time.increaseTo(end);
      const total = leaves.reduce((s, [, n]) => s + n, 0n);
      await (await refereeContract.connect(referee).postRoot(epoch, tree.root, total, "")).wait();
      await networkHelpers.time.increase(DAY);
      if (sync) await (await claims.sync()).wait();
      epoch++;
      const proof = (who: string) => {
        for (const [i, [a]] of tree.entries()) if (a === who) return tree.getProof(i);
        throw new Error("not in tree");
      };
      return proof;
    };
    return { ...f, ethers, networkHelpers, registry, refereeContract, claims, alice, bob, carol, slasher, referee, kyc, timelock, publish, attest };
  }

  it("option A: the fee is owed to the treasury, the rest vests 180 days, then withdraws", async () => {
    const s = await setup();
    const proof = await s.publish([[s.alice.address, ATH("1000")], [s.bob.address, ATH("20")]]);
    expect(await s.checkerBase.drawn()).to.equal(ATH("1020"));
    expect(await s.token.balanceOf(await s.claims.getAddress())).to.equal(ATH("1020"));
    const tx = s.claims.connect(s.alice).claim(ATH("1000"), proof(s.alice.address), 0);
    const unlockAt = BigInt((await s.ethers.provider.getBlock("latest"))!.timestamp) + 1n + 180n * 86_400n;
    await expect(tx).to.emit(s.claims, "Claimed").withArgs(s.alice.address, 0n, 0n, ATH("1000"), ATH("1000"), 0n, ATH("995"), 0n, unlockAt);
    expect(await s.claims.entry(s.alice.address, 0)).to.deep.equal([ATH("995"), unlockAt]);
    expect([await s.claims.pendingFeeCount(), await s.claims.unclaimed()]).to.deep.equal([1n, ATH("20")]);

    const treasuryBefore = await s.token.balanceOf(s.timelock);
    await expect(s.claims.settle()).to.emit(s.claims, "Settled").withArgs(ATH("5"), 0n);
    expect(await s.token.balanceOf(s.timelock)).to.equal(treasuryBefore + ATH("5"));
    expect(await s.claims.pendingFeeCount()).to.equal(0n);

    await expect(s.claims.connect(s.alice).withdraw([0])).to.be.revertedWithCustomError(s.claims, "EntryNotMatured").withArgs(s.alice.address, 0n, unlockAt);
    await s.networkHelpers.time.increaseTo(unlockAt);
    await expect(s.claims.connect(s.alice).withdraw([0])).to.changeTokenBalance(s.ethers, s.token, s.alice, ATH("995"));
    await expect(s.claims.connect(s.alice).withdraw([0])).to.be.revertedWithCustomError(s.claims, "EntryClosed").withArgs(s.alice.address, 0n);
    await expect(s.claims.connect(s.alice).withdraw([1])).to.be.revertedWithCustomError(s.claims, "NoSuchEntry").withArgs(s.alice.address, 1n);
    await expect(s.claims.entry(s.alice.address, 1)).to.be.revertedWithCustomError(s.claims, "NoSuchEntry").withArgs(s.alice.address, 1n);
  });

  it("option B: 25% vests 30 days and 75% is returned to the checker pool at settlement", async () => {
    const s = await setup();
    const proof = await s.publish([[s.alice.address, ATH("1005")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("1005"), proof(s.alice.address), 1)).wait();
    const [amount, unlockAt] = await s.claims.entry(s.alice.address, 0);
    expect(amount).to.equal(ATH("250"));
    expect(unlockAt - BigInt((await s.ethers.provider.getBlock("latest"))!.timestamp)).to.equal(30n * 86_400n);
    expect(await s.claims.pendingReturns()).to.equal(ATH("750"));
    expect(await s.checkerBase.returned()).to.equal(0n);
    await expect(s.claims.settle()).to.emit(s.claims, "Settled").withArgs(ATH("5"), ATH("750"));
    expect(await s.checkerBase.returned()).to.equal(ATH("750"));
    expect(await s.claims.pendingReturns()).to.equal(0n);
    // nothing owed: settle is a no-op without an event
    await expect(s.claims.settle()).not.to.emit(s.claims, "Settled");
  });

  it("pays only the difference since the last claim, against the newest synced root", async () => {
    const s = await setup();
    let proof = await s.publish([[s.alice.address, ATH("100")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("100"), proof(s.alice.address), 0)).wait();
    await expect(s.claims.connect(s.alice).claim(ATH("100"), proof(s.alice.address), 0))
      .to.be.revertedWithCustomError(s.claims, "NothingNewToClaim").withArgs(ATH("100"), ATH("100"));
    proof = await s.publish([[s.alice.address, ATH("160")], [s.bob.address, ATH("40")]]);
    await expect(s.claims.connect(s.alice).claim(ATH("160"), proof(s.alice.address), 0)).to.emit(s.claims, "Claimed")
      .withArgs(s.alice.address, 1n, 1n, ATH("160"), ATH("60"), 0n, ATH("55"), 0n, (v: bigint) => v > 0n);
    expect((await s.claims.entry(s.alice.address, 1))[0]).to.equal(ATH("55"));
    expect(await s.claims.claimed(s.alice.address)).to.equal(ATH("160"));
    expect(await s.claims.entryCount(s.alice.address)).to.equal(2n);
  });

  it("sync draws each final root's new total once, base pool first, then bonus", async () => {
    const s = await setup();
    await expect(s.claims.sync()).to.be.revertedWithCustomError(s.claims, "NoFinalRoot");
    const proof = await s.publish([[s.alice.address, ATH("100")], [s.bob.address, ATH("40")]], false);
    await expect(s.claims.connect(s.alice).claim(ATH("100"), proof(s.alice.address), 0))
      .to.be.revertedWithCustomError(s.claims, "RootNotSynced").withArgs(0n, 0n);
    const root = (await s.refereeContract.roots(0)).root;
    await expect(s.claims.sync()).to.emit(s.claims, "Synced").withArgs(0n, root, ATH("140"), ATH("140"), 0n);
    await expect(s.claims.sync()).to.be.revertedWithCustomError(s.claims, "NothingToSync").withArgs(0n);
    expect([await s.claims.root(), await s.claims.funded(), await s.claims.syncedEpoch()]).to.deep.equal([root, ATH("140"), 0n]);
    expect(await s.checkerBonus.drawn()).to.equal(0n);
  });

  it("sync takes from the bonus pool what the base pool has not released", async () => {
    // epoch 0 of this referee ends after the bonus pool's first quarterly step
    const s = await setup(92);
    await s.networkHelpers.time.increaseTo(s.genesis.tgeTimestamp + 93 * DAY);
    const baseNow = await s.checkerBase.releasable();
    const total = baseNow + ATH("10000000"); // more than the base pool releases in the window too
    const tree = StandardMerkleTree.of([[s.alice.address, total.toString()], [s.bob.address, "0"]], ["address", "uint256"]);
    await (await s.refereeContract.connect(s.referee).postRoot(0, tree.root, total, "")).wait();
    await s.networkHelpers.time.increase(DAY);
    const tx = s.claims.sync();
    await expect(tx).to.emit(s.claims, "Synced");
    const [base, bonus] = [await s.checkerBase.drawn(), await s.checkerBonus.drawn()];
    expect(base + bonus).to.equal(total);
    expect(base).to.be.greaterThanOrEqual(baseNow);
    expect(bonus).to.be.greaterThan(0n);
    expect(await s.token.balanceOf(await s.claims.getAddress())).to.equal(total);
  });

  it("never pays a root's claims beyond what was drawn for it (an inconsistent tree)", async () => {
    const s = await setup();
    // the referee's tree promises 1,000 to alice but the root's total is only 500
    const tree = StandardMerkleTree.of([[s.alice.address, ATH("1000").toString()], [s.bob.address, ATH("1").toString()]], ["address", "uint256"]);
    await s.networkHelpers.time.increaseTo(s.genesis.tgeTimestamp + DAY);
    await (await s.refereeContract.connect(s.referee).postRoot(0, tree.root, ATH("500"), "")).wait();
    await s.networkHelpers.time.increase(DAY);
    await (await s.claims.sync()).wait();
    await expect(s.claims.connect(s.alice).claim(ATH("1000"), tree.getProof(0), 0))
      .to.be.revertedWithCustomError(s.claims, "ClaimExceedsFunding").withArgs(ATH("1000"), ATH("500"));
  });

  it("refuses claims under 30 ATH, forged amounts, no final root, and accounts without KYC", async () => {
    const s = await setup();
    await expect(s.claims.connect(s.alice).claim(ATH("1"), [], 0)).to.be.revertedWithCustomError(s.claims, "NoFinalRoot");
    const proof = await s.publish([[s.alice.address, ATH("1000")], [s.bob.address, ATH("20")], [s.carol.address, ATH("50")]]);
    await expect(s.claims.connect(s.bob).claim(ATH("20"), proof(s.bob.address), 0)).to.be.revertedWithCustomError(s.claims, "ClaimBelowMinimum").withArgs(ATH("20"), ATH("30"));
    await expect(s.claims.connect(s.alice).claim(ATH("1001"), proof(s.alice.address), 0))
      .to.be.revertedWithCustomError(s.claims, "InvalidProof").withArgs(s.alice.address, ATH("1001"));
    // bob's proof does not prove alice's leaf
    await expect(s.claims.connect(s.alice).claim(ATH("1000"), proof(s.bob.address), 0))
      .to.be.revertedWithCustomError(s.claims, "InvalidProof").withArgs(s.alice.address, ATH("1000"));
    await expect(s.claims.connect(s.carol).claim(ATH("50"), proof(s.carol.address), 0)).to.be.revertedWithCustomError(s.claims, "NotKycAllowed").withArgs(s.carol.address);
    await s.attest(s.carol.address, "IR");
    await expect(s.claims.connect(s.carol).claim(ATH("50"), proof(s.carol.address), 0)).to.be.revertedWithCustomError(s.claims, "NotKycAllowed").withArgs(s.carol.address);
    // nothing was booked by any failed attempt
    expect(await s.claims.unclaimed()).to.equal(ATH("1070"));
    expect(await s.claims.entryCount(s.alice.address)).to.equal(0n);
  });

  it("a proof of an older root is stale once a newer one is synced", async () => {
    const s = await setup();
    const old = await s.publish([[s.alice.address, ATH("100")], [s.bob.address, ATH("20")]]);
    await s.publish([[s.alice.address, ATH("150")], [s.bob.address, ATH("20")]]);
    await expect(s.claims.connect(s.alice).claim(ATH("100"), old(s.alice.address), 0))
      .to.be.revertedWithCustomError(s.claims, "InvalidProof").withArgs(s.alice.address, ATH("100"));
  });

  it("withdraws several matured entries in one call, only the caller's, and needs KYC", async () => {
    const s = await setup();
    let proof = await s.publish([[s.alice.address, ATH("100")], [s.bob.address, ATH("100")]]);
    await (await s.claims.connect(s.alice).claim(ATH("100"), proof(s.alice.address), 1)).wait(); // alice 0
    await (await s.claims.connect(s.bob).claim(ATH("100"), proof(s.bob.address), 1)).wait(); // bob 0
    proof = await s.publish([[s.alice.address, ATH("200")], [s.bob.address, ATH("100")]]);
    await (await s.claims.connect(s.alice).claim(ATH("200"), proof(s.alice.address), 1)).wait(); // alice 1
    proof = await s.publish([[s.alice.address, ATH("300")], [s.bob.address, ATH("100")]]);
    await (await s.claims.connect(s.alice).claim(ATH("300"), proof(s.alice.address), 0)).wait(); // alice 2 (180 days)
    await s.networkHelpers.time.increase(31 * DAY);
    await expect(s.claims.connect(s.alice).withdraw([])).to.be.revertedWithCustomError(s.claims, "EmptyEntryList");
    await expect(s.claims.connect(s.alice).withdraw([0, 3])).to.be.revertedWithCustomError(s.claims, "NoSuchEntry").withArgs(s.alice.address, 3n);
    const [, unlock2] = await s.claims.entry(s.alice.address, 2);
    await expect(s.claims.connect(s.alice).withdraw([0, 2])).to.be.revertedWithCustomError(s.claims, "EntryNotMatured").withArgs(s.alice.address, 2n, unlock2);
    await expect(s.claims.connect(s.alice).withdraw([0, 1])).to.emit(s.claims, "Withdrawn").withArgs(s.alice.address, [0n, 1n], ATH("23.75") * 2n);
    expect((await s.claims.entry(s.alice.address, 1))[0]).to.equal(0n);
    expect((await s.claims.entry(s.alice.address, 2))[0]).to.equal(ATH("95"));
    await expect(s.claims.connect(s.alice).withdraw([1])).to.be.revertedWithCustomError(s.claims, "EntryClosed").withArgs(s.alice.address, 1n);
    await (await s.registry.connect(s.kyc).revoke(s.bob.address)).wait();
    await expect(s.claims.connect(s.bob).withdraw([0])).to.be.revertedWithCustomError(s.claims, "NotKycAllowed").withArgs(s.bob.address);
  });

  it("forfeits an unvested entry back to the pool, through the slasher role only", async () => {
    const s = await setup();
    const proof = await s.publish([[s.alice.address, ATH("1000")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("1000"), proof(s.alice.address), 0)).wait();
    const reason = encodeBytes32String("slash");
    await expect(s.claims.connect(s.alice).forfeit(s.alice.address, 0, reason))
      .to.be.revertedWithCustomError(s.claims, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.claims.SLASHER_ROLE());
    await expect(s.claims.connect(s.slasher).forfeit(s.alice.address, 0, reason)).to.emit(s.claims, "Forfeited").withArgs(s.alice.address, 0n, ATH("995"), reason);
    expect(await s.checkerBase.returned()).to.equal(ATH("995"));
    await expect(s.claims.connect(s.slasher).forfeit(s.alice.address, 0, reason)).to.be.revertedWithCustomError(s.claims, "EntryClosed").withArgs(s.alice.address, 0n);
    await expect(s.claims.connect(s.slasher).forfeit(s.bob.address, 0, reason)).to.be.revertedWithCustomError(s.claims, "NoSuchEntry").withArgs(s.bob.address, 0n);
    const proof2 = await s.publish([[s.alice.address, ATH("2000")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("2000"), proof2(s.alice.address), 1)).wait();
    const [, unlockAt] = await s.claims.entry(s.alice.address, 1);
    await s.networkHelpers.time.increaseTo(unlockAt);
    await expect(s.claims.connect(s.slasher).forfeit(s.alice.address, 1, reason)).to.be.revertedWithCustomError(s.claims, "EntryAlreadyVested").withArgs(s.alice.address, 1n, unlockAt);
  });

  it("refuses zero addresses at deployment", async () => {
    const s = await setup();
    const factory = await s.ethers.getContractFactory("RewardClaims");
    const args = [s.signers.deployer.address, await s.token.getAddress(), await s.refereeContract.getAddress(), await s.checkerBase.getAddress(), await s.checkerBonus.getAddress(), await s.registry.getAddress(), s.timelock];
    const names = ["admin", "token", "referee", "basePool", "bonusPool", "compliance", "treasury"];
    for (let i = 0; i < names.length; i++) {
      const bad = [...args];
      bad[i] = s.ethers.ZeroAddress;
      await expect(factory.deploy(...(bad as Parameters<typeof factory.deploy>))).to.be.revertedWithCustomError(s.claims, "ZeroAddress").withArgs(encodeBytes32String(names[i]));
    }
  });
});
