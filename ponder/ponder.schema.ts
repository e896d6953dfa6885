// What the API serves. Amounts are wei (bigint); times are unix seconds; addresses are lower-case hex.
import { onchainTable, index, primaryKey, relations } from "ponder";

/** Every address that ever held, approved or delegated ATH. */
export const account = onchainTable("account", (t) => ({
  address: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
  /** Current voting power (ERC20Votes), i.e. the balances delegated to this address. */
  votes: t.bigint().notNull(),
  /** Who this account delegates its votes to (null: nobody). */
  delegate: t.hex(),
  /** Name of the genesis bucket at this address, if it is one. */
  bucket: t.text(),
  transferCount: t.integer().notNull(),
  /** Checker licenses owned now. */
  licenseCount: t.integer().notNull(),
  /** Every spender this account ever approved (its `allowance` rows), so a transfer refreshes only those. */
  spenders: t.hex().array().notNull(),
  /** A holder (README, "Holders"): a non-zero ATH balance at an address that is not one of the deployment's contracts. */
  holder: t.boolean().notNull(),
}), (table) => ({
  // "Top holders" (README's GraphQL and @ponder/client examples): ordered by balance, the first few read off the index
  balanceIdx: index().on(table.balance),
}));

export const transfer = onchainTable(
  "transfer",
  (t) => ({
    id: t.text().primaryKey(),
    from: t.hex().notNull(),
    to: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  // an account's newest transfers in or out (the account page): each side's rows come off its index newest first
  (table) => ({ fromIdx: index().on(table.from, table.blockNumber), toIdx: index().on(table.to, table.blockNumber) }),
);

export const allowance = onchainTable(
  "allowance",
  (t) => ({ owner: t.hex().notNull(), spender: t.hex().notNull(), amount: t.bigint().notNull(), updatedAt: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.owner, table.spender] }) }),
);

export const delegationChange = onchainTable("delegation_change", (t) => ({
  id: t.text().primaryKey(),
  delegator: t.hex().notNull(),
  fromDelegate: t.hex().notNull(),
  toDelegate: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** One row per genesis bucket: its allocation, what left it, and its schedule's parameters. */
export const bucket = onchainTable("bucket", (t) => ({
  address: t.hex().primaryKey(),
  name: t.text().notNull(),
  /** "vesting" or "pool". */
  category: t.text().notNull(),
  /** Linear | UpfrontLinear | Steps (vesting); Linear | EqualSteps | Decaying (pools). */
  kind: t.text().notNull(),
  allocated: t.bigint().notNull(),
  /** Vesting: released to the beneficiary. Pools: drawn minus returned. */
  released: t.bigint().notNull(),
  drawn: t.bigint().notNull(),
  returned: t.bigint().notNull(),
  etherReleased: t.bigint().notNull(),
  start: t.bigint().notNull(),
  end: t.bigint().notNull(),
  period: t.bigint().notNull(),
  periods: t.integer().notNull(),
  upfrontBps: t.integer().notNull(),
  firstBps: t.integer().notNull(),
  decayNum: t.integer().notNull(),
  decayDen: t.integer().notNull(),
  /** Vesting: the owner who receives releases. Pools: null. */
  beneficiary: t.hex(),
  paused: t.boolean().notNull(),
}));

export const vestingStep = onchainTable("vesting_step", (t) => ({
  id: t.text().primaryKey(),
  bucket: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
  cumulativeBps: t.integer().notNull(),
}));

/** Releases, draws and returns: every movement out of (or back into) a bucket. */
export const bucketFlow = onchainTable("bucket_flow", (t) => ({
  id: t.text().primaryKey(),
  bucket: t.hex().notNull(),
  /** "release" | "draw" | "return" (ATH), "etherRelease" (ETH), "otherTokenRelease" (any other ERC-20, see `token`). */
  kind: t.text().notNull(),
  /** The ERC-20 that moved (ATH except for "otherTokenRelease"); null for ETH. */
  token: t.hex(),
  /** Distributor (draw), returner (return), null for releases. */
  caller: t.hex(),
  /** Recipient (draw), null otherwise. */
  recipient: t.hex(),
  amount: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** AccessControl role membership, per contract. */
export const roleMember = onchainTable(
  "role_member",
  (t) => ({
    contract: t.hex().notNull(),
    role: t.hex().notNull(),
    account: t.hex().notNull(),
    active: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.role, table.account] }) }),
);

export const roleAdmin = onchainTable(
  "role_admin",
  (t) => ({ contract: t.hex().notNull(), role: t.hex().notNull(), adminRole: t.hex().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.contract, table.role] }) }),
);

/** Timelock operations: scheduled, then executed or cancelled. One row per call of a batch. */
export const timelockCall = onchainTable(
  "timelock_call",
  (t) => ({
    opId: t.hex().notNull(),
    index: t.integer().notNull(),
    target: t.hex().notNull(),
    value: t.bigint().notNull(),
    data: t.hex().notNull(),
    predecessor: t.hex().notNull(),
    salt: t.hex(),
    delay: t.bigint().notNull(),
    /** "scheduled" | "executed" | "cancelled". */
    status: t.text().notNull(),
    scheduledAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.opId, table.index] }) }),
);

export const governance = onchainTable("governance", (t) => ({
  id: t.text().primaryKey(),
  timelock: t.hex().notNull(),
  minDelay: t.bigint().notNull(),
}));

/**
 * Supply split at the end of each UTC day that saw a transfer touching a bucket or the treasury (days without such a
 * transfer keep the previous row's figures). locked = ATH in bucket contracts; treasury = ATH the timelock holds
 * (released DAO treasury funds, spendable only by governance); circulating = total supply - locked - treasury.
 */
export const supplyDay = onchainTable("supply_daily", (t) => ({
  day: t.integer().primaryKey(),
  date: t.text().notNull(),
  totalSupply: t.bigint().notNull(),
  locked: t.bigint().notNull(),
  treasury: t.bigint().notNull(),
  circulating: t.bigint().notNull(),
  /** Holders at the day's end (README, "Holders": non-zero ATH, not one of the deployment's contracts). */
  holders: t.integer().notNull(),
  transfers: t.integer().notNull(),
}));

/**
 * Per genesis bucket and UTC day that saw a transfer into or out of it: its ATH balance at the day's end, what came in
 * (other than the genesis allocation) and what went out that day. Days without a row keep the previous row's balance.
 * Over a bucket's rows, sent - received adds up to what left it for good (`bucket.released`).
 */
export const bucketDay = onchainTable(
  "bucket_daily",
  (t) => ({
    bucket: t.hex().notNull(),
    day: t.integer().notNull(),
    name: t.text().notNull(),
    date: t.text().notNull(),
    balance: t.bigint().notNull(),
    received: t.bigint().notNull(),
    sent: t.bigint().notNull(),
    transfers: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.bucket, table.day] }) }),
);

