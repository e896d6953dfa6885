// The referee's HTTP endpoint: operators read their assignments and POST signed results as they check containers;
// each result is verified on arrival against the epoch's committed assignment (job, container, license assigned,
// signer = the license's committed operator) and the valid ones are appended to the epoch's input files, so the
// end-of-epoch settlement only reads verified results. Claimants GET the proofs files.
//
//   GET  /assignments/<epoch>                 -> the published assignment file (frozen sets, seed, root)
//   GET  /assignments/<epoch>/jobs/<n>        -> { leaf, proof } of job n
//   GET  /assignments/<epoch>/licenses/<id>   -> { licenseId, jobs: [{ leaf, proof }] } of one license
//   POST /results                     body: SignedResult[] (JSON; epoch and licenseId as strings or numbers)
//                                     -> { accepted, rejected: { reason: count } }
//   GET  /proofs/<epoch>              -> the epoch's proofs file (every account's amount and proof)
//   GET  /proofs/<epoch>/<account>    -> { amount, proof } of one account
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { join } from "node:path";
import type { Provider } from "ethers";
import { refereeDomain, type SignedResult } from "../lib/check-results.js";
import { decodeRevert, explainError } from "../lib/errors.js";
import type { Manifest } from "../lib/manifest.js";
import { assignmentPath, ingest, loadAssignment, parseResult, resultLine } from "./service.js";
import { ResultVerifier } from "./verify.js";

export interface RefereeServer {
  url: string;
  close(): Promise<void>;
}

async function body(req: IncomingMessage, limit = 32 << 20): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startRefereeServer(o: { provider: Provider; manifest: Manifest; inputDir: string; outDir: string; port: number }): Promise<RefereeServer> {
  const { manifest } = o;
  const verifier = new ResultVerifier(refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId));
  // assignments are recomputed from their files once and kept: an epoch's jobs never change after posting
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

  const server: Server = createServer((req, res) => {
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    void (async () => {
      const url = new URL(req.url ?? "/", "http://referee");
      const proofs = url.pathname.match(/^\/proofs\/(\d+)(?:\/(0x[0-9a-fA-F]{40}))?$/);
      if (req.method === "GET" && proofs) {
        const path = join(o.outDir, `epoch-${proofs[1]}.proofs.json`);
        if (!existsSync(path)) return reply(404, { error: `no proofs for epoch ${proofs[1]}` });
        if (!proofs[2]) {
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(readFileSync(path));
        }
        const leaf = (JSON.parse(readFileSync(path, "utf8")) as { claims: Record<string, unknown> }).claims[proofs[2].toLowerCase()];
        return leaf ? reply(200, leaf) : reply(404, { error: `${proofs[2]} has no leaf in epoch ${proofs[1]}` });
      }
      const assignment = url.pathname.match(/^\/assignments\/(\d+)(?:\/(jobs|licenses)\/(\d+))?$/);
      if (req.method === "GET" && assignment) {
        const epoch = Number(assignment[1]);
        const a = assignmentOf(epoch);
        if (!a) return reply(404, { error: `no assignment is published for epoch ${epoch}` });
        if (!assignment[2]) {
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(readFileSync(assignmentPath(o.outDir, epoch)));
        }
        const n = Number(assignment[3]);
        if (assignment[2] === "jobs") {
          const leaf = a.jobs[n];
          return leaf ? reply(200, { leaf, proof: a.tree!.proof(n) }) : reply(404, { error: `epoch ${epoch} has ${a.jobs.length} jobs; there is no job ${n}` });
        }
        const jobs = a.jobs.filter((j) => j.licenseIds.includes(n)).map((leaf) => ({ leaf, proof: a.tree!.proof(leaf.job) }));
        return reply(200, { licenseId: n, jobs });
      }
      if (req.method === "POST" && url.pathname === "/results") {
        let parsed: SignedResult[];
        try {
          const json = JSON.parse(await body(req)) as unknown;
          if (!Array.isArray(json)) throw new Error("not an array");
          parsed = (json as SignedResult[]).map(parseResult);
        } catch (e) {
          return reply(400, { error: `expected a JSON array of signed results: ${(e as Error).message}` });
        }
        const rejected: Record<string, number> = {};
        let accepted = 0;
        const byEpoch = new Map<number, SignedResult[]>();
        for (const s of parsed) {
          const e = Number(s.result.epoch);
          let list = byEpoch.get(e);
          if (!list) byEpoch.set(e, (list = []));
          list.push(s);
        }
        for (const [epoch, results] of byEpoch) {
          const jobs = assignmentOf(epoch)?.jobs;
          if (!jobs) {
            rejected["unknown-epoch"] = (rejected["unknown-epoch"] ?? 0) + results.length;
            continue;
          }
          const checked = ingest(verifier, epoch, jobs, results);
          for (const [why, n] of Object.entries(checked.rejected)) rejected[why] = (rejected[why] ?? 0) + n;
          // keep every valid result, equivocating pairs included: the settlement reports and voids them
          const valid = [...checked.byJob.values()].flat().concat(checked.equivocations.map(([, b]) => b));
          accepted += valid.length;
          const dir = join(o.inputDir, `epoch-${epoch}`, "results");
          mkdirSync(dir, { recursive: true });
          if (valid.length) appendFileSync(join(dir, "http.jsonl"), valid.map(resultLine).join("\n") + "\n");
        }
        return reply(200, { accepted, rejected });
      }
      reply(404, { error: "unknown route" });
    })().catch((e: unknown) => {
      // a chain call that reverted answers with the decoded error; anything else with its one-line explanation
      const revert = decodeRevert(e, manifest);
      reply(500, revert ? { error: explainError(e, manifest), name: revert.name, args: revert.args, sentence: revert.sentence } : { error: explainError(e, manifest) });
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${o.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
