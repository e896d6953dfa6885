// The watchdog: a supervisor and reverse proxy in front of the Ponder indexer (issue 17). It runs Ponder as a child,
// reads its JSON logs and metrics, spot-checks the API against the contracts, and forwards API traffic only while the
// indexer's state is known good. On an unrecoverable reorg or a divergence it answers /ready 503 with the reason and
// re-indexes into a new schema (rate-limited), switching the proxy over once the new one has caught up. The highest
// block it served is kept on disk: after a restart it is not ready until the indexer is back at or past that block.
// Its own routes: /health, /ready, /metrics, /watchdog (the state as JSON); everything else goes to the indexer.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Counter, Gauge, Registry } from "prom-client";
import type { PublicClient } from "viem";
import { freePort, stopAndWait, track } from "../scripts/lib/local-stack.js";
import { chainClient, confirmed, sample, statusBlock, type SampleAddresses } from "./sample.js";
import { DEFAULT_VERDICT, parsePonderLog, ReindexLimiter, Verdict, type VerdictOptions } from "./verdict.js";

const ROOT = resolve(import.meta.dirname, "..");

export interface WatchdogOptions {
  /** Where the watchdog listens (the API URL clients use). */
  port: number;
  host?: string;
  rpcUrl: string;
  manifestPath: string;
  /** Contracts the spot check reads (from the manifest). */
  contracts: SampleAddresses;
  /** Keeps state.json (current schema, highest block served) and, on PGlite, each schema's database directory. */
  stateDir: string;
  /** PostgreSQL; unset: PGlite under stateDir. */
  databaseUrl?: string;
  /** `ponder start --views-schema`: views that follow the newest ready schema (PostgreSQL). */
  viewsSchema?: string;
  /** New schemas are named `<prefix>_<ms since the epoch>`. */
  schemaPrefix?: string;
  /** How often the indexer's block, the chain's tip and Ponder's metrics are read (ms). */
  pollMs?: number;
  /** How often the API is spot-checked against the contracts (ms). */
  sampleIntervalMs?: number;
  /** Spacing of re-indexes: the first may start at once, the next after this, doubling (ms). */
  reindexMinIntervalMs?: number;
  reindexMaxIntervalMs?: number;
  verdict?: Partial<VerdictOptions>;
  /** One JSON object per log line; default: stdout. */
  log?: (line: Record<string, unknown>) => void;
}

interface Persisted {
  schema: string;
  /** The block the watchdog last answered for: it does not serve an older one after a restart. */
  servedBlock: number;
}

interface Indexer {
  schema: string;
  url: string;
  child: ChildProcess;
  /** It logged that its backfill is done: from then on its own "Indexed block" lines say where its data is. */
  caughtUp: boolean;
  /** The highest block this run of it logged as indexed. */
  indexed: number;
  /** The watchdog stopped it (an exit is then not a crash). */
  retiring: boolean;
}

export interface Watchdog {
  url: string;
  /** The indexer serving the API now (its PID, for tests that kill it). */
  indexer(): { pid: number | undefined; schema: string; url: string };
  state(): WatchdogState;
  stop(): Promise<void>;
}

export interface WatchdogState {
  ready: boolean;
  reasons: { code: string; message: string; since: string }[];
  schema: string;
  indexedBlock: number;
  servedBlock: number;
  chainTip: number;
  reindexing: { schema: string; indexedBlock: number } | null;
  nextReindexAllowed: string | null;
  lastSample: { block: number; rows: number; differences: number; at: string } | null;
}

const ownRoutes = new Set(["/health", "/ready", "/metrics", "/watchdog"]);

