// Compute-provider rewards in a real deployment (issue 15), in process: the stack deployed by the deploy script's own
// code (ComputeRewards wired as the Edge and Enterprise/IDC pools' and HostStaking's distributor, HostStaking no
// longer the Enterprise pool's), then the referee service's real epochs: an Enterprise host with an A100 and two
// RTX 4090s (one of them down: a Fail majority), two Edge devices' owners; the compute root is posted, waits out its
// challenge window, is synced; pushHostRewards moves exactly the host leaf's increase into its stream once, claimEdge
// pays each Edge owner its leaf once. Then an independent recomputation, from the chain (assignment root, proven Fail
// jobs, coefficients, classes, pools) and the referee's published signed results, of every container's points and
// payout, compared to the wei with the report, the tree and the chain.
import { expect } from "chai";
import { artifacts, network } from "hardhat";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, Signature, Wallet, encodeBytes32String, id, parseEther, verifyTypedData, type Signer } from "ethers";
import { CHECK_RESULT_TYPES, refereeDomain, type JobLeaf, type SignedResult } from "../../scripts/lib/check-results.js";
import { attestAccounts, countryCode } from "../../scripts/lib/compliance.js";
import { deployGenesis } from "../../scripts/lib/genesis.js";
import { deployLicensing } from "../../scripts/lib/licensing.js";
import { buildManifest, type Manifest } from "../../scripts/lib/manifest.js";
import { readRawParams, resolveParams } from "../../scripts/lib/params.js";
import { deployRewards } from "../../scripts/lib/rewards.js";
import { deploySlashing, deployStaking } from "../../scripts/lib/staking.js";
import { DAY } from "../../scripts/lib/tokenomics.js";
import { cutoffOf } from "../../scripts/referee/assignment.js";
import type { ComputeProofsFile, ComputeReport } from "../../scripts/referee/compute-rewards.js";
import { EMPTY_COMPUTE_ROOT } from "../../scripts/referee/compute-service.js";
import { startRefereeServer } from "../../scripts/referee/server.js";
import { commitSeed, loadAssignment, prepareEpoch, runEpoch, writeEpochResults } from "../../scripts/referee/service.js";
import { simulateResults, type SimLicense } from "../../scripts/referee/simulator.js";
import { freePort } from "../../scripts/lib/local-stack.js";
import * as payments from "../../scripts/ops/compute-payments.js";

const ATH = (x: string) => parseEther(x);
const A100 = 2;
const RTX4090 = 3;
const EDGE = 4;
const LICENSES = 10;

/** The deploy script's sequence (scripts/deploy.ts) on a fresh in-process chain, with the "default" parameters. */
async function deployAll() {
  const connection = await network.create();
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const deployer = signers[0];
  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params, () => {}, { keepPoolAdmin: true });
  const governance = { timelock: genesis.contracts.Timelock.address, guardian: params.guardian };
  const licensing = await deployLicensing(ethers, deployer, params.licensing, { tgeTimestamp: genesis.tgeTimestamp, ...governance }, () => {}, { keepLicenseAdmin: true });
  const base = { ...genesis.contracts, ...licensing.contracts };
  const staking = await deployStaking(ethers, deployer, params.staking, { ...governance, contracts: base });
  const rewards = await deployRewards(ethers, deployer, params.rewards, { tgeTimestamp: genesis.tgeTimestamp, ...governance, contracts: { ...base, ...staking } });
  const slashing = await deploySlashing(ethers, deployer, params.staking, { ...governance, contracts: { ...staking, ...rewards } });
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const manifest = await buildManifest(
    { network: "default", chainId, deployer: deployer.address },
    genesis,
    { ...licensing, contracts: { ...licensing.contracts, ...rewards, ...staking, ...slashing } },
    async (a) => (await artifacts.readArtifact(a)).abi as unknown[],
  );
  return { ethers, networkHelpers, signers, params, manifest };
}

type World = Awaited<ReturnType<typeof setup>>;