/** The running split behind supply_daily (one row, id "current"). */
export const supplySplit = onchainTable("supply", (t) => ({
  id: t.text().primaryKey(),
  totalSupply: t.bigint().notNull(),
  locked: t.bigint().notNull(),
  treasury: t.bigint().notNull(),
  circulating: t.bigint().notNull(),
  /** Accounts with `holder` true: a non-zero ATH balance at an address that is not one of the deployment's contracts. */
  holders: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

// ---------------------------------------------------------------- checker licenses (SPEC §3, §4, §8)

export const license = onchainTable(
  "license",
  (t) => ({
    id: t.bigint().primaryKey(),
    owner: t.hex().notNull(),
    /** ERC-4907 user: the operator running checks for this license (null: none). */
    operator: t.hex(),
    operatorExpires: t.bigint().notNull(),
    /** Ban end (0: never banned; in the past: no longer banned). */
    bannedUntil: t.bigint().notNull(),
    buyer: t.hex(),
    tier: t.integer(),
    /** Tier price paid, before any referral discount (null for admin grants). */
    price: t.bigint(),
    mintedAt: t.bigint().notNull(),
    mintTx: t.hex().notNull(),
    transfers: t.integer().notNull(),
    lastTransferAt: t.bigint(),
    /** Address approved for this one license (ERC-721 `getApproved`). */
    approved: t.hex(),
  }),
  (table) => ({ ownerIdx: index().on(table.owner), operatorIdx: index().on(table.operator) }),
);

export const licenseTransfer = onchainTable("license_transfer", (t) => ({
  id: t.text().primaryKey(),
  tokenId: t.bigint().notNull(),
  from: t.hex().notNull(),
  to: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

export const delegationEvent = onchainTable("license_delegation", (t) => ({
  id: t.text().primaryKey(),
  tokenId: t.bigint().notNull(),
  operator: t.hex().notNull(),
  expires: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

export const banEvent = onchainTable("license_ban", (t) => ({
  id: t.text().primaryKey(),
  tokenId: t.bigint().notNull(),
  /** "ban" | "unban". */
  kind: t.text().notNull(),
  until: t.bigint().notNull(),
  by: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** License-wide settings and running counts (one row, id "license"). */
export const licenseStat = onchainTable("license_stats", (t) => ({
  id: t.text().primaryKey(),
  minted: t.integer().notNull(),
  /** Licenses whose operator is set (whether or not the delegation has expired since). */
  withOperator: t.integer().notNull(),
  bans: t.integer().notNull(),
  transferableAfter: t.bigint().notNull(),
  baseURI: t.text().notNull(),
}));

export const transferAllowlist = onchainTable("transfer_allowlist", (t) => ({
  account: t.hex().primaryKey(),
  allowed: t.boolean().notNull(),
}));

export const operatorApproval = onchainTable(
  "operator_approval",
  (t) => ({ owner: t.hex().notNull(), operator: t.hex().notNull(), approved: t.boolean().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.owner, table.operator] }) }),
);

export const saleTier = onchainTable("sale_tier", (t) => ({
  tier: t.integer().primaryKey(),
  price: t.bigint().notNull(),
  supply: t.integer().notNull(),
  capPerBuyer: t.integer().notNull(),
  sold: t.integer().notNull(),
  /** Sum of tier prices of the licenses sold in this tier, before discounts. */
  raised: t.bigint().notNull(),
}));

export const purchase = onchainTable(
  "purchase",
  (t) => ({
    id: t.text().primaryKey(),
    buyer: t.hex().notNull(),
    firstTokenId: t.bigint().notNull(),
    quantity: t.integer().notNull(),
    grossPrice: t.bigint().notNull(),
    discount: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    /** "ETH" | "WETH". */
    currency: t.text().notNull(),
    referralCode: t.hex(),
    referrer: t.hex(),
    referralReward: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ buyerIdx: index().on(table.buyer) }),
);

export const referralCode = onchainTable("referral_code", (t) => ({
  code: t.hex().primaryKey(),
  owner: t.hex().notNull(),
  purchases: t.integer().notNull(),
  licensesSold: t.integer().notNull(),
  rewardsEth: t.bigint().notNull(),
  rewardsWeth: t.bigint().notNull(),
  /** Reward counted against the sale's cap per code (ETH and WETH together; voided rewards still count). */
  earned: t.bigint().notNull(),
  /** What the caps (per buyer and per code) withheld from the referrer and from its buyers' discounts. */
  rewardCapped: t.bigint().notNull(),
  discountCapped: t.bigint().notNull(),
  /** Voided by the guardian (its locked rewards went to the treasury); false again once governance restores it. */
  voided: t.boolean().notNull(),
  voidedEth: t.bigint().notNull(),
  voidedWeth: t.bigint().notNull(),
}));

export const referrer = onchainTable("referrer", (t) => ({
  address: t.hex().primaryKey(),
  accruedEth: t.bigint().notNull(),
  accruedWeth: t.bigint().notNull(),
  withdrawnEth: t.bigint().notNull(),
  withdrawnWeth: t.bigint().notNull(),
  /** Locked rewards the guardian voided (owed = accrued - withdrawn - voided). */
  voidedEth: t.bigint().notNull(),
  voidedWeth: t.bigint().notNull(),
  /** Unix time from which every reward accrued so far is withdrawable (the payout delay); 0 before any reward. */
  withdrawableAfter: t.bigint().notNull(),
  rewardCapped: t.bigint().notNull(),
  discountCapped: t.bigint().notNull(),
}));

/** What one code earned from one buyer (the sale caps it per buyer). */
export const referralPair = onchainTable(
  "referral_pair",
  (t) => ({
    /** `${code}:${buyer}`. */
    id: t.text().primaryKey(),
    code: t.hex().notNull(),
    referrer: t.hex().notNull(),
    buyer: t.hex().notNull(),
    purchases: t.integer().notNull(),
    earned: t.bigint().notNull(),
    rewardCapped: t.bigint().notNull(),
    discountCapped: t.bigint().notNull(),
  }),
  (table) => ({ codeIdx: index().on(table.code), buyerIdx: index().on(table.buyer) }),
);

/** The sale's settings and money (one row, id "sale"). Amounts per currency. */
export const sale = onchainTable("sale", (t) => ({
  id: t.text().primaryKey(),
  whitelistStart: t.bigint().notNull(),
  publicStart: t.bigint().notNull(),
  saleEnd: t.bigint().notNull(),
  whitelistRoot: t.hex().notNull(),
  discountBps: t.integer().notNull(),
  referralRewardBps: t.integer().notNull(),
  /** Referral caps (wei, ETH and WETH together) and payout delay (seconds). */
  referralCapPerBuyer: t.bigint().notNull(),
  referralCapPerCode: t.bigint().notNull(),
  referralPayoutDelay: t.bigint().notNull(),
  treasury: t.hex().notNull(),
  paused: t.boolean().notNull(),
  licensesSold: t.integer().notNull(),
  paidEth: t.bigint().notNull(),
  paidWeth: t.bigint().notNull(),
  proceedsWithdrawnEth: t.bigint().notNull(),
  proceedsWithdrawnWeth: t.bigint().notNull(),
}));

/** Each account's latest attestation, as the registry keeps it: a revoked one stays (revoked, its country still
 * restricting); governance's `clearAttestation` removes the row. Allowed = expiry in the future, not revoked and not
 * restricted. */
export const kycAttestation = onchainTable("kyc", (t) => ({
  account: t.hex().primaryKey(),
  countryCode: t.text().notNull(),
  expiry: t.bigint().notNull(),
  signer: t.hex().notNull(),
  nonce: t.bigint().notNull(),
  revoked: t.boolean().notNull(),
  /** Whether the country is on the restricted list now (kept up to date with the list; revoked or expired included). */
  restricted: t.boolean().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const countryRestriction = onchainTable("restricted_country", (t) => ({
  code: t.text().primaryKey(),
  restricted: t.boolean().notNull(),
}));

/** Per UTC day: licenses sold, operator share and bans (figures at the end of the day for the running ones). */
export const licenseDay = onchainTable("license_daily", (t) => ({
  day: t.integer().primaryKey(),
  date: t.text().notNull(),
  sold: t.integer().notNull(),
  totalMinted: t.integer().notNull(),
  withOperator: t.integer().notNull(),
  /** withOperator / totalMinted, in bps. */
  delegatedShareBps: t.integer().notNull(),
  bans: t.integer().notNull(),
}));

// ---------------------------------------------------------------- checker work and rewards (SPEC §5, §6)

/**
 * An epoch's committed job assignment (CheckerReferee.postAssignment): the root of its positional job tree, the job
 * count, N when posted (a job has 2N+1 licenses), the seed it was computed from, where its jobs (and later the signed
 * results) are published, and when the guardian's veto window ends.
 */
export const assignment = onchainTable("assignment", (t) => ({
  epoch: t.bigint().primaryKey(),
  root: t.hex().notNull(),
  jobCount: t.integer().notNull(),
  n: t.integer().notNull(),
  seed: t.hex().notNull(),
  dataURI: t.text().notNull(),
  postedAt: t.bigint().notNull(),
  finalAt: t.bigint().notNull(),
  /**
   * "posted" | "vetoed". No event marks an assignment final: GET /assignments/:epoch reports "final" once the newest
   * indexed block is at or after finalAt (the contract's `block.timestamp >= finalAt`). A re-posted assignment
   * replaces a vetoed one (status "posted" again).
   */
  status: t.text().notNull(),
  /** The contract's assignmentVetoed(epoch): an assignment of the epoch was vetoed (stays true after a re-post). */
  vetoed: t.boolean().notNull(),
  /** The guardian of the latest veto (null: never vetoed). */
  vetoedBy: t.hex(),
}));

/**
 * An epoch's assignment seed (CheckerReferee.seedOf): the referee's commitment (null: none, the fallback seed applies),
 * the block the seed is anchored to (the latest anchor; null before the first), whether the referee's secret was
 * forfeited, and once revealed the seed and the secret (null for a fallback seed, whose event carries zero).
 */
export const seed = onchainTable("seed", (t) => ({
  epoch: t.bigint().primaryKey(),
  commitment: t.hex(),
  committedAt: t.bigint(),
  anchorBlock: t.bigint(),
  anchoredAt: t.bigint(),
  forfeited: t.boolean().notNull(),
  seed: t.hex(),
  secret: t.hex(),
  revealedAt: t.bigint(),
}));

/** A committed job proven on chain (CheckerReferee.proveJob): job number `job` of `epoch`, with its 2N+1 licenses' votes. */
export const job = onchainTable(
  "job",
  (t) => ({
    /** `${epoch}:${job}`. */
    id: t.text().primaryKey(),
    epoch: t.bigint().notNull(),
    /** The job number: its position in the epoch's assignment tree. */
    job: t.integer().notNull(),
    container: t.hex().notNull(),
    /** The majority (N+1 matching results): "Pass" | "Fail". */
    verdict: t.text().notNull(),
    passCount: t.integer().notNull(),
    failCount: t.integer().notNull(),
    /** Licenses of the job whose result did not count (none given or proven). */
    silentCount: t.integer().notNull(),
    prover: t.hex().notNull(),
    provenAt: t.bigint().notNull(),
  }),
  (table) => ({ epochIdx: index().on(table.epoch, table.job), containerIdx: index().on(table.container, table.epoch) }),
);

/** One license's vote in a proven job: "Pass" | "Fail", or "None" when its result did not count. */
export const jobVote = onchainTable(
  "job_vote",
  (t) => ({
    /** The job's id, `${epoch}:${job}`. */
    jobId: t.text().notNull(),
    epoch: t.bigint().notNull(),
    job: t.integer().notNull(),
    licenseId: t.bigint().notNull(),
    verdict: t.text().notNull(),
    /** The vote matches the job's verdict (false for "None"). */
    inMajority: t.boolean().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.jobId, table.licenseId] }), licenseIdx: index().on(table.licenseId, table.epoch) }),
);

/** Per license and epoch: proven results (counted votes only) in the majority (correct) and in the minority. */
export const licenseEpoch = onchainTable(
  "license_epoch",
  (t) => ({ licenseId: t.bigint().notNull(), epoch: t.bigint().notNull(), correct: t.integer().notNull(), minority: t.integer().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.licenseId, table.epoch] }) }),
);

/**
 * Per container and epoch: its proven jobs by verdict. `failedJobs` equals CheckerReferee.failedJobs(container, epoch),
 * what HostSlashing needs at least minFailedJobs of for a verdict-driven slash.
 */
export const containerEpoch = onchainTable(
  "container_epoch",
  (t) => ({ container: t.hex().notNull(), epoch: t.bigint().notNull(), failedJobs: t.integer().notNull(), passedJobs: t.integer().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.container, table.epoch] }) }),
);

/**
 * Per license and epoch, from the referee's settlement report (the file a root's dataURI names, checked against the
 * root): jobs assigned, results in the majority (correct), in the minority, missed, and the base reward paid.
 */
export const settledLicenseEpoch = onchainTable(
  "settled_license_epoch",
  (t) => ({
    licenseId: t.bigint().notNull(),
    epoch: t.bigint().notNull(),
    /** The owner during the epoch (null: transferred or minted during it). */
    owner: t.hex(),
    assigned: t.integer().notNull(),
    correct: t.integer().notNull(),
    minority: t.integer().notNull(),
    missed: t.integer().notNull(),
    earned: t.bigint().notNull(),
    /** Why correct work earned nothing: "stopped" (minority rule), "banned", "transferred"; null otherwise. */
    withheld: t.text(),
  }),
  // by owner (the web app's licenses page), by epoch (README: one epoch's earnings per license)
  (table) => ({ pk: primaryKey({ columns: [table.licenseId, table.epoch] }), ownerIdx: index().on(table.owner, table.epoch), epochIdx: index().on(table.epoch, table.licenseId) }),
);

/** Per account and epoch, from the settlement report: earned in the epoch (base + bonus) and the cumulative leaf. */
export const accountEpoch = onchainTable(
  "account_epoch",
  (t) => ({ account: t.hex().notNull(), epoch: t.bigint().notNull(), earned: t.bigint().notNull(), cumulative: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.epoch] }) }),
);

