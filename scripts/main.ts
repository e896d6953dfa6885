// npm start: the whole stack on one machine. A local chain on a free port, the real deploy script, a slice of
// simulated activity, and the Ponder indexer (PGlite, or PostgreSQL with DATABASE_URL) serving GraphQL.
// Flags: --port <rpc port>, --api-port <GraphQL port>, --exit (stop after printing, for smoke tests); the checker-work
// simulation's size: --licenses <N> (default 40), --epochs <E> (default 3), --seed <S> (default 1).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deploy, freePort, gql, startNode, startPonder, stopAllAndWait, waitIndexed, sqlOverHttp } from "./lib/local-stack.js";
import { simulateGenesis } from "./lib/simulate-genesis.js";
import { simulateLicenses, withdrawReferralRewards } from "./lib/simulate-licenses.js";
import { simulateRewards } from "./lib/simulate-rewards.js";
import { simulateStaking } from "./lib/simulate-staking.js";
import type { Manifest } from "./lib/manifest.js";
import { graphqlExamples, restExamples, SQL_EXAMPLES } from "./lib/examples.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
};
const step = (n: number, text: string) => console.log(`[${n}/5] ${text}`);

process.on("SIGINT", () => {
  console.log("\nstopping the node and the indexer");
  void stopAllAndWait().finally(() => process.exit(0));
});

try {
  const rpcPort = Number(arg("--port") ?? process.env.AETHIR_RPC_PORT ?? (await freePort()));
  const apiPort = Number(arg("--api-port") ?? (await freePort()));
  const work = mkdtempSync(join(tmpdir(), "aethir-"));
  const manifestPath = join(work, "localhost.json");

  step(1, `starting a local chain on 127.0.0.1:${rpcPort}`);
  const node = await startNode(rpcPort);

  step(2, "deploying the protocol with scripts/deploy.ts");
  await deploy(rpcPort, manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  console.log(`      manifest: ${manifestPath}`);

  step(3, "simulating the license sale, checker work and rewards, genesis-era activity, staking and a slash");
  await simulateLicenses(node.url, manifest, "config/whitelist.local.csv", (line) => console.log(`      ${line}`));
  const checkerWork = await simulateRewards(node.url, manifest, join(work, "rewards"), (line) => console.log(`      ${line}`), {
    licenses: arg("--licenses") === undefined ? undefined : Number(arg("--licenses")),
    epochs: arg("--epochs") === undefined ? undefined : Number(arg("--epochs")),
    seed: arg("--seed") === undefined ? undefined : Number(arg("--seed")),
  });
  await simulateGenesis(node.url, manifest, (line) => console.log(`      ${line}`));
  await withdrawReferralRewards(node.url, manifest, (line) => console.log(`      ${line}`));
  await simulateStaking(node.url, manifest, (line) => console.log(`      ${line}`), join(work, "rewards"));

  const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (embedded)";
  step(4, `starting the indexer on ${db}`);
  const ponder = await startPonder({
    port: apiPort,
    rpcUrl: node.url,
    manifestPath,
    pgliteDir: join(work, "pglite"),
    databaseUrl: process.env.DATABASE_URL || undefined,
    schema: `aethir_${Date.now()}`,
  });
  await waitIndexed(ponder.url, node.url);

  step(5, "indexed to the chain's tip");
  console.log(`\nGraphQL: ${ponder.url}/graphql   SQL over HTTP: ${ponder.url}/sql\n`);
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
  console.log(`Balances of all ${all.accounts.items.length} accounts sum to ${sum / 10n ** 18n} ATH.`);

  if (process.argv.includes("--exit")) {
    await stopAllAndWait();
    process.exit(0);
  }
  console.log("\nRunning. Ctrl-C stops the node and the indexer.");
} catch (error) {
  console.error(error);
  await stopAllAndWait();
  process.exit(1);
}
