// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHostStaking} from "../interfaces/IHostStaking.sol";

/// @title HostRewardMath
/// @notice The reward arithmetic of cloud-host staking, shared by HostStaking and its lens so that the lens's
/// previews are the contract's own numbers.
library HostRewardMath {
    /// @notice Scale of the reward-per-share accumulator.
    uint256 internal constant ACC = 1e27;
    uint256 internal constant BPS = 10_000;

    /// @notice Releases stream `s` (in memory) up to `t`: linearly over what remains of it, all of it at its finish.
    /// The commission is `bps` of the release; the rest raises `acc` for the active pool's `shares` (with no shares,
    /// all of it is the host's).
    /// @return newAcc The reward per share after the release.
    /// @return commission The host's part.
    /// @return released Everything released.
    function releaseTo(
        IHostStaking.Stream memory s,
        uint256 acc,
        uint256 bps,
        uint256 shares,
        uint256 t
    ) internal pure returns (uint256 newAcc, uint256 commission, uint256 released) {
        newAcc = acc;
        uint256 last = s.lastUpdate;
        uint256 unreleased = s.unreleased;
        if (t <= last || unreleased == 0) return (newAcc, 0, 0);
        uint256 finish = s.finish;
        released = t >= finish ? unreleased : (unreleased * (t - last)) / (finish - last);
        s.unreleased = uint96(unreleased - released);
        s.lastUpdate = uint40(t);
        if (shares == 0) return (newAcc, released, released);
        commission = (released * bps) / BPS;
        newAcc += ((released - commission) * ACC) / shares;
    }

    /// @notice What `shares` earned while the reward per share rose from `paid` to `acc`.
    function earned(uint256 shares, uint256 paid, uint256 acc) internal pure returns (uint256) {
        return (shares * (acc - paid)) / ACC;
    }
}
