// Why a delegation to a host deserves a second thought (halted, slashed in the last 30 days), or can't go through
// at all (a slash is pending), in sentences shown before anything is signed.
import { formatAth } from "../../../../scripts/lib/format";
import { relative } from "../../components/When";
import type { HostView } from "../../hooks/useHosts";
import { RECENT_SLASH_SECONDS } from "../../lib/hostsApi";

const ath = (wei: bigint | string) => `${formatAth(BigInt(wei), 2)} ATH`;
const isoDay = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

/** Executed slashes of `host` within the last 30 days of the chain's clock, newest first. */
export function recentSlashes(host: HostView, now: number) {
  return host.slashes
    .filter((s) => s.status === "executed" && s.resolvedAt !== null && now - Number(s.resolvedAt) <= RECENT_SLASH_SECONDS)
    .sort((a, b) => Number(b.resolvedAt) - Number(a.resolvedAt));
}

/** Warnings the delegator confirms before signing; empty when there is nothing to warn about. */
export function delegationWarnings(host: HostView, now: number): string[] {
  const warnings: string[] = [];
  if (host.haltedNow)
    warnings.push(
      `This host is halted: its active stake of ${ath(host.activeStake)} is below the ${ath(host.required)} its containers require, so it earns no rewards until it is topped up.`,
    );
  const recent = recentSlashes(host, now);
  if (recent.length > 0) {
    const newest = recent[0];
    const taken = recent.reduce((sum, s) => sum + BigInt(s.taken ?? "0"), 0n);
    warnings.push(
      `This host was slashed ${recent.length === 1 ? "once" : `${recent.length} times`} in the last 30 days (the latest on ${isoDay(Number(newest.resolvedAt))}, ${relative(Number(newest.resolvedAt) - now)}), losing ${ath(taken)}: delegated stake shares the loss of any further slash.`,
    );
  }
  return warnings;
}

/** Why a delegation to `host` by anyone but the host itself would be refused (HostHasPendingSlash), or undefined. */
export function delegationBlocked(host: HostView): string | undefined {
  if (host.pendingSlashes > 0)
    return `This host has ${host.pendingSlashes === 1 ? "a pending slash" : `${host.pendingSlashes} pending slashes`}: new delegations wait until ${host.pendingSlashes === 1 ? "it is" : "they are"} executed or vetoed, after the veto window.`;
  return undefined;
}
