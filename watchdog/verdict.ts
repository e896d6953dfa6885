// The watchdog's decisions, kept free of I/O so they can be tested in-process (test/ts/watchdog-units.test.ts): when
// the API may be served, why not, and when a re-index may start. watchdog/watchdog.ts feeds it what it observes.

/** Why the API is not served. `reindex` reasons make the watchdog re-index into a new schema. */
export type ReasonCode =
  | "starting" // no indexer has come up yet
  | "indexer-down" // the indexer process exited; it is being restarted
  | "catching-up" // the indexer is behind the block this watchdog served before (a restart, a crash recovery)
  | "unrecoverable-reorg" // Ponder logged a reorg deeper than finality: its state is a dead branch
  | "divergence" // sampled API rows differ from the contracts' views at the indexed block
  | "stalled" // the chain moved on and the indexer did not follow
  | "rpc-failing"; // the indexer's RPC requests keep failing

export interface Reason {
  code: ReasonCode;
  /** A sentence for people: what happened and what the watchdog does about it. */
  message: string;
  since: number;
}

/** Reasons that mean the indexed state is wrong (not late): only a re-index from scratch fixes them. */
export const NEEDS_REINDEX: ReadonlySet<ReasonCode> = new Set(["unrecoverable-reorg", "divergence"]);

export interface VerdictOptions {
  /** How far behind the chain's tip the indexer may be before it counts as lagging (blocks). */
  maxLagBlocks: number;
  /** How long it may lag before it counts as stalled (ms). */
  stallMs: number;
  /** RPC errors within `rpcWindowMs` that count as "repeatedly failing". */
  rpcErrorThreshold: number;
  rpcWindowMs: number;
}

export const DEFAULT_VERDICT: VerdictOptions = { maxLagBlocks: 5, stallMs: 60_000, rpcErrorThreshold: 10, rpcWindowMs: 60_000 };

/**
 * What the watchdog knows about the indexer it serves, and whether that may be served. The rule: ready only when the
 * indexer is trusted (it has finished its backfill in this run, so its `/status` describes its data), is at or past
 * the highest block served before (persisted across restarts; capped at the chain's tip, which a reorg may lower),
 * and no reason is standing.
 */
export class Verdict {
  private readonly reasons = new Map<ReasonCode, Reason>();
  private trusted = false;
  private indexed = -1;
  private tip = -1;
  private lagSince: number | undefined;
  private rpcErrors: { at: number; total: number }[] = [];

  constructor(
    /** The highest block this watchdog (or its previous run) answered for. */
    public served: number,
    private readonly o: VerdictOptions = DEFAULT_VERDICT,
    now = Date.now(),
  ) {
    this.raise("starting", "the indexer has not come up yet", now);
  }

  private raise(code: ReasonCode, message: string, now: number): void {
    const old = this.reasons.get(code);
    this.reasons.set(code, { code, message, since: old?.since ?? now });
  }

  private clear(code: ReasonCode): void {
    this.reasons.delete(code);
  }

  /** A new indexer process (the same schema after a crash, or a new one) started: nothing it says counts yet. */
  indexerStarted(now = Date.now()): void {
    this.trusted = false;
    this.indexed = -1;
    this.lagSince = undefined;
    this.rpcErrors = [];
    this.clear("indexer-down");
    this.raise("starting", "the indexer is starting; its /status is not trusted until it has finished its backfill", now);
  }

  /** The indexer process exited on its own (a crash, kill -9). */
  indexerExited(detail: string, now = Date.now()): void {
    this.trusted = false;
    this.raise("indexer-down", `the indexer exited (${detail}); restarting it`, now);
  }

  /** The indexer logged that its backfill is complete (Ponder: "Started returning 200 responses" for /ready). */
  indexerCaughtUp(now = Date.now()): void {
    this.trusted = true;
    this.clear("starting");
    this.evaluateCatchUp(now);
  }

  /** A reading of the indexer's /status and the chain's tip. */
  observe(indexed: number, tip: number, now = Date.now()): void {
    if (!this.trusted) return;
    this.indexed = indexed;
    this.tip = tip;
    this.evaluateCatchUp(now);
    if (tip - indexed > this.o.maxLagBlocks) {
      this.lagSince ??= now;
      if (now - this.lagSince >= this.o.stallMs)
        this.raise("stalled", `the indexer is at block ${indexed} while the chain is at ${tip}, for ${Math.round((now - this.lagSince) / 1000)} s`, now);
    } else {
      this.lagSince = undefined;
      this.clear("stalled");
    }
  }

  private evaluateCatchUp(now: number): void {
    if (!this.trusted) return;
    const target = this.target();
    if (this.indexed < target) this.raise("catching-up", `the indexer is at block ${this.indexed}, behind block ${target} served before; waiting for it`, now);
    else this.clear("catching-up");
  }

  /** The block the indexer must reach before it is served: the highest served, unless a reorg made the chain shorter. */
  target(): number {
    return this.tip >= 0 ? Math.min(this.served, this.tip) : this.served;
  }

