// Per-license state, end to end in one process: the referee settles two epochs (settle.ts) in which license 3 ends
// in the minority twice (its earnings stop) and license 4 once; the referee's GET /licenses/<id> serves what the
// minority rule says from its state and reports; a checker daemon (in-process, over the in-process chain) reads it
// with the chain's delegations and bans and shows each license's state in its status, its log and /metrics:
// delegated, stopped by the minority rule, banned, expired, no longer delegated, each with its dates.
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet, ZeroAddress, id, type JsonRpcProvider, type Provider } from "ethers";
import { refereeFixture } from "./referee-fixture.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { freePort } from "../../scripts/lib/local-stack.js";
import { startRefereeServer, type RefereeServer } from "../../scripts/referee/server.js";
import { EARNINGS_STOP, initialState, settleEpoch, Verdict, type Job, type RefereeState, type Vote } from "../../scripts/referee/settle.js";
import type { CheckerSchedule } from "../../scripts/referee/schedule.js";
import type { LicenseStanding } from "../../scripts/referee/license-standing.js";
import { CheckerDaemon } from "../../scripts/checker/daemon.js";
import { fetchStandings, licenseStates } from "../../scripts/checker/license-state.js";
import { checkerMetrics } from "../../scripts/checker/metrics.js";
import { DEFAULT_PROBES } from "../../scripts/checker/probes.js";

const DAY = 86_400;
const iso = (t: number) => new Date(t * 1000).toISOString();

