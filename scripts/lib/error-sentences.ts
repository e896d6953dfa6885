// What each contract error means to the person who met it: one sentence per error name (what happened; what to do),
// and the unit of each argument that is not shown as its Solidity type suggests (ATH amounts, dates, week indexes,
// durations, basis points...). Read from the contracts (contracts/interfaces/*.sol and the code that reverts), not
// guessed from names. Every argument is named in its sentence: test/ts/errors.test.ts checks this for every error of
// every ABI under artifacts/contracts, and for OZ_ERRORS. Browser-safe.
import { keccak256, stringToHex } from "viem";

const id = (text: string) => keccak256(stringToHex(text));

/**
 * How an argument is shown. Unlisted arguments take their type's default: address -> "address", bytesN -> "text",
 * uintN -> "number", enum -> its names (ENUMS), bool, string, bytes.
 */
export type Unit =
  | "ath" // 18-decimal ATH: "1,234.5 ATH"
  | "eth" // 18-decimal ETH: "0.25 ETH"
  | "weth" // 18-decimal WETH
  | "tokens" // an ERC-20 amount of a token the error names (18 decimals assumed, as every token here has)
  | "erc20" // the reverting ERC-20's own token: ATH from AethirToken, stATH from StakingPools
  | "weight" // StakingPools weight: ATH wei x lock multiplier
  | "time" // Unix seconds: "2027-10-28 (in 33 days)"
  | "week" // StakingPools week index (week x 7 days = its first second)
  | "duration" // seconds: "7 days"
  | "bps" // basis points: "15%"
  | "coefficient" // HostRegistry coefficient, 10,000 = 1x
  | "block" // a block number
  | "count" // a quantity with thousands separators
  | "number" // an id, index or epoch as a plain number
  | "address"
  | "role" // an AccessControl role hash, by name
  | "text" // fixed bytes: the string they hold when printable, else hex
  | "hex"
  | "states" // TimelockController's bitmap of expected operation states
  | "proposalStates" // Governor's bitmap of expected proposal states
  | "bool"
  | "string"
  | "bytes"
  | "raw"
  | { enum: readonly string[] };

export interface Sentence {
  units?: Record<string, Unit>;
  text: (a: Record<string, string>) => string;
}

/** Enums by their ABI internalType ("enum IHostSlashing.Kind"), in declaration order. */
export const ENUMS: Record<string, readonly string[]> = {
  "IHostSlashing.Kind": ["DowntimeRendering", "DowntimeReserve", "Malicious", "Underperformance"],
  "IHostSlashing.Status": ["None", "Pending", "Vetoed", "Executed"],
  "IRewardClaims.Option": ["Full180Days", "Quarter30Days"],
  "ILicenseSale.Currency": ["ETH", "WETH"],
  "IComputeRewards.PoolKind": ["Edge", "Enterprise"],
  "IGovernor.ProposalState": ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"],
};

/** AccessControl role hashes -> names (the roles declared in contracts/ and TimelockController's). */
export const ROLE_NAMES: Record<string, string> = Object.fromEntries([
  ["0x" + "00".repeat(32), "DEFAULT_ADMIN_ROLE (governance, through the timelock)"],
  ...["BAN_ROLE", "DISTRIBUTOR_ROLE", "GUARDIAN_ROLE", "KYC_SIGNER_ROLE", "MINTER_ROLE", "REFEREE_ROLE", "SLASHER_ROLE", "PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"].map((r) => [id(r), r]),
]);

/** Solidity's Panic(uint256) codes. */
export const PANIC_REASONS: Record<number, string> = {
  0x00: "a generic compiler panic",
  0x01: "an assertion failed",
  0x11: "an arithmetic overflow or underflow",
  0x12: "a division or modulo by zero",
  0x21: "a value out of an enum's range",
  0x22: "a corrupt storage byte array",
  0x31: "pop() on an empty array",
  0x32: "an array index out of bounds",
  0x41: "out of memory (too large an allocation)",
  0x51: "a call to an uninitialized function pointer",
};

/**
 * OpenZeppelin 5's errors that a call through our contracts can meet, for data no deployment ABI knows (a token or
 * timelock called indirectly). Most are also in our artifacts' ABIs through inheritance.
 */
export const OZ_ERRORS = [
  "error AccessControlBadConfirmation()",
  "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
  "error OwnableInvalidOwner(address owner)",
  "error OwnableUnauthorizedAccount(address account)",
  "error ReentrancyGuardReentrantCall()",
  "error EnforcedPause()",
  "error ExpectedPause()",
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidSpender(address spender)",
  "error ERC20ExceededSafeSupply(uint256 increasedSupply, uint256 cap)",
  "error ERC2612ExpiredSignature(uint256 deadline)",
  "error ERC2612InvalidSigner(address signer, address owner)",
  "error ERC721InvalidOwner(address owner)",
  "error ERC721NonexistentToken(uint256 tokenId)",
  "error ERC721IncorrectOwner(address sender, uint256 tokenId, address owner)",
  "error ERC721InvalidSender(address sender)",
  "error ERC721InvalidReceiver(address receiver)",
  "error ERC721InsufficientApproval(address operator, uint256 tokenId)",
  "error ERC721InvalidApprover(address approver)",
  "error ERC721InvalidOperator(address operator)",
  "error SafeERC20FailedOperation(address token)",
  "error SafeERC20FailedDecreaseAllowance(address spender, uint256 currentAllowance, uint256 requestedDecrease)",
  "error ECDSAInvalidSignature()",
  "error ECDSAInvalidSignatureLength(uint256 length)",
  "error ECDSAInvalidSignatureS(bytes32 s)",
  "error InvalidAccountNonce(address account, uint256 currentNonce)",
  "error ERC5805FutureLookup(uint256 timepoint, uint48 clock)",
  "error ERC6372InconsistentClock()",
  "error VotesExpiredSignature(uint256 expiry)",
  "error CheckpointUnorderedInsertion()",
  "error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)",
  "error SafeCastOverflowedIntToUint(int256 value)",
  "error SafeCastOverflowedIntDowncast(uint8 bits, int256 value)",
  "error SafeCastOverflowedUintToInt(uint256 value)",
  "error TimelockInvalidOperationLength(uint256 targets, uint256 payloads, uint256 values)",
  "error TimelockInsufficientDelay(uint256 delay, uint256 minDelay)",
  "error TimelockUnexpectedOperationState(bytes32 operationId, bytes32 expectedStates)",
  "error TimelockUnexecutedPredecessor(bytes32 predecessorId)",
  "error TimelockUnauthorizedCaller(address caller)",
  "error AddressEmptyCode(address target)",
  "error FailedCall()",
  "error FailedInnerCall()",
  "error FailedDeployment()",
  "error InsufficientBalance(uint256 balance, uint256 needed)",
  "error MissingPrecompile(address)",
  "error StringTooLong(string str)",
  "error InvalidShortString()",
  "error MerkleProofInvalidMultiproof()",
];

