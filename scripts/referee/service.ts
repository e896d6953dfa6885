// The referee service (SPEC §5): ingests an epoch's signed results, verifies them off chain as the contract would,
// reports equivocations on chain, settles the epoch (settle.ts), builds the cumulative tree, writes the files
// claimants and the indexer fetch, posts the root, and — once the challenge window has passed — syncs the claims
// contract to it. Optionally proves failed jobs on chain (the input of cloud-host slashing).
import { mkdirSync, readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Contract, type Provider, type Signer } from "ethers";
import { jobProof, refereeDomain, type SignedResult } from "../lib/check-results.js";
import type { Manifest } from "../lib/manifest.js";
import { LicenseChainView } from "./chain.js";
import { epochEnd, epochStart, type CheckerSchedule } from "./schedule.js";
import { initialState, settleEpoch, Verdict, type RefereeState, type Settlement, type Vote } from "./settle.js";
import { buildTree, proofsOf, writeJson } from "./tree.js";
import { ResultVerifier, type Rejection } from "./verify.js";
import type { SimJob } from "./simulator.js";

export type EpochJob = Pick<SimJob, "jobId" | "container" | "licenses">;

const errorName = (e: Error & { revert?: { name: string; args: unknown[] } }) => (e.revert ? `${e.revert.name}(${e.revert.args.join(", ")})` : e.message.slice(0, 80));

// ---------------------------------------------------------------- files

/** A signed result as one JSON line (epoch and license id as decimal strings). */
export const resultLine = (s: SignedResult) => JSON.stringify({ ...s, result: { ...s.result, epoch: s.result.epoch.toString(), licenseId: s.result.licenseId.toString() } });

/** A signed result read from JSON (epoch and license id as strings or numbers). */
export const parseResult = (s: SignedResult): SignedResult => ({ ...s, result: { ...s.result, epoch: BigInt(s.result.epoch), licenseId: BigInt(s.result.licenseId) } });

/** Where an epoch's inputs live: `<dir>/epoch-<E>/jobs.json` and `<dir>/epoch-<E>/results/*.jsonl`. */
export function writeEpochInput(dir: string, epoch: number, jobs: EpochJob[], results: SignedResult[], batch = "results") {
  const base = join(dir, `epoch-${epoch}`);
  mkdirSync(join(base, "results"), { recursive: true });
  writeFileSync(join(base, "jobs.json"), JSON.stringify(jobs.map(({ jobId, container, licenses }) => ({ jobId, container, licenses }))));
  writeFileSync(join(base, "results", `${batch}.jsonl`), results.map(resultLine).join("\n") + "\n");
}

export function readEpochInput(dir: string, epoch: number): { jobs: EpochJob[]; results: SignedResult[] } {
  const base = join(dir, `epoch-${epoch}`);
  const jobs = JSON.parse(readFileSync(join(base, "jobs.json"), "utf8")) as EpochJob[];
  const results: SignedResult[] = [];
  const resultsDir = join(base, "results");
  for (const f of existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith(".jsonl")).sort() : []) {
    for (const line of readFileSync(join(resultsDir, f), "utf8").split("\n")) {
      if (!line.trim()) continue;
      results.push(parseResult(JSON.parse(line) as SignedResult));
    }
  }
  return { jobs, results };
}

export function readState(path: string): RefereeState {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as RefereeState) : initialState();
}

// ---------------------------------------------------------------- ingest

export interface Ingested {
  votes: Vote[];
  rejected: Partial<Record<Rejection | "unknown-job" | "not-assigned" | "wrong-job-fields" | "banned", number>>;
  /** Pairs of valid results of one license with different verdicts for one job. */
  equivocations: [SignedResult, SignedResult][];
  /** Valid results by job, for on-chain proofs. */
  byJob: Map<string, SignedResult[]>;
}

