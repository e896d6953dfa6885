// Shared fixture of the referee's in-process suites (license-state, referee-intake): a fresh in-process chain with the
// real ComplianceRegistry, CheckerLicense (7 licenses minted to a KYC'd owner), a reward pool and CheckerReferee whose
// TGE is two days ahead, and the two-contract manifest the referee service and the checker daemon read.
import { network } from "hardhat";
import { Wallet, type Provider } from "ethers";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../../scripts/lib/compliance.js";
import type { Manifest } from "../../scripts/lib/manifest.js";

const DAY = 86_400;

export async function refereeFixture() {
  const { ethers, networkHelpers } = await network.create();
  const provider = ethers.provider as unknown as Provider;
  const [admin, referee, guardian, owner] = await ethers.getSigners();
  const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
  const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
  const licenseBlock = (await license.deploymentTransaction()!.wait())!.blockNumber;
  await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
  await (await license.grantRole(await license.BAN_ROLE(), admin.address)).wait();
  await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), admin.address)).wait();
  await attestAccounts(registry, admin, [owner.address], "DE");
  await (await license.mint(owner.address, 7)).wait();
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  const tge = now + 2 * DAY;
  const pool = await ethers.deployContract("LinearRewardPool", [Wallet.createRandom().address, 10n ** 27n, now, 1000, admin.address, guardian.address]);
  const contract = await ethers.deployContract("CheckerReferee", [admin.address, referee.address, guardian.address, await license.getAddress(), await pool.getAddress(), await pool.getAddress(), tge]);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const manifest = {
    network: "test", chainId: Number(chainId), deployer: admin.address, tgeTimestamp: tge, startBlock: licenseBlock, buckets: [],
    contracts: {
      CheckerLicense: { address: await license.getAddress(), abi: JSON.parse(license.interface.formatJson()), blockNumber: licenseBlock },
      CheckerReferee: { address: await contract.getAddress(), abi: JSON.parse(contract.interface.formatJson()), blockNumber: licenseBlock },
    },
  } as unknown as Manifest;
  return {
    ethers,
    networkHelpers,
    provider,
    signers: { admin, referee, guardian, owner },
    license,
    contract,
    chainId,
    tge,
    manifest,
    advance: (t: number) => networkHelpers.time.increaseTo(t),
    banLicense: async (l: number, until: number) => void (await (await license.ban(l, until)).wait()),
    delegate: async (ids: number[], to: string, expires: number) => void (await (await license.connect(owner).setUserBatch(ids, to, expires)).wait()),
  };
}
