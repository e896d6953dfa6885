// Starts and stops the local stack: a Hardhat node, the real deploy script, and the Ponder indexer. Used by the main
// job (scripts/main.ts) and the end-to-end tests. Every child runs in its own process group and is killed by PID.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = (name: string) => resolve(ROOT, "node_modules/.bin", name);
const children = new Set<ChildProcess>();

/** A TCP port the OS says is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  /** Everything the process printed so far (for error messages). */
  output: () => string;
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}, echo = false): Started {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PATH: `${resolve(ROOT, "node_modules/.bin")}:${process.env.PATH}` },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  let out = "";
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
    if (echo) process.stdout.write(chunk);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, output: () => out };
}

/** Adds a process started elsewhere (e.g. the PostgreSQL server) to the ones stopped with the stack. */
export function track(child: ChildProcess): void {
  children.add(child);
  child.on("exit", () => children.delete(child));
}

const running = (child: ChildProcess) => child.pid !== undefined && child.exitCode === null && child.signalCode === null;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!running(child)) return;
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Asks one started process group to stop (SIGTERM) without waiting; see `stopAllAndWait`. */
export function stop(child: ChildProcess): void {
  signalGroup(child, "SIGTERM");
}

/** Stops one started process group and waits for it: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopAndWait(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  signalGroup(child, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise<void>((ok) => (timer = setTimeout(ok, graceMs)))]);
  clearTimeout(timer);
  signalGroup(child, "SIGKILL");
}

/**
 * Asks every process group this module started to stop (SIGTERM) without waiting. A process that exits right after
 * this takes its children's stdout/stderr pipes with it, and Ponder then hangs in its shutdown sequence; the `exit`
 * handler below SIGKILLs whatever is still running at that point. Prefer `await stopAllAndWait()`.
 */
export function stopAll(): void {
  for (const child of [...children]) stop(child);
}

/**
 * Stops every process group this module started and waits for them: SIGTERM, then SIGKILL for any group whose leader
 * is still running after `graceMs`.
 */
export async function stopAllAndWait(graceMs = 10_000): Promise<void> {
  const live = [...children].filter(running);
  const exited = Promise.all(live.map((child) => new Promise<void>((ok) => (running(child) ? child.once("exit", () => ok()) : ok()))));
  for (const child of live) signalGroup(child, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise<void>((ok) => (timer = setTimeout(ok, graceMs)))]);
  clearTimeout(timer);
  for (const child of live) signalGroup(child, "SIGKILL");
}

// The children run in their own process groups (so they can be killed as a whole), which also means a signal sent to
// this process's group does not reach them: stop them on every way out. At `exit` nothing can be awaited any more, and
// a SIGTERMed Ponder whose output pipes are gone may never exit: SIGKILL. On a signal, a script that installs its own
// handler (scripts/main.ts for Ctrl-C) decides how to exit; otherwise stop everything and exit as the signal would.
process.on("exit", () => {
  for (const child of [...children]) signalGroup(child, "SIGKILL");
});
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    void stopAllAndWait(3_000).finally(() => process.exit(code));
  });
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** Polls `check` every 250 ms (its errors count as "not yet") until it holds; fails after `timeoutMs` or if `s` exits. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, s?: Started): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (s !== undefined && !running(s.child)) throw new Error(`${what}: process exited (${s.child.exitCode ?? s.child.signalCode})\n${s.output()}`);
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms\n${s?.output() ?? ""}`);
}

/** Starts `hardhat node` on `port` (on `hostname`, loopback unless told otherwise) and waits until it answers JSON-RPC. */
export async function startNode(port: number, hostname = "127.0.0.1"): Promise<{ url: string; child: ChildProcess }> {
  const s = start(BIN("hardhat"), ["node", "--port", String(port), "--hostname", hostname]);
  const url = `http://${hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname}:${port}`;
  await waitFor("hardhat node", async () => (await rpc(url, "eth_chainId")) !== undefined, 60_000, s);
  return { url, child: s.child };
}

