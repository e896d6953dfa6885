// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IComputeRewards} from "../interfaces/IComputeRewards.sol";
import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {CheckerReferee} from "../referee/CheckerReferee.sol";
import {RewardPool} from "../pools/RewardPool.sol";
import {HostStaking} from "../hosts/HostStaking.sol";

/// @title ComputeRewards
/// @notice Compute providers paid for proven capacity (SPEC §2): each epoch the referee posts one cumulative Merkle
/// root whose leaves are `(account, cumulativeEdge, cumulativeEnterprise)`, computed from the epoch's committed jobs
/// and their published signed results (docs/decisions.md, "Compute-provider rewards"). Each total is capped by its
/// own pool: what it released by the epoch's end plus what was returned to it, minus what other distributors drew, so
/// one pool's release never pays the other's providers. The guardian can veto a root in its challenge window;
/// `sync` (anyone) adopts the newest final root and draws its increase from both pools. Anyone pushes a host's
/// Enterprise increase into its HostStaking reward stream, which delegators share by the host's commission; an Edge
/// owner claims its Edge increase directly, with a KYC attestation from an unrestricted place.
/// @dev Governance marks GPU classes Edge or Enterprise here (the referee reads `EdgeClassSet`); both kinds of
/// container are registered through HostRegistry and backed by K x coefficient of HostStaking stake. One leaf serves
/// both payments, so both take both amounts: the leaf is only verifiable whole.
contract ComputeRewards is AccessControl, ReentrancyGuardTransient, IComputeRewards {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    bytes32 public constant REFEREE_ROLE = keccak256("REFEREE_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    uint256 public constant EPOCH = 1 days;
    uint64 public constant MIN_CHALLENGE_WINDOW = 1 hours;
    uint64 public constant MAX_CHALLENGE_WINDOW = 7 days;
    /// @notice Most leaves one `pushHostRewardsBatch` takes (a bounded loop: 100 pushes stay far below a block).
    uint256 public constant MAX_PUSH_BATCH = 100;

    IERC20 public immutable token;
    RewardPool public immutable edgePool;
    RewardPool public immutable enterprisePool;
    HostStaking public immutable staking;
    IComplianceRegistry public immutable compliance;
    /// @notice Start of epoch 0: the checker referee's, so both settle the same epochs.
    uint64 public immutable tge;

    uint64 public challengeWindow;
    /// @notice The epoch the next root must be for.
    uint64 public nextEpoch;

    /// @notice The final root payments are checked against (set by `sync`).
    bytes32 public root;

    /// @dev What every payment reads and writes, in one slot: the synced epoch and, per pool, what was drawn for the
    /// synced root but not paid yet (a payment can never take more). Amounts are bounded by the token's supply.
    struct Ledger {
        uint32 epoch;
        uint112 edgeUnpaid;
        uint112 enterpriseUnpaid;
    }
    Ledger private _ledger;

    /// @dev Per account, its leaf amounts at its last Edge claim and last host push, in one slot.
    struct Paid {
        uint128 edge;
        uint128 enterprise;
    }
    mapping(address account => Paid) private _paid;

    /// @notice Drawn from each pool so far: the synced root's cumulative totals.
    uint256 public fundedEdge;
    /// @notice See `fundedEdge`.
    uint256 public fundedEnterprise;

    mapping(uint64 epoch => EpochRoot) private _roots;
    /// @notice Whether GPU class `classId` is Edge (paid from the Edge pool) rather than Enterprise/IDC.
    mapping(uint32 classId => bool) public isEdgeClass;

    /// @param admin Governance (the timelock): GPU class kinds and the challenge window.
    /// @param referee The referee service's key: posts epoch roots.
    /// @param guardian Vetoes roots in their challenge window.
    /// @param edgePool_ The Edge pool (this contract must be its distributor).
    /// @param enterprisePool_ The Enterprise/IDC pool (this contract must be its distributor).
    /// @param staking_ Host staking (this contract must be its distributor), whose registry holds the GPU classes.
    /// @param compliance_ KYC and geofence of Edge claimers.
    /// @param checkerReferee The checker referee, whose epochs these are.
    /// @param firstEpoch The epoch the first root is for (the current one at deployment: earlier epochs had none).
    constructor(
        address admin,
        address referee,
        address guardian,
        RewardPool edgePool_,
        RewardPool enterprisePool_,
        HostStaking staking_,
        IComplianceRegistry compliance_,
        CheckerReferee checkerReferee,
        uint64 firstEpoch
    ) {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (referee == address(0)) revert ZeroAddress("referee");
        if (guardian == address(0)) revert ZeroAddress("guardian");
        if (address(edgePool_) == address(0)) revert ZeroAddress("edgePool");
        if (address(enterprisePool_) == address(0)) revert ZeroAddress("enterprisePool");
        if (address(staking_) == address(0)) revert ZeroAddress("staking");
        if (address(compliance_) == address(0)) revert ZeroAddress("compliance");
        if (address(checkerReferee) == address(0)) revert ZeroAddress("checkerReferee");
        edgePool = edgePool_;
        enterprisePool = enterprisePool_;
        staking = staking_;
        compliance = compliance_;
        token = staking_.token();
        tge = checkerReferee.tge();
        nextEpoch = firstEpoch;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(REFEREE_ROLE, referee);
        _grantRole(GUARDIAN_ROLE, guardian);
        _setChallengeWindow(1 days);
        // HostStaking pulls each push from here; a standing allowance saves a write per push (OZ's ERC20 does not
        // spend an infinite allowance). Only pushes of verified leaves ever call it.
        token.forceApprove(address(staking_), type(uint256).max);
    }

    // ---------------------------------------------------------------- payments

    /// @notice Pushes `host`'s Enterprise amount earned since its last push into its HostStaking reward stream, where
    /// it releases over the stream's duration to the host (commission) and its delegators. Anyone may call.
    /// @dev Reverts with HostStaking's `HostIsHalted` while the host's stake is short: the push waits for a top-up.
    /// @param host The leaf's account.
    /// @param cumulativeEdge The leaf's cumulative Edge amount (only to verify the leaf).
    /// @param cumulativeEnterprise The leaf's cumulative Enterprise amount.
    /// @param proof The leaf's proof in the synced root.
    /// @return amount ATH added to the host's stream.
    function pushHostRewards(
        address host,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise,
        bytes32[] calldata proof
    ) external nonReentrant returns (uint256 amount) {
        return _push(host, cumulativeEdge, cumulativeEnterprise, proof);
    }

    /// @notice Pushes several hosts' Enterprise amounts, each as `pushHostRewards` would, in one transaction (a
    /// keeper's daily round: the transaction's base cost and the contracts' first accesses are paid once). Anyone may
    /// call; any refused leaf refuses the batch with that leaf's error.
    /// @param leaves 1 to `MAX_PUSH_BATCH` leaves of the synced root, with their proofs.
    /// @return total ATH added to the hosts' streams.
    function pushHostRewardsBatch(HostLeaf[] calldata leaves) external nonReentrant returns (uint256 total) {
        uint256 count = leaves.length;
        if (count == 0 || count > MAX_PUSH_BATCH) revert BatchSizeOutOfRange(count, MAX_PUSH_BATCH);
        for (uint256 i; i < count; ++i) {
            HostLeaf calldata leaf = leaves[i];
            total += _push(leaf.host, leaf.cumulativeEdge, leaf.cumulativeEnterprise, leaf.proof);
        }
    }

    /// @notice Pays the caller its Edge amount earned since its last claim. Needs a valid KYC attestation from an
    /// unrestricted place.
    /// @param cumulativeEdge The caller's leaf's cumulative Edge amount.
    /// @param cumulativeEnterprise The leaf's cumulative Enterprise amount (only to verify the leaf).
    /// @param proof The leaf's proof in the synced root.
    /// @return amount ATH paid.
    function claimEdge(
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise,
        bytes32[] calldata proof
    ) external nonReentrant returns (uint256 amount) {
        address account = msg.sender;
        if (!compliance.isAllowed(account)) revert NotKycAllowed(account);
        Ledger memory ledger = _verify(account, cumulativeEdge, cumulativeEnterprise, proof);
        Paid memory paid = _paid[account];
        if (cumulativeEdge <= paid.edge) revert NothingNewToClaim(account, cumulativeEdge, paid.edge);
        amount = cumulativeEdge - paid.edge;
        if (amount > ledger.edgeUnpaid) revert PaymentExceedsFunding(PoolKind.Edge, amount, ledger.edgeUnpaid);
        ledger.edgeUnpaid -= uint112(amount);
        _ledger = ledger;
        paid.edge = uint128(cumulativeEdge);
        _paid[account] = paid;
        emit EdgeClaimed(account, ledger.epoch, cumulativeEdge, amount);
        token.safeTransfer(account, amount);
    }

    // ---------------------------------------------------------------- roots

    /// @notice Posts epoch `epoch`'s cumulative root with both pools' cumulative totals. Referee only; in epoch order;
    /// after the epoch ended and the previous root is final; each total at least the previous root's and at most its
    /// pool's release by the epoch's end plus returns, minus what other distributors drew. `dataURI` publishes the
    /// epoch's points, payouts and the signed results they come from.
    function postRoot(
        uint64 epoch,
        bytes32 newRoot,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise,
        string calldata dataURI
    ) external onlyRole(REFEREE_ROLE) {
        uint64 next = nextEpoch;
        if (epoch != next) revert EpochNotNext(epoch, next);
        uint256 end = epochStart(epoch) + EPOCH;
        if (block.timestamp < end) revert EpochNotOver(epoch, end);
        if (newRoot == bytes32(0)) revert ZeroRoot(epoch);
        EpochRoot memory previous = _roots[epoch == 0 ? 0 : epoch - 1];
        if (epoch > 0 && previous.postedAt != 0 && block.timestamp < previous.finalAt)
            revert PreviousRootNotFinal(epoch - 1, previous.finalAt);
        if (epoch == 0) (previous.cumulativeEdge, previous.cumulativeEnterprise) = (0, 0);
        _checkTotal(PoolKind.Edge, edgePool, end, cumulativeEdge, previous.cumulativeEdge, fundedEdge);
        _checkTotal(
            PoolKind.Enterprise,
            enterprisePool,
            end,
            cumulativeEnterprise,
            previous.cumulativeEnterprise,
            fundedEnterprise
        );
        uint64 finalAt = uint64(block.timestamp) + challengeWindow;
        _roots[epoch] = EpochRoot(
            newRoot,
            cumulativeEdge.toUint128(),
            cumulativeEnterprise.toUint128(),
            uint64(block.timestamp),
            finalAt
        );
        nextEpoch = epoch + 1;
        emit RootPosted(epoch, newRoot, cumulativeEdge, cumulativeEnterprise, dataURI, finalAt);
    }

    /// @notice Vetoes a root still in its challenge window; the referee can then post that epoch again. Guardian.
    function vetoRoot(uint64 epoch) external onlyRole(GUARDIAN_ROLE) {
        EpochRoot memory r = _roots[epoch];
        if (r.postedAt == 0) revert NoRoot(epoch);
        if (block.timestamp >= r.finalAt) revert ChallengeWindowOver(epoch, r.finalAt);
        delete _roots[epoch];
        nextEpoch = epoch; // only the latest root can be in its window: earlier ones were final before it was posted
        emit RootVetoed(epoch, msg.sender);
    }

    /// @notice Adopts the newest final root and draws its increase over the synced totals from each pool. Anyone may
    /// call. Roots only move forward. A paused pool stops syncs (the guardian's pause means no draws).
    function sync() external nonReentrant {
        (bool found, uint64 epoch, EpochRoot memory r) = _finalRoot();
        Ledger memory ledger = _ledger;
        bool synced = root != bytes32(0);
        if (!found || (synced && epoch <= ledger.epoch)) {
            uint64 next = nextEpoch;
            EpochRoot memory latest = next == 0 ? r : _roots[next - 1];
            if (next > 0 && latest.postedAt != 0 && latest.finalAt > block.timestamp)
                revert RootNotFinal(next - 1, latest.finalAt);
            if (!found) revert NoFinalRoot();
            revert NothingToSync(epoch);
        }
        uint256 dueEdge = uint256(r.cumulativeEdge) - fundedEdge;
        uint256 dueEnterprise = uint256(r.cumulativeEnterprise) - fundedEnterprise;
        root = r.root;
        (fundedEdge, fundedEnterprise) = (r.cumulativeEdge, r.cumulativeEnterprise);
        ledger.epoch = uint256(epoch).toUint32();
        ledger.edgeUnpaid = (ledger.edgeUnpaid + dueEdge).toUint112();
        ledger.enterpriseUnpaid = (ledger.enterpriseUnpaid + dueEnterprise).toUint112();
        _ledger = ledger;
        emit Synced(epoch, r.root, r.cumulativeEdge, r.cumulativeEnterprise, dueEdge, dueEnterprise);
        if (dueEdge > 0) edgePool.draw(address(this), dueEdge);
        if (dueEnterprise > 0) enterprisePool.draw(address(this), dueEnterprise);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Marks GPU class `classId` (known to the host registry) Edge or Enterprise/IDC, for epochs settled from
    /// now on. Governance only.
    function setEdgeClass(uint32 classId, bool edge) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (staking.registry().gpuClass(classId).coefficient == 0) revert UnknownGpuClass(classId);
        isEdgeClass[classId] = edge;
        emit EdgeClassSet(classId, edge);
    }

    /// @notice Sets the challenge window of roots posted from now on, 1 hour to 7 days. Governance only.
    function setChallengeWindow(uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setChallengeWindow(window);
    }

    // ---------------------------------------------------------------- views

    /// @notice Start of `epoch`.
    function epochStart(uint64 epoch) public view returns (uint256) {
        return uint256(tge) + uint256(epoch) * EPOCH;
    }

    /// @notice Epoch `epoch`'s posted root (postedAt zero: none, or vetoed).
    function rootOf(uint64 epoch) external view returns (EpochRoot memory) {
        return _roots[epoch];
    }

    /// @notice The newest final root, and its epoch; zero if none yet.
    function finalRoot() external view returns (uint64 epoch, EpochRoot memory r) {
        (, epoch, r) = _finalRoot();
    }

    /// @notice The synced root's epoch.
    function syncedEpoch() external view returns (uint64) {
        return _ledger.epoch;
    }

    /// @notice Drawn from the Edge pool for the synced root but not claimed yet.
    function edgeUnpaid() external view returns (uint256) {
        return _ledger.edgeUnpaid;
    }

    /// @notice Drawn from the Enterprise pool for the synced root but not pushed yet.
    function enterpriseUnpaid() external view returns (uint256) {
        return _ledger.enterpriseUnpaid;
    }

    /// @notice `account`'s cumulative Edge amount at its last claim.
    function claimedEdge(address account) external view returns (uint256) {
        return _paid[account].edge;
    }

    /// @notice `host`'s cumulative Enterprise amount at its last push.
    function pushedEnterprise(address host) external view returns (uint256) {
        return _paid[host].enterprise;
    }

    /// @notice The leaf of `(account, cumulativeEdge, cumulativeEnterprise)`: OpenZeppelin StandardMerkleTree's
    /// double hash of the ABI encoding.
    function leafHash(
        address account,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise
    ) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeEdge, cumulativeEnterprise))));
    }

    // ---------------------------------------------------------------- internals

    /// @dev Refuses a pool's total below the previous root's, or above what the pool could pay this contract: its
    /// release by the epoch's end plus returns, minus what others drew (`drawn` minus this contract's `funded`).
    function _checkTotal(
        PoolKind kind,
        RewardPool pool,
        uint256 end,
        uint256 cumulativeTotal,
        uint256 previousTotal,
        uint256 funded
    ) private view {
        if (cumulativeTotal < previousTotal) revert CumulativeTotalDecreased(kind, cumulativeTotal, previousTotal);
        uint256 released = pool.unlockedAt(end);
        uint256 returned = pool.returned();
        uint256 drawnElsewhere = pool.drawn() - funded;
        if (cumulativeTotal + drawnElsewhere > released + returned)
            revert RootExceedsPool(kind, cumulativeTotal, released, returned, drawnElsewhere);
    }

    /// @dev One host's push: verify, book (effects), then HostStaking pulls the amount into the stream.
    function _push(
        address host,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise,
        bytes32[] calldata proof
    ) private returns (uint256 amount) {
        Ledger memory ledger = _verify(host, cumulativeEdge, cumulativeEnterprise, proof);
        Paid memory paid = _paid[host];
        if (cumulativeEnterprise <= paid.enterprise)
            revert NothingNewToPush(host, cumulativeEnterprise, paid.enterprise);
        amount = cumulativeEnterprise - paid.enterprise;
        if (amount > ledger.enterpriseUnpaid)
            revert PaymentExceedsFunding(PoolKind.Enterprise, amount, ledger.enterpriseUnpaid);
        ledger.enterpriseUnpaid -= uint112(amount);
        _ledger = ledger;
        paid.enterprise = uint128(cumulativeEnterprise); // <= the synced total, itself within the supply
        _paid[host] = paid;
        emit HostRewardsPushed(host, ledger.epoch, msg.sender, cumulativeEnterprise, amount);
        staking.fundRewards(host, amount);
    }

    /// @dev Verifies the leaf against the synced root; on failure says whether a sync may be due.
    function _verify(
        address account,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise,
        bytes32[] calldata proof
    ) private view returns (Ledger memory ledger) {
        ledger = _ledger;
        bytes32 leaf = leafHash(account, cumulativeEdge, cumulativeEnterprise);
        if (MerkleProof.verifyCalldata(proof, root, leaf)) return ledger;
        (bool found, uint64 finalEpoch, ) = _finalRoot();
        if (root == bytes32(0)) {
            if (!found) revert NoFinalRoot();
            revert RootNotSynced(ledger.epoch, finalEpoch);
        }
        if (found && finalEpoch > ledger.epoch) revert RootNotSynced(ledger.epoch, finalEpoch);
        revert InvalidProof(account, cumulativeEdge, cumulativeEnterprise);
    }

    /// @dev The newest final root: the latest posted one or the one before (roots wait for their predecessor's
    /// finality, so no older root can be newer-final).
    function _finalRoot() private view returns (bool found, uint64 epoch, EpochRoot memory r) {
        uint64 next = nextEpoch;
        for (uint256 back = 1; back <= 2 && back <= next; ++back) {
            uint64 e = next - uint64(back);
            EpochRoot memory candidate = _roots[e];
            if (candidate.postedAt != 0 && candidate.finalAt <= block.timestamp) return (true, e, candidate);
        }
    }

    function _setChallengeWindow(uint64 window) private {
        if (window < MIN_CHALLENGE_WINDOW || window > MAX_CHALLENGE_WINDOW)
            revert ChallengeWindowOutOfRange(window, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        challengeWindow = window;
        emit ChallengeWindowSet(window);
    }
}
