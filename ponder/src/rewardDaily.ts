// The daily rewards series, shared by the referee and claims handlers.
import type { Context } from "ponder:registry";
import { rewardDaily } from "ponder:schema";
import { dayOf } from "./shared";

type Add = Partial<{ claimed: bigint; fees: bigint; penaltiesReturned: bigint; withdrawn: bigint; forfeited: bigint; jobsProven: number }>;

export async function addRewardDaily(context: Context, timestamp: bigint, add: Add) {
  const { day, date } = dayOf(timestamp);
  const zero = { claimed: 0n, fees: 0n, penaltiesReturned: 0n, withdrawn: 0n, forfeited: 0n, jobsProven: 0 };
  await context.db.insert(rewardDaily).values({ day, date, ...zero, ...add }).onConflictDoUpdate((r) => ({
    claimed: r.claimed + (add.claimed ?? 0n),
    fees: r.fees + (add.fees ?? 0n),
    penaltiesReturned: r.penaltiesReturned + (add.penaltiesReturned ?? 0n),
    withdrawn: r.withdrawn + (add.withdrawn ?? 0n),
    forfeited: r.forfeited + (add.forfeited ?? 0n),
    jobsProven: r.jobsProven + (add.jobsProven ?? 0),
  }));
}
