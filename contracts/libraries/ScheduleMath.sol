// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ScheduleMath
/// @notice Closed-form release schedules, all rounding down so that no schedule ever releases a wei early.
/// Each function returns the cumulative amount unlocked at `t`, never more than `total`.
library ScheduleMath {
    uint256 internal constant BPS = 10_000;

    /// @notice Nothing before `start`, then linear until `start + duration`.
    function linear(uint256 total, uint256 start, uint256 duration, uint256 t) internal pure returns (uint256) {
        if (t < start) return 0;
        if (t >= start + duration) return total;
        return (total * (t - start)) / duration;
    }

    /// @notice `upfrontBps` of `total` at `start`, the rest linear over `duration` from `start`.
    function upfrontLinear(
        uint256 total,
        uint256 upfrontBps,
        uint256 start,
        uint256 duration,
        uint256 t
    ) internal pure returns (uint256) {
        if (t < start) return 0;
        uint256 upfront = (total * upfrontBps) / BPS;
        return upfront + linear(total - upfront, start, duration, t);
    }

    /// @notice `steps` equal steps, the k-th (1-based) unlocking at `start + k * stepDuration`;
    /// the last step also carries the division remainder.
    function equalSteps(
        uint256 total,
        uint256 start,
        uint256 stepDuration,
        uint256 steps,
        uint256 t
    ) internal pure returns (uint256) {
        if (t < start) return 0;
        uint256 done = (t - start) / stepDuration;
        if (done >= steps) return total;
        return (total * done) / steps;
    }

    /// @notice Period-decaying emission: period 1 releases `firstBps` of `total`, each later period releases
    /// `decayNum / decayDen` of the previous one (each rounded down), and the last period releases whatever is left.
    /// Within a period the release is linear. `periods` is bounded by the caller (constructor), so the loop is too.
    function decaying(
        uint256 total,
        uint256 start,
        uint256 period,
        uint256 periods,
        uint256 firstBps,
        uint256 decayNum,
        uint256 decayDen,
        uint256 t
    ) internal pure returns (uint256) {
        if (t < start) return 0;
        uint256 elapsed = t - start;
        uint256 current = elapsed / period; // 0-based index of the running period
        if (current >= periods) return total;
        uint256 cumulative;
        uint256 amount = (total * firstBps) / BPS;
        for (uint256 k; k < current; ++k) {
            cumulative += amount;
            amount = (amount * decayNum) / decayDen;
        }
        if (current == periods - 1) amount = total - cumulative;
        return cumulative + (amount * (elapsed - current * period)) / period;
    }

    /// @notice Cumulative release of the first `periods - 1` periods of a decaying schedule (the last period
    /// gets the remainder); used to reject parameters whose early periods would exceed the total.
    function decayingBeforeLast(
        uint256 total,
        uint256 periods,
        uint256 firstBps,
        uint256 decayNum,
        uint256 decayDen
    ) internal pure returns (uint256 cumulative) {
        uint256 amount = (total * firstBps) / BPS;
        for (uint256 k = 1; k < periods; ++k) {
            cumulative += amount;
            amount = (amount * decayNum) / decayDen;
        }
    }
}
