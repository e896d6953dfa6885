// CheckerReferee.proveJob gas for N = 1, 2, 3 against a committed assignment of a 400,000-job epoch (a proof of 19
// nodes): for the first job of a verdict word and a later one, with all 2N + 1 results and with N + 1, Pass and Fail;
// the calldata of each transaction and an estimate of its Arbitrum L1 data cost.
import { constants, brotliCompressSync } from "node:zlib";
import type { NetworkConnection } from "hardhat/types/network";
import { AbiCoder, Transaction, encodeBytes32String, getBytes, id, keccak256 } from "ethers";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { attestAccounts, countryCode, DEFAULT_RESTRICTED } from "../scripts/lib/compliance.js";
import { jobProof, refereeDomain, signResult, Verdict, type JobLeaf, type SignedResult } from "../scripts/lib/check-results.js";
import { leafHash } from "../scripts/referee/assignment.js";

const fmt = (g: bigint | number) => g.toLocaleString("en-US");
/** The jobs of an epoch of 100,000 licenses (20 jobs each, 5 results a job): a tree of depth 19. */
const JOB_COUNT = 400_000;
/** Arbitrum L1 data estimate: ArbOS charges 16 units per byte of the signed transaction compressed with brotli
 * (arbos/l1pricing: `getPosterUnitsWithoutCache`), at the chain's compression level; units are priced at ArbOS's
 * L1 price per unit, which follows what the batch poster pays (blob or calldata). Assumed here: brotli quality 1,
 * 1 gwei per unit (an L1 calldata price of 1 gwei; blobs are usually far cheaper), ETH at $3,000. */
const BROTLI_QUALITY = 1;
const L1_PRICE_GWEI = 1;
const ETH_USD = 3_000;

/** A positional tree (leaf j at position j, zero leaves up to a power of two, parent = keccak256(left ‖ right)), as
 * scripts/referee/assignment.ts builds it, over given leaf hashes. */
function positionalTree(leaves: Uint8Array[]) {
  const levels: Uint8Array[][] = [leaves];
  const zeros: Uint8Array[] = [new Uint8Array(32)];
  const pair = new Uint8Array(64);
  const hash = (a: Uint8Array, b: Uint8Array) => (pair.set(a), pair.set(b, 32), keccak_256(pair));
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const zero = zeros[zeros.length - 1];
    const up: Uint8Array[] = new Array(Math.ceil(below.length / 2));
    for (let i = 0; i < up.length; i++) up[i] = hash(below[2 * i], below[2 * i + 1] ?? zero);
    levels.push(up);
    zeros.push(hash(zero, zero));
  }
  const hex = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");
  const depth = levels.length - 1;
  return { root: hex(levels[depth][0]), depth, proof: (j: number) => levels.slice(0, depth).map((level, l) => hex(level[(j >> l) ^ 1] ?? zeros[l])) };
}

interface Row {
  n: number;
  place: "first" | "later";
  results: number;
  verdict: Verdict;
  secondFail?: boolean;
  gas: bigint;
  perResult: bigint;
  calldata: number;
  zeros: number;
  signedTx: number;
  compressed: number;
  hash: string;
}

