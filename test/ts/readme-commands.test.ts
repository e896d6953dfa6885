// Every command the README shows is run, or listed here with the reason it is not. The test extracts each line of
// every ```sh block and every inline `npm run …`, starts the stack the way a reader does (`npm start` itself, as a
// child process, small: --licenses 12 --epochs 3; --ready-file hands over its card as JSON), substitutes the README's
// placeholders with the card's values, and runs each command from an evm_snapshot of the started chain, reverting
// after each, so that none depends on another's leftovers (a command that needs another first, the README's
// delegation of the licenses its `buy` just bought, names it in PREREQUISITES). Each must exit 0 (or, if listed in
// EXPECTED_FAILURES, print its sentence and exit non-zero) and print no stack trace. At the end npm start is stopped
// by its PID and its temp folder must be gone.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Contract, encodeBytes32String, JsonRpcProvider } from "ethers";
import { ACTORS } from "../../scripts/lib/actors.js";
import type { Manifest } from "../../scripts/lib/manifest.js";

const ROOT = resolve(import.meta.dirname, "../..");

/** README commands this test does not run, and why (matched against the command's start). */
const NOT_RUN: [RegExp, string][] = [
  [/^npm ci && npm start/, "installs the dependencies (CI's first step); npm start itself is what this test starts"],
  [/^npm test/, "the unit half of the tests; CI runs it beside this one"],
  [/^npm run test:e2e/, "this test is part of it"],
  [/^npm run bench/, "CI runs the gas benchmark on its own (minutes of compilation and transactions)"],
  [/^npm run coverage/, "CI runs coverage on its own (an instrumented rebuild of every contract)"],
  [/^npm run lint|^npm run typecheck/, ".ci/run runs them before the tests"],
  [/^npm run deploy -- --network (<|arbitrum)/, "deploys to public networks (Arbitrum), which need keys and funds; npm start runs the same deploy script locally"],
  [/^npm run referee -- commit\|/, "a synopsis of the referee's subcommands, not one command; npm start's simulation and test/ts/referee-service.test.ts run each"],
  [/^npm run checker -- (init|run|status) /, "the checker node's commands (init asks for a password; run is a daemon until stopped): test/ts/checker.test.ts runs init, run and status as processes against a local node, indexer and referee"],
  [/^npm run container -- run /, "a daemon until stopped: test/ts/checker.test.ts runs container agents, healthy and with each fault flag"],
  [/^cd ponder|^DATABASE_URL=\$PG /, "the production PostgreSQL recipe; test/ts/indexer-production.test.ts runs exactly it against a real server"],
];

/** Commands the README shows failing, and the sentence each must print. */
const EXPECTED_FAILURES: [RegExp, string][] = [];

/** What the README says a command prints (a part of its output; `{16}` is account 16's address). */
const EXPECTED_OUTPUT: [RegExp, string[]][] = [
  [/ accounts --rpc/, ["KYC'd (NL) account with ETH and nothing bought"]],
  [/ accounts --keys /, ["private keys (Hardhat's public test accounts", "  18  0x"]],
  [/ status --account 10 --proofs /, ["licenses   4", "#5  operator", "banned until", "claimable ", "withdrawable now", "KYC        DE"]],
  [/ buy --quantity 3 --code AETHIR --account 18 /, ["bought licenses 1010..1012 for 0.29925 ETH"]],
  [/ delegate --ids 1010-1012 /, ["delegated 3 license(s) to {16} until"]],
  [/ licenses --owner /, ["#1 ", "#2 ", "#4 ", "#5 "]],
  [/ claim --proofs .* --option 30 --account 10 /, ["fee 5 ATH to the treasury", "unlocks", "(in 30 days)", "to the reward pool"]],
  [/ withdraw --account 10 /, ["from entries 0 "]],
  [/ provider --address /, ["Enterprise: ", "points", "Edge + "]],
  [/ push-host-rewards /, ["synced ComputeRewards to epoch 4's root", "into 0xcAb9f842d2Ad0C3Bdb9D39eCAa77f6d6EF587690's reward stream"]],
  [/ claim-edge /, ["of Edge rewards"]],
];

