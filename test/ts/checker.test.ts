// The checker node and the container agent as real processes against a local node with the real deployment: one
// epoch's assignment committed by the referee service, three container agents (honest, --wrong-answers, --down), two
// operators' daemons. A small proxy in front of the referee service injects the outages and the tampering the
// daemons must survive or refuse (its results endpoint down, an assignment altered on the way).
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Contract, encodeBytes32String, id, JsonRpcProvider, JsonRpcSigner, Wallet } from "ethers";
import type { JobLeaf } from "../../scripts/lib/check-results.js";
import { attestAccounts } from "../../scripts/lib/compliance.js";
import { deploy, freePort, startNode, startPonder, stopAndWait, waitFor, waitIndexed } from "../../scripts/lib/local-stack.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { DAY } from "../../scripts/lib/tokenomics.js";
import { cutoffOf } from "../../scripts/referee/assignment.js";
import { startRefereeServer, type RefereeServer } from "../../scripts/referee/server.js";
import { commitSeed, prepareEpoch } from "../../scripts/referee/service.js";
import { createKeystore } from "../../scripts/checker/keystore.js";
import { discoverLicenses } from "../../scripts/checker/licenses.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = resolve(ROOT, "node_modules/tsx/dist/cli.mjs");
const PASSWORD = "correct horse battery staple";

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}
const procs = new Set<Proc>();

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [TSX, script, ...args], { cwd: ROOT, env: { ...process.env, AETHIR_KEYSTORE_PASSWORD: PASSWORD, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
  const p = { child, out: () => out, exited };
  procs.add(p);
  void exited.then(() => procs.delete(p));
  return p;
}
const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};
/** Kills a process group and waits until every member is gone (tsx's node child may outlive its parent briefly). */
const kill = async (p: Proc, signal: NodeJS.Signals = "SIGTERM") => {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    try {
      process.kill(-p.child.pid!, signal);
    } catch {
      // gone
    }
    await p.exited;
  }
  await waitFor("the killed process group to be gone", async () => gone(-p.child.pid!), 60_000);
};

