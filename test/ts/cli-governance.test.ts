// Holder governance through `npm run cli` as a real process (issue 16) against a real `hardhat node` with the real
// deploy: a holder delegates, proposes a DISTRIBUTOR_ROLE grant, votes with a reason, shows it in words, queues it, and
// the guardian vetoes it in the timelock; a second proposal passes and executes. The bad inputs (voting twice,
// executing before the delay, a non-guardian vetoing) come back as one sentence, exit 1, no stack trace. It starts a
// node, so it is in the E2E half (scripts/test-suite.mjs).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ChildProcess } from "node:child_process";
import { Contract, JsonRpcProvider, JsonRpcSigner, getAddress } from "ethers";
import { deploy, freePort, startNode, stopAndWait } from "../../scripts/lib/local-stack.js";
import type { Manifest } from "../../scripts/lib/manifest.js";

const ROOT = resolve(import.meta.dirname, "../..");
/** How the CLI's sentences write an address. */
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

describe("npm run cli: holder governance against a node", function () {
  this.timeout(600_000);
  let node: { url: string; child: ChildProcess } | undefined;
  let dir: string;
  let manifestPath: string;
  let manifest: Manifest;
  let provider: JsonRpcProvider;
  let accounts: string[];
  const at = (name: string) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider);

  /** Runs the CLI as a child process; never a stack trace. */
  function cli(...args: string[]) {
    const r = spawnSync("npx", ["tsx", "scripts/cli.ts", ...args, "--rpc", node!.url, "--manifest", manifestPath], { cwd: ROOT, encoding: "utf8", env: { ...process.env, AETHIR_PRIVATE_KEY: "" } });
    const out = r.stdout + r.stderr;
    assert.doesNotMatch(out, /^\s+at /m, `a stack trace:\n${out}`);
    return { status: r.status, out };
  }
  const ok = (...args: string[]) => {
    const r = cli(...args);
    assert.equal(r.status, 0, r.out);
    return r.out;
  };
  const refused = (...args: string[]) => {
    const r = cli(...args);
    assert.equal(r.status, 1, r.out);
    return r.out.trim();
  };
  const advance = async (seconds: number) => {
    await provider.send("evm_increaseTime", [seconds]);
    await provider.send("evm_mine", []);
  };
  const file = (name: string, p: { targets: string[]; calldatas: string[]; description: string }) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify({ ...p, values: p.targets.map(() => "0") }));
    return path;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "aethir-cli-gov-"));
    manifestPath = join(dir, "manifest.json");
    const port = await freePort();
    node = await startNode(port);
    await deploy(port, manifestPath);
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    provider = new JsonRpcProvider(node.url, undefined, { cacheTimeout: -1 });
    accounts = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
    // setup outside the CLI (it has no transfer command, and a fresh deploy leaves every ATH in the genesis buckets,
    // which do not vote): a bucket (impersonated on the node) gives account 3 twice the proposal threshold, so that
    // account 3 alone holds most of the voting supply and passes the quorum
    const token = at("AethirToken");
    const threshold: bigint = await at("AethirGovernor").proposalThreshold();
    const amount = threshold * 2n;
    let bucket: string | undefined;
    for (const c of Object.values(manifest.contracts)) if (((await token.balanceOf(c.address)) as bigint) >= amount) { bucket = c.address; break; }
    assert.ok(bucket, "a genesis bucket holding ATH");
    await provider.send("hardhat_impersonateAccount", [bucket]);
    await provider.send("hardhat_setBalance", [bucket, "0xDE0B6B3A7640000"]);
    await (await (token.connect(new JsonRpcSigner(provider, bucket)) as Contract).transfer(accounts[3], amount)).wait();
    await provider.send("hardhat_stopImpersonatingAccount", [bucket]);
  });

  after(async () => {
    if (node) await stopAndWait(node.child);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("delegates, proposes a DISTRIBUTOR_ROLE grant, votes with a reason, shows it in words, queues it, and the guardian vetoes it", async () => {
    const governor = at("AethirGovernor");
    const pool = at("CheckerBaseRewardPool");
    const role: string = await pool.DISTRIBUTOR_ROLE();
    const drainer = accounts[17];

    assert.match(ok("delegate-votes", "--to", accounts[3], "--account", "3"), new RegExp(`ATH and stATH votes delegated to ${accounts[3]}, who now has [\\d,]+ ATH of votes`));
    assert.ok(((await at("AethirToken").getVotes(accounts[3])) as bigint) > 0n);

    const grant = file("grant.json", {
      targets: [manifest.contracts.CheckerBaseRewardPool.address],
      calldatas: [pool.interface.encodeFunctionData("grantRole", [role, drainer])],
      description: "Make account 17 a distributor of the checker base reward pool\n\nIt could then draw the pool.",
    });
    const shown = ok("proposal-show", "--proposal", grant);
    assert.ok(shown.includes(`call 1: CheckerBaseRewardPool.grantRole(role: DISTRIBUTOR_ROLE, account: ${drainer})`), shown);
    assert.match(shown, /proposal \d+: not proposed yet/);

    const proposed = ok("propose", "--proposal", grant, "--account", "3");
    const pid = BigInt(/proposal (\d+): voting from /.exec(proposed)![1]);
    assert.equal(await governor.state(pid), 0n); // Pending
    assert.match(refused("vote", "--proposal", grant, "--support", "for", "--account", "3"), new RegExp(`^GovernorUnexpectedProposalState: proposal ${pid} is Pending, not active; wait for the right stage or check the proposal$`));

    await advance(Number(await governor.votingDelay()) + 1);
    const voted = ok("vote", "--proposal", grant, "--support", "for", "--reason", "the pool needs a second distributor", "--account", "3");
    const weight = (await governor.proposalVotes(pid))[1] as bigint;
    assert.ok(weight > 0n);
    assert.ok(voted.includes(`voted for on proposal ${pid} with `), voted);
    assert.equal(refused("vote", "--proposal", grant, "--support", "against", "--account", "3"), `GovernorAlreadyCastVote: ${short(accounts[3])} has already voted on this proposal; a vote can't be changed`);
    assert.match(ok("proposal-show", "--proposal", grant), new RegExp(`proposal ${pid}: Active`));

    await advance(Number(await governor.votingPeriod()) + 1);
    assert.match(ok("proposal-show", "--proposal", grant), new RegExp(`proposal ${pid}: Succeeded`));
    assert.match(ok("queue", "--proposal", grant, "--account", "3"), /^queued: executable from /);
    assert.equal(await governor.state(pid), 5n); // Queued
    // executing before the timelock delay: the timelock refuses, in words
    assert.match(refused("execute", "--proposal", grant, "--account", "3"), /^TimelockUnexpectedOperationState: timelock operation 0x[0-9a-f]{64} is not in the expected state \(.+\); schedule it, wait for its delay, or check it was not executed already$/);
    // a holder who is not the guardian cannot veto
    assert.equal(refused("proposal-veto", "--proposal", grant, "--account", "4"), `GovernorUnableToCancel: ${short(accounts[4])} may not cancel proposal ${pid}: only the guardian (at any stage) or its proposer (while pending) can`);
    assert.match(ok("proposal-veto", "--proposal", grant, "--account", "1"), /^vetoed \(0x[0-9a-f]{64}\)/);
    assert.equal(await governor.state(pid), 2n); // Canceled
    assert.match(ok("proposal-show", "--proposal", grant), new RegExp(`proposal ${pid}: Canceled`));
    assert.equal(await pool.hasRole(role, drainer), false);
    // even after the delay, the vetoed grant cannot execute
    await advance(Number(await at("Timelock").getMinDelay()) + 1);
    assert.match(refused("execute", "--proposal", grant, "--account", "3"), new RegExp(`^GovernorUnexpectedProposalState: proposal ${pid} is Canceled, not `));
    assert.equal(await pool.hasRole(role, drainer), false);
  });

  it("a second proposal passes, waits in the timelock and executes", async () => {
    const governor = at("AethirGovernor");
    const referee = at("CheckerReferee");
    const before: bigint = await referee.challengeWindow();
    const window = file("window.json", {
      targets: [manifest.contracts.CheckerReferee.address],
      calldatas: [referee.interface.encodeFunctionData("setChallengeWindow", [before * 2n])],
      description: "Double the referee's challenge window",
    });
    assert.ok(ok("proposal-show", "--proposal", window).includes(`call 1: CheckerReferee.setChallengeWindow(`), "decoded");
    const pid = BigInt(/proposal (\d+): voting from /.exec(ok("propose", "--proposal", window, "--account", "3"))![1]);
    await advance(Number(await governor.votingDelay()) + 1);
    ok("vote", "--proposal", window, "--support", "for", "--account", "3");
    await advance(Number(await governor.votingPeriod()) + 1);
    ok("queue", "--proposal", window, "--account", "3");
    await advance(Number(await at("Timelock").getMinDelay()) + 1);
    assert.match(ok("execute", "--proposal", window, "--account", "3"), /^executed \(0x[0-9a-f]{64}\)/);
    assert.equal(await governor.state(pid), 7n); // Executed
    assert.equal(await referee.challengeWindow(), before * 2n);
    assert.match(ok("proposal-show", "--proposal", window), new RegExp(`proposal ${pid}: Executed`));
  });
});
