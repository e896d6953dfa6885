// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICheckerLicense
/// @notice Errors and events of the checker node license (SPEC §3) beyond ERC-721 and ERC-4907.
interface ICheckerLicense {
    /// @notice ERC-4907: the user (operator) of `tokenId` changed.
    event UpdateUser(uint256 indexed tokenId, address indexed user, uint64 expires);

    /// @notice A ban admin banned `tokenId` until `until`.
    event LicenseBanned(uint256 indexed tokenId, uint64 until, address indexed by);

    /// @notice A ban admin lifted the ban of `tokenId`.
    event LicenseUnbanned(uint256 indexed tokenId, address indexed by);

    /// @notice Governance added or removed an address allowed to send or receive licenses during the lock.
    event TransferAllowlistSet(address indexed account, bool allowed);

    /// @notice Governance moved the time after which licenses are freely transferable.
    event TransferableAfterSet(uint64 transferableAfter);

    /// @notice Governance set the metadata base URI.
    event BaseURISet(string baseURI);

    /// @notice Minting `quantity` more would pass the 100,000 cap.
    error LicenseCapExceeded(uint256 quantity, uint256 remaining);

    /// @notice A transfer before `transferableAfter` between two non-allowlisted addresses.
    error TransferLocked(uint256 tokenId, uint64 transferableAfter);

    /// @notice A transfer, delegation or other use of a banned license.
    error LicenseIsBanned(uint256 tokenId, uint64 bannedUntil);

    /// @notice The receiver of a mint or transfer holds no valid (unexpired, unrevoked) attestation from an
    /// unrestricted country or region (SPEC §8).
    error ReceiverNotKycAllowed(address to);

    /// @notice `setApprovalForAll` with the zero address as operator (ERC-6093's error, as in OpenZeppelin 5).
    error ERC721InvalidOperator(address operator);

    /// @notice `setUser` by someone who is neither the owner nor approved for the license.
    error NotOwnerNorApproved(address caller, uint256 tokenId);

    /// @notice A delegation whose expiry is already in the past (a zero user clears and needs no expiry).
    error UserExpiryInPast(uint64 expires);

    /// @notice Governance may only open transfers earlier than scheduled, never lock them longer.
    error TransferUnlockOnlyEarlier(uint64 current, uint64 requested);

    /// @notice A ban whose end is not in the future.
    error BanEndInPast(uint64 until);

    /// @notice `unban` of a license that is not banned.
    error LicenseNotBanned(uint256 tokenId);

    /// @notice A timestamp above 2^48 - 1 (the packed storage width; year 8.9 million).
    error TimestampOutOfRange(uint64 value);

    /// @notice A required address is zero.
    error ZeroAddress(bytes32 what);

    /// @notice A batch call with an empty list or one above `MAX_BATCH`.
    error BatchSizeOutOfRange(uint256 size, uint256 max);
}
