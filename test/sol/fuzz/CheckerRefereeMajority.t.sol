// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {CheckerLicense} from "../../../contracts/license/CheckerLicense.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {Kyc} from "../utils/Kyc.sol";

/// @notice Twelve licenses of one owner, the first eight delegated to their own operators, and a referee; votes are
/// signed here over EIP-712 digests built by hand from the type strings, so a wrong type hash, domain or field order in
/// the referee makes every proof fail.
abstract contract RefereeMajorityBase is Test {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant CHECK_RESULT_TYPEHASH = keccak256(
        "CheckResult(bytes32 jobId,bytes32 container,uint64 epoch,uint256 licenseId,uint8 verdict,bytes32 metricsHash)"
    );
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint256 internal constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    uint256 internal constant LICENSES = 12;
    uint256 internal constant DELEGATED = 8;
    uint64 internal constant DELEGATION = 365 days;

    CheckerLicense internal license;
    CheckerReferee internal referee;
    address internal owner;
    uint256 internal ownerKey;
    /// @dev Operator key and delegation end of each license (zero: none, the owner signs).
    mapping(uint256 licenseId => uint256) internal operatorKey;
    mapping(uint256 licenseId => uint64) internal delegatedUntil;

    function _deploy() internal {
        vm.warp(1_750_000_000);
        ComplianceRegistry registry = new ComplianceRegistry(address(this), new bytes8[](0));
        license = new CheckerLicense(address(this), IComplianceRegistry(address(registry)), 0);
        license.grantRole(license.MINTER_ROLE(), address(this));
        license.grantRole(license.BAN_ROLE(), address(this));
        (owner, ownerKey) = makeAddrAndKey("owner");
        Kyc.grantSigner(registry);
        Kyc.allow(registry, owner); // receiving licenses needs KYC (SPEC §8)
        license.mint(owner, LICENSES);
        referee = _newReferee();
        for (uint256 id = 1; id <= DELEGATED; ++id) _delegate(id, uint256(keccak256(abi.encode("operator", id))));
    }

    /// @dev A referee over the same license; only `proveJob` is used, so the pools are placeholders.
    function _newReferee() internal returns (CheckerReferee) {
        return
            new CheckerReferee(
                address(this),
                address(this),
                address(this),
                license,
                RewardPool(address(0xB45E)),
                RewardPool(address(0xB0B0)),
                uint64(block.timestamp)
            );
    }

    function _delegate(uint256 id, uint256 key) internal {
        uint64 until = uint64(block.timestamp) + DELEGATION;
        vm.prank(owner);
        license.setUser(id, vm.addr(key), until);
        operatorKey[id] = key;
        delegatedUntil[id] = until;
    }

    /// @dev Who must sign for `id` now: its operator while delegated, else its owner.
    function _signerKey(uint256 id) internal view returns (uint256) {
        return delegatedUntil[id] >= block.timestamp ? operatorKey[id] : ownerKey;
    }

    function _domain(uint256 chainId, address verifyingContract) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    keccak256("Aethir Checker Referee"),
                    keccak256("1"),
                    chainId,
                    verifyingContract
                )
            );
    }

    function _domain() internal view returns (bytes32) {
        return _domain(block.chainid, address(referee));
    }

    function _digest(
        bytes32 domain,
        ICheckerReferee.Job memory job,
        ICheckerReferee.Vote memory v
    ) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                CHECK_RESULT_TYPEHASH,
                job.jobId,
                job.container,
                job.epoch,
                v.licenseId,
                v.verdict,
                v.metricsHash
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// @dev Vote of license `id` for `job`, signed with `key` under `domain`.
    function _vote(
        bytes32 domain,
        uint256 key,
        ICheckerReferee.Job memory job,
        uint256 id,
        ICheckerReferee.Verdict verdict
    ) internal pure returns (ICheckerReferee.Vote memory v) {
        v.licenseId = id;
        v.verdict = verdict;
        v.metricsHash = keccak256(abi.encode(job.jobId, id));
        (v.r, v.vs) = vm.signCompact(key, _digest(domain, job, v));
    }

    /// @dev `count` distinct license ids in ascending order, chosen from 1..LICENSES by `seed` (selection sampling).
    function _pick(uint256 seed, uint256 count) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](count);
        uint256 k;
        for (uint256 id = 1; id <= LICENSES && k < count; ++id) {
            if (uint256(keccak256(abi.encode(seed, id))) % (LICENSES - id + 1) < count - k) ids[k++] = id;
        }
    }

    function _verdict(uint256 verdictBits, uint256 i) internal pure returns (ICheckerReferee.Verdict) {
        return (verdictBits >> i) & 1 == 1 ? ICheckerReferee.Verdict.Pass : ICheckerReferee.Verdict.Fail;
    }

    /// @dev Every license's vote for `job`, signed by its current checker under `domain`; bit i of `verdictBits` set
    /// means vote i is Pass.
    function _votes(
        bytes32 domain,
        ICheckerReferee.Job memory job,
        uint256[] memory ids,
        uint256 verdictBits
    ) internal view returns (ICheckerReferee.Vote[] memory votes) {
        votes = new ICheckerReferee.Vote[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            votes[i] = _vote(domain, _signerKey(ids[i]), job, ids[i], _verdict(verdictBits, i));
        }
    }

    /// @dev The address ecrecover gives for vote `v` of `job` under this referee's real domain.
    function _recovered(ICheckerReferee.Job memory job, ICheckerReferee.Vote memory v) internal view returns (address) {
        uint8 parity = uint8(uint256(v.vs) >> 255);
        bytes32 s = bytes32(uint256(v.vs) & (type(uint256).max >> 1));
        return ecrecover(_digest(_domain(), job, v), 27 + parity, v.r, s);
    }

    function _job(bytes32 jobId) internal pure returns (ICheckerReferee.Job memory) {
        return ICheckerReferee.Job({jobId: jobId, container: keccak256(abi.encode("container", jobId)), epoch: 7});
    }
}

