// Commander argument parsers for `npm run cli`: each refuses a bad value with a sentence before any chain call, so a
// typo never reaches ethers (whose errors for a non-address are about ENS) or the contracts (whose errors are reverts).
import { InvalidArgumentError } from "commander";
import { getAddress, isAddress, parseEther } from "ethers";

/** An Ethereum address, checksummed; names (ENS) are refused, not resolved. */
export const address = (flag: string) => (value: string): string => {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value) || !isAddress(value))
    throw new InvalidArgumentError(`${flag} must be an address (0x followed by 40 hex digits); got "${value}".`);
  return getAddress(value.toLowerCase());
};

/** An ATH amount in ATH (not wei): greater than 0, at most 18 decimals. */
export const athAmount = (flag: string) => (value: string): bigint => {
  if (!/^\d+(\.\d{1,18})?$/.test(value))
    throw new InvalidArgumentError(`${flag} must be a positive ATH amount with at most 18 decimals, such as 1000 or 2.5; got "${value}".`);
  const wei = parseEther(value);
  if (wei === 0n) throw new InvalidArgumentError(`${flag} must be greater than 0; got "${value}".`);
  return wei;
};

/** A whole number within [min, max]. */
export const integer = (flag: string, min: number, max: number, unit = "") => (value: string): number => {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}${unit ? " " + unit : ""}; got "${value}".`);
  return n;
};

/** An id (a license, position, pool, slash): a non-negative whole number. */
export const id = (flag: string) => (value: string): bigint => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${flag} must be a whole number; got "${value}".`);
  return BigInt(value);
};

export const MAX_RANGE = 10_000n;

/** A list of ids and ranges, such as 1,2,5-9; a range runs upwards and spans at most 10,000 ids. */
export const idList = (flag: string) => (value: string): bigint[] => {
  const ids: bigint[] = [];
  for (const part of value.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new InvalidArgumentError(`${flag} must be ids and ranges such as 1,2,5-9; got "${value}".`);
    const a = BigInt(m[1]);
    const b = m[2] === undefined ? a : BigInt(m[2]);
    if (b < a) throw new InvalidArgumentError(`${flag} has the range "${part.trim()}" running downwards; write it low-high, such as ${b}-${a}.`);
    if (b - a >= MAX_RANGE) throw new InvalidArgumentError(`${flag} has the range "${part.trim()}" of more than ${MAX_RANGE} ids; split it.`);
    for (let i = a; i <= b; i++) ids.push(i);
  }
  return ids;
};

/** The claim's vesting option: 180 days (100%) or 30 days (25%, the rest returns to the pool). */
export const vestingOption = (value: string): 180 | 30 => {
  if (value !== "180" && value !== "30") throw new InvalidArgumentError(`--option must be 180 or 30 (days of vesting); got "${value}".`);
  return value === "180" ? 180 : 30;
};

/** One of a fixed set of words. */
export const oneOf = <T extends string>(flag: string, choices: readonly T[]) => (value: string): T => {
  if (!choices.includes(value as T)) throw new InvalidArgumentError(`${flag} must be one of ${choices.join(", ")}; got "${value}".`);
  return value as T;
};

/** A two-letter country code (ISO 3166-1 alpha-2). */
export const country = (flag: string) => (value: string): string => {
  if (!/^[A-Za-z]{2}$/.test(value)) throw new InvalidArgumentError(`${flag} must be a two-letter country code such as DE; got "${value}".`);
  return value.toUpperCase();
};
