// Holder staking gas: ours (StakingPools: locks, weights, up to 8 reward tokens, stATH receipt) next to Synthetix's
// StakingRewards (npm `synthetix`, compiled with solc 0.5.16 in the same build), both staking ATH and paying ATH
// rewards in the same run. Every row is a fresh or comparable account doing the same thing on both sides.
import type { NetworkConnection } from "hardhat/types/network";
import { Signature, parseEther, type Contract, type ContractTransactionResponse, type Signer } from "ethers";
import { deployGenesis } from "../scripts/lib/genesis.js";
import { readRawParams, resolveParams } from "../scripts/lib/params.js";
import { DAY, TOTAL_SUPPLY, WEEK } from "../scripts/lib/tokenomics.js";

const fmt = (g?: bigint) => (g === undefined ? "—" : g.toLocaleString("en-US"));
const ratio = (a?: bigint, b?: bigint) => (a === undefined || b === undefined ? "—" : `${(Number(a) / Number(b)).toFixed(2)}x`);

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

type Row = { op: string; one?: bigint; two?: bigint; snx?: bigint; note?: string };

export async function stakingSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [deployer, , , , , , airdrop] = signers;
  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params);
  const ath = await ethers.getContractAt("AethirToken", genesis.contracts.AethirToken.address);
  const athAddress = await ath.getAddress();
  // Holders get ATH the way real ones do: from the airdrop bucket's TGE step.
  const airdropWallet = await ethers.getContractAt("StepVesting", genesis.contracts.AirdropVesting.address);
  await (await airdropWallet["release(address)"](athAddress)).wait();
  await (await ath.connect(airdrop).transfer(deployer.address, parseEther("100000000"))).wait();

  const staking = await ethers.deployContract("StakingPools", [deployer.address, deployer.address, athAddress]);
  const stakingAddress = await staking.getAddress();
  const partner = await ethers.deployContract("OZPlainERC20", [deployer.address, TOTAL_SUPPLY]);
  const snx = (await ethers.deployContract("StakingRewards", [deployer.address, deployer.address, athAddress, athAddress])) as unknown as Contract;
  const snxAddress = await snx.getAddress();

  // Pool 0 pays ATH only (like StakingRewards); pool 1 pays ATH and a partner token.
  await (await staking.createPool("Gaming", [athAddress])).wait();
  await (await staking.createPool("AI", [athAddress, await partner.getAddress()])).wait();
  const perWeek = parseEther("1000000");
  await (await ath.approve(stakingAddress, 2n * 4n * perWeek)).wait();
  await (await partner.approve(stakingAddress, 4n * perWeek)).wait();
  const week0 = Number(await staking.currentWeek());
  for (const pool of [0, 1]) await (await staking.fund(pool, athAddress, week0 + 1, 4, perWeek)).wait();
  await (await staking.fund(1, await partner.getAddress(), week0 + 1, 4, perWeek)).wait();

  // Accounts: a warm-up staker on each side, then fresh accounts per measured row (mirrored on both sides).
  const people = signers.slice(10, 18);
  const stake = parseEther("10000");
  for (const p of people) await (await ath.connect(airdrop).transfer(p.address, 10n * stake)).wait();
  const [warm, a1, a2, b1, b2, s1, s2, s3] = people;

  // Week 1 starts: the first transaction of a week in a pool crosses the boundary (measured once per pool);
  // StakingRewards gets one week of rewards at the same moment.
  await networkHelpers.time.increaseTo((week0 + 1) * WEEK + 3600);
  const cross0 = await gas(staking.checkpoint(0, 10));
  const cross1 = await gas(staking.checkpoint(1, 10));
  await (await ath.transfer(snxAddress, perWeek)).wait();
  await (await snx.notifyRewardAmount(perWeek)).wait();

  const approve = async (who: Signer, spender: string, amount = stake) => gas(ath.connect(who).approve(spender, amount));
  await approve(warm, stakingAddress, 2n * stake);
  await approve(warm, snxAddress);
  await gas(staking.connect(warm).stake(0, stake, 52));
  await gas(staking.connect(warm).stake(1, stake, 52));
  await gas((snx.connect(warm) as Contract).stake(stake));

  const rows: Row[] = [];
  const put = (op: string, key: "one" | "two" | "snx", g: bigint, note?: string) => {
    let row = rows.find((r) => r.op === op);
    if (row === undefined) rows.push((row = { op }));
    row[key] = g;
    if (note) row.note = note;
  };
  // New stakers (first stake of the account; ATH approved beforehand on both sides). One-week locks, so they
  // unlock at the start of week 3 (the first boundary at least a week away).
  await approve(a1, stakingAddress);
  await approve(a2, stakingAddress);
  await approve(s1, snxAddress);
  put("stake: new staker (ATH approved)", "one", await gas(staking.connect(a1).stake(0, stake, 1)));
  put("stake: new staker (ATH approved)", "two", await gas(staking.connect(a2).stake(1, stake, 1)));
  put("stake: new staker (ATH approved)", "snx", await gas((snx.connect(s1) as Contract).stake(stake)));

  // One transaction with an EIP-2612 permit (ours) against approve + stake (StakingRewards has no permit path).
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const permit = async (who: Signer, amount: bigint) => {
    const owner = await who.getAddress();
    const deadline = 2n ** 40n;
    const domain = { name: await ath.name(), version: "1", chainId, verifyingContract: athAddress };
    const types = { Permit: [
      { name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] };
    const sig = Signature.from(await who.signTypedData(domain, types, { owner, spender: stakingAddress, value: amount, nonce: await ath.nonces(owner), deadline }));
    return { deadline, v: sig.v, r: sig.r, s: sig.s };
  };
  {
    const p1 = await permit(b1, stake);
    put("stake with permit: new staker, one tx (Synthetix: approve + stake)", "one", await gas(staking.connect(b1).stakeWithPermit(0, stake, 1, p1.deadline, p1.v, p1.r, p1.s)));
    const p2 = await permit(b2, stake);
    put("stake with permit: new staker, one tx (Synthetix: approve + stake)", "two", await gas(staking.connect(b2).stakeWithPermit(1, stake, 1, p2.deadline, p2.v, p2.r, p2.s)));
    const g = (await approve(s2, snxAddress)) + (await gas((snx.connect(s2) as Contract).stake(stake)));
    put("stake with permit: new staker, one tx (Synthetix: approve + stake)", "snx", g);
  }
  // A returning staker: a second position (ours) / a second stake into the same balance (StakingRewards).
  await approve(a1, stakingAddress);
  await approve(a2, stakingAddress);
  await approve(s1, snxAddress);
  put("stake: returning staker (second position)", "one", await gas(staking.connect(a1).stake(0, stake, 1)));
  put("stake: returning staker (second position)", "two", await gas(staking.connect(a2).stake(1, stake, 1)));
  put("stake: returning staker (second position)", "snx", await gas((snx.connect(s1) as Contract).stake(stake)));

  // A day later, in the same week: claims.
  await networkHelpers.time.increase(DAY);
  put("claim: rewards of one day, same week", "one", await gas(staking.connect(a1).claim(0)));
  put("claim: rewards of one day, same week", "two", await gas(staking.connect(a2).claim(0)));
  put("claim: rewards of one day, same week", "snx", await gas((snx.connect(s1) as Contract).getReward()));

  // The same stakers claim again a day later: now they hold every reward token already (no fresh balance slot).
  await networkHelpers.time.increase(DAY);
  put("claim again a day later (recipient holds the reward tokens)", "one", await gas(staking.connect(a1).claim(0)));
  put("claim again a day later (recipient holds the reward tokens)", "two", await gas(staking.connect(a2).claim(0)));
  put("claim again a day later (recipient holds the reward tokens)", "snx", await gas((snx.connect(s1) as Contract).getReward()));

  // Add to a position (ours relocks it for a week from now and pays its rewards so far) / top up (StakingRewards).
  await networkHelpers.time.increase(DAY);
  await approve(b1, stakingAddress);
  await approve(b2, stakingAddress);
  await approve(s2, snxAddress);
  put("add to a position (pays its rewards so far)", "one", await gas(staking.connect(b1).add(0, stake, 1)));
  put("add to a position (pays its rewards so far)", "two", await gas(staking.connect(b2).add(0, stake, 1)));
  put("add to a position (pays its rewards so far)", "snx", await gas((snx.connect(s2) as Contract).stake(stake)));

  // Week 3: the one-week positions have unlocked. The boundaries are crossed first (once per pool and week).
  await networkHelpers.time.increaseTo((week0 + 3) * WEEK + 3600);
  const crossAgain0 = await gas(staking.checkpoint(0, 10));
  await gas(staking.checkpoint(1, 10));
  await (await ath.transfer(snxAddress, perWeek)).wait();
  await (await snx.notifyRewardAmount(perWeek)).wait();
  put("claim: rewards of earlier weeks (position unlocked)", "one", await gas(staking.connect(a1).claim(1)));
  put("claim: rewards of earlier weeks (position unlocked)", "two", await gas(staking.connect(a2).claim(1)));
  put("claim: rewards of earlier weeks (position unlocked)", "snx", await gas((snx.connect(s1) as Contract).getReward()));
  // a1's position 1 is settled: withdraw only returns ATH. StakingRewards' withdraw of the same balance.
  put("withdraw: rewards already claimed", "one", await gas(staking.connect(a1).withdraw(1)));
  put("withdraw: rewards already claimed", "two", await gas(staking.connect(a2).withdraw(1)));
  put("withdraw: rewards already claimed", "snx", await gas((snx.connect(s1) as Contract).withdraw(stake)));
  // Withdraw that also pays what is unclaimed (ours always does) against StakingRewards' exit (withdraw + getReward).
  await approve(s3, snxAddress);
  await gas((snx.connect(s3) as Contract).stake(stake));
  await networkHelpers.time.increase(DAY);
  put("withdraw + pay unclaimed rewards (Synthetix: exit)", "one", await gas(staking.connect(a1).withdraw(0)));
  put("withdraw + pay unclaimed rewards (Synthetix: exit)", "two", await gas(staking.connect(a2).withdraw(0)));
  put("withdraw + pay unclaimed rewards (Synthetix: exit)", "snx", await gas((snx.connect(s3) as Contract).exit()));

  // The goal (stake, withdraw, claim at or below StakingRewards), row by row, with the reason where it is missed.
  const row = (op: string) => rows.find((x) => x.op === op)!;
  const verdict = (op: string, key: "one" | "two") => {
    const r = row(op);
    return `${ratio(r[key], r.snx)} ${r[key]! <= r.snx! ? "met" : "**not met**"}`;
  };
  const stakeOp = "stake: new staker (ATH approved)";
  const claimOp = "claim: rewards of one day, same week";
  const claimAgainOp = "claim again a day later (recipient holds the reward tokens)";
  const claimOldOp = "claim: rewards of earlier weeks (position unlocked)";
  const withdrawOp = "withdraw: rewards already claimed";
  const goalLines = [
    `- stake: ${verdict(stakeOp, "one")} (ATH pool), ${verdict(stakeOp, "two")} (two-token pool); with a permit in one`,
    `  transaction ${ratio(row("stake with permit: new staker, one tx (Synthetix: approve + stake)").one, row("stake with permit: new staker, one tx (Synthetix: approve + stake)").snx)} of StakingRewards' approve + stake.`,
    `- withdraw: ${verdict(withdrawOp, "one")} (either pool).`,
    `- claim, pool paying ATH only: ${verdict(claimOp, "one")} (same week), ${verdict(claimAgainOp, "one")} (again), ${verdict(claimOldOp, "one")} (earlier weeks).`,
    `- claim, pool paying two tokens: ${verdict(claimAgainOp, "two")} for a holder of both tokens within the week;`,
    `  ${verdict(claimOldOp, "two")} when the claim reaches back into earlier weeks, ${verdict(claimOp, "two")} on an account's first`,
    "  receipt of the partner token. The second token is a second ERC-20 transfer that StakingRewards, paying one",
    `  token, never makes: ${fmt(row(claimAgainOp).two! - row(claimAgainOp).one!)} gas for a holder, ${fmt(row(claimOp).two! - row(claimOp).one!)} for a first receipt (the partner`,
    "  token writes a new balance slot); a claim reaching back into earlier weeks also reads those weeks' accrual and",
    `  funding per token (${fmt(row(claimOldOp).one! - row(claimOp).one!)} gas with one token). Divided by the tokens paid, every claim is below StakingRewards'.`,
  ];

  return [
    "## Holder staking: StakingPools next to Synthetix StakingRewards",
    "",
    "Both stake ATH and pay ATH rewards streamed over a week. Ours adds locks of 1 to 208 weeks with weights, expiry of",
    "weight at unlock, up to 8 reward tokens per pool and the stATH receipt (minted and burned with the stake).",
    "Synthetix' StakingRewards v2.27.2 is compiled from its npm package with solc 0.5.16 (optimizer 10,000 runs) and",
    "measured in the same run; its ReentrancyGuard is OpenZeppelin 2.3's counter.",
    "",
    "| operation | ours: pool with ATH | ours: pool with ATH + partner token | Synthetix StakingRewards | ours (ATH) / Synthetix | ours (2 tokens) / Synthetix |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.op} | ${fmt(r.one)} | ${fmt(r.two)} | ${fmt(r.snx)} | ${ratio(r.one, r.snx)} | ${ratio(r.two, r.snx)} |`),
    "",
    `Once per pool and week, the first transaction crosses the week boundary (ends the week's accumulator, carries what`,
    `it could not credit, records the accrual the week's positions will need): ${fmt(cross0)} gas for the ATH pool and`,
    `${fmt(cross1)} for the two-token pool at the first boundary, ${fmt(crossAgain0)} for two boundaries later (the ATH pool).`,
    `Anyone can pay it with \`checkpoint\`; otherwise the week's first stake, claim or withdrawal does. StakingRewards has`,
    "no such step but its owner must call `notifyRewardAmount` every period.",
    "",
    "Goal: stake, withdraw and claim at or below StakingRewards' gas. Measured:",
    "",
    ...goalLines,
    "",
  ].join("\n");
}
