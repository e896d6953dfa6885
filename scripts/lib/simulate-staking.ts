// Holder staking and cloud-host staking and slashing (SPEC §7) on a local node, after the genesis simulation
// (scripts/lib/simulate-genesis.ts): holders stake ATH in the Gaming and AI pools with different locks (one with an
// EIP-2612 permit), the pools' weekly rewards are funded and earned, claimed and withdrawn; a host registers an H100
// (HPC, in an allowed region) and an RTX 4090 container, stakes for itself and two holders delegate; the keeper funds
// its reward stream; the licenses' current checkers sign 2N+1 Fail results for the H100 container, which are proven on
// the referee; anyone proposes the slash from that verdict; one delegator unstakes in the veto window (and can't
// withdraw while the slash is pending); a second, slasher-proposed slash is vetoed by the guardian; after the 7-day veto
// window the slash executes: the host's unreleased rewards first, then the active and unbonding stake pro rata, the
// penalty to the treasury. The main job and the end-to-end tests run it; the tests compare the indexer with the chain.
import {
  Contract,
  JsonRpcProvider,
  MaxUint256,
  Signature,
  Wallet,
  encodeBytes32String,
  id,
  parseEther,
  type Signer,
} from "ethers";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jobProof, refereeDomain, signResult, Verdict } from "./check-results.js";
import { cutoffOf } from "../referee/assignment.js";
import { commitSeed, prepareEpoch } from "../referee/service.js";
import { attestAccounts, countryCode } from "./compliance.js";
import type { Manifest } from "./manifest.js";
import { licenseOperatorKey, localKey } from "./simulate-rewards.js";
import { DAY, WEEK } from "./tokenomics.js";

const ATH = (x: string) => parseEther(x);

/** GPU classes of config/deploy-params.json's `staking` (coefficients in 1/10,000 of K). */
export const H100_CLASS = 1;
export const RTX4090_CLASS = 3;

export interface StakingPosition {
  account: string;
  positionId: bigint;
  poolId: bigint;
  /** ATH locked now (0 once withdrawn). */
  amount: bigint;
  lockWeeks: bigint;
  unlockWeek: bigint;
  withdrawn: boolean;
}

export interface StakingStory {
  actors: {
    /** Gaming pool, 4 weeks, then an add that relocks for 8 weeks; sends some stATH to dave. */
    alice: string;
    /** AI pool, 52 weeks, staked with a permit. */
    bob: string;
    /** AI pool, 1 week, withdrawn at unlock; approves erin to spend stATH. */
    carol: string;
    /** Delegates to the host (and holds stATH alice sent). */
    dave: string;
    /** Delegates to the host, then unstakes everything in the veto window: it is slashed all the same. */
    erin: string;
    host: string;
    /** HostStaking's distributor (signer 9). */
    keeper: string;
    /** Funded the holder pools' weeks (the airdrop beneficiary, signer 6). */
    funder: string;
    /** Where penalties go: the timelock (governance did not choose to burn). */
    treasury: string;
    /** Proposed the verdict slash and executed it (anyone may). */
    anyone: string;
  };
  pools: { gaming: bigint; ai: bigint };
  /** Week funding per pool: weeks firstWeek .. firstWeek + weeks - 1, ATH per week. */
  funding: { poolId: bigint; firstWeek: bigint; weeks: bigint; amountPerWeek: bigint }[];
  positions: StakingPosition[];
  /** stATH alice sent to dave, and carol's allowance to erin. */
  stathTransfer: bigint;
  stathAllowance: bigint;
  /** Holder rewards paid (ATH) per account, from RewardsPaid. */
  rewardsPaid: Record<string, bigint>;
  host: {
    address: string;
    /** Commission at registration, and the one scheduled later (effective 7 days after). */
    commissionBps: number;
    newCommissionBps: number;
    containers: { id: string; classId: number; region: string; coefficient: number }[];
    /** K x the coefficient sum. */
    requiredStake: bigint;
    /** What the host and the delegators staked before anything was slashed. */
    stakes: Record<string, bigint>;
    rewardsFunded: bigint;
    /** Host rewards claimed per account (the host's includes its commission). */
    rewardsClaimed: Record<string, bigint>;
  };
  unbonding: { account: string; id: bigint; amount: bigint; unlockAt: bigint };
  /** The custom error erin's withdrawal met while the slash was pending. */
  withdrawWhilePending: string;
  /** The H100's jobs proven Fail (k of them), their epoch and licenses; the forged proof's refusal. */
  verdict: { jobs: number[]; container: string; epoch: bigint; licenseIds: bigint[][]; forgedRefusal: string };
  slash: {
    id: bigint;
    container: string;
    /** 1/3 K x 2 (H100), fixed at proposal. */
    penalty: bigint;
    executeAfter: bigint;
    executedBlock: number;
    fromRewards: bigint;
    fromActive: bigint;
    fromUnbonding: bigint;
    refunded: bigint;
    /** The host's unreleased rewards right after the execution: zero, as a slash takes them before any stake. */
    unreleasedAfter: bigint;
    /** The host's active and unbonding pools' assets in the block before the execution. */
    activeBefore: bigint;
    unbondingBefore: bigint;
    /** The treasury's ATH balance change in the execution block. */
    treasuryGain: bigint;
  };
  vetoed: { id: bigint; container: string; penalty: bigint };
  /** Stake with the host after the slash (HostStakingLens), per account; erin's is her unbonding request's worth. */
  stakesAfter: Record<string, bigint>;
  /** Block of the story's last transaction. */
  lastBlock: number;
}

