// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {AethirToken} from "../../../contracts/token/AethirToken.sol";
import {IRewardPool} from "../../../contracts/interfaces/IRewardPool.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {Test} from "../utils/Test.sol";

/// @notice Drives a deployed genesis the way its users would, for the invariant runner: time only moves forward,
/// a fixed set of actors (the five named beneficiaries plus three outsiders) transfer and delegate, anyone
/// releases vesting wallets, and this handler, as the one distributor governance authorized, draws from pools and
/// gets funds returned. Every action is bounded so that it is valid (the runner ignores reverts, so an invalid
/// action would only waste a call); the one deliberately invalid action, an overdraw, records what happened in a
/// ghost variable, because an assertion inside a handler would be swallowed with the revert.
contract GenesisHandler is Test {
    AethirToken public immutable token;
    address public immutable timelock;
    address public immutable guardian;
    RewardPool[4] internal _pools;
    VestingWallet[6] internal _vestings;
    address[] internal _actors;
    address[] internal _delegatees;

    /// @notice The handler's clock; every warp goes forward from here.
    uint256 public currentTime;

    // Ghosts: what the handler did, to compare with what the contracts recorded.
    mapping(address pool => uint256) public ghostDrawn;
    mapping(address pool => uint256) public ghostReturned;
    mapping(address wallet => uint256) public ghostReleased;
    /// @notice Overdraws the pool accepted (must stay 0).
    uint256 public overdrawsAccepted;
    /// @notice Overdraws refused with anything but ExceedsReleasable(amount, releasable) (must stay 0).
    uint256 public overdrawsMisreported;
    /// @notice How often each action ran to the end, to see that a campaign exercises everything.
    mapping(bytes4 selector => uint256) public calls;

    constructor(
        AethirToken token_,
        address timelock_,
        address guardian_,
        RewardPool[4] memory pools_,
        VestingWallet[6] memory vestings_,
        address[] memory actors_,
        address[] memory outsiders_
    ) {
        token = token_;
        timelock = timelock_;
        guardian = guardian_;
        _pools = pools_;
        _vestings = vestings_;
        _actors = actors_;
        for (uint256 i; i < actors_.length; ++i) _delegatees.push(actors_[i]);
        for (uint256 i; i < outsiders_.length; ++i) _delegatees.push(outsiders_[i]);
        currentTime = block.timestamp;
    }

    // ---------------------------------------------------------------- views for the invariants

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function delegatees() external view returns (address[] memory) {
        return _delegatees;
    }

    function pools() external view returns (RewardPool[4] memory) {
        return _pools;
    }

    function vestings() external view returns (VestingWallet[6] memory) {
        return _vestings;
    }

    /// @notice The selectors the runner should call (everything else here is a view or a helper).
    function actions() external pure returns (bytes4[] memory s) {
        s = new bytes4[](10);
        s[0] = this.warpShort.selector;
        s[1] = this.warpLong.selector;
        s[2] = this.transfer.selector;
        s[3] = this.delegate.selector;
        s[4] = this.release.selector;
        s[5] = this.draw.selector;
        s[6] = this.overdraw.selector;
        s[7] = this.returnFunds.selector;
        s[8] = this.togglePause.selector;
        s[9] = this.transferFrom.selector;
    }

    // ---------------------------------------------------------------- actions

    /// @notice A minute to a month.
    function warpShort(uint256 seconds_) external {
        currentTime += bound(seconds_, 1 minutes, 30 days);
        vm.warp(currentTime);
        calls[msg.sig]++;
    }

    /// @notice Three months to three years, so that a 32-call sequence often reaches past every schedule's end
    /// (Edge and Enterprise run ten years).
    function warpLong(uint256 seconds_) external {
        currentTime += bound(seconds_, 90 days, 3 * 365 days);
        vm.warp(currentTime);
        calls[msg.sig]++;
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        token.transfer(_actor(toSeed), amount);
        calls[msg.sig]++;
    }

    /// @notice An approval and a pull by another actor, to the handler or an actor.
    function transferFrom(uint256 ownerSeed, uint256 spenderSeed, uint256 toSeed, uint256 amount) external {
        address owner = _actor(ownerSeed);
        address spender = _actor(spenderSeed);
        amount = bound(amount, 0, token.balanceOf(owner));
        vm.prank(owner);
        token.approve(spender, amount);
        vm.prank(spender);
        token.transferFrom(owner, _recipient(toSeed), amount);
        calls[msg.sig]++;
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external {
        vm.prank(_actor(actorSeed));
        token.delegate(_delegatees[delegateeSeed % _delegatees.length]);
        calls[msg.sig]++;
    }

    /// @notice Releases a vesting wallet (permissionless; the tokens go to its owner).
    function release(uint256 walletSeed) external {
        VestingWallet wallet = _vestings[walletSeed % 6];
        uint256 before = wallet.released(address(token));
        wallet.release(address(token));
        ghostReleased[address(wallet)] += wallet.released(address(token)) - before;
        calls[msg.sig]++;
    }

    /// @notice Draws up to what the pool says is releasable, to an actor or to the handler itself.
    function draw(uint256 poolSeed, uint256 toSeed, uint256 amount) external {
        RewardPool pool = _pools[poolSeed % 4];
        uint256 available = pool.releasable();
        if (pool.paused() || available == 0) return;
        amount = bound(amount, 1, available);
        pool.draw(_recipient(toSeed), amount);
        ghostDrawn[address(pool)] += amount;
        calls[msg.sig]++;
    }

    /// @notice Tries to draw more than is releasable and records whether the pool refused it, and how.
    function overdraw(uint256 poolSeed, uint256 extra) external {
        RewardPool pool = _pools[poolSeed % 4];
        if (pool.paused()) return;
        uint256 available = pool.releasable();
        uint256 amount = available + bound(extra, 1, 1e30);
        try pool.draw(address(this), amount) {
            overdrawsAccepted++;
            ghostDrawn[address(pool)] += amount;
        } catch (bytes memory reason) {
            bytes memory expected = abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, amount, available);
            if (keccak256(reason) != keccak256(expected)) overdrawsMisreported++;
        }
        calls[msg.sig]++;
    }

    /// @notice Gives funds back to a pool, from an actor or from the handler (as a distributor would).
    function returnFunds(uint256 poolSeed, uint256 fromSeed, uint256 amount) external {
        RewardPool pool = _pools[poolSeed % 4];
        address from = _recipient(fromSeed);
        uint256 balance = token.balanceOf(from);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(from);
        token.approve(address(pool), amount);
        vm.prank(from);
        pool.returnFunds(amount);
        ghostReturned[address(pool)] += amount;
        calls[msg.sig]++;
    }

    /// @notice The guardian pauses a pool, or governance (the timelock) unpauses it.
    function togglePause(uint256 poolSeed) external {
        RewardPool pool = _pools[poolSeed % 4];
        if (pool.paused()) {
            vm.prank(timelock);
            pool.unpause();
        } else {
            vm.prank(guardian);
            pool.pause();
        }
        calls[msg.sig]++;
    }

    // ---------------------------------------------------------------- helpers

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev An actor or, one time in (actors + 1), the handler.
    function _recipient(uint256 seed) internal view returns (address) {
        uint256 i = seed % (_actors.length + 1);
        return i == _actors.length ? address(this) : _actors[i];
    }
}
