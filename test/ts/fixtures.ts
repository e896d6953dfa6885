// Shared fixture: the real genesis deployment (scripts/lib/genesis.ts) on a fresh in-process chain.
import { network } from "hardhat";
import { deployGenesis } from "../../scripts/lib/genesis.js";
import { readRawParams, resolveParams } from "../../scripts/lib/params.js";

export async function genesisFixture() {
  const connection = await network.create();
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const [deployer, guardian, team, investors, advisors, ecosystem, airdrop] = signers;
  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params);
  const at = genesis.contracts;
  return {
    connection,
    ethers,
    networkHelpers: connection.networkHelpers,
    signers: { deployer, guardian, team, investors, advisors, ecosystem, airdrop, others: signers.slice(10) },
    params,
    genesis,
    token: await ethers.getContractAt("AethirToken", at.AethirToken.address),
    timelock: await ethers.getContractAt("TimelockController", at.Timelock.address),
    checkerBase: await ethers.getContractAt("LinearRewardPool", at.CheckerBaseRewardPool.address),
    checkerBonus: await ethers.getContractAt("SteppedRewardPool", at.CheckerBonusRewardPool.address),
    edge: await ethers.getContractAt("DecayingRewardPool", at.EdgeRewardPool.address),
    enterprise: await ethers.getContractAt("LinearRewardPool", at.EnterpriseRewardPool.address),
    teamVesting: await ethers.getContractAt("LinearVesting", at.TeamVesting.address),
    investorVesting: await ethers.getContractAt("LinearVesting", at.InvestorVesting.address),
    advisorVesting: await ethers.getContractAt("LinearVesting", at.AdvisorVesting.address),
    treasuryVesting: await ethers.getContractAt("LinearVesting", at.TreasuryVesting.address),
    ecosystemVesting: await ethers.getContractAt("UpfrontLinearVesting", at.EcosystemVesting.address),
    airdropVesting: await ethers.getContractAt("StepVesting", at.AirdropVesting.address),
  };
}