/** `refereeDir` holds the referee's files (its seeds' secrets, the assignment); a temporary folder by default. */
export async function simulateStaking(rpcUrl: string, manifest: Manifest, log: (line: string) => void = () => {}, refereeDir = mkdtempSync(join(tmpdir(), "aethir-referee-"))): Promise<StakingStory> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const accounts: string[] = await provider.send("eth_accounts", []);
  const signer = (i: number) => provider.getSigner(accounts[i]);
  const at = (name: string, s: Signer | JsonRpcProvider) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await p).wait() as Promise<{ blockNumber: number; logs: unknown[] } | null>;
  const now = async () => (await provider.getBlock("latest"))!.timestamp;
  const setTime = async (t: number) => {
    if ((await now()) < t) {
      await provider.send("evm_setNextBlockTimestamp", [t]);
      await provider.send("evm_mine", []);
    }
  };

  const [deployer, guardian, funder, kycSigner, slasher, keeper] = await Promise.all([0, 1, 6, 7, 8, 9].map(signer));
  // Fresh wallets with known keys, so that the story's balances are its own and a permit can be signed.
  const wallet = (name: string) => new Wallet(id(`aethir-staking-${name}`), provider);
  const [alice, bob, carol, dave, erin, host, anyone] = ["alice", "bob", "carol", "dave", "erin", "host", "anyone"].map(wallet);
  const token = at("AethirToken", provider);
  const pools = at("StakingPools", provider);
  const hosts = at("HostStaking", provider);
  const registry = at("HostRegistry", provider);
  const slashing = at("HostSlashing", provider);
  const lens = at("HostStakingLens", provider);
  const referee = at("CheckerReferee", provider);
  const license = at("CheckerLicense", provider);
  const athAddress = manifest.contracts.AethirToken.address;
  const poolsAddress = manifest.contracts.StakingPools.address;
  const hostsAddress = manifest.contracts.HostStaking.address;
  const treasury = manifest.contracts.Timelock.address;

  // ------------------------------------------------------------------ ATH for the actors
  const grants: [Wallet | Awaited<ReturnType<typeof signer>>, string][] = [
    [alice, "200000"], [bob, "300000"], [carol, "100000"], [dave, "100000"], [erin, "100000"], [host, "300000"], [keeper, "50000"],
  ];
  const needed = grants.reduce((s, [, a]) => s + ATH(a), 0n) + ATH("1000000");
  const funderBalance: bigint = await token.balanceOf(funder.address);
  if (funderBalance < needed) throw new Error(`the airdrop beneficiary ${funder.address} holds ${funderBalance} ATH wei, the story needs ${needed}`);
  log(`the airdrop beneficiary funds the actors (ATH) and the deployer gives them gas`);
  for (const [w] of grants) if (w instanceof Wallet) await send(deployer.sendTransaction({ to: w.address, value: parseEther("10") }));
  await send(deployer.sendTransaction({ to: anyone.address, value: parseEther("10") }));
  for (const [w, a] of grants) await send((token.connect(funder) as Contract).transfer(w.address, ATH(a)));

  // ------------------------------------------------------------------ holder staking
  const w0 = BigInt(await pools.currentWeek());
  const funding = [
    { poolId: 0n, firstWeek: w0 + 1n, weeks: 3n, amountPerWeek: ATH("7000") },
    { poolId: 1n, firstWeek: w0 + 1n, weeks: 3n, amountPerWeek: ATH("14000") },
  ];
  log(`the airdrop beneficiary funds weeks ${w0 + 1n}..${w0 + 3n} of the Gaming (7,000 ATH a week) and AI (14,000) pools`);
  await send((token.connect(funder) as Contract).approve(poolsAddress, ATH("63000")));
  for (const f of funding) await send((pools.connect(funder) as Contract).fund(f.poolId, athAddress, f.firstWeek, f.weeks, f.amountPerWeek));

  log("alice stakes 100,000 ATH in Gaming for 4 weeks; bob 200,000 in AI for 52 weeks with a permit; carol 50,000 in AI for 1 week");
  await send((token.connect(alice) as Contract).approve(poolsAddress, MaxUint256));
  await send((pools.connect(alice) as Contract).stake(0, ATH("100000"), 4));
  const chainId = (await provider.getNetwork()).chainId;
  const deadline = (await now()) + 3600;
  const permit = Signature.from(
    await bob.signTypedData(
      { name: "Aethir Token", version: "1", chainId, verifyingContract: athAddress },
      { Permit: [{ name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] },
      { owner: bob.address, spender: poolsAddress, value: ATH("200000"), nonce: await token.nonces(bob.address), deadline },
    ),
  );
  await send((pools.connect(bob) as Contract).stakeWithPermit(1, ATH("200000"), 52, deadline, permit.v, permit.r, permit.s));
  await send((token.connect(carol) as Contract).approve(poolsAddress, ATH("50000")));
  const carolRx = await send((pools.connect(carol) as Contract).stake(1, ATH("50000"), 1));
  const carolStaked = (carolRx!.logs as { address: string; topics: string[]; data: string }[])
    .map((l) => (l.address.toLowerCase() === poolsAddress.toLowerCase() ? pools.interface.parseLog(l) : null))
    .find((p) => p?.name === "Staked")!.args;
  const stathTransfer = ATH("5000");
  const stathAllowance = ATH("1234");
  await send((pools.connect(alice) as Contract).transfer(dave.address, stathTransfer));
  await send((pools.connect(carol) as Contract).approve(erin.address, stathAllowance));

  // ------------------------------------------------------------------ a host, its containers, delegators, rewards
  const containers = [
    { id: id("aethir-container-h100-de-1"), classId: H100_CLASS, region: countryCode("DE"), coefficient: 0 },
    { id: id("aethir-container-rtx4090-jp-1"), classId: RTX4090_CLASS, region: countryCode("JP"), coefficient: 0 },
  ];
  const commissionBps = 1_000;
  const newCommissionBps = 1_500;
  log("a host registers (10% commission) with an H100 container in DE and an RTX 4090 in JP");
  await send((hosts.connect(host) as Contract).registerHost(commissionBps));
  for (const c of containers) {
    await send((registry.connect(host) as Contract).registerContainer(c.id, c.classId, c.region));
    c.coefficient = Number((await registry.containerOf(c.id)).coefficient);
  }
  const requiredStake: bigint = await lens.requiredStake(host.address);
  const stakes: Record<string, bigint> = { [host.address]: requiredStake - ATH("80000"), [dave.address]: ATH("50000"), [erin.address]: ATH("30000") };
  // Claiming host rewards needs a valid KYC attestation from an unrestricted place (SPEC §6, §8); staking does not.
  log("the host and its delegators do KYC (DE, JP, FR), relayed by the deployer: claiming host rewards needs it");
  const compliance = at("ComplianceRegistry", deployer);
  for (const [w, country] of [[host, "DE"], [dave, "JP"], [erin, "FR"]] as const) await attestAccounts(compliance, kycSigner, [w.address], country);
  log(`the host stakes ${stakes[host.address]} wei; dave and erin delegate 50,000 and 30,000 ATH (required: ${requiredStake} wei)`);
  for (const w of [host, dave, erin]) {
    await send((token.connect(w) as Contract).approve(hostsAddress, MaxUint256));
    await send((hosts.connect(w) as Contract).delegate(host.address, stakes[w.address]));
  }
  const rewardsFunded = ATH("30000");
  log("the keeper funds the host's 30-day reward stream with 30,000 ATH; the host raises its commission to 15%");
  await send((token.connect(keeper) as Contract).approve(hostsAddress, rewardsFunded));
  await send((hosts.connect(keeper) as Contract).fundRewards(host.address, rewardsFunded));
  await send((hosts.connect(host) as Contract).setCommission(newCommissionBps));

  // ------------------------------------------------------------------ two weeks on: claims, withdrawal, relock
  await setTime(Number((w0 + 2n) * BigInt(WEEK)) + 2 * DAY);
  log("two weeks on: carol withdraws at unlock, alice and bob claim, alice adds 10,000 ATH and relocks for 8 weeks");
  const rewardsPaid: Record<string, bigint> = {};
  const paid = async (account: string, receipt: { logs: unknown[] } | null) => {
    for (const l of receipt!.logs as { address: string; topics: string[]; data: string }[]) {
      if (l.address.toLowerCase() !== poolsAddress.toLowerCase()) continue;
      const parsed = pools.interface.parseLog(l);
      if (parsed?.name === "RewardsPaid") rewardsPaid[account] = (rewardsPaid[account] ?? 0n) + (parsed.args.amounts as bigint[])[0];
    }
  };
  await paid(carol.address, await send((pools.connect(carol) as Contract).withdraw(0)));
  await paid(alice.address, await send((pools.connect(alice) as Contract).claim(0)));
  await paid(bob.address, await send((pools.connect(bob) as Contract).claim(0)));
  await paid(alice.address, await send((pools.connect(alice) as Contract).add(0, ATH("10000"), 8)));

  log("the host and dave claim their host rewards");
  const rewardsClaimed: Record<string, bigint> = {};
  for (const w of [host, dave]) {
    const before: bigint = await token.balanceOf(w.address);
    await send((hosts.connect(w) as Contract).claimRewards(host.address));
    rewardsClaimed[w.address] = (await token.balanceOf(w.address)) - before;
  }

  // ------------------------------------------------------------------ Fail verdicts proven on chain
  // The next epoch whose licenses and containers are frozen after the H100's registration: the referee posts its
  // assignment; the H100 is down, so its checkers' committed operators sign Fail; k of its jobs are proven.
  const h100 = containers[0];
  const refereeSigner = keeper; // locally, signer 9 holds both the referee's role and HostStaking's keeper role
  const epochNumber = Math.floor(((await now()) + 12 * 3_600 - manifest.tgeTimestamp) / DAY) + 1;
  const epoch = BigInt(epochNumber);
  await commitSeed({ manifest, referee: refereeSigner, epoch: epochNumber, outDir: refereeDir });
  await setTime(cutoffOf(manifest.tgeTimestamp, epochNumber));
  const prepared = await prepareEpoch({ provider, manifest, referee: refereeSigner, epoch: epochNumber, outDir: refereeDir, log, awaitBlock: () => provider.send("evm_mine", []) });
  await setTime(manifest.tgeTimestamp + epochNumber * DAY + 3_600);
  const k = Number(await slashing.minFailedJobs());
  const h100Jobs = prepared.jobs.filter((j) => j.container.toLowerCase() === h100.id.toLowerCase()).slice(0, k);
  if (h100Jobs.length < k) throw new Error(`the H100 has ${h100Jobs.length} jobs in epoch ${epoch}; a verdict-driven slash needs ${k}`);
  const domain = refereeDomain(manifest.contracts.CheckerReferee.address, chainId);
  // the operators: the one each license was delegated to by the checker work (simulate-rewards.ts), or a local account
  const localKeys = new Map(accounts.map((a, i) => [a.toLowerCase(), localKey(i)]));
  const keyOfOperator = async (licenseId: number, operator: string) => {
    const own = licenseOperatorKey(licenseId);
    const key = new Wallet(own).address.toLowerCase() === operator.toLowerCase() ? own : localKeys.get(operator.toLowerCase());
    if (!key) throw new Error(`no key for license ${licenseId}'s operator ${operator}`);
    return key;
  };
  // an attacker who owns licenses tries first: it signs Fail for the RTX 4090 container with its own licenses, which
  // the assignment did not give that job
  const rtxJob = prepared.jobs.find((j) => j.container.toLowerCase() === containers[1].id.toLowerCase())!;
  const forgedIds = Array.from({ length: 40 }, (_, i) => i + 1).filter((l) => !rtxJob.licenseIds.includes(l)).slice(0, 2 * Number(prepared.file.n) + 1);
  const forgedOperators = await Promise.all(forgedIds.map(async (l) => new Wallet(licenseOperatorKey(l)).address));
  const forgedLeaf = { ...rtxJob, licenseIds: forgedIds, operators: forgedOperators };
  const forged = await Promise.all(
    forgedIds.map(async (l) => signResult(new Wallet(licenseOperatorKey(l)), domain, { epoch, job: rtxJob.job, container: rtxJob.container, licenseId: l, verdict: Verdict.Fail, metricsHash: id(`forged-${l}`) })),
  );
  const forgedRefusal = await (referee.connect(anyone) as Contract).proveJob
    .staticCall(...jobProof(forgedLeaf, prepared.tree!.proof(rtxJob.job), forged))
    .then(() => "accepted", (e: { data?: string }) => referee.interface.parseError(e.data ?? "0x")?.name ?? String(e));
  if (forgedRefusal !== "NotInAssignment") throw new Error(`a forged Fail proof should be refused with NotInAssignment, got ${forgedRefusal}`);
  log(`a forged Fail proof for the RTX 4090 (licenses ${forgedIds.join(", ")}, not the job's) is refused: ${forgedRefusal}`);
  const verdictLicenses: bigint[][] = [];
  for (const leaf of h100Jobs) {
    const results = await Promise.all(
      leaf.licenseIds.map(async (l, i) => signResult(new Wallet(await keyOfOperator(l, leaf.operators[i])), domain, { epoch, job: leaf.job, container: leaf.container, licenseId: l, verdict: Verdict.Fail, metricsHash: id(`metrics-${leaf.job}-${l}`) })),
    );
    await send((referee.connect(anyone) as Contract).proveJob(...jobProof(leaf, prepared.tree!.proof(leaf.job), results)));
    verdictLicenses.push(leaf.licenseIds.map(BigInt));
  }
  log(`the committed operators of ${k} of the H100's jobs in epoch ${epoch} sign Fail; anyone proves the jobs on the referee`);
  const failed = Number(await referee.failedJobs(h100.id, epoch));
  if (failed !== k) throw new Error(`the referee counts ${failed} proven Fail jobs of the H100, not ${k}`);

  log("anyone proposes the downtime slash from the verdicts; erin unstakes everything in the veto window");
  await send((slashing.connect(anyone) as Contract).proposeFromVerdict(h100.id, epoch));
  const slashId: bigint = await slashing.proposalCount();
  const proposal = await slashing.proposal(slashId);
  const unbondingRx = await send((hosts.connect(erin) as Contract).undelegate(host.address, MaxUint256));
  let unbonding: StakingStory["unbonding"] | undefined;
  for (const l of unbondingRx!.logs as { address: string; topics: string[]; data: string }[]) {
    const parsed = l.address.toLowerCase() === hostsAddress.toLowerCase() ? hosts.interface.parseLog(l) : null;
    if (parsed?.name === "Undelegated") unbonding = { account: erin.address, id: parsed.args.id, amount: parsed.args.amount, unlockAt: parsed.args.unlockAt };
  }
  let withdrawWhilePending = "";
  try {
    await (hosts.connect(erin) as Contract).withdraw.staticCall(host.address, [unbonding!.id]);
  } catch (e) {
    withdrawWhilePending = hosts.interface.parseError((e as { data: string }).data)?.name ?? String(e);
  }
  if (withdrawWhilePending !== "HostHasPendingSlash") throw new Error(`erin's withdrawal should wait for the slash, got ${withdrawWhilePending}`);

  log("the slasher proposes an underperformance slash of the RTX 4090 container; the guardian vetoes it");
  await send((slashing.connect(slasher) as Contract).propose(containers[1].id, 3, id("aethir-staking-evidence"), 0, "0x0000000000000000000000000000000000000000"));
  const vetoedId: bigint = await slashing.proposalCount();
  const vetoedProposal = await slashing.proposal(vetoedId);
  await send((slashing.connect(guardian) as Contract).veto(vetoedId));

  // ------------------------------------------------------------------ the veto window passes; the slash executes
  const executeAfter = BigInt(proposal.executeAfter);
  await setTime(Number(executeAfter) - 1);
  const activeBefore: bigint = (await hosts.activePool(host.address)).assets;
  const unbondingBefore: bigint = (await hosts.unbondingPool(host.address)).assets;
  const treasuryBefore: bigint = await token.balanceOf(treasury);
  log(`7 days later anyone executes slash ${slashId}`);
  await provider.send("evm_setNextBlockTimestamp", [Number(executeAfter)]);
  const executed = await send((slashing.connect(anyone) as Contract).execute(slashId));
  const treasuryGain = ((await token.balanceOf(treasury)) as bigint) - treasuryBefore;
  let slashed: { fromRewards: bigint; fromActive: bigint; fromUnbonding: bigint; refunded: bigint } | undefined;
  for (const l of executed!.logs as { address: string; topics: string[]; data: string }[]) {
    const parsed = l.address.toLowerCase() === hostsAddress.toLowerCase() ? hosts.interface.parseLog(l) : null;
    if (parsed?.name === "Slashed") slashed = { fromRewards: parsed.args.fromRewards, fromActive: parsed.args.fromActive, fromUnbonding: parsed.args.fromUnbonding, refunded: parsed.args.refunded };
  }

  const unreleasedAfter = BigInt((await hosts.streamOf(host.address)).unreleased);
  const stakesAfter: Record<string, bigint> = {};
  for (const w of [host, dave]) stakesAfter[w.address] = (await lens.stakeOf(host.address, w.address))[1];
  stakesAfter[erin.address] = (await lens.unbondingOf(host.address, erin.address, unbonding!.id)).assets;

  const positions: StakingPosition[] = [];
  for (const w of [alice, bob, carol]) {
    const count = Number(await pools.positionCount(w.address));
    for (let p = 0; p < count; p++) {
      const pos = await pools.position(w.address, p);
      if (BigInt(pos.amount) === 0n && w === carol) {
        // withdrawn: the position is gone on chain; what carol had staked
        positions.push({ account: w.address, positionId: BigInt(p), poolId: carolStaked.poolId, amount: 0n, lockWeeks: carolStaked.lockWeeks, unlockWeek: carolStaked.unlockWeek, withdrawn: true });
      } else {
        positions.push({ account: w.address, positionId: BigInt(p), poolId: BigInt(pos.pool), amount: BigInt(pos.amount), lockWeeks: BigInt(pos.lockWeeks), unlockWeek: BigInt(pos.unlockWeek), withdrawn: false });
      }
    }
  }
  const lastBlock = await provider.getBlockNumber();
  provider.destroy();
  return {
    actors: { alice: alice.address, bob: bob.address, carol: carol.address, dave: dave.address, erin: erin.address, host: host.address, keeper: keeper.address, funder: funder.address, treasury, anyone: anyone.address },
    pools: { gaming: 0n, ai: 1n },
    funding,
    positions,
    stathTransfer,
    stathAllowance,
    rewardsPaid,
    host: {
      address: host.address,
      commissionBps,
      newCommissionBps,
      containers: containers.map((c) => ({ ...c })),
      requiredStake,
      stakes,
      rewardsFunded,
      rewardsClaimed,
    },
    unbonding: unbonding!,
    withdrawWhilePending,
    verdict: { jobs: h100Jobs.map((j) => j.job), container: h100.id, epoch, licenseIds: verdictLicenses, forgedRefusal },
    slash: {
      id: slashId,
      container: h100.id,
      penalty: BigInt(proposal.penalty),
      executeAfter,
      executedBlock: executed!.blockNumber,
      ...slashed!,
      unreleasedAfter,
      activeBefore,
      unbondingBefore,
      treasuryGain,
    },
    vetoed: { id: vetoedId, container: containers[1].id, penalty: BigInt(vetoedProposal.penalty) },
    stakesAfter,
    lastBlock,
  };
}
