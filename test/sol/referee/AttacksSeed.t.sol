// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {AssignmentTree} from "../utils/AssignmentTree.sol";
import {RefereeFixture} from "./RefereeFixture.sol";

/// @notice Foundry's state snapshots (EDR implements them at the cheatcode address): lets a test ask "what seed could
/// this party get here?" and then go back, so that every option along one path can be counted.
interface VmSnapshots {
    function snapshotState() external returns (uint256 snapshotId);
    function revertToState(uint256 snapshotId) external returns (bool success);
}

/// @notice Anchors a seed and, in the same transaction, looks at what it could learn about the anchor: a grinder that
/// anchors from a contract, hoping to keep only a block whose hash it likes.
contract AnchorPeeker {
    function anchorAndPeek(
        CheckerReferee referee,
        uint64 epoch
    ) external returns (bytes32 ownBlockHash, bytes memory revealError) {
        referee.anchorSeed(epoch);
        ownBlockHash = blockhash(block.number);
        try referee.revealFallbackSeed(epoch) {} catch (bytes memory reason) {
            revealError = reason;
        }
    }
}

/// @notice Attacks on an epoch's seed and assignment posting, from the side of a misbehaving referee and of anyone
/// grinding the seed (issue 11's attacker brief): each refusal with its exact error, and the number of seeds a party
/// can choose from along a withholding path, counted with state snapshots.
/// @dev The seed-counting tests give every block they walk through a distinct hash, so that any formula using any
/// block's hash gives distinct seeds for distinct blocks.
contract AttacksSeedTest is RefereeFixture {
    VmSnapshots internal constant snapshots = VmSnapshots(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint64 internal constant E = 3;
    bytes32 internal constant SECRET = keccak256("the referee's secret for epoch 3");

    uint256 internal cutoff;
    uint256 internal start;
    bytes32 internal root;

    /// @dev Seeds one party could have set along the path walked so far (distinct values).
    bytes32[] internal _options;

    function setUp() public {
        _deployReferee();
        cutoff = referee.cutoffOf(E);
        start = referee.epochStart(E);
        root = AssignmentTree.root(AssignmentTree.hashes(_jobs(E, 5)));
    }

    function _commit() internal {
        vm.prank(refereeAccount);
        referee.commitSeed(E, _commitment(E, SECRET));
    }

    function _post(bytes32 r, uint32 jobCount) internal {
        vm.prank(refereeAccount);
        referee.postAssignment(E, r, jobCount, ASSIGNMENT_URI);
    }

    /// @dev The first block not given a hash yet by `_rollHashing`.
    uint256 internal _unhashed;

    /// @dev Rolls to block `to`, giving every block passed on the way a distinct hash.
    function _rollHashing(uint256 to) internal {
        if (_unhashed == 0) _unhashed = block.number;
        vm.roll(to);
        for (; _unhashed < to; ++_unhashed) vm.setBlockhash(_unhashed, keccak256(abi.encode("block hash", _unhashed)));
    }

    /// @dev Records `seed` unless already recorded.
    function _record(bytes32 seed) internal {
        for (uint256 i; i < _options.length; ++i) if (_options[i] == seed) return;
        _options.push(seed);
    }

    /// @dev What the party could reveal now, tried in a snapshot and undone: the fallback seed (anyone), and the
    /// secret when `holdsSecret`. The seeds are kept in memory across the state revert, then recorded.
    function _tryReveals(bool holdsSecret) internal {
        bytes32 bySecret;
        if (holdsSecret) {
            uint256 snap = snapshots.snapshotState();
            try referee.revealSeed(E, SECRET) {
                bySecret = referee.seedOf(E).seed;
            } catch {}
            snapshots.revertToState(snap);
        }
        bytes32 byFallback;
        uint256 snapshot = snapshots.snapshotState();
        try referee.revealFallbackSeed(E) {
            byFallback = referee.seedOf(E).seed;
        } catch {}
        snapshots.revertToState(snapshot);
        if (bySecret != bytes32(0)) _record(bySecret);
        if (byFallback != bytes32(0)) _record(byFallback);
    }

    /// @dev Walks `steps` steps of 129 blocks from the current block, where nobody but the party acts: at each step the
    /// party anchors if the contract lets it, one block later looks at every seed it could reveal, and reveals none.
    /// (Anchoring and revealing are open to anyone, so who sends them does not matter.) Three steps span 258 blocks
    /// of silence after the first anchor: about 52 minutes of the L1 block numbers Arbitrum's `block.number` follows.
    function _withhold(uint256 steps, bool holdsSecret) internal {
        for (uint256 step; step < steps; ++step) {
            uint256 here = block.number;
            try referee.anchorSeed(E) {} catch {}
            _rollHashing(here + 1);
            _tryReveals(holdsSecret);
            _rollHashing(here + 129);
        }
    }

    // ---------------------------------------------------------------- referee misbehaviour: posting

    /// The referee posts out of order: before the seed exists, before it is revealed (also in the anchor block), with
    /// a job count of 0 or above MAX_JOBS, twice, after the epoch started, and tries to swap its root by a new post.
    function test_Referee_PostsOutOfOrder() public {
        bytes memory notRevealed = abi.encodeWithSelector(ICheckerReferee.SeedNotRevealed.selector, E);
        vm.prank(refereeAccount);
        vm.expectRevert(notRevealed);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI); // nothing committed
        _commit();
        vm.prank(refereeAccount);
        vm.expectRevert(notRevealed);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI); // committed only
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.CutoffNotReached.selector, E, cutoff));
        referee.anchorSeed(E); // nor can it anchor early to reveal and post before the cut-off
        vm.warp(cutoff);
        uint256 anchor = block.number;
        referee.anchorSeed(E);
        vm.prank(refereeAccount);
        vm.expectRevert(notRevealed);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI); // anchored, in the anchor block
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorNotMined.selector, E, anchor));
        referee.revealSeed(E, SECRET); // no reveal in the anchor block either
        vm.roll(anchor + 1);
        vm.prank(refereeAccount);
        vm.expectRevert(notRevealed);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI); // the anchor is mined, the secret not revealed
        referee.revealSeed(E, SECRET);

        uint256 max = referee.MAX_JOBS();
        vm.startPrank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidAssignment.selector, root, 0, max));
        referee.postAssignment(E, root, 0, ASSIGNMENT_URI);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidAssignment.selector, root, max + 1, max));
        referee.postAssignment(E, root, uint32(max + 1), ASSIGNMENT_URI);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.InvalidAssignment.selector, root, type(uint32).max, max)
        );
        referee.postAssignment(E, root, type(uint32).max, ASSIGNMENT_URI);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentAlreadyPosted.selector, E));
        referee.postAssignment(E, keccak256("a root the referee likes better"), 5, ASSIGNMENT_URI);
        vm.stopPrank();

        // Once the epoch started, without a veto: no post of any kind.
        vm.warp(start);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentTooLate.selector, E, start));
        referee.postAssignment(E, keccak256("a root the referee likes better"), 5, ASSIGNMENT_URI);
        assertEq(referee.assignmentOf(E).root, root, "the first root stands");
    }

    /// After a veto the referee re-posts: a new window, the same deadline (the epoch's end), and the vetoed root proves
    /// nothing. Outside the window the guardian can't veto (so nothing can be re-posted), and after the epoch ends a
    /// vetoed epoch gets no assignment at all.
    function test_Referee_RepostsAfterAVeto() public {
        ICheckerReferee.JobLeaf[] memory first = _jobs(E, 5);
        _revealSeed(referee, refereeAccount, E);
        _post(root, 5);
        uint256 firstFinal = referee.assignmentOf(E).finalAt;
        // Proving against it before it is final, to get verdicts in before the guardian looks.
        ICheckerReferee.Vote[] memory votes = _signed(first[0], _verdicts(5, 5));
        bytes32[] memory proof = AssignmentTree.proof(first, 0);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentNotFinal.selector, E, firstFinal));
        referee.proveJob(first[0], votes, proof);
        vm.prank(guardian);
        referee.vetoAssignment(E);

        // The re-post: another tree (one job more), posted after the epoch started.
        ICheckerReferee.JobLeaf[] memory second = _jobs(E, 6);
        bytes32 secondRoot = AssignmentTree.root(AssignmentTree.hashes(second));
        vm.warp(start + 1 hours);
        _post(secondRoot, 6);
        uint256 secondFinal = referee.assignmentOf(E).finalAt;
        assertEq(secondFinal, start + 5 hours, "a fresh window");
        vm.warp(secondFinal);
        // Job 0 has the same leaf in both trees, but the vetoed tree's proof leads to the vetoed root.
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 0));
        referee.proveJob(first[0], votes, proof);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentWindowOver.selector, E, secondFinal));
        referee.vetoAssignment(E);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentAlreadyPosted.selector, E));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);

        // A vetoed epoch whose end passed: nothing can be posted any more.
        uint64 next = E + 1;
        _revealSeed(referee, refereeAccount, next);
        vm.prank(refereeAccount);
        referee.postAssignment(next, root, 5, ASSIGNMENT_URI);
        vm.prank(guardian);
        referee.vetoAssignment(next);
        uint256 end = referee.epochStart(next) + 1 days;
        vm.warp(end);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentTooLate.selector, next, end));
        referee.postAssignment(next, root, 5, ASSIGNMENT_URI);
    }

    // ---------------------------------------------------------------- referee misbehaviour: the seed

    /// The referee learns its seed one block after the anchor and would like another: it can't commit a new secret
    /// (the cut-off passed), open its commitment with another, reveal in the anchor block, re-anchor while its reveal
    /// is possible, or reveal its secret once it let the deadline pass.
    function test_Referee_CantSwapItsSecret() public {
        _commit();
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SeedAlreadyCommitted.selector, E));
        referee.commitSeed(E, _commitment(E, keccak256("second secret"))); // before the cut-off
        vm.warp(cutoff);
        uint256 anchor = block.number;
        vm.prank(refereeAccount);
        referee.anchorSeed(E);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorNotMined.selector, E, anchor));
        referee.revealSeed(E, SECRET);
        vm.roll(anchor + 1);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.CutoffPassed.selector, E, cutoff));
        referee.commitSeed(E, _commitment(E, keccak256("second secret")));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSecret.selector, E));
        referee.revealSeed(E, keccak256("second secret"));
        for (uint256 b = anchor + 1; b <= anchor + 128; b += 127) {
            vm.roll(b);
            vm.prank(refereeAccount);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, E, anchor + 384));
            referee.anchorSeed(E);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.FallbackNotReady.selector, E, anchor + 128));
            referee.revealFallbackSeed(E);
        }
        vm.roll(anchor + 129);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.RevealExpired.selector, E, anchor + 128));
        referee.revealSeed(E, SECRET);
        vm.roll(anchor + 385);
        referee.anchorSeed(E);
        vm.roll(anchor + 386);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SecretForfeited.selector, E));
        referee.revealSeed(E, SECRET);
    }

    /// Withholding to get another try: the referee sees its seed one block after the anchor, withholds it, and from
    /// then on anchors again itself every time the contract lets it, with nobody else revealing anything. The seeds it
    /// could have set on the way are counted. Safe: two at most (its secret's, or one fallback it can't choose).
    function test_Referee_WithholdingGivesAtMostTwoSeeds() public {
        _commit();
        vm.warp(cutoff);
        _withhold(3, true);
        assertLe(_options.length, 2, "seeds the referee can choose from");
    }

    // ---------------------------------------------------------------- seed grinding by anyone

    /// An outsider anchors at a block of its choice from a contract: in that transaction the anchor block's hash is
    /// not known (blockhash of the current block is zero), and no seed can be revealed against it.
    function test_Grinding_AnAnchorerCantSeeItsBlocksHash() public {
        vm.warp(cutoff); // nothing committed: the anchor forfeits, anyone may reveal the fallback after it
        AnchorPeeker peeker = new AnchorPeeker();
        (bytes32 ownHash, bytes memory revealError) = peeker.anchorAndPeek(referee, E);
        assertEq(ownHash, bytes32(0), "the anchor block's hash is unknown while it is built");
        assertEq(
            revealError,
            abi.encodeWithSelector(ICheckerReferee.FallbackNotReady.selector, E, block.number + 128),
            "no fallback before the reveal deadline, let alone in the anchor block"
        );
        assertEq(referee.seedOf(E).seed, bytes32(0), "no seed");
    }

    /// While the referee can still reveal, an outsider can neither re-anchor nor set the fallback; once the deadline
    /// passed, the secret can't be revealed against the old anchor (RevealExpired), and 129+ blocks after the anchor no
    /// seed of that anchor is set by anyone.
    function test_Grinding_NoSecondTryWhileTheSecretIsRevealable() public {
        _commit();
        vm.warp(cutoff);
        uint256 anchor = block.number;
        vm.prank(stranger);
        referee.anchorSeed(E);
        uint256[3] memory at = [anchor + 1, anchor + 64, anchor + 128];
        for (uint256 k; k < 3; ++k) {
            vm.roll(at[k]);
            vm.startPrank(stranger);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, E, anchor + 384));
            referee.anchorSeed(E);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.FallbackNotReady.selector, E, anchor + 128));
            referee.revealFallbackSeed(E);
            vm.stopPrank();
        }
        // after the deadline the secret is out of time and only the fallback (of the deadline block) can be set,
        // whoever calls: nobody gets a second anchor while it can be revealed
        for (uint256 b = anchor + 129; b <= anchor + 384; b += 255) {
            vm.roll(b);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.RevealExpired.selector, E, anchor + 128));
            referee.revealSeed(E, SECRET);
            vm.prank(stranger);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AnchorPending.selector, E, anchor + 384));
            referee.anchorSeed(E);
        }
    }

    /// An outsider grinds the fallback of an epoch whose referee is slow (it reveals nothing for 258 blocks, about
    /// 52 minutes of Arbitrum's block numbers): the outsider anchors at the cut-off, then anchors again each time the
    /// contract lets it and keeps any fallback seed it likes. Safe: an outsider has no choice (one seed at most).
    function test_Grinding_AnOutsiderPicksAmongFallbacksWhileTheRefereeIsSlow() public {
        _commit();
        vm.warp(cutoff);
        _withhold(3, false);
        assertLe(_options.length, 1, "seeds an outsider can choose from");
    }
}
