// Imports the referee's compute report named by a compute root's dataURI (file:// or http(s)://): per container and
// per account figures of the epoch, which the chain holds only as a Merkle root. Imported only if the report's root is
// the posted one (an empty tree's report stands for the posted "no leaves" root with zero totals), so the API never
// serves figures the chain does not commit to. A vetoed root's figures are withdrawn (`withdrawComputeReport`).
import type { Context } from "ponder:registry";
import { computeAccountEpoch, computeContainerEpoch, computeProvider } from "ponder:schema";
import { and, desc, eq, lt } from "ponder";
import { loadReport } from "./reportFile";

const ZERO_HASH = `0x${"0".repeat(64)}`;

interface Report {
  epoch: number;
  root: string;
  totalEdge: string;
  totalEnterprise: string;
  edge: { pot: string; points: number };
  enterprise: { pot: string; points: number };
  containers: { container: string; host: string; classId: number; coefficient: number; pool: string; assigned: number; pass: number; fail: number; void: number; points: number; earned: string; zeroed: string | null }[];
  accounts: { account: string; earnedEdge: string; earnedEnterprise: string; cumulativeEdge: string; cumulativeEnterprise: string }[];
}

export const newProvider = (account: `0x${string}`) => ({
  account,
  cumulativeEdge: 0n,
  cumulativeEnterprise: 0n,
  earned: 0n,
  claimedEdge: 0n,
  pushedEnterprise: 0n,
  epochsEarning: 0,
  lastEpoch: null,
});

export async function providerRow(context: Context, account: `0x${string}`) {
  return (await context.db.find(computeProvider, { account })) ?? (await context.db.insert(computeProvider).values(newProvider(account)));
}

const noFigures = { edgePot: 0n, enterprisePot: 0n, edgePoints: 0n, enterprisePoints: 0n, containers: 0, zeroedContainers: 0 };

/** Imports the report of a posted root; returns the root row's report fields (zeros when it can't be imported). */
export async function importComputeReport(
  context: Context,
  posted: { epoch: bigint; root: string; cumulativeEdge: bigint; cumulativeEnterprise: bigint; dataURI: string },
) {
  const report = await loadReport<Report>(posted.dataURI);
  const matches =
    report !== undefined &&
    BigInt(report.epoch) === posted.epoch &&
    BigInt(report.totalEdge) === posted.cumulativeEdge &&
    BigInt(report.totalEnterprise) === posted.cumulativeEnterprise &&
    (report.root.toLowerCase() === posted.root.toLowerCase() || (report.root === ZERO_HASH && report.accounts.every((a) => BigInt(a.cumulativeEdge) + BigInt(a.cumulativeEnterprise) === 0n)));
  if (!report || !matches) return { report: report ? "root-mismatch" : "unavailable", ...noFigures };
  const epoch = posted.epoch;
  for (const c of report.containers) {
    const values = {
      host: c.host.toLowerCase() as `0x${string}`, classId: c.classId, pool: c.pool, coefficient: c.coefficient, assigned: c.assigned,
      pass: c.pass, fail: c.fail, void: c.void, points: BigInt(c.points), earned: BigInt(c.earned), zeroed: c.zeroed,
    };
    await context.db.insert(computeContainerEpoch).values({ container: c.container.toLowerCase() as `0x${string}`, epoch, ...values }).onConflictDoUpdate(values);
  }
  for (const a of report.accounts) {
    const account = a.account.toLowerCase() as `0x${string}`;
    const values = { earnedEdge: BigInt(a.earnedEdge), earnedEnterprise: BigInt(a.earnedEnterprise), cumulativeEdge: BigInt(a.cumulativeEdge), cumulativeEnterprise: BigInt(a.cumulativeEnterprise) };
    await context.db.insert(computeAccountEpoch).values({ account, epoch, ...values }).onConflictDoUpdate(values);
    await providerRow(context, account);
    const earning = values.earnedEdge + values.earnedEnterprise > 0n;
    await context.db.update(computeProvider, { account }).set((r) => ({
      cumulativeEdge: values.cumulativeEdge,
      cumulativeEnterprise: values.cumulativeEnterprise,
      earned: values.cumulativeEdge + values.cumulativeEnterprise,
      epochsEarning: r.epochsEarning + (earning ? 1 : 0),
      lastEpoch: earning ? epoch : r.lastEpoch,
    }));
  }
  return {
    report: "imported",
    edgePot: BigInt(report.edge.pot),
    enterprisePot: BigInt(report.enterprise.pot),
    edgePoints: BigInt(report.edge.points),
    enterprisePoints: BigInt(report.enterprise.points),
    containers: report.containers.length,
    zeroedContainers: report.containers.filter((c) => c.zeroed !== null).length,
  };
}

/**
 * Drops a vetoed root's per-container and per-account rows and gives each of its accounts back its leaf of the newest
 * earlier epoch (only the newest root can be vetoed and roots are posted in order).
 */
export async function withdrawComputeReport(context: Context, epoch: bigint) {
  const rows = await context.db.sql.select().from(computeAccountEpoch).where(eq(computeAccountEpoch.epoch, epoch));
  for (const r of rows) {
    // the account's earlier rows, newest first: its leaf before this epoch, and the newest epoch it earned in
    const earlierRows = await context.db.sql
      .select()
      .from(computeAccountEpoch)
      .where(and(eq(computeAccountEpoch.account, r.account), lt(computeAccountEpoch.epoch, epoch)))
      .orderBy(desc(computeAccountEpoch.epoch));
    const earlier = earlierRows[0];
    const lastEarning = earlierRows.find((e) => e.earnedEdge + e.earnedEnterprise > 0n)?.epoch ?? null;
    const edge = earlier?.cumulativeEdge ?? 0n;
    const enterprise = earlier?.cumulativeEnterprise ?? 0n;
    const earning = r.earnedEdge + r.earnedEnterprise > 0n;
    await context.db.update(computeProvider, { account: r.account }).set((p) => ({
      cumulativeEdge: edge,
      cumulativeEnterprise: enterprise,
      earned: edge + enterprise,
      epochsEarning: p.epochsEarning - (earning ? 1 : 0),
      lastEpoch: earning ? lastEarning : p.lastEpoch,
    }));
  }
  // deleted by key, not by raw DELETE (docs/decisions.md, "Indexer speed: no raw writes")
  for (const r of rows) await context.db.delete(computeAccountEpoch, { account: r.account, epoch });
  const containers = await context.db.sql.select({ container: computeContainerEpoch.container }).from(computeContainerEpoch).where(eq(computeContainerEpoch.epoch, epoch));
  for (const { container } of containers) await context.db.delete(computeContainerEpoch, { container, epoch });
}
