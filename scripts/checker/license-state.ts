// Each license's state as the operator sees it, in one place: what the chain says (delegated to this operator and
// until when, the delegation expired, banned and until when, no longer delegated here) merged with what the referee's
// minority rule says (GET /licenses/<id>: minority results in the window, earnings stopped and until when, the last
// settled epoch's line), and the sentence `status` and the log show for it. Owners' top complaint is rewards lower
// than expected with no reason shown: the sentence gives the reason.
import { formatAth, formatCount, formatDate } from "../lib/format.js";
import type { LicenseStanding } from "../referee/license-standing.js";
import type { DelegatedLicense } from "./licenses.js";

const DAY = 86_400;

/** The parts of the referee's standing a status keeps (the last settled epoch's line only). */
export interface Standing {
  settledThrough: number | null;
  minorityEpochs: number[];
  stopped: LicenseStanding["stopped"];
  last: LicenseStanding["epochs"][number] | null;
  rule: LicenseStanding["rule"];
}

export type LicenseStateName = "delegated" | "stopped" | "banned" | "expired" | "undelegated";

export interface LicenseState {
  id: number;
  /**
   * delegated: checked and earning; stopped: checked (its verdicts still count for the majority) but its earnings are
   * stopped by the minority rule; banned: not checked while the on-chain ban lasts; expired: the delegation to this
   * operator ended; undelegated: it was delegated here and no longer is (revoked or transferred).
   */
  state: LicenseStateName;
  /** The delegation's end (Unix seconds); null once undelegated. */
  expires: number | null;
  /** The on-chain ban's end (Unix seconds, inclusive), if one is in force. */
  bannedUntil: number | null;
  /** Since when it is no longer delegated here (Unix seconds, as this daemon first saw it). */
  since: number | null;
  /** The referee's minority rule on it; null when the referee could not say (unreachable, older referee). */
  standing: Standing | null;
  sentence: string;
}

class Unreachable extends Error {}

/** The referee's standing of one license; null when it can't say (no such route: an older referee). */
export async function fetchStanding(refereeUrl: string, licenseId: number): Promise<Standing | null> {
  let res: Response;
  try {
    res = await fetch(`${refereeUrl}/licenses/${licenseId}`, { signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new Unreachable((e as Error).message);
  }
  if (!res.ok) return null;
  const s = (await res.json()) as LicenseStanding;
  return { settledThrough: s.settledThrough, minorityEpochs: s.minorityEpochs, stopped: s.stopped, last: s.epochs[0] ?? null, rule: s.rule };
}

/**
 * Standings of many licenses, `concurrency` requests at a time; every one null (unknown) once the referee fails to
 * answer at all, so an unreachable referee costs one timeout, not one per license.
 */
export async function fetchStandings(refereeUrl: string, ids: number[], concurrency = 16): Promise<Map<number, Standing | null>> {
  const out = new Map<number, Standing | null>(ids.map((id) => [id, null]));
  let next = 0;
  let down = false;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
      while (next < ids.length && !down) {
        const id = ids[next++];
        try {
          out.set(id, await fetchStanding(refereeUrl, id));
        } catch (e) {
          if (!(e instanceof Unreachable)) throw e;
          down = true;
        }
      }
    }),
  );
  return out;
}

const epochs = (list: number[]) => (list.length === 1 ? `epoch ${list[0]}` : `epochs ${list.join(", ")}`);
const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;

