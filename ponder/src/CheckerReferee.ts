// Seeds, committed assignments, proven jobs and their votes, equivocations, epoch roots and the referee's parameters.
import { ponder, type Context } from "ponder:registry";
import {
  assignment,
  containerEpoch,
  epochRoot,
  epochSettlement,
  equivocation,
  job,
  jobVote,
  licenseEpoch,
  refereeSetting,
  seed,
} from "ponder:schema";
import { addEmission, addRewardDaily, removeEmission } from "./rewardDaily";
import { importSettlement } from "./settlementReport";
import { withdrawReport } from "./vetoedReport";
import { eventId, lower, setRole, setRoleAdmin, ZERO } from "./shared";

const VERDICTS = ["None", "Pass", "Fail"] as const;
const ZERO_HASH = `0x${"0".repeat(64)}` as const;

/** A job's id in the job and job_vote tables: a job is its epoch and its number in the epoch's assignment. */
const jobKey = (epoch: bigint, jobNumber: number) => `${epoch}:${jobNumber}`;

async function settings(context: Context) {
  return (
    (await context.db.find(refereeSetting, { id: "referee" })) ??
    (await context.db.insert(refereeSetting).values({ id: "referee", n: 0, challengeWindow: 0n, assignmentWindow: 0n, rewardClaims: null }))
  );
}

/** The epoch's seed row, created empty (no commitment) on first use: anchorSeed works without one. */
async function seedRow(context: Context, epoch: bigint) {
  return (await context.db.find(seed, { epoch })) ?? (await context.db.insert(seed).values({ epoch, forfeited: false }));
}

// ---------------------------------------------------------------- seeds

ponder.on("CheckerReferee:SeedCommitted", async ({ event, context }) => {
  await seedRow(context, event.args.epoch);
  await context.db.update(seed, { epoch: event.args.epoch }).set({ commitment: event.args.commitment, committedAt: event.block.timestamp });
});

ponder.on("CheckerReferee:SeedAnchored", async ({ event, context }) => {
  const a = event.args;
  await seedRow(context, a.epoch);
  // a new anchor (after the reveal deadline of the last) replaces it, as in the contract
  await context.db.update(seed, { epoch: a.epoch }).set({ anchorBlock: a.anchorBlock, anchoredAt: event.block.timestamp, forfeited: a.forfeited });
});

ponder.on("CheckerReferee:SeedRevealed", async ({ event, context }) => {
  const a = event.args;
  await seedRow(context, a.epoch);
  await context.db
    .update(seed, { epoch: a.epoch })
    .set({ seed: a.seed, secret: a.secret === ZERO_HASH ? null : a.secret, revealedAt: event.block.timestamp });
});

// ---------------------------------------------------------------- assignments

ponder.on("CheckerReferee:AssignmentPosted", async ({ event, context }) => {
  const a = event.args;
  const row = {
    root: a.root,
    jobCount: Number(a.jobCount),
    n: Number(a.n),
    seed: a.seed,
    dataURI: a.dataURI,
    postedAt: event.block.timestamp,
    finalAt: a.finalAt,
    status: "posted",
  };
  // After a veto the referee may post the epoch again: the new assignment replaces the vetoed row (vetoed stays true).
  await context.db
    .insert(assignment)
    .values({ epoch: a.epoch, ...row, vetoed: false, vetoedBy: null })
    .onConflictDoUpdate(row);
});

ponder.on("CheckerReferee:AssignmentVetoed", async ({ event, context }) => {
  // No job of it was proven: a proof needs the assignment final, a veto comes before.
  await context.db.update(assignment, { epoch: event.args.epoch }).set({ status: "vetoed", vetoed: true, vetoedBy: lower(event.args.by) });
});

// ---------------------------------------------------------------- jobs

