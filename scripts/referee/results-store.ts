// The referee's durable store of accepted results: one append-only JSON-lines file per epoch
// (`<inputDir>/epoch-<E>/results/http.jsonl`, the directory the settlement reads), each append followed by fdatasync
// before any client hears "accepted", and an in-memory index by (epoch, job, license) of the verdicts already held,
// so a replay is recognised without touching the disk.
//
// Appends are group-committed: requests that arrive while a sync runs are written and synced together by the next
// one, so 20 clients cost one fsync per round instead of one each. A failed write or sync is rolled back (the file is
// truncated to its size before the group) and every request of the group is told nothing of it was stored.
// On open, a last line torn by a crash (no trailing newline) is cut off: it was never acknowledged.
//
// Closing (epoch-close.ts): after each group's sync the store looks for the epoch's `closed` marker. None: the group
// was durable before the settlement began to close, so it counts. One: each result of the group counts only if its
// line ends inside the settlement's cut, and is answered "closed" otherwise (never "accepted"); what lies beyond the
// cut is truncated away, and later groups are refused without being written.
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { SignedResult } from "../lib/check-results.js";
import { awaitCut, closeEpochResults, completeLines, epochResultsDir, isClosing, readCut, syncDir, type EpochCut } from "./epoch-close.js";

/** The file this store appends to in an epoch's results directory. */
export const HTTP_RESULTS_FILE = "http.jsonl";

/** Why a reservation was given back: its epoch closed before it could count. */
export class EpochClosed extends Error {
  constructor(readonly epoch: number) {
    super(`epoch ${epoch}'s results are closed: its settlement is under way`);
  }
}

/** The canonical line of a result: only the known fields, hex in lower case, epoch and license id as decimal strings. */
export function canonicalLine(s: SignedResult): string {
  const r = s.result;
  return JSON.stringify({
    result: { epoch: BigInt(r.epoch).toString(), job: r.job, container: r.container.toLowerCase(), licenseId: BigInt(r.licenseId).toString(), verdict: r.verdict, metricsHash: r.metricsHash.toLowerCase() },
    r: s.r.toLowerCase(),
    vs: s.vs.toLowerCase(),
  });
}

const keyOf = (job: number, licenseId: bigint | number) => `${job}:${licenseId}`;

interface Pending {
  data: Buffer;
  /** Where each of its lines ends, from the start of `data`. */
  ends: number[];
  /** Per line: whether it counts (false: its epoch closed first). */
  resolve: (counted: boolean[]) => void;
  reject: (e: Error) => void;
}

