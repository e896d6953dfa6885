// Everything one account holds in the protocol (`npm run cli -- status`), read from the chain through the manifest's
// contracts: ATH and stATH, licenses and their operators, checker rewards (claimable: the newest leaf minus what
// RewardClaims records as claimed; the leaf comes from the referee's proofs or the indexer, the only places it lives),
// vesting entries, staking positions with pending rewards per reward token, host delegations, unbonding requests and
// KYC. Amounts are wei, times Unix seconds; scripts/lib/cli-status.ts turns them into text.
import { Contract, decodeBytes32String, type JsonRpcProvider } from "ethers";
import type { Manifest } from "../lib/manifest.js";
import { gql } from "../lib/local-stack.js";
import { loadProofs } from "./rewards.js";

const WEEK = 7 * 86_400;

export interface AccountStatus {
  address: string;
  /** The chain's latest block time: what "withdrawable now" and "in N days" are relative to. */
  now: number;
  ath: bigint;
  stath: bigint;
  eth: bigint;
  kyc: { country: string | null; expiry: number; revoked: boolean; restricted: boolean; allowed: boolean };
  licenses: { id: bigint; operator: string | null; operatorExpires: number; bannedUntil: number }[];
  checkerRewards: {
    /** Where the leaf came from: the referee's proofs, the indexer, or nowhere (neither --proofs nor --api). */
    source: "proofs" | "indexer" | null;
    /** The epoch of the root the leaf belongs to (proofs), and the epoch RewardClaims synced. */
    epoch: number | null;
    syncedEpoch: number;
    /** False when the proofs are for another root than the synced one (not claimable yet, or superseded). */
    synced: boolean;
    cumulative: bigint | null;
    claimed: bigint;
    claimable: bigint | null;
  };
  vesting: { entryId: bigint; amount: bigint; unlockAt: number; withdrawable: boolean }[];
  staking: {
    positionId: bigint;
    poolId: bigint;
    pool: string;
    amount: bigint;
    weight: bigint;
    lockWeeks: number;
    unlockAt: number;
    unlocked: boolean;
    pending: { token: string; symbol: string; amount: bigint }[];
  }[];
  hosts: { host: string; stake: bigint; pendingRewards: bigint }[];
  unbonding: { host: string; id: bigint; amount: bigint; unlockAt: number; withdrawable: boolean }[];
}

export interface StatusSources {
  /** The indexer's URL: the leaf of the newest posted root when no proofs are given. */
  api?: string;
  /** The referee's proofs file or URL: the leaf of its root. */
  proofs?: string;
}

type Log = { args: Record<string, unknown> & unknown[] };

