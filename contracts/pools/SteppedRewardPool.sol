// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RewardPool} from "./RewardPool.sol";
import {ScheduleMath} from "../libraries/ScheduleMath.sol";

/// @title SteppedRewardPool
/// @notice Releases its allocation in `steps` equal parts, one at the end of each step (checker bonus: 16
/// quarters of 365.25 / 4 days, paid quarterly).
contract SteppedRewardPool is RewardPool {
    /// @notice Upper bound on the step count.
    uint256 public constant MAX_STEPS = 1_000;

    /// @notice Length of one step, in seconds.
    uint64 public immutable stepDuration;
    /// @notice Number of steps.
    uint32 public immutable steps;

    constructor(
        IERC20 token_,
        uint256 allocation_,
        uint64 start_,
        uint64 stepDuration_,
        uint32 steps_,
        address admin,
        address guardian
    ) RewardPool(token_, allocation_, start_, admin, guardian) {
        if (stepDuration_ == 0) revert ZeroDuration();
        if (steps_ == 0 || steps_ > MAX_STEPS) revert PeriodCountOutOfRange(steps_, MAX_STEPS);
        stepDuration = stepDuration_;
        steps = steps_;
        emit RewardScheduleCreated(
            Kind.EqualSteps,
            address(token_),
            allocation_,
            start_,
            _checkedEnd(uint256(start_) + uint256(stepDuration_) * steps_),
            stepDuration_,
            steps_,
            0,
            0,
            0
        );
    }

    /// @inheritdoc RewardPool
    function unlockedAt(uint256 t) public view override returns (uint256) {
        return ScheduleMath.equalSteps(allocation, start, stepDuration, steps, t);
    }

    /// @inheritdoc RewardPool
    function end() public view override returns (uint64) {
        return start + stepDuration * steps;
    }
}
