// CheckerReferee.proveJob gas for N = 1, 2, 3 (3, 5 and 7 signed results), and per verified result.
import type { NetworkConnection } from "hardhat/types/network";
import { encodeBytes32String, id } from "ethers";
import { countryCode, DEFAULT_RESTRICTED } from "../scripts/lib/compliance.js";
import { jobProof, refereeDomain, signResult, Verdict } from "../scripts/lib/check-results.js";

const fmt = (g: bigint) => g.toLocaleString("en-US");

export async function refereeSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const [admin, referee, guardian, owner] = signers;
  const operators = signers.slice(4, 11);
  const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
  const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
  await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
  await (await license.mint(owner.address, 7)).wait();
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  await (await license.connect(owner).setUserBatch([1, 2, 3, 4, 5, 6, 7], operators[0].address, now + 10 ** 8)).wait();
  for (let i = 1; i <= 7; i++) await (await license.connect(owner).setUser(i, operators[i - 1].address, now + 10 ** 8)).wait();
  // Pools only bound roots; any contract with `unlockedAt` would do, so the license stands in.
  const token = ethers.Wallet.createRandom().address;
  const pool = await ethers.deployContract("LinearRewardPool", [token, 10n ** 27n, now, 1000, admin.address, guardian.address]);
  const contract = await ethers.deployContract("CheckerReferee", [admin.address, referee.address, guardian.address, await license.getAddress(), await pool.getAddress(), await pool.getAddress(), now]);
  const domain = refereeDomain(await contract.getAddress(), (await ethers.provider.getNetwork()).chainId);

  const rows: string[] = [];
  const gasByN: bigint[] = [];
  let perResultAt2 = 0n;
  for (const n of [1, 2, 3]) {
    await (await contract.setN(n)).wait();
    const count = 2 * n + 1;
    const jobId = id(`bench-job-${n}`);
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        signResult(operators[i], domain, {
          jobId, container: encodeBytes32String("container"), epoch: 1n, licenseId: BigInt(i + 1),
          verdict: i % 3 === 0 ? Verdict.Fail : Verdict.Pass, metricsHash: id(`m${i}`),
        }),
      ),
    );
    const gas = (await (await contract.proveJob(...jobProof(results))).wait())!.gasUsed;
    const perResult = (gas - 21_000n) / BigInt(count);
    if (n === 2) perResultAt2 = perResult;
    gasByN.push(gas);
    const marginal = n === 1 ? "—" : fmt((gas - gasByN[n - 2]) / 2n);
    rows.push(`| ${n} | ${count} | ${fmt(gas)} | ${fmt(perResult)} | ${marginal} |`);
  }
  return [
    "## Referee: proving a job on chain",
    "",
    "Each result is an EIP-712 signature (EIP-2098 compact) checked with `ecrecover`, its license's current operator and",
    "ban read in one call; the job's fields are sent once and one `JobProven` event lists every license and vote.",
    "Per result = (gas - 21,000) / results: the job's fixed costs (the 22,100-gas first write of its verdict, the",
    "event) are spread over the results.",
    "",
    "| N | results (2N+1) | `proveJob` gas | gas per result | each additional result |",
    "|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Goal: at most 12,000 gas per result for N = 2. Measured: **${fmt(perResultAt2)}** (${perResultAt2 <= 12_000n ? "met" : "not met"}).`,
    "Each additional result costs about 11,000 (ecrecover, one cold slot read in the license, 160 bytes of calldata);",
    "what keeps the average above 12,000 at N = 2 is the job's fixed part, chiefly the 22,100-gas first write of the",
    "proven verdict, which slashing (SPEC §7) must be able to read on chain. Packing verdicts of sequential job ids into",
    "shared slots would amortize that write; it needs a job-numbering scheme from the referee service (issue 4).",
    "",
  ].join("\n");
}
