// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {Eip712} from "../utils/Eip712.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";

/// @notice Signatures with random private keys, values and deadlines: a permit or delegation signed by the owner's
/// key over the hand-built EIP-712 digest works exactly once and only in time; any other key is named in the error.
contract TokenPermitFuzzTest is TokenFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function setUp() public {
        vm.warp(1_750_000_000);
        _deployTokenToSelf();
    }

    function _key(uint256 seed) internal pure returns (uint256) {
        return bound(seed, 1, SECP256K1_N - 1);
    }

    function testFuzz_PermitWorksOnceWithTheOwnersKey(
        uint256 keySeed,
        address spender,
        uint256 value,
        uint256 deadline
    ) public {
        uint256 key = _key(keySeed);
        address owner = vm.addr(key);
        vm.assume(spender != address(0));
        deadline = bound(deadline, block.timestamp, type(uint256).max);
        bytes32 digest = Eip712.permitDigest(address(token), owner, spender, value, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);

        token.permit(owner, spender, value, deadline, v, r, s);
        assertEq(token.allowance(owner, spender), value, "allowance");
        assertEq(token.nonces(owner), 1, "nonce");

        // The same signature again is checked against nonce 1, so it recovers to some unrelated address.
        address stranger = ecrecover(Eip712.permitDigest(address(token), owner, spender, value, 1, deadline), v, r, s);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, stranger, owner));
        token.permit(owner, spender, value, deadline, v, r, s);
    }

    function testFuzz_PermitSignedByAnotherKeyNamesThatKey(
        uint256 ownerSeed,
        uint256 signerSeed,
        uint256 value
    ) public {
        uint256 ownerKey = _key(ownerSeed);
        uint256 signerKey = _key(signerSeed);
        vm.assume(ownerKey != signerKey);
        address owner = vm.addr(ownerKey);
        address spender = makeAddr("spender");
        uint256 deadline = block.timestamp;
        bytes32 digest = Eip712.permitDigest(address(token), owner, spender, value, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(signerKey, digest);

        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612InvalidSigner.selector, vm.addr(signerKey), owner));
        token.permit(owner, spender, value, deadline, v, r, s);
    }

    struct Sig {
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @dev The owner's (key's) signature of a permit at nonce 0.
    function _signPermit(
        uint256 key,
        address spender,
        uint256 value,
        uint256 deadline
    ) internal view returns (Sig memory sig) {
        bytes32 digest = Eip712.permitDigest(address(token), vm.addr(key), spender, value, 0, deadline);
        (sig.v, sig.r, sig.s) = vm.sign(key, digest);
    }

    function testFuzz_PermitPastItsDeadlineIsRefused(uint256 keySeed, uint256 deadline, uint256 value) public {
        uint256 key = _key(keySeed);
        address spender = makeAddr("spender");
        deadline = bound(deadline, 0, block.timestamp - 1);
        Sig memory sig = _signPermit(key, spender, value, deadline);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(vm.addr(key), spender, value, deadline, sig.v, sig.r, sig.s);
    }

    /// @dev A permit-funded pull: the spender moves exactly the permitted value, then the allowance is gone.
    function testFuzz_PermitThenTransferFrom(uint256 keySeed, uint256 funded, uint256 value) public {
        uint256 key = _key(keySeed);
        address owner = vm.addr(key);
        address spender = makeAddr("spender");
        funded = bound(funded, 0, T.TOTAL_SUPPLY);
        value = bound(value, 0, funded);
        token.transfer(owner, funded);
        Sig memory sig = _signPermit(key, spender, value, block.timestamp + 1 hours);
        token.permit(owner, spender, value, block.timestamp + 1 hours, sig.v, sig.r, sig.s);
        vm.prank(spender);
        token.transferFrom(owner, spender, value);
        assertEq(token.balanceOf(spender), value, "pulled");
        assertEq(token.balanceOf(owner), funded - value, "left");
        assertEq(token.allowance(owner, spender), 0, "allowance used up");
    }

    function testFuzz_DelegateBySigMovesTheSignersVotes(
        uint256 keySeed,
        address delegatee,
        uint256 funded,
        uint256 expiry
    ) public {
        uint256 key = _key(keySeed);
        address holder = vm.addr(key);
        vm.assume(delegatee != address(0));
        funded = bound(funded, 0, T.TOTAL_SUPPLY);
        expiry = bound(expiry, block.timestamp, type(uint256).max);
        token.transfer(holder, funded);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, Eip712.delegationDigest(address(token), delegatee, 0, expiry));

        token.delegateBySig(delegatee, 0, expiry, v, r, s);
        assertEq(token.delegates(holder), delegatee, "delegate");
        assertEq(token.getVotes(delegatee), funded, "votes");
        assertEq(token.nonces(holder), 1, "nonce");
    }

    function testFuzz_ExpiredDelegationIsRefused(uint256 keySeed, uint256 expiry) public {
        uint256 key = _key(keySeed);
        address delegatee = makeAddr("delegatee");
        expiry = bound(expiry, 0, block.timestamp - 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, Eip712.delegationDigest(address(token), delegatee, 0, expiry));
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(delegatee, 0, expiry, v, r, s);
    }
}
