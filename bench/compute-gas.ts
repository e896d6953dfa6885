// Gas of ComputeRewards (issue 15) with proofs from a 100,000-leaf tree: a host's Enterprise amount pushed into its
// HostStaking reward stream (goal <= 90,000), an Edge owner's claim, the referee's postRoot and anyone's sync, next to
// the anchor measured in the same run: RewardClaims' claim with a proof from a 100,000-account tree (the "Claims"
// section's contract, through the full deployment).
import type { NetworkConnection } from "hardhat/types/network";
import { Wallet, keccak256, parseEther, solidityPacked } from "ethers";
import { attestAccounts, countryCode } from "../scripts/lib/compliance.js";
import { deployGenesis } from "../scripts/lib/genesis.js";
import { deployLicensing } from "../scripts/lib/licensing.js";
import { readRawParams, resolveParams } from "../scripts/lib/params.js";
import { deployRewards } from "../scripts/lib/rewards.js";
import { DAY } from "../scripts/lib/tokenomics.js";
import { buildComputeTree, type PoolAmounts } from "../scripts/referee/compute-rewards.js";
import { buildTree } from "../scripts/referee/tree.js";

const LEAVES = 100_000;
const GOAL = 90_000n;
const K = parseEther("10000");
const ENTERPRISE_CLASS = 1; // 1x
const EDGE_CLASS = 2; // 0.5x, marked Edge
const fmt = (g: bigint) => g.toLocaleString("en-US");
type Receipt = { wait(): Promise<{ gasUsed: bigint } | null> };
const gasOf = async (tx: Promise<Receipt>) => (await (await tx).wait())!.gasUsed;