export async function refereeSection(connection: NetworkConnection<"generic">): Promise<string> {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  const [admin, referee, guardian, owner] = signers;
  const operators = signers.slice(4, 11);
  const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
  const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), 0]);
  await (await license.grantRole(await license.MINTER_ROLE(), admin.address)).wait();
  // a license's receiver needs a valid attestation (docs/decisions.md, "Compliance registry")
  await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), admin.address)).wait();
  await attestAccounts(registry, admin, [owner.address], "DE");
  await (await license.mint(owner.address, 7)).wait();
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;
  // Licenses 1 to 7, each delegated to its own operator: the operators committed in the leaves (proveJob does not
  // read the license contract; the delegation is what the assignment algorithm froze).
  for (let i = 1; i <= 7; i++) await (await license.connect(owner).setUser(i, operators[i - 1].address, now + 10 ** 8)).wait();
  const token = ethers.Wallet.createRandom().address;
  const pool = await ethers.deployContract("LinearRewardPool", [token, 10n ** 27n, now, 1000, admin.address, guardian.address]);
  const contract = await ethers.deployContract("CheckerReferee", [admin.address, referee.address, guardian.address, await license.getAddress(), await pool.getAddress(), await pool.getAddress(), now]);
  const asReferee = contract.connect(referee);
  const domain = refereeDomain(await contract.getAddress(), (await ethers.provider.getNetwork()).chainId);
  const secret = (epoch: number) => id(`bench-secret-${epoch}`);
  // One epoch per N (N is fixed per epoch when its assignment is posted); every seed committed before its cut-off.
  for (const epoch of [1, 2, 3, 4]) {
    await (await asReferee.commitSeed(epoch, keccak256(AbiCoder.defaultAbiCoder().encode(["uint64", "bytes32"], [epoch, secret(epoch)])))).wait();
  }
  // The other leaves of the 400,000: any distinct hashes (only the proof's length and the benched leaves matter).
  const filler: Uint8Array[] = Array.from({ length: JOB_COUNT }, (_, j) => keccak_256(new TextEncoder().encode(`filler leaf ${j}`)));

  const rows: Row[] = [];
  let depth = 0;
  for (const n of [1, 2, 3]) {
    const epoch = n;
    const quorum = 2 * n + 1;
    // Word w holds jobs 128w to 128w + 127: job 128w is proven first (its word is zero: a 22,100 write), then job
    // 128w + 1 (a 5,000 write). Words 0 to 3: all results Pass, all results Fail, N + 1 Pass, N + 1 Fail. Each job has
    // its own container, so a Fail is its container's first in the epoch (a fresh count slot), except job 130, a
    // second Fail of job 129's container.
    const cases: { job: number; place: Row["place"]; results: number; verdict: Verdict; container: string; secondFail?: boolean }[] = [];
    [[quorum, Verdict.Pass], [quorum, Verdict.Fail], [n + 1, Verdict.Pass], [n + 1, Verdict.Fail]].forEach(([results, verdict], w) => {
      for (const place of ["first", "later"] as const) {
        const job = 128 * w + (place === "first" ? 0 : 1);
        cases.push({ job, place, results, verdict, container: encodeBytes32String(`container-${job}`) });
      }
    });
    cases.push({ job: 130, place: "later", results: quorum, verdict: Verdict.Fail, container: encodeBytes32String("container-129"), secondFail: true });
    const leaves = new Map<number, JobLeaf>();
    const hashes = filler.slice();
    for (const c of cases) {
      const licenseIds = Array.from({ length: quorum }, (_, i) => i + 1);
      const leaf: JobLeaf = { epoch, job: c.job, container: c.container, licenseIds, operators: licenseIds.map((l) => operators[l - 1].address) };
      leaves.set(c.job, leaf);
      hashes[c.job] = leafHash(leaf);
    }
    const tree = positionalTree(hashes);
    depth = tree.depth;
    const sample = leaves.get(0)!;
    if ((await contract.leafHash(sample)) !== "0x" + Buffer.from(hashes[0]).toString("hex")) throw new Error("leaf hash differs from CheckerReferee.leafHash");

    // The seed and the assignment: anchored after the cut-off, revealed in the next block, posted before the epoch
    // starts, final after the assignment window.
    await networkHelpers.time.increaseTo(await contract.cutoffOf(epoch));
    await (await contract.anchorSeed(epoch)).wait();
    await (await contract.revealSeed(epoch, secret(epoch))).wait();
    await (await contract.setN(n)).wait();
    await (await asReferee.postAssignment(epoch, tree.root, JOB_COUNT, "bench://assignment")).wait();
    await networkHelpers.time.increaseTo((await contract.assignmentOf(epoch)).finalAt);

    for (const c of cases) {
      const leaf = leaves.get(c.job)!;
      const results: SignedResult[] = [];
      for (let i = 0; i < c.results; i++) {
        results.push(await signResult(operators[i], domain, { epoch: BigInt(epoch), job: c.job, container: c.container, licenseId: BigInt(leaf.licenseIds[i]), verdict: c.verdict, metricsHash: id(`m${epoch}/${c.job}/${i}`) }));
      }
      const tx = await contract.proveJob(...jobProof(leaf, tree.proof(c.job), results));
      const receipt = (await tx.wait())!;
      const data = getBytes(tx.data);
      const signed = getBytes(Transaction.from(tx).serialized);
      const compressed = brotliCompressSync(signed, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }).length;
      rows.push({
        n, place: c.place, results: c.results, verdict: c.verdict, secondFail: c.secondFail, gas: receipt.gasUsed,
        perResult: (receipt.gasUsed - 21_000n) / BigInt(c.results), calldata: data.length, zeros: data.filter((b) => b === 0).length,
        signedTx: signed.length, compressed, hash: tx.hash,
      });
    }
    if ((await contract.failedJobs(encodeBytes32String("container-129"), epoch)) !== 2n) throw new Error("job 130's Fail was not counted");
  }

  const find = (n: number, place: Row["place"], results: "all" | "n+1", verdict: Verdict) =>
    rows.find((r) => r.n === n && r.place === place && r.results === (results === "all" ? 2 * n + 1 : n + 1) && r.verdict === verdict && !r.secondFail)!;
  const usd = (units: number) => (units * L1_PRICE_GWEI * 1e-9 * ETH_USD).toFixed(4);
  const line = (r: Row) => {
    const before = r.place === "first" && r.results === 2 * r.n + 1 && r.verdict === Verdict.Pass ? fmt(BEFORE[r.n - 1].perResult) : "—";
    const what = `${r.place === "first" ? "first in word" : "later in word"}${r.secondFail ? ", container's 2nd Fail" : ""}`;
    return `| ${r.n} | ${what} | ${r.results === 2 * r.n + 1 ? `all ${r.results}` : `N+1 = ${r.results}`} | ${r.verdict === Verdict.Pass ? "Pass" : "Fail"} | ${fmt(r.gas)} | **${fmt(r.perResult)}** | ${before} | ${fmt(r.calldata)} (${fmt(r.zeros)} zero) | ${fmt(r.compressed)} | ${fmt(16 * r.compressed)} | $${usd(16 * r.compressed)} |`;
  };
  const ordered = [...rows].sort((a, b) => a.n - b.n || (a.verdict - b.verdict) || (b.results - a.results) || (a.place === b.place ? 0 : a.place === "first" ? -1 : 1) || (a.secondFail ? 1 : -1));
  const goalRow = find(2, "later", "all", Verdict.Pass);
  const firstRow = find(2, "first", "all", Verdict.Pass);
  // What the depth costs: jobs 0 and 1 (N = 2, 5 Pass results) of a 2-job epoch, a proof of one node.
  const shallow: bigint[] = [];
  {
    const epoch = 4;
    const leaves = [0, 1].map((job): JobLeaf => ({ epoch, job, container: encodeBytes32String(`container-${job}`), licenseIds: [1, 2, 3, 4, 5], operators: operators.slice(0, 5).map((o) => o.address) }));
    const tree = positionalTree(leaves.map(leafHash));
    await networkHelpers.time.increaseTo(await contract.cutoffOf(epoch));
    await (await contract.anchorSeed(epoch)).wait();
    await (await contract.revealSeed(epoch, secret(epoch))).wait();
    await (await contract.setN(2)).wait();
    await (await asReferee.postAssignment(epoch, tree.root, leaves.length, "bench://assignment")).wait();
    await networkHelpers.time.increaseTo((await contract.assignmentOf(epoch)).finalAt);
    for (const leaf of leaves) {
      const results = await Promise.all(leaf.licenseIds.map((licenseId, i) => signResult(operators[i], domain, { epoch: BigInt(epoch), job: leaf.job, container: leaf.container, licenseId: BigInt(licenseId), verdict: Verdict.Pass, metricsHash: id(`m${epoch}/${leaf.job}/${i}`) })));
      shallow.push((await (await contract.proveJob(...jobProof(leaf, tree.proof(leaf.job), results))).wait())!.gasUsed);
    }
  }
  const profile = await opcodeProfile(ethers.provider, goalRow.hash);
  const later = floor(goalRow, "later");
  const first = floor(firstRow, "first");
  const code = (f: { gas: bigint }[]) => f[f.length - 1].gas;
  const priced = (f: { gas: bigint }[]) => f.slice(0, -1).reduce((a, x) => a + x.gas, 0n);
  const met = goalRow.perResult <= 12_000n;
  const per = (g: bigint) => fmt(g / 5n);
  const failFirst = find(2, "later", "all", Verdict.Fail).gas - goalRow.gas;
  const failNext = rows.find((r) => r.n === 2 && r.secondFail)!.gas - goalRow.gas;
  const shortfall = met ? 0n : (goalRow.perResult - 12_000n) * 5n;
  // a proof node: measured against the 1-node proof of the same job shape; priced part: 32 calldata bytes and a hash
  const node = (goalRow.gas - shallow[1]) / BigInt(depth - 1);
  const nodePriced = 16n * 32n + 42n;
  // a result: from N = 1 to N = 3 (4 more results), later in word, all Pass
  const [low, high] = [find(1, "later", "all", Verdict.Pass), find(3, "later", "all", Verdict.Pass)];
  const perVote = (high.gas - low.gas) / 4n;
  const voteBytes = BigInt(high.calldata - low.calldata) / 4n;
  const voteZeros = BigInt(high.zeros - low.zeros) / 4n;
  const perVotePriced = voteZeros * 4n + (voteBytes - voteZeros) * 16n + 3_100n + 120n + 12n + 256n;
  const stackAndJumps = profile.filter((c) => c.name.startsWith("stack") || c.name.startsWith("control")).reduce((a, c) => a + c.gas, 0);
  // batching k jobs of one word: each job after the first shares 12 proof nodes, the assignment's reads (4,200 -> 200
  // warm) and the verdict word (5,000 -> 200: a warm read and a write to a dirty slot)
  const batchSaving = 12n * node + 4_000n + 4_800n;
  const batched = [2n, 3n, 4n].map((k) => [k, (k * (goalRow.gas - 21_000n) - (k - 1n) * batchSaving) / (5n * k)] as const);
  return [
    "## Referee: proving a job on chain",
    "",
    "A job is proven against its epoch's committed assignment: `proveJob(leaf, votes, proof)` sends the job's leaf (epoch,",
    "job number, container, its 2N+1 licenses and their committed operators), one vote per license (verdict, metrics hash",
    "and an EIP-2098 compact signature; verdict None and zero words for a license without a result) and the leaf's",
    `positional Merkle proof. Here the epoch has ${fmt(JOB_COUNT)} jobs (100,000 licenses x 20 jobs / 5), so the proof has`,
    `${depth} nodes; the benched jobs are real leaves of the posted tree, its other leaves distinct filler hashes. The`,
    "contract reads the assignment (two cold slots), hashes the leaf and the proof, recovers each result's signer with the",
    "`ecrecover` precompile and compares it with the committed operator (the license contract is not called), writes the",
    "verdict in 2 bits of a word shared by 128 jobs, counts a Fail for its container, and emits `JobProven`.",
    "Per result = (gas - 21,000) / results given. A job first in its verdict word writes a zero word (22,100 gas); a later",
    "job of the word writes a non-zero one (5,000). \"Before\" is the previous version (job ids hashed, one fresh verdict",
    "slot per job, the license contract called for the current operators, every job with 2N+1 results, no proof).",
    "",
    "| N | job | results | verdict | `proveJob` gas | gas per result | before | calldata bytes | brotli bytes (signed tx) | L1 units (16 x brotli) | L1 cost |",
    "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...ordered.map(line),
    "",
    `Previous version, whole transactions: ${BEFORE.map((b, i) => `N = ${i + 1}: ${fmt(b.gas)} gas, ${fmt(b.perResult)} per result`).join("; ")}.`,
    "",
    `L1 data: ArbOS charges each transaction 16 units per byte of the signed transaction compressed with brotli`,
    `(arbos/l1pricing, \`getPosterUnitsWithoutCache\`), priced at its L1 price per unit; estimated here with brotli quality`,
    `${BROTLI_QUALITY} on the transaction as signed on this chain, ${L1_PRICE_GWEI} gwei a unit (L1 calldata at ${L1_PRICE_GWEI} gwei; blob data is usually far`,
    `cheaper) and ETH at $${fmt(ETH_USD)}. The signatures, metrics hashes, operators and proof nodes are random bytes that brotli`,
    "cannot shrink; it mostly removes the zero padding of the ABI words, so the units stay close to 16 per non-zero byte.",
    "",
    `A Fail costs ${fmt(failFirst)} gas more than a Pass when it is its container's first proven Fail of the epoch (the count's key`,
    `hashed, its slot read cold and written from zero), ${fmt(failNext)} more for a later one (the slot is non-zero). With N + 1 results`,
    `the silent licenses' votes are 4 zero words each (512 gas of calldata) and their ecrecover is skipped: the job costs less`,
    `(${fmt(goalRow.gas - find(2, "later", "n+1", Verdict.Pass).gas)} gas less at N = 2), its results more each, the job's costs being shared by fewer.`,
    "",
    `Goal: at most 12,000 gas per result for N = 2 for a later job in a word. Measured: **${fmt(goalRow.perResult)}**`,
    `(${met ? "met" : `not met, by ${fmt(goalRow.perResult - 12_000n)} a result, ${fmt((goalRow.perResult - 12_000n) * 5n)} gas a job`}); the first job of a word: ${fmt(firstRow.perResult)} (16,231 before).`,
    "Where the gas of the N = 2 transactions with 5 Pass results goes; every row but the last is priced by the EVM",
    "(Cancun) for what the checks must do, whatever the code:",
    "",
    "| item | later in word | first in word | before (every job a first write) |",
    "|---|---:|---:|---:|",
    ...later.map((f, i) => `| ${f.item} | ${f.gas ? fmt(f.gas) : "—"} | ${first[i].gas ? fmt(first[i].gas) : "—"} | ${first[i].before === null ? "—" : fmt(first[i].before!)} |`),
    `| **total** | **${fmt(goalRow.gas)}** | **${fmt(firstRow.gas)}** | **${fmt(BEFORE[1].gas)}** |`,
    `| per result | **${fmt(goalRow.perResult)}** | **${fmt(firstRow.perResult)}** | **${fmt(BEFORE[1].perResult)}** |`,
    "",
    `The transaction's execution (${fmt(BigInt(profile.reduce((a, c) => a + c.gas, 0)))} gas: all but the base and the calldata), step by step from its trace`,
    `(\`debug_traceTransaction\`, ${fmt(profile.reduce((a, c) => a + c.steps, 0))} opcodes), by class:`,
    "",
    "| opcodes | executed | gas |",
    "|---|---:|---:|",
    ...profile.map((c) => `| ${c.name} | ${fmt(c.steps)} | ${fmt(c.gas)} |`),
    "",
    `The priced items come to ${fmt(priced(later))} gas for a later job, ${per(priced(later) - 21_000n)} per result: the goal (${fmt(81_000n)} gas) leaves the`,
    `code ${fmt(81_000n - priced(later))} gas, and it takes ${fmt(code(later))}. Measured apart: each of the ${depth} proof nodes costs ${fmt(node)} gas (the same job in a`,
    `2-job epoch, a proof of 1 node: ${fmt(shallow[1])} gas), so the 400,000-job tree's proof costs ${fmt(node * BigInt(depth))} gas, ${fmt((node * BigInt(depth)) / 5n)} a result;`,
    `each result costs ${fmt(perVote)} (N = 1 to 3, later in word, all Pass), of which ${fmt(perVotePriced)} priced (its ${fmt(voteBytes)} calldata bytes, ecrecover, its`,
    `two hashes, its event word) and ${fmt(perVote - perVotePriced)} code (calldata access with bounds checks, the license and operator copied into the leaf's`,
    "and the event's encoding, the tally). The rest of the code, about " + fmt(code(later) - 5n * (perVote - perVotePriced) - BigInt(depth) * (node - nodePriced)) + " gas, is dispatch, decoding the three dynamic",
    "arguments and the assignment struct, and the mapping keys.",
    "",
    ...(met ? [] : [
      `Not met, by ${fmt(shortfall)} gas a job. Item by item, against the ${fmt(81_000n)} of the goal:`,
      `- the proof: ${fmt(node * BigInt(depth))} gas, as much as the shortfall by itself (${depth} random 32-byte nodes: ${fmt(16n * 32n * BigInt(depth))} of calldata, ${fmt(42n * BigInt(depth))} of hashing, the rest code);`,
      "- the results: 5 x 3,100 for ecrecover and 5 x 4 words of calldata (signature and metrics hash are 96 random bytes, 1,536",
      "  gas each) are the design's; the leaf's operators are 5 more words of 20 random bytes (1,840 gas);",
      "- the job: 4,200 for the assignment's two cold slots, 5,000 for the verdict word, the event's 4,691;",
      `- the code: ${fmt(code(later))}, of which the trace's stack and jump opcodes alone are ${fmt(BigInt(stackAndJumps))}.`,
      "",
      "Levers (contract or algorithm changes, not made here), with what each saves a job at N = 2:",
      `- prove several jobs in one transaction (\`proveJobs\`) against one multiproof, and deal a container's jobs to consecutive`,
      "  numbers (assignment algorithm version 2: job j checks container floor(j x C / jobs) instead of j mod C, so the ~16 jobs",
      "  of a container share one or two verdict words). The k = 3 Fail jobs a slash needs then share the 12 proof nodes above",
      `  their word (more when the jobs are neighbours), the assignment's two reads and the verdict word's write: about`,
      `  ${fmt(batchSaving)} gas for each job after the first, so per result ${batched.map(([k, g]) => `${fmt(g)} for ${k} jobs`).join(", ")} (from the measured`,
      `  later-in-word job; a container's Fail count is shared too, 4,800 gas more for each Fail after the first);`,
      "- hash the leaf with the recovered signers instead of sending the operators (a result's signer must be its committed",
      "  operator; only silent licenses' operators are sent): about 2,000 gas (5 words of calldata and the comparisons);",
      "- emit the leaf hash instead of the license ids in `JobProven` (the indexer reads them from the assignment file): 6 data",
      "  words fewer, about 1,800 gas with their encoding;",
      "- send the verdicts as one 2-bit-per-license word instead of a word per vote: about 600 gas of calldata;",
      "- decode the leaf and the votes by hand (assembly, no per-access bounds checks): part of the code's share; with the",
      `  three levers above it would have to save ${fmt(shortfall > 4_400n ? shortfall - 4_400n : 0n)} gas to reach the goal with one job a transaction.`,
    ]),
    "",
  ].join("\n");

  /** Gas of one N = 2 proof by item (EVM prices, Cancun), the last row being what the contract code adds. */
  function floor(r: Row, place: "first" | "later"): { item: string; gas: bigint; before: bigint | null }[] {
    const zeros = BigInt(r.zeros);
    const c = BigInt(r.results);
    const k = BigInt(2 * r.n + 1);
    const word = (bytes: bigint) => 30n + 6n * ((bytes + 31n) / 32n);
    const items = [
      { item: "transaction base", gas: 21_000n, before: 21_000n },
      { item: `calldata (${fmt(r.calldata)} bytes, ${fmt(zeros)} zero: 4 gas a zero byte, 16 a non-zero one; before: 964 bytes, 427 zero)`, gas: zeros * 4n + (BigInt(r.calldata) - zeros) * 16n, before: 10_300n },
      { item: "the assignment: 2 cold reads (root; count, n, depth, final time); before: `n`, 1 cold read", gas: 4_200n, before: 2_100n },
      { item: "the verdict word: cold read and write (later in word: of a non-zero word; first: of a zero word; before: a fresh slot a job)", gas: place === "first" ? 22_100n : 5_000n, before: place === "first" ? 22_100n : null },
      { item: "the license contract: first call (cold account); now not called", gas: 0n, before: 2_600n },
      { item: "the licenses' operator-and-ban slots: 5 cold reads; now in the leaf", gas: 0n, before: 10_500n },
      { item: `${c} x ecrecover precompile (3,000 + 100 for the call)`, gas: c * 3_100n, before: 15_500n },
      { item: `keccak: the leaf (${7n + 2n * k} words, then 1), ${depth} proof nodes, 2 per vote (7 words, 66 bytes); before: in the code's share`, gas: word(32n * (7n + 2n * k)) + word(32n) + BigInt(depth) * word(64n) + c * (word(224n) + word(66n)), before: null },
      { item: `\`JobProven\`: 4 topics and ${6n + k} data words (before: 10)`, gas: 375n + 4n * 375n + 8n * 32n * (6n + k), before: 4_435n },
    ];
    const total = items.reduce((a, i) => a + i.gas, 0n);
    return [...items, { item: "the code: dispatch, ABI decoding and checks, mapping keys, memory, loops", gas: r.gas - total, before: 13_622n }];
  }
}

