// The per-account rewards row, shared by the claims handlers and the referee report import.
import type { Context } from "ponder:registry";
import { rewardAccount } from "ponder:schema";

export async function accountRow(context: Context, account: `0x${string}`) {
  await context.db
    .insert(rewardAccount)
    .values({ account, cumulativeEarned: 0n, cumulativeClaimed: 0n, fees: 0n, returnedToPool: 0n, vesting: 0n, withdrawn: 0n, forfeited: 0n, cumulativeSynced: 0n, claimable: 0n })
    .onConflictDoNothing();
}
