// The referee's HTTP endpoint: operators read their assignments and POST signed results as they check containers;
// each result is verified on arrival against its epoch's committed assignment (job, container, license assigned,
// signer = the license's committed operator, the license not banned during the epoch) and the new valid ones are
// appended durably to the epoch's input files (results-store.ts) before the answer, so the end-of-epoch settlement
// only reads verified results, each once. Claimants GET the proofs files.
//
//   GET  /assignments/<epoch>                 -> the published assignment file (frozen sets, seed, root)
//   GET  /assignments/<epoch>/jobs/<n>        -> { leaf, proof } of job n
//   GET  /assignments/<epoch>/licenses/<id>   -> { licenseId, jobs: [{ leaf, proof }] } of one license
//   POST /results      body: SignedResult[] (JSON, at most MAX_BATCH; epoch and licenseId as strings or numbers)
//                      -> { accepted, duplicates, equivocations, refused, rejected: { reason: count },
//                           results: [{ status, reason?, sentence? }] (one per result, in order) }
//   GET  /checkers/<address>          -> what the referee accepted and refused of that signer since it started
//   GET  /checkers/<address>/epochs/<epoch> -> the same, of that signer's results for one epoch
//   GET  /licenses/<id>               -> what the minority rule says of one license from the settled epochs
//                                        (license-standing.ts: minority results in the window, earnings stopped until)
//   GET  /proofs/<epoch>              -> the epoch's proofs file (every account's amount and proof)
//   GET  /proofs/<epoch>/<account>    -> { amount, proof } of one account
//   GET  /compute-proofs/<epoch>[/<account>] -> the epoch's compute proofs file, or { edge, enterprise, proof } of one
//                                        host or Edge owner
//   GET  /health                      -> { status, chainTime } (503 when the chain can't be read)
//   GET  /metrics                     -> Prometheus text format
import { createReadStream, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { Contract, type Provider } from "ethers";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { refereeDomain } from "../lib/check-results.js";
import { explainError } from "../lib/errors.js";
import type { Manifest } from "../lib/manifest.js";
import type { EpochCut } from "./epoch-close.js";
import { EpochWindow } from "./epoch-window.js";
import { LicenseStandings } from "./license-standing.js";
import { intake, MAX_BATCH, type Refusal, type Verdict } from "./intake.js";
import { RecoverPool } from "./recover-pool.js";
import { ResultsStore } from "./results-store.js";
import { assignmentPath, loadAssignment } from "./service.js";
import { ResultVerifier } from "./verify.js";

export interface RefereeServer {
  url: string;
  /** Closes an epoch's results before its settlement reads them (runEpoch's `intake`); returns the cut. */
  closeEpoch(epoch: number): Promise<EpochCut>;
  close(): Promise<void>;
}

/** A body of MAX_BATCH results is about 2 MB; anything far above is refused before it is read. */
export const MAX_BODY = 4 << 20;

class TooLarge extends Error {}

async function body(req: IncomingMessage, limit: number): Promise<string> {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw new TooLarge();
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

interface CheckerTally {
  accepted: number;
  duplicates: number;
  equivocations: number;
  refused: Partial<Record<Refusal, number>>;
}

export interface RefereeServerOptions {
  provider: Provider;
  manifest: Manifest;
  inputDir: string;
  outDir: string;
  port: number;
  /** One JSON object per event (requests, refusals); nothing by default. */
  log?: (entry: Record<string, unknown>) => void;
  /** How stale the chain view (bans, settled epochs, roots in their veto window) may be, in ms. */
  chainTtlMs?: number;
  /** Signature-recovery worker threads (default: one per core; 0: recover in the server's thread). */
  workers?: number;
}

export async function startRefereeServer(o: RefereeServerOptions): Promise<RefereeServer> {
  const { manifest } = o;
  const log = o.log ?? (() => {});
  const verifier = new ResultVerifier(refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId));
  const window = new EpochWindow(o.provider, manifest, o.outDir, o.chainTtlMs);
  const store = new ResultsStore(o.inputDir);
  const pool = new RecoverPool(o.workers);
  const checkers = new Map<string, CheckerTally>();
  /** The same per signer and epoch ("<signer>/<epoch>"): what an orchestrator waits on to know an epoch's results are in. */
  const checkerEpochs = new Map<string, CheckerTally>();
  const standings = new LicenseStandings(o.outDir);
  const refereeContract = new Contract(manifest.contracts.CheckerReferee.address, manifest.contracts.CheckerReferee.abi as never, o.provider);
  let tge: number | undefined;
  await window.refresh(true); // a referee that can't read the chain says so at start, not at the first result

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const results = new Counter({ name: "referee_results_total", help: "Results received, by status and refusal reason", labelNames: ["status", "reason"], registers: [registry] });
  const requests = new Histogram({ name: "referee_request_seconds", help: "Request latency by route and status code", labelNames: ["route", "code"], buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });

  // parsed proofs files, kept while their file is unchanged: an account's lookup is not a parse of the whole file
  const proofsCache = new Map<string, { mtime: number; claims: Record<string, unknown> }>();
  const assignments = new Map<number, NonNullable<ReturnType<typeof loadAssignment>>>();
  const assignmentOf = (epoch: number) => {
    let a = assignments.get(epoch);
    if (!a) {
      const loaded = loadAssignment(o.outDir, epoch);
      if (!loaded?.tree) return undefined;
      assignments.set(epoch, (a = loaded));
    }
    return a;
  };

  const sendFile = (res: ServerResponse, path: string) => {
    res.writeHead(200, { "content-type": "application/json" });
    createReadStream(path).on("error", () => res.destroy()).pipe(res);
  };

  const post = async (req: IncomingMessage): Promise<[number, unknown]> => {
    let raw: unknown;
    try {
      raw = JSON.parse(await body(req, MAX_BODY));
    } catch (e) {
      if (e instanceof TooLarge) return [413, { error: `The request body is larger than ${MAX_BODY.toLocaleString("en-US")} bytes; send at most ${MAX_BATCH.toLocaleString("en-US")} results per request.` }];
      return [400, { error: "The request body is not JSON; send a JSON array of signed results." }];
    }
    if (!Array.isArray(raw)) return [400, { error: "The request body is not a JSON array; send a JSON array of signed results." }];
    if (raw.length > MAX_BATCH) return [413, { error: `The request holds ${raw.length.toLocaleString("en-US")} results, more than ${MAX_BATCH.toLocaleString("en-US")}; split it into several requests.` }];
    const answer = await intake({ verifier, window, store, pool }, raw);
    const rejected: Partial<Record<Refusal, number>> = {};
    const count = { accepted: 0, duplicate: 0, equivocation: 0, refused: 0 };
    for (const v of answer.verdicts) {
      count[v.status]++;
      if (v.reason) rejected[v.reason] = (rejected[v.reason] ?? 0) + 1;
      results.inc({ status: v.status, reason: v.reason ?? "" });
    }
    for (const [signer, verdicts] of answer.bySigner) {
      let t = checkers.get(signer);
      if (!t) checkers.set(signer, (t = emptyTally()));
      for (const v of verdicts) tally(t, v);
    }
    answer.verdicts.forEach((v, i) => {
      const epoch = Number((raw[i] as { result?: { epoch?: unknown } } | null)?.result?.epoch);
      // only epochs that exist: a result for a far-off epoch (refused "no-assignment") or a malformed one adds no entry
      if (!Number.isSafeInteger(epoch) || epoch < 0 || v.reason === "no-assignment" || v.reason === "malformed" || v.reason === "unknown-fields") return;
      const key = `${answer.signers[i]}/${epoch}`;
      let t = checkerEpochs.get(key);
      if (!t) checkerEpochs.set(key, (t = emptyTally()));
      tally(t, v);
    });
    log({ event: "results", results: raw.length, ...count, rejected });
    return [200, { accepted: count.accepted, duplicates: count.duplicate, equivocations: count.equivocation, refused: count.refused, rejected, results: answer.verdicts }];
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<[number, unknown] | null> => {
    const url = new URL(req.url ?? "/", "http://referee");
    if (req.method === "POST" && url.pathname === "/results") return post(req);
    if (req.method !== "GET") return [404, { error: `There is no ${req.method} ${url.pathname}; see the routes in scripts/referee/server.ts.` }];
    if (url.pathname === "/health") {
      await window.refresh();
      return [200, { status: "ok", chainTime: new Date(window.now() * 1000).toISOString() }];
    }
    if (url.pathname === "/metrics") {
      res.writeHead(200, { "content-type": registry.contentType });
      res.end(await registry.metrics());
      return null;
    }
    const checker = url.pathname.match(/^\/checkers\/(0x[0-9a-fA-F]{40})(?:\/epochs\/(\d{1,15}))?$/);
    if (checker) {
      const address = checker[1].toLowerCase();
      if (checker[2] !== undefined) return [200, { address, epoch: Number(checker[2]), ...(checkerEpochs.get(`${address}/${Number(checker[2])}`) ?? emptyTally()) }];
      return [200, { address, ...(checkers.get(address) ?? emptyTally()) }];
    }
    const standing = url.pathname.match(/^\/licenses\/([^/]*)$/);
    if (standing) {
      if (!/^[1-9]\d{0,15}$/.test(standing[1])) return [400, { error: `A license id is a whole number from 1; got "${standing[1]}".` }];
      await window.refresh();
      tge ??= Number(await refereeContract.tge());
      return [200, standings.of(Number(standing[1]), tge, window.now())];
    }
    // checker rewards' proofs, and compute providers' (epoch-<E>.compute.proofs.json: edge, enterprise, proof)
    const match = url.pathname.match(/^\/(proofs|compute-proofs)\/(\d+)(?:\/(0x[0-9a-fA-F]{40}))?$/);
    const proofs = match && [match[0], match[2], match[3]];
    if (match && proofs) {
      const path = join(o.outDir, `epoch-${proofs[1]}.${match[1] === "compute-proofs" ? "compute." : ""}proofs.json`);
      if (!existsSync(path)) return [404, { error: `No proofs are published for epoch ${proofs[1]} yet; try again after its settlement.` }];
      if (!proofs[2]) {
        sendFile(res, path);
        return null;
      }
      const mtime = statSync(path).mtimeMs;
      let cached = proofsCache.get(path);
      if (!cached || cached.mtime !== mtime) proofsCache.set(path, (cached = { mtime, claims: (JSON.parse(await readFile(path, "utf8")) as { claims: Record<string, unknown> }).claims }));
      const leaf = cached.claims[proofs[2].toLowerCase()];
      return leaf ? [200, leaf] : [404, { error: `${proofs[2]} has no leaf in epoch ${proofs[1]}: it earned nothing up to that epoch.` }];
    }
    const assignment = url.pathname.match(/^\/assignments\/(\d+)(?:\/(jobs|licenses)\/(\d+))?$/);
    if (assignment) {
      const epoch = Number(assignment[1]);
      const a = assignmentOf(epoch);
      if (!a) return [404, { error: `No assignment is published for epoch ${epoch}; it is posted before the epoch starts.` }];
      if (!assignment[2]) {
        sendFile(res, assignmentPath(o.outDir, epoch));
        return null;
      }
      const n = Number(assignment[3]);
      if (assignment[2] === "jobs") {
        const leaf = a.jobs[n];
        return leaf ? [200, { leaf, proof: a.tree!.proof(n) }] : [404, { error: `Epoch ${epoch} has ${a.jobs.length} jobs; there is no job ${n}.` }];
      }
      const jobs = a.jobs.filter((j) => j.licenseIds.includes(n)).map((leaf) => ({ leaf, proof: a.tree!.proof(leaf.job) }));
      return [200, { licenseId: n, jobs }];
    }
    return [404, { error: `There is no ${url.pathname}; see the routes in scripts/referee/server.ts.` }];
  };

  const server: Server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const routeName = (req.url ?? "/").split("/")[1] ?? "";
    const reply = (status: number, value: unknown) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      // an oversized upload is not read to its end: the connection is closed after the answer
      if (status === 413) headers.connection = "close";
      res.writeHead(status, headers);
      res.end(JSON.stringify(value));
    };
    res.on("finish", () => requests.observe({ route: routeName, code: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9));
    route(req, res).then(
      (answer) => {
        if (answer) reply(...answer);
      },
      (e: unknown) => {
        // only the chain (or the disk) can fail here: nothing of the request was stored
        const why = explainError(e, manifest);
        log({ event: "error", route: routeName, error: why });
        if (!res.headersSent) reply(503, { error: `The referee could not read the chain or its store (${why}); nothing of this request was stored, send it again in a few seconds.` });
        else res.destroy();
      },
    );
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen({ port: o.port, host: "127.0.0.1", backlog: 4_096 }, resolve));
  log({ event: "listening", port: o.port });
  return {
    url: `http://127.0.0.1:${o.port}`,
    closeEpoch: (epoch) => store.closeEpoch(epoch),
    close: async () => {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await pool.close();
    },
  };
}

const emptyTally = (): CheckerTally => ({ accepted: 0, duplicates: 0, equivocations: 0, refused: {} });

function tally(t: CheckerTally, v: Verdict) {
  if (v.status === "accepted") t.accepted++;
  else if (v.status === "duplicate") t.duplicates++;
  else if (v.status === "equivocation") t.equivocations++;
  else if (v.reason) t.refused[v.reason] = (t.refused[v.reason] ?? 0) + 1;
}
