// GET /roots: every epoch root the referee posted, oldest first, with what it adds and its status as of the newest
// indexed block (see ./status.ts).
import { db } from "./snapshot";
import schema from "ponder:schema";
import { Hono } from "hono";
import { asc } from "ponder";
import { json } from "./json";
import { indexedTime, rootStatus } from "./status";
import { withParams } from "./params";

type RootRow = typeof schema.epochRoot.$inferSelect;

/**
 * The rows as served: `amount` is what the epoch adds, its cumulative total minus that of the newest earlier root still
 * standing (a vetoed root never counted).
 */
export function rootsView(rows: RootRow[], at: bigint | null) {
  let standing = 0n;
  return rows.map((r) => {
    const amount = r.cumulativeTotal - standing;
    if (r.status !== "vetoed") standing = r.cumulativeTotal;
    return {
      epoch: r.epoch,
      status: rootStatus(r, at),
      amount,
      cumulativeTotal: r.cumulativeTotal,
      root: r.root,
      postedAt: r.postedAt,
      finalAt: r.finalAt,
      syncedAt: r.syncedAt,
      dataURI: r.dataURI,
    };
  });
}

export async function allRoots() {
  return db.select().from(schema.epochRoot).orderBy(asc(schema.epochRoot.epoch));
}

export const roots = new Hono();

roots.get(
  "/roots",
  withParams(async (c) => {
    const at = await indexedTime();
    return c.json(json({ at, roots: rootsView(await allRoots(), at) }));
  }),
);
