// Cloud-host slashing (SPEC §7): proposals (from proven Fail verdicts or the slasher), vetoes and executions.
import { ponder } from "ponder:registry";
import { slashProposal, stakingSetting } from "ponder:schema";
import { lower, setRole, setRoleAdmin, stakingSettingsRow, ZERO } from "./shared";

const KINDS = ["DowntimeRendering", "DowntimeReserve", "Malicious", "Underperformance"] as const;

// A verdict slash emits VerdictSlashProposed, then SlashProposed: both upsert the proposal.
const placeholder = (id: bigint, timestamp: bigint) => ({
  id,
  host: ZERO as `0x${string}`,
  container: "0x" as `0x${string}`,
  kind: "",
  penalty: 0n,
  refund: 0n,
  refundTo: ZERO as `0x${string}`,
  evidence: "0x" as `0x${string}`,
  proposer: ZERO as `0x${string}`,
  executeAfter: 0n,
  status: "pending",
  proposedAt: timestamp,
});

ponder.on("HostSlashing:VerdictSlashProposed", async ({ event, context }) => {
  const a = event.args;
  // failedJobs: the container's proven Fail jobs in the epoch when proposed (at least minFailedJobs)
  const verdict = { epoch: a.epoch, failedJobs: Number(a.failedJobs) };
  await context.db
    .insert(slashProposal)
    .values({ ...placeholder(a.id, event.block.timestamp), ...verdict })
    .onConflictDoUpdate(verdict);
});

ponder.on("HostSlashing:SlashProposed", async ({ event, context }) => {
  const a = event.args;
  const row = {
    host: lower(a.host),
    container: a.container,
    kind: KINDS[a.kind] ?? String(a.kind),
    penalty: a.penalty,
    refund: a.refund,
    refundTo: lower(a.refundTo),
    evidence: a.evidence,
    proposer: lower(a.proposer),
    executeAfter: a.executeAfter,
    status: "pending",
    proposedAt: event.block.timestamp,
  };
  await context.db.insert(slashProposal).values({ id: a.id, ...row }).onConflictDoUpdate(row);
});

ponder.on("HostSlashing:SlashVetoed", async ({ event, context }) => {
  await context.db
    .update(slashProposal, { id: event.args.id })
    .set({ status: "vetoed", vetoedBy: lower(event.args.guardian), resolvedAt: event.block.timestamp });
});

ponder.on("HostSlashing:SlashExecuted", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(slashProposal, { id: a.id }).set({
    status: "executed",
    executor: lower(a.executor),
    taken: a.taken,
    refunded: a.refunded,
    penaltyPaid: a.penalty,
    penaltyTo: lower(a.penaltyTo),
    resolvedAt: event.block.timestamp,
  });
});

ponder.on("HostSlashing:VetoWindowSet", async ({ event, context }) => {
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set({ vetoWindow: event.args.window });
});

ponder.on("HostSlashing:MinFailedJobsSet", async ({ event, context }) => {
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set({ minFailedJobs: Number(event.args.k) });
});

ponder.on("HostSlashing:BurnSet", async ({ event, context }) => {
  await stakingSettingsRow(context);
  await context.db.update(stakingSetting, { id: "staking" }).set({ burn: event.args.burn });
});

ponder.on("HostSlashing:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("HostSlashing:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("HostSlashing:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