/** A command that needs another README command run first in the same snapshot. */
const PREREQUISITES: [RegExp, RegExp][] = [[/^npm run cli -- delegate --ids 1010-1012 /, /^npm run cli -- buy --quantity 3 /]];

/** The commands of the README: each line of the sh blocks (continuations joined), and the inline `npm run …`. */
export function readmeCommands(readme: string): string[] {
  const commands: string[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1].replace(/\\\n\s*/g, " ").split("\n");
    for (const raw of lines) {
      const line = raw.replace(/\s+#\s.*$/, "").trim();
      if (line !== "" && !line.startsWith("#")) commands.push(line);
    }
  }
  const outside = readme.replace(/```[\s\S]*?```/g, "");
  for (const m of outside.matchAll(/`(npm run [^`]+)`/g)) commands.push(m[1].replace(/\s+/g, " ").trim());
  return [...new Set(commands)];
}

interface Ready {
  pid: number;
  rpcUrl: string;
  manifest: string;
  work: string;
  refereeDir: string;
  lastEpoch: number;
  apiUrl: string;
  webUrl: string;
  accounts: { index: number; address: string; role: string }[];
}

const port = (url: string) => new URL(url).port;

/** The README's placeholders, as npm start's card fills them. `0x...` is the address the flag before it names. */
function substitute(command: string, r: Ready): string {
  const address = (i: number) => r.accounts[i].address;
  return command
    .replaceAll("<port>", port(r.rpcUrl))
    .replaceAll("<api port>", port(r.apiUrl))
    .replaceAll("<printed manifest>", r.manifest)
    .replaceAll("<dir>", r.work)
    .replaceAll("--rpc ...", `--rpc ${r.rpcUrl}`)
    .replaceAll("--manifest ...", `--manifest ${r.manifest}`)
    .replace(/--operator 0x\.\.\./g, `--operator ${address(16)}`)
    .replace(/--(owner|address|account-address) 0x\.\.\./g, (_, flag) => `--${flag} ${address(10)}`);
}

function sh(command: string, timeoutMs = 180_000) {
  const env = { ...process.env, AETHIR_PRIVATE_KEY: "" };
  const r = spawnSync("bash", ["-c", command], { cwd: ROOT, encoding: "utf8", env, timeout: timeoutMs });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr };
}

describe("the README's commands", function () {
  this.timeout(30 * 60_000);
  const commands = readmeCommands(readFileSync(join(ROOT, "README.md"), "utf8"));
  const skipped = (c: string) => NOT_RUN.find(([re]) => re.test(c));
  const runnable = commands.filter((c) => !skipped(c));
  let dir: string;
  let child: ChildProcess;
  let ready: Ready;
  let provider: JsonRpcProvider;
  let output = "";
  const started = Date.now();

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), "aethir-readme-"));
    const readyFile = join(dir, "ready.json");
    // npm test has just built the contracts (hence --no-compile); a reader's npm start builds them itself
    child = spawn("npm", ["start", "--", "--no-compile", "--licenses", "12", "--epochs", "3", "--ready-file", readyFile], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (d: Buffer) => (output = (output + d.toString()).slice(-30_000));
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    const until = Date.now() + 25 * 60_000;
    while (!existsSync(readyFile)) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}) before its card:\n${output}`);
      if (Date.now() > until) throw new Error(`npm start printed no card in 25 minutes:\n${output}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    ready = JSON.parse(readFileSync(readyFile, "utf8")) as Ready;
    provider = new JsonRpcProvider(ready.rpcUrl, undefined, { cacheTimeout: -1 });
    console.log(`      npm start was up in ${Math.round((Date.now() - started) / 1000)} s`);
  });

  after(async function () {
    provider?.destroy();
    if (ready !== undefined) {
      // npm start's own PID: it stops the node and the indexer and removes its temp folder on SIGTERM, as on Ctrl-C
      const exited = new Promise<void>((ok) => (child.exitCode !== null ? ok() : child.once("exit", () => ok())));
      process.kill(ready.pid, "SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 60_000)))]);
      clearTimeout(timer);
      assert.notEqual(child.exitCode, null, `npm start did not exit within a minute of SIGTERM:\n${output}`);
      assert.equal(existsSync(ready.work), false, `npm start left its temp folder ${ready.work}`);
    } else if (child?.pid !== undefined && child.exitCode === null) child.kill("SIGTERM");
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    console.log(`      the README's commands took ${Math.round((Date.now() - started) / 1000)} s in all`);
  });

  it("finds the README's commands, and each is run here or listed with the reason it is not", () => {
    assert.ok(commands.some((c) => c.startsWith("npm run cli -- buy ")), `no CLI example found in:\n${commands.join("\n")}`);
    assert.ok(runnable.length >= 8, `only ${runnable.length} runnable commands:\n${runnable.join("\n")}`);
    for (const [re, why] of NOT_RUN) assert.ok(commands.some((c) => re.test(c)), `NOT_RUN lists ${re} (${why}), which the README no longer shows`);
  });

  it("the card lists every account's role as scripts/lib/actors.ts does", () => {
    assert.equal(ready.accounts.length, 20);
    assert.equal(ACTORS.at(-1)![0], "19");
    assert.ok(ready.accounts.every((a) => a.role !== ""), "every account has a role");
  });

  for (const command of commands.filter((c) => !skipped(c))) {
    it(`runs: ${command}`, async () => {
      const cmd = substitute(command, ready);
      assert.doesNotMatch(cmd, /<[a-z ]+>|0x\.\.\.|\s\.\.\.(\s|$)/, `a placeholder left in ${cmd}`);
      const snapshot = await provider.send("evm_snapshot", []);
      try {
        for (const [re, first] of PREREQUISITES)
          if (re.test(command)) {
            const before = commands.find((c) => first.test(c));
            assert.ok(before, `the prerequisite ${first} is not in the README`);
            const r = sh(substitute(before, ready));
            assert.equal(r.status, 0, `prerequisite ${before}:\n${r.out}`);
          }
        const r = sh(cmd);
        assert.doesNotMatch(r.out, /^\s+at /m, `a stack trace from ${cmd}:\n${r.out}`);
        const failure = EXPECTED_FAILURES.find(([re]) => re.test(command));
        if (failure) {
          assert.notEqual(r.status, 0, `${cmd} was expected to fail:\n${r.out}`);
          assert.ok(r.out.includes(failure[1]), `expected ${JSON.stringify(failure[1])} from ${cmd}:\n${r.out}`);
        } else assert.equal(r.status, 0, `${cmd} exited ${r.status}:\n${r.out}`);
        for (const [re, parts] of EXPECTED_OUTPUT)
          if (re.test(command))
            for (const part of parts) {
              const text = part.replace("{16}", ready.accounts[16].address);
              assert.ok(r.stdout.includes(text), `expected ${JSON.stringify(text)} from ${cmd}:\n${r.out}`);
            }
        // --json: the whole of stdout is one JSON document (npm run -s prints no banner)
        if (/\s--json(\s|$)/.test(cmd)) assert.doesNotThrow(() => JSON.parse(r.stdout), `stdout of ${cmd} is not JSON:\n${r.stdout}`);
      } finally {
        await provider.send("evm_revert", [snapshot]);
      }
    });
  }

  it("serves the web app at the card's URL, with the deployment it runs against", async () => {
    const page = await fetch(ready.webUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root"><\/div>/);
    const deployment = (await (await fetch(new URL("deployment.json", ready.webUrl))).json()) as { chainId: number; rpcUrl: string; apiUrl: string; contracts: Record<string, { address: string }> };
    const manifest = JSON.parse(readFileSync(ready.manifest, "utf8")) as Manifest;
    assert.equal(deployment.chainId, manifest.chainId);
    assert.equal(deployment.rpcUrl, ready.rpcUrl);
    assert.equal(deployment.apiUrl, ready.apiUrl);
    assert.equal(deployment.contracts.AethirToken.address, manifest.contracts.AethirToken.address);
  });

  it("status --json reports account 10's claimable rewards as the proofs' leaf minus what RewardClaims recorded", async () => {
    const proofs = join(ready.refereeDir, `epoch-${ready.lastEpoch}.proofs.json`);
    const r = sh(`npx tsx scripts/cli.ts status --account 10 --proofs ${proofs} --json --rpc ${ready.rpcUrl} --manifest ${ready.manifest}`);
    assert.equal(r.status, 0, r.out);
    const s = JSON.parse(r.stdout) as { address: string; checkerRewards: { claimable: string; claimed: string; cumulative: string; synced: boolean }; vesting: { unlockAt: number; withdrawable: boolean }[] };
    assert.equal(s.address, ready.accounts[10].address);
    const manifest = JSON.parse(readFileSync(ready.manifest, "utf8")) as Manifest;
    const claims = new Contract(manifest.contracts.RewardClaims.address, manifest.contracts.RewardClaims.abi as never, provider);
    const leaf = BigInt((JSON.parse(readFileSync(proofs, "utf8")) as { claims: Record<string, { amount: string }> }).claims[s.address.toLowerCase()].amount);
    const claimed = (await claims.claimed(s.address)) as bigint;
    assert.equal(BigInt(s.checkerRewards.cumulative), leaf);
    assert.equal(BigInt(s.checkerRewards.claimed), claimed);
    assert.equal(BigInt(s.checkerRewards.claimable), leaf - claimed);
    assert.ok(leaf - claimed > 0n, "account 10 has unclaimed rewards on npm start's chain");
    assert.equal(s.checkerRewards.synced, true);
    assert.ok(s.vesting.length > 0 && typeof s.vesting[0].unlockAt === "number");
  });

  it("accounts --json lists 20 accounts with their roles and balances as wei strings", () => {
    const r = sh(`npx tsx scripts/cli.ts accounts --json --rpc ${ready.rpcUrl} --manifest ${ready.manifest}`);
    assert.equal(r.status, 0, r.out);
    const list = JSON.parse(r.stdout) as { index: number; address: string; role: string; ath: string; eth: string; licenses: string }[];
    assert.deepEqual(list.map((a) => a.address), ready.accounts.map((a) => a.address));
    assert.ok(list.every((a) => /^\d+$/.test(a.ath) && /^\d+$/.test(a.eth) && /^\d+$/.test(a.licenses)));
    assert.equal(list[18].licenses, "0");
    assert.ok(BigInt(list[10].licenses) > 0n);
  });

  it("licenses --json and referral-status --json print JSON only: ids and wei as strings, times as Unix seconds", () => {
    const held = sh(`npx tsx scripts/cli.ts licenses --owner ${ready.accounts[10].address} --api ${ready.apiUrl} --json`);
    assert.equal(held.status, 0, held.out);
    const licenses = JSON.parse(held.stdout) as { id: string; operatorExpires: number; bannedUntil: number }[];
    assert.deepEqual(licenses.map((l) => l.id), ["1", "2", "4", "5"]);
    assert.ok(licenses.every((l) => Number.isInteger(l.operatorExpires) && Number.isInteger(l.bannedUntil)));
    const referral = sh(`npx tsx scripts/cli.ts referral-status --account 14 --json --rpc ${ready.rpcUrl} --manifest ${ready.manifest}`);
    assert.equal(referral.status, 0, referral.out);
    const r = JSON.parse(referral.stdout) as { code: string; earned: string; capPerCode: string; nextUnlockAt: number };
    assert.equal(r.code, encodeBytes32String("AETHIR"));
    assert.ok(BigInt(r.earned) > 0n && /^\d+$/.test(r.capPerCode) && typeof r.nextUnlockAt === "number");
  });
});
