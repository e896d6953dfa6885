// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IRewardClaims} from "../interfaces/IRewardClaims.sol";
import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {CheckerReferee} from "../referee/CheckerReferee.sol";
import {RewardPool} from "../pools/RewardPool.sol";
import {VestingEntries} from "../libraries/VestingEntries.sol";

/// @title RewardClaims
/// @notice Checker reward claims (SPEC §6). A leaf of the referee's final cumulative root is (account,
/// cumulativeAmount); a claim moves the difference since the account's last claim into a vesting entry: the 5 ATH fee
/// is owed to the treasury first, then option A vests the rest for 180 days, or option B vests 25% for 30 days and owes
/// 75% back to the checker base pool. Claims and withdrawals need a KYC attestation from an unrestricted place.
/// @dev A claim only verifies and books, so that it stays under 90,000 gas: token movements happen in bulk.
/// `sync` adopts the referee's newest final root and draws its new total from the checker pools once (base first,
/// then bonus); `settle` pays the fees owed to the treasury and the returns owed to the base pool. Both are
/// permissionless. An account's entries are numbered from 0 and packed (see VestingEntries), so neither claim nor
/// withdraw walks an account's history.
contract RewardClaims is AccessControl, ReentrancyGuardTransient, IRewardClaims {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using VestingEntries for VestingEntries.Entries;

    /// @notice Role of the slashing contract (SPEC §7), the only path that forfeits unvested entries.
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    uint256 public constant MIN_CLAIM = 30 ether;
    uint256 public constant FEE = 5 ether;
    uint32 public constant LONG_VESTING = 180 days;
    uint32 public constant SHORT_VESTING = 30 days;
    uint256 public constant SHORT_SHARE_BPS = 2_500;

    IERC20 public immutable token;
    CheckerReferee public immutable referee;
    RewardPool public immutable basePool;
    RewardPool public immutable bonusPool;
    IComplianceRegistry public immutable compliance;
    address public immutable treasury;

    /// @notice The final root claims are checked against (set by `sync`).
    bytes32 public root;
    /// @notice Everything drawn from the checker pools: the synced root's cumulative total.
    uint256 public funded;

    /// @dev What every claim reads and writes, in one slot that never returns to zero once funded, so a claim pays
    /// a warm-up write (5,000 gas) here rather than a fresh one (22,100).
    struct Ledger {
        uint32 epoch; // of the synced root (epochs are days)
        uint96 unclaimed; // drawn but not yet claimed: a claim can never take more
        uint96 pendingReturns; // option-B returns owed to the base pool
        uint32 pendingFeeCount; // claims whose fee is owed to the treasury
    }
    Ledger private _ledger;

    VestingEntries.Entries private _entries;

    constructor(
        address admin,
        IERC20 token_,
        CheckerReferee referee_,
        RewardPool basePool_,
        RewardPool bonusPool_,
        IComplianceRegistry compliance_,
        address treasury_
    ) {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(token_) == address(0)) revert ZeroAddress("token");
        if (address(referee_) == address(0)) revert ZeroAddress("referee");
        if (address(basePool_) == address(0)) revert ZeroAddress("basePool");
        if (address(bonusPool_) == address(0)) revert ZeroAddress("bonusPool");
        if (address(compliance_) == address(0)) revert ZeroAddress("compliance");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        token = token_;
        referee = referee_;
        basePool = basePool_;
        bonusPool = bonusPool_;
        compliance = compliance_;
        treasury = treasury_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- claims

    /// @notice Claims everything earned since the caller's last claim into a vesting entry.
    /// @dev No token moves and no state-changing call: nothing to re-enter.
    /// @param cumulativeAmount The caller's leaf amount in the synced final root.
    /// @param proof The leaf's Merkle proof.
    /// @param option The vesting option.
    /// @return entryId The caller's new entry.
    function claim(
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        Option option
    ) external returns (uint256 entryId) {
        address account = msg.sender;
        if (!compliance.isAllowed(account)) revert NotKycAllowed(account);
        Ledger memory ledger = _ledger;
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf))
            _revertInvalidProof(ledger.epoch, account, cumulativeAmount);

        uint256 already = _entries.accounts[account].claimed;
        if (cumulativeAmount <= already) revert NothingNewToClaim(cumulativeAmount, already);
        uint256 amount = cumulativeAmount - already;
        if (amount < MIN_CLAIM) revert ClaimBelowMinimum(amount, MIN_CLAIM);
        if (amount > ledger.unclaimed) revert ClaimExceedsFunding(amount, ledger.unclaimed);

        entryId = _book(account, cumulativeAmount, amount, option, ledger);
    }

    /// @notice Withdraws matured entries of the caller, any number in one call.
    function withdraw(uint256[] calldata entryIds) external nonReentrant returns (uint256 total) {
        address account = msg.sender;
        if (!compliance.isAllowed(account)) revert NotKycAllowed(account);
        if (entryIds.length == 0) revert EmptyEntryList();
        for (uint256 i; i < entryIds.length; ++i) {
            uint256 entryId = entryIds[i];
            (uint96 amount, uint32 unlockAt) = _openEntry(account, entryId);
            if (block.timestamp < unlockAt) revert EntryNotMatured(account, entryId, unlockAt);
            _entries.close(account, entryId);
            total += amount;
        }
        emit Withdrawn(account, entryIds, total);
        token.safeTransfer(account, total);
    }

    /// @notice Forfeits an unvested entry back to the checker base pool. The slashing contract only (SPEC §7).
    function forfeit(
        address account,
        uint256 entryId,
        bytes32 reason
    ) external onlyRole(SLASHER_ROLE) nonReentrant returns (uint256 amount) {
        uint32 unlockAt;
        (amount, unlockAt) = _openEntry(account, entryId);
        if (block.timestamp >= unlockAt) revert EntryAlreadyVested(account, entryId, unlockAt);
        _entries.close(account, entryId);
        emit Forfeited(account, entryId, amount, reason);
        token.forceApprove(address(basePool), amount);
        basePool.returnFunds(amount);
    }

    // ---------------------------------------------------------------- bulk settlement

    /// @notice Settles, then adopts the referee's newest final root and draws its new total from the checker pools
    /// (base first, then bonus). Anyone may call; the referee service does after each challenge window. Roots only
    /// move forward: an older epoch's root or a lower total is refused. A paused base pool stops syncs (the guardian's
    /// pause means no draws), even when the bonus pool could pay.
    function sync() external nonReentrant {
        (uint64 epoch, bytes32 newRoot, uint256 cumulativeTotal) = referee.finalRoot();
        if (newRoot == bytes32(0)) revert NoFinalRoot();
        Ledger memory ledger = _ledger;
        if (root != bytes32(0) && epoch <= ledger.epoch) {
            // roots only move forward: an older (or re-finalized) root would roll claims back
            if (epoch == ledger.epoch && newRoot == root) revert NothingToSync(epoch);
            revert StaleFinalRoot(epoch, ledger.epoch);
        }
        if (cumulativeTotal < funded) revert CumulativeTotalDecreased(cumulativeTotal, funded);
        // returns owed go back to the base pool first, so that the draw below takes them from there
        _settle();
        ledger = _ledger;
        uint256 due = cumulativeTotal - funded;
        root = newRoot;
        funded = cumulativeTotal;
        ledger.epoch = uint256(epoch).toUint32();
        ledger.unclaimed = (ledger.unclaimed + due).toUint96();
        _ledger = ledger;

        uint256 fromBase = basePool.releasable();
        if (fromBase > due) fromBase = due;
        uint256 fromBonus = due - fromBase;
        emit Synced(epoch, newRoot, cumulativeTotal, fromBase, fromBonus);
        if (fromBase > 0) basePool.draw(address(this), fromBase);
        if (fromBonus > 0) bonusPool.draw(address(this), fromBonus);
    }

    /// @notice Pays the fees owed to the treasury and the option-B returns owed to the base pool. Anyone may call.
    function settle() external nonReentrant {
        _settle();
    }

    // ---------------------------------------------------------------- views

    /// @notice The epoch of the synced root.
    function syncedEpoch() external view returns (uint64) {
        return _ledger.epoch;
    }

    /// @notice Drawn from the pools but not claimed yet.
    function unclaimed() external view returns (uint256) {
        return _ledger.unclaimed;
    }

    /// @notice Claims whose fee is owed to the treasury.
    function pendingFeeCount() external view returns (uint256) {
        return _ledger.pendingFeeCount;
    }

    /// @notice Option-B returns owed to the base pool.
    function pendingReturns() external view returns (uint256) {
        return _ledger.pendingReturns;
    }

    /// @notice What `account` has claimed so far: its leaf amount at its last claim.
    function claimed(address account) external view returns (uint256) {
        return _entries.accounts[account].claimed;
    }

    /// @notice How many entries `account` has (ids 0 to count - 1).
    function entryCount(address account) external view returns (uint256) {
        return _entries.accounts[account].entryCount;
    }

    /// @notice Entry `entryId` of `account`: the amount still locked (0 once withdrawn or forfeited) and when it
    /// unlocks.
    function entry(address account, uint256 entryId) external view returns (uint256 amount, uint32 unlockAt) {
        bool exists;
        (exists, amount, unlockAt) = _entries.get(account, entryId);
        if (!exists) revert NoSuchEntry(account, entryId);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Writes the entry of a verified claim of `amount` (fee included); amounts fit in uint96, as every claim is
    /// bounded by `unclaimed`, itself bounded by the token's supply.
    function _book(
        address account,
        uint256 cumulativeAmount,
        uint256 amount,
        Option option,
        Ledger memory ledger
    ) private returns (uint256 entryId) {
        (uint256 vesting, uint256 returned, uint32 unlockAt) = _split(amount - FEE, option);
        ledger.unclaimed -= uint96(amount);
        ledger.pendingReturns += uint96(returned);
        ++ledger.pendingFeeCount;
        _ledger = ledger;
        entryId = _entries.append(account, cumulativeAmount.toUint96(), uint96(vesting), unlockAt);
        emit Claimed(account, ledger.epoch, entryId, cumulativeAmount, amount, option, vesting, returned, unlockAt);
    }

    /// @dev Option A: all of `net` for 180 days. Option B: 25% for 30 days, 75% back to the pool.
    function _split(
        uint256 net,
        Option option
    ) private view returns (uint256 vesting, uint256 returned, uint32 unlockAt) {
        if (option == Option.Full180Days) {
            vesting = net;
            unlockAt = block.timestamp.toUint32() + LONG_VESTING;
        } else {
            vesting = (net * SHORT_SHARE_BPS) / 10_000;
            returned = net - vesting;
            unlockAt = block.timestamp.toUint32() + SHORT_VESTING;
        }
    }

    function _openEntry(address account, uint256 entryId) private view returns (uint96 amount, uint32 unlockAt) {
        bool exists;
        (exists, amount, unlockAt) = _entries.get(account, entryId);
        if (!exists) revert NoSuchEntry(account, entryId);
        if (amount == 0) revert EntryClosed(account, entryId);
    }

    function _settle() private {
        Ledger memory ledger = _ledger;
        uint256 fees = ledger.pendingFeeCount * FEE;
        uint256 returns_ = ledger.pendingReturns;
        if (fees == 0 && returns_ == 0) return;
        (ledger.pendingFeeCount, ledger.pendingReturns) = (0, 0);
        _ledger = ledger;
        emit Settled(fees, returns_);
        if (fees > 0) token.safeTransfer(treasury, fees);
        if (returns_ > 0) {
            token.forceApprove(address(basePool), returns_);
            basePool.returnFunds(returns_);
        }
    }

    /// @dev Only on the failure path: tells a claimer whose proof is for a final root not synced yet to sync first.
    function _revertInvalidProof(uint32 syncedEpoch_, address account, uint256 cumulativeAmount) private view {
        (uint64 finalEpoch, bytes32 finalRoot_, ) = referee.finalRoot();
        if (root == bytes32(0)) {
            if (finalRoot_ == bytes32(0)) revert NoFinalRoot();
            revert RootNotSynced(syncedEpoch_, finalEpoch);
        }
        // a newer final root exists: the proof may be for it (a stale proof of an older root fails after the sync too)
        if (finalRoot_ != bytes32(0) && finalEpoch > syncedEpoch_) revert RootNotSynced(syncedEpoch_, finalEpoch);
        revert InvalidProof(account, cumulativeAmount);
    }
}
