// The checker daemon's loop. Each round: the epoch by chain time; the licenses delegated to this operator; for each,
// its committed jobs of the epoch (verified against the root on chain); each job's container probed once (probes.ts),
// the verdict signed, journaled with fsync (journal.ts) and only then queued; then every unanswered journaled result
// is sent to the referee in batches. An outage of the referee, the indexer or the RPC only delays: the queue is the
// journal on disk, so results signed before a crash or a restart are sent after it, never signed again.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Contract, type JsonRpcProvider, type Wallet } from "ethers";
import { refereeDomain, signResult, type CheckResult } from "../lib/check-results.js";
import type { Manifest } from "../lib/manifest.js";
import { DAY } from "../lib/tokenomics.js";
import { epochStart, type CheckerSchedule } from "../referee/schedule.js";
import { AssignmentError, committedRoot, licenseJobs } from "./assignments.js";
import { Journal, resultKey, type Measured } from "./journal.js";
import { checked, fetchStandings, licenseStates, type LicenseState, type Standing } from "./license-state.js";
import { discoverLicenses } from "./licenses.js";
import type { CheckerMetrics } from "./metrics.js";
import { metricsHash, probe, type ProbeOptions } from "./probes.js";
import { postBatch, RefereeUnreachable, RETRIED_REFUSALS } from "./submit.js";
import { Verdict } from "../lib/check-results.js";

export type Log = (level: "info" | "warn" | "error", msg: string, fields?: Record<string, unknown>) => void;

export const jsonLog: Log = (level, msg, fields = {}) =>
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n");

export interface DaemonOptions {
  wallet: Wallet;
  manifest: Manifest;
  provider: JsonRpcProvider;
  refereeUrl: string;
  api?: string;
  /** Container id (bytes32, lower case) -> the URL of its agent. */
  endpoints: Record<string, string>;
  dataDir: string;
  probes: ProbeOptions;
  batchSize: number;
  /** How often each license's standing (the referee's minority rule) is read again within an epoch, in ms. */
  standingTtlMs?: number;
  metrics: CheckerMetrics;
  log: Log;
  /**
   * A fault mode for demonstrations and tests (the hidden `--invert-verdicts` flag, README "Run a checker node"): signs
   * the opposite of every verdict it measured, as a lying operator would. An honest daemon never sets it.
   */
  invertVerdicts?: boolean;
}

export interface DaemonStatus {
  healthy: boolean;
  address: string;
  epoch: number | null;
  nextEpochAt: string | null;
  licenseSource: string | null;
  /** Every license's state, with its sentence (license-state.ts). */
  licenses: LicenseState[];
  journaled: number;
  queued: number;
  reachable: Record<"referee" | "indexer" | "rpc", boolean>;
  refused: Record<string, number>;
  lastRoundAt: string | null;
}

export class CheckerDaemon {
  readonly journal: Journal;
  private readonly license: Contract;
  private readonly referee: Contract;
  private schedule: Pick<CheckerSchedule, "tge"> | undefined;
  private readonly warned = new Set<string>();
  /** Every license's state last round (or before the restart, from status.json). */
  private previous: LicenseState[] = [];
  /** The referee's standing of each license, read once per epoch (and again after standingTtlMs). */
  private standings = new Map<number, Standing | null>();
  private standingsRead: { epoch: number; at: number } | undefined;
  /** An epoch's verified jobs per license: they never change once committed, so they are read once. */
  private readonly jobsOf = new Map<string, import("../lib/check-results.js").JobLeaf[]>();
  readonly status: DaemonStatus;

  constructor(private readonly o: DaemonOptions) {
    this.journal = new Journal(join(o.dataDir, "journal.jsonl"));
    const at = (name: string) => new Contract(o.manifest.contracts[name].address, o.manifest.contracts[name].abi as never, o.provider);
    this.license = at("CheckerLicense");
    this.referee = at("CheckerReferee");
    this.status = {
      healthy: false,
      address: o.wallet.address,
      epoch: null,
      nextEpochAt: null,
      licenseSource: null,
      licenses: [],
      journaled: this.journal.size,
      queued: this.journal.pending().length,
      reachable: { referee: false, indexer: false, rpc: false },
      refused: {},
      lastRoundAt: null,
    };
    o.metrics.queued.set(this.status.queued);
    const previous = join(o.dataDir, "status.json");
    if (existsSync(previous)) {
      try {
        const last = JSON.parse(readFileSync(previous, "utf8")) as DaemonStatus;
        // a status written before states had their fields: what it lacks reads as unknown
        this.previous = last.licenses.map((l) => ({ ...l, expires: l.expires ?? null, bannedUntil: l.bannedUntil ?? null, since: l.since ?? null, standing: l.standing ?? null }));
      } catch {
        // an unreadable status only loses the "no longer delegated" warnings
      }
    }
  }

  private reach(service: "referee" | "indexer" | "rpc", up: boolean) {
    this.status.reachable[service] = up;
    this.o.metrics.reachable.set({ service }, up ? 1 : 0);
  }