/** Per epoch (one day): the settlement's totals — the daily emission, bonus, active licenses and uptime series. */
export const epochSettlement = onchainTable("epoch_settlement", (t) => ({
  epoch: t.bigint().primaryKey(),
  /** "imported"; "vetoed" when the guardian vetoed its root; or why the report could not be: "unavailable" | "root-mismatch". */
  report: t.text().notNull(),
  emission: t.bigint().notNull(),
  basePaid: t.bigint().notNull(),
  bonusPaid: t.bigint().notNull(),
  jobs: t.integer().notNull(),
  voidJobs: t.integer().notNull(),
  totalCorrect: t.integer().notNull(),
  /** Licenses that gave at least one result. */
  activeLicenses: t.integer().notNull(),
  /** Results given / jobs assigned, in basis points. */
  uptimeBps: t.integer().notNull(),
}));

/** A reported equivocation: the committed operator of `licenseId` signed both verdicts of job `job` of `epoch`. */
export const equivocation = onchainTable("equivocation", (t) => ({
  id: t.text().primaryKey(),
  epoch: t.bigint().notNull(),
  job: t.integer().notNull(),
  licenseId: t.bigint().notNull(),
  signer: t.hex().notNull(),
  bannedUntil: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

export const epochRoot = onchainTable("epoch_root", (t) => ({
  epoch: t.bigint().primaryKey(),
  root: t.hex().notNull(),
  cumulativeTotal: t.bigint().notNull(),
  dataURI: t.text().notNull(),
  postedAt: t.bigint().notNull(),
  finalAt: t.bigint().notNull(),
  /**
   * What the events say: "posted" | "synced" (RewardClaims' sync adopted this root or a later one: roots are cumulative,
   * so the epoch's rewards are claimable) | "vetoed". No event marks a root final: it is once the chain's time reaches
   * finalAt, so GET /roots and GET /assignments/:epoch derive "final" from the newest indexed block's timestamp.
   */
  status: t.text().notNull(),
  /** When the claims contract adopted this root or a later one (null: not yet). */
  syncedAt: t.bigint(),
}));

/** Referee parameters (one row, id "referee"). */
export const refereeSetting = onchainTable("referee_settings", (t) => ({
  id: t.text().primaryKey(),
  n: t.integer().notNull(),
  challengeWindow: t.bigint().notNull(),
  /** How long the guardian can veto a posted assignment (seconds). */
  assignmentWindow: t.bigint().notNull(),
  /** The RewardClaims contract whose pending returns count towards a root's cap (null: not set). */
  rewardClaims: t.hex(),
}));

/** A claim's vesting entry (entry ids count per account). */
export const vestingClaim = onchainTable(
  "claim_entry",
  (t) => ({
    account: t.hex().notNull(),
    entryId: t.bigint().notNull(),
    epoch: t.bigint().notNull(),
    cumulativeAmount: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    /** "Full180Days" | "Quarter30Days". */
    option: t.text().notNull(),
    vesting: t.bigint().notNull(),
    returnedToPool: t.bigint().notNull(),
    unlockAt: t.bigint().notNull(),
    /** "vesting" | "withdrawn" | "forfeited". */
    status: t.text().notNull(),
    claimedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.entryId] }), accountIdx: index().on(table.account) }),
);

