// The referee's intake of one POST /results batch: every result is parsed strictly (only the known fields, each of
// its type), checked against its epoch's window and committed assignment, its license's bans during the epoch, and
// the store (a replay is a duplicate, the other verdict of a job and license is equivocation evidence), all before
// anything is stored; then the new ones are stored durably at once and the answer follows.
//
// Decision (docs/decisions.md "Referee intake"): verdicts per result. One bad result does not cost a checker the rest
// of its batch, and nothing invalid is ever stored; a body that is not a bounded JSON array is refused whole.
import type { SignedResult } from "../lib/check-results.js";
import type { ClosedReason, EpochWindow, OpenEpoch } from "./epoch-window.js";
import { EpochClosed, type Reservation, type ResultsStore } from "./results-store.js";
import type { RecoverPool } from "./recover-pool.js";
import { checkJob, type IngestRejection } from "./service.js";
import type { ResultVerifier } from "./verify.js";

/** At most this many results per request (about 2 MB of JSON); a checker sends more in several requests. */
export const MAX_BATCH = 5_000;

export type Refusal = IngestRejection | ClosedReason | "closed" | "malformed" | "unknown-fields" | "banned" | "store-failed";
export type Status = "accepted" | "duplicate" | "equivocation" | "refused";

export interface Verdict {
  status: Status;
  reason?: Refusal;
  sentence?: string;
}

/** One sentence per refusal: what happened and what to do. */
export function sentenceOf(reason: Refusal, epoch?: number): string {
  const e = epoch === undefined ? "its epoch" : `epoch ${epoch}`;
  switch (reason) {
    case "malformed": return "The result is not a signed CheckResult (result {epoch, job, container, licenseId, verdict, metricsHash}, r, vs); send it in that form.";
    case "unknown-fields": return "The result carries fields the referee does not know; send only result, r and vs, and in result only its six fields.";
    case "no-assignment": return `No assignment is posted for ${e}; send its results once its assignment is posted on chain.`;
    case "settled": return `${e[0].toUpperCase() + e.slice(1)} is settled; its results can no longer count, so stop sending them.`;
    case "closed": return `${e[0].toUpperCase() + e.slice(1)} is being settled from the results taken before it closed; this one came after and does not count, so stop sending it.`;
    case "unknown-job": return `${e[0].toUpperCase() + e.slice(1)}'s committed assignment has no such job; check the job number against GET /assignments/${epoch ?? "<epoch>"}.`;
    case "wrong-job-fields": return "The container is not the one the committed job checks; sign the job's container as the assignment gives it.";
    case "not-assigned": return "This license is not assigned to the job; send results only for the jobs the assignment gives the license.";
    case "bad-signature": return "The signature is malformed (an EIP-2098 compact signature with a low s is expected); sign again.";
    case "wrong-signer": return "The signer is not the operator committed for this license in the epoch's assignment; sign with that operator's key.";
    case "bad-verdict": return "The verdict must be 1 (Pass) or 2 (Fail); sign one of them.";
    case "wrong-domain": return "The result was signed for another referee contract or chain; sign with this deployment's domain.";
    case "banned": return `The license was banned during ${e}, so its results do not count there; nothing to resend.`;
    case "store-failed": return "The referee could not store the result durably; send it again later.";
  }
}

const WORD = /^0x[0-9a-fA-F]{64}$/;
const RESULT_KEYS = ["epoch", "job", "container", "licenseId", "verdict", "metricsHash"];
const DECIMAL = /^(0|[1-9][0-9]{0,77})$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const uint = (v: unknown, max: bigint): bigint | null => {
  const n = typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? BigInt(v) : typeof v === "string" && DECIMAL.test(v) ? BigInt(v) : null;
  return n !== null && n <= max ? n : null;
};

/** A signed result from untrusted JSON, or why it is refused before any check. */
export function parseStrict(raw: unknown): SignedResult | "malformed" | "unknown-fields" {
  if (!isObject(raw) || !isObject(raw.result)) return "malformed";
  const r = raw.result;
  if (Object.keys(raw).some((k) => k !== "result" && k !== "r" && k !== "vs") || Object.keys(r).some((k) => !RESULT_KEYS.includes(k))) return "unknown-fields";
  const epoch = uint(r.epoch, (1n << 64n) - 1n);
  const job = uint(r.job, (1n << 32n) - 1n);
  const licenseId = uint(r.licenseId, (1n << 256n) - 1n);
  if (epoch === null || job === null || licenseId === null) return "malformed";
  if (typeof r.container !== "string" || !WORD.test(r.container) || typeof r.metricsHash !== "string" || !WORD.test(r.metricsHash)) return "malformed";
  if (typeof raw.r !== "string" || typeof raw.vs !== "string" || typeof r.verdict !== "number") return "malformed";
  return { result: { epoch, job: Number(job), container: r.container, licenseId, verdict: r.verdict, metricsHash: r.metricsHash }, r: raw.r, vs: raw.vs };
}

export interface IntakeAnswer {
  verdicts: Verdict[];
  /** Per signer (lower case, or "unknown" when no signer could be recovered): the statuses and reasons. */
  bySigner: Map<string, Verdict[]>;
  /** The signer of each result, in order (lower case, or "unknown"). */
  signers: string[];
}

