// The checker's parts in process: the journal across a reopen (and a torn last line), the daemon's handling of the
// referee's answers (what is sent again, what is final), Freivalds' test, and the probes against real agents over
// loopback HTTP with each fault flag.
import { expect } from "chai";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id, JsonRpcProvider, Wallet } from "ethers";
import { refereeDomain, signResult, Verdict, type CheckResult } from "../../scripts/lib/check-results.js";
import { freePort } from "../../scripts/lib/local-stack.js";
import { CheckerDaemon, type Log } from "../../scripts/checker/daemon.js";
import { freivalds, multiply, P, randomMatrix } from "../../scripts/checker/freivalds.js";
import { Journal, resultKey, type Measured } from "../../scripts/checker/journal.js";
import { checkerMetrics } from "../../scripts/checker/metrics.js";
import { probe } from "../../scripts/checker/probes.js";
import { sentenceOf, type Refusal } from "../../scripts/referee/intake.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { startAgent } from "../../scripts/container/agent.js";

describe("Checker parts", () => {
  const container = id("units-container").toLowerCase();

  it("the journal keeps the first verdict of a job across a reopen and a torn last line; a later, different one is never returned", async () => {
    const dir = mkdtempSync(join(tmpdir(), "journal-"));
    try {
      const path = join(dir, "journal.jsonl");
      const operator = Wallet.createRandom();
      const domain = refereeDomain(Wallet.createRandom().address, 31337);
      const result = (verdict: Verdict): CheckResult => ({ epoch: 4n, job: 7, container, licenseId: 12n, verdict, metricsHash: id(`m${verdict}`) });
      const measured: Measured = { live: true, latencyMs: 3, challenge: null, reason: "ok" };
      const first = new Journal(path);
      const pass = await signResult(operator, domain, result(Verdict.Pass));
      expect(first.record(pass, measured)).to.equal(pass);
      first.close();
      appendFileSync(path, '{"t":"verdict","key":"4/7/12","signed":{"res'); // a crash in the middle of a write
      const reopened = new Journal(path);
      const fail = await signResult(operator, domain, result(Verdict.Fail));
      const kept = reopened.record(fail, { ...measured, live: false, reason: "not live" });
      expect(kept.result.verdict).to.equal(Verdict.Pass);
      expect([kept.r, kept.vs]).to.deep.equal([pass.r, pass.vs]);
      expect(reopened.get(resultKey(4, 7, 12))!.result.verdict).to.equal(Verdict.Pass);
      expect(reopened.pending()).to.have.length(1);
      reopened.answer([resultKey(4, 7, 12)], "answered");
      expect(reopened.pending()).to.have.length(0);
      reopened.close();
      expect(new Journal(path).pending()).to.have.length(0);
      expect(readFileSync(path, "utf8")).not.to.include('"verdict":2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the daemon sends a result refused as store-failed again next round, and takes closed, settled and other refusals as final, each sentence logged once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "daemon-answers-"));
    // a referee that answers by job: 1 fails to store once, 2 and 3 came after their epoch closed, 4's epoch is
    // settled, 5 has the wrong signer, the rest are accepted
    const script: Record<number, Refusal[]> = { 1: ["store-failed"], 2: ["closed"], 3: ["closed"], 4: ["settled"], 5: ["wrong-signer"] };
    const received: number[][] = [];
    const referee = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const batch = JSON.parse(body) as { result: { epoch: string; job: number } }[];
        received.push(batch.map((s) => s.result.job));
        const results = batch.map((s) => {
          const reason = script[s.result.job]?.shift();
          return reason ? { status: "refused", reason, sentence: sentenceOf(reason, Number(s.result.epoch)) } : { status: "accepted" };
        });
        const rejected: Record<string, number> = {};
        for (const r of results) if (r.reason) rejected[r.reason] = (rejected[r.reason] ?? 0) + 1;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ accepted: results.filter((r) => r.status === "accepted").length, rejected, results }));
      });
    });
    const port = await freePort();
    await new Promise<void>((ok) => referee.listen(port, "127.0.0.1", ok));
    const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
    const log: Log = (level, msg, fields) => logs.push({ level, msg, fields });
    const address = Wallet.createRandom().address;
    const manifest = { chainId: 31337, contracts: { CheckerLicense: { address, abi: [] }, CheckerReferee: { address, abi: [] } } } as unknown as Manifest;
    const provider = new JsonRpcProvider(`http://127.0.0.1:${await freePort()}`, 31337, { staticNetwork: true });
    const metrics = checkerMetrics();
    const options = { wallet: new Wallet(id("daemon-answers-operator")), manifest, provider, refereeUrl: `http://127.0.0.1:${port}`, endpoints: {}, dataDir: dir, probes: {} as never, batchSize: 100, metrics, log };
    try {
      const daemon = new CheckerDaemon(options);
      const domain = refereeDomain(address, 31337);
      const measured: Measured = { live: true, latencyMs: 3, challenge: null, reason: "ok" };
      for (const job of [0, 1, 2, 3, 4, 5]) {
        const epoch = job === 4 ? 4n : 5n;
        daemon.journal.record(await signResult(options.wallet, domain, { epoch, job, container, licenseId: 9n, verdict: Verdict.Pass, metricsHash: id(`m${job}`) }), measured);
      }
      await daemon.flush(5);
      expect(received).to.deep.equal([[0, 1, 2, 3, 4, 5]]);
      expect(daemon.journal.pending().map((s) => s.result.job)).to.deep.equal([1]);
      // the second round sends only the result the referee could not store; then nothing is left to send
      await daemon.flush(5);
      await daemon.flush(5);
      expect(received).to.deep.equal([[0, 1, 2, 3, 4, 5], [1]]);
      expect(daemon.journal.pending()).to.deep.equal([]);
      // each final refusal's sentence once, though two results were refused as closed
      const sentences = logs.filter((l) => l.fields?.final).map((l) => l.msg);
      expect(sentences).to.deep.equal([sentenceOf("closed", 5), sentenceOf("settled", 4), sentenceOf("wrong-signer", 5)]);
      expect(logs.filter((l) => /could not store some results/.test(l.msg))).to.have.length(1);
      const text = await metrics.registry.metrics();
      expect(text).to.include('checker_results_refused_total{reason="closed"} 2');
      expect(text).to.include('checker_results_refused_total{reason="store-failed"} 1');
      expect(text).to.include("checker_results_submitted_total 2");
      daemon.journal.close();
      // a restart sends nothing again: every answer is journaled
      const restarted = new CheckerDaemon(options);
      expect(restarted.journal.pending()).to.deep.equal([]);
      restarted.journal.close();
    } finally {
      provider.destroy();
      await new Promise((r) => referee.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Freivalds' test accepts the product and refuses it with any one entry off, or malformed", () => {
    const n = 32;
    const a = randomMatrix(n);
    const b = randomMatrix(n);
    const c = multiply(a, b);
    // the product by the definition, in exact integers
    const naive = a.map((row, i) => row.map((_, j) => Number(a[i].reduce((s, x, k) => s + BigInt(x) * BigInt(b[k][j]), 0n) % BigInt(P))));
    expect(c).to.deep.equal(naive);
    expect(freivalds(a, b, c)).to.equal(true);
    for (let t = 0; t < 20; t++) {
      const wrong = c.map((row) => [...row]);
      const i = t % n;
      const j = (t * 7) % n;
      wrong[i][j] = (wrong[i][j] + 1 + t) % P;
      expect(freivalds(a, b, wrong)).to.equal(false);
    }
    expect(freivalds(a, b, c.slice(1))).to.equal(false);
    expect(freivalds(a, b, "no")).to.equal(false);
  });

  it("probes: an honest agent passes; --wrong-answers, --down, --slow beyond the limit and another container's agent fail", async () => {
    const agents = await Promise.all([
      startAgent({ container, port: await freePort() }),
      startAgent({ container, port: await freePort(), wrongAnswers: true }),
      startAgent({ container, port: await freePort(), down: true }),
      startAgent({ container, port: await freePort(), slowMs: 400 }),
      startAgent({ container: id("another").toLowerCase(), port: await freePort() }),
    ]);
    try {
      const o = { maxLatencyMs: 200, timeoutMs: 5_000, n: 48 };
      const [honest, wrong, down, slow, other] = await Promise.all(agents.map((a) => probe(a.url, container, o)));
      expect(honest.verdict).to.equal(Verdict.Pass);
      expect(honest.measured.challenge).to.deep.equal({ n: 48, rounds: 24, passed: true });
      expect([wrong.verdict, wrong.measured.reason]).to.deep.equal([Verdict.Fail, "wrong matrix product (Freivalds' test)"]);
      expect([down.verdict, down.measured.live]).to.deep.equal([Verdict.Fail, false]);
      expect(slow.verdict).to.equal(Verdict.Fail);
      expect(slow.measured.reason).to.match(/^latency \d+ ms above 200 ms$/);
      expect(slow.measured.latencyMs).to.be.at.least(400);
      expect(other.verdict).to.equal(Verdict.Fail);
      expect(other.measured.reason).to.include("not " + container);
    } finally {
      await Promise.all(agents.map((a) => a.close()));
    }
  });
});
