// The genesis allocation of SPEC §2, in one place: the deploy script, the tests, the benchmark and the indexer's
// expectations all read these numbers from here.

export const DAY = 86_400;
export const WEEK = 7 * DAY;
export const MONTH = 30 * DAY;
export const YEAR = 365 * DAY;
/** The checker base emission runs over 4 x 365.25 days (SPEC §2), not 4 x 365. */
export const CHECKER_EMISSION_PERIOD = 4 * 36_525 * DAY / 100;
export const QUARTER = CHECKER_EMISSION_PERIOD / 16;

export const DECIMALS = 18n;
export const TOTAL_SUPPLY = 42_000_000_000n * 10n ** DECIMALS;

/** The shapes of schedule a bucket can have; each maps to one contract. */
export type BucketSchedule =
  | { kind: "linearVesting"; cliff: number; duration: number }
  | { kind: "upfrontLinearVesting"; upfrontBps: number; duration: number }
  | { kind: "stepVesting"; offsets: number[]; cumulativeBps: number[] }
  | { kind: "linearPool"; duration: number }
  | { kind: "steppedPool"; stepDuration: number; steps: number }
  | { kind: "decayingPool"; period: number; periods: number; firstBps: number; decayNum: number; decayDen: number };

/** Who receives a vesting bucket's releases: a named beneficiary from the deploy parameters, or the timelock. */
export type Beneficiary = "team" | "investors" | "advisors" | "ecosystem" | "airdrop" | "timelock";

export interface BucketSpec {
  /** Contract name in the deployment manifest. */
  name: string;
  /** Share of the total supply, in basis points. */
  shareBps: number;
  schedule: BucketSchedule;
  /** Vesting buckets only. */
  beneficiary?: Beneficiary;
}

export const BUCKETS: readonly BucketSpec[] = [
  {
    name: "EdgeRewardPool",
    shareBps: 2300,
    schedule: { kind: "decayingPool", period: YEAR, periods: 10, firstBps: 4000, decayNum: 603, decayDen: 1000 },
  },
  { name: "EnterpriseRewardPool", shareBps: 1200, schedule: { kind: "linearPool", duration: 10 * YEAR } },
  { name: "CheckerBaseRewardPool", shareBps: 1000, schedule: { kind: "linearPool", duration: CHECKER_EMISSION_PERIOD } },
  { name: "CheckerBonusRewardPool", shareBps: 500, schedule: { kind: "steppedPool", stepDuration: QUARTER, steps: 16 } },
  { name: "TeamVesting", shareBps: 1250, beneficiary: "team", schedule: { kind: "linearVesting", cliff: 18 * MONTH, duration: 36 * MONTH } },
  { name: "InvestorVesting", shareBps: 1150, beneficiary: "investors", schedule: { kind: "linearVesting", cliff: 12 * MONTH, duration: 24 * MONTH } },
  { name: "EcosystemVesting", shareBps: 800, beneficiary: "ecosystem", schedule: { kind: "upfrontLinearVesting", upfrontBps: 5000, duration: 24 * MONTH } },
  { name: "TreasuryVesting", shareBps: 700, beneficiary: "timelock", schedule: { kind: "linearVesting", cliff: 0, duration: 48 * MONTH } },
  { name: "AirdropVesting", shareBps: 600, beneficiary: "airdrop", schedule: { kind: "stepVesting", offsets: [0, 8 * MONTH, 16 * MONTH], cumulativeBps: [2500, 5000, 10000] } },
  { name: "AdvisorVesting", shareBps: 500, beneficiary: "advisors", schedule: { kind: "linearVesting", cliff: 18 * MONTH, duration: 36 * MONTH } },
];

export function bucketAmount(spec: BucketSpec, totalSupply: bigint = TOTAL_SUPPLY): bigint {
  return (totalSupply * BigInt(spec.shareBps)) / 10_000n;
}

export function isPool(spec: BucketSpec): boolean {
  return spec.schedule.kind.endsWith("Pool");
}
