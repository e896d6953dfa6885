// The indexer (Ponder) against its floor, all in one run on a local node: a chain holding >= 50,000 events the
// indexer handles (the protocol deployed by scripts/deploy.ts, the scripted sale, checker rewards and genesis
// activity, then ATH transfers made in bulk by a test-only fan-out contract), the time one plain client takes to
// fetch all those logs with eth_getLogs (the floor), Ponder's backfill of them on PGlite and on PostgreSQL, the
// realtime lag (block mined -> visible in GraphQL), and the API's latency and throughput under a bounded load
// (autocannon, loopback). Node, database, indexer and load generator are separate processes on this machine; peak
// memory is per process (VmHWM of Ponder's processes, read from /proc).
import { execFileSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { Interface, id, parseEther, type InterfaceAbi } from "ethers";
import { deploy, freePort, gql, indexedBlock, rpc, startNode, startPonder, stopAllAndWait, stopAndWait } from "../scripts/lib/local-stack.js";
import { startPostgres } from "../scripts/lib/postgres.js";
import { simulateGenesis } from "../scripts/lib/simulate-genesis.js";
import { simulateLicenses } from "../scripts/lib/simulate-licenses.js";
import { simulateRewards } from "../scripts/lib/simulate-rewards.js";
import type { Manifest } from "../scripts/lib/manifest.js";
import type { Filter } from "./indexing-filters.js";
import { pollingInterval } from "../ponder/rpc-settings.js";

const ROOT = resolve(import.meta.dirname, "..");

// The chain: TRANSFERS ATH transfers, TRANSFERS_PER_TX per transaction (the node automines: one transaction per
// block), to HOLDERS distinct addresses. The environment variables are for a quick try of the section; the report
// is made with the defaults.
const TRANSFERS = Number(process.env.BENCH_INDEXING_TRANSFERS ?? 50_000);
const TRANSFERS_PER_TX = 100;
const HOLDERS = 20_000;
const MIN_EVENTS = 50_000;
/**
 * Ponder indexes the last `finalityBlockCount` blocks (30 on an unknown chain such as 31337) with its realtime path,
 * block by block, not with the backfill. The chain ends with this many empty blocks so the backfill covers every
 * event, as it does on a real chain whose history is long next to its finality window.
 */
const EMPTY_TAIL_BLOCKS = 64;
/** A backfill still running after this long is stopped and reported as unfinished (with its progress). */
const BACKFILL_BUDGET_MS = Number(process.env.BENCH_INDEXING_BACKFILL_BUDGET_S ?? 150) * 1000;
// Realtime lag: transfers to fresh addresses, one at a time.
const LAG_SAMPLES = Number(process.env.BENCH_INDEXING_LAG_SAMPLES ?? 50);
// Load: concurrent clients and seconds per endpoint (PostgreSQL; PGlite gets a shorter run).
const CLIENTS = 10;
const LOAD_SECONDS = Number(process.env.BENCH_INDEXING_LOAD_SECONDS ?? 10);
const LOAD_SECONDS_PGLITE = Math.max(1, Math.round(LOAD_SECONDS / 2));
/** What ponder/ponder.config.ts sets (ponder/rpc-settings.ts; the benchmark doesn't override it). */
const PONDER_POLLING_INTERVAL_MS = pollingInterval({});
/**
 * Ponder paces its JSON-RPC requests per URL (20 a second at start, +5% at a time while they succeed) and spreads them
 * over the URLs it is given (PONDER_RPC_URL, comma-separated). A local node has no rate limit, so the measured
 * instances get the node's URL this many times; one PostgreSQL backfill with the URL once shows what the pace costs.
 */
const RPC_BACKENDS = Number(process.env.BENCH_INDEXING_RPC_BACKENDS ?? 4);
/**
 * One more PostgreSQL backfill goes through a proxy that holds each JSON-RPC request this long before passing it on
 * (the round trip to a provider in the same region; the loopback floor flatters nobody), and the floor is measured
 * through it too.
 */
const ADDED_LATENCY_MS = Number(process.env.BENCH_INDEXING_LATENCY_MS ?? 20);
// Goals (issue 17, "Faster"; issue 6 set the lag goal).
const GOAL_BACKFILL_X_FLOOR = 10;
const GOAL_HANDLERS_X_FLOOR = 3;
const GOAL_LAG_P99_MS = 1_000;
const GOAL_ACCOUNT_P99_MS = 50;
/** Tables in ponder/ponder.schema.ts (the GraphQL schema has a type and a list for each). */
const SCHEMA_TABLES = (readFileSync(join(ROOT, "ponder/ponder.schema.ts"), "utf8").match(/onchainTable\(/g) ?? []).length;

const log = (line: string) => process.stderr.write(`[indexing] ${line}\n`);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// ---------------------------------------------------------------- the node's JSON-RPC

interface Log {
  address: string;
  topics: string[];
}
interface Receipt {
  status: string;
  contractAddress: string | null;
}

/** Sends a transaction from an account the node holds; the node automines, so it is mined when this returns. */
async function send(url: string, tx: { from: string; to?: string; data: string; gas: number }): Promise<Receipt> {
  const hash = (await rpc(url, "eth_sendTransaction", [{ ...tx, gas: `0x${tx.gas.toString(16)}` }])) as string;
  const receipt = (await rpc(url, "eth_getTransactionReceipt", [hash])) as Receipt | null;
  if (receipt === null) throw new Error(`no receipt for ${hash}: is the node automining?`);
  if (receipt.status !== "0x1") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/**
 * A loopback HTTP proxy to the node that holds every request `delayMs` before forwarding it (the whole round trip's
 * added latency, paid once per request as on a real network; requests in flight overlap as they would there).
 */
async function startDelayProxy(target: string, delayMs: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      setTimeout(() => {
        fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) })
          .then(async (r) => {
            res.writeHead(r.status, { "content-type": "application/json" });
            res.end(Buffer.from(await r.arrayBuffer()));
          })
          .catch((error: unknown) => {
            res.writeHead(502, { "content-type": "application/json" });
            res.end(JSON.stringify({ error: String(error) }));
          });
      }, delayMs);
    });
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${port}`, server };
}

// ---------------------------------------------------------------- what the indexer subscribes to

/** Per address, the topic0s Ponder asks the node for (bench/indexing-filters.ts reads ponder.config.ts and ponder/src). */
function subscriptions(manifestPath: string): { startBlock: number; topicsByAddress: Map<string, Set<string>> } {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/indexing-filters.ts"], {
    cwd: ROOT,
    env: { ...process.env, AETHIR_MANIFEST: manifestPath },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const filters = JSON.parse(out.trim().split("\n").pop()!) as Filter[];
  const topicsByAddress = new Map<string, Set<string>>();
  for (const f of filters) {
    for (const a of f.addresses) topicsByAddress.set(a, new Set([...(topicsByAddress.get(a) ?? []), ...f.topics]));
  }
  return { startBlock: Math.min(...filters.map((f) => f.startBlock)), topicsByAddress };
}

/**
 * The floor: one plain client fetching every log of the indexer's addresses and event signatures from its start block
 * to `tip` with eth_getLogs (the whole range in one request; halved while the node refuses). Returns the logs that
 * match the indexer's per-contract selection and the requests it took.
 */
async function fetchAllLogs(url: string, sub: ReturnType<typeof subscriptions>, tip: number): Promise<{ events: number; requests: number }> {
  const address = [...sub.topicsByAddress.keys()];
  const topic0s = [...new Set([...sub.topicsByAddress.values()].flatMap((s) => [...s]))];
  let requests = 0;
  let events = 0;
  const ranges: [number, number][] = [[sub.startBlock, tip]];
  while (ranges.length > 0) {
    const [from, to] = ranges.shift()!;
    requests++;
    let logs: Log[];
    try {
      logs = (await rpc(url, "eth_getLogs", [{ address, topics: [topic0s], fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}` }])) as Log[];
    } catch (error) {
      if (from === to) throw error;
      const mid = Math.floor((from + to) / 2);
      ranges.unshift([from, mid], [mid + 1, to]);
      continue;
    }
    for (const l of logs) if (sub.topicsByAddress.get(l.address.toLowerCase())?.has(l.topics[0]!)) events++;
  }
  return { events, requests };
}

