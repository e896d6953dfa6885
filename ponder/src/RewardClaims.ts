// Claims into vesting, withdrawals and forfeits, per entry, per account and per day; roots synced and settlements.
import { ponder } from "ponder:registry";
import { claimEntry, claimsSync, rewardAccount } from "ponder:schema";
import { addRewardDaily } from "./rewardDaily";
import { accountRow } from "./rewardAccount";
import { eventId, lower, setRole, setRoleAdmin } from "./shared";

const OPTIONS = ["Full180Days", "Quarter30Days"] as const;
/** RewardClaims.FEE: every claim owes it to the treasury (paid in bulk by `settle`). */
const FEE = 5n * 10n ** 18n;

ponder.on("RewardClaims:Claimed", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  await context.db.insert(claimEntry).values({
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
    fees: r.fees + FEE,
    returnedToPool: r.returnedToPool + a.returnedToPool,
    vesting: r.vesting + a.vesting,
  }));
  await addRewardDaily(context, event.block.timestamp, { claimed: a.amount, fees: FEE, penaltiesReturned: a.returnedToPool });
});

ponder.on("RewardClaims:Withdrawn", async ({ event, context }) => {
  const account = lower(event.args.account);
  for (const entryId of event.args.entryIds) {
    await context.db.update(claimEntry, { account, entryId }).set({ status: "withdrawn" });
  }
  await accountRow(context, account);
  await context.db.update(rewardAccount, { account }).set((r) => ({ vesting: r.vesting - event.args.amount, withdrawn: r.withdrawn + event.args.amount }));
  await addRewardDaily(context, event.block.timestamp, { withdrawn: event.args.amount });
});

ponder.on("RewardClaims:Forfeited", async ({ event, context }) => {
  const account = lower(event.args.account);
  await context.db.update(claimEntry, { account, entryId: event.args.entryId }).set({ status: "forfeited" });
  await accountRow(context, account);
  await context.db.update(rewardAccount, { account }).set((r) => ({ vesting: r.vesting - event.args.amount, forfeited: r.forfeited + event.args.amount }));
  await addRewardDaily(context, event.block.timestamp, { forfeited: event.args.amount });
});

ponder.on("RewardClaims:Synced", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(claimsSync).values({
    id: eventId(event), kind: "synced", epoch: a.epoch, root: a.root, cumulativeTotal: a.cumulativeTotal,
    drawnFromBase: a.drawnFromBase, drawnFromBonus: a.drawnFromBonus, timestamp: event.block.timestamp,
  });
});

ponder.on("RewardClaims:Settled", async ({ event, context }) => {
  await context.db.insert(claimsSync).values({
    id: eventId(event), kind: "settled", fees: event.args.fees, returnedToPool: event.args.returnedToPool, timestamp: event.block.timestamp,
  });
});

ponder.on("RewardClaims:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("RewardClaims:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("RewardClaims:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
