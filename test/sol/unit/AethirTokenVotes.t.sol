// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {Eip712} from "../utils/Eip712.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";

/// @notice ERC20Votes on an ERC-6372 timestamp clock (SPEC §2: on Arbitrum block numbers follow L1, so every time
/// rule uses seconds). Checkpoints are keyed by timestamp, lookups of the present or future are refused, and
/// delegation by signature shares its nonce with permits.
contract AethirTokenVotesTest is TokenFixture {
    address internal holder;
    uint256 internal holderKey;
    address internal delegatee;

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployTokenToSelf();
        (holder, holderKey) = makeAddrAndKey("holder");
        delegatee = makeAddr("delegatee");
        token.transfer(holder, 1_000 ether);
    }

    function _signDelegation(
        address to,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        return vm.sign(holderKey, Eip712.delegationDigest(address(token), to, nonce, expiry));
    }

    function test_ClockIsTheBlockTimestamp() public {
        assertEq(token.clock(), block.timestamp, "clock at setUp");
        vm.warp(block.timestamp + 12 days + 5);
        assertEq(token.clock(), block.timestamp, "clock after a warp");
        assertEq(token.CLOCK_MODE(), "mode=timestamp", "CLOCK_MODE");
    }

    /// @dev Balances carry no votes until their holder delegates (to itself or another account).
    function test_BalancesVoteOnlyOnceDelegated() public {
        assertEq(token.getVotes(holder), 0, "undelegated");
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(holder, address(0), holder);
        vm.expectEmit(address(token));
        emit IVotes.DelegateVotesChanged(holder, 0, 1_000 ether);
        vm.prank(holder);
        token.delegate(holder);
        assertEq(token.getVotes(holder), 1_000 ether, "self-delegated");
        assertEq(token.delegates(holder), holder, "delegates");
    }

    function test_CheckpointsAreKeyedByTimestamp() public {
        uint256 t0 = block.timestamp;
        vm.prank(holder);
        token.delegate(delegatee);
        vm.warp(t0 + 100);
        vm.prank(holder);
        token.transfer(address(this), 400 ether);
        vm.warp(t0 + 200);
        assertEq(token.getPastVotes(delegatee, t0 - 1), 0, "before delegation");
        assertEq(token.getPastVotes(delegatee, t0), 1_000 ether, "at delegation");
        assertEq(token.getPastVotes(delegatee, t0 + 99), 1_000 ether, "just before the transfer");
        assertEq(token.getPastVotes(delegatee, t0 + 100), 600 ether, "at the transfer");
        assertEq(token.getPastTotalSupply(t0 + 150), T.TOTAL_SUPPLY, "past total supply");
    }

    /// @dev The current second is not "past": its checkpoint could still change within the block.
    function test_RevertsWhen_PastVotesAskForTheCurrentTimestamp() public {
        uint48 now_ = uint48(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, uint256(now_), now_));
        token.getPastVotes(holder, now_);
    }

    function test_RevertsWhen_PastVotesAskForTheFuture() public {
        uint48 now_ = uint48(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, uint256(now_) + 1 days, now_));
        token.getPastVotes(holder, uint256(now_) + 1 days);
    }

    function test_RevertsWhen_PastTotalSupplyAsksForTheFuture() public {
        uint48 now_ = uint48(block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(Votes.ERC5805FutureLookup.selector, uint256(now_) + 1, now_));
        token.getPastTotalSupply(uint256(now_) + 1);
    }

    function test_DelegateBySigDelegatesForTheSigner() public {
        uint256 expiry = block.timestamp + 1 days;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(delegatee, 0, expiry);
        vm.expectEmit(address(token));
        emit IVotes.DelegateChanged(holder, address(0), delegatee);
        token.delegateBySig(delegatee, 0, expiry, v, r, s); // relayed by this contract
        assertEq(token.delegates(holder), delegatee, "delegate");
        assertEq(token.getVotes(delegatee), 1_000 ether, "votes");
        assertEq(token.nonces(holder), 1, "nonce used");
    }

    /// @dev The expiry is inclusive, like the permit deadline.
    function test_DelegateBySigIsValidAtItsExpiry() public {
        uint256 expiry = block.timestamp;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(delegatee, 0, expiry);
        token.delegateBySig(delegatee, 0, expiry, v, r, s);
        assertEq(token.delegates(holder), delegatee, "delegate");
    }

    function test_RevertsWhen_DelegateBySigHasExpired() public {
        uint256 expiry = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(delegatee, 0, expiry);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, expiry));
        token.delegateBySig(delegatee, 0, expiry, v, r, s);
    }

    /// @dev A signature over a nonce the holder has not reached recovers the holder, then fails the nonce check.
    function test_RevertsWhen_DelegateBySigUsesAFutureNonce() public {
        uint256 expiry = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(delegatee, 7, expiry);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, holder, 0));
        token.delegateBySig(delegatee, 7, expiry, v, r, s);
    }

    function test_RevertsWhen_DelegateBySigIsReplayed() public {
        uint256 expiry = block.timestamp + 1;
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(delegatee, 0, expiry);
        token.delegateBySig(delegatee, 0, expiry, v, r, s);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, holder, 1));
        token.delegateBySig(delegatee, 0, expiry, v, r, s);
    }

    /// @dev Permits and delegations draw from one nonce sequence per owner (decisions.md): a permit spends nonce 0,
    /// so a delegation signed over nonce 0 is dead.
    function test_PermitAndDelegationShareOneNonce() public {
        uint256 deadline = block.timestamp + 1;
        bytes32 permitDigest = Eip712.permitDigest(address(token), holder, delegatee, 1, 0, deadline);
        (uint8 pv, bytes32 pr, bytes32 ps) = vm.sign(holderKey, permitDigest);
        (uint8 v, bytes32 r, bytes32 s) = _signDelegation(delegatee, 0, deadline);
        token.permit(holder, delegatee, 1, deadline, pv, pr, ps);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, holder, 1));
        token.delegateBySig(delegatee, 0, deadline, v, r, s);
    }
}
