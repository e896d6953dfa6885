// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BucketVestingWallet} from "./BucketVestingWallet.sol";
import {ScheduleMath} from "../libraries/ScheduleMath.sol";

/// @title UpfrontLinearVesting
/// @notice A share released at `start`, the rest linear over `duration` (ecosystem: 50% at TGE, then 24 months).
contract UpfrontLinearVesting is BucketVestingWallet {
    /// @notice Share of the allocation released at `start`, in basis points.
    uint16 public immutable upfrontBps;

    /// @param beneficiary Receives every release.
    /// @param start When the upfront share unlocks and the linear part begins.
    /// @param duration Length of the linear part, in seconds.
    /// @param upfrontBps_ Upfront share in basis points (at most 10,000).
    constructor(
        address beneficiary,
        uint64 start,
        uint64 duration,
        uint16 upfrontBps_
    ) BucketVestingWallet(beneficiary, start, duration) {
        if (upfrontBps_ > ScheduleMath.BPS) revert UpfrontBpsTooHigh(upfrontBps_, ScheduleMath.BPS);
        upfrontBps = upfrontBps_;
        emit VestingScheduleCreated(Kind.UpfrontLinear, beneficiary, start, start + duration, upfrontBps_);
    }

    function _vestingSchedule(uint256 totalAllocation, uint64 timestamp) internal view override returns (uint256) {
        return ScheduleMath.upfrontLinear(totalAllocation, upfrontBps, start(), duration(), timestamp);
    }
}
