// The daily series of each genesis bucket's balance, fed by the ATH Transfer handler. Only transfers that touch a
// bucket do any work here, and only by primary key (served from Ponder's cache during the backfill).
import type { Context } from "ponder:registry";
import { account, bucketDay } from "ponder:schema";
import { bucketNameByAddress } from "./manifest";
import { dayOf, ZERO } from "./shared";

/** After the account rows of a transfer are updated: adds it to the day's row of each bucket it touches. */
export async function addBucketDaily(
  context: Context,
  transfer: { from: `0x${string}`; to: `0x${string}`; value: bigint; timestamp: bigint },
) {
  const { from, to, value, timestamp } = transfer;
  const touched = [from, to].filter((a, i, all) => bucketNameByAddress.has(a) && all.indexOf(a) === i);
  if (touched.length === 0) return;
  const { day, date } = dayOf(timestamp);
  for (const bucket of touched) {
    // the genesis allocation (a mint) is the bucket's starting balance, not something it received
    const received = bucket === to && from !== ZERO ? value : 0n;
    const sent = bucket === from ? value : 0n;
    const balance = (await context.db.find(account, { address: bucket }))?.balance ?? 0n;
    const key = { bucket, day };
    const row = await context.db.find(bucketDay, key);
    if (row === null) {
      await context.db
        .insert(bucketDay)
        .values({ ...key, name: bucketNameByAddress.get(bucket)!, date, balance, received, sent, transfers: 1 });
    } else {
      await context.db
        .update(bucketDay, key)
        .set((r) => ({ balance, received: r.received + received, sent: r.sent + sent, transfers: r.transfers + 1 }));
    }
  }
}
