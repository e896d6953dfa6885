// The referee's compute-provider settlement for one epoch of 100,000 containers and the checker bench's 400,000 jobs,
// in its own process so the wall times and memory are its own (bench/compute-epoch.ts does the work).
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { formatAth } from "../scripts/lib/format.js";

const fmt = (n: number) => n.toLocaleString("en-US");
const s = (ms: number) => `${(ms / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
const GOAL_MS = 30_000;

export async function computeSection(): Promise<string> {
  const out = execFileSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", "--import", "tsx", "bench/compute-epoch.ts"], { encoding: "utf8", maxBuffer: 1 << 20 });
  return renderCompute(JSON.parse(out.trim().split("\n").pop()!) as Record<string, number | string>);
}

/** The section from bench/compute-epoch.ts's measurements. */
export function renderCompute(r: Record<string, number | string>, cores = availableParallelism()): string {
  const n = (k: string) => Number(r[k]);
  const ath = (k: string) => `${formatAth(BigInt(r[k] as string))} ATH`;
  return [
    `## Referee: compute-provider rewards for one epoch of ${fmt(n("containers"))} containers and ${fmt(n("jobs"))} jobs`,
    "",
    `The compute settlement (scripts/referee/compute-rewards.ts, docs/decisions.md "Compute-provider rewards") runs after the`,
    `checker settlement, from its job verdicts: the same ${fmt(n("jobs"))} jobs of ${fmt(n("licenses"))} licenses x 20 (2N + 1 = 5) as the checker`,
    `settlement section, here over ${fmt(n("containers"))} containers (${fmt(n("edgeContainers"))} of an Edge class), each its own host (the largest tree).`,
    `Signatures are verified at ingest, as results arrive (the checker settlement section measures it); this bench hands the`,
    `settlement the ${fmt(n("votes"))} verified votes ingest would, for the same behaviours (90% honest, 5% faulty, 3% lying, 2% silent;`,
    `${fmt(n("down"))} containers down), built without signing. ${fmt(n("haltedHosts"))} hosts are halted at the epoch's end.`,
    `Node ${process.versions.node}, ${cores} cores shared with other work, one core used.`,
    "",
    "| stage | wall time | RSS after (MB) |",
    "|---|---:|---:|",
    `| inputs: frozen sets, containers with hosts and classes, the assignment's jobs, the votes (not timed) | — | ${fmt(n("rssInputsMb"))} |`,
    `| checker settlement (settle.ts: majorities, minority rule, base and bonus split), the reference | ${fmt(n("checkerMs"))} ms | ${fmt(n("rssCheckerMb"))} |`,
    `| compute: tally of ${fmt(n("jobs"))} job verdicts per container | ${fmt(n("tallyMs"))} ms | |`,
    `| compute: points (Fail majority and halted hosts zeroed) and both pools' floor split | ${fmt(n("splitMs"))} ms | |`,
    `| compute: cumulative tree (${fmt(n("accounts"))} leaves (account, edge, enterprise), StandardMerkleTree layout) | ${fmt(n("treeMs"))} ms | |`,
    `| compute: every proof, proofs file (${fmt(n("proofsMb"))} MB), report (${fmt(n("reportMb"))} MB) and state written | ${fmt(n("filesMs"))} ms | ${fmt(n("rssComputeMb"))} |`,
    `| **compute settlement, total (beyond the checker settlement)** | **${fmt(n("computeMs"))} ms** | |`,
    "",
    `${fmt(n("failZeroed"))} containers were zeroed by a Fail majority and ${fmt(n("haltZeroed"))} by a halted host. Edge pool: pot ${ath("edgePot")},`,
    `paid ${ath("edgePaid")}, carried ${fmt(n("edgeCarried"))} wei; Enterprise pool: pot ${ath("enterprisePot")}, paid ${ath("enterprisePaid")},`,
    `carried ${fmt(n("enterpriseCarried"))} wei. Memory: the process peaked at ${fmt(n("peakRssMb"))} MB; the compute settlement added`,
    `${fmt(n("rssComputeMb") - n("rssCheckerMb"))} MB after the checker settlement (per-container counts and outcomes, the tree's nodes).`,
    "",
    `Goal: under 30 s beyond the checker settlement. Measured: **${s(n("computeMs"))}** — ${n("computeMs") < GOAL_MS ? "met" : "not met"}.`,
    "",
  ].join("\n");
}
