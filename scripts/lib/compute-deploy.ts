// Deploys compute-provider rewards (issue 15, docs/decisions.md "Compute-provider rewards"): ComputeRewards, with the
// referee service's key as its poster and the guardian as its vetoer, the GPU classes of Edge devices marked Edge, and
// the roles it pays through: DISTRIBUTOR_ROLE on the Edge and Enterprise/IDC pools (its `sync` draws each root's
// increase) and on HostStaking (its `pushHostRewards` adds a host's proven amount to the host's reward stream).
// Expects the deployer to still administer the two pools and HostStaking; ComputeRewards itself is handed to the
// timelock here. The pools' and HostStaking's handover is the caller's (scripts/lib/rewards.ts, staking.ts).
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract } from "ethers";
import { record, type DeployedContract } from "./genesis.js";
import { handOver } from "./licensing.js";
import { DAY } from "./tokenomics.js";

export interface ComputeParams {
  /** Seconds a posted root can be vetoed before it is final (ComputeRewards allows 1 hour to 7 days). */
  challengeWindow: number;
  /** GPU classes (of `staking.gpuClasses`) whose containers are Edge devices, paid from the Edge pool. */
  edgeClasses: number[];
}

/** The contracts ComputeRewards is wired to; all must be deployed (and the pools and HostStaking still the deployer's). */
export const COMPUTE_NEEDS = ["EdgeRewardPool", "EnterpriseRewardPool", "HostStaking", "ComplianceRegistry", "CheckerReferee"] as const;

export async function deployCompute(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  p: ComputeParams & { referee: string },
  ctx: { tgeTimestamp: number; timelock: string; guardian: string; contracts: Record<string, DeployedContract> },
  log: (line: string) => void = () => {},
): Promise<Record<string, DeployedContract>> {
  const c = ctx.contracts;
  const missing = COMPUTE_NEEDS.filter((n) => c[n] === undefined);
  if (missing.length) throw new Error(`ComputeRewards needs ${missing.join(", ")} deployed first`);
  // the epoch under way: earlier epochs ended before the contract existed and have no root
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  const firstEpoch = Math.max(0, Math.floor((now - ctx.tgeTimestamp) / DAY));
  const compute = (await (await ethers.getContractFactory("ComputeRewards", deployer)).deploy(
    deployer.address, p.referee, ctx.guardian, c.EdgeRewardPool.address, c.EnterpriseRewardPool.address,
    c.HostStaking.address, c.ComplianceRegistry.address, c.CheckerReferee.address, firstEpoch,
  )) as unknown as Contract;
  const out = { ComputeRewards: await record("ComputeRewards", compute as never) };
  if (BigInt(await compute.challengeWindow()) !== BigInt(p.challengeWindow)) await (await compute.setChallengeWindow(p.challengeWindow)).wait();
  for (const classId of p.edgeClasses) await (await compute.setEdgeClass(classId, true)).wait();
  await handOver(compute, deployer.address, ctx.timelock);
  for (const name of ["EdgeRewardPool", "EnterpriseRewardPool"]) {
    const pool = (await ethers.getContractAt("LinearRewardPool", c[name].address, deployer)) as unknown as Contract;
    await (await pool.grantRole(await pool.DISTRIBUTOR_ROLE(), out.ComputeRewards.address)).wait();
  }
  const hosts = (await ethers.getContractAt("HostStaking", c.HostStaking.address, deployer)) as unknown as Contract;
  await (await hosts.grantRole(await hosts.DISTRIBUTOR_ROLE(), out.ComputeRewards.address)).wait();
  log(`ComputeRewards ${out.ComputeRewards.address} (first epoch ${firstEpoch}, challenge window ${p.challengeWindow} s, Edge classes ${p.edgeClasses.join(", ") || "none"}; draws from the Edge and Enterprise/IDC pools, funds host streams)`);
  return out;
}
