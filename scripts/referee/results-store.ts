// The referee's durable store of accepted results: one append-only JSON-lines file per epoch
// (`<inputDir>/epoch-<E>/results/http.jsonl`, the directory the settlement reads), each append followed by fdatasync
// before any client hears "accepted", and an in-memory index by (epoch, job, license) of the verdicts already held,
// so a replay is recognised without touching the disk.
//
// Appends are group-committed: requests that arrive while a sync runs are written and synced together by the next
// one, so 20 clients cost one fsync per round instead of one each. A failed write or sync is rolled back (the file is
// truncated to its size before the group) and every request of the group is told nothing of it was stored.
// On open, a last line torn by a crash (no trailing newline) is cut off: it was never acknowledged.
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { SignedResult } from "../lib/check-results.js";

/** The file this store appends to in an epoch's results directory. */
export const HTTP_RESULTS_FILE = "http.jsonl";

const resultsDir = (inputDir: string, epoch: number) => join(inputDir, `epoch-${epoch}`, "results");

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
  resolve: () => void;
  reject: (e: Error) => void;
}

/** One epoch's file and index. */
class EpochLog {
  /** job:license -> bit mask of the verdicts stored (1: Pass, 2: Fail), durable or being written. */
  readonly verdicts = new Map<string, number>();
  /** job:license -> the commit that is writing it, while it is not durable yet. */
  readonly writing = new Map<string, Promise<void>>();
  stored = 0;
  private handle: Promise<FileHandle> | undefined;
  private size = 0;
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly dir: string) {
    if (!existsSync(dir)) return;
    const own = join(dir, HTTP_RESULTS_FILE);
    if (existsSync(own)) this.repair(own);
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".jsonl"))) {
      for (const line of readFileSync(join(dir, f), "utf8").split("\n")) {
        if (!line.trim()) continue;
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

  append(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    while (this.queue.length) {
      const group = this.queue.splice(0);
      const data = Buffer.concat(group.map((p) => p.data));
      const before = this.size;
      let h: FileHandle | undefined;
      try {
        h = await this.file();
        for (let off = 0; off < data.length; ) off += (await h.write(data, off, data.length - off)).bytesWritten;
        await h.datasync();
        this.size = before + data.length;
        for (const p of group) p.resolve();
      } catch (e) {
        await h?.truncate(before).catch(() => {});
        for (const p of group) p.reject(e as Error);
      }
    }
    this.flushing = false;
  }

  async close() {
    if (this.handle) await (await this.handle).close();
  }
}

function syncDir(dir: string) {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
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
    if (!l) this.logs.set(epoch, (l = new EpochLog(resultsDir(this.inputDir, epoch))));
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

  /** Writes reservations of one epoch in one durable append; resolves once synced, else releases them and throws. */
  async commit(epoch: number, reservations: Reservation[]): Promise<void> {
    const log = this.log(epoch);
    try {
      await log.append(Buffer.from(reservations.map((r) => canonicalLine(r.s) + "\n").join("")));
    } catch (e) {
      this.release(reservations, e as Error);
      throw e;
    }
    log.stored += reservations.length;
    for (const r of reservations) {
      log.writing.delete(`${r.key}:${r.verdict}`);
      r.settle();
    }
  }

  async close() {
    for (const l of this.logs.values()) await l.close();
  }
}