/** The claims contract's bulk movements: roots synced (drawn from the pools) and settlements (fees, returns). */
export const claimsMovement = onchainTable("claims_sync", (t) => ({
  id: t.text().primaryKey(),
  /** "synced" | "settled". */
  kind: t.text().notNull(),
  epoch: t.bigint(),
  root: t.hex(),
  cumulativeTotal: t.bigint(),
  drawnFromBase: t.bigint(),
  drawnFromBonus: t.bigint(),
  fees: t.bigint(),
  returnedToPool: t.bigint(),
  timestamp: t.bigint().notNull(),
}));

/** Per account: what the referee's roots gave it and where it went. */
export const rewardAccount = onchainTable("reward_account", (t) => ({
  account: t.hex().primaryKey(),
  /** The account's leaf in the newest posted root (from the referee's report). */
  cumulativeEarned: t.bigint().notNull(),
  cumulativeClaimed: t.bigint().notNull(),
  fees: t.bigint().notNull(),
  returnedToPool: t.bigint().notNull(),
  vesting: t.bigint().notNull(),
  withdrawn: t.bigint().notNull(),
  forfeited: t.bigint().notNull(),
  /** The account's leaf in the root the claims contract synced last (0: none yet). */
  cumulativeSynced: t.bigint().notNull(),
  /** README, "Claimable": cumulativeSynced - cumulativeClaimed, what a claim would book now. */
  claimable: t.bigint().notNull(),
}));

/**
 * Per UTC day: checker rewards emitted (the base and bonus of the epochs whose roots were posted that day, from the
 * referee's settlement; a vetoed root's figures leave its day again), the newest epoch settled that day and its active
 * licenses, and rewards claimed, fees, penalties returned to the pool, withdrawn, forfeited, jobs proven.
 */
export const rewardDay = onchainTable("reward_daily", (t) => ({
  day: t.integer().primaryKey(),
  date: t.text().notNull(),
  emittedBase: t.bigint().notNull(),
  emittedBonus: t.bigint().notNull(),
  /** Roots posted that day (and not vetoed). */
  epochsSettled: t.integer().notNull(),
  /** The newest epoch settled that day (null: none) and its licenses that gave at least one result. */
  settledEpoch: t.bigint(),
  activeLicenses: t.integer().notNull(),
  claimed: t.bigint().notNull(),
  fees: t.bigint().notNull(),
  penaltiesReturned: t.bigint().notNull(),
  withdrawn: t.bigint().notNull(),
  forfeited: t.bigint().notNull(),
  jobsProven: t.integer().notNull(),
}));