// ---------------------------------------------------------------- Ponder's process

/** Sum of VmHWM (peak resident set) over the live processes of a process group, in MB. */
function peakRssMb(pgid: number): number {
  let kb = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // state ppid pgrp ...
      if (Number(fields[2]) !== pgid) continue;
      kb += Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kb / 1024;
}

/** Events Ponder's indexing functions completed (its `ponder_indexing_completed_events` gauge, summed). */
async function completedEvents(ponderUrl: string): Promise<number> {
  const text = await (await fetch(`${ponderUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  let total = 0;
  for (const m of text.matchAll(/^ponder_indexing_completed_events\{[^}]*\} (\d+(?:\.\d+)?)$/gm)) total += Number(m[1]);
  return total;
}

/** Per handler, the time Ponder spent in it (its `ponder_indexing_function_duration` histogram), in ms, largest first. */
async function handlerTimes(ponderUrl: string): Promise<{ event: string; ms: number; count: number }[]> {
  const text = await (await fetch(`${ponderUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const rows = new Map<string, { event: string; ms: number; count: number }>();
  for (const m of text.matchAll(/^ponder_indexing_function_duration_(sum|count)\{event="([^"]+)"\} (\S+)$/gm)) {
    const row = rows.get(m[2]!) ?? { event: m[2]!, ms: 0, count: 0 };
    if (m[1] === "sum") row.ms = Number(m[3]);
    else row.count = Number(m[3]);
    rows.set(m[2]!, row);
  }
  return [...rows.values()].sort((a, b) => b.ms - a.ms);
}

/** JSON-RPC requests Ponder sent (its `ponder_rpc_request_duration` histogram's counts), by method. */
async function rpcRequests(ponderUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${ponderUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^ponder_rpc_request_duration_count\{([^}]*)\} (\S+)$/gm)) {
    const method = /method="([^"]+)"/.exec(m[1]!)?.[1] ?? "?";
    counts[method] = (counts[method] ?? 0) + Number(m[2]);
  }
  return counts;
}

