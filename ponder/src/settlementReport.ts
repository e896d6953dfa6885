// Imports the referee's settlement report named by a root's dataURI (file:// or http(s)://): per license and per
// account figures of the epoch, which the chain holds only as a Merkle root. The report is imported only if its root is
// the posted one, so the API never serves figures the chain does not commit to.
import type { Context } from "ponder:registry";
import { accountEpoch, epochSettlement, rewardAccount, settledLicenseEpoch } from "ponder:schema";
import { accountRow } from "./rewardAccount";
import { loadReport } from "./reportFile";

interface Report {
  epoch: number;
  root: string;
  emission: string;
  basePaid: string;
  bonus: { paid: string } | null;
  totalCorrect: number;
  jobs: { verdict: string | null }[];
  licenses: { licenseId: number; owner: string | null; assigned: number; correct: number; minority: number; missed: number; earned: string; withheld: string | null }[];
  accounts: { account: string; earned: string; cumulative: string }[];
}

/** Imports the report (or records why it could not be) and returns the epoch's settlement figures (zeros without it). */
export async function importSettlement(context: Context, epoch: bigint, root: string, dataURI: string) {
  const report = await loadReport<Report>(dataURI);
  const empty = { emission: 0n, basePaid: 0n, bonusPaid: 0n, jobs: 0, voidJobs: 0, totalCorrect: 0, activeLicenses: 0, uptimeBps: 0 };
  if (!report || report.root.toLowerCase() !== root.toLowerCase() || BigInt(report.epoch) !== epoch) {
    const row = { ...empty, report: report ? "root-mismatch" : "unavailable" };
    await context.db.insert(epochSettlement).values({ epoch, ...row }).onConflictDoUpdate(row);
    return row;
  }
  const assigned = report.licenses.reduce((s, l) => s + l.assigned, 0);
  const given = report.licenses.reduce((s, l) => s + l.assigned - l.missed, 0);
  const row = {
    report: "imported",
    emission: BigInt(report.emission),
    basePaid: BigInt(report.basePaid),
    bonusPaid: BigInt(report.bonus?.paid ?? "0"),
    jobs: report.jobs.length,
    voidJobs: report.jobs.filter((j) => j.verdict === null).length,
    totalCorrect: report.totalCorrect,
    activeLicenses: report.licenses.filter((l) => l.assigned > l.missed).length,
    uptimeBps: assigned === 0 ? 0 : Math.floor((given * 10_000) / assigned),
  };
  // a vetoed epoch's report is replaced by the re-posted one
  await context.db.insert(epochSettlement).values({ epoch, ...row }).onConflictDoUpdate(row);
  for (const l of report.licenses) {
    const values = {
      owner: l.owner as `0x${string}` | null, assigned: l.assigned, correct: l.correct, minority: l.minority, missed: l.missed,
      earned: BigInt(l.earned), withheld: l.withheld,
    };
    await context.db.insert(settledLicenseEpoch).values({ licenseId: BigInt(l.licenseId), epoch, ...values }).onConflictDoUpdate(values);
  }
  for (const a of report.accounts) {
    const values = { earned: BigInt(a.earned), cumulative: BigInt(a.cumulative) };
    const account = a.account as `0x${string}`;
    await context.db.insert(accountEpoch).values({ account, epoch, ...values }).onConflictDoUpdate(values);
    await accountRow(context, account);
    await context.db.update(rewardAccount, { account }).set({ cumulativeEarned: values.cumulative });
  }
  return row;
}
