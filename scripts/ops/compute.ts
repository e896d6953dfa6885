// What a compute provider (a host, or an Edge device's owner) earned per epoch and why (docs/decisions.md
// "Compute-provider rewards"), from the referee's published compute reports (`epoch-<E>.compute.report.json`, written
// beside the checker reports). Used by `npm run cli -- provider` and the tests.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { formatAth, formatCount } from "../lib/format.js";
import type { ComputeReport, ContainerOutcome } from "../referee/compute-rewards.js";

export interface ProviderEpoch {
  epoch: number;
  containers: (Omit<ContainerOutcome, "earned"> & { earned: string })[];
  earnedEdge: string;
  earnedEnterprise: string;
  cumulativeEdge: string;
  cumulativeEnterprise: string;
  /** Both pools' pot and total points, to show the share. */
  pools: { edge: { pot: string; points: number }; enterprise: { pot: string; points: number } };
}

export interface ProviderEarnings {
  provider: string;
  epochs: ProviderEpoch[];
}

/** The compute reports in `dir`, oldest epoch first. Refuses a folder that does not exist or holds none. */
export function readComputeReports(dir: string): ComputeReport[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder: pass --reports the referee's output folder (npm start's <temp>/rewards)`);
  const names = readdirSync(dir).filter((f) => /^epoch-\d+\.compute\.report\.json$/.test(f));
  if (names.length === 0) throw new Error(`${dir} holds no compute report (epoch-<E>.compute.report.json): the referee writes them when it settles an epoch`);
  return names.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as ComputeReport).sort((a, b) => a.epoch - b.epoch);
}

/** `provider`'s containers, earnings and cumulative leaf in every epoch where it had a container or a leaf. */
export function providerEarnings(reports: ComputeReport[], provider: string): ProviderEarnings {
  const me = provider.toLowerCase();
  const epochs: ProviderEpoch[] = [];
  for (const r of reports) {
    const containers = r.containers.filter((c) => c.host === me);
    const account = r.accounts.find((a) => a.account === me);
    if (containers.length === 0 && !account) continue;
    epochs.push({
      epoch: r.epoch,
      containers,
      earnedEdge: account?.earnedEdge ?? "0",
      earnedEnterprise: account?.earnedEnterprise ?? "0",
      cumulativeEdge: account?.cumulativeEdge ?? "0",
      cumulativeEnterprise: account?.cumulativeEnterprise ?? "0",
      pools: { edge: { pot: r.edge.pot, points: r.edge.points }, enterprise: { pot: r.enterprise.pot, points: r.enterprise.points } },
    });
  }
  return { provider: me, epochs };
}

const ath = (wei: string) => `${formatAth(BigInt(wei))} ATH`;
const coefficient = (c: number) => `${(c / 10_000).toLocaleString("en-US", { maximumFractionDigits: 4 })}x`;

/** Why a container earned what it did, as a sentence. */
export function why(c: ProviderEpoch["containers"][number]): string {
  const jobs = `${formatCount(c.pass)} of ${formatCount(c.assigned)} jobs passed by majority${c.void ? `, ${formatCount(c.void)} without a majority` : ""}`;
  if (c.zeroed === "fail-majority") return `no points: ${formatCount(c.fail)} job${c.fail === 1 ? "" : "s"} had a Fail majority (${jobs})`;
  if (c.zeroed === "halted") return `no points: its host was halted at the epoch's end (stake below required; ${jobs})`;
  if (c.points === 0) return `no points: ${c.assigned ? jobs : "no job was assigned to it"}`;
  return `${jobs} x class ${c.classId} coefficient ${coefficient(c.coefficient)} = ${formatCount(c.points)} points`;
}

/** The provider's earnings as text: a block per epoch, a line per container. */
export function providerText(e: ProviderEarnings): string {
  if (e.epochs.length === 0) return `${e.provider} has no container and no compute rewards in the settled epochs`;
  const lines: string[] = [];
  for (const p of e.epochs) {
    lines.push(`epoch ${p.epoch}: earned ${ath(p.earnedEdge)} Edge + ${ath(p.earnedEnterprise)} Enterprise; cumulative ${ath(p.cumulativeEdge)} Edge, ${ath(p.cumulativeEnterprise)} Enterprise`);
    for (const c of p.containers) {
      const pool = c.pool === "edge" ? p.pools.edge : p.pools.enterprise;
      lines.push(`  ${c.container.slice(0, 10)}… ${c.pool === "edge" ? "Edge" : "Enterprise"}: ${ath(c.earned)} — ${why(c)}${c.points ? ` of ${formatCount(pool.points)} in the pool's pot of ${ath(pool.pot)}` : ""}`);
    }
  }
  return lines.join("\n");
}
