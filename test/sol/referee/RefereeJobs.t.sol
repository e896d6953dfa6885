// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {AssignmentTree, CheckResultDigest} from "../utils/AssignmentTree.sol";
import {RefereeFixture} from "./RefereeFixture.sol";

/// @notice Proving a committed job: the leaf and its positional proof against the final assignment, the committed
/// operators' signatures, N+1 matching results (silent licenses ignored), the event, the verdict packed in two bits
/// and the Fail count of the container's epoch. Every refusal with its exact error and arguments.
contract RefereeJobsTest is RefereeFixture {
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

    function _five(
        ICheckerReferee.Verdict a,
        ICheckerReferee.Verdict b,
        ICheckerReferee.Verdict c,
        ICheckerReferee.Verdict d,
        ICheckerReferee.Verdict e
    ) internal pure returns (ICheckerReferee.Verdict[] memory v) {
        v = new ICheckerReferee.Verdict[](5);
        (v[0], v[1], v[2], v[3], v[4]) = (a, b, c, d, e);
    }

    function _verdictOf(uint64 epoch, uint32 job) internal view returns (uint256) {
        return uint256(referee.verdictOf(epoch, job));
    }

    // ---------------------------------------------------------------- proofs

    function test_AProofEmitsTheMajorityAndWhoVotedWhat() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[2];
        ICheckerReferee.Vote[] memory votes = _signed(leaf, _five(FAIL, NONE, FAIL, PASS, FAIL));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 2);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.JobProven(E, 2, leaf.container, FAIL, stranger, leaf.licenseIds, 1 << 3, 1 | 4 | 16);
        vm.prank(stranger); // anyone proves
        ICheckerReferee.Verdict verdict = referee.proveJob(leaf, votes, proof);
        assertEq(uint256(verdict), uint256(FAIL), "returned");
        assertEq(_verdictOf(E, 2), uint256(FAIL), "recorded");
        assertEq(referee.failedJobs(leaf.container, E), 1, "a Fail of the container's epoch");
        assertEq(referee.failedJobs(leaf.container, E + 1), 0, "not another epoch's");
        assertEq(referee.failedJobs(_container(0), E), 0, "not another container's");
    }

    /// N+1 matching results decide however many are silent; a silent license's signature fields are not read.
    function test_SilentLicensesAreIgnored() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.Vote[] memory votes = _signed(leaves[0], _five(NONE, PASS, NONE, PASS, PASS));
        (votes[0].r, votes[0].vs, votes[0].metricsHash) = (bytes32(0), bytes32(type(uint256).max), keccak256("x"));
        votes[2] = _vote(_domain(referee), uint256(keccak256("stranger key")), leaves[0], 2, PASS);
        votes[2].verdict = NONE; // a stranger's signature, but no result: not checked
        vm.expectEmit(address(referee));
        emit ICheckerReferee.JobProven(E, 0, leaves[0].container, PASS, address(this), leaves[0].licenseIds, 26, 0);
        referee.proveJob(leaves[0], votes, AssignmentTree.proof(leaves, 0));
        assertEq(referee.failedJobs(leaves[0].container, E), 0, "a Pass counts no Fail");
    }

    function test_RevertsWhen_NoVerdictHasNPlusOneResults() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        bytes32[] memory proof = AssignmentTree.proof(leaves, 3);
        ICheckerReferee.Vote[] memory votes = _signed(leaves[3], _five(PASS, FAIL, NONE, PASS, FAIL));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoMajority.selector, E, 3, 2, 2));
        referee.proveJob(leaves[3], votes, proof);
        votes = _signed(leaves[3], _five(NONE, NONE, FAIL, NONE, NONE));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoMajority.selector, E, 3, 0, 1));
        referee.proveJob(leaves[3], votes, proof);
        votes = _signed(leaves[3], _five(NONE, NONE, NONE, NONE, NONE));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoMajority.selector, E, 3, 0, 0));
        referee.proveJob(leaves[3], votes, proof);
        assertEq(_verdictOf(E, 3), uint256(NONE), "unproven");
    }

    function test_RevertsWhen_AJobIsProvenTwice() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        _prove(leaves, 4, 3);
        ICheckerReferee.Vote[] memory votes = _signed(leaves[4], _verdicts(5, 0));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 4);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobAlreadyProven.selector, E, 4));
        referee.proveJob(leaves[4], votes, proof);
        assertEq(_verdictOf(E, 4), uint256(FAIL), "the first proof stands");
        assertEq(referee.failedJobs(leaves[4].container, E), 1, "counted once");
    }

    function test_RevertsWhen_TheEpochHasNoAssignment() public {
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(E + 5, 5);
        ICheckerReferee.Vote[] memory votes = _signed(leaves[0], _verdicts(5, 5));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, E + 5));
        referee.proveJob(leaves[0], votes, proof);
    }

    /// Jobs 5 to 7 are the tree's zero padding; a job number past 2^depth is out of range too.
    function test_RevertsWhen_TheJobIsOutOfRange() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        uint32[3] memory jobs = [uint32(5), 7, type(uint32).max];
        for (uint256 k; k < jobs.length; ++k) {
            ICheckerReferee.JobLeaf memory leaf = _jobLeaf(E, jobs[k], _container(0), _ids(1, 5));
            ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 5));
            bytes32[] memory proof = AssignmentTree.proof(leaves, 4);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobOutOfRange.selector, E, jobs[k], 5));
            referee.proveJob(leaf, votes, proof);
        }
    }

    function test_RevertsWhen_TheLeafHasNot2NPlus1Licenses() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        for (uint256 count; count <= 7; ++count) {
            if (count == 5) continue;
            ICheckerReferee.JobLeaf memory leaf = _jobLeaf(E, 0, leaves[0].container, _ids(1, count));
            ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(count, count));
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongLicenseCount.selector, count, 5));
            referee.proveJob(leaf, votes, proof);
        }
    }

    function test_RevertsWhen_OperatorsOrVotesAreNotAlignedWithTheLicenses() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[1];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 1);
        ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 0));

        ICheckerReferee.Vote[] memory four = new ICheckerReferee.Vote[](4);
        for (uint256 i; i < 4; ++i) four[i] = votes[i];
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 5, 4));
        referee.proveJob(leaf, four, proof);

        ICheckerReferee.Vote[] memory six = new ICheckerReferee.Vote[](6);
        for (uint256 i; i < 5; ++i) six[i] = votes[i];
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 5, 6));
        referee.proveJob(leaf, six, proof);

        address[] memory operators = new address[](4);
        for (uint256 i; i < 4; ++i) operators[i] = leaf.operators[i];
        ICheckerReferee.JobLeaf memory short = _leaf(E, 1, leaf.container, leaf.licenseIds, operators);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 4, 5));
        referee.proveJob(short, votes, proof);
    }

    function test_RevertsWhen_TheProofHasNotTheTreesDepth() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.Vote[] memory votes = _signed(leaves[2], _verdicts(5, 5));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 2);
        assertEq(proof.length, 3, "ceil(log2(5))");
        bytes32[] memory shorter = new bytes32[](2);
        (shorter[0], shorter[1]) = (proof[1], proof[2]);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 2, 3));
        referee.proveJob(leaves[2], votes, shorter);
        bytes32[] memory longer = new bytes32[](4);
        for (uint256 i; i < 3; ++i) longer[i] = proof[i];
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 4, 3));
        referee.proveJob(leaves[2], votes, longer);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 0, 3));
        referee.proveJob(leaves[2], votes, new bytes32[](0));
    }

    /// Any field of the leaf, or any node of the proof, that is not the committed one.
    function test_RevertsWhen_TheLeafIsNotInTheAssignment() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[1];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 1);
        bytes memory notIn = abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 1);

        ICheckerReferee.JobLeaf memory other = _jobLeaf(E, 1, keccak256("another container"), leaf.licenseIds);
        vm.expectRevert(notIn);
        referee.proveJob(other, _signed(other, _verdicts(5, 5)), proof);

        other = _jobLeaf(E, 1, leaf.container, _ids(9, 5));
        vm.expectRevert(notIn);
        referee.proveJob(other, _signed(other, _verdicts(5, 5)), proof);

        other = _jobLeaf(E, 1, leaf.container, leaf.licenseIds);
        other.operators[3] = owner;
        vm.expectRevert(notIn);
        referee.proveJob(other, _signed(other, _verdicts(5, 5)), proof);

        // The right leaf with another job's proof, or one node changed.
        vm.expectRevert(notIn);
        referee.proveJob(leaf, _signed(leaf, _verdicts(5, 5)), AssignmentTree.proof(leaves, 0));
        for (uint256 i; i < proof.length; ++i) {
            bytes32[] memory bad = AssignmentTree.proof(leaves, 1);
            bad[i] = keccak256(abi.encode(bad[i]));
            vm.expectRevert(notIn);
            referee.proveJob(leaf, _signed(leaf, _verdicts(5, 5)), bad);
        }
        // Another job's leaf renumbered as job 1.
        other = leaves[3];
        other.job = 1;
        vm.expectRevert(notIn);
        referee.proveJob(other, _signed(other, _verdicts(5, 5)), proof);
    }

    function test_RevertsWhen_AVoteIsNotByTheCommittedOperator() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[0];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 5));
        (address impostor, uint256 impostorKey) = makeAddrAndKey("impostor");
        votes[3] = _vote(_domain(referee), impostorKey, leaf, 3, FAIL);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICheckerReferee.WrongSigner.selector,
                leaf.licenseIds[3],
                impostor,
                leaf.operators[3]
            )
        );
        referee.proveJob(leaf, votes, proof);
        // The license's owner, who delegated it, does not sign for it either.
        votes[3] = _vote(_domain(referee), ownerKey, leaf, 3, FAIL);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, leaf.licenseIds[3], owner, leaf.operators[3])
        );
        referee.proveJob(leaf, votes, proof);
        // Another license's committed operator, signing at this position.
        votes[3] = _vote(_domain(referee), keyOf[leaf.operators[4]], leaf, 3, FAIL);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICheckerReferee.WrongSigner.selector,
                leaf.licenseIds[3],
                leaf.operators[4],
                leaf.operators[3]
            )
        );
        referee.proveJob(leaf, votes, proof);
    }

    /// A result is bound to its verdict, metrics, license, job, container and epoch: changing any recovers someone else.
    function test_RevertsWhen_ASignedResultIsAlteredOrMoved() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[0];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 0));
        ICheckerReferee.Vote memory honest = _signed(leaf, _verdicts(5, 0))[1]; // a copy, not an alias of votes[1]

        votes[1].verdict = FAIL; // the Pass signature presented as a Fail
        _expectWrongSigner(leaf, 1, votes[1]);
        referee.proveJob(leaf, votes, proof);

        votes[1] = _signed(leaf, _verdicts(5, 0))[1];
        votes[1].metricsHash = keccak256("other metrics");
        _expectWrongSigner(leaf, 1, votes[1]);
        referee.proveJob(leaf, votes, proof);

        // Signed for job 1, with the same container and licenses: refused in job 0.
        ICheckerReferee.JobLeaf memory moved = _jobLeaf(E, 1, leaf.container, leaf.licenseIds);
        votes[1] = _vote(_domain(referee), keyOf[leaf.operators[1]], moved, 1, PASS);
        _expectWrongSigner(leaf, 1, votes[1]);
        referee.proveJob(leaf, votes, proof);

        votes[1] = honest;
        referee.proveJob(leaf, votes, proof);
    }

    function test_RevertsWhen_ASignatureIsHighSOrRecoversNoAddress() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[0];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 5));
        uint256 half = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
        bytes32 vs = votes[2].vs;
        votes[2].vs = bytes32(half + 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.InvalidSignatureS.selector, leaf.licenseIds[2], bytes32(half + 1))
        );
        referee.proveJob(leaf, votes, proof);
        votes[2].vs = vs;
        bytes32 r = votes[2].r;
        votes[2].r = bytes32(0);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignature.selector, leaf.licenseIds[2]));
        referee.proveJob(leaf, votes, proof);
        votes[2].r = r;
        referee.proveJob(leaf, votes, proof);
    }

    /// A leaf listing its licenses out of order (a referee's mistake the guardian missed) proves nothing: a license
    /// listed twice would vote twice.
    function test_RevertsWhen_TheCommittedLicensesDoNotAscend() public {
        uint64 e = E + 1;
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(e, 2);
        (leaves[0].licenseIds[1], leaves[0].licenseIds[2]) = (leaves[0].licenseIds[2], leaves[0].licenseIds[1]);
        (leaves[0].operators[1], leaves[0].operators[2]) = (leaves[0].operators[2], leaves[0].operators[1]);
        leaves[1].licenseIds[3] = leaves[1].licenseIds[2];
        leaves[1].operators[3] = leaves[1].operators[2];
        _postAssignment(referee, refereeAccount, leaves);
        ICheckerReferee.Vote[] memory votes = _signed(leaves[0], _verdicts(5, 5));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LicensesNotAscending.selector, 2));
        referee.proveJob(leaves[0], votes, proof);
        votes = _signed(leaves[1], _verdicts(5, 5));
        proof = AssignmentTree.proof(leaves, 1);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LicensesNotAscending.selector, 3));
        referee.proveJob(leaves[1], votes, proof);
        // Even a silent license is checked: the order is the leaf's, not the votes'.
        votes = _signed(leaves[1], _five(FAIL, FAIL, FAIL, NONE, NONE));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LicensesNotAscending.selector, 3));
        referee.proveJob(leaves[1], votes, proof);
    }

    /// One job: the tree is its leaf, the proof empty.
    function test_AOneJobEpochHasAnEmptyProof() public {
        uint64 e = E + 1;
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(e, 1);
        bytes32 root = _postAssignment(referee, refereeAccount, leaves);
        assertEq(root, AssignmentTree.leafHash(leaves[0]), "root = leaf");
        assertEq(referee.assignmentOf(e).depth, 0, "depth 0");
        ICheckerReferee.Vote[] memory votes = _signed(leaves[0], _verdicts(5, 5));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 1, 0));
        referee.proveJob(leaves[0], votes, new bytes32[](1));
        referee.proveJob(leaves[0], votes, new bytes32[](0));
        assertEq(_verdictOf(e, 0), uint256(FAIL), "proven");
    }

    // ---------------------------------------------------------------- hashes

    function test_TheContractsHashesMatchTheSpec() public view {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        for (uint256 j; j < leaves.length; ++j) {
            assertEq(referee.leafHash(leaves[j]), AssignmentTree.leafHash(leaves[j]), "leaf hash");
        }
        ICheckerReferee.CheckResult memory r = ICheckerReferee.CheckResult(
            E,
            3,
            keccak256("c"),
            9,
            FAIL,
            keccak256("m")
        );
        assertEq(
            referee.hashResult(r),
            CheckResultDigest.digest(_domain(referee), E, 3, keccak256("c"), 9, FAIL, keccak256("m")),
            "EIP-712 digest"
        );
    }

    // ---------------------------------------------------------------- verdict packing

    /// Jobs 0, 1, 127 share the first word, 128 and 129 the second; epochs E2 and E3 use the same job numbers.
    function test_VerdictsArePackedTwoBitsAJobWithoutCollisions() public {
        uint64 e2 = E + 1;
        uint64 e3 = E + 2;
        ICheckerReferee.JobLeaf[] memory a = _postJobs(e2, 130);
        ICheckerReferee.JobLeaf[] memory b = _postJobs(e3, 130);
        uint32[5] memory jobs = [uint32(0), 1, 127, 128, 129];
        uint256[5] memory fails = [uint256(0), 5, 3, 1, 4];
        for (uint256 k; k < 5; ++k) _prove(a, jobs[k], fails[k]);
        // The other epoch: the opposite verdicts at 0, 127 and 128, nothing at 1 and 129.
        _prove(b, 0, 5);
        _prove(b, 127, 0);
        _prove(b, 128, 5);

        assertEq(_verdictOf(e2, 0), uint256(PASS), "e2 job 0");
        assertEq(_verdictOf(e2, 1), uint256(FAIL), "e2 job 1");
        assertEq(_verdictOf(e2, 127), uint256(FAIL), "e2 job 127");
        assertEq(_verdictOf(e2, 128), uint256(PASS), "e2 job 128");
        assertEq(_verdictOf(e2, 129), uint256(FAIL), "e2 job 129");
        assertEq(_verdictOf(e3, 0), uint256(FAIL), "e3 job 0");
        assertEq(_verdictOf(e3, 1), uint256(NONE), "e3 job 1");
        assertEq(_verdictOf(e3, 127), uint256(PASS), "e3 job 127");
        assertEq(_verdictOf(e3, 128), uint256(FAIL), "e3 job 128");
        assertEq(_verdictOf(e3, 129), uint256(NONE), "e3 job 129");
        uint32[6] memory untouched = [uint32(2), 63, 64, 126, 130, 255];
        for (uint256 k; k < untouched.length; ++k) {
            assertEq(_verdictOf(e2, untouched[k]), uint256(NONE), "e2 neighbours");
            assertEq(_verdictOf(e3, untouched[k]), uint256(NONE), "e3 neighbours");
        }
        // Fails counted per container (job j checks container j % 3) and epoch.
        assertEq(referee.failedJobs(_container(1), e2), 2, "e2: jobs 1 and 127");
        assertEq(referee.failedJobs(_container(0), e2), 1, "e2: job 129 (job 0 passed)");
        assertEq(referee.failedJobs(_container(2), e2), 0, "e2: job 128 passed");
        assertEq(referee.failedJobs(_container(0), e3), 1, "e3: job 0");
        assertEq(referee.failedJobs(_container(1), e3), 0, "e3: job 127 passed");
        assertEq(referee.failedJobs(_container(2), e3), 1, "e3: job 128");
        // Each job keeps its verdict: proving a neighbour again is refused and changes nothing.
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobAlreadyProven.selector, e2, 128));
        _prove(a, 128, 5);
    }

    function testFuzz_VerdictsOfAnyJobsStayApart(uint256 seed) public {
        uint64 e = E + 1;
        ICheckerReferee.JobLeaf[] memory leaves = _postJobs(e, 300);
        uint32[3] memory jobs;
        uint256[3] memory fails;
        for (uint256 k; k < 3; ++k) {
            jobs[k] = uint32(uint256(keccak256(abi.encode(seed, k))) % 300);
            fails[k] = uint256(keccak256(abi.encode(seed, "fails", k))) % 6;
            if (referee.verdictOf(e, jobs[k]) == NONE) _prove(leaves, jobs[k], fails[k]);
            else fails[k] = fails[k - (jobs[k] == jobs[k - 1] ? 1 : 2)]; // a repeated job keeps its first verdict
        }
        for (uint256 k; k < 3; ++k) {
            assertEq(_verdictOf(e, jobs[k]), uint256(fails[k] >= 3 ? FAIL : PASS), "the proven majority");
        }
        uint32 other = uint32(uint256(keccak256(abi.encode(seed, "other"))) % 300);
        if (other != jobs[0] && other != jobs[1] && other != jobs[2]) {
            assertEq(_verdictOf(e, other), uint256(NONE), "an unproven job");
        }
        assertEq(_verdictOf(E, jobs[0] % 5), uint256(NONE), "nothing in the other epoch");
    }
}
