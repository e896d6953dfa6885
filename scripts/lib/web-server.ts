// Builds the web app (web/, Vite) and serves it with the deployment it runs against: web/dist as static files and
// /deployment.json made from the manifest and the RPC and indexer URLs, and optionally the referee's proofs files
// (GET /proofs/<epoch>/<account>, the referee server's route). Used by npm start and the browser tests.
import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join, resolve } from "node:path";
import { build, preview, type PreviewServer } from "vite";
import type { Manifest } from "./manifest.js";

const WEB = resolve(import.meta.dirname, "../../web");

/** What the app reads at ./deployment.json (web/src/config/deployment.ts). */
export function deploymentJson(manifest: Manifest, rpcUrl: string, apiUrl: string, explorerUrl?: string, proofsUrl?: string) {
  const contracts = Object.fromEntries(Object.entries(manifest.contracts).map(([name, c]) => [name, { address: c.address, abi: c.abi }]));
  return { network: manifest.network, chainId: manifest.chainId, rpcUrl, apiUrl, explorerUrl, proofsUrl, contracts };
}

/** vite build of web/ into web/dist (about a second; quiet unless it fails). */
export async function buildWeb(): Promise<void> {
  await build({ root: WEB, configFile: resolve(WEB, "vite.config.ts"), logLevel: "error" });
}

/**
 * Serves web/dist on `host`:`port` (127.0.0.1 unless told otherwise) with /deployment.json, and, given the referee's output directory, each
 * account's leaf of epoch-E.proofs.json at /proofs/E/<account> as the referee server does; resolves once it listens.
 */
export async function serveWeb(port: number, deployment: ReturnType<typeof deploymentJson>, proofsDir?: string, host = "127.0.0.1"): Promise<{ url: string; server: PreviewServer }> {
  const body = JSON.stringify(deployment);
  // Vite's preview server exits the process on SIGTERM (its CLI's behaviour); here the caller owns the process's
  // signals (npm start stops its children and removes its temp folder first), so the listener Vite adds is removed.
  const before = new Set(process.listeners("SIGTERM"));
  const server = await preview({
    root: WEB,
    configFile: resolve(WEB, "vite.config.ts"),
    logLevel: "error",
    preview: { host, port, strictPort: true, open: false },
    plugins: [
      {
        name: "aethir-deployment",
        configurePreviewServer(s) {
          s.middlewares.use("/deployment.json", (_req, res) => {
            res.setHeader("content-type", "application/json");
            res.setHeader("cache-control", "no-store");
            res.end(body);
          });
          if (proofsDir) s.middlewares.use("/proofs", (req, res) => serveLeaf(proofsDir, req.url ?? "/", res));
        },
      },
    ],
  });
  for (const listener of process.listeners("SIGTERM")) if (!before.has(listener)) process.off("SIGTERM", listener);
  return { url: `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}/`, server };
}

function serveLeaf(dir: string, path: string, res: ServerResponse): void {
  const reply = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "access-control-allow-origin": "*" });
    res.end(JSON.stringify(value));
  };
  const m = path.match(/^\/(\d+)\/(0x[0-9a-fA-F]{40})$/);
  if (!m) return reply(404, { error: "expected /proofs/<epoch>/<account>" });
  const file = join(dir, `epoch-${m[1]}.proofs.json`);
  if (!existsSync(file)) return reply(404, { error: `no proofs for epoch ${m[1]}` });
  const leaf = (JSON.parse(readFileSync(file, "utf8")) as { claims: Record<string, unknown> }).claims[m[2].toLowerCase()];
  reply(leaf ? 200 : 404, leaf ?? { error: `${m[2]} has no leaf in epoch ${m[1]}` });
}
