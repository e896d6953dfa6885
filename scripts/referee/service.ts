// The referee service (SPEC §5). Before each epoch: commits a seed before the cut-off, anchors and reveals it after,
// computes the epoch's assignment from what the chain froze (assignment.ts), publishes it and posts its root. After
// the epoch: ingests the signed results, verifying each against the committed operator of its job, reports
// equivocations on chain, settles the epoch (settle.ts), builds the cumulative tree, writes the files claimants and
// the indexer fetch (the report, the proofs and every valid signed result, from which anyone can prove a job), posts
// the root, and — once the challenge window has passed — syncs the claims contract to it. Optionally proves failed
// jobs on chain (the input of cloud-host slashing).
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { AbiCoder, Contract, keccak256, type Provider, type Signer } from "ethers";
import { jobProof, refereeDomain, voteOf, type JobLeaf, type SignedResult } from "../lib/check-results.js";
import type { Manifest } from "../lib/manifest.js";
import { LicenseChainView } from "./chain.js";
import { computeAssignment, cutoffOf, loadFrozenSets, readAssignmentFile, writeAssignmentFile, fromFile, type AssignmentFile, type AssignmentTree } from "./assignment.js";
import { epochEnd, epochStart, type CheckerSchedule } from "./schedule.js";
import { initialState, settleEpoch, Verdict, type RefereeState, type Settlement, type Vote } from "./settle.js";
import { buildTree, proofsOf, writeJson } from "./tree.js";
import { ResultVerifier, type Rejection } from "./verify.js";
import { runComputeEpoch, type ComputeEpochResult } from "./compute-service.js";
import { closeEpochResults, epochResultsDir, readCut, readResultLines, type EpochCut } from "./epoch-close.js";

const ZERO_WORD = "0x" + "00".repeat(32);
const errorName = (e: Error & { revert?: { name: string; args: unknown[] } }) => (e.revert ? `${e.revert.name}(${e.revert.args.join(", ")})` : e.message.slice(0, 80));
const contract = (manifest: Manifest, name: string, runner: Provider | Signer) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, runner);

/** The settlement's key of a job. */
export const jobKey = (epoch: number, job: number) => `${epoch}/${job}`;

// ---------------------------------------------------------------- files

/** A signed result as one JSON line (epoch and license id as decimal strings). */
export const resultLine = (s: SignedResult) => JSON.stringify({ ...s, result: { ...s.result, epoch: s.result.epoch.toString(), licenseId: s.result.licenseId.toString() } });

/** A signed result read from JSON (epoch and license id as strings or numbers). */
export const parseResult = (s: SignedResult): SignedResult => ({ ...s, result: { ...s.result, epoch: BigInt(s.result.epoch), job: Number(s.result.job), licenseId: BigInt(s.result.licenseId) } });

/** Where an epoch's results live: `<dir>/epoch-<E>/results/*.jsonl`. */
export function writeEpochResults(dir: string, epoch: number, results: SignedResult[], batch = "results") {
  const base = join(dir, `epoch-${epoch}`, "results");
  mkdirSync(base, { recursive: true });
  writeFileSync(join(base, `${batch}.jsonl`), results.map(resultLine).join("\n") + (results.length ? "\n" : ""));
}

/**
 * The epoch's results as its settlement counts them: once the epoch is closed (epoch-close.ts), only the files of its
 * cut, each up to its length there; a torn last line (a write under way, or cut by a crash) is never counted.
 */
export function readEpochResults(dir: string, epoch: number): SignedResult[] {
  const resultsDir = epochResultsDir(dir, epoch);
  const cut = readCut(dir, epoch);
  const files = cut && cut !== "closing" ? Object.keys(cut.files).sort() : existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith(".jsonl")).sort() : [];
  const results: SignedResult[] = [];
  for (const f of files) {
    for (const line of readResultLines(join(resultsDir, f), cut && cut !== "closing" ? cut.files[f] : undefined)) results.push(parseResult(JSON.parse(line) as SignedResult));
  }
  return results;
}

export function readState(path: string): RefereeState {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as RefereeState) : initialState();
}

export const assignmentPath = (outDir: string, epoch: number) => join(outDir, `epoch-${epoch}.assignment.json`);

/** The epoch's published assignment recomputed from its file: jobs, tree. Undefined when none was published. */
export function loadAssignment(outDir: string, epoch: number): { file: AssignmentFile; jobs: JobLeaf[]; tree: AssignmentTree | null } | undefined {
  const file = readAssignmentFile(assignmentPath(outDir, epoch));
  return file && fromFile(file);
}

