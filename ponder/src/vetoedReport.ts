// A vetoed root's settlement report: the chain no longer commits to it, so the API must not serve its figures.
import type { Context } from "ponder:registry";
import { accountEpoch, rewardAccount, settledLicenseEpoch } from "ponder:schema";
import { and, desc, eq, inArray, lt } from "ponder";

/**
 * Drops the per-license and per-account figures imported from `epoch`'s report, and gives each of its accounts back its
 * leaf in the newest root still posted. Only the newest root can be vetoed and roots are posted in order, so that is the
 * account's row of its newest earlier epoch (none: the vetoed root was its first leaf). A re-posted root imports its own
 * report afresh.
 */
export async function withdrawReport(context: Context, epoch: bigint) {
  // Reads only: a raw read flushes the tables it names, a raw write every table and marks Ponder's in-memory cache
  // incomplete for the rest of the run (docs/decisions.md, "Indexer speed: no raw writes"), so rows are deleted by key.
  const accounts = await context.db.sql.select({ account: accountEpoch.account }).from(accountEpoch).where(eq(accountEpoch.epoch, epoch));
  const earlier = await context.db.sql
    .selectDistinctOn([accountEpoch.account], { account: accountEpoch.account, cumulative: accountEpoch.cumulative })
    .from(accountEpoch)
    .where(
      and(
        lt(accountEpoch.epoch, epoch),
        inArray(accountEpoch.account, context.db.sql.select({ account: accountEpoch.account }).from(accountEpoch).where(eq(accountEpoch.epoch, epoch))),
      ),
    )
    .orderBy(accountEpoch.account, desc(accountEpoch.epoch));
  const previous = new Map(earlier.map((r) => [r.account, r.cumulative]));
  for (const { account } of accounts) {
    await context.db.update(rewardAccount, { account }).set({ cumulativeEarned: previous.get(account) ?? 0n });
  }
  for (const { account } of accounts) await context.db.delete(accountEpoch, { account, epoch });
  const licenses = await context.db.sql.select({ licenseId: settledLicenseEpoch.licenseId }).from(settledLicenseEpoch).where(eq(settledLicenseEpoch.epoch, epoch));
  for (const { licenseId } of licenses) await context.db.delete(settledLicenseEpoch, { licenseId, epoch });
}
