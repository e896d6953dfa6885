// Checker work and rewards on a local node, after the scripted sale (scripts/lib/simulate-licenses.ts), driven
// through the real referee service: a host registers four containers (one of them down in one epoch), the owners of
// licenses 1..40 delegate them to operators, and for three epochs the referee commits a seed before the cut-off,
// reveals it after, posts the epoch's assignment; the checker simulator signs what the committed operators would
// (honest, faulty, lying, silent and equivocating ones); the referee settles each epoch (reporting the equivocation,
// which bans the license on chain, and proving the down container's failed jobs on chain), posts the roots, and syncs
// the claims contract after each challenge window. Epochs before the first whose licenses were frozen after the sale
// settle empty. Owners claim with each vesting option (account 10 the root before the last, 180 days; custody the last
// one, 30 days) and the 30-day entry is withdrawn. Compute providers (issue 15): a staked compute host's A100 and account
// 19's Edge device earn each epoch's compute rewards (the referee posts a compute root per epoch); anyone pushes the
// host's rewards into its HostStaking stream and account 19 claims its Edge rewards, up to the root before the last.
import { Contract, HDNodeWallet, computeAddress, JsonRpcProvider, Mnemonic, Wallet, encodeBytes32String, id, type Signer } from "ethers";
import { refereeDomain, type JobLeaf, type SignedResult } from "./check-results.js";
import type { Manifest } from "./manifest.js";
import { DAY } from "./tokenomics.js";
import { TIER1_FILLERS } from "./simulate-licenses.js";
import { simulateResults, type Behaviour, type SimLicense } from "../referee/simulator.js";
import { cutoffOf } from "../referee/assignment.js";
import { commitSeed, prepareEpoch, runEpoch, syncClaims, writeEpochResults, type EpochReport } from "../referee/service.js";
import { startRefereeServer } from "../referee/server.js";
import { claim, loadProofs, withdrawMatured } from "../ops/rewards.js";
import { claimEdge, loadComputeProofs, pushHostRewards } from "../ops/compute-payments.js";
import { attestAccounts, countryCode } from "./compliance.js";
import { freePort } from "./local-stack.js";
import { join } from "node:path";

/** Hardhat's default accounts (the local node's). */
export const localKey = (i: number) => HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase("test test test test test test test test test test test junk"), `m/44'/60'/0'/0/${i}`).privateKey;

export const SIM_LICENSES = 40;
export const EPOCHS = 3;

export interface CheckerWorkOptions {
  /** Licenses 1..N are delegated to operators and take part (at most the ~1,000 the sale simulation sells). */
  licenses?: number;
  /** Epochs simulated (at least 3: the misbehaving operators start in epoch 1, custody earns from epoch 2). */
  epochs?: number;
  /** Seed of the job assignment and of the faulty operators' misses. */
  seed?: number;
}
/** Behaviours other than honest; license 2 is banned by the sale simulation (so never assigned while banned) and
 * license 3 moved to custody before the checker work. */
export const BEHAVIOURS: Record<number, Behaviour> = { 5: "equivocating", 7: "lying", 9: "silent", 10: "faulty" };
/** The fleet host's containers (RTX 4090, Germany); the second is down for the whole of the second simulated epoch. */
export const FLEET_CONTAINERS = [0, 1, 2, 3].map((i) => id(`aethir-fleet-container-${i}`).toLowerCase());
export const FLEET_CLASS = 3;
/** The operator key of an owner's licenses (each owner runs one checker client for all of its licenses). */
export const operatorKey = (owner: string) => id(`aethir-operator-${owner.toLowerCase()}`);
/** Compute providers paid by ComputeRewards (issue 15): an Enterprise/IDC host with an A100 (a fresh wallet) and an
 * Edge device's owner (local account 19, so that the README's `claim-edge --account 19` can claim its last epoch). */
