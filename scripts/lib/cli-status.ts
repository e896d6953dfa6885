// How `npm run cli -- accounts` and `status` show what scripts/ops/accounts.ts and status.ts read: ATH with
// separators, times as ISO days with the distance from the chain's clock. `--json` prints `asJson` instead.
import type { LocalAccount } from "../ops/accounts.js";
import type { AccountStatus } from "../ops/status.js";
import { formatAth, formatDate } from "./cli-format.js";

/** JSON for scripts: bigints (wei, ids) as decimal strings; times are already Unix seconds. */
export const asJson = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);

const ath = (wei: bigint) => `${formatAth(wei)} ATH`;

/** One line per account: number, address, ATH, ETH, licenses, role. */
export function accountsText(accounts: LocalAccount[]): string {
  const rows = accounts.map((a) => [String(a.index), a.address, ath(a.ath), `${formatAth(a.eth)} ETH`, String(a.licenses), a.role]);
  const head = ["#", "address", "ATH", "ETH", "licenses", "role in npm start's simulation"];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 2 || i === 3 || i === 4 ? c.padStart(width[i]) : i === r.length - 1 ? c : c.padEnd(width[i]))).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}

/** The status as sections; each amount in ATH, each time as a date relative to the chain's clock. */
export function statusText(s: AccountStatus): string {
  const date = (t: number) => formatDate(t, s.now);
  const out: string[] = [`account ${s.address} (chain time ${date(s.now)})`];
  out.push(`  balances   ${ath(s.ath)}, ${formatAth(s.stath)} stATH, ${formatAth(s.eth)} ETH`);
  const k = s.kyc;
  out.push(
    k.country === null
      ? "  KYC        no attestation (receiving licenses and claiming rewards need one)"
      : `  KYC        ${k.country}, ${k.revoked ? "revoked" : `expires ${date(k.expiry)}`}; ${k.restricted ? "restricted country or region" : "not restricted"}; ${k.allowed ? "allowed" : "not allowed"} to claim, withdraw and receive licenses`,
  );
  out.push(`  licenses   ${s.licenses.length}`);
  for (const l of s.licenses) {
    const operator = l.operator === null ? "no operator" : `operator ${l.operator} until ${date(l.operatorExpires)}`;
    out.push(`    #${l.id}  ${operator}${l.bannedUntil > s.now ? `; banned until ${date(l.bannedUntil)}` : ""}`);
  }
  const r = s.checkerRewards;
  if (r.cumulative === null) out.push(`  checker rewards  claimed ${ath(r.claimed)}; pass --proofs <file|url> or --api <url> to see what is claimable`);
  else {
    const of = r.source === "proofs" ? `epoch ${r.epoch}'s leaf (the referee's proofs)` : "the newest posted root's leaf (the indexer)";
    const note = r.source === "proofs" && !r.synced ? `; not claimable yet: RewardClaims synced epoch ${r.syncedEpoch}'s root, not this one` : "";
    out.push(`  checker rewards  claimable ${ath(r.claimable!)}: ${of} ${ath(r.cumulative)} minus ${ath(r.claimed)} claimed${note}`);
  }
  out.push(`  vesting entries  ${s.vesting.length === 0 ? "none open" : ""}`.trimEnd());
  for (const e of s.vesting) out.push(`    entry ${e.entryId}  ${ath(e.amount)}, unlocks ${date(e.unlockAt)}${e.withdrawable ? ", withdrawable now" : ""}`);
  out.push(`  staking positions  ${s.staking.length === 0 ? "none" : ""}`.trimEnd());
  for (const p of s.staking) {
    const pending = p.pending.map((x) => `${formatAth(x.amount)} ${x.symbol}`).join(", ") || "nothing";
    out.push(`    position ${p.positionId}  ${ath(p.amount)} in ${p.pool} (pool ${p.poolId}), ${p.lockWeeks}-week lock, ${p.unlocked ? "unlocked since" : "unlocks"} ${date(p.unlockAt)}; pending ${pending}`);
  }
  out.push(`  host delegations  ${s.hosts.length === 0 ? "none" : ""}`.trimEnd());
  for (const h of s.hosts) out.push(`    host ${h.host}  ${ath(h.stake)} staked, ${ath(h.pendingRewards)} pending rewards`);
  out.push(`  unbonding requests  ${s.unbonding.length === 0 ? "none" : ""}`.trimEnd());
  for (const u of s.unbonding) out.push(`    host ${u.host} request ${u.id}  ${ath(u.amount)}, unlocks ${date(u.unlockAt)}${u.withdrawable ? ", withdrawable now" : ""}`);
  return out.join("\n");
}
