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

    error NoFinalRoot();
    error NothingToSync(uint64 epoch);
    /// @notice The referee's final root is older than the synced one (e.g. the challenge window was raised since).
    error StaleFinalRoot(uint64 epoch, uint64 syncedEpoch);
    error CumulativeTotalDecreased(uint256 cumulativeTotal, uint256 funded);
    error InvalidProof(address account, uint256 cumulativeAmount);
    /// @notice The proof may be for a newer final root than the one synced: call `sync()` first.
    error RootNotSynced(uint64 syncedEpoch, uint64 finalEpoch);
    error NothingNewToClaim(uint256 cumulativeAmount, uint256 alreadyClaimed);
    error ClaimBelowMinimum(uint256 amount, uint256 minimum);
    /// @notice The claims of a root would exceed what was drawn for it: the referee's tree is inconsistent.
    error ClaimExceedsFunding(uint256 amount, uint256 unclaimedFunds);
    error NotKycAllowed(address account);
    error EmptyEntryList();
    error NoSuchEntry(address account, uint256 entryId);
    error EntryClosed(address account, uint256 entryId);
    error EntryNotMatured(address account, uint256 entryId, uint32 unlockAt);
    error EntryAlreadyVested(address account, uint256 entryId, uint32 unlockAt);
    error ZeroAddress(bytes32 what);

    /// @notice `account` claimed `amount` (its leaf minus what it had claimed) of the root of `epoch`: the fee (`FEE`,
    /// 5 ATH) is owed to the treasury, `vesting` unlocks at `unlockAt` as the account's entry `entryId`, and
    /// `returnedToPool` is owed back to the checker base pool. Fees and returns are paid in bulk by `settle`.
    event Claimed(
        address indexed account,
        uint64 indexed epoch,
        uint256 indexed entryId,
        uint256 cumulativeAmount,
        uint256 amount,
        Option option,
        uint256 vesting,
        uint256 returnedToPool,
        uint32 unlockAt
    );
    event Withdrawn(address indexed account, uint256[] entryIds, uint256 amount);
    event Forfeited(address indexed account, uint256 indexed entryId, uint256 amount, bytes32 reason);
    /// @notice The final root of `epoch` is now the one claims are checked against; `drawn` was drawn from the
    /// checker pools for it (base first, then bonus), bringing everything drawn to `cumulativeTotal`.
    event Synced(
        uint64 indexed epoch,
        bytes32 root,
        uint256 cumulativeTotal,
        uint256 drawnFromBase,
        uint256 drawnFromBonus
    );
    /// @notice Fees owed since the last settlement went to the treasury and option-B returns to the base pool.
    event Settled(uint256 fees, uint256 returnedToPool);

    /// @notice Option-B returns owed to the base pool, not paid yet (the referee counts them as re-emittable).
    function pendingReturns() external view returns (uint256);
}