export const COMPUTE_HOST_KEY = id("aethir-compute-host");
export const EDGE_OWNER_ACCOUNT = 19;
export const COMPUTE_CONTAINERS = { a100: id("aethir-compute-a100-1").toLowerCase(), edge: id("aethir-edge-device-1").toLowerCase() };
const A100_CLASS = 2;
const EDGE_CLASS = 4;

export interface CheckerWork {
  /** The first epoch whose assignment had jobs (earlier ones settled empty), and the last simulated. */
  firstEpoch: number;
  lastEpoch: number;
  /** Each epoch's committed jobs (empty when it had no assignment). */
  jobs: Record<number, JobLeaf[]>;
  /** Containers down per epoch. */
  down: Record<number, string[]>;
  /** Operator address -> its key, for every operator the simulation delegated to. */
  operatorKeys: Record<string, string>;
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
  const [deployer, refereeKey, wl1, fleet, custody] = await Promise.all([0, 9, 10, 12, 17].map(signer));
  const now = async () => (await provider.getBlock("latest"))!.timestamp;
  const setTime = async (t: number) => {
    if ((await now()) < t) {
      await provider.send("evm_setNextBlockTimestamp", [t]);
      await provider.send("evm_mine", []);
    }
  };
  const referee = at("CheckerReferee", deployer);
  const mineBlock = () => provider.send("evm_mine", []) as Promise<void>;
  const domain = refereeDomain(manifest.contracts.CheckerReferee.address, manifest.chainId);
  const start = (epoch: number) => manifest.tgeTimestamp + epoch * DAY;

  // the first epoch whose cut-off is still ahead: everything before it was frozen before the sale's licenses existed
  const firstEpoch = Math.floor(((await now()) + 12 * 3_600 - manifest.tgeTimestamp) / DAY) + 1;
  const lastEpoch = firstEpoch + epochs - 1;
  log(`epochs 0 to ${firstEpoch - 1} froze no delegated license: they settle empty; checker work runs in epochs ${firstEpoch} to ${lastEpoch}`);
  for (let e = firstEpoch; e <= lastEpoch; e++) await commitSeed({ manifest, referee: refereeKey, epoch: e, outDir });
  log(`the referee commits the seeds of epochs ${firstEpoch} to ${lastEpoch} before their cut-offs`);

