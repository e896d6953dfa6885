// Compute-provider rewards off chain (scripts/referee/compute-rewards.ts): the points rule's edge cases, the split per
// pool with its carried remainder, the cumulative tree against OpenZeppelin's StandardMerkleTree, and a whole epoch
// from signed votes through the checker settlement, compared to the wei with an independent recomputation written here.
import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAddress } from "ethers";
import { providerEarnings, providerText, readComputeReports } from "../../scripts/ops/compute.js";
import {
  buildComputeTree,
  ComputeTally,
  computeProofsOf,
  computeReportOf,
  initialComputeState,
  settleCompute,
  type ComputeContainer,
  type ComputeState,
  type PoolAmounts,
} from "../../scripts/referee/compute-rewards.js";
import { initialState, settleEpoch, Verdict, type Job, type Vote } from "../../scripts/referee/settle.js";
import { rng } from "../../scripts/referee/simulator.js";

const ATH = 10n ** 18n;
const addr = (i: number) => `0x${i.toString(16).padStart(40, "0")}`;
const cid = (i: number) => `0x${i.toString(16).padStart(64, "0")}`;
const box = (i: number, host: number, coefficient: number, edge: boolean, classId = edge ? 7 : 1): ComputeContainer => ({ container: cid(i), host: addr(host), classId, coefficient, edge });
const none = new Set<string>();

/** Settles one epoch from (container, verdict) pairs. */
function settle(containers: ComputeContainer[], jobs: [number, Verdict | null][], available: PoolAmounts, o: { halted?: Set<string>; state?: ComputeState; epoch?: number } = {}) {
  const epoch = o.epoch ?? 0;
  const tally = new ComputeTally(epoch, containers);
  for (const [c, v] of jobs) tally.add(cid(c), v);
  return settleCompute(tally, { halted: o.halted ?? none, available, state: o.state ?? initialComputeState(epoch) });
}

const outcome = (s: ReturnType<typeof settle>, c: number) => s.containers.find((x) => x.container === cid(c))!;

