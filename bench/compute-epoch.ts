// Settling compute-provider rewards for one epoch of 100,000 containers checked by the same 400,000 jobs (100,000
// licenses x 20, 2N + 1 = 5) as the checker settlement bench (bench/settle-epoch.ts). Signature verification is not
// repeated here: the service verifies each result at ingest, as it arrives (that section measures it), and the
// settlement takes the verified votes. So the votes below are what ingest would hand over for the same behaviours as
// the simulator's (90% honest, 5% faulty missing 30%, 3% lying, 2% silent; 10% of containers down), built without
// signing. Timed: the checker settlement (the reference) and, after it, the compute settlement: the tally of every job's
// verdict per container, the points and both pools' split, the cumulative tree, every proof and the files.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { assignJobs, type FrozenSets } from "../scripts/referee/assignment.js";
import { buildComputeTree, ComputeTally, computeProofsOf, computeReportOf, initialComputeState, settleCompute, type ComputeContainer } from "../scripts/referee/compute-rewards.js";
import { jobKey } from "../scripts/referee/service.js";
import { initialState, settleEpoch, Verdict, type Vote } from "../scripts/referee/settle.js";
import { rng, type Behaviour } from "../scripts/referee/simulator.js";
import { writeJson } from "../scripts/referee/tree.js";
import { CHECKER_EMISSION_PERIOD, QUARTER, TOTAL_SUPPLY, YEAR } from "../scripts/lib/tokenomics.js";

const LICENSES = Number(process.env.LICENSES ?? 100_000);
const CONTAINERS = Number(process.env.CONTAINERS ?? 100_000);
const N = 2;
const EPOCH = 91;
const DOWN = 0.1;
const HALTED = 0.02; // share of hosts halted at the epoch's end
const EDGE = 0.4; // share of containers of an Edge class

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const rss = () => mb(process.memoryUsage().rss);
const hex = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");
const word = (tag: string, i: number) => keccak_256(new TextEncoder().encode(`${tag}:${i}`));

// inputs (not timed): frozen sets, behaviours, the containers with their hosts and classes, the jobs and their votes
const random = rng(42);
const licenses: FrozenSets["licenses"] = [];
for (let l = 1; l <= LICENSES; l++) licenses.push({ licenseId: l, operator: hex(word("operator", l).subarray(12)) });
const containers = Array.from({ length: CONTAINERS }, (_, c) => hex(word("container", c))).sort();
const behaviourOf = (x: number): Behaviour => (x < 0.9 ? "honest" : x < 0.95 ? "faulty" : x < 0.98 ? "lying" : "silent");
const behaviour: Behaviour[] = [];
for (let l = 1; l <= LICENSES; l++) behaviour[l] = behaviourOf(random());
const down = new Set(containers.filter(() => random() < DOWN));
// every container its own host (the largest tree); Edge devices of 0.25x-0.5x, Enterprise GPUs of 1x-3x
const infos: ComputeContainer[] = containers.map((container, i) => {
  const edge = random() < EDGE;
  return { container, host: `0x${(i + 1).toString(16).padStart(40, "0")}`, classId: edge ? 100 + (i % 2) : i % 3, coefficient: edge ? [2_500, 5_000][i % 2] : [10_000, 15_000, 30_000][i % 3], edge };
});
const halted = new Set(infos.filter(() => random() < HALTED).map((c) => c.host));
const jobs = assignJobs(EPOCH, hex(word("seed", EPOCH)), N, { cutoff: 0, licenses, containers });
const votes: Vote[] = [];
const noise = rng(7 * 7_777 + EPOCH);
for (const job of jobs) {
  const truth = down.has(job.container) ? Verdict.Fail : Verdict.Pass;
  for (const licenseId of job.licenseIds) {
    const b = behaviour[licenseId];
    if (b === "silent" || (b === "faulty" && noise() < 0.3)) continue;
    votes.push({ jobId: jobKey(EPOCH, job.job), licenseId, verdict: b === "lying" ? (3 - truth) as Verdict : truth });
  }
}
const schedule = {
  tge: 1_800_000_000,
  base: { allocation: (TOTAL_SUPPLY * 1000n) / 10_000n, start: 1_800_000_000, duration: CHECKER_EMISSION_PERIOD },
  bonus: { allocation: (TOTAL_SUPPLY * 500n) / 10_000n, start: 1_800_000_000, stepDuration: QUARTER, steps: 16 },
};
// the pools' releases by the epoch's end: Edge 23% at 40% in year 1, Enterprise 12% linear over 10 years
const elapsed = BigInt((EPOCH + 1) * 86_400);
const available = { edge: (TOTAL_SUPPLY * 2300n * 4000n * elapsed) / (10_000n * 10_000n * BigInt(YEAR)), enterprise: (TOTAL_SUPPLY * 1200n * elapsed) / (10_000n * BigInt(10 * YEAR)) };
const owner = (l: number) => `0x${l.toString(16).padStart(40, "0")}`;
const view = { ownerDuring: (l: number) => owner(l), bannedDuring: () => false };
const settleJobs = jobs.map((j) => ({ jobId: jobKey(EPOCH, j.job), licenses: j.licenseIds }));
global.gc?.();
const rssInputs = rss();