/** Yields to the event loop between slices of a batch, so other requests keep being served while one is verified. */
const breathe = () => new Promise<void>((r) => setImmediate(r));
const SLICE = 250;

export interface IntakeDeps {
  verifier: ResultVerifier;
  window: EpochWindow;
  store: ResultsStore;
  /** Recovers signers on worker threads. */
  pool: RecoverPool;
}

const hexAddress = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");
const ZERO_ADDRESS = "0x" + "00".repeat(20);

export async function intake(o: IntakeDeps, raw: unknown[]): Promise<IntakeAnswer> {
  const verdicts: Verdict[] = new Array(raw.length);
  const signers: string[] = new Array(raw.length).fill("unknown");
  const refuse = (i: number, reason: Refusal, epoch?: number) => (verdicts[i] = { status: "refused", reason, sentence: sentenceOf(reason, epoch) });

  // 1. the cheap checks: form, epoch window, job, verdict, signature shape
  const epochs = new Map<number, Promise<OpenEpoch | ClosedReason>>();
  const parsed: (SignedResult | undefined)[] = new Array(raw.length);
  const open: (OpenEpoch | undefined)[] = new Array(raw.length);
  const records: Uint8Array[] = [];
  const recordOf: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (i % SLICE === SLICE - 1) await breathe();
    const s = parseStrict(raw[i]);
    if (typeof s === "string") { refuse(i, s); continue; }
    parsed[i] = s;
    const record = o.verifier.recoveryRecord(s);
    if (record) { records.push(record); recordOf.push(i); }
    const epochNumber = Number(s.result.epoch);
    let pending = epochs.get(epochNumber);
    if (!pending) epochs.set(epochNumber, (pending = o.window.open(epochNumber)));
    const epoch = await pending;
    if (typeof epoch === "string") { refuse(i, epoch, epochNumber); continue; }
    const why = checkJob(epochNumber, epoch.jobs, s) ?? (s.result.verdict !== 1 && s.result.verdict !== 2 ? "bad-verdict" : record ? null : "bad-signature");
    if (why) { refuse(i, why, epochNumber); continue; }
    open[i] = epoch;
  }

  // 2. the costly one, on every core: who signed (also attributes refused results to their signer)
  const recovered = await o.pool.recover(records);
  recovered.forEach((b, k) => {
    const a = hexAddress(b);
    if (a !== ZERO_ADDRESS) signers[recordOf[k]] = a;
  });

  // 3. signer, bans, then the store: checked and reserved with no await in between, so a concurrent request sees
  // this batch's results as taken
  const fresh = new Map<number, { index: number; reservation: Reservation }[]>();
  const closed = new Map<number, boolean>();
  const isClosed = (e: number) => closed.get(e) ?? closed.set(e, o.store.isClosed(e)).get(e)!;
  const waits: { index: number; epoch: number; done: Promise<void> }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const s = parsed[i];
    const epoch = open[i];
    if (!s || !epoch) continue;
    const epochNumber = Number(s.result.epoch);
    const job = epoch.jobs[s.result.job];
    const operator = job.operators[job.licenseIds.indexOf(Number(s.result.licenseId))].toLowerCase();
    if (signers[i] === "unknown") { refuse(i, "bad-signature", epochNumber); continue; }
    if (signers[i] !== operator) { refuse(i, "wrong-signer", epochNumber); continue; }
    if (o.window.bannedDuring(Number(s.result.licenseId), epoch.start, epoch.end)) { refuse(i, "banned", epochNumber); continue; }
    const novelty = o.store.novelty(s);
    if (novelty === "duplicate" || novelty === "equivocation-duplicate") {
      verdicts[i] = { status: "duplicate" };
      const done = o.store.pending(s);
      if (done) waits.push({ index: i, epoch: epochNumber, done });
      continue;
    }
    // once the settlement closed the epoch, what it holds still counts (a replay is a duplicate) and nothing new does
    if (isClosed(epochNumber)) { refuse(i, "closed", epochNumber); continue; }
    verdicts[i] = { status: novelty === "equivocation" ? "equivocation" : "accepted" };
    let list = fresh.get(epochNumber);
    if (!list) fresh.set(epochNumber, (list = []));
    list.push({ index: i, reservation: o.store.reserve(s) });
  }

  // 4. each epoch's new results in one durable append; the answer only once they are synced, and "closed" for those
  // its settlement's cut left out (never "accepted": they do not count)
  await Promise.all([...fresh].map(([epoch, list]) =>
    o.store.commit(epoch, list.map((x) => x.reservation)).then(
      (counted) => list.forEach(({ index }, k) => counted[k] || refuse(index, "closed", epoch)),
      () => list.forEach(({ index }) => refuse(index, "store-failed", epoch)),
    ),
  ));
  // a duplicate of a result another request is still writing is answered after that write, as that write was
  await Promise.all(waits.map(({ index, epoch, done }) => done.catch((e: unknown) => refuse(index, e instanceof EpochClosed ? "closed" : "store-failed", epoch))));

  const bySigner = new Map<string, Verdict[]>();
  for (let i = 0; i < raw.length; i++) {
    let list = bySigner.get(signers[i]);
    if (!list) bySigner.set(signers[i], (list = []));
    list.push(verdicts[i]);
  }
  return { verdicts, bySigner, signers };
}
