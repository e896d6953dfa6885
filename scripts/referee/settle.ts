// One epoch's settlement (SPEC §5), as a pure function of the epoch's jobs, its verified votes, the licenses' chain
// state and the referee's state carried from earlier epochs. No I/O: the service feeds it, the benchmark times it,
// the tests check it against the contracts.
//
// Rules (decisions in docs/decisions.md):
// - a job's verdict is the one at least N + 1 of its 2N + 1 assigned licenses gave; without such a majority (silent
//   licenses and a split) the job is void: nobody earns or is in the minority for it;
// - a license earns one correct task per job where it voted with the majority; the minority and the silent earn
//   nothing; a license that signed both verdicts of a job (equivocation) counts as silent there and is banned on chain;
// - 2 or more minority results within 7 epochs (this one and the 6 before) stop the license's earnings for 30 epochs,
//   starting with this one;
// - the epoch's base pot is split by correct tasks: share = pot * correct / all correct tasks, rounded down; the pot
//   is everything the base pool released by the epoch's end plus everything returned to the checker pools by the
//   settlement (`returned`: the pools' `returned` and the claims contract's pending returns), minus all base rewards
//   paid in earlier epochs. So the shares of licenses that may not earn (earnings stopped, banned on chain,
//   transferred during the epoch), the rounding remainder, an epoch without jobs and every returned token are paid
//   again by the next epoch settled (the root's cap, released + returned, is exactly what this can reach);
// - earnings go to the license's owner during the epoch (a license transferred during the epoch earns nothing for it);
// - when a bonus quarter ends within the epoch, its pot (the bonus pool's release by then minus all bonus paid before)
//   is split pro rata to the base rewards each (license, owner)
//   earned in that quarter, rounded down; from the fifth quarter only licenses with more than 95% uptime (results
//   given / jobs assigned in the quarter) take part.
import { baseUnlockedAt, bonusUnlockedAt, epochEnd, quarterEndingIn, quarterOf, type CheckerSchedule } from "./schedule.js";

export const MINORITY_WINDOW = 7; // epochs
export const MINORITY_LIMIT = 2;
export const EARNINGS_STOP = 30; // epochs
export const UPTIME_QUARTER_FROM = 4; // 0-based: the fifth quarter
export const UPTIME_MIN_BPS = 9_500n; // strictly more than 95%

export enum Verdict {
  Pass = 1,
  Fail = 2,
}

/** A job of the epoch: its 2N + 1 assigned licenses. */
export interface Job {
  jobId: string;
  licenses: number[];
}

/** A verified vote: the signature and signer were checked at ingest. */
export interface Vote {
  jobId: string;
  licenseId: number;
  verdict: Verdict;
}

/** What the chain says about licenses during the epoch. */
export interface LicenseView {
  /** The owner during the whole epoch (lower-case), or null if the license changed hands in it or doesn't exist. */
  ownerDuring(licenseId: number): string | null;
  /** Whether an on-chain ban covered any of the epoch. */
  bannedDuring(licenseId: number): boolean;
}

/** Carried from epoch to epoch (JSON-serializable). */
export interface RefereeState {
  /** The next epoch to settle. */
  epoch: number;
  /** account -> cumulative amount (decimal string), the leaves of the cumulative tree. */
  cumulative: Record<string, string>;
  /** license -> epochs of its minority results within the window (one entry per result). */
  minority: Record<string, number[]>;
  /** license -> last epoch (inclusive) whose earnings are stopped. */
  stoppedUntil: Record<string, number>;
  /** The running bonus quarter. */
  quarter: number;
  /** "license:owner" -> base rewards earned in the running quarter (decimal string). */
  quarterBase: Record<string, string>;
  /** license -> [results given, jobs assigned] in the running quarter. */
  quarterUptime: Record<string, [number, number]>;
  /** All base and bonus rewards paid so far (decimal strings): what the next pots are reduced by. */
  basePaidTotal: string;
  bonusPaidTotal: string;
}

export function initialState(): RefereeState {
  return { epoch: 0, cumulative: {}, minority: {}, stoppedUntil: {}, quarter: 0, quarterBase: {}, quarterUptime: {}, basePaidTotal: "0", bonusPaidTotal: "0" };
}

export interface LicenseEpoch {
  licenseId: number;
  owner: string | null;
  assigned: number;
  correct: number;
  minority: number;
  missed: number;
  /** Base reward paid for the epoch. */
  earned: bigint;
  /** Why the license earned nothing despite correct tasks, if so. */
  withheld: "stopped" | "banned" | "transferred" | null;
}

