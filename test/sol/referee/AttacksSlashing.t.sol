// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {AssignmentTree} from "../utils/AssignmentTree.sol";
import {HostFixture} from "../hosts/HostFixture.sol";

/// @notice Attacks on the verdict-driven slash (k = 3 proven Fail jobs of one container in one epoch): reaching k
/// with proofs from two assignments of one epoch (post, prove, veto, re-post, prove), or with Fails of two epochs.
/// (A Fail of another container or epoch, and an epoch not started, are refused in HostReverts.t.sol.)
/// @dev HostFixture: this contract is the referee service; licenses 1 to 5 belong to one owner, who signs every job.
contract AttacksSlashingTest is HostFixture {
    uint64 internal constant E = 1;
    bytes32 internal constant C = keccak256("the host's container");
    bytes32 internal constant D = keccak256("another container");

    function setUp() public {
        _deployHosts();
        address host = _host("host", 1_000, 100_000 ether, C);
        _delegate(host, host, K);
    }

    function _notEnough(uint64 epoch, uint256 failed) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C, epoch, failed, 3);
    }

    /// @dev Epoch E's leaves checking `containers[j]` at job j.
    function _leaves(bytes32[] memory containers) internal view returns (ICheckerReferee.JobLeaf[] memory leaves) {
        leaves = new ICheckerReferee.JobLeaf[](containers.length);
        for (uint256 j; j < containers.length; ++j) leaves[j] = _ownerLeaf(E, uint32(j), containers[j]);
    }

    function _fiveFails(ICheckerReferee.JobLeaf memory leaf) internal view returns (ICheckerReferee.Vote[] memory) {
        uint256[] memory keys = new uint256[](5);
        for (uint256 i; i < 5; ++i) keys[i] = licenseOwnerKey;
        return _votes(_domain(referee), keys, leaf, _verdicts(5, 5));
    }

    /// Assignment A gives the container three jobs; the attacker wants its Fails counted on top of those of the
    /// assignment that replaces it. A can't be proven before it is final, and a final assignment can't be vetoed: so
    /// only one assignment of an epoch ever counts. B, the re-post, gives the container two jobs: two Fails, not k.
    function test_KFromTwoAssignmentsOfOneEpoch() public {
        ICheckerReferee.JobLeaf[] memory a = _leaves(_containers(C, 3));
        bytes32[] memory aHashes = AssignmentTree.hashes(a);
        _revealSeed(referee, address(this), E);
        referee.postAssignment(E, AssignmentTree.root(aHashes), 3, ASSIGNMENT_URI);
        uint256 aFinal = referee.assignmentOf(E).finalAt;
        for (uint256 j; j < 3; ++j) {
            ICheckerReferee.Vote[] memory votes = _fiveFails(a[j]);
            bytes32[] memory proof = AssignmentTree.proof(aHashes, j);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentNotFinal.selector, E, aFinal));
            referee.proveJob(a[j], votes, proof);
        }
        vm.prank(guardian);
        referee.vetoAssignment(E);

        bytes32[] memory checked = _containers(C, 3);
        checked[2] = D;
        ICheckerReferee.JobLeaf[] memory b = _leaves(checked);
        bytes32[] memory bHashes = AssignmentTree.hashes(b);
        referee.postAssignment(E, AssignmentTree.root(bHashes), 3, ASSIGNMENT_URI);
        uint256 bFinal = referee.assignmentOf(E).finalAt;
        vm.warp(bFinal);
        // A's third job of C, with A's proof, is not in B.
        ICheckerReferee.Vote[] memory aVotes = _fiveFails(a[2]);
        bytes32[] memory aProof = AssignmentTree.proof(aHashes, 2);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 2));
        referee.proveJob(a[2], aVotes, aProof);
        for (uint256 j; j < 3; ++j) referee.proveJob(b[j], _fiveFails(b[j]), AssignmentTree.proof(bHashes, j));
        assertEq(referee.failedJobs(C, E), 2, "two of C's jobs failed");
        assertEq(referee.failedJobs(D, E), 1, "D's Fail is D's");

        vm.warp(referee.epochStart(E));
        vm.expectRevert(_notEnough(E, 2));
        slashing.proposeFromVerdict(C, E);
        // Nor can B be swapped now for a tree with more of C's jobs.
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentWindowOver.selector, E, bFinal));
        referee.vetoAssignment(E);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentAlreadyPosted.selector, E));
        referee.postAssignment(E, AssignmentTree.root(aHashes), 3, ASSIGNMENT_URI);
        vm.expectRevert(_notEnough(E + 1, 0));
        slashing.proposeFromVerdict(C, E + 1);
    }

    /// Two proven Fails of the container in each of two epochs: four in all, but k is per epoch.
    function test_KFromTwoEpochs() public {
        _proveFails(C, E, 2);
        _proveFails(C, E + 1, 2);
        vm.warp(referee.epochStart(E + 1));
        vm.expectRevert(_notEnough(E, 2));
        slashing.proposeFromVerdict(C, E);
        vm.expectRevert(_notEnough(E + 1, 2));
        slashing.proposeFromVerdict(C, E + 1);
    }
}