// ==================================================================================================== staking (SPEC §7)
// Holder staking (StakingPools and its stATH receipt) and cloud-host staking and slashing (HostStaking, HostRegistry,
// HostSlashing). Figures an event doesn't carry are read from the contract at the event's block.

/** A holder staking pool (StakingPools). `staked` and `totalWeight` are the contract's `pool(poolId)` at `updatedBlock`. */
export const stakingPool = onchainTable("staking_pool", (t) => ({
  poolId: t.bigint().primaryKey(),
  name: t.text().notNull(),
  /** Reward tokens in index order. */
  rewardTokens: t.hex().array().notNull(),
  /** ATH held for its positions (locked, or unlocked but not withdrawn). */
  staked: t.bigint().notNull(),
  /** Sum of the weights of its locked positions (weights leave at their unlock week). */
  totalWeight: t.bigint().notNull(),
  openPositions: t.integer().notNull(),
  updatedBlock: t.bigint().notNull(),
}));

/** Per pool and reward token: funded, paid to stakers, carried to a later week, forfeited by emergency withdrawals. */
export const stakingPoolToken = onchainTable(
  "staking_pool_token",
  (t) => ({
    poolId: t.bigint().notNull(),
    token: t.hex().notNull(),
    index: t.integer().notNull(),
    funded: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    carried: t.bigint().notNull(),
    forfeited: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.token] }) }),
);

/** A funding call: `amountPerWeek` of `token` for each of weeks `firstWeek` .. `firstWeek + weeks - 1`. */
export const stakingFunding = onchainTable("staking_funding", (t) => ({
  id: t.text().primaryKey(),
  poolId: t.bigint().notNull(),
  token: t.hex().notNull(),
  funder: t.hex().notNull(),
  firstWeek: t.bigint().notNull(),
  weeks: t.bigint().notNull(),
  amountPerWeek: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** A holder's staking position (ids count per account). */
export const stakingPosition = onchainTable(
  "staking_position",
  (t) => ({
    account: t.hex().notNull(),
    positionId: t.bigint().notNull(),
    poolId: t.bigint().notNull(),
    /** ATH locked; after a withdrawal, what was returned. */
    amount: t.bigint().notNull(),
    lockWeeks: t.integer().notNull(),
    unlockWeek: t.bigint().notNull(),
    /** unlockWeek x 7 days: when it unlocks and stops earning. */
    unlockTime: t.bigint().notNull(),
    /** amount x (204 + 3 x lockWeeks) as of the last (re)lock; 0 once withdrawn. */
    weight: t.bigint().notNull(),
    /** "open" | "withdrawn" | "emergencyWithdrawn". */
    status: t.text().notNull(),
    /** Rewards paid, in the pool's first reward token (ATH). */
    rewardsClaimed: t.bigint().notNull(),
    openedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.positionId] }), poolIdx: index().on(table.poolId) }),
);

/** Per staker: ATH in open positions, their weights (as last (re)locked), positions, rewards paid (ATH). */
export const stakingAccount = onchainTable("staking_account", (t) => ({
  address: t.hex().primaryKey(),
  staked: t.bigint().notNull(),
  weight: t.bigint().notNull(),
  openPositions: t.integer().notNull(),
  positionCount: t.integer().notNull(),
  rewardsClaimed: t.bigint().notNull(),
}));

/** Rewards paid per staker and reward token. */
export const stakingRewardClaim = onchainTable(
  "staking_reward_claim",
  (t) => ({ account: t.hex().notNull(), token: t.hex().notNull(), amount: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.token] }) }),
);

/** stATH balances (the receipt is a transferable ERC-20). */
export const stathBalance = onchainTable("stath_balance", (t) => ({
  address: t.hex().primaryKey(),
  balance: t.bigint().notNull(),
  transferCount: t.integer().notNull(),
}));

export const stathAllowance = onchainTable(
  "stath_allowance",
  (t) => ({ owner: t.hex().notNull(), spender: t.hex().notNull(), amount: t.bigint().notNull(), updatedAt: t.bigint().notNull() }),
  (table) => ({ pk: primaryKey({ columns: [table.owner, table.spender] }) }),
);

/** Global staking parameters and totals (one row, id "staking"). */
export const stakingSetting = onchainTable("staking_settings", (t) => ({
  id: t.text().primaryKey(),
  stathSupply: t.bigint().notNull(),
  poolsPaused: t.boolean().notNull(),
  /** HostStaking's K (wei of ATH per 1x coefficient) and unbonding period (seconds). */
  k: t.bigint().notNull(),
  unbondingPeriod: t.bigint().notNull(),
  /** HostSlashing's veto window (seconds) and whether penalties are burned. */
  vetoWindow: t.bigint().notNull(),
  burn: t.boolean().notNull(),
  /** HostSlashing's k: the proven Fail jobs of one container in one epoch a verdict-driven slash needs. */
  minFailedJobs: t.integer().notNull(),
  /** Sum over hosts of their active and unbonding pools' assets. */
  hostActiveStake: t.bigint().notNull(),
  hostUnbondingStake: t.bigint().notNull(),
  slashedTotal: t.bigint().notNull(),
}));

export const gpuType = onchainTable("gpu_class", (t) => ({
  classId: t.integer().primaryKey(),
  /** 1/10,000 of K (10,000 = 1x). */
  coefficient: t.integer().notNull(),
  hpc: t.boolean().notNull(),
  active: t.boolean().notNull(),
}));

/** A cloud host (HostStaking). Pools' assets and shares are the contract's after the host's latest event. */
export const host = onchainTable("host", (t) => ({
  address: t.hex().primaryKey(),
  commissionBps: t.integer().notNull(),
  /** A scheduled commission change (null: none). */
  pendingCommissionBps: t.integer(),
  commissionEffectiveAt: t.bigint(),
  containerCount: t.integer().notNull(),
  coefficientSum: t.bigint().notNull(),
  /** K x coefficient sum, as of the latest CapacitySet. */
  requiredStake: t.bigint().notNull(),
  /** Active stake (host and delegators): what counts toward the requirement. */
  stake: t.bigint().notNull(),
  activeShares: t.bigint().notNull(),
  unbondingStake: t.bigint().notNull(),
  unbondingShares: t.bigint().notNull(),
  /** Accounts other than the host with active shares. */
  delegatorCount: t.integer().notNull(),
  /** Every account that ever staked with the host (the host included), in order of first stake. */
  delegators: t.hex().array().notNull(),
  /** Ids of its unbonding requests not yet withdrawn. */
  pendingUnbondings: t.bigint().array().notNull(),
  halted: t.boolean().notNull(),
  pendingSlashes: t.integer().notNull(),
  rewardsFunded: t.bigint().notNull(),
  /** Released to stakers, the host's commission included. */
  rewardsReleased: t.bigint().notNull(),
  commissionEarned: t.bigint().notNull(),
  rewardsClaimed: t.bigint().notNull(),
  /** Funded but not yet released, as of the host's latest event. */
  unreleasedRewards: t.bigint().notNull(),
  rewardFinish: t.bigint().notNull(),
  slashed: t.bigint().notNull(),
  activeGeneration: t.integer().notNull(),
  unbondingGeneration: t.integer().notNull(),
  registeredAt: t.bigint().notNull(),
}));

