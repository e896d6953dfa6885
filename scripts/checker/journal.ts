// The verdict journal: one JSON line per signed verdict, fsynced before its signature leaves the process, and one per
// referee answer. On a restart the daemon reads it back and re-sends the journaled signature of a job instead of
// checking it again, so a crash anywhere (after signing, after journaling, after sending) never produces a second,
// different verdict for the same (epoch, job, license): that would be an equivocation, and the referee bans for it.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { SignedResult } from "../lib/check-results.js";
import { parseResult } from "../referee/service.js";

export const resultKey = (epoch: number | bigint, job: number, licenseId: number | bigint) => `${epoch}/${job}/${licenseId}`;

export interface Measured {
  live: boolean;
  latencyMs: number | null;
  challenge: { n: number; rounds: number; passed: boolean } | null;
  reason: string;
}

interface VerdictLine {
  t: "verdict";
  key: string;
  signed: SignedResult;
  measured: Measured;
}
interface AnswerLine {
  t: "answer";
  key: string;
  /** "answered": the referee answered its batch with 200 (accepted or refused, counted in the metrics); "expired": the epoch's window passed before it did. */
  outcome: "answered" | "expired";
}

const line = (x: VerdictLine | AnswerLine) =>
  JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n";

export class Journal {
  private readonly verdicts = new Map<string, VerdictLine>();
  private readonly answered = new Set<string>();
  private readonly fd: number;
  private unsynced = false;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    let torn = false;
    if (existsSync(path)) {
      const content = readFileSync(path, "utf8");
      torn = content.length > 0 && !content.endsWith("\n");
      for (const text of content.split("\n")) {
        if (!text) continue;
        let x: VerdictLine | AnswerLine;
        try {
          x = JSON.parse(text) as VerdictLine | AnswerLine;
        } catch {
          continue; // a line torn by a crash during its write was never synced, so its signature never left
        }
        if (x.t === "verdict" && !this.verdicts.has(x.key)) this.verdicts.set(x.key, { ...x, signed: parseResult(x.signed) });
        else if (x.t === "answer") this.answered.add(x.key);
      }
    }
    this.fd = openSync(path, "a", 0o600);
    // end a torn last line, so the next entry starts a line of its own
    if (torn) writeSync(this.fd, "\n");
  }

  /** The journaled verdict of a job for a license, if one was ever signed. */
  get(key: string): SignedResult | undefined {
    return this.verdicts.get(key)?.signed;
  }

  /**
   * Journals a freshly signed verdict; returns what may be sent once `sync()` returned. If this job already has a
   * journaled verdict, that one is returned and the new signature is dropped without ever leaving the process.
   * The write is synced by `sync()`, once per round before anything is sent (one fsync for a round's thousands of
   * results): a verdict lost unsynced in a crash was never sent, so checking that job again signs nothing twice.
   */
  record(signed: SignedResult, measured: Measured): SignedResult {
    const r = signed.result;
    const key = resultKey(r.epoch, r.job, r.licenseId);
    const old = this.verdicts.get(key);
    if (old) return old.signed;
    const entry: VerdictLine = { t: "verdict", key, signed, measured };
    writeSync(this.fd, line(entry));
    this.unsynced = true;
    this.verdicts.set(key, entry);
    return signed;
  }

  /** Syncs every journaled verdict to disk: call before any of them leaves the process. */
  sync(): void {
    if (!this.unsynced) return;
    fsyncSync(this.fd);
    this.unsynced = false;
  }

  /** Marks results answered (not re-sent again). Synced too, though losing it only means one idempotent re-send. */
  answer(keys: string[], outcome: AnswerLine["outcome"]): void {
    if (!keys.length) return;
    writeSync(this.fd, keys.map((key) => line({ t: "answer", key, outcome })).join(""));
    fsyncSync(this.fd);
    for (const k of keys) this.answered.add(k);
  }

  /** Signed results the referee has not answered yet, oldest first; syncs the journal first. */
  pending(): SignedResult[] {
    this.sync();
    return [...this.verdicts.values()].filter((v) => !this.answered.has(v.key)).map((v) => v.signed);
  }

  get size(): number {
    return this.verdicts.size;
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
