// ATH: balances, votes, delegations, allowances, the genesis allocation, the daily supply split and buckets' daily balances.
import { ponder, type Context } from "ponder:registry";
import { AethirTokenAbi } from "../abis/AethirToken";
import { account, allowance, bucket, delegationChange, supplySplit, supplyDay, transfer } from "ponder:schema";
import { bucketNameByAddress, protocolAddresses, timelockAddress } from "./manifest";
import { dayOf, eventId, lower, newAccount as emptyAccount, ZERO } from "./shared";
import { addBucketDaily } from "./bucketDaily";
import { delegateChanged, delegateVotesChanged } from "./votingPower";

const newAccount = (address: `0x${string}`) => emptyAccount(address, bucketNameByAddress.get(address) ?? null);

/** README, "Holders": a non-zero ATH balance at an address that is not one of the deployment's contracts (buckets,
 * treasury, and the contracts holding ATH for others: staking, claims, slashing). */
const isHolder = (address: `0x${string}`, balance: bigint) => balance > 0n && !protocolAddresses.has(address);

ponder.on("AethirToken:Transfer", async ({ event, context }) => {
  const from = lower(event.args.from);
  const to = lower(event.args.to);
  const { value } = event.args;
  const ts = event.block.timestamp;

  // holders gained minus lost; a self-transfer leaves and re-enters the same balance, so it nets to zero
  let newHolders = 0;
  let spenders: readonly `0x${string}`[] = [];
  if (from !== ZERO) {
    const row = await context.db
      .update(account, { address: from })
      .set((r) => ({ balance: r.balance - value, transferCount: r.transferCount + 1, holder: isHolder(from, r.balance - value) }));
    newHolders += Number(row.holder) - Number(isHolder(from, row.balance + value));
    spenders = [...row.spenders];
  }
  // one upsert, not insert-if-missing then update: each store call costs the handler a lock, a copy and a cache lookup
  const after = await context.db
    .insert(account)
    .values({ ...newAccount(to), balance: value, transferCount: 1, holder: isHolder(to, value) })
    // a self-transfer counts once
    .onConflictDoUpdate((r) => ({ balance: r.balance + value, transferCount: r.transferCount + (to === from ? 0 : 1), holder: isHolder(to, r.balance + value) }));
  newHolders += Number(after.holder) - Number(isHolder(to, after.balance - value));

  if (spenders.length > 0) await refreshAllowances(context, event.log.address, from, spenders, event.block.timestamp);

  await context.db.insert(transfer).values({
    id: eventId(event),
    from,
    to,
    amount: value,
    blockNumber: event.block.number,
    timestamp: ts,
    transactionHash: event.transaction.hash,
  });
  await addBucketDaily(context, { from, to, value, timestamp: ts });

  // The supply split moves only when ATH crosses the boundary of the buckets or of the treasury (timelock).
  const delta = (address: `0x${string}`, sign: bigint) => ({
    locked: bucketNameByAddress.has(address) ? sign * value : 0n,
    treasury: address === timelockAddress ? sign * value : 0n,
  });
  const out = from === ZERO ? { locked: 0n, treasury: 0n } : delta(from, -1n);
  const inn = delta(to, 1n);
  const minted = from === ZERO ? value : 0n;
  const next = (r: { totalSupply: bigint; locked: bigint; treasury: bigint; holders: number }) => {
    const totalSupply = r.totalSupply + minted;
    const locked = r.locked + out.locked + inn.locked;
    const treasury = r.treasury + out.treasury + inn.treasury;
    return { totalSupply, locked, treasury, circulating: totalSupply - locked - treasury, holders: r.holders + newHolders, updatedAt: ts };
  };
  const current = await context.db
    .insert(supplySplit)
    .values({ id: "current", ...next({ totalSupply: 0n, locked: 0n, treasury: 0n, holders: 0 }) })
    .onConflictDoUpdate(next);
  const { day, date } = dayOf(ts);
  const figures = { totalSupply: current.totalSupply, locked: current.locked, treasury: current.treasury, circulating: current.circulating, holders: current.holders };
  await context.db
    .insert(supplyDay)
    .values({ day, date, ...figures, transfers: 1 })
    .onConflictDoUpdate((r) => ({ ...figures, transfers: r.transfers + 1 }));
});

ponder.on("AethirToken:Approval", async ({ event, context }) => {
  const owner = lower(event.args.owner);
  const spender = lower(event.args.spender);
  const row = (await context.db.find(account, { address: owner })) ?? (await context.db.insert(account).values(newAccount(owner)));
  if (!row.spenders.includes(spender)) {
    await context.db.update(account, { address: owner }).set({ spenders: [...row.spenders, spender] });
  }
  await context.db
    .insert(allowance)
    .values({ owner, spender, amount: event.args.value, updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ amount: event.args.value, updatedAt: event.block.timestamp });
});

ponder.on("AethirToken:DelegateChanged", async ({ event, context }) => {
  const delegator = lower(event.args.delegator);
  const toDelegate = lower(event.args.toDelegate);
  await context.db
    .insert(account)
    .values({ ...newAccount(delegator), delegate: toDelegate === ZERO ? null : toDelegate })
    .onConflictDoUpdate({ delegate: toDelegate === ZERO ? null : toDelegate });
  await context.db.insert(delegationChange).values({
    id: eventId(event),
    delegator,
    fromDelegate: lower(event.args.fromDelegate),
    toDelegate,
    timestamp: event.block.timestamp,
  });
  await delegateChanged(context, "ath", delegator, toDelegate, event.block.timestamp);
});

ponder.on("AethirToken:DelegateVotesChanged", async ({ event, context }) => {
  const delegate = lower(event.args.delegate);
  await context.db
    .insert(account)
    .values({ ...newAccount(delegate), votes: event.args.newVotes })
    .onConflictDoUpdate({ votes: event.args.newVotes });
  await delegateVotesChanged(context, "ath", delegate, event.args.previousVotes, event.args.newVotes, event.block.timestamp);
});

ponder.on("AethirToken:GenesisAllocation", async ({ event, context }) => {
  await context.db.update(bucket, { address: lower(event.args.recipient) }).set({ allocated: event.args.amount });
});

// EIP-5267: ATH's EIP-712 domain (used by permit and vote-delegation signatures) is fixed at deployment, so this never
// fires; if it did, the indexer would be following a different contract than the one it was built for.
ponder.on("AethirToken:EIP712DomainChanged", async ({ event }) => {
  throw new Error(`unexpected EIP712DomainChanged in ${event.transaction.hash}`);
});

/**
 * `transferFrom` spends an allowance without an Approval event (OpenZeppelin 5 emits none when spending), so after
 * a transfer out of an account that ever approved anyone, the allowances it granted are read back from the token at
 * this block. The spenders are kept on the account row: a lookup by primary key, which Ponder serves from its cache
 * (a query by owner would flush the cache on every transfer and hold the backfill to a few dozen events a second).
 */
async function refreshAllowances(
  context: Context,
  token: `0x${string}`,
  owner: `0x${string}`,
  spenders: readonly `0x${string}`[],
  timestamp: bigint,
) {
  for (const spender of spenders) {
    const amount = await context.client.readContract({ abi: AethirTokenAbi, address: token, functionName: "allowance", args: [owner, spender] });
    const row = await context.db.find(allowance, { owner, spender });
    if (row !== null && amount !== row.amount) await context.db.update(allowance, { owner, spender }).set({ amount, updatedAt: timestamp });
  }
}
