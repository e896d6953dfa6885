// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Tokenomics as T} from "./Tokenomics.sol";

/// @notice Release schedules written from SPEC §2's words, independently of contracts/libraries/ScheduleMath.sol:
/// the fuzz and invariant tests compare every bucket against these. Where ScheduleMath loops over periods, the
/// references here tabulate the periods first and then read the table, so the two cannot share a slip.
/// Everything rounds down ("never a wei early"), as the contracts promise.
library ReferenceSchedules {
    /// @notice "N-month cliff, then M-month linear": nothing until `tge + cliff`, then a straight line that
    /// reaches `total` at `tge + cliff + duration`.
    function cliffThenLinear(
        uint256 total,
        uint256 tge,
        uint256 cliff,
        uint256 duration,
        uint256 t
    ) internal pure returns (uint256) {
        uint256 begin = tge + cliff;
        if (t < begin) return 0;
        uint256 elapsed = t - begin;
        if (elapsed >= duration) return total;
        return (total * elapsed) / duration;
    }

    /// @notice "X% at TGE, then M-month linear": the upfront share at `tge` (rounded down), the rest in a line.
    function upfrontThenLinear(
        uint256 total,
        uint256 tge,
        uint256 upfrontBps,
        uint256 duration,
        uint256 t
    ) internal pure returns (uint256) {
        if (t < tge) return 0;
        uint256 upfront = (total * upfrontBps) / T.BPS;
        return upfront + cliffThenLinear(total - upfront, tge, 0, duration, t);
    }

    /// @notice Step vesting: the cumulative share of the last step reached at `t` (offsets from `start`).
    function steps(
        uint256 total,
        uint256 start,
        uint64[] memory offsets,
        uint16[] memory cumulativeBps,
        uint256 t
    ) internal pure returns (uint256) {
        uint256 bps;
        for (uint256 i; i < offsets.length; ++i) {
            if (t >= start + offsets[i]) bps = cumulativeBps[i];
        }
        return (total * bps) / T.BPS;
    }

    /// @notice The airdrop: 25% at TGE, another 25% at month 8, the last 50% at month 16.
    function airdrop(uint256 total, uint256 tge, uint256 t) internal pure returns (uint256) {
        if (t < tge) return 0;
        if (t < tge + 8 * T.MONTH) return (total * 25) / 100;
        if (t < tge + 16 * T.MONTH) return (total * 50) / 100;
        return total;
    }

    /// @notice Checker base: linear over 4 x 365.25 days from TGE.
    function checkerBase(uint256 total, uint256 tge, uint256 t) internal pure returns (uint256) {
        return cliffThenLinear(total, tge, 0, 4 * 365.25 days, t);
    }

    /// @notice `count` equal steps of `stepLength`, the k-th at `start + k * stepLength`; the last one also
    /// carries the division remainder (checker bonus: 16 quarters of 91.3125 days).
    function equalSteps(
        uint256 total,
        uint256 start,
        uint256 stepLength,
        uint256 count,
        uint256 t
    ) internal pure returns (uint256) {
        if (t < start) return 0;
        uint256 reached = (t - start) / stepLength;
        if (reached >= count) return total;
        return (total / count) * reached + ((total % count) * reached) / count;
    }

    /// @notice The per-period releases of a decaying schedule: period 1 is `firstBps` of `total`, period k is
    /// floor(period_{k-1} * num / den), the last period is whatever is left.
    function decayingTable(
        uint256 total,
        uint256 periods,
        uint256 firstBps,
        uint256 num,
        uint256 den
    ) internal pure returns (uint256[] memory amounts) {
        amounts = new uint256[](periods);
        uint256 placed;
        for (uint256 k; k < periods; ++k) {
            if (k == periods - 1) amounts[k] = total - placed;
            else if (k == 0) amounts[k] = (total * firstBps) / T.BPS;
            else amounts[k] = (amounts[k - 1] * num) / den;
            placed += amounts[k];
        }
    }

    /// @notice A decaying schedule read from its table: every finished period in full, the running one pro rata.
    function decaying(
        uint256[] memory table,
        uint256 total,
        uint256 start,
        uint256 period,
        uint256 t
    ) internal pure returns (uint256 unlocked) {
        if (t < start) return 0;
        uint256 periodIndex = (t - start) / period;
        if (periodIndex >= table.length) return total;
        for (uint256 k; k < periodIndex; ++k) unlocked += table[k];
        uint256 intoPeriod = t - start - periodIndex * period;
        unlocked += (table[periodIndex] * intoPeriod) / period;
    }
}
