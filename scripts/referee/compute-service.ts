// The referee service's compute-provider step (issue 15): after the checker settlement of epoch E, from the same
// verified results (its job verdicts), settles the Edge and Enterprise/IDC pools (compute-rewards.ts), writes
// `epoch-<E>.compute.report.json` and `epoch-<E>.compute.proofs.json` beside the checker report, and posts the
// cumulative root to ComputeRewards when the manifest has it (`postRoot(epoch, root, cumulativeEdge,
// cumulativeEnterprise, dataURI)`). Its state is `compute-state.json`, advanced only when the root is posted (or when
// there is no ComputeRewards to post to), so a refused post is retried by settling the epoch again.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Contract, keccak256, toUtf8Bytes, type Provider, type Signer } from "ethers";
import type { JobLeaf } from "../lib/check-results.js";
import type { Manifest } from "../lib/manifest.js";
import { buildComputeTree, ComputeTally, computeProofsOf, computeReportOf, initialComputeState, settleCompute, type ComputeReport, type ComputeSettlement, type ComputeState } from "./compute-rewards.js";
import { canSettleCompute, loadComputeInputs } from "./compute-inputs.js";
import type { Settlement } from "./settle.js";
import { writeJson } from "./tree.js";

const ZERO_WORD = "0x" + "00".repeat(32);
/** The root posted for an epoch before anyone earned: keccak256("aethir.compute.no-leaves"), which no leaf hashes to. */
export const EMPTY_COMPUTE_ROOT = keccak256(toUtf8Bytes("aethir.compute.no-leaves"));
export const computeStatePath = (outDir: string) => join(outDir, "compute-state.json");
export const computeReportPath = (outDir: string, epoch: number) => resolve(outDir, `epoch-${epoch}.compute.report.json`);

export function readComputeState(path: string, epoch: number): ComputeState {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as ComputeState) : initialComputeState(epoch);
}

export interface ComputeEpochOptions {
  provider: Provider;
  manifest: Manifest;
  referee: Signer;
  epoch: number;
  outDir: string;
  /** The epoch's committed assignment (its cut-off, containers and root), null if none was posted. */
  assignment: { cutoff: number; containers: string[]; root: string } | null;
  /** Its jobs, in the order of `settlement.jobs`. */
  jobs: JobLeaf[];
  settlement: Settlement;
  /** When the epoch ends (unix seconds). */
  end: number;
  checkerReport: string;
  log?: (line: string) => void;
}

export interface ComputeEpochResult {
  settlement: ComputeSettlement;
  report: ComputeReport;
  reportPath: string;
  posted: boolean;
}

const refusal = (c: Contract, e: unknown) => {
  const x = e as { revert?: { name: string; args: unknown[] }; data?: string; message?: string };
  if (x.revert) return `${x.revert.name}(${x.revert.args.join(", ")})`;
  const parsed = x.data ? c.interface.parseError(x.data) : null;
  return parsed ? `${parsed.name}(${parsed.args.join(", ")})` : String(x.message ?? e).slice(0, 120);
};

/** Settles epoch `epoch`'s compute rewards; undefined when the manifest lacks the contracts they come from. */
export async function runComputeEpoch(o: ComputeEpochOptions): Promise<ComputeEpochResult | undefined> {
  const log = o.log ?? (() => {});
  if (!canSettleCompute(o.manifest)) return undefined;
  const statePath = computeStatePath(o.outDir);
  const state = readComputeState(statePath, o.epoch);
  if (state.epoch !== o.epoch) {
    log(`epoch ${o.epoch}: compute rewards not settled: their state is at epoch ${state.epoch}`);
    return undefined;
  }
  const inputs = await loadComputeInputs(o.provider, o.manifest, { cutoff: o.assignment?.cutoff ?? 0, end: o.end, containers: o.assignment?.containers ?? [] });
  const tally = new ComputeTally(o.epoch, inputs.containers);
  o.settlement.jobs.forEach((j, i) => tally.add(o.jobs[i].container, j.verdict));
  const settlement = settleCompute(tally, { halted: inputs.halted, available: inputs.available, state });
  const tree = buildComputeTree(settlement.cumulative);
  const proofsName = `epoch-${o.epoch}.compute.proofs.json`;
  writeJson(join(o.outDir, proofsName), computeProofsOf(tree, settlement));
  const report = computeReportOf(settlement, tree, { checkerReport: o.checkerReport, assignmentRoot: o.assignment?.root ?? ZERO_WORD, proofs: proofsName });
  const reportPath = computeReportPath(o.outDir, o.epoch);
  writeJson(reportPath, report);
  const zeroed = settlement.containers.filter((c) => c.zeroed).length;
  log(`epoch ${o.epoch}: compute rewards: ${settlement.containers.length} containers (${zeroed} zeroed), Edge paid ${settlement.edge.paid} of ${settlement.edge.pot} wei, Enterprise paid ${settlement.enterprise.paid} of ${settlement.enterprise.pot} wei`);

  let posted = false;
  if (inputs.hasContract) {
    const compute = new Contract(o.manifest.contracts.ComputeRewards.address, o.manifest.contracts.ComputeRewards.abi as never, o.referee);
    // Before anyone has earned the tree is empty; ComputeRewards refuses a zero root (ZeroRoot) and takes epochs in
    // order, so the epoch is posted with a root no leaf can match and zero totals, keeping the sequence going.
    const root = tree.root === ZERO_WORD ? EMPTY_COMPUTE_ROOT : tree.root;
    const args = [o.epoch, root, settlement.total.edge, settlement.total.enterprise, `file://${reportPath}`] as const;
    const refused = await compute.postRoot.staticCall(...args).then(() => null, (e: unknown) => refusal(compute, e));
    if (refused) {
      log(`epoch ${o.epoch}: the compute root can't be posted now (${refused}); settle the epoch again to retry`);
      return { settlement, report, reportPath, posted };
    }
    await (await compute.postRoot(...args)).wait();
    posted = true;
    log(`epoch ${o.epoch}: compute root ${root.slice(0, 10)} posted, ${tree.leaves.length} accounts, cumulative Edge ${settlement.total.edge} wei, Enterprise ${settlement.total.enterprise} wei`);
  }
  writeJson(statePath, settlement.state);
  return { settlement, report, reportPath, posted };
}

/** Adopts the newest final compute root in ComputeRewards (draws from both pools), if the manifest has it and one is new. */
export async function syncCompute(manifest: Manifest, signer: Signer): Promise<boolean> {
  if (!manifest.contracts.ComputeRewards) return false;
  const compute = new Contract(manifest.contracts.ComputeRewards.address, manifest.contracts.ComputeRewards.abi as never, signer);
  const refused = await compute.sync.staticCall().then(() => null, (e: unknown) => refusal(compute, e));
  if (refused) return false;
  await (await compute.sync()).wait();
  return true;
}
