// Holder governance gas: ours (AethirGovernor: ATH + stATH votes, quorum of the measured voting supply, proposal
// guardian) next to OpenZeppelin's standard governor over the plain ATH votes (bench/contracts/OZPlainGovernor.sol),
// both with their own TimelockController, in the same run. The same accounts vote on both, so the ATH checkpoints
// each governor reads are the same; the stATH voters also hold as many stATH checkpoints as ATH ones.
import type { NetworkConnection } from "hardhat/types/network";
import { id, parseEther, type Contract, type ContractTransactionResponse } from "ethers";
import { deployGenesis } from "../scripts/lib/genesis.js";
import { readRawParams, resolveParams } from "../scripts/lib/params.js";
import { BUCKETS } from "../scripts/lib/tokenomics.js";

const fmt = (g?: bigint) => (g === undefined ? "—" : g.toLocaleString("en-US"));
const ratio = (a?: bigint, b?: bigint) => (a === undefined || b === undefined ? "—" : `${(Number(a) / Number(b)).toFixed(2)}x`);
const CHECKPOINTS = 4;
const TIMELOCK_DELAY = 3600;

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

type Row = { op: string; ours?: bigint; plain?: bigint };

export async function governanceSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [deployer, , , , , , airdrop] = signers;
  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params);
  const ath = (await ethers.getContractAt("AethirToken", genesis.contracts.AethirToken.address)) as unknown as Contract;
  const athAddress = await ath.getAddress();
  const airdropWallet = await ethers.getContractAt("StepVesting", genesis.contracts.AirdropVesting.address);
  await (await airdropWallet["release(address)"](athAddress)).wait();

  const staking = (await ethers.deployContract("StakingPools", [deployer.address, deployer.address, athAddress])) as unknown as Contract;
  const stakingAddress = await staking.getAddress();
  await (await staking.createPool("Gaming", [athAddress])).wait();

  const timelock = async () => {
    const t = (await ethers.deployContract("TimelockController", [TIMELOCK_DELAY, [], [], deployer.address])) as unknown as Contract;
    return t;
  };
  const [ourLock, plainLock] = [await timelock(), await timelock()];
  const nonVoting = [...BUCKETS.map((b) => genesis.contracts[b.name].address), genesis.contracts.Timelock.address, await ourLock.getAddress()];
  const ours = (await ethers.deployContract("AethirGovernor", [
    athAddress, stakingAddress, await ourLock.getAddress(), deployer.address, nonVoting, 86_400, 7 * 86_400, parseEther("1000000"), 400,
  ])) as unknown as Contract;
  // the plain governor's quorum is 1% of the total supply (420M ATH): the most the bench's voters can reach
  const plain = (await ethers.deployContract("OZPlainGovernor", [athAddress, await plainLock.getAddress(), 86_400, 7 * 86_400, parseEther("1000000"), 1])) as unknown as Contract;
  for (const [lock, gov] of [[ourLock, ours], [plainLock, plain]] as const) {
    for (const role of ["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"]) await (await lock.grantRole(id(role), await gov.getAddress())).wait();
  }

  // Voters: the proposer, an ATH-only voter and two ATH + stATH voters; each gets CHECKPOINTS ATH checkpoints
  // (delegation, then transfers in) and the stATH voters as many stATH checkpoints (delegation, then stakes).
  const [proposer, athVoter, stVoter, reasonVoter] = signers.slice(10, 14);
  const share = parseEther("150000000");
  for (const v of [proposer, athVoter, stVoter, reasonVoter]) {
    await (await (ath.connect(v) as Contract).delegate(v.address)).wait();
    for (let i = 1; i < CHECKPOINTS; i++) await (await (ath.connect(airdrop) as Contract).transfer(v.address, share / BigInt(CHECKPOINTS - 1))).wait();
  }
  for (const v of [stVoter, reasonVoter]) {
    await (await (staking.connect(v) as Contract).delegate(v.address)).wait();
    await (await (ath.connect(v) as Contract).approve(stakingAddress, share)).wait();
    for (let i = 1; i < CHECKPOINTS; i++) await (await (staking.connect(v) as Contract).stake(0, parseEther("10000000"), 4)).wait();
  }
  await networkHelpers.mine(1);

  const rows: Row[] = [];
  const put = (op: string, key: "ours" | "plain", g: bigint) => {
    let row = rows.find((r) => r.op === op);
    if (row === undefined) rows.push((row = { op }));
    row[key] = g;
  };

  // The proposal: each governor's timelock updates its own delay (a real parameter, same on both sides).
  const proposals = await Promise.all(
    ([["ours", ours, ourLock], ["plain", plain, plainLock]] as const).map(async ([key, gov, lock]) => {
      const targets = [await lock.getAddress()];
      const values = [0n];
      const calldatas = [lock.interface.encodeFunctionData("updateDelay", [TIMELOCK_DELAY])];
      const description = `Keep the ${key} timelock's delay at one hour`;
      return { key, gov, targets, values, calldatas, description, descriptionHash: id(description) };
    }),
  );
  for (const p of proposals) put("`propose` (one call)", p.key, await gas((p.gov.connect(proposer) as Contract).propose(p.targets, p.values, p.calldatas, p.description)));
  await networkHelpers.time.increase(86_400 + 1);
  const pid = async (p: (typeof proposals)[number]) => p.gov.getProposalId(p.targets, p.values, p.calldatas, p.descriptionHash);
  for (const p of proposals) {
    const proposalId = await pid(p);
    put("`castVote`, voter with ATH only", p.key, await gas((p.gov.connect(athVoter) as Contract).castVote(proposalId, 1)));
    put("`castVote`, voter with ATH + stATH (plain: its ATH only)", p.key, await gas((p.gov.connect(stVoter) as Contract).castVote(proposalId, 1)));
    put("`castVoteWithReason`, ATH + stATH, 40-character reason", p.key, await gas((p.gov.connect(reasonVoter) as Contract).castVoteWithReason(proposalId, 1, "Stakers need this: the delay stays 1 h.")));
    await (await (p.gov.connect(proposer) as Contract).castVote(proposalId, 1)).wait();
  }
  await networkHelpers.time.increase(7 * 86_400 + 1);
  for (const p of proposals) put("`queue` (into the timelock)", p.key, await gas(p.gov.queue(p.targets, p.values, p.calldatas, p.descriptionHash)));
  await networkHelpers.time.increase(TIMELOCK_DELAY + 1);
  for (const p of proposals) put("`execute` (through the timelock)", p.key, await gas(p.gov.execute(p.targets, p.values, p.calldatas, p.descriptionHash)));

  const vote = rows.find((r) => r.op.startsWith("`castVote`, voter with ATH + stATH"))!;
  const voteRatio = Number(vote.ours) / Number(vote.plain);
  return [
    "## Holder governance: AethirGovernor next to OpenZeppelin's standard governor",
    "",
    "Both governors propose into their own TimelockController (1 h delay), with a 1-day voting delay, a 7-day period and a",
    `1M ATH threshold; the proposal updates the timelock's own delay. The same accounts vote on both, each with ${CHECKPOINTS - 1} ATH`,
    `checkpoints (transfers in after delegating); the stATH voters then staked ${CHECKPOINTS - 1} times (${CHECKPOINTS - 1} stATH checkpoints, ${CHECKPOINTS - 1} more ATH ones). Ours adds the stATH lookup to every vote and measures`,
    "the voting supply at `propose` (" + nonVoting.length + " non-voting balances read); the plain one reads the token's total supply checkpoint at the vote.",
    "",
    "| operation | ours | OZ Governor (plain ATH votes) | ours / plain |",
    "|---|---:|---:|---:|",
    ...rows.map((r) => `| ${r.op} | ${fmt(r.ours)} | ${fmt(r.plain)} | ${ratio(r.ours, r.plain)} |`),
    "",
    `Goal: \`castVote\` with staked ATH counting ≤ 1.2x the plain governor's: ${voteRatio.toFixed(2)}x, ${voteRatio <= 1.2 ? "met" : "**not met**"}.`,
    "",
  ].join("\n");
}
