// The probes a checker runs against one container's agent (scripts/container/agent.ts), and the verdict they give.
//
//   liveness  GET /health answers 200 with the container id the job names. Proves: something answers at the URL the
//             checker was given, claiming that container. Does not prove: that it is the registered machine.
//   latency   the median round trip of 3 GET /ping. Proves: how fast this checker reaches the endpoint now. Does not
//             prove: the QoE a user would get while rendering (that needs a stream, not a ping).
//   compute   a random matrix product checked with Freivalds' test (freivalds.ts says what it proves and not).
// Pass = live, the right id, median latency within `maxLatencyMs`, and a correct product within the timeout.
import { keccak256, toUtf8Bytes } from "ethers";
import { Verdict } from "../lib/check-results.js";
import { freivalds, randomMatrix, ROUNDS } from "./freivalds.js";
import type { Measured } from "./journal.js";

export interface ProbeOptions {
  maxLatencyMs: number;
  timeoutMs: number;
  /** Side of the challenge matrices. */
  n: number;
}

export const DEFAULT_PROBES: ProbeOptions = { maxLatencyMs: 1_000, timeoutMs: 5_000, n: 64 };

async function get(url: string, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

export async function probe(url: string, container: string, o: ProbeOptions = DEFAULT_PROBES): Promise<{ verdict: Verdict; measured: Measured }> {
  const base = url.replace(/\/$/, "");
  const fail = (measured: Measured) => ({ verdict: Verdict.Fail, measured });
  try {
    const health = (await get(`${base}/health`, o.timeoutMs)) as { container?: string };
    if (String(health.container).toLowerCase() !== container.toLowerCase()) {
      return fail({ live: true, latencyMs: null, challenge: null, reason: `the endpoint answers for container ${health.container}, not ${container}` });
    }
  } catch (e) {
    return fail({ live: false, latencyMs: null, challenge: null, reason: `not live: ${(e as Error).message}` });
  }
  const rtts: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await get(`${base}/ping`, o.timeoutMs);
      rtts.push(performance.now() - t0);
    }
  } catch (e) {
    return fail({ live: true, latencyMs: null, challenge: null, reason: `ping failed: ${(e as Error).message}` });
  }
  const latencyMs = Math.round(rtts.sort((a, b) => a - b)[1]);
  const a = randomMatrix(o.n);
  const b = randomMatrix(o.n);
  let passed = false;
  let why = "";
  try {
    const res = await fetch(`${base}/challenge`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ n: o.n, a, b }),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    passed = freivalds(a, b, ((await res.json()) as { c?: unknown }).c);
    if (!passed) why = "wrong matrix product (Freivalds' test)";
  } catch (e) {
    why = `challenge failed: ${(e as Error).message}`;
  }
  const challenge = { n: o.n, rounds: ROUNDS, passed };
  if (!passed) return fail({ live: true, latencyMs, challenge, reason: why });
  if (latencyMs > o.maxLatencyMs) return fail({ live: true, latencyMs, challenge, reason: `latency ${latencyMs} ms above ${o.maxLatencyMs} ms` });
  return { verdict: Verdict.Pass, measured: { live: true, latencyMs, challenge, reason: "ok" } };
}

/** The metrics hash a result commits to: keccak256 of the canonical JSON of what was measured for that job. */
export function metricsHash(epoch: number, job: number, container: string, m: Measured): string {
  const canonical = JSON.stringify({ epoch, job, container: container.toLowerCase(), live: m.live, latencyMs: m.latencyMs, challenge: m.challenge, reason: m.reason });
  return keccak256(toUtf8Bytes(canonical));
}
