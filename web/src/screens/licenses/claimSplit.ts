// What a claim of `amount` (fee included) books under each option, as RewardClaims._split computes it from the
// contract's constants: the fee first, then option A vests the rest for LONG_VESTING, option B vests SHORT_SHARE_BPS
// of it for SHORT_VESTING and returns the remainder to the base pool. Shown before signing.
import type { ClaimTerms } from "../../hooks/useRewardClaims";

export type ClaimOption = 0 | 1;

export interface Split {
  option: ClaimOption;
  fee: bigint;
  vesting: bigint;
  returned: bigint;
  /** Unix time, counting from `now` (the claim's block is a few seconds later). */
  unlockAt: number;
  days: number;
}

export function splitOf(amount: bigint, option: ClaimOption, terms: ClaimTerms, now: number): Split {
  const net = amount > terms.fee ? amount - terms.fee : 0n;
  if (option === 0) return { option, fee: terms.fee, vesting: net, returned: 0n, unlockAt: now + terms.longVesting, days: terms.longVesting / 86_400 };
  const vesting = (net * terms.shortShareBps) / 10_000n;
  return { option, fee: terms.fee, vesting, returned: net - vesting, unlockAt: now + terms.shortVesting, days: terms.shortVesting / 86_400 };
}

/** Why nothing can be claimed now, in a sentence, or undefined. */
export function claimProblem(available: bigint, terms: ClaimTerms, formatted: (wei: bigint) => string): string | undefined {
  if (available <= 0n) return "You have nothing new to claim: your rewards since your last claim are 0 ATH.";
  if (available < terms.minClaim)
    return `You can claim ${formatted(available)} ATH, below the minimum claim of ${formatted(terms.minClaim)} ATH: wait until your rewards since your last claim reach it.`;
  return undefined;
}