/** A container (HostRegistry): its id is the `container` the checkers sign. */
export const container = onchainTable(
  "container",
  (t) => ({
    id: t.hex().primaryKey(),
    host: t.hex().notNull(),
    classId: t.integer().notNull(),
    region: t.hex().notNull(),
    coefficient: t.integer().notNull(),
    /** K x coefficient when registered or last synced. */
    requiredStake: t.bigint().notNull(),
    /** "active" | "deregistered" | "evicted". */
    status: t.text().notNull(),
    registeredAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ hostIdx: index().on(table.host) }),
);

/** One account's stake with one host (the host's own stake included). `stake` is its shares' worth now. */
export const hostDelegation = onchainTable(
  "host_delegation",
  (t) => ({
    host: t.hex().notNull(),
    account: t.hex().notNull(),
    shares: t.bigint().notNull(),
    stake: t.bigint().notNull(),
    delegated: t.bigint().notNull(),
    undelegated: t.bigint().notNull(),
    rewardsClaimed: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.host, table.account] }), accountIdx: index().on(table.account) }),
);

/** An unbonding request (ids are global). `value` is its unbonding shares' worth now. */
export const unbondingRequest = onchainTable(
  "unbonding_request",
  (t) => ({
    id: t.bigint().primaryKey(),
    host: t.hex().notNull(),
    account: t.hex().notNull(),
    amount: t.bigint().notNull(),
    sharesBurned: t.bigint().notNull(),
    shares: t.bigint().notNull(),
    value: t.bigint().notNull(),
    unlockAt: t.bigint().notNull(),
    /** "unbonding" | "withdrawn". */
    status: t.text().notNull(),
    withdrawnAmount: t.bigint(),
    requestedAt: t.bigint().notNull(),
    withdrawnAt: t.bigint(),
  }),
  (table) => ({ hostIdx: index().on(table.host), accountIdx: index().on(table.account) }),
);

/** A slash proposal (HostSlashing) and, once executed, what it took and from where. */
export const slashProposal = onchainTable(
  "slash",
  (t) => ({
    id: t.bigint().primaryKey(),
    host: t.hex().notNull(),
    container: t.hex().notNull(),
    /** "DowntimeRendering" | "DowntimeReserve" | "Malicious" | "Underperformance". */
    kind: t.text().notNull(),
    penalty: t.bigint().notNull(),
    refund: t.bigint().notNull(),
    refundTo: t.hex().notNull(),
    evidence: t.hex().notNull(),
    proposer: t.hex().notNull(),
    executeAfter: t.bigint().notNull(),
    /** A verdict slash's epoch and its container's proven Fail jobs in it (null: a slasher's proposal). */
    epoch: t.bigint(),
    failedJobs: t.integer(),
    /** "pending" | "vetoed" | "executed". */
    status: t.text().notNull(),
    vetoedBy: t.hex(),
    executor: t.hex(),
    taken: t.bigint(),
    fromRewards: t.bigint(),
    fromActive: t.bigint(),
    fromUnbonding: t.bigint(),
    refunded: t.bigint(),
    penaltyPaid: t.bigint(),
    penaltyTo: t.hex(),
    proposedAt: t.bigint().notNull(),
    resolvedAt: t.bigint(),
  }),
  (table) => ({ hostIdx: index().on(table.host) }),
);

/** Per UTC day and holder pool: ATH staked at the day's end, and what entered and left that day. */
export const stakingPoolDay = onchainTable(
  "staking_pool_daily",
  (t) => ({
    poolId: t.bigint().notNull(),
    day: t.integer().notNull(),
    date: t.text().notNull(),
    staked: t.bigint().notNull(),
    stakedIn: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    rewardsPaid: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.poolId, table.day] }) }),
);

/** Per UTC day: all hosts' active and unbonding stake at the day's end, delegated, undelegated and slashed that day. */
export const hostStakingDay = onchainTable("host_staking_daily", (t) => ({
  day: t.integer().primaryKey(),
  date: t.text().notNull(),
  hostStake: t.bigint().notNull(),
  unbondingStake: t.bigint().notNull(),
  delegated: t.bigint().notNull(),
  undelegated: t.bigint().notNull(),
  slashed: t.bigint().notNull(),
  rewardsFunded: t.bigint().notNull(),
}));

// ==================================================================================================== relations
// GraphQL fields joining the tables (Ponder builds them from drizzle's `relations()`; no SQL foreign keys). An account's
// page in one query: { account(address: "0x…") { balance licenses { items { id } } stakingPositions { items { amount } }
// hostDelegations { items { stake } } vestingClaims { items { amount status } } unbondingRequests { items { value } }
// earnings { items { epoch earned } } rewards { claimable } } }. A `many` relation needs the matching `one` on the other
// table, hence the `…By` fields pointing back.

export const accountRelations = relations(account, ({ one, many }) => ({
  licenses: many(license),
  stakingPositions: many(stakingPosition),
  hostDelegations: many(hostDelegation),
  vestingClaims: many(vestingClaim),
  unbondingRequests: many(unbondingRequest),
  earnings: many(accountEpoch),
  rewards: one(rewardAccount, { fields: [account.address], references: [rewardAccount.account] }),
  staking: one(stakingAccount, { fields: [account.address], references: [stakingAccount.address] }),
  stath: one(stathBalance, { fields: [account.address], references: [stathBalance.address] }),
  host: one(host, { fields: [account.address], references: [host.address] }),
}));

export const licenseRelations = relations(license, ({ one }) => ({
  ownedBy: one(account, { fields: [license.owner], references: [account.address] }),
}));

export const stakingPositionRelations = relations(stakingPosition, ({ one }) => ({
  heldBy: one(account, { fields: [stakingPosition.account], references: [account.address] }),
  pool: one(stakingPool, { fields: [stakingPosition.poolId], references: [stakingPool.poolId] }),
}));

export const vestingClaimRelations = relations(vestingClaim, ({ one }) => ({
  claimedBy: one(account, { fields: [vestingClaim.account], references: [account.address] }),
}));

export const accountEpochRelations = relations(accountEpoch, ({ one }) => ({
  earnedBy: one(account, { fields: [accountEpoch.account], references: [account.address] }),
}));

