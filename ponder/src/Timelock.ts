// The TimelockController that administers everything: its operations, delay and roles.
import { ponder } from "ponder:registry";
import { governance, timelockCall } from "ponder:schema";
import { eq } from "ponder";
import { lower, setRole, setRoleAdmin } from "./shared";

ponder.on("Timelock:CallScheduled", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(timelockCall).values({
    opId: a.id,
    index: Number(a.index),
    target: lower(a.target),
    value: a.value,
    data: a.data,
    predecessor: a.predecessor,
    salt: null,
    delay: a.delay,
    status: "scheduled",
    scheduledAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  });
});

ponder.on("Timelock:CallSalt", async ({ event, context }) => {
  await context.db.sql.update(timelockCall).set({ salt: event.args.salt }).where(eq(timelockCall.opId, event.args.id));
});

ponder.on("Timelock:CallExecuted", async ({ event, context }) => {
  await context.db
    .update(timelockCall, { opId: event.args.id, index: Number(event.args.index) })
    .set({ status: "executed", updatedAt: event.block.timestamp });
});

ponder.on("Timelock:Cancelled", async ({ event, context }) => {
  await context.db.sql
    .update(timelockCall)
    .set({ status: "cancelled", updatedAt: event.block.timestamp })
    .where(eq(timelockCall.opId, event.args.id));
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
