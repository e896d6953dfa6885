// npm run checker -- init | run | status: the checker node a license owner's operator runs (README-checker.md).
//
//   init    create (or import from AETHIR_IMPORT_KEY) the operator's burner key into an encrypted JSON keystore
//   run     the daemon (daemon.ts): finds its delegated licenses, checks their committed jobs, signs, submits
//   status  what the daemon last reported (its data directory's status.json), and whether it is running
//
// Password: AETHIR_KEYSTORE_PASSWORD, else a prompt. Every error is one sentence and exit code 1.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { JsonRpcProvider } from "ethers";
import { explainError } from "../lib/errors.js";
import { manifestPath, readManifest, type Manifest } from "../lib/manifest.js";
import { containerId } from "../ops/staking.js";
import { CheckerDaemon, jsonLog } from "./daemon.js";
import { createKeystore, keystoreAddress, keystorePassword, loadKeystore, UserError } from "./keystore.js";
import { takeLease } from "./lease.js";
import { checkerMetrics, serveMetrics } from "./metrics.js";
import { DEFAULT_PROBES } from "./probes.js";

const program = new Command("npm run checker --")
  .description("The checker node: checks the GPU containers assigned to the licenses delegated to this operator and signs the results.")
  .showSuggestionAfterError()
  .configureOutput({
    outputError: (text, write) => {
      const invalid = /argument '.*' is invalid\. (.*)/s.exec(text);
      write(invalid ? invalid[1].trimEnd() + "\n" : text);
    },
  });

const int = (flag: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}; got "${v}".`);
  return n;
};
const keystore = () => new Option("--keystore <path>", "the encrypted JSON keystore").default("checker/keystore.json");
const dataDir = () => new Option("--data <dir>", "where the journal, the lease and status.json live").default("checker/data");

let manifest: Manifest | undefined;

program
  .command("init")
  .description("create the operator's burner key (or import AETHIR_IMPORT_KEY) into an encrypted keystore")
  .addOption(keystore())
  .addHelpText("after", "\nExample:\n  AETHIR_KEYSTORE_PASSWORD=... npm run checker -- init --keystore checker/keystore.json")
  .action(async (o: { keystore: string }) => {
    const password = await keystorePassword(true);
    const address = await createKeystore(o.keystore, password, process.env.AETHIR_IMPORT_KEY);
    console.log(`${process.env.AETHIR_IMPORT_KEY ? "Imported the key into" : "Created a new key in"} ${o.keystore} (encrypted).`);
    console.log(`Operator address (delegate your licenses to it): ${address}`);
    console.log(`License owners delegate with:\n  npm run cli -- delegate --ids <your license ids, e.g. 1010-1012> --operator ${address} --days 365 --manifest <manifest> --rpc <url>`);
    console.log(`Then start the checker:\n  npm run checker -- run --keystore ${o.keystore} --manifest <manifest> --rpc <url> --referee <url> --endpoints containers.json`);
  });

program
  .command("run")
  .description("run the checker daemon")
  .addOption(keystore())
  .addOption(dataDir())
  .option("--manifest <path>", "deployment manifest", manifestPath("localhost"))
  .option("--rpc <url>", "JSON-RPC endpoint (default AETHIR_RPC_URL or http://127.0.0.1:8545)")
  .addOption(new Option("--referee <url>", "the referee service's URL").makeOptionMandatory())
  .option("--api <url>", "the indexer's URL (licenses are read from the chain when it is down or behind)")
  .addOption(new Option("--endpoints <file>", "JSON file: container id -> URL of its agent").makeOptionMandatory())
  .addOption(new Option("--metrics-port <n>", "port of /metrics, /health and /status on 127.0.0.1 (0: none)").argParser(int("--metrics-port", 0, 65_535)).default(0))
  .addOption(new Option("--interval <s>", "seconds between rounds").argParser(int("--interval", 1, 3_600)).default(30))
  .addOption(new Option("--max-latency <ms>", "median ping above which a container fails").argParser(int("--max-latency", 1, 600_000)).default(DEFAULT_PROBES.maxLatencyMs))
  .addOption(new Option("--batch <n>", "results per POST").argParser(int("--batch", 1, 10_000)).default(500))
  .option("--once", "one round, then exit")
  // a fault mode for demonstrations and tests, like the container agent's fault flags: a lying operator
  .addOption(new Option("--invert-verdicts", "fault: sign the opposite of every measured verdict (a lying operator)").hideHelp())
  .addHelpText("after", "\nExample:\n  npm run checker -- run --keystore checker/keystore.json --manifest deployments/localhost.json --rpc http://127.0.0.1:8545 --referee http://127.0.0.1:8600 --endpoints containers.json --metrics-port 9464")
  .action(async (o: { keystore: string; data: string; manifest: string; rpc?: string; referee: string; api?: string; endpoints: string; metricsPort: number; interval: number; maxLatency: number; batch: number; once?: boolean; invertVerdicts?: boolean }) => {
    manifest = readManifest("localhost", o.manifest);
    if (!manifest) throw new UserError(`No manifest at ${o.manifest}: pass the deployment's manifest with --manifest.`);
    for (const name of ["CheckerLicense", "CheckerReferee"]) {
      if (!manifest.contracts?.[name]?.address) throw new UserError(`${o.manifest} has no ${name}: pass the manifest the deploy script wrote with --manifest.`);
    }
    const endpoints = readEndpoints(o.endpoints);
    const wallet = await loadKeystore(o.keystore, await keystorePassword());
    mkdirSync(o.data, { recursive: true });
    // the lease sits next to the keystore, not in the data directory: two daemons on one keystore with different
    // --data directories would sign two verdicts for one job just the same
    const lease = takeLease(`${resolve(o.keystore)}.lock`, `the keystore ${o.keystore}`);
    const provider = new JsonRpcProvider(o.rpc ?? process.env.AETHIR_RPC_URL ?? "http://127.0.0.1:8545", manifest.chainId, { staticNetwork: true });
    const metrics = checkerMetrics();
    const daemon = new CheckerDaemon({ wallet, manifest, provider, refereeUrl: o.referee.replace(/\/$/, ""), api: o.api, endpoints, dataDir: o.data, probes: { ...DEFAULT_PROBES, maxLatencyMs: o.maxLatency }, batchSize: o.batch, metrics, log: jsonLog, invertVerdicts: o.invertVerdicts });
    const server = o.metricsPort ? await serveMetrics(o.metricsPort, metrics, () => daemon.status) : undefined;
    jsonLog("info", "checker daemon started", { operator: wallet.address, referee: o.referee, api: o.api ?? null, metrics: o.metricsPort ? `http://127.0.0.1:${o.metricsPort}/metrics` : null, queued: daemon.status.queued, ...(o.invertVerdicts ? { fault: "invert-verdicts" } : {}) });
    let stopping = false;
    const stop = () => {
      stopping = true;
      server?.close();
      provider.destroy();
      daemon.journal.close();
      lease.release();
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    for (;;) {
      await daemon.round();
      if (o.once || stopping) break;
      await new Promise((r) => setTimeout(r, o.interval * 1000));
    }
    stop();
  });

