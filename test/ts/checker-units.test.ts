// The checker's parts in process: the journal across a reopen (and a torn last line), Freivalds' test, and the probes
// against real agents over loopback HTTP with each fault flag.
import { expect } from "chai";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id, Wallet } from "ethers";
import { refereeDomain, signResult, Verdict, type CheckResult } from "../../scripts/lib/check-results.js";
import { freePort } from "../../scripts/lib/local-stack.js";
import { freivalds, multiply, P, randomMatrix } from "../../scripts/checker/freivalds.js";
import { Journal, resultKey, type Measured } from "../../scripts/checker/journal.js";
import { probe } from "../../scripts/checker/probes.js";
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