interface Backfill {
  /** False: still running when the budget ran out (then `events` is its progress). */
  finished: boolean;
  startupMs: number;
  totalMs: number;
  events: number;
  block: number;
  peakRssMb: number;
  /** The handler Ponder spent the most time in, and that time. */
  slowest: { event: string; ms: number; count: number };
  /** Time in all handlers together (ms). */
  handlersMs: number;
  /** Every handler's time, largest first. */
  handlers: { event: string; ms: number; count: number }[];
  /** JSON-RPC requests Ponder sent, by method. */
  requests: Record<string, number>;
}

/**
 * Starts Ponder fresh and times it from process start to the chain's tip indexed (its /status, polled every 50 ms),
 * giving up after BACKFILL_BUDGET_MS.
 */
async function backfill(opts: Parameters<typeof startPonder>[0], tip: number): Promise<{ url: string; child: ChildProcess; result: Backfill }> {
  const t0 = performance.now();
  const ponder = await startPonder(opts);
  const startupMs = performance.now() - t0;
  let block = -1;
  while ((block = await indexedBlock(ponder.url).catch(() => -1)) < tip) {
    if (ponder.child.exitCode !== null || ponder.child.signalCode !== null) throw new Error(`ponder exited\n${ponder.output()}`);
    if (performance.now() - t0 > BACKFILL_BUDGET_MS) break;
    await sleep(50);
  }
  const totalMs = performance.now() - t0;
  const result = {
    finished: block >= tip,
    startupMs,
    totalMs,
    events: await completedEvents(ponder.url),
    block,
    peakRssMb: peakRssMb(ponder.child.pid!),
    ...(await handlerTimes(ponder.url).then((rows) => ({ slowest: rows[0] ?? { event: "—", ms: 0, count: 0 }, handlersMs: rows.reduce((sum, r) => sum + r.ms, 0), handlers: rows }))),
    requests: await rpcRequests(ponder.url),
  };
  return { url: ponder.url, child: ponder.child, result };
}

// ---------------------------------------------------------------- load