// ---------------------------------------------------------------- ingest

export type IngestRejection = Rejection | "unknown-job" | "not-assigned" | "wrong-job-fields";

export interface Ingested {
  votes: Vote[];
  rejected: Partial<Record<IngestRejection, number>>;
  /** Pairs of valid results of one license with different verdicts for one job. */
  equivocations: [SignedResult, SignedResult][];
  /** Valid results by job number, for on-chain proofs. */
  byJob: Map<number, SignedResult[]>;
}

/** Why one result does not fit the epoch's committed jobs (its job, container, epoch, license), or null when it does. */
export function checkJob(epoch: number, jobs: JobLeaf[], s: SignedResult): "unknown-job" | "wrong-job-fields" | "not-assigned" | null {
  const r = s.result;
  const job = Number.isInteger(r.job) ? jobs[r.job] : undefined;
  if (!job || Number(r.epoch) !== epoch) return "unknown-job";
  if (r.container.toLowerCase() !== job.container.toLowerCase()) return "wrong-job-fields";
  return job.licenseIds.includes(Number(r.licenseId)) ? null : "not-assigned";
}

/**
 * Why one result does not hold against the epoch's committed jobs, or null when it does: the job exists, its
 * container and epoch are the job's, the license is one of the job's, and the signer is the operator committed for it.
 */
export function checkResult(verifier: ResultVerifier, epoch: number, jobs: JobLeaf[], s: SignedResult): IngestRejection | null {
  const why = checkJob(epoch, jobs, s);
  if (why) return why;
  const job = jobs[s.result.job];
  return verifier.check(s, job.operators[job.licenseIds.indexOf(Number(s.result.licenseId))]);
}

/**
 * Verifies every result against the epoch's committed jobs: the job exists, its container and epoch are the job's,
 * the license is one of the job's, and the signer is the operator committed for it, whatever happened to the
 * delegation since (the rule CheckerReferee.proveJob applies).
 */
export function ingest(verifier: ResultVerifier, epoch: number, jobs: JobLeaf[], results: SignedResult[]): Ingested {
  const rejected: Ingested["rejected"] = {};
  const reject = (why: IngestRejection) => (rejected[why] = (rejected[why] ?? 0) + 1);
  const first = new Map<string, SignedResult>();
  const equivocations: [SignedResult, SignedResult][] = [];
  const byJob = new Map<number, SignedResult[]>();
  for (const s of results) {
    const r = s.result;
    const why = checkResult(verifier, epoch, jobs, s);
    if (why) { reject(why); continue; }
    const licenseId = Number(r.licenseId);
    const key = `${r.job}:${licenseId}`;
    const seen = first.get(key);
    if (seen) {
      if (seen.result.verdict !== r.verdict) equivocations.push([seen, s]);
      continue;
    }
    first.set(key, s);
    let list = byJob.get(r.job);
    if (!list) byJob.set(r.job, (list = []));
    list.push(s);
  }
  const votes: Vote[] = [...first.values()].map((s) => ({ jobId: jobKey(epoch, s.result.job), licenseId: Number(s.result.licenseId), verdict: s.result.verdict as unknown as Verdict }));
  return { votes, rejected, equivocations, byJob };
}

// ---------------------------------------------------------------- chain

export async function loadSchedule(provider: Provider, manifest: Manifest): Promise<CheckerSchedule> {
  const [base, bonus, referee] = ["CheckerBaseRewardPool", "CheckerBonusRewardPool", "CheckerReferee"].map((n) => contract(manifest, n, provider));
  return {
    tge: Number(await referee.tge()),
    base: { allocation: await base.allocation(), start: Number(await base.start()), duration: Number(await base.duration()) },
    bonus: { allocation: await bonus.allocation(), start: Number(await bonus.start()), stepDuration: Number(await bonus.stepDuration()), steps: Number(await bonus.steps()) },
  };
}

// ---------------------------------------------------------------- before the epoch: seed and assignment

const secretPath = (outDir: string, epoch: number) => join(outDir, "seeds", `epoch-${epoch}.secret`);

/**
 * Commits `epoch`'s seed (a fresh secret, kept in `<outDir>/seeds/`, never published before its reveal) if it is
 * still before the epoch's cut-off and none was committed. Returns whether it committed.
 */
