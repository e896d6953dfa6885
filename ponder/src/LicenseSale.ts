// The license sale: tiers, purchases, referral codes and rewards (caps, payout delay, voids), proceeds and settings.
import { ponder, type Context } from "ponder:registry";
import { license, purchase, referralCode, referralPair, referrer, sale, saleTier } from "ponder:schema";
import { eventId, lower, setRole, setRoleAdmin, ZERO } from "./shared";

const ZERO_HASH = `0x${"0".repeat(64)}` as const;

async function saleRow(context: Context) {
  return (
    (await context.db.find(sale, { id: "sale" })) ??
    (await context.db.insert(sale).values({
      id: "sale",
      whitelistStart: 0n,
      publicStart: 0n,
      saleEnd: 0n,
      whitelistRoot: ZERO_HASH,
      discountBps: 0,
      referralRewardBps: 0,
      referralCapPerBuyer: 0n,
      referralCapPerCode: 0n,
      referralPayoutDelay: 0n,
      treasury: ZERO,
      paused: false,
      licensesSold: 0,
      paidEth: 0n,
      paidWeth: 0n,
      proceedsWithdrawnEth: 0n,
      proceedsWithdrawnWeth: 0n,
    }))
  );
}

async function referrerRow(context: Context, address: `0x${string}`) {
  await context.db
    .insert(referrer)
    .values({
      address,
      accruedEth: 0n,
      accruedWeth: 0n,
      withdrawnEth: 0n,
      withdrawnWeth: 0n,
      voidedEth: 0n,
      voidedWeth: 0n,
      withdrawableAfter: 0n,
      rewardCapped: 0n,
      discountCapped: 0n,
    })
    .onConflictDoNothing();
}

ponder.on("LicenseSale:TierConfigured", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(saleTier).values({ tier: Number(a.tier), price: a.price, supply: Number(a.supply), capPerBuyer: Number(a.capPerBuyer), sold: 0, raised: 0n });
});

ponder.on("LicenseSale:TierPurchase", async ({ event, context }) => {
  const { tier, firstTokenId, quantity, unitPrice } = event.args;
  const buyer = lower(event.args.buyer);
  const q = Number(quantity);
  await context.db.update(saleTier, { tier: Number(tier) }).set((r) => ({ sold: r.sold + q, raised: r.raised + unitPrice * quantity }));
  // The mint's Transfer events follow this one; rows created here are completed (owner, mint tx) by them.
  const rows = Array.from({ length: q }, (_, i) => ({
    id: firstTokenId + BigInt(i),
    owner: buyer,
    operator: null,
    operatorExpires: 0n,
    bannedUntil: 0n,
    buyer,
    tier: Number(tier),
    price: unitPrice,
    mintedAt: event.block.timestamp,
    mintTx: event.transaction.hash,
    transfers: 0,
    lastTransferAt: null,
    approved: null,
  }));
  await context.db.insert(license).values(rows).onConflictDoUpdate({ buyer, tier: Number(tier), price: unitPrice });
});