async function setup() {
  const d = await deployAll();
  const { ethers, networkHelpers, signers, manifest, params } = d;
  const at = (name: string, s: Signer = signers[0]) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);
  const provider = ethers.provider;
  const now = async () => (await provider.getBlock("latest"))!.timestamp;
  const setTime = async (t: number) => {
    if ((await now()) < t) await networkHelpers.time.increaseTo(t);
  };
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await p).wait();
  const tge = manifest.tgeTimestamp;
  const start = (e: number) => tge + e * DAY;
  const kycSigner = signers[7];
  const referee = signers[9];
  const [owner, host, edgeA, edgeB, anyone] = [signers[11], signers[12], signers[13], signers[14], signers[15]];
  const compliance = at("ComplianceRegistry", kycSigner);
  // the host is deliberately not KYC'd: pushing into its stream needs none, an Edge claim does
  await attestAccounts(compliance, kycSigner, [owner.address, edgeA.address, edgeB.address], "DE");

  // licenses as the sale would mint them, delegated to one operator each
  const sale = manifest.contracts.LicenseSale.address;
  await networkHelpers.impersonateAccount(sale);
  await networkHelpers.setBalance(sale, ATH("1"));
  await send(at("CheckerLicense", await ethers.getSigner(sale)).mint(owner.address, LICENSES));
  const operators = Array.from({ length: LICENSES }, (_, i) => new Wallet(id(`compute-deploy-operator-${i + 1}`)));
  const license = at("CheckerLicense", owner);
  for (const [i, op] of operators.entries()) await send(license.setUser(i + 1, op.address, start(30)));

  // ATH from the airdrop's TGE step; the host backs 1.5 x K, each Edge owner 0.1 x K
  await send(at("AirdropVesting").getFunction("release(address)")(manifest.contracts.AethirToken.address));
  const token = at("AethirToken", signers[6]);
  const K = ATH(params.staking.k);
  const hostStaking = at("HostStaking");
  const registry = at("HostRegistry");
  const containers = {
    a100: encodeBytes32String("compute-a100").toLowerCase(),
    rtxUp: encodeBytes32String("compute-rtx-up").toLowerCase(),
    rtxDown: encodeBytes32String("compute-rtx-down").toLowerCase(),
    edgeA: encodeBytes32String("compute-edge-a").toLowerCase(),
    edgeB: encodeBytes32String("compute-edge-b").toLowerCase(),
  };
  const plan: [Signer & { address: string }, bigint, [string, number][]][] = [
    [host, (K * 15n) / 10n, [[containers.a100, A100], [containers.rtxUp, RTX4090], [containers.rtxDown, RTX4090]]],
    [edgeA, K / 10n, [[containers.edgeA, EDGE]]],
    [edgeB, K / 10n, [[containers.edgeB, EDGE]]],
  ];
  for (const [who, stake, list] of plan) {
    await send(token.transfer(who.address, stake));
    await send(at("AethirToken", who).approve(manifest.contracts.HostStaking.address, stake));
    await send((hostStaking.connect(who) as Contract).registerHost(1_000));
    await send((hostStaking.connect(who) as Contract).delegate(who.address, stake));
    for (const [c, classId] of list) await send((registry.connect(who) as Contract).registerContainer(c, classId, countryCode("DE")));
  }

  // the referee's epochs: 0 before anything was frozen (an empty compute root), 1 with the containers' jobs
  const outDir = mkdtempSync(join(tmpdir(), "aethir-compute-deploy-"));
  const epoch = Math.floor(((await now()) + 12 * 3_600 - tge) / DAY) + 1;
  await commitSeed({ manifest, referee, epoch, outDir });
  await setTime(cutoffOf(tge, epoch));
  const prepared = await prepareEpoch({ provider, manifest, referee, epoch, outDir, awaitBlock: () => provider.send("evm_mine", []) });
  const compute = at("ComputeRewards", anyone);
  const checker = at("CheckerReferee");
  for (let e = 0; e < epoch; e++) {
    const prev = e > 0 ? [await checker.roots(e - 1), await compute.rootOf(e - 1)] : [];
    await setTime(Math.max(start(e + 1), ...prev.map((r) => Number(r.finalAt))));
    await runEpoch({ provider, manifest, referee, epoch: e, inputDir: outDir, outDir });
  }
  // every operator answers honestly except license 3 (always lies) and license 7 (silent); the down RTX fails
  const behaviour = (l: number): SimLicense["behaviour"] => (l === 3 ? "lying" : l === 7 ? "silent" : "honest");
  const keys = new Map(operators.map((w) => [w.address.toLowerCase(), w.privateKey]));
  const sims = new Map<number, SimLicense>();
  for (const j of prepared.jobs) j.licenseIds.forEach((l, i) => sims.set(l, { licenseId: l, signerKey: keys.get(j.operators[i].toLowerCase())!, behaviour: behaviour(l) }));
  const domain = refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId);
  writeEpochResults(outDir, epoch, simulateResults(domain, epoch, prepared.jobs, sims, new Set([containers.rtxDown]), 3));
  const prev = [await checker.roots(epoch - 1), await compute.rootOf(epoch - 1)];
  await setTime(Math.max(start(epoch + 1), ...prev.map((r) => Number(r.finalAt))));
  const run = await runEpoch({ provider, manifest, referee, epoch, inputDir: outDir, outDir, proveFailedJobs: true });
  return { ...d, at, provider, now, setTime, send, tge, outDir, epoch, prepared, run, compute, containers, host, edgeA, edgeB, anyone, referee, K, domain };
}

