// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {AssignmentTree} from "../utils/AssignmentTree.sol";
import {HostFixture} from "../hosts/HostFixture.sol";

/// @notice The attacks of issue 11 ("Trust the verdicts") on the verdict path, written from the attacker's side, each
/// now refused with its exact error: forged Fail verdicts (1), a pre-empted Fail (2), replayed or dodged equivocation
/// evidence (5), and malformed leaves. (Attack 3, returned rewards, is in RefereeRoots.t.sol.)
/// @dev Licenses 1 to 5 belong to the fixture's license owner, here the host's accomplice; 6 to 10 to the attacker,
/// who signs for them itself; 11 to 20 to an honest owner, each delegated to its own operator. Epoch 1's committed
/// assignment: jobs 0 to 3 check the host's container with honest licenses (job 3 with two of the accomplice's), job 4
/// checks it with three of the attacker's licenses and two honest ones (the rare job a colluder holds a majority of).
contract Issue11AttacksTest is HostFixture {
    uint64 internal constant E = 1;
    bytes32 internal constant C = keccak256("the host's container");
    ICheckerReferee.Verdict internal constant NONE = ICheckerReferee.Verdict.None;
    ICheckerReferee.Verdict internal constant PASS = ICheckerReferee.Verdict.Pass;
    ICheckerReferee.Verdict internal constant FAIL = ICheckerReferee.Verdict.Fail;

    address internal host;
    address internal attacker;
    uint256 internal attackerKey;
    address internal honestOwner;
    mapping(address account => uint256 key) internal keyOf;
    ICheckerReferee.JobLeaf[] internal _epoch1;

    function setUp() public {
        _deployHosts();
        license.grantRole(license.BAN_ROLE(), address(referee));
        license.grantRole(license.BAN_ROLE(), address(this)); // governance's ban admin, to unban and re-ban
        host = _host("host", 1_000, 100_000 ether, C);
        _delegate(host, host, K);
        keyOf[licenseOwner] = licenseOwnerKey;
        (attacker, attackerKey) = makeAddrAndKey("attacker");
        keyOf[attacker] = attackerKey;
        _attestFor(attacker, "DE", ACTOR_KYC); // receiving licenses needs KYC (SPEC §8)
        license.mint(attacker, 5); // 6..10
        honestOwner = makeAddr("honest owner");
        _attestFor(honestOwner, "DE", ACTOR_KYC);
        license.mint(honestOwner, 10); // 11..20
        for (uint256 id = 11; id <= 20; ++id) _delegateLicense(id, string.concat("honest operator ", _str(id)));

        ICheckerReferee.JobLeaf[] memory leaves = new ICheckerReferee.JobLeaf[](5);
        leaves[0] = _committed(0, [uint256(11), 12, 13, 14, 15]);
        leaves[1] = _committed(1, [uint256(13), 14, 15, 16, 17]);
        leaves[2] = _committed(2, [uint256(15), 16, 17, 18, 19]);
        leaves[3] = _committed(3, [uint256(1), 2, 18, 19, 20]);
        leaves[4] = _committed(4, [uint256(6), 7, 8, 11, 12]);
        for (uint256 j; j < 5; ++j) _epoch1.push(leaves[j]);
        _postAssignment(referee, address(this), leaves); // final at T0 + 16 hours
    }

    // ---------------------------------------------------------------- helpers

    function _delegateLicense(uint256 id, string memory name) internal returns (address operator) {
        uint256 key;
        (operator, key) = makeAddrAndKey(name);
        keyOf[operator] = key;
        vm.prank(license.ownerOf(id));
        license.setUser(id, operator, uint64(block.timestamp + 365 days));
    }

    function _signer(uint256 id) internal view returns (address signer) {
        (signer, ) = license.checkerOf(id);
    }

    /// @dev Job `job` of epoch 1 checking C with `ids`, committed to their signers of now.
    function _committed(uint32 job, uint256[5] memory ids) internal view returns (ICheckerReferee.JobLeaf memory) {
        uint256[] memory licenseIds = new uint256[](5);
        address[] memory operators = new address[](5);
        for (uint256 i; i < 5; ++i) (licenseIds[i], operators[i]) = (ids[i], _signer(ids[i]));
        return _leaf(E, job, C, licenseIds, operators);
    }

    function _leaves() internal view returns (ICheckerReferee.JobLeaf[] memory) {
        return _epoch1;
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

    /// @dev `leaf`'s votes `verdicts`, each signed by the leaf's operator for that license.
    function _byCommitted(
        ICheckerReferee.JobLeaf memory leaf,
        ICheckerReferee.Verdict[] memory verdicts
    ) internal view returns (ICheckerReferee.Vote[] memory) {
        uint256[] memory keys = new uint256[](leaf.operators.length);
        for (uint256 i; i < keys.length; ++i) keys[i] = keyOf[leaf.operators[i]];
        return _votes(_domain(referee), keys, leaf, verdicts);
    }

    /// @dev `leaf`'s votes `verdicts`, all signed with `key`.
    function _byKey(
        uint256 key,
        ICheckerReferee.JobLeaf memory leaf,
        ICheckerReferee.Verdict[] memory verdicts
    ) internal view returns (ICheckerReferee.Vote[] memory) {
        uint256[] memory keys = new uint256[](leaf.licenseIds.length);
        for (uint256 i; i < keys.length; ++i) keys[i] = key;
        return _votes(_domain(referee), keys, leaf, verdicts);
    }

    /// @dev The attacker's own leaf: job `job` of `epoch` checking C with its licenses 6 to 10, itself as operator.
    function _attackerLeaf(uint64 epoch, uint32 job) internal view returns (ICheckerReferee.JobLeaf memory) {
        uint256[] memory ids = new uint256[](5);
        address[] memory operators = new address[](5);
        for (uint256 i; i < 5; ++i) (ids[i], operators[i]) = (6 + i, attacker);
        return _leaf(epoch, job, C, ids, operators);
    }

    function _notEnough(uint64 epoch, uint256 failed) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C, epoch, failed, 3);
    }

    function _str(uint256 x) internal pure returns (string memory s) {
        if (x == 0) return "0";
        for (; x != 0; x /= 10) s = string.concat(string(abi.encodePacked(bytes1(uint8(48 + (x % 10))))), s);
    }

    // ---------------------------------------------------------------- attack 1: forged Fail verdicts

    /// The owner of five licenses signs five Fails for the container in epochs without an assignment (the old attack
    /// took any of the last 30 epochs): nothing to prove against, nothing to slash.
    function test_Attack1_ForgedFailsWithoutAnAssignment() public {
        vm.warp(T0 + 3 days);
        uint64[2] memory epochs = [uint64(0), 2];
        for (uint256 k; k < 2; ++k) {
            ICheckerReferee.JobLeaf memory leaf = _attackerLeaf(epochs[k], 0);
            ICheckerReferee.Vote[] memory votes = _byKey(attackerKey, leaf, _verdicts(5, 5));
            bytes32[] memory proof = new bytes32[](0);
            vm.prank(attacker);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, epochs[k]));
            referee.proveJob(leaf, votes, proof);
            vm.prank(attacker);
            vm.expectRevert(_notEnough(epochs[k], 0));
            slashing.proposeFromVerdict(C, epochs[k]);
        }
    }

    /// Against the real assignment: the attacker's signatures on the committed leaf, its own licenses in the leaf, its
    /// own one-leaf tree, a job number past the committed count.
    function test_Attack1_ForgedFailsAgainstTheRealAssignment() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        bytes32[] memory proof0 = AssignmentTree.proof(leaves, 0);

        // (a) The committed leaf of job 0, with Fails the attacker signed for its honest licenses.
        ICheckerReferee.Vote[] memory votes = _byKey(attackerKey, leaves[0], _verdicts(5, 5));
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, 11, attacker, _signer(11)));
        referee.proveJob(leaves[0], votes, proof0);

        // (b) Job 0's leaf naming the attacker's licenses and itself as their operator.
        ICheckerReferee.JobLeaf memory own = _attackerLeaf(E, 0);
        votes = _byKey(attackerKey, own, _verdicts(5, 5));
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 0));
        referee.proveJob(own, votes, proof0);

        // (c) The same leaf with the proof of a tree the attacker built around it.
        bytes32[] memory forgedTree = new bytes32[](5);
        forgedTree[0] = AssignmentTree.leafHash(own);
        for (uint256 j = 1; j < 5; ++j) forgedTree[j] = AssignmentTree.leafHash(leaves[j]);
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 0));
        referee.proveJob(own, votes, AssignmentTree.proof(forgedTree, 0));

        // (d) A sixth job, past the committed five (its position is the tree's zero padding).
        ICheckerReferee.JobLeaf memory sixth = _attackerLeaf(E, 5);
        votes = _byKey(attackerKey, sixth, _verdicts(5, 5));
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobOutOfRange.selector, E, 5, 5));
        referee.proveJob(sixth, votes, proof0);

        // (e) Job 4 committed three of the attacker's licenses with two honest ones: the attacker proves its Fail
        // with its three votes alone (the honest two stay silent), but one proven Fail is not k = 3.
        votes = _byCommitted(leaves[4], _five(FAIL, FAIL, FAIL, NONE, NONE));
        vm.prank(attacker);
        referee.proveJob(leaves[4], votes, AssignmentTree.proof(leaves, 4));
        assertEq(referee.failedJobs(C, E), 1, "one Fail");
        vm.warp(T0 + 1 days);
        vm.prank(attacker);
        vm.expectRevert(_notEnough(E, 1));
        slashing.proposeFromVerdict(C, E);

        // Honest checkers' real Fails add up; the third one reaches k.
        _proveCommitted(0, _verdicts(5, 5));
        vm.expectRevert(_notEnough(E, 2));
        slashing.proposeFromVerdict(C, E);
        _proveCommitted(1, _verdicts(5, 3));
        vm.expectEmit(address(slashing));
        emit IHostSlashing.VerdictSlashProposed(1, E, 3);
        slashing.proposeFromVerdict(C, E);
    }

    function _proveCommitted(uint256 j, ICheckerReferee.Verdict[] memory verdicts) internal {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        referee.proveJob(leaves[j], _byCommitted(leaves[j], verdicts), AssignmentTree.proof(leaves, j));
    }

    // ---------------------------------------------------------------- attack 2: pre-empted Fail

    /// The host's accomplice, whose licenses 1 to 5 are not in job 2's committed set, tries to prove a Pass of job 2
    /// first; then, in job 3 where it holds two of the five, a Pass with its two votes. Both refused; the honest Fails
    /// are proven after.
    function test_Attack2_APreemptivePassIsRefused() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        bytes32[] memory proof2 = AssignmentTree.proof(leaves, 2);

        // Its own licenses in job 2's leaf.
        uint256[] memory ids = new uint256[](5);
        address[] memory operators = new address[](5);
        for (uint256 i; i < 5; ++i) (ids[i], operators[i]) = (i + 1, licenseOwner);
        ICheckerReferee.JobLeaf memory own = _leaf(E, 2, C, ids, operators);
        ICheckerReferee.Vote[] memory votes = _byKey(licenseOwnerKey, own, _verdicts(5, 0));
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 2));
        referee.proveJob(own, votes, proof2);
        // The committed leaf, with Passes it signed for the honest licenses.
        votes = _byKey(licenseOwnerKey, leaves[2], _verdicts(5, 0));
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, 15, licenseOwner, _signer(15)));
        referee.proveJob(leaves[2], votes, proof2);
        assertEq(uint256(referee.verdictOf(E, 2)), uint256(NONE), "nothing pre-empted");

        // Job 3: its two committed licenses' Passes are no majority.
        votes = _byCommitted(leaves[3], _five(PASS, PASS, NONE, NONE, NONE));
        bytes32[] memory proof3 = AssignmentTree.proof(leaves, 3);
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoMajority.selector, E, 3, 2, 0));
        referee.proveJob(leaves[3], votes, proof3);

        // The honest Fails are proven, the accomplice's Passes included for the record.
        _proveCommitted(2, _verdicts(5, 5));
        assertEq(uint256(referee.verdictOf(E, 2)), uint256(FAIL), "job 2 failed");
        _proveCommitted(3, _five(PASS, PASS, FAIL, FAIL, FAIL));
        assertEq(uint256(referee.verdictOf(E, 3)), uint256(FAIL), "job 3 failed");
        // And the accomplice's Pass can't replace them afterwards.
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobAlreadyProven.selector, E, 3));
        referee.proveJob(leaves[3], _byCommitted(leaves[3], _verdicts(5, 0)), proof3);
    }

    // ---------------------------------------------------------------- attack 5: equivocation evidence

    /// The attacker signed both verdicts of job 4 for license 6. Its report bans once: the same evidence is refused
    /// again, after an unban, and after the ban ended.
    function test_Attack5_TheSameEvidenceCountsOnce() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[4];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 4);
        ICheckerReferee.Vote memory pass = _vote(_domain(referee), attackerKey, leaf, 0, PASS);
        ICheckerReferee.Vote memory fail = _vote(_domain(referee), attackerKey, leaf, 0, FAIL);
        address reporter = makeAddr("reporter");
        vm.prank(reporter);
        referee.reportEquivocation(leaf, proof, 0, pass, fail);
        assertTrue(license.isBanned(6), "banned");
        bytes memory used = abi.encodeWithSelector(ICheckerReferee.EvidenceAlreadyUsed.selector, E, 4, 6);

        vm.prank(reporter);
        vm.expectRevert(used);
        referee.reportEquivocation(leaf, proof, 0, pass, fail);
        license.unban(6);
        vm.prank(attacker); // anyone, the attacker included, may try to re-ban with old evidence
        vm.expectRevert(used);
        referee.reportEquivocation(leaf, proof, 0, fail, pass);
        license.ban(6, uint64(block.timestamp + 1 days));
        vm.warp(block.timestamp + 1 days + 1);
        vm.prank(reporter);
        vm.expectRevert(used);
        referee.reportEquivocation(leaf, proof, 0, pass, fail);
        assertFalse(license.isBanned(6), "not banned again");
    }

    /// The attacker points license 7 at a fresh operator before the report, so that its signatures are not the
    /// license's current operator's: the report still bans, against the committed operator.
    function test_Attack5_SwitchingTheOperatorDodgesNothing() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[4];
        ICheckerReferee.Vote memory pass = _vote(_domain(referee), attackerKey, leaf, 1, PASS);
        ICheckerReferee.Vote memory fail = _vote(_domain(referee), attackerKey, leaf, 1, FAIL);
        vm.prank(attacker);
        license.setUser(7, makeAddr("fresh operator"), uint64(block.timestamp + 30 days));
        assertEq(_signer(7), makeAddr("fresh operator"), "switched");
        vm.expectEmit(address(referee));
        emit ICheckerReferee.Equivocation(E, 4, 7, attacker, uint64(block.timestamp) + 365 days);
        referee.reportEquivocation(leaf, AssignmentTree.proof(leaves, 4), 1, pass, fail);
        assertTrue(license.isBanned(7), "banned");
    }

    // ---------------------------------------------------------------- malformed leaves

    /// Epoch 2's tree, as a faulty (or compromised) referee might commit it: job 0 lists license 12 twice, position 1
    /// holds a second leaf numbered job 0, position 2 is a proper job 2.
    function _postMalformed() internal returns (ICheckerReferee.JobLeaf[] memory leaves, bytes32[] memory hashes) {
        leaves = new ICheckerReferee.JobLeaf[](3);
        leaves[0] = _committed(0, [uint256(11), 12, 12, 13, 14]);
        leaves[1] = _committed(0, [uint256(15), 16, 17, 18, 19]);
        leaves[2] = _committed(2, [uint256(16), 17, 18, 19, 20]);
        for (uint256 j; j < 3; ++j) leaves[j].epoch = 2;
        hashes = AssignmentTree.hashes(leaves);
        _postAssignment(referee, address(this), 2, hashes);
    }

    function test_Malformed_ALicenseListedTwiceVotesNothing() public {
        (ICheckerReferee.JobLeaf[] memory leaves, bytes32[] memory hashes) = _postMalformed();
        // The duplicated license's operator would vote twice: three signatures posing as a majority.
        ICheckerReferee.Vote[] memory votes = _byCommitted(leaves[0], _five(FAIL, FAIL, FAIL, NONE, NONE));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LicensesNotAscending.selector, 2));
        referee.proveJob(leaves[0], votes, AssignmentTree.proof(hashes, 0));
    }

    function test_Malformed_ADuplicateJobNumberProvesNothing() public {
        (ICheckerReferee.JobLeaf[] memory leaves, bytes32[] memory hashes) = _postMalformed();
        ICheckerReferee.JobLeaf memory dup = leaves[1];
        // As job 0 (its own number), with its own proof: the position is the job number's, 0, not 1.
        ICheckerReferee.Vote[] memory votes = _byCommitted(dup, _verdicts(5, 5));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, 2, 0));
        referee.proveJob(dup, votes, AssignmentTree.proof(hashes, 1));
        // As job 1: then it is another leaf, whose hash the tree does not hold.
        dup.job = 1;
        votes = _byCommitted(dup, _verdicts(5, 5));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, 2, 1));
        referee.proveJob(dup, votes, AssignmentTree.proof(hashes, 1));
        assertEq(uint256(referee.verdictOf(2, 0)), uint256(NONE), "job 0 unproven");
        assertEq(uint256(referee.verdictOf(2, 1)), uint256(NONE), "job 1 unproven");
        // The proper job 2 of the same tree proves.
        referee.proveJob(leaves[2], _byCommitted(leaves[2], _verdicts(5, 4)), AssignmentTree.proof(hashes, 2));
        assertEq(uint256(referee.verdictOf(2, 2)), uint256(FAIL), "job 2");
    }

    /// A short proof presents an internal node as the leaf level (the path from job 4's parent up): the proof must have
    /// the committed tree's depth.
    function test_Malformed_AShortProofIsRefused() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        bytes32[] memory full = AssignmentTree.proof(leaves, 4);
        assertEq(full.length, 3, "depth 3");
        bytes32[] memory short = new bytes32[](2);
        (short[0], short[1]) = (full[1], full[2]);
        ICheckerReferee.Vote[] memory votes = _byCommitted(leaves[4], _verdicts(5, 5));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 2, 3));
        referee.proveJob(leaves[4], votes, short);
    }

    /// Honest license 13 is delegated to a new operator after the epoch's assignment was posted: the committed
    /// operator's results still prove the job, and the new operator's are refused for this epoch.
    function test_Malformed_AProofAfterTheOperatorChangedStillHolds() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        address committed = leaves[0].operators[2];
        address fresh = _delegateLicense(13, "new operator of 13");
        assertEq(_signer(13), fresh, "changed");
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        ICheckerReferee.Vote[] memory votes = _byCommitted(leaves[0], _verdicts(5, 5));
        votes[2] = _vote(_domain(referee), keyOf[fresh], leaves[0], 2, FAIL);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, 13, fresh, committed));
        referee.proveJob(leaves[0], votes, proof);
        // Even with the delegation cleared altogether.
        vm.prank(honestOwner);
        license.setUser(13, address(0), 0);
        votes = _byCommitted(leaves[0], _verdicts(5, 5));
        referee.proveJob(leaves[0], votes, proof);
        assertEq(uint256(referee.verdictOf(E, 0)), uint256(FAIL), "proven by the committed operators");
    }
}
