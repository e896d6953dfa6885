import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deploy, freePort, gql, sqlOverHttp, startNode, startPonder, stopAll, waitIndexed } from "./lib/local-stack.js";
import { simulateLicenses } from "./lib/simulate-licenses.js";
const work = mkdtempSync(join(tmpdir(), "dbg-"));
const port = await freePort();
const node = await startNode(port);
const mp = join(work, "m.json");
await deploy(port, mp);
const manifest = JSON.parse(readFileSync(mp, "utf8"));
await simulateLicenses(node.url, manifest, "config/whitelist.local.csv");
const p = await startPonder({ port: await freePort(), rpcUrl: node.url, manifestPath: mp, pgliteDir: join(work, "pg"), schema: "dbg" });
await waitIndexed(p.url, node.url);
console.log(JSON.stringify(await gql(p.url, `{ accounts(limit: 3) { totalCount items { address balance licenseCount } } licenses(limit: 2) { totalCount } }`)));
console.log(JSON.stringify(await gql(p.url, `{ referrers { items { address accruedEth withdrawnEth } } referralCodes { items { code rewardsEth purchases } } purchases(where: {referrer_not: null}, limit: 3) { items { referralReward paid } } }`), null, 1));
for (const q of ["select count(*)::int as n from license", "select count(*)::int as n from \"account\"", "select count(*)::int as n from license_stats", "select count(*)::int as n from allowance", "select count(*)::int as n from supply", "select count(*)::int as n from account where balance >= 0"]) { try { console.log(q, JSON.stringify(await sqlOverHttp(p.url, q))); } catch (e) { console.log(q, String(e)); } }
await fetch(node.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "evm_mine", params: [] }) });
await new Promise((r) => setTimeout(r, 5000));
console.log("after mine", JSON.stringify(await sqlOverHttp(p.url, "select count(*)::int as n, 1 as x from account")));
try { console.log(JSON.stringify(await sqlOverHttp(p.url, "select sum(balance)::text as total, count(*)::int as n from account"))); } catch (e) { console.log(String(e)); }
console.log("DEBUG", JSON.stringify(await (await fetch(p.url + "/debug-temp")).json()));
stopAll();
process.exit(0);
