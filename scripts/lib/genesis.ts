// Deploys the genesis of the protocol: the timelock, every bucket contract of SPEC §2, and the ATH token that
// mints the whole supply into them in its constructor. Used by the deploy script, the tests and the benchmark,
// so they all exercise the same deployment.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { getCreateAddress, ZeroAddress, type BaseContract } from "ethers";
import { BUCKETS, bucketAmount, isPool, TOTAL_SUPPLY, type Beneficiary, type BucketSpec } from "./tokenomics.js";

export interface GenesisParams {
  tgeTimestamp: number;
  timelock: { minDelay: number; proposers: string[]; executors: string[] };
  guardian: string;
  beneficiaries: Record<Exclude<Beneficiary, "timelock">, string>;
}

export interface DeployedContract {
  /** Artifact (contract) name, e.g. "LinearVesting". */
  artifact: string;
  address: string;
  blockNumber: number;
  txHash: string;
}

export interface BucketRecord {
  name: string;
  shareBps: number;
  amount: string;
  schedule: BucketSpec["schedule"];
  beneficiary?: string;
}

export interface GenesisDeployment {
  tgeTimestamp: number;
  contracts: Record<string, DeployedContract>;
  buckets: BucketRecord[];
}

const ARTIFACT_BY_KIND: Record<BucketSpec["schedule"]["kind"], string> = {
  linearVesting: "LinearVesting",
  upfrontLinearVesting: "UpfrontLinearVesting",
  stepVesting: "StepVesting",
  linearPool: "LinearRewardPool",
  steppedPool: "SteppedRewardPool",
  decayingPool: "DecayingRewardPool",
};

function constructorArgs(spec: BucketSpec, p: GenesisParams, token: string, timelock: string, poolAdmin: string): unknown[] {
  const tge = p.tgeTimestamp;
  const amount = bucketAmount(spec);
  const beneficiary = spec.beneficiary === "timelock" ? timelock : p.beneficiaries[spec.beneficiary!];
  const s = spec.schedule;
  switch (s.kind) {
    case "linearVesting":
      return [beneficiary, tge + s.cliff, s.duration];
    case "upfrontLinearVesting":
      return [beneficiary, tge, s.duration, s.upfrontBps];
    case "stepVesting":
      return [beneficiary, tge, s.offsets, s.cumulativeBps];
    case "linearPool":
      return [token, amount, tge, s.duration, poolAdmin, p.guardian];
    case "steppedPool":
      return [token, amount, tge, s.stepDuration, s.steps, poolAdmin, p.guardian];
    case "decayingPool":
      return [token, amount, tge, s.period, s.periods, s.firstBps, s.decayNum, s.decayDen, poolAdmin, p.guardian];
  }
}

/** The manifest record of a contract just deployed (waits for its receipt). */
export async function record(artifact: string, contract: BaseContract): Promise<DeployedContract> {
  const tx = contract.deploymentTransaction()!;
  const receipt = (await tx.wait())!;
  return { artifact, address: await contract.getAddress(), blockNumber: receipt.blockNumber, txHash: receipt.hash };
}

/** Refuses parameters that would lock the supply away for good (zero addresses, no proposer, no TGE). */
export function validateGenesisParams(p: GenesisParams): void {
  const addresses: [string, string][] = [
    ["guardian", p.guardian],
    ...Object.entries(p.beneficiaries).map(([k, v]) => [`beneficiaries.${k}`, v] as [string, string]),
    ...p.timelock.proposers.map((v, i) => [`timelock.proposers[${i}]`, v] as [string, string]),
    ...p.timelock.executors.map((v, i) => [`timelock.executors[${i}]`, v] as [string, string]),
  ];
  const bad = addresses.filter(([, v]) => !/^0x[0-9a-fA-F]{40}$/.test(v) || v === ZeroAddress).map(([k]) => k);
  if (bad.length > 0) throw new Error(`deploy parameters: missing or zero address for ${bad.join(", ")}`);
  if (p.timelock.proposers.length === 0) throw new Error("deploy parameters: the timelock needs a proposer");
  if (!Number.isInteger(p.tgeTimestamp) || p.tgeTimestamp <= 0) throw new Error("deploy parameters: tgeTimestamp must be a positive unix time");
}

