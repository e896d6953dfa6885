// Protocol endpoints over the referee's tables (JSON, numbers as decimal strings):
//   GET /assignments/:epoch   an epoch's committed job assignment with its status as of the newest indexed block, its
//                             seed, its proven jobs by verdict, and the epoch's root with its status
import { db } from "./snapshot";
import schema from "ponder:schema";
import { Hono } from "hono";
import { eq, sql } from "ponder";
import { json } from "./json";
import { epochParam, withParams } from "./params";
import { allRoots, rootsView } from "./roots";
import { assignmentStatus, indexedTime } from "./status";

export const assignments = new Hono();

assignments.get(
  "/assignments/:epoch",
  withParams(async (c) => {
    const epoch = epochParam(c, "epoch");
    const s = schema;
    const at = await indexedTime();
    const [row] = await db.select().from(s.assignment).where(eq(s.assignment.epoch, epoch));
    const [seed] = await db.select().from(s.seed).where(eq(s.seed.epoch, epoch));
    const [proven] = await db
      .select({
        jobs: sql<number>`count(*)::int`,
        pass: sql<number>`count(*) filter (where ${s.job.verdict} = 'Pass')::int`,
        fail: sql<number>`count(*) filter (where ${s.job.verdict} = 'Fail')::int`,
      })
      .from(s.job)
      .where(eq(s.job.epoch, epoch));
    // the root's amount depends on the roots before it, hence the whole (short: one row per epoch) list
    const root = rootsView(await allRoots(), at).find((r) => r.epoch === epoch) ?? null;
    return c.json(
      json({
        epoch,
        assignment: row === undefined ? null : { ...row, status: assignmentStatus(row, at) },
        seed: seed ?? null,
        proven: proven ?? { jobs: 0, pass: 0, fail: 0 },
        root,
        at,
      }),
    );
  }),
);