/// @notice Random N (1 to 3), random license sets and random verdicts: `proveJob` records exactly the majority and its
/// event carries every license and a pass bitmap matching the votes; every malformed proof is refused with its error.
contract CheckerRefereeMajorityFuzzTest is RefereeMajorityBase {
    function setUp() public {
        _deploy();
    }

    /// @dev N in 1..3 (set on the referee), and a proof of a fresh job by `ids` voting `verdictBits`.
    function _setup(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits
    ) internal returns (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) {
        uint256 n = bound(nSeed, 1, 3);
        if (referee.n() != n) referee.setN(n);
        job = _job(keccak256(abi.encode("job", nSeed, licenseSeed, verdictBits)));
        ids = _pick(licenseSeed, 2 * n + 1);
        votes = _votes(_domain(), job, ids, verdictBits);
    }

    function testFuzz_RecordsExactlyTheMajority(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        address prover
    ) public {
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 count = ids.length;
        uint256 passBits = verdictBits & ((1 << count) - 1);
        uint256 passes;
        for (uint256 i; i < count; ++i) if (votes[i].verdict == ICheckerReferee.Verdict.Pass) ++passes;
        ICheckerReferee.Verdict majority =
            2 * passes > count ? ICheckerReferee.Verdict.Pass : ICheckerReferee.Verdict.Fail;

        vm.expectEmit(address(referee));
        emit ICheckerReferee.JobProven(job.jobId, job.container, job.epoch, majority, prover, ids, passBits);
        vm.prank(prover);
        ICheckerReferee.Verdict verdict = referee.proveJob(job, votes);

        assertEq(uint256(verdict), uint256(majority), "returned verdict is the majority");
        assertEq(uint256(referee.provenVerdict(job.jobId)), uint256(majority), "recorded verdict is the majority");
        assertEq(_popcount(passBits), passes, "pass bitmap counts the Pass votes");
        assertTrue(passes != count - passes, "2N+1 votes never tie");

        // A job is proven once, whatever the votes of the second proof.
        ICheckerReferee.Vote[] memory again = _votes(_domain(), job, ids, ~verdictBits);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.JobAlreadyProven.selector, job.jobId));
        referee.proveJob(job, again);
    }

    function testFuzz_RefusesAWrongCount(uint256 nSeed, uint256 countSeed) public {
        uint256 n = bound(nSeed, 1, 3);
        referee.setN(n);
        uint256 count = bound(countSeed, 0, LICENSES);
        vm.assume(count != 2 * n + 1);
        ICheckerReferee.Job memory job = _job(keccak256(abi.encode(countSeed)));
        ICheckerReferee.Vote[] memory votes = _votes(_domain(), job, _pick(countSeed, count), countSeed);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongResultCount.selector, count, 2 * n + 1));
        referee.proveJob(job, votes);
    }

    function testFuzz_RefusesADuplicateOrDescendingLicense(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint256 indexSeed,
        bool duplicate
    ) public {
        (ICheckerReferee.Job memory job, , ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 k = bound(indexSeed, 1, votes.length - 1);
        if (duplicate) {
            votes[k] = votes[k - 1]; // the same license's (validly signed) vote twice
        } else {
            (votes[k - 1], votes[k]) = (votes[k], votes[k - 1]);
        }
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LicensesNotAscending.selector, k));
        referee.proveJob(job, votes);
    }

    function testFuzz_RefusesAnyoneButTheCurrentChecker(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint256 indexSeed,
        uint256 keySeed
    ) public {
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        uint256 key = bound(keySeed, 1, SECP256K1_N - 1);
        address expected = vm.addr(_signerKey(ids[k]));
        vm.assume(vm.addr(key) != expected);
        votes[k] = _vote(_domain(), key, job, ids[k], votes[k].verdict);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, ids[k], vm.addr(key), expected));
        referee.proveJob(job, votes);
    }

    /// After its operator's delegation ends, a license's votes are signed by its owner, and the operator's no longer
    /// count.
    function testFuzz_OwnerSignsOnceTheDelegationEnds(uint256 licenseSeed, uint256 verdictBits, uint256 late) public {
        referee.setN(2);
        vm.warp(block.timestamp + DELEGATION + bound(late, 1, 3650 days));
        ICheckerReferee.Job memory job = _job(keccak256(abi.encode("late", licenseSeed)));
        uint256[] memory ids = _pick(licenseSeed, 5);
        ICheckerReferee.Vote[] memory votes = _votes(_domain(), job, ids, verdictBits);
        for (uint256 i; i < ids.length; ++i) assertEq(_signerKey(ids[i]), ownerKey, "owner signs");
        if (ids[0] <= DELEGATED) {
            ICheckerReferee.Vote[] memory byOperator = _votes(_domain(), job, ids, verdictBits);
            byOperator[0] = _vote(_domain(), operatorKey[ids[0]], job, ids[0], byOperator[0].verdict);
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICheckerReferee.WrongSigner.selector,
                    ids[0],
                    vm.addr(operatorKey[ids[0]]),
                    owner
                )
            );
            referee.proveJob(job, byOperator);
        }
        referee.proveJob(job, votes);
    }

    function testFuzz_RefusesABannedLicense(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint256 indexSeed,
        uint256 duration
    ) public {
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        uint64 until = uint64(block.timestamp + bound(duration, 1, DELEGATION - 1)); // the votes' signers stay
        license.ban(ids[k], until);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.LicenseIsBanned.selector, ids[k]));
        referee.proveJob(job, votes);
        // The ban's end is its last second: one second later the same votes prove the job.
        vm.warp(until + 1);
        referee.proveJob(job, votes);
    }

    function testFuzz_RefusesAMissingVerdict(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint256 indexSeed
    ) public {
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        votes[k] = _vote(_domain(), _signerKey(ids[k]), job, ids[k], ICheckerReferee.Verdict.None);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidVerdict.selector, k));
        referee.proveJob(job, votes);
    }

    function testFuzz_RefusesAHighSOrASignatureWithoutSigner(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint256 indexSeed,
        uint256 sSeed
    ) public {
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        bytes32 r = votes[k].r;
        // Any s above half the order, with either yParity: the malleable twins OZ's ECDSA refuses too.
        uint256 s = bound(sSeed, HALF_CURVE_ORDER + 1, type(uint256).max >> 1);
        votes[k].vs = bytes32(s | (sSeed & (1 << 255)));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignatureS.selector, ids[k], bytes32(s)));
        referee.proveJob(job, votes);
        // r = 0 is no curve point: ecrecover finds no signer.
        votes[k] = _vote(_domain(), _signerKey(ids[k]), job, ids[k], votes[k].verdict);
        votes[k].r = bytes32(0);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignature.selector, ids[k]));
        referee.proveJob(job, votes);
        votes[k].r = r;
        referee.proveJob(job, votes);
    }

    /// A vote signed for another chain id recovers someone else on this chain.
    function testFuzz_RefusesASignatureForAnotherChain(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint256 indexSeed,
        uint256 otherChainId
    ) public {
        vm.assume(otherChainId != block.chainid);
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        bytes32 otherDomain = _domain(otherChainId, address(referee));
        votes[k] = _vote(otherDomain, _signerKey(ids[k]), job, ids[k], votes[k].verdict);
        _expectWrongSigner(job, ids[k], votes[k]);
        referee.proveJob(job, votes);
    }

    /// Votes signed on this chain, replayed on a fork with another chain id (same contract address).
    function testFuzz_RefusesAReplayOnAFork(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint64 forkChainId
    ) public {
        vm.assume(forkChainId != block.chainid && forkChainId != 0);
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        vm.chainId(forkChainId);
        _expectWrongSigner(job, ids[0], votes[0]);
        referee.proveJob(job, votes);
    }

    /// A vote signed for another referee contract (another deployment, or any other address) is refused.
    function testFuzz_RefusesASignatureForAnotherReferee(
        uint256 nSeed,
        uint256 licenseSeed,
        uint256 verdictBits,
        uint256 indexSeed,
        address otherReferee
    ) public {
        vm.assume(otherReferee != address(referee));
        CheckerReferee twin = _newReferee();
        (ICheckerReferee.Job memory job, uint256[] memory ids, ICheckerReferee.Vote[] memory votes) = _setup(
            nSeed,
            licenseSeed,
            verdictBits
        );
        uint256 k = bound(indexSeed, 0, votes.length - 1);
        ICheckerReferee.Vote memory honest = votes[k];

        votes[k] = _vote(_domain(block.chainid, otherReferee), _signerKey(ids[k]), job, ids[k], honest.verdict);
        _expectWrongSigner(job, ids[k], votes[k]);
        referee.proveJob(job, votes);

        // The whole proof signed for the twin deployment: valid there, refused here.
        twin.setN(referee.n());
        ICheckerReferee.Vote[] memory forTwin = _votes(_domain(block.chainid, address(twin)), job, ids, verdictBits);
        _expectWrongSigner(job, ids[0], forTwin[0]);
        referee.proveJob(job, forTwin);
        twin.proveJob(job, forTwin);

        votes[k] = honest;
        referee.proveJob(job, votes);
    }

    /// @dev Expects `proveJob` to name the address `v` recovers to under this referee's real domain (or, if none,
    /// the signature as invalid).
    function _expectWrongSigner(ICheckerReferee.Job memory job, uint256 id, ICheckerReferee.Vote memory v) internal {
        address recovered = _recovered(job, v);
        if (recovered == address(0)) {
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignature.selector, id));
        } else {
            address expected = vm.addr(_signerKey(id));
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, id, recovered, expected));
        }
    }

    function _popcount(uint256 x) internal pure returns (uint256 c) {
        for (; x != 0; x &= x - 1) ++c;
    }
}

