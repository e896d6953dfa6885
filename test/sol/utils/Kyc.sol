// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {Vm} from "./Vm.sol";

/// @notice KYC attestations for tests: receiving a license and claiming rewards need a valid attestation from an
/// unrestricted place (SPEC §8, docs/decisions.md "Compliance registry"), so fixtures attest their actors.
library Kyc {
    Vm internal constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    /// @dev The test KYC signer's key; `grantSigner` gives its address the role.
    uint256 internal constant SIGNER_KEY = uint256(keccak256("test kyc signer"));

    /// @dev Makes the test KYC key a signer of `registry` (the caller must be the registry's admin).
    function grantSigner(ComplianceRegistry registry) internal {
        registry.grantRole(registry.KYC_SIGNER_ROLE(), VM.addr(SIGNER_KEY));
    }

    /// @dev Records an attestation of `account` in `country` until `expiry`, signed with `signerKey`.
    function attest(
        ComplianceRegistry registry,
        uint256 signerKey,
        address account,
        bytes8 country,
        uint64 expiry
    ) internal {
        (uint256 deadline, bytes memory signature) = sign(registry, signerKey, account, country, expiry);
        registry.attest(account, country, expiry, deadline, signature);
    }

    /// @dev `signerKey`'s signature of an attestation of `account` at its current nonce, submittable for an hour.
    function sign(
        ComplianceRegistry registry,
        uint256 signerKey,
        address account,
        bytes8 country,
        uint64 expiry
    ) internal view returns (uint256 deadline, bytes memory signature) {
        deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(registry.ATTESTATION_TYPEHASH(), account, country, expiry, registry.nonces(account), deadline)
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", registry.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(signerKey, digest);
        signature = abi.encodePacked(r, s, v);
    }

    /// @dev Attests `account` in DE for 20 years with the test KYC key (`grantSigner` first).
    function allow(ComplianceRegistry registry, address account) internal {
        attest(registry, SIGNER_KEY, account, "DE", uint64(block.timestamp + 20 * 365 days));
    }
}
