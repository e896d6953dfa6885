// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RewardPool} from "./RewardPool.sol";
import {ScheduleMath} from "../libraries/ScheduleMath.sol";

/// @title DecayingRewardPool
/// @notice Period-decaying emission (Edge: 10 years; year 1 releases 40% of the bucket, year k releases 0.603
/// times year k-1, each rounded down; the last year releases the rest). Linear within each period.
contract DecayingRewardPool is RewardPool {
    /// @notice Upper bound on the period count; bounds the loop in `unlockedAt`.
    uint256 public constant MAX_PERIODS = 50;

    /// @notice Length of one period, in seconds.
    uint64 public immutable period;
    /// @notice Number of periods.
    uint32 public immutable periods;
    /// @notice Share of the allocation released in period 1, in bps.
    uint16 public immutable firstBps;
    /// @notice Ratio of each period's release to the previous one: `decayNum / decayDen`.
    uint32 public immutable decayNum;
    /// @notice See `decayNum`.
    uint32 public immutable decayDen;

    constructor(
        IERC20 token_,
        uint256 allocation_,
        uint64 start_,
        uint64 period_,
        uint32 periods_,
        uint16 firstBps_,
        uint32 decayNum_,
        uint32 decayDen_,
        address admin,
        address guardian
    ) RewardPool(token_, allocation_, start_, admin, guardian) {
        if (period_ == 0) revert ZeroDuration();
        if (periods_ == 0 || periods_ > MAX_PERIODS) revert PeriodCountOutOfRange(periods_, MAX_PERIODS);
        if (firstBps_ > ScheduleMath.BPS) revert FirstPeriodBpsTooHigh(firstBps_, ScheduleMath.BPS);
        if (decayDen_ == 0 || decayNum_ > decayDen_) revert DecayRatioInvalid(decayNum_, decayDen_);
        uint256 early = ScheduleMath.decayingBeforeLast(allocation_, periods_, firstBps_, decayNum_, decayDen_);
        if (early > allocation_) revert EarlyPeriodsExceedAllocation(early, allocation_);
        period = period_;
        periods = periods_;
        firstBps = firstBps_;
        decayNum = decayNum_;
        decayDen = decayDen_;
        emit RewardScheduleCreated(
            Kind.Decaying,
            address(token_),
            allocation_,
            start_,
            _checkedEnd(uint256(start_) + uint256(period_) * periods_),
            period_,
            periods_,
            firstBps_,
            decayNum_,
            decayDen_
        );
    }

    /// @inheritdoc RewardPool
    function unlockedAt(uint256 t) public view override returns (uint256) {
        return ScheduleMath.decaying(allocation, start, period, periods, firstBps, decayNum, decayDen, t);
    }

    /// @inheritdoc RewardPool
    function end() public view override returns (uint64) {
        return start + period * periods;
    }
}
