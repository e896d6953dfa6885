// The query and path parameters of the REST endpoints, validated in one place: a bad value answers 400 with one
// sentence naming the parameter, what it must be and what was given ({"error": "limit must be … ; got \"abc\""}),
// instead of a silent fallback.
import type { Context } from "hono";

/** A parameter the caller got wrong; `withParams` answers it as 400. */
export class ParamError extends Error {}

const got = (raw: string) => `got ${JSON.stringify(raw)}`;

export const MAX_LIMIT = 1000;
const MAX_UINT64 = (1n << 64n) - 1n;

/** `?limit=` (and `?transfers=`): a whole number from 1 to 1,000; `fallback` when absent. */
export function limitParam(c: Context, name: string, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LIMIT) {
    throw new ParamError(`${name} must be a whole number from 1 to ${MAX_LIMIT}; ${got(raw)}`);
  }
  return Number(raw);
}

/** `?at=`: unix seconds (a whole number); `fallback` when absent. */
export function unixTimeParam(c: Context, name: string, fallback: bigint): bigint {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,12}$/.test(raw)) throw new ParamError(`${name} must be a unix time in seconds (a whole number, e.g. 1767225600); ${got(raw)}`);
  return BigInt(raw);
}

/** `?from=` / `?to=`: a UTC date (YYYY-MM-DD) or a unix day number (days since 1970-01-01); `fallback` when absent. */
export function dayParam(c: Context, name: string, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  if (/^\d{1,6}$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const ms = Date.parse(`${raw}T00:00:00Z`);
    // Date.parse rolls 2026-02-30 over to March; only a date that prints back as itself is one
    if (!Number.isNaN(ms) && new Date(ms).toISOString().startsWith(raw)) return ms / 86_400_000;
  }
  throw new ParamError(`${name} must be a UTC date (YYYY-MM-DD) or a unix day number (e.g. 20454); ${got(raw)}`);
}

/** `:address`: 0x and 40 hex digits (any case); returned lower-case, as the tables store addresses. */
export function addressParam(c: Context, name: string): `0x${string}` {
  const raw = c.req.param(name) ?? "";
  if (!/^0x[0-9a-fA-F]{40}$/.test(raw)) throw new ParamError(`${name} must be an address, 0x followed by 40 hex digits; ${got(raw)}`);
  return raw.toLowerCase() as `0x${string}`;
}

/** `:epoch`: a whole number from 0 to 2^64 - 1 (the contracts' uint64). */
export function epochParam(c: Context, name: string): bigint {
  const raw = c.req.param(name) ?? "";
  if (!/^\d{1,20}$/.test(raw) || BigInt(raw) > MAX_UINT64) throw new ParamError(`${name} must be a whole number from 0 to ${MAX_UINT64}; ${got(raw)}`);
  return BigInt(raw);
}

/** Wraps a route so that a ParamError thrown while reading its parameters answers 400 with its sentence. */
export function withParams(handler: (c: Context) => Promise<Response>): (c: Context) => Promise<Response> {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof ParamError) return c.json({ error: error.message }, 400);
      throw error;
    }
  };
}

/** `?offset=`: a whole number from 0 to 1,000,000; 0 when absent. */
export function offsetParam(c: Context, name: string): number {
  const raw = c.req.query(name);
  if (raw === undefined) return 0;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > 1_000_000) throw new ParamError(`${name} must be a whole number from 0 to 1,000,000; ${got(raw)}`);
  return Number(raw);
}

/** `:id` of a governance proposal: a decimal uint256. */
export function proposalIdParam(c: Context, name: string): bigint {
  const raw = c.req.param(name) ?? "";
  if (!/^\d{1,78}$/.test(raw) || BigInt(raw) >= 1n << 256n) throw new ParamError(`${name} must be a proposal id, a whole number below 2^256 (decimal); ${got(raw)}`);
  return BigInt(raw);
}
