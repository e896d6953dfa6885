// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {AssignmentTree} from "../utils/AssignmentTree.sol";
import {RefereeFixture} from "./RefereeFixture.sol";

/// @notice An epoch's assignment: posted by the referee after its seed and before the epoch starts (after a veto,
/// until it ends), vetoable by the guardian in the assignment window, and usable for proofs only once final. Every
/// refusal with its exact error, the events, the stored record and the window's governance.
contract RefereeAssignmentTest is RefereeFixture {
    uint64 internal constant E = 2;

    ICheckerReferee.JobLeaf[] internal _stored;
    bytes32 internal root;
    uint256 internal start;

    function setUp() public {
        _deployReferee();
        start = referee.epochStart(E);
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(E, 5);
        for (uint256 j; j < leaves.length; ++j) _stored.push(leaves[j]);
        root = AssignmentTree.root(AssignmentTree.hashes(leaves));
    }

    function _leaves() internal view returns (ICheckerReferee.JobLeaf[] memory) {
        return _stored;
    }

    /// @dev Reveals E's seed and posts its five jobs, without waiting for the window.
    function _post() internal {
        _revealSeed(referee, refereeAccount, E);
        vm.prank(refereeAccount);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
    }

    function test_PostingEmitsAndStoresTheAssignment() public {
        _revealSeed(referee, refereeAccount, E);
        bytes32 seed = referee.seedOf(E).seed;
        uint64 finalAt = uint64(block.timestamp) + 4 hours;
        vm.expectEmit(address(referee));
        emit ICheckerReferee.AssignmentPosted(E, root, 5, 2, seed, ASSIGNMENT_URI, finalAt);
        vm.prank(refereeAccount);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
        ICheckerReferee.Assignment memory a = referee.assignmentOf(E);
        assertEq(a.root, root, "root");
        assertEq(a.jobCount, 5, "job count");
        assertEq(a.n, 2, "N when posted");
        assertEq(a.depth, 3, "ceil(log2(5))");
        assertEq(a.postedAt, block.timestamp, "posted at");
        assertEq(a.finalAt, finalAt, "final after the default 4-hour window");
        assertEq(referee.assignmentWindow(), 4 hours, "default window");
    }

    function testFuzz_DepthIsCeilLog2(uint256 countSeed) public {
        uint32 count = uint32(bound(countSeed, 1, referee.MAX_JOBS()));
        _revealSeed(referee, refereeAccount, E);
        vm.prank(refereeAccount);
        referee.postAssignment(E, root, count, ASSIGNMENT_URI);
        assertEq(referee.assignmentOf(E).depth, AssignmentTree.depth(count), "depth");
    }

    function test_AProofIsAcceptedOnlyOnceTheAssignmentIsFinal() public {
        _post();
        uint256 finalAt = block.timestamp + 4 hours;
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.Vote[] memory votes = _signed(leaves[1], _verdicts(5, 0));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 1);
        vm.warp(finalAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentNotFinal.selector, E, finalAt));
        referee.proveJob(leaves[1], votes, proof);
        vm.warp(finalAt);
        referee.proveJob(leaves[1], votes, proof);
        assertEq(uint256(referee.verdictOf(E, 1)), uint256(ICheckerReferee.Verdict.Pass), "proven once final");
    }

    // ---------------------------------------------------------------- posting refusals

    function test_RevertsWhen_TheSeedIsNotRevealed() public {
        vm.prank(refereeAccount);
        referee.commitSeed(E, _commitment(E, _secret(referee, E)));
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SeedNotRevealed.selector, E));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
        vm.warp(referee.cutoffOf(E));
        referee.anchorSeed(E);
        vm.roll(block.number + 1);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.SeedNotRevealed.selector, E));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
    }

    function test_RevertsWhen_PostingOnceTheEpochStarted() public {
        _revealSeed(referee, refereeAccount, E);
        vm.warp(start);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentTooLate.selector, E, start));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
        vm.warp(start - 1);
        vm.prank(refereeAccount);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
    }

    /// After a veto the referee may post again until the epoch ends (not after).
    function test_AfterAVetoTheAssignmentCanBePostedUntilTheEpochEnds() public {
        _post();
        vm.expectEmit(address(referee));
        emit ICheckerReferee.AssignmentVetoed(E, guardian);
        vm.prank(guardian);
        referee.vetoAssignment(E);
        assertTrue(referee.assignmentVetoed(E), "vetoed");
        assertEq(referee.assignmentOf(E).root, bytes32(0), "deleted");

        uint256 end = start + 1 days;
        vm.warp(end);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentTooLate.selector, E, end));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
        vm.warp(end - 1);
        vm.prank(refereeAccount);
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
        assertEq(referee.assignmentOf(E).finalAt, end - 1 + 4 hours, "a new window");
        // A vetoed epoch's next assignment is bound by the same deadline for another veto and repost.
        vm.prank(guardian);
        referee.vetoAssignment(E);
        vm.warp(end);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentTooLate.selector, E, end));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
    }

    function test_RevertsWhen_PostingTwice() public {
        _post();
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentAlreadyPosted.selector, E));
        referee.postAssignment(E, keccak256("other root"), 5, ASSIGNMENT_URI);
    }

    function test_RevertsWhen_TheAssignmentIsInvalid() public {
        _revealSeed(referee, refereeAccount, E);
        uint256 max = referee.MAX_JOBS();
        assertEq(max, 1 << 24, "2^24 jobs at most");
        vm.startPrank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidAssignment.selector, bytes32(0), 5, max));
        referee.postAssignment(E, bytes32(0), 5, ASSIGNMENT_URI);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidAssignment.selector, root, 0, max));
        referee.postAssignment(E, root, 0, ASSIGNMENT_URI);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidAssignment.selector, root, max + 1, max));
        referee.postAssignment(E, root, uint32(max + 1), ASSIGNMENT_URI);
        referee.postAssignment(E, root, uint32(max), ASSIGNMENT_URI);
        vm.stopPrank();
        assertEq(referee.assignmentOf(E).depth, 24, "the largest tree");
    }

    function test_RevertsWhen_NotTheRefereePosts() public {
        _revealSeed(referee, refereeAccount, E);
        bytes32 role = referee.REFEREE_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
        vm.prank(guardian);
        vm.expectRevert(_unauthorized(guardian, role));
        referee.postAssignment(E, root, 5, ASSIGNMENT_URI);
    }

    // ---------------------------------------------------------------- vetoes

    function test_RevertsWhen_VetoingNothing() public {
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, E));
        referee.vetoAssignment(E);
        _post();
        vm.prank(guardian);
        referee.vetoAssignment(E);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, E));
        referee.vetoAssignment(E);
    }

    function test_RevertsWhen_VetoingAfterTheWindow() public {
        _post();
        uint256 finalAt = referee.assignmentOf(E).finalAt;
        vm.warp(finalAt);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentWindowOver.selector, E, finalAt));
        referee.vetoAssignment(E);
        vm.warp(finalAt - 1); // the window's last second (shown on the same state)
        vm.prank(guardian);
        referee.vetoAssignment(E);
    }

    function test_RevertsWhen_NotTheGuardianVetoes() public {
        _post();
        bytes32 role = referee.GUARDIAN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        referee.vetoAssignment(E);
        vm.prank(refereeAccount);
        vm.expectRevert(_unauthorized(refereeAccount, role));
        referee.vetoAssignment(E);
    }

    /// A vetoed assignment proves nothing, even once its window would have ended.
    function test_RevertsWhen_ProvingAgainstAVetoedAssignment() public {
        _post();
        vm.prank(guardian);
        referee.vetoAssignment(E);
        vm.warp(block.timestamp + 1 days);
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.Vote[] memory votes = _signed(leaves[0], _verdicts(5, 5));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, E));
        referee.proveJob(leaves[0], votes, proof);
    }

    // ---------------------------------------------------------------- governance

    function test_TheAssignmentWindowIsBounded() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.AssignmentWindowOutOfRange.selector, 1 hours - 1, 1 hours, 12 hours)
        );
        referee.setAssignmentWindow(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.AssignmentWindowOutOfRange.selector, 12 hours + 1, 1 hours, 12 hours)
        );
        referee.setAssignmentWindow(12 hours + 1);
        bytes32 admin = referee.DEFAULT_ADMIN_ROLE();
        vm.prank(guardian);
        vm.expectRevert(_unauthorized(guardian, admin));
        referee.setAssignmentWindow(2 hours);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.AssignmentWindowSet(1 hours);
        referee.setAssignmentWindow(1 hours);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.AssignmentWindowSet(12 hours);
        referee.setAssignmentWindow(12 hours);
        assertEq(referee.assignmentWindow(), 12 hours, "set");
    }

    /// `finalAt` is fixed when posted: a later change of the window neither reopens nor extends a posted one.
    function test_AWindowChangeKeepsPostedAssignments() public {
        _post();
        uint256 finalAt = block.timestamp + 4 hours;
        referee.setAssignmentWindow(12 hours);
        assertEq(referee.assignmentOf(E).finalAt, finalAt, "unchanged");
        vm.warp(finalAt);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentWindowOver.selector, E, finalAt));
        referee.vetoAssignment(E);
    }

    /// N is fixed per epoch when its assignment is posted: a later `setN` changes the next epochs only.
    function test_NIsFixedWhenPosted() public {
        _post();
        vm.warp(block.timestamp + 4 hours);
        referee.setN(3);
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        _prove(leaves, 0, 5);
        ICheckerReferee.JobLeaf memory seven = _jobLeaf(E, 1, _container(1), _ids(2, 7));
        ICheckerReferee.Vote[] memory votes = _signed(seven, _verdicts(7, 7));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 1);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongLicenseCount.selector, 7, 5));
        referee.proveJob(seven, votes, proof);

        ICheckerReferee.JobLeaf[] memory next = _postJobs(E + 1, 2);
        assertEq(referee.assignmentOf(E + 1).n, 3, "the next epoch has N = 3");
        assertEq(next[0].licenseIds.length, 7, "seven licenses a job");
        _prove(next, 0, 4);
        assertEq(uint256(referee.verdictOf(E + 1, 0)), uint256(ICheckerReferee.Verdict.Fail), "4 of 7");
    }
}
