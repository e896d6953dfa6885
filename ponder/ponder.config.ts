// Indexes every contract of the deployment manifest (deployments/<network>.json) from its deployment block.
// AETHIR_MANIFEST picks the manifest, PONDER_RPC_URL the node (or several, comma-separated; see rpc-settings.ts),
// PONDER_POLLING_INTERVAL_MS how often it asks for new blocks; DATABASE_URL switches from PGlite to PostgreSQL.
import { createConfig, mergeAbis } from "ponder";
import { AethirTokenAbi } from "./abis/AethirToken";
import { LinearVestingAbi } from "./abis/LinearVesting";
import { UpfrontLinearVestingAbi } from "./abis/UpfrontLinearVesting";
import { StepVestingAbi } from "./abis/StepVesting";
import { LinearRewardPoolAbi } from "./abis/LinearRewardPool";
import { SteppedRewardPoolAbi } from "./abis/SteppedRewardPool";
import { DecayingRewardPoolAbi } from "./abis/DecayingRewardPool";
import { TimelockControllerAbi } from "./abis/TimelockController";
import { ComplianceRegistryAbi } from "./abis/ComplianceRegistry";
import { CheckerLicenseAbi } from "./abis/CheckerLicense";
import { LicenseSaleAbi } from "./abis/LicenseSale";
import { CheckerRefereeAbi } from "./abis/CheckerReferee";
import { RewardClaimsAbi } from "./abis/RewardClaims";
import { StakingPoolsAbi } from "./abis/StakingPools";
import { HostStakingAbi } from "./abis/HostStaking";
import { HostRegistryAbi } from "./abis/HostRegistry";
import { HostSlashingAbi } from "./abis/HostSlashing";
import { ComputeRewardsAbi } from "./abis/ComputeRewards";
import { AethirGovernorAbi } from "./abis/AethirGovernor";
import { manifest, addressesOf } from "./src/manifest";
import { pollingInterval, rpcUrls } from "./rpc-settings";

const vestingNames = manifest.buckets.filter((b) => b.schedule.kind.endsWith("Vesting")).map((b) => b.name);
const poolNames = manifest.buckets.filter((b) => b.schedule.kind.endsWith("Pool")).map((b) => b.name);
const c = manifest.contracts;
const single = <A,>(name: string, abi: A) => ({
  chain: "aethir" as const,
  abi,
  address: c[name]!.address as `0x${string}`,
  startBlock: c[name]!.blockNumber,
});

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.PONDER_PGLITE_DIR ?? ".ponder/pglite" },
  chains: {
    aethir: {
      id: manifest.chainId,
      rpc: rpcUrls(),
      pollingInterval: pollingInterval(),
      // A local dev chain is reset often; caching its RPC answers across runs would serve stale data.
      disableCache: manifest.chainId === 31337,
    },
  },
  contracts: {
    AethirToken: single("AethirToken", AethirTokenAbi),
    Timelock: single("Timelock", TimelockControllerAbi),
    ComplianceRegistry: single("ComplianceRegistry", ComplianceRegistryAbi),
    CheckerLicense: single("CheckerLicense", CheckerLicenseAbi),
    LicenseSale: single("LicenseSale", LicenseSaleAbi),
    CheckerReferee: single("CheckerReferee", CheckerRefereeAbi),
    RewardClaims: single("RewardClaims", RewardClaimsAbi),
    // Staking (SPEC §7). HostRegistry is deployed by HostStaking's constructor: same block.
    StakingPools: single("StakingPools", StakingPoolsAbi),
    HostStaking: single("HostStaking", HostStakingAbi),
    HostRegistry: single("HostRegistry", HostRegistryAbi),
    HostSlashing: single("HostSlashing", HostSlashingAbi),
    // Compute-provider rewards (issue 15): the Edge and Enterprise/IDC pools' distributor
    ComputeRewards: single("ComputeRewards", ComputeRewardsAbi),
    // Holder governance (issue 16): proposals, votes and settings (ATH and stATH votes come from their tokens)
    AethirGovernor: single("AethirGovernor", AethirGovernorAbi),
    VestingWallet: {
      chain: "aethir",
      abi: mergeAbis([LinearVestingAbi, UpfrontLinearVestingAbi, StepVestingAbi]),
      address: addressesOf(vestingNames),
      startBlock: Math.min(...vestingNames.map((n) => c[n]!.blockNumber)),
    },
    RewardPool: {
      chain: "aethir",
      abi: mergeAbis([LinearRewardPoolAbi, SteppedRewardPoolAbi, DecayingRewardPoolAbi]),
      address: addressesOf(poolNames),
      startBlock: Math.min(...poolNames.map((n) => c[n]!.blockNumber)),
    },
  },
});