export const hostDelegationRelations = relations(hostDelegation, ({ one }) => ({
  delegatedBy: one(account, { fields: [hostDelegation.account], references: [account.address] }),
  delegatedTo: one(host, { fields: [hostDelegation.host], references: [host.address] }),
}));

export const unbondingRequestRelations = relations(unbondingRequest, ({ one }) => ({
  requestedBy: one(account, { fields: [unbondingRequest.account], references: [account.address] }),
  unbondingFrom: one(host, { fields: [unbondingRequest.host], references: [host.address] }),
}));

export const hostRelations = relations(host, ({ many }) => ({
  delegations: many(hostDelegation),
  unbondingRequests: many(unbondingRequest),
  containers: many(container),
}));

export const containerRelations = relations(container, ({ one }) => ({
  hostedBy: one(host, { fields: [container.host], references: [host.address] }),
}));

export const stakingPoolRelations = relations(stakingPool, ({ many }) => ({
  positions: many(stakingPosition),
}));

// ==================================================================================================== compute providers
// Compute-provider rewards (issue 15, ComputeRewards): the referee's cumulative roots over (account, cumulativeEdge,
// cumulativeEnterprise), their vetoes and syncs, pushes of Enterprise/IDC amounts into host streams and Edge claims;
// per container and per account epoch figures come from the compute report a root's dataURI names, imported only when
// its root is the posted one (a vetoed root's figures are dropped).

/** One posted compute root per epoch (a re-posted epoch after a veto replaces it). */
export const computeRoot = onchainTable("compute_root", (t) => ({
  epoch: t.bigint().primaryKey(),
  root: t.hex().notNull(),
  cumulativeEdge: t.bigint().notNull(),
  cumulativeEnterprise: t.bigint().notNull(),
  /** What this root adds to each pool over the newest earlier root still standing. */
  addedEdge: t.bigint().notNull(),
  addedEnterprise: t.bigint().notNull(),
  dataURI: t.text().notNull(),
  postedAt: t.bigint().notNull(),
  finalAt: t.bigint().notNull(),
  /** "posted" | "synced" (ComputeRewards adopted it) | "vetoed"; final once the chain's time reaches finalAt. */
  status: t.text().notNull(),
  vetoedBy: t.hex(),
  syncedAt: t.bigint(),
  /** Drawn from each pool when it was synced. */
  drawnEdge: t.bigint(),
  drawnEnterprise: t.bigint(),
  /** "imported" | "unavailable" | "root-mismatch": whether its compute report backs the per-epoch rows. */
  report: t.text().notNull(),
  /** From the report: each pool's pot and points, and how many containers were zeroed (Fail majority, halted host). */
  edgePot: t.bigint().notNull(),
  enterprisePot: t.bigint().notNull(),
  edgePoints: t.bigint().notNull(),
  enterprisePoints: t.bigint().notNull(),
  containers: t.integer().notNull(),
  zeroedContainers: t.integer().notNull(),
}));

/** A payment against a synced compute root: a push into a host's stream or an Edge claim. */
export const computePayment = onchainTable(
  "compute_payment",
  (t) => ({
    id: t.text().primaryKey(),
    /** "push" (Enterprise/IDC, into the host's HostStaking stream) | "edge-claim". */
    kind: t.text().notNull(),
    account: t.hex().notNull(),
    /** Who sent it (anyone may push). */
    caller: t.hex().notNull(),
    epoch: t.bigint().notNull(),
    cumulative: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);

/** Per account (a host or an Edge device's owner): its leaf in the newest posted root, and what was paid of it. */
export const computeProvider = onchainTable("compute_provider", (t) => ({
  account: t.hex().primaryKey(),
  cumulativeEdge: t.bigint().notNull(),
  cumulativeEnterprise: t.bigint().notNull(),
  /** cumulativeEdge + cumulativeEnterprise: the leaderboard's order. */
  earned: t.bigint().notNull(),
  claimedEdge: t.bigint().notNull(),
  pushedEnterprise: t.bigint().notNull(),
  /** Epochs in which the account had a container with points. */
  epochsEarning: t.integer().notNull(),
  lastEpoch: t.bigint(),
}));

/** Per account and epoch, from the compute report: what the epoch added and the leaf after it. */
export const computeAccountEpoch = onchainTable(
  "compute_account_epoch",
  (t) => ({
    account: t.hex().notNull(),
    epoch: t.bigint().notNull(),
    earnedEdge: t.bigint().notNull(),
    earnedEnterprise: t.bigint().notNull(),
    cumulativeEdge: t.bigint().notNull(),
    cumulativeEnterprise: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.epoch] }), epochIdx: index().on(table.epoch) }),
);

/** Per container and epoch, from the compute report: its jobs, points, earnings and why it had none. */
export const computeContainerEpoch = onchainTable(
  "compute_container_epoch",
  (t) => ({
    container: t.hex().notNull(),
    epoch: t.bigint().notNull(),
    host: t.hex().notNull(),
    classId: t.integer().notNull(),
    /** "edge" | "enterprise". */
    pool: t.text().notNull(),
    coefficient: t.integer().notNull(),
    assigned: t.integer().notNull(),
    pass: t.integer().notNull(),
    fail: t.integer().notNull(),
    void: t.integer().notNull(),
    points: t.bigint().notNull(),
    earned: t.bigint().notNull(),
    /** "fail-majority" | "halted" | null. */
    zeroed: t.text(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.container, table.epoch] }), hostIdx: index().on(table.host), epochIdx: index().on(table.epoch) }),
);

/** Per UTC day and pool ("edge" | "enterprise"): added by roots posted that day (vetoed ones leave it), drawn by syncs, paid. */
export const computeDay = onchainTable(
  "compute_daily",
  (t) => ({
    day: t.integer().notNull(),
    pool: t.text().notNull(),
    date: t.text().notNull(),
    added: t.bigint().notNull(),
    drawn: t.bigint().notNull(),
    paid: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.day, table.pool] }) }),
);

/** ComputeRewards' settings (one row, id "compute") and its GPU classes' kinds. */
export const computeSetting = onchainTable("compute_settings", (t) => ({
  id: t.text().primaryKey(),
  challengeWindow: t.bigint().notNull(),
  /** GPU classes marked Edge now. */
  edgeClasses: t.integer().array().notNull(),
  syncedEpoch: t.bigint(),
  fundedEdge: t.bigint().notNull(),
  fundedEnterprise: t.bigint().notNull(),
}));

// ---------------------------------------------------------------- holder governance (issue 16)

