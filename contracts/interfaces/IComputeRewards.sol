// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IComputeRewards
/// @notice Errors, events and types of compute-provider rewards (SPEC §2: the Edge 23% and Enterprise/IDC 12% pools
/// pay for capacity the checkers verified). The referee posts one cumulative root per epoch whose leaves are
/// `(account, cumulativeEdge, cumulativeEnterprise)`; Edge amounts are claimed by their owner, Enterprise amounts are
/// pushed by anyone into the host's HostStaking reward stream.
interface IComputeRewards {
    /// @notice Which of the two compute pools an amount belongs to.
    enum PoolKind {
        Edge,
        Enterprise
    }

    /// @notice A posted epoch root: the Merkle root and both pools' cumulative totals; final at `finalAt` unless
    /// vetoed before.
    struct EpochRoot {
        bytes32 root;
        uint128 cumulativeEdge;
        uint128 cumulativeEnterprise;
        uint64 postedAt;
        uint64 finalAt;
    }

    /// @notice A leaf of the synced root and its proof, for `pushHostRewardsBatch`.
    struct HostLeaf {
        address host;
        uint256 cumulativeEdge;
        uint256 cumulativeEnterprise;
        bytes32[] proof;
    }

    error ZeroAddress(bytes32 what);
    error ChallengeWindowOutOfRange(uint64 window, uint64 min, uint64 max);
    /// @notice Governance marked a GPU class the host registry does not know.
    error UnknownGpuClass(uint32 classId);
    /// @notice Roots are posted in epoch order, one per epoch.
    error EpochNotNext(uint64 epoch, uint64 nextEpoch);
    error EpochNotOver(uint64 epoch, uint256 end);
    error PreviousRootNotFinal(uint64 epoch, uint64 finalAt);
    error ZeroRoot(uint64 epoch);
    /// @notice A pool's cumulative total is below the previous root's: cumulative amounts never decrease.
    error CumulativeTotalDecreased(PoolKind pool, uint256 cumulativeTotal, uint256 previousTotal);
    /// @notice A root's total for `pool` is above what that pool released by the epoch's end plus what was returned
    /// to it, minus what other distributors drew from it.
    error RootExceedsPool(
        PoolKind pool,
        uint256 cumulativeTotal,
        uint256 released,
        uint256 returned,
        uint256 drawnElsewhere
    );
    error NoRoot(uint64 epoch);
    error ChallengeWindowOver(uint64 epoch, uint64 finalAt);
    error NoFinalRoot();
    /// @notice The newest root is still in its challenge window (and no newer final root is waiting): sync later.
    error RootNotFinal(uint64 epoch, uint64 finalAt);
    error NothingToSync(uint64 epoch);
    /// @notice The proof may be for a final root not synced yet: call `sync()` first.
    error RootNotSynced(uint64 syncedEpoch, uint64 finalEpoch);
    error InvalidProof(address account, uint256 cumulativeEdge, uint256 cumulativeEnterprise);
    /// @notice A push batch is empty or longer than `max` leaves.
    error BatchSizeOutOfRange(uint256 size, uint256 max);
    error NothingNewToPush(address host, uint256 cumulativeEnterprise, uint256 alreadyPushed);
    error NothingNewToClaim(address account, uint256 cumulativeEdge, uint256 alreadyClaimed);
    /// @notice The leaves of the synced root would pay more from `pool` than was drawn for it: the tree is
    /// inconsistent with its totals.
    error PaymentExceedsFunding(PoolKind pool, uint256 amount, uint256 unpaid);
    /// @notice An Edge claim by an account without a valid KYC attestation from an unrestricted place (SPEC §6, §8).
    error NotKycAllowed(address account);

    event ChallengeWindowSet(uint64 window);
    /// @notice Governance marked GPU class `classId` as Edge (`edge`) or Enterprise/IDC (not `edge`).
    event EdgeClassSet(uint32 indexed classId, bool edge);
    /// @notice The referee posted epoch `epoch`'s cumulative root; `dataURI` publishes the epoch's points, payouts and
    /// the signed results they come from, so anyone can recompute the tree.
    event RootPosted(
        uint64 indexed epoch,
        bytes32 root,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise,
        string dataURI,
        uint64 finalAt
    );
    event RootVetoed(uint64 indexed epoch, address indexed guardian);
    /// @notice The final root of `epoch` is now the one payments are checked against; `drawnEdge` and
    /// `drawnEnterprise` were drawn from the two pools for it.
    event Synced(
        uint64 indexed epoch,
        bytes32 root,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise,
        uint256 drawnEdge,
        uint256 drawnEnterprise
    );
    /// @notice `caller` pushed `amount` (the host's leaf minus what was pushed before) of the synced root of `epoch`
    /// into `host`'s HostStaking reward stream.
    event HostRewardsPushed(
        address indexed host,
        uint64 indexed epoch,
        address indexed caller,
        uint256 cumulativeEnterprise,
        uint256 amount
    );
    /// @notice `account` claimed `amount` (its leaf minus what it had claimed) of the synced root of `epoch`.
    event EdgeClaimed(address indexed account, uint64 indexed epoch, uint256 cumulativeEdge, uint256 amount);
}