  // a host's containers to check, and operators for the licenses that take part
  log(`a host registers ${FLEET_CONTAINERS.length} RTX 4090 containers; the owners of licenses 1..${simLicenses} delegate them to their operators`);
  const hosts = at("HostStaking", fleet);
  if (!(await hosts.hostInfo(await fleet.getAddress())).registered) await send(hosts.registerHost(1_000));
  const registry = at("HostRegistry", fleet);
  for (const c of FLEET_CONTAINERS) await send(registry.registerContainer(c, FLEET_CLASS, encodeBytes32String("DE").slice(0, 18)));
  // compute providers, fully staked (the fleet host above is not, so it is halted and earns no compute rewards): an
  // Enterprise/IDC host with an A100 (1x K) and an Edge device's owner (0.1x K, KYC'd: an Edge claim needs it), their ATH
  // from the ecosystem bucket's upfront release
  const computeHost = new Wallet(COMPUTE_HOST_KEY, provider);
  const edgeOwner = await signer(EDGE_OWNER_ACCOUNT);
  if (manifest.contracts.ComputeRewards && !(await hosts.hostInfo(computeHost.address)).registered) {
    log("a compute host registers an A100 and an Edge device's owner its device, both fully staked (ecosystem ATH)");
    const ecosystem = await signer(5);
    await send(at("EcosystemVesting", deployer).getFunction("release(address)")(manifest.contracts.AethirToken.address));
    await attestAccounts(at("ComplianceRegistry", await signer(7)), await signer(7), [edgeOwner.address], "DE");
    const k: bigint = await hosts.k();
    for (const [w, container, classId, stake] of [[computeHost, COMPUTE_CONTAINERS.a100, A100_CLASS, k], [edgeOwner, COMPUTE_CONTAINERS.edge, EDGE_CLASS, k / 10n]] as const) {
      if (w === computeHost) await send(deployer.sendTransaction({ to: w.address, value: 10n ** 19n }));
      await send((at("AethirToken", ecosystem) as Contract).transfer(w.address, stake));
      await send((at("AethirToken", deployer).connect(w) as Contract).approve(manifest.contracts.HostStaking.address, stake));
      await send((hosts.connect(w) as Contract).registerHost(1_000));
      await send((hosts.connect(w) as Contract).delegate(w.address, stake));
      await send((registry.connect(w) as Contract).registerContainer(container, classId, countryCode("DE")));
    }
  }
  const license = at("CheckerLicense", deployer);
  const ownerKeys = new Map<string, string>(accounts.map((a, i) => [a.toLowerCase(), localKey(i)]));
  for (let i = 0; i < TIER1_FILLERS; i++) ownerKeys.set(computeAddress(id(`aethir-simulated-buyer-${i}`)).toLowerCase(), id(`aethir-simulated-buyer-${i}`));
  const operatorKeys: Record<string, string> = {};
  // for three years: the staking story's verdict, months later, is checked by the same operators
  const delegatedUntil = start(lastEpoch + 1) + 3 * 365 * DAY;
  const byOwner = new Map<string, bigint[]>();
  for (let l = 1n; l <= BigInt(simLicenses); l++) {
    const owner = String(await license.ownerOf(l).catch(() => "")).toLowerCase();
    if (!owner) break; // not minted
    if (BigInt(await license.bannedUntil(l)) >= BigInt(await now())) continue; // a banned license can't be delegated
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), l]);
  }
  for (const [owner, ids] of byOwner) {
    const key = ownerKeys.get(owner);
    if (!key) throw new Error(`no key for license owner ${owner}`);
    const wallet = new Wallet(key, provider);
    if ((await provider.getBalance(owner)) < 10n ** 16n) await send(deployer.sendTransaction({ to: owner, value: 10n ** 17n }));
    const operator = new Wallet(operatorKey(owner));
    operatorKeys[operator.address.toLowerCase()] = operator.privateKey;
    await send((license.connect(wallet) as Contract).setUserBatch(ids, operator.address, delegatedUntil));
  }

  // Compute providers are paid up to the root before the last one (final an hour after it was posted), so that the
  // last epoch's increase is left for the README's `push-host-rewards` and `claim-edge` on npm start's chain.
  const payComputeProviders = async (epoch: number) => {
    if (!manifest.contracts.ComputeRewards) return;
    const proofs = await loadComputeProofs(join(outDir, `epoch-${epoch}.compute.proofs.json`));
    if (proofs.claims[computeHost.address.toLowerCase()]) {
      const pushed = await pushHostRewards(manifest, deployer, proofs, computeHost.address);
      log(`epoch ${epoch}: anyone pushes the compute host's ${pushed.amount} wei of Enterprise/IDC rewards into its HostStaking stream; the last epoch's increase stays for the README`);
    }
    if (proofs.claims[edgeOwner.address.toLowerCase()]) {
      const claimed = await claimEdge(manifest, edgeOwner, proofs);
      log(`epoch ${epoch}: account ${EDGE_OWNER_ACCOUNT}, an Edge device's owner, claims ${claimed.amount} wei of Edge rewards; its last epoch's stay unclaimed`);
    }
  };
  const work: CheckerWork = { firstEpoch, lastEpoch, jobs: {}, down: {}, operatorKeys, reports: [], outDir };
  const server = await startRefereeServer({ provider, manifest, inputDir: outDir, outDir, port: await freePort() });
  const prepare = async (epoch: number) => {
    await setTime(cutoffOf(manifest.tgeTimestamp, epoch));
    const prepared = await prepareEpoch({ provider, manifest, referee: refereeKey, epoch, outDir, log, awaitBlock: mineBlock });
    work.jobs[epoch] = prepared.jobs;
  };
  for (let epoch = 0; epoch <= lastEpoch; epoch++) {
    if (epoch >= firstEpoch && work.jobs[epoch] === undefined) await prepare(epoch);
    // the next epoch's assignment is posted before this one ends, 12 hours before the next starts
    if (epoch + 1 >= firstEpoch && epoch + 1 <= lastEpoch) await prepare(epoch + 1);
    // after the previous root's challenge window, which ends about when this epoch does
    const previous = epoch > 0 ? await referee.roots(epoch - 1) : null;
    await setTime(Math.max(start(epoch + 1), previous ? Number(previous.finalAt) : 0));
    if (previous) {
      await syncClaims(manifest, deployer);
      log(`epoch ${epoch - 1}: the challenge window passed; the claims contract synced the root`);
      if (epoch === lastEpoch) {
        // account 10 claims the root before the last one (180 days): its last epoch's earnings stay unclaimed, for
        // the README's `claim --proofs <dir>/rewards/epoch-<last>.proofs.json --account 10` to claim on npm start's chain
        log(`account 10 claims epoch ${epoch - 1}'s leaf (180 days for 100%); its epoch-${lastEpoch} earnings stay unclaimed`);
        await claim(manifest, wl1, await loadProofs(join(outDir, `epoch-${epoch - 1}.proofs.json`)), 0);
        await payComputeProviders(epoch - 1);
      }
    }
    const jobs = work.jobs[epoch] ?? [];
    const down = epoch === firstEpoch + 1 ? [FLEET_CONTAINERS[1]] : [];
    work.down[epoch] = down;
    const simulated = new Map<number, SimLicense>();
    for (const j of jobs) {
      for (const [i, l] of j.licenseIds.entries()) {
        if (simulated.has(l)) continue;
        const key = operatorKeys[j.operators[i].toLowerCase()];
        if (!key) throw new Error(`no key for license ${l}'s operator ${j.operators[i]}`);
        // the network warms up honestly in its first epoch; the misbehaving operators start in the next one
        simulated.set(l, { licenseId: l, signerKey: key, behaviour: epoch === firstEpoch ? "honest" : (BEHAVIOURS[l] ?? "honest") });
      }
    }
    const results = simulateResults(domain, epoch, jobs, simulated, new Set(down), seed);
    if (jobs.length) log(`epoch ${epoch}: the checker simulator signs ${results.length} results for ${jobs.length} jobs of ${simulated.size} licenses${down.length ? `; container ${down[0].slice(0, 10)} is down` : ""}`);
    if (epoch < lastEpoch) writeEpochResults(outDir, epoch, results);
    else {
      // the last epoch's results reach the referee over HTTP, in two batches, as operators would send them
      const half = Math.floor(results.length / 2);
      for (const batch of [results.slice(0, half), results.slice(half)]) {
        const r = await postResults(server.url, batch);
        log(`operators POST ${batch.length} results to the referee: ${r.accepted} accepted, rejected ${JSON.stringify(r.rejected)}`);
      }
    }
    const { report } = await runEpoch({ provider, manifest, referee: refereeKey, epoch, inputDir: outDir, outDir, proveFailedJobs: true, log, intake: server });
    work.reports.push(report);
  }
  await setTime(Number((await referee.roots(lastEpoch)).finalAt));
  await syncClaims(manifest, deployer);
  log(`epoch ${lastEpoch}: the challenge window passed; the claims contract synced the root`);

  log("custody claims from the served proofs: 30 days for 25% (75% back to the pool)");
  const proofs = await loadProofs(`${server.url}/proofs/${lastEpoch}`);
  await server.close();
  await claim(manifest, custody, proofs, 1);
  await send(at("RewardClaims", deployer).settle());
  await provider.send("evm_increaseTime", [30 * DAY + 1]);
  await provider.send("evm_mine", []);
  log("30 days later the 30-day entry is withdrawn");
  await withdrawMatured(manifest, custody);
  provider.destroy();
  return work;
}