interface AutocannonResult {
  latency: { p50: number; p99: number };
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (opts: {
  url: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  duration: number;
  timeout?: number;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface Target {
  name: string;
  path: string;
  method: "GET" | "POST";
  body?: string;
  /** Checks one answer before the load (a 200 with the wrong body would be timed as a success). */
  check: (body: unknown) => boolean;
}

interface Load {
  target: string;
  database: string;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function load(ponderUrl: string, database: string, target: Target, duration: number): Promise<Load> {
  const headers = { "content-type": "application/json" };
  const res = await fetch(`${ponderUrl}${target.path}`, { method: target.method, body: target.body, headers, signal: AbortSignal.timeout(30_000) });
  const body: unknown = await res.json();
  if (!res.ok || !target.check(body)) throw new Error(`${target.name} on ${database}: unexpected answer ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  const r = await autocannon({ url: `${ponderUrl}${target.path}`, method: target.method, body: target.body, headers, connections: CLIENTS, duration, timeout: 10 });
  if (r.errors + r.timeouts + r.non2xx > 0) throw new Error(`${target.name} on ${database}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  return { target: target.name, database, seconds: r.duration, requests: r.requests.total, perSecond: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99 };
}

const ACCOUNT_PAGE_QUERY = `query AccountPage($a: String!) {
  account(address: $a) { address balance votes delegate bucket transferCount licenseCount }
  licenses(where: { owner: $a }, orderBy: "id", limit: 100) { items { id operator operatorExpires bannedUntil tier } }
  accountEpochs(where: { account: $a }, orderBy: "epoch", orderDirection: "desc", limit: 30) { items { epoch earned cumulative } }
  vestingClaims(where: { account: $a }) { items { entryId option amount vesting status } }
  transfers(where: { OR: [{ from: $a }, { to: $a }] }, orderBy: "blockNumber", orderDirection: "desc", limit: 10) { items { from to amount timestamp } }
}`;

const OVERVIEW = "`GET /overview`";
function targets(account: string): Target[] {
  return [
    { name: OVERVIEW, path: "/overview", method: "GET", check: (b) => (b as { supply: unknown }).supply !== null },
    { name: "`GET /accounts/:address`", path: `/accounts/${account}`, method: "GET", check: (b) => (b as { account: unknown }).account !== null },
    {
      name: "GraphQL account page",
      path: "/graphql",
      method: "POST",
      body: JSON.stringify({ query: ACCOUNT_PAGE_QUERY, variables: { a: account } }),
      check: (b) => {
        const { data, errors } = b as { data?: { account: unknown; licenses: { items: unknown[] } }; errors?: unknown };
        return errors === undefined && data?.account !== null && (data?.licenses.items.length ?? 0) > 0;
      },
    },
  ];
}

// ---------------------------------------------------------------- realtime lag

/**
 * With Ponder caught up: LAG_SAMPLES transfers to fresh addresses, one at a time, each after a random pause of up to
 * one polling interval (so the blocks land at every phase of Ponder's polling, not right after its last poll). The
 * lag is from the node's answer to eth_sendTransaction (it automines: the block is mined by then) to the first
 * GraphQL answer, polled every 10 ms, that shows the recipient's balance.
 */
async function realtimeLag(rpcUrl: string, ponderUrl: string, from: string, token: string): Promise<number[]> {
  const ath = new Interface(["function transfer(address to, uint256 amount) returns (bool)"]);
  const lags: number[] = [];
  for (let i = 0; i < LAG_SAMPLES; i++) {
    await sleep(Math.random() * PONDER_POLLING_INTERVAL_MS);
    const to = `0x${id(`aethir-bench-lag-${i}-${Date.now()}`).slice(26)}`;
    const amount = parseEther("1") + BigInt(i);
    const hash = (await rpc(rpcUrl, "eth_sendTransaction", [{ from, to: token, data: ath.encodeFunctionData("transfer", [to, amount]), gas: "0x493e0" }])) as string;
    const mined = performance.now();
    if (((await rpc(rpcUrl, "eth_getTransactionReceipt", [hash])) as Receipt | null)?.status !== "0x1") throw new Error(`lag transfer ${hash} not mined or reverted`);
    for (;;) {
      const r = await gql<{ account: { balance: string } | null }>(ponderUrl, `query($a: String!) { account(address: $a) { balance } }`, { a: to });
      if (r.account !== null && BigInt(r.account.balance) === amount) break;
      if (performance.now() - mined > 30_000) throw new Error(`transfer ${i} not visible in GraphQL after 30 s`);
      await sleep(10);
    }
    lags.push(performance.now() - mined);
  }
  return lags;
}

// ---------------------------------------------------------------- the run

interface Results {
  events: number;
  blocks: number;
  transfers: number;
  floorMs: number;
  /** The floor through the delaying proxy. */
  floorLatencyMs: number;
  floorRequests: number;
  /** PostgreSQL, the node's URL x RPC_BACKENDS through the delaying proxy. */
  postgresLatency: Backfill;
  /** The machine's load averages (1, 5, 15 min) when the run started and ended (other work shares the cores). */
  loadBefore: number[];
  loadAfter: number[];
  pglite: Backfill;
  postgres: Backfill;
  /** PostgreSQL with the node's URL once: Ponder's default pace. */
  postgresOneUrl: Backfill;
  /** Ponder on PostgreSQL over the whole run (backfill, realtime, load). */
  postgresPeakRssMb: number;
  /** Empty when Ponder on PostgreSQL did not catch up. */
  lags: number[];
  loads: Load[];
}

async function measure(): Promise<Results> {
  const work = mkdtempSync(join(tmpdir(), "aethir-bench-indexing-"));
  const loadBefore = loadavg();
  try {
    let t = performance.now();
    const phase = (what: string) => {
      log(`${what} (${seconds(performance.now() - t)})`);
      t = performance.now();
    };
    const rpcPort = await freePort();
    const node = await startNode(rpcPort);
    const manifestPath = join(work, "localhost.json");
    await deploy(rpcPort, manifestPath);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    phase("deployed");
    await simulateLicenses(node.url, manifest, "config/whitelist.local.csv");
    await simulateRewards(node.url, manifest, join(work, "rewards"));
    await simulateGenesis(node.url, manifest);
    phase("sale, checker rewards and genesis simulated");

    // the richest of the node's accounts deploys the fan-out contract and funds it
    const token = manifest.contracts.AethirToken!.address;
    const erc20 = new Interface(["function balanceOf(address) view returns (uint256)", "function transfer(address to, uint256 amount) returns (bool)"]);
    const accounts = (await rpc(node.url, "eth_accounts")) as string[];
    const balances = await Promise.all(
      accounts.map(async (a) => BigInt((await rpc(node.url, "eth_call", [{ to: token, data: erc20.encodeFunctionData("balanceOf", [a]) }, "latest"])) as string)),
    );
    const richest = accounts[balances.indexOf(balances.reduce((a, b) => (b > a ? b : a)))]!;
    const artifact = JSON.parse(readFileSync(join(ROOT, "artifacts/test/contracts/TransferFanout.sol/TransferFanout.json"), "utf8")) as { abi: InterfaceAbi; bytecode: string };
    const fanout = (await send(node.url, { from: richest, data: artifact.bytecode, gas: 1_000_000 })).contractAddress!;
    const amount = parseEther("1");
    await send(node.url, { from: richest, to: token, data: erc20.encodeFunctionData("transfer", [fanout, amount * BigInt(TRANSFERS)]), gas: 200_000 });
    const fan = new Interface(artifact.abi);
    const batches: number[] = [];
    for (let first = 0; first < TRANSFERS; first += TRANSFERS_PER_TX) batches.push(first);
    // a few transactions in flight: the node still mines them one per block, in the order it receives them
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let first = batches.shift(); first !== undefined; first = batches.shift()) {
          const count = Math.min(TRANSFERS_PER_TX, TRANSFERS - first);
          await send(node.url, { from: richest, to: fanout, data: fan.encodeFunctionData("fanOut", [token, first, count, HOLDERS, amount]), gas: 100_000 + count * 60_000 });
        }
      }),
    );
    // one evm_mine each: hardhat_mine's batch of blocks does not chain by parent hash as Ponder reads them (it then
    // sees a reorg beyond its finalized block and stops)
    for (let i = 0; i < EMPTY_TAIL_BLOCKS; i++) await rpc(node.url, "evm_mine");
    phase(`${fmt(TRANSFERS)} fan-out transfers`);

    // the floor, measured on an idle node before any indexer runs: best of three
    const tip = Number(await rpc(node.url, "eth_blockNumber"));
    const sub = subscriptions(manifestPath);
    const floorRuns: number[] = [];
    let floor = { events: 0, requests: 0 };
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      floor = await fetchAllLogs(node.url, sub, tip);
      floorRuns.push(performance.now() - t0);
    }
    if (TRANSFERS >= MIN_EVENTS && floor.events < MIN_EVENTS) throw new Error(`only ${floor.events} events on the chain`);
    const proxy = await startDelayProxy(node.url, ADDED_LATENCY_MS);
    const floorLatencyRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await fetchAllLogs(proxy.url, sub, tip);
      floorLatencyRuns.push(performance.now() - t0);
    }
    phase(`floor: ${fmt(floor.events)} logs in blocks ${sub.startBlock}..${tip}`);

