// Checker node licenses: ownership, operators (ERC-4907), bans, the transfer lock, and the daily license series.
import { ponder, type Context } from "ponder:registry";
import {
  account,
  banEvent,
  delegationEvent,
  license,
  licenseDay,
  licenseStat,
  licenseTransfer,
  operatorApproval,
  transferAllowlist,
} from "ponder:schema";
import { dayOf, eventId, lower, newAccount, setRole, setRoleAdmin, ZERO } from "./shared";

const STATS = { id: "license", minted: 0, withOperator: 0, bans: 0, transferableAfter: 0n, baseURI: "" };

type Stats = typeof licenseStat.$inferSelect;

async function stats(context: Context) {
  return (await context.db.find(licenseStat, { id: "license" })) ?? (await context.db.insert(licenseStat).values(STATS));
}

/** Adds to the running counts in one store call (an upsert, not find then update) and returns them. */
async function addStats(context: Context, add: Partial<Record<"minted" | "withOperator" | "bans", number>>): Promise<Stats> {
  const d = (k: keyof typeof add) => add[k] ?? 0;
  return context.db
    .insert(licenseStat)
    .values({ ...STATS, minted: d("minted"), withOperator: d("withOperator"), bans: d("bans") })
    .onConflictDoUpdate((r) => ({ minted: r.minted + d("minted"), withOperator: r.withOperator + d("withOperator"), bans: r.bans + d("bans") }));
}

/**
 * Updates today's row of the daily series from the running counts (`s`, when the caller has just written them; read
 * otherwise), adding `sold` and `bans`.
 */
async function daily(context: Context, timestamp: bigint, add: { sold?: number; bans?: number }, current?: Stats) {
  const s = current ?? (await stats(context));
  const { day, date } = dayOf(timestamp);
  const share = s.minted === 0 ? 0 : Math.floor((s.withOperator * 10_000) / s.minted);
  const running = { totalMinted: s.minted, withOperator: s.withOperator, delegatedShareBps: share };
  await context.db
    .insert(licenseDay)
    .values({ day, date, sold: add.sold ?? 0, bans: add.bans ?? 0, ...running })
    .onConflictDoUpdate((r) => ({ ...running, sold: r.sold + (add.sold ?? 0), bans: r.bans + (add.bans ?? 0) }));
}

async function addLicenses(context: Context, owner: `0x${string}`, delta: number) {
  await context.db
    .insert(account)
    .values({ ...newAccount(owner), licenseCount: delta })
    .onConflictDoUpdate((r) => ({ licenseCount: r.licenseCount + delta }));
}

ponder.on("CheckerLicense:Transfer", async ({ event, context }) => {
  const from = lower(event.args.from);
  const to = lower(event.args.to);
  const tokenId = event.args.tokenId;
  const ts = event.block.timestamp;
  if (from === ZERO) {
    // The sale's TierPurchase (emitted just before the mint) may already have created the row with tier and price.
    await context.db
      .insert(license)
      .values({ id: tokenId, owner: to, operator: null, operatorExpires: 0n, bannedUntil: 0n, buyer: null, tier: null, price: null, mintedAt: ts, mintTx: event.transaction.hash, transfers: 0, lastTransferAt: null, approved: null })
      .onConflictDoUpdate({ owner: to, mintedAt: ts, mintTx: event.transaction.hash });
    await daily(context, ts, { sold: 1 }, await addStats(context, { minted: 1 }));
  } else {
    // The contract clears the operator on transfer and says so in an UpdateUser event of its own.
    await context.db.update(license, { id: tokenId }).set((r) => ({ owner: to, approved: null, transfers: r.transfers + 1, lastTransferAt: ts }));
    await addLicenses(context, from, -1);
    await context.db.insert(licenseTransfer).values({ id: eventId(event), tokenId, from, to, timestamp: ts, transactionHash: event.transaction.hash });
  }
  await addLicenses(context, to, 1);
});

ponder.on("CheckerLicense:UpdateUser", async ({ event, context }) => {
  const { tokenId, expires } = event.args;
  const operator = lower(event.args.user);
  const has = operator !== ZERO;
  // the row before the update is read inside it (one store call, not find then update)
  let had = false;
  await context.db.update(license, { id: tokenId }).set((r) => {
    had = r.operator != null;
    return { operator: has ? operator : null, operatorExpires: expires };
  });
  await context.db.insert(delegationEvent).values({ id: eventId(event), tokenId, operator, expires, timestamp: event.block.timestamp });
  const s = had !== has ? await addStats(context, { withOperator: has ? 1 : -1 }) : undefined;
  await daily(context, event.block.timestamp, {}, s);
});

ponder.on("CheckerLicense:LicenseBanned", async ({ event, context }) => {
  const { tokenId, until } = event.args;
  await context.db.update(license, { id: tokenId }).set({ bannedUntil: until });
  await context.db.insert(banEvent).values({ id: eventId(event), tokenId, kind: "ban", until, by: lower(event.args.by), timestamp: event.block.timestamp });
  await daily(context, event.block.timestamp, { bans: 1 }, await addStats(context, { bans: 1 }));
});

ponder.on("CheckerLicense:LicenseUnbanned", async ({ event, context }) => {
  const { tokenId } = event.args;
  await context.db.update(license, { id: tokenId }).set({ bannedUntil: 0n });
  await context.db.insert(banEvent).values({ id: eventId(event), tokenId, kind: "unban", until: 0n, by: lower(event.args.by), timestamp: event.block.timestamp });
});

ponder.on("CheckerLicense:TransferAllowlistSet", async ({ event, context }) => {
  const accountAddress = lower(event.args.account);
  await context.db.insert(transferAllowlist).values({ account: accountAddress, allowed: event.args.allowed }).onConflictDoUpdate({ allowed: event.args.allowed });
});

ponder.on("CheckerLicense:TransferableAfterSet", async ({ event, context }) => {
  await stats(context);
  await context.db.update(licenseStat, { id: "license" }).set({ transferableAfter: event.args.transferableAfter });
});

ponder.on("CheckerLicense:BaseURISet", async ({ event, context }) => {
  await stats(context);
  await context.db.update(licenseStat, { id: "license" }).set({ baseURI: event.args.baseURI });
});

// A single-license approval; transfers clear it on chain without an event, so the Transfer handler clears it too.
ponder.on("CheckerLicense:Approval", async ({ event, context }) => {
  const approved = lower(event.args.approved);
  await context.db.update(license, { id: event.args.tokenId }).set({ approved: approved === ZERO ? null : approved });
});

ponder.on("CheckerLicense:ApprovalForAll", async ({ event, context }) => {
  await context.db
    .insert(operatorApproval)
    .values({ owner: lower(event.args.owner), operator: lower(event.args.operator), approved: event.args.approved })
    .onConflictDoUpdate({ approved: event.args.approved });
});

// ERC-2309 batch-mint event: ERC721A emits it only from `_mintERC2309`, which ERC-2309 allows only while the contract
// is being constructed, and CheckerLicense never calls it (its mints emit one Transfer per license), so this cannot
// fire; the end-to-end test drives every other event. It is handled so that a future change to minting cannot be
// silently dropped by the indexer.
ponder.on("CheckerLicense:ConsecutiveTransfer", async ({ event }) => {
  throw new Error(`unexpected ConsecutiveTransfer in ${event.transaction.hash}: the indexer needs a handler for ERC-2309 mints`);
});

ponder.on("CheckerLicense:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("CheckerLicense:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("CheckerLicense:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
