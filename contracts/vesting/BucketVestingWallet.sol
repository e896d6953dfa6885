// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {IVestingBucket} from "../interfaces/IVestingBucket.sol";

/// @title BucketVestingWallet
/// @notice What every genesis vesting wallet adds to OpenZeppelin's VestingWallet: a bounded end time and no way to
/// renounce ownership (which would send every later release to address(0) and lock the bucket for good). The
/// beneficiary can still hand the wallet over with `transferOwnership`.
abstract contract BucketVestingWallet is VestingWallet, IVestingBucket {
    constructor(address beneficiary, uint64 start_, uint64 duration_) VestingWallet(beneficiary, start_, duration_) {
        uint256 end_ = uint256(start_) + duration_;
        if (end_ > type(uint64).max) revert ScheduleEndTooLate(end_);
    }

    /// @notice Disabled: see the contract's notice.
    function renounceOwnership() public pure override {
        revert RenounceDisabled();
    }
}