/** Runs the real deploy script against the node on `rpcPort`, writing the manifest to `manifestPath`. */
export async function deploy(rpcPort: number, manifestPath: string): Promise<string> {
  const s = start(BIN("hardhat"), ["run", "--no-compile", "--network", "localhost", "scripts/deploy.ts"], {
    AETHIR_RPC_PORT: String(rpcPort),
    AETHIR_MANIFEST: manifestPath,
  });
  const code = await new Promise<number | null>((ok) => s.child.on("exit", ok));
  if (code !== 0) throw new Error(`deploy failed (${code})\n${s.output()}`);
  return s.output();
}

export interface PonderOptions {
  port: number;
  rpcUrl: string;
  manifestPath: string;
  /** PGlite directory (default) ... */
  pgliteDir?: string;
  /** ... or a PostgreSQL connection string. */
  databaseUrl?: string;
  schema: string;
  /** `ponder start --views-schema`: once the backfill is done, views in this schema point at this deployment's tables. */
  viewsSchema?: string;
  /** `start` (default): indexer and API; `serve`: the API alone, a read-only replica over `schema` (PostgreSQL only). */
  command?: "start" | "serve";
  echo?: boolean;
  /** The interface to listen on (`ponder --hostname`): 127.0.0.1 unless told otherwise. */
  hostname?: string;
  /** More environment for Ponder (e.g. the PONDER_SQL_* limits). */
  env?: NodeJS.ProcessEnv;
}

/** Starts `ponder start` (or `ponder serve`) headless and waits for its HTTP server. */
export async function startPonder(o: PonderOptions): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const env: NodeJS.ProcessEnv = { PONDER_RPC_URL: o.rpcUrl, AETHIR_MANIFEST: o.manifestPath, PONDER_TELEMETRY_DISABLED: "true", ...o.env };
  if (o.databaseUrl !== undefined) env.DATABASE_URL = o.databaseUrl;
  else {
    env.PONDER_PGLITE_DIR = o.pgliteDir;
    env.DATABASE_URL = "";
  }
  const views = o.viewsSchema === undefined ? [] : ["--views-schema", o.viewsSchema];
  const args = ["--root", "ponder", "--log-format", "json", o.command ?? "start", "--schema", o.schema, ...views, "--port", String(o.port), "--hostname", o.hostname ?? "127.0.0.1"];
  const s = start(BIN("ponder"), args, env, o.echo);
  const url = `http://127.0.0.1:${o.port}`;
  await waitFor("ponder", async () => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).ok, 120_000, s);
  return { url, child: s.child, output: s.output };
}

/** The highest block Ponder's /status reports as indexed (-1 before the first). */
export async function indexedBlock(ponderUrl: string): Promise<number> {
  const status = (await (await fetch(`${ponderUrl}/status`, { signal: AbortSignal.timeout(5_000) })).json()) as Record<string, { block?: { number: number } }>;
  return Math.max(-1, ...Object.values(status).map((c) => c.block?.number ?? -1));
}

/** Waits until Ponder's /status reports the chain's current tip as indexed (on 31337 /ready comes too early). */
export async function waitIndexed(ponderUrl: string, rpcUrl: string, timeoutMs = 120_000, onProgress?: (indexed: number, tip: number) => void): Promise<void> {
  const tip = Number(await rpc(rpcUrl, "eth_blockNumber"));
  await waitFor(
    `ponder indexing to block ${tip}`,
    async () => {
      const status = (await (await fetch(`${ponderUrl}/status`, { signal: AbortSignal.timeout(5_000) })).json()) as Record<string, { block?: { number: number } }>;
      const indexed = Math.max(-1, ...Object.values(status).map((c) => c.block?.number ?? -1));
      onProgress?.(indexed, tip);
      return indexed >= tip;
    },
    timeoutMs,
  );
}

/** A GraphQL query against Ponder; throws on GraphQL errors. */
export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors !== undefined) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join("; ")}`);
  return body.data!;
}

/**
 * A read-only SQL query over Ponder's HTTP endpoint (what @ponder/client sends: a superjson-encoded
 * `{ sql, params }` in the `sql` query parameter of GET /sql/db). Returns the response body as JSON.
 */
export async function sqlOverHttp<T = unknown>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  const encoded = encodeURIComponent(JSON.stringify({ json: { sql, params } }));
  const res = await fetch(`${url}/sql/db?sql=${encoded}`, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`SQL over HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export { rpc };