/** One epoch's file and index. */
class EpochLog {
  /** job:license -> bit mask of the verdicts stored (1: Pass, 2: Fail), durable or being written. */
  readonly verdicts = new Map<string, number>();
  /** job:license -> the commit that is writing it, while it is not durable yet. */
  readonly writing = new Map<string, Promise<void>>();
  stored = 0;
  /** Set by an in-process close: no new group is written. */
  closing = false;
  /** The settlement's cut, once seen. */
  cut: EpochCut | undefined;
  private readonly dir: string;
  private handle: Promise<FileHandle> | undefined;
  private size = 0;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly inputDir: string, private readonly epoch: number) {
    this.dir = epochResultsDir(inputDir, epoch);
    if (!existsSync(this.dir)) return;
    const own = join(this.dir, HTTP_RESULTS_FILE);
    if (existsSync(own)) this.repair(own);
    const cut = readCut(inputDir, epoch);
    if (cut && cut !== "closing") this.cut = cut;
    for (const f of readdirSync(this.dir).filter((f) => f.endsWith(".jsonl"))) {
      const buf = readFileSync(join(this.dir, f));
      // once closed, what lies beyond the cut never counted: it is not held either
      for (const line of completeLines(this.cut ? buf.subarray(0, this.cut.files[f] ?? 0) : buf)) {
        const s = JSON.parse(line) as SignedResult;
        this.mark(keyOf(Number(s.result.job), BigInt(s.result.licenseId)), Number(s.result.verdict));
        this.stored++;
      }
    }
  }

  /** Cuts a torn last line (written, never synced and acknowledged, before a crash). */
  private repair(path: string) {
    const text = readFileSync(path);
    const end = text.lastIndexOf(0x0a) + 1;
    if (end === text.length) return;
    const fd = openSync(path, "r+");
    try {
      ftruncateSync(fd, end);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Whether results of this epoch can no longer count (closing or closed, in this process or by another). */
  closed(): boolean {
    if (this.closing || this.cut) return true;
    return isClosing(this.inputDir, this.epoch);
  }

  mark(key: string, verdict: number) {
    this.verdicts.set(key, (this.verdicts.get(key) ?? 0) | verdict);
  }

  unmark(key: string, verdict: number) {
    const left = (this.verdicts.get(key) ?? 0) & ~verdict;
    if (left) this.verdicts.set(key, left);
    else this.verdicts.delete(key);
  }

  private file(): Promise<FileHandle> {
    this.handle ??= (async () => {
      const fresh = !existsSync(this.dir);
      mkdirSync(this.dir, { recursive: true });
      const path = join(this.dir, HTTP_RESULTS_FILE);
      const h = await open(path, "a");
      this.size = statSync(path).size;
      if (fresh) syncDir(this.dir); // the new directory entry must survive a crash too
      return h;
    })();
    return this.handle;
  }

  /** Appends lines (each ending in a newline); resolves once synced with, per line, whether it counts. */
  append(lines: string[]): Promise<boolean[]> {
    const ends: number[] = [];
    let at = 0;
    for (const l of lines) ends.push((at += Buffer.byteLength(l)));
    const data = Buffer.from(lines.join(""));
    return new Promise((resolve, reject) => {
      this.queue.push({ data, ends, resolve, reject });
      this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    });
  }

  /** Resolves once no group is being written. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush() {
    while (this.queue.length) {
      const group = this.queue.splice(0);
      if (this.closing || this.cut) {
        for (const p of group) p.resolve(p.ends.map(() => false));
        continue;
      }
      const data = Buffer.concat(group.map((p) => p.data));
      const before = this.size;
      let h: FileHandle | undefined;
      let answered = false;
      try {
        h = await this.file();
        for (let off = 0; off < data.length; ) off += (await h.write(data, off, data.length - off)).bytesWritten;
        await h.datasync();
        this.size = before + data.length;
        // no marker now: the group was durable before the settlement began to close, so its cut holds it
        let limit = Infinity;
        if (isClosing(this.inputDir, this.epoch)) {
          const cut = await awaitCut(this.inputDir, this.epoch);
          // (a marker removed meanwhile is no close: the results are read whole again)
          if (cut) {
            this.cut = cut;
            limit = cut.files[HTTP_RESULTS_FILE] ?? 0;
          }
        }
        let offset = before;
        const answers = group.map((p) => {
          const counted = p.ends.map((end) => offset + end <= limit);
          offset += p.data.length;
          return counted;
        });
        answered = true;
        // what lies beyond the cut is never read; cutting it away keeps the file what the settlement counts (if that
        // fails, the file only holds lines no reader counts)
        if (limit < this.size) await this.cutBack(h, before, group, limit).catch(() => {});
        group.forEach((p, i) => p.resolve(answers[i]));
      } catch (e) {
        // nothing of a group that failed (its write, its sync, or no cut in time) is kept: it is answered "store-failed"
        if (!answered) {
          await h?.truncate(before).catch(() => {});
          this.size = before;
        }
        for (const p of group) p.reject(e as Error);
      }
    }
  }

  /** Truncates what the cut left out of the group just written, so the file holds what the settlement counts. */
  private async cutBack(h: FileHandle, before: number, group: Pending[], limit: number) {
    let keep = before;
    let offset = before;
    for (const p of group) {
      for (const end of p.ends) if (offset + end <= limit) keep = offset + end;
      offset += p.data.length;
    }
    await h.truncate(keep);
    await h.datasync();
    this.size = keep;
  }

  async close() {
    if (this.handle) await (await this.handle).close();
  }
}

export interface Reservation {
  epoch: number;
  s: SignedResult;
  key: string;
  verdict: number;
  done: Promise<void>;
  settle: (e?: Error) => void;
}

/** What the store says of a verified result before storing it. */
export type Novelty = "new" | "duplicate" | "equivocation" | "equivocation-duplicate";

export class ResultsStore {
  private readonly logs = new Map<number, EpochLog>();

  constructor(private readonly inputDir: string) {}

  private log(epoch: number): EpochLog {
    let l = this.logs.get(epoch);
    if (!l) this.logs.set(epoch, (l = new EpochLog(this.inputDir, epoch)));
    return l;
  }

  /** Results stored for `epoch` (every file of its results directory). */
  count(epoch: number): number {
    return this.log(epoch).stored;
  }

  /**
   * Whether a verified result adds anything: "new" (first result of its license for the job), "duplicate" (this
   * verdict is already held: a retry, whatever its metrics hash), "equivocation" (the other verdict is held: kept as
   * the evidence the settlement reports), "equivocation-duplicate" (both verdicts already held).
   */
  novelty(s: SignedResult): Novelty {
    const held = this.log(Number(s.result.epoch)).verdicts.get(keyOf(s.result.job, BigInt(s.result.licenseId))) ?? 0;
    const v = Number(s.result.verdict);
    if (held & v) return held === 3 ? "equivocation-duplicate" : "duplicate";
    return held ? "equivocation" : "new";
  }

  /** The commit still writing the verdict a duplicate matches, if it is not durable yet. */
  pending(s: SignedResult): Promise<void> | undefined {
    return this.log(Number(s.result.epoch)).writing.get(`${keyOf(s.result.job, BigInt(s.result.licenseId))}:${s.result.verdict}`);
  }

  /**
   * Takes a verified result's place in the index at once (new or equivocation), so that a concurrent replay is
   * answered as its duplicate and waits for its commit; `commit` then writes it, `release` gives the place back.
   */
  reserve(s: SignedResult): Reservation {
    const epoch = Number(s.result.epoch);
    const log = this.log(epoch);
    const key = keyOf(s.result.job, BigInt(s.result.licenseId));
    const verdict = Number(s.result.verdict);
    let settle!: (e?: Error) => void;
    const done = new Promise<void>((resolve, reject) => (settle = (e) => (e ? reject(e) : resolve())));
    done.catch(() => {}); // a reservation nobody waits for may fail quietly: its request answers for it
    log.mark(key, verdict);
    log.writing.set(`${key}:${verdict}`, done);
    return { epoch, s, key, verdict, done, settle };
  }

  /** Gives back reservations that will not be written (nothing stored: their request failed before). */
  release(reservations: Reservation[], why: Error) {
    for (const r of reservations) {
      const log = this.log(r.epoch);
      log.unmark(r.key, r.verdict);
      log.writing.delete(`${r.key}:${r.verdict}`);
      r.settle(why);
    }
  }

  /**
   * Writes reservations of one epoch in one durable append; resolves once synced with, per reservation, whether it
   * counts (false: the epoch closed first, and the reservation is given back with EpochClosed); on a failure releases
   * them all and throws.
   */
  async commit(epoch: number, reservations: Reservation[]): Promise<boolean[]> {
    const log = this.log(epoch);
    let counted: boolean[];
    try {
      counted = await log.append(reservations.map((r) => canonicalLine(r.s) + "\n"));
    } catch (e) {
      this.release(reservations, e as Error);
      throw e;
    }
    const refused = reservations.filter((_, i) => !counted[i]);
    if (refused.length) this.release(refused, new EpochClosed(epoch));
    reservations.forEach((r, i) => {
      if (!counted[i]) return;
      log.stored++;
      log.writing.delete(`${r.key}:${r.verdict}`);
      r.settle();
    });
    return counted;
  }

  /** Whether `epoch`'s results can no longer count: its settlement closed them (or is closing them). */
  isClosed(epoch: number): boolean {
    return this.log(epoch).closed();
  }

  /**
   * Closes `epoch`'s results from inside the intake's process: new groups are refused at once ("closed", nothing
   * written), the group being synced finishes (and counts), then the marker and its cut are written; returns the cut.
   */
  async closeEpoch(epoch: number): Promise<EpochCut> {
    const log = this.log(epoch);
    log.closing = true;
    await log.idle();
    log.cut = closeEpochResults(this.inputDir, epoch);
    return log.cut;
  }

  async close() {
    for (const l of this.logs.values()) await l.close();
  }
}
