// npm start: the whole stack on one machine. A local chain on a free port, the real deploy script, a slice of
// simulated activity, and the Ponder indexer (PGlite, or PostgreSQL with DATABASE_URL) serving GraphQL behind the
// watchdog (watchdog/: it starts Ponder, checks it against the chain, re-indexes on its own; the API URL is its).
// Flags: --port <rpc port>, --api-port <GraphQL port>, --web-port <web app port>, --exit (stop after printing, for smoke tests), --keep (leave the
// temp folder with the manifest, the referee's files and the embedded database behind), --ready-file <path> (write the
// final card as JSON there once everything is up, for scripts and tests), --no-compile (skip `hardhat build`, when the
// caller just built, as `npm test` does); the checker-work simulation's size:
// --licenses <N> (default 40), --epochs <E> (default 3), --seed <S> (default 1); --host <address> (or AETHIR_HOST): the
// interface the chain, the API (the watchdog) and the web app listen on, 127.0.0.1 unless told otherwise (the indexer
// itself always listens on 127.0.0.1: only the watchdog in front of it talks to it).
import { spawn } from "node:child_process";
import { getAddress } from "ethers";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deploy, freePort, gql, rpc, startNode, stopAllAndWait, waitFor, waitIndexed, sqlOverHttp } from "./lib/local-stack.js";
import { sampleAddresses, startWatchdog, type Watchdog } from "../watchdog/watchdog.js";
import { simulateAll } from "./lib/simulate-all.js";
import type { Manifest } from "./lib/manifest.js";
import { explainError } from "./lib/errors.js";
import { errorAbis } from "./lib/error-abis.js";
import { graphqlExamples, restExamples, SQL_EXAMPLES } from "./lib/examples.js";
import { ACTORS, roleOf } from "./lib/actors.js";
import { buildWeb, deploymentJson, serveWeb } from "./lib/web-server.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const STEPS = 7;
const step = (n: number, text: string) => console.log(`[${n}/${STEPS}] ${text}`);
const keep = process.argv.includes("--keep");
let work: string | undefined;
let watchdog: Watchdog | undefined;

/** Stops every process this run started and removes its temp folder (unless --keep). */
async function shutdown(code: number): Promise<never> {
  await watchdog?.stop();
  await stopAllAndWait();
  if (work !== undefined) {
    if (keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  process.exit(code);
}

// Ctrl-C, and SIGTERM from whatever started this (test/ts/readme-commands.test.ts stops it by PID): stop everything
// and remove the temp folder either way.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    console.log("\nstopping the node and the indexer");
    void shutdown(0);
  });

/** Counts the Solidity sources a build compiles (contracts/ and the tests' contracts), for the first line. */
function solidityFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) n += solidityFiles(path);
    else if (name.endsWith(".sol")) n += 1;
  }
  return n;
}

