// The compute settlement's chain inputs (scripts/referee/compute-inputs.ts) read from a real deployment's events:
// containers, hosts and coefficients as of the cut-off, hosts halted at the epoch's end, each pool's available amount;
// and the service's compute step (compute-service.ts) writing its report and state from them, posting nothing while
// the manifest has no ComputeRewards.
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeBytes32String, parseEther, type BaseContract } from "ethers";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../../scripts/lib/compliance.js";
import { executeViaTimelock } from "../../scripts/lib/governance.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { DAY } from "../../scripts/lib/tokenomics.js";
import { cutoffOf } from "../../scripts/referee/assignment.js";
import { canSettleCompute, loadComputeInputs } from "../../scripts/referee/compute-inputs.js";
import type { ComputeReport, ComputeState } from "../../scripts/referee/compute-rewards.js";
import { computeStatePath, runComputeEpoch } from "../../scripts/referee/compute-service.js";
import { Verdict, type Settlement } from "../../scripts/referee/settle.js";
import type { JobLeaf } from "../../scripts/lib/check-results.js";
import { genesisFixture } from "./fixtures.js";

const K = parseEther("10000");
const GPU = 1;

describe("Compute rewards: chain inputs and the service step", () => {
  it("reads containers and coefficients at the cut-off, halts at the epoch's end and the pools' available amounts; writes the report and state", async () => {
    const f = await genesisFixture();
    const { ethers, networkHelpers } = f;
    const admin = f.signers.deployer;
    const [hostA, hostB] = f.signers.others;
    const timelock = await f.timelock.getAddress();
    const gov = (target: BaseContract, data: string) => target.getAddress().then((t) => executeViaTimelock(timelock, admin, { target: t, data }));
    const compliance = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    await (await compliance.grantRole(await compliance.KYC_SIGNER_ROLE(), admin.address)).wait();
    await attestAccounts(compliance, admin, [hostA.address, hostB.address], "DE");
    const staking = await ethers.deployContract("HostStaking", [timelock, await f.token.getAddress(), await compliance.getAddress(), await f.enterprise.getAddress(), K]);
    const registry = await ethers.getContractAt("HostRegistry", await staking.registry());
    await gov(registry, registry.interface.encodeFunctionData("setGpuClass", [GPU, 10_000, false, true]));
    await (await f.airdropVesting["release(address)"](await f.token.getAddress())).wait();
    await (await f.token.connect(f.signers.airdrop).transfer(hostA.address, 3n * K)).wait();
    await (await f.token.connect(hostA).approve(await staking.getAddress(), ethers.MaxUint256)).wait();

    const epoch = 3;
    const tge = f.genesis.tgeTimestamp;
    const cutoff = cutoffOf(tge, epoch);
    const end = tge + (epoch + 1) * DAY;
    const [a1, a2, a3, b1] = ["a1", "a2", "a3", "b1"].map((x) => encodeBytes32String(`compute-${x}`).toLowerCase());
    // host A: two 1x containers backed by 2K of self-stake; host B: one container and no stake (halted)
    await (await staking.connect(hostA).registerHost(1_000)).wait();
    await (await staking.connect(hostA).delegate(hostA.address, 2n * K)).wait();
    await (await registry.connect(hostA).registerContainer(a1, GPU, countryCode("DE"))).wait();
    await (await registry.connect(hostA).registerContainer(a2, GPU, countryCode("DE"))).wait();
    await (await staking.connect(hostB).registerHost(500)).wait();
    await (await registry.connect(hostB).registerContainer(b1, GPU, countryCode("DE"))).wait();
    expect((await staking.hostInfo(hostB.address)).halted).to.equal(true);
    // governance halves the class before the cut-off; only a2 takes the new coefficient (syncContainer)
    await gov(registry, registry.interface.encodeFunctionData("setGpuClass", [GPU, 5_000, false, true]));
    await (await registry.syncContainer(a2)).wait();
    // after the cut-off: a3 registered, a1's coefficient synced again (neither counts for the epoch)
    await networkHelpers.time.increaseTo(cutoff);
    await (await registry.connect(hostA).registerContainer(a3, GPU, countryCode("DE"))).wait();
    await gov(registry, registry.interface.encodeFunctionData("setGpuClass", [GPU, 20_000, false, true]));
    await (await registry.syncContainer(a1)).wait();
    // host A falls short after a3 (3 x 2x K > 2K) before the epoch's end; host B is only topped up after it
    expect((await staking.hostInfo(hostA.address)).halted).to.equal(true);
    await (await staking.connect(hostA).delegate(hostA.address, K)).wait();
    await networkHelpers.time.increaseTo(end);

    const entry = async (c: BaseContract) => ({ address: await c.getAddress(), abi: JSON.parse(c.interface.formatJson()) as unknown[], blockNumber: 0 });
    const manifest = {
      network: "test", chainId: 31337, deployer: admin.address, tgeTimestamp: tge, startBlock: 0, buckets: [],
      contracts: { HostRegistry: await entry(registry), HostStaking: await entry(staking), EdgeRewardPool: await entry(f.edge), EnterpriseRewardPool: await entry(f.enterprise) },
    } as unknown as Manifest;
    expect(canSettleCompute(manifest)).to.equal(true);
    expect(canSettleCompute({ ...manifest, contracts: { HostRegistry: manifest.contracts.HostRegistry } })).to.equal(false);

    const inputs = await loadComputeInputs(ethers.provider, manifest, { cutoff, end, containers: [a1, a2, b1] });
    expect(inputs.hasContract).to.equal(false);
    expect(inputs.containers).to.deep.equal([
      { container: a1, host: hostA.address.toLowerCase(), classId: GPU, coefficient: 10_000, edge: false },
      { container: a2, host: hostA.address.toLowerCase(), classId: GPU, coefficient: 5_000, edge: false },
      { container: b1, host: hostB.address.toLowerCase(), classId: GPU, coefficient: 10_000, edge: false },
    ]);
    // host A was halted by a3 and resumed before the end; host B never resumed
    expect([...inputs.halted]).to.deep.equal([hostB.address.toLowerCase()]);
    for (const [pool, got] of [[f.edge, inputs.available.edge], [f.enterprise, inputs.available.enterprise]] as const) {
      expect(got).to.equal((await pool.unlockedAt(end)) + (await pool.returned()) - (await pool.drawn()));
      expect(got > 0n).to.equal(true);
    }
    await expect(loadComputeInputs(ethers.provider, manifest, { cutoff, end, containers: [a1, a3] })).to.be.rejectedWith(`container ${a3} of the assignment was not registered at the cut-off`);

    // the service's step: a1 passes twice, a2 once and fails once, b1 passes (its host halted): a1 takes the whole pot
    const outDir = mkdtempSync(join(tmpdir(), "compute-service-"));
    try {
      const jobs = [a1, a1, a2, a2, b1].map((container, job) => ({ epoch, job, container, licenseIds: [], operators: [] })) as JobLeaf[];
      const settlement = { jobs: [Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Fail, Verdict.Pass].map((verdict, i) => ({ jobId: `${epoch}/${i}`, verdict, pass: 0, fail: 0, silent: 0 })) } as unknown as Settlement;
      const lines: string[] = [];
      const run = () => runComputeEpoch({ provider: ethers.provider, manifest, referee: admin, epoch, outDir, assignment: { cutoff, containers: [a1, a2, b1], root: "0x" + "12".repeat(32) }, jobs, settlement, end, checkerReport: `epoch-${epoch}.report.json`, log: (l) => lines.push(l) });
      const r = (await run())!;
      expect(r.posted).to.equal(false);
      const report = JSON.parse(readFileSync(r.reportPath, "utf8")) as ComputeReport;
      expect(report.containers.map((c) => [c.container, c.points, c.zeroed])).to.deep.equal([[a1, 20_000, null], [a2, 0, "fail-majority"], [b1, 0, "halted"]]);
      expect(report.enterprise.paid).to.equal(inputs.available.enterprise.toString());
      expect(report.accounts).to.deep.equal([{ account: hostA.address.toLowerCase(), earnedEdge: "0", earnedEnterprise: report.enterprise.paid, cumulativeEdge: "0", cumulativeEnterprise: report.enterprise.paid }]);
      expect(existsSync(join(outDir, `epoch-${epoch}.compute.proofs.json`))).to.equal(true);
      const state = JSON.parse(readFileSync(computeStatePath(outDir), "utf8")) as ComputeState;
      expect(state).to.include({ epoch: epoch + 1, paidEnterprise: report.enterprise.paid, paidEdge: "0" });
      // the same epoch again is refused by its state
      expect(await run()).to.equal(undefined);
      expect(lines.at(-1)).to.equal(`epoch ${epoch}: compute rewards not settled: their state is at epoch ${epoch + 1}`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
