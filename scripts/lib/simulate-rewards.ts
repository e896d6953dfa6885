// Checker work and rewards on a local node, after the scripted sale (scripts/lib/simulate-licenses.ts), run as
// processes on loopback (checker-network.ts): a host registers four containers, the owners of licenses 1..40 delegate
// them to six operators, and one container agent per container and one checker daemon per operator run for the whole
// story, the daemons POSTing what they measured to the real referee service. For each epoch the referee commits a seed
// before the cut-off, reveals it after and posts the epoch's assignment; the daemons check their committed jobs when
// the chain's clock enters the epoch; once the referee's per-checker report holds every running daemon's results for
// the epoch, it settles exactly as before (reporting the equivocation, which bans the license on chain, and proving
// the down container's failed jobs on chain), posts the roots, and syncs the claims contract after each challenge
// window. From the second epoch on: one container's agent is stopped (its jobs fail), the "liar" operator's daemon
// signs the opposite of what it measures (the hidden --invert-verdicts fault flag), the "silent" operator's daemon is
// offline for the rest of the story and the "flaky" one for one epoch, an attacker holding license 5's operator key
// signs the opposite of its daemon's verdicts (a daemon refuses to equivocate by design), and one daemon is killed
// with its results queued on disk and restarted (they land once). Epochs before the first whose licenses were frozen
// after the sale settle empty. Owners claim with each vesting option (account 10 the root before the last, 180 days;
// custody the last one, 30 days) and the 30-day entry is withdrawn. Compute providers (issue 15): a staked compute
// host's A100 and account 19's Edge device earn each epoch's compute rewards (the referee posts a compute root per
// epoch); anyone pushes the host's rewards into its HostStaking stream and account 19 claims its Edge rewards, up to
// the root before the last. The in-process checker simulator (scripts/referee/simulator.ts) stays for the benchmarks.
import { Contract, HDNodeWallet, computeAddress, JsonRpcProvider, Mnemonic, Wallet, encodeBytes32String, id, type Signer } from "ethers";
import { refereeDomain, signResult, Verdict, type JobLeaf, type SignedResult } from "./check-results.js";
import type { Manifest } from "./manifest.js";
import { DAY } from "./tokenomics.js";
import { TIER1_FILLERS } from "./simulate-licenses.js";
import type { Behaviour } from "../referee/simulator.js";
import { cutoffOf } from "../referee/assignment.js";
import { commitSeed, prepareEpoch, runEpoch, syncClaims, type EpochReport } from "../referee/service.js";
import { startRefereeServer } from "../referee/server.js";
import { claim, loadProofs, withdrawMatured } from "../ops/rewards.js";
import { claimEdge, loadComputeProofs, pushHostRewards } from "../ops/compute-payments.js";
import { attestAccounts, countryCode } from "./compliance.js";
import { freePort, waitFor } from "./local-stack.js";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CheckerNetwork, type DaemonInfo } from "./checker-network.js";

/** Hardhat's default accounts (the local node's). */
export const localKey = (i: number) => HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase("test test test test test test test test test test test junk"), `m/44'/60'/0'/0/${i}`).privateKey;

export const SIM_LICENSES = 40;
export const EPOCHS = 3;

export interface CheckerWorkOptions {
  /** Licenses 1..N are delegated to operators and take part (at most the ~1,000 the sale simulation sells). */
  licenses?: number;
  /** Epochs simulated (at least 3: the misbehaving operators start in epoch 1, custody earns from epoch 2). */
  epochs?: number;
  /** npm start's --seed. The processes' verdicts come from what they measure and the assignment from the referee's
   * committed seed, so the checker work no longer uses it; kept so that callers passing it keep working. */
  seed?: number;
  /** Where the processes' keystores, data directories and JSON logs go (default: `<outDir>/../checker-network`). */
  networkDir?: string;
  /** Called after each epoch's settlement, while the chain is still in the next epoch (tests act on fresh verdicts). */
  afterEpoch?: (epoch: number, report: EpochReport) => Promise<void>;
}
/**
 * Licenses whose operator misbehaves from the second epoch on (the first is a warm-up, all honest); license 2 is
 * banned by the sale simulation (so never assigned while banned) and license 3 moved to custody before the checker work.
 * equivocating: its operator's daemon is honest, and an attacker holding that operator's key signs the opposite
 * verdict for its jobs; lying: its operator's daemon signs the opposite of what it measures; silent: its operator's
 * daemon is offline from the second epoch to the end of the story; faulty: its operator's daemon is offline for the
 * second epoch only.
 */