    // backfill on PGlite, then on PostgreSQL (one at a time: they would compete for the cores)
    const urls = (n: number) => Array.from({ length: n }, () => node.url).join(",");
    const common = { rpcUrl: urls(RPC_BACKENDS), manifestPath, schema: "bench" };
    const account = accounts[10]!.toLowerCase(); // the simulations' wl1: licenses, an operator, earnings, claims, transfers
    const loads: Load[] = [];
    const onPglite = await backfill({ ...common, port: await freePort(), pgliteDir: join(work, "pglite") }, tip);
    phase(`PGlite backfill: ${fmt(onPglite.result.events)} events${onPglite.result.finished ? "" : ", unfinished"}`);
    if (onPglite.result.finished) {
      for (const target of targets(account)) loads.push(await load(onPglite.url, "PGlite", target, LOAD_SECONDS_PGLITE));
      phase("PGlite load");
    }
    await stopAndWait(onPglite.child);

    const postgres = await startPostgres();
    const oneUrl = await backfill({ ...common, rpcUrl: urls(1), port: await freePort(), databaseUrl: postgres.url, schema: "bench_one_url" }, tip);
    phase(`PostgreSQL backfill, the node's URL once: ${fmt(oneUrl.result.events)} events${oneUrl.result.finished ? "" : ", unfinished"}`);
    await stopAndWait(oneUrl.child);
    const onPostgres = await backfill({ ...common, port: await freePort(), databaseUrl: postgres.url }, tip);
    phase(`PostgreSQL backfill: ${fmt(onPostgres.result.events)} events${onPostgres.result.finished ? "" : ", unfinished"}`);
    let lags: number[] = [];
    if (onPostgres.result.finished) {
      lags = await realtimeLag(node.url, onPostgres.url, richest, token);
      phase(`realtime lag, ${LAG_SAMPLES} transfers`);
      for (const target of targets(account)) loads.push(await load(onPostgres.url, "PostgreSQL", target, LOAD_SECONDS));
      phase("PostgreSQL load");
    }
    const postgresPeakRssMb = peakRssMb(onPostgres.child.pid!);
    await stopAndWait(onPostgres.child);
    const proxyUrls = Array.from({ length: RPC_BACKENDS }, () => proxy.url).join(",");
    const withLatency = await backfill({ ...common, rpcUrl: proxyUrls, port: await freePort(), databaseUrl: postgres.url, schema: "bench_latency" }, tip);
    phase(`PostgreSQL backfill through the ${ADDED_LATENCY_MS} ms proxy: ${fmt(withLatency.result.events)} events${withLatency.result.finished ? "" : ", unfinished"}`);
    await stopAndWait(withLatency.child);
    await new Promise((done) => proxy.server.close(done));

