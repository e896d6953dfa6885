// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IStakedVotes
/// @notice Votes carried by stATH (StakingPools' receipt): an ERC-5805 subset on the ERC-6372 timestamp clock, like
/// ATH's. A holder's stATH counts for the account it delegated to (itself included) from the moment it delegates;
/// undelegated stATH carries no votes. Every change is checkpointed, so the votes at a past time never move.
interface IStakedVotes {
    /// @notice Votes at `timepoint` are not final yet: the clock is at `clock`; ask for a past time.
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);

    /// @notice `delegator` moved the votes of its stATH from `fromDelegate` to `toDelegate` (zero: nobody).
    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    /// @notice The stATH votes of `delegate` went from `previousVotes` to `newVotes`.
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() external view returns (uint48);

    /// @notice ERC-6372 clock description (`mode=timestamp`).
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external view returns (string memory);

    /// @notice Who receives the votes of `account`'s stATH (zero: nobody yet).
    function delegates(address account) external view returns (address);

    /// @notice The stATH votes delegated to `account` now.
    function getVotes(address account) external view returns (uint256);

    /// @notice The stATH votes delegated to `account` at `timepoint`, which must be in the past.
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);

    /// @notice Gives the votes of the caller's stATH (present and future) to `delegatee` (the caller itself to vote).
    function delegate(address delegatee) external;
}
