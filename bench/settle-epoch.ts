// Run by bench/settlement.ts in its own process (so its wall time and peak memory are the settlement's alone): one
// epoch of 100,000 licenses x 20 jobs each (2N + 1 = 5: 400,000 jobs, 2,000,000 results) settled by the referee's
// own code, from simulated verified results, then the cumulative tree, every proof and the files written. Prints JSON.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { settleEpoch, initialState, Verdict, type Job, type Vote } from "../scripts/referee/settle.js";
import { buildTree, proofsOf, writeJson } from "../scripts/referee/tree.js";
import { rng, simulateResults } from "../scripts/referee/simulator.js";
import { ResultVerifier } from "../scripts/referee/verify.js";
import { refereeDomain } from "../scripts/lib/check-results.js";
import { Wallet, id } from "ethers";
import { CHECKER_EMISSION_PERIOD, DAY, QUARTER, TOTAL_SUPPLY } from "../scripts/lib/tokenomics.js";

const LICENSES = Number(process.env.LICENSES ?? 100_000);
const JOBS_PER_LICENSE = 20;
const N = 2;
const OWNERS = LICENSES; // every license its own owner: the largest tree (100,000 leaves)

// inputs (not timed): the assignment, the truth and each license's behaviour
const random = rng(42);
const quorum = 2 * N + 1;
const jobs: Job[] = [];
const votes: Vote[] = [];
const behaviour = new Uint8Array(LICENSES + 1); // 0 honest, 1 faulty, 2 lying, 3 silent
for (let l = 1; l <= LICENSES; l++) {
  const x = random();
  behaviour[l] = x < 0.9 ? 0 : x < 0.95 ? 1 : x < 0.98 ? 2 : 3;
}
const order = Array.from({ length: LICENSES }, (_, i) => i + 1);
for (let round = 0; round < JOBS_PER_LICENSE; round++) {
  for (let i = order.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [order[i], order[k]] = [order[k], order[i]];
  }
  for (let j = 0; j + quorum <= order.length; j += quorum) {
    const jobId = `0x${(round * LICENSES + j).toString(16).padStart(64, "0")}`;
    const licenses = order.slice(j, j + quorum).sort((a, b) => a - b);
    jobs.push({ jobId, licenses });
    const truth = random() < 0.9 ? Verdict.Pass : Verdict.Fail;
    for (const l of licenses) {
      const b = behaviour[l];
      if (b === 3 || (b === 1 && random() < 0.3)) continue;
      votes.push({ jobId, licenseId: l, verdict: b === 2 ? (3 - truth) as Verdict : truth });
    }
  }
}
const owner = (l: number) => `0x${(((l - 1) % OWNERS) + 1).toString(16).padStart(40, "0")}`;
const schedule = {
  tge: 1_800_000_000,
  base: { allocation: (TOTAL_SUPPLY * 1000n) / 10_000n, start: 1_800_000_000, duration: CHECKER_EMISSION_PERIOD },
  bonus: { allocation: (TOTAL_SUPPLY * 500n) / 10_000n, start: 1_800_000_000, stepDuration: QUARTER, steps: 16 },
};
const view = { ownerDuring: (l: number) => owner(l), bannedDuring: () => false };
const state = { ...initialState(), epoch: 91 }; // the epoch in which the first bonus quarter ends: base and bonus paid
const dir = mkdtempSync(join(tmpdir(), "aethir-settle-"));
global.gc?.();
const before = process.memoryUsage().rss;

// timed: settle, build the tree, every proof, write the files
const t0 = performance.now();
const settlement = settleEpoch(schedule, N, jobs, votes, view, state);
const t1 = performance.now();
const tree = buildTree(settlement.cumulative);
const t2 = performance.now();
writeJson(join(dir, "proofs.json"), proofsOf(tree, settlement.epoch, settlement.cumulativeTotal));
writeJson(join(dir, "state.json"), settlement.state);
const t3 = performance.now();
const proofsBytes = statSync(join(dir, "proofs.json")).size;
rmSync(dir, { recursive: true, force: true });

// signature verification (timed separately): the rate of one core on real signed results
const signer = new Wallet(id("bench-operator"));
const domain = refereeDomain("0x" + "11".repeat(20), 42161);
const sample = simulateResults(domain, 0, jobs.slice(0, 1_000).map((j) => ({ ...j, container: id("c"), truth: 1 as const })), new Map(
  jobs.slice(0, 1_000).flatMap((j) => j.licenses).map((l) => [l, { licenseId: l, signerKey: signer.privateKey, behaviour: "honest" as const }]),
));
const verifier = new ResultVerifier(domain);
const v0 = performance.now();
let valid = 0;
for (const s of sample) if (verifier.check(s, signer.address) === null) valid++;
const verifyPerSecond = Math.round((valid / (performance.now() - v0)) * 1000);

console.log(JSON.stringify({
  verifyPerSecond, verifySample: sample.length,
  licenses: LICENSES, jobs: jobs.length, results: votes.length, accounts: tree.leaves.length, day: DAY,
  settleMs: Math.round(t1 - t0), treeMs: Math.round(t2 - t1), filesMs: Math.round(t3 - t2), totalMs: Math.round(t3 - t0),
  rssBeforeMb: Math.round(before / 2 ** 20), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), proofsMb: Math.round(proofsBytes / 2 ** 20),
  basePaid: settlement.basePaid.toString(), emission: settlement.emission.toString(), bonusPaid: settlement.bonus?.paid.toString() ?? "0",
}));