export async function commitSeed(o: { manifest: Manifest; referee: Signer; epoch: number; outDir: string }): Promise<boolean> {
  const referee = contract(o.manifest, "CheckerReferee", o.referee);
  const now = (await o.referee.provider!.getBlock("latest"))!.timestamp;
  if (now >= cutoffOf(o.manifest.tgeTimestamp, o.epoch)) return false;
  if ((await referee.seedOf(o.epoch)).commitment !== ZERO_WORD) return false;
  const secret = "0x" + randomBytes(32).toString("hex");
  mkdirSync(join(o.outDir, "seeds"), { recursive: true });
  writeFileSync(secretPath(o.outDir, o.epoch), secret, { mode: 0o600 });
  const commitment = keccak256(AbiCoder.defaultAbiCoder().encode(["uint64", "bytes32"], [o.epoch, secret]));
  await (await referee.commitSeed(o.epoch, commitment)).wait();
  return true;
}

/** The custom error's name a contract call was refused with, or null if it was not refused by one. */
function refusal(contract: Contract, e: unknown): string | null {
  const data = (e as { data?: string; revert?: { name: string } }).revert?.name ?? ((e as { data?: string }).data && contract.interface.parseError((e as { data: string }).data)?.name);
  return data || null;
}

/** Waits for the chain to build another block (on a real chain, a few seconds pass; a local node mines one). */
export type AwaitBlock = () => Promise<void>;
const sleepForABlock: AwaitBlock = () => new Promise((r) => setTimeout(r, 2_000));

/**
 * Anchors and reveals `epoch`'s seed: the secret if this referee holds it and may still reveal it, else the fallback
 * seed once its block exists; anchors (again) only when the contract says none stands. Every decision comes from the
 * contract's own answers (a static call first), never from comparing the RPC's block number with the contract's:
 * on Arbitrum the RPC counts L2 blocks while `block.number` follows L1. Returns the seed.
 */
export async function revealSeed(o: { manifest: Manifest; referee: Signer; epoch: number; outDir: string; log?: (line: string) => void; awaitBlock?: AwaitBlock; maxWaits?: number }): Promise<string> {
  const referee = contract(o.manifest, "CheckerReferee", o.referee);
  const awaitBlock = o.awaitBlock ?? sleepForABlock;
  const path = secretPath(o.outDir, o.epoch);
  const secret = existsSync(path) ? readFileSync(path, "utf8").trim() : null;
  const attempt = async (name: "revealSeed" | "revealFallbackSeed" | "anchorSeed", ...args: unknown[]): Promise<string | null> => {
    const refused = await referee[name].staticCall(o.epoch, ...args).then(() => null, (e: unknown) => refusal(referee, e) ?? Promise.reject(e));
    if (refused) return refused;
    await (await referee[name](o.epoch, ...args)).wait();
    return null;
  };
  for (let waits = 0; waits <= (o.maxWaits ?? 1_000); waits++) {
    const s = await referee.seedOf(o.epoch);
    if (s.seed !== ZERO_WORD) return s.seed as string;
    if (Number(s.anchorBlock) === 0) {
      const refused = await attempt("anchorSeed");
      if (refused) throw new Error(`epoch ${o.epoch}'s seed can't be anchored: ${refused}`);
      continue;
    }
    if (!s.forfeited && secret !== null) {
      const refused = await attempt("revealSeed", secret);
      if (!refused) continue;
      if (refused === "AnchorNotMined") { await awaitBlock(); continue; }
      if (refused !== "RevealExpired") throw new Error(`epoch ${o.epoch}'s secret can't be revealed: ${refused}`);
    }
    const refused = await attempt("revealFallbackSeed");
    if (!refused) {
      o.log?.(`epoch ${o.epoch}: the secret was not revealed in time; the fallback seed applies`);
      continue;
    }
    if (refused === "FallbackNotReady") await awaitBlock();
    else if (refused === "FallbackExpired") await attempt("anchorSeed");
    else throw new Error(`epoch ${o.epoch}'s fallback seed can't be revealed: ${refused}`);
  }
  throw new Error(`epoch ${o.epoch}'s seed was not revealed after ${o.maxWaits ?? 1_000} blocks`);
}

export interface PreparedEpoch {
  file: AssignmentFile;
  jobs: JobLeaf[];
  tree: AssignmentTree | null;
  /** Whether the assignment was posted (false: no jobs, nothing frozen). */
  posted: boolean;
}