/** `hardhat build`, with a line every 30 s so a first run's minutes of compilation don't look like a hang. */
async function build(): Promise<void> {
  const files = ["contracts", "test", "bench"].reduce((n, d) => n + solidityFiles(d), 0);
  step(1, `compiling the contracts (${files} Solidity sources here, plus the libraries they import) with solc (wasm): about 5 minutes on a first run, seconds once cached`);
  const started = Date.now();
  const ticker = setInterval(() => console.log(`      still compiling (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  const out: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn("npx", ["hardhat", "build"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => out.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => out.push(d.toString()));
    child.on("exit", (c) => resolve(c ?? 1));
  });
  clearInterval(ticker);
  if (code !== 0) throw new Error(`the contracts did not compile:\n${out.join("")}`);
  const compiled = out.join("").match(/Compiled \d+ Solidity files?[^\n]*/g);
  console.log(`      ${compiled ? compiled.join("; ") : "nothing to compile"} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Where every service listens: loopback unless --host / AETHIR_HOST says otherwise (e.g. 0.0.0.0 for every interface). */
const host = arg("--host") ?? (process.env.AETHIR_HOST || "127.0.0.1");
/** The address a client on this machine uses for a service bound to `host`. */
const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;

try {
  const rpcPort = Number(arg("--port") ?? process.env.AETHIR_RPC_PORT ?? (await freePort()));
  const apiPort = Number(arg("--api-port") ?? (await freePort()));
  if (process.argv.includes("--no-compile")) step(1, "not compiling (--no-compile): using the artifacts already built");
  else await build();
  work = mkdtempSync(join(tmpdir(), "aethir-"));
  const manifestPath = join(work, "localhost.json");

  step(2, `starting a local chain on ${host}:${rpcPort}`);
  const node = await startNode(rpcPort, host);

  step(3, "deploying the protocol with scripts/deploy.ts");
  await deploy(rpcPort, manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  console.log(`      manifest: ${manifestPath}`);

  step(4, "simulating the license sale, checker work and rewards, genesis-era activity, staking, a slash and holder governance");
  const checkerWork = await simulateAll(node.url, manifest, join(work, "rewards"), (line) => console.log(`      ${line}`), {
    licenses: arg("--licenses") === undefined ? undefined : Number(arg("--licenses")),
    epochs: arg("--epochs") === undefined ? undefined : Number(arg("--epochs")),
    seed: arg("--seed") === undefined ? undefined : Number(arg("--seed")),
  });

  const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (embedded)";
  step(5, `starting the indexer on ${db}, behind the watchdog`);
  // the watchdog starts Ponder itself (same command as before, on a port of its own) and serves the API on apiPort
  const watchdogLog = join(work, "watchdog.log");
  watchdog = await startWatchdog({
    port: apiPort,
    host,
    rpcUrl: node.url,
    manifestPath,
    contracts: sampleAddresses(manifest),
    stateDir: join(work, "watchdog"),
    databaseUrl: process.env.DATABASE_URL || undefined,
    // JSON lines in a file: the console is for the examples and the card
    log: (line) => appendFileSync(watchdogLog, JSON.stringify(line) + "\n"),
  });
  const ponder = { url: watchdog.url };
  let shown = -2;
  // progress straight from the indexer (the watchdog refuses API traffic until the backfill is done), then the watchdog
  await waitIndexed(watchdog.indexer().url, node.url, 600_000, (indexed, tip) => {
    // a line per 10% of the backfill, not per poll
    const tenth = Math.floor((Math.max(indexed, 0) * 10) / Math.max(tip, 1));
    if (tenth !== shown) {
      shown = tenth;
      console.log(`      indexed block ${Math.max(indexed, 0)} of ${tip} (${tenth * 10}%)`);
    }
  });
  await waitFor("the watchdog's /ready", async () => (await fetch(`${watchdog!.url}/ready`)).ok, 120_000);

  step(6, "indexed to the chain's tip");
  step(7, "building the web app (web/, Vite) and serving it");
  await buildWeb();
  // the app also serves the referee's proofs (<dir>/rewards) at /proofs/<epoch>/<account>, as the referee's endpoint does
  const webPort = Number(arg("--web-port") ?? (await freePort()));
  const web = await serveWeb(webPort, deploymentJson(manifest, node.url, ponder.url, undefined, `http://${reachable}:${webPort}/proofs`), join(work, "rewards"), host);
  console.log(`\nGraphQL: ${ponder.url}/graphql   SQL over HTTP: ${ponder.url}/sql/db\n`);
  for (const { title, query } of graphqlExamples(checkerWork.reports.length - 1)) {
    console.log(`# ${title}\n${query}`);
    console.log(JSON.stringify(await gql(ponder.url, query), null, 2) + "\n");
  }
  const chainNow = Number(((await (await fetch(node.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["latest", false] }) })).json()) as { result: { timestamp: string } }).result.timestamp);
  for (const { title, sql } of SQL_EXAMPLES) {
    console.log(`# ${title} (SQL over HTTP)\n${sql}`);
    console.log(JSON.stringify((await sqlOverHttp<{ rows: unknown[] }>(ponder.url, sql)).rows, null, 2) + "\n");
  }
  for (const path of restExamples(chainNow)) {
    console.log(`# GET ${ponder.url}${path}`);
    console.log(JSON.stringify(await (await fetch(`${ponder.url}${path}`)).json(), null, 2) + "\n");
  }
  const all = await gql<{ accounts: { items: { balance: string }[] } }>(ponder.url, `{ accounts(limit: 1000) { items { balance } } }`);
  const sum = all.accounts.items.reduce((s, a) => s + BigInt(a.balance), 0n);
  console.log(`Balances of all ${all.accounts.items.length} accounts sum to ${(sum / 10n ** 18n).toLocaleString("en-US")} ATH.`);

  // the card: everything needed to connect, last, so the examples above don't push it off screen
  const card = [
    `web app       ${web.url}   (MetaMask: add network ${node.url}, chain id ${manifest.chainId}; see the README)`,
    `RPC URL       ${node.url}`,
    `chain id      ${manifest.chainId}`,
    `manifest      ${manifestPath}${keep ? "" : "   (removed on exit; --keep keeps it)"}`,
    `referee files ${join(work, "rewards")}`,
    // the checker network ran during the checker work and was stopped after its last epoch (docs/decisions.md,
    // "npm start's economy as processes"): the URLs it served, and the JSON logs it left
    `checker work  ran as processes, stopped after epoch ${checkerWork.lastEpoch}: referee ${checkerWork.network.refereeUrl}; JSON logs ${join(checkerWork.network.dir, "logs")}`,
    ...Object.entries(checkerWork.network.operators).map(([name, d]) => `  ${name.padEnd(11)} ${d.address}  ${String(d.licenses.length).padStart(2)} licenses  ${d.metrics}`),
    `  agents      ${Object.keys(checkerWork.network.agents).length} container agents (${Object.values(checkerWork.network.agents).join(", ")})`,
    `GraphQL       ${ponder.url}/graphql`,
    `watchdog      ${ponder.url}/ready  /metrics  /watchdog   (all API traffic goes through it; JSON log ${watchdogLog})`,
    `SQL over HTTP ${ponder.url}/sql/db?sql=<URL-encoded {"json":{"sql":"…","params":[]}}>`,
    `REST          ${ponder.url}/overview  /daily  /leaderboard/licenses  /leaderboard/hosts  /assignments/<epoch>  /accounts/<address>`,
    `CLI           npm run cli -- help   (add --rpc ${node.url} --manifest ${manifestPath} --account N)`,
    "accounts      " + ACTORS.map(([n, who]) => `${n.padEnd(6)}${who}`).join("\n              "),
  ];
  console.log("\n" + card.join("\n"));
  const readyFile = arg("--ready-file");
  if (readyFile !== undefined) {
    const accounts = (await rpc(node.url, "eth_accounts")) as string[];
    const ready = {
      pid: process.pid,
      rpcUrl: node.url,
      chainId: manifest.chainId,
      manifest: manifestPath,
      work,
      refereeDir: join(work, "rewards"),
      lastEpoch: checkerWork.lastEpoch,
      apiUrl: ponder.url,
      webUrl: web.url,
      graphql: `${ponder.url}/graphql`,
      sql: `${ponder.url}/sql/db`,
      accounts: accounts.map((address, index) => ({ index, address: getAddress(address), role: roleOf(index) })),
    };
    // written whole, then renamed: whoever polls for the file never reads half of it
    writeFileSync(`${readyFile}.tmp`, JSON.stringify(ready, null, 2) + "\n");
    renameSync(`${readyFile}.tmp`, readyFile);
  }

  if (process.argv.includes("--exit")) await shutdown(0);
  console.log("\nRunning. Ctrl-C stops the node, the indexer and the web app.");
} catch (error) {
  console.error(explainError(error, errorAbis({ manifest: work && join(work, "localhost.json") })));
  await shutdown(1);
}