export const BEHAVIOURS: Record<number, Behaviour> = { 5: "equivocating", 7: "lying", 9: "silent", 10: "faulty" };
/** The operators (one checker daemon each): three honest ones share the licenses without a behaviour. */
export const HONEST_OPERATORS = ["honest-1", "honest-2", "honest-3"];
const BEHAVIOUR_OPERATOR: Partial<Record<Behaviour, string>> = { lying: "liar", silent: "silent", faulty: "flaky" };
/** The operator a license is delegated to. */
export const operatorOf = (licenseId: number) => BEHAVIOUR_OPERATOR[BEHAVIOURS[licenseId]] ?? HONEST_OPERATORS[licenseId % HONEST_OPERATORS.length];
/** The honest operator whose daemon is killed in the second epoch with its results queued on disk, then restarted. */
export const KILLED_OPERATOR = "honest-2";
export const FLEET_CONTAINERS = [0, 1, 2, 3].map((i) => id(`aethir-fleet-container-${i}`).toLowerCase());
export const FLEET_CLASS = 3;
/** The key of a named operator (operatorOf), or of any string's (simulate-staking's forged signers). */
export const operatorKey = (name: string) => id(`aethir-operator-${name.toLowerCase()}`);
/** The key of the operator a license is delegated to. */
export const licenseOperatorKey = (licenseId: number) => operatorKey(operatorOf(licenseId));
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
  /** The processes that did the checking: the referee's URL, each operator's daemon (address, keystore, log, /metrics). */
  network: {
    dir: string;
    refereeUrl: string;
    operators: Record<string, DaemonInfo & { licenses: number[] }>;
    /** Container id -> its agent's URL. */
    agents: Record<string, string>;
    /** Per epoch, per operator: the referee's per-checker report of that epoch's results just before it settled. */
    tallies: Record<number, Record<string, CheckerTally>>;
    /** Per epoch, the operators whose daemon was not running while the epoch was checked. */
    offline: Record<number, string[]>;
  };
}

/** What the referee's GET /checkers/<address>/epochs/<epoch> reports of one signer's results. */
export interface CheckerTally {
  accepted: number;
  duplicates: number;
  equivocations: number;
  refused: Record<string, number>;
}

