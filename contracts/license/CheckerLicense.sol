// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721A} from "erc721a/contracts/ERC721A.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ICheckerLicense} from "../interfaces/ICheckerLicense.sol";
import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";

/// @title CheckerLicense
/// @notice The checker node license (SPEC §3): an ERC-721 capped at 100,000 with sequential ids from 1, minted by
/// the sale (MINTER_ROLE), delegated to operators through the ERC-4907 user role, banned by BAN_ROLE, and not
/// transferable until `transferableAfter` except to or from allowlisted addresses.
/// @dev Built on ERC721A so that buying 100 licenses writes one ownership slot, not 100. Each license's user, user
/// expiry and ban end share one storage slot, so a delegation or a transfer touches one slot per license.
contract CheckerLicense is ERC721A, AccessControl, ICheckerLicense {
    /// @notice Role of the sale contract (and of an admin minting grants).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    /// @notice Role that can ban and unban licenses.
    bytes32 public constant BAN_ROLE = keccak256("BAN_ROLE");

    /// @notice The license cap (Aethir).
    uint256 public constant MAX_SUPPLY = 100_000;
    /// @notice Upper bound on a batch delegation, keeping it well inside a block.
    uint256 public constant MAX_BATCH = 500;

    /// @dev ERC-4907's interface id.
    bytes4 private constant _INTERFACE_ID_ERC4907 = 0xad092b5c;

    /// @dev One slot per license: [0..159] user, [160..207] user expiry, [208..255] banned until.
    struct LicenseSlot {
        address user;
        uint48 userExpires;
        uint48 bannedUntil;
    }

    /// @notice The compliance registry consulted for every receiver of a license (mints and transfers).
    IComplianceRegistry public immutable compliance;

    /// @notice Before this time licenses move only to or from allowlisted addresses.
    uint64 public transferableAfter;

    /// @notice Addresses that may send or receive licenses during the transfer lock (sale, treasury, custody).
    mapping(address account => bool) public transferAllowlist;

    mapping(uint256 tokenId => LicenseSlot) private _slots;
    string private _baseTokenURI;

    /// @param admin Governance (the timelock).
    /// @param compliance_ The compliance registry.
    /// @param transferableAfter_ End of the transfer lock (default TGE + 365 days).
    constructor(
        address admin,
        IComplianceRegistry compliance_,
        uint64 transferableAfter_
    ) ERC721A("Aethir Checker Node License", "ATH-CHECKER") {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(compliance_) == address(0)) revert ZeroAddress("compliance");
        compliance = compliance_;
        transferableAfter = transferableAfter_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        emit TransferableAfterSet(transferableAfter_);
    }

    // ---------------------------------------------------------------- minting

    /// @notice Mints `quantity` licenses with consecutive ids to `to`, who must hold a valid attestation from an
    /// unrestricted place (SPEC §8). Minters only.
    /// @return firstId The first id minted.
    function mint(address to, uint256 quantity) external onlyRole(MINTER_ROLE) returns (uint256 firstId) {
        uint256 remaining = MAX_SUPPLY - _totalMinted();
        if (quantity > remaining) revert LicenseCapExceeded(quantity, remaining);
        firstId = _nextTokenId();
        _mint(to, quantity);
    }

    /// @notice The id the next mint starts at.
    function nextTokenId() external view returns (uint256) {
        return _nextTokenId();
    }

    // ---------------------------------------------------------------- ERC-4907 delegation

    /// @notice Sets the operator (`user`) of `tokenId` until `expires`; a zero user clears it. Owner or approved.
    function setUser(uint256 tokenId, address user, uint64 expires) external {
        _setUser(tokenId, ownerOf(tokenId), user, expires);
    }

    /// @notice Sets the same operator on many licenses in one call. Ids in ascending order cost least (one
    /// ownership lookup per run of consecutive ids from one purchase).
    function setUserBatch(uint256[] calldata tokenIds, address user, uint64 expires) external {
        uint256 n = tokenIds.length;
        if (n == 0 || n > MAX_BATCH) revert BatchSizeOutOfRange(n, MAX_BATCH);
        address owner;
        uint256 previous;
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = tokenIds[i];
            owner = _ownerFollowing(tokenId, previous, owner, i == 0);
            _setUser(tokenId, owner, user, expires);
            previous = tokenId;
        }
    }

    /// @notice ERC-4907: the current operator, or zero if none or expired.
    function userOf(uint256 tokenId) external view returns (address) {
        LicenseSlot memory s = _slots[tokenId];
        return s.userExpires >= block.timestamp ? s.user : address(0);
    }

    /// @notice Who signs check results for `tokenId` now (its unexpired operator, else its owner), and whether the
    /// license is banned. One call and one slot read for the referee.
    function checkerOf(uint256 tokenId) external view returns (address signer, bool banned) {
        return _checkerOf(tokenId);
    }

    /// @notice `checkerOf` for up to 256 licenses in one call, so the referee pays one call for a job's 2N+1 votes:
    /// each license's signer, and bit i of `bannedBits` set when `tokenIds[i]` is banned.
    function checkersOf(
        uint256[] calldata tokenIds
    ) external view returns (address[] memory signers, uint256 bannedBits) {
        uint256 count = tokenIds.length;
        if (count > 256) revert BatchSizeOutOfRange(count, 256); // one bit of `bannedBits` per license
        signers = new address[](count);
        for (uint256 i; i < count; ++i) {
            bool banned;
            (signers[i], banned) = _checkerOf(tokenIds[i]);
            if (banned) bannedBits |= 1 << i;
        }
    }

    /// @notice ERC-4907: when the current delegation ends.
    function userExpires(uint256 tokenId) external view returns (uint256) {
        return _slots[tokenId].userExpires;
    }

    // ---------------------------------------------------------------- bans

    /// @notice Bans `tokenId` until `until`: it can't be transferred, delegated or earn. Ban admins only.
    function ban(uint256 tokenId, uint64 until) external onlyRole(BAN_ROLE) {
        ownerOf(tokenId); // reverts for a license that does not exist
        if (until <= block.timestamp) revert BanEndInPast(until);
        _slots[tokenId].bannedUntil = _toUint48(until);
        emit LicenseBanned(tokenId, until, msg.sender);
    }

    /// @notice Lifts the ban of `tokenId`. Ban admins only.
    function unban(uint256 tokenId) external onlyRole(BAN_ROLE) {
        if (_slots[tokenId].bannedUntil < block.timestamp) revert LicenseNotBanned(tokenId);
        _slots[tokenId].bannedUntil = 0;
        emit LicenseUnbanned(tokenId, msg.sender);
    }

    /// @notice When the ban of `tokenId` ends (0 or past: not banned).
    function bannedUntil(uint256 tokenId) external view returns (uint64) {
        return _slots[tokenId].bannedUntil;
    }

    /// @notice Whether `tokenId` is banned now.
    function isBanned(uint256 tokenId) public view returns (bool) {
        return _slots[tokenId].bannedUntil >= block.timestamp;
    }

    // ---------------------------------------------------------------- governance

    /// @notice Allows `account` to send and receive licenses during the transfer lock. Governance only.
    function setTransferAllowlist(address account, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        transferAllowlist[account] = allowed;
        emit TransferAllowlistSet(account, allowed);
    }

    /// @notice Opens transfers earlier than scheduled (never later). Governance only.
    function setTransferableAfter(uint64 newTransferableAfter) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTransferableAfter > transferableAfter) {
            revert TransferUnlockOnlyEarlier(transferableAfter, newTransferableAfter);
        }
        transferableAfter = newTransferableAfter;
        emit TransferableAfterSet(newTransferableAfter);
    }

    /// @notice Sets the metadata base URI. Governance only.
    function setBaseURI(string calldata baseURI) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _baseTokenURI = baseURI;
        emit BaseURISet(baseURI);
    }

    /// @notice Approves or unapproves `operator` for all of the caller's licenses. The zero address is refused, as
    /// OpenZeppelin 5 does (ERC-6093): ERC721A would record an approval nobody can ever use.
    function setApprovalForAll(address operator, bool approved) public override {
        if (operator == address(0)) revert ERC721InvalidOperator(operator);
        super.setApprovalForAll(operator, approved);
    }

    /// @notice ERC-165.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721A, AccessControl) returns (bool) {
        return
            interfaceId == _INTERFACE_ID_ERC4907 ||
            ERC721A.supportsInterface(interfaceId) ||
            AccessControl.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    /// @dev One slot read, plus the ERC721A ownership lookup only for a license without an unexpired operator.
    function _checkerOf(uint256 tokenId) private view returns (address signer, bool banned) {
        LicenseSlot storage s = _slots[tokenId];
        (address user, uint48 expires, uint48 banEnd) = (s.user, s.userExpires, s.bannedUntil); // one slot read
        signer = expires >= block.timestamp && user != address(0) ? user : ownerOf(tokenId);
        banned = banEnd >= block.timestamp;
    }

    function _setUser(uint256 tokenId, address owner, address user, uint64 expires) private {
        address caller = msg.sender;
        if (caller != owner && !isApprovedForAll(owner, caller) && getApproved(tokenId) != caller) {
            revert NotOwnerNorApproved(caller, tokenId);
        }
        LicenseSlot storage s = _slots[tokenId];
        uint48 banEnd = s.bannedUntil;
        if (banEnd >= block.timestamp) revert LicenseIsBanned(tokenId, banEnd);
        if (user == address(0)) {
            expires = 0;
        } else if (expires < block.timestamp) {
            revert UserExpiryInPast(expires);
        }
        s.user = user;
        s.userExpires = _toUint48(expires);
        emit UpdateUser(tokenId, user, expires);
    }

    /// @dev Owner of `tokenId`, reusing `previousOwner` when `tokenId` directly follows `previous` in the same
    /// ERC721A ownership run (its own packed slot is empty), which saves a backward scan per license.
    function _ownerFollowing(
        uint256 tokenId,
        uint256 previous,
        address previousOwner,
        bool first
    ) private view returns (address) {
        if (!first && tokenId == previous + 1 && tokenId < _nextTokenId()) {
            TokenOwnership memory own = _ownershipAt(tokenId);
            if (own.addr == address(0) && !own.burned) return previousOwner;
            return own.addr;
        }
        return ownerOf(tokenId);
    }

    function _beforeTokenTransfers(address from, address to, uint256 startTokenId, uint256) internal override {
        // SPEC §8: a receiver must show it is not restricted, and only a valid attestation from an unrestricted place
        // shows it (a wallet that never did KYC, or whose attestation was revoked or expired, may be a restricted
        // resident's). A purchase's mint is the first receipt (the cap is checked in `mint`).
        if (from == address(0)) {
            if (!compliance.isAllowed(to)) revert ReceiverNotKycAllowed(to);
            return;
        }
        // Outside mints ERC721A moves one token at a time.
        LicenseSlot storage s = _slots[startTokenId];
        uint48 banEnd = s.bannedUntil;
        if (banEnd >= block.timestamp) revert LicenseIsBanned(startTokenId, banEnd);
        if (block.timestamp < transferableAfter && !transferAllowlist[from] && !transferAllowlist[to]) {
            revert TransferLocked(startTokenId, transferableAfter);
        }
        if (!compliance.isAllowed(to)) revert ReceiverNotKycAllowed(to);
        if (s.user != address(0)) {
            s.user = address(0);
            s.userExpires = 0;
            emit UpdateUser(startTokenId, address(0), 0);
        }
    }

    function _startTokenId() internal pure override returns (uint256) {
        return 1;
    }

    function _baseURI() internal view override returns (string memory) {
        return _baseTokenURI;
    }

    function _toUint48(uint64 value) private pure returns (uint48) {
        if (value > type(uint48).max) revert TimestampOutOfRange(value);
        return uint48(value);
    }
}
