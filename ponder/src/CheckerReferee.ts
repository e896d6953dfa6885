// Proven jobs and their votes, equivocations, epoch roots and the referee's parameters.
import { ponder, type Context } from "ponder:registry";
import { epochRoot, epochSettlement, equivocation, job, jobVote, licenseEpoch, refereeSettings } from "ponder:schema";
import { addEmission, addRewardDaily, removeEmission } from "./rewardDaily";
import { importSettlement } from "./settlementReport";
import { withdrawReport } from "./vetoedReport";
import { eventId, lower, setRole, setRoleAdmin } from "./shared";

const VERDICTS = ["None", "Pass", "Fail"] as const;

async function settings(context: Context) {
  return (await context.db.find(refereeSettings, { id: "referee" })) ?? (await context.db.insert(refereeSettings).values({ id: "referee", n: 0, challengeWindow: 0n }));
}

ponder.on("CheckerReferee:JobProven", async ({ event, context }) => {
  const a = event.args;
  const verdict = VERDICTS[a.verdict] ?? String(a.verdict);
  // Bit i of passBits is set when licenseIds[i] voted Pass; every other license voted Fail.
  const votes = a.licenseIds.map((licenseId, i) => {
    const vote = (a.passBits >> BigInt(i)) & 1n ? "Pass" : "Fail";
    return { jobId: a.jobId, licenseId, verdict: vote, inMajority: vote === verdict };
  });
  const passCount = votes.filter((v) => v.verdict === "Pass").length;
  await context.db.insert(job).values({
    jobId: a.jobId,
    container: a.container,
    epoch: a.epoch,
    verdict,
    passCount,
    failCount: votes.length - passCount,
    prover: lower(a.prover),
    provenAt: event.block.timestamp,
  });
  await context.db.insert(jobVote).values(votes);
  for (const v of votes) {
    await context.db
      .insert(licenseEpoch)
      .values({ licenseId: v.licenseId, epoch: a.epoch, correct: v.inMajority ? 1 : 0, minority: v.inMajority ? 0 : 1 })
      .onConflictDoUpdate((r) => ({ correct: r.correct + (v.inMajority ? 1 : 0), minority: r.minority + (v.inMajority ? 0 : 1) }));
  }
  await addRewardDaily(context, event.block.timestamp, { jobsProven: 1 });
});

ponder.on("CheckerReferee:Equivocation", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(equivocation).values({
    id: eventId(event),
    jobId: a.jobId,
    licenseId: a.licenseId,
    signer: lower(a.signer),
    bannedUntil: a.bannedUntil,
    timestamp: event.block.timestamp,
  });
});

ponder.on("CheckerReferee:RootPosted", async ({ event, context }) => {
  const a = event.args;
  const row = { root: a.root, cumulativeTotal: a.cumulativeTotal, dataURI: a.dataURI, postedAt: event.block.timestamp, finalAt: a.finalAt, status: "posted" };
  // A vetoed epoch can be posted again: the new root replaces the vetoed one.
  await context.db.insert(epochRoot).values({ epoch: a.epoch, ...row }).onConflictDoUpdate(row);
  const settled = await importSettlement(context, a.epoch, a.root, a.dataURI);
  await addEmission(context, event.block.timestamp, { epoch: a.epoch, ...settled });
});

ponder.on("CheckerReferee:RootVetoed", async ({ event, context }) => {
  const epoch = event.args.epoch;
  const root = await context.db.find(epochRoot, { epoch });
  const settled = await context.db.find(epochSettlement, { epoch });
  // copy before the update below changes the row found
  const postedAt = root?.postedAt;
  await context.db.update(epochRoot, { epoch }).set({ status: "vetoed" });
  await withdrawReport(context, epoch);
  if (postedAt !== undefined && settled !== null) {
    const { basePaid, bonusPaid, activeLicenses } = settled;
    await removeEmission(context, postedAt, { epoch, basePaid, bonusPaid, activeLicenses });
    // kept for the record; a root posted again for the epoch imports its own report over it
    await context.db.update(epochSettlement, { epoch }).set({ report: "vetoed" });
  }
});

ponder.on("CheckerReferee:QuorumSet", async ({ event, context }) => {
  await settings(context);
  await context.db.update(refereeSettings, { id: "referee" }).set({ n: Number(event.args.n) });
});

ponder.on("CheckerReferee:ChallengeWindowSet", async ({ event, context }) => {
  await settings(context);
  await context.db.update(refereeSettings, { id: "referee" }).set({ challengeWindow: event.args.window });
});

ponder.on("CheckerReferee:EIP712DomainChanged", async ({ event }) => {
  throw new Error(`unexpected EIP712DomainChanged in ${event.transaction.hash}: every pending check result would be invalid`);
});

ponder.on("CheckerReferee:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("CheckerReferee:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("CheckerReferee:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
