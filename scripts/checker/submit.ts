// Sends signed results to the referee's POST /results in batches. Idempotent on our side (a result is re-sent until
// a batch containing it is answered 200, and the referee stores a result once by job and license); retried with
// exponential backoff on a network error or a 5xx; a 4xx answer is the referee refusing the batch itself.
import type { SignedResult } from "../lib/check-results.js";

/** The referee's answer to one result of a batch. */
export interface ResultAnswer {
  status: "accepted" | "duplicate" | "equivocation" | "refused";
  reason?: string;
  sentence?: string;
}

export interface BatchAnswer {
  accepted: number;
  rejected: Record<string, number>;
  /** One per result sent, in order. */
  results: ResultAnswer[];
}

/** Refusals that are the referee's momentary trouble, not the result's: the result is sent again next round. */
export const RETRIED_REFUSALS = new Set(["store-failed"]);

export class RefereeUnreachable extends Error {}

const body = (results: SignedResult[]) => JSON.stringify(results, (_, v) => (typeof v === "bigint" ? v.toString() : v));

/** One POST, retried `attempts` times with backoff from `baseMs`, doubling up to 30 s. */
export async function postBatch(refereeUrl: string, results: SignedResult[], attempts = 3, baseMs = 500): Promise<BatchAnswer> {
  let last = "";
  for (let a = 0; a < attempts; a++) {
    if (a > 0) await new Promise((r) => setTimeout(r, Math.min(30_000, baseMs * 2 ** (a - 1))));
    try {
      const res = await fetch(`${refereeUrl}/results`, { method: "POST", headers: { "content-type": "application/json" }, body: body(results), signal: AbortSignal.timeout(60_000) });
      if (res.status >= 500) {
        last = `the referee answered ${res.status}`;
        continue;
      }
      const json = (await res.json()) as BatchAnswer & { error?: string };
      if (!res.ok) throw new Error(`the referee refused the batch: ${json.error ?? res.status}`);
      return { accepted: json.accepted, rejected: json.rejected ?? {}, results: Array.isArray(json.results) ? json.results : [] };
    } catch (e) {
      if ((e as Error).message.startsWith("the referee refused")) throw e;
      last = (e as Error).name === "TimeoutError" ? "the referee did not answer in time" : `the referee is unreachable (${(e as Error).message})`;
    }
  }
  throw new RefereeUnreachable(last);
}
