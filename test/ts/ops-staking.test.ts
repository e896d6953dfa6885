// The staking operations (scripts/ops/staking.ts, used by `npm run cli`) against a full in-process deployment made
// by the same code as the deploy script.
import { expect } from "chai";
import { artifacts, network } from "hardhat";
import { parseEther } from "ethers";
import { deployGenesis } from "../../scripts/lib/genesis.js";
import { deployLicensing } from "../../scripts/lib/licensing.js";
import { buildManifest } from "../../scripts/lib/manifest.js";
import { readRawParams, resolveParams } from "../../scripts/lib/params.js";
import { deployRewards } from "../../scripts/lib/rewards.js";
import { deploySlashing, deployStaking } from "../../scripts/lib/staking.js";
import { DAY, WEEK } from "../../scripts/lib/tokenomics.js";
import * as ops from "../../scripts/ops/staking.js";

const ATH = (x: string) => parseEther(x);

describe("Staking operations (scripts/ops)", () => {
  it("lets holders stake (with and without permit), extend and withdraw; hosts register and delegators delegate and unbond; the slasher proposes, the guardian vetoes, a slash executes", async () => {
    const { ethers, networkHelpers } = await network.create();
    const signers = await ethers.getSigners();
    const [deployer] = signers;
    const params = await resolveParams(ethers, readRawParams("default"));
    const genesis = await deployGenesis(ethers, deployer, params, () => {}, { keepPoolAdmin: true });
    const governance = { timelock: genesis.contracts.Timelock.address, guardian: params.guardian };
    const licensing = await deployLicensing(ethers, deployer, params.licensing, { tgeTimestamp: genesis.tgeTimestamp, ...governance }, () => {}, { keepLicenseAdmin: true });
    const base = { ...genesis.contracts, ...licensing.contracts };
    const staking = await deployStaking(ethers, deployer, params.staking, { ...governance, contracts: base });
    const rewards = await deployRewards(ethers, deployer, params.rewards, { tgeTimestamp: genesis.tgeTimestamp, ...governance, contracts: base });
    const slashing = await deploySlashing(ethers, deployer, params.staking, { ...governance, contracts: { ...staking, ...rewards } });
    const chainId = Number((await ethers.provider.getNetwork()).chainId);
    const manifest = await buildManifest({ network: "default", chainId, deployer: deployer.address }, genesis, { ...licensing, contracts: { ...licensing.contracts, ...rewards, ...staking, ...slashing } }, async (a) => (await artifacts.readArtifact(a)).abi as unknown[]);
    const token = await ethers.getContractAt("AethirToken", manifest.contracts.AethirToken.address);
    const pools = await ethers.getContractAt("StakingPools", manifest.contracts.StakingPools.address);
    const hostStaking = await ethers.getContractAt("HostStaking", manifest.contracts.HostStaking.address);

    // liquid ATH: the airdrop's TGE step, released to its beneficiary
    await (await (await ethers.getContractAt("StepVesting", manifest.contracts.AirdropVesting.address))["release(address)"](await token.getAddress())).wait();
    const [holder, host, delegator] = [signers[12], signers[13], signers[14]];
    for (const who of [holder, host, delegator]) await (await token.connect(signers[6]).transfer(who.address, ATH("100000"))).wait();

    // holders
    const withPermit = await ops.stake(manifest, holder, { poolId: 0n, amount: ATH("1000"), weeks: 2, permit: true });
    const plain = await ops.stake(manifest, holder, { poolId: 1n, amount: ATH("500"), weeks: 1 });
    expect([withPermit.positionId, plain.positionId]).to.deep.equal([0n, 1n]);
    expect(await pools.balanceOf(holder.address)).to.equal(ATH("1500"));
    expect(withPermit.weight).to.equal(ATH("1000") * (204n + 3n * 2n));
    await ops.extend(manifest, holder, 0n, 4);
    expect((await pools.position(holder.address, 0n)).unlockWeek).to.be.greaterThan(withPermit.unlockWeek);
    expect(await ops.claimStakingRewards(manifest, holder, 0n)).to.be.an("array");
    await networkHelpers.time.increase(6 * WEEK);
    expect(await ops.withdrawPosition(manifest, holder, 0n)).to.equal(ATH("1000"));
    expect(await pools.balanceOf(holder.address)).to.equal(ATH("500"));

    // a host with an RTX 4090 container (0.25 x K), a delegator
    await ops.registerHost(manifest, host, 1_000);
    await ops.registerContainer(manifest, host, { container: "gpu-box-1", classId: 3, region: "JP" });
    await ops.delegate(manifest, host, host.address, ATH("25000"));
    await ops.delegate(manifest, delegator, host.address, ATH("1000"));
    const unbonding = await ops.undelegate(manifest, delegator, host.address, ATH("400"));
    expect(unbonding.unlockAt - BigInt((await ethers.provider.getBlock("latest"))!.timestamp)).to.equal(180n * BigInt(DAY));
    await ops.setCommission(manifest, host, 1_500);

    // the slasher proposes, the guardian vetoes; a second proposal executes after the veto window
    const slasher = signers[8];
    const guardian = await ethers.getSigner(params.guardian);
    const vetoed = await ops.proposeSlash(manifest, slasher, { container: "gpu-box-1", kind: "Malicious", evidence: "logs-1" });
    expect(vetoed.penalty).to.equal((ATH("100000") * 2_500n) / 10_000n);
    await ops.vetoSlash(manifest, guardian, vetoed.id);
    const proposed = await ops.proposeSlash(manifest, slasher, { container: "gpu-box-1", kind: "DowntimeRendering", evidence: "logs-2" });
    await expect(ops.executeSlash(manifest, signers[15], proposed.id)).to.be.rejected;
    await networkHelpers.time.increaseTo(proposed.executeAfter);
    const treasuryBefore = await token.balanceOf(manifest.contracts.Timelock.address);
    await ops.executeSlash(manifest, signers[15], proposed.id);
    expect((await token.balanceOf(manifest.contracts.Timelock.address)) - treasuryBefore).to.equal(proposed.penalty);
    expect(proposed.penalty).to.equal(ATH("25000") / 3n);

    // after unbonding, the delegator withdraws what is left of the request
    await networkHelpers.time.increaseTo(unbonding.unlockAt);
    const before = await token.balanceOf(delegator.address);
    await ops.withdrawUnbonded(manifest, delegator, host.address, [unbonding.id]);
    const got = (await token.balanceOf(delegator.address)) - before;
    expect(got).to.be.greaterThan(0n);
    expect(got).to.be.lessThan(ATH("400")); // the slash took its share of the unbonding stake too
    expect(await hostStaking.hasRole(await hostStaking.SLASHER_ROLE(), manifest.contracts.HostSlashing.address)).to.equal(true);
  });
});