ponder.on("LicenseSale:Purchased", async ({ event, context }) => {
  const a = event.args;
  const buyer = lower(a.buyer);
  const currency = a.currency === 0 ? "ETH" : "WETH";
  const paid = a.grossPrice - a.discount;
  const ref = lower(a.referrer);
  await context.db.insert(purchase).values({
    id: eventId(event),
    buyer,
    firstTokenId: a.firstTokenId,
    quantity: Number(a.quantity),
    grossPrice: a.grossPrice,
    discount: a.discount,
    paid,
    currency,
    referralCode: a.referralCode === ZERO_HASH ? null : a.referralCode,
    referrer: ref === ZERO ? null : ref,
    referralReward: a.referralReward,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set((r) => ({
    licensesSold: r.licensesSold + Number(a.quantity),
    paidEth: r.paidEth + (currency === "ETH" ? paid : 0n),
    paidWeth: r.paidWeth + (currency === "WETH" ? paid : 0n),
  }));
  if (ref !== ZERO) {
    await context.db.update(referralCode, { code: a.referralCode }).set((r) => ({
      purchases: r.purchases + 1,
      licensesSold: r.licensesSold + Number(a.quantity),
      rewardsEth: r.rewardsEth + (currency === "ETH" ? a.referralReward : 0n),
      rewardsWeth: r.rewardsWeth + (currency === "WETH" ? a.referralReward : 0n),
    }));
    await referrerRow(context, ref);
    await context.db.update(referrer, { address: ref }).set((r) => ({
      accruedEth: r.accruedEth + (currency === "ETH" ? a.referralReward : 0n),
      accruedWeth: r.accruedWeth + (currency === "WETH" ? a.referralReward : 0n),
    }));
  }
});

ponder.on("LicenseSale:ReferralCodeRegistered", async ({ event, context }) => {
  await context.db.insert(referralCode).values({
    code: event.args.code,
    owner: lower(event.args.owner),
    purchases: 0,
    licensesSold: 0,
    rewardsEth: 0n,
    rewardsWeth: 0n,
    earned: 0n,
    rewardCapped: 0n,
    discountCapped: 0n,
    voided: false,
    voidedEth: 0n,
    voidedWeth: 0n,
  });
});

// Emitted before the purchase's `Purchased`, which books the reward itself (rewardsEth/Weth, accruedEth/Weth).
ponder.on("LicenseSale:ReferralRewardAccrued", async ({ event, context }) => {
  const a = event.args;
  const code = a.code;
  const ref = lower(a.referrer);
  const buyer = lower(a.buyer);
  await context.db.update(referralCode, { code }).set((r) => ({
    earned: r.earned + a.reward,
    rewardCapped: r.rewardCapped + a.rewardCapped,
    discountCapped: r.discountCapped + a.discountCapped,
  }));
  await referrerRow(context, ref);
  await context.db.update(referrer, { address: ref }).set((r) => ({
    // A purchase that earned nothing (past a cap) unlocks nothing; a later lock never moves an earlier one in.
    withdrawableAfter: a.withdrawableAt > r.withdrawableAfter ? a.withdrawableAt : r.withdrawableAfter,
    rewardCapped: r.rewardCapped + a.rewardCapped,
    discountCapped: r.discountCapped + a.discountCapped,
  }));
  await context.db
    .insert(referralPair)
    .values({ id: `${code}:${buyer}`, code, referrer: ref, buyer, purchases: 1, earned: a.reward, rewardCapped: a.rewardCapped, discountCapped: a.discountCapped })
    .onConflictDoUpdate((r) => ({
      purchases: r.purchases + 1,
      earned: r.earned + a.reward,
      rewardCapped: r.rewardCapped + a.rewardCapped,
      discountCapped: r.discountCapped + a.discountCapped,
    }));
});

ponder.on("LicenseSale:ReferralRewardsVoided", async ({ event, context }) => {
  const { code, ethAmount, wethAmount } = event.args;
  const address = lower(event.args.referrer);
  await context.db.update(referralCode, { code }).set((r) => ({
    voided: true,
    voidedEth: r.voidedEth + ethAmount,
    voidedWeth: r.voidedWeth + wethAmount,
  }));
  await referrerRow(context, address);
  await context.db.update(referrer, { address }).set((r) => ({
    voidedEth: r.voidedEth + ethAmount,
    voidedWeth: r.voidedWeth + wethAmount,
  }));
});

ponder.on("LicenseSale:ReferralCodeRestored", async ({ event, context }) => {
  await context.db.update(referralCode, { code: event.args.code }).set({ voided: false });
});

ponder.on("LicenseSale:ReferralCapsSet", async ({ event, context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set({ referralCapPerBuyer: event.args.capPerBuyer, referralCapPerCode: event.args.capPerCode });
});

ponder.on("LicenseSale:ReferralPayoutDelaySet", async ({ event, context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set({ referralPayoutDelay: event.args.delay });
});

ponder.on("LicenseSale:ReferralRewardsWithdrawn", async ({ event, context }) => {
  const address = lower(event.args.referrer);
  await referrerRow(context, address);
  await context.db.update(referrer, { address }).set((r) => ({
    withdrawnEth: r.withdrawnEth + event.args.ethAmount,
    withdrawnWeth: r.withdrawnWeth + event.args.wethAmount,
  }));
});

ponder.on("LicenseSale:ProceedsWithdrawn", async ({ event, context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set((r) => ({
    proceedsWithdrawnEth: r.proceedsWithdrawnEth + event.args.ethAmount,
    proceedsWithdrawnWeth: r.proceedsWithdrawnWeth + event.args.wethAmount,
  }));
});

ponder.on("LicenseSale:SaleScheduleSet", async ({ event, context }) => {
  await saleRow(context);
  const a = event.args;
  await context.db.update(sale, { id: "sale" }).set({ whitelistStart: a.whitelistStart, publicStart: a.publicStart, saleEnd: a.saleEnd });
});

ponder.on("LicenseSale:WhitelistRootSet", async ({ event, context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set({ whitelistRoot: event.args.root });
});

ponder.on("LicenseSale:ReferralTermsSet", async ({ event, context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set({ discountBps: event.args.discountBps, referralRewardBps: event.args.rewardBps });
});

ponder.on("LicenseSale:TreasurySet", async ({ event, context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set({ treasury: lower(event.args.treasury) });
});

ponder.on("LicenseSale:Paused", async ({ context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set({ paused: true });
});

ponder.on("LicenseSale:Unpaused", async ({ context }) => {
  await saleRow(context);
  await context.db.update(sale, { id: "sale" }).set({ paused: false });
});

ponder.on("LicenseSale:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("LicenseSale:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("LicenseSale:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