program
  .command("status")
  .description("what the daemon last reported, and whether it runs")
  .addOption(keystore())
  .addOption(dataDir())
  .action((o: { keystore: string; data: string }) => {
    const address = keystoreAddress(o.keystore);
    if (!address) throw new UserError(`No keystore at ${o.keystore}: create one with \`npm run checker -- init\`.`);
    const lock = `${resolve(o.keystore)}.lock`;
    const pid = existsSync(lock) ? Number(readFileSync(lock, "utf8")) : undefined;
    let running = false;
    try {
      running = pid !== undefined && process.kill(pid, 0);
    } catch {
      running = false;
    }
    const statusPath = join(o.data, "status.json");
    console.log(`operator ${address}: daemon ${running ? `running (pid ${pid})` : "not running"}`);
    if (!existsSync(statusPath)) return console.log("no round completed yet");
    const s = JSON.parse(readFileSync(statusPath, "utf8")) as import("./daemon.js").DaemonStatus;
    console.log(`last round ${s.lastRoundAt}; epoch ${s.epoch ?? "unknown"} (next starts ${s.nextEpochAt ?? "?"})`);
    const byState = new Map<string, number>();
    for (const l of s.licenses) byState.set(l.state, (byState.get(l.state) ?? 0) + 1);
    const counts = [...byState].map(([state, n]) => `${n.toLocaleString("en-US")} ${state}`);
    console.log(`licenses (read from the ${s.licenseSource === "indexer" ? "indexer" : "license contract over RPC"}): ${counts.join(", ") || "none delegated to this operator"}`);
    // one sentence per license (license-state.ts): its delegation, ban, minority rule and last settled epoch
    for (const l of s.licenses) console.log(`  ${l.sentence ?? `License ${l.id}: ${l.state}.`}`);
    console.log(`results journaled ${s.journaled}, queued ${s.queued}; refused by the referee: ${JSON.stringify(s.refused)}`);
    console.log(`reachable: referee ${s.reachable.referee}, indexer ${s.reachable.indexer}, rpc ${s.reachable.rpc}`);
  });

function readEndpoints(path: string): Record<string, string> {
  if (!existsSync(path)) throw new UserError(`No endpoints file at ${resolve(path)}: write a JSON object mapping each container (its name or 0x + 64 hex id) to its agent's URL.`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new UserError(`${path} is not valid JSON: it must map each container id (0x + 64 hex) to its agent's URL.`);
  }
  const out: Record<string, string> = {};
  for (const [id, url] of Object.entries(raw as Record<string, unknown>)) {
    if ((id.startsWith("0x") && !/^0x[0-9a-fA-F]{64}$/.test(id)) || typeof url !== "string" || !/^https?:\/\//.test(url)) throw new UserError(`${path}: "${id}" must be a container name or id (0x + 64 hex) mapped to an http(s) URL.`);
    out[containerId(id).toLowerCase()] = url;
  }
  return out;
}

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof UserError ? e.message : explainError(e, manifest));
  process.exit(1);
});
