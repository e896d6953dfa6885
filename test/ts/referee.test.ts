// CheckerReferee driven by the off-chain code the referee and the checkers run: the seed flow, an assignment computed
// by scripts/referee/assignment.ts and posted, jobs proven with the TypeScript tree's proofs and jobProof's votes,
// equivocation reports, and epoch roots. The Solidity suites (test/sol/referee, test/sol/fuzz) cover every revert of
// the contract on its own; these tests prove the two sides agree.
import { expect } from "chai";
import { AbiCoder, Wallet, encodeBytes32String, id, keccak256, ZeroHash, type Signer } from "ethers";
import { genesisFixture } from "./fixtures.js";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../../scripts/lib/compliance.js";
import { jobProof, refereeDomain, signResult, voteOf, Verdict, type JobLeaf } from "../../scripts/lib/check-results.js";
import { assignJobs, buildAssignmentTree, computeAssignment, cutoffOf, leafHash, type FrozenSets } from "../../scripts/referee/assignment.js";
import { DAY } from "../../scripts/lib/tokenomics.js";

const LICENSES = 12;
const EPOCH = 2; // its cut-off (TGE + 1.5 days) is ahead of the fixture's clock

describe("CheckerReferee", () => {
  async function setup() {
    const f = await genesisFixture();
    const { ethers } = f;
    const [admin, guardian, referee, owner, other] = [f.signers.deployer, f.signers.guardian, f.signers.others[0], f.signers.others[1], f.signers.others[2]];
    const operators = Array.from({ length: LICENSES }, (_, i) => new Wallet(id(`referee-test-operator-${i + 1}`)));
    const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
    await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
    await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), admin.address)).wait();
    await attestAccounts(registry, admin, [owner.address], "DE"); // receiving licenses needs KYC (SPEC §8)
    await (await license.mint(owner.address, LICENSES)).wait();
    const refereeContract = await ethers.deployContract("CheckerReferee", [
      admin.address, referee.address, guardian.address, await license.getAddress(),
      await f.checkerBase.getAddress(), await f.checkerBonus.getAddress(), f.genesis.tgeTimestamp,
    ]);
    await (await license.grantRole(await license.BAN_ROLE(), await refereeContract.getAddress())).wait();
    await (await license.grantRole(await license.BAN_ROLE(), admin.address)).wait();
    const expires = f.genesis.tgeTimestamp + 365 * DAY;
    for (let i = 0; i < LICENSES; i++) await (await license.connect(owner).setUser(i + 1, operators[i].address, expires)).wait();
    const chainId = (await ethers.provider.getNetwork()).chainId;
    const domain = refereeDomain(await refereeContract.getAddress(), chainId);
    const frozen: FrozenSets = {
      cutoff: cutoffOf(f.genesis.tgeTimestamp, EPOCH),
      licenses: operators.map((o, i) => ({ licenseId: i + 1, operator: o.address.toLowerCase() })),
      containers: [id("container-a"), id("container-b"), id("container-c")].sort(),
    };
    const keyOf = (leaf: JobLeaf, i: number) => operators[leaf.licenseIds[i] - 1];
    const sign = (leaf: JobLeaf, i: number, verdict: Verdict, signer: Signer = keyOf(leaf, i)) =>
      signResult(signer, domain, { epoch: leaf.epoch, job: leaf.job, container: leaf.container, licenseId: leaf.licenseIds[i], verdict, metricsHash: id(`m${leaf.job}-${i}`) });
    const setTime = async (t: number) => {
      const now = (await ethers.provider.getBlock("latest"))!.timestamp;
      if (now < t) await f.networkHelpers.time.increaseTo(t);
    };

    /** Commits, anchors and reveals the epoch's seed, then posts the assignment computed from `frozen` with it. */
    async function postAssignment(epoch = EPOCH) {
      const r = refereeContract.connect(referee);
      const secret = id(`secret-${epoch}`);
      await (await r.commitSeed(epoch, keccak256(AbiCoder.defaultAbiCoder().encode(["uint64", "bytes32"], [epoch, secret])))).wait();
      await setTime(cutoffOf(f.genesis.tgeTimestamp, epoch));
      const anchored = await (await refereeContract.connect(other).anchorSeed(epoch)).wait();
      await (await r.revealSeed(epoch, secret)).wait();
      const seed = (await refereeContract.seedOf(epoch)).seed as string;
      const anchorHash = (await ethers.provider.getBlock(anchored!.blockNumber))!.hash!;
      expect(seed).to.equal(keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [secret, anchorHash])));
      const a = computeAssignment(epoch, seed, Number(await refereeContract.n()), { ...frozen, cutoff: cutoffOf(f.genesis.tgeTimestamp, epoch) });
      await (await r.postAssignment(epoch, a.tree!.root, a.jobs.length, "file:///assignment.json")).wait();
      await setTime(Number((await refereeContract.assignmentOf(epoch)).finalAt));
      return a;
    }
    return { ...f, ethers, admin, guardian, referee, owner, other, operators, license, refereeContract, domain, frozen, sign, postAssignment, setTime };
  }
  type Setup = Awaited<ReturnType<typeof setup>>;
  const signAll = (s: Setup, leaf: JobLeaf, verdicts: Verdict[]) => Promise.all(verdicts.map((v, i) => s.sign(leaf, i, v)));

  describe("assignments", () => {
    it("deals each job 2N+1 distinct ascending licenses, round-robin over the containers, about 20 jobs per license", () => {
      const seed = id("seed");
      const frozen: FrozenSets = { cutoff: 0, licenses: Array.from({ length: 50 }, (_, i) => ({ licenseId: i * 3 + 1, operator: Wallet.createRandom().address.toLowerCase() })), containers: ["0x01", "0x02", "0x03"].map((c) => c.padEnd(66, "0")) };
      const jobs = assignJobs(4, seed, 2, frozen);
      expect(jobs).to.have.length(Math.floor((50 * 20) / 5));
      const perLicense = new Map<number, number>();
      for (const [j, leaf] of jobs.entries()) {
        expect(leaf.job).to.equal(j);
        expect(leaf.container).to.equal(frozen.containers[j % 3]);
        expect(leaf.licenseIds).to.have.length(5);
        for (let i = 1; i < 5; i++) expect(leaf.licenseIds[i]).to.be.greaterThan(leaf.licenseIds[i - 1]);
        for (const [i, l] of leaf.licenseIds.entries()) {
          expect(leaf.operators[i]).to.equal(frozen.licenses.find((x) => x.licenseId === l)!.operator);
          perLicense.set(l, (perLicense.get(l) ?? 0) + 1);
        }
      }
      // dealt in shuffled rounds: every license gets 20 jobs, give or take the carry between rounds
      for (const count of perLicense.values()) expect(count).to.be.within(19, 21);
      // deterministic for a seed, different for another
      expect(assignJobs(4, seed, 2, frozen)).to.deep.equal(jobs);
      expect(assignJobs(4, id("other"), 2, frozen)).to.not.deep.equal(jobs);
      // nothing to check, or fewer licenses than a job needs: no jobs
      expect(assignJobs(4, seed, 2, { ...frozen, containers: [] })).to.deep.equal([]);
      expect(assignJobs(4, seed, 2, { ...frozen, licenses: frozen.licenses.slice(0, 4) })).to.deep.equal([]);
    });

    it("hashes leaves as the contract does and proves every job of the TypeScript tree on chain, against the posted root", async () => {
      const s = await setup();
      const a = await s.postAssignment();
      expect(a.jobs.length).to.equal(Math.floor((LICENSES * 20) / 5));
      for (const leaf of a.jobs.slice(0, 3)) expect("0x" + Buffer.from(leafHash(leaf)).toString("hex")).to.equal(await s.refereeContract.leafHash(leaf));
      const posted = await s.refereeContract.assignmentOf(EPOCH);
      expect([posted.root, posted.jobCount, posted.depth]).to.deep.equal([a.tree!.root, BigInt(a.jobs.length), BigInt(a.tree!.depth)]);
      // the first, a middle and the last job: a Fail from all five, a Pass from N + 1 with the others silent
      const [first, middle, last] = [a.jobs[0], a.jobs[23], a.jobs[a.jobs.length - 1]];
      const fails = await signAll(s, first, Array(5).fill(Verdict.Fail));
      await expect(s.refereeContract.connect(s.other).proveJob(...jobProof(first, a.tree!.proof(0), fails)))
        .to.emit(s.refereeContract, "JobProven")
        .withArgs(EPOCH, 0, first.container, Verdict.Fail, s.other.address, first.licenseIds.map(BigInt), 0n, 0b11111n);
      const passes = (await signAll(s, middle, [Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Fail, Verdict.Fail])).slice(0, 3);
      await expect(s.refereeContract.proveJob(...jobProof(middle, a.tree!.proof(23), passes)))
        .to.emit(s.refereeContract, "JobProven")
        .withArgs(EPOCH, 23, middle.container, Verdict.Pass, s.admin.address, middle.licenseIds.map(BigInt), 0b111n, 0n);
      const lastResults = await signAll(s, last, [Verdict.Fail, Verdict.Pass, Verdict.Fail, Verdict.Pass, Verdict.Fail]);
      await (await s.refereeContract.proveJob(...jobProof(last, a.tree!.proof(last.job), lastResults))).wait();
      expect(await s.refereeContract.verdictOf(EPOCH, 0)).to.equal(Verdict.Fail);
      expect(await s.refereeContract.verdictOf(EPOCH, 23)).to.equal(Verdict.Pass);
      expect(await s.refereeContract.verdictOf(EPOCH, last.job)).to.equal(Verdict.Fail);
      expect(await s.refereeContract.verdictOf(EPOCH, 1)).to.equal(Verdict.None);
      const failsOf = (c: string) => [first, last].filter((l) => l.container === c).length;
      for (const c of s.frozen.containers) expect(await s.refereeContract.failedJobs(c, EPOCH)).to.equal(BigInt(failsOf(c)));
      await expect(s.refereeContract.proveJob(...jobProof(first, a.tree!.proof(0), fails)))
        .to.be.revertedWithCustomError(s.refereeContract, "JobAlreadyProven").withArgs(EPOCH, 0);
    });

    it("refuses a result signed by anyone but the committed operator, even the license's owner or its new operator", async () => {
      const s = await setup();
      const a = await s.postAssignment();
      const leaf = a.jobs[5];
      const results = await signAll(s, leaf, Array(5).fill(Verdict.Pass));
      const byOwner = await s.sign(leaf, 4, Verdict.Pass, s.owner);
      await expect(s.refereeContract.proveJob(...jobProof(leaf, a.tree!.proof(5), [...results.slice(0, 4), byOwner])))
        .to.be.revertedWithCustomError(s.refereeContract, "WrongSigner").withArgs(leaf.licenseIds[4], s.owner.address, s.operators[leaf.licenseIds[4] - 1].address);
      // the owner points the license at a new operator after the posting: the committed one still signs for the epoch
      const fresh = Wallet.createRandom();
      await (await s.license.connect(s.owner).setUser(leaf.licenseIds[4], fresh.address, s.genesis.tgeTimestamp + 365 * DAY)).wait();
      const byNew = await s.sign(leaf, 4, Verdict.Pass, fresh);
      await expect(s.refereeContract.proveJob(...jobProof(leaf, a.tree!.proof(5), [...results.slice(0, 4), byNew])))
        .to.be.revertedWithCustomError(s.refereeContract, "WrongSigner").withArgs(leaf.licenseIds[4], fresh.address, s.operators[leaf.licenseIds[4] - 1].address);
      // a leaf naming the new operator is not the committed one
      const forged = { ...leaf, operators: [...leaf.operators.slice(0, 4), fresh.address.toLowerCase()] };
      await expect(s.refereeContract.proveJob(...jobProof(forged, a.tree!.proof(5), [...results.slice(0, 4), byNew])))
        .to.be.revertedWithCustomError(s.refereeContract, "NotInAssignment").withArgs(EPOCH, 5);
      await expect(s.refereeContract.proveJob(...jobProof(leaf, a.tree!.proof(5), results))).to.emit(s.refereeContract, "JobProven");
    });

    it("refuses jobs outside the posted assignment: another epoch, a job past the count, a short proof, another position", async () => {
      const s = await setup();
      const a = await s.postAssignment();
      const leaf = a.jobs[2];
      const results = await signAll(s, leaf, Array(5).fill(Verdict.Fail));
      const other = { ...leaf, epoch: EPOCH + 1 };
      await expect(s.refereeContract.proveJob(other, jobProof(leaf, [], results)[1], a.tree!.proof(2)))
        .to.be.revertedWithCustomError(s.refereeContract, "NoAssignment").withArgs(EPOCH + 1);
      const past = { ...leaf, job: a.jobs.length };
      await expect(s.refereeContract.proveJob(past, jobProof(leaf, [], results)[1], a.tree!.proof(2)))
        .to.be.revertedWithCustomError(s.refereeContract, "JobOutOfRange").withArgs(EPOCH, a.jobs.length, a.jobs.length);
      await expect(s.refereeContract.proveJob(...jobProof(leaf, a.tree!.proof(2).slice(1), results)))
        .to.be.revertedWithCustomError(s.refereeContract, "WrongProofLength").withArgs(a.tree!.depth - 1, a.tree!.depth);
      // the leaf of job 2 presented as job 3 (its votes re-signed for job 3): not at that position
      const moved = { ...leaf, job: 3 };
      const resigned = await signAll(s, moved, Array(5).fill(Verdict.Fail));
      await expect(s.refereeContract.proveJob(...jobProof(moved, a.tree!.proof(2), resigned)))
        .to.be.revertedWithCustomError(s.refereeContract, "NotInAssignment").withArgs(EPOCH, 3);
      // a TypeScript tree refuses leaves out of position
      expect(() => buildAssignmentTree([a.jobs[1]])).to.throw(/numbered by position/);
    });

    it("uses the fallback seed of the reveal deadline's block when no secret was committed, and anyone can set it", async () => {
      const s = await setup();
      await s.setTime(cutoffOf(s.genesis.tgeTimestamp, EPOCH));
      const anchored = await (await s.refereeContract.connect(s.other).anchorSeed(EPOCH)).wait();
      await expect(s.refereeContract.connect(s.referee).revealSeed(EPOCH, ZeroHash)).to.be.revertedWithCustomError(s.refereeContract, "SecretForfeited").withArgs(EPOCH);
      const deadline = anchored!.blockNumber + 128;
      await expect(s.refereeContract.connect(s.other).revealFallbackSeed(EPOCH)).to.be.revertedWithCustomError(s.refereeContract, "FallbackNotReady").withArgs(EPOCH, deadline);
      await s.networkHelpers.mine(128);
      await (await s.refereeContract.connect(s.other).revealFallbackSeed(EPOCH)).wait();
      const deadlineHash = (await s.ethers.provider.getBlock(deadline))!.hash!;
      expect((await s.refereeContract.seedOf(EPOCH)).seed).to.equal(keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "uint64", "bytes32"], [ZeroHash, EPOCH, deadlineHash])));
    });
  });

  describe("equivocation", () => {
    it("bans the license whose committed operator signed both verdicts of a job, once per piece of evidence", async () => {
      const s = await setup();
      const a = await s.postAssignment();
      const leaf = a.jobs[7];
      const [pass, fail] = [await s.sign(leaf, 1, Verdict.Pass), await s.sign(leaf, 1, Verdict.Fail)];
      const licenseId = leaf.licenseIds[1];
      // switching the license to another operator before the report dodges nothing
      await (await s.license.connect(s.owner).setUser(licenseId, Wallet.createRandom().address, s.genesis.tgeTimestamp + 365 * DAY)).wait();
      const tx = s.refereeContract.connect(s.other).reportEquivocation(leaf, a.tree!.proof(7), 1, voteOf(pass), voteOf(fail));
      await expect(tx).to.emit(s.refereeContract, "Equivocation");
      await expect(tx).to.emit(s.license, "LicenseBanned");
      expect(await s.license.isBanned(licenseId)).to.equal(true);
      expect(await s.refereeContract.evidenceUsed(EPOCH, 7, licenseId)).to.equal(true);
      // lifted by the ban admin, the same evidence can't ban it again
      await (await s.license.connect(s.admin).unban(licenseId)).wait();
      await expect(s.refereeContract.reportEquivocation(leaf, a.tree!.proof(7), 1, voteOf(pass), voteOf(fail)))
        .to.be.revertedWithCustomError(s.refereeContract, "EvidenceAlreadyUsed").withArgs(EPOCH, 7, licenseId);
      // two results that agree are no evidence; a result of someone else is refused
      await expect(s.refereeContract.reportEquivocation(leaf, a.tree!.proof(7), 2, voteOf(await s.sign(leaf, 2, Verdict.Pass)), voteOf(await s.sign(leaf, 2, Verdict.Pass))))
        .to.be.revertedWithCustomError(s.refereeContract, "NotEquivocation").withArgs(EPOCH, 7, leaf.licenseIds[2]);
      const forged = await s.sign(leaf, 2, Verdict.Fail, s.other);
      await expect(s.refereeContract.reportEquivocation(leaf, a.tree!.proof(7), 2, voteOf(await s.sign(leaf, 2, Verdict.Pass)), voteOf(forged)))
        .to.be.revertedWithCustomError(s.refereeContract, "WrongSigner").withArgs(leaf.licenseIds[2], s.other.address, s.operators[leaf.licenseIds[2] - 1].address);
    });
  });

  describe("epoch roots", () => {
    const ROOT = id("root");
    async function atEpochEnd(s: Setup, epoch: number) {
      await s.setTime(s.genesis.tgeTimestamp + (epoch + 1) * DAY);
    }
    async function released(s: Setup, epoch: number) {
      const end = s.genesis.tgeTimestamp + (epoch + 1) * DAY;
      return (await s.checkerBase.unlockedAt(end)) + (await s.checkerBonus.unlockedAt(end));
    }

    it("posts roots in order, final after the challenge window, never above released + returned", async () => {
      const s = await setup();
      await (await s.refereeContract.setChallengeWindow(2 * DAY)).wait();
      const r = s.refereeContract.connect(s.referee);
      await expect(r.postRoot(0, ROOT, 1n, "ipfs://0"))
        .to.be.revertedWithCustomError(s.refereeContract, "EpochNotOver").withArgs(0n, BigInt(s.genesis.tgeTimestamp + DAY));
      await atEpochEnd(s, 0);
      const cap = await released(s, 0);
      expect(await s.refereeContract.returnedToPools()).to.equal(0n);
      await expect(r.postRoot(0, ROOT, cap + 1n, "ipfs://0")).to.be.revertedWithCustomError(s.refereeContract, "RootExceedsEmission").withArgs(cap + 1n, cap, 0n);
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

    it("bounds the challenge and assignment windows and N", async () => {
      const s = await setup();
      await expect(s.refereeContract.setChallengeWindow(3599)).to.be.revertedWithCustomError(s.refereeContract, "ChallengeWindowOutOfRange").withArgs(3599n, 3600n, 604_800n);
      await expect(s.refereeContract.setChallengeWindow(604_801)).to.be.revertedWithCustomError(s.refereeContract, "ChallengeWindowOutOfRange").withArgs(604_801n, 3600n, 604_800n);
      await expect(s.refereeContract.setChallengeWindow(7200)).to.emit(s.refereeContract, "ChallengeWindowSet").withArgs(7200n);
      await expect(s.refereeContract.setAssignmentWindow(3599)).to.be.revertedWithCustomError(s.refereeContract, "AssignmentWindowOutOfRange").withArgs(3599n, 3600n, 43_200n);
      await expect(s.refereeContract.setAssignmentWindow(43_201)).to.be.revertedWithCustomError(s.refereeContract, "AssignmentWindowOutOfRange").withArgs(43_201n, 3600n, 43_200n);
      await expect(s.refereeContract.setAssignmentWindow(7200)).to.emit(s.refereeContract, "AssignmentWindowSet").withArgs(7200n);
      await expect(s.refereeContract.setN(0)).to.be.revertedWithCustomError(s.refereeContract, "QuorumOutOfRange").withArgs(0n, 10n);
      await expect(s.refereeContract.setN(11)).to.be.revertedWithCustomError(s.refereeContract, "QuorumOutOfRange").withArgs(11n, 10n);
      await expect(s.refereeContract.connect(s.other).setN(3))
        .to.be.revertedWithCustomError(s.refereeContract, "AccessControlUnauthorizedAccount").withArgs(s.other.address, await s.refereeContract.DEFAULT_ADMIN_ROLE());
      // N is fixed per assignment when it is posted: a later change applies to later epochs only
      const a = await s.postAssignment();
      await (await s.refereeContract.setN(1)).wait();
      const leaf = a.jobs[0];
      await expect(s.refereeContract.proveJob(...jobProof(leaf, a.tree!.proof(0), await signAll(s, leaf, Array(5).fill(Verdict.Pass))))).to.emit(s.refereeContract, "JobProven");
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
