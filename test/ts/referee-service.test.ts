import { expect } from "chai";
import { network } from "hardhat";
import { Wallet, id } from "ethers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { refereeDomain, signResult, type CheckResult } from "../../scripts/lib/check-results.js";
import { ResultVerifier } from "../../scripts/referee/verify.js";
import { buildTree } from "../../scripts/referee/tree.js";
import { EARNINGS_STOP, initialState, settleEpoch, Verdict, type Job, type LicenseView, type Vote } from "../../scripts/referee/settle.js";
import { baseUnlockedAt, bonusUnlockedAt, epochEmission, epochEnd, type CheckerSchedule } from "../../scripts/referee/schedule.js";
import { ingest } from "../../scripts/referee/service.js";
import { DAY, QUARTER } from "../../scripts/lib/tokenomics.js";

describe("Referee service", () => {
  describe("off-chain verification", () => {
    it("computes the contract's digest and recovers the signer; other domains, high s and foreign signers are refused", async () => {
      const { ethers } = await network.create();
      const [admin] = await ethers.getSigners();
      const some = admin.address;
      const referee = await ethers.deployContract("CheckerReferee", [some, some, some, some, some, some, 0]);
      const chainId = (await ethers.provider.getNetwork()).chainId;
      const domain = refereeDomain(await referee.getAddress(), chainId);
      const verifier = new ResultVerifier(domain);
      const operator = Wallet.createRandom();
      const result: CheckResult = { epoch: 12n, job: 4_000_000, container: id("c"), licenseId: 77n, verdict: 1, metricsHash: id("m") };
      expect("0x" + Buffer.from(verifier.digest(result)).toString("hex")).to.equal(await referee.hashResult(result));
      const signed = await signResult(operator, domain, result);
      expect(verifier.check(signed, operator.address)).to.equal(null);
      expect(verifier.check(signed, Wallet.createRandom().address)).to.equal("wrong-signer");
      // the same result signed for another chain or another referee contract recovers someone else
      const otherChain = await signResult(operator, refereeDomain(await referee.getAddress(), 1n), result);
      const otherContract = await signResult(operator, refereeDomain(some, chainId), result);
      expect(verifier.check(otherChain, operator.address)).to.equal("wrong-signer");
      expect(verifier.check(otherContract, operator.address)).to.equal("wrong-signer");
      // s in the upper half (the malleable twin's range) or zero is refused before recovery, as OpenZeppelin's ECDSA does
      const halfN = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
      const word = (x: bigint) => "0x" + x.toString(16).padStart(64, "0");
      expect(verifier.check({ ...signed, vs: word(halfN + 1n) }, operator.address)).to.equal("bad-signature");
      expect(verifier.check({ ...signed, vs: word(0n) }, operator.address)).to.equal("bad-signature");
      expect(verifier.check({ ...signed, r: word(0n) }, operator.address)).to.equal("bad-signature");
      expect(verifier.check({ ...signed, r: "0x1234" }, operator.address)).to.equal("bad-signature");
      expect(verifier.check({ ...signed, result: { ...result, verdict: 0 } }, operator.address)).to.equal("bad-verdict");
    });
  });

  it("builds the same root and proofs as OpenZeppelin's StandardMerkleTree", () => {
    const cumulative = new Map<string, bigint>();
    for (let i = 1; i <= 37; i++) cumulative.set(Wallet.createRandom().address.toLowerCase(), BigInt(i) * 10n ** 18n + BigInt(i));
    const ours = buildTree(cumulative);
    const oz = StandardMerkleTree.of([...cumulative].map(([a, v]) => [a, v.toString()]), ["address", "uint256"]);
    expect(ours.root).to.equal(oz.root);
    for (const [i, [a]] of oz.entries()) expect(ours.proof(a)).to.deep.equal(oz.getProof(i));
    expect(buildTree(new Map()).root).to.equal("0x" + "00".repeat(32));
  });

  describe("settlement", () => {
    const schedule: CheckerSchedule = {
      tge: 0,
      base: { allocation: 4_200_000_000n * 10n ** 18n, start: 0, duration: (4 * 36_525 * DAY) / 100 },
      bonus: { allocation: 2_100_000_000n * 10n ** 18n, start: 0, stepDuration: QUARTER, steps: 16 },
    };
    const owners: Record<number, string> = { 1: "0xa", 2: "0xb", 3: "0xc", 4: "0xd" };
    const view = (over: Partial<LicenseView> = {}): LicenseView => ({ ownerDuring: (l) => owners[l] ?? null, bannedDuring: () => false, ...over });
    const vote = (jobId: string, licenseId: number, verdict: Verdict): Vote => ({ jobId, licenseId, verdict });

    it("keeps the N + 1 majority, pays correct tasks pro rata to the wei, and voids a job without a majority", () => {
      const jobs: Job[] = [{ jobId: "j1", licenses: [1, 2, 3] }, { jobId: "j2", licenses: [1, 2, 4] }, { jobId: "j3", licenses: [2, 3, 4] }];
      const votes = [
        vote("j1", 1, Verdict.Pass), vote("j1", 2, Verdict.Pass), vote("j1", 3, Verdict.Fail), // 3 in the minority
        vote("j2", 1, Verdict.Fail), vote("j2", 2, Verdict.Fail), // 4 silent
        vote("j3", 2, Verdict.Pass), vote("j3", 3, Verdict.Fail), // no majority: void
      ];
      const s = settleEpoch(schedule, 1, jobs, votes, view(), initialState());
      expect(s.jobs.map((j) => j.verdict)).to.deep.equal([Verdict.Pass, Verdict.Fail, null]);
      const byId = Object.fromEntries(s.licenses.map((l) => [l.licenseId, l]));
      expect([byId[1].correct, byId[2].correct, byId[3].minority, byId[4].missed]).to.deep.equal([2, 2, 1, 2]);
      expect(byId[3].correct + byId[4].correct).to.equal(0);
      const emission = epochEmission(schedule, 0);
      expect(byId[1].earned).to.equal((emission * 2n) / 4n);
      expect(s.cumulative.get("0xa")! + s.cumulative.get("0xb")!).to.equal(s.basePaid);
      expect(s.cumulativeTotal).to.equal(s.basePaid);
      expect(s.state.epoch).to.equal(1);
    });

    it("stops a license's earnings for 30 epochs after 2 minority results within 7 epochs", () => {
      const jobs = (e: number): Job[] => [{ jobId: `a${e}`, licenses: [1, 2, 3] }];
      const liar = (e: number) => [vote(`a${e}`, 1, Verdict.Pass), vote(`a${e}`, 2, Verdict.Pass), vote(`a${e}`, 3, Verdict.Fail)];
      let state = initialState();
      const first = settleEpoch(schedule, 1, jobs(0), liar(0), view(), state);
      expect(first.newlyStopped).to.deep.equal([]);
      state = first.state;
      // 6 epochs later the first minority result is still in the window
      state.epoch = 6;
      const second = settleEpoch(schedule, 1, jobs(6), liar(6), view(), state);
      expect(second.newlyStopped).to.deep.equal([3]);
      expect(second.state.stoppedUntil["3"]).to.equal(6 + EARNINGS_STOP - 1);
      // honest again on epoch 20, still stopped: its correct task is withheld and its share stays in the pool
      const honest = settleEpoch(schedule, 1, jobs(20), [vote("a20", 1, Verdict.Pass), vote("a20", 2, Verdict.Pass), vote("a20", 3, Verdict.Pass)], view(), { ...second.state, epoch: 20 });
      const three = honest.licenses.find((l) => l.licenseId === 3)!;
      expect([three.correct, three.earned, three.withheld]).to.deep.equal([1, 0n, "stopped"]);
      // the pot: everything released by epoch 20's end that epochs 0 and 6 did not pay (the skipped epochs included)
      const pot = baseUnlockedAt(schedule, epochEnd(schedule, 20)) - BigInt(second.state.basePaidTotal);
      expect(honest.emission).to.equal(pot);
      expect(honest.basePaid).to.equal(((pot * 1n) / 3n) * 2n);
      // a minority result 7 epochs after the last one starts a new window: no stop
      const late = settleEpoch(schedule, 1, [{ jobId: "b", licenses: [1, 2, 4] }], [vote("b", 1, Verdict.Pass), vote("b", 2, Verdict.Pass), vote("b", 4, Verdict.Fail)], view(), { ...first.state, epoch: 7 });
      expect(late.newlyStopped).to.deep.equal([]);
    });

    it("voids the work of a license transferred during the epoch and of a banned license", () => {
      const jobs: Job[] = [{ jobId: "j", licenses: [1, 2, 3] }];
      const votes = [vote("j", 1, Verdict.Pass), vote("j", 2, Verdict.Pass), vote("j", 3, Verdict.Pass)];
      const s = settleEpoch(schedule, 1, jobs, votes, view({ ownerDuring: (l) => (l === 1 ? null : owners[l]), bannedDuring: (l) => l === 2 }), initialState());
      expect(s.licenses.map((l) => l.withheld)).to.deep.equal(["transferred", "banned", null]);
      expect(s.basePaid).to.equal(epochEmission(schedule, 0) / 3n);
    });

    it("pays a quarter's bonus pro rata to base rewards, from the fifth quarter only above 95% uptime", () => {
      // the epoch in which quarter 4 (the fifth) ends; license 4 missed 1 of its 2 jobs this quarter
      const epoch = Math.floor((5 * QUARTER) / DAY);
      // quarters 0 to 3 were paid in full before
      const state = { ...initialState(), epoch, quarter: 4, bonusPaidTotal: ((schedule.bonus.allocation / 16n) * 4n).toString() };
      const jobs: Job[] = [{ jobId: "x", licenses: [1, 2, 4] }, { jobId: "y", licenses: [1, 2, 4] }];
      const votes = [vote("x", 1, Verdict.Pass), vote("x", 2, Verdict.Pass), vote("x", 4, Verdict.Pass), vote("y", 1, Verdict.Pass), vote("y", 2, Verdict.Pass)];
      const s = settleEpoch(schedule, 1, jobs, votes, view(), state);
      expect(s.bonus!.quarter).to.equal(4);
      expect(s.bonus!.eligibleLicenses).to.equal(2);
      const step = schedule.bonus.allocation / 16n;
      expect(s.bonus!.step).to.equal(step);
      expect(s.earned.get("0xd")).to.equal(s.licenses.find((l) => l.licenseId === 4)!.earned); // base only
      expect(s.earned.get("0xa")! - s.licenses[0].earned).to.equal(step / 2n);
      expect(s.state.quarter).to.equal(5);
    });

    it("pays what earlier epochs left and every returned token again in the next epoch settled, never above released + returned", () => {
      const jobs = (e: string): Job[] => [{ jobId: e, licenses: [1, 2, 3] }];
      const votes = (e: string) => [vote(e, 1, Verdict.Pass), vote(e, 2, Verdict.Pass), vote(e, 3, Verdict.Pass)];
      // epoch 0: license 3 is banned, its third stays unpaid
      const first = settleEpoch(schedule, 1, jobs("e0"), votes("e0"), view({ bannedDuring: (l) => l === 3 }), initialState());
      const emission0 = epochEmission(schedule, 0);
      expect(first.emission).to.equal(emission0);
      expect(first.basePaid).to.equal((emission0 / 3n) * 2n);
      // by epoch 1's settlement, 1,000 ATH came back to the pools (a 30-day claim's 75%, a forfeit)
      const returned = 1_000n * 10n ** 18n;
      const second = settleEpoch(schedule, 1, jobs("e1"), votes("e1"), view(), first.state, new Set(), returned);
      const pot = baseUnlockedAt(schedule, epochEnd(schedule, 1)) + returned - first.basePaid;
      expect(second.emission).to.equal(pot);
      expect(second.emission).to.equal(epochEmission(schedule, 1) + (emission0 - first.basePaid) + returned);
      expect(second.basePaid).to.equal((pot / 3n) * 3n);
      // the root's total stays within what the contract allows: released (base + bonus) + returned
      const cap = baseUnlockedAt(schedule, epochEnd(schedule, 1)) + bonusUnlockedAt(schedule, epochEnd(schedule, 1)) + returned;
      expect(second.cumulativeTotal <= cap).to.equal(true);
      expect(cap - second.cumulativeTotal).to.be.lessThan(3n); // only the rounding is left
      // returns counted once: the next epoch re-emits only what came back since
      const third = settleEpoch(schedule, 1, jobs("e2"), votes("e2"), view(), second.state, new Set(), returned);
      expect(third.emission).to.equal(epochEmission(schedule, 2) + (pot - second.basePaid));
    });
  });

  describe("ingest", () => {
    it("keeps a result only when the job, its container and the license are committed and the committed operator signed", async () => {
      const { ethers } = await network.create();
      const [admin] = await ethers.getSigners();
      const some = admin.address;
      const referee = await ethers.deployContract("CheckerReferee", [some, some, some, some, some, some, 0]);
      const domain = refereeDomain(await referee.getAddress(), (await ethers.provider.getNetwork()).chainId);
      const verifier = new ResultVerifier(domain);
      const ops = [1, 2, 3].map((i) => new Wallet(id(`ingest-op-${i}`)));
      const jobs = [{ epoch: 5, job: 0, container: id("c0"), licenseIds: [1, 2, 3], operators: ops.map((o) => o.address.toLowerCase()) }];
      const result = (licenseId: number, verdict: 1 | 2, over: Partial<CheckResult> = {}): CheckResult => ({ epoch: 5n, job: 0, container: id("c0"), licenseId: BigInt(licenseId), verdict, metricsHash: id("m"), ...over });
      const results = [
        await signResult(ops[0], domain, result(1, 1)),
        await signResult(ops[1], domain, result(2, 1)),
        await signResult(ops[1], domain, result(2, 2)), // equivocation
        await signResult(ops[0], domain, result(3, 1)), // license 3's result signed by license 1's operator
        await signResult(ops[2], domain, result(3, 1, { job: 1 })), // no job 1
        await signResult(ops[2], domain, result(3, 1, { container: id("c9") })),
        await signResult(ops[2], domain, result(4, 1)), // not assigned
        await signResult(ops[2], domain, result(3, 1, { epoch: 6n })),
      ];
      const got = ingest(verifier, 5, jobs, results);
      expect(got.votes.map((v) => [v.jobId, v.licenseId, v.verdict])).to.deep.equal([["5/0", 1, 1], ["5/0", 2, 1]]);
      expect(got.equivocations).to.have.length(1);
      expect(got.rejected).to.deep.equal({ "wrong-signer": 1, "unknown-job": 2, "wrong-job-fields": 1, "not-assigned": 1 });
    });
  });
});