type Line = { t: string; key: string; signed: { result: { job: number; container: string; licenseId: string; verdict: number } } };
const journal = (dir: string): Line[] =>
  existsSync(join(dir, "journal.jsonl")) ? readFileSync(join(dir, "journal.jsonl"), "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line) : [];
const verdicts = (dir: string) => journal(dir).filter((l) => l.t === "verdict");
const status = (dir: string) => (existsSync(join(dir, "status.json")) ? (JSON.parse(readFileSync(join(dir, "status.json"), "utf8")) as { queued: number; journaled: number; licenseSource: string; licenses: { id: number; state: string }[]; lastRoundAt: string }) : undefined);

describe("Checker node and container agent (processes)", function () {
  this.timeout(900_000);
  const tmp = mkdtempSync(join(tmpdir(), "checker-test-"));
  const outDir = join(tmp, "referee");
  let node: { url: string; child: ChildProcess };
  let provider: JsonRpcProvider;
  let manifest: Manifest;
  let server: RefereeServer;
  let proxy: Server;
  let proxyUrl: string;
  const faults = { postsDown: false, tamper: false };
  let epoch: number;
  let jobs: JobLeaf[];
  const containers = [0, 1, 2].map((i) => id(`checker-test-container-${i}`).toLowerCase());
  const agents: Proc[] = [];
  const agentPorts: number[] = [];
  const ks = { a: join(tmp, "a.keystore.json"), b: join(tmp, "b.keystore.json") };
  const op = { a: "", b: "" };
  const A_LICENSES = [1, 2, 3, 4, 5, 6];
  const B_LICENSES = [7, 8];
  const endpoints = join(tmp, "containers.json");
  /** (job, license) pairs an operator's committed licenses must check in the epoch. */
  const expectedOf = (operator: string) => jobs.flatMap((j) => j.licenseIds.filter((_, i) => j.operators[i].toLowerCase() === operator.toLowerCase()).map((l) => `${epoch}/${j.job}/${l}`)).sort();
  const containerOfJob = (job: number) => jobs[job].container.toLowerCase();
  const stored = () => {
    const path = join(outDir, `epoch-${epoch}`, "results", "http.jsonl");
    return existsSync(path) ? readFileSync(path, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { result: { job: number; licenseId: string; verdict: number } }) : [];
  };
  const daemonArgs = (keystore: string, data: string, extra: string[] = []) => [
    "run", "--keystore", keystore, "--data", data, "--manifest", join(tmp, "manifest.json"), "--rpc", node.url, "--referee", proxyUrl, "--endpoints", endpoints, "--interval", "1", ...extra,
  ];
  const startAgent = async (i: number, flags: string[]) => {
    const p = run("scripts/container/cli.ts", ["run", "--container", containers[i], "--port", String(agentPorts[i]), ...flags]);
    await waitFor(`agent ${i}`, async () => p.out().includes("listening"), 60_000);
    agents[i] = p;
  };

  before(async () => {
    const rpcPort = await freePort();
    node = await startNode(rpcPort);
    await deploy(rpcPort, join(tmp, "manifest.json"));
    manifest = JSON.parse(readFileSync(join(tmp, "manifest.json"), "utf8")) as Manifest;
    provider = new JsonRpcProvider(node.url, undefined, { cacheTimeout: -1 });
    const signer = (i: number) => provider.getSigner(i);
    const at = (name: string, s: unknown) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s as never);
    const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await p).wait();
    const owner = await signer(11);
    const ownerAddress = await owner.getAddress();
    // the owner passes KYC, then 8 licenses are minted to it as the sale contract would
    await attestAccounts(at("ComplianceRegistry", await signer(7)), await signer(7), [ownerAddress], "DE");
    const sale = manifest.contracts.LicenseSale.address;
    await provider.send("hardhat_impersonateAccount", [sale]);
    await provider.send("hardhat_setBalance", [sale, "0xDE0B6B3A7640000"]);
    await send(at("CheckerLicense", new JsonRpcSigner(provider, sale)).mint(ownerAddress, 8));
    op.a = await createKeystore(ks.a, PASSWORD);
    op.b = await createKeystore(ks.b, PASSWORD);
    const license = at("CheckerLicense", owner);
    const now = async () => (await provider.getBlock("latest"))!.timestamp;
    await send(license.setUserBatch(A_LICENSES, op.a, (await now()) + 60 * DAY));
    await send(license.setUserBatch(B_LICENSES, op.b, (await now()) + 60 * DAY));
    const host = await signer(12);
    await send(at("HostStaking", host).registerHost(1_000));
    for (const c of containers) await send(at("HostRegistry", host).registerContainer(c, 3, encodeBytes32String("DE").slice(0, 18)));
    // the referee commits the next epoch's seed before its cut-off, then reveals it and posts the assignment
    const referee = await signer(9);
    epoch = Math.floor(((await now()) + 12 * 3_600 - manifest.tgeTimestamp) / DAY) + 1;
    await commitSeed({ manifest, referee, epoch, outDir });
    const setTime = async (t: number) => {
      if ((await now()) < t) {
        await provider.send("evm_setNextBlockTimestamp", [t]);
        await provider.send("evm_mine", []);
      }
    };
    await setTime(cutoffOf(manifest.tgeTimestamp, epoch));
    jobs = (await prepareEpoch({ provider, manifest, referee, epoch, outDir, awaitBlock: () => provider.send("evm_mine", []) })).jobs;
    await setTime(manifest.tgeTimestamp + epoch * DAY + 60);
    server = await startRefereeServer({ provider, manifest, inputDir: outDir, outDir, port: await freePort() });
    // the proxy: forwards to the referee service, except for the faults the test switches on
    proxy = createServer((req, res) => {
      if (faults.postsDown && req.method === "POST") return req.socket.destroy();
      const upstream = request(`${server.url}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        const chunks: Buffer[] = [];
        up.on("data", (c: Buffer) => chunks.push(c));
        up.on("end", () => {
          let body = Buffer.concat(chunks);
          if (faults.tamper && /\/assignments\/\d+\/licenses\/\d+$/.test(req.url ?? "")) {
            // a referee serving a job the chain did not commit: the honest container swapped in for every job
            const x = JSON.parse(body.toString()) as { jobs: { leaf: JobLeaf }[] };
            for (const j of x.jobs) j.leaf.container = j.leaf.container.toLowerCase() === containers[0] ? containers[1] : containers[0];
            body = Buffer.from(JSON.stringify(x));
          }
          res.writeHead(up.statusCode ?? 502, { "content-type": "application/json" });
          res.end(body);
        });
      });
      req.pipe(upstream);
    });
    const proxyPort = await freePort();
    await new Promise<void>((ok) => proxy.listen(proxyPort, "127.0.0.1", ok));
    proxyUrl = `http://127.0.0.1:${proxyPort}`;
    for (let i = 0; i < 3; i++) agentPorts.push(await freePort());
    writeFileSync(endpoints, JSON.stringify(Object.fromEntries(containers.map((c, i) => [c, `http://127.0.0.1:${agentPorts[i]}`]))));
    await startAgent(0, []);
    await startAgent(1, ["--wrong-answers"]);
    await startAgent(2, ["--down"]);
  });

  after(async () => {
    for (const p of [...procs]) await kill(p, "SIGKILL");
    proxy?.close();
    await server?.close();
    provider?.destroy();
    if (node) await stopAndWait(node.child);
    rmSync(tmp, { recursive: true, force: true });
  });

  it("init writes an encrypted keystore that decrypts with the password only, which never appears in the output", async () => {
    const path = join(tmp, "init.keystore.json");
    const imported = Wallet.createRandom();
    const p = run("scripts/checker/cli.ts", ["init", "--keystore", path], { AETHIR_IMPORT_KEY: imported.privateKey });
    expect(await p.exited).to.equal(0);
    expect(p.out()).to.include(`Operator address (delegate your licenses to it): ${imported.address}`);
    expect(p.out()).to.include(`npm run cli -- delegate --ids`);
    expect(p.out()).to.include(`--operator ${imported.address}`);
    expect(p.out()).not.to.include(PASSWORD);
    expect(p.out()).not.to.include(imported.privateKey.slice(2));
    const file = readFileSync(path, "utf8");
    expect(file).not.to.include(imported.privateKey.slice(2));
    expect((await Wallet.fromEncryptedJson(file, PASSWORD)).privateKey).to.equal(imported.privateKey);
    // a wrong password: one sentence, exit 1, nothing started
    const wrong = run("scripts/checker/cli.ts", daemonArgs(path, join(tmp, "wrong"), ["--once"]), { AETHIR_KEYSTORE_PASSWORD: "not the password" });
    expect(await wrong.exited).to.equal(1);
    expect(wrong.out().trim()).to.equal(`Wrong password for the keystore ${path}: try again, or check AETHIR_KEYSTORE_PASSWORD.`);
    expect(existsSync(join(tmp, "wrong", "journal.jsonl"))).to.equal(false);
  });

  it("finds the same delegated licenses over RPC as through the indexer when the indexer is behind or down", async () => {
    const license = new Contract(manifest.contracts.CheckerLicense.address, manifest.contracts.CheckerLicense.abi as never, provider);
    const ponder = await startPonder({ port: await freePort(), rpcUrl: node.url, manifestPath: join(tmp, "manifest.json"), pgliteDir: join(tmp, "pglite"), schema: "checker" });
    let viaIndexer;
    try {
      await waitIndexed(ponder.url, node.url);
      viaIndexer = await discoverLicenses({ api: ponder.url, provider, license, operator: op.a });
      expect(viaIndexer.source).to.equal("indexer");
      expect(viaIndexer.licenses.map((l) => [l.id, l.state])).to.deep.equal(A_LICENSES.map((l) => [l, "delegated"]));
      // an indexer behind the chain by more than the allowed lag is not trusted
      const behind = await discoverLicenses({ api: ponder.url, provider, license, operator: op.a, maxLagBlocks: -1 });
      expect(behind.source).to.equal("rpc");
      expect(behind.fallbackReason).to.match(/^the indexer is at block \d+, -?\d+ behind the chain$/);
      expect(behind.licenses).to.deep.equal(viaIndexer.licenses);
    } finally {
      await stopAndWait(ponder.child);
    }
    const down = await discoverLicenses({ api: ponder.url, provider, license, operator: op.a });
    expect(down.source).to.equal("rpc");
    expect(down.licenses).to.deep.equal(viaIndexer.licenses);
    expect((await discoverLicenses({ provider, license, operator: op.b })).licenses.map((l) => l.id)).to.deep.equal(B_LICENSES);
  });

  describe("operator A's daemon", () => {
    const data = join(tmp, "a-data");
    let daemon: Proc;
    let metricsPort: number;

    it("checks every committed job of its licenses: Pass on the honest agent, Fail on --wrong-answers (Freivalds) and --down; each result lands once", async () => {
      metricsPort = await freePort();
      // an indexer URL where nothing listens: the daemon must fall back to the chain
      daemon = run("scripts/checker/cli.ts", daemonArgs(ks.a, data, ["--metrics-port", String(metricsPort), "--api", `http://127.0.0.1:${await freePort()}`]));
      const expected = expectedOf(op.a);
      expect(expected.length).to.be.greaterThan(0);
      await waitFor("daemon A's results accepted", async () => status(data)?.journaled === expected.length && status(data)?.queued === 0, 240_000, { child: daemon.child, output: daemon.out });
      const lines = verdicts(data);
      expect(lines.map((l) => l.key).sort()).to.deep.equal(expected);
      const byContainer = (i: number) => lines.filter((l) => l.signed.result.container === containers[i]).map((l) => l.signed.result.verdict);
      expect(byContainer(0).length + byContainer(1).length + byContainer(2).length).to.equal(expected.length);
      for (const i of [0, 1, 2]) expect(byContainer(i).length, `jobs on container ${i}`).to.be.greaterThan(0);
      for (const l of lines) expect(l.signed.result.container).to.equal(containerOfJob(l.signed.result.job));
      expect(byContainer(0).every((v) => v === 1)).to.equal(true);
      expect(byContainer(1).every((v) => v === 2)).to.equal(true);
      expect(byContainer(2).every((v) => v === 2)).to.equal(true);
      const reasons = new Set(journal(data).filter((l) => l.t === "verdict").map((l) => (l as unknown as { measured: { reason: string } }).measured.reason));
      expect(reasons).to.include("wrong matrix product (Freivalds' test)");
      expect([...reasons].some((r) => r.startsWith("not live:"))).to.equal(true);
      const mine = stored().filter((s) => A_LICENSES.includes(Number(s.result.licenseId)));
      expect(mine.map((s) => `${epoch}/${s.result.job}/${s.result.licenseId}`).sort()).to.deep.equal(expected);
      const s = status(data)!;
      expect(s.licenseSource).to.equal("rpc");
      expect(s.licenses.map((l) => l.id)).to.deep.equal(A_LICENSES);
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).to.include(`checker_results_signed_total ${expected.length}`);
      expect(metrics).to.include(`checker_results_submitted_total ${expected.length}`);
      expect(metrics).to.include('checker_reachable{service="indexer"} 0');
      expect(metrics).to.include('checker_licenses{state="delegated"} 6');
      expect((await fetch(`http://127.0.0.1:${metricsPort}/health`)).status).to.equal(200);
    });

    it("refuses a second daemon on the same keystore with a sentence, even with another data directory", async () => {
      const second = run("scripts/checker/cli.ts", daemonArgs(ks.a, join(tmp, "a-second"), ["--once"]));
      expect(await second.exited).to.equal(1);
      // the pid in the lease is the daemon's node process (tsx's child), alive while the first daemon runs
      const m = /^Another checker daemon \(pid (\d+)\) is already running with the keystore (.*): stop it first; two daemons on one key could sign two verdicts for one job and get its licenses banned\.$/.exec(second.out().trim());
      expect(m, second.out()).to.not.equal(null);
      expect(m![2]).to.equal(ks.a);
      expect(() => process.kill(Number(m![1]), 0)).to.not.throw();
      expect(existsSync(join(tmp, "a-second", "journal.jsonl"))).to.equal(false);
      const st = run("scripts/checker/cli.ts", ["status", "--keystore", ks.a, "--data", data]);
      expect(await st.exited).to.equal(0);
      expect(st.out()).to.include(`daemon running (pid ${m![1]})`);
    });

    it("after a restart with the honest container now down, signs no different verdict for the jobs it journaled", async () => {
      const before = journal(data).length;
      const storedBefore = stored().length;
      await kill(daemon, "SIGKILL"); // no clean exit: the lease of a dead pid is taken over
      await kill(agents[0]);
      await startAgent(0, ["--down"]);
      const again = run("scripts/checker/cli.ts", daemonArgs(ks.a, data, ["--once"]));
      expect(await again.exited, again.out()).to.equal(0);
      expect(journal(data).length).to.equal(before);
      expect(stored().length).to.equal(storedBefore);
      const honest = stored().filter((s) => A_LICENSES.includes(Number(s.result.licenseId)) && containerOfJob(s.result.job) === containers[0]);
      expect(honest.every((s) => s.result.verdict === 1)).to.equal(true);
      await kill(agents[0]);
      await startAgent(0, []);
    });
  });

  it("queues operator B's results on disk while the referee's results endpoint is down, across a crash, and lands each once after it returns", async () => {
    const data = join(tmp, "b-data");
    const expected = expectedOf(op.b);
    expect(expected.length).to.be.greaterThan(0);
    faults.postsDown = true;
    const first = run("scripts/checker/cli.ts", daemonArgs(ks.b, data));
    await waitFor("daemon B's results journaled", async () => status(data)?.queued === expected.length, 240_000, { child: first.child, output: first.out });
    expect(stored().filter((s) => B_LICENSES.includes(Number(s.result.licenseId)))).to.have.length(0);
    await kill(first, "SIGKILL");
    faults.postsDown = false;
    for (let round = 0; round < 2; round++) {
      const again = run("scripts/checker/cli.ts", daemonArgs(ks.b, data, ["--once"]));
      expect(await again.exited, again.out()).to.equal(0);
      const mine = stored().filter((s) => B_LICENSES.includes(Number(s.result.licenseId)));
      expect(mine.map((s) => `${epoch}/${s.result.job}/${s.result.licenseId}`).sort()).to.deep.equal(expected);
      expect(verdicts(data)).to.have.length(expected.length);
      expect(status(data)!.queued).to.equal(0);
    }
  });

  it("says so when a license is no longer delegated to it, and signs nothing more for it", async () => {
    const data = join(tmp, "b-data");
    const before = verdicts(data).length;
    const owner = await provider.getSigner(11);
    const license = new Contract(manifest.contracts.CheckerLicense.address, manifest.contracts.CheckerLicense.abi as never, owner);
    await (await license.setUser(8, "0x0000000000000000000000000000000000000000", 0)).wait();
    const p = run("scripts/checker/cli.ts", daemonArgs(ks.b, data, ["--once"]));
    expect(await p.exited, p.out()).to.equal(0);
    expect(p.out()).to.include("License 8 is no longer delegated to this operator (revoked, expired or transferred): it is not checked; its owner can delegate it again with `npm run cli -- delegate`.");
    // still listed, as no longer delegated, with its sentence (license-state.ts)
    expect(status(data)!.licenses.map((l) => [l.id, l.state])).to.deep.equal([[7, "delegated"], [8, "undelegated"]]);
    expect(verdicts(data)).to.have.length(before);
  });

  it("signs nothing when the referee serves an assignment that does not match the root on chain", async () => {
    const data = join(tmp, "b-tampered");
    faults.tamper = true;
    try {
      const p = run("scripts/checker/cli.ts", daemonArgs(ks.b, data, ["--once"]));
      expect(await p.exited, p.out()).to.equal(0);
      expect(p.out()).to.match(/does not match the assignment root posted on chain \(0x[0-9a-f]{64}\): nothing is signed for it; report the referee to the guardian\./);
      expect(verdicts(data)).to.have.length(0);
    } finally {
      faults.tamper = false;
    }
  });
});