/** What the minority rule says, as one or two sentences (empty when the referee could not say). */
function ruleSentence(s: Standing | null, now: number): string {
  if (!s) return " The referee could not say what the minority rule says of it (unreachable, or an older referee).";
  let out = "";
  if (s.stopped?.active) {
    out += ` Its earnings are stopped by the minority rule (${s.rule.limit} or more minority results within ${s.rule.windowEpochs} epochs) from epoch ${formatCount(s.stopped.fromEpoch)} (${formatDate(Date.parse(s.stopped.from) / 1000, now)}) to the end of epoch ${formatCount(s.stopped.untilEpoch)} (${formatDate(Date.parse(s.stopped.until) / 1000, now)}): it is still checked and its verdicts still count for the majority, but it earns nothing until then.`;
  } else if (s.minorityEpochs.length) {
    out += ` Minority rule: ${plural(s.minorityEpochs.length, "minority result")} in the window (${epochs(s.minorityEpochs)}); ${s.rule.limit} within ${s.rule.windowEpochs} epochs stop its earnings for ${s.rule.stopEpochs} epochs.`;
  }
  if (s.last) {
    const l = s.last;
    const why = l.withheld === "stopped" ? " (withheld: earnings stopped by the minority rule)" : l.withheld === "banned" ? " (withheld: banned during the epoch)" : l.withheld === "transferred" ? " (withheld: transferred during the epoch)" : "";
    out += ` Epoch ${formatCount(l.epoch)} (settled): ${formatCount(l.correct)} of ${plural(l.assigned, "job")} with the majority, ${formatCount(l.minority)} in the minority, ${formatCount(l.missed)} missed; earned ${formatAth(BigInt(l.earned))} ATH${why}.`;
  } else if (s.settledThrough === null) out += " No epoch is settled yet.";
  return out;
}

/** The sentence shown for a license, dates relative to the chain's time `now` (Unix seconds). */
export function licenseSentence(l: Omit<LicenseState, "sentence">, now: number): string {
  switch (l.state) {
    case "delegated":
      return `License ${l.id} is delegated to this operator until ${formatDate(l.expires!, now)} and is checked.${ruleSentence(l.standing, now)}`;
    case "stopped":
      return `License ${l.id} is delegated to this operator until ${formatDate(l.expires!, now)}.${ruleSentence(l.standing, now)}`;
    case "banned":
      return `License ${l.id} is banned on chain until ${formatDate(l.bannedUntil!, now)}: it is not checked and earns nothing while the ban lasts.${ruleSentence(l.standing, now)}`;
    case "expired":
      return `License ${l.id}'s delegation to this operator expired on ${formatDate(l.expires!, now)}: it is not checked; its owner can delegate it again with \`npm run cli -- delegate\`.`;
    case "undelegated":
      return `License ${l.id} is no longer delegated to this operator (revoked or transferred; seen ${formatDate(l.since!, now)}): it is not checked; its owner can delegate it again with \`npm run cli -- delegate\`.`;
  }
}

/** How long a license no longer delegated here stays listed. */
export const UNDELEGATED_KEPT = 30 * DAY;

/**
 * Every license's state: those found delegated to this operator (with the referee's standing of each) and those that
 * were before and no longer are (`previous`, e.g. read back from status.json), kept for UNDELEGATED_KEPT.
 */
export function licenseStates(found: DelegatedLicense[], standings: Map<number, Standing | null>, previous: LicenseState[], now: number): LicenseState[] {
  const out: LicenseState[] = [];
  const seen = new Set<number>();
  for (const l of found) {
    seen.add(l.id);
    const standing = standings.get(l.id) ?? null;
    const state: LicenseStateName = l.state === "delegated" && standing?.stopped?.active ? "stopped" : l.state;
    const x = { id: l.id, state, expires: l.expires, bannedUntil: l.bannedUntil || null, since: null, standing };
    out.push({ ...x, sentence: licenseSentence(x, now) });
  }
  for (const p of previous) {
    if (seen.has(p.id)) continue;
    // over RPC an expired delegation is simply gone: what was known of it says whether it expired
    if (p.expires !== null && p.expires < now && p.state !== "undelegated") {
      if (now - p.expires > UNDELEGATED_KEPT) continue;
      const x = { ...p, state: "expired" as const, bannedUntil: null, standing: null };
      out.push({ ...x, sentence: licenseSentence(x, now) });
      continue;
    }
    const since = p.state === "undelegated" && p.since !== null ? p.since : now;
    if (now - since > UNDELEGATED_KEPT) continue;
    const x = { id: p.id, state: "undelegated" as const, expires: null, bannedUntil: null, since, standing: null };
    out.push({ ...x, sentence: licenseSentence(x, now) });
  }
  return out.sort((a, b) => a.id - b.id);
}

/** Whether the daemon checks a license in this state. */
export const checked = (s: LicenseStateName) => s === "delegated" || s === "stopped";
