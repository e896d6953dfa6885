import { expect } from "chai";
import { AbiCoder, encodeBytes32String, id, keccak256, parseEther, ZeroAddress } from "ethers";
import { computeAssignment, cutoffOf } from "../../scripts/referee/assignment.js";
import { genesisFixture } from "./fixtures.js";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../../scripts/lib/compliance.js";
import { jobProof, refereeDomain, signResult, Verdict } from "../../scripts/lib/check-results.js";
import { executeViaTimelock } from "../../scripts/lib/governance.js";
import { DAY } from "../../scripts/lib/tokenomics.js";

const ATH = (x: string) => parseEther(x);
const K = ATH("10000");
const GPU = 1; // 1x K
const H100 = 2; // 3x K, HPC
const BURN = "0x000000000000000000000000000000000000dEaD";
enum Kind {
  DowntimeRendering,
  DowntimeReserve,
  Malicious,
  Underperformance,
}

describe("Cloud-host staking and slashing", () => {
  /** The genesis, then the host stack administered by the timelock and wired through governance proposals. */
  async function setup() {
    const f = await genesisFixture();
    const { ethers, networkHelpers } = f;
    const [admin, guardian] = [f.signers.deployer, f.signers.guardian];
    const [slasher, keeper, host, alice, bob, licenseOwner, anyone, customer] = f.signers.others;
    const timelock = await f.timelock.getAddress();
    const gov = (target: { getAddress(): Promise<string> }, data: string) =>
      target.getAddress().then((t) => executeViaTimelock(timelock, admin, { target: t, data }));

    const compliance = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await compliance.getAddress(), 0]);
    await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
    // Receiving licenses and claiming rewards need a valid attestation (SPEC §8): the actors have one; `anyone` not.
    await (await compliance.grantRole(await compliance.KYC_SIGNER_ROLE(), admin.address)).wait();
    await attestAccounts(compliance, admin, [licenseOwner.address, host.address, alice.address, bob.address], "DE");
    await (await license.mint(licenseOwner.address, 5)).wait();
    const referee = await ethers.deployContract("CheckerReferee", [
      admin.address, admin.address, guardian.address, await license.getAddress(),
      await f.checkerBase.getAddress(), await f.checkerBonus.getAddress(), f.genesis.tgeTimestamp,
    ]);
    const staking = await ethers.deployContract("HostStaking", [timelock, await f.token.getAddress(), await compliance.getAddress(), await f.enterprise.getAddress(), K]);
    const registry = await ethers.getContractAt("HostRegistry", await staking.registry());
    const slashing = await ethers.deployContract("HostSlashing", [timelock, guardian.address, slasher.address, await staking.getAddress(), await referee.getAddress(), timelock]);
    const lens = await ethers.deployContract("HostStakingLens", [await staking.getAddress()]);
    await gov(staking, staking.interface.encodeFunctionData("grantRole", [await staking.SLASHER_ROLE(), await slashing.getAddress()]));
    await gov(staking, staking.interface.encodeFunctionData("grantRole", [await staking.DISTRIBUTOR_ROLE(), keeper.address]));
    await gov(f.enterprise, f.enterprise.interface.encodeFunctionData("grantRole", [await f.enterprise.DISTRIBUTOR_ROLE(), await staking.getAddress()]));
    await gov(registry, registry.interface.encodeFunctionData("setGpuClass", [GPU, 10_000, false, true]));
    await gov(registry, registry.interface.encodeFunctionData("setGpuClass", [H100, 30_000, true, true]));

    // ATH for the actors, from the airdrop's TGE release.
    await (await f.airdropVesting["release(address)"](await f.token.getAddress())).wait();
    for (const who of [host, alice, bob]) {
      await (await f.token.connect(f.signers.airdrop).transfer(who.address, ATH("100000"))).wait();
      await (await f.token.connect(who).approve(await staking.getAddress(), ethers.MaxUint256)).wait();
    }
    const container = encodeBytes32String("container-1");
    const chainId = (await ethers.provider.getNetwork()).chainId;
    /**
     * Posts `epoch`'s assignment (seed committed, anchored and revealed; licenses 1-5 signed for by their owner, the
     * only container `c`), then proves its first `jobs` jobs with `fails` Fail votes out of five each.
     */
    const prove = async (c: string, epoch: number, jobs: number, fails: number) => {
      const secret = id(`secret-${epoch}`);
      await (await referee.commitSeed(epoch, keccak256(AbiCoder.defaultAbiCoder().encode(["uint64", "bytes32"], [epoch, secret])))).wait();
      await networkHelpers.time.increaseTo(cutoffOf(f.genesis.tgeTimestamp, epoch));
      await (await referee.anchorSeed(epoch)).wait();
      await (await referee.revealSeed(epoch, secret)).wait();
      const frozen = { cutoff: 0, licenses: [1, 2, 3, 4, 5].map((l) => ({ licenseId: l, operator: licenseOwner.address.toLowerCase() })), containers: [c.toLowerCase()] };
      const a = computeAssignment(epoch, (await referee.seedOf(epoch)).seed, 2, frozen);
      await (await referee.postAssignment(epoch, a.tree!.root, a.jobs.length, "")).wait();
      await networkHelpers.time.increaseTo(Number((await referee.assignmentOf(epoch)).finalAt));
      const domain = refereeDomain(await referee.getAddress(), chainId);
      for (const leaf of a.jobs.slice(0, jobs)) {
        const results = await Promise.all(
          leaf.licenseIds.map((l) => signResult(licenseOwner, domain, { epoch, job: leaf.job, container: leaf.container, licenseId: l, verdict: l <= fails ? Verdict.Fail : Verdict.Pass, metricsHash: id(`m${l}`) })),
        );
        await (await referee.proveJob(...jobProof(leaf, a.tree!.proof(leaf.job), results))).wait();
      }
    };
    const now = async () => (await ethers.provider.getBlock("latest"))!.timestamp;
    return { ...f, ethers, networkHelpers, admin, guardian, slasher, keeper, host, alice, bob, anyone, customer, timelock, gov, compliance, referee, staking, registry, slashing, lens, container, prove, now };
  }
  type Setup = Awaited<ReturnType<typeof setup>>;

  async function hostWithContainer(s: Setup, commissionBps = 1_000) {
    await (await s.staking.connect(s.host).registerHost(commissionBps)).wait();
    await (await s.registry.connect(s.host).registerContainer(s.container, GPU, countryCode("DE"))).wait();
  }

  it("registers containers under the geofence, halts a host below K x coefficient and resumes it when topped up", async () => {
    const s = await setup();
    await expect(s.staking.connect(s.host).registerHost(1_000)).to.emit(s.staking, "HostRegistered").withArgs(s.host.address, 1_000);
    await expect(s.registry.connect(s.host).registerContainer(s.container, H100, countryCode("UA-43")))
      .to.be.revertedWithCustomError(s.registry, "RestrictedRegion").withArgs(s.container, H100, countryCode("UA-43"));
    const tx = s.registry.connect(s.host).registerContainer(s.container, H100, countryCode("DE"));
    await expect(tx).to.emit(s.registry, "ContainerRegistered").withArgs(s.container, s.host.address, H100, countryCode("DE"), 30_000);
    await expect(tx).to.emit(s.staking, "CapacitySet").withArgs(s.host.address, 1, 30_000, 3n * K);
    await expect(tx).to.emit(s.staking, "HostHalted").withArgs(s.host.address, 0, 3n * K);
    await expect(s.staking.connect(s.host).delegate(s.host.address, 2n * K)).not.to.emit(s.staking, "HostResumed");
    await expect(s.staking.connect(s.alice).delegate(s.host.address, K))
      .to.emit(s.staking, "Delegated").withArgs(s.host.address, s.alice.address, K, K, 3n * K, 3n * K)
      .and.to.emit(s.staking, "HostResumed").withArgs(s.host.address, 3n * K, 3n * K);
    expect(await s.lens.delegatedShares(s.host.address)).to.equal(K);
    expect(await s.lens.isHalted(s.host.address)).to.equal(false);
    // Governance's K applies to every host at once; the flag follows with anyone's checkHalt.
    await s.gov(s.staking, s.staking.interface.encodeFunctionData("setK", [2n * K]));
    expect(await s.lens.isHalted(s.host.address)).to.equal(true);
    await expect(s.staking.connect(s.anyone).checkHalt(s.host.address)).to.emit(s.staking, "HostHalted").withArgs(s.host.address, 3n * K, 6n * K);
    await expect(s.staking.connect(s.host).setK(K))
      .to.be.revertedWithCustomError(s.staking, "AccessControlUnauthorizedAccount").withArgs(s.host.address, await s.staking.DEFAULT_ADMIN_ROLE());
  });

  it("streams Enterprise-pool rewards: the host's commission first, then pro rata; a commission change waits 7 days", async () => {
    const s = await setup();
    await hostWithContainer(s);
    await (await s.staking.connect(s.host).delegate(s.host.address, ATH("6000"))).wait();
    await (await s.staking.connect(s.alice).delegate(s.host.address, ATH("4000"))).wait();
    await expect(s.staking.connect(s.keeper).fundRewardsFromPool([s.host.address], [ATH("3000")]))
      .to.emit(s.staking, "RewardsFunded").withArgs(s.host.address, s.keeper.address, ATH("3000"), ATH("3000"), (await s.now()) + 1 + 30 * DAY)
      .and.to.emit(s.enterprise, "Drawn").withArgs(await s.staking.getAddress(), await s.staking.getAddress(), ATH("3000"));
    const funded = await s.now();
    await expect(s.staking.connect(s.host).setCommission(5_000))
      .to.emit(s.staking, "CommissionChangeScheduled").withArgs(s.host.address, 5_000, funded + 1 + 7 * DAY);
    await s.networkHelpers.time.increaseTo(funded + 10 * DAY);
    // Day 0-7 at 10% (700: 70 to the host), day 7-10 at 50% (300: 150); the rest split 60/40. The commission change
    // was scheduled a second after funding: a second of rewards more at 10%.
    const released = ATH("1000");
    const hostRewards = await s.lens.pendingRewards(s.host.address, s.host.address);
    const aliceRewards = await s.lens.pendingRewards(s.host.address, s.alice.address);
    expect(hostRewards + aliceRewards).to.be.closeTo(released, 10n);
    expect(aliceRewards).to.be.closeTo(ATH("312"), ATH("0.01")); // 40% of (630 + 150)
    await expect(s.staking.connect(s.alice).claimRewards(s.host.address)).to.changeTokenBalance(s.ethers, s.token, s.alice, (v: bigint) => v >= aliceRewards);
    expect((await s.staking.hostInfo(s.host.address)).commissionBps).to.equal(5_000n);
  });

  // Issue 11, attack 6, from the attacker's side: a delegator without a valid attestation claims host rewards.
  it("refuses host-reward claims without a valid KYC attestation: never attested, or a revoked US one", async () => {
    const s = await setup();
    await hostWithContainer(s);
    await (await s.staking.connect(s.host).delegate(s.host.address, K)).wait();
    await (await s.token.connect(s.signers.airdrop).transfer(s.anyone.address, ATH("1000"))).wait();
    await (await s.token.connect(s.anyone).approve(await s.staking.getAddress(), ATH("1000"))).wait();
    await (await s.staking.connect(s.anyone).delegate(s.host.address, ATH("1000"))).wait();
    await (await s.staking.connect(s.keeper).fundRewardsFromPool([s.host.address], [ATH("300")])).wait();
    await s.networkHelpers.time.increase(30 * DAY);
    expect(await s.lens.pendingRewards(s.host.address, s.anyone.address)).to.be.greaterThan(0n);
    await expect(s.staking.connect(s.anyone).claimRewards(s.host.address))
      .to.be.revertedWithCustomError(s.staking, "NotKycAllowed").withArgs(s.anyone.address);
    await attestAccounts(s.compliance, s.admin, [s.anyone.address], "US");
    await (await s.compliance.revoke(s.anyone.address)).wait();
    await expect(s.staking.connect(s.anyone).claimRewards(s.host.address))
      .to.be.revertedWithCustomError(s.staking, "NotKycAllowed").withArgs(s.anyone.address);
    // The host, attested in DE, claims its commission and share.
    await expect(s.staking.connect(s.host).claimRewards(s.host.address)).to.emit(s.staking, "RewardsClaimed");
  });

  it("slashes from a proven Fail verdict after the veto window, to the treasury, once per container and epoch", async () => {
    const s = await setup();
    await hostWithContainer(s);
    await (await s.staking.connect(s.host).delegate(s.host.address, K)).wait();
    await (await s.staking.connect(s.alice).delegate(s.host.address, K)).wait();
    // epoch 2: its assignment is posted before it starts; k = 3 proven Fail jobs of the container are needed
    await expect(s.slashing.connect(s.anyone).proposeFromVerdict(s.container, 2))
      .to.be.revertedWithCustomError(s.slashing, "NotEnoughFailedJobs").withArgs(s.container, 2, 0, 3);
    await s.prove(s.container, 2, 1, 5); // one Fail job: two short of k
    await s.prove(s.container, 3, 3, 2); // a Pass majority in epoch 3: no Fail at all
    expect(await s.referee.failedJobs(s.container, 2)).to.equal(1n);
    expect(await s.referee.failedJobs(s.container, 3)).to.equal(0n);
    await expect(s.slashing.connect(s.anyone).proposeFromVerdict(s.container, 2))
      .to.be.revertedWithCustomError(s.slashing, "NotEnoughFailedJobs").withArgs(s.container, 2, 1, 3);
    await s.prove(s.container, 4, 3, 3);
    expect(await s.referee.failedJobs(s.container, 4)).to.equal(3n);
    await s.networkHelpers.time.increaseTo(s.genesis.tgeTimestamp + 4 * DAY + 1);
    const tx = s.slashing.connect(s.anyone).proposeFromVerdict(s.container, 4);
    const executeAfter = (await s.now()) + 1 + 7 * DAY;
    const subject = keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "uint64"], [s.container, 4]));
    await expect(tx).to.emit(s.slashing, "VerdictSlashProposed").withArgs(1, 4, 3);
    await expect(tx).to.emit(s.slashing, "SlashProposed")
      .withArgs(1, s.host.address, s.container, Kind.DowntimeRendering, K / 3n, 0, ZeroAddress, subject, s.anyone.address, executeAfter);
    await expect(tx).to.emit(s.staking, "PendingSlashesChanged").withArgs(s.host.address, 1);
    await expect(s.slashing.connect(s.anyone).proposeFromVerdict(s.container, 4))
      .to.be.revertedWithCustomError(s.slashing, "VerdictAlreadyUsed").withArgs(s.container, 4, 1);
    await expect(s.slashing.execute(1)).to.be.revertedWithCustomError(s.slashing, "VetoWindowNotOver").withArgs(1, executeAfter);
    await s.networkHelpers.time.increaseTo(executeAfter);
    const half = K / 6n; // a third of K, from two equal stakes
    const execution = s.slashing.connect(s.anyone).execute(1);
    await expect(execution).to.emit(s.staking, "Slashed").withArgs(s.host.address, 1, 0, K / 3n, 0, 0, K / 3n);
    await expect(execution).to.emit(s.slashing, "SlashExecuted").withArgs(1, s.host.address, s.anyone.address, K / 3n, 0, K / 3n, s.timelock);
    await expect(execution).to.changeTokenBalance(s.ethers, s.token, s.timelock, K / 3n);
    const [, aliceLeft] = await s.lens.stakeOf(s.host.address, s.alice.address);
    expect(aliceLeft).to.be.closeTo(K - half, 1n);
  });

  it("burns when governance chooses to, refunds the customer's fee first, and lets the guardian veto", async () => {
    const s = await setup();
    await hostWithContainer(s);
    await (await s.staking.connect(s.host).delegate(s.host.address, 2n * K)).wait();
    await s.gov(s.slashing, s.slashing.interface.encodeFunctionData("setBurn", [true]));
    await (await s.slashing.connect(s.slasher).propose(s.container, Kind.DowntimeReserve, id("evidence"), ATH("500"), s.customer.address)).wait();
    await (await s.slashing.connect(s.slasher).propose(s.container, Kind.Malicious, id("other"), 0, ZeroAddress)).wait();
    await expect(s.slashing.connect(s.anyone).veto(2))
      .to.be.revertedWithCustomError(s.slashing, "AccessControlUnauthorizedAccount").withArgs(s.anyone.address, await s.slashing.GUARDIAN_ROLE());
    await expect(s.slashing.connect(s.guardian).veto(2)).to.emit(s.slashing, "SlashVetoed").withArgs(2, s.guardian.address);
    await s.networkHelpers.time.increase(7 * DAY);
    await expect(s.slashing.execute(1)).to.changeTokenBalances(s.ethers, s.token, [s.customer.address, BURN], [ATH("500"), K / 3n]);
    await expect(s.slashing.execute(2)).to.be.revertedWithCustomError(s.slashing, "NotPending").withArgs(2, 2);
    expect((await s.staking.activePool(s.host.address)).assets).to.equal(2n * K - ATH("500") - K / 3n);
  });

  it("unstaking in the veto window doesn't escape the slash, and unbonded stake waits for it", async () => {
    const s = await setup();
    await hostWithContainer(s);
    await (await s.staking.connect(s.host).delegate(s.host.address, K)).wait();
    await (await s.staking.connect(s.alice).delegate(s.host.address, K)).wait();
    await (await s.staking.connect(s.bob).delegate(s.host.address, K)).wait();
    await (await s.staking.connect(s.bob).undelegate(s.host.address, K)).wait(); // request 1, long before the slash
    await s.networkHelpers.time.increase(175 * DAY);
    await (await s.slashing.connect(s.slasher).propose(s.container, Kind.Malicious, id("evidence"), 0, ZeroAddress)).wait();
    await expect(s.staking.connect(s.alice).undelegate(s.host.address, s.ethers.MaxUint256))
      .to.emit(s.staking, "Undelegated").withArgs(s.host.address, s.alice.address, 2, K, K, K, (await s.now()) + 1 + 180 * DAY);
    await expect(s.staking.connect(s.anyone).delegate(s.host.address, 1n))
      .to.be.revertedWithCustomError(s.staking, "HostHasPendingSlash").withArgs(s.host.address, 1);
    await s.networkHelpers.time.increase(6 * DAY); // bob's request has matured
    await expect(s.staking.connect(s.bob).withdraw(s.host.address, [1]))
      .to.be.revertedWithCustomError(s.staking, "HostHasPendingSlash").withArgs(s.host.address, 1);
    await s.networkHelpers.time.increase(DAY);
    await (await s.slashing.execute(1)).wait();
    // K out of 3K: everyone keeps two thirds, unbonding or not.
    expect((await s.lens.unbondingOf(s.host.address, s.alice.address, 2)).assets).to.be.closeTo((2n * K) / 3n, 1n);
    await expect(s.staking.connect(s.bob).withdraw(s.host.address, [1]))
      .to.emit(s.staking, "UnbondingWithdrawn").withArgs(s.host.address, s.bob.address, 1, (v: bigint) => v >= (2n * K) / 3n - 1n && v <= (2n * K) / 3n + 1n);
  });
});
