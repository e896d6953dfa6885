// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {AssignmentTree} from "../utils/AssignmentTree.sol";
import {RefereeFixture} from "./RefereeFixture.sol";

/// @notice Attacks on job proofs and equivocation reports, from the side of a prover who controls its own keys and
/// calldata (issue 11's attacker brief): short and long proofs, internal nodes and padding positions, malformed leaves,
/// zero operators and failed recoveries, stale operators after a sale, expiry or ban, huge arrays, and replayed or
/// stale equivocation evidence. Each refusal with its exact error, or the safe outcome.
/// @dev Epoch 1 has five committed jobs (RefereeFixture's `_jobs`): job j checks `_container(j % 3)` with licenses
/// j + 1 to j + 5, each signed by its own operator.
contract AttacksJobsTest is RefereeFixture {
    uint64 internal constant E = 1;
    ICheckerReferee.Verdict internal constant NONE = ICheckerReferee.Verdict.None;
    ICheckerReferee.Verdict internal constant PASS = ICheckerReferee.Verdict.Pass;
    ICheckerReferee.Verdict internal constant FAIL = ICheckerReferee.Verdict.Fail;

    ICheckerReferee.JobLeaf[] internal _stored;
    address internal attacker;
    uint256 internal attackerKey;

    function setUp() public {
        _deployReferee();
        (attacker, attackerKey) = makeAddrAndKey("attacker");
        keyOf[attacker] = attackerKey;
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

    /// @dev A leaf of `epoch`'s job `job` checking `container` with licenses `ids`, all signed for by the attacker.
    function _attackerLeaf(
        uint64 epoch,
        uint32 job,
        bytes32 container,
        uint256[] memory ids
    ) internal view returns (ICheckerReferee.JobLeaf memory leaf) {
        address[] memory operators = new address[](ids.length);
        for (uint256 i; i < ids.length; ++i) operators[i] = attacker;
        leaf = _leaf(epoch, job, container, ids, operators);
    }

    /// @dev `count` Fail votes on `leaf`, all signed with the attacker's key.
    function _attackerVotes(
        ICheckerReferee.JobLeaf memory leaf,
        uint256 count
    ) internal view returns (ICheckerReferee.Vote[] memory votes) {
        votes = new ICheckerReferee.Vote[](count);
        for (uint256 i; i < count; ++i) {
            votes[i] = _vote(_domain(referee), attackerKey, leaf, i % leaf.licenseIds.length, FAIL);
        }
    }

    /// @dev Calls the referee with `data`: the gas the call used, whether it succeeded and what it returned. The call
    /// is made in assembly from `data` where it lies (Solidity's `.call` would first copy it, and a 3 MB copy's memory
    /// cost would be metered as the referee's), so `used` is the referee's execution and the call's own cost.
    function _meter(bytes memory data) internal returns (uint256 used, bool ok, bytes memory ret) {
        address target = address(referee);
        uint256 before = gasleft();
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ok := call(gas(), target, 0, add(data, 0x20), mload(data), 0, 0)
        }
        used = before - gasleft();
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ret := mload(0x40)
            mstore(ret, returndatasize())
            returndatacopy(add(ret, 0x20), 0, returndatasize())
            mstore(0x40, add(add(ret, 0x20), and(add(returndatasize(), 0x1f), not(0x1f))))
        }
    }

    // ---------------------------------------------------------------- short and long proofs

    /// The attacker presents an internal node of the committed tree as its "leaf": the path from that node is shorter
    /// than the tree's depth, at every level and every position.
    function test_Proof_AnInternalNodeAsTheLeafIsTooShort() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.Vote[] memory votes = _signed(leaves[0], _verdicts(5, 5));
        for (uint256 j; j < 5; ++j) {
            bytes32[] memory full = AssignmentTree.proof(leaves, j);
            for (uint256 level = 1; level <= 3; ++level) {
                // the path from the node at `level` above job j: the full proof without its first `level` nodes
                bytes32[] memory path = new bytes32[](3 - level);
                for (uint256 i; i < path.length; ++i) path[i] = full[i + level];
                vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 3 - level, 3));
                referee.proveJob(leaves[0], votes, path);
            }
        }
    }

    /// A proof one node too long, whatever the extra node (zero, the root, a copy of the last sibling), at either end.
    function test_Proof_OneNodeTooLong() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.Vote[] memory votes = _signed(leaves[4], _verdicts(5, 5));
        bytes32[] memory full = AssignmentTree.proof(leaves, 4);
        bytes32[3] memory extras = [bytes32(0), referee.assignmentOf(E).root, full[2]];
        for (uint256 k; k < 3; ++k) {
            bytes32[] memory above = new bytes32[](4);
            bytes32[] memory below = new bytes32[](4);
            for (uint256 i; i < 3; ++i) (above[i], below[i + 1]) = (full[i], full[i]);
            (above[3], below[0]) = (extras[k], extras[k]);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 4, 3));
            referee.proveJob(leaves[4], votes, above);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, 4, 3));
            referee.proveJob(leaves[4], votes, below);
        }
        referee.proveJob(leaves[4], votes, full);
    }

    /// A referee posts a job count that covers the tree's zero padding (8 for a 5-leaf tree: the same depth). The
    /// attacker's leaves at the padding positions 5 to 7, with the padding's own proofs, prove nothing: no leaf hashes
    /// to zero.
    function test_Proof_APaddingPositionProvesNothing() public {
        uint64 e = E + 1;
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(e, 5);
        bytes32[] memory hashes = AssignmentTree.hashes(leaves);
        _revealSeed(referee, refereeAccount, e);
        vm.prank(refereeAccount);
        referee.postAssignment(e, AssignmentTree.root(hashes), 8, ASSIGNMENT_URI);
        vm.warp(referee.assignmentOf(e).finalAt);
        assertEq(referee.assignmentOf(e).depth, 3, "same depth as 5 jobs");
        for (uint32 job = 5; job < 8; ++job) {
            ICheckerReferee.JobLeaf memory leaf = _attackerLeaf(e, job, _container(0), _ids(1, 5));
            ICheckerReferee.Vote[] memory votes = _attackerVotes(leaf, 5);
            bytes32[] memory proof = AssignmentTree.proof(hashes, job);
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, e, job));
            referee.proveJob(leaf, votes, proof);
        }
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobOutOfRange.selector, e, 8, 8));
        referee.proveJob(
            _attackerLeaf(e, 8, _container(0), _ids(1, 5)),
            _attackerVotes(leaves[0], 5),
            new bytes32[](3)
        );
    }

    // ---------------------------------------------------------------- malformed leaves

    /// Operators longer or shorter than the licenses, votes longer or shorter, a leaf of 2N+1 licenses for an N set
    /// after the posting, and a job number at or past the committed count: each with its error, before any signature.
    function test_Leaf_MisalignedArraysAndCounts() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[2];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 2);
        ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 5));

        address[] memory six = new address[](6);
        for (uint256 i; i < 5; ++i) six[i] = leaf.operators[i];
        six[5] = attacker; // an extra operator the attacker hopes to slip in
        ICheckerReferee.JobLeaf memory longer = _leaf(E, 2, leaf.container, leaf.licenseIds, six);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 6, 5));
        referee.proveJob(longer, votes, proof);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 6, 6));
        referee.proveJob(longer, new ICheckerReferee.Vote[](6), proof);
        ICheckerReferee.JobLeaf memory none = _leaf(E, 2, leaf.container, leaf.licenseIds, new address[](0));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 0, 5));
        referee.proveJob(none, votes, proof);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 5, 0));
        referee.proveJob(leaf, new ICheckerReferee.Vote[](0), proof);

        // N raised to 3 after the posting: a leaf of seven licenses is not this epoch's shape.
        referee.setN(3);
        ICheckerReferee.JobLeaf memory seven = _jobLeaf(E, 2, leaf.container, _ids(3, 7));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongLicenseCount.selector, 7, 5));
        referee.proveJob(seven, _signed(seven, _verdicts(7, 7)), proof);

        // The committed count is 5: job 5 is past it even with a leaf the attacker made for it.
        ICheckerReferee.JobLeaf memory past = _attackerLeaf(E, 5, leaf.container, _ids(1, 5));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobOutOfRange.selector, E, 5, 5));
        referee.proveJob(past, _attackerVotes(past, 5), proof);

        // The committed leaf still proves under the N of its posting.
        referee.proveJob(leaf, votes, proof);
        assertEq(uint256(referee.verdictOf(E, 2)), uint256(FAIL), "proven with 2N+1 = 5");
    }

    /// License id 0 and a license listed twice in the attacker's own leaves: not committed. (A committed leaf that
    /// lists a license twice is refused with LicensesNotAscending: RefereeJobs.t.sol.)
    function test_Leaf_LicenseZeroOrTwiceIsNotCommitted() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        uint256[] memory withZero = _ids(0, 5);
        ICheckerReferee.JobLeaf memory zero = _attackerLeaf(E, 0, leaves[0].container, withZero);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 0));
        referee.proveJob(zero, _attackerVotes(zero, 5), proof);
        uint256[] memory twice = _ids(1, 5);
        twice[1] = 1;
        ICheckerReferee.JobLeaf memory dup = _attackerLeaf(E, 0, leaves[0].container, twice);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NotInAssignment.selector, E, 0));
        referee.proveJob(dup, _attackerVotes(dup, 5), proof);
    }

    /// A careless referee commits license 0 (which does not exist) and a license without an operator, both with
    /// operator address(0). Can a zero operator let an invalid signature count? A signature recovering nobody is
    /// refused (InvalidSignature: r zero, r past the field, r the group order, r off the curve, s zero), any real
    /// signer is not address(0) (WrongSigner), and only silence is accepted for them.
    function test_Leaf_AZeroOperatorCountsNoSignature() public {
        uint64 e = E + 1;
        ICheckerReferee.JobLeaf[] memory leaves = new ICheckerReferee.JobLeaf[](2);
        address[] memory operators = new address[](5);
        for (uint256 i = 1; i < 5; ++i) operators[i] = _checker(i);
        operators[3] = address(0); // license 3: its operator left out by mistake; license 0: nobody
        leaves[0] = _leaf(e, 0, _container(0), _ids(0, 5), operators);
        leaves[1] = _jobLeaf(e, 1, _container(1), _ids(5, 5));
        bytes32[] memory hashes = AssignmentTree.hashes(leaves);
        _postAssignment(referee, refereeAccount, e, hashes);
        ICheckerReferee.JobLeaf memory leaf = leaves[0];
        bytes32[] memory proof = AssignmentTree.proof(hashes, 0);

        bytes32[4] memory badR = [
            bytes32(0),
            bytes32(type(uint256).max), // past the field prime
            bytes32(uint256(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141)), // the group order
            bytes32(uint256(5)) // x = 5 is not on secp256k1: 5^3 + 7 is no square modulo p
        ];
        uint256[2] memory zeroAt = [uint256(0), 3];
        for (uint256 p; p < 2; ++p) {
            uint256 i = zeroAt[p];
            for (uint256 k; k <= 4; ++k) {
                // licenses 1, 2 and 4 sign real Fails; the zero operator's license gets a Fail that recovers nobody
                ICheckerReferee.Vote[] memory votes = _signed(leaf, _five(NONE, FAIL, FAIL, NONE, FAIL));
                votes[i].verdict = FAIL;
                votes[i].metricsHash = _metrics(leaf, i);
                if (k < 4) (votes[i].r, votes[i].vs) = (badR[k], bytes32(uint256(1)));
                else (votes[i].r, votes[i].vs) = (votes[1].r, bytes32(0)); // s zero
                vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignature.selector, leaf.licenseIds[i]));
                referee.proveJob(leaf, votes, proof);
            }
            // A real signature recovers a real address, never address(0).
            ICheckerReferee.Vote[] memory signed = _signed(leaf, _five(NONE, FAIL, FAIL, NONE, FAIL));
            signed[i] = _vote(_domain(referee), attackerKey, leaf, i, FAIL);
            vm.expectRevert(
                abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, leaf.licenseIds[i], attacker, address(0))
            );
            referee.proveJob(leaf, signed, proof);
        }
        // Silent, the two are ignored: licenses 1, 2 and 4 alone decide.
        referee.proveJob(leaf, _signed(leaf, _five(NONE, FAIL, FAIL, NONE, FAIL)), proof);
        assertEq(uint256(referee.verdictOf(e, 0)), uint256(FAIL), "decided by the three real operators");
    }

    // ---------------------------------------------------------------- stale operators

    /// After the assignment is posted, license 3 (in job 0) is sold: the sale clears its delegation and the buyer
    /// delegates to its own operator; license 4's delegation is shortened and expires; license 5 is banned. The buyer,
    /// its operator and the owner are refused for this epoch; the committed operators still sign, whatever happened.
    function test_StaleOperators_SoldExpiredOrBannedAfterThePosting() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[0];
        assertEq(leaf.licenseIds[2], 3, "license 3 at index 2");
        bytes32[] memory proof = AssignmentTree.proof(leaves, 0);
        address committed3 = leaf.operators[2];
        address committed4 = leaf.operators[3];

        (address buyer, uint256 buyerKey) = makeAddrAndKey("buyer");
        (address buyerOperator, uint256 buyerOperatorKey) = makeAddrAndKey("buyer's operator");
        compliance.setAllowed(buyer, true); // a license's receiver holds a valid attestation
        vm.prank(owner);
        license.transferFrom(owner, buyer, 3);
        assertEq(_checker(3), buyer, "the sale cleared the delegation");
        vm.prank(buyer);
        license.setUser(3, buyerOperator, uint64(block.timestamp + 365 days));
        vm.prank(owner);
        license.setUser(4, committed4, uint64(block.timestamp + 1 hours));
        license.ban(5, uint64(block.timestamp + 30 days));
        vm.warp(block.timestamp + 2 hours);
        assertEq(_checker(4), owner, "license 4's delegation expired");
        assertTrue(license.isBanned(5), "license 5 banned");

        ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 5));
        votes[2] = _vote(_domain(referee), buyerKey, leaf, 2, FAIL);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, 3, buyer, committed3));
        referee.proveJob(leaf, votes, proof);
        votes[2] = _vote(_domain(referee), buyerOperatorKey, leaf, 2, FAIL);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, 3, buyerOperator, committed3));
        referee.proveJob(leaf, votes, proof);
        votes = _signed(leaf, _verdicts(5, 5));
        votes[3] = _vote(_domain(referee), ownerKey, leaf, 3, FAIL);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, 4, owner, committed4));
        referee.proveJob(leaf, votes, proof);

        // The committed operators of 3 (sold), 4 (expired) and 5 (banned: documented, its vote still counts) decide.
        votes = _signed(leaf, _five(NONE, NONE, FAIL, FAIL, FAIL));
        vm.expectEmit(address(referee));
        emit ICheckerReferee.JobProven(E, 0, leaf.container, FAIL, address(this), leaf.licenseIds, 0, 4 | 8 | 16);
        referee.proveJob(leaf, votes, proof);
    }

    // ---------------------------------------------------------------- gas griefing

    /// Huge arrays are refused before any signature is recovered or any leaf hashed: votes (4,000), licenses (4,000,
    /// with as many operators), proof nodes (4,000). Each refusal costs the referee's execution under 30,000 gas, less
    /// than ten signature recoveries; the calldata is the attacker's to pay.
    function test_Griefing_HugeArraysAreRefusedEarly() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[1];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 1);
        uint256 huge = 4_000;

        ICheckerReferee.Vote[] memory manyVotes = new ICheckerReferee.Vote[](huge);
        (uint256 used, bool ok, bytes memory ret) = _meter(abi.encodeCall(referee.proveJob, (leaf, manyVotes, proof)));
        assertFalse(ok, "huge votes refused");
        assertEq(ret, abi.encodeWithSelector(ICheckerReferee.LeafLengthMismatch.selector, 5, 5, huge), "error");
        assertLt(used, 30_000, "gas of refusing 4,000 votes");

        ICheckerReferee.JobLeaf memory wide = _attackerLeaf(E, 1, leaf.container, _ids(1, huge));
        (used, ok, ret) = _meter(abi.encodeCall(referee.proveJob, (wide, manyVotes, proof)));
        assertFalse(ok, "huge leaf refused");
        assertEq(ret, abi.encodeWithSelector(ICheckerReferee.WrongLicenseCount.selector, huge, 5), "error");
        assertLt(used, 30_000, "gas of refusing 4,000 licenses");

        bytes32[] memory deep = new bytes32[](huge);
        ICheckerReferee.Vote[] memory votes = _signed(leaf, _verdicts(5, 5));
        (used, ok, ret) = _meter(abi.encodeCall(referee.proveJob, (leaf, votes, deep)));
        assertFalse(ok, "huge proof refused");
        assertEq(ret, abi.encodeWithSelector(ICheckerReferee.WrongProofLength.selector, huge, 3), "error");
        assertLt(used, 30_000, "gas of refusing 4,000 proof nodes");

        (used, ok, ret) = _meter(abi.encodeCall(referee.reportEquivocation, (wide, deep, 0, votes[0], votes[1])));
        assertFalse(ok, "huge equivocation leaf refused");
        assertEq(ret, abi.encodeWithSelector(ICheckerReferee.WrongLicenseCount.selector, huge, 5), "error");
        assertLt(used, 30_000, "gas of refusing a huge equivocation report");
    }

    /// Lying lengths: the votes array claims 2^32 entries, or the proof 2^64 nodes, with no data behind them. The
    /// ABI decoder refuses the call on entry (empty revert data), cheaply.
    function test_Griefing_LyingArrayLengthsAreRefusedOnEntry() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[1];
        bytes32[] memory proof = AssignmentTree.proof(leaves, 1);
        ICheckerReferee.Vote[] memory votes = new ICheckerReferee.Vote[](0);
        bytes memory data = abi.encodeCall(referee.proveJob, (leaf, votes, proof));
        // Head: selector, then the offsets of leaf, votes and proof; votes' length word is at its offset.
        uint256 votesAt = 4 + _word(data, 4 + 32);
        _setWord(data, votesAt, 1 << 32);
        (uint256 used, bool ok, bytes memory ret) = _meter(data);
        assertFalse(ok, "lying votes length refused");
        assertEq(ret.length, 0, "by the ABI decoder");
        assertLt(used, 30_000, "cheaply");

        data = abi.encodeCall(referee.proveJob, (leaf, _signed(leaf, _verdicts(5, 5)), new bytes32[](0)));
        uint256 proofAt = 4 + _word(data, 4 + 64);
        _setWord(data, proofAt, 1 << 64);
        (used, ok, ret) = _meter(data);
        assertFalse(ok, "lying proof length refused");
        assertEq(ret.length, 0, "by the ABI decoder");
        assertLt(used, 30_000, "cheaply");
    }

    function _word(bytes memory data, uint256 at) internal pure returns (uint256 w) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            w := mload(add(add(data, 0x20), at))
        }
    }

    function _setWord(bytes memory data, uint256 at, uint256 w) internal pure {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(add(add(data, 0x20), at), w)
        }
    }

    // ---------------------------------------------------------------- equivocation

    /// The same pair swapped, and a second pair of different signatures (other metrics) for the same license in the
    /// same job: one piece of evidence, once. The same license's equivocation in another job is other evidence.
    function test_Equivocation_SwappedOrResignedEvidenceCountsOnce() public {
        uint256 key = keyOf[_stored[2].operators[2]]; // license 5, index 2 of job 2 (licenses 3..7)
        (ICheckerReferee.Vote memory pass, ICheckerReferee.Vote memory fail) = _pair(2, 2, key, "pass", "fail");
        vm.prank(stranger);
        _report(2, 2, pass, fail);
        uint64 until = license.bannedUntil(5);
        bytes memory used = abi.encodeWithSelector(ICheckerReferee.EvidenceAlreadyUsed.selector, E, 2, 5);
        vm.expectRevert(used);
        _report(2, 2, fail, pass); // swapped
        (pass, fail) = _pair(2, 2, key, "other", "yet other"); // re-signed over other metrics
        vm.warp(block.timestamp + 1 days); // a later report would push the ban further
        vm.expectRevert(used);
        _report(2, 2, pass, fail);
        assertEq(license.bannedUntil(5), until, "not extended by re-signed evidence");

        // License 5 equivocating in job 1 (licenses 2..6, index 3) is new evidence: counted, the ban extended.
        (pass, fail) = _pair(1, 3, key, "pass", "fail");
        _report(1, 3, pass, fail);
        assertEq(license.bannedUntil(5), until + 1 days, "another job's evidence");
    }

    /// @dev A Pass and a Fail of license `i` of job `j`, signed with `key` over metrics named `passMetrics` and
    /// `failMetrics`.
    function _pair(
        uint256 j,
        uint256 i,
        uint256 key,
        string memory passMetrics,
        string memory failMetrics
    ) internal view returns (ICheckerReferee.Vote memory pass, ICheckerReferee.Vote memory fail) {
        ICheckerReferee.JobLeaf memory leaf = _stored[j];
        pass = ICheckerReferee.Vote(PASS, keccak256(bytes(passMetrics)), 0, 0);
        fail = ICheckerReferee.Vote(FAIL, keccak256(bytes(failMetrics)), 0, 0);
        (pass.r, pass.vs) = vm.signCompact(key, _digestOf(leaf, i, pass));
        (fail.r, fail.vs) = vm.signCompact(key, _digestOf(leaf, i, fail));
    }

    /// @dev Reports license `i` of job `j` with `a` and `b` (the next external call: fit for `vm.expectRevert`).
    function _report(uint256 j, uint256 i, ICheckerReferee.Vote memory a, ICheckerReferee.Vote memory b) internal {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        referee.reportEquivocation(leaves[j], AssignmentTree.proof(leaves, j), i, a, b);
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

    /// Evidence against an assignment not final yet, vetoed, or re-posted and not final again: refused; once the
    /// re-posted assignment is final, the same evidence bans, once.
    function test_Equivocation_AgainstANotFinalOrVetoedAssignment() public {
        uint64 e = E + 1;
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(e, 3);
        bytes32 root = AssignmentTree.root(AssignmentTree.hashes(leaves));
        bytes32[] memory proof = AssignmentTree.proof(leaves, 1);
        ICheckerReferee.JobLeaf memory leaf = leaves[1];
        uint256 key = keyOf[leaf.operators[0]];
        ICheckerReferee.Vote memory pass = _vote(_domain(referee), key, leaf, 0, PASS);
        ICheckerReferee.Vote memory fail = _vote(_domain(referee), key, leaf, 0, FAIL);
        uint256 id = leaf.licenseIds[0];

        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, e));
        referee.reportEquivocation(leaf, proof, 0, pass, fail);
        _revealSeed(referee, refereeAccount, e);
        vm.prank(refereeAccount);
        referee.postAssignment(e, root, 3, ASSIGNMENT_URI);
        uint256 finalAt = referee.assignmentOf(e).finalAt;
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentNotFinal.selector, e, finalAt));
        referee.reportEquivocation(leaf, proof, 0, pass, fail);
        vm.prank(guardian);
        referee.vetoAssignment(e);
        vm.warp(finalAt);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoAssignment.selector, e));
        referee.reportEquivocation(leaf, proof, 0, pass, fail);

        vm.prank(refereeAccount);
        referee.postAssignment(e, root, 3, ASSIGNMENT_URI); // the same tree, re-posted
        uint256 again = referee.assignmentOf(e).finalAt;
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.AssignmentNotFinal.selector, e, again));
        referee.reportEquivocation(leaf, proof, 0, pass, fail);
        assertFalse(license.isBanned(id), "nothing banned before the assignment is final");
        vm.warp(again);
        referee.reportEquivocation(leaf, proof, 0, pass, fail);
        assertTrue(license.isBanned(id), "banned once final");
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.EvidenceAlreadyUsed.selector, e, 1, id));
        referee.reportEquivocation(leaf, proof, 0, fail, pass);
    }

    /// A report can't shorten a longer ban: a permanent one (the largest end the license stores) and one ending
    /// exactly when the report's would are kept as they are.
    function test_Equivocation_CantShortenALongerBan() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[3]; // licenses 4..8
        bytes32[] memory proof = AssignmentTree.proof(leaves, 3);
        uint64 forever = type(uint48).max;
        license.ban(4, forever);
        uint64 sameEnd = uint64(block.timestamp) + 365 days;
        license.ban(5, sameEnd);
        for (uint256 i; i < 2; ++i) {
            uint256 key = keyOf[leaf.operators[i]];
            uint64 expected = i == 0 ? forever : sameEnd;
            vm.expectEmit(address(referee));
            emit ICheckerReferee.Equivocation(E, 3, leaf.licenseIds[i], leaf.operators[i], expected);
            referee.reportEquivocation(
                leaf,
                proof,
                i,
                _vote(_domain(referee), key, leaf, i, PASS),
                _vote(_domain(referee), key, leaf, i, FAIL)
            );
            assertEq(license.bannedUntil(leaf.licenseIds[i]), expected, "kept");
        }
    }

    /// Stale evidence: license 8's committed operator signed both verdicts of job 3 in epoch 1, and nobody reported it.
    /// Four hundred days later the license has been sold to a buyer who had nothing to do with it; the evidence, still
    /// unused, is reported then. Safe: evidence that old no longer bans (the seller's year would be the buyer's).
    function test_Equivocation_StaleEvidenceDoesNotBanTheNextOwner() public {
        ICheckerReferee.JobLeaf[] memory leaves = _leaves();
        ICheckerReferee.JobLeaf memory leaf = leaves[3]; // licenses 4..8
        bytes32[] memory proof = AssignmentTree.proof(leaves, 3);
        uint256 key = keyOf[leaf.operators[4]];
        ICheckerReferee.Vote memory pass = _vote(_domain(referee), key, leaf, 4, PASS);
        ICheckerReferee.Vote memory fail = _vote(_domain(referee), key, leaf, 4, FAIL);
        vm.warp(block.timestamp + 400 days);
        address buyer = makeAddr("innocent buyer");
        compliance.setAllowed(buyer, true); // a license's receiver holds a valid attestation
        vm.prank(owner);
        license.transferFrom(owner, buyer, 8);
        vm.prank(stranger);
        try referee.reportEquivocation(leaf, proof, 4, pass, fail) {} catch {}
        assertFalse(license.isBanned(8), "the buyer's license is not banned for an equivocation 400 days old");
    }
}
