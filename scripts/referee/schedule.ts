// The checker pools' release schedules, exactly as the contracts compute them (ScheduleMath.linear and equalSteps,
// rounding down), so the referee pays each epoch's emission and each quarter's bonus to the wei.
import { DAY } from "../lib/tokenomics.js";

export interface CheckerSchedule {
  /** Start of epoch 0 (the referee's TGE). */
  tge: number;
  base: { allocation: bigint; start: number; duration: number };
  bonus: { allocation: bigint; start: number; stepDuration: number; steps: number };
}

export function baseUnlockedAt(s: CheckerSchedule, t: number): bigint {
  const { allocation, start, duration } = s.base;
  if (t < start) return 0n;
  if (t >= start + duration) return allocation;
  return (allocation * BigInt(t - start)) / BigInt(duration);
}

export function bonusUnlockedAt(s: CheckerSchedule, t: number): bigint {
  const { allocation, start, stepDuration, steps } = s.bonus;
  if (t < start) return 0n;
  const done = Math.floor((t - start) / stepDuration);
  if (done >= steps) return allocation;
  return (allocation * BigInt(done)) / BigInt(steps);
}

export const epochStart = (s: CheckerSchedule, epoch: number) => s.tge + epoch * DAY;
export const epochEnd = (s: CheckerSchedule, epoch: number) => s.tge + (epoch + 1) * DAY;

/** The base emission of one epoch: what the base pool releases between the epoch's start and end. */
export function epochEmission(s: CheckerSchedule, epoch: number): bigint {
  return baseUnlockedAt(s, epochEnd(s, epoch)) - baseUnlockedAt(s, epochStart(s, epoch));
}

/** The bonus quarter (0-based) an epoch belongs to, by its start. */
export function quarterOf(s: CheckerSchedule, epoch: number): number {
  return Math.floor(Math.max(0, epochStart(s, epoch) - s.bonus.start) / s.bonus.stepDuration);
}

/**
 * The bonus quarter whose step unlocks within `epoch` (its end falls in (start, end]), and that step's amount; null if
 * no step unlocks in it. That epoch is the last of the quarter, so the quarter's base rewards are all known.
 */
export function quarterEndingIn(s: CheckerSchedule, epoch: number): { quarter: number; amount: bigint } | null {
  const start = epochStart(s, epoch);
  const end = epochEnd(s, epoch);
  const q = quarterOf(s, epoch);
  if (q >= s.bonus.steps) return null;
  const unlock = s.bonus.start + (q + 1) * s.bonus.stepDuration;
  if (unlock <= start || unlock > end) return null;
  return { quarter: q, amount: bonusUnlockedAt(s, unlock) - bonusUnlockedAt(s, unlock - 1) };
}
