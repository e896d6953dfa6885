// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GenesisInvariantBase} from "./GenesisInvariantBase.sol";

/// @notice ERC20Votes bookkeeping under arbitrary transfers, re-delegations, releases and draws: every delegate's
/// votes are exactly the balances of the accounts delegating to it, so votes are neither created nor lost.
contract VotesInvariantTest is GenesisInvariantBase {
    /// @dev Per delegate: getVotes(d) == sum of balances of the holders whose delegate is d.
    function invariant_EachDelegateVotesItsDelegatorsBalances() public view {
        address[] memory delegatees = handler.delegatees();
        for (uint256 d; d < delegatees.length; ++d) {
            uint256 expected;
            for (uint256 h; h < holders.length; ++h) {
                if (token.delegates(holders[h]) == delegatees[d]) expected += token.balanceOf(holders[h]);
            }
            assertEq(token.getVotes(delegatees[d]), expected, "delegate's votes");
        }
    }

    /// @dev In total: the votes of all delegates == the balances of all holders that delegated (to anyone).
    function invariant_TotalVotesEqualDelegatedBalances() public view {
        address[] memory delegatees = handler.delegatees();
        uint256 votes;
        for (uint256 d; d < delegatees.length; ++d) votes += token.getVotes(delegatees[d]);
        uint256 delegated;
        for (uint256 h; h < holders.length; ++h) {
            if (token.delegates(holders[h]) != address(0)) delegated += token.balanceOf(holders[h]);
        }
        assertEq(votes, delegated, "votes == delegated balances");
        // The buckets and the timelock never delegate here: the genesis supply is voteless until it is released.
        for (uint256 h; h < holders.length; ++h) {
            if (holders[h] == address(handler) || _isActor(holders[h])) continue;
            assertEq(token.delegates(holders[h]), address(0), "buckets never delegate");
        }
    }

    function _isActor(address a) internal view returns (bool) {
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; ++i) if (actors[i] == a) return true;
        return false;
    }
}
