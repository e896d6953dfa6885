// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IComplianceRegistry} from "../interfaces/IComplianceRegistry.sol";

/// @title ComplianceRegistry
/// @notice Records EIP-712 KYC attestations `(account, countryCode, expiry)` signed off chain by allow-listed KYC
/// signers, and the governance-edited list of restricted countries and regions (SPEC §8).
/// @dev Anyone may submit a signed attestation (the user, a relayer); the signature binds the chain id, this
/// contract, the account's nonce and a deadline, so it can be used once, here, before the deadline. An attestation
/// naming a restricted place is never forgotten by the KYC side: a revocation keeps it (marked revoked), and only an
/// attestation naming another restricted place may replace it, until governance clears it (`clearAttestation`).
contract ComplianceRegistry is AccessControl, EIP712, Nonces, IComplianceRegistry {
    /// @notice Role of the KYC providers' signing keys. Managed by governance.
    bytes32 public constant KYC_SIGNER_ROLE = keccak256("KYC_SIGNER_ROLE");

    /// @notice EIP-712 type of an attestation.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(address account,bytes8 countryCode,uint64 expiry,uint256 nonce,uint256 deadline)"
    );

    struct Attestation {
        bytes8 countryCode;
        uint64 expiry;
        bool revoked;
    }

    /// @notice The latest attestation of each account (zero if none or cleared by governance). A revoked one is
    /// kept with `revoked` set: it no longer allows, but its country still restricts.
    mapping(address account => Attestation) public attestations;

    /// @notice Countries (ISO 3166-1 alpha-2) and regions (ISO 3166-2) whose residents can't claim, withdraw or
    /// receive licenses.
    mapping(bytes8 countryCode => bool) public isRestrictedCountry;

    /// @param admin Governance (the timelock): manages signers and the restricted list.
    /// @param restricted The initial restricted list (SPEC §8: US, CU, IR, KP, SY, UA-43 Crimea, UA-14 Donetsk,
    /// UA-09 Luhansk).
    constructor(address admin, bytes8[] memory restricted) EIP712("Aethir Compliance", "1") {
        if (admin == address(0)) revert ZeroAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i; i < restricted.length; ++i) {
            _setRestricted(restricted[i], true);
        }
    }

    /// @notice Records a KYC signer's attestation of `account`.
    /// @param account The attested account.
    /// @param countryCode ISO country (or subdivision) code, ASCII, left-aligned.
    /// @param expiry When the attestation stops counting (must be in the future).
    /// @param deadline Last timestamp at which this signature may be submitted.
    /// @param signature The KYC signer's EIP-712 signature over the attestation and the account's current nonce.
    function attest(
        address account,
        bytes8 countryCode,
        uint64 expiry,
        uint256 deadline,
        bytes calldata signature
    ) external {
        if (block.timestamp > deadline) revert AttestationDeadlinePassed(deadline, block.timestamp);
        if (account == address(0) || countryCode == bytes8(0)) {
            revert InvalidAttestationSubject(account, countryCode);
        }
        if (expiry <= block.timestamp) revert AttestationAlreadyExpired(expiry, block.timestamp);
        // A known restriction is not lifted by the KYC side: a signer (or a second provider) attesting a restricted
        // resident elsewhere would otherwise undo it. Renewing within restricted places is fine.
        bytes8 held = attestations[account].countryCode;
        if (_restricts(held) && !isRestrictedCountry[countryCode]) revert RestrictedAttestationHeld(account, held);
        uint256 nonce = _useNonce(account);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(ATTESTATION_TYPEHASH, account, countryCode, expiry, nonce, deadline))
        );
        address signer = ECDSA.recover(digest, signature);
        if (!hasRole(KYC_SIGNER_ROLE, signer)) revert InvalidKycSigner(signer);
        attestations[account] = Attestation(countryCode, expiry, false);
        emit AttestationRecorded(account, countryCode, expiry, signer, nonce);
    }

    /// @notice Revokes an account's attestation (e.g. the provider withdrew it): it stops allowing the account at once.
    /// KYC signers only. The record is kept, so a revoked attestation from a restricted place still restricts.
    /// @param account The account whose latest attestation is revoked.
    function revoke(address account) external onlyRole(KYC_SIGNER_ROLE) {
        Attestation storage a = attestations[account];
        if (a.countryCode == bytes8(0)) revert NoAttestation(account);
        if (a.revoked) revert AttestationAlreadyRevoked(account);
        a.revoked = true;
        emit AttestationRevoked(account, msg.sender);
    }

    /// @notice Erases an account's attestation record, revoked or not, lifting a restriction it carried (e.g. a
    /// resident who moved out of a restricted country, or a signer's mistake). Governance only: a KYC signer's key
    /// alone can't lift a known restriction. The account is then unattested until a new attestation is recorded.
    /// @param account The account whose record is erased.
    function clearAttestation(address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        bytes8 countryCode = attestations[account].countryCode;
        if (countryCode == bytes8(0)) revert NoAttestation(account);
        delete attestations[account];
        emit AttestationCleared(account, countryCode, msg.sender);
    }

    /// @notice Adds or removes a restricted country or region. Governance only. Applies at once to every account whose
    /// latest attestation (even revoked or expired) names it.
    function setRestricted(bytes8 countryCode, bool restricted) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRestricted(countryCode, restricted);
    }

    /// @inheritdoc IComplianceRegistry
    function isAllowed(address account) external view returns (bool) {
        Attestation memory a = attestations[account];
        return a.expiry > block.timestamp && !a.revoked && !isRestrictedCountry[a.countryCode];
    }

    /// @inheritdoc IComplianceRegistry
    function isRestricted(address account) external view returns (bool) {
        return _restricts(attestations[account].countryCode);
    }

    /// @notice The EIP-712 domain separator of this registry on this chain.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev Whether an attestation record naming `countryCode` restricts (no record never does, whatever governance
    /// sets for the empty code).
    function _restricts(bytes8 countryCode) private view returns (bool) {
        return countryCode != bytes8(0) && isRestrictedCountry[countryCode];
    }

    function _setRestricted(bytes8 countryCode, bool restricted) private {
        isRestrictedCountry[countryCode] = restricted;
        emit CountryRestrictionSet(countryCode, restricted);
    }
}
