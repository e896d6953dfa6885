// npm run deploy -- --network <hardhat|localhost|arbitrumSepolia|arbitrumOne>
// Deploys the genesis (timelock, buckets, token) and the license stack (compliance registry, license, sale) with
// config/deploy-params.json, and writes deployments/<network>.json.
// Re-running it against a chain that already holds the manifest's deployment does nothing and says so.
import { artifacts, network } from "hardhat";
import { deployGenesis } from "./lib/genesis.js";
import { deployLicensing } from "./lib/licensing.js";
import { deployRewards } from "./lib/rewards.js";
import { deploySlashing, deployStaking } from "./lib/staking.js";
import { deployGovernor } from "./lib/governor.js";
import { buildManifest, manifestPath, readManifest, writeManifest } from "./lib/manifest.js";
import { readRawParams, resolveParams } from "./lib/params.js";

const connection = await network.getOrCreate();
const { ethers, networkName } = connection;
const chainId = Number((await ethers.provider.getNetwork()).chainId);
const path = process.env.AETHIR_MANIFEST ?? manifestPath(networkName);

const existing = readManifest(networkName, path);
if (existing !== undefined && existing.chainId === chainId) {
  const code = await ethers.provider.getCode(existing.contracts.AethirToken.address);
  if (code !== "0x") {
    console.log(`${networkName} (chain ${chainId}) already has this deployment (token ${existing.contracts.AethirToken.address}, ${path}): nothing to do.`);
    process.exit(0);
  }
}

const [deployer] = await ethers.getSigners();
const params = await resolveParams(ethers, readRawParams(networkName));
console.log(`Deploying the genesis to ${networkName} (chain ${chainId}) from ${deployer.address}, TGE ${params.tgeTimestamp}`);
const log = (line: string) => console.log(`  ${line}`);
const genesis = await deployGenesis(ethers, deployer, params, log, { keepPoolAdmin: true, keepTimelockAdmin: true });
const licensing = await deployLicensing(
  ethers,
  deployer,
  params.licensing,
  { tgeTimestamp: genesis.tgeTimestamp, timelock: genesis.contracts.Timelock.address, guardian: params.guardian },
  log,
  { keepLicenseAdmin: true },
);
const governance = { timelock: genesis.contracts.Timelock.address, guardian: params.guardian };
// staking first: ComputeRewards (deployed with the reward stack) funds HostStaking's streams and draws from the pools
const staking = await deployStaking(ethers, deployer, params.staking, { ...governance, contracts: { ...genesis.contracts, ...licensing.contracts } }, log);
const rewards = await deployRewards(
  ethers,
  deployer,
  params.rewards,
  {
    tgeTimestamp: genesis.tgeTimestamp,
    ...governance,
    contracts: { ...genesis.contracts, ...licensing.contracts, ...staking },
  },
  log,
);
const slashing = await deploySlashing(ethers, deployer, params.staking, { ...governance, contracts: { ...staking, ...rewards } }, log);

// last: the governor counts StakingPools' stATH and every genesis bucket as non-voting, then ends the deployer's roles
const governor = await deployGovernor(ethers, deployer, params.governor, { ...governance, contracts: { ...genesis.contracts, ...staking } }, log);

const manifest = await buildManifest(
  { network: networkName, chainId, deployer: deployer.address },
  genesis,
  { ...licensing, contracts: { ...licensing.contracts, ...rewards, ...staking, ...slashing, ...governor } },
  async (artifact) => (await artifacts.readArtifact(artifact)).abi as unknown[],
);
writeManifest(manifest, path);
console.log(`Wrote ${path}`);
await connection.close();