const s = (text: Sentence["text"], units?: Sentence["units"]): Sentence => ({ text, units });
const GOV = "an admin setting refused: governance must propose it again through the timelock with";

/** Error name -> sentence. Names shared by several contracts with the same meaning have one entry. */
export const SENTENCES: Record<string, Sentence> = {
  // ------------------------------------------------------------------------------------------- shared
  ZeroAddress: s((a) => `the ${a.what} address is zero; pass a real address for it`),
  ZeroAmount: s(() => "the amount is zero; pass an amount greater than 0"),
  BatchSizeOutOfRange: s((a) => `a batch of ${a.size} items is empty or above the maximum of ${a.max}; split it into batches of 1 to ${a.max}`, { size: "count", max: "count" }),
  NotKycAllowed: s((a) => `${a.account} has no valid KYC attestation from an unrestricted country; get one (kyc-sign, kyc-submit) and try again`),
  ScheduleEndTooLate: s((a) => `${GOV} a schedule ending before uint64's limit (it would end ${a.end})`, { end: "time" }),
  RenounceDisabled: s(() => "renouncing ownership is disabled: it would lock the bucket's releases for good; transfer ownership instead"),

  // ------------------------------------------------------------------------------------------- ATH token
  GenesisSupplyMismatch: s((a) => `the genesis allocations place ${a.placed} instead of the fixed supply of ${a.supply}; fix the allocations in the parameters`, { placed: "ath", supply: "ath" }),
  GenesisRecipientNotContract: s((a) => `genesis allocation ${a.index} goes to ${a.recipient}, which is not a contract; deploy its vesting wallet or pool first`),

  // ------------------------------------------------------------------------------------------- vesting buckets and reward pools
  UpfrontBpsTooHigh: s((a) => `${GOV} an upfront share of at most ${a.max} (got ${a.upfrontBps})`, { upfrontBps: "bps", max: "bps" }),
  StepCountOutOfRange: s((a) => `${GOV} 1 to ${a.max} steps (got ${a.count})`, { count: "count", max: "count" }),
  StepLengthMismatch: s((a) => `${GOV} as many cumulative percentages as step offsets (${a.offsets} offsets, ${a.cumulativeBps} percentages)`, { offsets: "count", cumulativeBps: "count" }),
  StepNotIncreasing: s((a) => `${GOV} steps strictly later and larger than the previous one (step ${a.index} is not)`),
  StepFinalNotFull: s((a) => `${GOV} a last step releasing 100% (it releases ${a.cumulativeBps})`, { cumulativeBps: "bps" }),
  ExceedsReleasable: s((a) => `the draw of ${a.amount} exceeds the ${a.releasable} the pool has released so far; draw at most that, or wait for the schedule`, { amount: "ath", releasable: "ath" }),
  ZeroDuration: s(() => `${GOV} a non-zero duration, step length or period`),
  PeriodCountOutOfRange: s((a) => `${GOV} 1 to ${a.max} periods (got ${a.count})`, { count: "count", max: "count" }),
  FirstPeriodBpsTooHigh: s((a) => `${GOV} a first period releasing at most ${a.max} (got ${a.bps})`, { bps: "bps", max: "bps" }),
  DecayRatioInvalid: s((a) => `${GOV} a decay ratio between 0 and 1 (got ${a.numerator}/${a.denominator})`),
  EarlyPeriodsExceedAllocation: s((a) => `${GOV} periods that fit the allocation (the periods before the last release ${a.early} of ${a.allocation})`, { early: "ath", allocation: "ath" }),
  InsufficientBalance: s((a) => `the contract holds ${a.balance} but needs ${a.needed} to send; fund it first`, { balance: "eth", needed: "eth" }),

  // ------------------------------------------------------------------------------------------- compliance (KYC)
  ZeroAdmin: s(() => "the registry's admin is the zero address; deploy it with a real admin"),
  AttestationDeadlinePassed: s((a) => `the attestation's signature deadline ${a.deadline} has passed (chain time ${a.nowTimestamp}); ask the KYC provider to sign it again (kyc-sign)`, { deadline: "time", nowTimestamp: "time" }),
  AttestationAlreadyExpired: s((a) => `the attestation expires ${a.expiry}, already past at ${a.nowTimestamp}; ask the KYC provider for one with a later expiry`, { expiry: "time", nowTimestamp: "time" }),
  InvalidKycSigner: s((a) => `the attestation was signed by ${a.recovered}, which is not an allowed KYC signer; have it signed with the KYC provider's key`),
  InvalidAttestationSubject: s((a) => `an attestation needs a non-zero account and a country code (got ${a.account}, country ${a.countryCode}); fix the attestation`),
  NoAttestation: s((a) => `${a.account} has no attestation to revoke or clear; check the address`),
  AttestationAlreadyRevoked: s((a) => `${a.account}'s attestation is already revoked; nothing to do`),
  RestrictedAttestationHeld: s((a) => `${a.account}'s latest attestation names the restricted country ${a.heldCountryCode}; only governance can lift it (clearAttestation)`),

  // ------------------------------------------------------------------------------------------- checker licenses
  LicenseCapExceeded: s((a) => `minting ${a.quantity} licenses would pass the 100,000 cap (${a.remaining} left); mint at most that many`, { quantity: "count", remaining: "count" }),
  TransferLocked: s((a) => `license ${a.tokenId} can't be transferred before ${a.transferableAfter}; transfer after that`, { transferableAfter: "time" }),
  LicenseIsBanned: s((a) => `license ${a.tokenId} is banned until ${a.bannedUntil}; it can't be transferred or delegated before then`, { bannedUntil: "time" }),
  ReceiverNotKycAllowed: s((a) => `the receiver ${a.to} has no valid KYC attestation from an unrestricted country; it must pass KYC before receiving a license`),
  ERC721InvalidOperator: s((a) => `${a.operator} can't be approved as an operator; pass a real address`),
  NotOwnerNorApproved: s((a) => `${a.caller} neither owns license ${a.tokenId} nor is approved for it; sign with the owner's account`),
  UserExpiryInPast: s((a) => `the delegation would expire ${a.expires}, which is not in the future; pass a later expiry (--days)`, { expires: "time" }),
  TransferUnlockOnlyEarlier: s((a) => `${GOV} an earlier transfer unlock than the current ${a.current} (got ${a.requested})`, { current: "time", requested: "time" }),
  BanEndInPast: s((a) => `a ban must end in the future (got ${a.until}); pass a later end`, { until: "time" }),
  LicenseNotBanned: s((a) => `license ${a.tokenId} is not banned; nothing to unban`),
  TimestampOutOfRange: s((a) => `the time ${a.value} is beyond what a license stores (2^48 - 1); pass a realistic time`, { value: "time" }),
  // ERC721A's errors (CheckerLicense's base)
  ApprovalCallerNotOwnerNorApproved: s(() => "only the license's owner or an approved operator can approve it; sign with the owner's account"),
  ApprovalQueryForNonexistentToken: s(() => "no license has this id; check the id"),
  BalanceQueryForZeroAddress: s(() => "the zero address owns no licenses; pass a real address"),
  MintERC2309QuantityExceedsLimit: s(() => "too many licenses minted in one batch; mint fewer at once"),
  MintToZeroAddress: s(() => "licenses can't be minted to the zero address; pass a real buyer"),
  MintZeroQuantity: s(() => "the quantity to mint is zero; mint at least one license"),
  NotCompatibleWithSpotMints: s(() => "this operation is not supported together with spot mints"),
  OwnerQueryForNonexistentToken: s(() => "no license has this id (never minted, or burned); check the id"),
  OwnershipNotInitializedForExtraData: s(() => "the license's ownership slot is not initialized; transfer or touch the license first"),
  SequentialMintExceedsLimit: s(() => "the sequential mint would pass its configured limit; mint fewer"),
  SequentialUpToTooSmall: s(() => "the sequential mint limit is below the start id; fix the configuration"),
  SpotMintTokenIdTooSmall: s(() => "a spot-minted id must be above the sequential range; pick a larger id"),
  TokenAlreadyExists: s(() => "a license with this id already exists; pick another id"),
  TransferCallerNotOwnerNorApproved: s(() => "only the license's owner or an approved operator can transfer it; sign with the owner's account"),
  TransferFromIncorrectOwner: s(() => "the sender does not own this license; check the id and the from address"),
  TransferToNonERC721ReceiverImplementer: s(() => "the receiving contract does not accept ERC-721 tokens; send to an account or a receiver contract"),
  TransferToZeroAddress: s(() => "licenses can't be sent to the zero address; pass a real receiver"),
  URIQueryForNonexistentToken: s(() => "no license has this id, so it has no metadata; check the id"),

  // ------------------------------------------------------------------------------------------- license sale
  ZeroQuantity: s(() => "the quantity is zero; buy at least one license (--quantity)"),
  QuantityTooLarge: s((a) => `${a.quantity} licenses in one purchase is above the maximum of ${a.max}; buy in smaller purchases`, { quantity: "count", max: "count" }),
  SaleNotStarted: s((a) => `the sale opens on ${a.whitelistStart}; buy after that`, { whitelistStart: "time" }),
  SaleEnded: s((a) => `the sale ended on ${a.saleEnd}; no more licenses can be bought`, { saleEnd: "time" }),
  InvalidWhitelistProof: s((a) => `the whitelist proof does not place ${a.buyer} with an allocation of ${a.allocation} in the whitelist; use the tree the sale was set up with (--whitelist), or wait for the public round`, { allocation: "count" }),
  WhitelistAllocationExceeded: s((a) => `${a.requested} licenses requested but only ${a.remaining} remain of your whitelist allocation; buy at most that many now`, { requested: "count", remaining: "count" }),
  SoldOut: s((a) => `${a.requested} licenses requested but only ${a.available} are left in the sale; buy at most that many`, { requested: "count", available: "count" }),
  PerBuyerCapExceeded: s((a) => `tier ${a.tier} allows ${a.cap} licenses per buyer; you bought ${a.alreadyBought} and asked for ${a.requested}; buy fewer`, { cap: "count", alreadyBought: "count", requested: "count" }),
  InsufficientPayment: s((a) => `the licenses cost ${a.required} but ${a.sent} was sent; send at least the price`, { required: "eth", sent: "eth" }),
  PriceAboveMax: s((a) => `the price rose to ${a.price}, above the ${a.maxPrice} you accepted; buy again at the new price`, { price: "weth", maxPrice: "weth" }),
  UnexpectedETH: s((a) => `${a.value} was sent with a WETH purchase; send no ETH when paying in WETH`, { value: "eth" }),
  UnknownReferralCode: s((a) => `no referrer registered the code ${a.code}; check it, or buy without --code`),
  SelfReferral: s((a) => `the code ${a.code} is your own; you can't refer yourself, buy without it`),
  ReferralCodeTaken: s((a) => `the code ${a.code} already belongs to ${a.owner}; pick another code`),
  InvalidReferralCode: s(() => "the referral code is empty; pass a code of 1 to 31 characters"),
  ReferralTermsOutOfBounds: s((a) => `${GOV} referral terms within bounds (discount ${a.discountBps}, reward ${a.rewardBps})`, { discountBps: "bps", rewardBps: "bps" }),
  ReferralCapsOutOfBounds: s((a) => `${GOV} referral caps within bounds, the per-buyer cap at most the per-code cap (per buyer ${a.capPerBuyer}, per code ${a.capPerCode})`, { capPerBuyer: "eth", capPerCode: "eth" }),
  ReferralPayoutDelayOutOfBounds: s((a) => `${GOV} a payout delay from ${a.min} to ${a.max} (got ${a.delay})`, { delay: "duration", min: "duration", max: "duration" }),
  ReferrerHasCode: s((a) => `${a.referrer} already owns the code ${a.code}; an address owns one code, share that one`),
  ReferralCodeVoided: s((a) => `the guardian voided the code ${a.code}; it can't be used any more, buy without it`),
  ReferralCodeNotVoided: s((a) => `the code ${a.code} is not voided; only a voided code can be restored`),
  ReferralRewardsLocked: s((a) => `${a.referrer}'s referral rewards are still in their payout delay; the next unlocks on ${a.nextUnlockAt}, withdraw after that`, { nextUnlockAt: "time" }),
  InvalidSchedule: s((a) => `${GOV} whitelist start, public start and sale end in that order (${a.whitelistStart}, ${a.publicStart}, ${a.saleEnd})`, { whitelistStart: "time", publicStart: "time", saleEnd: "time" }),
  NothingToWithdraw: s((a) => `${a.account} has nothing to withdraw; nothing to do`),
  EthTransferFailed: s((a) => `sending ${a.amount} to ${a.to} failed (the receiver refused ETH); withdraw to an address that accepts ETH`, { amount: "eth" }),
  TierCountOutOfRange: s((a) => `${GOV} 1 to ${a.max} tiers (got ${a.count})`, { count: "count", max: "count" }),
  TierLengthMismatch: s(() => `${GOV} as many tier prices as tier supplies`),
  TierPriceDecreasing: s((a) => `${GOV} tier prices that never decrease (tier ${a.tier} is cheaper than the one before)`),
  TierSupplyZero: s((a) => `${GOV} a non-zero supply in every tier (tier ${a.tier} has none)`),
  TiersExceedLicenseCap: s((a) => `${GOV} tiers within the license cap (they hold ${a.totalSupply}, the cap is ${a.cap})`, { totalSupply: "count", cap: "count" }),

  // ------------------------------------------------------------------------------------------- holder staking (StakingPools)
  UnknownPool: s((a) => `there is no pool ${a.poolId}; use an existing pool id (0 is the first)`),
  TooManyPools: s((a) => `${GOV} at most ${a.max} pools; no more can be created`, { max: "count" }),
  TooManyRewardTokens: s((a) => `pool ${a.poolId} already pays its maximum of ${a.max} reward tokens; no more can be added`),
  DuplicateRewardToken: s((a) => `${a.token} already pays rewards in pool ${a.poolId}; nothing to add`),
  InvalidRewardToken: s((a) => `${a.token} can't be a reward token (zero, or stATH itself); pick another token`),
  RewardTokenNotInPool: s((a) => `${a.token} pays no rewards in pool ${a.poolId}; fund it with one of the pool's reward tokens`),
  PoolWeightTooLarge: s((a) => `pool ${a.poolId}'s total weight would reach ${a.weight}, above its maximum of ${a.max}; stake less or for fewer weeks`, { weight: "weight", max: "weight" }),
  StakeTooSmall: s((a) => `a stake of ${a.amount} is below the minimum of ${a.minimum}; stake at least that`, { amount: "ath", minimum: "ath" }),
  InvalidLockWeeks: s((a) => `a lock of ${a.weeks_} weeks is outside 1 to ${a.maxWeeks} weeks; pass --weeks between them`),
  NoSuchPosition: s((a) => `${a.account} has no open position ${a.positionId} (never opened, or withdrawn); check --position and the account`),
  StillLocked: s((a) => `${a.account}'s position ${a.positionId} unlocks on ${a.unlockTime}; withdraw after that, or extend it`, { unlockTime: "time" }),
  LockCannotShorten: s((a) => `the position is locked until ${a.unlockWeek}; a new lock ending ${a.requestedUnlockWeek} would shorten it, so pass more weeks`, { unlockWeek: "week", requestedUnlockWeek: "week" }),
  FundingWeekNotFuture: s((a) => `funding must start in a future week: ${a.week} is not after the current ${a.currentWeek}; start next week or later`, { week: "week", currentWeek: "week" }),
  FundingWeeksOutOfRange: s((a) => `funding from ${a.firstWeek} for ${a.weeks_} weeks is outside the limit of ${a.maxWeeks} weeks (in length and in how far ahead it starts); fund fewer weeks, sooner`, { firstWeek: "week" }),
  FundingTooLarge: s((a) => `pool ${a.poolId}'s lifetime funding in ${a.token} would reach ${a.total}, above its cap of ${a.max}; fund less`, { total: "tokens", max: "tokens" }),
  FundingNotReceived: s((a) => `${a.token} delivered ${a.received} instead of ${a.expected} (fee-on-transfer tokens are not supported); fund with another token`, { expected: "tokens", received: "tokens" }),
  PermitFailed: s((a) => `the permit failed (probably already used) and ${a.owner}'s allowance is ${a.allowance}, below the ${a.amount} to stake; stake again without --permit, or with a fresh permit`, { allowance: "ath", amount: "ath" }),

  // ------------------------------------------------------------------------------------------- hosts (HostRegistry, HostStaking)
  CoefficientOutOfRange: s((a) => `${GOV} a GPU class coefficient from ${a.min} to ${a.max} (got ${a.coefficient})`, { coefficient: "coefficient", min: "coefficient", max: "coefficient" }),
  HostNotRegistered: s((a) => `${a.host} is not a registered cloud host; register it first (host-register), or check --host`),
  UnknownGpuClass: s((a) => `there is no GPU class ${a.classId}; pass an existing --class`),
  GpuClassInactive: s((a) => `GPU class ${a.classId} is no longer accepted for new containers; pick an active class`),
  InvalidContainer: s((a) => `a container needs a non-zero id and a region (got ${a.container}, region ${a.region}); pass --container and --region`),
  ContainerAlreadyActive: s((a) => `container ${a.container} is already registered and active; nothing to do`),
  ContainerBoundToOtherHost: s((a) => `container ${a.container} belongs to host ${a.host}; a container stays with its first host, pick another id`),
  RestrictedRegion: s((a) => `container ${a.container} of HPC class ${a.classId} can't run in the restricted region ${a.region}; register it elsewhere or with another class`),
  UnknownContainer: s((a) => `no container ${a.container} is registered; check the container name or id`),
  ContainerNotActive: s((a) => `container ${a.container} is not active; register it again first`),
  NotContainerHost: s((a) => `container ${a.container} belongs to host ${a.host}, not to ${a.caller}; sign with the host's account`),
  NotEvictable: s((a) => `container ${a.container} is not an HPC class in a restricted region, so it can't be evicted`),
  KOutOfRange: s((a) => `${GOV} a K from ${a.min} to ${a.max} (got ${a.k})`, { k: "ath", min: "ath", max: "ath" }),
  UnbondingPeriodOutOfRange: s((a) => `${GOV} an unbonding period from ${a.min} to ${a.max} (got ${a.period})`, { period: "duration", min: "duration", max: "duration" }),
  CommissionTooHigh: s((a) => `a commission of ${a.bps} is above the maximum of ${a.max}; pass a lower --commission`, { bps: "bps", max: "bps" }),
  HostAlreadyRegistered: s((a) => `${a.host} is already a registered host; nothing to do (host-commission changes its commission)`),
  NotRegistry: s((a) => `${a.caller} is not the host registry; only the registry can call this`),
  HostHasPendingSlash: s((a) => `host ${a.host} has ${a.pending} pending slash(es); delegations and unbonded withdrawals wait until they are executed or vetoed, try after the veto window`, { pending: "count" }),
  NoPendingSlash: s((a) => `host ${a.host} has no pending slash; nothing to settle`),
  InsufficientStake: s((a) => `${a.account} has ${a.available} delegated to host ${a.host}, less than the ${a.requested} requested; pass at most that`, { requested: "ath", available: "ath" }),
  NoSuchUnbonding: s((a) => `${a.account} has no open unbonding request ${a.id} with host ${a.host} (never made, or withdrawn); check --ids`),
  UnbondingNotMatured: s((a) => `unbonding request ${a.id} unlocks on ${a.unlockAt}; withdraw after that`, { unlockAt: "time" }),
  LengthMismatch: s((a) => `${a.hosts} hosts but ${a.amounts} amounts were passed; pass one amount per host`, { hosts: "count", amounts: "count" }),
  HostIsHalted: s((a) => `host ${a.host} is halted: its stake ${a.stake} is below the ${a.required} its containers require; the host must top up before rewards are paid`, { stake: "ath", required: "ath" }),
  NoRewards: s((a) => `${a.account} has no rewards to claim from host ${a.host} yet; try again after rewards accrue`),

  // ------------------------------------------------------------------------------------------- slashing
  VetoWindowOutOfRange: s((a) => `${GOV} a veto window from ${a.min} to ${a.max} (got ${a.window})`, { window: "duration", min: "duration", max: "duration" }),
  NotEnoughFailedJobs: s((a) => `container ${a.container} has ${a.failed} proven Fail jobs in epoch ${a.epoch}, fewer than the ${a.required} a slash needs; prove more jobs first`, { failed: "count", required: "count" }),
  MinFailedJobsOutOfRange: s((a) => `${GOV} a minimum of failed jobs from ${a.min} to ${a.max} (got ${a.k})`),
  VerdictAlreadyUsed: s((a) => `container ${a.container}'s epoch ${a.epoch} was already slashed from verdicts (proposal ${a.proposalId}); nothing more to propose`),
  VerdictFromFuture: s((a) => `epoch ${a.epoch} starts on ${a.startsAt} and has no verdicts yet; propose after it is proven`, { startsAt: "time" }),
  VerdictTooOld: s((a) => `epoch ${a.epoch}'s verdicts could be used until ${a.deadline}; it is too late to slash from them`, { deadline: "time" }),
  VerdictBeforeRegistration: s((a) => `epoch ${a.epoch} ended before the container was registered on ${a.boundAt}; its verdicts can't slash this host`, { boundAt: "time" }),
  ZeroEvidence: s(() => "the evidence hash is empty; pass --evidence"),
  RefundNotAllowed: s((a) => `a ${a.kind} slash can't refund a service fee (only DowntimeReserve can); propose it without a refund`),
  RefundTooLarge: s((a) => `the refund of ${a.refund} exceeds the maximum of ${a.max} (K x the container's coefficient); refund less`, { refund: "ath", max: "ath" }),
  NoSuchProposal: s((a) => `there is no slash ${a.id}; check --slash`),
  NotPending: s((a) => `slash ${a.id} is ${a.status}, not pending; nothing to do`),
  VetoWindowOver: s((a) => `slash ${a.id}'s veto window closed on ${a.executeAfter}; it can only be executed now`, { executeAfter: "time" }),
  VetoWindowNotOver: s((a) => `slash ${a.id} can be executed from ${a.executeAfter}; execute it after that`, { executeAfter: "time" }),

  // ------------------------------------------------------------------------------------------- referee: seeds and assignments
  CutoffPassed: s((a) => `epoch ${a.epoch}'s cut-off was ${a.cutoff}; too late to commit its seed, commit the next epoch's`, { cutoff: "time" }),
  CutoffNotReached: s((a) => `epoch ${a.epoch}'s cut-off is ${a.cutoff}; its licenses and containers freeze then, try after it`, { cutoff: "time" }),
  SeedAlreadyCommitted: s((a) => `epoch ${a.epoch}'s seed is already committed; nothing to do`),
  SeedAlreadyRevealed: s((a) => `epoch ${a.epoch}'s seed is already revealed; nothing to do`),
  ZeroCommitment: s(() => "the seed commitment is zero; commit the hash of a random secret"),
  AnchorPending: s((a) => `epoch ${a.epoch}'s seed can still be revealed until ${a.deadlineBlock}; reveal it, or re-anchor after that block`, { deadlineBlock: "block" }),
  NoAnchor: s((a) => `epoch ${a.epoch}'s seed has no anchor block yet; anchor it first`),
  AnchorNotMined: s((a) => `epoch ${a.epoch}'s anchor is ${a.anchorBlock}, not mined yet; reveal after it`, { anchorBlock: "block" }),
  RevealExpired: s((a) => `epoch ${a.epoch}'s reveal window ended at ${a.deadlineBlock}; anchor the seed again (the secret is forfeited)`, { deadlineBlock: "block" }),
  SecretForfeited: s((a) => `epoch ${a.epoch}'s secret was not revealed in time, so the fallback seed applies; use the fallback`),
  FallbackNotReady: s((a) => `epoch ${a.epoch}'s secret can be revealed until ${a.deadlineBlock}; the fallback seed comes after that block`, { deadlineBlock: "block" }),
  FallbackExpired: s((a) => `epoch ${a.epoch}'s fallback block hash is out of reach since ${a.lastBlock}; anchor the seed again`, { lastBlock: "block" }),
  WrongSecret: s((a) => `the secret does not match epoch ${a.epoch}'s commitment; reveal the secret that was committed (referee/output/seeds/)`),
  SeedNotRevealed: s((a) => `epoch ${a.epoch}'s seed is not revealed yet; reveal it (prepare) first`),
  AssignmentTooLate: s((a) => `epoch ${a.epoch}'s assignment had to be posted by ${a.deadline}; too late for this epoch`, { deadline: "time" }),
  AssignmentAlreadyPosted: s((a) => `epoch ${a.epoch}'s assignment is already posted; nothing to do`),
  InvalidAssignment: s((a) => `the assignment root ${a.root} with ${a.jobCount} jobs is empty or above the ${a.maxJobs} allowed; recompute it`, { jobCount: "count", maxJobs: "count", root: "hex" }),
  NoAssignment: s((a) => `no assignment is posted for epoch ${a.epoch}; the referee posts it before the epoch starts`),
  AssignmentNotFinal: s((a) => `epoch ${a.epoch}'s assignment is final on ${a.finalAt} (after the guardian's veto window); try after that`, { finalAt: "time" }),
  AssignmentWindowOver: s((a) => `epoch ${a.epoch}'s assignment became final on ${a.finalAt}; it can no longer be vetoed`, { finalAt: "time" }),
  AssignmentWindowOutOfRange: s((a) => `${GOV} an assignment window from ${a.min} to ${a.max} (got ${a.window})`, { window: "duration", min: "duration", max: "duration" }),

  // ------------------------------------------------------------------------------------------- referee: jobs
  JobOutOfRange: s((a) => `epoch ${a.epoch} has ${a.jobCount} jobs; there is no job ${a.job}`, { jobCount: "count" }),
  WrongLicenseCount: s((a) => `the job lists ${a.count} licenses but the epoch assigns ${a.expected} (2N+1) per job; use the leaf from the assignment`),
  LeafLengthMismatch: s((a) => `the leaf has ${a.licenses} licenses, ${a.operators} operators and ${a.votes} votes; pass one operator and one vote per license`),
  LicensesNotAscending: s((a) => `the leaf's licenses are not in ascending order at index ${a.index}; use the leaf from the assignment`),
  WrongProofLength: s((a) => `the Merkle proof has ${a.length} nodes but the assignment's tree needs ${a.expected}; use the proof the referee serves`),
  NotInAssignment: s((a) => `job ${a.job}'s leaf and proof do not match epoch ${a.epoch}'s committed assignment; use the leaf and proof the referee serves`),
  WrongSigner: s((a) => `the result for license ${a.licenseId} is signed by ${a.signer}, not by its committed operator ${a.expected}; sign with the operator's key`),
  InvalidSignature: s((a) => `the signature for license ${a.licenseId} is invalid (it recovers no address); sign the result again`),
  InvalidSignatureS: s((a) => `the signature for license ${a.licenseId} is malleable (s = ${a.s} is in the upper half); sign again with a standard library`, { s: "hex" }),
  NoMajority: s((a) => `job ${a.job} of epoch ${a.epoch} has ${a.passes} Pass and ${a.fails} Fail results, no N+1 majority; it can't be proven`),
  JobAlreadyProven: s((a) => `job ${a.job} of epoch ${a.epoch} is already proven; nothing to do`),
  NotEquivocation: s((a) => `license ${a.licenseId}'s two results for job ${a.job} of epoch ${a.epoch} do not conflict; that is not equivocation`),
  EvidenceTooOld: s((a) => `equivocation in job ${a.job} of epoch ${a.epoch} could be reported until ${a.deadline}; too late`, { deadline: "time" }),
  EvidenceAlreadyUsed: s((a) => `license ${a.licenseId}'s equivocation in job ${a.job} of epoch ${a.epoch} was already reported; nothing to do`),
  IndexOutOfRange: s((a) => `index ${a.index} is out of range (there are ${a.count}); pass a smaller index`),

  // ------------------------------------------------------------------------------------------- referee: roots
  QuorumOutOfRange: s((a) => `${GOV} N from 1 to ${a.max} (got ${a.n})`),
  // (also ComputeRewards': nextEpoch, end)
  EpochNotNext: s((a) => `epoch ${a.epoch} is not the next to settle; settle epoch ${a.expected ?? a.nextEpoch} first`),
  EpochNotOver: s((a) => `epoch ${a.epoch} ends on ${a.endsAt ?? a.end}; settle it after that`, { endsAt: "time", end: "time" }),
  PreviousRootNotFinal: s((a) => `the previous root (epoch ${a.epoch}) is final on ${a.finalAt}; post this one after that`, { finalAt: "time" }),
  RootExceedsEmission: s((a) => `the root's total of ${a.cumulativeTotal} exceeds what the checker pools released (${a.released}) plus returns (${a.returned}); recompute the settlement`, { cumulativeTotal: "ath", released: "ath", returned: "ath" }),
  // (ComputeRewards' has the pool and previousTotal)
  CumulativeTotalDecreased: s((a) => `the new cumulative total${a.pool ? ` of the ${a.pool} pool` : ""} of ${a.cumulativeTotal} is below the ${a.previous ?? a.previousTotal ?? a.funded} already ${a.funded === undefined ? "posted" : "funded"}; cumulative totals only grow, recompute it`, { cumulativeTotal: "ath", previous: "ath", previousTotal: "ath", funded: "ath" }),
  NoRoot: s((a) => `no root is posted for epoch ${a.epoch}; settle the epoch first`),
  ChallengeWindowOver: s((a) => `epoch ${a.epoch}'s root became final on ${a.finalAt}; it can no longer be vetoed`, { finalAt: "time" }),
  ChallengeWindowOutOfRange: s((a) => `${GOV} a challenge window from ${a.min} to ${a.max} (got ${a.window})`, { window: "duration", min: "duration", max: "duration" }),
  RewardClaimsAlreadySet: s((a) => `the claims contract is already set to ${a.current}; it is set once`),

  // ------------------------------------------------------------------------------------------- reward claims
  NoFinalRoot: s(() => "no reward root is final yet (the challenge window has not passed); claim after the first epoch's root is final"),
  NothingToSync: s((a) => `the claims contract already has epoch ${a.epoch}'s root; nothing new to sync`),
  StaleFinalRoot: s((a) => `the referee's final root (epoch ${a.epoch}) is older than the synced one (epoch ${a.syncedEpoch}); nothing to sync`),
  InvalidProof: s((a) =>
    a.cumulativeEdge === undefined
      ? `the proof does not place ${a.account} with ${a.cumulativeAmount} in the synced root; use the newest proofs file (--proofs)`
      : `the proof does not place ${a.account} with ${a.cumulativeEdge} of Edge and ${a.cumulativeEnterprise} of Enterprise rewards in the synced compute root; use the newest proof (GET /compute-proofs/<epoch>/<account>)`,
    { cumulativeAmount: "ath", cumulativeEdge: "ath", cumulativeEnterprise: "ath" }),
  RootNotSynced: s((a) => `the claims contract holds epoch ${a.syncedEpoch}'s root but epoch ${a.finalEpoch}'s is final; sync first (npm run referee -- sync), then claim`),
  NothingNewToClaim: s((a) =>
    a.account === undefined
      ? `your cumulative rewards of ${a.cumulativeAmount} are all claimed already (${a.alreadyClaimed}); claim again after the next epoch settles`
      : `${a.account}'s cumulative Edge rewards of ${a.cumulativeEdge} are all claimed already (${a.alreadyClaimed}); claim again after the next epoch settles`,
    { cumulativeAmount: "ath", cumulativeEdge: "ath", alreadyClaimed: "ath" }),
  ClaimBelowMinimum: s((a) => `the claim of ${a.amount} is below the minimum of ${a.minimum}; wait until more rewards accrue`, { amount: "ath", minimum: "ath" }),
  ClaimExceedsFunding: s((a) => `the claim of ${a.amount} exceeds the ${a.unclaimedFunds} drawn for this root (the referee's tree is inconsistent); report it to the referee`, { amount: "ath", unclaimedFunds: "ath" }),
  // ------------------------------------------------------------------------------------------- compute rewards
  RootExceedsPool: s((a) => `the root's ${a.pool} total of ${a.cumulativeTotal} exceeds what that pool released by the epoch's end (${a.released}) plus returns (${a.returned}) minus what other distributors drew (${a.drawnElsewhere}); recompute the settlement`, { cumulativeTotal: "ath", released: "ath", returned: "ath", drawnElsewhere: "ath" }),
  ZeroRoot: s((a) => `epoch ${a.epoch}'s root is zero; post the root of the epoch's tree (an empty epoch has its own fixed root)`),
  RootNotFinal: s((a) => `epoch ${a.epoch}'s root is final on ${a.finalAt} (after its challenge window); sync after that`, { finalAt: "time" }),
  NothingNewToPush: s((a) => `host ${a.host}'s cumulative Enterprise rewards of ${a.cumulativeEnterprise} are all pushed already (${a.alreadyPushed}); push again after the next epoch settles`, { cumulativeEnterprise: "ath", alreadyPushed: "ath" }),
  PaymentExceedsFunding: s((a) => `paying ${a.amount} from the ${a.pool} pool exceeds the ${a.unpaid} drawn for it (the referee's tree is inconsistent with its totals); report it to the referee`, { amount: "ath", unpaid: "ath" }),
  EmptyEntryList: s(() => "no vesting entry was given; pass at least one entry id"),
  NoSuchEntry: s((a) => `${a.account} has no vesting entry ${a.entryId}; check the entry id`),
  EntryClosed: s((a) => `${a.account}'s vesting entry ${a.entryId} is already withdrawn; nothing to do`),
  EntryNotMatured: s((a) => `${a.account}'s vesting entry ${a.entryId} unlocks on ${a.unlockAt}; withdraw after that`, { unlockAt: "time" }),
  EntryAlreadyVested: s((a) => `${a.account}'s vesting entry ${a.entryId} vested on ${a.unlockAt}; withdraw it instead`, { unlockAt: "time" }),

  // ------------------------------------------------------------------------------------------- OpenZeppelin 5
  AccessControlBadConfirmation: s(() => "a role can only be renounced by its holder, confirming their own address; pass your own address"),
  AccessControlUnauthorizedAccount: s((a) => `${a.account} lacks the role ${a.neededRole}; sign with an account that holds it`, { neededRole: "role" }),
  OwnableInvalidOwner: s((a) => `${a.owner} can't be the owner; pass a real address`),
  OwnableUnauthorizedAccount: s((a) => `${a.account} is not the owner; sign with the owner's account`),
  ReentrancyGuardReentrantCall: s(() => "the contract was re-entered during a call; call it directly, not from a callback"),
  EnforcedPause: s(() => "the contract is paused by the guardian; try again once it is unpaused"),
  ExpectedPause: s(() => "the contract is not paused; this only works while paused"),
  ERC20InsufficientBalance: s((a) => `${a.sender} holds ${a.balance}, less than the ${a.needed} needed; get more, or use a smaller amount`, { balance: "erc20", needed: "erc20" }),
  ERC20InsufficientAllowance: s((a) => `${a.spender} may spend ${a.allowance}, less than the ${a.needed} needed; approve more first (or use --permit)`, { allowance: "erc20", needed: "erc20" }),
  ERC20InvalidSender: s((a) => `tokens can't be sent from ${a.sender}; use a real account`),
  ERC20InvalidReceiver: s((a) => `tokens can't be sent to ${a.receiver}; pass a real receiver`),
  ERC20InvalidApprover: s((a) => `${a.approver} can't approve; use a real account`),
  ERC20InvalidSpender: s((a) => `${a.spender} can't be approved as a spender; pass a real address`),
  ERC20ExceededSafeSupply: s((a) => `the supply would reach ${a.increasedSupply}, above the votes' safe cap of ${a.cap}`, { increasedSupply: "ath", cap: "ath" }),
  ERC2612ExpiredSignature: s((a) => `the permit expired on ${a.deadline}; sign a new permit`, { deadline: "time" }),
  ERC2612InvalidSigner: s((a) => `the permit is signed by ${a.signer}, not by the owner ${a.owner}; sign it with the owner's key`),
  ERC721InvalidOwner: s((a) => `${a.owner} can't own licenses; pass a real address`),
  ERC721NonexistentToken: s((a) => `no license ${a.tokenId} exists; check the id`),
  ERC721IncorrectOwner: s((a) => `${a.sender} does not own license ${a.tokenId} (${a.owner} does); sign with the owner's account`),
  ERC721InvalidSender: s((a) => `licenses can't be sent from ${a.sender}; use a real account`),
  ERC721InvalidReceiver: s((a) => `${a.receiver} can't receive licenses; pass an account or an ERC-721 receiver`),
  ERC721InsufficientApproval: s((a) => `${a.operator} is not approved for license ${a.tokenId}; approve it first or sign as the owner`),
  ERC721InvalidApprover: s((a) => `${a.approver} can't approve; use the owner's account`),
  SafeERC20FailedOperation: s((a) => `a transfer of ${a.token} failed; check the balance and allowance involved`),
  SafeERC20FailedDecreaseAllowance: s((a) => `${a.spender}'s allowance of ${a.currentAllowance} can't be lowered by ${a.requestedDecrease}; lower it by at most that`, { currentAllowance: "tokens", requestedDecrease: "tokens" }),
  ECDSAInvalidSignature: s(() => "the signature is invalid (it recovers no address); sign again"),
  ECDSAInvalidSignatureLength: s((a) => `the signature is ${a.length} bytes, not 65; pass the whole signature`),
  ECDSAInvalidSignatureS: s((a) => `the signature is malleable (s = ${a.s} is in the upper half); sign again with a standard library`, { s: "hex" }),
  InvalidAccountNonce: s((a) => `the signature was made for another nonce than ${a.account}'s current ${a.currentNonce} (already used?); sign again`),
  ERC5805FutureLookup: s((a) => `votes at ${a.timepoint} are not known yet (the token's clock is at ${a.clock}); ask for a past time`, { timepoint: "time", clock: "time" }),
  ERC6372InconsistentClock: s(() => "the token's clock mode is inconsistent; nothing a user can fix, report it"),
  VotesExpiredSignature: s((a) => `the delegation signature expired on ${a.expiry}; sign a new one`, { expiry: "time" }),
  CheckpointUnorderedInsertion: s(() => "a vote checkpoint was written out of order; nothing a user can fix, report it"),
  SafeCastOverflowedUintDowncast: s((a) => `the value ${a.value} does not fit in ${a.bits} bits; use a smaller value`),
  SafeCastOverflowedIntToUint: s((a) => `the value ${a.value} is negative where only positive values fit; use a positive value`),
  SafeCastOverflowedIntDowncast: s((a) => `the value ${a.value} does not fit in ${a.bits} bits; use a smaller value`),
  SafeCastOverflowedUintToInt: s((a) => `the value ${a.value} is too large for a signed number; use a smaller value`),
  TimelockInvalidOperationLength: s((a) => `the batch has ${a.targets} targets, ${a.payloads} payloads and ${a.values} values; pass one of each per call`),
  TimelockInsufficientDelay: s((a) => `the delay of ${a.delay} is below the timelock's minimum of ${a.minDelay}; schedule with at least that`, { delay: "duration", minDelay: "duration" }),
  TimelockUnexpectedOperationState: s((a) => `timelock operation ${a.operationId} is not in the expected state (${a.expectedStates}); schedule it, wait for its delay, or check it was not executed already`, { operationId: "hex", expectedStates: "states" }),
  TimelockUnexecutedPredecessor: s((a) => `the predecessor operation ${a.predecessorId} is not executed yet; execute it first`, { predecessorId: "hex" }),
  TimelockUnauthorizedCaller: s((a) => `${a.caller} may not call the timelock directly; go through a proposal`),
  AddressEmptyCode: s((a) => `${a.target} has no contract code; check the address and the network`),
  FailedCall: s(() => "a call to another contract failed without a reason; check the contract it calls"),
  FailedInnerCall: s(() => "a call to another contract failed without a reason; check the contract it calls"),
  FailedDeployment: s(() => "a contract deployment failed; check the constructor arguments"),
  MissingPrecompile: s((a) => `the precompile ${a["0"]} is missing on this chain; use a chain that has it`),
  StringTooLong: s((a) => `the text ${a.str} is too long for a short string; use at most 31 bytes`),
  InvalidShortString: s(() => "a stored short string is invalid; nothing a user can fix, report it"),
  MerkleProofInvalidMultiproof: s(() => "the Merkle multiproof is malformed; recompute it"),
  // ------------------------------------------------------------------------------------------- holder governance
  VotingDelayOutOfBounds: s((a) => `a voting delay of ${a.votingDelay} is outside the governor's bounds of ${a.min} to ${a.max}; propose a delay within them`, { votingDelay: "duration", min: "duration", max: "duration" }),
  VotingPeriodOutOfBounds: s((a) => `a voting period of ${a.votingPeriod} is outside the governor's bounds of ${a.min} to ${a.max}; propose a period within them`, { votingPeriod: "duration", min: "duration", max: "duration" }),
  ProposalThresholdOutOfBounds: s((a) => `a proposal threshold of ${a.threshold} is outside the governor's bounds of ${a.min} to ${a.max}; propose a threshold within them`, { threshold: "ath", min: "ath", max: "ath" }),
  QuorumOutOfBounds: s((a) => `a quorum of ${a.quorumBps} of the voting supply is outside the governor's bounds of ${a.min} to ${a.max}; propose a quorum within them`, { quorumBps: "bps", min: "bps", max: "bps" }),
  TooManyNonVotingHolders: s((a) => `${a.count} non-voting holders were listed, more than the governor's ${a.max}; list at most that many`, { count: "count", max: "count" }),
  GovernorZeroAddress: s((a) => `the governor's ${a.what} address is zero; pass a real address for it`),
  NoVotesAtSnapshot: s((a) => `${a.voter} had no votes at proposal ${a.proposalId}'s snapshot (${a.snapshot}): ATH or stATH received, staked or delegated after it does not count; delegate before the next proposal's snapshot`, { snapshot: "time" }),
  GovernorAlreadyCastVote: s((a) => `${a.voter} has already voted on this proposal; a vote can't be changed`),
  GovernorAlreadyQueuedProposal: s((a) => `proposal ${a.proposalId} is already queued in the timelock; wait for its delay and execute it`),
  GovernorDisabledDeposit: s(() => "the governor does not accept ETH; send it to the treasury (the timelock) instead"),
  GovernorInsufficientProposerVotes: s((a) => `${a.proposer} has ${a.votes} of votes, below the ${a.threshold} needed to propose; gather delegations (ATH or stATH) first`, { votes: "ath", threshold: "ath" }),
  GovernorInvalidProposalLength: s((a) => `the proposal has ${a.targets} targets, ${a.calldatas} calldatas and ${a.values} values; pass one of each per call, at least one call`),
  GovernorInvalidSignature: s((a) => `the vote signature is not ${a.voter}'s; sign the vote with the voter's key`),
  GovernorInvalidVoteParams: s(() => "this governor takes no vote parameters; vote without them"),
  GovernorInvalidVoteType: s(() => "the vote type is unknown; vote 0 (against), 1 (for) or 2 (abstain)"),
  GovernorInvalidVotingPeriod: s((a) => `a voting period of ${a.votingPeriod} is invalid; use a period of at least one second`, { votingPeriod: "duration" }),
  GovernorNonexistentProposal: s((a) => `no proposal ${a.proposalId} exists; check its id (or its calls and description)`),
  GovernorNotQueuedProposal: s((a) => `proposal ${a.proposalId} is not queued; queue it once it has succeeded`),
  GovernorOnlyExecutor: s((a) => `${a.account} may not call this; it changes the governor, so it must pass as a proposal`),
  GovernorQueueNotImplemented: s(() => "this governor has no queue; execute the proposal directly"),
  GovernorRestrictedProposer: s((a) => `the description reserves this proposal for another proposer than ${a.proposer}; propose it from that account or change the description`),
  GovernorUnableToCancel: s((a) => `${a.account} may not cancel proposal ${a.proposalId}: only the guardian (at any stage) or its proposer (while pending) can`),
  GovernorUnexpectedProposalState: s((a) => `proposal ${a.proposalId} is ${a.current}, not ${a.expectedStates}; wait for the right stage or check the proposal`, { expectedStates: "proposalStates" }),
};
