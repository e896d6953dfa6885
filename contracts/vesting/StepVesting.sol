// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BucketVestingWallet} from "./BucketVestingWallet.sol";
import {ScheduleMath} from "../libraries/ScheduleMath.sol";

/// @title StepVesting
/// @notice Vesting in discrete steps (airdrop: 25% at TGE, 25% at month 8, 50% at month 16).
/// @dev Steps are packed one per storage slot and bounded by `MAX_STEPS`, so `release` costs a bounded amount.
contract StepVesting is BucketVestingWallet {
    /// @notice Upper bound on the number of steps.
    uint256 public constant MAX_STEPS = 12;

    struct Step {
        uint64 timestamp;
        uint16 cumulativeBps;
    }

    Step[] private _steps;

    /// @param beneficiary Receives every release.
    /// @param start Reference time of the offsets (TGE).
    /// @param offsets Seconds after `start` at which each step unlocks, strictly increasing.
    /// @param cumulativeBps Share vested once each step is reached, strictly increasing, ending at 10,000.
    constructor(
        address beneficiary,
        uint64 start,
        uint64[] memory offsets,
        uint16[] memory cumulativeBps
    ) BucketVestingWallet(beneficiary, start, _lastOffset(offsets)) {
        uint256 n = offsets.length;
        if (n == 0 || n > MAX_STEPS) revert StepCountOutOfRange(n, MAX_STEPS);
        if (cumulativeBps.length != n) revert StepLengthMismatch(n, cumulativeBps.length);
        for (uint256 i; i < n; ++i) {
            if (i > 0 && (offsets[i] <= offsets[i - 1] || cumulativeBps[i] <= cumulativeBps[i - 1])) {
                revert StepNotIncreasing(i);
            }
        }
        if (cumulativeBps[n - 1] != ScheduleMath.BPS) revert StepFinalNotFull(cumulativeBps[n - 1]);

        emit VestingScheduleCreated(Kind.Steps, beneficiary, start, start + offsets[n - 1], 0);
        for (uint256 i; i < n; ++i) {
            _steps.push(Step(start + offsets[i], cumulativeBps[i]));
            emit VestingStep(start + offsets[i], cumulativeBps[i]);
        }
    }

    /// @notice The step schedule as absolute timestamps.
    function steps() external view returns (Step[] memory) {
        return _steps;
    }

    function _vestingSchedule(uint256 totalAllocation, uint64 timestamp) internal view override returns (uint256) {
        uint256 reached;
        uint256 n = _steps.length;
        for (uint256 i; i < n; ++i) {
            Step memory s = _steps[i];
            if (timestamp < s.timestamp) break;
            reached = s.cumulativeBps;
        }
        return (totalAllocation * reached) / ScheduleMath.BPS;
    }

    function _lastOffset(uint64[] memory offsets) private pure returns (uint64) {
        return offsets.length == 0 ? 0 : offsets[offsets.length - 1];
    }
}
