// What the referee needs to know about licenses, read from CheckerLicense's events up to a block: owners and when
// they changed, operators (ERC-4907 users) and bans. Built once per settlement, so 100,000 licenses cost a few
// eth_getLogs calls rather than 100,000 eth_calls.
import { Contract, type Provider } from "ethers";
import type { LicenseView } from "./settle.js";

const ZERO = "0x0000000000000000000000000000000000000000";

interface LicenseHistory {
  /** [timestamp, new owner] of every transfer (mint included), in order. */
  transfers: [number, string][];
  /** [timestamp, user, expires] of every UpdateUser, in order (a transfer clears the user). */
  users: [number, string, number][];
  /** [timestamp, bannedUntil] after every LicenseBanned (its end) and LicenseUnbanned (0), in log order. */
  bans: [number, number][];
}

/** The last entry at or before `t` of a list ordered by time. */
function lastAt<T extends [number, ...unknown[]]>(list: T[], t: number): T | undefined {
  let found: T | undefined;
  for (const e of list) if (e[0] <= t) found = e;
  return found;
}

export class LicenseChainView {
  private constructor(private readonly history: Map<number, LicenseHistory>) {}

  /** Reads every Transfer, UpdateUser, LicenseBanned and LicenseUnbanned of `license` up to `toBlock`. */
  static async load(provider: Provider, license: Contract, fromBlock: number, toBlock: number): Promise<LicenseChainView> {
    const logs = await license.queryFilter("*" as never, fromBlock, toBlock);
    const times = new Map<number, number>();
    for (const bn of new Set(logs.map((l) => l.blockNumber))) times.set(bn, (await provider.getBlock(bn))!.timestamp);
    const history = new Map<number, LicenseHistory>();
    const of = (id: number) => {
      let h = history.get(id);
      if (!h) history.set(id, (h = { transfers: [], users: [], bans: [] }));
      return h;
    };
    for (const log of logs) {
      if (!("fragment" in log) || !log.fragment) continue;
      const t = times.get(log.blockNumber)!;
      const a = log.args;
      switch (log.fragment.name) {
        case "Transfer": {
          const h = of(Number(a.tokenId));
          h.transfers.push([t, String(a.to).toLowerCase()]);
          h.users.push([t, ZERO, 0]);
          break;
        }
        case "UpdateUser": {
          of(Number(a.tokenId)).users.push([t, String(a.user).toLowerCase(), Number(a.expires)]);
          break;
        }
        // ban() overwrites the end (shorter or longer than a running ban) and unban() clears it, as the contract's slot
        case "LicenseBanned":
          of(Number(a.tokenId)).bans.push([t, Number(a.until)]);
          break;
        case "LicenseUnbanned":
          of(Number(a.tokenId)).bans.push([t, 0]);
          break;
      }
    }
    return new LicenseChainView(history);
  }

  /** Who signs for `licenseId` at time `t`, as `CheckerLicense.checkerOf` says: its operator if unexpired, else its owner. */
  checkerAt(licenseId: number, t: number): string | null {
    const h = this.history.get(licenseId);
    const owner = h && lastAt(h.transfers, t)?.[1];
    if (!h || !owner || owner === ZERO) return null;
    const [, user, expires] = lastAt(h.users, t) ?? [0, ZERO, 0];
    return user !== ZERO && expires >= t ? user : owner;
  }

  /**
   * Whether `licenseId` is banned at time `t` as frozen before it: the ban end stored by the last event in a block
   * with a timestamp below `t` is `>= t` (an epoch's cut-off: a ban ending just before it does not count, and nothing
   * done in a block at or after it does).
   */
  bannedAtCutoff(licenseId: number, t: number): boolean {
    const last = lastAt(this.history.get(licenseId)?.bans ?? [], t - 1);
    return last !== undefined && last[1] >= t;
  }

  /** Every license id seen, ascending. */
  licenseIds(): number[] {
    return [...this.history.keys()].sort((a, b) => a - b);
  }

  /**
   * The operator `licenseId` commits to for an epoch frozen at `t` and ending at `end` (exclusive): the ERC-4907 user
   * set at `t` if its delegation lasts the whole epoch (expires >= end - 1), else null (the license takes no part).
   */
  operatorFor(licenseId: number, t: number, end: number): string | null {
    const h = this.history.get(licenseId);
    const owner = h && lastAt(h.transfers, t)?.[1];
    if (!h || !owner || owner === ZERO) return null;
    const [, user, expires] = lastAt(h.users, t) ?? [0, ZERO, 0];
    return user !== ZERO && expires >= end - 1 ? user : null;
  }

  /** Whether `licenseId` is banned at time `t`, as `CheckerLicense.checkerOf` says: the ban end stored by the last
   * event at or before `t` (the second's last, in log order) is `>= t`. */
  bannedAt(licenseId: number, t: number): boolean {
    const last = lastAt(this.history.get(licenseId)?.bans ?? [], t);
    return last !== undefined && last[1] >= t;
  }

  /** The settlement's view of the epoch [start, end). */
  epochView(start: number, end: number): LicenseView {
    return {
      ownerDuring: (licenseId) => {
        // the owner since the last transfer before the epoch, if none happened during it (that day's work is voided)
        const transfers = this.history.get(licenseId)?.transfers ?? [];
        if (transfers.some(([t]) => t >= start && t < end)) return null;
        const owner = lastAt(transfers, start - 1)?.[1];
        return !owner || owner === ZERO ? null : owner;
      },
      bannedDuring: (licenseId) => {
        // banned at some instant of [start, end): between two changes `bannedUntil >= t` can only turn false as t
        // grows, so it is enough to look at `start` and at each change inside the epoch (a second's last one only)
        const bans = this.history.get(licenseId)?.bans ?? [];
        if (start >= end) return false;
        if (this.bannedAt(licenseId, start)) return true;
        return bans.some(([t, until], i) => t > start && t < end && until >= t && bans[i + 1]?.[0] !== t);
      },
    };
  }
}
