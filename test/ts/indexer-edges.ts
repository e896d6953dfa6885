// The chain actions behind test/ts/indexer-edges.checks.ts: every indexed event the simulations never emit, on new
// actors and objects, after the story of scripts/lib/simulate-*.ts. Governance goes through the local timelock
// (schedule, warp past the delay, execute); time moves with evm_setNextBlockTimestamp.
//
// - licenses: the ban admin bans a license and lifts the ban; an owner approves one license to a spender who then
//   moves it (the approval clears without an event), approves another and clears a third's approval; approves two
//   operators for all and withdraws one; governance sets the metadata base URI.
// - KYC and claims: a new account is attested; the referee posts a root (with its report) that gives it a leaf, the
//   claims contract syncs it, the account claims into a 180-day entry, and the slasher (granted the claims contract's
//   SLASHER_ROLE by governance) forfeits the entry; the KYC signer revokes the attestation; governance restricts a
//   country two new accounts were attested in and clears one's record, which is then attested in DE; the referee posts
//   the next epoch's root raising the account's leaf, and the guardian vetoes it.
// - hosts: governance adds a GPU class (not HPC), burns penalties and shortens the unbonding period; a new host
//   registers three containers (the new class in a restricted region and in an open one, and an A100) and stakes with
//   two delegators; governance makes the class HPC at three times the coefficient, then anyone syncs one container
//   and evicts the geofenced one, and the host deregisters the A100; one delegator unbonds everything and withdraws
//   after the period; the other unbonds part; the slasher's malicious-behaviour slash (K x the synced coefficient,
//   more than the host's whole stake) executes after the veto window, wiping both pools and burning the penalty; the
//   wiped unbonding request is withdrawn for nothing; the host stakes again into the new pool generation.
// - holder staking: a week of the pool whose positions unlock first is funded after they have all unlocked, so nobody
//   earns it and it is carried into the next week, where a new holder locks for a week; after the unlock the holder
//   withdraws in an emergency, forfeiting its rewards to the next week, which nobody earns either and is carried on.
import { Contract, JsonRpcProvider, MaxUint256, Wallet, ZeroAddress, id, parseEther, type ContractRunner, type LogDescription } from "ethers";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { attestAccounts, countryCode, signAttestation } from "../../scripts/lib/compliance.js";
import { executeViaTimelock } from "../../scripts/lib/governance.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { DAY, WEEK } from "../../scripts/lib/tokenomics.js";
import { buildTree } from "../../scripts/referee/tree.js";

const ATH = (x: string) => parseEther(x);
/** IHostSlashing.Kind.Malicious: K x the container's coefficient. */
const MALICIOUS = 2;
/** IRewardClaims.Option.Full180Days. */
const FULL_180_DAYS = 0;
/** The country governance adds to the restricted list in the edges (attested accounts in it become restricted). */
export const LISTED_COUNTRY = "NZ";

export interface EdgeStory {
  /** Timelock operations executed (their ids). */
  governanceOps: string[];
  /** Signer 8: ban admin, HostSlashing's slasher, and the claims contract's slasher by governance's grant. */
  slasher: string;
  licenses: {
    owner: string;
    /** Banned by the ban admin, then unbanned; approved to `spender` afterwards. */
    unbanned: bigint;
    /** Approved to `spender`, who moved it to `movedTo`. */
    moved: bigint;
    movedTo: string;
    /** Approved to another address, then the approval cleared. */
    cleared: bigint;
    spender: string;
    /** Approved for all of `owner`'s licenses, and approved then revoked. */
    operatorKept: string;
    operatorRevoked: string;
    baseURI: string;
  };
  /** The account attested, given a leaf, claimed, forfeited and revoked. */
  claimer: string;
  /** Attested in LISTED_COUNTRY before governance restricted it: its row turns restricted. */
  kycListed: string;
  /** Attested in LISTED_COUNTRY, its record cleared by governance after the restriction, then attested in DE. */
  kycMover: string;
  referee: {
    /** Posted and final: the claimer's leaf is `leaf`. */
    postedEpoch: bigint;
    /** Posted with the claimer's leaf at `vetoedLeaf`, then vetoed. */
    vetoedEpoch: bigint;
    leaf: bigint;
    vetoedLeaf: bigint;
  };
  claims: { entryId: bigint };
  host: {
    address: string;
    delegators: string[];
    edgeClass: number;
    containers: { evicted: string; deregistered: string; synced: string };
    slashId: bigint;
    /** Withdrawn after the unbonding period, before the slash. */
    withdrawnRequest: bigint;
    /** Unbonding when the slash wiped the unbonding pool, withdrawn afterwards (for nothing). */
    wipedRequest: bigint;
  };
  holder: {
    account: string;
    poolId: bigint;
    positionId: bigint;
    /** The funded week nobody staked in, and what was funded for it. */
    idleWeek: bigint;
    funding: bigint;
  };
}