/**
 * After `epoch`'s cut-off: reveals its seed, computes its assignment from the frozen sets, writes
 * `epoch-<E>.assignment.json` and posts the root (if there is at least one job).
 */
export async function prepareEpoch(o: { provider: Provider; manifest: Manifest; referee: Signer; epoch: number; outDir: string; licenseView?: LicenseChainView; log?: (line: string) => void; awaitBlock?: AwaitBlock }): Promise<PreparedEpoch> {
  const log = o.log ?? (() => {});
  const referee = contract(o.manifest, "CheckerReferee", o.referee);
  const seed = await revealSeed(o);
  const frozen = await loadFrozenSets(o.provider, o.manifest, o.epoch, o.licenseView);
  const n = Number(await referee.n());
  const { file, jobs, tree } = computeAssignment(o.epoch, seed, n, frozen);
  mkdirSync(o.outDir, { recursive: true });
  const path = resolve(assignmentPath(o.outDir, o.epoch));
  writeAssignmentFile(path, file);
  if (!tree) {
    log(`epoch ${o.epoch}: nothing to assign (${frozen.licenses.length} licenses with an operator, ${frozen.containers.length} containers frozen)`);
    return { file, jobs, tree, posted: false };
  }
  await (await referee.postAssignment(o.epoch, tree.root, jobs.length, `file://${path}`)).wait();
  log(`epoch ${o.epoch}: assignment ${tree.root.slice(0, 10)} posted: ${jobs.length} jobs of ${2 * n + 1} licenses over ${frozen.containers.length} containers, from ${frozen.licenses.length} licenses frozen`);
  return { file, jobs, tree, posted: true };
}

// ---------------------------------------------------------------- after the epoch: settlement

export interface EpochReport {
  epoch: number;
  root: string;
  cumulativeTotal: string;
  /** The base pot split: the epoch's release plus what earlier epochs left and what was returned to the pools. */
  emission: string;
  basePaid: string;
  bonus: { quarter: number; step: string; paid: string; eligibleLicenses: number } | null;
  totalCorrect: number;
  /** The epoch's assignment root (zero: no assignment) and its job count. */
  assignment: { root: string; jobCount: number };
  /** Every valid signed result of the epoch (JSON lines), from which anyone can prove a job, and its keccak256. */
  results: string;
  resultsHash: string;
  rejected: Ingested["rejected"];
  equivocations: { job: number; licenseId: number }[];
  newlyStopped: number[];
  jobs: { jobId: string; job: number; container: string; verdict: "Pass" | "Fail" | null; pass: number; fail: number; silent: number }[];
  licenses: { licenseId: number; owner: string | null; assigned: number; correct: number; minority: number; missed: number; earned: string; withheld: string | null }[];
  accounts: { account: string; earned: string; cumulative: string }[];
  proofs: string;
}

export interface RunEpochOptions {
  provider: Provider;
  manifest: Manifest;
  /** Holds REFEREE_ROLE; also sends equivocation reports and job proofs. */
  referee: Signer;
  epoch: number;
  inputDir: string;
  outDir: string;
  /** Prove on chain, per container, as many failed jobs as a verdict-driven slash needs (HostSlashing's k). */
  proveFailedJobs?: boolean;
  log?: (line: string) => void;
  /**
   * The HTTP intake running in this process, if any: it closes the epoch's results itself (stops taking new ones,
   * finishes the group being synced, then writes the cut). Without it the cut is written here, and an intake in
   * another process reads it after each sync (epoch-close.ts).
   */
  intake?: { closeEpoch(epoch: number): Promise<EpochCut> };
}

/** Proves job `leaf` on chain from its valid results, unless the chain refuses (then says why). */
async function proveOnChain(referee: Contract, leaf: JobLeaf, proof: string[], signed: SignedResult[], log: (line: string) => void): Promise<boolean> {
  const args = jobProof(leaf, proof, signed);
  const refused = await referee.proveJob.staticCall(...args).then(() => null, (e: Error) => e);
  if (refused) {
    log(`job ${leaf.epoch}/${leaf.job} can't be proven on chain now (${errorName(refused)})`);
    return false;
  }
  await (await referee.proveJob(...args)).wait();
  return true;
}

