// One checker daemon's throughput: the real daemon (`npm run checker -- run --once`, its own Node process, pinned to
// one core with taskset when there is one) serving 1,000 licenses delegated to its operator, 20 jobs each of one
// epoch's committed assignment (2N + 1 = 3: 6,666 jobs, 20,000 results), against local container agents
// (scripts/container/agent.ts) and the referee's HTTP server (verifying and storing every result), over the
// in-process EDR chain reached through a small JSON-RPC bridge. What its round does: the licenses found over RPC,
// each license's standing and jobs read from the referee (each job's Merkle proof checked against the root on chain),
// each container probed once (liveness, 3 pings, a 64 x 64 matrix product checked with Freivalds' test), every
// result signed (EIP-712), journaled and fsynced, then POSTed in batches of 500 until the referee answered all.
// Reported: results checked, signed and accepted per minute (the referee's count for this operator) over the
// daemon's round (from its "started" log line to its exit) and over the whole process (keystore decryption and
// start-up included), and its peak RSS (VmHWM). The chain, referee and agents share the bench process and the other
// core (and the machine with other jobs).
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import type { NetworkConnection } from "hardhat/types/network";
import { AbiCoder, Wallet, id, keccak256, type Provider } from "ethers";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../scripts/lib/compliance.js";
import { freePort } from "../scripts/lib/local-stack.js";
import type { Manifest } from "../scripts/lib/manifest.js";
import { computeAssignment, cutoffOf, writeAssignmentFile } from "../scripts/referee/assignment.js";
import { startRefereeServer } from "../scripts/referee/server.js";
import { assignmentPath } from "../scripts/referee/service.js";
import { startAgent } from "../scripts/container/agent.js";
import { createKeystore } from "../scripts/checker/keystore.js";

