// Holder governance wired by the deploy script's code (scripts/lib/governor.ts) and driven through scripts/ops:
// roles after the deploy, the voting supply at genesis, a proposal decoded in words, passed and executed through the
// timelock, and a passed distributor grant vetoed by the guardian.
import { expect } from "chai";
import { artifacts, network } from "hardhat";
import { id, parseEther } from "ethers";
import { deployGenesis } from "../../scripts/lib/genesis.js";
import { deployGovernor } from "../../scripts/lib/governor.js";
import { deployLicensing } from "../../scripts/lib/licensing.js";
import { buildManifest } from "../../scripts/lib/manifest.js";
import { readRawParams, resolveParams } from "../../scripts/lib/params.js";
import { deployRewards } from "../../scripts/lib/rewards.js";
import { deploySlashing, deployStaking } from "../../scripts/lib/staking.js";
import * as gov from "../../scripts/ops/governance.js";

describe("Holder governance (deploy wiring and scripts/ops)", () => {
  it("wires the governor into the timelock, measures the voting supply, passes one proposal and lets the guardian veto another", async () => {
    const { ethers, networkHelpers } = await network.create();
    const signers = await ethers.getSigners();
    const [deployer, guardian] = signers;
    const params = await resolveParams(ethers, readRawParams("default"));
    const genesis = await deployGenesis(ethers, deployer, params, () => {}, { keepPoolAdmin: true, keepTimelockAdmin: true });
    const governance = { timelock: genesis.contracts.Timelock.address, guardian: params.guardian };
    const licensing = await deployLicensing(ethers, deployer, params.licensing, { tgeTimestamp: genesis.tgeTimestamp, ...governance }, () => {}, { keepLicenseAdmin: true });
    const base = { ...genesis.contracts, ...licensing.contracts };
    const staking = await deployStaking(ethers, deployer, params.staking, { ...governance, contracts: base });
    const rewards = await deployRewards(ethers, deployer, params.rewards, { tgeTimestamp: genesis.tgeTimestamp, ...governance, contracts: base });
    const slashing = await deploySlashing(ethers, deployer, params.staking, { ...governance, contracts: { ...staking, ...rewards } });
    const governor = await deployGovernor(ethers, deployer, params.governor, { ...governance, contracts: { ...genesis.contracts, ...staking } });
    const chainId = Number((await ethers.provider.getNetwork()).chainId);
    const manifest = await buildManifest({ network: "default", chainId, deployer: deployer.address }, genesis, { ...licensing, contracts: { ...licensing.contracts, ...rewards, ...staking, ...slashing, ...governor } }, async (a) => (await artifacts.readArtifact(a)).abi as unknown[]);

    const timelock = await ethers.getContractAt("TimelockController", genesis.contracts.Timelock.address);
    const g = await ethers.getContractAt("AethirGovernor", manifest.contracts.AethirGovernor.address);
    for (const role of ["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"]) expect(await timelock.hasRole(id(role), await g.getAddress()), role).to.equal(true);
    expect(await timelock.hasRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address), "deployer renounced").to.equal(false);
    expect(await timelock.hasRole(id("CANCELLER_ROLE"), guardian.address), "guardian vetoes").to.equal(true);
    expect(await timelock.hasRole(id("PROPOSER_ROLE"), guardian.address), "guardian does not propose").to.equal(false);
    expect(await g.proposalGuardian()).to.equal(guardian.address);

    // At genesis every token is in a bucket: nothing can vote. The airdrop's TGE step (1.5%) becomes the voting supply.
    expect(await g.votingSupply()).to.equal(0n);
    const token = await ethers.getContractAt("AethirToken", manifest.contracts.AethirToken.address);
    await (await (await ethers.getContractAt("StepVesting", manifest.contracts.AirdropVesting.address))["release(address)"](await token.getAddress())).wait();
    expect(await g.votingSupply()).to.equal(parseEther("630000000"));

    const [alice, bob, dave] = [signers[12], signers[13], signers[14]];
    await (await token.connect(signers[6]).transfer(alice.address, parseEther("20000000"))).wait();
    await (await token.connect(signers[6]).transfer(bob.address, parseEther("10000000"))).wait();
    const pools = await ethers.getContractAt("StakingPools", manifest.contracts.StakingPools.address);
    await (await token.connect(bob).approve(await pools.getAddress(), parseEther("10000000"))).wait();
    await (await pools.connect(bob).stake(0, parseEther("10000000"), 52)).wait();
    await gov.delegateVotes(manifest, alice, alice.address);
    await gov.delegateVotes(manifest, bob, bob.address);
    expect((await gov.votesOf(manifest, bob, bob.address)).staked).to.equal(parseEther("10000000"));

    // A distributor grant on a reward pool (whoever holds it could draw): shown in words, passed, then vetoed.
    const pool = await ethers.getContractAt("LinearRewardPool", manifest.contracts.CheckerBaseRewardPool.address);
    const grant: gov.ProposalCalls = {
      targets: [await pool.getAddress()], values: [0n],
      calldatas: [pool.interface.encodeFunctionData("grantRole", [id("DISTRIBUTOR_ROLE"), dave.address])],
      description: "Make dave a distributor of the checker base pool",
    };
    expect(gov.describeCall(manifest, grant.targets[0], grant.calldatas[0])).to.equal(`CheckerBaseRewardPool.grantRole(role: DISTRIBUTOR_ROLE, account: ${dave.address})`);
    const quorum: gov.ProposalCalls = {
      targets: [await g.getAddress()], values: [0n], calldatas: [g.interface.encodeFunctionData("setQuorumBps", [500])], description: "Quorum to 5%",
    };
    expect(gov.describeCall(manifest, quorum.targets[0], quorum.calldatas[0])).to.equal("AethirGovernor.setQuorumBps(newQuorumBps: 500)");

    const p1 = await gov.propose(manifest, alice, grant);
    const p2 = await gov.propose(manifest, alice, quorum);
    await networkHelpers.time.increaseTo(Number(p1.snapshot) + 1);
    for (const p of [grant, quorum]) {
      const pid = await gov.proposalId(manifest, alice, p);
      expect((await gov.vote(manifest, alice, { proposalId: pid, support: "for" })).weight).to.equal(parseEther("20000000"));
      expect((await gov.vote(manifest, bob, { proposalId: pid, support: "for", reason: "stakers agree" })).weight).to.equal(parseEther("10000000"));
    }
    await networkHelpers.time.increaseTo(Number(p2.deadline) + 1);
    await gov.queue(manifest, alice, grant);
    const q = await gov.queue(manifest, alice, quorum);
    expect(await gov.state(manifest, alice, p1.proposalId)).to.equal("Queued");
    await gov.veto(manifest, guardian, grant);
    expect(await gov.state(manifest, alice, p1.proposalId)).to.equal("Canceled");
    await networkHelpers.time.increaseTo(Number(q.eta) + 1);
    await expect(gov.execute(manifest, alice, grant)).to.be.revertedWithCustomError(g, "GovernorUnexpectedProposalState");
    await gov.execute(manifest, alice, quorum);
    expect(await g.quorumBps()).to.equal(500n);
    expect(await pool.hasRole(id("DISTRIBUTOR_ROLE"), dave.address)).to.equal(false);
  });
});
