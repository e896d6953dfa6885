// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHostStaking} from "../interfaces/IHostStaking.sol";
import {HostStaking} from "./HostStaking.sol";
import {HostRewardMath} from "../libraries/HostRewardMath.sol";

/// @title HostStakingLens
/// @notice Read-only views of HostStaking computed from its stored state: stakes in ATH, required stake, the live
/// halted state, the sum of a host's delegations, rewards claimable now and unbonding requests' worth.
/// @dev A separate stateless contract so that HostStaking stays under the 24,576-byte code limit; it uses
/// HostStaking's own reward arithmetic (HostRewardMath), so its previews are what a transaction would get.
contract HostStakingLens {
    HostStaking public immutable staking;

    constructor(HostStaking staking_) {
        staking = staking_;
    }

    /// @notice What `host` must keep staked: K x the sum of its active containers' coefficients.
    function requiredStake(address host) public view returns (uint256) {
        return staking.stakeFor(staking.hostInfo(host).coefficientSum);
    }

    /// @notice Whether `host`'s active stake is below its required stake now (its stored flag may lag a change of K
    /// until `checkHalt`).
    function isHalted(address host) external view returns (bool) {
        return staking.activePool(host).assets < requiredStake(host);
    }

    /// @notice `account`'s active shares with `host`, and what they are worth now.
    function stakeOf(address host, address account) external view returns (uint256 shares, uint256 assets) {
        shares = sharesOf(host, account);
        IHostStaking.Pool memory active = staking.activePool(host);
        if (shares != 0) assets = (shares * active.assets) / active.shares;
    }

    /// @notice `account`'s active shares with `host` (zero if a slash emptied the pool since it last staked).
    function sharesOf(address host, address account) public view returns (uint256) {
        IHostStaking.Delegation memory d = staking.delegationOf(host, account);
        return d.generation == staking.streamOf(host).activeGeneration ? d.shares : 0;
    }

    /// @notice The active shares of `host` held by others than the host: the sum of its delegations.
    function delegatedShares(address host) external view returns (uint256) {
        return staking.activePool(host).shares - sharesOf(host, host);
    }

    /// @notice `account`'s rewards with `host` claimable now (released up to this second; for the host, its
    /// commission included).
    function pendingRewards(address host, address account) external view returns (uint256 rewards) {
        (IHostStaking.Stream memory s, uint256 acc, uint256 commission) = _preview(host);
        IHostStaking.Delegation memory d = staking.delegationOf(host, account);
        rewards = d.rewards;
        if (d.shares != 0) {
            uint256 end = d.generation == s.activeGeneration ? acc : staking.rewardPerShareAtEnd(host, d.generation);
            rewards += HostRewardMath.earned(d.shares, d.rewardPerSharePaid, end);
        }
        if (account == host) rewards += commission;
    }

    /// @notice What `host`'s reward stream has not released by now: its unvested rewards, which a slash takes first.
    function unreleasedRewards(address host) external view returns (uint256) {
        (IHostStaking.Stream memory s, , ) = _preview(host);
        return s.unreleased;
    }

    /// @notice Unbonding request `id` of `account` with `host`: its shares, what they are worth now (zero if a slash
    /// emptied the unbonding pool), and when it unlocks (zero: no such request).
    function unbondingOf(
        address host,
        address account,
        uint256 id
    ) external view returns (uint256 shares, uint256 assets, uint64 unlockAt) {
        IHostStaking.Unbonding memory u = staking.unbondingRequestOf(host, account, id);
        unlockAt = u.unlockAt;
        if (u.unlockAt != 0 && u.generation == staking.streamOf(host).unbondingGeneration) {
            shares = u.shares;
            IHostStaking.Pool memory pool = staking.unbondingPool(host);
            assets = (shares * pool.assets) / pool.shares;
        }
    }

    /// @dev `host`'s stream and reward per share as a transaction now would leave them (HostStaking's `_release`),
    /// and the commission that release would credit to the host.
    function _preview(
        address host
    ) private view returns (IHostStaking.Stream memory s, uint256 acc, uint256 commission) {
        s = staking.streamOf(host);
        IHostStaking.Host memory h = staking.hostInfo(host);
        uint256 shares = staking.activePool(host).shares;
        acc = staking.rewardPerShare(host);
        uint256 c;
        uint256 effectiveAt = h.commissionEffectiveAt;
        if (effectiveAt != 0 && effectiveAt <= block.timestamp) {
            (acc, commission, ) = HostRewardMath.releaseTo(s, acc, h.commissionBps, shares, effectiveAt);
            h.commissionBps = h.pendingCommissionBps;
        }
        (acc, c, ) = HostRewardMath.releaseTo(s, acc, h.commissionBps, shares, block.timestamp);
        commission += c;
    }
}
