// What holders, delegators, hosts, the slasher and the guardian do with staking (SPEC §7): stake (with permit, in one
// transaction), extend, claim and withdraw a position; delegate to a host, undelegate, withdraw after unbonding, claim
// host rewards; register as a host, register containers, set the commission; propose a slash, veto one, execute one.
// Used by `npm run cli` and the tests. Every function returns what the contract reported (ids from its events).
import { Contract, Signature, id, parseEther, type Signer } from "ethers";
import { countryCode } from "../lib/compliance.js";
import type { Manifest } from "../lib/manifest.js";

const at = (manifest: Manifest, name: string, s: Signer) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);

type Sent = { wait(): Promise<{ logs: readonly { address: string; topics: readonly string[]; data: string }[] } | null> };

/** The first log of `event` that `contract` emitted in the receipt of `tx`, if any. */
async function maybeEmitted(contract: Contract, tx: Sent, event: string) {
  const receipt = (await tx.wait())!;
  const address = (await contract.getAddress()).toLowerCase();
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address) continue;
    const parsed = contract.interface.parseLog({ topics: [...log.topics], data: log.data });
    if (parsed?.name === event) return parsed.args;
  }
  return undefined;
}

async function emitted(contract: Contract, tx: Sent, event: string) {
  const args = await maybeEmitted(contract, tx, event);
  if (args === undefined) throw new Error(`no ${event} event in the transaction`);
  return args;
}

// ---------------------------------------------------------------- holders

