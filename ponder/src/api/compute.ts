// Compute providers' endpoints (issue 15; JSON, numbers as decimal strings):
//   GET /leaderboard/providers?limit=   top compute providers (hosts and Edge owners) by cumulative earnings in the
//                                       newest posted root, with what was claimed (Edge) and pushed (Enterprise/IDC)
//   GET /compute/epochs/:epoch          one epoch's compute root and, per container, its points and earnings or why
//                                       it had none (from the root's compute report)
import { db } from "./snapshot";
import schema from "ponder:schema";
import { Hono } from "hono";
import { asc, desc, eq } from "ponder";
import { json } from "./json";
import { limitParam, ParamError, withParams } from "./params";

export const compute = new Hono();

compute.get("/leaderboard/providers", withParams(async (c) => {
  const limit = limitParam(c, "limit", 10);
  const p = schema.computeProvider;
  const rows = await db.select().from(p).orderBy(desc(p.earned), p.account).limit(limit);
  return c.json(json(rows));
}));

compute.get("/compute/epochs/:epoch", withParams(async (c) => {
  const raw = c.req.param("epoch") ?? "";
  if (!/^\d{1,12}$/.test(raw)) throw new ParamError(`epoch must be an epoch number (a whole number); got ${JSON.stringify(raw)}`);
  const epoch = BigInt(raw);
  const [root] = await db.select().from(schema.computeRoot).where(eq(schema.computeRoot.epoch, epoch));
  if (!root) return c.json({ error: `No compute root is posted for epoch ${epoch}; the referee posts it after the epoch ends.` }, 404);
  const ce = schema.computeContainerEpoch;
  const containers = await db.select().from(ce).where(eq(ce.epoch, epoch)).orderBy(asc(ce.container));
  const ae = schema.computeAccountEpoch;
  const accounts = await db.select().from(ae).where(eq(ae.epoch, epoch)).orderBy(asc(ae.account));
  return c.json(json({ root, containers, accounts }));
}));