/** Settles `epoch` from its assignment and the results in `inputDir`, writes the report and proofs, posts the root. */
export async function runEpoch(o: RunEpochOptions): Promise<{ settlement: Settlement; report: EpochReport; reportPath: string; compute?: ComputeEpochResult }> {
  const log = o.log ?? (() => {});
  const { manifest, provider } = o;
  const referee = contract(manifest, "CheckerReferee", o.referee);
  const statePath = join(o.outDir, "state.json");
  const state = readState(statePath);
  if (state.epoch !== o.epoch) throw new Error(`the referee's state is at epoch ${state.epoch}, not ${o.epoch}`);
  const schedule = await loadSchedule(provider, manifest);
  const end = epochEnd(schedule, o.epoch);
  // results are closed only for the epoch the chain settles next, once it has ended: closing another would refuse
  // results that could still count
  const next = Number(await referee.nextEpoch());
  if (next !== o.epoch) throw new Error(`Epoch ${o.epoch} is not the next to settle (the chain settles epoch ${next} next); settle epoch ${next}.`);
  const chainNow = (await provider.getBlock("latest"))!.timestamp;
  if (chainNow < end) throw new Error(`Epoch ${o.epoch} has not ended (it ends ${new Date(end * 1000).toISOString()} by chain time); settle it after that.`);
  const posted = await referee.assignmentOf(o.epoch);
  const loaded = loadAssignment(o.outDir, o.epoch);
  // only the assignment committed on chain counts: a file whose root is not the posted one is ignored
  const assignment = loaded?.tree && loaded.tree.root === posted.root ? loaded : undefined;
  const jobs = assignment?.jobs ?? [];
  const n = assignment ? assignment.file.n : Number(await referee.n());
  const license = contract(manifest, "CheckerLicense", provider);
  const view = await LicenseChainView.load(provider, license, manifest.contracts.CheckerLicense.blockNumber, await provider.getBlockNumber());
  // the cut first: from here a result the intake takes is answered "closed", and none answered "accepted" is missed
  const cut = o.intake ? await o.intake.closeEpoch(o.epoch) : closeEpochResults(o.inputDir, o.epoch);
  const results = readEpochResults(o.inputDir, o.epoch);
  log(`epoch ${o.epoch}: results closed at ${cut.closedAt} (${Object.entries(cut.files).map(([f, n]) => `${f}: ${n.toLocaleString("en-US")} bytes`).join(", ") || "no results files"})`);
  const verifier = new ResultVerifier(refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId));
  const ingested = ingest(verifier, o.epoch, jobs, results);
  log(`epoch ${o.epoch}: ${results.length} results for ${jobs.length} jobs; ${ingested.votes.length} valid, rejected ${JSON.stringify(ingested.rejected)}`);

  const reported = new Set<number>();
  for (const [a, b] of ingested.equivocations) {
    const licenseId = Number(a.result.licenseId);
    if (reported.has(licenseId)) continue; // one proof bans the license
    reported.add(licenseId);
    const leaf = jobs[a.result.job];
    const args = [leaf, assignment!.tree!.proof(leaf.job), leaf.licenseIds.indexOf(licenseId), voteOf(a), voteOf(b)] as const;
    const refused = await referee.reportEquivocation.staticCall(...args).then(() => null, (e: Error) => e);
    if (refused) {
      log(`license ${licenseId} signed both verdicts of job ${leaf.job}; can't be reported on chain now (${errorName(refused)})`);
      continue;
    }
    await (await referee.reportEquivocation(...args)).wait();
    log(`license ${licenseId} signed both verdicts of job ${leaf.job}: reported and banned on chain`);
  }
  const equivocated = new Set(ingested.equivocations.map(([a]) => `${jobKey(o.epoch, a.result.job)}:${Number(a.result.licenseId)}`));
  const returned = (await referee.returnedToPools()) as bigint;
  const settleJobs = jobs.map((j) => ({ jobId: jobKey(o.epoch, j.job), licenses: j.licenseIds }));
  const settlement = settleEpoch(schedule, n, settleJobs, ingested.votes, view.epochView(epochStart(schedule, o.epoch), end), state, equivocated, returned);

  if (o.proveFailedJobs && assignment) {
    const k = Number(await contract(manifest, "HostSlashing", provider).minFailedJobs());
    const proven = new Map<string, number>();
    for (const [i, j] of settlement.jobs.entries()) {
      const leaf = jobs[i];
      if (j.verdict !== Verdict.Fail || (proven.get(leaf.container) ?? 0) >= k) continue;
      const signed = (ingested.byJob.get(leaf.job) ?? []).filter((s) => !equivocated.has(`${j.jobId}:${Number(s.result.licenseId)}`));
      if (await proveOnChain(referee, leaf, assignment.tree!.proof(leaf.job), signed, log)) {
        proven.set(leaf.container, (proven.get(leaf.container) ?? 0) + 1);
        log(`job ${o.epoch}/${leaf.job} of container ${leaf.container.slice(0, 10)} proven on chain: Fail (${j.fail} of ${2 * n + 1})`);
      }
    }
  }

  mkdirSync(o.outDir, { recursive: true });
  const resultsName = `epoch-${o.epoch}.results.jsonl`;
  const published = [...ingested.byJob.values()].flat().concat(ingested.equivocations.map(([, b]) => b)).map(resultLine).join("\n") + "\n";
  writeFileSync(join(o.outDir, resultsName), published);
  const tree = buildTree(settlement.cumulative);
  const proofsName = `epoch-${o.epoch}.proofs.json`;
  writeJson(join(o.outDir, proofsName), proofsOf(tree, o.epoch, settlement.cumulativeTotal));
  const verdictName = (v: Verdict | null) => (v === Verdict.Pass ? "Pass" : v === Verdict.Fail ? "Fail" : null);
  const report: EpochReport = {
    epoch: o.epoch,
    root: tree.root,
    cumulativeTotal: settlement.cumulativeTotal.toString(),
    emission: settlement.emission.toString(),
    basePaid: settlement.basePaid.toString(),
    bonus: settlement.bonus && { ...settlement.bonus, step: settlement.bonus.step.toString(), paid: settlement.bonus.paid.toString() },
    totalCorrect: settlement.totalCorrect,
    assignment: { root: assignment ? assignment.tree!.root : ZERO_WORD, jobCount: jobs.length },
    results: resultsName,
    resultsHash: "0x" + Buffer.from(keccak_256(new TextEncoder().encode(published))).toString("hex"),
    rejected: ingested.rejected,
    equivocations: ingested.equivocations.map(([a]) => ({ job: a.result.job, licenseId: Number(a.result.licenseId) })),
    newlyStopped: settlement.newlyStopped,
    jobs: settlement.jobs.map((j, i) => ({ ...j, job: jobs[i].job, container: jobs[i].container, verdict: verdictName(j.verdict) })),
    licenses: settlement.licenses.map((l) => ({ ...l, earned: l.earned.toString() })),
    accounts: [...settlement.cumulative].map(([account, v]) => ({ account, earned: (settlement.earned.get(account) ?? 0n).toString(), cumulative: v.toString() })),
    proofs: proofsName,
  };
  const reportPath = resolve(o.outDir, `epoch-${o.epoch}.report.json`);
  writeJson(reportPath, report);

  await (await referee.postRoot(o.epoch, tree.root, settlement.cumulativeTotal, `file://${reportPath}`)).wait();
  writeJson(statePath, settlement.state);
  log(`epoch ${o.epoch}: root ${tree.root.slice(0, 10)} posted, ${tree.leaves.length} accounts, cumulative ${settlement.cumulativeTotal} wei`);
  // compute-provider rewards from the same verdicts (posted when the manifest has ComputeRewards)
  // (the checker root is posted by now: a failure here is logged, and the checker flow goes on)
  const compute = await runComputeEpoch({
    provider, manifest, referee: o.referee, epoch: o.epoch, outDir: o.outDir, end, jobs, settlement, log,
    assignment: assignment ? { cutoff: assignment.file.cutoff, containers: assignment.file.containers, root: assignment.tree!.root } : null,
    checkerReport: `epoch-${o.epoch}.report.json`,
  }).catch((e: Error) => {
    log(`epoch ${o.epoch}: compute rewards not settled: ${e.message}`);
    return undefined;
  });
  return { settlement, report, reportPath, compute };
}

/** Adopts the newest final root in the claims contract (draws its total from the pools), if there is a new one. */
export async function syncClaims(manifest: Manifest, signer: Signer): Promise<boolean> {
  const claims = contract(manifest, "RewardClaims", signer);
  const referee = contract(manifest, "CheckerReferee", signer);
  const [epoch, root] = await referee.finalRoot();
  if (root === ZERO_WORD || (root === (await claims.root()) && epoch === (await claims.syncedEpoch()))) return false;
  await (await claims.sync()).wait();
  return true;
}