  private warnOnce(key: string, msg: string, fields?: Record<string, unknown>) {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.o.log("warn", msg, fields);
  }

  /** One round: check what is due, then send what is queued. */
  async round(): Promise<void> {
    const { o } = this;
    let epoch: number | undefined;
    try {
      // the schedule's start (the referee's TGE) and the chain's clock, not this machine's
      this.schedule ??= { tge: Number(await this.referee.tge()) };
      const now = (await o.provider.getBlock("latest"))!.timestamp;
      epoch = Math.max(0, Math.floor((now - this.schedule.tge) / DAY));
      this.status.epoch = epoch;
      this.status.nextEpochAt = new Date(epochStart(this.schedule as CheckerSchedule, epoch + 1) * 1000).toISOString();
      o.metrics.epoch.set(epoch);
      this.reach("rpc", true);
    } catch (e) {
      this.reach("rpc", false);
      o.log("warn", "the RPC endpoint is unreachable: checking waits, queued results are still sent", { error: (e as Error).message.split("\n")[0] });
    }
    if (epoch !== undefined) await this.check(epoch).catch((e: unknown) => o.log("error", "checking stopped for this round", { error: (e as Error).message.split("\n")[0] }));
    await this.flush(epoch);
    this.status.lastRoundAt = new Date().toISOString();
    this.status.journaled = this.journal.size;
    this.status.healthy = this.status.reachable.rpc && this.status.reachable.referee;
    writeFileSync(join(o.dataDir, "status.json"), JSON.stringify(this.status, null, 2) + "\n");
  }

  private async check(epoch: number): Promise<void> {
    const { o } = this;
    const found = await discoverLicenses({ api: o.api, provider: o.provider, license: this.license, operator: o.wallet.address });
    if (o.api) this.reach("indexer", found.source === "indexer");
    if (found.fallbackReason && o.api) o.log("warn", "licenses read from the license contract over RPC", { reason: found.fallbackReason });
    this.status.licenseSource = found.source;
    const now = (await o.provider.getBlock("latest"))!.timestamp;
    await this.readStandings(epoch, found.licenses.map((l) => l.id));
    const states = licenseStates(found.licenses, this.standings, this.previous, now);
    const before = new Map(this.previous.map((l) => [l.id, l.state]));
    for (const l of states) {
      const was = before.get(l.id);
      if (was === undefined ? l.state === "delegated" : was === l.state) continue;
      // the sentence once per change of state, so the log says when and why a license stopped (or started) earning
      if (l.state === "undelegated") o.log("warn", `License ${l.id} is no longer delegated to this operator (revoked, expired or transferred): it is not checked; its owner can delegate it again with \`npm run cli -- delegate\`.`, { licenseId: l.id });
      else o.log(l.state === "delegated" ? "info" : "warn", l.sentence, { licenseId: l.id, state: l.state });
    }
    this.status.licenses = states;
    this.previous = states;
    o.metrics.licenseState.reset();
    o.metrics.minority.reset();
    for (const state of ["delegated", "stopped", "banned", "expired", "undelegated"] as const) o.metrics.licenses.set({ state }, states.filter((l) => l.state === state).length);
    for (const l of states) {
      o.metrics.licenseState.set({ license: String(l.id), state: l.state }, 1);
      if (l.standing) o.metrics.minority.set({ license: String(l.id) }, l.standing.minorityEpochs.length);
    }
    for (const k of this.jobsOf.keys()) if (!k.startsWith(`${epoch}/`)) this.jobsOf.delete(k);
    const root = await committedRoot(this.referee, epoch);
    if (!root) {
      this.warnOnce(`noroot-${epoch}`, "no assignment is committed on chain for this epoch yet", { epoch });
      return;
    }
    const domain = refereeDomain(o.manifest.contracts.CheckerReferee.address, o.manifest.chainId);
    const probes = new Map<string, Promise<{ verdict: Verdict; measured: Measured }>>();
    for (const l of states.filter((x) => checked(x.state))) {
      let jobs;
      try {
        const cacheKey = `${epoch}/${l.id}`;
        jobs = this.jobsOf.get(cacheKey);
        if (!jobs) {
          const read = await licenseJobs(o.refereeUrl, epoch, l.id, o.wallet.address, root);
          this.reach("referee", true);
          if (!read) {
            this.warnOnce(`unpublished-${epoch}`, "the referee has not published this epoch's assignment yet", { epoch });
            continue;
          }
          this.jobsOf.set(cacheKey, (jobs = read));
        }
      } catch (e) {
        if (e instanceof AssignmentError) {
          o.log("error", e.message, { epoch, licenseId: l.id });
          continue;
        }
        this.reach("referee", false);
        o.log("warn", "the referee is unreachable: assignments are read again next round", { error: (e as Error).message });
        return;
      }
      for (const leaf of jobs) {
        const key = resultKey(epoch, leaf.job, l.id);
        if (this.journal.get(key)) continue; // journaled before (maybe before a restart): never signed again
        const container = leaf.container.toLowerCase();
        const url = o.endpoints[container];
        if (!url) {
          this.warnOnce(`noendpoint-${container}`, "no endpoint known for a committed container: its jobs are not checked (add it to --endpoints)", { container });
          continue;
        }
        let p = probes.get(container);
        if (!p) probes.set(container, (p = probe(url, container, o.probes)));
        const probed = await p;
        const measured = probed.measured;
        const verdict = o.invertVerdicts ? (probed.verdict === Verdict.Pass ? Verdict.Fail : Verdict.Pass) : probed.verdict;
        const result: CheckResult = { epoch: BigInt(epoch), job: leaf.job, container, licenseId: BigInt(l.id), verdict, metricsHash: metricsHash(epoch, leaf.job, container, measured) };
        const signed = this.journal.record(await signResult(o.wallet, domain, result), measured);
        o.metrics.signed.inc();
        o.metrics.jobsChecked.inc({ verdict: Verdict[signed.result.verdict] });
        o.log("info", "job checked", { epoch, job: leaf.job, licenseId: l.id, container, verdict: Verdict[verdict], reason: measured.reason, latencyMs: measured.latencyMs });
      }
    }
  }

