// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRewardClaims
/// @notice Errors, events and types of checker reward claims with vesting (SPEC §6).
interface IRewardClaims {
    /// @notice The vesting option a claimer chooses: 180 days for 100%, or 30 days for 25% (75% back to the pool).
    enum Option {
        Full180Days,
        Quarter30Days
    }

    /// @notice One claim's vesting entry.
    struct Entry {
        address account;
        uint128 amount;
        uint64 unlockAt;
        bool closed; // withdrawn or forfeited
    }

    error NoFinalRoot();
    error InvalidProof(address account, uint256 cumulativeAmount);
    error NothingNewToClaim(uint256 cumulativeAmount, uint256 alreadyClaimed);
    error ClaimBelowMinimum(uint256 amount, uint256 minimum);
    error NotKycAllowed(address account);
    error EmptyEntryList();
    error NotYourEntry(uint256 entryId, address owner);
    error EntryClosed(uint256 entryId);
    error EntryNotMatured(uint256 entryId, uint64 unlockAt);
    error EntryAlreadyVested(uint256 entryId, uint64 unlockAt);
    error ZeroAddress(bytes32 what);

    event Claimed(
        address indexed account,
        uint64 indexed epoch,
        uint256 cumulativeAmount,
        uint256 amount,
        uint256 fee,
        Option option,
        uint256 indexed entryId,
        uint256 vesting,
        uint256 returnedToPool,
        uint64 unlockAt
    );
    event Withdrawn(address indexed account, uint256[] entryIds, uint256 amount);
    event Forfeited(address indexed account, uint256 indexed entryId, uint256 amount, bytes32 reason);
}