/**
 * The rule recomputed without the referee's code: jobs from the published assignment whose root is the one
 * on chain, verdicts from the published signed results (signatures recovered here, majority N + 1 of 2N + 1, a
 * license's double vote dropped), cross-checked with the Fail jobs proven on chain; coefficients, hosts, classes and
 * halts read from the contracts; each pool's pot from the pool and the previous root.
 */
async function recompute(w: World) {
  const { manifest, epoch, outDir } = w;
  const checker = w.at("CheckerReferee");
  const assignment = loadAssignment(outDir, epoch)!;
  expect(assignment.tree!.root).to.equal((await checker.assignmentOf(epoch)).root);
  const n = Number(await checker.n());
  const published = readFileSync(join(outDir, `epoch-${epoch}.results.jsonl`), "utf8").trim().split("\n").map((l) => JSON.parse(l) as SignedResult);
  const votes = new Map<string, Set<number>>(); // `${job}:${licenseId}` -> verdicts
  for (const s of published) {
    const job: JobLeaf = assignment.jobs[Number(s.result.job)];
    const idx = job.licenseIds.indexOf(Number(s.result.licenseId));
    if (idx < 0 || job.container.toLowerCase() !== s.result.container.toLowerCase() || Number(s.result.epoch) !== epoch) continue;
    const signer = verifyTypedData(w.domain, CHECK_RESULT_TYPES, { ...s.result, epoch: BigInt(s.result.epoch), licenseId: BigInt(s.result.licenseId) }, Signature.from({ r: s.r, yParityAndS: s.vs }));
    if (signer.toLowerCase() !== job.operators[idx].toLowerCase()) continue;
    const key = `${job.job}:${s.result.licenseId}`;
    votes.set(key, (votes.get(key) ?? new Set()).add(Number(s.result.verdict)));
  }
  const verdictOf = (job: JobLeaf) => {
    let pass = 0;
    let fail = 0;
    for (const l of job.licenseIds) {
      const v = votes.get(`${job.job}:${l}`);
      if (!v || v.size !== 1) continue; // none, or both verdicts: dropped
      if (v.has(1)) pass++;
      else fail++;
    }
    return pass >= n + 1 ? "Pass" : fail >= n + 1 ? "Fail" : null;
  };
  const registry = w.at("HostRegistry");
  const staking = w.at("HostStaking");
  const compute = w.compute;
  const rows = new Map<string, { host: string; coefficient: bigint; edge: boolean; pass: bigint; fail: number; halted: boolean }>();
  for (const c of assignment.file.containers) {
    const info = await registry.containerOf(c);
    rows.set(c.toLowerCase(), {
      host: String(info.host).toLowerCase(),
      coefficient: BigInt(info.coefficient),
      edge: Boolean(await compute.isEdgeClass(info.classId)),
      pass: 0n,
      fail: 0,
      halted: Boolean((await staking.hostInfo(info.host)).halted),
    });
  }
  for (const job of assignment.jobs) {
    const v = verdictOf(job);
    const r = rows.get(job.container.toLowerCase())!;
    if (v === "Pass") r.pass++;
    if (v === "Fail") r.fail++;
  }
  // the chain's proven jobs: each proven Fail is a Fail here, and its container is among the zeroed
  const proven = await checker.queryFilter(checker.filters.JobProven(), manifest.contracts.CheckerReferee.blockNumber);
  const provenFail = proven.map((l) => (l as unknown as { args: Record<string, unknown> }).args).filter((a) => Number(a.epoch) === epoch);
  expect(provenFail.length).to.be.greaterThan(0);
  for (const a of provenFail) {
    expect(Number(a.verdict)).to.equal(2);
    expect(verdictOf(assignment.jobs[Number(a.job)])).to.equal("Fail");
  }
  const end = BigInt(w.tge + (epoch + 1) * DAY);
  const previous = await compute.rootOf(epoch - 1);
  const pots = { edge: 0n, enterprise: 0n };
  for (const [pool, name, funded, prev] of [
    ["edge", "EdgeRewardPool", "fundedEdge", previous.cumulativeEdge],
    ["enterprise", "EnterpriseRewardPool", "fundedEnterprise", previous.cumulativeEnterprise],
  ] as const) {
    const p = w.at(name);
    const available = BigInt(await p.unlockedAt(end)) + BigInt(await p.returned()) - (BigInt(await p.drawn()) - BigInt(await compute[funded]()));
    pots[pool] = available - BigInt(prev);
  }
  const points = new Map([...rows].map(([c, r]) => [c, r.fail > 0 || r.halted ? 0n : r.pass * r.coefficient]));
  const totals = { edge: 0n, enterprise: 0n };
  for (const [c, r] of rows) totals[r.edge ? "edge" : "enterprise"] += points.get(c)!;
  const earned = new Map<string, bigint>();
  const leaves = new Map<string, { edge: bigint; enterprise: bigint }>();
  for (const [c, r] of rows) {
    const pool = r.edge ? "edge" : "enterprise";
    const e = totals[pool] === 0n ? 0n : (pots[pool] * points.get(c)!) / totals[pool];
    earned.set(c, e);
    const leaf = leaves.get(r.host) ?? { edge: 0n, enterprise: 0n };
    leaf[pool] += e;
    leaves.set(r.host, leaf);
  }
  return { rows, points, earned, leaves, pots };
}

