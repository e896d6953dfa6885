// Claims into vesting, withdrawals and forfeits, per entry, per account and per day; roots synced and settlements.
import { ponder } from "ponder:registry";
import { accountEpoch, claimsMovement, epochRoot, rewardAccount, vestingClaim } from "ponder:schema";
import { and, desc, eq, lte } from "ponder";
import { addRewardDaily } from "./rewardDaily";
import { accountRow } from "./rewardAccount";
import { eventId, lower, setRole, setRoleAdmin } from "./shared";

const OPTIONS = ["Full180Days", "Quarter30Days"] as const;
/** RewardClaims.FEE: every claim owes it to the treasury (paid in bulk by `settle`). */
const FEE = 5n * 10n ** 18n;

ponder.on("RewardClaims:Claimed", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  await context.db.insert(vestingClaim).values({
    account,
    entryId: a.entryId,
    epoch: a.epoch,
    cumulativeAmount: a.cumulativeAmount,
    amount: a.amount,
    fee: FEE,
    option: OPTIONS[a.option] ?? String(a.option),
    vesting: a.vesting,
    returnedToPool: a.returnedToPool,
    unlockAt: BigInt(a.unlockAt),
    status: "vesting",
    claimedAt: event.block.timestamp,
  });
  await accountRow(context, account);
  await context.db.update(rewardAccount, { account }).set((r) => ({
    cumulativeClaimed: a.cumulativeAmount,
    claimable: r.cumulativeSynced - a.cumulativeAmount,
    fees: r.fees + FEE,
    returnedToPool: r.returnedToPool + a.returnedToPool,
    vesting: r.vesting + a.vesting,
  }));
  await addRewardDaily(context, event.block.timestamp, { claimed: a.amount, fees: FEE, penaltiesReturned: a.returnedToPool });
});

ponder.on("RewardClaims:Withdrawn", async ({ event, context }) => {
  const account = lower(event.args.account);
  for (const entryId of event.args.entryIds) {
    await context.db.update(vestingClaim, { account, entryId }).set({ status: "withdrawn" });
  }
  await accountRow(context, account);
  await context.db.update(rewardAccount, { account }).set((r) => ({ vesting: r.vesting - event.args.amount, withdrawn: r.withdrawn + event.args.amount }));
  await addRewardDaily(context, event.block.timestamp, { withdrawn: event.args.amount });
});

ponder.on("RewardClaims:Forfeited", async ({ event, context }) => {
  const account = lower(event.args.account);
  await context.db.update(vestingClaim, { account, entryId: event.args.entryId }).set({ status: "forfeited" });
  await accountRow(context, account);
  await context.db.update(rewardAccount, { account }).set((r) => ({ vesting: r.vesting - event.args.amount, forfeited: r.forfeited + event.args.amount }));
  await addRewardDaily(context, event.block.timestamp, { forfeited: event.args.amount });
});

ponder.on("RewardClaims:Synced", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(claimsMovement).values({
    id: eventId(event), kind: "synced", epoch: a.epoch, root: a.root, cumulativeTotal: a.cumulativeTotal,
    drawnFromBase: a.drawnFromBase, drawnFromBonus: a.drawnFromBonus, timestamp: event.block.timestamp,
  });
  // Roots are cumulative: adopting epoch E's root makes every epoch up to E claimable.
  // by key, not one raw UPDATE: see ComplianceRegistry.ts and docs/decisions.md, "Indexer speed: no raw writes"
  const posted = await context.db.sql
    .select({ epoch: epochRoot.epoch })
    .from(epochRoot)
    .where(and(lte(epochRoot.epoch, a.epoch), eq(epochRoot.status, "posted")));
  for (const { epoch } of posted) await context.db.update(epochRoot, { epoch }).set({ status: "synced", syncedAt: event.block.timestamp });
  // Each account's leaf in the synced root: its row of the newest epoch up to E (a report lists the epoch's accounts).
  const leaves = await context.db.sql
    .selectDistinctOn([accountEpoch.account], { account: accountEpoch.account, cumulative: accountEpoch.cumulative })
    .from(accountEpoch)
    .where(lte(accountEpoch.epoch, a.epoch))
    .orderBy(accountEpoch.account, desc(accountEpoch.epoch));
  for (const { account, cumulative } of leaves) {
    await accountRow(context, account);
    await context.db.update(rewardAccount, { account }).set((r) => ({ cumulativeSynced: cumulative, claimable: cumulative - r.cumulativeClaimed }));
  }
});

ponder.on("RewardClaims:Settled", async ({ event, context }) => {
  await context.db.insert(claimsMovement).values({
    id: eventId(event), kind: "settled", fees: event.args.fees, returnedToPool: event.args.returnedToPool, timestamp: event.block.timestamp,
  });
});

ponder.on("RewardClaims:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("RewardClaims:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("RewardClaims:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
