// What the minority rule says of one license, from what the referee settled: its carried state (state.json: the
// epochs of the minority results still in the 7-epoch window, and the last epoch whose earnings are stopped) and its
// line in each settled epoch's report of that window (assigned, correct, minority, missed, earned, withheld). The
// rule lives off chain (settle.ts), so this is the only place an owner or operator can read why a license earned
// nothing. Served by the referee's GET /licenses/<id> (server.ts).
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { EARNINGS_STOP, MINORITY_LIMIT, MINORITY_WINDOW } from "./settle.js";
import { readState, type EpochReport } from "./service.js";

const DAY = 86_400;

export type ReportLine = Omit<EpochReport["licenses"][number], "licenseId">;

export interface LicenseStanding {
  licenseId: number;
  /** The newest settled epoch (null: none yet). */
  settledThrough: number | null;
  /** The current epoch by the chain's clock, and that clock (ISO). */
  epoch: number;
  chainTime: string;
  rule: { windowEpochs: number; limit: number; stopEpochs: number };
  /** Epochs of the license's minority results that still count (one entry per result), oldest first. */
  minorityEpochs: number[];
  /**
   * Earnings stopped by the minority rule: from `fromEpoch` (the epoch whose minority result last started or renewed
   * the 30-epoch stop) to `untilEpoch` inclusive, with the dates they span; `active` when the current epoch is in it.
   */
  stopped: { fromEpoch: number; untilEpoch: number; from: string; until: string; active: boolean } | null;
  /** The license's line in each settled epoch of the window, newest first (epochs it had no job in are left out). */
  epochs: ({ epoch: number } & ReportLine)[];
}

interface IndexedReport {
  mtime: number;
  lines: Map<number, ReportLine>;
}

/** Reads settled reports once per file version and keeps one index per epoch of the window. */
export class LicenseStandings {
  private readonly reports = new Map<number, IndexedReport>();

  constructor(private readonly outDir: string) {}

  private report(epoch: number): IndexedReport | undefined {
    const path = join(this.outDir, `epoch-${epoch}.report.json`);
    if (!existsSync(path)) return undefined;
    const mtime = statSync(path).mtimeMs;
    let r = this.reports.get(epoch);
    if (!r || r.mtime !== mtime) {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as EpochReport;
      const lines = new Map<number, ReportLine>();
      for (const { licenseId, ...line } of parsed.licenses) lines.set(licenseId, line);
      this.reports.set(epoch, (r = { mtime, lines }));
    }
    return r;
  }

  /** The standing of `licenseId` at chain time `now`, epochs counted from `tge`. */
  of(licenseId: number, tge: number, now: number): LicenseStanding {
    const state = readState(join(this.outDir, "state.json"));
    const settledThrough = state.epoch > 0 ? state.epoch - 1 : null;
    const epoch = Math.max(0, Math.floor((now - tge) / DAY));
    // only the window's reports are kept: older ones no longer count for the rule
    const first = settledThrough === null ? 0 : Math.max(0, settledThrough - MINORITY_WINDOW + 1);
    for (const e of this.reports.keys()) if (e < first) this.reports.delete(e);
    const epochs: LicenseStanding["epochs"] = [];
    if (settledThrough !== null) {
      for (let e = settledThrough; e >= first; e--) {
        const line = this.report(e)?.lines.get(licenseId);
        if (line) epochs.push({ epoch: e, ...line });
      }
    }
    const key = String(licenseId);
    const minorityEpochs = [...(state.minority?.[key] ?? [])].sort((a, b) => a - b);
    const until = state.stoppedUntil?.[key];
    const iso = (t: number) => new Date(t * 1000).toISOString();
    const stopped =
      until === undefined
        ? null
        : { fromEpoch: until - EARNINGS_STOP + 1, untilEpoch: until, from: iso(tge + (until - EARNINGS_STOP + 1) * DAY), until: iso(tge + (until + 1) * DAY), active: epoch <= until };
    return {
      licenseId,
      settledThrough,
      epoch,
      chainTime: iso(now),
      rule: { windowEpochs: MINORITY_WINDOW, limit: MINORITY_LIMIT, stopEpochs: EARNINGS_STOP },
      minorityEpochs,
      stopped,
      epochs,
    };
  }
}
