// The TimelockController that administers everything: its operations, delay and roles.
import { ponder, type Context } from "ponder:registry";
import { governance, timelockCall } from "ponder:schema";
import { eq } from "ponder";
import { lower, setRole, setRoleAdmin } from "./shared";
import { timelockOperationEnded } from "./AethirGovernor";

// A cancelled operation can be scheduled again under the same id (the id hashes target, value, data, predecessor and
// salt, so only the delay and the times differ): the second schedule reuses the row.
ponder.on("Timelock:CallScheduled", async ({ event, context }) => {
  const a = event.args;
  const ts = event.block.timestamp;
  await context.db
    .insert(timelockCall)
    .values({
      opId: a.id,
      index: Number(a.index),
      target: lower(a.target),
      value: a.value,
      data: a.data,
      predecessor: a.predecessor,
      salt: null,
      delay: a.delay,
      status: "scheduled",
      scheduledAt: ts,
      updatedAt: ts,
    })
    .onConflictDoUpdate({ delay: a.delay, status: "scheduled", scheduledAt: ts, updatedAt: ts });
});

/** The keys of an operation's calls (one per call of a batch). */
const callsOf = (context: Context, opId: `0x${string}`) =>
  context.db.sql.select({ opId: timelockCall.opId, index: timelockCall.index }).from(timelockCall).where(eq(timelockCall.opId, opId));

ponder.on("Timelock:CallSalt", async ({ event, context }) => {
  // by key, not one raw UPDATE: see ComplianceRegistry.ts and docs/decisions.md, "Indexer speed: no raw writes"
  for (const key of await callsOf(context, event.args.id)) await context.db.update(timelockCall, key).set({ salt: event.args.salt });
});

ponder.on("Timelock:CallExecuted", async ({ event, context }) => {
  await context.db
    .update(timelockCall, { opId: event.args.id, index: Number(event.args.index) })
    .set({ status: "executed", updatedAt: event.block.timestamp });
  // a proposal's batch executed in the timelock (by the governor, or by another executor directly) ends the proposal
  await timelockOperationEnded(context, event, event.args.id, "Executed");
});

ponder.on("Timelock:Cancelled", async ({ event, context }) => {
  for (const key of await callsOf(context, event.args.id)) await context.db.update(timelockCall, key).set({ status: "cancelled", updatedAt: event.block.timestamp });
  // the guardian's veto in the timelock (or the governor's cancel) ends the proposal whose batch this was
  await timelockOperationEnded(context, event, event.args.id, "Canceled");
});

ponder.on("Timelock:MinDelayChange", async ({ event, context }) => {
  await context.db
    .insert(governance)
    .values({ id: "timelock", timelock: lower(event.log.address), minDelay: event.args.newDuration })
    .onConflictDoUpdate({ minDelay: event.args.newDuration });
});

ponder.on("Timelock:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("Timelock:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("Timelock:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
