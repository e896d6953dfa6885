// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IRewardPool} from "../interfaces/IRewardPool.sol";

/// @title RewardPool
/// @notice A genesis bucket that later protocol contracts draw rewards from. Governance (the timelock, holder of
/// `DEFAULT_ADMIN_ROLE`) authorizes distributor contracts with `DISTRIBUTOR_ROLE`; they can draw at most
/// `unlockedAt(now) + returned - drawn`. The guardian can pause draws; only governance unpauses.
/// @dev Concrete pools implement `unlockedAt`, a closed-form schedule that is monotone and capped at `allocation`.
abstract contract RewardPool is AccessControl, Pausable, IRewardPool {
    using SafeERC20 for IERC20;

    /// @notice Role of the contracts allowed to draw (referee claims, staking rewards, ...).
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");
    /// @notice Role that can pause draws (not unpause, not move funds).
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice The ATH token.
    IERC20 public immutable token;
    /// @notice The genesis allocation the schedule is computed on, in wei.
    uint256 public immutable allocation;
    /// @notice Emission start (TGE).
    uint64 public immutable start;

    /// @notice Everything paid out so far.
    uint256 public drawn;
    /// @notice Everything given back so far.
    uint256 public returned;

    /// @param token_ The ATH token (its address is predicted when pools are deployed before it).
    /// @param allocation_ The bucket in wei; the token mints exactly this to the pool.
    /// @param start_ Emission start (TGE).
    /// @param admin Governance (the timelock).
    /// @param guardian May pause draws.
    constructor(IERC20 token_, uint256 allocation_, uint64 start_, address admin, address guardian) {
        if (address(token_) == address(0)) revert ZeroAddress("token");
        if (admin == address(0)) revert ZeroAddress("admin");
        if (guardian == address(0)) revert ZeroAddress("guardian");
        token = token_;
        allocation = allocation_;
        start = start_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    /// @dev Refuses a schedule ending after the largest uint64 timestamp; returns the end as uint64.
    function _checkedEnd(uint256 end_) internal pure returns (uint64) {
        if (end_ > type(uint64).max) revert ScheduleEndTooLate(end_);
        return uint64(end_);
    }

    /// @notice Cumulative amount the schedule has released by time `t` (ignores draws and returns).
    function unlockedAt(uint256 t) public view virtual returns (uint256);

    /// @notice When the schedule has released everything.
    function end() public view virtual returns (uint64);

    /// @notice What distributors can draw at time `t`, given the draws and returns so far.
    function releasableAt(uint256 t) public view returns (uint256) {
        uint256 available = unlockedAt(t) + returned;
        return available > drawn ? available - drawn : 0;
    }

    /// @notice What distributors can draw now.
    function releasable() external view returns (uint256) {
        return releasableAt(block.timestamp);
    }

    /// @notice Pays `amount` to `to`. Only distributors; not while paused; never above `releasable()`.
    /// @param to Recipient (the distributor itself, or the account it pays on behalf of).
    /// @param amount Wei of ATH.
    function draw(address to, uint256 amount) external onlyRole(DISTRIBUTOR_ROLE) whenNotPaused {
        if (to == address(0)) revert ZeroAddress("to");
        if (amount == 0) revert ZeroAmount();
        uint256 available = releasableAt(block.timestamp);
        if (amount > available) revert ExceedsReleasable(amount, available);
        drawn += amount;
        emit Drawn(msg.sender, to, amount);
        token.safeTransfer(to, amount);
    }

    /// @notice Gives `amount` back to the pool (pulled from the caller, who must have approved it).
    /// @param amount Wei of ATH.
    function returnFunds(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        returned += amount;
        emit Returned(msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Stops draws. Guardian only.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Resumes draws. Governance only, so a compromised guardian cannot undo its own pause decision's review.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }
}
