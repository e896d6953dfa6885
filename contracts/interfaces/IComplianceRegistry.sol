// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IComplianceRegistry
/// @notice KYC attestations and the geofence (SPEC §8). Other contracts ask `isAllowed(account)` before letting an
/// account claim, withdraw or receive a license.
interface IComplianceRegistry {
    /// @notice The admin passed to the constructor is zero: nobody could ever manage signers or the list.
    error ZeroAdmin();

    /// @notice The attestation's signature deadline has passed.
    error AttestationDeadlinePassed(uint256 deadline, uint256 nowTimestamp);

    /// @notice The attestation would already be expired when recorded.
    error AttestationAlreadyExpired(uint64 expiry, uint256 nowTimestamp);

    /// @notice The signature does not come from an allow-listed KYC signer.
    error InvalidKycSigner(address recovered);

    /// @notice A zero account or an empty country code.
    error InvalidAttestationSubject(address account, bytes8 countryCode);

    /// @notice `revoke` of an account that has no attestation.
    error NoAttestation(address account);

    /// @notice An attestation was recorded (replacing any earlier one of the account).
    /// @param account The attested account.
    /// @param countryCode ISO 3166-1 alpha-2 code, or an ISO 3166-2 subdivision code for regions ("UA-43").
    /// @param expiry When the attestation stops counting.
    /// @param signer The KYC signer who signed it.
    /// @param nonce The account's attestation nonce it consumed.
    event AttestationRecorded(
        address indexed account,
        bytes8 indexed countryCode,
        uint64 expiry,
        address indexed signer,
        uint256 nonce
    );

    /// @notice An account's attestation was revoked by a KYC signer.
    event AttestationRevoked(address indexed account, address indexed by);

    /// @notice Governance added or removed a restricted country or region.
    event CountryRestrictionSet(bytes8 indexed countryCode, bool restricted);

    /// @notice Whether `account` holds an unexpired attestation from a country or region that is not restricted.
    function isAllowed(address account) external view returns (bool);

    /// @notice Whether `account`'s latest attestation (even an expired one) places it in a restricted country or
    /// region. Accounts never attested are not known to be restricted.
    function isRestricted(address account) external view returns (bool);
}
