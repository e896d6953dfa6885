import { expect } from "chai";
import { encodeBytes32String, id, toBeHex, ZeroHash } from "ethers";
import { genesisFixture } from "./fixtures.js";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../../scripts/lib/compliance.js";
import { jobProof, refereeDomain, signResult, Verdict, type CheckResult } from "../../scripts/lib/check-results.js";
import { DAY } from "../../scripts/lib/tokenomics.js";

/** Half the secp256k1 group order: the highest s a signature may have (EIP-2). */
const HALF_CURVE_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

describe("CheckerReferee", () => {
  async function setup() {
    const f = await genesisFixture();
    const { ethers } = f;
    const [admin, guardian, referee, owner, other] = [f.signers.deployer, f.signers.guardian, f.signers.others[0], f.signers.others[1], f.signers.others[2]];
    const operators = f.signers.others.slice(3, 8);
    const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
    await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
    await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), admin.address)).wait();
    await attestAccounts(registry, admin, [owner.address], "DE"); // receiving licenses needs KYC (SPEC §8)
    await (await license.mint(owner.address, 8)).wait(); // licenses 1-8
    const refereeContract = await ethers.deployContract("CheckerReferee", [
      admin.address, referee.address, guardian.address, await license.getAddress(),
      await f.checkerBase.getAddress(), await f.checkerBonus.getAddress(), f.genesis.tgeTimestamp,
    ]);
    await (await license.grantRole(await license.BAN_ROLE(), await refereeContract.getAddress())).wait();
    await (await license.grantRole(await license.BAN_ROLE(), admin.address)).wait();
    // Licenses 1-5 are delegated to five operators; 6-8 are signed by their owner.
    const expires = f.genesis.tgeTimestamp + 365 * DAY;
    for (let i = 0; i < 5; i++) await (await license.connect(owner).setUser(i + 1, operators[i].address, expires)).wait();
    const chainId = (await ethers.provider.getNetwork()).chainId;
    const domain = refereeDomain(await refereeContract.getAddress(), chainId);
    const result = (licenseId: number, verdict: Verdict, jobId = id("job-1")): CheckResult => ({
      jobId, container: encodeBytes32String("container-7"), epoch: 3n, licenseId: BigInt(licenseId), verdict, metricsHash: id(`m${licenseId}`),
    });
    const signer = (licenseId: number) => (licenseId <= 5 ? operators[licenseId - 1] : owner);
    const sign = (licenseId: number, verdict: Verdict, jobId?: string) => signResult(signer(licenseId), domain, result(licenseId, verdict, jobId));
    const job = (verdicts: Verdict[], jobId?: string) => Promise.all(verdicts.map((v, i) => sign(i + 1, v, jobId)));
    const prove = (results: Awaited<ReturnType<typeof job>>, by = admin) => refereeContract.connect(by).proveJob(...jobProof(results));
    return { prove, ...f, ethers, admin, guardian, referee, owner, other, operators, license, refereeContract, domain, result, sign, job, chainId };
  }

  describe("proving a job", () => {
    it("records the majority of 2N+1 results and who was in it", async () => {
      const s = await setup();
      const results = await s.job([Verdict.Fail, Verdict.Pass, Verdict.Fail, Verdict.Fail, Verdict.Pass]);
      // Licenses 2 and 5 voted Pass: bits 1 and 4.
      await expect(s.prove(results, s.other))
        .to.emit(s.refereeContract, "JobProven")
        .withArgs(id("job-1"), encodeBytes32String("container-7"), 3n, Verdict.Fail, s.other.address, [1n, 2n, 3n, 4n, 5n], 0b10010n);
      expect(await s.refereeContract.provenVerdict(id("job-1"))).to.equal(Verdict.Fail);
      await expect(s.prove(results)).to.be.revertedWithCustomError(s.refereeContract, "JobAlreadyProven").withArgs(id("job-1"));
    });

    it("binds a proven verdict to the container and epoch its results were signed for (provenFail)", async () => {
      const s = await setup();
      const container = encodeBytes32String("container-7");
      expect(await s.refereeContract.provenFail(id("job-1"), container, 3)).to.equal(false);
      expect(await s.refereeContract.provenVerdict(id("job-1"))).to.equal(Verdict.None);
      await (await s.prove(await s.job([Verdict.Fail, Verdict.Fail, Verdict.Pass, Verdict.Fail, Verdict.Pass]))).wait();
      expect(await s.refereeContract.provenVerdict(id("job-1"))).to.equal(Verdict.Fail);
      expect(await s.refereeContract.provenFail(id("job-1"), container, 3)).to.equal(true);
      // Another container, another epoch or another job is not what the checkers signed.
      expect(await s.refereeContract.provenFail(id("job-1"), encodeBytes32String("container-8"), 3)).to.equal(false);
      expect(await s.refereeContract.provenFail(id("job-1"), container, 4)).to.equal(false);
      expect(await s.refereeContract.provenFail(id("job-2"), container, 3)).to.equal(false);
      // A Pass majority is no fail.
      await (await s.prove(await s.job([Verdict.Pass, Verdict.Pass, Verdict.Fail, Verdict.Pass, Verdict.Fail], id("job-2")))).wait();
      expect(await s.refereeContract.provenVerdict(id("job-2"))).to.equal(Verdict.Pass);
      expect(await s.refereeContract.provenFail(id("job-2"), container, 3)).to.equal(false);
    });

    it("accepts the owner's signature for a license without an operator", async () => {
      const s = await setup();
      const results = await Promise.all([4, 5, 6, 7, 8].map((l) => s.sign(l, Verdict.Pass)));
      await expect(s.prove(results)).to.emit(s.refereeContract, "JobProven");
    });

    it("refuses the wrong number of results", async () => {
      const s = await setup();
      const results = await s.job([Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass]);
      await expect(s.prove(results)).to.be.revertedWithCustomError(s.refereeContract, "WrongResultCount").withArgs(4n, 5n);
    });

    it("refuses a result signed for another job, duplicated or unordered licenses, and a missing verdict", async () => {
      const s = await setup();
      const results = await s.job([Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass]);
      const [job, votes] = jobProof(results);
      // A vote signed for job-2 does not verify as a vote of job-1: it recovers another address.
      const foreign = await s.sign(5, Verdict.Pass, id("job-2"));
      const mixed = [...votes.slice(0, 4), { ...votes[4], r: foreign.r, vs: foreign.vs }];
      await expect(s.refereeContract.proveJob(job, mixed)).to.be.revertedWithCustomError(s.refereeContract, "WrongSigner");
      const duplicate = [votes[0], votes[1], votes[1], votes[3], votes[4]];
      await expect(s.refereeContract.proveJob(job, duplicate)).to.be.revertedWithCustomError(s.refereeContract, "LicensesNotAscending").withArgs(2n);
      const unordered = [votes[1], votes[0], votes[2], votes[3], votes[4]];
      await expect(s.refereeContract.proveJob(job, unordered)).to.be.revertedWithCustomError(s.refereeContract, "LicensesNotAscending").withArgs(1n);
      const noVerdict = await s.sign(5, Verdict.None);
      await expect(s.prove([...results.slice(0, 4), noVerdict])).to.be.revertedWithCustomError(s.refereeContract, "InvalidVerdict").withArgs(4n);
      expect(() => jobProof([...results.slice(0, 4), foreign])).to.throw(/another job/);
    });

    it("refuses a result signed by anyone but the license's current operator", async () => {
      const s = await setup();
      const results = await s.job([Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass]);
      const byOwner = await signResult(s.owner, s.domain, s.result(5, Verdict.Pass));
      await expect(s.prove([...results.slice(0, 4), byOwner]))
        .to.be.revertedWithCustomError(s.refereeContract, "WrongSigner").withArgs(5n, s.owner.address, s.operators[4].address);
    });

    it("refuses a result replayed from another chain or another referee contract", async () => {
      const s = await setup();
      const results = await s.job([Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass]);
      const otherChain = await signResult(s.operators[4], refereeDomain(await s.refereeContract.getAddress(), 1n), s.result(5, Verdict.Pass));
      await expect(s.prove([...results.slice(0, 4), otherChain])).to.be.revertedWithCustomError(s.refereeContract, "WrongSigner");
      const otherContract = await signResult(s.operators[4], refereeDomain(await s.license.getAddress(), s.chainId), s.result(5, Verdict.Pass));
      await expect(s.prove([...results.slice(0, 4), otherContract])).to.be.revertedWithCustomError(s.refereeContract, "WrongSigner");
    });

    it("refuses a signature that recovers no address, or with a malleable (high) s", async () => {
      const s = await setup();
      const results = await s.job([Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass]);
      const [job, votes] = jobProof(results);
      // r = 0 is not a curve point's x: the precompile returns nothing.
      const noSigner = [...votes.slice(0, 2), { ...votes[2], r: ZeroHash }, ...votes.slice(3)];
      await expect(s.refereeContract.proveJob(job, noSigner)).to.be.revertedWithCustomError(s.refereeContract, "InvalidSignature").withArgs(3n);
      // One above half the curve order (yParity bit clear): refused before ecrecover, as OZ's ECDSA does.
      const highS = toBeHex(HALF_CURVE_ORDER + 1n, 32);
      const malleable = [...votes.slice(0, 3), { ...votes[3], vs: highS }, votes[4]];
      await expect(s.refereeContract.proveJob(job, malleable)).to.be.revertedWithCustomError(s.refereeContract, "InvalidSignatureS").withArgs(4n, highS);
      // The same two checks guard equivocation reports.
      const a = await s.sign(2, Verdict.Pass);
      const b = await s.sign(2, Verdict.Fail);
      await expect(s.refereeContract.reportEquivocation(a, { ...b, vs: highS })).to.be.revertedWithCustomError(s.refereeContract, "InvalidSignatureS").withArgs(2n, highS);
      await expect(s.refereeContract.reportEquivocation({ ...a, r: ZeroHash }, b)).to.be.revertedWithCustomError(s.refereeContract, "InvalidSignature").withArgs(2n);
    });

    it("refuses a license that was never minted with the license's own error", async () => {
      const s = await setup();
      await (await s.refereeContract.setN(1)).wait();
      const results = [await s.sign(1, Verdict.Pass), await s.sign(2, Verdict.Pass), await signResult(s.other, s.domain, s.result(9, Verdict.Pass))];
      await expect(s.prove(results)).to.be.revertedWithCustomError(s.license, "OwnerQueryForNonexistentToken");
    });

    it("refuses a banned license's result", async () => {
      const s = await setup();
      const results = await s.job([Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Pass]);
      const now = (await s.ethers.provider.getBlock("latest"))!.timestamp;
      await (await s.license.connect(s.admin).ban(3, now + DAY)).wait();
      await expect(s.prove(results)).to.be.revertedWithCustomError(s.refereeContract, "LicenseIsBanned").withArgs(3n);
    });

    it("follows governance's N", async () => {
      const s = await setup();
      await expect(s.refereeContract.setN(1)).to.emit(s.refereeContract, "QuorumSet").withArgs(1n);
      await expect(s.prove(await s.job([Verdict.Pass, Verdict.Fail, Verdict.Pass]))).to.emit(s.refereeContract, "JobProven");
      await expect(s.refereeContract.setN(0)).to.be.revertedWithCustomError(s.refereeContract, "QuorumOutOfRange").withArgs(0n, 10n);
      await expect(s.refereeContract.setN(11)).to.be.revertedWithCustomError(s.refereeContract, "QuorumOutOfRange").withArgs(11n, 10n);
      await expect(s.refereeContract.connect(s.other).setN(3))
        .to.be.revertedWithCustomError(s.refereeContract, "AccessControlUnauthorizedAccount").withArgs(s.other.address, await s.refereeContract.DEFAULT_ADMIN_ROLE());
    });
  });

  describe("the license's batch view", () => {
    it("gives every license's signer and ban in one call, as checkerOf does one by one", async () => {
      const s = await setup();
      const now = (await s.ethers.provider.getBlock("latest"))!.timestamp;
      await (await s.license.connect(s.admin).ban(2, now + DAY)).wait();
      await (await s.license.connect(s.admin).ban(7, now + DAY)).wait();
      const ids = [1, 2, 5, 6, 7, 8];
      const [signers, bannedBits] = await s.license.checkersOf(ids);
      for (const [i, licenseId] of ids.entries()) {
        const [signer, banned] = await s.license.checkerOf(licenseId);
        expect(signers[i], `license ${licenseId}`).to.equal(signer);
        expect((bannedBits >> BigInt(i)) & 1n, `license ${licenseId}`).to.equal(banned ? 1n : 0n);
      }
      expect(signers).to.deep.equal([...s.operators.slice(0, 2), s.operators[4], s.owner, s.owner, s.owner].map((w) => w.address));
      expect(bannedBits).to.equal(0b10010n);
      // An operator whose delegation expired no longer signs: the owner does.
      await s.networkHelpers.time.increaseTo(s.genesis.tgeTimestamp + 365 * DAY + 1);
      expect((await s.license.checkersOf([1]))[0]).to.deep.equal([s.owner.address]);
      expect(await s.license.checkersOf([])).to.deep.equal([[], 0n]);
    });

    it("refuses more than 256 ids (one bit each in bannedBits) and ids never minted", async () => {
      const s = await setup();
      const ids = Array.from({ length: 257 }, () => 1);
      await expect(s.license.checkersOf(ids)).to.be.revertedWithCustomError(s.license, "BatchSizeOutOfRange").withArgs(257n, 256n);
      expect((await s.license.checkersOf(ids.slice(1)))[0]).to.have.length(256);
      await expect(s.license.checkersOf([1, 9])).to.be.revertedWithCustomError(s.license, "OwnerQueryForNonexistentToken");
    });
  });

  describe("equivocation", () => {
    it("bans a license whose operator signed two verdicts for one job", async () => {
      const s = await setup();
      const a = await s.sign(2, Verdict.Pass);
      const b = await s.sign(2, Verdict.Fail);
      const tx = s.refereeContract.connect(s.other).reportEquivocation(a, b);
      await expect(tx).to.emit(s.refereeContract, "Equivocation");
      await expect(tx).to.emit(s.license, "LicenseBanned");
      expect(await s.license.isBanned(2)).to.equal(true);
    });

    it("refuses two results that agree, or of different licenses or jobs", async () => {
      const s = await setup();
      const a = await s.sign(2, Verdict.Pass);
      await expect(s.refereeContract.reportEquivocation(a, await s.sign(2, Verdict.Pass)))
        .to.be.revertedWithCustomError(s.refereeContract, "NotEquivocation").withArgs(id("job-1"), 2n);
      await expect(s.refereeContract.reportEquivocation(a, await s.sign(3, Verdict.Fail))).to.be.revertedWithCustomError(s.refereeContract, "NotEquivocation");
      await expect(s.refereeContract.reportEquivocation(a, await s.sign(2, Verdict.Fail, id("job-9")))).to.be.revertedWithCustomError(s.refereeContract, "NotEquivocation");
    });

    it("refuses a forged second signature", async () => {
      const s = await setup();
      const a = await s.sign(2, Verdict.Pass);
      const forged = await signResult(s.other, s.domain, s.result(2, Verdict.Fail));
      await expect(s.refereeContract.reportEquivocation(a, forged))
        .to.be.revertedWithCustomError(s.refereeContract, "WrongSigner").withArgs(2n, s.other.address, s.operators[1].address);
    });
  });

  describe("epoch roots", () => {
    const ROOT = id("root");
    async function atEpochEnd(s: Awaited<ReturnType<typeof setup>>, epoch: number) {
      const t = s.genesis.tgeTimestamp + (epoch + 1) * DAY;
      const now = (await s.ethers.provider.getBlock("latest"))!.timestamp;
      if (now < t) await s.networkHelpers.time.increaseTo(t);
    }
    async function released(s: Awaited<ReturnType<typeof setup>>, epoch: number) {
      const end = s.genesis.tgeTimestamp + (epoch + 1) * DAY;
      return (await s.checkerBase.unlockedAt(end)) + (await s.checkerBonus.unlockedAt(end));
    }

    it("posts roots in order, final after the challenge window, never above the released emission", async () => {
      const s = await setup();
      await (await s.refereeContract.setChallengeWindow(2 * DAY)).wait();
      const r = s.refereeContract.connect(s.referee);
      await expect(r.postRoot(0, ROOT, 1n, "ipfs://0"))
        .to.be.revertedWithCustomError(s.refereeContract, "EpochNotOver").withArgs(0n, BigInt(s.genesis.tgeTimestamp + DAY));
      await atEpochEnd(s, 0);
      const cap = await released(s, 0);
      await expect(r.postRoot(0, ROOT, cap + 1n, "ipfs://0")).to.be.revertedWithCustomError(s.refereeContract, "RootExceedsEmission").withArgs(cap + 1n, cap);
      await expect(r.postRoot(1, ROOT, 1n, "ipfs://1")).to.be.revertedWithCustomError(s.refereeContract, "EpochNotNext").withArgs(1n, 0n);
      await expect(r.postRoot(0, ROOT, cap, "ipfs://0")).to.emit(s.refereeContract, "RootPosted");
      expect((await s.refereeContract.finalRoot()).root).to.equal(ZeroHash);
      await atEpochEnd(s, 1);
      const posted = await s.refereeContract.roots(0);
      await expect(r.postRoot(1, id("root-1"), cap, "ipfs://1"))
        .to.be.revertedWithCustomError(s.refereeContract, "PreviousRootNotFinal").withArgs(0n, posted.finalAt);
      expect(posted.finalAt).to.equal(posted.postedAt + 172_800n);
      await s.networkHelpers.time.increase(2 * DAY);
      expect((await s.refereeContract.finalRoot()).root).to.equal(ROOT);
      await expect(r.postRoot(1, id("root-1"), cap - 1n, "ipfs://1")).to.be.revertedWithCustomError(s.refereeContract, "CumulativeTotalDecreased").withArgs(cap - 1n, cap);
      await expect(r.postRoot(1, id("root-1"), cap, "ipfs://1")).to.emit(s.refereeContract, "RootPosted");
      await expect(s.refereeContract.connect(s.other).postRoot(2, ROOT, cap, ""))
        .to.be.revertedWithCustomError(s.refereeContract, "AccessControlUnauthorizedAccount").withArgs(s.other.address, await s.refereeContract.REFEREE_ROLE());
    });

    it("lets the guardian veto a root in its window, after which the epoch can be posted again", async () => {
      const s = await setup();
      await atEpochEnd(s, 0);
      const r = s.refereeContract.connect(s.referee);
      await expect(s.refereeContract.connect(s.guardian).vetoRoot(0)).to.be.revertedWithCustomError(s.refereeContract, "NoRoot").withArgs(0n);
      await (await r.postRoot(0, ROOT, 5n, "")).wait();
      await expect(s.refereeContract.connect(s.other).vetoRoot(0))
        .to.be.revertedWithCustomError(s.refereeContract, "AccessControlUnauthorizedAccount").withArgs(s.other.address, await s.refereeContract.GUARDIAN_ROLE());
      await expect(s.refereeContract.connect(s.guardian).vetoRoot(0)).to.emit(s.refereeContract, "RootVetoed").withArgs(0n, s.guardian.address);
      expect(await s.refereeContract.nextEpoch()).to.equal(0n);
      await (await r.postRoot(0, id("fixed"), 5n, "")).wait();
      await s.networkHelpers.time.increase(DAY);
      const { finalAt } = await s.refereeContract.roots(0);
      await expect(s.refereeContract.connect(s.guardian).vetoRoot(0)).to.be.revertedWithCustomError(s.refereeContract, "ChallengeWindowOver").withArgs(0n, finalAt);
      expect((await s.refereeContract.finalRoot()).root).to.equal(id("fixed"));
      // raising the window later does not make a final root vetoable, nor un-final, again
      await (await s.refereeContract.setChallengeWindow(7 * DAY)).wait();
      expect((await s.refereeContract.finalRoot()).root).to.equal(id("fixed"));
      await expect(s.refereeContract.connect(s.guardian).vetoRoot(0)).to.be.revertedWithCustomError(s.refereeContract, "ChallengeWindowOver").withArgs(0n, finalAt);
    });

    it("bounds the challenge window", async () => {
      const s = await setup();
      await expect(s.refereeContract.setChallengeWindow(3599)).to.be.revertedWithCustomError(s.refereeContract, "ChallengeWindowOutOfRange").withArgs(3599n, 3600n, 604_800n);
      await expect(s.refereeContract.setChallengeWindow(604_801)).to.be.revertedWithCustomError(s.refereeContract, "ChallengeWindowOutOfRange").withArgs(604_801n, 3600n, 604_800n);
      await expect(s.refereeContract.setChallengeWindow(7200)).to.emit(s.refereeContract, "ChallengeWindowSet").withArgs(7200n);
    });

    it("refuses zero addresses at deployment", async () => {
      const s = await setup();
      const factory = await s.ethers.getContractFactory("CheckerReferee");
      const args = [s.admin.address, s.referee.address, s.guardian.address, await s.license.getAddress(), await s.checkerBase.getAddress(), await s.checkerBonus.getAddress(), 0] as const;
      const names = ["admin", "referee", "guardian", "license", "basePool", "bonusPool"];
      for (let i = 0; i < names.length; i++) {
        const bad = [...args] as unknown[];
        bad[i] = s.ethers.ZeroAddress;
        await expect(factory.deploy(...(bad as Parameters<typeof factory.deploy>)))
          .to.be.revertedWithCustomError(s.refereeContract, "ZeroAddress").withArgs(encodeBytes32String(names[i]));
      }
    });
  });
});
