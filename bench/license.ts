// Checker license gas: buying 1, 10 and 100 licenses in one transaction and delegating 100 in one call, next to
// OpenZeppelin ERC721 / ERC721Enumerable mint loops and ERC721A's batch mint, all in the same run.
import type { NetworkConnection } from "hardhat/types/network";
import type { Contract, ContractTransactionResponse } from "ethers";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../scripts/lib/compliance.js";
import { DEFAULT_TIERS, tierArrays } from "../scripts/lib/sale-config.js";

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}
const fmt = (g: bigint) => g.toLocaleString("en-US");

export async function licenseSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const [admin, guardian, treasury, referrer] = signers;
  const buyers = signers.slice(4, 19);
  let nextBuyer = 0;
  const fresh = () => buyers[nextBuyer++];
  let nextReceiver = 0;
  const freshAddress = () => receivers[nextReceiver++];

  const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
  const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
  // every license receiver holds a valid attestation (docs/decisions.md, "Compliance registry"), as buyers would
  await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), admin.address)).wait();
  const receivers = Array.from({ length: 12 }, () => ethers.Wallet.createRandom().address);
  await attestAccounts(registry, admin, [...buyers.map((b) => b.address), admin.address, signers[18].address, ...receivers], "DE");
  const weth = await ethers.deployContract("WETHMock");
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  // The default price table without per-buyer caps, so that one buyer can take 100 licenses in tier 1.
  const tiers = DEFAULT_TIERS.map((t) => ({ ...t, capPerBuyer: 0 }));
  const sale = await (await ethers.getContractFactory("LicenseSale")).deploy(
    {
      admin: admin.address, guardian: guardian.address, treasury: treasury.address,
      license: await license.getAddress(), weth: await weth.getAddress(),
      whitelistStart: now, publicStart: now, saleEnd: now + 10 ** 8, whitelistRoot: ethers.ZeroHash,
      discountBps: 500, referralRewardBps: 1500,
      // The referral caps at their bounds, so that no measured purchase takes the capped path.
      referralCapPerBuyer: ethers.parseEther("10"), referralCapPerCode: ethers.parseEther("1000"), referralPayoutDelay: 15 * 86_400,
    },
    ...tierArrays(tiers),
  );
  await (await license.grantRole(await license.MINTER_ROLE(), await sale.getAddress())).wait();
  await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
  const code = ethers.encodeBytes32String("BENCH");
  await (await sale.connect(referrer).registerReferralCode(code)).wait();
  // Warm the sale's counters once, as any purchase after the first finds them.
  await (await sale.connect(fresh()).buy(1, ethers.ZeroHash, 0, [], { value: ethers.parseEther("1") })).wait();

  const oz = (await ethers.deployContract("OZERC721Anchor")) as unknown as Contract;
  const ozEnum = (await ethers.deployContract("OZERC721EnumerableAnchor")) as unknown as Contract;
  const a = (await ethers.deployContract("ERC721AAnchor")) as unknown as Contract;
  for (const anchor of [oz, ozEnum, a]) await gas(anchor.mintBatch(admin.address, 1));
  await gas(license.connect(admin).mint(admin.address, 1));

  const rows: string[] = [];
  let ratioAt100 = 0;
  for (const q of [1, 10, 100]) {
    const price = await sale.quote(q);
    const buy = await gas(sale.connect(fresh()).buy(q, ethers.ZeroHash, 0, [], { value: price }));
    const buyReferred = await gas(sale.connect(fresh()).buy(q, code, 0, [], { value: price }));
    const mint = await gas(license.connect(admin).mint(freshAddress(), q));
    const gA = await gas(a.mintBatch(freshAddress(), q));
    const gOz = await gas(oz.mintBatch(freshAddress(), q));
    const gEnum = await gas(ozEnum.mintBatch(freshAddress(), q));
    const per = (g: bigint) => g / BigInt(q);
    if (q === 100) ratioAt100 = Number(per(buy)) / Number(per(gA));
    rows.push(`| ${q} | ${fmt(per(buy))} | ${fmt(per(buyReferred))} | ${fmt(per(mint))} | ${fmt(per(gA))} | ${fmt(per(gOz))} | ${fmt(per(gEnum))} | ${(Number(per(buy)) / Number(per(gA))).toFixed(2)}x | ${(Number(per(buy)) / Number(per(gEnum))).toFixed(2)}x |`);
  }

  // Delegation: one owner with 100 licenses from one purchase delegates them all to an operator.
  const owner = fresh();
  const operator = signers[19];
  const first = await license.nextTokenId();
  await (await sale.connect(owner).buy(100, ethers.ZeroHash, 0, [], { value: await sale.quote(100) })).wait();
  const ids = Array.from({ length: 100 }, (_, i) => first + BigInt(i));
  const expires = BigInt(now + 10 ** 7);
  const batch = await gas(license.connect(owner).setUserBatch(ids, operator.address, expires));
  const single = await gas(license.connect(owner).setUser(first, signers[18].address, expires));
  await gas(a.mintBatch(admin.address, 1)); // a license of the anchor's own, delegated once like ours
  const firstA: bigint = await a.totalSupply();
  const singleA = await gas(a.setUser(firstA, operator.address, expires));

  // Transfers (after the lock): ours, with its ban / lock / compliance / operator checks, vs the anchors. Each
  // moves the 51st license of a 100-license batch its holder got in one transaction, then the first one.
  await (await license.connect(admin).setTransferableAfter(0)).wait();
  const to = signers[18].address;
  const transferMid = await gas(license.connect(owner).transferFrom(owner.address, to, first + 50n));
  const transferFirst = await gas(license.connect(owner).transferFrom(owner.address, to, first));
  const anchorTransfers: Record<string, [bigint, bigint]> = {};
  for (const [name, anchor] of [["ERC721A", a], ["OZ ERC721", oz], ["OZ ERC721Enumerable", ozEnum]] as const) {
    const firstId: bigint = await anchor.nextId();
    await gas(anchor.mintBatch(admin.address, 100));
    anchorTransfers[name] = [
      await gas(anchor.transferFrom(admin.address, to, firstId + 50n)),
      await gas(anchor.transferFrom(admin.address, to, firstId)),
    ];
  }

  return [
    "## Checker licenses: gas per license",
    "",
    "Each row buys (or mints) for a fresh buyer in one transaction; gas is divided by the number of licenses. Ours is",
    "the full `LicenseSale.buy` (tier walk, ledgers, refund path, ERC721A mint) with the default 53-tier prices and no",
    "per-buyer cap; `mint` is `CheckerLicense.mint` called directly by a minter.",
    "",
    "| licenses per tx | ours: buy | ours: buy with referral | ours: mint only | ERC721A batch mint | OZ ERC721 loop | OZ ERC721Enumerable loop | buy / ERC721A | buy / OZ Enumerable |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Goal at 100 licenses per transaction: within 1.5x of ERC721A per license. Measured: **${ratioAt100.toFixed(2)}x** (${ratioAt100 <= 1.5 ? "met" : "not met"}).`,
    "",
    "| delegation (ERC-4907) | gas | per license |",
    "|---|---:|---:|",
    `| ours: \`setUserBatch\` of 100 licenses from one purchase | ${fmt(batch)} | ${fmt(batch / 100n)} |`,
    `| ours: \`setUser\` of one license | ${fmt(single)} | ${fmt(single)} |`,
    `| ERC721A's ERC4907A: \`setUser\` of one license | ${fmt(singleA)} | ${fmt(singleA)} |`,
    "",
    "| transfer of one license (after the lock) | 51st of a 100 batch | 1st of a 100 batch |",
    "|---|---:|---:|",
    `| ours (ban, lock, compliance and operator checks) | ${fmt(transferMid)} | ${fmt(transferFirst)} |`,
    ...Object.entries(anchorTransfers).map(([name, [mid, firstOne]]) => `| ${name} | ${fmt(mid)} | ${fmt(firstOne)} |`),
    "",
    "ERC721A's price for cheap batch mints is paid on the first transfer out of the middle of a batch: `ownerOf` walks",
    "back to the batch's first slot (cold reads), and the next slot is initialized. Ours pays the same, plus the",
    "compliance registry call and clearing the operator's slot.",
    "",
    "On-chain enumeration (ERC721Enumerable) is what the last column of the purchase table and the last transfer row",
    "cost; the indexer serves every owner's licenses instead (docs/decisions.md).",
    "",
  ].join("\n");
}
