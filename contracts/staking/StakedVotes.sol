// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IStakedVotes} from "../interfaces/IStakedVotes.sol";

/// @title StakedVotes
/// @notice The votes of stATH: each holder's balance counts for its delegate, checkpointed on the timestamp clock.
/// @dev Smaller than OZ `Votes`: no total-supply checkpoint (a stake would pay ~20k gas more for it; the governor
/// measures the voting supply itself) and no delegation by signature. The host contract calls `_moveStakedVotes` on
/// every mint, burn and transfer of stATH; votes move only when a side has delegated, so undelegated holders pay one
/// storage read.
abstract contract StakedVotes is IStakedVotes {
    using Checkpoints for Checkpoints.Trace208;

    mapping(address account => address) private _delegatee;
    mapping(address delegatee => Checkpoints.Trace208) private _votes;

    /// @inheritdoc IStakedVotes
    function clock() public view returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @inheritdoc IStakedVotes
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IStakedVotes
    function delegates(address account) external view returns (address) {
        return _delegatee[account];
    }

    /// @inheritdoc IStakedVotes
    function getVotes(address account) external view returns (uint256) {
        return _votes[account].latest();
    }

    /// @inheritdoc IStakedVotes
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert ERC5805FutureLookup(timepoint, now_);
        // timepoint < now_ < 2^48
        return _votes[account].upperLookup(uint48(timepoint));
    }

    /// @inheritdoc IStakedVotes
    function delegate(address delegatee) external {
        address account = msg.sender;
        address previous = _delegatee[account];
        _delegatee[account] = delegatee;
        emit DelegateChanged(account, previous, delegatee);
        _moveVotes(previous, delegatee, _stakedBalance(account));
    }

    /// @dev The stATH balance of `account`.
    function _stakedBalance(address account) internal view virtual returns (uint256);

    /// @dev Follows `amount` stATH from `from` to `to` (zero for a mint or a burn) onto their delegates.
    function _moveStakedVotes(address from, address to, uint256 amount) internal {
        _moveVotes(
            from == address(0) ? address(0) : _delegatee[from],
            to == address(0) ? address(0) : _delegatee[to],
            amount
        );
    }

    function _moveVotes(address from, address to, uint256 amount) private {
        if (from == to || amount == 0) return;
        // every delegate's votes are at most the stATH supply, which fits in 96 bits
        if (from != address(0)) {
            Checkpoints.Trace208 storage trace = _votes[from];
            uint256 previous = trace.latest();
            trace.push(clock(), uint208(previous - amount));
            emit DelegateVotesChanged(from, previous, previous - amount);
        }
        if (to != address(0)) {
            Checkpoints.Trace208 storage trace = _votes[to];
            uint256 previous = trace.latest();
            trace.push(clock(), uint208(previous + amount));
            emit DelegateVotesChanged(to, previous, previous + amount);
        }
    }
}