/** POSTs signed results to the referee's endpoint. */
export async function postResults(url: string, results: SignedResult[]): Promise<{ accepted: number; equivocations: number; rejected: Record<string, number> }> {
  const body = JSON.stringify(results, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  const res = await fetch(`${url}/results`, { method: "POST", body, headers: { "content-type": "application/json" } });
  if (!res.ok) throw new Error(`the referee refused the results: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accepted: number; equivocations: number; rejected: Record<string, number> };
}

export async function simulateRewards(
  rpcUrl: string,
  manifest: Manifest,
  outDir: string,
  log: (line: string) => void = () => {},
  options: CheckerWorkOptions = {},
): Promise<CheckerWork> {
  const { licenses: simLicenses = SIM_LICENSES, epochs = EPOCHS } = options;
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
  const licensesOf = new Map<string, number[]>();
  for (const [owner, ids] of byOwner) {
    const key = ownerKeys.get(owner);
    if (!key) throw new Error(`no key for license owner ${owner}`);
    const wallet = new Wallet(key, provider);
    if ((await provider.getBalance(owner)) < 10n ** 16n) await send(deployer.sendTransaction({ to: owner, value: 10n ** 17n }));
    // an owner's licenses go to the operators that check them (one batch per operator)
    const byOperator = new Map<string, bigint[]>();
    for (const l of ids) byOperator.set(operatorOf(Number(l)), [...(byOperator.get(operatorOf(Number(l))) ?? []), l]);
    for (const [name, group] of byOperator) {
      const operator = new Wallet(operatorKey(name));
      operatorKeys[operator.address.toLowerCase()] = operator.privateKey;
      licensesOf.set(name, [...(licensesOf.get(name) ?? []), ...group.map(Number)]);
      await send((license.connect(wallet) as Contract).setUserBatch(group, operator.address, delegatedUntil));
    }
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
  // the referee service the daemons read their assignments from and POST their results to, JSON-logged
  const networkDir = options.networkDir ?? join(dirname(outDir), "checker-network");
  mkdirSync(join(networkDir, "logs"), { recursive: true });
  const refereeLog = join(networkDir, "logs", "referee.log");
  const server = await startRefereeServer({
    provider, manifest, inputDir: outDir, outDir, port: await freePort(),
    log: (entry) => appendFileSync(refereeLog, JSON.stringify({ time: new Date().toISOString(), ...entry }) + "\n"),
  });
  const manifestPath = join(networkDir, "manifest.json");
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  const network = new CheckerNetwork(networkDir, { rpcUrl, manifestPath, refereeUrl: server.url, interval: 1 });
  const work: CheckerWork = { firstEpoch, lastEpoch, jobs: {}, down: {}, operatorKeys, reports: [], outDir, network: { dir: networkDir, refereeUrl: server.url, operators: {}, agents: {}, tallies: {}, offline: {} } };
  try {
    const containers = [...FLEET_CONTAINERS, ...(manifest.contracts.ComputeRewards ? [COMPUTE_CONTAINERS.a100, COMPUTE_CONTAINERS.edge] : [])];
    const started = Date.now();
    for (const c of containers) {
      await network.startAgent(c);
      work.network.agents[c] = `http://127.0.0.1:${network.agents.get(c)!.port}`;
    }
    for (const [name, licenses] of [...licensesOf].sort()) {
      const info = await network.addDaemon({ name, key: operatorKey(name), gated: name === KILLED_OPERATOR });
      work.network.operators[name] = { ...info, licenses };
    }
    await Promise.all([...licensesOf.keys()].map((name) => network.startDaemon(name)));
    log(`${containers.length} container agents and ${licensesOf.size} checker daemons run as processes on loopback (${Math.round((Date.now() - started) / 1000)} s to start): ${[...licensesOf].map(([n, l]) => `${n} ${l.length} license${l.length === 1 ? "" : "s"}`).join(", ")}; referee ${server.url}; JSON logs in ${join(networkDir, "logs")}`);
    await runStory();
  } catch (e) {
    // every process stopped by PID, the referee's port closed, then the error
    await network.stop();
    await server.close();
    provider.destroy();
    throw e;
  }
  await network.stop();

  async function runStory() {
    const prepare = async (epoch: number) => {
      await setTime(cutoffOf(manifest.tgeTimestamp, epoch));
      const prepared = await prepareEpoch({ provider, manifest, referee: refereeKey, epoch, outDir, log, awaitBlock: mineBlock });
      work.jobs[epoch] = prepared.jobs;
    };
    const operatorName = new Map(Object.entries(work.network.operators).map(([name, d]) => [d.address, name]));
    /** (epoch/job/license) keys each operator's daemon must sign in an epoch: its committed jobs of licenses it checks. */
    const dueOf = async (epoch: number) => {
      const due = new Map<string, string[]>();
      const t = BigInt(await now());
      const banned = new Set<number>();
      for (const j of work.jobs[epoch] ?? []) {
        for (const [i, l] of j.licenseIds.entries()) {
          const name = operatorName.get(j.operators[i].toLowerCase());
          if (!name || !network.agents.has(j.container.toLowerCase())) continue;
          // a license banned now is not checked by its daemon (and refused by the referee if it was before the ban)
          if (!banned.has(l) && BigInt(await license.bannedUntil(l)) >= t) banned.add(l);
          if (banned.has(l)) continue;
          due.set(name, [...(due.get(name) ?? []), `${epoch}/${j.job}/${l}`]);
        }
      }
      return due;
    };
    const tallyOf = async (name: string, epoch: number) => {
      const { accepted, duplicates, equivocations, refused } = (await (await fetch(`${server.url}/checkers/${work.network.operators[name].address}/epochs/${epoch}`)).json()) as CheckerTally;
      return { accepted, duplicates, equivocations, refused };
    };
    /** Waits until the referee's per-checker report for the epoch holds every running daemon's due results. */
    const awaitResults = async (epoch: number) => {
      const due = await dueOf(epoch);
      const answered = async (name: string) => {
        const t = await tallyOf(name, epoch);
        return { ...t, total: t.accepted + t.duplicates + t.equivocations + Object.values(t.refused).reduce((a, b) => a + b, 0) };
      };
      const running = [...due.keys()].filter((n) => network.isRunning(n));
      for (const name of running) {
        await waitFor(`the referee's report of ${name}'s ${due.get(name)!.length} results of epoch ${epoch} (its log: ${work.network.operators[name].log})`, async () => (await answered(name)).total >= due.get(name)!.length, 180_000);
      }
      const lines = await Promise.all(running.map(async (n) => {
        const t = await answered(n);
        return `${n} ${t.accepted} accepted${Object.keys(t.refused).length ? `, refused ${JSON.stringify(t.refused)}` : ""}`;
      }));
      log(`epoch ${epoch}: the referee's per-checker report: ${lines.join("; ")}${[...due.keys()].filter((n) => !network.isRunning(n)).map((n) => `; ${n} offline`).join("")}`);
    };
    /** The second epoch's faults, set while the first is under way; the third brings the agent and the flaky daemon back. */
    const faultsFor = async (epoch: number) => {
      if (epoch === firstEpoch + 1) {
        await network.stopAgent(FLEET_CONTAINERS[1]);
        log(`the agent of container ${FLEET_CONTAINERS[1].slice(0, 10)} is stopped mid-epoch ${epoch - 1}: every check of it in epoch ${epoch} fails`);
        for (const name of ["silent", "flaky"]) if (network.isRunning(name)) await network.stopDaemon(name);
        log("the silent operator's daemon goes offline for the rest of the story, the flaky one's for an epoch");
        if (licensesOf.has("liar")) {
          await network.stopDaemon("liar");
          await network.startDaemon("liar", ["--invert-verdicts"]);
          log("the liar operator's daemon is restarted with --invert-verdicts: it signs the opposite of what it measures");
        }
        if (licensesOf.has(KILLED_OPERATOR)) await network.cutResults(true);
      }
      if (epoch === firstEpoch + 2) {
        // before the epoch starts, so that no daemon probes it while it is still down
        await network.startAgent(FLEET_CONTAINERS[1]);
        log(`the agent of container ${FLEET_CONTAINERS[1].slice(0, 10)} is back for epoch ${epoch}`);
      }
      work.down[epoch] = epoch === firstEpoch + 1 ? [FLEET_CONTAINERS[1]] : [];
    };
    /** A daemon killed with its results journaled and queued (its POSTs cut), restarted: they land once. */
    const killAndRestart = async (epoch: number) => {
      const name = KILLED_OPERATOR;
      const due = (await dueOf(epoch)).get(name) ?? [];
      const journaled = () => new Set(network.journal(name).map((l) => l.key));
      await waitFor(`${name}'s daemon to journal its ${due.length} results of epoch ${epoch}`, async () => due.every((k) => journaled().has(k)), 180_000);
      await network.stopDaemon(name, "SIGKILL");
      await network.cutResults(false);
      await network.startDaemon(name);
      log(`epoch ${epoch}: ${name}'s daemon is killed (SIGKILL) with ${due.length} results journaled and queued on disk, and restarted: it sends them, signing nothing again`);
    };
    /** The attacker holding license 5's operator key signs the opposite of each verdict its daemon signed. */
    const equivocate = async (epoch: number) => {
      const target = Number(Object.entries(BEHAVIOURS).find(([, b]) => b === "equivocating")![0]);
      const name = operatorOf(target);
      if (!licensesOf.has(name)) return;
      const wallet = new Wallet(operatorKey(name));
      const second: SignedResult[] = [];
      for (const line of network.journal(name)) {
        const r = line.signed.result;
        if (Number(r.epoch) !== epoch || Number(r.licenseId) !== target) continue;
        const verdict = r.verdict === Verdict.Pass ? Verdict.Fail : Verdict.Pass;
        second.push(await signResult(wallet, domain, { epoch: BigInt(epoch), job: r.job, container: r.container, licenseId: BigInt(target), verdict, metricsHash: id(`forged-${epoch}/${r.job}:${target}`) }));
      }
      if (!second.length) return;
      const answer = await postResults(server.url, second);
      log(`epoch ${epoch}: an attacker with license ${target}'s operator key POSTs the opposite of its ${second.length} verdicts: ${answer.equivocations} taken as equivocations, rejected ${JSON.stringify(answer.rejected)}`);
    };

    for (let epoch = 0; epoch <= lastEpoch; epoch++) {
      if (epoch >= firstEpoch && work.jobs[epoch] === undefined) await prepare(epoch);
      // the next epoch's assignment is posted before this one ends, 12 hours before the next starts
      if (epoch + 1 >= firstEpoch && epoch + 1 <= lastEpoch) await prepare(epoch + 1);
      if (epoch >= firstEpoch) {
        if (epoch === firstEpoch + 1 && licensesOf.has(KILLED_OPERATOR)) await killAndRestart(epoch);
        await awaitResults(epoch);
        if (epoch > firstEpoch) await equivocate(epoch);
        work.network.tallies[epoch] = {};
        for (const name of Object.keys(work.network.operators)) work.network.tallies[epoch][name] = await tallyOf(name, epoch);
        work.network.offline[epoch] = Object.keys(work.network.operators).filter((n) => !network.isRunning(n));
      }
      if (epoch + 1 >= firstEpoch && epoch + 1 <= lastEpoch) await faultsFor(epoch + 1);
      // after the previous root's challenge window, which ends about when this epoch does
      const previous = epoch > 0 ? await referee.roots(epoch - 1) : null;
      await setTime(Math.max(start(epoch + 1), previous ? Number(previous.finalAt) : 0));
      // the flaky daemon comes back once its missed epoch is over by the chain's clock (back earlier, it would still
      // check the epoch it is meant to miss)
      if (epoch + 1 === firstEpoch + 2 && licensesOf.has("flaky")) {
        await network.startDaemon("flaky");
        log(`the flaky operator's daemon is back in epoch ${epoch + 1}`);
      }
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
      work.down[epoch] ??= [];
      const { report } = await runEpoch({ provider, manifest, referee: refereeKey, epoch, inputDir: outDir, outDir, proveFailedJobs: true, log, intake: server });
      work.reports.push(report);
      await options.afterEpoch?.(epoch, report);
    }
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
