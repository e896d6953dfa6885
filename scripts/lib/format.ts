// How amounts, times and identifiers are shown to people, by the CLI, the error decoder and (later) the web app: ATH
// with thousands separators, dates as ISO days with the distance from now ("2027-10-28 (in 33 days)"), addresses
// checksummed. Browser-safe: no node: imports, only viem.
import { formatEther, getAddress, hexToBytes, isHex } from "viem";

const WEEK = 7 * 86_400;

/** Thousands separators in a string of digits (a leading "-" kept). */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** An 18-decimal amount with thousands separators and at most `decimals` decimals (trailing zeros dropped). */
export function formatAth(wei: bigint, decimals = 4): string {
  const negative = wei < 0n;
  const [whole, fraction = ""] = formatEther(negative ? -wei : wei).split(".");
  const cut = fraction.slice(0, decimals).replace(/0+$/, "");
  return (negative ? "-" : "") + groupDigits(whole) + (cut ? "." + cut : "");
}

/** A whole number with thousands separators: "100,000". */
export function formatCount(n: bigint | number): string {
  const s = BigInt(n).toString();
  return s.startsWith("-") ? "-" + groupDigits(s.slice(1)) : groupDigits(s);
}

/** "today", "in 3 days", "1 day ago". */
export function relativeDays(unix: bigint | number, now: number = Date.now() / 1000): string {
  const days = Math.round((Number(unix) - now) / 86_400);
  return days === 0 ? "today" : days > 0 ? `in ${days} day${days === 1 ? "" : "s"}` : `${-days} day${days === -1 ? "" : "s"} ago`;
}

/** A Unix time as "2027-10-28 (in 33 days)" relative to `now` (Unix seconds). */
export function formatDate(unix: bigint | number, now: number = Date.now() / 1000): string {
  const t = Number(unix);
  // beyond what Date represents (year 275760): still say something true
  if (!Number.isFinite(t) || Math.abs(t) > 8.64e12) return `timestamp ${formatCount(BigInt(unix))} (out of the calendar's range)`;
  return `${new Date(t * 1000).toISOString().slice(0, 10)} (${relativeDays(t, now)})`;
}

/** A StakingPools week index (week * 7 days = its first second) as "week 2,917 (starts 2025-11-27, in 3 days)". */
export function formatWeek(week: bigint | number, now: number = Date.now() / 1000): string {
  const start = BigInt(week) * BigInt(WEEK);
  return `week ${formatCount(week)} (starts ${formatDate(start, now).replace(" (", ", ").replace(/\)$/, "")})`;
}

/** A duration in seconds as days, hours, minutes or seconds: "7 days", "12 hours", "90 seconds". */
export function formatDuration(seconds: bigint | number): string {
  const s = BigInt(seconds);
  const unit = (n: bigint, what: string) => `${formatCount(n)} ${what}${n === 1n ? "" : "s"}`;
  if (s >= 86_400n && s % 3_600n === 0n) return s % 86_400n === 0n ? unit(s / 86_400n, "day") : unit(s / 3_600n, "hour");
  if (s >= 3_600n && s % 60n === 0n) return s % 3_600n === 0n ? unit(s / 3_600n, "hour") : unit(s / 60n, "minute");
  return unit(s, "second");
}

/** Basis points as a percentage: 1500 -> "15%", 25 -> "0.25%". */
export function formatBps(bps: bigint | number): string {
  const b = BigInt(bps);
  const whole = b / 100n;
  const frac = (b < 0n ? -b : b) % 100n;
  return `${formatCount(whole)}${frac === 0n ? "" : "." + frac.toString().padStart(2, "0").replace(/0$/, "")}%`;
}

/** An address checksummed, shortened to "0x7099…79C8" unless `full`; a known contract's name first. */
export function formatAddress(address: string, names: Record<string, string> = {}, full = false): string {
  const checksummed = checksumOf(address);
  if (checksummed === undefined) return address;
  const shown = full ? checksummed : `${checksummed.slice(0, 6)}…${checksummed.slice(-4)}`;
  const name = names[checksummed.toLowerCase()];
  if (checksummed === "0x0000000000000000000000000000000000000000") return "the zero address";
  return name ? `${name} (${shown})` : shown;
}

/**
 * The checksummed form of an address of 40 hex digits (0x optional), or undefined when it is none or its mixed case
 * fails the EIP-55 checksum (a mistyped address is shown as typed, not silently "corrected").
 */
function checksumOf(address: string): string | undefined {
  if (typeof address !== "string" || !/^(0x)?[0-9a-fA-F]{40}$/.test(address)) return undefined;
  const hex = address.startsWith("0x") ? address : `0x${address}`;
  const checksummed = getAddress(hex.toLowerCase());
  const mixedCase = /([A-F].*[a-f])|([a-f].*[A-F])/.test(address);
  return mixedCase && checksummed !== address ? undefined : checksummed;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Fixed bytes (bytes32, bytes8) as their text when they are a printable, zero-padded string, else as hex. */
export function formatBytes(hex: string, shorten = true): string {
  if (!isHex(hex, { strict: true })) return String(hex);
  const trimmed = hex.replace(/(00)+$/, "");
  if (trimmed.length > 2) {
    try {
      if (trimmed.length % 2 !== 0) throw new Error("odd length");
      const text = utf8.decode(hexToBytes(trimmed as `0x${string}`));
      if (/^[\x20-\x7e]+$/.test(text)) return `"${text}"`;
    } catch {
      // not UTF-8: shown as hex
    }
  }
  if (/^0x0*$/.test(hex)) return "0x0 (empty)";
  return shorten && hex.length > 18 ? `${hex.slice(0, 10)}…${hex.slice(-4)}` : hex;
}
