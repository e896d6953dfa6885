// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {AssignmentFixture, AssignmentTree, CheckResultDigest} from "../utils/AssignmentTree.sol";
import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {CheckerLicense} from "../../../contracts/license/CheckerLicense.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {Kyc} from "../utils/Kyc.sol";

/// @notice Twelve licenses of one owner, the first eight delegated to their own operators, and a referee (this
/// contract is its admin, referee service and guardian). Jobs are committed in a posted assignment with the licenses'
/// signers at posting time; votes are signed here over EIP-712 digests built by hand from the type strings
/// (CheckResultDigest), so a wrong type hash, domain or field order in the referee makes every proof fail.
abstract contract RefereeMajorityBase is AssignmentFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint256 internal constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    uint256 internal constant LICENSES = 12;
    uint256 internal constant DELEGATED = 8;
    uint64 internal constant DELEGATION = 365 days;
    ICheckerReferee.Verdict internal constant NONE = ICheckerReferee.Verdict.None;
    ICheckerReferee.Verdict internal constant PASS = ICheckerReferee.Verdict.Pass;
    ICheckerReferee.Verdict internal constant FAIL = ICheckerReferee.Verdict.Fail;

    CheckerLicense internal license;
    CheckerReferee internal referee;
    address internal owner;
    uint256 internal ownerKey;
    /// @dev The key behind every signer address these tests create.
    mapping(address account => uint256 key) internal keyOf;

    function _deploy() internal {
        vm.warp(1_750_000_000);
        ComplianceRegistry registry = new ComplianceRegistry(address(this), new bytes8[](0));
        license = new CheckerLicense(address(this), IComplianceRegistry(address(registry)), 0);
        license.grantRole(license.MINTER_ROLE(), address(this));
        license.grantRole(license.BAN_ROLE(), address(this));
        (owner, ownerKey) = makeAddrAndKey("owner");
        keyOf[owner] = ownerKey;
        Kyc.grantSigner(registry);
        Kyc.allow(registry, owner); // receiving licenses needs KYC (SPEC §8)
        license.mint(owner, LICENSES);
        referee = _newReferee();
        for (uint256 id = 1; id <= DELEGATED; ++id) _delegate(id, uint256(keccak256(abi.encode("operator", id))));
    }

    /// @dev A referee over the same license whose epoch 0 starts a day from now (its cut-off is still ahead); only
    /// assignments and proofs are used, so the pools are placeholders.
    function _newReferee() internal returns (CheckerReferee) {
        return
            new CheckerReferee(
                address(this),
                address(this),
                address(this),
                license,
                RewardPool(address(0xB45E)),
                RewardPool(address(0xB0B0)),
                uint64(block.timestamp + 1 days)
            );
    }

    function _delegate(uint256 id, uint256 key) internal {
        address operator = vm.addr(key);
        keyOf[operator] = key;
        vm.prank(owner);
        license.setUser(id, operator, uint64(block.timestamp) + DELEGATION);
    }

    /// @dev Who signs for `id` now: its operator while delegated, else its owner.
    function _signer(uint256 id) internal view returns (address signer) {
        (signer, ) = license.checkerOf(id);
    }

    /// @dev `count` distinct license ids in ascending order, chosen from 1..LICENSES by `seed` (selection sampling).
    function _pick(uint256 seed, uint256 count) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](count);
        uint256 k;
        for (uint256 id = 1; id <= LICENSES && k < count; ++id) {
            if (uint256(keccak256(abi.encode(seed, id))) % (LICENSES - id + 1) < count - k) ids[k++] = id;
        }
    }

    function _containerOf(uint256 job) internal pure returns (bytes32) {
        return keccak256(abi.encode("container", job % 4));
    }

    /// @dev Job `job` of `epoch` checked by `ids`, committed to their signers of now.
    function _commitLeaf(
        uint64 epoch,
        uint32 job,
        uint256[] memory ids
    ) internal view returns (ICheckerReferee.JobLeaf memory) {
        address[] memory operators = new address[](ids.length);
        for (uint256 i; i < ids.length; ++i) operators[i] = _signer(ids[i]);
        return _leaf(epoch, job, _containerOf(job), ids, operators);
    }

    /// @dev `count` jobs of `epoch`, each checked by 2N+1 licenses drawn by `seed`.
    function _jobs(
        uint64 epoch,
        uint256 count,
        uint256 seed
    ) internal view returns (ICheckerReferee.JobLeaf[] memory l) {
        uint256 size = 2 * referee.n() + 1;
        l = new ICheckerReferee.JobLeaf[](count);
        for (uint256 j; j < count; ++j)
            l[j] = _commitLeaf(epoch, uint32(j), _pick(uint256(keccak256(abi.encode(seed, j))), size));
    }

    /// @dev Vote i's verdict from `seed`: None, Pass or Fail, a third each.
    function _verdictOf(uint256 seed, uint256 i) internal pure returns (ICheckerReferee.Verdict) {
        return ICheckerReferee.Verdict(uint256(keccak256(abi.encode(seed, i))) % 3);
    }

    /// @dev Vote i's verdict from `seed`: Pass or Fail, never None.
    function _givenOf(uint256 seed, uint256 i) internal pure returns (ICheckerReferee.Verdict) {
        return (seed >> i) & 1 == 1 ? PASS : FAIL;
    }

    /// @dev The committed operators' keys of `leaf`.
    function _committedKeys(ICheckerReferee.JobLeaf memory leaf) internal view returns (uint256[] memory keys) {
        keys = new uint256[](leaf.operators.length);
        for (uint256 i; i < keys.length; ++i) keys[i] = keyOf[leaf.operators[i]];
    }

    struct Tally {
        uint256 passes;
        uint256 fails;
        uint256 passBits;
        uint256 failBits;
        ICheckerReferee.Verdict majority; // None: no N+1 matching results
    }

    /// @dev The tally of `verdicts` (bit i of `passBits`/`failBits` for vote i), and the majority of N+1.
    function _tally(ICheckerReferee.Verdict[] memory verdicts, uint256 n) internal pure returns (Tally memory t) {
        for (uint256 i; i < verdicts.length; ++i) {
            if (verdicts[i] == PASS) (t.passes, t.passBits) = (t.passes + 1, t.passBits | (1 << i));
            if (verdicts[i] == FAIL) (t.fails, t.failBits) = (t.fails + 1, t.failBits | (1 << i));
        }
        t.majority =
            t.passes > n
                ? PASS
                : t.fails > n
                    ? FAIL
                    : NONE;
    }

    /// @dev The address ecrecover gives for `v` as the result of `leaf.licenseIds[i]` under this referee's domain.
    function _recovered(
        ICheckerReferee.JobLeaf memory leaf,
        uint256 i,
        ICheckerReferee.Vote memory v
    ) internal view returns (address) {
        bytes32 digest = CheckResultDigest.digest(
            _domain(referee),
            leaf.epoch,
            leaf.job,
            leaf.container,
            leaf.licenseIds[i],
            v.verdict,
            v.metricsHash
        );
        uint8 parity = uint8(uint256(v.vs) >> 255);
        return ecrecover(digest, 27 + parity, v.r, bytes32(uint256(v.vs) & (type(uint256).max >> 1)));
    }
}

