// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {ICheckerLicense} from "../../../contracts/interfaces/ICheckerLicense.sol";
import {AssignmentTree} from "../utils/AssignmentTree.sol";
import {RefereeFixture} from "./RefereeFixture.sol";

/// @notice Equivocation: the committed operator of a license signed both verdicts of one committed job; anyone reports
/// it once per (epoch, job, license) and the license is banned for 365 days (a longer ban in force is kept). Every
/// refusal with its exact error and arguments.
contract RefereeEquivocationTest is RefereeFixture {
    uint64 internal constant E = 1;
    ICheckerReferee.Verdict internal constant NONE = ICheckerReferee.Verdict.None;
    ICheckerReferee.Verdict internal constant PASS = ICheckerReferee.Verdict.Pass;
    ICheckerReferee.Verdict internal constant FAIL = ICheckerReferee.Verdict.Fail;

    ICheckerReferee.JobLeaf[] internal _stored;

    function setUp() public {
        _deployReferee();
        ICheckerReferee.JobLeaf[] memory leaves = _postJobs(E, 5);
        for (uint256 j; j < leaves.length; ++j) _stored.push(leaves[j]);
    }

    function _leaves() internal view returns (ICheckerReferee.JobLeaf[] memory) {
        return _stored;
    }

    /// @dev License i of job j's vote `verdict`, signed by its committed operator.
    function _signedBy(
        uint256 j,
        uint256 i,
        ICheckerReferee.Verdict verdict
    ) internal view returns (ICheckerReferee.Vote memory) {
        ICheckerReferee.JobLeaf memory leaf = _stored[j];
        return _vote(_domain(referee), keyOf[leaf.operators[i]], leaf, i, verdict);
    }

    function _report(uint256 j, uint256 i, ICheckerReferee.Vote memory a, ICheckerReferee.Vote memory b) internal {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        referee.reportEquivocation(leaves[j], AssignmentTree.proof(leaves, j), i, a, b);
    }

    function _report(uint256 j, uint256 i) internal {
        _report(j, i, _signedBy(j, i, PASS), _signedBy(j, i, FAIL));
    }

    function test_AnEquivocatorIsBannedForAYear() public {
        uint256 id = _stored[2].licenseIds[1];
        address operator = _stored[2].operators[1];
        uint64 until = uint64(block.timestamp) + 365 days;
        vm.expectEmit(address(referee));
        emit ICheckerReferee.Equivocation(E, 2, id, operator, until);
        vm.expectEmit(address(license));
        emit ICheckerLicense.LicenseBanned(id, until, address(referee));
        vm.prank(stranger); // anyone reports
        _report(2, 1, _signedBy(2, 1, FAIL), _signedBy(2, 1, PASS)); // in either order
        assertEq(license.bannedUntil(id), until, "banned for 365 days");
        assertTrue(referee.evidenceUsed(E, 2, id), "evidence used");
        assertFalse(referee.evidenceUsed(E, 2, _stored[2].licenseIds[0]), "only this license's");
    }

    function test_RevertsWhen_TheSameEvidenceIsReportedAgain() public {
        uint256 id = _stored[0].licenseIds[4];
        _report(0, 4);
        bytes memory used = abi.encodeWithSelector(ICheckerReferee.EvidenceAlreadyUsed.selector, E, 0, id);
        vm.expectRevert(used);
        _report(0, 4);
        // Other signatures of the same equivocation (other metrics) are the same evidence.
        ICheckerReferee.Vote memory a = _signedBy(0, 4, PASS);
        a.metricsHash = keccak256("other metrics");
        ICheckerReferee.JobLeaf memory leaf = _stored[0];
        bytes32 d = _digestOf(leaf, 4, a);
        (a.r, a.vs) = vm.signCompact(keyOf[leaf.operators[4]], d);
        vm.expectRevert(used);
        _report(0, 4, a, _signedBy(0, 4, FAIL));
        // After an unban...
        license.unban(id);
        vm.expectRevert(used);
        _report(0, 4);
        // ...and after a ban ended.
        license.ban(id, uint64(block.timestamp + 1 days));
        vm.warp(block.timestamp + 1 days + 1);
        vm.expectRevert(used);
        _report(0, 4);
        assertEq(license.isBanned(id), false, "not banned again");
        // The same license equivocating in another job is new evidence.
        uint256 j = 1; // job 1 uses licenses 2..6, among them license 5
        assertEq(_stored[j].licenseIds[3], id, "license 5 at index 3 of job 1");
        _report(j, 3);
        assertTrue(license.isBanned(id), "banned for job 1");
    }

    function _digestOf(
        ICheckerReferee.JobLeaf memory leaf,
        uint256 i,
        ICheckerReferee.Vote memory v
    ) internal view returns (bytes32) {
        return
            referee.hashResult(
                ICheckerReferee.CheckResult(
                    leaf.epoch,
                    leaf.job,
                    leaf.container,
                    leaf.licenseIds[i],
                    v.verdict,
                    v.metricsHash
                )
            );
    }

    function test_ALongerBanInForceIsKept() public {
        uint256 id = _stored[3].licenseIds[0];
        uint64 longer = uint64(block.timestamp + 500 days);
        license.ban(id, longer);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.Equivocation(E, 3, id, _stored[3].operators[0], longer);
        _report(3, 0);
        assertEq(license.bannedUntil(id), longer, "kept");
        // A shorter ban is extended to the full year.
        uint256 other = _stored[3].licenseIds[1];
        license.ban(other, uint64(block.timestamp + 10 days));
        _report(3, 1);
        assertEq(license.bannedUntil(other), block.timestamp + 365 days, "extended");
    }

    /// The committed operator is the signer of record: an owner who points the license at a new operator before the
    /// report gets it banned all the same, and the new operator's signatures are not the evidence.
    function test_SwitchingTheOperatorBeforeTheReportStillBans() public {
        uint256 id = _stored[1].licenseIds[2];
        address committed = _stored[1].operators[2];
        address fresh = _setOperator(id, "fresh operator");
        assertEq(_checker(id), fresh, "the license has a new operator");
        ICheckerReferee.JobLeaf memory leaf = _stored[1];
        ICheckerReferee.Vote memory byFresh = _vote(_domain(referee), keyOf[fresh], leaf, 2, FAIL);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, id, fresh, committed));
        _report(1, 2, _signedBy(1, 2, PASS), byFresh);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.Equivocation(E, 1, id, committed, uint64(block.timestamp) + 365 days);
        _report(1, 2);
        assertTrue(license.isBanned(id), "banned");
        // Clearing the delegation does not help either.
        uint256 next = _stored[1].licenseIds[3];
        vm.prank(owner);
        license.setUser(next, address(0), 0);
        _report(1, 3);
        assertTrue(license.isBanned(next), "banned too");
    }

    function test_RevertsWhen_TheVotesAreNoEquivocation() public {
        uint256 id = _stored[0].licenseIds[0];
        bytes memory notEq = abi.encodeWithSelector(ICheckerReferee.NotEquivocation.selector, E, 0, id);
        ICheckerReferee.Vote memory pass = _signedBy(0, 0, PASS);
        ICheckerReferee.Vote memory fail = _signedBy(0, 0, FAIL);
        ICheckerReferee.Vote memory none = _signedBy(0, 0, NONE);
        vm.expectRevert(notEq);
        _report(0, 0, pass, pass);
        vm.expectRevert(notEq);
        _report(0, 0, fail, fail);
        vm.expectRevert(notEq);
        _report(0, 0, none, fail);
        vm.expectRevert(notEq);
        _report(0, 0, pass, none);
        vm.expectRevert(notEq);
        _report(0, 0, none, none);
    }

    function test_RevertsWhen_TheIndexIsOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.IndexOutOfRange.selector, 5, 5));
        _report(0, 5, _signedBy(0, 4, PASS), _signedBy(0, 4, FAIL));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.IndexOutOfRange.selector, type(uint256).max, 5));
        _report(0, type(uint256).max, _signedBy(0, 4, PASS), _signedBy(0, 4, FAIL));
    }

    function test_RevertsWhen_ASignatureIsNotTheCommittedOperators() public {
        uint256 id = _stored[4].licenseIds[2];
        address committed = _stored[4].operators[2];
        (address impostor, uint256 impostorKey) = makeAddrAndKey("impostor");
        ICheckerReferee.Vote memory forged = _vote(_domain(referee), impostorKey, _stored[4], 2, FAIL);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, id, impostor, committed));
        _report(4, 2, _signedBy(4, 2, PASS), forged);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, id, impostor, committed));
        _report(4, 2, forged, _signedBy(4, 2, PASS));
        // Another license's signature presented as this one's.
        ICheckerReferee.Vote memory neighbour = _signedBy(4, 3, FAIL);
        _expectWrongSigner(_stored[4], 2, neighbour);
        _report(4, 2, _signedBy(4, 2, PASS), neighbour);
        assertFalse(license.isBanned(id), "not banned");
        assertFalse(referee.evidenceUsed(E, 4, id), "not used");
    }

    function test_RevertsWhen_TheJobIsNotCommitted() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[0];
        ICheckerReferee.Vote memory a = _signedBy(0, 0, PASS);
        ICheckerReferee.Vote memory b = _signedBy(0, 0, FAIL);
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);

        ICheckerReferee.JobLeaf memory forged = _jobLeaf(E, 0, keccak256("elsewhere"), leaf.licenseIds);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 0));
        referee.reportEquivocation(forged, proof, 0, a, b);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 2, 3));
        referee.reportEquivocation(leaf, new bytes32[](2), 0, a, b);

        ICheckerReferee.JobLeaf memory unposted = _jobLeaf(E + 3, 0, leaf.container, leaf.licenseIds);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, E + 3));
        referee.reportEquivocation(unposted, proof, 0, a, b);

        // An assignment still in its window proves nothing yet.
        uint64 e = E + 1;
        ICheckerReferee.JobLeaf[] memory next = _jobs(e, 5);
        _revealSeed(referee, refereeAccount, e);
        vm.prank(refereeAccount);
        referee.postAssignment(e, AssignmentTree.root(AssignmentTree.hashes(next)), 5, ASSIGNMENT_URI);
        uint256 finalAt = block.timestamp + 4 hours;
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentNotFinal.selector, e, finalAt));
        referee.reportEquivocation(next[0], AssignmentTree.proof(next, 0), 0, a, b);
    }
}
