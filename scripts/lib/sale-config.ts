// The default license sale configuration: 53 tiers, 100,000 licenses, SPEC §4's per-buyer caps, and a price curve
// rising 5% a tier from 0.1 ETH (our choice; docs/decisions.md).

export interface TierConfig {
  price: bigint;
  supply: number;
  capPerBuyer: number; // 0: uncapped
}

const CAPS: Record<number, number> = { 1: 5, 2: 10, 3: 15, 4: 30, 5: 50, 6: 100 };

/** SPEC §4: tiers 1–4 cap 5/10/15/30, tiers 5–6 cap 50/100, 7–10 cap 200, 11–18 cap 500, later tiers uncapped. */
export function capForTier(tier: number): number {
  if (tier in CAPS) return CAPS[tier];
  if (tier <= 10) return 200;
  if (tier <= 18) return 500;
  return 0;
}

/** 1,000 licenses in tiers 1–10, 2,000 in 11–30, 2,200 in 31–52 and 1,600 in tier 53: 100,000 in all. */
export function supplyForTier(tier: number): number {
  if (tier <= 10) return 1_000;
  if (tier <= 30) return 2_000;
  if (tier <= 52) return 2_200;
  return 1_600;
}

/** 0.1 ETH x 1.05^(tier-1), rounded down to a micro-ether. */
export function priceForTier(tier: number): bigint {
  const micro = 10n ** 12n;
  const price = (10n ** 17n * 105n ** BigInt(tier - 1)) / 100n ** BigInt(tier - 1);
  return (price / micro) * micro;
}

export const DEFAULT_TIERS: TierConfig[] = Array.from({ length: 53 }, (_, i) => ({
  price: priceForTier(i + 1),
  supply: supplyForTier(i + 1),
  capPerBuyer: capForTier(i + 1),
}));

/**
 * Referral terms (Xai: 5% off, 15% of the discounted price to the referrer) and the self-referral bounds
 * (docs/decisions.md, "License sale"): a code earns at most 0.1 ETH from one buyer and 10 ETH in all (ETH and WETH
 * together), and a reward is withdrawable 15 to 30 days after the purchase that earned it.
 */
export const DEFAULT_REFERRAL = {
  discountBps: 500,
  rewardBps: 1500,
  capPerBuyer: 10n ** 17n,
  capPerCode: 10n * 10n ** 18n,
  payoutDelay: 15 * 86_400,
};

/** Constructor arrays of LicenseSale for `tiers`. */
export function tierArrays(tiers: TierConfig[]): [bigint[], number[], number[]] {
  return [tiers.map((t) => t.price), tiers.map((t) => t.supply), tiers.map((t) => t.capPerBuyer)];
}
