// The release schedules of SPEC §2 in TypeScript bigint arithmetic, rounding exactly as contracts/libraries/
// ScheduleMath.sol does. Tests compare the contracts against it; the indexer's API and scripts use it to show what
// a bucket can release at a given time.
import type { BucketSchedule } from "./tokenomics.js";

const BPS = 10_000n;

function linear(total: bigint, start: bigint, duration: bigint, t: bigint): bigint {
  if (t < start) return 0n;
  if (t >= start + duration) return total;
  return (total * (t - start)) / duration;
}

/** Cumulative amount a bucket of `total` wei has released by time `t`, for a bucket created at `tge`. */
export function unlockedAt(schedule: BucketSchedule, total: bigint, tge: number, time: number | bigint): bigint {
  const t = BigInt(time);
  const start = BigInt(tge);
  switch (schedule.kind) {
    case "linearVesting":
      return linear(total, start + BigInt(schedule.cliff), BigInt(schedule.duration), t);
    case "linearPool":
      return linear(total, start, BigInt(schedule.duration), t);
    case "upfrontLinearVesting": {
      if (t < start) return 0n;
      const upfront = (total * BigInt(schedule.upfrontBps)) / BPS;
      return upfront + linear(total - upfront, start, BigInt(schedule.duration), t);
    }
    case "stepVesting": {
      let reached = 0n;
      schedule.offsets.forEach((offset, i) => {
        if (t >= start + BigInt(offset)) reached = BigInt(schedule.cumulativeBps[i]);
      });
      return (total * reached) / BPS;
    }
    case "steppedPool": {
      if (t < start) return 0n;
      const done = (t - start) / BigInt(schedule.stepDuration);
      const steps = BigInt(schedule.steps);
      return done >= steps ? total : (total * done) / steps;
    }
    case "decayingPool": {
      if (t < start) return 0n;
      const period = BigInt(schedule.period);
      const elapsed = t - start;
      const current = elapsed / period;
      if (current >= BigInt(schedule.periods)) return total;
      let cumulative = 0n;
      let amount = (total * BigInt(schedule.firstBps)) / BPS;
      for (let k = 0n; k < current; k++) {
        cumulative += amount;
        amount = (amount * BigInt(schedule.decayNum)) / BigInt(schedule.decayDen);
      }
      if (current === BigInt(schedule.periods - 1)) amount = total - cumulative;
      return cumulative + (amount * (elapsed - current * period)) / period;
    }
  }
}