/**
 * Deploys the timelock, the ten buckets and the token, in that order, from `deployer`. Pools need the token's
 * address before it exists, so it is predicted from the deployer's nonce and checked after the token deploy.
 */
export async function deployGenesis(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  p: GenesisParams,
  log: (line: string) => void = () => {},
  options: { keepPoolAdmin?: boolean; keepTimelockAdmin?: boolean } = {},
): Promise<GenesisDeployment> {
  validateGenesisParams(p);
  const contracts: Record<string, DeployedContract> = {};
  const buckets: BucketRecord[] = [];

  // The deployer is the timelock's admin for two calls only: the guardian gets the canceller role (SPEC §9: it can
  // veto a queued proposal), then the deployer renounces, leaving the timelock administered by itself.
  const timelockFactory = await ethers.getContractFactory("TimelockController", deployer);
  const timelock = await timelockFactory.deploy(p.timelock.minDelay, p.timelock.proposers, p.timelock.executors, deployer.address);
  contracts.Timelock = await record("TimelockController", timelock);
  await (await timelock.grantRole(await timelock.CANCELLER_ROLE(), p.guardian)).wait();
  // With keepTimelockAdmin the deployer stays admin until the governor is wired (scripts/lib/governor.ts renounces).
  if (!options.keepTimelockAdmin) await (await timelock.renounceRole(await timelock.DEFAULT_ADMIN_ROLE(), deployer.address)).wait();
  log(`Timelock ${contracts.Timelock.address}`);

  // Every bucket deploy below takes exactly one nonce, then the token takes the next one.
  const firstBucketNonce = await deployer.getNonce("pending");
  const predictedToken = getCreateAddress({ from: deployer.address, nonce: firstBucketNonce + BUCKETS.length });

  for (const spec of BUCKETS) {
    const artifact = ARTIFACT_BY_KIND[spec.schedule.kind];
    const factory = await ethers.getContractFactory(artifact, deployer);
    // With keepPoolAdmin the deployer administers the pools until the deploy script has authorized the protocol's
    // distributors, then hands them to the timelock (scripts/deploy.ts); otherwise the timelock from the start.
    const poolAdmin = options.keepPoolAdmin ? deployer.address : contracts.Timelock.address;
    const args = constructorArgs(spec, p, predictedToken, contracts.Timelock.address, poolAdmin);
    const contract = await factory.deploy(...args);
    contracts[spec.name] = await record(artifact, contract);
    buckets.push({
      name: spec.name,
      shareBps: spec.shareBps,
      amount: bucketAmount(spec).toString(),
      schedule: spec.schedule,
      beneficiary: isPool(spec) ? undefined : (args[0] as string),
    });
    log(`${spec.name} (${artifact}) ${contracts[spec.name].address}`);
  }

  const allocations = BUCKETS.map((spec) => ({ recipient: contracts[spec.name].address, amount: bucketAmount(spec) }));
  const placed = allocations.reduce((sum, a) => sum + a.amount, 0n);
  if (placed !== TOTAL_SUPPLY) throw new Error(`genesis places ${placed} wei, not ${TOTAL_SUPPLY}`);
  const tokenFactory = await ethers.getContractFactory("AethirToken", deployer);
  const token = await tokenFactory.deploy(allocations);
  contracts.AethirToken = await record("AethirToken", token);
  if (contracts.AethirToken.address.toLowerCase() !== predictedToken.toLowerCase()) {
    throw new Error(`token deployed at ${contracts.AethirToken.address}, pools expect ${predictedToken}: redeploy from a quiet deployer`);
  }
  log(`AethirToken ${contracts.AethirToken.address}`);
  return { tgeTimestamp: p.tgeTimestamp, contracts, buckets };
}
