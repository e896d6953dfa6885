// Compute-provider rewards (issue 15, ComputeRewards): roots posted, vetoed and synced, pushes of hosts' Enterprise/IDC
// amounts into their HostStaking streams and Edge claims; per container and per account epoch figures from each root's
// compute report (./computeReport.ts); a daily series per pool; the providers' leaderboard (compute_provider).
import { ponder, type Context } from "ponder:registry";
import { computeDay, computePayment, computeProvider, computeRoot, computeSetting } from "ponder:schema";
import { and, desc, eq, lt, ne } from "ponder";
import { importComputeReport, providerRow, withdrawComputeReport } from "./computeReport";
import { dayOf, eventId, lower, setRole, setRoleAdmin } from "./shared";

type PoolName = "edge" | "enterprise";

async function settings(context: Context) {
  return (
    (await context.db.find(computeSetting, { id: "compute" })) ??
    (await context.db.insert(computeSetting).values({ id: "compute", challengeWindow: 0n, edgeClasses: [], syncedEpoch: null, fundedEdge: 0n, fundedEnterprise: 0n }))
  );
}

/** Adds to a UTC day's figures of one pool (a negative `added` withdraws a vetoed root's). */
async function addDaily(context: Context, timestamp: bigint, pool: PoolName, add: Partial<Record<"added" | "drawn" | "paid", bigint>>) {
  const { day, date } = dayOf(timestamp);
  const d = (k: keyof typeof add) => add[k] ?? 0n;
  await context.db
    .insert(computeDay)
    .values({ day, pool, date, added: d("added"), drawn: d("drawn"), paid: d("paid") })
    .onConflictDoUpdate((r) => ({ added: r.added + d("added"), drawn: r.drawn + d("drawn"), paid: r.paid + d("paid") }));
}

/** The newest root before `epoch` still standing (not vetoed): what a new root's totals add to. */
async function standingBefore(context: Context, epoch: bigint) {
  const [row] = await context.db.sql
    .select()
    .from(computeRoot)
    .where(and(lt(computeRoot.epoch, epoch), ne(computeRoot.status, "vetoed")))
    .orderBy(desc(computeRoot.epoch))
    .limit(1);
  return { edge: row?.cumulativeEdge ?? 0n, enterprise: row?.cumulativeEnterprise ?? 0n };
}

ponder.on("ComputeRewards:RootPosted", async ({ event, context }) => {
  const a = event.args;
  const before = await standingBefore(context, a.epoch);
  const figures = await importComputeReport(context, { epoch: a.epoch, root: a.root, cumulativeEdge: a.cumulativeEdge, cumulativeEnterprise: a.cumulativeEnterprise, dataURI: a.dataURI });
  const row = {
    root: a.root,
    cumulativeEdge: a.cumulativeEdge,
    cumulativeEnterprise: a.cumulativeEnterprise,
    addedEdge: a.cumulativeEdge - before.edge,
    addedEnterprise: a.cumulativeEnterprise - before.enterprise,
    dataURI: a.dataURI,
    postedAt: event.block.timestamp,
    finalAt: a.finalAt,
    status: "posted",
    vetoedBy: null,
    syncedAt: null,
    drawnEdge: null,
    drawnEnterprise: null,
    ...figures,
  };
  // a vetoed epoch can be posted again: the new root replaces the vetoed one
  await context.db.insert(computeRoot).values({ epoch: a.epoch, ...row }).onConflictDoUpdate(row);
  await addDaily(context, event.block.timestamp, "edge", { added: row.addedEdge });
  await addDaily(context, event.block.timestamp, "enterprise", { added: row.addedEnterprise });
});

ponder.on("ComputeRewards:RootVetoed", async ({ event, context }) => {
  const epoch = event.args.epoch;
  const root = await context.db.find(computeRoot, { epoch });
  if (root) {
    await addDaily(context, root.postedAt, "edge", { added: -root.addedEdge });
    await addDaily(context, root.postedAt, "enterprise", { added: -root.addedEnterprise });
  }
  await context.db.update(computeRoot, { epoch }).set({ status: "vetoed", vetoedBy: lower(event.args.guardian) });
  await withdrawComputeReport(context, epoch);
});

ponder.on("ComputeRewards:Synced", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(computeRoot, { epoch: a.epoch }).set({ status: "synced", syncedAt: event.block.timestamp, drawnEdge: a.drawnEdge, drawnEnterprise: a.drawnEnterprise });
  await settings(context);
  await context.db.update(computeSetting, { id: "compute" }).set({ syncedEpoch: a.epoch, fundedEdge: a.cumulativeEdge, fundedEnterprise: a.cumulativeEnterprise });
  await addDaily(context, event.block.timestamp, "edge", { drawn: a.drawnEdge });
  await addDaily(context, event.block.timestamp, "enterprise", { drawn: a.drawnEnterprise });
});

ponder.on("ComputeRewards:HostRewardsPushed", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.host);
  await context.db.insert(computePayment).values({
    id: eventId(event), kind: "push", account, caller: lower(a.caller), epoch: a.epoch, cumulative: a.cumulativeEnterprise, amount: a.amount,
    timestamp: event.block.timestamp, transactionHash: event.transaction.hash,
  });
  await providerRow(context, account);
  await context.db.update(computeProvider, { account }).set({ pushedEnterprise: a.cumulativeEnterprise });
  await addDaily(context, event.block.timestamp, "enterprise", { paid: a.amount });
});

ponder.on("ComputeRewards:EdgeClaimed", async ({ event, context }) => {
  const a = event.args;
  const account = lower(a.account);
  await context.db.insert(computePayment).values({
    id: eventId(event), kind: "edge-claim", account, caller: account, epoch: a.epoch, cumulative: a.cumulativeEdge, amount: a.amount,
    timestamp: event.block.timestamp, transactionHash: event.transaction.hash,
  });
  await providerRow(context, account);
  await context.db.update(computeProvider, { account }).set({ claimedEdge: a.cumulativeEdge });
  await addDaily(context, event.block.timestamp, "edge", { paid: a.amount });
});

ponder.on("ComputeRewards:ChallengeWindowSet", async ({ event, context }) => {
  await settings(context);
  await context.db.update(computeSetting, { id: "compute" }).set({ challengeWindow: event.args.window });
});

ponder.on("ComputeRewards:EdgeClassSet", async ({ event, context }) => {
  const s = await settings(context);
  const others = s.edgeClasses.filter((c) => c !== event.args.classId);
  await context.db.update(computeSetting, { id: "compute" }).set({ edgeClasses: event.args.edge ? [...others, event.args.classId].sort((x, y) => x - y) : others });
});

ponder.on("ComputeRewards:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("ComputeRewards:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("ComputeRewards:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