export async function computeGasSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [deployer, guardian] = signers;
  const funder = signers[6]; // the airdrop beneficiary: 25% of its bucket is released at TGE
  const kycSigner = signers[7];
  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params, () => {}, { keepPoolAdmin: true });
  const ctx = { tgeTimestamp: genesis.tgeTimestamp, timelock: genesis.contracts.Timelock.address, guardian: params.guardian };
  const licensing = await deployLicensing(ethers, deployer, params.licensing, ctx, () => {}, { keepLicenseAdmin: true });
  const rewards = await deployRewards(ethers, deployer, params.rewards, { ...ctx, contracts: { ...genesis.contracts, ...licensing.contracts } });
  const at = { ...genesis.contracts, ...licensing.contracts, ...rewards };
  const token = await ethers.getContractAt("AethirToken", at.AethirToken.address);
  const airdrop = await ethers.getContractAt("StepVesting", at.AirdropVesting.address);
  await (await airdrop["release(address)"](await token.getAddress())).wait();
  const compliance = await ethers.getContractAt("ComplianceRegistry", at.ComplianceRegistry.address);

  // The compute stack as the deployment wires it: HostStaking on the Enterprise pool, ComputeRewards the distributor
  // of both compute pools and of HostStaking (the pools are the timelock's by now: impersonated to grant the roles).
  const staking = await ethers.deployContract("HostStaking", [deployer.address, at.AethirToken.address, at.ComplianceRegistry.address, at.EnterpriseRewardPool.address, K]);
  const registry = await ethers.getContractAt("HostRegistry", await staking.registry());
  await (await registry.setGpuClass(ENTERPRISE_CLASS, 10_000, false, true)).wait();
  await (await registry.setGpuClass(EDGE_CLASS, 5_000, false, true)).wait();
  const compute = await ethers.deployContract("ComputeRewards", [
    deployer.address, deployer.address, guardian.address, at.EdgeRewardPool.address, at.EnterpriseRewardPool.address,
    await staking.getAddress(), at.ComplianceRegistry.address, at.CheckerReferee.address, 0,
  ]);
  const computeAddress = await compute.getAddress();
  await (await compute.setEdgeClass(EDGE_CLASS, true)).wait();
  await (await staking.grantRole(await staking.DISTRIBUTOR_ROLE(), computeAddress)).wait();
  await networkHelpers.impersonateAccount(ctx.timelock);
  await networkHelpers.setBalance(ctx.timelock, 10n ** 18n);
  const timelock = await ethers.getSigner(ctx.timelock);
  for (const name of ["EdgeRewardPool", "EnterpriseRewardPool"]) {
    const pool = await ethers.getContractAt("LinearRewardPool", at[name].address);
    await (await pool.connect(timelock).grantRole(await pool.DISTRIBUTOR_ROLE(), computeAddress)).wait();
  }

  // Measured providers: four Enterprise hosts (one 1x container, K of their own stake, commission 10%) and four Edge
  // owners (one 0.5x Edge device, K/2 of their own stake), all KYC'd (an Edge claim needs it).
  const hosts = signers.slice(10, 14);
  const owners = signers.slice(14, 18);
  await attestAccounts(compliance, kycSigner, [...hosts, ...owners].map((s) => s.address), "DE");
  const stakingAddress = await staking.getAddress();
  for (const [i, s] of [...hosts, ...owners].entries()) {
    const edge = i >= hosts.length;
    const stake = edge ? K / 2n : K;
    await (await token.connect(funder).transfer(s.address, stake)).wait();
    await (await token.connect(s).approve(stakingAddress, stake)).wait();
    await (await staking.connect(s).registerHost(1_000)).wait();
    await (await registry.connect(s).registerContainer(keccak256(solidityPacked(["string", "uint256"], ["device", i])), edge ? EDGE_CLASS : ENTERPRISE_CLASS, countryCode("DE"))).wait();
    await (await staking.connect(s).delegate(s.address, stake)).wait();
  }

  // 100,000 leaves: the measured eight and 99,992 others with 1 ATH in one pool or the other. Epoch 1 raises every
  // measured leaf (a second push and claim, into a stream and a record that exist).
  const others = Array.from({ length: LEAVES - hosts.length - owners.length }, (_, i) => new Wallet(keccak256(solidityPacked(["string", "uint256"], ["compute-bench", i]))).address);
  const leavesOf = (epoch: number) => {
    const m = new Map<string, PoolAmounts>();
    const x = BigInt(epoch + 1);
    for (const h of hosts) m.set(h.address, { edge: 0n, enterprise: parseEther("1000") * x });
    for (const o of owners) m.set(o.address, { edge: parseEther("400") * x, enterprise: 0n });
    others.forEach((a, i) => m.set(a, i % 2 === 0 ? { edge: 0n, enterprise: parseEther("1") * x } : { edge: parseEther("1") * x, enterprise: 0n }));
    return m;
  };
  type Round = { post: bigint; sync: bigint; push: bigint[]; claim: bigint[] };
  const rounds: Round[] = [];
  let depth = 0;
  for (const epoch of [0, 1]) {
    const leaves = leavesOf(epoch);
    const tree = buildComputeTree(leaves);
    const totals = [...leaves.values()].reduce((s, l) => ({ edge: s.edge + l.edge, enterprise: s.enterprise + l.enterprise }), { edge: 0n, enterprise: 0n });
    const end = genesis.tgeTimestamp + (epoch + 1) * DAY;
    const latest = (await ethers.provider.getBlock("latest"))!.timestamp;
    const previousFinal = epoch === 0 ? 0 : Number((await compute.rootOf(epoch - 1)).finalAt);
    await networkHelpers.time.increaseTo(Math.max(end, previousFinal, latest + 1));
    const post = await gasOf(compute.postRoot(epoch, tree.root, totals.edge, totals.enterprise, `ipfs://compute/epoch-${epoch}`));
    await networkHelpers.time.increaseTo(Number((await compute.rootOf(epoch)).finalAt));
    const sync = await gasOf(compute.sync());
    const push: bigint[] = [];
    for (const h of hosts) {
      const l = leaves.get(h.address)!;
      const proof = tree.proof(h.address.toLowerCase())!;
      depth = proof.length;
      push.push(await gasOf(compute.connect(signers[19]).pushHostRewards(h.address, l.edge, l.enterprise, proof)));
    }
    const claim: bigint[] = [];
    for (const o of owners) {
      const l = leaves.get(o.address)!;
      claim.push(await gasOf(compute.connect(o).claimEdge(l.edge, l.enterprise, tree.proof(o.address.toLowerCase())!)));
    }
    rounds.push({ post, sync, push, claim });
  }

  // The anchor: RewardClaims' claim (180-day option) with a proof from a 100,000-account tree, as in "Claims".
  const claimers = signers.slice(10, 14);
  const referee = await ethers.getContractAt("CheckerReferee", at.CheckerReferee.address);
  const claims = await ethers.getContractAt("RewardClaims", at.RewardClaims.address);
  const checkerLeaves = new Map<string, bigint>([...claimers.map((c) => [c.address, parseEther("100")] as [string, bigint]), ...others.slice(0, LEAVES - claimers.length).map((a) => [a, parseEther("1")] as [string, bigint])]);
  const checkerTree = buildTree(checkerLeaves);
  const checkerTotal = [...checkerLeaves.values()].reduce((s, n) => s + n, 0n);
  await (await referee.connect(signers[9]).postRoot(0, checkerTree.root, checkerTotal, "")).wait();
  await networkHelpers.time.increase(DAY + 1);
  await (await claims.sync()).wait();
  const anchor: bigint[] = [];
  for (const c of claimers) anchor.push(await gasOf(claims.connect(c).claim(parseEther("100"), checkerTree.proof(c.address.toLowerCase())!, 0)));

  const all = rounds.flatMap((r) => r.push);
  const min = all.reduce((a, b) => (a < b ? a : b));
  const max = all.reduce((a, b) => (a > b ? a : b));
  const range = (g: bigint[]) => {
    const lo = g.reduce((a, b) => (a < b ? a : b));
    const hi = g.reduce((a, b) => (a > b ? a : b));
    return lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`;
  };
  const anchorMid = anchor.reduce((a, b) => a + b, 0n) / BigInt(anchor.length);
  const ratio = (g: bigint[]) => (Number(g.reduce((a, b) => a + b, 0n) / BigInt(g.length)) / Number(anchorMid)).toFixed(2);
  return [
    `## Compute rewards: a host's push and an Edge claim with a proof from a ${LEAVES.toLocaleString("en-US")}-leaf tree`,
    "",
    `ComputeRewards (contracts/compute/ComputeRewards.sol) over the full deployment's Edge and Enterprise/IDC pools, one`,
    `tree of ${LEAVES.toLocaleString("en-US")} leaves (account, cumulativeEdge, cumulativeEnterprise) built by the referee's`,
    "`buildComputeTree` (proofs of " + depth + " hashes). `pushHostRewards` (anyone, here an account in no leaf) verifies the leaf",
    "against the synced root, books the host's increase, and HostStaking pulls it into the host's reward stream (a",
    "release of what streamed so far, the stream rewritten); `claimEdge` checks the owner's KYC, verifies, books and",
    "transfers. Epoch 0's push opens the host's stream and its paid record; epoch 1's raises every measured leaf, so its",
    "push and claim write slots that already exist. The anchor is RewardClaims' `claim` (180-day option) with a proof",
    "from a 100,000-account tree, measured in the same run (the \"Claims\" section's contract).",
    "",
    "| call | epoch 0 (first) | epoch 1 (next) | / RewardClaims `claim` |",
    "|---|---:|---:|---:|",
    `| \`pushHostRewards\` (4 hosts) | ${range(rounds[0].push)} | ${range(rounds[1].push)} | ${ratio(all)}x |`,
    `| \`claimEdge\` (4 Edge owners) | ${range(rounds[0].claim)} | ${range(rounds[1].claim)} | ${ratio(rounds.flatMap((r) => r.claim))}x |`,
    `| \`postRoot\` (referee, once per epoch) | ${fmt(rounds[0].post)} | ${fmt(rounds[1].post)} | |`,
    `| \`sync\` (anyone, once per epoch: draws from both pools) | ${fmt(rounds[0].sync)} | ${fmt(rounds[1].sync)} | |`,
    `| anchor: RewardClaims \`claim\` (4 claimers, first) | ${range(anchor)} | | 1.00x |`,
    "",
    `Goal: at most ${fmt(GOAL)} gas per push. Measured: **${fmt(min)} to ${fmt(max)}** — ${max <= GOAL ? "met" : "not met"}.`,
    "",
  ].join("\n");
}
