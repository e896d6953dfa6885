// Runs one half of the TypeScript tests: `unit` (everything on Hardhat's in-process chain) or `e2e` (the suites that
// start processes: npm start, a node, Ponder, PostgreSQL, Chromium, the daemons). `npm test` runs Solidity + unit,
// `npm run test:e2e` the rest; .ci/run runs both. The split keeps each command well under CI's per-step budget; no
// suite is skipped: a file not listed below is a unit suite.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

/** Suites that start external processes and take minutes each. */
const E2E = new Set([
  "checker.test.ts",
  "cli-governance.test.ts",
  "economy.test.ts",
  "indexer.test.ts",
  "indexer-hostile.test.ts",
  "indexer-production.test.ts",
  "readme-commands.test.ts",
  "watchdog.test.ts",
  "web.test.ts",
]);

const half = process.argv[2];
if (half !== "unit" && half !== "e2e") {
  console.error("usage: node scripts/test-suite.mjs unit|e2e");
  process.exit(2);
}
const all = readdirSync("test/ts");
// A misspelt or renamed entry would silently move an end-to-end suite into the unit half.
const unknown = [...E2E].filter((f) => !all.includes(f));
if (unknown.length > 0) {
  console.error(`scripts/test-suite.mjs lists suites that do not exist: ${unknown.join(", ")}; fix the E2E list`);
  process.exit(2);
}
const files = all
  .filter((f) => f.endsWith(".test.ts") && E2E.has(f) === (half === "e2e"))
  .sort()
  .map((f) => `test/ts/${f}`);
console.log(`${half}: ${files.length} suites`);
const run = spawnSync("hardhat", ["test", "mocha", "--no-compile", ...files], { stdio: "inherit" });
if (run.error) console.error(`could not start hardhat (${run.error.message}): run this through npm (npm test / npm run test:e2e)`);
process.exit(run.status ?? 1);
