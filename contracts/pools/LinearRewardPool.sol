// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RewardPool} from "./RewardPool.sol";
import {ScheduleMath} from "../libraries/ScheduleMath.sol";

/// @title LinearRewardPool
/// @notice Releases its allocation linearly from `start` over `duration` (checker base: 4 x 365.25 days).
contract LinearRewardPool is RewardPool {
    /// @notice Length of the emission, in seconds.
    uint64 public immutable duration;

    /// @param duration_ Length of the emission, in seconds (non-zero).
    constructor(
        IERC20 token_,
        uint256 allocation_,
        uint64 start_,
        uint64 duration_,
        address admin,
        address guardian
    ) RewardPool(token_, allocation_, start_, admin, guardian) {
        if (duration_ == 0) revert ZeroDuration();
        duration = duration_;
        emit RewardScheduleCreated(
            Kind.Linear,
            address(token_),
            allocation_,
            start_,
            _checkedEnd(uint256(start_) + duration_),
            duration_,
            1,
            0,
            0,
            0
        );
    }

    /// @inheritdoc RewardPool
    function unlockedAt(uint256 t) public view override returns (uint256) {
        return ScheduleMath.linear(allocation, start, duration, t);
    }

    /// @inheritdoc RewardPool
    function end() public view override returns (uint64) {
        return start + duration;
    }
}