/// @notice Random N (1 to 4), random license sets, random job counts and positions, random Pass, Fail and None
/// votes: `proveJob` records exactly the N+1 majority with its event, and every malformed proof is refused with its
/// error. Only the committed operators sign, for the whole epoch.
contract CheckerRefereeMajorityFuzzTest is RefereeMajorityBase {
    uint64 internal constant E = 0;

    function setUp() public {
        _deploy();
    }

    /// @dev N in 1..4 (set before posting), an epoch of 1 to 9 jobs posted and final, and job `job` of it.
    function _setup(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed
    ) internal returns (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) {
        uint256 n = bound(nSeed, 1, 4);
        if (referee.n() != n) referee.setN(n);
        leaves = _jobs(E, bound(jobsSeed, 1, 9), licenseSeed);
        _postAssignment(referee, address(this), leaves);
        job = uint32(uint256(keccak256(abi.encode(jobsSeed, licenseSeed))) % leaves.length);
    }

    /// @dev Every vote of `leaf` given (Pass or Fail from `verdictBits`), signed by the committed operators.
    function _given(
        ICheckerReferee.JobLeaf memory leaf,
        uint256 verdictBits
    ) internal view returns (ICheckerReferee.Vote[] memory votes) {
        ICheckerReferee.Verdict[] memory verdicts = new ICheckerReferee.Verdict[](leaf.licenseIds.length);
        for (uint256 i; i < verdicts.length; ++i) verdicts[i] = _givenOf(verdictBits, i);
        votes = _votes(_domain(referee), _committedKeys(leaf), leaf, verdicts);
    }

    function testFuzz_RecordsExactlyTheMajority(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 verdictSeed,
        address prover
    ) public {
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.Verdict[] memory verdicts = new ICheckerReferee.Verdict[](leaves[job].licenseIds.length);
        for (uint256 i; i < verdicts.length; ++i) verdicts[i] = _verdictOf(verdictSeed, i);
        _proveAndCheck(leaves, job, verdicts, prover);
    }

    function _proveAndCheck(
        ICheckerReferee.JobLeaf[] memory leaves,
        uint32 job,
        ICheckerReferee.Verdict[] memory verdicts,
        address prover
    ) internal {
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        ICheckerReferee.Vote[] memory votes = _votes(_domain(referee), _committedKeys(leaf), leaf, verdicts);
        bytes32[] memory proof = AssignmentTree.proof(leaves, job);
        Tally memory t = _tally(verdicts, referee.n());

        if (t.majority == NONE) {
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoMajority.selector, E, job, t.passes, t.fails));
            vm.prank(prover);
            referee.proveJob(leaf, votes, proof);
            assertEq(uint256(referee.verdictOf(E, job)), 0, "no majority, no verdict");
            return;
        }
        vm.expectEmit(address(referee));
        emit ICheckerReferee.JobProven(
            E,
            job,
            leaf.container,
            t.majority,
            prover,
            leaf.licenseIds,
            t.passBits,
            t.failBits
        );
        vm.prank(prover);
        ICheckerReferee.Verdict verdict = referee.proveJob(leaf, votes, proof);
        assertEq(uint256(verdict), uint256(t.majority), "returned verdict is the majority");
        assertEq(uint256(referee.verdictOf(E, job)), uint256(t.majority), "recorded verdict is the majority");
        assertEq(referee.failedJobs(leaf.container, E), t.majority == FAIL ? 1 : 0, "a Fail is counted");
        for (uint256 j; j < leaves.length; ++j) {
            if (j != job) assertEq(uint256(referee.verdictOf(E, uint32(j))), 0, "other jobs untouched");
        }

        // A job is proven once, whatever the votes of the second proof.
        for (uint256 i; i < verdicts.length; ++i) verdicts[i] = verdicts[i] == PASS ? FAIL : PASS;
        votes = _votes(_domain(referee), _committedKeys(leaf), leaf, verdicts);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobAlreadyProven.selector, E, job));
        referee.proveJob(leaf, votes, proof);
    }

    function testFuzz_RefusesAWrongCount(uint256 nSeed, uint256 licenseSeed, uint256 countSeed) public {
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, countSeed);
        uint256 n = referee.n();
        uint256 count = bound(countSeed, 0, LICENSES);
        vm.assume(count != 2 * n + 1);
        ICheckerReferee.JobLeaf memory leaf = _commitLeaf(E, job, _pick(countSeed, count));
        ICheckerReferee.Vote[] memory votes = _given(leaf, countSeed);
        bytes32[] memory proof = AssignmentTree.proof(leaves, job);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongLicenseCount.selector, count, 2 * n + 1));
        referee.proveJob(leaf, votes, proof);
    }

    /// A referee that committed a leaf with two licenses swapped, or one listed twice: nothing of that job proves.
    function testFuzz_RefusesADuplicateOrDescendingLicense(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 indexSeed,
        bool duplicate
    ) public {
        uint256 n = bound(nSeed, 1, 4);
        referee.setN(n);
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(E, bound(jobsSeed, 1, 9), licenseSeed);
        uint32 job = uint32(jobsSeed % leaves.length);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        uint256 k = bound(indexSeed, 1, 2 * n);
        if (duplicate) {
            (leaf.licenseIds[k], leaf.operators[k]) = (leaf.licenseIds[k - 1], leaf.operators[k - 1]);
        } else {
            (leaf.licenseIds[k - 1], leaf.licenseIds[k]) = (leaf.licenseIds[k], leaf.licenseIds[k - 1]);
            (leaf.operators[k - 1], leaf.operators[k]) = (leaf.operators[k], leaf.operators[k - 1]);
        }
        _postAssignment(referee, address(this), leaves);
        ICheckerReferee.Vote[] memory votes = _given(leaf, indexSeed);
        bytes32[] memory proof = AssignmentTree.proof(leaves, job);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LicensesNotAscending.selector, k));
        referee.proveJob(leaf, votes, proof);
    }

    function testFuzz_RefusesAnyoneButTheCommittedOperator(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 indexSeed,
        uint256 keySeed
    ) public {
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        ICheckerReferee.Vote[] memory votes = _given(leaf, indexSeed);
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        uint256 key = bound(keySeed, 1, SECP256K1_N - 1);
        vm.assume(vm.addr(key) != leaf.operators[k]);
        votes[k] = _vote(_domain(referee), key, leaf, k, votes[k].verdict);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICheckerReferee.WrongSigner.selector,
                leaf.licenseIds[k],
                vm.addr(key),
                leaf.operators[k]
            )
        );
        referee.proveJob(leaf, votes, AssignmentTree.proof(leaves, job));
    }

    /// After the posting, the license gets a new operator (or, undelegated, its first): the license's current
    /// operator, not the committed one, is refused for this epoch; the committed one still counts.
    function testFuzz_RefusesTheCurrentOperatorWhenNotTheCommittedOne(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 indexSeed,
        uint256 keySeed
    ) public {
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        uint256 k = bound(indexSeed, 0, leaf.licenseIds.length - 1);
        uint256 key = bound(keySeed, 1, SECP256K1_N - 1);
        vm.assume(vm.addr(key) != leaf.operators[k]);
        _delegate(leaf.licenseIds[k], key);
        assertEq(_signer(leaf.licenseIds[k]), vm.addr(key), "the license's current operator");

        ICheckerReferee.Vote[] memory votes = _given(leaf, indexSeed);
        ICheckerReferee.Vote memory committed = votes[k];
        votes[k] = _vote(_domain(referee), key, leaf, k, committed.verdict);
        bytes32[] memory proof = AssignmentTree.proof(leaves, job);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICheckerReferee.WrongSigner.selector,
                leaf.licenseIds[k],
                vm.addr(key),
                leaf.operators[k]
            )
        );
        referee.proveJob(leaf, votes, proof);
        votes[k] = committed;
        referee.proveJob(leaf, votes, proof);
    }

    /// Whatever happens to the licenses after the posting (delegation revoked, changed, expired; a ban), their
    /// committed operators' results prove the job.
    function testFuzz_CommittedOperatorsCountWhateverHappensAfter(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 changeSeed,
        uint256 verdictBits
    ) public {
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        for (uint256 i; i < leaf.licenseIds.length; ++i) {
            uint256 id = leaf.licenseIds[i];
            uint256 what = uint256(keccak256(abi.encode(changeSeed, i))) % 4;
            if (what == 1) {
                vm.prank(owner);
                license.setUser(id, address(0), 0); // revoked
            } else if (what == 2) {
                _delegate(id, uint256(keccak256(abi.encode("new operator", changeSeed, i)))); // changed
            } else if (what == 3) {
                license.ban(id, uint64(block.timestamp + 30 days)); // banned after the cut-off
            }
        }
        if (changeSeed & 1 == 1) vm.warp(block.timestamp + DELEGATION + 1); // every delegation expired
        ICheckerReferee.Vote[] memory votes = _given(leaf, verdictBits);
        ICheckerReferee.Verdict majority = _tally(_verdictsOf(votes), referee.n()).majority;
        referee.proveJob(leaf, votes, AssignmentTree.proof(leaves, job));
        assertEq(uint256(referee.verdictOf(E, job)), uint256(majority), "proven by the committed operators");
    }

    function _verdictsOf(
        ICheckerReferee.Vote[] memory votes
    ) internal pure returns (ICheckerReferee.Verdict[] memory v) {
        v = new ICheckerReferee.Verdict[](votes.length);
        for (uint256 i; i < votes.length; ++i) v[i] = votes[i].verdict;
    }

    function testFuzz_RefusesAHighSOrASignatureWithoutSigner(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 indexSeed,
        uint256 sSeed
    ) public {
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        ICheckerReferee.Vote[] memory votes = _given(leaf, indexSeed);
        bytes32[] memory proof = AssignmentTree.proof(leaves, job);
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        (bytes32 r, bytes32 vs) = (votes[k].r, votes[k].vs);
        // Any s above half the order, with either yParity: the malleable twins OZ's ECDSA refuses too.
        uint256 s = bound(sSeed, HALF_CURVE_ORDER + 1, type(uint256).max >> 1);
        votes[k].vs = bytes32(s | (sSeed & (1 << 255)));
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.InvalidSignatureS.selector, leaf.licenseIds[k], bytes32(s))
        );
        referee.proveJob(leaf, votes, proof);
        // r = 0 is no curve point: ecrecover finds no signer.
        (votes[k].r, votes[k].vs) = (bytes32(0), vs);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignature.selector, leaf.licenseIds[k]));
        referee.proveJob(leaf, votes, proof);
        votes[k].r = r;
        referee.proveJob(leaf, votes, proof);
    }

    /// A vote signed for another chain id recovers someone else on this chain.
    function testFuzz_RefusesASignatureForAnotherChain(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 indexSeed,
        uint256 otherChainId
    ) public {
        vm.assume(otherChainId != block.chainid);
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        ICheckerReferee.Vote[] memory votes = _given(leaf, indexSeed);
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        bytes32 otherDomain = CheckResultDigest.domain(otherChainId, address(referee));
        votes[k] = _vote(otherDomain, keyOf[leaf.operators[k]], leaf, k, votes[k].verdict);
        _expectWrongSigner(leaf, k, votes[k]);
        referee.proveJob(leaf, votes, AssignmentTree.proof(leaves, job));
    }

    /// Votes signed on this chain, replayed on a fork with another chain id (same contract address).
    function testFuzz_RefusesAReplayOnAFork(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 verdictBits,
        uint64 forkChainId
    ) public {
        vm.assume(forkChainId != block.chainid && forkChainId != 0);
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        ICheckerReferee.Vote[] memory votes = _given(leaf, verdictBits);
        bytes32[] memory proof = AssignmentTree.proof(leaves, job);
        vm.chainId(forkChainId);
        _expectWrongSigner(leaf, 0, votes[0]);
        referee.proveJob(leaf, votes, proof);
    }

    /// A vote signed for another referee contract (another deployment, or any other address) is refused; the whole
    /// proof signed for a twin deployment with the same assignment is valid there only.
    function testFuzz_RefusesASignatureForAnotherReferee(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 jobsSeed,
        uint256 indexSeed,
        address otherReferee
    ) public {
        CheckerReferee twin = _newReferee();
        vm.assume(otherReferee != address(referee));
        twin.setN(bound(nSeed, 1, 4));
        (ICheckerReferee.JobLeaf[] memory leaves, uint32 job) = _setup(nSeed, licenseSeed, jobsSeed);
        ICheckerReferee.JobLeaf memory leaf = leaves[job];
        bytes32[] memory proof = AssignmentTree.proof(leaves, job);
        ICheckerReferee.Vote[] memory votes = _given(leaf, indexSeed);
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        ICheckerReferee.Vote memory honest = votes[k];

        votes[k] = _vote(
            CheckResultDigest.domain(block.chainid, otherReferee),
            keyOf[leaf.operators[k]],
            leaf,
            k,
            honest.verdict
        );
        _expectWrongSigner(leaf, k, votes[k]);
        referee.proveJob(leaf, votes, proof);

        _postAssignment(twin, address(this), leaves);
        ICheckerReferee.Verdict[] memory verdicts = _verdictsOf(votes);
        ICheckerReferee.Vote[] memory forTwin = _votes(_domain(twin), _committedKeys(leaf), leaf, verdicts);
        _expectWrongSigner(leaf, 0, forTwin[0]);
        referee.proveJob(leaf, forTwin, proof);
        twin.proveJob(leaf, forTwin, proof);

        votes[k] = honest;
        referee.proveJob(leaf, votes, proof);
    }

    /// @dev Expects `proveJob` to name the address `v` recovers to under this referee's real domain (or, if none,
    /// the signature as invalid).
    function _expectWrongSigner(
        ICheckerReferee.JobLeaf memory leaf,
        uint256 i,
        ICheckerReferee.Vote memory v
    ) internal {
        address recovered = _recovered(leaf, i, v);
        if (recovered == address(0)) {
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignature.selector, leaf.licenseIds[i]));
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICheckerReferee.WrongSigner.selector,
                    leaf.licenseIds[i],
                    recovered,
                    leaf.operators[i]
                )
            );
        }
    }
}