  /** Reads the referee's standing of every license at the start of each epoch and every standingTtlMs after. */
  private async readStandings(epoch: number, ids: number[]): Promise<void> {
    const fresh = this.standingsRead && this.standingsRead.epoch === epoch && Date.now() - this.standingsRead.at < (this.o.standingTtlMs ?? 600_000);
    // a standing the referee could not give (down, or an older referee) is asked again next round
    const missing = ids.filter((id) => !this.standings.get(id));
    if (fresh && !missing.length) return;
    const read = await fetchStandings(this.o.refereeUrl, fresh ? missing : ids);
    for (const [id, s] of read) this.standings.set(id, s);
    const wanted = new Set(ids);
    for (const id of this.standings.keys()) if (!wanted.has(id)) this.standings.delete(id);
    if (!fresh) this.standingsRead = { epoch, at: Date.now() };
  }

  /**
   * Sends every journaled result the referee has not answered, in batches. A result is answered for good (never sent
   * again) when the referee took it or refused it for the result itself, or because its epoch is closed or settled;
   * refused as "store-failed" (the referee's disk), it stays queued and is sent again next round.
   */
  async flush(epoch: number | undefined): Promise<void> {
    const { o } = this;
    // pending() syncs the journal: no signature leaves before its verdict is on disk
    let pending = this.journal.pending();
    if (epoch !== undefined) {
      // the referee settles an epoch after it ends: a result older than the previous epoch can no longer count
      const stale = pending.filter((s) => Number(s.result.epoch) < epoch - 1);
      this.journal.answer(stale.map((s) => resultKey(s.result.epoch, s.result.job, s.result.licenseId)), "expired");
      if (stale.length) o.log("warn", "results whose epoch's window passed before the referee answered are dropped", { count: stale.length });
      pending = pending.filter((s) => Number(s.result.epoch) >= epoch - 1);
    }
    for (let i = 0; i < pending.length; i += o.batchSize) {
      const batch = pending.slice(i, i + o.batchSize);
      try {
        const answer = await postBatch(o.refereeUrl, batch);
        this.reach("referee", true);
        const retried = new Set(batch.flatMap((_, k) => (answer.results[k]?.status === "refused" && RETRIED_REFUSALS.has(answer.results[k].reason ?? "") ? [k] : [])));
        this.journal.answer(batch.filter((_, k) => !retried.has(k)).map((s) => resultKey(s.result.epoch, s.result.job, s.result.licenseId)), "answered");
        // a final refusal's sentence once per epoch and reason (not per result, nor per round); a retried one per batch
        answer.results.forEach((v, k) => {
          if (v.status !== "refused" || !v.reason || RETRIED_REFUSALS.has(v.reason)) return;
          const e = Number(batch[k].result.epoch);
          this.warnOnce(`refused-${v.reason}-${e}`, v.sentence ?? `the referee refused a result (${v.reason})`, { epoch: e, reason: v.reason, final: true });
        });
        if (retried.size) o.log("warn", "the referee could not store some results: they stay queued and are sent again next round", { count: retried.size });
        o.metrics.submitted.inc(answer.accepted);
        for (const [reason, n] of Object.entries(answer.rejected)) {
          o.metrics.refused.inc({ reason }, n);
          this.status.refused[reason] = (this.status.refused[reason] ?? 0) + n;
        }
        o.log(Object.keys(answer.rejected).length ? "warn" : "info", "results sent to the referee", { sent: batch.length, accepted: answer.accepted, refused: answer.rejected });
      } catch (e) {
        if (e instanceof RefereeUnreachable) {
          this.reach("referee", false);
          o.log("warn", "the referee is unreachable: results stay queued on disk and are sent again next round", { queued: pending.length - i, error: e.message });
          break;
        }
        o.log("error", (e as Error).message, { batch: batch.length });
        break;
      }
    }
    this.status.queued = this.journal.pending().length;
    o.metrics.queued.set(this.status.queued);
  }
}
