// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IComplianceRegistry
/// @notice KYC attestations and the geofence (SPEC §8). Other contracts ask `isAllowed(account)` before letting an
/// account claim or withdraw rewards or receive a license (docs/decisions.md, "Compliance registry", has the table).
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

    /// @notice `revoke` or `clearAttestation` of an account that has no attestation record.
    error NoAttestation(address account);

    /// @notice `revoke` of an attestation that is already revoked.
    error AttestationAlreadyRevoked(address account);

    /// @notice An attestation from an unrestricted place for an account whose latest attestation (even revoked or
    /// expired) names the restricted `heldCountryCode`: only governance (`clearAttestation`) lifts a known restriction.
    error RestrictedAttestationHeld(address account, bytes8 heldCountryCode);

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

    /// @notice An account's attestation was revoked by a KYC signer. The record stays (its country still restricts);
    /// the account is no longer allowed.
    event AttestationRevoked(address indexed account, address indexed by);

    /// @notice Governance erased an account's attestation record (`countryCode` was its country), lifting any
    /// restriction it carried; the account is unattested.
    event AttestationCleared(address indexed account, bytes8 indexed countryCode, address indexed by);

    /// @notice Governance added or removed a restricted country or region.
    event CountryRestrictionSet(bytes8 indexed countryCode, bool restricted);

    /// @notice Whether `account` holds an unexpired, unrevoked attestation from a country or region that is not
    /// restricted. What claims, withdrawals and license receipt require.
    function isAllowed(address account) external view returns (bool);

    /// @notice Whether `account`'s latest attestation (even an expired or revoked one) places it in a restricted
    /// country or region. Accounts never attested (or cleared by governance) are not known to be restricted, but are
    /// not allowed either.
    function isRestricted(address account) external view returns (bool);
}
