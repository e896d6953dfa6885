// Runs the watchdog on its own, as the production layout in the README does: it starts `ponder start` itself and
// serves the API on --port. Environment as for Ponder: PONDER_RPC_URL (the first URL is also the one the spot check
// reads the contracts through), AETHIR_MANIFEST, DATABASE_URL (unset: PGlite under --state-dir).
// Flags: --port <N> (default 42069), --host <addr> (default 127.0.0.1), --state-dir <dir> (default .watchdog),
// --views-schema <name>, --schema-prefix <name> (default aethir), --sample-interval <s> (default 30).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { sampleAddresses, startWatchdog } from "./watchdog.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const rpcUrl = process.env.PONDER_RPC_URL?.split(",")[0]?.trim();
// absolute: Ponder runs from the repository root, wherever this was started
const manifestPath = process.env.AETHIR_MANIFEST && resolve(process.env.AETHIR_MANIFEST);
if (!rpcUrl || !manifestPath) {
  console.error("Set PONDER_RPC_URL (the chain's RPC URL) and AETHIR_MANIFEST (the deployment manifest), then start the watchdog again.");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { contracts: Record<string, { address: string }> };
const watchdog = await startWatchdog({
  port: Number(arg("--port") ?? 42069),
  host: arg("--host") ?? "127.0.0.1",
  rpcUrl,
  manifestPath,
  contracts: sampleAddresses(manifest),
  stateDir: arg("--state-dir") ?? ".watchdog",
  databaseUrl: process.env.DATABASE_URL || undefined,
  viewsSchema: arg("--views-schema"),
  schemaPrefix: arg("--schema-prefix"),
  sampleIntervalMs: Number(arg("--sample-interval") ?? 30) * 1000,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void watchdog.stop().then(() => process.exit(0)));