export async function startWatchdog(o: WatchdogOptions): Promise<Watchdog> {
  const log = o.log ?? ((line) => process.stdout.write(JSON.stringify(line) + "\n"));
  const info = (msg: string, extra: Record<string, unknown> = {}) => log({ time: new Date().toISOString(), level: "info", service: "watchdog", msg, ...extra });
  const warn = (msg: string, extra: Record<string, unknown> = {}) => log({ time: new Date().toISOString(), level: "warn", service: "watchdog", msg, ...extra });
  const prefix = o.schemaPrefix ?? "aethir";
  const pollMs = o.pollMs ?? 500;
  const sampleIntervalMs = o.sampleIntervalMs ?? 30_000;
  mkdirSync(o.stateDir, { recursive: true });
  const statePath = join(o.stateDir, "state.json");
  const persisted: Persisted = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, "utf8")) as Persisted)
    : { schema: `${prefix}_${Date.now()}`, servedBlock: -1 };
  const persist = () => {
    writeFileSync(`${statePath}.tmp`, JSON.stringify(persisted) + "\n");
    renameSync(`${statePath}.tmp`, statePath);
  };
  persist();

  const verdict = new Verdict(persisted.servedBlock, { ...DEFAULT_VERDICT, ...o.verdict });
  const limiter = new ReindexLimiter(o.reindexMinIntervalMs ?? 60_000, o.reindexMaxIntervalMs ?? 3_600_000);
  const client: PublicClient = chainClient(o.rpcUrl);

  // ------------------------------------------------------------------ metrics
  const registry = new Registry();
  const m = {
    ready: new Gauge({ name: "watchdog_ready", help: "1 while the API is served, 0 while /ready answers 503", registers: [registry] }),
    reason: new Gauge({ name: "watchdog_not_ready_reason", help: "1 for each standing reason the API is not served", labelNames: ["reason"], registers: [registry] }),
    served: new Gauge({ name: "watchdog_served_block", help: "Highest block the API was served at (persisted)", registers: [registry] }),
    indexed: new Gauge({ name: "watchdog_indexed_block", help: "Block the serving indexer has indexed, from its own logs", registers: [registry] }),
    tip: new Gauge({ name: "watchdog_chain_tip_block", help: "The chain's latest block", registers: [registry] }),
    divergences: new Counter({ name: "watchdog_divergences_total", help: "Spot checks that found the API differing from the contracts (confirmed twice)", registers: [registry] }),
    reorgs: new Counter({ name: "watchdog_unrecoverable_reorgs_total", help: "Reorgs deeper than finality the indexer reported", registers: [registry] }),
    reindexes: new Counter({ name: "watchdog_reindexes_total", help: "Re-indexes into a new schema started", registers: [registry] }),
    switches: new Counter({ name: "watchdog_schema_switches_total", help: "Times the proxy moved to a freshly indexed schema", registers: [registry] }),
    restarts: new Counter({ name: "watchdog_indexer_restarts_total", help: "Indexer processes restarted after exiting on their own", registers: [registry] }),
    samples: new Counter({ name: "watchdog_samples_total", help: "Spot checks of the API against the contracts", labelNames: ["result"], registers: [registry] }),
    requests: new Counter({ name: "watchdog_proxy_requests_total", help: "API requests, by how the watchdog answered", labelNames: ["answer"], registers: [registry] }),
  };
  const KNOWN_REASONS = ["starting", "indexer-down", "catching-up", "unrecoverable-reorg", "divergence", "stalled", "rpc-failing"];

  // ------------------------------------------------------------------ indexers
  let current: Indexer;
  let candidate: Indexer | undefined;
  let stopped = false;
  let restartDelay = 1_000;
  let lastSample: WatchdogState["lastSample"] = null;

  const pgliteDir = (schema: string) => join(o.stateDir, "pglite", schema);

  async function launch(schema: string): Promise<Indexer> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PONDER_RPC_URL: o.rpcUrl, AETHIR_MANIFEST: o.manifestPath, PONDER_TELEMETRY_DISABLED: "true" };
    if (o.databaseUrl !== undefined) env.DATABASE_URL = o.databaseUrl;
    else {
      env.PONDER_PGLITE_DIR = pgliteDir(schema);
      env.DATABASE_URL = "";
    }
    env.PATH = `${join(ROOT, "node_modules/.bin")}:${process.env.PATH}`;
    const views = o.viewsSchema === undefined ? [] : ["--views-schema", o.viewsSchema];
    // the command npm start has always run (scripts/lib/local-stack.ts startPonder), bound to loopback: only the
    // watchdog talks to it
    const args = ["--root", "ponder", "--log-format", "json", "start", "--schema", schema, ...views, "--port", String(port), "--hostname", "127.0.0.1"];
    const child = spawn(join(ROOT, "node_modules/.bin/ponder"), args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    track(child);
    const ix: Indexer = { schema, url: `http://127.0.0.1:${port}`, child, caughtUp: false, indexed: -1, retiring: false };
    for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on("line", (line) => onLog(ix, line));
    child.on("exit", (code, signal) => onExit(ix, code, signal));
    info("started the indexer", { schema, pid: child.pid, url: ix.url });
    return ix;
  }

  function onLog(ix: Indexer, line: string): void {
    const signal = parsePonderLog(line);
    const serving = ix === current;
    switch (signal.kind) {
      case "caught-up":
        ix.caughtUp = true;
        info("the indexer finished its backfill", { schema: ix.schema });
        if (serving) verdict.indexerCaughtUp();
        break;
      case "indexed":
        ix.indexed = Math.max(ix.indexed, signal.block);
        break;
      case "unrecoverable-reorg":
        warn("the indexer reported an unrecoverable reorg", { schema: ix.schema, detail: signal.detail });
        m.reorgs.inc();
        if (serving) verdict.unrecoverableReorg(signal.detail);
        else if (ix === candidate) void retire(ix, "its branch was reorganised away while it indexed");
        break;
      case "rpc-error":
      case "fatal":
        warn("the indexer logged an error", { schema: ix.schema, detail: signal.detail });
        break;
      default:
    }
  }

  function onExit(ix: Indexer, code: number | null, signal: NodeJS.Signals | null): void {
    if (ix.retiring || stopped) return;
    const detail = signal ?? `exit code ${code}`;
    if (ix === candidate) {
      warn("the re-indexing indexer exited; the next try waits for the rate limit", { schema: ix.schema, detail });
      candidate = undefined;
      return;
    }
    if (ix !== current) return;
    warn("the indexer exited; restarting it on the same schema", { schema: ix.schema, detail, inMs: restartDelay });
    verdict.indexerExited(detail);
    m.restarts.inc();
    setTimeout(() => {
      if (stopped || ix !== current) return;
      void launch(ix.schema).then((next) => {
        if (stopped || ix !== current) return void retire(next, "superseded");
        current = next;
        verdict.indexerStarted();
      });
    }, restartDelay);
    restartDelay = Math.min(restartDelay * 2, 30_000);
  }

  async function retire(ix: Indexer, why: string): Promise<void> {
    ix.retiring = true;
    if (ix === candidate) candidate = undefined;
    info("stopping an indexer", { schema: ix.schema, why });
    await stopAndWait(ix.child);
    if (o.databaseUrl === undefined && ix.schema !== persisted.schema) rmSync(pgliteDir(ix.schema), { recursive: true, force: true });
  }

  current = await launch(persisted.schema);
  verdict.indexerStarted();

  // ------------------------------------------------------------------ the loop
  async function metricsRpcErrors(url: string): Promise<number | undefined> {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return undefined;
    let total = 0;
    for (const line of (await res.text()).split("\n")) if (line.startsWith("ponder_rpc_request_error_total")) total += Number(line.split(" ").pop());
    return total;
  }

  async function poll(): Promise<void> {
    const tip = Number(await client.getBlockNumber());
    m.tip.set(tip);
    if (current.caughtUp) {
      verdict.observe(current.indexed, tip);
      const errors = await metricsRpcErrors(current.url).catch(() => undefined);
      if (errors !== undefined) verdict.rpcErrorTotal(errors);
    }
    if (verdict.ready()) {
      const before = persisted.servedBlock;
      verdict.serve();
      if (verdict.served !== before) {
        persisted.servedBlock = verdict.served;
        persist();
      }
      restartDelay = 1_000;
    }
    // re-index into a new schema when the state is wrong, as often as the limiter allows
    if (verdict.needsReindex() && candidate === undefined && limiter.mayStart()) {
      limiter.started();
      m.reindexes.inc();
      const schema = `${prefix}_${Date.now()}`;
      warn("re-indexing into a new schema", { schema, reasons: verdict.list().map((r) => r.code) });
      candidate = await launch(schema);
    }
    // switch once the new schema has caught up with the chain (and with what was served, unless the chain got shorter)
    if (candidate !== undefined && candidate.caughtUp && candidate.indexed >= Math.min(verdict.served, tip)) {
      const old = current;
      current = candidate;
      candidate = undefined;
      persisted.schema = current.schema;
      persist();
      verdict.switched();
      verdict.indexerCaughtUp();
      verdict.observe(current.indexed, tip);
      m.switches.inc();
      info("switched the API to the re-indexed schema", { schema: current.schema, indexedBlock: current.indexed, previous: old.schema });
      void retire(old, "replaced by a re-indexed schema");
      nextSampleAt = 0; // check the new one right away
    }
    m.ready.set(verdict.ready() ? 1 : 0);
    const standing = new Set(verdict.list().map((r) => r.code));
    for (const r of KNOWN_REASONS) m.reason.set({ reason: r }, standing.has(r as never) ? 1 : 0);
    m.served.set(verdict.served);
    m.indexed.set(verdict.indexedBlock());
  }

  let nextSampleAt = 0;
  async function spotCheck(): Promise<void> {
    // only an indexer that keeps up is checked: one catching up is already not served, and races the sample more
    if (!verdict.ready() || Date.now() < nextSampleAt || verdict.chainTip() - verdict.indexedBlock() > (o.verdict?.maxLagBlocks ?? DEFAULT_VERDICT.maxLagBlocks)) return;
    nextSampleAt = Date.now() + sampleIntervalMs;
    const checked = current;
    const first = await sample(checked.url, client, o.contracts, () => checked.indexed, () => statusBlock(checked.url));
    let result = first;
    // a difference counts only if a second sample finds it again: the first may have raced a block being indexed
    if (first !== undefined && first.differences.length > 0) {
      await new Promise((ok) => setTimeout(ok, 1_000));
      const second = await sample(checked.url, client, o.contracts, () => checked.indexed, () => statusBlock(checked.url));
      result = second === undefined ? undefined : { ...second, differences: confirmed(first.differences, second.differences) };
    }
    if (result === undefined) return void m.samples.inc({ result: "moving" });
    lastSample = { block: result.block, rows: result.rows, differences: result.differences.length, at: new Date().toISOString() };
    if (checked !== current) return;
    if (result.differences.length === 0) return void m.samples.inc({ result: "equal" });
    m.samples.inc({ result: "different" });
    m.divergences.inc();
    const texts = result.differences.map((d) => d.text);
    const detail = `${texts.length} of ${result.rows} sampled rows differ, e.g. ${texts.slice(0, 3).join("; ")}`;
    warn("the API differs from the contracts", { block: result.block, differences: texts.slice(0, 20) });
    verdict.divergence(detail);
  }

  let ticking = false;
  const timer = setInterval(() => {
    if (ticking || stopped) return;
    ticking = true;
    void poll()
      .then(spotCheck)
      .catch((error: unknown) => warn("a watchdog check failed; trying again", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (ticking = false));
  }, pollMs);

  // ------------------------------------------------------------------ HTTP
  const state = (): WatchdogState => ({
    ready: verdict.ready(),
    reasons: verdict.list().map((r) => ({ code: r.code, message: r.message, since: new Date(r.since).toISOString() })),
    schema: current.schema,
    indexedBlock: verdict.indexedBlock(),
    servedBlock: verdict.served,
    chainTip: verdict.chainTip(),
    reindexing: candidate === undefined ? null : { schema: candidate.schema, indexedBlock: candidate.indexed },
    nextReindexAllowed: limiter.nextAllowed() === 0 ? null : new Date(limiter.nextAllowed()).toISOString(),
    lastSample,
  });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    // CORS as Ponder answers it, so the web app reads the reason instead of a network error
    res.writeHead(status, { "content-type": "application/json", "access-control-allow-origin": "*" });
    res.end(JSON.stringify(body));
  };

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const block = verdict.indexedBlock();
    const upstream = new URL(current.url);
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, "x-watchdog-indexed-block": String(block), "x-watchdog-schema": current.schema });
        up.pipe(res);
      },
    );
    out.on("error", () => {
      m.requests.inc({ answer: "upstream-error" });
      if (!res.headersSent) json(res, 502, { error: "The indexer did not answer. Try again in a few seconds." });
      else res.destroy();
    });
    req.pipe(out);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (ownRoutes.has(path)) {
      if (path === "/health") return json(res, 200, { ok: true });
      if (path === "/watchdog") return json(res, 200, state());
      if (path === "/ready") {
        const s = state();
        return json(res, s.ready ? 200 : 503, { ready: s.ready, reasons: s.reasons, indexedBlock: s.indexedBlock, servedBlock: s.servedBlock });
      }
      void registry.metrics().then((text) => {
        res.writeHead(200, { "content-type": registry.contentType });
        res.end(text);
      });
      return;
    }
    // the data is served only while it is known good; otherwise the answer says why, never older data silently
    if (!verdict.ready()) {
      m.requests.inc({ answer: "refused" });
      req.resume();
      const reasons = verdict.list();
      res.setHeader("retry-after", "5");
      return json(res, 503, {
        error: `The API is not serving right now: ${reasons.map((r) => r.message).join("; ")}. Try again in a few seconds.`,
        reasons: reasons.map((r) => r.code),
        servedBlock: verdict.served,
      });
    }
    m.requests.inc({ answer: "forwarded" });
    forward(req, res);
  });
  const host = o.host ?? "127.0.0.1";
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(o.port, host, () => ok());
  });
  info("listening", { url: `http://${host}:${o.port}`, schema: persisted.schema, servedBlock: persisted.servedBlock });

  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${o.port}`,
    indexer: () => ({ pid: current.child.pid, schema: current.schema, url: current.url }),
    state,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await Promise.all([current, candidate].filter((x): x is Indexer => x !== undefined).map((x) => ((x.retiring = true), stopAndWait(x.child))));
      info("stopped");
    },
  };
}

/** The contracts the spot check reads, from a deployment manifest. */
export function sampleAddresses(manifest: { contracts: Record<string, { address: string }> }): SampleAddresses {
  const a = (name: string) => manifest.contracts[name]?.address as `0x${string}` | undefined;
  return { token: a("AethirToken")!, license: a("CheckerLicense"), stakingPools: a("StakingPools"), hostStaking: a("HostStaking") };
}