type Receipt = { logs: readonly { address: string; topics: readonly string[]; data: string }[]; blockNumber: number };

/** The events `c` emitted in `receipt`. */
function eventsOf(c: Contract, receipt: Receipt | null): LogDescription[] {
  const address = String(c.target).toLowerCase();
  return (receipt?.logs ?? [])
    .filter((l) => l.address.toLowerCase() === address)
    .map((l) => c.interface.parseLog({ topics: [...l.topics], data: l.data }))
    .filter((p): p is LogDescription => p !== null);
}

function eventOf(c: Contract, receipt: Receipt | null, name: string): LogDescription {
  const found = eventsOf(c, receipt).find((e) => e.name === name);
  if (!found) throw new Error(`no ${name} event in the transaction`);
  return found;
}

export async function driveEdges(provider: JsonRpcProvider, manifest: Manifest): Promise<EdgeStory> {
  const accounts: string[] = await provider.send("eth_accounts", []);
  const signer = (i: number) => provider.getSigner(accounts[i]);
  // signer 8 is both the ban admin and the slasher (config/deploy-params.json, "localhost")
  const [deployer, guardian, funder, kycSigner, slasher, refereeKey, owner, custody, spender] = await Promise.all(
    [0, 1, 6, 7, 8, 9, 10, 17, 18].map(signer),
  );
  const banAdmin = slasher;
  const at = (name: string, runner: ContractRunner = provider) =>
    new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, runner);
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await (await p).wait()) as Receipt | null;
  const now = async () => (await provider.getBlock("latest"))!.timestamp;
  const advanceTo = async (t: bigint | number) => {
    if ((await now()) < Number(t)) {
      await provider.send("evm_setNextBlockTimestamp", [Number(t)]);
      await provider.send("evm_mine", []);
    }
  };
  const governanceOps: string[] = [];
  const governance = async (name: string, fn: string, args: unknown[]) => {
    const data = at(name).interface.encodeFunctionData(fn, args);
    const salt = id(`e2e edges: ${name}.${fn}(${args.map(String).join(",")})`);
    governanceOps.push(await executeViaTimelock(manifest.contracts.Timelock.address, deployer, { target: manifest.contracts[name].address, data, salt }));
  };
  const token = at("AethirToken", funder);
  const athAddress = manifest.contracts.AethirToken.address;
  // new actors: gas from the deployer, ATH from the airdrop beneficiary
  const actor = async (name: string, ath: bigint) => {
    const w = new Wallet(id(`aethir-e2e-edges-${name}`), provider);
    await send(deployer.sendTransaction({ to: w.address, value: parseEther("1") }));
    if (ath > 0n) await send(token.transfer(w.address, ath));
    return w;
  };
  const registry = at("HostRegistry");
  const compliance = at("ComplianceRegistry");

  // ---------------------------------------------------------------- governance
  let edgeClass = 4;
  while (BigInt((await registry.gpuClass(edgeClass)).coefficient) !== 0n) edgeClass += 1;
  const baseURI = "https://licenses.aethir.example/e2e/";
  const claims = at("RewardClaims");
  await governance("HostRegistry", "setGpuClass", [edgeClass, 10_000, false, true]);
  await governance("RewardClaims", "grantRole", [await claims.SLASHER_ROLE(), slasher.address]);
  await governance("CheckerLicense", "setBaseURI", [baseURI]);
  await governance("HostSlashing", "setBurn", [true]);
  await governance("HostStaking", "setUnbondingPeriod", [14 * DAY]);

  // ---------------------------------------------------------------- licenses
  const license = at("CheckerLicense");
  const held: bigint[] = [];
  for (let l = 1n; held.length < 3 && l <= 50n; l++) {
    if (String(await license.ownerOf(l)).toLowerCase() === owner.address.toLowerCase() && !(await license.isBanned(l))) held.push(l);
  }
  if (held.length < 3) throw new Error(`signer 10 holds ${held.length} unbanned licenses among the first 50, the edges need 3`);
  const [cleared, moved, unbanned] = held;
  if (!(await license.transferAllowlist(custody.address)) && BigInt(await license.transferableAfter()) > BigInt(await now())) {
    throw new Error("licenses are locked and the custody address is not allowlisted");
  }
  await send((license.connect(banAdmin) as Contract).ban(unbanned, (await now()) + 30 * DAY));
  await send((license.connect(banAdmin) as Contract).unban(unbanned));
  const byOwner = license.connect(owner) as Contract;
  // The receiver needs a valid attestation (SPEC §8): the custody's from the sale may have expired by now.
  await attestAccounts(compliance.connect(deployer) as Contract, kycSigner, [custody.address], "CH");
  await send(byOwner.approve(spender.address, moved));
  await send((license.connect(spender) as Contract).transferFrom(owner.address, custody.address, moved));
  await send(byOwner.approve(spender.address, unbanned));
  const addressOf = (name: string) => new Wallet(id(`aethir-e2e-edges-${name}`)).address;
  const clearedTo = addressOf("approved-then-cleared");
  await send(byOwner.approve(clearedTo, cleared));
  await send(byOwner.approve(ZeroAddress, cleared));
  const [operatorKept, operatorRevoked] = [addressOf("operator-kept"), addressOf("operator-revoked")];
  await send(byOwner.setApprovalForAll(operatorKept, true));
  await send(byOwner.setApprovalForAll(operatorRevoked, true));
  await send(byOwner.setApprovalForAll(operatorRevoked, false));

  // ---------------------------------------------------------------- KYC, a root, a claim forfeited, a root vetoed
  const claimer = await actor("claimer", 0n);
  const chainId = (await provider.getNetwork()).chainId;
  const t0 = await now();
  const attestation = { account: claimer.address, country: "DE", expiry: t0 + 400 * DAY, nonce: await compliance.nonces(claimer.address), deadline: t0 + 3_600 };
  const signature = await signAttestation(kycSigner, manifest.contracts.ComplianceRegistry.address, chainId, attestation);
  await send((compliance.connect(deployer) as Contract).attest(claimer.address, countryCode("DE"), attestation.expiry, attestation.deadline, signature));

  const referee = at("CheckerReferee", refereeKey);
  const postedEpoch = BigInt(await referee.nextEpoch());
  if (postedEpoch === 0n) throw new Error("the edges need the reward simulation's roots");
  // every account keeps its leaf of the previous root (read from that root's report, which the chain names)
  const [previousRoot, previousTotal] = (await referee.roots(postedEpoch - 1n)) as unknown as [string, bigint];
  const postedLogs = (await referee.queryFilter(referee.filters.RootPosted(postedEpoch - 1n))) as unknown as { args: { root: string; dataURI: string } }[];
  const previousPost = postedLogs.filter((l) => l.args.root === previousRoot).at(-1);
  if (!previousPost) throw new Error(`no RootPosted for epoch ${postedEpoch - 1n}`);
  const previousReport = JSON.parse(readFileSync(fileURLToPath(previousPost.args.dataURI), "utf8")) as { accounts: { account: string; cumulative: string }[] };
  const leaves = new Map(previousReport.accounts.map((a) => [a.account.toLowerCase(), BigInt(a.cumulative)]));
  const reportsDir = mkdtempSync(join(tmpdir(), "aethir-e2e-edges-"));
  const tge = BigInt(await referee.tge());
  const released = async (epoch: bigint) => {
    const end = tge + (epoch + 1n) * BigInt(DAY);
    return BigInt(await at("CheckerBaseRewardPool").unlockedAt(end)) + BigInt(await at("CheckerBonusRewardPool").unlockedAt(end));
  };
  /** Posts `epoch`'s root over `leaves` with the claimer's leaf at `leaf`, and its report (as the referee service writes it). */
  const postRoot = async (epoch: bigint, leaf: bigint, previousTotal: bigint) => {
    const cumulative = new Map(leaves);
    const before = cumulative.get(claimer.address.toLowerCase()) ?? 0n;
    cumulative.set(claimer.address.toLowerCase(), leaf);
    const tree = buildTree(cumulative);
    const total = previousTotal + leaf - before;
    if (total > (await released(epoch))) throw new Error(`epoch ${epoch}: ${total} wei is more than the checker pools released`);
    const path = join(reportsDir, `epoch-${epoch}.report.json`);
    const delta = (total - previousTotal).toString();
    writeFileSync(
      path,
      JSON.stringify({
        epoch: Number(epoch), root: tree.root, cumulativeTotal: total.toString(), emission: delta, basePaid: delta, bonus: null, totalCorrect: 0,
        rejected: {}, equivocations: [], newlyStopped: [], jobs: [], licenses: [],
        accounts: [...cumulative].map(([account, v]) => ({ account, earned: account === claimer.address.toLowerCase() ? (leaf - before).toString() : "0", cumulative: v.toString() })),
        proofs: "",
      }),
    );
    const receipt = await send(referee.postRoot(epoch, tree.root, total, pathToFileURL(path).href));
    return { tree, total, finalAt: BigInt(eventOf(referee, receipt, "RootPosted").args.finalAt) };
  };
  const leaf = ATH("1000");
  const posted = await postRoot(postedEpoch, leaf, previousTotal);
  await advanceTo(posted.finalAt);
  await send((claims.connect(deployer) as Contract).sync());
  const claimed = await send((claims.connect(claimer) as Contract).claim(leaf, posted.tree.proof(claimer.address)!, FULL_180_DAYS));
  const entryId = BigInt(eventOf(claims, claimed, "Claimed").args.entryId);
  await send((claims.connect(slasher) as Contract).forfeit(claimer.address, entryId, id("e2e: the checker's host was slashed")));
  await send((compliance.connect(kycSigner) as Contract).revoke(claimer.address));
  // governance restricts a country two accounts were attested in (both rows become restricted), then clears one
  // account's record (a resident who moved away), which the KYC signer attests anew elsewhere
  const byRelayer = compliance.connect(deployer) as Contract;
  const [listed, mover] = [await actor("kyc-listed", 0n), await actor("kyc-mover", 0n)];
  await attestAccounts(byRelayer, kycSigner, [listed.address, mover.address], LISTED_COUNTRY);
  await governance("ComplianceRegistry", "setRestricted", [countryCode(LISTED_COUNTRY), true]);
  await governance("ComplianceRegistry", "clearAttestation", [mover.address]);
  await attestAccounts(byRelayer, kycSigner, [mover.address], "DE");
  leaves.set(claimer.address.toLowerCase(), leaf);
  const vetoedEpoch = postedEpoch + 1n;
  const vetoedLeaf = leaf + ATH("500");
  await postRoot(vetoedEpoch, vetoedLeaf, posted.total);
  await send((referee.connect(guardian) as Contract).vetoRoot(vetoedEpoch));

  // ---------------------------------------------------------------- a host: containers, delegators, unbonding, a wipe
  const staking = at("HostStaking");
  const slashing = at("HostSlashing");
  const host = await actor("host", ATH("101000"));
  const delegators = [await actor("delegator-1", ATH("60000")), await actor("delegator-2", ATH("40000"))];
  if (!(await compliance.isRestrictedCountry(countryCode("US")))) throw new Error("US is not restricted on this chain");
  if (await compliance.isRestrictedCountry(countryCode("FR"))) throw new Error("FR is restricted on this chain");
  const A100 = 2;
  if (!(await registry.gpuClass(A100)).active) throw new Error(`GPU class ${A100} is not active`);
  const containers = {
    evicted: id("aethir-e2e-edges-container-us"),
    deregistered: id("aethir-e2e-edges-container-a100"),
    synced: id("aethir-e2e-edges-container-fr"),
  };
  await send((staking.connect(host) as Contract).registerHost(500));
  const byHost = registry.connect(host) as Contract;
  await send(byHost.registerContainer(containers.evicted, edgeClass, countryCode("US"))); // not HPC yet: allowed
  await send(byHost.registerContainer(containers.deregistered, A100, countryCode("DE")));
  await send(byHost.registerContainer(containers.synced, edgeClass, countryCode("FR")));
  const stakes: [Wallet, bigint][] = [[host, ATH("100000")], [delegators[0], ATH("60000")], [delegators[1], ATH("40000")]];
  for (const [w, amount] of stakes) {
    await send((at("AethirToken", w) as Contract).approve(manifest.contracts.HostStaking.address, MaxUint256));
    await send((staking.connect(w) as Contract).delegate(host.address, amount));
  }
  await governance("HostRegistry", "setGpuClass", [edgeClass, 30_000, true, true]);
  await send((registry.connect(deployer) as Contract).syncContainer(containers.synced));
  await send((registry.connect(deployer) as Contract).evictContainer(containers.evicted));
  await send(byHost.deregisterContainer(containers.deregistered));

  const undelegated = async (w: Wallet, amount: bigint) => {
    const e = eventOf(staking, await send((staking.connect(w) as Contract).undelegate(host.address, amount)), "Undelegated");
    return { id: BigInt(e.args.id), unlockAt: BigInt(e.args.unlockAt) };
  };
  const withdrawnRequest = await undelegated(delegators[1], MaxUint256);
  await advanceTo(withdrawnRequest.unlockAt);
  await send((staking.connect(delegators[1]) as Contract).withdraw(host.address, [withdrawnRequest.id]));
  const wipedRequest = await undelegated(delegators[0], ATH("10000"));
  const proposed = await send((slashing.connect(slasher) as Contract).propose(containers.synced, MALICIOUS, id("e2e: malicious host"), 0, ZeroAddress));
  const slashId = BigInt(eventOf(slashing, proposed, "SlashProposed").args.id);
  await advanceTo((await slashing.proposal(slashId)).executeAfter);
  await send((slashing.connect(deployer) as Contract).execute(slashId));
  await advanceTo(wipedRequest.unlockAt);
  await send((staking.connect(delegators[0]) as Contract).withdraw(host.address, [wipedRequest.id]));
  await send((staking.connect(host) as Contract).delegate(host.address, ATH("1000")));

  // ---------------------------------------------------------------- holder staking: carried and forfeited rewards
  const pools = at("StakingPools");
  // the pool whose locked positions all unlock first: from that week on nobody earns its funding
  const staked = (await pools.queryFilter(pools.filters.Staked())) as unknown as { args: { account: string; positionId: bigint; poolId: bigint } }[];
  const idleFrom = new Map<bigint, bigint>();
  for (let p = 0n; p < BigInt(await pools.poolCount()); p++) idleFrom.set(p, 0n);
  for (const s of staked) {
    const pos = await pools.position(s.args.account, s.args.positionId);
    if (BigInt(pos.amount) === 0n) continue;
    const poolId = BigInt(pos.pool);
    if (BigInt(pos.unlockWeek) > idleFrom.get(poolId)!) idleFrom.set(poolId, BigInt(pos.unlockWeek));
  }
  const [poolId, unlocked] = [...idleFrom].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))[0];
  const currentWeek = BigInt(await pools.currentWeek());
  const idleWeek = unlocked > currentWeek ? unlocked : currentWeek + 1n;
  const funding = ATH("7000");
  const holder = await actor("holder", funding + ATH("10000"));
  const byHolder = pools.connect(holder) as Contract;
  await send((at("AethirToken", holder) as Contract).approve(manifest.contracts.StakingPools.address, MaxUint256));
  await send(byHolder.fund(poolId, athAddress, idleWeek, 1, funding));
  const week = BigInt(WEEK);
  await advanceTo((idleWeek + 1n) * week + 60n);
  const positionId = BigInt(eventOf(pools, await send(byHolder.stake(poolId, ATH("10000"), 1)), "Staked").args.positionId);
  const position = await pools.position(holder.address, positionId);
  await advanceTo(BigInt(position.unlockWeek) * week + BigInt(DAY));
  const forfeited = await send(byHolder.emergencyWithdraw(positionId));
  const forfeitWeek = BigInt(eventOf(pools, forfeited, "RewardsForfeited").args.week);
  await advanceTo((forfeitWeek + 1n) * week + 60n);
  await send((pools.connect(deployer) as Contract).checkpoint(poolId, 10));

  return {
    governanceOps,
    slasher: slasher.address,
    licenses: { owner: owner.address, unbanned, moved, movedTo: custody.address, cleared, spender: spender.address, operatorKept, operatorRevoked, baseURI },
    claimer: claimer.address,
    kycListed: listed.address,
    kycMover: mover.address,
    referee: { postedEpoch, vetoedEpoch, leaf, vetoedLeaf },
    claims: { entryId },
    host: {
      address: host.address,
      delegators: delegators.map((d) => d.address),
      edgeClass,
      containers,
      slashId,
      withdrawnRequest: withdrawnRequest.id,
      wipedRequest: wipedRequest.id,
    },
    holder: { account: holder.address, poolId, positionId, idleWeek, funding },
  };
}
