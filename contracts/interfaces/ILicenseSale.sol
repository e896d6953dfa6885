// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILicenseSale
/// @notice Errors and events of the tiered checker license sale (SPEC §4).
interface ILicenseSale {
    /// @notice Payment currency of a purchase.
    enum Currency {
        ETH,
        WETH
    }

    error ZeroQuantity();
    /// @notice More licenses in one purchase than `MAX_PER_PURCHASE`.
    error QuantityTooLarge(uint256 quantity, uint256 max);
    error SaleNotStarted(uint64 whitelistStart);
    error SaleEnded(uint64 saleEnd);
    /// @notice The whitelist round is on and the proof does not place (buyer, allocation) in the root.
    error InvalidWhitelistProof(address buyer, uint256 allocation);
    /// @notice The whitelist round is on and the buyer's allocation is used up.
    error WhitelistAllocationExceeded(uint256 requested, uint256 remaining);
    /// @notice Not enough licenses left across all tiers.
    error SoldOut(uint256 requested, uint256 available);
    /// @notice The purchase would take the buyer past a tier's per-buyer cap.
    error PerBuyerCapExceeded(uint256 tier, uint256 cap, uint256 alreadyBought, uint256 requested);
    error InsufficientPayment(uint256 required, uint256 sent);
    /// @notice A WETH purchase whose price rose above what the buyer accepted.
    error PriceAboveMax(uint256 price, uint256 maxPrice);
    /// @notice ETH sent to a WETH purchase.
    error UnexpectedETH(uint256 value);
    error UnknownReferralCode(bytes32 code);
    error SelfReferral(bytes32 code);
    error ReferralCodeTaken(bytes32 code, address owner);
    error InvalidReferralCode();
    error ReferralTermsOutOfBounds(uint256 discountBps, uint256 rewardBps);
    /// @notice Referral caps above `MAX_REFERRAL_CAP_PER_BUYER` / `MAX_REFERRAL_CAP_PER_CODE`, or a per-buyer cap
    /// above the per-code cap.
    error ReferralCapsOutOfBounds(uint256 capPerBuyer, uint256 capPerCode);
    /// @notice A referral payout delay outside [`min`, `max`].
    error ReferralPayoutDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);
    /// @notice An address owns at most one code, so that the per-code caps are caps per referrer.
    error ReferrerHasCode(address referrer, bytes32 code);
    /// @notice The guardian voided this code: it can no longer be used, nor voided again.
    error ReferralCodeVoided(bytes32 code);
    /// @notice Only a voided code can be restored.
    error ReferralCodeNotVoided(bytes32 code);
    /// @notice Rewards are owed to `referrer` but none is withdrawable before `nextUnlockAt` (the payout delay).
    error ReferralRewardsLocked(address referrer, uint64 nextUnlockAt);
    error InvalidSchedule(uint64 whitelistStart, uint64 publicStart, uint64 saleEnd);
    error NothingToWithdraw(address account);
    error EthTransferFailed(address to, uint256 amount);
    error ZeroAddress(bytes32 what);
    /// @notice Tier configuration errors.
    error TierCountOutOfRange(uint256 count, uint256 max);
    error TierLengthMismatch();
    error TierPriceDecreasing(uint256 tier);
    error TierSupplyZero(uint256 tier);
    error TiersExceedLicenseCap(uint256 totalSupply, uint256 cap);

    /// @notice One purchase; the per-tier breakdown follows in `TierPurchase` events.
    event Purchased(
        address indexed buyer,
        uint256 firstTokenId,
        uint256 quantity,
        uint256 grossPrice,
        uint256 discount,
        Currency currency,
        bytes32 indexed referralCode,
        address indexed referrer,
        uint256 referralReward
    );
    /// @notice `quantity` licenses starting at `firstTokenId` bought in `tier` at `unitPrice` (before discount).
    event TierPurchase(
        address indexed buyer,
        uint256 indexed tier,
        uint256 firstTokenId,
        uint256 quantity,
        uint256 unitPrice
    );
    event ReferralCodeRegistered(bytes32 indexed code, address indexed owner);
    /// @notice A purchase made with `code` (emitted before its `Purchased`): `reward` accrued to `referrer`,
    /// withdrawable from `withdrawableAt` (0 when no reward accrued); `rewardCapped` and `discountCapped` are what
    /// the per-buyer and per-code caps withheld from the referrer and from the buyer.
    event ReferralRewardAccrued(
        bytes32 indexed code,
        address indexed referrer,
        address indexed buyer,
        Currency currency,
        uint256 reward,
        uint256 rewardCapped,
        uint256 discountCapped,
        uint64 withdrawableAt
    );
    /// @notice The guardian voided `code`: the rewards still locked (not yet withdrawable) went to the treasury's
    /// proceeds, and the code can no longer be used.
    event ReferralRewardsVoided(bytes32 indexed code, address indexed referrer, uint256 ethAmount, uint256 wethAmount);
    /// @notice Governance made a voided code usable again (the voided rewards stay with the treasury).
    event ReferralCodeRestored(bytes32 indexed code);
    event ReferralCapsSet(uint256 capPerBuyer, uint256 capPerCode);
    event ReferralPayoutDelaySet(uint256 delay);
    event ReferralRewardsWithdrawn(address indexed referrer, uint256 ethAmount, uint256 wethAmount);
    event ProceedsWithdrawn(address indexed treasury, uint256 ethAmount, uint256 wethAmount);
    event SaleScheduleSet(uint64 whitelistStart, uint64 publicStart, uint64 saleEnd);
    event WhitelistRootSet(bytes32 root);
    event ReferralTermsSet(uint16 discountBps, uint16 rewardBps);
    event TreasurySet(address treasury);
    /// @notice Emitted once per tier by the constructor.
    event TierConfigured(uint256 indexed tier, uint256 price, uint256 supply, uint256 capPerBuyer);
}
