// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {Kyc} from "../utils/Kyc.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";

/// @notice Whatever a KYC signer does after an account was attested in a restricted place (revoke, re-attest in any
/// country, let it expire), the account stays restricted and never becomes allowed; only governance (clearing the
/// record or delisting the country) lifts it. Issue 11, attack 6.
contract ComplianceRestrictionFuzzTest is Test {
    ComplianceRegistry internal registry;
    address internal constant MALLORY = address(0xBAD);
    bytes8[4] internal places = [bytes8("US"), bytes8("IR"), bytes8("DE"), bytes8("SG")]; // two restricted

    function setUp() public {
        vm.warp(1_750_000_000);
        bytes8[] memory restricted = new bytes8[](2);
        (restricted[0], restricted[1]) = (bytes8("US"), bytes8("IR"));
        registry = new ComplianceRegistry(address(this), restricted);
        Kyc.grantSigner(registry);
    }

    /// @param steps Each byte is one KYC-side action: bit 0-1 the country, bit 2 revoke instead of attest, bit 3
    /// a 200-day wait first (attestations last 100 days, so some expire).
    function testFuzz_KycSideNeverLiftsARestriction(bytes8 firstRestricted, bytes calldata steps) public {
        bytes8 first = uint64(firstRestricted) % 2 == 0 ? bytes8("US") : bytes8("IR");
        Kyc.attest(registry, Kyc.SIGNER_KEY, MALLORY, first, uint64(block.timestamp + 100 days));
        uint256 n = steps.length > 24 ? 24 : steps.length;
        for (uint256 i; i < n; ++i) {
            uint8 step = uint8(steps[i]);
            if (step & 8 != 0) vm.warp(block.timestamp + 200 days);
            if (step & 4 != 0) {
                (, , bool revoked) = registry.attestations(MALLORY);
                vm.prank(vm.addr(Kyc.SIGNER_KEY));
                if (revoked) {
                    vm.expectRevert(
                        abi.encodeWithSelector(IComplianceRegistry.AttestationAlreadyRevoked.selector, MALLORY)
                    );
                }
                registry.revoke(MALLORY);
            } else {
                bytes8 country = places[step & 3];
                uint64 expiry = uint64(block.timestamp + 100 days);
                (uint256 deadline, bytes memory signature) = Kyc.sign(
                    registry,
                    Kyc.SIGNER_KEY,
                    MALLORY,
                    country,
                    expiry
                );
                (bytes8 held, , ) = registry.attestations(MALLORY);
                if (!registry.isRestrictedCountry(country)) {
                    vm.expectRevert(
                        abi.encodeWithSelector(IComplianceRegistry.RestrictedAttestationHeld.selector, MALLORY, held)
                    );
                }
                registry.attest(MALLORY, country, expiry, deadline, signature);
            }
            assertTrue(registry.isRestricted(MALLORY), "still restricted");
            assertFalse(registry.isAllowed(MALLORY), "never allowed");
        }
        // Governance lifts it: the record is cleared, and a new attestation elsewhere allows the account.
        registry.clearAttestation(MALLORY);
        assertFalse(registry.isRestricted(MALLORY), "cleared");
        Kyc.attest(registry, Kyc.SIGNER_KEY, MALLORY, "DE", uint64(block.timestamp + 100 days));
        assertTrue(registry.isAllowed(MALLORY), "allowed once cleared and attested");
    }
}