/// @notice Random proofs (valid, or with one fault), bans, unbans, new delegations, changes of N and time passing:
/// every proof's outcome is the one predicted from the votes and the licenses' state, a proven job keeps its
/// majority verdict, and a refused job stays unproven.
contract CheckerRefereeMajorityInvariantTest is Test {
    RefereeMajorityHandler internal handler;

    function setUp() public {
        handler = new RefereeMajorityHandler();
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](6);
        actions[0] = RefereeMajorityHandler.prove.selector;
        actions[1] = RefereeMajorityHandler.prove.selector; // proofs twice as often as the rest
        actions[2] = RefereeMajorityHandler.ban.selector;
        actions[3] = RefereeMajorityHandler.unban.selector;
        actions[4] = RefereeMajorityHandler.delegate.selector;
        actions[5] = RefereeMajorityHandler.wait.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    function invariant_outcomesAsPredicted() public view {
        assertEq(handler.mispredicted(), 0, "a proof succeeded or failed against the prediction");
    }

    function invariant_provenJobsKeepTheirMajority() public view {
        CheckerReferee referee = handler.refereeUnderTest();
        for (uint256 i; i < handler.provenCount(); ++i) {
            bytes32 jobId = handler.proven(i);
            assertEq(uint256(referee.provenVerdict(jobId)), uint256(handler.majorityOf(jobId)), "majority recorded");
        }
    }

    function invariant_refusedJobsStayUnproven() public view {
        CheckerReferee referee = handler.refereeUnderTest();
        for (uint256 i; i < handler.refusedCount(); ++i) {
            assertEq(uint256(referee.provenVerdict(handler.refused(i))), 0, "a refused job was recorded");
        }
    }
}

