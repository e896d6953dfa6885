// Attacks on the referee's HTTP intake (scripts/referee/server.ts, intake.ts, results-store.ts, epoch-window.ts),
// each expecting its named refusal, on an in-process chain with real CheckerLicense and CheckerReferee contracts:
// epoch 0 settled, epoch 1 ended and not settled (its results still come in), licenses banned during and after it.
import { expect } from "chai";
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { AbiCoder, Wallet, ZeroAddress, id, keccak256, type Provider } from "ethers";
import { refereeDomain, signResult, type CheckResult, type JobLeaf, type SignedResult } from "../../scripts/lib/check-results.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { freePort } from "../../scripts/lib/local-stack.js";
import { computeAssignment, cutoffOf, writeAssignmentFile } from "../../scripts/referee/assignment.js";
import { closedMarkerPath, closeEpochResults, readCut } from "../../scripts/referee/epoch-close.js";
import { MAX_BATCH } from "../../scripts/referee/intake.js";
import { RecoverPool } from "../../scripts/referee/recover-pool.js";
import { canonicalLine, HTTP_RESULTS_FILE, ResultsStore } from "../../scripts/referee/results-store.js";
import { startRefereeServer, type RefereeServer } from "../../scripts/referee/server.js";
import { assignmentPath, ingest, readEpochResults } from "../../scripts/referee/service.js";
import { ResultVerifier } from "../../scripts/referee/verify.js";
import { refereeFixture } from "./referee-fixture.js";

const DAY = 86_400;
const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));

interface Answer {
  accepted: number;
  duplicates: number;
  equivocations: number;
  refused: number;
  rejected: Record<string, number>;
  results: { status: string; reason?: string; sentence?: string }[];
}

