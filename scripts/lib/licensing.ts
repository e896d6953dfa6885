// Deploys the checker-license stack of SPEC §3, §4 and §8: the compliance registry, the license NFT and its sale
// (plus a WETH on local chains). The deployer wires the roles, hands every admin role to the timelock and renounces
// its own; `deployLicensing` checks that it holds none at the end.
import { readFileSync } from "node:fs";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract } from "ethers";
import { countryCode, DEFAULT_RESTRICTED } from "./compliance.js";
import { record, type DeployedContract } from "./genesis.js";
import { DEFAULT_REFERRAL, DEFAULT_TIERS, tierArrays } from "./sale-config.js";
import { DAY } from "./tokenomics.js";
import { buildWhitelist, parseWhitelistCsv } from "./whitelist.js";

export interface LicensingParams {
  /** "deploy" (local chains: a WETH9-compatible mock) or the chain's WETH address. */
  weth: string;
  kycSigners: string[];
  banAdmins: string[];
  /** Receives sale proceeds; "timelock" for the DAO. */
  treasury: string;
  transferLockDays: number;
  /** Offsets from TGE, in seconds. */
  sale: { whitelistStart: number; publicStart: number; end: number };
  /** A CSV of address,allocation for the whitelist round (path relative to the repo root), or none. */
  whitelistCsv?: string;
}

export interface LicensingDeployment {
  contracts: Record<string, DeployedContract>;
  whitelistRoot: string;
}

/** Gives the timelock the admin role of `contract` and renounces the deployer's; checks nothing is left. */
export async function handOver(contract: Contract, deployer: string, timelock: string): Promise<void> {
  const admin = await contract.DEFAULT_ADMIN_ROLE();
  await (await contract.grantRole(admin, timelock)).wait();
  await (await contract.renounceRole(admin, deployer)).wait();
  if (await contract.hasRole(admin, deployer)) throw new Error("the deployer still holds an admin role");
}

export async function deployLicensing(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  p: LicensingParams,
  ctx: { tgeTimestamp: number; timelock: string; guardian: string },
  log: (line: string) => void = () => {},
  options: { keepLicenseAdmin?: boolean } = {},
): Promise<LicensingDeployment> {
  const contracts: Record<string, DeployedContract> = {};
  const treasury = p.treasury === "timelock" ? ctx.timelock : p.treasury;

  let weth = p.weth;
  if (p.weth === "deploy") {
    const mock = await (await ethers.getContractFactory("WETHMock", deployer)).deploy();
    contracts.WETH = await record("WETHMock", mock);
    weth = contracts.WETH.address;
    log(`WETH (mock) ${weth}`);
  }

  const registry = (await (await ethers.getContractFactory("ComplianceRegistry", deployer)).deploy(
    deployer.address,
    DEFAULT_RESTRICTED.map(countryCode),
  )) as unknown as Contract;
  contracts.ComplianceRegistry = await record("ComplianceRegistry", registry);
  for (const signer of p.kycSigners) await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), signer)).wait();
  await handOver(registry, deployer.address, ctx.timelock);
  log(`ComplianceRegistry ${contracts.ComplianceRegistry.address}`);

  const license = (await (await ethers.getContractFactory("CheckerLicense", deployer)).deploy(
    deployer.address,
    contracts.ComplianceRegistry.address,
    ctx.tgeTimestamp + p.transferLockDays * DAY,
  )) as unknown as Contract;
  contracts.CheckerLicense = await record("CheckerLicense", license);
  log(`CheckerLicense ${contracts.CheckerLicense.address}`);

  const whitelistRoot = p.whitelistCsv === undefined ? ethers.ZeroHash : buildWhitelist(parseWhitelistCsv(readFileSync(p.whitelistCsv, "utf8"))).root;
  const sale = await (await ethers.getContractFactory("LicenseSale", deployer)).deploy(
    {
      admin: ctx.timelock,
      guardian: ctx.guardian,
      treasury,
      license: contracts.CheckerLicense.address,
      weth,
      whitelistStart: ctx.tgeTimestamp + p.sale.whitelistStart,
      publicStart: ctx.tgeTimestamp + p.sale.publicStart,
      saleEnd: ctx.tgeTimestamp + p.sale.end,
      whitelistRoot,
      discountBps: DEFAULT_REFERRAL.discountBps,
      referralRewardBps: DEFAULT_REFERRAL.rewardBps,
      referralCapPerBuyer: DEFAULT_REFERRAL.capPerBuyer,
      referralCapPerCode: DEFAULT_REFERRAL.capPerCode,
      referralPayoutDelay: DEFAULT_REFERRAL.payoutDelay,
    },
    ...tierArrays(DEFAULT_TIERS),
  );
  contracts.LicenseSale = await record("LicenseSale", sale);
  log(`LicenseSale ${contracts.LicenseSale.address}`);

  await (await license.grantRole(await license.MINTER_ROLE(), contracts.LicenseSale.address)).wait();
  for (const admin of p.banAdmins) await (await license.grantRole(await license.BAN_ROLE(), admin)).wait();
  // With keepLicenseAdmin the deploy script still grants the referee its ban role before handing over.
  if (!options.keepLicenseAdmin) await handOver(license, deployer.address, ctx.timelock);
  return { contracts, whitelistRoot };
}
