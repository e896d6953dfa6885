// Run by bench/settlement.ts in its own process (so its wall time and memory are its own): one epoch of 100,000
// licenses x 20 jobs each (2N + 1 = 5), on the committed-assignment flow. The referee's own code computes the epoch's
// assignment (scripts/referee/assignment.ts: the jobs from 100,000 frozen licenses with their operators and 25,000
// containers, then the positional tree of ~400,000 leaves); the simulator signs every result with the license's
// committed operator (the operators' work, not the referee's); the service ingests them against the committed jobs
// (scripts/referee/service.ts: every signature verified); the epoch is settled, then the cumulative tree, every proof
// and the files written. Prints JSON.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as secp from "tiny-secp256k1";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { settleEpoch, initialState } from "../scripts/referee/settle.js";
import { buildTree, proofsOf, writeJson } from "../scripts/referee/tree.js";
import { rng, simulateResults, type Behaviour, type SimLicense } from "../scripts/referee/simulator.js";
import { assignJobs, buildAssignmentTree, type FrozenSets } from "../scripts/referee/assignment.js";
import { ingest, jobKey } from "../scripts/referee/service.js";
import { ResultVerifier } from "../scripts/referee/verify.js";
import { refereeDomain } from "../scripts/lib/check-results.js";
import { CHECKER_EMISSION_PERIOD, DAY, QUARTER, TOTAL_SUPPLY } from "../scripts/lib/tokenomics.js";

const LICENSES = Number(process.env.LICENSES ?? 100_000);
const CONTAINERS = Number(process.env.CONTAINERS ?? Math.round(LICENSES / 4));
const N = 2;
const EPOCH = 91; // the epoch in which the first bonus quarter ends: base and bonus paid
const DOWN = 0.1; // share of containers down during the epoch: their jobs' truth is Fail

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const rss = () => mb(process.memoryUsage().rss);
const hex = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");
const word = (tag: string, i: number) => keccak_256(new TextEncoder().encode(`${tag}:${i}`));

// inputs (not timed): the frozen sets, each license's operator key and behaviour, the containers that are down
const random = rng(42);
const keys: string[] = new Array(LICENSES + 1);
const licenses: FrozenSets["licenses"] = [];
for (let l = 1; l <= LICENSES; l++) {
  const key = word("operator", l);
  keys[l] = hex(key);
  const pub = secp.pointFromScalar(key, false)!;
  licenses.push({ licenseId: l, operator: hex(keccak_256(pub.subarray(1)).subarray(12)) });
}
const containers = Array.from({ length: CONTAINERS }, (_, c) => hex(word("container", c))).sort();
const frozen: FrozenSets = { cutoff: 0, licenses, containers };
const seed = hex(word("seed", EPOCH));
const behaviourOf = (x: number): Behaviour => (x < 0.9 ? "honest" : x < 0.95 ? "faulty" : x < 0.98 ? "lying" : "silent");
const sim = new Map<number, SimLicense>();
for (let l = 1; l <= LICENSES; l++) sim.set(l, { licenseId: l, signerKey: keys[l], behaviour: behaviourOf(random()) });
const down = new Set(containers.filter(() => random() < DOWN));
const owner = (l: number) => `0x${l.toString(16).padStart(40, "0")}`; // every license its own owner: the largest tree
const schedule = {
  tge: 1_800_000_000,
  base: { allocation: (TOTAL_SUPPLY * 1000n) / 10_000n, start: 1_800_000_000, duration: CHECKER_EMISSION_PERIOD },
  bonus: { allocation: (TOTAL_SUPPLY * 500n) / 10_000n, start: 1_800_000_000, stepDuration: QUARTER, steps: 16 },
};
const view = { ownerDuring: (l: number) => owner(l), bannedDuring: () => false };
const domain = refereeDomain("0x" + "11".repeat(20), 42161);
global.gc?.();
const rssInputs = rss();

// before the epoch (timed): the assignment algorithm, then its tree
const a0 = performance.now();
const jobs = assignJobs(EPOCH, seed, N, frozen);
const a1 = performance.now();
const assignment = buildAssignmentTree(jobs);
const a2 = performance.now();
global.gc?.();
const rssAssignment = rss();

// the operators sign (timed, but not the referee's work)
const s0 = performance.now();
const results = simulateResults(domain, EPOCH, jobs, sim, down, 7);
const s1 = performance.now();
global.gc?.();
const rssSigned = rss();

// the referee ingests them against the committed jobs (timed: done as results arrive, before the epoch's end)
const verifier = new ResultVerifier(domain);
const i0 = performance.now();
const ingested = ingest(verifier, EPOCH, jobs, results);
const i1 = performance.now();
global.gc?.();
const rssIngested = rss();

// after the epoch (timed): settle, build the cumulative tree, every proof, write the files
const state = { ...initialState(), epoch: EPOCH };
const settleJobs = jobs.map((j) => ({ jobId: jobKey(EPOCH, j.job), licenses: j.licenseIds }));
const dir = mkdtempSync(join(tmpdir(), "aethir-settle-"));
const t0 = performance.now();
const settlement = settleEpoch(schedule, N, settleJobs, ingested.votes, view, state);
const t1 = performance.now();
const tree = buildTree(settlement.cumulative);
const t2 = performance.now();
writeJson(join(dir, "proofs.json"), proofsOf(tree, settlement.epoch, settlement.cumulativeTotal));
writeJson(join(dir, "state.json"), settlement.state);
const t3 = performance.now();
const proofsBytes = statSync(join(dir, "proofs.json")).size;
rmSync(dir, { recursive: true, force: true });
const rssSettled = rss();

const ms = (x: number) => Math.round(x);
console.log(JSON.stringify({
  licenses: LICENSES, containers: CONTAINERS, down: down.size, jobs: jobs.length, depth: assignment.depth, day: DAY,
  assignMs: ms(a1 - a0), assignTreeMs: ms(a2 - a1), assignTotalMs: ms(a2 - a0),
  signed: results.length, signMs: ms(s1 - s0),
  ingestMs: ms(i1 - i0), ingestPerSecond: Math.round(results.length / ((i1 - i0) / 1000)), votes: ingested.votes.length,
  rejected: Object.values(ingested.rejected).reduce((x, y) => x + (y ?? 0), 0),
  failJobs: settlement.jobs.filter((j) => j.verdict === 2).length, voidJobs: settlement.jobs.filter((j) => j.verdict === null).length,
  accounts: tree.leaves.length,
  settleMs: ms(t1 - t0), treeMs: ms(t2 - t1), filesMs: ms(t3 - t2), totalMs: ms(t3 - t0),
  rssInputsMb: rssInputs, rssAssignmentMb: rssAssignment, rssSignedMb: rssSigned, rssIngestedMb: rssIngested, rssSettledMb: rssSettled,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), proofsMb: mb(proofsBytes),
  basePaid: settlement.basePaid.toString(), emission: settlement.emission.toString(), bonusPaid: settlement.bonus?.paid.toString() ?? "0",
}));
