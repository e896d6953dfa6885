// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {RefereeFixture} from "./RefereeFixture.sol";

/// @notice An epoch's seed: the referee commits before the cut-off, anyone anchors after it, the secret is revealed
/// within 128 blocks after the anchor block (never in it), and a withheld or never committed secret gives way to the
/// fallback seed. Every refusal with its exact error, the events, and both formulas computed here from a block hash the
/// test sets, not from the contract.
contract RefereeSeedTest is RefereeFixture {
    uint64 internal constant E = 3;
    bytes32 internal constant SECRET = keccak256("secret of epoch 3");
    bytes32 internal constant ANCHOR_HASH = keccak256("anchor block hash");

    uint256 internal cutoff;

    function setUp() public {
        _deployReferee();
        cutoff = referee.cutoffOf(E);
    }

    function _commit() internal {
        vm.prank(refereeAccount);
        referee.commitSeed(E, _commitment(E, SECRET));
    }

    /// @dev Anchors at the cut-off; the anchor block gets hash `ANCHOR_HASH`. Returns the anchor block.
    function _anchor() internal returns (uint256 anchor) {
        if (block.timestamp < cutoff) vm.warp(cutoff);
        anchor = block.number;
        referee.anchorSeed(E);
        vm.setBlockhash(anchor, ANCHOR_HASH);
    }

    function test_CutoffIsTwelveHoursBeforeTheEpoch() public view {
        assertEq(referee.epochStart(E), TGE + 3 days, "epoch start");
        assertEq(cutoff, TGE + 3 days - 12 hours, "cut-off");
        assertEq(referee.FREEZE_LEAD(), 12 hours, "freeze lead");
        assertEq(referee.REVEAL_BLOCKS(), 128, "reveal blocks");
    }

    function test_CutoffIsZeroForAnEpochStartingWithinTheLead() public {
        CheckerReferee early = new CheckerReferee(
            address(this),
            refereeAccount,
            guardian,
            license,
            basePool,
            bonusPool,
            1
        );
        assertEq(early.cutoffOf(0), 0, "start 1: no cut-off before time zero");
        assertEq(early.cutoffOf(1), 1 + 1 days - 12 hours, "epoch 1");
    }

    // ---------------------------------------------------------------- the committed secret

    function test_TheSeedIsTheSecretMixedWithTheAnchorHash() public {
        vm.expectEmit(address(referee));
        emit ICheckerReferee.SeedCommitted(E, _commitment(E, SECRET));
        _commit();
        assertEq(referee.seedOf(E).commitment, keccak256(abi.encode(E, SECRET)), "commitment stored");

        vm.warp(cutoff);
        uint256 anchor = block.number;
        vm.expectEmit(address(referee));
        emit ICheckerReferee.SeedAnchored(E, uint64(anchor), false);
        vm.prank(stranger); // anyone anchors
        referee.anchorSeed(E);
        vm.setBlockhash(anchor, ANCHOR_HASH);
        ICheckerReferee.Seed memory s = referee.seedOf(E);
        assertEq(s.anchorBlock, anchor, "anchor block");
        assertFalse(s.forfeited, "not forfeited");

        vm.roll(anchor + 1);
        bytes32 expected = keccak256(abi.encode(SECRET, ANCHOR_HASH));
        vm.expectEmit(address(referee));
        emit ICheckerReferee.SeedRevealed(E, expected, SECRET);
        vm.prank(stranger); // anyone holding the secret reveals
        referee.revealSeed(E, SECRET);
        assertEq(referee.seedOf(E).seed, expected, "seed = keccak256(abi.encode(secret, blockhash(anchor)))");
    }

    function testFuzz_SeedFormula(bytes32 secret, bytes32 anchorHash, uint256 delaySeed) public {
        vm.assume(secret != bytes32(0));
        vm.prank(refereeAccount);
        referee.commitSeed(E, _commitment(E, secret));
        vm.warp(cutoff);
        uint256 anchor = block.number;
        referee.anchorSeed(E);
        vm.setBlockhash(anchor, anchorHash);
        vm.roll(anchor + bound(delaySeed, 1, 128)); // any block after the anchor, up to the deadline
        referee.revealSeed(E, secret);
        assertEq(referee.seedOf(E).seed, keccak256(abi.encode(secret, anchorHash)), "seed");
    }

    function test_TheDeadlineBlockIsTheLastToReveal() public {
        _commit();
        uint256 anchor = _anchor();
        vm.roll(anchor + 128);
        referee.revealSeed(E, SECRET);
        assertEq(referee.seedOf(E).seed, keccak256(abi.encode(SECRET, ANCHOR_HASH)), "revealed at the deadline");
    }

    function test_RevertsWhen_RevealingAfterTheDeadline() public {
        _commit();
        uint256 anchor = _anchor();
        vm.roll(anchor + 129);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.RevealExpired.selector, E, anchor + 128));
        referee.revealSeed(E, SECRET);
    }

    // ---------------------------------------------------------------- refusals

    function test_RevertsWhen_CommittingAtOrAfterTheCutoff() public {
        vm.warp(cutoff);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.CutoffPassed.selector, E, cutoff));
        referee.commitSeed(E, _commitment(E, SECRET));
        vm.warp(cutoff - 1);
        _commit();
    }

    function test_RevertsWhen_TheCommitmentIsZero() public {
        vm.prank(refereeAccount);
        vm.expectRevert(ICheckerReferee.ZeroCommitment.selector);
        referee.commitSeed(E, bytes32(0));
    }

    function test_RevertsWhen_CommittingTwice() public {
        _commit();
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SeedAlreadyCommitted.selector, E));
        referee.commitSeed(E, keccak256("another"));
    }

    function test_RevertsWhen_NotTheReferee() public {
        bytes32 role = referee.REFEREE_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        referee.commitSeed(E, _commitment(E, SECRET));
        vm.prank(guardian);
        vm.expectRevert(_unauthorized(guardian, role));
        referee.commitSeed(E, _commitment(E, SECRET));
    }

    function test_RevertsWhen_AnchoringBeforeTheCutoff() public {
        _commit();
        vm.warp(cutoff - 1);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.CutoffNotReached.selector, E, cutoff));
        referee.anchorSeed(E);
    }

    /// An anchor stands while its secret (128 blocks) or its fallback (256 blocks more) can be revealed.
    function test_RevertsWhen_ReanchoringBeforeTheFallbackExpired() public {
        _commit();
        uint256 anchor = _anchor();
        uint256 until = anchor + 128 + 256;
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, E, until));
        referee.anchorSeed(E);
        vm.roll(anchor + 129); // the secret's deadline passed: the fallback can still be revealed
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, E, until));
        referee.anchorSeed(E);
        vm.roll(until);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, E, until));
        referee.anchorSeed(E);
        // Without a commitment the first anchor is forfeited at once, and pending just as long.
        uint64 other = E + 1;
        vm.warp(referee.cutoffOf(other));
        uint256 otherAnchor = block.number;
        referee.anchorSeed(other);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, other, otherAnchor + 384));
        referee.anchorSeed(other);
    }

    function test_RevertsWhen_RevealingBeforeAnyAnchor() public {
        _commit();
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAnchor.selector, E));
        referee.revealSeed(E, SECRET);
        vm.warp(cutoff);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAnchor.selector, E));
        referee.revealFallbackSeed(E);
    }

    /// The anchor block's hash is not known while it is being built: no reveal in the anchor block itself.
    function test_RevertsWhen_RevealingInTheAnchorBlock() public {
        _commit();
        uint256 anchor = _anchor();
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorNotMined.selector, E, anchor));
        referee.revealSeed(E, SECRET);
    }

    function test_RevertsWhen_TheSecretIsWrong() public {
        _commit();
        uint256 anchor = _anchor();
        vm.roll(anchor + 1);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSecret.selector, E));
        referee.revealSeed(E, keccak256("guess"));
        // The commitment binds the epoch: the same secret committed for another epoch does not open this one.
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSecret.selector, E));
        referee.revealSeed(E, keccak256(abi.encode(E + 1, SECRET)));
    }

    function test_RevertsWhen_RevealingTheSecretAfterItsDeadlineOrAReanchor() public {
        _commit();
        uint256 anchor = _anchor();
        vm.roll(anchor + 129);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.RevealExpired.selector, E, anchor + 128));
        referee.revealSeed(E, SECRET);
        vm.roll(anchor + 385);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.SeedAnchored(E, uint64(anchor + 385), true);
        referee.anchorSeed(E);
        vm.roll(anchor + 386);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SecretForfeited.selector, E));
        referee.revealSeed(E, SECRET);
    }

    function test_RevertsWhen_TheFallbackComesBeforeTheDeadlineOrAfterItsHashExpired() public {
        _commit();
        uint256 anchor = _anchor();
        vm.roll(anchor + 1);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.FallbackNotReady.selector, E, anchor + 128));
        referee.revealFallbackSeed(E);
        vm.roll(anchor + 128); // the deadline block itself: its hash does not exist yet
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.FallbackNotReady.selector, E, anchor + 128));
        referee.revealFallbackSeed(E);
        vm.roll(anchor + 128 + 257);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.FallbackExpired.selector, E, anchor + 128 + 256));
        referee.revealFallbackSeed(E);
    }

    function test_RevertsWhen_TheSeedIsRevealedAlready() public {
        _commit();
        uint256 anchor = _anchor();
        vm.roll(anchor + 1);
        referee.revealSeed(E, SECRET);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SeedAlreadyRevealed.selector, E));
        referee.revealSeed(E, SECRET);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SeedAlreadyRevealed.selector, E));
        referee.revealFallbackSeed(E);
        vm.roll(anchor + 200);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SeedAlreadyRevealed.selector, E));
        referee.anchorSeed(E);
    }

    /// Grinding: once the anchor block's hash is known, the referee can neither commit another secret nor open its
    /// commitment with one; its only choice left is to withhold the secret, and then the fallback seed applies.
    function test_TheRefereeCantSwapItsSecretOnceTheAnchorIsKnown() public {
        _commit();
        uint256 anchor = _anchor();
        vm.roll(anchor + 1);
        bytes32 better = keccak256("a secret giving a better seed");
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.CutoffPassed.selector, E, cutoff));
        referee.commitSeed(E, _commitment(E, better));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSecret.selector, E));
        referee.revealSeed(E, better);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, E, anchor + 384));
        referee.anchorSeed(E); // nor pick another anchor block while this one can be revealed against
    }

    // ---------------------------------------------------------------- the fallback seed

    function test_WithoutACommitmentTheFallbackSeedApplies() public {
        vm.warp(cutoff);
        uint256 anchor = block.number;
        vm.expectEmit(address(referee));
        emit ICheckerReferee.SeedAnchored(E, uint64(anchor), true);
        referee.anchorSeed(E);
        vm.roll(anchor + 1);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SecretForfeited.selector, E));
        referee.revealSeed(E, SECRET);
        vm.roll(anchor + 129);
        vm.setBlockhash(anchor + 128, ANCHOR_HASH);
        bytes32 expected = keccak256(abi.encode(bytes32(0), E, ANCHOR_HASH));
        vm.expectEmit(address(referee));
        emit ICheckerReferee.SeedRevealed(E, expected, bytes32(0));
        vm.prank(stranger);
        referee.revealFallbackSeed(E);
        assertEq(referee.seedOf(E).seed, expected, "keccak256(abi.encode(commitment, epoch, blockhash(deadline)))");
    }

    /// The referee withholds its secret: the fallback comes from the deadline block's hash, which did not exist while
    /// the referee could still reveal, so withholding trades a known seed for an unknown one, once.
    function test_AWithheldSecretGivesTheFallbackOfTheDeadlineBlock() public {
        _commit();
        uint256 anchor = _anchor();
        bytes32 deadlineHash = keccak256("deadline block");
        vm.roll(anchor + 129);
        vm.setBlockhash(anchor + 128, deadlineHash);
        referee.revealFallbackSeed(E);
        assertEq(
            referee.seedOf(E).seed,
            keccak256(abi.encode(_commitment(E, SECRET), E, deadlineHash)),
            "the commitment, the epoch and the deadline block's hash"
        );
    }

    /// Nobody revealed the fallback in time either: anchoring again is forfeited, with a fresh deadline.
    function test_TheFallbackCanBeReanchored() public {
        vm.warp(cutoff);
        uint256 first = block.number;
        referee.anchorSeed(E);
        vm.roll(first + 385);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.FallbackExpired.selector, E, first + 384));
        referee.revealFallbackSeed(E);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.SeedAnchored(E, uint64(first + 385), true);
        referee.anchorSeed(E);
        vm.roll(first + 385 + 129);
        vm.setBlockhash(first + 385 + 128, ANCHOR_HASH);
        referee.revealFallbackSeed(E);
        assertEq(referee.seedOf(E).seed, keccak256(abi.encode(bytes32(0), E, ANCHOR_HASH)), "fallback seed");
    }
}
