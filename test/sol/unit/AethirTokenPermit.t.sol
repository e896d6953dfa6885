// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {Eip712} from "../utils/Eip712.sol";

/// @notice EIP-2612 permits: the wallet flow of SPEC §1 (gasless approvals). The digest is built by hand from the
/// EIP-712 type strings, so these tests would catch a token signing under another name, version or type hash.
contract AethirTokenPermitTest is TokenFixture {
    /// @dev secp256k1's group order; a signature with s above n/2 is the malleable twin of a valid one.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    address internal owner;
    uint256 internal ownerKey;
    address internal spender;

    function setUp() public {
        _deployTokenToSelf();
        (owner, ownerKey) = makeAddrAndKey("owner");
        spender = makeAddr("spender");
        token.transfer(owner, 100 ether);
    }

    function _sign(
        uint256 key,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        return vm.sign(key, Eip712.permitDigest(address(token), owner, spender, value, nonce, deadline));
    }

    function test_DomainSeparatorMatchesTheHandBuiltOne() public view {
        assertEq(token.DOMAIN_SEPARATOR(), Eip712.domainSeparator(address(token)), "domain separator");
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = token
            .eip712Domain();
        assertEq(name, "Aethir Token", "name");
        assertEq(version, "1", "version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifyingContract, address(token), "verifying contract");
    }

    function test_PermitSetsAllowanceConsumesNonceAndEmitsApproval() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _sign(ownerKey, 42 ether, 0, deadline);
        vm.expectEmit(address(token));
        emit IERC20.Approval(owner, spender, 42 ether);
        token.permit(owner, spender, 42 ether, deadline, v, r, s); // anyone may submit it
        assertEq(token.allowance(owner, spender), 42 ether, "allowance");
        assertEq(token.nonces(owner), 1, "nonce used");
        vm.prank(spender);
        token.transferFrom(owner, spender, 42 ether);
        assertEq(token.balanceOf(spender), 42 ether, "spent through the permit");
    }

    /// @dev The deadline is inclusive: a permit is still good in the deadline's own second.
    function test_PermitIsValidAtItsDeadline() public {
        uint256 deadline = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _sign(ownerKey, 1, 0, deadline);
        token.permit(owner, spender, 1, deadline, v, r, s);
        assertEq(token.allowance(owner, spender), 1, "allowance");
    }

    function test_RevertsWhen_PermitIsPastItsDeadline() public {
        vm.warp(1_000_000);
        uint256 deadline = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(ownerKey, 1, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, spender, 1, deadline, v, r, s);
    }

    function test_RevertsWhen_PermitIsSignedByAnotherKey() public {
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(malloryKey, 1, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, mallory, owner));
        token.permit(owner, spender, 1, deadline, v, r, s);
    }

    /// @dev A signed value cannot be raised: the digest changes, so another (unrelated) signer is recovered.
    function test_RevertsWhen_PermitValueIsAltered() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(ownerKey, 1, 0, deadline);
        bytes32 alteredDigest = Eip712.permitDigest(address(token), owner, spender, 1_000, 0, deadline);
        address recovered = ecrecover(alteredDigest, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, owner));
        token.permit(owner, spender, 1_000, deadline, v, r, s);
    }

    /// @dev Replaying a used permit: the token now expects nonce 1, so the old signature recovers to a stranger.
    function test_RevertsWhen_PermitIsReplayed() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(ownerKey, 5, 0, deadline);
        token.permit(owner, spender, 5, deadline, v, r, s);
        address recovered = ecrecover(Eip712.permitDigest(address(token), owner, spender, 5, 1, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, recovered, owner));
        token.permit(owner, spender, 5, deadline, v, r, s);
    }

    /// @dev The malleable twin (s' = n - s, v flipped) recovers the same key but is refused by OpenZeppelin's ECDSA.
    function test_RevertsWhen_PermitUsesTheHighSTwin() public {
        uint256 deadline = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _sign(ownerKey, 1, 0, deadline);
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27;
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        token.permit(owner, spender, 1, deadline, flippedV, r, highS);
    }

    function test_RevertsWhen_PermitSignatureIsGarbage() public {
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignature.selector));
        token.permit(owner, spender, 1, block.timestamp, 0, bytes32(0), bytes32(0));
    }
}