/** Locks `amount` ATH in pool `poolId` for `weeks` (1 to 208); with `permit`, approval and stake in one transaction. */
export async function stake(manifest: Manifest, s: Signer, o: { poolId: bigint; amount: bigint; weeks: number; permit?: boolean }) {
  const pools = at(manifest, "StakingPools", s);
  const token = at(manifest, "AethirToken", s);
  const owner = await s.getAddress();
  let tx;
  if (o.permit) {
    const deadline = BigInt((await s.provider!.getBlock("latest"))!.timestamp + 3_600);
    const domain = { name: await token.name(), version: "1", chainId: manifest.chainId, verifyingContract: manifest.contracts.AethirToken.address };
    const types = { Permit: [{ name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] };
    const value = { owner, spender: await pools.getAddress(), value: o.amount, nonce: await token.nonces(owner), deadline };
    const sig = Signature.from(await s.signTypedData(domain, types, value));
    tx = await pools.stakeWithPermit(o.poolId, o.amount, o.weeks, deadline, sig.v, sig.r, sig.s);
  } else {
    await (await token.approve(await pools.getAddress(), o.amount)).wait();
    tx = await pools.stake(o.poolId, o.amount, o.weeks);
  }
  const e = await emitted(pools, tx, "Staked");
  return { positionId: e.positionId as bigint, unlockWeek: e.unlockWeek as bigint, weight: e.weight as bigint, txHash: tx.hash as string };
}

/** Relocks position `positionId` for `weeks` from now (pays what it earned so far). */
export async function extend(manifest: Manifest, s: Signer, positionId: bigint, weeks: number) {
  const tx = await at(manifest, "StakingPools", s).relock(positionId, weeks);
  await tx.wait();
  return tx.hash as string;
}

export async function claimStakingRewards(manifest: Manifest, s: Signer, positionId: bigint) {
  const pools = at(manifest, "StakingPools", s);
  const e = await maybeEmitted(pools, await pools.claim(positionId), "RewardsPaid");
  return e ? [...(e.amounts as bigint[])] : [];
}

/** Withdraws an unlocked position (burns its stATH, pays unclaimed rewards). */
export async function withdrawPosition(manifest: Manifest, s: Signer, positionId: bigint) {
  const pools = at(manifest, "StakingPools", s);
  const e = await emitted(pools, await pools.withdraw(positionId), "Withdrawn");
  return e.amount as bigint;
}

// ---------------------------------------------------------------- delegators

export async function delegate(manifest: Manifest, s: Signer, host: string, amount: bigint) {
  const staking = at(manifest, "HostStaking", s);
  await (await at(manifest, "AethirToken", s).approve(await staking.getAddress(), amount)).wait();
  const tx = await staking.delegate(host, amount);
  await tx.wait();
  return tx.hash as string;
}

/** Starts unbonding `amount` from `host`; returns the request id and when it unlocks (180 days by default). */
export async function undelegate(manifest: Manifest, s: Signer, host: string, amount: bigint) {
  const staking = at(manifest, "HostStaking", s);
  const e = await emitted(staking, await staking.undelegate(host, amount), "Undelegated");
  return { id: e.id as bigint, amount: e.amount as bigint, unlockAt: e.unlockAt as bigint };
}

export async function withdrawUnbonded(manifest: Manifest, s: Signer, host: string, ids: bigint[]) {
  const staking = at(manifest, "HostStaking", s);
  const tx = await staking.withdraw(host, ids);
  await tx.wait();
  return tx.hash as string;
}

export async function claimHostRewards(manifest: Manifest, s: Signer, host: string) {
  const staking = at(manifest, "HostStaking", s);
  const e = await maybeEmitted(staking, await staking.claimRewards(host), "RewardsClaimed");
  return (e?.amount as bigint | undefined) ?? 0n;
}

// ---------------------------------------------------------------- hosts

export async function registerHost(manifest: Manifest, s: Signer, commissionBps: number) {
  const tx = await at(manifest, "HostStaking", s).registerHost(commissionBps);
  await tx.wait();
  return tx.hash as string;
}

/** A container id as the checkers sign it: keccak256 of a name, or a 32-byte hex id as given. */
export const containerId = (name: string) => (/^0x[0-9a-fA-F]{64}$/.test(name) ? name : id(name));

export async function registerContainer(manifest: Manifest, s: Signer, o: { container: string; classId: number; region: string }) {
  const tx = await at(manifest, "HostRegistry", s).registerContainer(containerId(o.container), o.classId, countryCode(o.region));
  await tx.wait();
  return tx.hash as string;
}

export async function setCommission(manifest: Manifest, s: Signer, commissionBps: number) {
  const tx = await at(manifest, "HostStaking", s).setCommission(commissionBps);
  await tx.wait();
  return tx.hash as string;
}

// ---------------------------------------------------------------- slashes

export const SLASH_KINDS = ["DowntimeRendering", "DowntimeReserve", "Malicious", "Underperformance"] as const;

/** The slasher proposes a slash with an evidence hash (and, for reserve-mode downtime, a refund). */
export async function proposeSlash(
  manifest: Manifest,
  s: Signer,
  o: { container: string; kind: (typeof SLASH_KINDS)[number]; evidence: string; refund?: bigint; refundTo?: string },
) {
  const slashing = at(manifest, "HostSlashing", s);
  const evidence = /^0x[0-9a-fA-F]{64}$/.test(o.evidence) ? o.evidence : id(o.evidence);
  const refundTo = o.refundTo ?? "0x0000000000000000000000000000000000000000";
  const tx = await slashing.propose(containerId(o.container), SLASH_KINDS.indexOf(o.kind), evidence, o.refund ?? 0n, refundTo);
  const e = await emitted(slashing, tx, "SlashProposed");
  return { id: e.id as bigint, penalty: e.penalty as bigint, executeAfter: e.executeAfter as bigint };
}

export async function vetoSlash(manifest: Manifest, s: Signer, slashId: bigint) {
  const tx = await at(manifest, "HostSlashing", s).veto(slashId);
  await tx.wait();
  return tx.hash as string;
}

export async function executeSlash(manifest: Manifest, s: Signer, slashId: bigint) {
  const tx = await at(manifest, "HostSlashing", s).execute(slashId);
  await tx.wait();
  return tx.hash as string;
}

export const ath = (x: string) => parseEther(x);