/** Verifies every result against the job list and the licenses' checkers at `at` (the epoch's end). */
export function ingest(verifier: ResultVerifier, view: LicenseChainView, epoch: number, at: number, jobs: EpochJob[], results: SignedResult[]): Ingested {
  const jobOf = new Map(jobs.map((j) => [j.jobId, j]));
  const rejected: Ingested["rejected"] = {};
  const reject = (why: keyof Ingested["rejected"]) => (rejected[why] = (rejected[why] ?? 0) + 1);
  const first = new Map<string, SignedResult>();
  const equivocations: [SignedResult, SignedResult][] = [];
  const byJob = new Map<string, SignedResult[]>();
  for (const s of results) {
    const r = s.result;
    const job = jobOf.get(r.jobId);
    if (!job) { reject("unknown-job"); continue; }
    if (r.container !== job.container || Number(r.epoch) !== epoch) { reject("wrong-job-fields"); continue; }
    const licenseId = Number(r.licenseId);
    if (!job.licenses.includes(licenseId)) { reject("not-assigned"); continue; }
    const checker = view.checkerAt(licenseId, at);
    if (checker === null) { reject("wrong-signer"); continue; }
    const why = verifier.check(s, checker);
    if (why) { reject(why); continue; }
    if (view.bannedAt(licenseId, at)) { reject("banned"); continue; }
    const key = `${r.jobId}:${licenseId}`;
    const seen = first.get(key);
    if (seen) {
      if (seen.result.verdict !== r.verdict) equivocations.push([seen, s]);
      continue;
    }
    first.set(key, s);
    let list = byJob.get(r.jobId);
    if (!list) byJob.set(r.jobId, (list = []));
    list.push(s);
  }
  const votes: Vote[] = [...first.values()].map((s) => ({ jobId: s.result.jobId, licenseId: Number(s.result.licenseId), verdict: s.result.verdict as unknown as Verdict }));
  return { votes, rejected, equivocations, byJob };
}

// ---------------------------------------------------------------- chain

export async function loadSchedule(provider: Provider, manifest: Manifest): Promise<CheckerSchedule> {
  const at = (name: string) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider);
  const [base, bonus, referee] = [at("CheckerBaseRewardPool"), at("CheckerBonusRewardPool"), at("CheckerReferee")];
  return {
    tge: Number(await referee.tge()),
    base: { allocation: await base.allocation(), start: Number(await base.start()), duration: Number(await base.duration()) },
    bonus: { allocation: await bonus.allocation(), start: Number(await bonus.start()), stepDuration: Number(await bonus.stepDuration()), steps: Number(await bonus.steps()) },
  };
}

export interface EpochReport {
  epoch: number;
  root: string;
  cumulativeTotal: string;
  emission: string;
  basePaid: string;
  bonus: { quarter: number; step: string; paid: string; eligibleLicenses: number } | null;
  totalCorrect: number;
  rejected: Ingested["rejected"];
  equivocations: { jobId: string; licenseId: number }[];
  newlyStopped: number[];
  jobs: { jobId: string; verdict: "Pass" | "Fail" | null; pass: number; fail: number; silent: number }[];
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
  /** Prove on chain every failed job that has all its 2N + 1 results (the input of slashing). */
  proveFailedJobs?: boolean;
  log?: (line: string) => void;
}

