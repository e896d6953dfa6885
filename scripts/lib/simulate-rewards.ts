// Checker work and rewards on a local node, after the scripted sale (scripts/lib/simulate-licenses.ts): operators
// sign check results, two jobs are proven on chain (one operator lies), an equivocating license is reported and
// banned, the referee posts epoch 0's cumulative root, the challenge window passes, two owners claim with each
// vesting option, and the 30-day entry is withdrawn.
import { Contract, JsonRpcProvider, encodeBytes32String, id, parseEther, type Signer } from "ethers";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { jobProof, refereeDomain, signResult, Verdict, type SignedResult } from "./check-results.js";
import type { Manifest } from "./manifest.js";
import { DAY } from "./tokenomics.js";

export const REWARD_LEAVES = (owners: { wl1: string; custody: string; wl2: string }): [string, bigint][] => [
  [owners.wl1, parseEther("100")],
  [owners.custody, parseEther("50")],
  [owners.wl2, parseEther("40")],
];

export async function simulateRewards(rpcUrl: string, manifest: Manifest, log: (line: string) => void = () => {}): Promise<void> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const accounts: string[] = await provider.send("eth_accounts", []);
  const signer = (i: number) => provider.getSigner(accounts[i]);
  const at = (name: string, s: Signer) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await p).wait();
  const [deployer, refereeKey, wl1, wl2, operator, custody] = await Promise.all([0, 9, 10, 11, 16, 17].map(signer));
  const domain = refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId);
  const referee = at("CheckerReferee", deployer);
  // Who signs for each license now: licenses 1, 4, 5 and 6 are run by the operator; 3 moved to custody (its operator
  // was cleared); 7 is signed by its owner.
  const checkerOf: Record<number, Signer> = { 1: operator, 3: custody, 4: operator, 5: operator, 6: operator, 7: wl2 };
  const container = encodeBytes32String("gpu-container-42");
  const vote = (jobId: string, licenseId: number, verdict: Verdict) =>
    signResult(checkerOf[licenseId], domain, { jobId, container, epoch: 0n, licenseId: BigInt(licenseId), verdict, metricsHash: id(`${jobId}:${licenseId}`) });

  log("operators sign check results; two jobs are proven on chain (license 5's operator lies in job 1)");
  const job1 = id("epoch-0/job-1");
  const job1Votes: SignedResult[] = await Promise.all([
    vote(job1, 1, Verdict.Pass), vote(job1, 4, Verdict.Pass), vote(job1, 5, Verdict.Fail), vote(job1, 6, Verdict.Pass), vote(job1, 7, Verdict.Pass),
  ]);
  await send(referee.proveJob(...jobProof(job1Votes)));
  const job2 = id("epoch-0/job-2");
  await send(referee.proveJob(...jobProof(await Promise.all([
    vote(job2, 1, Verdict.Fail), vote(job2, 3, Verdict.Fail), vote(job2, 4, Verdict.Fail), vote(job2, 6, Verdict.Fail), vote(job2, 7, Verdict.Pass),
  ]))));

  log("license 5's operator also signed Pass for job 1: the equivocation is reported and the license banned");
  await send(referee.reportEquivocation(job1Votes[2], await vote(job1, 5, Verdict.Pass)));

  log("the referee posts epoch 0's cumulative root; the challenge window passes");
  const leaves = REWARD_LEAVES({ wl1: wl1.address, custody: custody.address, wl2: wl2.address });
  const tree = StandardMerkleTree.of(leaves.map(([a, n]) => [a, n.toString()]), ["address", "uint256"]);
  const total = leaves.reduce((s, [, n]) => s + n, 0n);
  const epochEnd = manifest.tgeTimestamp + DAY;
  if ((await provider.getBlock("latest"))!.timestamp < epochEnd) {
    await provider.send("evm_setNextBlockTimestamp", [epochEnd]);
    await provider.send("evm_mine", []);
  }
  await send(at("CheckerReferee", refereeKey).postRoot(0, tree.root, total, "file://rewards/epoch-0.json"));
  await provider.send("evm_increaseTime", [DAY + 1]);
  await provider.send("evm_mine", []);

  log("owners claim: 180 days for 100%, and 30 days for 25% (75% back to the pool); the 30-day entry is withdrawn");
  const proof = (who: string) => {
    for (const [i, [a]] of tree.entries()) if (a === who) return tree.getProof(i);
    throw new Error(`${who} has no leaf`);
  };
  await send(at("RewardClaims", wl1).claim(leaves[0][1], proof(wl1.address), 0));
  const claims = at("RewardClaims", custody);
  await send(claims.claim(leaves[1][1], proof(custody.address), 1));
  const entryId = Number(await claims.entryCount()) - 1;
  await provider.send("evm_increaseTime", [30 * DAY + 1]);
  await provider.send("evm_mine", []);
  await send(claims.withdraw([entryId]));
  provider.destroy();
}