describe("Compute rewards in the deployment (in process)", function () {
  this.timeout(600_000);
  let w: World;
  before(async () => {
    w = await setup();
  });
  after(() => {
    if (w && existsSync(w.outDir)) rmSync(w.outDir, { recursive: true, force: true });
  });

  it("deploys ComputeRewards as the only distributor of the Edge and Enterprise/IDC pools' compute path: HostStaking can't draw the Enterprise pool any more", async () => {
    const { manifest, params } = w;
    const compute = w.compute;
    const edge = w.at("EdgeRewardPool");
    const enterprise = w.at("EnterpriseRewardPool");
    const staking = w.at("HostStaking");
    const role = await enterprise.DISTRIBUTOR_ROLE();
    const address = manifest.contracts.ComputeRewards.address;
    expect(await edge.hasRole(role, address)).to.equal(true);
    expect(await enterprise.hasRole(role, address)).to.equal(true);
    expect(await staking.hasRole(await staking.DISTRIBUTOR_ROLE(), address)).to.equal(true);
    expect(await enterprise.hasRole(role, manifest.contracts.HostStaking.address)).to.equal(false);
    expect(await compute.hasRole(await compute.REFEREE_ROLE(), params.rewards.referee)).to.equal(true);
    expect(await compute.hasRole(await compute.GUARDIAN_ROLE(), params.guardian)).to.equal(true);
    expect(await compute.hasRole(await compute.DEFAULT_ADMIN_ROLE(), manifest.contracts.Timelock.address)).to.equal(true);
    expect(await compute.hasRole(await compute.DEFAULT_ADMIN_ROLE(), manifest.deployer)).to.equal(false);
    expect(await compute.challengeWindow()).to.equal(BigInt(params.rewards.compute.challengeWindow));
    expect(await compute.isEdgeClass(EDGE)).to.equal(true);
    expect(await compute.isEdgeClass(RTX4090)).to.equal(false);
    expect(await compute.tge()).to.equal(BigInt(manifest.tgeTimestamp));
    // the trusted path is gone: a HostStaking distributor (the local keeper) can't draw from the pool
    const keeper = await w.ethers.getSigner(params.staking.keeper!);
    await expect((staking.connect(keeper) as Contract).fundRewardsFromPool([w.host.address], [1n]))
      .to.be.revertedWithCustomError(enterprise, "AccessControlUnauthorizedAccount").withArgs(manifest.contracts.HostStaking.address, role);
  });

  it("posts the referee's compute roots in order (epoch 0 empty), refuses to sync inside the challenge window, then pushes the host's leaf into its stream once and pays each Edge owner once", async () => {
    const { manifest, epoch, compute } = w;
    expect(w.run.compute?.posted).to.equal(true);
    const empty = await compute.rootOf(0);
    expect([empty.root, empty.cumulativeEdge, empty.cumulativeEnterprise]).to.deep.equal([EMPTY_COMPUTE_ROOT, 0n, 0n]);
    const posted = await compute.rootOf(epoch);
    const proofs = JSON.parse(readFileSync(join(w.outDir, `epoch-${epoch}.compute.proofs.json`), "utf8")) as ComputeProofsFile;
    expect(posted.root).to.equal(proofs.root);
    expect([posted.cumulativeEdge, posted.cumulativeEnterprise]).to.deep.equal([BigInt(proofs.totalEdge), BigInt(proofs.totalEnterprise)]);
    expect(BigInt(proofs.totalEdge)).to.be.greaterThan(0n);
    expect(BigInt(proofs.totalEnterprise)).to.be.greaterThan(0n);

    // the previous (empty) root is final and syncs; the new one is in its challenge window
    await (await compute.sync()).wait();
    await expect(compute.sync()).to.be.revertedWithCustomError(compute, "RootNotFinal").withArgs(epoch, posted.finalAt);
    await expect(payments.pushHostRewards(manifest, w.anyone, proofs, w.host.address)).to.be.rejectedWith(/not the final one/);
    const hostLeaf = proofs.claims[w.host.address.toLowerCase()];
    // the synced root is epoch 0's (the newest final one): epoch 1's leaf is no leaf of it yet
    await expect(compute.pushHostRewards(w.host.address, hostLeaf.edge, hostLeaf.enterprise, hostLeaf.proof))
      .to.be.revertedWithCustomError(compute, "InvalidProof").withArgs(w.host.address, BigInt(hostLeaf.edge), BigInt(hostLeaf.enterprise));

    await w.setTime(Number(posted.finalAt));
    const staking = w.at("HostStaking");
    const enterprisePool = w.at("EnterpriseRewardPool");
    const drawnBefore = BigInt(await enterprisePool.drawn());
    const streamBefore = BigInt((await staking.streamOf(w.host.address)).unreleased);
    // anyone pushes, with the proofs fetched from the referee's endpoint
    const server = await startRefereeServer({ provider: w.provider, manifest, inputDir: w.outDir, outDir: w.outDir, port: await freePort() });
    let served: ComputeProofsFile;
    try {
      served = await payments.loadComputeProofs(`${server.url}/compute-proofs/${epoch}`);
      await expect(payments.loadComputeProofs(`${server.url}/compute-proofs/${epoch + 5}`)).to.be.rejectedWith(/No proofs are published for epoch/);
    } finally {
      await server.close();
    }
    expect(served.root).to.equal(proofs.root);
    const pushed = await payments.pushHostRewards(manifest, w.anyone, served, w.host.address);
    expect(pushed.synced).to.equal(true);
    expect(pushed.amount).to.equal(BigInt(hostLeaf.enterprise));
    expect(pushed.epoch).to.equal(BigInt(epoch));
    expect(BigInt(await enterprisePool.drawn()) - drawnBefore).to.equal(BigInt(proofs.totalEnterprise));
    // the stream grew by exactly the leaf's increase (minus what released in between: nothing, the host had none)
    expect(BigInt((await staking.streamOf(w.host.address)).unreleased) - streamBefore).to.equal(BigInt(hostLeaf.enterprise));
    await expect(compute.pushHostRewards(w.host.address, hostLeaf.edge, hostLeaf.enterprise, hostLeaf.proof))
      .to.be.revertedWithCustomError(compute, "NothingNewToPush").withArgs(w.host.address, BigInt(hostLeaf.enterprise), BigInt(hostLeaf.enterprise));

    // the Edge owners claim their leaves; the host (no KYC) can't claim an Edge amount, nor can a non-leaf
    const token = w.at("AethirToken");
    for (const who of [w.edgeA, w.edgeB]) {
      const leaf = proofs.claims[who.address.toLowerCase()];
      expect(BigInt(leaf.enterprise)).to.equal(0n);
      const before = BigInt(await token.balanceOf(who.address));
      const paid = await payments.claimEdge(manifest, who, proofs);
      expect(paid.amount).to.equal(BigInt(leaf.edge));
      expect(BigInt(await token.balanceOf(who.address)) - before).to.equal(BigInt(leaf.edge));
      await expect((compute.connect(who) as Contract).claimEdge(leaf.edge, leaf.enterprise, leaf.proof))
        .to.be.revertedWithCustomError(compute, "NothingNewToClaim").withArgs(who.address, BigInt(leaf.edge), BigInt(leaf.edge));
    }
    await expect((compute.connect(w.host) as Contract).claimEdge(hostLeaf.edge, hostLeaf.enterprise, hostLeaf.proof))
      .to.be.revertedWithCustomError(compute, "NotKycAllowed").withArgs(w.host.address);
    expect(() => payments.leafOf(proofs, w.anyone.address)).to.throw(/has no leaf in the compute root/);
    await expect(compute.pushHostRewards(w.anyone.address, 0n, 1n, hostLeaf.proof)).to.be.revertedWithCustomError(compute, "InvalidProof").withArgs(w.anyone.address, 0n, 1n);
    // everything drawn for the root was paid: the contract holds nothing unpaid
    expect([await compute.edgeUnpaid(), await compute.enterpriseUnpaid()]).to.deep.equal([0n, 0n]);
    expect(await token.balanceOf(manifest.contracts.ComputeRewards.address)).to.equal(0n);
  });

  it("recomputes every container's points and payout from the chain's proven jobs and the published results with an independent function: equal to the wei to the report, the tree and the chain", async () => {
    const mine = await recompute(w);
    const report = JSON.parse(readFileSync(join(w.outDir, `epoch-${w.epoch}.compute.report.json`), "utf8")) as ComputeReport;
    // the story's facts: the down RTX 4090 earns nothing for the epoch (a Fail majority); the others earn
    expect(mine.points.get(w.containers.rtxDown)).to.equal(0n);
    for (const c of [w.containers.a100, w.containers.rtxUp, w.containers.edgeA, w.containers.edgeB]) expect(mine.earned.get(c)).to.be.greaterThan(0n);
    expect(report.containers.find((c) => c.container === w.containers.rtxDown)!.zeroed).to.equal("fail-majority");
    expect(report.containers.map((c) => [c.container, c.points, c.earned])).to.have.deep.members([...mine.rows.keys()].map((c) => [c, Number(mine.points.get(c)), mine.earned.get(c)!.toString()]));
    expect([BigInt(report.edge.pot), BigInt(report.enterprise.pot)]).to.deep.equal([mine.pots.edge, mine.pots.enterprise]);
    const proofs = JSON.parse(readFileSync(join(w.outDir, `epoch-${w.epoch}.compute.proofs.json`), "utf8")) as ComputeProofsFile;
    expect(Object.keys(proofs.claims).sort()).to.deep.equal([...mine.leaves.keys()].sort());
    for (const [account, leaf] of mine.leaves) expect([BigInt(proofs.claims[account].edge), BigInt(proofs.claims[account].enterprise)]).to.deep.equal([leaf.edge, leaf.enterprise]);
    // the chain: the posted totals, and what was paid to each account
    const posted = await w.compute.rootOf(w.epoch);
    const sum = (k: "edge" | "enterprise") => [...mine.leaves.values()].reduce((s, l) => s + l[k], 0n);
    expect([posted.cumulativeEdge, posted.cumulativeEnterprise]).to.deep.equal([sum("edge"), sum("enterprise")]);
    for (const [account, leaf] of mine.leaves) {
      expect(await w.compute.claimedEdge(account)).to.equal(leaf.edge);
      expect(await w.compute.pushedEnterprise(account)).to.equal(leaf.enterprise);
    }
    // each pool keeps its remainder: paid <= pot, less than one wei per container lost to rounding
    for (const pool of ["edge", "enterprise"] as const) {
      const paid = sum(pool);
      expect(paid <= mine.pots[pool]).to.equal(true);
      expect(mine.pots[pool] - paid < BigInt(mine.rows.size)).to.equal(true);
    }
  });
});
