// Deploys the checker reward stack of SPEC §5 and §6: the referee (job proofs, epoch roots) and the claims contract,
// wires their roles (the referee may ban equivocating licenses and counts the claims contract's pending returns as
// re-emittable; the claims contract draws from the checker pools); when HostStaking is deployed already, also the
// compute-provider rewards of issue 15 (scripts/lib/compute-deploy.ts: the Edge and Enterprise/IDC pools' only
// distributor); then hands the license and the pools to the timelock. Expects the deployer to still administer the
// license, the pools and HostStaking (deployGenesis with keepPoolAdmin, deployLicensing with keepLicenseAdmin,
// deployStaking before deploySlashing).
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract } from "ethers";
import { record, type DeployedContract } from "./genesis.js";
import { handOver } from "./licensing.js";
import { deployCompute, type ComputeParams } from "./compute-deploy.js";

export interface RewardsParams {
  /** The referee service's key (posts epoch roots). */
  referee: string;
  /** Compute-provider rewards (ComputeRewards), deployed when HostStaking is. */
  compute: ComputeParams;
}

export async function deployRewards(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  p: RewardsParams,
  ctx: { tgeTimestamp: number; timelock: string; guardian: string; contracts: Record<string, DeployedContract> },
  log: (line: string) => void = () => {},
): Promise<Record<string, DeployedContract>> {
  const c = ctx.contracts;
  const contracts: Record<string, DeployedContract> = {};
  // administered by the deployer until the claims contract is named (once), then handed to the timelock
  const referee = await (await ethers.getContractFactory("CheckerReferee", deployer)).deploy(
    deployer.address, p.referee, ctx.guardian, c.CheckerLicense.address, c.CheckerBaseRewardPool.address, c.CheckerBonusRewardPool.address, ctx.tgeTimestamp,
  );
  contracts.CheckerReferee = await record("CheckerReferee", referee);
  log(`CheckerReferee ${contracts.CheckerReferee.address}`);
  const claims = await (await ethers.getContractFactory("RewardClaims", deployer)).deploy(
    ctx.timelock, c.AethirToken.address, contracts.CheckerReferee.address, c.CheckerBaseRewardPool.address,
    c.CheckerBonusRewardPool.address, c.ComplianceRegistry.address, ctx.timelock,
  );
  contracts.RewardClaims = await record("RewardClaims", claims);
  log(`RewardClaims ${contracts.RewardClaims.address}`);
  const refereeContract = referee as unknown as Contract;
  await (await refereeContract.setRewardClaims(contracts.RewardClaims.address)).wait();
  await handOver(refereeContract, deployer.address, ctx.timelock);

  const license = (await ethers.getContractAt("CheckerLicense", c.CheckerLicense.address, deployer)) as unknown as Contract;
  await (await license.grantRole(await license.BAN_ROLE(), contracts.CheckerReferee.address)).wait();
  await handOver(license, deployer.address, ctx.timelock);
  if (c.HostStaking !== undefined) {
    Object.assign(contracts, await deployCompute(ethers, deployer, { ...p.compute, referee: p.referee }, { ...ctx, contracts: { ...c, ...contracts } }, log));
  }
  for (const name of Object.keys(c).filter((n) => n.endsWith("RewardPool"))) {
    const pool = (await ethers.getContractAt("LinearRewardPool", c[name].address, deployer)) as unknown as Contract;
    if (name === "CheckerBaseRewardPool" || name === "CheckerBonusRewardPool") {
      await (await pool.grantRole(await pool.DISTRIBUTOR_ROLE(), contracts.RewardClaims.address)).wait();
    }
    await handOver(pool, deployer.address, ctx.timelock);
  }
  return contracts;
}
