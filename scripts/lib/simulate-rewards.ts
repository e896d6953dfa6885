// Checker work and rewards on a local node, after the scripted sale (scripts/lib/simulate-licenses.ts), driven
// through the real referee service: the checker simulator signs three epochs of results for up to 40 licenses (honest,
// faulty, lying, silent and equivocating operators), the referee settles each epoch (reporting the equivocation, which
// bans the license on chain, and proving failed jobs on chain), posts the roots, and syncs the claims contract after
// each challenge window; owners then claim with each vesting option and the 30-day entry is withdrawn.
import { Contract, HDNodeWallet, computeAddress, JsonRpcProvider, Mnemonic, id, type Signer } from "ethers";
import { refereeDomain, type SignedResult } from "./check-results.js";
import type { Manifest } from "./manifest.js";
import { DAY } from "./tokenomics.js";
import { TIER1_FILLERS } from "./simulate-licenses.js";
import { assignJobs, simulateResults, type Behaviour, type SimJob, type SimLicense } from "../referee/simulator.js";
import { LicenseChainView } from "../referee/chain.js";
import { runEpoch, syncClaims, writeEpochInput, type EpochReport } from "../referee/service.js";
import { startRefereeServer } from "../referee/server.js";
import { claim, loadProofs, withdrawMatured } from "../ops/rewards.js";
import { freePort } from "./local-stack.js";

/** Hardhat's default accounts (the local node's). */
export const localKey = (i: number) => HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase("test test test test test test test test test test test junk"), `m/44'/60'/0'/0/${i}`).privateKey;

export const SIM_LICENSES = 40;
export const EPOCHS = 3;

export interface CheckerWorkOptions {
  /** Licenses 1..N take part (at most the ~1,000 the sale simulation sells). */
  licenses?: number;
  /** Epochs simulated (at least 3: the misbehaving operators start in epoch 1, custody earns from epoch 2). */
  epochs?: number;
  /** Seed of the job assignment and of the faulty operators' misses. */
  seed?: number;
}
export const JOBS_PER_LICENSE = 5;
/** Behaviours other than honest; license 2 is banned by the sale simulation and license 3 moved to custody in epoch 0. */
export const BEHAVIOURS: Record<number, Behaviour> = { 5: "equivocating", 7: "lying", 9: "silent", 10: "faulty" };

export interface CheckerWork {
  jobs: Record<number, SimJob[]>;
  reports: EpochReport[];
  outDir: string;
}

/** POSTs signed results to the referee's endpoint. */
export async function postResults(url: string, results: SignedResult[]): Promise<{ accepted: number; rejected: Record<string, number> }> {
  const body = JSON.stringify(results, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  const res = await fetch(`${url}/results`, { method: "POST", body, headers: { "content-type": "application/json" } });
  if (!res.ok) throw new Error(`the referee refused the results: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accepted: number; rejected: Record<string, number> };
}

export async function simulateRewards(
  rpcUrl: string,
  manifest: Manifest,
  outDir: string,
  log: (line: string) => void = () => {},
  options: CheckerWorkOptions = {},
): Promise<CheckerWork> {
  const { licenses: simLicenses = SIM_LICENSES, epochs = EPOCHS, seed = 1 } = options;
  if (epochs < EPOCHS) throw new Error(`simulate at least ${EPOCHS} epochs`);
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const accounts: string[] = await provider.send("eth_accounts", []);
  const signer = (i: number) => provider.getSigner(accounts[i]);
  const at = (name: string, s: Signer) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await p).wait();
  const [deployer, refereeKey, wl1, custody] = await Promise.all([0, 9, 10, 17].map(signer));
  const now = async () => (await provider.getBlock("latest"))!.timestamp;
  const setTime = async (t: number) => {
    if ((await now()) < t) {
      await provider.send("evm_setNextBlockTimestamp", [t]);
      await provider.send("evm_mine", []);
    }
  };

  // who signs for each license at an epoch's end: its operator if delegated, else its owner (the local accounts' and
  // the sale's simulated buyers' keys are known)
  const license = at("CheckerLicense", deployer);
  const keyOf = new Map<string, string>([10, 11, 16, 17].map((i) => [accounts[i].toLowerCase(), localKey(i)]));
  for (let i = 0; i < TIER1_FILLERS; i++) keyOf.set(computeAddress(id(`aethir-simulated-buyer-${i}`)).toLowerCase(), id(`aethir-simulated-buyer-${i}`));

  const domain = refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId);
  const n = Number(await at("CheckerReferee", deployer).n());
  const window = Number(await at("CheckerReferee", deployer).challengeWindow());
  const work: CheckerWork = { jobs: {}, reports: [], outDir };
  const server = await startRefereeServer({ provider, manifest, inputDir: outDir, outDir, port: await freePort() });
  for (let epoch = 0; epoch < epochs; epoch++) {
    const end = manifest.tgeTimestamp + (epoch + 1) * DAY;
    await setTime(end);
    const view = await LicenseChainView.load(provider, license, manifest.contracts.CheckerLicense.blockNumber, await provider.getBlockNumber());
    const licenses = new Map<number, SimLicense>();
    for (let l = 1; l <= simLicenses; l++) {
      const checker = view.checkerAt(l, end - 1);
      if (checker === null) continue; // not minted yet
      const key = keyOf.get(checker);
      if (!key) throw new Error(`no key for license ${l}'s checker ${checker}`);
      // the network warms up honestly in epoch 0; the misbehaving operators start in epoch 1
      licenses.set(l, { licenseId: l, signerKey: key, behaviour: epoch === 0 ? "honest" : (BEHAVIOURS[l] ?? "honest") });
    }
    const jobs = assignJobs(epoch, [...licenses.keys()], JOBS_PER_LICENSE, n, seed);
    work.jobs[epoch] = jobs;
    const results = simulateResults(domain, epoch, jobs, licenses, seed);
    log(`epoch ${epoch}: the checker simulator signs ${results.length} results for ${jobs.length} jobs of ${licenses.size} licenses`);
    if (epoch < epochs - 1) writeEpochInput(outDir, epoch, jobs, results);
    else {
      // the last epoch's results reach the referee over HTTP, in two batches, as operators would send them
      writeEpochInput(outDir, epoch, jobs, []);
      const half = Math.floor(results.length / 2);
      for (const batch of [results.slice(0, half), results.slice(half)]) {
        const r = await postResults(server.url, batch);
        log(`operators POST ${batch.length} results to the referee: ${r.accepted} accepted, rejected ${JSON.stringify(r.rejected)}`);
      }
    }
    const { report } = await runEpoch({ provider, manifest, referee: refereeKey, epoch, inputDir: outDir, outDir, proveFailedJobs: true, log });
    work.reports.push(report);
    await setTime((await now()) + window + 1);
    await syncClaims(manifest, deployer);
    log(`epoch ${epoch}: the challenge window passed; the claims contract synced the root`);
  }

  log("owners claim from the proofs file: 180 days for 100%, and 30 days for 25% (75% back to the pool)");
  const proofs = await loadProofs(`${server.url}/proofs/${epochs - 1}`);
  await server.close();
  await claim(manifest, wl1, proofs, 0);
  await claim(manifest, custody, proofs, 1);
  await send(at("RewardClaims", deployer).settle());
  await provider.send("evm_increaseTime", [30 * DAY + 1]);
  await provider.send("evm_mine", []);
  log("30 days later the 30-day entry is withdrawn");
  await withdrawMatured(manifest, custody);
  provider.destroy();
  return work;
}
