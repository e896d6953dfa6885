// Deploys the staking layer of SPEC §7 in two steps around the reward stack (scripts/lib/rewards.ts):
// 1. `deployStaking`: holder staking (StakingPools, with its pools), cloud-host staking (HostStaking, which deploys
//    its HostRegistry; GPU classes set) and a read-only lens. HostStaking is NOT the Enterprise/IDC pool's distributor:
//    hosts are paid only through ComputeRewards' proven roots (issue 15), so `fundRewardsFromPool` can't draw in a
//    deployment; an optional keeper may add its own ATH to a host's stream (`fundRewards`), never the pool's;
// 2. `deploySlashing`, once the referee exists: HostSlashing (verdict-driven and slasher proposals behind the guardian's
//    veto window), given HostStaking's slasher role; then HostStaking and its registry are handed to the timelock.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { parseEther, type Contract } from "ethers";
import { record, type DeployedContract } from "./genesis.js";
import { handOver } from "./licensing.js";

export interface StakingParams {
  /** Holder staking pools, e.g. ["Gaming", "AI"]; each pays ATH (governance can add partner tokens). */
  pools: string[];
  /** K, the stake a container of coefficient 1x requires, in ATH. */
  k: string;
  /** GPU classes: coefficient in basis points of K (10,000 = 1x); HPC classes are geofenced. */
  gpuClasses: { id: number; name: string; coefficientBps: number; hpc: boolean }[];
  /** Proposes slashes with an evidence hash. */
  slasher: string;
  /** Optional: may add its own ATH to host reward streams (HostStaking's `fundRewards`); not granted when absent. */
  keeper?: string;
}

type Ctx = { timelock: string; guardian: string; contracts: Record<string, DeployedContract> };

export async function deployStaking(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  p: StakingParams,
  ctx: Ctx,
  log: (line: string) => void = () => {},
): Promise<Record<string, DeployedContract>> {
  const c = ctx.contracts;
  const addresses = [["staking.slasher", p.slasher], ...(p.keeper === undefined ? [] : [["staking.keeper", p.keeper]])];
  for (const [what, address] of addresses) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address) || /^0x0{40}$/.test(address)) throw new Error(`deploy parameters: missing or zero address for ${what}`);
  }
  const out: Record<string, DeployedContract> = {};
  const pools = await (await ethers.getContractFactory("StakingPools", deployer)).deploy(deployer.address, ctx.guardian, c.AethirToken.address);
  out.StakingPools = await record("StakingPools", pools);
  for (const name of p.pools) await (await (pools as unknown as Contract).createPool(name, [c.AethirToken.address])).wait();
  await handOver(pools as unknown as Contract, deployer.address, ctx.timelock);
  log(`StakingPools ${out.StakingPools.address} (pools: ${p.pools.join(", ")})`);

  const hosts = (await (await ethers.getContractFactory("HostStaking", deployer)).deploy(
    deployer.address, c.AethirToken.address, c.ComplianceRegistry.address, c.EnterpriseRewardPool.address, parseEther(p.k),
  )) as unknown as Contract & { deploymentTransaction(): never };
  out.HostStaking = await record("HostStaking", hosts as never);
  const registryAddress: string = await hosts.registry();
  out.HostRegistry = { ...out.HostStaking, artifact: "HostRegistry", address: registryAddress };
  const registry = (await ethers.getContractAt("HostRegistry", registryAddress, deployer)) as unknown as Contract;
  for (const g of p.gpuClasses) await (await registry.setGpuClass(g.id, g.coefficientBps, g.hpc, true)).wait();
  await handOver(registry, deployer.address, ctx.timelock);
  if (p.keeper !== undefined) await (await hosts.grantRole(await hosts.DISTRIBUTOR_ROLE(), p.keeper)).wait();
  const lens = await (await ethers.getContractFactory("HostStakingLens", deployer)).deploy(out.HostStaking.address);
  out.HostStakingLens = await record("HostStakingLens", lens);
  log(`HostStaking ${out.HostStaking.address}, HostRegistry ${registryAddress} (${p.gpuClasses.length} GPU classes, K = ${p.k} ATH)`);
  return out;
}

export async function deploySlashing(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  p: StakingParams,
  ctx: Ctx,
  log: (line: string) => void = () => {},
): Promise<Record<string, DeployedContract>> {
  const c = ctx.contracts;
  const slashing = await (await ethers.getContractFactory("HostSlashing", deployer)).deploy(
    ctx.timelock, ctx.guardian, p.slasher, c.HostStaking.address, c.CheckerReferee.address, ctx.timelock,
  );
  const out = { HostSlashing: await record("HostSlashing", slashing) };
  const hosts = (await ethers.getContractAt("HostStaking", c.HostStaking.address, deployer)) as unknown as Contract;
  await (await hosts.grantRole(await hosts.SLASHER_ROLE(), out.HostSlashing.address)).wait();
  await handOver(hosts, deployer.address, ctx.timelock);
  log(`HostSlashing ${out.HostSlashing.address} (veto window 7 days; penalties to the treasury)`);
  return out;
}