describe("Per-license state: the minority rule from the referee, shown by the checker", function () {
  this.timeout(120_000);
  let server: RefereeServer;
  let provider: Provider;
  let manifest: Manifest;
  let dir: string;
  let tge = 0;
  let advance: (t: number) => Promise<void>;
  let delegate: (ids: number[], to: string, expires: number) => Promise<void>;
  let banLicense: (l: number, until: number) => Promise<void>;
  const operator = new Wallet(id("state-operator"));
  const earned: Record<number, Record<number, bigint>> = {};

  before(async () => {
    const f = await refereeFixture();
    ({ provider, manifest, tge, advance, banLicense, delegate } = f);
    const { owner } = f.signers;

    // the settled epochs, as runEpoch leaves them: state.json and each epoch's report
    dir = mkdtempSync(join(tmpdir(), "license-state-"));
    const schedule: CheckerSchedule = {
      tge,
      base: { allocation: 4_200_000_000n * 10n ** 18n, start: tge, duration: 4 * 365 * DAY },
      bonus: { allocation: 2_100_000_000n * 10n ** 18n, start: tge, stepDuration: 90 * DAY, steps: 16 },
    };
    const vote = (jobId: string, licenseId: number, verdict: Verdict): Vote => ({ jobId, licenseId, verdict });
    const epochs: { jobs: Job[]; votes: Vote[] }[] = [
      // epoch 0: license 3 alone says Fail
      { jobs: [{ jobId: "a0", licenses: [1, 2, 3] }], votes: [vote("a0", 1, Verdict.Pass), vote("a0", 2, Verdict.Pass), vote("a0", 3, Verdict.Fail)] },
      // epoch 1: license 3 in the minority again (stopped from this epoch: its correct task in c1 is withheld),
      // license 4 in the minority once
      {
        jobs: [{ jobId: "a1", licenses: [1, 2, 3] }, { jobId: "b1", licenses: [1, 2, 4] }, { jobId: "c1", licenses: [2, 3, 4] }],
        votes: [
          vote("a1", 1, Verdict.Pass), vote("a1", 2, Verdict.Pass), vote("a1", 3, Verdict.Fail),
          vote("b1", 1, Verdict.Fail), vote("b1", 2, Verdict.Fail), vote("b1", 4, Verdict.Pass),
          vote("c1", 2, Verdict.Pass), vote("c1", 3, Verdict.Pass), vote("c1", 4, Verdict.Pass),
        ],
      },
    ];
    let state: RefereeState = initialState();
    for (const [e, { jobs, votes }] of epochs.entries()) {
      const s = settleEpoch(schedule, 1, jobs, votes, { ownerDuring: () => owner.address.toLowerCase(), bannedDuring: () => false }, state);
      state = s.state;
      earned[e] = Object.fromEntries(s.licenses.map((l) => [l.licenseId, l.earned]));
      const report = { epoch: e, newlyStopped: s.newlyStopped, licenses: s.licenses.map((l) => ({ ...l, earned: l.earned.toString() })) };
      writeFileSync(join(dir, `epoch-${e}.report.json`), JSON.stringify(report));
    }
    writeFileSync(join(dir, "state.json"), JSON.stringify(state));
    await advance(tge + 2 * DAY + 600);
    server = await startRefereeServer({ provider, manifest, inputDir: dir, outDir: dir, port: await freePort(), chainTtlMs: 0 });
  });

  after(async () => {
    await server?.close();
  });

  const standing = async (licenseId: number | string) => {
    const res = await fetch(`${server.url}/licenses/${licenseId}`);
    return { status: res.status, body: (await res.json()) as LicenseStanding & { error?: string } };
  };

  it("the referee serves a stopped license's minority results, the stop's epochs and dates, and its settled lines", async () => {
    const { status, body } = await standing(3);
    expect(status).to.equal(200);
    expect(body.licenseId).to.equal(3);
    expect([body.settledThrough, body.epoch]).to.deep.equal([1, 2]);
    expect(body.rule).to.deep.equal({ windowEpochs: 7, limit: 2, stopEpochs: 30 });
    expect(body.minorityEpochs).to.deep.equal([0, 1]);
    expect(body.stopped).to.deep.equal({ fromEpoch: 1, untilEpoch: EARNINGS_STOP, from: iso(tge + DAY), until: iso(tge + (EARNINGS_STOP + 1) * DAY), active: true });
    expect(body.epochs.map((l) => [l.epoch, l.assigned, l.correct, l.minority, l.earned, l.withheld])).to.deep.equal([
      [1, 2, 1, 1, "0", "stopped"],
      [0, 1, 0, 1, "0", null],
    ]);
  });

  it("serves a license with one minority result as not stopped, one with none as clean, and refuses a bad id with a sentence", async () => {
    const four = (await standing(4)).body;
    expect([four.minorityEpochs, four.stopped]).to.deep.equal([[1], null]);
    expect(four.epochs.map((l) => [l.epoch, l.correct, l.minority, l.earned])).to.deep.equal([[1, 1, 1, earned[1][4].toString()]]);
    expect(earned[1][4] > 0n).to.equal(true);
    const two = (await standing(2)).body;
    expect([two.minorityEpochs, two.stopped, two.epochs.map((l) => l.correct)]).to.deep.equal([[], null, [3, 1]]);
    const seven = (await standing(7)).body;
    expect([seven.minorityEpochs, seven.stopped, seven.epochs]).to.deep.equal([[], null, []]);
    for (const bad of ["0", "abc", "1.5", "99999999999999999"]) {
      const r = await standing(bad);
      expect(r.status, bad).to.equal(400);
      expect(r.body.error).to.equal(`A license id is a whole number from 1; got "${bad}".`);
    }
  });

  it("the checker client turns standings into states and sentences, with ATH and dates; an unreachable referee is said so", async () => {
    const now = tge + 2 * DAY + 600;
    const standings = await fetchStandings(server.url, [2, 3, 4]);
    const found = [
      { id: 2, state: "delegated" as const, expires: tge + 400 * DAY, bannedUntil: 0 },
      { id: 3, state: "delegated" as const, expires: tge + 400 * DAY, bannedUntil: 0 },
      { id: 4, state: "banned" as const, expires: tge + 400 * DAY, bannedUntil: tge + 10 * DAY },
    ];
    const previous = [{ id: 9, state: "delegated" as const, expires: tge + 400 * DAY, bannedUntil: null, since: null, standing: null, sentence: "" }];
    const states = licenseStates(found, standings, previous, now);
    expect(states.map((l) => [l.id, l.state])).to.deep.equal([[2, "delegated"], [3, "stopped"], [4, "banned"], [9, "undelegated"]]);
    const day = (t: number) => iso(t).slice(0, 10);
    // epoch 1's pot is one day of the base pool (4.2 billion ATH over 4 years: 2,876,712.33 ATH; epoch 0 paid all of
    // its own), split over 7 correct tasks: license 2 had 3, license 4 one, license 3's one is withheld
    expect(states[0].sentence).to.equal(`License 2 is delegated to this operator until ${day(tge + 400 * DAY)} (in 398 days) and is checked. Epoch 1 (settled): 3 of 3 jobs with the majority, 0 in the minority, 0 missed; earned 1,232,876.7123 ATH.`);
    expect(states[1].sentence).to.equal(
      `License 3 is delegated to this operator until ${day(tge + 400 * DAY)} (in 398 days). Its earnings are stopped by the minority rule (2 or more minority results within 7 epochs) from epoch 1 (${day(tge + DAY)} (1 day ago)) to the end of epoch 30 (${day(tge + 31 * DAY)} (in 29 days)): it is still checked and its verdicts still count for the majority, but it earns nothing until then. Epoch 1 (settled): 1 of 2 jobs with the majority, 1 in the minority, 0 missed; earned 0 ATH (withheld: earnings stopped by the minority rule).`,
    );
    expect(states[2].sentence).to.equal(`License 4 is banned on chain until ${day(tge + 10 * DAY)} (in 8 days): it is not checked and earns nothing while the ban lasts. Minority rule: 1 minority result in the window (epoch 1); 2 within 7 epochs stop its earnings for 30 epochs. Epoch 1 (settled): 1 of 2 jobs with the majority, 1 in the minority, 0 missed; earned 410,958.9041 ATH.`);
    expect(states[3].sentence).to.equal(`License 9 is no longer delegated to this operator (revoked or transferred; seen ${day(now)} (today)): it is not checked; its owner can delegate it again with \`npm run cli -- delegate\`.`);
    // a referee that does not answer: every standing unknown, said so, after one failed request
    const down = await fetchStandings(`http://127.0.0.1:${await freePort()}`, [2, 3]);
    expect([...down.values()]).to.deep.equal([null, null]);
    const unknown = licenseStates(found.slice(1, 2), down, [], now)[0];
    expect([unknown.state, unknown.sentence.endsWith("The referee could not say what the minority rule says of it (unreachable, or an older referee).")]).to.deep.equal(["delegated", true]);
  });

  it("a checker daemon shows each license's state in its status, its log and /metrics, and the changes as they happen", async () => {
    // licenses 1..4 and 7 delegated for a year, 5 banned, 6 delegated until half an hour before the second round
    const until = tge + 400 * DAY;
    await delegate([1, 2, 3, 4, 5, 7], operator.address, until);
    await delegate([6], operator.address, tge + 2 * DAY + 1_800);
    const data = mkdtempSync(join(tmpdir(), "license-state-daemon-"));
    const logs: { level: string; msg: string }[] = [];
    const metrics = checkerMetrics();
    const daemon = new CheckerDaemon({
      wallet: operator, manifest, provider: provider as unknown as JsonRpcProvider, refereeUrl: server.url, endpoints: {}, dataDir: data,
      probes: DEFAULT_PROBES, batchSize: 100, metrics, log: (level, msg) => logs.push({ level, msg }),
    });
    await banLicense(5, tge + 20 * DAY);
    await daemon.round();
    expect(daemon.status.licenses.map((l) => [l.id, l.state])).to.deep.equal([[1, "delegated"], [2, "delegated"], [3, "stopped"], [4, "delegated"], [5, "banned"], [6, "delegated"], [7, "delegated"]]);
    expect(logs.map((l) => l.msg).filter((m) => m.startsWith("License 3 "))).to.have.length(1);
    expect(logs.some((l) => l.level === "warn" && l.msg.startsWith("License 5 is banned on chain until "))).to.equal(true);

    // half an hour after license 6's delegation ended, license 7 revoked: both shown, each said once
    await delegate([7], ZeroAddress, 0);
    await advance(tge + 2 * DAY + 3_600);
    logs.length = 0;
    await daemon.round();
    const states = Object.fromEntries(daemon.status.licenses.map((l) => [l.id, l]));
    expect([states[6].state, states[7].state]).to.deep.equal(["expired", "undelegated"]);
    expect(states[6].sentence).to.equal(`License 6's delegation to this operator expired on ${iso(tge + 2 * DAY + 1_800).slice(0, 10)} (today): it is not checked; its owner can delegate it again with \`npm run cli -- delegate\`.`);
    expect(logs.map((l) => l.msg).filter((m) => m.startsWith("License "))).to.deep.equal([
      states[6].sentence,
      "License 7 is no longer delegated to this operator (revoked, expired or transferred): it is not checked; its owner can delegate it again with `npm run cli -- delegate`.",
    ]);
    const text = await metrics.registry.metrics();
    for (const [state, n] of [["delegated", 3], ["stopped", 1], ["banned", 1], ["expired", 1], ["undelegated", 1]] as const) expect(text).to.include(`checker_licenses{state="${state}"} ${n}`);
    expect(text).to.include(`checker_license_state{license="3",state="stopped"} 1`);
    expect(text).to.include(`checker_license_state{license="6",state="expired"} 1`);
    expect(text).to.not.include(`checker_license_state{license="6",state="delegated"}`);
    expect(text).to.include(`checker_license_minority_results{license="3"} 2`);
    expect(text).to.include(`checker_license_minority_results{license="4"} 1`);

    // a restarted daemon remembers from status.json what is no longer found on chain
    daemon.journal.close();
    const again = new CheckerDaemon({
      wallet: operator, manifest, provider: provider as unknown as JsonRpcProvider, refereeUrl: server.url, endpoints: {}, dataDir: data,
      probes: DEFAULT_PROBES, batchSize: 100, metrics: checkerMetrics(), log: () => {},
    });
    await again.round();
    expect(again.status.licenses.map((l) => [l.id, l.state])).to.deep.equal(daemon.status.licenses.map((l) => [l.id, l.state]));
    again.journal.close();
  });
});
