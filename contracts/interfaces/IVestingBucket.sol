// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IVestingBucket
/// @notice Errors and events shared by the genesis vesting wallets (team, investors, advisors, DAO treasury,
/// ecosystem, airdrop). Release and ownership events come from OpenZeppelin's VestingWallet and Ownable.
interface IVestingBucket {
    /// @notice The schedule kinds, as they appear in `VestingScheduleCreated`.
    enum Kind {
        Linear,
        UpfrontLinear,
        Steps
    }

    /// @notice An upfront share above 100%.
    error UpfrontBpsTooHigh(uint256 upfrontBps, uint256 max);

    /// @notice A step schedule with no steps, or more than the bound that keeps `release` cheap.
    error StepCountOutOfRange(uint256 count, uint256 max);

    /// @notice `offsets` and `cumulativeBps` differ in length.
    error StepLengthMismatch(uint256 offsets, uint256 cumulativeBps);

    /// @notice Step `index` does not come strictly after the previous one, or does not release more.
    error StepNotIncreasing(uint256 index);

    /// @notice The last step must release exactly 100%.
    error StepFinalNotFull(uint256 cumulativeBps);

    /// @notice The schedule would end after the largest uint64 timestamp.
    error ScheduleEndTooLate(uint256 end);

    /// @notice Renouncing would send every later release to address(0) and lock the bucket for good.
    error RenounceDisabled();

    /// @notice Emitted once, by the constructor, with everything needed to recompute the schedule off chain.
    /// @param kind The schedule family.
    /// @param beneficiary The initial owner, who receives every release.
    /// @param start When vesting starts (for cliff schedules, the end of the cliff).
    /// @param end When everything is vested.
    /// @param upfrontBps Share released at `start` (UpfrontLinear only, else 0).
    event VestingScheduleCreated(Kind kind, address indexed beneficiary, uint64 start, uint64 end, uint16 upfrontBps);

    /// @notice Emitted by step schedules, once per step, after `VestingScheduleCreated`.
    /// @param timestamp When the step unlocks.
    /// @param cumulativeBps Share of the allocation vested once this step is reached.
    event VestingStep(uint64 timestamp, uint16 cumulativeBps);
}
