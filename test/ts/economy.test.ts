// npm start's economy over processes (scripts/lib/simulate-rewards.ts with scripts/lib/checker-network.ts): on a local
// node with the real deployment and the scripted sale, three epochs checked by real container agents and checker
// daemons POSTing to the referee service. Asserted from the chain, the referee's reports (its per-checker report and
// its settled epoch reports) and the daemons' journals: the agent stopped mid-epoch yields proven Fail verdicts and a
// slash proposal; the lying checker ends in the minority and earns nothing while honest ones earn; the offline checker
// earns nothing for the epoch it missed; the daemon killed with results queued lands them once and signs nothing twice;
// what the epochs paid is what the claims contract drew from the pools.
import { expect } from "chai";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AbiCoder, Contract, JsonRpcProvider, keccak256 } from "ethers";
import { deploy, freePort, startNode, stopAndWait } from "../../scripts/lib/local-stack.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { simulateLicenses } from "../../scripts/lib/simulate-licenses.js";
import { BEHAVIOURS, FLEET_CONTAINERS, KILLED_OPERATOR, operatorOf, simulateRewards, type CheckerWork } from "../../scripts/lib/simulate-rewards.js";
import type { SignedResult } from "../../scripts/lib/check-results.js";

const LIAR = 7;
const SILENT = 9;
const FLAKY = 10;
const EQUIVOCATOR = 5;

