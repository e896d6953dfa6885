// Cloud-host staking gas: delegate, undelegate, withdraw, rewards, and a slash of a host with 1, 100 and 1,000
// delegators (HostStaking's share pools make a slash O(1): it must cost the same whatever the count).
import type { NetworkConnection } from "hardhat/types/network";
import { AbiCoder, Wallet, encodeBytes32String, id, keccak256, parseEther, solidityPacked } from "ethers";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../scripts/lib/compliance.js";
import { jobProof, refereeDomain, signResult, Verdict } from "../scripts/lib/check-results.js";
import { computeAssignment } from "../scripts/referee/assignment.js";
import { deployGenesis } from "../scripts/lib/genesis.js";
import { readRawParams, resolveParams } from "../scripts/lib/params.js";
import { DAY } from "../scripts/lib/tokenomics.js";

const fmt = (g: bigint) => g.toLocaleString("en-US");
const ATH = (x: string) => parseEther(x);
const K = ATH("10000");
const COUNTS = [1, 100, 1_000];

export async function hostsSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [deployer, guardian] = signers;
  const funder = signers[6]; // the airdrop beneficiary: 25% of its bucket is released at TGE
  const licenseOwner = signers[7];
  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params, () => {}, { keepPoolAdmin: true });
  const at = genesis.contracts;
  const token = await ethers.getContractAt("AethirToken", at.AethirToken.address);
  const airdrop = await ethers.getContractAt("StepVesting", at.AirdropVesting.address);
  await (await airdrop["release(address)"](await token.getAddress())).wait();
  const enterprise = await ethers.getContractAt("LinearRewardPool", at.EnterpriseRewardPool.address);
  const treasury = at.Timelock.address;

  // The stack: compliance, a referee over five licenses of one owner, delegated to one operator (for a verdict-driven
  // slash), host staking with its registry, slashing (the deployer is its slasher) and the lens.
  const compliance = await ethers.deployContract("ComplianceRegistry", [deployer.address, DEFAULT_RESTRICTED.map(countryCode)]);
  const license = await ethers.deployContract("CheckerLicense", [deployer.address, await compliance.getAddress(), 0]);
  await (await license.grantRole(await license.MINTER_ROLE(), deployer.address)).wait();
  // license receivers and host-reward claimers need a valid attestation (docs/decisions.md, "Compliance registry")
  await (await compliance.grantRole(await compliance.KYC_SIGNER_ROLE(), deployer.address)).wait();
  await attestAccounts(compliance, deployer, [licenseOwner.address], "DE");
  await (await license.mint(licenseOwner.address, 5)).wait();
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  const operator = signers[9];
  await (await license.connect(licenseOwner).setUserBatch([1, 2, 3, 4, 5], operator.address, now + 10 ** 8)).wait();
  // The referee's epoch 0 starts now; the verdicts are of epoch 1, whose seed is committed before its cut-off (12 hours
  // from now), once the containers are registered.
  const referee = await ethers.deployContract("CheckerReferee", [
    deployer.address, deployer.address, guardian.address, await license.getAddress(), at.CheckerBaseRewardPool.address, at.CheckerBonusRewardPool.address, now,
  ]);
  const EPOCH = 1;
  const secret = id("hosts-bench-secret");
  await (await referee.commitSeed(EPOCH, keccak256(AbiCoder.defaultAbiCoder().encode(["uint64", "bytes32"], [EPOCH, secret])))).wait();
  const staking = await ethers.deployContract("HostStaking", [deployer.address, await token.getAddress(), await compliance.getAddress(), await enterprise.getAddress(), K]);
  const registry = await ethers.getContractAt("HostRegistry", await staking.registry());
  const slashing = await ethers.deployContract("HostSlashing", [deployer.address, guardian.address, deployer.address, await staking.getAddress(), await referee.getAddress(), treasury]);
  await (await staking.grantRole(await staking.SLASHER_ROLE(), await slashing.getAddress())).wait();
  await (await staking.grantRole(await staking.DISTRIBUTOR_ROLE(), deployer.address)).wait();
  await (await enterprise.grantRole(await enterprise.DISTRIBUTOR_ROLE(), await staking.getAddress())).wait();
  await (await registry.setGpuClass(1, 10_000, false, true)).wait();
  const stakingAddress = await staking.getAddress();
  await (await token.connect(funder).transfer(deployer.address, ATH("1000000"))).wait();
  await (await token.approve(stakingAddress, ethers.MaxUint256)).wait();
  // The treasury already holds ATH, so no measured slash pays for its balance's first write.
  await (await token.connect(funder).transfer(treasury, ATH("1"))).wait();

  const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) => (await (await tx).wait())!.gasUsed;
  let walletIndex = 0;
  /** A fresh account with ETH for gas, `amount` ATH and an approval of the staking contract. */
  const newAccount = async (amount: bigint) => {
    const wallet = new Wallet(keccak256(solidityPacked(["string", "uint256"], ["hosts-bench", walletIndex++])), ethers.provider);
    await networkHelpers.setBalance(wallet.address, 10n ** 18n);
    await (await token.connect(funder).transfer(wallet.address, amount)).wait();
    await (await token.connect(wallet).approve(stakingAddress, ethers.MaxUint256)).wait();
    return wallet;
  };

  // Three hosts, each with one 1x container, K of its own stake, 100 ATH of rewards streaming, and 1, 100 or 1,000
  // delegators of 100 ATH each.
  const hosts: { host: Wallet; container: string; delegators: Wallet[] }[] = [];
  const delegateGas: bigint[] = [];
  for (const [i, count] of COUNTS.entries()) {
    const host = await newAccount(K + ATH("100000"));
    const container = encodeBytes32String(`bench-container-${i}`);
    await (await staking.connect(host).registerHost(1_000)).wait();
    await (await registry.connect(host).registerContainer(container, 1, countryCode("DE"))).wait();
    await (await staking.connect(host).delegate(host.address, K)).wait();
    await (await staking.fundRewards(host.address, ATH("100"))).wait();
    const delegators: Wallet[] = [];
    for (let d = 0; d < count; d++) {
      const delegator = await newAccount(ATH("200"));
      const gas = await gasOf(staking.connect(delegator).delegate(host.address, ATH("100")));
      if (count === 1_000) delegateGas.push(gas);
      delegators.push(delegator);
    }
    hosts.push({ host, container, delegators });
  }
  const big = hosts[2];
  const topUp = await gasOf(staking.connect(big.delegators[0]).delegate(big.host.address, ATH("100")));
  const undelegatePart = await gasOf(staking.connect(big.delegators[1]).undelegate(big.host.address, ATH("40")));
  const undelegateAll = await gasOf(staking.connect(big.delegators[2]).undelegate(big.host.address, ethers.MaxUint256));
  // Every host also has stake unbonding, so each slash takes from both pools.
  for (const h of hosts) await (await staking.connect(h.host).undelegate(h.host.address, ATH("1000"))).wait();
  // Epoch 1's assignment: at its cut-off the seed is anchored and revealed, the jobs dealt by the assignment algorithm
  // from the frozen sets (the five licenses with their operator, the three containers) and the root posted; the day
  // below makes it final and starts the epoch.
  await networkHelpers.time.increaseTo(await referee.cutoffOf(EPOCH));
  await (await referee.anchorSeed(EPOCH)).wait();
  await (await referee.revealSeed(EPOCH, secret)).wait();
  const frozen = {
    cutoff: Number(await referee.cutoffOf(EPOCH)),
    licenses: [1, 2, 3, 4, 5].map((licenseId) => ({ licenseId, operator: operator.address.toLowerCase() })),
    containers: hosts.map((h) => h.container.toLowerCase()).sort(),
  };
  const assignment = computeAssignment(EPOCH, (await referee.seedOf(EPOCH)).seed, Number(await referee.n()), frozen);
  await (await referee.postAssignment(EPOCH, assignment.tree!.root, assignment.jobs.length, "bench://assignment")).wait();
  await networkHelpers.time.increase(DAY);
  await attestAccounts(compliance, deployer, [big.delegators[3].address], "DE");
  const claim = await gasOf(staking.connect(big.delegators[3]).claimRewards(big.host.address));
  const fund = await gasOf(staking.fundRewards(big.host.address, ATH("10")));
  const fromPool = await gasOf(staking.fundRewardsFromPool([big.host.address], [ATH("10")]));

  // Slashes: the slasher proposes a downtime slash (1/3 K: the unreleased rewards first, then both pools) of each
  // host; anyone executes them after the 7-day veto window.
  const proposals: bigint[] = [];
  const proposeGas: bigint[] = [];
  for (const h of hosts) {
    const tx = await slashing.propose(h.container, 0, id("evidence"), 0, ethers.ZeroAddress);
    proposeGas.push((await tx.wait())!.gasUsed);
    proposals.push(await slashing.proposalCount());
  }
  // A verdict-driven proposal: k = minFailedJobs jobs of the first host's container in epoch 1's assignment proven
  // Fail on chain (5 Fail results each, signed by the committed operator), then proposed by anyone.
  const domain = refereeDomain(await referee.getAddress(), (await ethers.provider.getNetwork()).chainId);
  const k = Number(await slashing.minFailedJobs());
  const failed = assignment.jobs.filter((j) => j.container === hosts[0].container.toLowerCase()).slice(0, k);
  const proveGas: bigint[] = [];
  for (const leaf of failed) {
    const results = await Promise.all(
      leaf.licenseIds.map((licenseId) =>
        signResult(operator, domain, { epoch: BigInt(EPOCH), job: leaf.job, container: leaf.container, licenseId: BigInt(licenseId), verdict: Verdict.Fail, metricsHash: id(`m${leaf.job}/${licenseId}`) }),
      ),
    );
    proveGas.push(await gasOf(referee.connect(signers[8]).proveJob(...jobProof(leaf, assignment.tree!.proof(leaf.job), results))));
  }
  const fromVerdict = await gasOf(slashing.connect(signers[8]).proposeFromVerdict(hosts[0].container, EPOCH));
  await networkHelpers.time.increase(7 * DAY);
  const executeGas: bigint[] = [];
  for (const p of proposals) executeGas.push(await gasOf(slashing.connect(signers[8]).execute(p)));
  await (await slashing.execute(await slashing.proposalCount())).wait();

  await networkHelpers.time.increase(180 * DAY);
  const withdraw = await gasOf(staking.connect(big.delegators[1]).withdraw(big.host.address, [1n]));

  const min = executeGas.reduce((a, b) => (a < b ? a : b));
  const max = executeGas.reduce((a, b) => (a > b ? a : b));
  const sorted = [...delegateGas].sort((a, b) => (a < b ? -1 : 1));
  return [
    "## Cloud-host staking: delegation and slashing",
    "",
    "HostStaking keeps each host's stake in two share pools, active and unbonding; a delegator holds shares, an unstake",
    "holds shares of the unbonding pool, and rewards stream into a per-share accumulator. A slash lowers the pools'",
    "assets (after the host's unreleased rewards) without visiting a delegator, so its gas does not depend on how many",
    "there are. Each host below has one 1x container, K = 10,000 ATH of its own stake, 1,000 ATH unbonding, a reward",
    "stream, and 100 ATH from each delegator; the slash is a downtime slash (1/3 K) taking the unreleased rewards",
    "first, then both pools pro rata, and paying the treasury.",
    "",
    "| delegators | `execute` (slash) gas | `propose` (slasher) gas |",
    "|---:|---:|---:|",
    ...COUNTS.map((c, i) => `| ${c.toLocaleString("en-US")} | ${fmt(executeGas[i])} | ${fmt(proposeGas[i])} |`),
    "",
    `Goal: a slash costs the same whatever the count. Measured: **${fmt(min)} to ${fmt(max)}** — ${max - min <= 100n ? "met" : "not met"}.`,
    "(The first `propose` ever also pays the proposal counter's first write, 17,100 gas more.)",
    "",
    "| operation | gas |",
    "|---|---:|",
    `| \`delegate\`, a new delegator (median of the 1,000, host with a reward stream) | ${fmt(sorted[sorted.length >> 1])} |`,
    `| \`delegate\`, a delegator's top-up | ${fmt(topUp)} |`,
    `| \`undelegate\`, part of a stake (a new unbonding request) | ${fmt(undelegatePart)} |`,
    `| \`undelegate\`, all of a stake | ${fmt(undelegateAll)} |`,
    `| \`withdraw\`, one matured request | ${fmt(withdraw)} |`,
    `| \`claimRewards\` | ${fmt(claim)} |`,
    `| \`fundRewards\` (pulled from the distributor) | ${fmt(fund)} |`,
    `| \`fundRewardsFromPool\`, one host (drawn from the Enterprise pool) | ${fmt(fromPool)} |`,
    `| \`proveJob\`, each of the k = ${k} Fail jobs of one container (5 Fail results; a ${assignment.jobs.length}-job assignment, proofs of ${assignment.tree!.depth} nodes) | ${proveGas.map(fmt).join(", ")} |`,
    `| \`proposeFromVerdict\` (${k} proven Fail jobs of the container in the epoch, anyone) | ${fmt(fromVerdict)} |`,
    "",
  ].join("\n");
}
