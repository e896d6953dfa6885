// ATH token and genesis vesting gas, next to OpenZeppelin's plain ERC20 and Solady's ERC20 / ERC20Votes.
import type { NetworkConnection } from "hardhat/types/network";
import { Signature, type Contract, type ContractTransactionResponse } from "ethers";
import { deployGenesis } from "../scripts/lib/genesis.js";
import { resolveParams, readRawParams } from "../scripts/lib/params.js";
import { executeViaTimelock } from "../scripts/lib/governance.js";
import { MONTH, TOTAL_SUPPLY } from "../scripts/lib/tokenomics.js";

async function gas(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

type Row = { op: string; ath?: bigint; ozPlain?: bigint; solady?: bigint; soladyVotes?: bigint };

const fmt = (g?: bigint) => (g === undefined ? "—" : g.toLocaleString("en-US"));
const ratio = (a?: bigint, b?: bigint) => (a === undefined || b === undefined ? "—" : `${(Number(a) / Number(b)).toFixed(2)}x`);

export async function tokenSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const [deployer, , , , , , airdrop] = signers;
  const [alice, bob, carol, dave] = signers.slice(10, 14);

  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params);
  const ath = await ethers.getContractAt("AethirToken", genesis.contracts.AethirToken.address);

  // Fund alice from the airdrop bucket's TGE step: the path real holders' tokens take.
  const airdropWallet = await ethers.getContractAt("StepVesting", genesis.contracts.AirdropVesting.address);
  await (await airdropWallet["release(address)"](await ath.getAddress())).wait();
  const funds = 1_000_000n * 10n ** 18n;
  await (await ath.connect(airdrop).transfer(alice.address, funds)).wait();

  const ozPlain = await ethers.deployContract("OZPlainERC20", [alice.address, TOTAL_SUPPLY]);
  const solady = await ethers.deployContract("SoladyERC20Anchor", [alice.address, TOTAL_SUPPLY]);
  const soladyVotes = await ethers.deployContract("SoladyVotesAnchor", [alice.address, TOTAL_SUPPLY]);
  const tokens: Record<"ath" | "ozPlain" | "solady" | "soladyVotes", Contract> = {
    ath: ath as unknown as Contract,
    ozPlain: ozPlain as unknown as Contract,
    solady: solady as unknown as Contract,
    soladyVotes: soladyVotes as unknown as Contract,
  };
  const rows: Row[] = [];
  const put = (op: string, key: keyof typeof tokens, g: bigint) => {
    let row = rows.find((r) => r.op === op);
    if (row === undefined) rows.push((row = { op }));
    row[key] = g;
  };
  const amount = 10n ** 18n;
  const chainId = (await ethers.provider.getNetwork()).chainId;

  for (const [key, token] of Object.entries(tokens) as [keyof typeof tokens, Contract][]) {
    const t = token.connect(alice) as Contract;
    // Warm state: bob already holds tokens, so a transfer updates two non-zero balances (the common case).
    await gas(t.transfer(bob.address, amount));
    put("transfer (recipient already holds)", key, await gas(t.transfer(bob.address, amount)));
    put("transfer (new holder)", key, await gas(t.transfer(ethers.Wallet.createRandom().address, amount)));
    await gas(t.approve(carol.address, 100n * amount));
    put("transferFrom (finite allowance)", key, await gas((token.connect(carol) as Contract).transferFrom(alice.address, bob.address, amount)));

    if (key !== "ozPlain") {
      // Second permit of the same owner: the nonce slot is already non-zero, as for any returning user.
      for (let i = 0; i < 2; i++) {
        const nonce: bigint = await t.nonces(alice.address);
        const deadline = 2n ** 40n;
        const domain = { name: await t.name(), version: "1", chainId, verifyingContract: await t.getAddress() };
        const types = { Permit: [
          { name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] };
        const sig = Signature.from(await alice.signTypedData(domain, types, { owner: alice.address, spender: dave.address, value: amount, nonce, deadline }));
        const g = await gas((token.connect(dave) as Contract).permit(alice.address, dave.address, amount, deadline, sig.v, sig.r, sig.s));
        if (i === 1) put("permit (returning owner)", key, g);
      }
    }
    if (key === "ath" || key === "soladyVotes") {
      put("delegate (first time, to self)", key, await gas(t.delegate(alice.address)));
      await gas((token.connect(bob) as Contract).delegate(bob.address));
      put("transfer, both sides delegated", key, await gas(t.transfer(bob.address, amount)));
    }
  }

  // Vesting releases: each bucket's first release at a time when it has something releasable.
  const releaseRows: { bucket: string; when: string; gas: bigint }[] = [];
  const tge = genesis.tgeTimestamp;
  const athAddress = await ath.getAddress();
  const moments: [string, number][] = [
    ["EcosystemVesting", 1], ["TreasuryVesting", 1], ["AirdropVesting", 8 * MONTH],
    ["InvestorVesting", 13 * MONTH], ["TeamVesting", 19 * MONTH], ["AdvisorVesting", 19 * MONTH],
  ];
  for (const [bucket, offset] of moments.sort((a, b) => a[1] - b[1])) {
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    if (now < tge + offset) await connection.networkHelpers.time.increaseTo(tge + offset);
    const wallet = await ethers.getContractAt("LinearVesting", genesis.contracts[bucket].address);
    releaseRows.push({ bucket, when: `TGE + ${Math.round(offset / MONTH)} months`, gas: await gas(wallet["release(address)"](athAddress)) });
  }
  // Reward pools: a draw by a distributor that governance authorized through the timelock.
  const poolRows: { pool: string; gas: bigint }[] = [];
  for (const pool of ["CheckerBaseRewardPool", "CheckerBonusRewardPool", "EdgeRewardPool", "EnterpriseRewardPool"]) {
    const p = await ethers.getContractAt("LinearRewardPool", genesis.contracts[pool].address);
    await executeViaTimelock(genesis.contracts.Timelock.address, deployer, {
      target: await p.getAddress(),
      data: p.interface.encodeFunctionData("grantRole", [await p.DISTRIBUTOR_ROLE(), dave.address]),
    });
    await gas(p.connect(dave).draw(dave.address, amount));
    poolRows.push({ pool, gas: await gas(p.connect(dave).draw(dave.address, amount)) });
  }

  const lines = [
    "## ATH token",
    "",
    "| operation | ATH (ERC20 + Permit + Votes) | OZ ERC20 (plain) | Solady ERC20 | Solady ERC20Votes | ATH / OZ plain | ATH / Solady | ATH / Solady Votes |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.op} | ${fmt(r.ath)} | ${fmt(r.ozPlain)} | ${fmt(r.solady)} | ${fmt(r.soladyVotes)} | ${ratio(r.ath, r.ozPlain)} | ${ratio(r.ath, r.solady)} | ${ratio(r.ath, r.soladyVotes)} |`),
    "",
    "A plain ATH transfer pays for ERC20Votes' delegate lookups even when nobody delegated (two cold `delegates` reads); a",
    "transfer between delegated accounts also writes one checkpoint on each side. Solady reaches its lower numbers with",
    "assembly storage layouts; we keep OpenZeppelin's audited code for a token that holds the whole supply.",
    "",
    "## Genesis vesting: a release of each bucket (the first; for the airdrop, its month-8 step, as its TGE step funded the holders above)",
    "",
    "| bucket | when | gas |",
    "|---|---|---:|",
    ...releaseRows.map((r) => `| ${r.bucket} | ${r.when} | ${fmt(r.gas)} |`),
    "",
    "## Reward pools: a distributor's draw (second draw, counters already non-zero)",
    "",
    "| pool | gas |",
    "|---|---:|",
    ...poolRows.map((r) => `| ${r.pool} | ${fmt(r.gas)} |`),
    "",
  ];
  return lines.join("\n");
}