/**
 * A proposal of AethirGovernor, as its events left it. `eventState` is the last state an event set ("Pending" at
 * creation, "Queued", "Executed", "Canceled"); the time-driven states (Active, Succeeded, Defeated) follow from
 * `voteStart`, `voteEnd` and the votes at query time (ponder/src/governanceState.ts), as governor.state computes them.
 * `quorum` is governor.quorum(voteStart): the last VotingSupplyMeasured at or before the snapshot.
 */
export const proposal = onchainTable("proposal", (t) => ({
  id: t.bigint().primaryKey(),
  proposer: t.hex().notNull(),
  title: t.text().notNull(),
  description: t.text().notNull(),
  createdAt: t.bigint().notNull(),
  createdBlock: t.bigint().notNull(),
  voteStart: t.bigint().notNull(),
  voteEnd: t.bigint().notNull(),
  /** The timelock's ready time once queued. */
  eta: t.bigint(),
  /** The timelock operation id its batch is (or would be) queued under (a timelock Cancelled or CallExecuted of it ends the proposal). */
  timelockOpId: t.hex(),
  forVotes: t.bigint().notNull(),
  againstVotes: t.bigint().notNull(),
  abstainVotes: t.bigint().notNull(),
  voteCount: t.integer().notNull(),
  quorum: t.bigint().notNull(),
  eventState: t.text().notNull(),
  queuedAt: t.bigint(),
  executedAt: t.bigint(),
  canceledAt: t.bigint(),
}), (table) => ({ createdIdx: index().on(table.createdAt) }));

/** One call of a proposal, decoded with the target's ABI from the manifest (ponder/src/describeCall.ts). */
export const proposalCall = onchainTable(
  "proposal_call",
  (t) => ({
    proposalId: t.bigint().notNull(),
    index: t.integer().notNull(),
    target: t.hex().notNull(),
    /** The manifest's name of the target (null: not in the deployment). */
    targetName: t.text(),
    value: t.bigint().notNull(),
    data: t.hex().notNull(),
    /** The function's name (null: unknown target or selector). */
    functionName: t.text(),
    /** [{ name, type, value, words }] */
    args: t.json().notNull(),
    /** The whole call in words, as scripts/ops/governance.ts's describeCall writes it. */
    words: t.text().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.proposalId, table.index] }) }),
);

/** The event-driven state transitions of a proposal (Pending, Queued, Executed, Canceled), in order. */
export const proposalTransition = onchainTable("proposal_transition", (t) => ({
  id: t.text().primaryKey(),
  proposalId: t.bigint().notNull(),
  state: t.text().notNull(),
  timestamp: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}), (table) => ({ proposalIdx: index().on(table.proposalId) }));

/** VoteCast and VoteCastWithParams. */
export const proposalVote = onchainTable("proposal_vote", (t) => ({
  id: t.text().primaryKey(),
  proposalId: t.bigint().notNull(),
  voter: t.hex().notNull(),
  /** "against" | "for" | "abstain". */
  support: t.text().notNull(),
  weight: t.bigint().notNull(),
  reason: t.text().notNull(),
  /** VoteCastWithParams' params (null for VoteCast). */
  params: t.hex(),
  timestamp: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}), (table) => ({ proposalIdx: index().on(table.proposalId) }));

/** Voting power now, per address that ever had votes delegated to it: ATH (ERC20Votes) + stATH (StakingPools). */
export const voteDelegate = onchainTable("vote_delegate", (t) => ({
  address: t.hex().primaryKey(),
  athVotes: t.bigint().notNull(),
  stathVotes: t.bigint().notNull(),
  votes: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}), (table) => ({ votesIdx: index().on(table.votes) }));

/** Whom each account delegates its ATH and its stATH votes to now (null: nobody). */
export const voteDelegation = onchainTable("vote_delegation", (t) => ({
  delegator: t.hex().primaryKey(),
  athDelegate: t.hex(),
  stathDelegate: t.hex(),
  updatedAt: t.bigint().notNull(),
}));

/** The governor's settings now (id "governor"), and the running totals behind the daily series. */
export const governorSetting = onchainTable("governor_settings", (t) => ({
  id: t.text().primaryKey(),
  votingDelay: t.bigint().notNull(),
  votingPeriod: t.bigint().notNull(),
  proposalThreshold: t.bigint().notNull(),
  quorumBps: t.bigint().notNull(),
  proposalGuardian: t.hex(),
  timelock: t.hex(),
  /** Every delegate's ATH votes, and stATH votes, added up (votes held by delegates). */
  athDelegated: t.bigint().notNull(),
  stathDelegated: t.bigint().notNull(),
  /** The last VotingSupplyMeasured's voting supply (null before the first proposal). */
  votingSupply: t.bigint(),
}));

/** Every settings event of the governor: VotingDelaySet, VotingPeriodSet, ProposalThresholdSet, QuorumBpsSet, ProposalGuardianSet, TimelockChange, EIP712DomainChanged. */
export const governorSettingChange = onchainTable("governor_setting_change", (t) => ({
  id: t.text().primaryKey(),
  event: t.text().notNull(),
  oldValue: t.text(),
  newValue: t.text(),
  timestamp: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/** VotingSupplyMeasured: the voting supply and the quorum measured when a proposal was created. */
export const votingSupplyMeasurement = onchainTable("voting_supply_measurement", (t) => ({
  proposalId: t.bigint().primaryKey(),
  timepoint: t.bigint().notNull(),
  votingSupply: t.bigint().notNull(),
  quorum: t.bigint().notNull(),
  blockNumber: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
}));

/**
 * Per UTC day with a delegate-votes change or a measurement: ATH + stATH votes held by delegates at the day's last
 * event, and the last measured voting supply (carried from the day before when none was measured that day).
 */
export const governanceDay = onchainTable("governance_daily", (t) => ({
  day: t.integer().primaryKey(),
  date: t.text().notNull(),
  delegatedSupply: t.bigint().notNull(),
  votingSupply: t.bigint(),
}));

/** Which proposal a timelock batch belongs to (key: the timelock's operation id). */
export const proposalOperation = onchainTable("proposal_operation", (t) => ({
  opId: t.hex().primaryKey(),
  proposalId: t.bigint().notNull(),
}));

export const proposalRelations = relations(proposal, ({ many }) => ({
  calls: many(proposalCall),
  votes: many(proposalVote),
  transitions: many(proposalTransition),
}));
export const proposalCallRelations = relations(proposalCall, ({ one }) => ({
  proposal: one(proposal, { fields: [proposalCall.proposalId], references: [proposal.id] }),
}));
export const proposalVoteRelations = relations(proposalVote, ({ one }) => ({
  proposal: one(proposal, { fields: [proposalVote.proposalId], references: [proposal.id] }),
}));
export const proposalTransitionRelations = relations(proposalTransition, ({ one }) => ({
  proposal: one(proposal, { fields: [proposalTransition.proposalId], references: [proposal.id] }),
}));