/** The status of `address`. */
export async function accountStatus(manifest: Manifest, provider: JsonRpcProvider, address: string, sources: StatusSources = {}): Promise<AccountStatus> {
  const at = (name: string) => {
    const c = manifest.contracts[name];
    if (c === undefined) throw new Error(`the manifest of ${manifest.network} has no ${name}: redeploy with the current scripts`);
    return new Contract(c.address, c.abi as never, provider);
  };
  const from = (name: string) => manifest.contracts[name].blockNumber;
  const events = async (c: Contract, name: string, filter: unknown[], fromBlock: number) =>
    (await c.queryFilter(c.filters[name](...filter), fromBlock, "latest")) as unknown as Log[];
  const [token, license, claims, pools, hostStaking, lens, registry] = ["AethirToken", "CheckerLicense", "RewardClaims", "StakingPools", "HostStaking", "HostStakingLens", "ComplianceRegistry"].map(at);
  const now = (await provider.getBlock("latest"))!.timestamp;
  const [ath, stath, eth] = await Promise.all([token.balanceOf(address), pools.balanceOf(address), provider.getBalance(address)]);

  // KYC: the latest attestation, which a revoked one still is (its country still restricts)
  const [code, expiry, revoked] = (await registry.attestations(address)) as [string, bigint, boolean];
  const country = BigInt(code) === 0n ? null : decodeBytes32String(code.padEnd(66, "0"));
  const kyc = { country, expiry: Number(expiry), revoked, restricted: (await registry.isRestricted(address)) as boolean, allowed: (await registry.isAllowed(address)) as boolean };

  // licenses: the ERC-721 keeps no list per owner; every id ever sent here, still owned here
  const received = await events(license, "Transfer", [null, address], from("CheckerLicense"));
  const ids = [...new Set(received.map((e) => BigInt(e.args[2] as bigint)))].sort((a, b) => (a < b ? -1 : 1));
  const licenses: AccountStatus["licenses"] = [];
  for (const id of ids) {
    if (String(await license.ownerOf(id)).toLowerCase() !== address.toLowerCase()) continue;
    const operator = String(await license.userOf(id));
    licenses.push({ id, operator: BigInt(operator) === 0n ? null : operator, operatorExpires: Number(await license.userExpires(id)), bannedUntil: Number(await license.bannedUntil(id)) });
  }

  // checker rewards: what RewardClaims recorded, and the leaf from the proofs or the indexer
  const claimed = (await claims.claimed(address)) as bigint;
  const syncedEpoch = Number(await claims.syncedEpoch());
  const checkerRewards: AccountStatus["checkerRewards"] = { source: null, epoch: null, syncedEpoch, synced: false, cumulative: null, claimed, claimable: null };
  if (sources.proofs !== undefined) {
    const proofs = await loadProofs(sources.proofs);
    const leaf = proofs.claims?.[address.toLowerCase()];
    Object.assign(checkerRewards, { source: "proofs", epoch: proofs.epoch, synced: proofs.root === (await claims.root()), cumulative: leaf ? BigInt(leaf.amount) : 0n });
  } else if (sources.api !== undefined) {
    const d = await gql<{ rewardAccount: { cumulativeEarned: string } | null }>(sources.api, `{ rewardAccount(account: "${address.toLowerCase()}") { cumulativeEarned } }`);
    Object.assign(checkerRewards, { source: "indexer", synced: true, cumulative: BigInt(d.rewardAccount?.cumulativeEarned ?? "0") });
  }
  if (checkerRewards.cumulative !== null) checkerRewards.claimable = checkerRewards.cumulative > claimed ? checkerRewards.cumulative - claimed : 0n;

  // vesting entries of claimed rewards still locked (a withdrawn or forfeited one reads 0)
  const vesting: AccountStatus["vesting"] = [];
  const entries = Number(await claims.entryCount(address));
  for (let i = 0n; i < BigInt(entries); i++) {
    const [amount, unlockAt] = (await claims.entry(address, i)) as [bigint, bigint];
    if (amount > 0n) vesting.push({ entryId: i, amount, unlockAt: Number(unlockAt), withdrawable: Number(unlockAt) <= now });
  }

  // staking positions (a withdrawn one reads 0), with the pools' names from their creation
  const names = new Map((await events(pools, "PoolCreated", [], from("StakingPools"))).map((e) => [BigInt(e.args[0] as bigint), String(e.args[1])]));
  const symbols = new Map<string, string>();
  const symbol = async (t: string) => {
    if (!symbols.has(t)) symbols.set(t, await new Contract(t, ["function symbol() view returns (string)"], provider).symbol().catch(() => t));
    return symbols.get(t)!;
  };
  const staking: AccountStatus["staking"] = [];
  const positions = Number(await pools.positionCount(address));
  for (let i = 0n; i < BigInt(positions); i++) {
    const p = await pools.position(address, i);
    if (BigInt(p.amount) === 0n) continue;
    const [tokens, amounts] = (await pools.pendingRewards(address, i)) as [string[], bigint[]];
    const unlockAt = Number(p.unlockWeek) * WEEK;
    staking.push({
      positionId: i,
      poolId: BigInt(p.pool),
      pool: names.get(BigInt(p.pool)) ?? `pool ${p.pool}`,
      amount: BigInt(p.amount),
      weight: (await pools.weightOf(address, i)) as bigint,
      lockWeeks: Number(p.lockWeeks),
      unlockAt,
      unlocked: unlockAt <= now,
      pending: await Promise.all(tokens.map(async (t, k) => ({ token: String(t), symbol: await symbol(String(t)), amount: amounts[k] }))),
    });
  }

  // host delegations and unbonding requests: the hosts this account ever delegated to or unstaked from
  const delegated = await events(hostStaking, "Delegated", [null, address], from("HostStaking"));
  const undelegated = await events(hostStaking, "Undelegated", [null, address], from("HostStaking"));
  const hosts: AccountStatus["hosts"] = [];
  for (const host of [...new Set(delegated.map((e) => String(e.args[0])))]) {
    const [, stake] = (await lens.stakeOf(host, address)) as [bigint, bigint];
    const pendingRewards = (await lens.pendingRewards(host, address)) as bigint;
    if (stake > 0n || pendingRewards > 0n) hosts.push({ host, stake, pendingRewards });
  }
  const unbonding: AccountStatus["unbonding"] = [];
  for (const e of undelegated) {
    const [host, id] = [String(e.args[0]), BigInt(e.args[2] as bigint)];
    // worth zero if a slash emptied the unbonding pool; unlockAt zero once withdrawn
    const [, amount, unlockAt] = (await lens.unbondingOf(host, address, id)) as [bigint, bigint, bigint];
    if (unlockAt === 0n) continue;
    unbonding.push({ host, id, amount, unlockAt: Number(unlockAt), withdrawable: Number(unlockAt) <= now });
  }

  return { address, now, ath, stath, eth, kyc, licenses, checkerRewards, vesting, staking, hosts, unbonding };
}