/** Settles `epoch` from the files in `inputDir`, writes the report and proofs to `outDir`, and posts the root. */
export async function runEpoch(o: RunEpochOptions): Promise<{ settlement: Settlement; report: EpochReport; reportPath: string }> {
  const log = o.log ?? (() => {});
  const { manifest, provider } = o;
  const refereeContract = new Contract(manifest.contracts.CheckerReferee.address, manifest.contracts.CheckerReferee.abi as never, o.referee);
  const statePath = join(o.outDir, "state.json");
  const state = readState(statePath);
  if (state.epoch !== o.epoch) throw new Error(`the referee's state is at epoch ${state.epoch}, not ${o.epoch}`);
  const schedule = await loadSchedule(provider, manifest);
  const n = Number(await refereeContract.n());
  const license = new Contract(manifest.contracts.CheckerLicense.address, manifest.contracts.CheckerLicense.abi as never, provider);
  const head = await provider.getBlockNumber();
  const view = await LicenseChainView.load(provider, license, manifest.contracts.CheckerLicense.blockNumber, head);
  const { jobs, results } = readEpochInput(o.inputDir, o.epoch);
  const verifier = new ResultVerifier(refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId));
  const end = epochEnd(schedule, o.epoch);
  const ingested = ingest(verifier, view, o.epoch, end - 1, jobs, results);
  log(`epoch ${o.epoch}: ${results.length} results for ${jobs.length} jobs; ${ingested.votes.length} valid, rejected ${JSON.stringify(ingested.rejected)}`);

  const reported = new Set<number>();
  for (const [a, b] of ingested.equivocations) {
    const licenseId = Number(a.result.licenseId);
    if (reported.has(licenseId)) continue; // one proof bans the license
    reported.add(licenseId);
    // on chain, the signer must still be the license's checker and the license not banned yet
    const refused = await refereeContract.reportEquivocation.staticCall(a, b).then(() => null, (e: Error) => e);
    if (refused) {
      log(`license ${licenseId} signed both verdicts of job ${a.result.jobId.slice(0, 10)}; can't be reported on chain now (${errorName(refused)})`);
      continue;
    }
    await (await refereeContract.reportEquivocation(a, b)).wait();
    log(`license ${licenseId} signed both verdicts of job ${a.result.jobId.slice(0, 10)}: reported and banned on chain`);
  }
  const equivocated = new Set(ingested.equivocations.map(([a]) => `${a.result.jobId}:${Number(a.result.licenseId)}`));
  const settlement = settleEpoch(schedule, n, jobs, ingested.votes, view.epochView(epochStart(schedule, o.epoch), end), state, equivocated);

  if (o.proveFailedJobs) {
    for (const j of settlement.jobs) {
      if (j.verdict !== Verdict.Fail) continue;
      const signed = (ingested.byJob.get(j.jobId) ?? []).filter((s) => !equivocated.has(`${s.result.jobId}:${Number(s.result.licenseId)}`));
      if (signed.length !== 2 * n + 1) continue;
      // on chain, every signer must still be its license's checker and no license banned
      const refused = await refereeContract.proveJob.staticCall(...jobProof(signed)).then(() => null, (e: Error) => e);
      if (refused) {
        log(`job ${j.jobId.slice(0, 10)} failed but can't be proven on chain now (${errorName(refused)})`);
        continue;
      }
      await (await refereeContract.proveJob(...jobProof(signed))).wait();
      log(`job ${j.jobId.slice(0, 10)} proven on chain: Fail (${j.fail} of ${2 * n + 1})`);
    }
  }

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
    rejected: ingested.rejected,
    equivocations: ingested.equivocations.map(([a]) => ({ jobId: a.result.jobId, licenseId: Number(a.result.licenseId) })),
    newlyStopped: settlement.newlyStopped,
    jobs: settlement.jobs.map((j) => ({ ...j, verdict: verdictName(j.verdict) })),
    licenses: settlement.licenses.map((l) => ({ ...l, earned: l.earned.toString() })),
    accounts: [...settlement.cumulative].map(([account, v]) => ({ account, earned: (settlement.earned.get(account) ?? 0n).toString(), cumulative: v.toString() })),
    proofs: proofsName,
  };
  const reportPath = resolve(o.outDir, `epoch-${o.epoch}.report.json`);
  writeJson(reportPath, report);

  await (await refereeContract.postRoot(o.epoch, tree.root, settlement.cumulativeTotal, `file://${reportPath}`)).wait();
  writeJson(statePath, settlement.state);
  log(`epoch ${o.epoch}: root ${tree.root.slice(0, 10)} posted, ${tree.leaves.length} accounts, cumulative ${settlement.cumulativeTotal} wei`);
  return { settlement, report, reportPath };
}

/** Adopts the newest final root in the claims contract (draws its total from the pools), if there is a new one. */
export async function syncClaims(manifest: Manifest, signer: Signer): Promise<boolean> {
  const claims = new Contract(manifest.contracts.RewardClaims.address, manifest.contracts.RewardClaims.abi as never, signer);
  const referee = new Contract(manifest.contracts.CheckerReferee.address, manifest.contracts.CheckerReferee.abi as never, signer);
  const [epoch, root] = await referee.finalRoot();
  if (root === "0x" + "00".repeat(32) || (root === (await claims.root()) && epoch === (await claims.syncedEpoch()))) return false;
  await (await claims.sync()).wait();
  return true;
}
