// Reads config/deploy-params.json for a network and resolves "signer:N" references and "latest" TGE.
import { readFileSync } from "node:fs";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { GenesisParams } from "./genesis.js";
import type { LicensingParams } from "./licensing.js";
import type { RewardsParams } from "./rewards.js";
import type { StakingParams } from "./staking.js";
import type { GovernorParams } from "./governor.js";

export type DeployParams = GenesisParams & { licensing: LicensingParams; rewards: RewardsParams; staking: StakingParams; governor: GovernorParams };
type RawParams = Omit<DeployParams, "tgeTimestamp"> & { tgeTimestamp: number | "latest" };

export function readRawParams(networkName: string, file = "config/deploy-params.json"): RawParams {
  const all = JSON.parse(readFileSync(file, "utf8")) as Record<string, RawParams>;
  const raw = all[networkName];
  if (raw === undefined) throw new Error(`no deploy parameters for network "${networkName}" in ${file}`);
  return raw;
}

export async function resolveParams(ethers: HardhatEthers, raw: RawParams): Promise<DeployParams> {
  const signers = await ethers.getSigners();
  const resolve = (v: string): string => {
    const m = /^signer:(\d+)$/.exec(v);
    if (m === null) return v;
    const s = signers[Number(m[1])];
    if (s === undefined) throw new Error(`deploy parameters: ${v} but the network has ${signers.length} signers`);
    return s.address;
  };
  const tge = raw.tgeTimestamp === "latest" ? (await ethers.provider.getBlock("latest"))!.timestamp : raw.tgeTimestamp;
  return {
    tgeTimestamp: tge,
    timelock: {
      minDelay: raw.timelock.minDelay,
      proposers: raw.timelock.proposers.map(resolve),
      executors: raw.timelock.executors.map(resolve),
    },
    guardian: resolve(raw.guardian),
    beneficiaries: Object.fromEntries(
      Object.entries(raw.beneficiaries).map(([k, v]) => [k, resolve(v)]),
    ) as GenesisParams["beneficiaries"],
    licensing: {
      ...raw.licensing,
      weth: raw.licensing.weth === "deploy" ? "deploy" : resolve(raw.licensing.weth),
      kycSigners: raw.licensing.kycSigners.map(resolve),
      banAdmins: raw.licensing.banAdmins.map(resolve),
      treasury: raw.licensing.treasury === "timelock" ? "timelock" : resolve(raw.licensing.treasury),
    },
    rewards: { ...raw.rewards, referee: resolve(raw.rewards.referee) },
    staking: { ...raw.staking, slasher: resolve(raw.staking.slasher), keeper: raw.staking.keeper === undefined ? undefined : resolve(raw.staking.keeper) },
    governor: { ...raw.governor },
  };
}
