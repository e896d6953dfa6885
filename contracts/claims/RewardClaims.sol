// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IRewardClaims} from "../interfaces/IRewardClaims.sol";
import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";
import {CheckerReferee} from "../referee/CheckerReferee.sol";
import {RewardPool} from "../pools/RewardPool.sol";

/// @title RewardClaims
/// @notice Checker reward claims (SPEC §6). A leaf of the referee's final cumulative root is (account,
/// cumulativeAmount); a claim pays the difference since the account's last claim into a vesting entry: the 5 ATH fee
/// goes to the treasury first, then option A vests the rest for 180 days, or option B vests 25% for 30 days and
/// returns 75% to the checker base pool. Claims and withdrawals need a KYC attestation from an unrestricted place.
/// @dev Entries are numbered globally and withdrawn by id, so neither claim nor withdraw walks an account's history.
/// Rewards are drawn from the checker base pool, then the bonus pool, when claimed.
contract RewardClaims is AccessControl, ReentrancyGuardTransient, IRewardClaims {
    using SafeERC20 for IERC20;

    /// @notice Role of the slashing contract (SPEC §7), the only path that forfeits unvested entries.
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    uint256 public constant MIN_CLAIM = 30 ether;
    uint256 public constant FEE = 5 ether;
    uint64 public constant LONG_VESTING = 180 days;
    uint64 public constant SHORT_VESTING = 30 days;
    uint256 public constant SHORT_SHARE_BPS = 2_500;

    IERC20 public immutable token;
    CheckerReferee public immutable referee;
    RewardPool public immutable basePool;
    RewardPool public immutable bonusPool;
    IComplianceRegistry public immutable compliance;
    address public immutable treasury;

    mapping(address account => uint256) public claimed;
    Entry[] private _entries;

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

    /// @notice Claims everything earned since the caller's last claim into a vesting entry.
    /// @param cumulativeAmount The caller's leaf amount in the final root.
    /// @param proof The leaf's Merkle proof.
    /// @param option The vesting option.
    /// @return entryId The new entry.
    function claim(
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        Option option
    ) external nonReentrant returns (uint256 entryId) {
        (uint64 epoch, uint256 amount) = _verifyClaim(cumulativeAmount, proof);
        Split memory split = _split(amount - FEE, option);

        claimed[msg.sender] = cumulativeAmount;
        entryId = _entries.length;
        _entries.push(Entry(msg.sender, uint128(split.vesting), split.unlockAt, false));
        emit Claimed(
            msg.sender,
            epoch,
            cumulativeAmount,
            amount,
            FEE,
            option,
            entryId,
            split.vesting,
            split.returned,
            split.unlockAt
        );

        _drawFromPools(amount);
        token.safeTransfer(treasury, FEE);
        if (split.returned > 0) {
            token.forceApprove(address(basePool), split.returned);
            basePool.returnFunds(split.returned);
        }
    }

    /// @notice Withdraws matured entries of the caller, any number in one call.
    function withdraw(uint256[] calldata entryIds) external nonReentrant returns (uint256 total) {
        address account = msg.sender;
        if (!compliance.isAllowed(account)) revert NotKycAllowed(account);
        if (entryIds.length == 0) revert EmptyEntryList();
        for (uint256 i; i < entryIds.length; ++i) {
            uint256 entryId = entryIds[i];
            Entry storage e = _entries[entryId];
            if (e.account != account) revert NotYourEntry(entryId, e.account);
            if (e.closed) revert EntryClosed(entryId);
            if (block.timestamp < e.unlockAt) revert EntryNotMatured(entryId, e.unlockAt);
            e.closed = true;
            total += e.amount;
        }
        emit Withdrawn(account, entryIds, total);
        token.safeTransfer(account, total);
    }

    /// @notice Forfeits an unvested entry back to the checker base pool. The slashing contract only (SPEC §7).
    function forfeit(uint256 entryId, bytes32 reason) external onlyRole(SLASHER_ROLE) returns (uint256 amount) {
        Entry storage e = _entries[entryId];
        if (e.closed) revert EntryClosed(entryId);
        if (block.timestamp >= e.unlockAt) revert EntryAlreadyVested(entryId, e.unlockAt);
        e.closed = true;
        amount = e.amount;
        emit Forfeited(e.account, entryId, amount, reason);
        token.forceApprove(address(basePool), amount);
        basePool.returnFunds(amount);
    }

    /// @notice One entry.
    function entry(uint256 entryId) external view returns (Entry memory) {
        return _entries[entryId];
    }

    /// @notice Number of entries ever created.
    function entryCount() external view returns (uint256) {
        return _entries.length;
    }

    struct Split {
        uint256 vesting;
        uint256 returned;
        uint64 unlockAt;
    }

    /// @dev KYC, the final root, the proof and the minimum; returns the root's epoch and the new amount.
    function _verifyClaim(
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) private view returns (uint64 epoch, uint256 amount) {
        if (!compliance.isAllowed(msg.sender)) revert NotKycAllowed(msg.sender);
        bytes32 root;
        (epoch, root, ) = referee.finalRoot();
        if (root == bytes32(0)) revert NoFinalRoot();
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert InvalidProof(msg.sender, cumulativeAmount);
        uint256 already = claimed[msg.sender];
        if (cumulativeAmount <= already) revert NothingNewToClaim(cumulativeAmount, already);
        amount = cumulativeAmount - already;
        if (amount < MIN_CLAIM) revert ClaimBelowMinimum(amount, MIN_CLAIM);
    }

    /// @dev Option A: all of `net` for 180 days. Option B: 25% for 30 days, 75% back to the pool.
    function _split(uint256 net, Option option) private view returns (Split memory s) {
        if (option == Option.Full180Days) {
            s.vesting = net;
            s.unlockAt = uint64(block.timestamp) + LONG_VESTING;
        } else {
            s.vesting = (net * SHORT_SHARE_BPS) / 10_000;
            s.returned = net - s.vesting;
            s.unlockAt = uint64(block.timestamp) + SHORT_VESTING;
        }
    }

    function _drawFromPools(uint256 amount) private {
        uint256 fromBase = basePool.releasable();
        if (fromBase > amount) fromBase = amount;
        if (fromBase > 0) basePool.draw(address(this), fromBase);
        if (amount > fromBase) bonusPool.draw(address(this), amount - fromBase);
    }
}