/// @notice Drives the referee and the license for the invariant test; it deploys both and is their admin.
contract RefereeMajorityHandler is RefereeMajorityBase {
    enum Fault {
        None,
        WrongSigner,
        NotAscending,
        MissingVerdict,
        AlreadyProven,
        WrongCount
    }

    bytes32[] public proven;
    bytes32[] public refused;
    mapping(bytes32 jobId => ICheckerReferee.Verdict) public majorityOf;
    uint256 public mispredicted;
    uint256 private _jobs;

    constructor() {
        _deploy();
    }

    function provenCount() external view returns (uint256) {
        return proven.length;
    }

    function refusedCount() external view returns (uint256) {
        return refused.length;
    }

    function refereeUnderTest() external view returns (CheckerReferee) {
        return referee;
    }

    /// @notice A proof of a fresh job (or of an already proven one) by random licenses, with at most one fault.
    function prove(uint256 nSeed, uint256 licenseSeed, uint256 verdictBits, uint256 faultSeed) external {
        uint256 n = bound(nSeed, 1, 3);
        if (referee.n() != n) referee.setN(n);
        Fault fault = Fault(faultSeed % 12 < 6 ? 0 : faultSeed % 6); // half of the proofs valid
        if (fault == Fault.AlreadyProven && proven.length == 0) fault = Fault.None;
        bytes32 jobId =
            fault == Fault.AlreadyProven
                ? proven[faultSeed % proven.length]
                : keccak256(abi.encode("handler-job", _jobs++));
        ICheckerReferee.Job memory job = _job(jobId);
        uint256[] memory ids = _pick(licenseSeed, fault == Fault.WrongCount ? 2 * n : 2 * n + 1);
        ICheckerReferee.Vote[] memory votes = _votes(_domain(), job, ids, verdictBits);
        uint256 k = (faultSeed >> 8) % ids.length;
        if (fault == Fault.WrongSigner) {
            votes[k] = _vote(
                _domain(),
                uint256(keccak256(abi.encode("stranger", faultSeed))),
                job,
                ids[k],
                votes[k].verdict
            );
        } else if (fault == Fault.NotAscending) {
            k = k == 0 ? 1 : k;
            (votes[k - 1], votes[k]) = (votes[k], votes[k - 1]);
        } else if (fault == Fault.MissingVerdict) {
            votes[k] = _vote(_domain(), _signerKey(ids[k]), job, ids[k], ICheckerReferee.Verdict.None);
        }
        bool banned;
        for (uint256 i; i < ids.length; ++i) banned = banned || license.isBanned(ids[i]);
        bool expectSuccess = fault == Fault.None && !banned;

        uint256 passes;
        for (uint256 i; i < votes.length; ++i) if (votes[i].verdict == ICheckerReferee.Verdict.Pass) ++passes;
        ICheckerReferee.Verdict majority =
            2 * passes > votes.length ? ICheckerReferee.Verdict.Pass : ICheckerReferee.Verdict.Fail;

        try referee.proveJob(job, votes) returns (ICheckerReferee.Verdict verdict) {
            if (!expectSuccess || verdict != majority) ++mispredicted;
            proven.push(jobId);
            majorityOf[jobId] = verdict;
        } catch {
            if (expectSuccess) ++mispredicted;
            if (fault != Fault.AlreadyProven) refused.push(jobId);
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

    /// @notice Time passes: bans and, after a year, delegations end (the owner then signs).
    function wait(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 90 days));
    }
}
