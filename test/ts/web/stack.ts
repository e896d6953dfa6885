// The stack the browser tests run against: a local node, the real deploy, the simulations npm start runs (sale,
// checker work and rewards, genesis activity, staking and slashes: scripts/lib/simulate-all.ts; a smaller checker fleet), Ponder on PGlite, the
// built web app served with its deployment.json, and Debian's Chromium.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Contract, HDNodeWallet, JsonRpcProvider, Mnemonic } from "ethers";
import type { Browser } from "playwright-core";
import { deploy, freePort, startNode, startPonder, stopAllAndWait, waitIndexed } from "../../../scripts/lib/local-stack.js";
import { readManifest, type Manifest } from "../../../scripts/lib/manifest.js";
import { simulateAll } from "../../../scripts/lib/simulate-all.js";
import type { CheckerWork } from "../../../scripts/lib/simulate-rewards.js";
import { buildWeb, deploymentJson, serveWeb } from "../../../scripts/lib/web-server.js";
import { launchBrowser } from "./browser.js";

export const SHOTS = resolve(import.meta.dirname, "../../../docs/screens");
const HARDHAT = Mnemonic.fromPhrase("test test test test test test test test test test test junk");
/** The private key of the node's account `i` (what `--account i` signs with). */
export const keyOf = (i: number) => HDNodeWallet.fromMnemonic(HARDHAT, `m/44'/60'/0'/0/${i}`).privateKey;
export const addressOf = (i: number) => HDNodeWallet.fromMnemonic(HARDHAT, `m/44'/60'/0'/0/${i}`).address;

export interface WebStack {
  rpcUrl: string;
  apiUrl: string;
  webUrl: string;
  manifest: Manifest;
  provider: JsonRpcProvider;
  browser: Browser;
  /** The referee's files (epoch-E.proofs.json, reports). */
  rewardsDir: string;
  checkerWork: CheckerWork;
  /** A contract of the deployment, read-only through `provider`. */
  contract(name: string): Contract;
  stop(): Promise<void>;
}

export async function startWebStack(): Promise<WebStack> {
  const work = mkdtempSync(join(tmpdir(), "aethir-web-"));
  const rpcPort = await freePort();
  const node = await startNode(rpcPort);
  const manifestPath = join(work, "manifest.json");
  await deploy(rpcPort, manifestPath);
  const manifest = readManifest("localhost", manifestPath)!;
  const rewardsDir = join(work, "rewards");
  const checkerWork = await simulateAll(node.url, manifest, rewardsDir, () => {}, { licenses: 12, epochs: 3 });
  const ponder = await startPonder({ port: await freePort(), rpcUrl: node.url, manifestPath, pgliteDir: join(work, "pglite"), schema: "web" });
  await waitIndexed(ponder.url, node.url, 600_000);
  await buildWeb();
  // the app reads claim proofs from the referee's files, served beside it
  const webPort = await freePort();
  const served = await serveWeb(webPort, deploymentJson(manifest, node.url, ponder.url, undefined, `http://127.0.0.1:${webPort}/proofs`), rewardsDir);
  const provider = new JsonRpcProvider(node.url, undefined, { cacheTimeout: -1 });
  const browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
  return {
    rpcUrl: node.url,
    apiUrl: ponder.url,
    webUrl: served.url,
    manifest,
    provider,
    browser,
    rewardsDir,
    checkerWork,
    contract: (name) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider),
    async stop() {
      await browser.close();
      await served.server.close();
      provider.destroy();
      await stopAllAndWait();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
