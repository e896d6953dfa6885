import { expect } from "chai";
import { encodeBytes32String, parseEther } from "ethers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { genesisFixture } from "./fixtures.js";
import { countryCode, DEFAULT_RESTRICTED, signAttestation } from "../../scripts/lib/compliance.js";
import { executeViaTimelock } from "../../scripts/lib/governance.js";
import { DAY } from "../../scripts/lib/tokenomics.js";

const ATH = (x: string) => parseEther(x);

describe("RewardClaims", () => {
  async function setup() {
    const f = await genesisFixture();
    const { ethers, networkHelpers } = f;
    const [admin, guardian] = [f.signers.deployer, f.signers.guardian];
    const [referee, kyc, alice, bob, carol, slasher] = f.signers.others;
    const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), kyc.address)).wait();
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
    const refereeContract = await ethers.deployContract("CheckerReferee", [
      admin.address, referee.address, guardian.address, await license.getAddress(),
      await f.checkerBase.getAddress(), await f.checkerBonus.getAddress(), f.genesis.tgeTimestamp,
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
    /** Posts the next epoch's root of `leaves` and waits until it is final. */
    const publish = async (leaves: [string, bigint][]) => {
      const tree = StandardMerkleTree.of(leaves.map(([a, n]) => [a, n.toString()]), ["address", "uint256"]);
      const end = f.genesis.tgeTimestamp + (epoch + 1) * DAY;
      if ((await ethers.provider.getBlock("latest"))!.timestamp < end) await networkHelpers.time.increaseTo(end);
      const total = leaves.reduce((s, [, n]) => s + n, 0n);
      await (await refereeContract.connect(referee).postRoot(epoch, tree.root, total, "")).wait();
      await networkHelpers.time.increase(DAY);
      epoch++;
      const proof = (who: string) => {
        for (const [i, [a]] of tree.entries()) if (a === who) return tree.getProof(i);
        throw new Error("not in tree");
      };
      return proof;
    };
    return { ...f, ethers, networkHelpers, registry, refereeContract, claims, alice, bob, carol, slasher, referee, kyc, timelock, publish, attest };
  }

  it("option A: the fee to the treasury, the rest vests 180 days, then withdraws", async () => {
    const s = await setup();
    const proof = await s.publish([[s.alice.address, ATH("1000")], [s.bob.address, ATH("20")]]);
    const treasuryBefore = await s.token.balanceOf(s.timelock);
    await expect(s.claims.connect(s.alice).claim(ATH("1000"), proof(s.alice.address), 0)).to.emit(s.claims, "Claimed");
    expect(await s.token.balanceOf(s.timelock)).to.equal(treasuryBefore + ATH("5"));
    const e = await s.claims.entry(0);
    expect([e.account, e.amount]).to.deep.equal([s.alice.address, ATH("995")]);
    expect(await s.checkerBase.drawn()).to.equal(ATH("1000"));
    await expect(s.claims.connect(s.alice).withdraw([0])).to.be.revertedWithCustomError(s.claims, "EntryNotMatured").withArgs(0n, e.unlockAt);
    await s.networkHelpers.time.increaseTo(e.unlockAt);
    await expect(s.claims.connect(s.alice).withdraw([0])).to.changeTokenBalance(s.ethers, s.token, s.alice, ATH("995"));
    await expect(s.claims.connect(s.alice).withdraw([0])).to.be.revertedWithCustomError(s.claims, "EntryClosed").withArgs(0n);
  });

  it("option B: 25% vests 30 days and 75% returns to the checker pool", async () => {
    const s = await setup();
    const proof = await s.publish([[s.alice.address, ATH("1005")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("1005"), proof(s.alice.address), 1)).wait();
    const e = await s.claims.entry(0);
    expect(e.amount).to.equal(ATH("250"));
    expect(await s.checkerBase.returned()).to.equal(ATH("750"));
    expect(e.unlockAt - BigInt((await s.ethers.provider.getBlock("latest"))!.timestamp)).to.equal(30n * 86_400n);
  });

  it("pays only the difference since the last claim, against the newest final root", async () => {
    const s = await setup();
    let proof = await s.publish([[s.alice.address, ATH("100")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("100"), proof(s.alice.address), 0)).wait();
    await expect(s.claims.connect(s.alice).claim(ATH("100"), proof(s.alice.address), 0))
      .to.be.revertedWithCustomError(s.claims, "NothingNewToClaim").withArgs(ATH("100"), ATH("100"));
    proof = await s.publish([[s.alice.address, ATH("160")], [s.bob.address, ATH("40")]]);
    await (await s.claims.connect(s.alice).claim(ATH("160"), proof(s.alice.address), 0)).wait();
    expect((await s.claims.entry(1)).amount).to.equal(ATH("55"));
    expect(await s.claims.claimed(s.alice.address)).to.equal(ATH("160"));
  });

  it("refuses claims under 30 ATH, forged amounts, no final root, and accounts without KYC", async () => {
    const s = await setup();
    await expect(s.claims.connect(s.alice).claim(ATH("1"), [], 0)).to.be.revertedWithCustomError(s.claims, "NoFinalRoot");
    const proof = await s.publish([[s.alice.address, ATH("1000")], [s.bob.address, ATH("20")], [s.carol.address, ATH("50")]]);
    await expect(s.claims.connect(s.bob).claim(ATH("20"), proof(s.bob.address), 0)).to.be.revertedWithCustomError(s.claims, "ClaimBelowMinimum").withArgs(ATH("20"), ATH("30"));
    await expect(s.claims.connect(s.alice).claim(ATH("1001"), proof(s.alice.address), 0))
      .to.be.revertedWithCustomError(s.claims, "InvalidProof").withArgs(s.alice.address, ATH("1001"));
    await expect(s.claims.connect(s.carol).claim(ATH("50"), proof(s.carol.address), 0)).to.be.revertedWithCustomError(s.claims, "NotKycAllowed").withArgs(s.carol.address);
    await s.attest(s.carol.address, "IR");
    await expect(s.claims.connect(s.carol).claim(ATH("50"), proof(s.carol.address), 0)).to.be.revertedWithCustomError(s.claims, "NotKycAllowed").withArgs(s.carol.address);
  });

  it("withdraws several matured entries in one call, only the caller's, and needs KYC", async () => {
    const s = await setup();
    let proof = await s.publish([[s.alice.address, ATH("100")], [s.bob.address, ATH("100")]]);
    await (await s.claims.connect(s.alice).claim(ATH("100"), proof(s.alice.address), 1)).wait(); // entry 0
    await (await s.claims.connect(s.bob).claim(ATH("100"), proof(s.bob.address), 1)).wait(); // entry 1
    proof = await s.publish([[s.alice.address, ATH("200")], [s.bob.address, ATH("100")]]);
    await (await s.claims.connect(s.alice).claim(ATH("200"), proof(s.alice.address), 1)).wait(); // entry 2
    await s.networkHelpers.time.increase(31 * DAY);
    await expect(s.claims.connect(s.alice).withdraw([])).to.be.revertedWithCustomError(s.claims, "EmptyEntryList");
    await expect(s.claims.connect(s.alice).withdraw([0, 1])).to.be.revertedWithCustomError(s.claims, "NotYourEntry").withArgs(1n, s.bob.address);
    await expect(s.claims.connect(s.alice).withdraw([0, 2])).to.changeTokenBalance(s.ethers, s.token, s.alice, ATH("23.75") * 2n);
    await (await s.registry.connect(s.kyc).revoke(s.bob.address)).wait();
    await expect(s.claims.connect(s.bob).withdraw([1])).to.be.revertedWithCustomError(s.claims, "NotKycAllowed").withArgs(s.bob.address);
  });

  it("forfeits an unvested entry back to the pool, through the slasher role only", async () => {
    const s = await setup();
    const proof = await s.publish([[s.alice.address, ATH("1000")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("1000"), proof(s.alice.address), 0)).wait();
    const reason = encodeBytes32String("slash");
    await expect(s.claims.connect(s.alice).forfeit(0, reason))
      .to.be.revertedWithCustomError(s.claims, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.claims.SLASHER_ROLE());
    await expect(s.claims.connect(s.slasher).forfeit(0, reason)).to.emit(s.claims, "Forfeited").withArgs(s.alice.address, 0n, ATH("995"), reason);
    expect(await s.checkerBase.returned()).to.equal(ATH("995"));
    await expect(s.claims.connect(s.slasher).forfeit(0, reason)).to.be.revertedWithCustomError(s.claims, "EntryClosed").withArgs(0n);
    const proof2 = await s.publish([[s.alice.address, ATH("2000")], [s.bob.address, ATH("20")]]);
    await (await s.claims.connect(s.alice).claim(ATH("2000"), proof2(s.alice.address), 1)).wait();
    const e = await s.claims.entry(1);
    await s.networkHelpers.time.increaseTo(e.unlockAt);
    await expect(s.claims.connect(s.slasher).forfeit(1, reason)).to.be.revertedWithCustomError(s.claims, "EntryAlreadyVested").withArgs(1n, e.unlockAt);
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
