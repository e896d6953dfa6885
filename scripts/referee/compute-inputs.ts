// What the compute settlement needs from the chain for epoch E (docs/decisions.md "Compute-provider rewards"), read
// from events so a past epoch reads the same later: each assigned container's host, class and coefficient after every
// block with a timestamp below E's cut-off; whether its class was marked Edge in ComputeRewards then; the hosts halted
// after every block with a timestamp below E's end (HostStaking's HostHalted / HostResumed); and each pool's amount
// available to ComputeRewards (released by E's end + returned − drawn by any other distributor), the cap postRoot checks.
import { Contract, type Provider } from "ethers";
import type { Manifest } from "../lib/manifest.js";
import type { ComputeContainer, PoolAmounts } from "./compute-rewards.js";

export interface ComputeInputs {
  containers: ComputeContainer[];
  halted: Set<string>;
  available: PoolAmounts;
  /** Whether the manifest has ComputeRewards (without it no class is Edge and nothing is posted). */
  hasContract: boolean;
}

/** The contracts compute rewards are settled from; without them the service skips compute rewards. */
export const COMPUTE_SOURCES = ["HostRegistry", "HostStaking", "EdgeRewardPool", "EnterpriseRewardPool"] as const;
export const canSettleCompute = (manifest: Manifest) => COMPUTE_SOURCES.every((name) => manifest.contracts[name]);

type Log = { blockNumber: number; fragment?: { name: string }; args: Record<string, unknown> & unknown[] };

/** Every event of `name`'s contract up to `head`, each with its block's timestamp, in chain order. */
async function timedEvents(provider: Provider, manifest: Manifest, name: string, head: number, times: Map<number, number>) {
  const c = new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider);
  const logs = (await c.queryFilter("*" as never, manifest.contracts[name].blockNumber, head)) as unknown as Log[];
  const out: { name: string; args: Log["args"]; time: number }[] = [];
  for (const log of logs) {
    if (!log.fragment) continue;
    if (!times.has(log.blockNumber)) times.set(log.blockNumber, (await provider.getBlock(log.blockNumber))!.timestamp);
    out.push({ name: log.fragment.name, args: log.args, time: times.get(log.blockNumber)! });
  }
  return out;
}

export async function loadComputeInputs(provider: Provider, manifest: Manifest, o: { cutoff: number; end: number; containers: string[] }): Promise<ComputeInputs> {
  const head = await provider.getBlockNumber();
  const times = new Map<number, number>();
  const hasContract = Boolean(manifest.contracts.ComputeRewards);

  const info = new Map<string, { host: string; classId: number; coefficient: number }>();
  for (const e of await timedEvents(provider, manifest, "HostRegistry", head, times)) {
    if (e.time >= o.cutoff) continue;
    const id = String(e.args.container).toLowerCase();
    if (e.name === "ContainerRegistered") info.set(id, { host: String(e.args.host).toLowerCase(), classId: Number(e.args.classId), coefficient: Number(e.args.coefficient) });
    else if (e.name === "ContainerSynced" && info.has(id)) info.get(id)!.coefficient = Number(e.args.coefficient);
    else if (e.name === "ContainerDeregistered" || e.name === "ContainerEvicted") info.delete(id);
  }
  const edgeClasses = new Set<number>();
  if (hasContract) {
    for (const e of await timedEvents(provider, manifest, "ComputeRewards", head, times)) {
      if (e.time >= o.cutoff || e.name !== "EdgeClassSet") continue;
      if (e.args.edge) edgeClasses.add(Number(e.args.classId));
      else edgeClasses.delete(Number(e.args.classId));
    }
  }
  const containers = o.containers.map((container) => {
    const c = info.get(container.toLowerCase());
    if (!c) throw new Error(`container ${container} of the assignment was not registered at the cut-off`);
    return { container: container.toLowerCase(), ...c, edge: edgeClasses.has(c.classId) };
  });

  const halted = new Set<string>();
  for (const e of await timedEvents(provider, manifest, "HostStaking", head, times)) {
    if (e.time >= o.end) continue;
    if (e.name === "HostHalted") halted.add(String(e.args.host).toLowerCase());
    else if (e.name === "HostResumed") halted.delete(String(e.args.host).toLowerCase());
  }

  const compute = hasContract ? new Contract(manifest.contracts.ComputeRewards.address, manifest.contracts.ComputeRewards.abi as never, provider) : null;
  const availableOf = async (pool: "EdgeRewardPool" | "EnterpriseRewardPool", funded: "fundedEdge" | "fundedEnterprise") => {
    const p = new Contract(manifest.contracts[pool].address, manifest.contracts[pool].abi as never, provider);
    const [released, returned, drawn] = (await Promise.all([p.unlockedAt(o.end), p.returned(), p.drawn()])) as bigint[];
    const ours = compute ? ((await compute[funded]()) as bigint) : 0n;
    const cap = released + returned - (drawn - ours);
    return cap > 0n ? cap : 0n;
  };
  const available = { edge: await availableOf("EdgeRewardPool", "fundedEdge"), enterprise: await availableOf("EnterpriseRewardPool", "fundedEnterprise") };
  return { containers, halted, available, hasContract };
}