describe("The economy over processes (agents, checker daemons, referee)", function () {
  this.timeout(1_800_000);
  const tmp = mkdtempSync(join(tmpdir(), "economy-test-"));
  let node: { url: string; child: ChildProcess };
  let provider: JsonRpcProvider;
  let manifest: Manifest;
  let work: CheckerWork;
  let tookMs = 0;
  const slashProposal = { id: 0, failed: 0, refusedForHealthy: "" };
  const contract = (name: string) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider);
  const report = (epoch: number) => work.reports.find((r) => r.epoch === epoch)!;
  const line = (epoch: number, licenseId: number) => report(epoch).licenses.find((l) => l.licenseId === licenseId);

  before(async () => {
    const rpcPort = await freePort();
    node = await startNode(rpcPort);
    await deploy(rpcPort, join(tmp, "manifest.json"));
    manifest = JSON.parse(readFileSync(join(tmp, "manifest.json"), "utf8")) as Manifest;
    provider = new JsonRpcProvider(node.url, undefined, { cacheTimeout: -1 });
    await simulateLicenses(node.url, manifest, "config/whitelist.local.csv");
    const started = Date.now();
    // anyone proposes the downtime slash from the stopped agent's proven verdicts once its epoch is settled (a
    // verdict-driven proposal must come within 30 days of the epoch, and the story moves the clock on by months)
    const afterEpoch = async (epoch: number) => {
      if (epoch !== work0.firstEpoch + 1) return;
      const slashing = contract("HostSlashing");
      const signer = await provider.getSigner(((await provider.send("eth_accounts", [])) as string[])[3]);
      // a container whose agent answered has no verdicts to slash from
      slashProposal.refusedForHealthy = await (slashing.connect(signer) as Contract).proposeFromVerdict
        .staticCall(FLEET_CONTAINERS[0], epoch)
        .then(() => "accepted", (e: { data?: string }) => slashing.interface.parseError(e.data ?? "0x")?.name ?? String(e));
      const receipt = await (await (slashing.connect(signer) as Contract).proposeFromVerdict(FLEET_CONTAINERS[1], epoch)).wait();
      const log = receipt.logs.map((l: { topics: string[]; data: string }) => slashing.interface.parseLog(l)).find((l: { name: string } | null) => l?.name === "VerdictSlashProposed");
      slashProposal.id = Number(log.args[0]);
      slashProposal.failed = Number(log.args[2]);
    };
    const work0 = { firstEpoch: Math.floor(((await provider.getBlock("latest"))!.timestamp + 12 * 3_600 - manifest.tgeTimestamp) / 86_400) + 1 };
    work = await simulateRewards(node.url, manifest, join(tmp, "rewards"), (l) => console.log(`      ${l}`), { licenses: 40, epochs: 3, afterEpoch });
    expect(work.firstEpoch).to.equal(work0.firstEpoch);
    tookMs = Date.now() - started;
    console.log(`      checker work over processes: ${Math.round(tookMs / 1000)} s`);
  });

  after(async () => {
    provider?.destroy();
    if (node) await stopAndWait(node.child);
    rmSync(tmp, { recursive: true, force: true });
  });

  it("ran every operator's daemon and every container's agent as a process, each with a JSON log", () => {
    const names = Object.keys(work.network.operators).sort();
    expect(names).to.deep.equal(["flaky", "honest-1", "honest-2", "honest-3", "liar", "silent"]);
    // the honest daemons each serve many licenses; each license is delegated to the operator its behaviour names
    for (const n of ["honest-1", "honest-2", "honest-3"]) expect(work.network.operators[n].licenses.length, n).to.be.greaterThan(5);
    for (const [name, d] of Object.entries(work.network.operators)) for (const l of d.licenses) expect(operatorOf(l), `license ${l}`).to.equal(name);
    const logs = readdirSync(join(work.network.dir, "logs"));
    expect(logs.filter((f) => f.startsWith("checker-")).length).to.equal(names.length);
    expect(logs.filter((f) => f.startsWith("agent-")).length).to.equal(Object.keys(work.network.agents).length);
    for (const f of logs) {
      const lines = readFileSync(join(work.network.dir, "logs", f), "utf8").trim().split("\n").filter(Boolean);
      expect(lines.length, f).to.be.greaterThan(0);
      for (const l of lines) expect(() => JSON.parse(l), `${f}: ${l}`).not.to.throw();
    }
    // the daemon's first line says who it signs as
    const first = JSON.parse(readFileSync(work.network.operators["honest-1"].log, "utf8").split("\n")[0]) as { msg: string; operator: string };
    expect(first.msg).to.equal("checker daemon started");
    expect(first.operator.toLowerCase()).to.equal(work.network.operators["honest-1"].address);
  });

  it("the agent stopped mid-epoch: its jobs are proven Fail on chain and a slash is proposed from those verdicts", async () => {
    const epoch = work.firstEpoch + 1;
    expect(work.down[epoch]).to.deep.equal([FLEET_CONTAINERS[1]]);
    const referee = contract("CheckerReferee");
    const slashing = contract("HostSlashing");
    const k = Number(await slashing.minFailedJobs());
    // the settlement's majority over what the daemons measured: every job of the stopped agent failed, the others passed
    for (const j of report(epoch).jobs) {
      // null: no 3-of-5 majority (the committed seed may put the liar and both offline operators on one job)
      if (j.container.toLowerCase() === FLEET_CONTAINERS[1]) expect([null, "Fail"], `job ${j.job}`).to.include(j.verdict);
      else if (FLEET_CONTAINERS.includes(j.container.toLowerCase())) expect([null, "Pass"], `job ${j.job}`).to.include(j.verdict);
    }
    expect(Number(await referee.failedJobs(FLEET_CONTAINERS[1], epoch))).to.equal(k);
    for (const j of report(epoch).jobs.filter((x) => x.container.toLowerCase() === FLEET_CONTAINERS[1])) {
      const v = Number(await referee.verdictOf(epoch, j.job));
      expect([0, 2], `job ${j.job}`).to.include(v); // unproven (beyond k) or proven Fail, never Pass
    }
    // the epochs before and after: its agent answered, nothing failed
    for (const e of [work.firstEpoch, work.firstEpoch + 2]) expect(Number(await referee.failedJobs(FLEET_CONTAINERS[1], e)), `epoch ${e}`).to.equal(0);
    // the slash proposed from those verdicts (in afterEpoch, within the 30 days a verdict can be used)
    expect(slashProposal.id).to.be.greaterThan(0);
    expect(slashProposal.failed).to.equal(k);
    expect(Number(await slashing.verdictProposal(keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "uint64"], [FLEET_CONTAINERS[1], epoch]))))).to.equal(slashProposal.id);
    expect(slashProposal.refusedForHealthy).to.equal("NotEnoughFailedJobs");
  });

  it("the lying checker ends in the minority and earns nothing, while honest checkers earn", () => {
    for (const epoch of [work.firstEpoch + 1, work.firstEpoch + 2]) {
      const liar = line(epoch, LIAR);
      if (!liar) continue; // no job this epoch
      // in the minority on every job that had a majority (a job without one counts for nobody)
      expect(liar.minority, `epoch ${epoch}`).to.be.greaterThan(0);
      expect(liar.correct).to.equal(0);
      expect(liar.earned).to.equal("0");
      const honest = report(epoch).licenses.filter((l) => operatorOf(l.licenseId).startsWith("honest") && Number(l.licenseId) !== EQUIVOCATOR && l.assigned > 0);
      expect(honest.length).to.be.greaterThan(0);
      for (const l of honest) expect(BigInt(l.earned), `license ${l.licenseId} epoch ${epoch}`).to.be.greaterThan(0n);
    }
    // its minority results stopped its earnings by the referee's minority rule
    expect(report(work.firstEpoch + 1).newlyStopped).to.include(LIAR);
    // in the warm-up epoch it still signed what it measured, and earned
    expect(BigInt(line(work.firstEpoch, LIAR)?.earned ?? "1")).to.be.greaterThan(0n);
    // the referee took the liar's results (valid signatures of wrong verdicts): the majority, not the intake, rejects them
    expect(work.network.tallies[work.firstEpoch + 1].liar.accepted).to.be.greaterThan(0);
  });

  it("the offline checkers earn nothing for the epochs they missed, and the flaky one earns again once back", () => {
    const second = work.firstEpoch + 1;
    expect(work.network.offline[second]).to.include.members(["silent", "flaky"]);
    expect(work.network.offline[second + 1]).to.include("silent");
    expect(work.network.offline[second + 1]).not.to.include("flaky");
    for (const [licenseId, epochs] of [[SILENT, [second, second + 1]], [FLAKY, [second]]] as const) {
      for (const e of epochs) {
        const l = line(e, licenseId);
        if (!l) continue;
        // it signed nothing: no job with the majority, none in the minority, nothing earned
        expect([l.correct, l.minority, l.earned], `license ${licenseId} epoch ${e}`).to.deep.equal([0, 0, "0"]);
        expect(l.missed, `license ${licenseId} epoch ${e}`).to.be.greaterThan(0);
        expect(work.network.tallies[e][operatorOf(licenseId)].accepted).to.equal(0);
      }
    }
    const back = line(second + 1, FLAKY);
    if (back && back.assigned > 0) expect(BigInt(back.earned)).to.be.greaterThan(0n);
    expect(BigInt(line(work.firstEpoch, SILENT)?.earned ?? "1")).to.be.greaterThan(0n);
  });

  it("the equivocating operator's second verdicts are caught and license 5 is banned on chain", async () => {
    const second = work.firstEpoch + 1;
    expect(report(second).equivocations.map((e) => e.licenseId)).to.include(EQUIVOCATOR);
    expect(line(second, EQUIVOCATOR)!.earned).to.equal("0");
    expect(BigInt(await contract("CheckerLicense").bannedUntil(EQUIVOCATOR))).to.be.greaterThan(0n);
    expect(new Set(work.reports.flatMap((r) => r.equivocations.map((e) => e.licenseId)))).to.deep.equal(new Set([EQUIVOCATOR]));
    expect(BEHAVIOURS[EQUIVOCATOR]).to.equal("equivocating");
  });

  it("the daemon killed with its results queued on disk lands them once after its restart and signs nothing again", () => {
    const epoch = work.firstEpoch + 1;
    const d = work.network.operators[KILLED_OPERATOR];
    const verdicts = readFileSync(join(d.data, "journal.jsonl"), "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { t: string; key: string; signed: SignedResult })
      .filter((l) => l.t === "verdict");
    // one signature per job and license, ever (a second one would be an equivocation)
    expect(new Set(verdicts.map((v) => v.key)).size).to.equal(verdicts.length);
    const mine = verdicts.filter((v) => v.key.startsWith(`${epoch}/`));
    expect(mine.length).to.be.greaterThan(0);
    // the referee stored each once, with the verdict journaled before the kill
    const stored = readFileSync(join(work.outDir, `epoch-${epoch}`, "results", "http.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { result: { job: number; licenseId: string; verdict: number } });
    for (const v of mine) {
      const same = stored.filter((s) => s.result.job === Number(v.signed.result.job) && s.result.licenseId === String(v.signed.result.licenseId));
      expect(same.map((s) => s.result.verdict), v.key).to.deep.equal([Number(v.signed.result.verdict)]);
    }
    const tally = work.network.tallies[epoch][KILLED_OPERATOR];
    expect(tally.accepted).to.equal(mine.length);
    expect(tally.equivocations).to.equal(0);
    // its licenses earned for the epoch (its results counted)
    for (const l of d.licenses) {
      const got = line(epoch, l);
      if (got && got.assigned > 0) expect([got.missed, got.minority, got.correct > 0], `license ${l}`).to.deep.equal([0, 0, true]);
    }
    // the log says it was killed and restarted: two "started" lines, the second with its queue
    const started = readFileSync(d.log, "utf8").split("\n").filter((l) => l.includes('"checker daemon started"')).map((l) => JSON.parse(l) as { queued: number });
    expect(started.length).to.equal(2);
    expect(started[1].queued).to.equal(mine.length);
  });

  it("what the epochs paid is what the claims contract drew from the checker pools", async () => {
    const claims = contract("RewardClaims");
    const paid = work.reports.reduce((s, r) => s + BigInt(r.basePaid) + BigInt(r.bonus?.paid ?? "0"), 0n);
    const [, cumulative] = await contract("CheckerReferee").roots(work.lastEpoch);
    expect(BigInt(cumulative)).to.equal(paid);
    expect(BigInt(await claims.funded())).to.equal(paid);
    const drawnBy = async (address: string) => BigInt(await new Contract(address, ["function drawn() view returns (uint256)"], provider).drawn());
    const drawn = (await drawnBy(await claims.basePool())) + (await drawnBy(await claims.bonusPool()));
    expect(drawn).to.equal(paid);
    expect(existsSync(join(work.outDir, `epoch-${work.lastEpoch}.proofs.json`))).to.equal(true);
  });
});
