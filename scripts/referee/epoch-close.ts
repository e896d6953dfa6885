// Closing an epoch's results before its settlement reads them: the cut both sides agree on.
//
// The settlement reads `<inputDir>/epoch-<E>/results/*.jsonl` while the HTTP intake (another process, or this one) may
// still be appending to them. Without a cut, a result acknowledged "accepted" after the read would never count. The
// settlement therefore writes `<inputDir>/epoch-<E>/closed` in two steps, each fsynced:
//   1. "closing": from here on no append of the intake can be acknowledged without knowing the cut;
//   2. the cut: the byte length of every results file, measured after step 1 (renamed over the marker, atomically).
// and then reads each file only up to its length in the cut (a torn last line is not counted). The results store
// re-reads the marker after each group's sync: no marker means the group was durable before step 1, so inside the cut
// (it is "accepted"); otherwise it waits for the cut and answers each result by whether its line ends inside it
// ("accepted", counted) or not ("closed", never counted). The cut is written once: a settlement run again after a
// crash reads the same lines the intake answered for.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

/** The bytes of each results file (by name) the settlement of an epoch reads. */
export interface EpochCut {
  epoch: number;
  closedAt: string;
  files: Record<string, number>;
}

const CLOSING = "closing\n";

export const epochResultsDir = (inputDir: string, epoch: number) => join(inputDir, `epoch-${epoch}`, "results");
export const closedMarkerPath = (inputDir: string, epoch: number) => join(inputDir, `epoch-${epoch}`, "closed");

/** The epoch's cut, "closing" while a settlement is between its two steps, or null while results are taken. */
export function readCut(inputDir: string, epoch: number): EpochCut | "closing" | null {
  let text: string;
  try {
    text = readFileSync(closedMarkerPath(inputDir, epoch), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  if (text === CLOSING || text === "") return "closing";
  return JSON.parse(text) as EpochCut;
}

/** Whether the epoch's results are closed or closing (a stat, no read). */
export const isClosing = (inputDir: string, epoch: number) => existsSync(closedMarkerPath(inputDir, epoch));

function writeSynced(path: string, text: string, flags: "w" | "wx") {
  const fd = openSync(path, flags, 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncDir(dir: string) {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The byte length of every results file of the epoch now. */
function measure(inputDir: string, epoch: number): Record<string, number> {
  const dir = epochResultsDir(inputDir, epoch);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort().map((f) => [f, statSync(join(dir, f)).size]));
}

/**
 * Closes the epoch's results (the two steps above) and returns the cut; returns the cut already written if it was
 * closed before, and completes a close a crash interrupted between its steps.
 */
export function closeEpochResults(inputDir: string, epoch: number): EpochCut {
  const existing = readCut(inputDir, epoch);
  if (existing && existing !== "closing") return existing;
  const base = join(inputDir, `epoch-${epoch}`);
  mkdirSync(base, { recursive: true });
  const marker = closedMarkerPath(inputDir, epoch);
  if (!existing) {
    writeSynced(marker, CLOSING, "w");
    syncDir(base);
  }
  const cut: EpochCut = { epoch, closedAt: new Date().toISOString(), files: measure(inputDir, epoch) };
  writeSynced(`${marker}.tmp`, JSON.stringify(cut) + "\n", "w");
  renameSync(`${marker}.tmp`, marker);
  syncDir(base);
  return cut;
}

/** Waits for a settlement between its two steps to write its cut (it measures a few files: milliseconds). */
export async function awaitCut(inputDir: string, epoch: number, timeoutMs = 30_000): Promise<EpochCut | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const cut = readCut(inputDir, epoch);
    if (cut !== "closing") return cut;
    if (Date.now() > until) throw new Error(`epoch ${epoch}'s results are closing but no cut was written within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The complete lines of `text` (a file's first bytes): a last line without its newline is torn, and left out. */
export function completeLines(buf: Buffer): string[] {
  const end = buf.lastIndexOf(0x0a) + 1;
  return buf.subarray(0, end).toString("utf8").split("\n").filter((l) => l.trim());
}

/** The lines the settlement reads from one results file: up to the cut's length if the epoch is closed, complete ones only. */
export function readResultLines(path: string, limit?: number): string[] {
  const buf = readFileSync(path);
  return completeLines(limit === undefined ? buf : buf.subarray(0, limit));
}