    return {
      events: floor.events,
      blocks: tip - sub.startBlock + 1,
      transfers: TRANSFERS,
      floorMs: Math.min(...floorRuns),
      floorLatencyMs: Math.min(...floorLatencyRuns),
      floorRequests: floor.requests,
      postgresLatency: withLatency.result,
      loadBefore,
      loadAfter: loadavg(),
      pglite: onPglite.result,
      postgres: onPostgres.result,
      postgresOneUrl: oneUrl.result,
      postgresPeakRssMb,
      lags,
      loads,
    };
  } finally {
    await stopAllAndWait();
    rmSync(work, { recursive: true, force: true });
  }
}

export async function indexingSection(): Promise<string> {
  const r = await measure();
  const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
  // an unfinished backfill's ratio is a lower bound: it had taken that long and was not done
  const x = (b: Backfill, floorMs = r.floorMs) => `${b.finished ? "" : "> "}${fmt(b.totalMs / floorMs, 1)}x`;
  const perSecond = (events: number, ms: number) => `${fmt(events / (ms / 1000))} events/s`;
  const backfillRow = (name: string, b: Backfill, floorMs = r.floorMs) =>
    b.finished
      ? `| ${name} | ${seconds(b.totalMs)} (start-up ${seconds(b.startupMs)}, then ${seconds(b.totalMs - b.startupMs)}) | ${fmt(b.events / (b.totalMs / 1000))} | ${x(b, floorMs)} | ${fmt(b.peakRssMb)} MB |`
      : `| ${name} | **unfinished**: stopped after ${seconds(b.totalMs)} (start-up ${seconds(b.startupMs)}) with ${fmt(b.events)} of ${fmt(r.events)} events handled | ${fmt(b.events / (b.totalMs / 1000))} | ${x(b, floorMs)} | ${fmt(b.peakRssMb)} MB |`;
  const handlerTable = (b: Backfill) => [
    `| handler (PostgreSQL backfill, \`ponder_indexing_function_duration\`) | events | time | per event | share of handler time |`,
    "|---|---:|---:|---:|---:|",
    ...b.handlers
      .filter((h) => h.ms >= 0.0005 * b.handlersMs)
      .map((h) => `| \`${h.event}\` | ${fmt(h.count)} | ${fmt(h.ms)} ms | ${fmt(h.ms / Math.max(1, h.count), 3)} ms | ${fmt((100 * h.ms) / Math.max(1, b.handlersMs), 1)}% |`),
    `| every handler (${b.handlers.length}; those under 0.05% of the time not listed) | ${fmt(b.handlers.reduce((n, h) => n + h.count, 0))} | ${fmt(b.handlersMs)} ms | ${fmt(b.handlersMs / Math.max(1, b.handlers.reduce((n, h) => n + h.count, 0)), 3)} ms | 100% |`,
  ];
  const loads = (l: number[]) => l.map((v) => fmt(v, 2)).join(", ");
  const slowest = (name: string, b: Backfill) =>
    `${name} \`${b.slowest.event}\`, ${fmt(b.slowest.ms / 1000, 1)} s over ${fmt(b.slowest.count)} events (${fmt(b.slowest.ms / Math.max(1, b.slowest.count), 2)} ms each)`;
  const requests = (name: string, b: Backfill) => {
    const byMethod = Object.entries(b.requests).sort((a, c) => c[1] - a[1]);
    return `${name} ${fmt(byMethod.reduce((s, [, n]) => s + n, 0))} (${byMethod.map(([m, n]) => `${fmt(n)} \`${m}\``).join(", ")})`;
  };
  const counted = [r.pglite, r.postgres].filter((b) => b.finished);
  const lagP99 = r.lags.length > 0 ? percentile(r.lags, 99) : undefined;
  const pgAccount = r.loads.filter((l) => l.database === "PostgreSQL" && l.target !== OVERVIEW);
  const notMeasured = "— | **not met** (not measured: Ponder on PostgreSQL did not catch up)";
  const lines = [
    "## Indexer (Ponder): backfill against the eth_getLogs floor, realtime lag, API under load",
    "",
    `A local \`hardhat node\` with the protocol deployed by scripts/deploy.ts, the scripted sale, checker rewards and`,
    `genesis activity, then ${fmt(r.transfers)} ATH transfers made by a test-only fan-out contract (test/contracts/TransferFanout.sol,`,
    `${TRANSFERS_PER_TX} per transaction, one transaction per block) to ${fmt(HOLDERS)} addresses (the first ${fmt(HOLDERS)} create holders, the`,
    `rest update them), then ${EMPTY_TAIL_BLOCKS} empty blocks: **${fmt(r.events)} events the indexer handles** in ${fmt(r.blocks)} blocks, counted as the`,
    `logs of the addresses and handled event signatures of ponder/ponder.config.ts and ponder/src from the start block`,
    `to the tip${counted.length === 0 ? "" : ` (Ponder's own count, \`ponder_indexing_completed_events\`: ${counted.map((b) => `${fmt(b.events)} on ${b === r.pglite ? "PGlite" : "PostgreSQL"}`).join(", ")})`}.`,
    `Ponder indexes the last 30 blocks of chain 31337 with its realtime path, block by block, hence the empty tail:`,
    `every event goes through the backfill. Node, database, indexer and load generator share this machine`,
    `(Node ${process.versions.node}, ${availableParallelism()} cores), and so did other work: the load averages (1, 5, 15 min) were`,
    `${loads(r.loadBefore)} when the run started and ${loads(r.loadAfter)} when it ended.`,
    "",
    `| backfill of ${fmt(r.events)} events | wall time | events/s | x floor | peak RSS of Ponder |`,
    "|---|---:|---:|---:|---:|",
    `| floor: one plain client, \`eth_getLogs\` of all of them (${r.floorRequests === 1 ? "one request" : `${r.floorRequests} requests`}, best of 3) | ${fmt(r.floorMs)} ms | ${fmt(r.events / (r.floorMs / 1000))} | 1.0x | — |`,
    backfillRow(`Ponder on PGlite, process start to tip indexed (the node's URL x${RPC_BACKENDS})`, r.pglite),
    backfillRow(`Ponder on PostgreSQL, process start to tip indexed (the node's URL x${RPC_BACKENDS})`, r.postgres),
    backfillRow("Ponder on PostgreSQL, process start to tip indexed (the node's URL once: Ponder's default pace)", r.postgresOneUrl),
    `| floor through a proxy adding ${ADDED_LATENCY_MS} ms to every JSON-RPC request (best of 3) | ${fmt(r.floorLatencyMs)} ms | ${fmt(r.events / (r.floorLatencyMs / 1000))} | 1.0x | — |`,
    backfillRow(`Ponder on PostgreSQL through the same proxy (its URL x${RPC_BACKENDS}), x that floor`, r.postgresLatency, r.floorLatencyMs),
    "",
    `Start-up is Ponder building the app and creating its tables, until its HTTP server answers; the backfill's time`,
    `counts from the process's start, as a deployment sees it. A backfill still running after ${seconds(BACKFILL_BUDGET_MS)} is stopped and`,
    `its ratio to the floor is a lower bound. Peak RSS is the sum of VmHWM over Ponder's processes at the backfill's end`,
    `(the PostgreSQL server's is not in it); Ponder on PostgreSQL peaked at ${fmt(r.postgresPeakRssMb)} MB over the whole run.`,
    "",
    "Where the time went:",
    "",
    `- the handler Ponder spent the most time in (\`ponder_indexing_function_duration\`): on ${slowest("PGlite", r.pglite)};`,
    `  on ${slowest("PostgreSQL", r.postgres)};`,
    `- JSON-RPC requests Ponder sent (\`ponder_rpc_request_duration\`): on ${requests("PGlite", r.pglite)};`,
    `  on ${requests("PostgreSQL", r.postgres)}. Ponder paces its requests itself, per URL, from 20 per second at start,`,
    `  raised 5% at a time while they succeed (INITIAL_MAX_RPS, RPS_INCREASE_FACTOR in node_modules/ponder/src/rpc/index.ts),`,
    `  with no setting for that pace but the number of URLs: the node's URL once took ${seconds(r.postgresOneUrl.totalMs)}, ${RPC_BACKENDS} times ${seconds(r.postgres.totalMs)}`,
    `  (PONDER_RPC_URL takes several URLs, comma-separated, e.g. several providers in production); the floor is ${r.floorRequests === 1 ? "one request" : `${r.floorRequests} requests`};`,
    `- Ponder fetches each block that holds an event (\`eth_getBlockByNumber\`), stores every log, block and transaction in`,
    `  its sync store, then runs the handlers one event at a time; the floor only reads the logs. The handlers alone`,
    `  (the sum of \`ponder_indexing_function_duration\`) took ${seconds(r.postgres.handlersMs)} on PostgreSQL, ${fmt(r.postgres.handlersMs / r.floorMs, 1)}x the floor by themselves`,
    `  (${perSecond(r.events, r.postgres.handlersMs)}), ${seconds(r.pglite.handlersMs)} on PGlite (${fmt(r.pglite.handlersMs / r.floorMs, 1)}x); each handler's share:`,
    "",
    ...handlerTable(r.postgres),
    "",
    `- through the proxy adding ${ADDED_LATENCY_MS} ms to each request, the floor (${r.floorRequests === 1 ? "one request" : `${r.floorRequests} requests`}) took ${fmt(r.floorLatencyMs)} ms and Ponder`,
    `  ${seconds(r.postgresLatency.totalMs)} (${requests("its", r.postgresLatency)}): ${fmt(r.postgresLatency.totalMs / r.floorMs, 1)}x the loopback floor.`,
    "",
  ];
  if (lagP99 !== undefined) {
    lines.push(
      `| realtime lag (PostgreSQL), ${r.lags.length} transfers to fresh addresses, one at a time | p50 | p99 | max |`,
      "|---|---:|---:|---:|",
      `| block mined (the node's answer to \`eth_sendTransaction\`) to the balance visible in GraphQL | ${fmt(percentile(r.lags, 50))} ms | ${fmt(lagP99)} ms | ${fmt(Math.max(...r.lags))} ms |`,
      "",
      `Each transfer is sent after a random pause of up to one polling interval, so blocks land at every phase of`,
      `Ponder's polling; GraphQL is polled every 10 ms; with ${r.lags.length} samples the p99 is the largest.`,
    );
  }
  lines.push(
    `Ponder learns of new blocks by polling \`eth_getBlockByNumber("latest")\` every \`pollingInterval\` ms: ponder/ponder.config.ts`,
    `sets ${fmt(PONDER_POLLING_INTERVAL_MS)} (Ponder's default is 1,000; ponder/rpc-settings.ts says why), so a block waits half an interval on average`,
    `before Ponder sees it; with a \`ws\` URL Ponder subscribes to new heads instead.`,
    "",
  );
  if (r.loads.length > 0) {
    lines.push(
      `| endpoint under load (${CLIENTS} concurrent clients, loopback, autocannon) | database | duration | requests | requests/s | p50 | p99 |`,
      "|---|---|---:|---:|---:|---:|---:|",
      ...r.loads.map((l) => `| ${l.target} | ${l.database} | ${fmt(l.seconds)} s | ${fmt(l.requests)} | ${fmt(l.perSecond)} | ${fmt(l.p50)} ms | ${fmt(l.p99)} ms |`),
      "",
      `The account is a license owner with a delegated operator, epoch earnings, claims and transfers. The GraphQL page`,
      `asks for the account, its licenses, its last 30 epochs' earnings, its claims and its last 10 transfers in or out;`,
      `\`/accounts/:address\` serves the same (its 20 newest transfers) and the account's staking: positions, stATH, host`,
      `delegations and unbonding requests. Latencies are whole milliseconds (autocannon's`,
      `histogram); every answer was a 2xx, and one of each was checked for the expected data before the load.`,
      `The GraphQL page goes through Ponder's GraphQL server (graphql-yoga, which Ponder runs with its parse-and-validate`,
      `cache off, so each request is parsed and validated against the schema of all ${SCHEMA_TABLES} tables) and one SQL query per`,
      `list; \`/accounts/:address\` is the API's own route (Hono, Drizzle queries on the tables), the page an app should use.`,
      "",
    );
  }
  if (counted.length < 2) lines.push(`An instance whose backfill did not finish is not measured further (realtime lag, load).`, "");
  lines.push(
    "| goal | measured | |",
    "|---|---|---|",
    `| backfill within ${GOAL_BACKFILL_X_FLOOR}x of the floor, PostgreSQL | ${x(r.postgres)} (${perSecond(r.postgres.events, r.postgres.totalMs)}; floor ${perSecond(r.events, r.floorMs)}) | ${verdict(r.postgres.finished && r.postgres.totalMs <= GOAL_BACKFILL_X_FLOOR * r.floorMs)} |`,
    `| handlers within ${GOAL_HANDLERS_X_FLOOR}x of the floor, PostgreSQL | ${fmt(r.postgres.handlersMs / r.floorMs, 1)}x (${perSecond(r.postgres.events, r.postgres.handlersMs)}) | ${verdict(r.postgres.finished && r.postgres.handlersMs <= GOAL_HANDLERS_X_FLOOR * r.floorMs)} |`,
    `| (no goal) backfill, PGlite | ${x(r.pglite)} (${perSecond(r.pglite.events, r.pglite.totalMs)}); handlers ${fmt(r.pglite.handlersMs / r.floorMs, 1)}x (${perSecond(r.pglite.events, r.pglite.handlersMs)}) | — |`,
    `| (no goal) backfill with ${ADDED_LATENCY_MS} ms added per request, PostgreSQL | ${x(r.postgresLatency, r.floorLatencyMs)} of that floor (${perSecond(r.postgresLatency.events, r.postgresLatency.totalMs)}) | — |`,
    lagP99 === undefined ? `| realtime lag p99 < ${fmt(GOAL_LAG_P99_MS)} ms | ${notMeasured} |` : `| realtime lag p99 < ${fmt(GOAL_LAG_P99_MS)} ms | ${fmt(lagP99)} ms | ${verdict(lagP99 < GOAL_LAG_P99_MS)} |`,
    ...(pgAccount.length > 0
      ? pgAccount.map((l) => `| account page p99 < ${GOAL_ACCOUNT_P99_MS} ms at ${CLIENTS} clients, PostgreSQL: ${l.target} | ${fmt(l.p99)} ms (${fmt(l.perSecond)} requests/s) | ${verdict(l.p99 < GOAL_ACCOUNT_P99_MS)} |`)
      : [`| account page p99 < ${GOAL_ACCOUNT_P99_MS} ms at ${CLIENTS} clients, PostgreSQL | ${notMeasured} |`]),
    "",
  );
  return lines.join("\n");
}