/** `proveJob` before committed assignments, from the previous bench/REPORT.md (N = 1, 2, 3; 2N + 1 results). */
const BEFORE = [
  { gas: 83_759n, perResult: 20_919n },
  { gas: 102_157n, perResult: 16_231n },
  { gas: 120_520n, perResult: 14_217n },
];

/** Opcode classes of a transaction's execution (debug_traceTransaction), each step's gas being the drop in gas to
 * the next step at the same depth (so a precompile call costs what it charged, not the gas it was given). */
async function opcodeProfile(provider: { send(method: string, params: unknown[]): Promise<unknown> }, hash: string) {
  const trace = (await provider.send("debug_traceTransaction", [hash, { disableStorage: true, disableMemory: true, disableStack: true }])) as { structLogs: { op: string; gas: number; gasCost: number; depth: number }[] };
  const logs = trace.structLogs;
  const classOf = (op: string) =>
    op === "SLOAD" || op === "SSTORE" ? "storage (SLOAD, SSTORE)"
    : op === "STATICCALL" || op === "CALL" ? "calls (the ecrecover precompile)"
    : op === "KECCAK256" || op === "SHA3" ? "KECCAK256 (with its memory expansion)"
    : op.startsWith("LOG") ? "LOG4 (with its memory expansion)"
    : op.startsWith("CALLDATA") ? "calldata reads (CALLDATALOAD, CALLDATASIZE, CALLDATACOPY)"
    : op === "MLOAD" || op === "MSTORE" || op === "MSTORE8" || op === "MCOPY" || op === "MSIZE" ? "memory (MLOAD, MSTORE, MCOPY, and expansion)"
    : op.startsWith("PUSH") || op.startsWith("DUP") || op.startsWith("SWAP") || op === "POP" ? "stack (PUSH, DUP, SWAP, POP)"
    : op === "JUMP" || op === "JUMPI" || op === "JUMPDEST" || op === "STOP" || op === "RETURN" ? "control flow (JUMP, JUMPI, JUMPDEST, RETURN)"
    : "arithmetic, comparisons, bit operations, environment";
  const classes = new Map<string, { steps: number; gas: number }>();
  for (let i = 0; i < logs.length; i++) {
    const step = logs[i];
    if (step.depth !== 1) continue;
    let next = i + 1;
    while (next < logs.length && logs[next].depth !== 1) next++;
    const gas = next < logs.length ? step.gas - logs[next].gas : step.gasCost;
    const c = classes.get(classOf(step.op)) ?? { steps: 0, gas: 0 };
    c.steps++;
    c.gas += gas;
    classes.set(classOf(step.op), c);
  }
  return [...classes].map(([name, c]) => ({ name, ...c })).sort((a, b) => b.gas - a.gas);
}
