// The daily rewards series, shared by the referee and claims handlers.
import type { Context } from "ponder:registry";
import { epochRoot, epochSettlement, rewardDay } from "ponder:schema";
import { dayOf } from "./shared";

type Add = Partial<{ claimed: bigint; fees: bigint; penaltiesReturned: bigint; withdrawn: bigint; forfeited: bigint; jobsProven: number }>;

const zero = {
  emittedBase: 0n,
  emittedBonus: 0n,
  epochsSettled: 0,
  settledEpoch: null,
  activeLicenses: 0,
  claimed: 0n,
  fees: 0n,
  penaltiesReturned: 0n,
  withdrawn: 0n,
  forfeited: 0n,
  jobsProven: 0,
};

export async function addRewardDaily(context: Context, timestamp: bigint, add: Add) {
  const { day, date } = dayOf(timestamp);
  await context.db.insert(rewardDay).values({ day, date, ...zero, ...add }).onConflictDoUpdate((r) => ({
    claimed: r.claimed + (add.claimed ?? 0n),
    fees: r.fees + (add.fees ?? 0n),
    penaltiesReturned: r.penaltiesReturned + (add.penaltiesReturned ?? 0n),
    withdrawn: r.withdrawn + (add.withdrawn ?? 0n),
    forfeited: r.forfeited + (add.forfeited ?? 0n),
    jobsProven: r.jobsProven + (add.jobsProven ?? 0),
  }));
}

export interface Emission {
  epoch: bigint;
  basePaid: bigint;
  bonusPaid: bigint;
  activeLicenses: number;
}

/** An epoch's root was posted at `timestamp`: its emission counts on that day, and it is the day's newest epoch. */
export async function addEmission(context: Context, timestamp: bigint, e: Emission) {
  const { day, date } = dayOf(timestamp);
  const settled = { settledEpoch: e.epoch, activeLicenses: e.activeLicenses };
  await context.db
    .insert(rewardDay)
    .values({ day, date, ...zero, emittedBase: e.basePaid, emittedBonus: e.bonusPaid, epochsSettled: 1, ...settled })
    .onConflictDoUpdate((r) => ({
      emittedBase: r.emittedBase + e.basePaid,
      emittedBonus: r.emittedBonus + e.bonusPaid,
      epochsSettled: r.epochsSettled + 1,
      // roots are posted in epoch order, so this one is the day's newest
      ...settled,
    }));
}

/**
 * An epoch's root posted at `postedAt` was vetoed: its emission leaves that day again (its re-posted root adds to the
 * day it is posted on). Only the newest root can be vetoed, so the day's newest epoch becomes the previous one if that
 * was posted the same day, and none otherwise.
 */
export async function removeEmission(context: Context, postedAt: bigint, e: Emission) {
  const { day } = dayOf(postedAt);
  const row = await context.db.find(rewardDay, { day });
  if (row === null) return;
  let settled: { settledEpoch: bigint | null; activeLicenses: number } | undefined;
  if (row.settledEpoch === e.epoch) {
    settled = { settledEpoch: null, activeLicenses: 0 };
    const previous = e.epoch > 0n ? await context.db.find(epochRoot, { epoch: e.epoch - 1n }) : null;
    if (previous !== null && previous.status !== "vetoed" && dayOf(previous.postedAt).day === day) {
      const s = await context.db.find(epochSettlement, { epoch: e.epoch - 1n });
      settled = { settledEpoch: e.epoch - 1n, activeLicenses: s?.activeLicenses ?? 0 };
    }
  }
  await context.db.update(rewardDay, { day }).set((r) => ({
    emittedBase: r.emittedBase - e.basePaid,
    emittedBonus: r.emittedBonus - e.bonusPaid,
    epochsSettled: r.epochsSettled - 1,
    ...settled,
  }));
}