/// @notice Random assignments (N from 1 to 4, 1 to 20 jobs), random proofs (valid, or with one fault: a stranger's
/// signature, the license's current operator instead of the committed one, a job past the count, a forged leaf, an
/// epoch without assignment, another position's proof, a job proven already), bans, unbans, delegation changes and
/// time: every outcome is the predicted one with the predicted error; no verdict is ever recorded outside a posted
/// assignment; no proof with a vote not signed by its committed operator ever succeeds; a proven job keeps its
/// majority and each container's Fail count is the number of its Fail jobs.
contract CheckerRefereeMajorityInvariantTest is Test {
    RefereeMajorityHandler internal handler;

    function setUp() public {
        handler = new RefereeMajorityHandler();
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](9);
        actions[0] = RefereeMajorityHandler.post.selector;
        actions[1] = RefereeMajorityHandler.prove.selector;
        actions[2] = RefereeMajorityHandler.prove.selector; // proofs three times as often as the rest
        actions[3] = RefereeMajorityHandler.prove.selector;
        actions[4] = RefereeMajorityHandler.ban.selector;
        actions[5] = RefereeMajorityHandler.unban.selector;
        actions[6] = RefereeMajorityHandler.delegate.selector;
        actions[7] = RefereeMajorityHandler.revoke.selector;
        actions[8] = RefereeMajorityHandler.wait.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_outcomesAsPredicted() public view {
        assertEq(handler.mispredicted(), 0, "a proof succeeded or failed against the prediction");
        assertEq(handler.wrongError(), 0, "a proof failed with another error than predicted");
    }

    function invariant_onlyCommittedOperatorsCount() public view {
        assertEq(handler.foreignCounted(), 0, "a proof with a vote not by its committed operator succeeded");
    }

    function invariant_noVerdictOutsideAnAssignment() public view {
        CheckerReferee referee = handler.refereeUnderTest();
        for (uint256 i; i < handler.outsideCount(); ++i) {
            (uint64 epoch, uint32 job) = handler.outside(i);
            assertEq(uint256(referee.verdictOf(epoch, job)), 0, "a verdict outside the posted assignments");
        }
        for (uint256 i; i < handler.postedCount(); ++i) {
            uint64 epoch = handler.posted(i);
            uint32 count = referee.assignmentOf(epoch).jobCount;
            for (uint32 job = count; job < count + 3; ++job) {
                assertEq(uint256(referee.verdictOf(epoch, job)), 0, "a verdict past the job count");
            }
        }
        for (uint256 i; i < handler.forgedCount(); ++i) {
            (uint64 epoch, bytes32 container) = handler.forged(i);
            assertEq(referee.failedJobs(container, epoch), 0, "a Fail of a forged leaf's container");
        }
    }

    function invariant_provenJobsKeepTheirMajority() public view {
        CheckerReferee referee = handler.refereeUnderTest();
        for (uint256 i; i < handler.provenCount(); ++i) {
            (uint64 epoch, uint32 job, ICheckerReferee.Verdict majority) = handler.proven(i);
            assertEq(uint256(referee.verdictOf(epoch, job)), uint256(majority), "majority recorded");
        }
    }

    function invariant_failCountsAreTheFailJobs() public view {
        CheckerReferee referee = handler.refereeUnderTest();
        for (uint256 i; i < handler.postedCount(); ++i) {
            uint64 epoch = handler.posted(i);
            for (uint256 c; c < 4; ++c) {
                bytes32 container = keccak256(abi.encode("container", c));
                assertEq(referee.failedJobs(container, epoch), handler.fails(epoch, container), "Fail count");
            }
        }
    }
}

