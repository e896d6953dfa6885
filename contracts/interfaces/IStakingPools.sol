// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IStakingPools
/// @notice Types, errors and events of holder staking (SPEC §7): ATH locked in governance-created pools for 1 to 208
/// whole weeks, weighted by lock length, earning each pool's reward tokens streamed week by week; `stATH` is the
/// transferable 1:1 receipt.
/// @dev Weeks are Unix weeks: week `w` is `[w * 7 days, (w + 1) * 7 days)` (they start on Thursdays 00:00 UTC).
interface IStakingPools {
    /// @notice A position as stored: one slot.
    /// @param amount ATH locked (wei).
    /// @param delta The pool's accumulator offset within `week` at the position's last settlement.
    /// @param week The week of the position's last settlement (stake, relock or claim).
    /// @param unlockWeek The position unlocks (and stops earning) at the start of this week.
    /// @param lockWeeks The lock length chosen at the last (re)lock; the multiplier derives from it.
    /// @param pool The pool id.
    struct Position {
        uint96 amount;
        uint112 delta;
        uint16 week;
        uint16 unlockWeek;
        uint8 lockWeeks;
        uint8 pool;
    }

    /// @notice A pool's state as the views report it, brought up to the current time.
    /// @param totalWeight Sum of the weights of its locked positions.
    /// @param staked ATH held for its positions, locked or unlocked but not yet withdrawn.
    /// @param lastUpdate When its stored accumulator last advanced (transactions advance it; views only compute).
    /// @param rewardTokens Its reward tokens, in index order.
    /// @param weekFunding What each reward token streams over the current week.
    struct PoolView {
        uint256 totalWeight;
        uint256 staked;
        uint256 lastUpdate;
        IERC20[] rewardTokens;
        uint256[] weekFunding;
    }

    /// @notice A required address (admin, guardian, token) is zero.
    error ZeroAddress(bytes32 what);
    /// @notice No pool has this id.
    error UnknownPool(uint256 poolId);
    /// @notice Pool ids are one byte.
    error TooManyPools(uint256 max);
    /// @notice A pool has at most `max` reward tokens, so that every loop over them is bounded.
    error TooManyRewardTokens(uint256 poolId, uint256 max);
    /// @notice The token already pays rewards in this pool.
    error DuplicateRewardToken(uint256 poolId, IERC20 token);
    /// @notice Zero, or stATH itself (whose supply moves with stakes, so it can't back a fixed schedule).
    error InvalidRewardToken(IERC20 token);
    /// @notice The token pays no rewards in this pool.
    error RewardTokenNotInPool(uint256 poolId, IERC20 token);
    /// @notice The pool's total weight would exceed `max` (2^104 - 1).
    error PoolWeightTooLarge(uint256 poolId, uint256 weight, uint256 max);
    /// @notice Every position holds at least `minimum` ATH (this bounds the accumulator's growth per week).
    error StakeTooSmall(uint256 amount, uint256 minimum);
    /// @notice Locks are 1 to `maxWeeks` whole weeks.
    error InvalidLockWeeks(uint256 weeks_, uint256 maxWeeks);
    /// @notice `account` has no open position `positionId` (never opened, or withdrawn).
    error NoSuchPosition(address account, uint256 positionId);
    /// @notice The position is locked until `unlockTime`.
    error StillLocked(address account, uint256 positionId, uint256 unlockTime);
    /// @notice A locked position can only be extended: the new lock would end in `requestedUnlockWeek`, before its
    /// current `unlockWeek`.
    error LockCannotShorten(uint256 unlockWeek, uint256 requestedUnlockWeek);
    /// @notice Funding of zero tokens, or for zero weeks.
    error ZeroAmount();
    /// @notice Funding is for whole weeks that have not started: the current week's stream is fixed.
    error FundingWeekNotFuture(uint256 week, uint256 currentWeek);
    /// @notice A funding call covers 1 to `maxWeeks` weeks, starting at most `maxWeeks` weeks ahead.
    error FundingWeeksOutOfRange(uint256 firstWeek, uint256 weeks_, uint256 maxWeeks);
    /// @notice A pool's lifetime funding in one token is capped at `max` (2^96 - 1 wei), the width its weekly
    /// amounts are stored in.
    error FundingTooLarge(uint256 poolId, IERC20 token, uint256 total, uint256 max);
    /// @notice The token delivered another amount than was transferred (fee-on-transfer tokens are not supported).
    error FundingNotReceived(IERC20 token, uint256 expected, uint256 received);
    /// @notice The permit failed (e.g. it was front-run and used) and the allowance it would have set is not there.
    error PermitFailed(address owner, uint256 allowance, uint256 amount);

    /// @notice Governance created pool `poolId` paying `rewardTokens`.
    event PoolCreated(uint256 indexed poolId, string name, IERC20[] rewardTokens);
    /// @notice Governance added `token` to pool `poolId` at `index`.
    event RewardTokenAdded(uint256 indexed poolId, uint256 index, IERC20 indexed token);
    /// @notice `funder` added `amountPerWeek` of `token` to each of weeks `firstWeek` .. `firstWeek + weeks - 1`.
    event Funded(
        uint256 indexed poolId,
        IERC20 indexed token,
        address indexed funder,
        uint256 firstWeek,
        uint256 weeks_,
        uint256 amountPerWeek
    );
    /// @notice `amount` of `token` that the pool could not credit in the week before `week` (nobody staked for part of
    /// it, or rounding) was added to `week`'s funding.
    event RewardsCarried(uint256 indexed poolId, IERC20 indexed token, uint256 indexed week, uint256 amount);
    /// @notice `account` opened position `positionId`: `amount` ATH locked until the start of `unlockWeek`, with
    /// `weight` = amount x (204 + 3 x lockWeeks). stATH was minted to `account` (a `Transfer` from zero).
    event Staked(
        address indexed account,
        uint256 indexed positionId,
        uint256 indexed poolId,
        uint256 amount,
        uint256 lockWeeks,
        uint256 unlockWeek,
        uint256 weight
    );
    /// @notice Position `positionId` was topped up by `added` (stATH minted) and/or relocked: it now holds `amount`
    /// until the start of `unlockWeek`, with `weight`. Rewards earned before were paid (`RewardsPaid`).
    event Relocked(
        address indexed account,
        uint256 indexed positionId,
        uint256 indexed poolId,
        uint256 added,
        uint256 amount,
        uint256 lockWeeks,
        uint256 unlockWeek,
        uint256 weight
    );
    /// @notice Position `positionId` closed: `amount` ATH returned and as much stATH burned from `account`.
    event Withdrawn(address indexed account, uint256 indexed positionId, uint256 indexed poolId, uint256 amount);
    /// @notice Position `positionId`'s rewards were paid to its owner `account`: `amounts[k]` of the pool's reward
    /// token `k`, for every token of the pool (in the order of `PoolCreated` and `RewardTokenAdded`).
    event RewardsPaid(address indexed account, uint256 indexed positionId, uint256[] amounts);
    /// @notice An emergency withdrawal left `amount` of `token` unpaid; it was added to `week`'s funding of the pool.
    event RewardsForfeited(
        address indexed account,
        uint256 indexed positionId,
        IERC20 indexed token,
        uint256 amount,
        uint256 week
    );
}
