// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BucketVestingWallet} from "./BucketVestingWallet.sol";

/// @title LinearVesting
/// @notice OpenZeppelin's VestingWallet as it is: nothing before `start`, then linear until `start + duration`.
/// A "12-month cliff, then 24-month linear" bucket is `start = TGE + 12 months`, `duration = 24 months`.
/// @dev Releases are permissionless and always go to the owner (the beneficiary).
contract LinearVesting is BucketVestingWallet {
    /// @param beneficiary Receives every release; can hand the wallet over with `transferOwnership`.
    /// @param start Start of the linear release (TGE plus any cliff).
    /// @param duration Length of the linear release, in seconds.
    constructor(address beneficiary, uint64 start, uint64 duration) BucketVestingWallet(beneficiary, start, duration) {
        emit VestingScheduleCreated(Kind.Linear, beneficiary, start, start + duration, 0);
    }
}
