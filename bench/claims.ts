// Claim gas with a proof from a 100,000-account tree: ours (RewardClaims, through the full deployment) next to
// Uniswap's MerkleDistributor (its published bytecode, from npm) paying the same token in the same run.
import { createRequire } from "node:module";
import type { NetworkConnection } from "hardhat/types/network";
import { Contract, ContractFactory, Wallet, keccak256, parseEther, solidityPacked, type Signer } from "ethers";
import { SimpleMerkleTree, StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { countryCode, signAttestation } from "../scripts/lib/compliance.js";
import { deployGenesis } from "../scripts/lib/genesis.js";
import { deployLicensing } from "../scripts/lib/licensing.js";
import { readRawParams, resolveParams } from "../scripts/lib/params.js";
import { deployRewards } from "../scripts/lib/rewards.js";
import { DAY } from "../scripts/lib/tokenomics.js";

const require = createRequire(import.meta.url);
const ACCOUNTS = 100_000;
const fmt = (g: bigint) => g.toLocaleString("en-US");

export async function claimsSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [deployer] = signers;
  const params = await resolveParams(ethers, readRawParams("default"));
  const genesis = await deployGenesis(ethers, deployer, params, () => {}, { keepPoolAdmin: true });
  const ctx = { tgeTimestamp: genesis.tgeTimestamp, timelock: genesis.contracts.Timelock.address, guardian: params.guardian };
  const licensing = await deployLicensing(ethers, deployer, params.licensing, ctx, () => {}, { keepLicenseAdmin: true });
  const rewards = await deployRewards(ethers, deployer, params.rewards, { ...ctx, contracts: { ...genesis.contracts, ...licensing.contracts } });
  const token = await ethers.getContractAt("AethirToken", genesis.contracts.AethirToken.address);
  const claimers = signers.slice(10, 14);

  // 100,000 leaves; the measured claimers are among them, everyone else gets 1 ATH.
  const others = Array.from({ length: ACCOUNTS - claimers.length }, (_, i) => new Wallet(keccak256(solidityPacked(["string", "uint256"], ["bench", i]))).address);
  const amounts = new Map<string, bigint>([...claimers.map((c) => [c.address, parseEther("100")] as [string, bigint]), ...others.map((a) => [a, parseEther("1")] as [string, bigint])]);
  const entries = [...amounts.entries()];

  // Ours: the referee posts the root of epoch 0, the window passes, anyone syncs it, KYC'd claimers claim. Then the
  // root of epoch 1 raises every measured claimer's leaf and they claim again (their second entry opens a new slot).
  const registry = await ethers.getContractAt("ComplianceRegistry", licensing.contracts.ComplianceRegistry.address);
  const chainId = (await ethers.provider.getNetwork()).chainId;
  for (const c of claimers) {
    const t = (await ethers.provider.getBlock("latest"))!.timestamp;
    const a = { account: c.address, country: "DE", expiry: t + 400 * DAY, nonce: 0, deadline: t + 3600 };
    await (await registry.attest(c.address, countryCode("DE"), a.expiry, a.deadline, await signAttestation(signers[7], await registry.getAddress(), chainId, a))).wait();
  }
  const referee = await ethers.getContractAt("CheckerReferee", rewards.CheckerReferee.address);
  const claims = await ethers.getContractAt("RewardClaims", rewards.RewardClaims.address);
  const rounds: { claim: bigint[]; sync: bigint }[] = [];
  let ours = StandardMerkleTree.of([[claimers[0].address, "0"]], ["address", "uint256"]);
  for (const epoch of [0, 1]) {
    const leafOf = (n: bigint) => n * BigInt(epoch + 1);
    ours = StandardMerkleTree.of(entries.map(([a, n]) => [a, leafOf(n).toString()]), ["address", "uint256"]);
    const total = entries.reduce((s, [, n]) => s + leafOf(n), 0n);
    await networkHelpers.time.increaseTo(genesis.tgeTimestamp + (epoch + 1) * DAY + (epoch === 0 ? 0 : DAY + 1));
    await (await referee.connect(signers[9]).postRoot(epoch, ours.root, total, "")).wait();
    await networkHelpers.time.increase(DAY + 1);
    const sync = (await (await claims.sync()).wait())!.gasUsed;
    const proofOf = (who: string) => {
      for (const [i, [a]] of ours.entries()) if (a === who) return ours.getProof(i);
      throw new Error("missing leaf");
    };
    const gas: bigint[] = [];
    for (const [i, c] of claimers.entries()) {
      const tx = await claims.connect(c).claim(leafOf(parseEther("100")), proofOf(c.address), i % 2);
      gas.push((await tx.wait())!.gasUsed);
    }
    rounds.push({ claim: gas, sync });
  }
  const settle = (await (await claims.settle()).wait())!.gasUsed;
  const ourGas = rounds.flatMap((r) => r.claim);

  // Uniswap's MerkleDistributor: leaves keccak256(index, account, amount), sorted-pair tree, funded with ATH.
  const leafHashes = entries.map(([a, n], i) => keccak256(solidityPacked(["uint256", "address", "uint256"], [i, a, n])));
  const uni = SimpleMerkleTree.of(leafHashes);
  const artifact = require("@uniswap/merkle-distributor/build/MerkleDistributor.json") as { abi: never; bytecode: string };
  const distributor = (await new ContractFactory(artifact.abi, artifact.bytecode, deployer as unknown as Signer).deploy(await token.getAddress(), uni.root)) as unknown as Contract;
  const airdrop = await ethers.getContractAt("StepVesting", genesis.contracts.AirdropVesting.address);
  await (await airdrop["release(address)"](await token.getAddress())).wait();
  const uniTotal = entries.reduce((s, [, n]) => s + n, 0n);
  await (await token.connect(signers[6]).transfer(await distributor.getAddress(), uniTotal)).wait();
  const uniGas: bigint[] = [];
  for (const [i, c] of claimers.entries()) {
    const proof = uni.getProof(leafHashes[i]);
    const tx = await (distributor.connect(c) as Contract).claim(i, c.address, parseEther("100"), proof);
    uniGas.push((await tx.wait())!.gasUsed);
  }

  const depth = ours.getProof(0).length;
  const min = ourGas.reduce((a, b) => (a < b ? a : b));
  const max = ourGas.reduce((a, b) => (a > b ? a : b));
  const row = (round: number, i: number) => {
    const g = rounds[round].claim[i];
    return `| ${i + 1} | ${round === 0 ? "first (entry 0)" : "second (entry 1, new slot)"} | ${i % 2 === 0 ? "180 days" : "30 days, 25%"} | ${fmt(g)} | ${fmt(uniGas[i])} | ${(Number(g) / Number(uniGas[i])).toFixed(2)}x |`;
  };
  return [
    `## Claims: one claim with a proof from a ${ACCOUNTS.toLocaleString("en-US")}-account tree`,
    "",
    `Both trees have ${ACCOUNTS.toLocaleString("en-US")} leaves (proofs of ${depth} hashes); both pay ATH. Ours checks the claimer's KYC`,
    "(a call to the compliance registry), verifies the proof against the synced final root, caps the claim by what was",
    "drawn for the root, books the 5 ATH fee and the option's return, and writes a vesting entry; Uniswap's distributor",
    "sets a bit and transfers. Our token movements happen in bulk: `sync` draws a final root's new total from the",
    "checker pools once, `settle` pays the fees owed to the treasury and the returns owed to the pool; their gas is",
    "shown below and is paid once per epoch, not per claim.",
    "",
    "| claimer | claim | ours: option | ours: `claim` gas | Uniswap MerkleDistributor `claim` gas | ours / Uniswap |",
    "|---:|---|---|---:|---:|---:|",
    ...claimers.map((_, i) => row(0, i)),
    ...claimers.map((_, i) => row(1, i)),
    "",
    `Once per epoch: \`sync\` ${fmt(rounds[0].sync)} gas (first) and ${fmt(rounds[1].sync)} gas (next, with settlement of the first round); \`settle\` ${fmt(settle)} gas.`,
    "",
    `Goal: at most 90,000 gas per claim. Measured: **${fmt(min)} to ${fmt(max)}** — ${max <= 90_000n ? "met" : "not met"}.`,
    "The first claim writes one fresh slot (the account's state with its entry 0 packed in); a second claim writes the",
    "account slot again plus a fresh slot that will hold entries 1 and 2; a third only fills that slot's other half.",
    "",
  ].join("\n");
}
