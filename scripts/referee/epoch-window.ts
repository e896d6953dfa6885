// What the referee's HTTP intake needs from the chain to take an epoch's results, kept current without a chain call
// per request: each epoch's posted assignment (its jobs recomputed from the published file once; the root re-read
// while the guardian may still veto it, frozen once final), whether the epoch is settled (its root posted: final for
// the intake, since roots are posted in order; an epoch whose settlement has only closed its results is the results
// store's to answer, see epoch-close.ts), and the license bans from CheckerLicense's LicenseBanned and
// LicenseUnbanned events, read incrementally from the last block seen. What can change is refreshed at most once per
// `ttlMs` by one shared call, never per request.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Contract, type EventLog, type Provider } from "ethers";
import type { JobLeaf } from "../lib/check-results.js";
import type { Manifest } from "../lib/manifest.js";
import type { AssignmentTree } from "./assignment.js";
import { loadAssignment } from "./service.js";

const DAY = 86_400;
const ZERO_WORD = "0x" + "00".repeat(32);

export interface OpenEpoch {
  jobs: JobLeaf[];
  tree: AssignmentTree;
  start: number;
  end: number;
}

/** Why an epoch takes no results. */
export type ClosedReason = "no-assignment" | "settled";

interface AssignmentEntry {
  root: string;
  finalAt: number;
  loaded?: { jobs: JobLeaf[]; tree: AssignmentTree };
}

export class EpochWindow {
  private tge = 0;
  private nextEpoch = 0;
  private chainTime = 0;
  private lastBlock: number;
  private refreshedAt = -Infinity;
  private refreshing: Promise<void> | undefined;
  private readonly assignments = new Map<number, AssignmentEntry>();
  /** licenseId -> [timestamp, bannedUntil] after every LicenseBanned (its end) and LicenseUnbanned (0), in log order. */
  private readonly bans = new Map<number, [number, number][]>();
  private readonly referee: Contract;
  private readonly license: Contract;

  constructor(
    private readonly provider: Provider,
    manifest: Manifest,
    private readonly outDir: string,
    private readonly ttlMs = 2_000,
  ) {
    const at = (name: string) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider);
    this.referee = at("CheckerReferee");
    this.license = at("CheckerLicense");
    this.lastBlock = (manifest.contracts.CheckerLicense.blockNumber ?? 0) - 1;
  }

  /** Brings the mutable part up to date if it is older than the TTL (one call in flight, shared). */
  async refresh(force = false): Promise<void> {
    if (!force && Date.now() - this.refreshedAt < this.ttlMs) return;
    this.refreshing ??= this.load().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async load() {
    const head = await this.provider.getBlock("latest");
    if (!head) throw new Error("the chain returned no latest block");
    if (this.tge === 0) this.tge = Number(await this.referee.tge());
    if (head.number > this.lastBlock) {
      const from = this.lastBlock + 1;
      const logs: EventLog[] = [
        ...(await this.license.queryFilter(this.license.filters.LicenseBanned(), from, head.number)),
        ...(await this.license.queryFilter(this.license.filters.LicenseUnbanned(), from, head.number)),
      ].filter((l): l is EventLog => "fragment" in l).sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
      const times = new Map<number, number>();
      for (const bn of new Set(logs.map((l) => l.blockNumber))) times.set(bn, (await this.provider.getBlock(bn))!.timestamp);
      for (const log of logs) {
        const id = Number(log.args.tokenId);
        let list = this.bans.get(id);
        if (!list) this.bans.set(id, (list = []));
        list.push([times.get(log.blockNumber)!, log.fragment.name === "LicenseBanned" ? Number(log.args.until) : 0]);
      }
      this.lastBlock = head.number;
    }
    this.nextEpoch = Number(await this.referee.nextEpoch());
    this.chainTime = head.timestamp;
    // re-read the roots that a guardian may still veto (a vetoed one reads as zero until posted again)
    for (const [epoch, a] of this.assignments) {
      if (a.finalAt !== 0 && a.finalAt <= this.chainTime) continue;
      await this.readAssignment(epoch);
    }
    this.refreshedAt = Date.now();
  }

  private async readAssignment(epoch: number) {
    const posted = await this.referee.assignmentOf(epoch);
    const root = String(posted.root);
    const old = this.assignments.get(epoch);
    const entry: AssignmentEntry = { root, finalAt: Number(posted.finalAt), loaded: old?.root === root ? old.loaded : undefined };
    this.assignments.set(epoch, entry);
    return entry;
  }

  /**
   * The epoch's committed jobs if it takes results now: its assignment is posted on chain and published with the same
   * root, and its reward root is not posted (nor its report written by a settlement under way). Whether its
   * settlement has closed its results already is asked of the results store (ResultsStore.isClosed).
   */
  async open(epoch: number): Promise<OpenEpoch | ClosedReason> {
    await this.refresh();
    // an assignment is posted before its epoch starts, at most a day ahead: later epochs cost no chain call
    if (epoch > Math.floor((this.chainTime - this.tge) / DAY) + 1) return "no-assignment";
    if (epoch < this.nextEpoch || existsSync(join(this.outDir, `epoch-${epoch}.report.json`))) return "settled";
    const entry = this.assignments.get(epoch) ?? (await this.readAssignment(epoch));
    if (entry.root === ZERO_WORD) return "no-assignment";
    if (!entry.loaded) {
      const loaded = loadAssignment(this.outDir, epoch);
      // only the assignment committed on chain counts: a file with another root is not this epoch's
      if (!loaded?.tree || loaded.tree.root !== entry.root) return "no-assignment";
      entry.loaded = { jobs: loaded.jobs, tree: loaded.tree };
    }
    return { ...entry.loaded, start: this.tge + epoch * DAY, end: this.tge + (epoch + 1) * DAY };
  }

  /** Whether `licenseId` was banned at some instant of [start, end), as the settlement counts it (chain.ts epochView). */
  bannedDuring(licenseId: number, start: number, end: number): boolean {
    const bans = this.bans.get(licenseId) ?? [];
    const bannedAt = (t: number) => {
      let last: [number, number] | undefined;
      for (const e of bans) if (e[0] <= t) last = e;
      return last !== undefined && last[1] >= t;
    };
    if (start >= end) return false;
    if (bannedAt(start)) return true;
    // between two changes `bannedUntil >= t` only turns false as t grows: look at each change inside the epoch
    return bans.some(([t, until], i) => t > start && t < end && until >= t && bans[i + 1]?.[0] !== t);
  }

  /** The chain's time at the last refresh. */
  now(): number {
    return this.chainTime;
  }
}