describe("Referee intake under attack", function () {
  this.timeout(120_000);
  let server: RefereeServer;
  let provider: Provider;
  let manifest: Manifest;
  let dir: string;
  let domain: ReturnType<typeof refereeDomain>;
  const operators = Array.from({ length: 7 }, (_, i) => new Wallet(id(`intake-operator-${i + 1}`)));
  const jobs: Record<number, JobLeaf[]> = {};
  let advance: (t: number) => Promise<void>;
  let banLicense: (l: number, until: number) => Promise<void>;
  let tge = 0;

  /** The result license `licenseId` gives for job `job` of `epoch`, signed by its committed operator. */
  const signed = (epoch: number, job: number, licenseId: number, over: Partial<CheckResult> = {}) => {
    const leaf = jobs[epoch][job];
    const i = leaf.licenseIds.indexOf(licenseId);
    const wallet = i === -1 ? operators[0] : operators.find((w) => w.address.toLowerCase() === leaf.operators[i])!;
    return signResult(wallet, domain, { epoch: BigInt(epoch), job, container: leaf.container, licenseId: BigInt(licenseId), verdict: 1, metricsHash: id(`m${epoch}/${job}/${licenseId}`), ...over });
  };
  /** Every (job, license) of `epoch` whose license is `licenseId`. */
  const slotsOf = (epoch: number, licenseId: number) => jobs[epoch].filter((j) => j.licenseIds.includes(licenseId)).map((j) => j.job);
  const post = async (body: string): Promise<{ status: number; body: Answer & { error?: string } }> => {
    const res = await fetch(`${server.url}/results`, { method: "POST", body, headers: { "content-type": "application/json" } });
    return { status: res.status, body: (await res.json()) as Answer & { error?: string } };
  };
  const stored = (epoch: number) => readEpochResults(dir, epoch);
  const storedLines = (epoch: number) => {
    const path = join(dir, `epoch-${epoch}`, "results", HTTP_RESULTS_FILE);
    return existsSync(path) ? readFileSync(path, "utf8").split("\n").filter(Boolean) : [];
  };

  before(async () => {
    const f = await refereeFixture();
    ({ provider, manifest, tge, advance, banLicense } = f);
    const { license, contract } = f;
    const { referee, owner } = f.signers;
    await (await contract.setN(1)).wait();
    domain = refereeDomain(await contract.getAddress(), f.chainId);
    dir = mkdtempSync(join(tmpdir(), "referee-intake-"));

    // epochs 0, 1 and 2: seeds committed before their cut-offs, assignments over licenses 1..7 posted after
    const secret = (e: number) => id(`intake-secret-${e}`);
    for (const e of [0, 1, 2]) await (await contract.connect(referee).commitSeed(e, keccak256(AbiCoder.defaultAbiCoder().encode(["uint64", "bytes32"], [e, secret(e)])))).wait();
    const post = async (e: number) => {
      await advance(cutoffOf(tge, e));
      await (await contract.anchorSeed(e)).wait();
      await (await contract.revealSeed(e, secret(e))).wait();
      const seed = (await contract.seedOf(e)).seed as string;
      const frozen = { cutoff: cutoffOf(tge, e), licenses: operators.map((w, i) => ({ licenseId: i + 1, operator: w.address.toLowerCase() })), containers: [id("c0"), id("c1")].map((c) => c.toLowerCase()) };
      const { file, jobs: leaves, tree } = computeAssignment(e, seed, 1, frozen);
      writeAssignmentFile(assignmentPath(dir, e), file);
      await (await contract.connect(referee).postAssignment(e, tree!.root, leaves.length, "test://")).wait();
      jobs[e] = leaves;
    };
    await post(0);
    await post(1);
    // during epoch 1, license 3 is banned for an hour; after it ended, license 4 is banned and license 1 re-delegated
    await advance(tge + DAY + 3_600);
    await banLicense(3, tge + DAY + 7_200);
    await post(2);
    // epoch 0's root is posted: it is settled
    await advance(tge + 2 * DAY + 60);
    await (await contract.connect(referee).postRoot(0, id("root-0"), 0, "test://")).wait();
    await banLicense(4, tge + 400 * DAY);
    await (await license.connect(owner).setUser(1, Wallet.createRandom().address, tge + 400 * DAY)).wait();
    server = await startRefereeServer({ provider, manifest, inputDir: dir, outDir: dir, port: await freePort(), chainTtlMs: 0 });
  });

  after(async () => {
    await server?.close();
  });

  it("accepts an ended, unsettled epoch's results by their committed operators, whatever the delegation or a later ban says", async () => {
    // license 1 is delegated elsewhere now and license 4 is banned now, both after epoch 1 ended
    const results = [await signed(1, slotsOf(1, 1)[0], 1), await signed(1, slotsOf(1, 4)[0], 4), await signed(1, slotsOf(1, 5)[0], 5)];
    const { status, body } = await post(json(results));
    expect(status).to.equal(200);
    expect(body.results.map((r) => r.status)).to.deep.equal(["accepted", "accepted", "accepted"]);
    expect(storedLines(1)).to.deep.equal(results.map(canonicalLine));
  });

  it("refuses the results of a license banned during the epoch, and of a settled epoch, each with its sentence", async () => {
    const banned = await signed(1, slotsOf(1, 3)[0], 3);
    const settled = await signed(0, slotsOf(0, 2)[0], 2);
    const before = storedLines(1).length;
    const { body } = await post(json([banned, settled]));
    expect(body.results.map((r) => r.reason)).to.deep.equal(["banned", "settled"]);
    expect(body.results[0].sentence).to.equal("The license was banned during epoch 1, so its results do not count there; nothing to resend.");
    expect(body.results[1].sentence).to.match(/^Epoch 0 is settled/);
    expect(storedLines(1).length).to.equal(before);
    expect(storedLines(0)).to.deep.equal([]);
    // an epoch with no assignment posted
    const { body: none } = await post(json([await signed(1, 0, jobs[1][0].licenseIds[0], { epoch: 9n })]));
    expect(none.results[0].reason).to.equal("no-assignment");
  });

  it("answers a replay as a duplicate, stores it once, and keeps the other verdict once as equivocation evidence", async () => {
    const job = slotsOf(2, 6)[0];
    const pass = await signed(2, job, 6);
    const first = await post(json([pass]));
    expect(first.body.results[0].status).to.equal("accepted");
    // the same result again, and the same verdict with other metrics (a retry): duplicates, not errors
    const again = await post(json([pass, await signed(2, job, 6, { metricsHash: id("other metrics") })]));
    expect(again.status).to.equal(200);
    expect(again.body.results.map((r) => r.status)).to.deep.equal(["duplicate", "duplicate"]);
    // the other verdict: kept as evidence, counted once however often it is sent
    const fail = await signed(2, job, 6, { verdict: 2 });
    const twice = await post(json([fail, fail]));
    expect(twice.body.results.map((r) => r.status)).to.deep.equal(["equivocation", "duplicate"]);
    expect((await post(json([fail]))).body.results[0].status).to.equal("duplicate");
    expect(storedLines(2)).to.deep.equal([canonicalLine(pass), canonicalLine(fail)]);
    // the settlement reads one vote and one equivocation from the store
    const got = ingest(new ResultVerifier(domain), 2, jobs[2], stored(2));
    expect(got.votes).to.have.length(1);
    expect(got.equivocations).to.have.length(1);
    // per checker: what the referee accepted and refused of this signer
    const operator = jobs[2][job].operators[jobs[2][job].licenseIds.indexOf(6)];
    const tally = (await (await fetch(`${server.url}/checkers/${operator}`)).json()) as Record<string, unknown>;
    expect(tally).to.deep.equal({ address: operator, accepted: 1, duplicates: 4, equivocations: 1, refused: {} });
    // and per epoch (what npm start's story waits on): all of it was epoch 2's, none epoch 3's
    const ofEpoch = async (e: number) => (await (await fetch(`${server.url}/checkers/${operator}/epochs/${e}`)).json()) as Record<string, unknown>;
    expect(await ofEpoch(2)).to.deep.equal({ address: operator, epoch: 2, accepted: 1, duplicates: 4, equivocations: 1, refused: {} });
    expect(await ofEpoch(3)).to.deep.equal({ address: operator, epoch: 3, accepted: 0, duplicates: 0, equivocations: 0, refused: {} });
    expect((await fetch(`${server.url}/checkers/${operator}/epochs/x`)).status).to.equal(404);
  });

  it("stores a result once when two requests carry it at the same time", async () => {
    const batch = await Promise.all(slotsOf(2, 3).slice(0, 5).map((job) => signed(2, job, 3)));
    const before = storedLines(2).length;
    const answers = await Promise.all([post(json(batch)), post(json(batch)), post(json([...batch].reverse()))]);
    const statuses = answers.flatMap((a) => a.body.results.map((r) => r.status));
    expect(statuses.filter((x) => x === "accepted")).to.have.length(5);
    expect(statuses.filter((x) => x === "duplicate")).to.have.length(10);
    expect(storedLines(2).length).to.equal(before + 5);
  });

  it("refuses unknown fields and stores only the known ones, re-serialized", async () => {
    const job = slotsOf(2, 7)[0];
    const s = await signed(2, job, 7);
    const padded = { ...s, result: { ...s.result, note: "x".repeat(10_000) } };
    const extra = { ...s, comment: "fill the disk" };
    const before = storedLines(2).length;
    const { body } = await post(json([padded, extra]));
    expect(body.results.map((r) => r.reason)).to.deep.equal(["unknown-fields", "unknown-fields"]);
    expect(body.results[0].sentence).to.match(/fields the referee does not know/);
    expect(storedLines(2).length).to.equal(before);
    // upper-case hex and numbers where strings are expected are stored in one canonical form
    const loud = JSON.parse(json(s)) as { result: Record<string, unknown>; r: string; vs: string };
    loud.result.container = "0x" + String(loud.result.container).slice(2).toUpperCase();
    loud.result.epoch = 2;
    const { body: ok } = await post(JSON.stringify([loud]));
    expect(ok.results[0].status).to.equal("accepted");
    expect(storedLines(2).slice(-1)).to.deep.equal([canonicalLine(s)]);
  });

  it("stores the valid half of a half-invalid batch and nothing of the other half", async () => {
    const valid = await Promise.all(slotsOf(1, 6).slice(0, 3).map((job) => signed(1, job, 6)));
    const job = slotsOf(1, 7)[0];
    const other = jobs[1][job].licenseIds.find((l) => l !== 7)!;
    const wrongSigner = await signResult(operators[other - 1], domain, { ...(await signed(1, job, 7)).result });
    const invalid = [
      wrongSigner,
      await signResult(operators[6], domain, { ...(await signed(1, job, 7)).result, job: 10_000 }), // no such job
      { ...(await signed(1, job, 7)), vs: "0x" + "ff".repeat(32) }, // s in the upper half
      { result: { epoch: "1", job: "one" }, r: "0x", vs: "0x" },
      await signed(1, job, 7, { container: id("elsewhere") }),
    ];
    const before = storedLines(1);
    const { body } = await post(json([valid[0], ...invalid, valid[1], valid[2]]));
    expect(body.results.map((r) => r.reason ?? r.status)).to.deep.equal(["accepted", "wrong-signer", "unknown-job", "bad-signature", "malformed", "wrong-job-fields", "accepted", "accepted"]);
    expect(body.rejected).to.deep.equal({ "wrong-signer": 1, "unknown-job": 1, "bad-signature": 1, malformed: 1, "wrong-job-fields": 1 });
    expect(storedLines(1)).to.deep.equal([...before, ...valid.map(canonicalLine)]);
  });

  it("refuses an oversized batch and an oversized body with a 413 and a sentence, storing nothing", async () => {
    const many = await post(JSON.stringify(Array.from({ length: MAX_BATCH + 1 }, () => ({}))));
    expect(many.status).to.equal(413);
    expect(many.body.error).to.equal(`The request holds ${(MAX_BATCH + 1).toLocaleString("en-US")} results, more than ${MAX_BATCH.toLocaleString("en-US")}; split it into several requests.`);
    const big = await post("[" + " ".repeat(5 << 20) + "]");
    expect(big.status).to.equal(413);
    expect(big.body.error).to.match(/^The request body is larger than 4,194,304 bytes/);
    const notArray = await post(JSON.stringify({ results: [] }));
    expect([notArray.status, notArray.body.error]).to.deep.equal([400, "The request body is not a JSON array; send a JSON array of signed results."]);
  });

  it("serves health and Prometheus metrics", async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as { status: string; chainTime: string };
    expect(health.status).to.equal("ok");
    expect(new Date(health.chainTime).getTime() / 1000).to.be.greaterThan(tge + 2 * DAY);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).to.match(/referee_results_total\{status="refused",reason="unknown-fields"\} 2/);
    expect(metrics).to.match(/referee_results_total\{status="refused",reason="banned"\} 1/);
  });

  it("serves compute providers' proofs: the epoch's file, one account's leaf, and a sentence for an account without one", async () => {
    const host = new Wallet(id("compute-host")).address;
    const claims = { [host.toLowerCase()]: { edge: "5", enterprise: String(10n ** 18n), proof: [id("c0")] } };
    writeFileSync(join(dir, "epoch-7.compute.proofs.json"), JSON.stringify({ epoch: 7, root: id("compute-root-7"), totalEdge: "5", totalEnterprise: String(10n ** 18n), claims }));
    const file = (await (await fetch(`${server.url}/compute-proofs/7`)).json()) as { root: string };
    expect(file.root).to.equal(id("compute-root-7"));
    expect(await (await fetch(`${server.url}/compute-proofs/7/${host}`)).json()).to.deep.equal(claims[host.toLowerCase()]);
    const other = await fetch(`${server.url}/compute-proofs/7/${ZeroAddress}`);
    expect([other.status, ((await other.json()) as { error: string }).error]).to.deep.equal([404, `${ZeroAddress} has no leaf in epoch 7: it earned nothing up to that epoch.`]);
    const none = await fetch(`${server.url}/compute-proofs/8`);
    expect(none.status).to.equal(404);
  });

  it("serves every GET /proofs of 200 concurrent claimants while a full batch is verified", async () => {
    const accounts = Array.from({ length: 50 }, (_, i) => new Wallet(id(`claimant-${i}`)).address.toLowerCase());
    const claims = Object.fromEntries(accounts.map((a, i) => [a, { amount: String(10n ** 18n * BigInt(i + 1)), proof: [id(`p${i}`)] }]));
    writeFileSync(join(dir, "epoch-0.proofs.json"), JSON.stringify({ epoch: 0, root: id("root-0"), claims }));
    // a batch as large as allowed (every result of license 1 in epoch 1 repeated: duplicates after the first)
    const one = await signed(1, slotsOf(1, 1)[1], 1);
    const batch = post(json(Array.from({ length: MAX_BATCH }, () => one)));
    const gets = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const res = await fetch(`${server.url}/proofs/0${i % 2 ? `/${accounts[i % 50]}` : ""}`);
      return [res.status, (await res.json()) as Record<string, unknown>] as const;
    }));
    expect(gets.map(([status]) => status)).to.deep.equal(gets.map(() => 200));
    expect(gets[1][1]).to.deep.equal(claims[accounts[1]]);
    expect(Object.keys(gets[0][1].claims as object)).to.have.length(50);
    const done = await batch;
    expect([done.status, done.body.accepted, done.body.duplicates]).to.deep.equal([200, 1, MAX_BATCH - 1]);
  });

  it("recovers the same signers on worker threads as in this thread, a signature that does not recover as zero", async () => {
    const verifier = new ResultVerifier(domain);
    const results = await Promise.all(slotsOf(1, 2).slice(0, 40).map((job) => signed(1, job, 2)));
    const garbage = { ...results[0], r: "0x" + "ff".repeat(32) }; // r above the curve order: no public key
    const records = [...results, garbage].map((s) => verifier.recoveryRecord(s)!);
    const expected = [...results.map((s) => verifier.signer(s)), null];
    for (const size of [2, 0]) {
      const pool = new RecoverPool(size);
      const got = (await pool.recover(records)).map((b) => (b.every((x) => x === 0) ? null : "0x" + Buffer.from(b).toString("hex")));
      expect(got, `${size} workers`).to.deep.equal(expected);
      await pool.close();
    }
  });

  it("keeps an accepted result through a restart: a replay to the new process is a duplicate", async () => {
    const s = await signed(2, slotsOf(2, 5)[0], 5);
    expect((await post(json([s]))).body.results[0].status).to.equal("accepted");
    await server.close();
    server = await startRefereeServer({ provider, manifest, inputDir: dir, outDir: dir, port: await freePort(), chainTtlMs: 0 });
    expect((await post(json([s]))).body.results[0].status).to.equal("duplicate");
  });

  it("loses no acknowledged result when the process is killed right after the sync, and cuts a torn last line", async () => {
    const storeDir = mkdtempSync(join(tmpdir(), "referee-store-"));
    const s = await signed(2, slotsOf(2, 2)[0], 2);
    const script = join(storeDir, "child.mts");
    writeFileSync(script, `
      import { ResultsStore } from ${JSON.stringify(resolve("scripts/referee/results-store.ts"))};
      const s = JSON.parse(process.argv[2]);
      s.result.epoch = BigInt(s.result.epoch); s.result.licenseId = BigInt(s.result.licenseId);
      const store = new ResultsStore(${JSON.stringify(storeDir)});
      await store.commit(2, [store.reserve(s)]);
      process.stdout.write("durable\\n");
      setInterval(() => {}, 1000); // wait to be killed
    `);
    const child = spawn(process.execPath, ["--import", "tsx", script, json(s)], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((ok, fail) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("durable") && ok());
      child.on("exit", (code) => fail(new Error(`the store process exited with ${code} before syncing`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // a crash in the middle of a later append leaves a torn line that was never acknowledged
    appendFileSync(join(storeDir, "epoch-2", "results", HTTP_RESULTS_FILE), canonicalLine(s).slice(0, 40));
    const reopened = new ResultsStore(storeDir);
    expect(reopened.novelty(s)).to.equal("duplicate");
    expect(readEpochResults(storeDir, 2).map((r) => canonicalLine(r))).to.deep.equal([canonicalLine(s)]);
    await reopened.close();
  });

  describe("closing an epoch for its settlement", () => {
    /** Every (job, license) slot of `epoch` no result was stored for yet, signed by its committed operator. */
    const unsent = async (epoch: number) => {
      const held = new Set(stored(epoch).map((r) => `${r.result.job}:${r.result.licenseId}`));
      // (license 3 is banned during epoch 1, license 4 during epoch 2)
      const slots = jobs[epoch].flatMap((j) => j.licenseIds.filter((l) => l !== 3 && l !== 4 && !held.has(`${j.job}:${l}`)).map((l) => [j.job, l] as const));
      return Promise.all(slots.map(([job, l]) => signed(epoch, job, l)));
    };

    /**
     * Posts every unsent result of `epoch` from 12 clients (each batch carried by two of them at once), closes the
     * epoch with `close` once a few answers are in, and returns each result's answers and what the settlement reads.
     */
    const race = async (epoch: number, close: () => Promise<unknown>) => {
      const results = await unsent(epoch);
      expect(results.length, "results to post").to.be.greaterThan(24);
      const batches = Array.from({ length: Math.ceil(results.length / 2) }, (_, i) => results.slice(2 * i, 2 * i + 2));
      const answers = new Map<string, string[]>(results.map((r) => [canonicalLine(r), []]));
      let answered = 0;
      let closing: Promise<unknown> | undefined;
      const client = async (k: number) => {
        for (let b = k % 6; b < batches.length; b += 6) {
          const { body } = await post(json(batches[b]));
          body.results.forEach((v, i) => answers.get(canonicalLine(batches[b][i]))!.push(v.reason ?? v.status));
          if (++answered === 4) closing = close();
        }
      };
      await Promise.all(Array.from({ length: 12 }, (_, k) => client(k)));
      await closing;
      const read = new Set(stored(epoch).map((r) => canonicalLine(r)));
      return { results, answers, read };
    };

    const expectExact = ({ results, answers, read }: Awaited<ReturnType<typeof race>>, before: number) => {
      let accepted = 0;
      let closed = 0;
      for (const r of results) {
        const got = answers.get(canonicalLine(r))!;
        expect(got, "two answers per result").to.have.length(2);
        if (got.includes("closed")) {
          // refused as closed: never also accepted, and never counted
          expect(got, canonicalLine(r)).to.deep.equal(["closed", "closed"]);
          expect(read.has(canonicalLine(r)), "a result answered closed is counted").to.equal(false);
          closed++;
        } else {
          expect(got.slice().sort(), canonicalLine(r)).to.deep.equal(["accepted", "duplicate"]);
          expect(read.has(canonicalLine(r)), "a result answered accepted is not counted").to.equal(true);
          accepted++;
        }
      }
      expect(read.size).to.equal(before + accepted);
      expect(accepted, "accepted before the close").to.be.greaterThan(0);
      expect(closed, "closed after it").to.be.greaterThan(0);
      return { accepted, closed };
    };

    it("a settlement in another process closing the epoch while 12 clients post: every accepted result is read, none answered closed is", async () => {
      const before = stored(1).length;
      // the settlement's own step (runEpoch without an intake in its process) writes the marker and the cut itself
      const outcome = await race(1, async () => closeEpochResults(dir, 1));
      expectExact(outcome, before);
      const cut = readCut(dir, 1);
      expect(cut).to.have.property("epoch", 1);
      // a replay: what was counted is a duplicate, what was refused is closed again, with its sentence
      const refused = outcome.results.find((r) => outcome.answers.get(canonicalLine(r))![0] === "closed")!;
      const counted = outcome.results.find((r) => outcome.answers.get(canonicalLine(r))!.includes("accepted"))!;
      const { body } = await post(json([refused, counted]));
      expect(body.results.map((v) => v.reason ?? v.status)).to.deep.equal(["closed", "duplicate"]);
      expect(body.results[0].sentence).to.equal("Epoch 1 is being settled from the results taken before it closed; this one came after and does not count, so stop sending it.");
      // the cut is written once: closing again (a settlement run again after a crash) reads the same lines
      expect(closeEpochResults(dir, 1)).to.deep.equal(cut);
      expect(new Set(stored(1).map((r) => canonicalLine(r)))).to.deep.equal(outcome.read);
    });

    it("the intake closing the epoch in its own process (runEpoch's intake) while 12 clients post: the same guarantees", async () => {
      const before = stored(2).length;
      const outcome = await race(2, () => server.closeEpoch(2));
      expectExact(outcome, before);
      // what the file holds past the cut was cut away: the file is what the settlement counts
      expect(storedLines(2)).to.have.length(before + outcome.results.filter((r) => outcome.answers.get(canonicalLine(r))!.includes("accepted")).length);
      // a restarted referee answers the same
      await server.close();
      server = await startRefereeServer({ provider, manifest, inputDir: dir, outDir: dir, port: await freePort(), chainTtlMs: 0 });
      const refused = outcome.results.find((r) => outcome.answers.get(canonicalLine(r))![0] === "closed")!;
      expect((await post(json([refused]))).body.results[0].reason).to.equal("closed");
    });

    it("counts exactly the lines a cut falling inside a group holds; the rest of the group is answered closed and cut away", async () => {
      const storeDir = mkdtempSync(join(tmpdir(), "referee-cut-"));
      const store = new ResultsStore(storeDir);
      const [a, b, c, d] = await Promise.all(slotsOf(2, 6).slice(0, 4).map((job) => signed(2, job, 6)));
      expect(await store.commit(2, [store.reserve(a)])).to.deep.equal([true]);
      // a settlement between its two steps: the store waits for its cut before it answers the next group
      writeFileSync(closedMarkerPath(storeDir, 2), "closing\n");
      const group = store.commit(2, [b, c, d].map((s) => store.reserve(s)));
      const dup = store.pending(d)!;
      const file = join(storeDir, "epoch-2", "results", HTTP_RESULTS_FILE);
      const lines = [a, b, c, d].map((s) => canonicalLine(s) + "\n");
      // the group is written and synced, and its answer waits for the cut
      for (let t = 0; t < 200 && readFileSync(file, "utf8") !== lines.join(""); t++) await new Promise((r) => setTimeout(r, 25));
      expect(readFileSync(file, "utf8")).to.equal(lines.join(""));
      let answered = false;
      void group.then(() => (answered = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(answered, "answered before the cut was written").to.equal(false);
      // the settlement measured the file while the group was half written: two lines and the start of the third
      const limit = Buffer.byteLength(lines.slice(0, 3).join("")) + 5;
      writeFileSync(closedMarkerPath(storeDir, 2), JSON.stringify({ epoch: 2, closedAt: new Date().toISOString(), files: { [HTTP_RESULTS_FILE]: limit } }));
      expect(await group).to.deep.equal([true, true, false]);
      // the settlement reads up to the cut and leaves its torn last line out
      expect(readEpochResults(storeDir, 2).map((r) => canonicalLine(r))).to.deep.equal([a, b, c].map(canonicalLine));
      expect(readFileSync(file, "utf8")).to.equal(lines.slice(0, 3).join(""));
      // a duplicate that waited for the refused one is refused with it; later groups are not written at all
      const why = await dup.then(() => null, (e: Error) => e.constructor.name);
      expect(why).to.equal("EpochClosed");
      expect(store.novelty(d)).to.equal("new");
      expect(store.isClosed(2)).to.equal(true);
      expect(await store.commit(2, [store.reserve(d)])).to.deep.equal([false]);
      expect(readFileSync(file, "utf8")).to.equal(lines.slice(0, 3).join(""));
      await store.close();
      // reopened: it holds what the cut holds
      const reopened = new ResultsStore(storeDir);
      expect([reopened.novelty(c), reopened.novelty(d), reopened.count(2)]).to.deep.equal(["duplicate", "new", 3]);
      await reopened.close();
    });

    it("reads a results file without its torn last line when no cut is written", async () => {
      const storeDir = mkdtempSync(join(tmpdir(), "referee-torn-"));
      const [a, b] = await Promise.all(slotsOf(2, 5).slice(0, 2).map((job) => signed(2, job, 5)));
      const file = join(storeDir, "epoch-2", "results", "results.jsonl");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, canonicalLine(a) + "\n" + canonicalLine(b).slice(0, 50));
      expect(readEpochResults(storeDir, 2).map((r) => canonicalLine(r))).to.deep.equal([canonicalLine(a)]);
    });
  });
});
