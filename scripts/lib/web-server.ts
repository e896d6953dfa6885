// Builds the web app (web/, Vite) and serves it with the deployment it runs against: web/dist as static files and
// /deployment.json made from the manifest and the RPC and indexer URLs. Used by npm start and the browser tests.
import { resolve } from "node:path";
import { build, preview, type PreviewServer } from "vite";
import type { Manifest } from "./manifest.js";

const WEB = resolve(import.meta.dirname, "../../web");

/** What the app reads at ./deployment.json (web/src/config/deployment.ts). */
export function deploymentJson(manifest: Manifest, rpcUrl: string, apiUrl: string, explorerUrl?: string) {
  const contracts = Object.fromEntries(Object.entries(manifest.contracts).map(([name, c]) => [name, { address: c.address, abi: c.abi }]));
  return { network: manifest.network, chainId: manifest.chainId, rpcUrl, apiUrl, explorerUrl, contracts };
}

/** vite build of web/ into web/dist (about a second; quiet unless it fails). */
export async function buildWeb(): Promise<void> {
  await build({ root: WEB, configFile: resolve(WEB, "vite.config.ts"), logLevel: "error" });
}

/** Serves web/dist on 127.0.0.1:`port` with /deployment.json; resolves once it listens. */
export async function serveWeb(port: number, deployment: ReturnType<typeof deploymentJson>): Promise<{ url: string; server: PreviewServer }> {
  const body = JSON.stringify(deployment);
  const server = await preview({
    root: WEB,
    configFile: resolve(WEB, "vite.config.ts"),
    logLevel: "error",
    preview: { host: "127.0.0.1", port, strictPort: true, open: false },
    plugins: [
      {
        name: "aethir-deployment",
        configurePreviewServer(s) {
          s.middlewares.use("/deployment.json", (_req, res) => {
            res.setHeader("content-type", "application/json");
            res.setHeader("cache-control", "no-store");
            res.end(body);
          });
        },
      },
    ],
  });
  return { url: `http://127.0.0.1:${port}/`, server };
}
