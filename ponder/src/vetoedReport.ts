// A vetoed root's settlement report: the chain no longer commits to it, so the API must not serve its figures.
import type { Context } from "ponder:registry";
import { accountEpoch, rewardAccount, settledLicenseEpoch } from "ponder:schema";
import { and, desc, eq, lt } from "ponder";

/**
 * Drops the per-license and per-account figures imported from `epoch`'s report, and gives each of its accounts back its
 * leaf in the newest root still posted. Only the newest root can be vetoed and roots are posted in order, so that is the
 * account's row of its newest earlier epoch (none: the vetoed root was its first leaf). A re-posted root imports its own
 * report afresh.
 */
export async function withdrawReport(context: Context, epoch: bigint) {
  const accounts = await context.db.sql.select({ account: accountEpoch.account }).from(accountEpoch).where(eq(accountEpoch.epoch, epoch));
  for (const { account } of accounts) {
    const [previous] = await context.db.sql
      .select({ cumulative: accountEpoch.cumulative })
      .from(accountEpoch)
      .where(and(eq(accountEpoch.account, account), lt(accountEpoch.epoch, epoch)))
      .orderBy(desc(accountEpoch.epoch))
      .limit(1);
    await context.db.update(rewardAccount, { account }).set({ cumulativeEarned: previous?.cumulative ?? 0n });
  }
  await context.db.sql.delete(accountEpoch).where(eq(accountEpoch.epoch, epoch));
  await context.db.sql.delete(settledLicenseEpoch).where(eq(settledLicenseEpoch.epoch, epoch));
}