  /** Ponder's ponder_rpc_request_error_total (a counter: only its increase counts). */
  rpcErrorTotal(total: number, now = Date.now()): void {
    this.rpcErrors.push({ at: now, total });
    this.rpcErrors = this.rpcErrors.filter((e) => now - e.at <= this.o.rpcWindowMs);
    const increase = total - this.rpcErrors[0].total;
    if (increase >= this.o.rpcErrorThreshold)
      this.raise("rpc-failing", `${increase} RPC requests of the indexer failed in the last ${Math.round(this.o.rpcWindowMs / 1000)} s`, now);
    else this.clear("rpc-failing");
  }

  unrecoverableReorg(detail: string, now = Date.now()): void {
    this.raise("unrecoverable-reorg", `the chain reorganised deeper than the indexer's finality (${detail}); re-indexing into a new schema`, now);
  }

  divergence(detail: string, now = Date.now()): void {
    this.raise("divergence", `the API differs from the contracts at block ${this.indexed}: ${detail}; re-indexing into a new schema`, now);
  }

  /** A fresh indexer (new schema) replaces the wrong one: the reasons that were about the old one's state go. */
  switched(now = Date.now()): void {
    for (const code of NEEDS_REINDEX) this.clear(code);
    this.indexerStarted(now);
  }

  /** True when a standing reason says the state is wrong (not merely late). */
  needsReindex(): boolean {
    return [...this.reasons.keys()].some((c) => NEEDS_REINDEX.has(c));
  }

  ready(): boolean {
    return this.trusted && this.reasons.size === 0;
  }

  /** The block the API is served at (only meaningful when ready); raises the persisted high-water mark. */
  serve(): number {
    if (this.indexed > this.served) this.served = this.indexed;
    return this.indexed;
  }

  indexedBlock(): number {
    return this.indexed;
  }

  chainTip(): number {
    return this.tip;
  }

  list(): Reason[] {
    return [...this.reasons.values()];
  }
}

/**
 * Spaces re-indexes so a flapping RPC (or a bug that makes every fresh index diverge) can't loop: the first may start
 * at once, each next one only after `minIntervalMs`, doubled for every re-index that started within `resetAfterMs` of
 * the previous one, up to `maxIntervalMs`.
 */
export class ReindexLimiter {
  private last: number | undefined;
  private interval: number;

  constructor(
    private readonly minIntervalMs = 60_000,
    private readonly maxIntervalMs = 3_600_000,
    private readonly resetAfterMs = 6 * 3_600_000,
  ) {
    this.interval = minIntervalMs;
  }

  /** When the next re-index may start (ms since the epoch). */
  nextAllowed(): number {
    return this.last === undefined ? 0 : this.last + this.interval;
  }

  mayStart(now = Date.now()): boolean {
    return now >= this.nextAllowed();
  }

  /** Records a re-index that starts now. */
  started(now = Date.now()): void {
    if (this.last !== undefined) {
      this.interval = now - this.last <= this.resetAfterMs ? Math.min(this.interval * 2, this.maxIntervalMs) : this.minIntervalMs;
    }
    this.last = now;
  }
}

/** What the watchdog learns from one line of Ponder's `--log-format json` output. */
export type LogSignal =
  | { kind: "unrecoverable-reorg"; detail: string }
  | { kind: "caught-up" }
  | { kind: "indexed"; block: number }
  | { kind: "rpc-error"; detail: string }
  | { kind: "fatal"; detail: string }
  | { kind: "other" };

/** Reads one line of Ponder's JSON log (pino-style: numeric `level`, `msg`); anything that is not JSON is "other". */
export function parsePonderLog(line: string): LogSignal {
  let log: { level?: number | string; msg?: unknown; [k: string]: unknown };
  try {
    log = JSON.parse(line) as typeof log;
  } catch {
    return { kind: "other" };
  }
  if (log === null || typeof log !== "object" || typeof log.msg !== "string") return { kind: "other" };
  const msg = log.msg;
  if (msg.startsWith("Encountered unrecoverable reorg"))
    return { kind: "unrecoverable-reorg", detail: `${String(log.chain ?? "chain")} finalized block ${String(log.finalized_block ?? "?")}` };
  if (msg === "Started returning 200 responses" && log.endpoint === "/ready") return { kind: "caught-up" };
  // what this run of the indexer itself committed, block by block. Not "Indexed block range" (the backfill's sync
  // ranges, which may end past the data) and not /status (see watchdog/sample.ts): after its backfill Ponder indexes
  // every unfinalized block up to the tip live, one "Indexed block" line each.
  if (msg === "Indexed block" && typeof log.number === "number") return { kind: "indexed", block: log.number };
  const level = typeof log.level === "number" ? log.level : { warn: 40, error: 50, fatal: 60 }[String(log.level)] ?? 30;
  if (level >= 60) return { kind: "fatal", detail: msg };
  if (level >= 40 && /rpc|request/i.test(msg)) return { kind: "rpc-error", detail: msg };
  return { kind: "other" };
}