describe("Compute rewards (off chain)", () => {
  it("a Fail majority zeroes the container's whole epoch, Pass jobs included, and its share stays in the pool", () => {
    const s = settle([box(1, 1, 10_000, false), box(2, 2, 10_000, false)], [[1, Verdict.Pass], [1, Verdict.Pass], [1, Verdict.Fail], [2, Verdict.Pass]], { edge: 0n, enterprise: 1_000n * ATH });
    expect(outcome(s, 1)).to.include({ pass: 2, fail: 1, points: 0, earned: 0n, zeroed: "fail-majority" });
    expect(outcome(s, 2)).to.include({ pass: 1, points: 10_000, earned: 1_000n * ATH, zeroed: null });
    // container 1 alone: nothing paid, the whole pot carried
    const alone = settle([box(1, 1, 10_000, false)], [[1, Verdict.Pass], [1, Verdict.Fail]], { edge: 0n, enterprise: 1_000n * ATH });
    expect(alone.enterprise).to.include({ points: 0, paid: 0n, carried: 1_000n * ATH });
    expect(alone.cumulative.size).to.equal(0);
    expect(buildComputeTree(alone.cumulative).root).to.equal("0x" + "00".repeat(32));
  });

  it("a host halted at the epoch's end earns nothing for any of its containers; other hosts share the pot", () => {
    const containers = [box(1, 1, 10_000, false), box(2, 1, 10_000, true), box(3, 2, 10_000, false)];
    const s = settle(containers, [[1, Verdict.Pass], [2, Verdict.Pass], [3, Verdict.Pass]], { edge: 500n, enterprise: 900n }, { halted: new Set([addr(1)]) });
    expect(outcome(s, 1)).to.include({ points: 0, zeroed: "halted" });
    expect(outcome(s, 2)).to.include({ points: 0, zeroed: "halted" });
    expect(outcome(s, 3)).to.include({ points: 10_000, earned: 900n });
    expect(s.edge).to.include({ pot: 500n, paid: 0n, carried: 500n });
    expect(s.earned.has(addr(1))).to.equal(false);
  });

  it("jobs without a majority (void) count nothing and zero nothing", () => {
    const s = settle([box(1, 1, 10_000, false), box(2, 2, 10_000, false)], [[1, null], [1, null], [1, Verdict.Pass], [2, Verdict.Pass], [2, Verdict.Pass]], { edge: 0n, enterprise: 300n });
    expect(outcome(s, 1)).to.include({ assigned: 3, void: 2, pass: 1, points: 10_000, earned: 100n, zeroed: null });
    expect(outcome(s, 2)).to.include({ points: 20_000, earned: 200n });
    const onlyVoid = settle([box(1, 1, 10_000, false)], [[1, null]], { edge: 0n, enterprise: 300n });
    expect(onlyVoid.enterprise).to.include({ points: 0, paid: 0n, carried: 300n });
  });

  it("weights by the class coefficient frozen at the cut-off, each pool split among its own containers only", () => {
    // an H100 (3x), an RTX 4090 (1x) on Enterprise; two Edge devices (0.5x) of two owners
    const containers = [box(1, 1, 30_000, false), box(2, 1, 10_000, false), box(3, 3, 5_000, true), box(4, 4, 5_000, true)];
    const jobs: [number, Verdict][] = [[1, Verdict.Pass], [2, Verdict.Pass], [3, Verdict.Pass], [3, Verdict.Pass], [3, Verdict.Pass], [4, Verdict.Pass]];
    const s = settle(containers, jobs, { edge: 4_000n * ATH, enterprise: 1_000n * ATH });
    expect(s.enterprise.points).to.equal(40_000);
    expect(s.edge.points).to.equal(20_000);
    expect(outcome(s, 1).earned).to.equal(750n * ATH);
    expect(outcome(s, 2).earned).to.equal(250n * ATH);
    expect(outcome(s, 3).earned).to.equal(3_000n * ATH);
    expect(outcome(s, 4).earned).to.equal(1_000n * ATH);
    expect(s.earned.get(addr(1))).to.deep.equal({ edge: 0n, enterprise: 1_000n * ATH });
    expect(s.earned.get(addr(3))).to.deep.equal({ edge: 3_000n * ATH, enterprise: 0n });
    // an epoch with no Edge container pays no Edge: the Enterprise pool's release never reaches Edge and vice versa
    const noEdge = settle(containers.slice(0, 2), jobs.slice(0, 2), { edge: 4_000n * ATH, enterprise: 1_000n * ATH });
    expect(noEdge.edge).to.include({ paid: 0n, carried: 4_000n * ATH });
    expect(noEdge.total).to.deep.equal({ edge: 0n, enterprise: 1_000n * ATH });
  });

  it("floors per container and carries the remainder: the next epoch's pot is the release minus everything paid", () => {
    const containers = [box(1, 1, 10_000, true), box(2, 2, 10_000, true), box(3, 3, 10_000, true)];
    const jobs: [number, Verdict][] = [[1, Verdict.Pass], [2, Verdict.Pass], [3, Verdict.Pass]];
    const e0 = settle(containers, jobs, { edge: 100n, enterprise: 0n });
    expect(e0.containers.map((c) => c.earned)).to.deep.equal([33n, 33n, 33n]);
    expect(e0.edge).to.include({ pot: 100n, paid: 99n, carried: 1n });
    // epoch 1: 100 more released; the pot is 200 - 99 = 101, the cumulative leaves add up
    const e1 = settle(containers, jobs, { edge: 200n, enterprise: 0n }, { state: e0.state, epoch: 1 });
    expect(e1.edge).to.include({ pot: 101n, paid: 99n, carried: 2n });
    expect(e1.cumulative.get(addr(2))).to.deep.equal({ edge: 66n, enterprise: 0n });
    expect(e1.total.edge + e1.edge.carried).to.equal(200n);
    expect(e1.state).to.include({ epoch: 2, paidEdge: "198", paidEnterprise: "0" });
    // the state must be the epoch's
    expect(() => settle(containers, jobs, { edge: 200n, enterprise: 0n }, { state: e0.state, epoch: 5 })).to.throw("the compute state is at epoch 1, not 5");
  });

  it("refuses a job of a container not frozen at the cut-off and a container listed twice", () => {
    expect(() => settle([box(1, 1, 10_000, false)], [[2, Verdict.Pass]], { edge: 0n, enterprise: 1n })).to.throw(`job of container ${cid(2)}, which was not frozen`);
    expect(() => new ComputeTally(0, [box(1, 1, 10_000, false), box(1, 2, 10_000, false)])).to.throw("listed twice");
  });

  it("the cumulative tree is OpenZeppelin's StandardMerkleTree over (address, uint256, uint256): same root, same proofs", () => {
    const random = rng(7);
    const cumulative = new Map<string, PoolAmounts>();
    for (let i = 1; i <= 37; i++) cumulative.set(addr(1_000 + i), { edge: i % 3 === 0 ? 0n : BigInt(Math.floor(random() * 1e15)) * ATH, enterprise: i % 4 === 0 ? 0n : BigInt(i) * 12_345n });
    cumulative.set(addr(9), { edge: 0n, enterprise: 0n }); // no leaf
    const ours = buildComputeTree(cumulative);
    const values = [...cumulative].filter(([, c]) => c.edge > 0n || c.enterprise > 0n).map(([a, c]) => [getAddress(a), c.edge.toString(), c.enterprise.toString()]);
    const oz = StandardMerkleTree.of(values, ["address", "uint256", "uint256"]);
    expect(ours.root).to.equal(oz.root);
    expect(ours.leaves.length).to.equal(values.length).and.to.equal(34); // 12, 24 and 36 have neither
    for (const [i, v] of oz.entries()) expect(ours.proof(v[0] as string), `leaf ${i}`).to.deep.equal(oz.getProof(i));
    expect(ours.proof(addr(9))).to.equal(undefined);
    for (const [a, c] of cumulative) if (c.edge || c.enterprise) expect(StandardMerkleTree.verify(oz.root, ["address", "uint256", "uint256"], [getAddress(a), c.edge.toString(), c.enterprise.toString()], ours.proof(a)!)).to.equal(true);
  });

  it("a whole epoch from signed votes through the checker settlement equals an independent recomputation to the wei, and conserves each pool", () => {
    const random = rng(2026);
    const n = 1;
    const quorum = 2 * n + 1;
    const containers: ComputeContainer[] = [];
    for (let i = 0; i < 60; i++) {
      const edge = random() < 0.4;
      containers.push(box(i, 1 + Math.floor(random() * 20), edge ? [2_500, 5_000][i % 2] : [10_000, 30_000, 15_000][i % 3], edge));
    }
    const halted = new Set([addr(3), addr(11)]);
    const jobs: Job[] = [];
    const jobContainer: number[] = [];
    const votes: Vote[] = [];
    for (let j = 0; j < 900; j++) {
      const c = j % containers.length;
      const licenses = [1 + (j % 50), 51 + (j % 50), 101 + (j % 50)];
      jobs.push({ jobId: `4/${j}`, licenses });
      jobContainer.push(c);
      const down = c % 13 === 5 && random() < 0.3; // a flaky container: some of its jobs fail by majority
      for (const l of licenses) {
        const x = random();
        if (x < 0.1) continue; // silent: some jobs end without a majority
        votes.push({ jobId: `4/${j}`, licenseId: l, verdict: (down ? x < 0.9 : x > 0.95) ? Verdict.Fail : Verdict.Pass });
      }
    }
    const schedule = { tge: 0, base: { allocation: 10n ** 27n, start: 0, duration: 86_400 * 1_000 }, bonus: { allocation: 0n, start: 0, stepDuration: 86_400 * 90, steps: 16 } };
    const checker = settleEpoch(schedule, n, jobs, votes, { ownerDuring: (l) => addr(10_000 + l), bannedDuring: () => false }, { ...initialState(), epoch: 4 });

    const available = { edge: 1_234_567n * ATH + 89n, enterprise: 765_432n * ATH + 1n };
    let state: ComputeState = { ...initialComputeState(4), cumulative: { [addr(5)]: ["7", "11"], [addr(99)]: ["0", "13"] }, paidEdge: "7", paidEnterprise: "24" };
    const tally = new ComputeTally(4, containers);
    checker.jobs.forEach((j, i) => tally.add(containers[jobContainer[i]].container, j.verdict));
    const s = settleCompute(tally, { halted, available, state });

    // the independent recomputation: majorities from the raw votes, the rule from docs/decisions.md
    const byJob = new Map<string, Verdict[]>();
    for (const v of votes) byJob.set(v.jobId, [...(byJob.get(v.jobId) ?? []), v.verdict]);
    const pass = new Array<number>(containers.length).fill(0);
    const failed = new Array<boolean>(containers.length).fill(false);
    jobs.forEach((job, i) => {
      const given = byJob.get(job.jobId) ?? [];
      const p = given.filter((v) => v === Verdict.Pass).length;
      const f = given.filter((v) => v === Verdict.Fail).length;
      if (p * 2 > quorum) pass[jobContainer[i]]++;
      if (f * 2 > quorum) failed[jobContainer[i]] = true;
    });
    const points = containers.map((c, i) => (failed[i] || halted.has(c.host) ? 0n : BigInt(pass[i] * c.coefficient)));
    const expected = new Map<string, PoolAmounts>([[addr(5), { edge: 7n, enterprise: 11n }], [addr(99), { edge: 0n, enterprise: 13n }]]);
    for (const edge of [true, false]) {
      const potOf = (edge ? available.edge - 7n : available.enterprise - 24n);
      const total = containers.reduce((sum, c, i) => (c.edge === edge ? sum + points[i] : sum), 0n);
      let paid = 0n;
      containers.forEach((c, i) => {
        if (c.edge !== edge || total === 0n) return;
        const amount = (potOf * points[i]) / total;
        paid += amount;
        const e = expected.get(c.host) ?? { edge: 0n, enterprise: 0n };
        expected.set(c.host, edge ? { ...e, edge: e.edge + amount } : { ...e, enterprise: e.enterprise + amount });
      });
      const pool = edge ? s.edge : s.enterprise;
      expect(pool.paid, edge ? "edge paid" : "enterprise paid").to.equal(paid);
      expect(pool.paid + pool.carried).to.equal(potOf); // conservation within the epoch
    }
    expect(s.containers.some((c) => c.zeroed === "fail-majority" && c.pass > 0), "some container lost Pass jobs to a Fail").to.equal(true);
    expect(s.containers.some((c) => c.zeroed === "halted" && c.pass > 0), "some container lost Pass jobs to a halt").to.equal(true);
    expect(s.containers.some((c) => c.void > 0), "some job had no majority").to.equal(true);
    expect(new Map([...s.cumulative].map(([a, c]) => [a, { ...c }]))).to.deep.equal(new Map([...expected].filter(([, c]) => c.edge || c.enterprise)));
    // across epochs: everything paid + carried is what the pools made available
    expect(s.total.edge + s.edge.carried).to.equal(available.edge);
    expect(s.total.enterprise + s.enterprise.carried).to.equal(available.enterprise);

    // the files: every leaf's proof checks against the root with OpenZeppelin's verifier
    const tree = buildComputeTree(s.cumulative);
    const proofs = computeProofsOf(tree, s);
    expect(proofs.totalEdge).to.equal(s.total.edge.toString());
    for (const [account, leaf] of Object.entries(proofs.claims)) {
      expect(StandardMerkleTree.verify(tree.root, ["address", "uint256", "uint256"], [account, leaf.edge, leaf.enterprise], leaf.proof)).to.equal(true);
    }
    const report = computeReportOf(s, tree, { checkerReport: "epoch-4.report.json", assignmentRoot: "0x" + "ab".repeat(32), proofs: "epoch-4.compute.proofs.json" });
    expect(JSON.parse(JSON.stringify(report)).containers.length).to.equal(60);
    state = s.state;
    expect(state.epoch).to.equal(5);
    expect(BigInt(state.paidEdge)).to.equal(7n + s.edge.paid);
  });

  it("the CLI's provider command shows each epoch's earnings per pool and, per container, its points or why it has none", () => {
    const dir = mkdtempSync(join(tmpdir(), "compute-cli-"));
    try {
      const me = addr(0xabc);
      const containers = [box(1, 0xabc, 30_000, false, 2), box(2, 0xabc, 5_000, true), box(3, 0xabc, 10_000, false), box(4, 0xabc, 10_000, false), box(5, 0xdef, 10_000, false)];
      const e0 = settle(containers, [[1, Verdict.Pass], [1, Verdict.Pass], [2, Verdict.Pass], [3, Verdict.Pass], [3, Verdict.Fail], [4, null], [5, Verdict.Pass]], { edge: 1_234_567n * ATH, enterprise: 7_000n * ATH }, { epoch: 3 });
      const e1 = settle(containers.slice(4), [[5, Verdict.Pass]], { edge: 1_234_567n * ATH, enterprise: 14_000n * ATH }, { epoch: 4, state: e0.state });
      for (const s of [e0, e1]) writeFileSync(join(dir, `epoch-${s.epoch}.compute.report.json`), JSON.stringify(computeReportOf(s, buildComputeTree(s.cumulative), { checkerReport: "r", assignmentRoot: "0x", proofs: "p" })));
      writeFileSync(join(dir, "epoch-3.report.json"), "{}"); // a checker report: not read
      const e = providerEarnings(readComputeReports(dir), getAddress(me));
      expect(e.epochs.map((p) => p.epoch)).to.deep.equal([3, 4]); // epoch 4: no container, but its cumulative leaf
      expect(e.epochs[0]).to.include({ earnedEdge: (1_234_567n * ATH).toString(), earnedEnterprise: (6_000n * ATH).toString() });
      expect(e.epochs[1]).to.include({ earnedEnterprise: "0", cumulativeEnterprise: (6_000n * ATH).toString() });
      const text = providerText(e);
      expect(text).to.include("epoch 3: earned 1,234,567 ATH Edge + 6,000 ATH Enterprise");
      expect(text).to.include("2 of 2 jobs passed by majority x class 2 coefficient 3x = 60,000 points of 70,000 in the pool's pot of 7,000 ATH");
      expect(text).to.include("no points: 1 job had a Fail majority");
      expect(text).to.include("no points: 0 of 1 jobs passed by majority, 1 without a majority");
      const cli = (...args: string[]) => spawnSync("npx", ["tsx", "scripts/cli.ts", "provider", ...args], { encoding: "utf8" });
      const ok = cli("--address", getAddress(me), "--reports", dir);
      expect(ok.status, ok.stderr).to.equal(0);
      expect(ok.stdout.trim()).to.equal(text);
      const json = cli("--address", me, "--reports", dir, "--json");
      expect(JSON.parse(json.stdout).epochs.length).to.equal(2);
      const empty = cli("--address", addr(0x999), "--reports", dir);
      expect(empty.stdout).to.include("has no container and no compute rewards");
      for (const [args, sentence] of [[["--address", me, "--reports", join(dir, "nope")], "is not a folder"], [["--address", "0x12", "--reports", dir], "--address must be an address"]] as const) {
        const r = cli(...args);
        expect(r.status).to.equal(1);
        expect(r.stdout + r.stderr).to.include(sentence).and.not.match(/^\s+at /m);
      }
      rmSync(join(dir, "epoch-3.compute.report.json"));
      rmSync(join(dir, "epoch-4.compute.report.json"));
      expect(() => readComputeReports(dir)).to.throw("holds no compute report");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
