// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRewardPool
/// @notice Errors and events of the genesis reward pools (checker base, checker bonus, Edge, Enterprise/IDC).
/// A pool holds its bucket and pays out, to governance-authorized distributor contracts only, no faster than its
/// emission schedule.
interface IRewardPool {
    /// @notice The schedule families, as they appear in `RewardScheduleCreated`.
    enum Kind {
        Linear,
        EqualSteps,
        Decaying
    }

    /// @notice A required address (token, admin, guardian, recipient) is zero.
    /// @param what Which parameter.
    error ZeroAddress(bytes32 what);

    /// @notice A draw or return of zero tokens: almost certainly a caller bug, and it would emit a no-op event.
    error ZeroAmount();

    /// @notice A draw above what the schedule has released so far (plus returns, minus earlier draws).
    /// @param amount Requested.
    /// @param releasable Available now.
    error ExceedsReleasable(uint256 amount, uint256 releasable);

    /// @notice A schedule with a zero duration (linear), step length (steps) or period (decaying).
    error ZeroDuration();

    /// @notice A step or period count of zero or above the bound that keeps views cheap.
    error PeriodCountOutOfRange(uint256 count, uint256 max);

    /// @notice A decaying schedule whose first period releases more than 100%.
    error FirstPeriodBpsTooHigh(uint256 bps, uint256 max);

    /// @notice A decaying schedule whose ratio is zero-denominated or above one (it must not grow).
    error DecayRatioInvalid(uint256 numerator, uint256 denominator);

    /// @notice The schedule would end after the largest uint64 timestamp.
    error ScheduleEndTooLate(uint256 end);

    /// @notice A decaying schedule whose periods before the last would already exceed the allocation.
    error EarlyPeriodsExceedAllocation(uint256 early, uint256 allocation);

    /// @notice Emitted once, by the constructor, with everything needed to recompute the schedule off chain.
    /// @param kind The schedule family.
    /// @param token The ATH token.
    /// @param allocation The bucket, in wei.
    /// @param start When emission starts (TGE).
    /// @param end When everything is released.
    /// @param period Step length (EqualSteps) or period length (Decaying); the duration for Linear.
    /// @param periods Number of steps or periods (1 for Linear).
    /// @param firstBps Decaying: share of the first period, in bps (0 otherwise).
    /// @param decayNum Decaying: numerator of the period-to-period ratio (0 otherwise).
    /// @param decayDen Decaying: denominator of the period-to-period ratio (0 otherwise).
    event RewardScheduleCreated(
        Kind kind,
        address indexed token,
        uint256 allocation,
        uint64 start,
        uint64 end,
        uint64 period,
        uint32 periods,
        uint16 firstBps,
        uint32 decayNum,
        uint32 decayDen
    );

    /// @notice Tokens paid out by an authorized distributor.
    event Drawn(address indexed distributor, address indexed to, uint256 amount);

    /// @notice Tokens given back to the pool (e.g. the forfeited 75% of a short-vesting claim); drawable again.
    event Returned(address indexed from, uint256 amount);
}
