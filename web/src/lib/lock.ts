// Holder staking's lock arithmetic, as StakingPools defines it: a lock of w weeks (1-208) weighs amount x (204 + 3w)
// per wei, 207 being 1x (one week) and 828 being 4x (208 weeks); it ends at the start of a week (Unix weeks).
export const MIN_WEEKS = 1;
export const MAX_WEEKS = 208;
export const WEEK = 604_800;
export const MIN_STAKE = 10n ** 18n;

/** The contract counts weight per wei, 207 per wei being 1x: divide by this to show ATH-equivalents. */
export const WEIGHT_PER_ATH = 207n;

/** The multiplier of a w-week lock, e.g. 1.0145 for 2 weeks, 4 for 208. */
export const multiplierOf = (weeks: number) => (204 + 3 * weeks) / 207;

/** The weight a lock gives, in ATH-equivalents (amount x multiplier), as wei. */
export const weightOf = (amount: bigint, weeks: number) => (amount * BigInt(204 + 3 * weeks)) / 207n;

/** Why a lock length can't be used, or undefined. */
export function lockWeeksProblem(raw: string): string | undefined {
  if (!/^\d+$/.test(raw.trim())) return `"${raw}" is not a whole number of weeks: choose 1 to 208.`;
  const w = Number(raw);
  if (w < MIN_WEEKS || w > MAX_WEEKS) return `A lock lasts 1 to 208 weeks (4 years); ${w} weeks is ${w < 1 ? "too short" : "too long"}.`;
  return undefined;
}