/// @notice Drives the referee and the license for the invariant test; it deploys both and is their admin, the
/// referee service and the licenses' owner's stand-in for delegations.
contract RefereeMajorityHandler is RefereeMajorityBase {
    enum Fault {
        None,
        Stranger,
        CurrentOperator,
        OutOfRange,
        ForgedLeaf,
        NoAssignment,
        OtherPosition,
        AlreadyProven
    }

    struct Outside {
        uint64 epoch;
        uint32 job;
    }

    struct Forged {
        uint64 epoch;
        bytes32 container;
    }

    struct Proven {
        uint64 epoch;
        uint32 job;
        ICheckerReferee.Verdict majority;
    }

    uint64[] public posted;
    Outside[] public outside;
    Forged[] public forged;
    Proven[] public proven;
    mapping(uint64 epoch => mapping(bytes32 container => uint256)) public fails;
    uint256 public mispredicted;
    uint256 public wrongError;
    uint256 public foreignCounted;

    mapping(uint64 epoch => mapping(uint32 job => ICheckerReferee.JobLeaf)) private _leaves;
    mapping(uint64 epoch => bytes32[]) private _hashes;
    mapping(uint64 epoch => mapping(uint32 job => bool)) private _isProven;

    constructor() {
        _deploy();
    }

    function refereeUnderTest() external view returns (CheckerReferee) {
        return referee;
    }

    function postedCount() external view returns (uint256) {
        return posted.length;
    }

    function outsideCount() external view returns (uint256) {
        return outside.length;
    }

    function forgedCount() external view returns (uint256) {
        return forged.length;
    }

    function provenCount() external view returns (uint256) {
        return proven.length;
    }

    /// @notice The referee posts the next epoch that has not started yet: N in 1..4, 1 to 20 jobs, each committed to
    /// its licenses' signers of now.
    function post(uint256 nSeed, uint256 jobsSeed, uint256 licenseSeed) external {
        uint256 n = bound(nSeed, 1, 4);
        if (referee.n() != n) referee.setN(n);
        uint64 epoch = posted.length == 0 ? 0 : posted[posted.length - 1] + 1;
        while (referee.epochStart(epoch) <= block.timestamp) ++epoch;
        ICheckerReferee.JobLeaf[] memory leaves = _jobs(epoch, bound(jobsSeed, 1, 20), licenseSeed);
        for (uint256 j; j < leaves.length; ++j) _leaves[epoch][uint32(j)] = leaves[j];
        _hashes[epoch] = AssignmentTree.hashes(leaves);
        _postAssignment(referee, address(this), leaves);
        posted.push(epoch);
    }

    /// @dev One proof attempt: the job, its (possibly corrupted) leaf, proof and votes, and the error predicted.
    struct Attempt {
        uint64 epoch;
        uint32 job;
        Fault fault;
        bool foreign; // a checked vote not signed by its committed operator
        ICheckerReferee.JobLeaf leaf;
        bytes32[] proof;
        ICheckerReferee.Verdict[] verdicts;
        ICheckerReferee.Vote[] votes;
    }

    /// @notice A proof of a random job of a posted epoch, with at most one fault (half of them none).
    function prove(uint256 epochSeed, uint256 jobSeed, uint256 verdictSeed, uint256 faultSeed) external {
        if (posted.length == 0) return;
        Attempt memory a = _pickJob(epochSeed, jobSeed, faultSeed);
        _corruptLeaf(a, faultSeed);
        _sign(a, verdictSeed, faultSeed);
        _check(a, _expected(a));
    }

    function _pickJob(uint256 epochSeed, uint256 jobSeed, uint256 faultSeed) internal view returns (Attempt memory a) {
        a.epoch = posted[epochSeed % posted.length];
        a.job = uint32(jobSeed % _hashes[a.epoch].length);
        a.fault = faultSeed % 16 < 8 ? Fault.None : Fault(faultSeed % 8);
        if (a.fault == Fault.AlreadyProven) {
            if (proven.length == 0) a.fault = Fault.None;
            else (a.epoch, a.job) = (proven[faultSeed % proven.length].epoch, proven[faultSeed % proven.length].job);
        }
        if (a.fault == Fault.OtherPosition && _hashes[a.epoch].length == 1) a.fault = Fault.None;
        a.leaf = _leaves[a.epoch][a.job];
        a.proof = AssignmentTree.proof(_hashes[a.epoch], a.job);
    }

    /// @dev The leaf and proof faults: a job past the count, a forged container, an epoch without assignment, the
    /// proof of another position.
    function _corruptLeaf(Attempt memory a, uint256 faultSeed) internal {
        uint256 count = _hashes[a.epoch].length;
        if (a.fault == Fault.OutOfRange) {
            a.leaf.job = uint32(count + ((faultSeed >> 16) % 4));
            outside.push(Outside(a.epoch, a.leaf.job));
        } else if (a.fault == Fault.ForgedLeaf) {
            a.leaf.container = keccak256(abi.encode("forged", forged.length));
            forged.push(Forged(a.epoch, a.leaf.container));
        } else if (a.fault == Fault.NoAssignment) {
            a.leaf.epoch = 10_000 + uint64((faultSeed >> 16) % 8);
            outside.push(Outside(a.leaf.epoch, a.leaf.job));
        } else if (a.fault == Fault.OtherPosition) {
            uint256 other = (a.job + 1 + ((faultSeed >> 16) % (count - 1))) % count;
            a.proof = AssignmentTree.proof(_hashes[a.epoch], other);
        }
    }

    /// @dev The votes, signed by the committed operators except for a signer fault: a stranger, or the license's
    /// current operator where it is not the committed one.
    function _sign(Attempt memory a, uint256 verdictSeed, uint256 faultSeed) internal view {
        uint256 size = a.leaf.licenseIds.length;
        a.verdicts = new ICheckerReferee.Verdict[](size);
        for (uint256 i; i < size; ++i) a.verdicts[i] = _verdictOf(verdictSeed, i);
        uint256[] memory keys = _committedKeys(a.leaf);
        uint256 k = (faultSeed >> 8) % size;
        if (a.fault == Fault.Stranger) {
            keys[k] = bound(uint256(keccak256(abi.encode("stranger", faultSeed))), 1, SECP256K1_N - 1);
            a.foreign = true;
        } else if (a.fault == Fault.CurrentOperator) {
            address current = _signer(a.leaf.licenseIds[k]);
            if (current == a.leaf.operators[k]) a.fault = Fault.None;
            else (keys[k], a.foreign) = (keyOf[current], true);
        }
        if (a.foreign && a.verdicts[k] == NONE) a.verdicts[k] = PASS; // a vote that is checked
        a.votes = _votes(_domain(referee), keys, a.leaf, a.verdicts);
    }

    /// @dev The error predicted for `a` (zero: success), in the order the referee checks.
    function _expected(Attempt memory a) internal view returns (bytes4) {
        if (a.fault == Fault.NoAssignment) return ICheckerReferee.NoAssignment.selector;
        if (a.fault == Fault.OutOfRange) return ICheckerReferee.JobOutOfRange.selector;
        if (a.fault == Fault.ForgedLeaf || a.fault == Fault.OtherPosition) {
            return ICheckerReferee.NotInAssignment.selector;
        }
        if (_isProven[a.epoch][a.job]) return ICheckerReferee.JobAlreadyProven.selector;
        if (a.foreign) return ICheckerReferee.WrongSigner.selector;
        if (_tally(a.verdicts, referee.assignmentOf(a.epoch).n).majority == NONE) {
            return ICheckerReferee.NoMajority.selector;
        }
        return bytes4(0);
    }

    function _check(Attempt memory a, bytes4 expected) internal {
        try referee.proveJob(a.leaf, a.votes, a.proof) returns (ICheckerReferee.Verdict verdict) {
            if (expected != bytes4(0)) ++mispredicted;
            if (a.foreign) ++foreignCounted;
            if (verdict != _tally(a.verdicts, referee.assignmentOf(a.epoch).n).majority) ++mispredicted;
            _isProven[a.epoch][a.job] = true;
            proven.push(Proven(a.epoch, a.job, verdict));
            if (verdict == FAIL) ++fails[a.epoch][a.leaf.container];
        } catch (bytes memory reason) {
            if (expected == bytes4(0)) ++mispredicted;
            else if (reason.length < 4 || bytes4(reason) != expected) ++wrongError;
        }
    }

    function ban(uint256 idSeed, uint256 duration) external {
        license.ban(bound(idSeed, 1, LICENSES), uint64(block.timestamp + bound(duration, 1, 60 days)));
    }

    function unban(uint256 idSeed) external {
        uint256 id = bound(idSeed, 1, LICENSES);
        if (license.isBanned(id)) license.unban(id);
    }

    /// @notice The owner hands license `idSeed` to a new operator (refused while the license is banned).
    function delegate(uint256 idSeed, uint256 keySeed) external {
        uint256 id = bound(idSeed, 1, LICENSES);
        if (!license.isBanned(id)) _delegate(id, bound(keySeed, 1, SECP256K1_N - 1));
    }

    /// @notice The owner clears license `idSeed`'s operator: the owner signs for it from now on.
    function revoke(uint256 idSeed) external {
        uint256 id = bound(idSeed, 1, LICENSES);
        if (license.isBanned(id)) return;
        vm.prank(owner);
        license.setUser(id, address(0), 0);
    }

    /// @notice Time passes (blocks too): bans and, after a year, delegations end.
    function wait(uint256 secondsSeed) external {
        uint256 seconds_ = bound(secondsSeed, 1, 3 days);
        vm.warp(block.timestamp + seconds_);
        vm.roll(block.number + seconds_ / 12 + 1);
    }
}