const LICENSES = Number(process.env.CHECKER_LICENSES ?? 1_000);
const CONTAINERS = 50;
const WRONG = 2; // agents answering the challenge wrongly: their jobs are signed Fail
const DAY = 86_400;
const PASSWORD = "bench password";
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export async function checkerDaemonSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const provider = ethers.provider as unknown as Provider;
  const [admin, referee, guardian, owner] = await ethers.getSigners();
  const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
  const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
  const licenseBlock = (await license.deploymentTransaction()!.wait())!.blockNumber;
  await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
  await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), admin.address)).wait();
  await attestAccounts(registry, admin, [owner.address], "DE");
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  const tge = now + 2 * DAY;
  const pool = await ethers.deployContract("LinearRewardPool", [Wallet.createRandom().address, 10n ** 27n, now, 1000, admin.address, guardian.address]);
  const contract = await ethers.deployContract("CheckerReferee", [admin.address, referee.address, guardian.address, await license.getAddress(), await pool.getAddress(), await pool.getAddress(), tge]);
  await (await contract.setN(1)).wait();
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const dir = mkdtempSync(join(tmpdir(), "checker-bench-"));
  const manifest = {
    network: "bench", chainId, deployer: admin.address, tgeTimestamp: tge, startBlock: licenseBlock, buckets: [],
    contracts: {
      CheckerLicense: { address: await license.getAddress(), abi: JSON.parse(license.interface.formatJson()), blockNumber: licenseBlock },
      CheckerReferee: { address: await contract.getAddress(), abi: JSON.parse(contract.interface.formatJson()), blockNumber: licenseBlock },
    },
  } as unknown as Manifest;
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));

  // the operator's keystore; LICENSES licenses delegated to it for a year
  const keystore = join(dir, "keystore.json");
  const operator = (await createKeystore(keystore, PASSWORD)).toLowerCase();
  await (await license.mint(owner.address, LICENSES)).wait();
  for (let first = 1; first <= LICENSES; first += 500) {
    const ids = Array.from({ length: Math.min(500, LICENSES - first + 1) }, (_, i) => first + i);
    await (await (license.connect(owner) as typeof license).setUserBatch(ids, operator, tge + 365 * DAY)).wait();
  }

  // epoch 0's assignment over them, committed on chain and published
  const secret = id("checker-bench-secret");
  await (await (contract.connect(referee) as typeof contract).commitSeed(0, keccak256(AbiCoder.defaultAbiCoder().encode(["uint64", "bytes32"], [0, secret])))).wait();
  await networkHelpers.time.increaseTo(cutoffOf(tge, 0));
  await (await contract.anchorSeed(0)).wait();
  await (await contract.revealSeed(0, secret)).wait();
  const seed = (await contract.seedOf(0)).seed as string;
  const names = Array.from({ length: CONTAINERS }, (_, c) => id(`checker-bench-container-${c}`).toLowerCase());
  const frozen = { cutoff: cutoffOf(tge, 0), licenses: Array.from({ length: LICENSES }, (_, i) => ({ licenseId: i + 1, operator })), containers: names };
  const { file, jobs, tree } = computeAssignment(0, seed, 1, frozen);
  writeAssignmentFile(assignmentPath(dir, 0), file);
  await (await (contract.connect(referee) as typeof contract).postAssignment(0, tree!.root, jobs.length, "bench://")).wait();
  await networkHelpers.time.increaseTo(tge + 3_600);
  const expected = jobs.reduce((n, j) => n + j.licenseIds.length, 0);

  // the container agents, the referee, and the chain over HTTP for the daemon's process
  const agents = await Promise.all(names.map(async (container, c) => startAgent({ container, port: await freePort(), host: "127.0.0.1", wrongAnswers: c < WRONG })));
  writeFileSync(join(dir, "endpoints.json"), JSON.stringify(Object.fromEntries(names.map((c, i) => [c, agents[i].url]))));
  const server = await startRefereeServer({ provider, manifest, inputDir: dir, outDir: dir, port: await freePort() });
  const rpcPort = await freePort();
  const rpc = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { id: number; method: string; params?: unknown[] } | { id: number; method: string; params?: unknown[] }[];
      const one = async (r: { id: number; method: string; params?: unknown[] }) => {
        try {
          return { jsonrpc: "2.0", id: r.id, result: await connection.provider.request({ method: r.method, params: r.params ?? [] }) };
        } catch (e) {
          return { jsonrpc: "2.0", id: r.id, error: { code: -32000, message: (e as Error).message, data: (e as { data?: unknown }).data } };
        }
      };
      void (Array.isArray(body) ? Promise.all(body.map(one)) : one(body)).then((answer) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer));
      });
    });
  });
  await new Promise<void>((ok) => rpc.listen(rpcPort, "127.0.0.1", ok));

  // the daemon, one round, on one core
  let pinned = false;
  try {
    execFileSync("taskset", ["-c", "1", "true"]);
    pinned = true;
  } catch {
    pinned = false;
  }
  const args = ["--import", "tsx", resolve("scripts/checker/cli.ts"), "run", "--keystore", keystore, "--data", join(dir, "data"), "--manifest", join(dir, "manifest.json"), "--rpc", `http://127.0.0.1:${rpcPort}`, "--referee", server.url, "--endpoints", join(dir, "endpoints.json"), "--batch", "500", "--once"];
  const started = performance.now();
  const child = pinned ? spawn("taskset", ["-c", "1", process.execPath, ...args], { env: { ...process.env, AETHIR_KEYSTORE_PASSWORD: PASSWORD }, stdio: ["ignore", "pipe", "pipe"] }) : spawn(process.execPath, args, { env: { ...process.env, AETHIR_KEYSTORE_PASSWORD: PASSWORD }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let roundStarted: number | undefined;
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    if (roundStarted === undefined && out.includes('"checker daemon started"')) roundStarted = performance.now();
  });
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  // peak RSS of the daemon's process (taskset execs node in place: the same pid)
  let peakKb = 0;
  // and its CPU time (utime + stime, in clock ticks of 1/100 s), the measure the machine's load does not inflate
  let cpuTicks = 0;
  const sample = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
      const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
      cpuTicks = Math.max(cpuTicks, Number(stat[11]) + Number(stat[12]));
    } catch {
      // exited
    }
  }, 100);
  const code = await new Promise<number | null>((ok) => child.on("exit", ok));
  const ended = performance.now();
  clearInterval(sample);
  if (code !== 0) throw new Error(`the checker daemon exited with ${code}:\n${out.slice(-2_000)}`);
  const tally = (await (await fetch(`${server.url}/checkers/${operator}`)).json()) as { accepted: number; refused: Record<string, number> };
  const signed = out.split("\n").filter((l) => l.includes('"job checked"'));
  const fails = signed.filter((l) => l.includes('"verdict":"Fail"')).length;
  rpc.close();
  await server.close();
  await Promise.all(agents.map((a) => a.close()));
  rmSync(dir, { recursive: true, force: true });
  if (tally.accepted !== expected) throw new Error(`the referee accepted ${tally.accepted} of ${expected} results (refused ${JSON.stringify(tally.refused)})`);
  const round = (ended - (roundStarted ?? started)) / 1000;
  const whole = (ended - started) / 1000;
  const perMinute = (expected / round) * 60;
  const cpuSeconds = cpuTicks / 100;

  return `## One checker daemon (bench/checker-daemon.ts)

One \`npm run checker -- run --once\` process${pinned ? ", pinned to one core (taskset -c 1)," : ""} serves ${fmt(LICENSES)} licenses delegated to its operator: epoch 0's
committed assignment gives them ${fmt(jobs.length)} jobs (2N + 1 = 3), ${fmt(expected)} results, over ${CONTAINERS} local container agents (${WRONG} answering
the compute challenge wrongly: ${fmt(fails)} results signed Fail). Its round: licenses found over RPC (the license contract),
each license's minority-rule standing and committed jobs read from the referee with every job's Merkle proof checked
against the root on chain, each container probed once (liveness, 3 pings, a 64 x 64 matrix product checked with
Freivalds' test), every result signed (EIP-712), journaled and fsynced, then POSTed in batches of 500 to the referee,
which verifies and durably stores each. The chain (in-process EDR, through a JSON-RPC bridge), the referee and the
agents run in the bench process on the other core, with other jobs on the machine.

| Licenses | Results accepted by the referee | Round (start-up to exit) | Results per minute (round) | Whole process (keystore decryption included) | Daemon's CPU time | Results per CPU-minute | Peak RSS (VmHWM) | Load average (1 min) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| ${fmt(LICENSES)} | ${fmt(tally.accepted)} | ${round.toFixed(1)} s | **${fmt(perMinute)}** | ${whole.toFixed(1)} s (${fmt((expected / whole) * 60)}/min) | ${cpuSeconds.toFixed(1)} s (sampled every 0.1 s) | ${fmt((expected / cpuSeconds) * 60)} | ${fmt(peakKb / 1024)} MB | ${loadavg()[0].toFixed(1)} |

Goal: at least 10,000 results a minute: ${perMinute >= 10_000 ? "met" : `not met on this run: the daemon had ${((cpuSeconds / whole) * 100).toFixed(0)}% of a core over its life on a machine with a load average of ${loadavg()[0].toFixed(1)} on 2 cores; on a core of its own it would do about ${fmt((expected / cpuSeconds) * 60)} a minute (results per CPU-minute, an estimate that ignores waiting on the referee and the chain)`}.
`;
}