export interface JobOutcome {
  jobId: string;
  verdict: Verdict | null;
  pass: number;
  fail: number;
  silent: number;
}

export interface Settlement {
  epoch: number;
  /** The epoch's base pot: its release plus what earlier epochs left and what was returned. */
  emission: bigint;
  totalCorrect: number;
  /** Base rewards paid (sum of licenses' `earned`). */
  basePaid: bigint;
  /** Bonus paid, if a quarter ended within the epoch. */
  bonus: { quarter: number; step: bigint; paid: bigint; eligibleLicenses: number } | null;
  jobs: JobOutcome[];
  licenses: LicenseEpoch[];
  /** Licenses whose earnings stopped in this epoch (second minority result in the window). */
  newlyStopped: number[];
  /** account -> what it earned in this epoch (base + bonus). */
  earned: Map<string, bigint>;
  /** The new cumulative leaves and their total. */
  cumulative: Map<string, bigint>;
  cumulativeTotal: bigint;
  state: RefereeState;
}

/**
 * Settles epoch `state.epoch`. `votes` must hold only verified votes of licenses assigned to their job; a license with
 * two different verdicts for one job is listed in `equivocations` (`jobId:licenseId`) and its votes there are dropped.
 */
export function settleEpoch(
  schedule: CheckerSchedule,
  n: number,
  jobs: Job[],
  votes: Iterable<Vote>,
  view: LicenseView,
  state: RefereeState,
  equivocations: Set<string> = new Set(),
  returned = 0n,
): Settlement {
  const epoch = state.epoch;
  const quorum = 2 * n + 1;
  const stats = new Map<number, LicenseEpoch>();
  const statsOf = (licenseId: number) => {
    let s = stats.get(licenseId);
    if (!s) {
      s = { licenseId, owner: null, assigned: 0, correct: 0, minority: 0, missed: 0, earned: 0n, withheld: null };
      stats.set(licenseId, s);
    }
    return s;
  };

  // votes by job, then each job's majority
  const byJob = new Map<string, Map<number, Verdict>>();
  for (const v of votes) {
    if (equivocations.has(`${v.jobId}:${v.licenseId}`)) continue;
    let m = byJob.get(v.jobId);
    if (!m) byJob.set(v.jobId, (m = new Map()));
    m.set(v.licenseId, v.verdict);
  }
  const outcomes: JobOutcome[] = [];
  let totalCorrect = 0;
  for (const job of jobs) {
    if (job.licenses.length !== quorum) throw new Error(`job ${job.jobId} has ${job.licenses.length} licenses, not ${quorum}`);
    const given = byJob.get(job.jobId) ?? new Map<number, Verdict>();
    let pass = 0;
    let fail = 0;
    for (const l of job.licenses) {
      const v = given.get(l);
      if (v === Verdict.Pass) pass++;
      else if (v === Verdict.Fail) fail++;
    }
    const verdict = pass > n ? Verdict.Pass : fail > n ? Verdict.Fail : null;
    outcomes.push({ jobId: job.jobId, verdict, pass, fail, silent: quorum - pass - fail });
    for (const l of job.licenses) {
      const s = statsOf(l);
      s.assigned++;
      const v = given.get(l);
      if (v === undefined) s.missed++;
      else if (verdict !== null && v === verdict) {
        s.correct++;
        totalCorrect++;
      } else if (verdict !== null) s.minority++;
    }
  }

  // the minority rule, then the base split
  const next: RefereeState = structuredClone(state);
  const newlyStopped: number[] = [];
  for (const [key, epochs] of Object.entries(next.minority)) {
    const kept = epochs.filter((e) => e > epoch - MINORITY_WINDOW);
    if (kept.length) next.minority[key] = kept;
    else delete next.minority[key];
  }
  for (const s of stats.values()) {
    if (s.minority === 0) continue;
    const key = String(s.licenseId);
    const window = [...(next.minority[key] ?? []), ...Array<number>(s.minority).fill(epoch)];
    next.minority[key] = window;
    if (window.length >= MINORITY_LIMIT && (next.stoppedUntil[key] ?? -1) < epoch) newlyStopped.push(s.licenseId);
    if (window.length >= MINORITY_LIMIT) next.stoppedUntil[key] = Math.max(next.stoppedUntil[key] ?? -1, epoch + EARNINGS_STOP - 1);
  }
  for (const [key, until] of Object.entries(next.stoppedUntil)) if (until < epoch) delete next.stoppedUntil[key];

  const basePaidBefore = BigInt(state.basePaidTotal ?? "0");
  const bonusPaidBefore = BigInt(state.bonusPaidTotal ?? "0");
  const available = baseUnlockedAt(schedule, epochEnd(schedule, epoch)) + returned;
  const emission = available > basePaidBefore ? available - basePaidBefore : 0n;
  const earned = new Map<string, bigint>();
  const credit = (account: string, amount: bigint) => {
    if (amount > 0n) earned.set(account, (earned.get(account) ?? 0n) + amount);
  };
  if (quarterOf(schedule, epoch) !== next.quarter) {
    // a quarter without an ending epoch settled here (cannot happen with epochs shorter than a quarter)
    next.quarter = quarterOf(schedule, epoch);
    next.quarterBase = {};
    next.quarterUptime = {};
  }
  let basePaid = 0n;
  for (const s of stats.values()) {
    s.owner = view.ownerDuring(s.licenseId);
    const key = String(s.licenseId);
    const up = next.quarterUptime[key] ?? [0, 0];
    next.quarterUptime[key] = [up[0] + s.assigned - s.missed, up[1] + s.assigned];
    if (s.correct === 0 || totalCorrect === 0) continue;
    if ((next.stoppedUntil[key] ?? -1) >= epoch) s.withheld = "stopped";
    else if (view.bannedDuring(s.licenseId)) s.withheld = "banned";
    else if (s.owner === null) s.withheld = "transferred";
    if (s.withheld) continue;
    s.earned = (emission * BigInt(s.correct)) / BigInt(totalCorrect);
    basePaid += s.earned;
    credit(s.owner!, s.earned);
    const pair = `${s.licenseId}:${s.owner}`;
    next.quarterBase[pair] = (BigInt(next.quarterBase[pair] ?? "0") + s.earned).toString();
  }

  // the quarter's bonus, if its step unlocks within this epoch
  let bonus: Settlement["bonus"] = null;
  const ending = quarterEndingIn(schedule, epoch);
  if (ending) {
    const eligible = Object.entries(next.quarterBase).filter(([pair]) => {
      if (ending.quarter < UPTIME_QUARTER_FROM) return true;
      const [given, assigned] = next.quarterUptime[pair.split(":")[0]] ?? [0, 0];
      return assigned > 0 && BigInt(given) * 10_000n > UPTIME_MIN_BPS * BigInt(assigned);
    });
    const total = eligible.reduce((sum, [, v]) => sum + BigInt(v), 0n);
    const unlockedBonus = bonusUnlockedAt(schedule, epochEnd(schedule, epoch));
    const pot = unlockedBonus > bonusPaidBefore ? unlockedBonus - bonusPaidBefore : 0n;
    let paid = 0n;
    if (total > 0n) {
      for (const [pair, v] of eligible) {
        const amount = (pot * BigInt(v)) / total;
        paid += amount;
        credit(pair.slice(pair.indexOf(":") + 1), amount);
      }
    }
    bonus = { quarter: ending.quarter, step: pot, paid, eligibleLicenses: new Set(eligible.map(([p]) => p.split(":")[0])).size };
    next.quarter = ending.quarter + 1;
    next.quarterBase = {};
    next.quarterUptime = {};
  }

  const cumulative = new Map<string, bigint>(Object.entries(state.cumulative).map(([a, v]) => [a, BigInt(v)]));
  for (const [account, amount] of earned) cumulative.set(account, (cumulative.get(account) ?? 0n) + amount);
  let cumulativeTotal = 0n;
  for (const v of cumulative.values()) cumulativeTotal += v;
  next.cumulative = Object.fromEntries([...cumulative].map(([a, v]) => [a, v.toString()]));
  next.epoch = epoch + 1;
  next.basePaidTotal = (basePaidBefore + basePaid).toString();
  next.bonusPaidTotal = (bonusPaidBefore + (bonus?.paid ?? 0n)).toString();
  return {
    epoch, emission, totalCorrect, basePaid, bonus, jobs: outcomes,
    licenses: [...stats.values()].sort((a, b) => a.licenseId - b.licenseId),
    newlyStopped, earned, cumulative, cumulativeTotal, state: next,
  };
}
