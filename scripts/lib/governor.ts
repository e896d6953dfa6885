// Deploys holder governance (issue 16): AethirGovernor over ATH + stATH votes, proposing into the genesis timelock.
// The governor becomes the timelock's proposer, canceller and executor; the configured proposers/executors keep
// their roles (on local chains the simulation's operator, on live chains the transition multisig, which governance
// can revoke), the guardian keeps its canceller role (veto). Then the deployer renounces the timelock's admin role,
// which genesis kept for this step, so the timelock administers itself.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { parseEther, type Contract } from "ethers";
import { record, type DeployedContract } from "./genesis.js";
import { BUCKETS } from "./tokenomics.js";

export interface GovernorParams {
  /** Seconds from proposing to the snapshot (on-chain bounds: 1 hour to 14 days). */
  votingDelay: number;
  /** Seconds of voting (1 to 28 days). */
  votingPeriod: number;
  /** Votes needed to propose, in ATH (1 to 420,000,000). */
  proposalThreshold: string;
  /** Quorum in basis points of the voting supply (100 to 2,000). */
  quorumBps: number;
}

type Ctx = { timelock: string; guardian: string; contracts: Record<string, DeployedContract> };

/** The contracts whose ATH never votes: every genesis bucket (vesting wallets and reward pools) and the timelock. */
export function nonVotingHolders(contracts: Record<string, DeployedContract>): string[] {
  return [...BUCKETS.map((b) => contracts[b.name].address), contracts.Timelock.address];
}

export async function deployGovernor(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  p: GovernorParams,
  ctx: Ctx,
  log: (line: string) => void = () => {},
): Promise<Record<string, DeployedContract>> {
  const c = ctx.contracts;
  const governor = await (await ethers.getContractFactory("AethirGovernor", deployer)).deploy(
    c.AethirToken.address, c.StakingPools.address, ctx.timelock, ctx.guardian, nonVotingHolders(c),
    p.votingDelay, p.votingPeriod, parseEther(p.proposalThreshold), p.quorumBps,
  );
  const out = { AethirGovernor: await record("AethirGovernor", governor) };
  const timelock = (await ethers.getContractAt("TimelockController", ctx.timelock, deployer)) as unknown as Contract;
  for (const role of ["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"])
    await (await timelock.grantRole(await timelock[role](), out.AethirGovernor.address)).wait();
  await (await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address)).wait();
  log(`AethirGovernor ${out.AethirGovernor.address} (timelock proposer, canceller and executor; quorum ${p.quorumBps / 100}% of the voting supply)`);
  return out;
}