ponder.on("CheckerReferee:JobProven", async ({ event, context }) => {
  const a = event.args;
  const verdict = VERDICTS[a.verdict] ?? String(a.verdict);
  const jobId = jobKey(a.epoch, a.job);
  // Bit i of passBits (failBits) is set when licenseIds[i] proved a Pass (Fail); neither: its result did not count.
  const votes = a.licenseIds.map((licenseId, i) => {
    const pass = ((a.passBits >> BigInt(i)) & 1n) === 1n;
    const fail = ((a.failBits >> BigInt(i)) & 1n) === 1n;
    if (pass && fail) throw new Error(`JobProven ${jobId} in ${event.transaction.hash}: license ${licenseId} has both a Pass and a Fail bit`);
    const vote = pass ? "Pass" : fail ? "Fail" : "None";
    return { jobId, epoch: a.epoch, job: a.job, licenseId, verdict: vote, inMajority: vote === verdict };
  });
  const passCount = votes.filter((v) => v.verdict === "Pass").length;
  const failCount = votes.filter((v) => v.verdict === "Fail").length;
  await context.db.insert(job).values({
    id: jobId,
    epoch: a.epoch,
    job: a.job,
    container: a.container,
    verdict,
    passCount,
    failCount,
    silentCount: votes.length - passCount - failCount,
    prover: lower(a.prover),
    provenAt: event.block.timestamp,
  });
  await context.db.insert(jobVote).values(votes);
  for (const v of votes) {
    if (v.verdict === "None") continue; // a silent license gave no counted result: neither correct nor minority
    await context.db
      .insert(licenseEpoch)
      .values({ licenseId: v.licenseId, epoch: a.epoch, correct: v.inMajority ? 1 : 0, minority: v.inMajority ? 0 : 1 })
      .onConflictDoUpdate((r) => ({ correct: r.correct + (v.inMajority ? 1 : 0), minority: r.minority + (v.inMajority ? 0 : 1) }));
  }
  // the contract's failedJobs(container, epoch) counts every proven Fail (proofs need a final assignment)
  const failed = verdict === "Fail" ? 1 : 0;
  await context.db
    .insert(containerEpoch)
    .values({ container: a.container, epoch: a.epoch, failedJobs: failed, passedJobs: 1 - failed })
    .onConflictDoUpdate((r) => ({ failedJobs: r.failedJobs + failed, passedJobs: r.passedJobs + 1 - failed }));
  await addRewardDaily(context, event.block.timestamp, { jobsProven: 1 });
});

ponder.on("CheckerReferee:Equivocation", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(equivocation).values({
    id: eventId(event),
    epoch: a.epoch,
    job: a.job,
    licenseId: a.licenseId,
    signer: lower(a.signer),
    bannedUntil: a.bannedUntil,
    timestamp: event.block.timestamp,
  });
});

// ---------------------------------------------------------------- roots

ponder.on("CheckerReferee:RootPosted", async ({ event, context }) => {
  const a = event.args;
  const row = { root: a.root, cumulativeTotal: a.cumulativeTotal, dataURI: a.dataURI, postedAt: event.block.timestamp, finalAt: a.finalAt, status: "posted", syncedAt: null };
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
  await context.db.update(refereeSetting, { id: "referee" }).set({ n: Number(event.args.n) });
});

ponder.on("CheckerReferee:ChallengeWindowSet", async ({ event, context }) => {
  await settings(context);
  await context.db.update(refereeSetting, { id: "referee" }).set({ challengeWindow: event.args.window });
});

ponder.on("CheckerReferee:AssignmentWindowSet", async ({ event, context }) => {
  await settings(context);
  await context.db.update(refereeSetting, { id: "referee" }).set({ assignmentWindow: event.args.window });
});

ponder.on("CheckerReferee:RewardClaimsSet", async ({ event, context }) => {
  await settings(context);
  const claims = lower(event.args.rewardClaims);
  await context.db.update(refereeSetting, { id: "referee" }).set({ rewardClaims: claims === ZERO ? null : claims });
});

ponder.on("CheckerReferee:EIP712DomainChanged", async ({ event }) => {
  throw new Error(`unexpected EIP712DomainChanged in ${event.transaction.hash}: every pending check result would be invalid`);
});

ponder.on("CheckerReferee:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("CheckerReferee:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("CheckerReferee:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