// the checker settlement (timed: the reference the compute settlement runs after)
const c0 = performance.now();
const checker = settleEpoch(schedule, N, settleJobs, votes, view, { ...initialState(), epoch: EPOCH });
const c1 = performance.now();
global.gc?.();
const rssChecker = rss();

// the compute settlement (timed): tally, points and split, tree, proofs and files
const dir = mkdtempSync(join(tmpdir(), "aethir-compute-"));
const t0 = performance.now();
const tally = new ComputeTally(EPOCH, infos);
for (let i = 0; i < jobs.length; i++) tally.add(jobs[i].container, checker.jobs[i].verdict);
const t1 = performance.now();
const s = settleCompute(tally, { halted, available, state: initialComputeState(EPOCH) });
const t2 = performance.now();
const tree = buildComputeTree(s.cumulative);
const t3 = performance.now();
writeJson(join(dir, "proofs.json"), computeProofsOf(tree, s));
writeJson(join(dir, "report.json"), computeReportOf(s, tree, { checkerReport: "report.json", assignmentRoot: "0x", proofs: "proofs.json" }));
writeJson(join(dir, "state.json"), s.state);
const t4 = performance.now();
const proofsBytes = statSync(join(dir, "proofs.json")).size;
const reportBytes = statSync(join(dir, "report.json")).size;
rmSync(dir, { recursive: true, force: true });
global.gc?.();
const rssCompute = rss();

const ms = (x: number) => Math.round(x);
const count = (f: (c: (typeof s.containers)[number]) => boolean) => s.containers.filter(f).length;
console.log(JSON.stringify({
  licenses: LICENSES, containers: CONTAINERS, jobs: jobs.length, votes: votes.length, down: down.size, haltedHosts: halted.size,
  edgeContainers: count((c) => c.pool === "edge"), failZeroed: count((c) => c.zeroed === "fail-majority"), haltZeroed: count((c) => c.zeroed === "halted"),
  accounts: tree.leaves.length, edgePoints: s.edge.points, enterprisePoints: s.enterprise.points,
  checkerMs: ms(c1 - c0), tallyMs: ms(t1 - t0), splitMs: ms(t2 - t1), treeMs: ms(t3 - t2), filesMs: ms(t4 - t3), computeMs: ms(t4 - t0),
  rssInputsMb: rssInputs, rssCheckerMb: rssChecker, rssComputeMb: rssCompute, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  proofsMb: mb(proofsBytes), reportMb: mb(reportBytes),
  edgePot: s.edge.pot.toString(), edgePaid: s.edge.paid.toString(), edgeCarried: s.edge.carried.toString(),
  enterprisePot: s.enterprise.pot.toString(), enterprisePaid: s.enterprise.paid.toString(), enterpriseCarried: s.enterprise.carried.toString(),
}));
