// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ICheckerReferee} from "../interfaces/ICheckerReferee.sol";
import {IRewardClaims} from "../interfaces/IRewardClaims.sol";
import {CheckerLicense} from "../license/CheckerLicense.sol";
import {RewardPool} from "../pools/RewardPool.sol";

/// @title CheckerReferee
/// @notice SPEC §5 on chain. Every epoch (one UTC day since TGE) has a seed and a committed assignment: the referee
/// commits a secret before the epoch's cut-off (12 hours before it starts), when its licenses and containers are
/// frozen; after the cut-off anyone anchors the seed to a block not built yet, and the secret is revealed against that
/// block's hash (a fallback seed without the secret when the referee withholds it). From the frozen sets and the seed,
/// a published deterministic algorithm deals the epoch's jobs (scripts/referee/assignment.ts); the referee posts the
/// root of the job tree before the epoch starts, and the guardian can veto it in the assignment window, since the
/// contract cannot recompute it (`npm run referee -- verify-assignment` does).
/// A job of a final assignment is proven with its leaf, its Merkle proof and the results its committed operators
/// signed: N+1 matching results decide, and the verdict is stored in two bits; proven Fail jobs are counted per
/// container and epoch for the slashing contract. A committed operator that signed both verdicts of one job is
/// banned, once per piece of evidence.
/// The referee posts one cumulative reward root per epoch, never above what the checker pools released by the
/// epoch's end plus what was returned to them; a root is final after the challenge window unless the guardian vetoes
/// it, and roots are posted in order, each after the previous one is final.
contract CheckerReferee is AccessControl, EIP712, ICheckerReferee {
    bytes32 public constant REFEREE_ROLE = keccak256("REFEREE_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    bytes32 public constant CHECK_RESULT_TYPEHASH = keccak256(
        "CheckResult(uint64 epoch,uint32 job,bytes32 container,uint256 licenseId,uint8 verdict,bytes32 metricsHash)"
    );

    uint256 public constant EPOCH = 1 days;
    /// @notice An epoch's licenses and containers are frozen this long before it starts (its cut-off).
    uint256 public constant FREEZE_LEAD = 12 hours;
    /// @notice The referee's secret must be revealed within this many blocks after the seed's anchor block; after
    /// that anyone anchors again and the secret is forfeited. Below 256: `blockhash` reaches back 256 blocks only.
    uint256 public constant REVEAL_BLOCKS = 128;
    /// @notice The fallback seed can be revealed this many blocks after the reveal deadline (`blockhash`'s reach).
    uint256 public constant FALLBACK_BLOCKS = 256;
    /// @notice Equivocation evidence is refused once this long has passed since its epoch ended, so that an old
    /// signature pair can't ban a license that has changed hands since.
    uint256 public constant MAX_EVIDENCE_AGE = 30 days;
    /// @notice At most this many jobs in an epoch (2^24; an epoch of 100,000 licenses holds about 400,000).
    uint256 public constant MAX_JOBS = 1 << 24;
    uint256 public constant MAX_N = 10;
    uint64 public constant MIN_CHALLENGE_WINDOW = 1 hours;
    uint64 public constant MAX_CHALLENGE_WINDOW = 7 days;
    uint64 public constant MIN_ASSIGNMENT_WINDOW = 1 hours;
    uint64 public constant MAX_ASSIGNMENT_WINDOW = 12 hours;
    /// @notice How long a provably dishonest (equivocating) license is banned.
    uint64 public constant EQUIVOCATION_BAN = 365 days;
    /// @dev Half the secp256k1 group order: the highest s a signature may have (EIP-2), as in OZ's ECDSA.
    uint256 private constant _HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    CheckerLicense public immutable license;
    RewardPool public immutable basePool;
    RewardPool public immutable bonusPool;
    /// @notice Start of epoch 0.
    uint64 public immutable tge;

    /// @notice A job has 2N+1 results (fixed per epoch when its assignment is posted).
    uint256 public n;
    uint64 public challengeWindow;
    /// @notice How long the guardian has to veto a posted assignment.
    uint64 public assignmentWindow;
    /// @notice The epoch the next root must be for.
    uint64 public nextEpoch;
    /// @notice The claims contract, whose pending returns count as returned to the pools (set once).
    IRewardClaims public rewardClaims;

    mapping(uint64 epoch => Seed) private _seeds;
    mapping(uint64 epoch => Assignment) private _assignments;
    /// @notice Whether an assignment of `epoch` was vetoed (it may then be posted again until the epoch ends).
    mapping(uint64 epoch => bool) public assignmentVetoed;
    /// @dev Verdicts, 2 bits a job: word `(epoch << 25) | (job >> 7)`, bits `2 * (job % 128)`.
    mapping(uint256 key => uint256 word) private _verdicts;
    /// @dev Proven Fail jobs per `keccak256(abi.encode(container, epoch))`.
    mapping(bytes32 subject => uint256) private _failedJobs;
    /// @dev Equivocation evidence already used, per `keccak256(abi.encode(epoch, job, licenseId))`.
    mapping(bytes32 evidence => bool) private _evidenceUsed;
    mapping(uint64 epoch => EpochRoot) public roots;

    constructor(
        address admin,
        address referee,
        address guardian,
        CheckerLicense license_,
        RewardPool basePool_,
        RewardPool bonusPool_,
        uint64 tge_
    ) EIP712("Aethir Checker Referee", "1") {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (referee == address(0)) revert ZeroAddress("referee");
        if (guardian == address(0)) revert ZeroAddress("guardian");
        if (address(license_) == address(0)) revert ZeroAddress("license");
        if (address(basePool_) == address(0)) revert ZeroAddress("basePool");
        if (address(bonusPool_) == address(0)) revert ZeroAddress("bonusPool");
        license = license_;
        basePool = basePool_;
        bonusPool = bonusPool_;
        tge = tge_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(REFEREE_ROLE, referee);
        _grantRole(GUARDIAN_ROLE, guardian);
        _setN(2);
        _setChallengeWindow(1 days);
        _setAssignmentWindow(4 hours);
    }

    // ---------------------------------------------------------------- seeds

    /// @notice Commits `commitment = keccak256(abi.encode(epoch, secret))` for `epoch`'s seed, before its cut-off.
    /// Referee only; once per epoch.
    function commitSeed(uint64 epoch, bytes32 commitment) external onlyRole(REFEREE_ROLE) {
        uint256 cutoff = cutoffOf(epoch);
        if (block.timestamp >= cutoff) revert CutoffPassed(epoch, cutoff);
        if (commitment == bytes32(0)) revert ZeroCommitment();
        Seed storage s = _seeds[epoch];
        if (s.commitment != bytes32(0)) revert SeedAlreadyCommitted(epoch);
        s.commitment = commitment;
        emit SeedCommitted(epoch, commitment);
    }

    /// @notice Anchors `epoch`'s seed to the block this transaction is in, whose hash nobody knows yet. Anyone may
    /// call, after the cut-off. Anchoring again after an anchor's reveal deadline, or for an epoch whose seed was
    /// never committed, forfeits the referee's secret: the fallback seed applies.
    function anchorSeed(uint64 epoch) external {
        uint256 cutoff = cutoffOf(epoch);
        if (block.timestamp < cutoff) revert CutoffNotReached(epoch, cutoff);
        Seed storage s = _seeds[epoch];
        if (s.seed != bytes32(0)) revert SeedAlreadyRevealed(epoch);
        bool forfeited = s.commitment == bytes32(0);
        uint256 anchor = s.anchorBlock;
        if (anchor != 0) {
            // an anchor stands while its secret or its fallback can still be revealed: re-anchoring earlier would
            // let whoever waits choose among several seeds
            uint256 until = anchor + REVEAL_BLOCKS + FALLBACK_BLOCKS;
            if (block.number <= until) revert AnchorPending(epoch, until);
            forfeited = true;
        }
        (s.anchorBlock, s.forfeited) = (uint64(block.number), forfeited);
        emit SeedAnchored(epoch, uint64(block.number), forfeited);
    }

    /// @notice Reveals the referee's secret for `epoch`, within `REVEAL_BLOCKS` after the anchor block: the seed is
    /// `keccak256(abi.encode(secret, blockhash(anchorBlock)))`. Anyone holding the secret may call.
    function revealSeed(uint64 epoch, bytes32 secret) external {
        Seed storage s = _seeds[epoch];
        uint256 anchor = _revealableAnchor(epoch, s);
        if (s.forfeited) revert SecretForfeited(epoch);
        if (keccak256(abi.encode(epoch, secret)) != s.commitment) revert WrongSecret(epoch);
        _setSeed(epoch, s, keccak256(abi.encode(secret, blockhash(anchor))), secret);
    }

    /// @notice Sets `epoch`'s fallback seed, `keccak256(abi.encode(commitment, epoch, blockhash(deadline)))` with
    /// `deadline = anchorBlock + REVEAL_BLOCKS`, the last block in which the secret could be revealed: whoever
    /// withholds the secret decides before that block's hash exists, so it chooses between its seed and one it can't
    /// predict.
    /// Anyone may call, in the `FALLBACK_BLOCKS` after the deadline (without a reveal by then, anyone anchors again).
    function revealFallbackSeed(uint64 epoch) external {
        Seed storage s = _seeds[epoch];
        if (s.seed != bytes32(0)) revert SeedAlreadyRevealed(epoch);
        uint256 anchor = s.anchorBlock;
        if (anchor == 0) revert NoAnchor(epoch);
        uint256 deadline = anchor + REVEAL_BLOCKS;
        if (block.number <= deadline) revert FallbackNotReady(epoch, deadline);
        if (block.number > deadline + FALLBACK_BLOCKS) revert FallbackExpired(epoch, deadline + FALLBACK_BLOCKS);
        _setSeed(epoch, s, keccak256(abi.encode(s.commitment, epoch, blockhash(deadline))), bytes32(0));
    }

    // ---------------------------------------------------------------- assignments

    /// @notice Posts `epoch`'s assignment: the root of its positional job tree and its job count, computed by the
    /// assignment algorithm from the licenses and containers frozen at the cut-off and the revealed seed. Referee
    /// only; before the epoch starts (after a veto, until it ends); final after the assignment window.
    function postAssignment(
        uint64 epoch,
        bytes32 root,
        uint32 jobCount,
        string calldata dataURI
    ) external onlyRole(REFEREE_ROLE) {
        bytes32 seed = _seeds[epoch].seed;
        if (seed == bytes32(0)) revert SeedNotRevealed(epoch);
        uint256 deadline = epochStart(epoch) + (assignmentVetoed[epoch] ? EPOCH : 0);
        if (block.timestamp >= deadline) revert AssignmentTooLate(epoch, deadline);
        if (_assignments[epoch].root != bytes32(0)) revert AssignmentAlreadyPosted(epoch);
        if (root == bytes32(0) || jobCount == 0 || jobCount > MAX_JOBS)
            revert InvalidAssignment(root, jobCount, MAX_JOBS);
        uint8 quorumN = uint8(n);
        uint64 finalAt = uint64(block.timestamp) + assignmentWindow;
        uint8 depth = uint8(Math.log2(jobCount, Math.Rounding.Ceil));
        _assignments[epoch] = Assignment(root, jobCount, quorumN, depth, uint64(block.timestamp), finalAt);
        emit AssignmentPosted(epoch, root, jobCount, quorumN, seed, dataURI, finalAt);
    }

    /// @notice Vetoes `epoch`'s assignment while it is in its window; the referee can then post it again. Guardian.
    function vetoAssignment(uint64 epoch) external onlyRole(GUARDIAN_ROLE) {
        Assignment memory a = _assignments[epoch];
        if (a.root == bytes32(0)) revert NoAssignment(epoch);
        if (block.timestamp >= a.finalAt) revert AssignmentWindowOver(epoch, a.finalAt);
        delete _assignments[epoch];
        assignmentVetoed[epoch] = true;
        emit AssignmentVetoed(epoch, msg.sender);
    }

    // ---------------------------------------------------------------- jobs

    /// @notice Proves job `leaf.job` of `leaf.epoch`'s final assignment from its leaf, the Merkle proof of the leaf
    /// and its licenses' votes (aligned with `leaf.licenseIds`; verdict None for a license without a result). Only
    /// the committed operators' signatures count; N+1 matching results decide. Anyone may call, once per job.
    /// @dev Gas (bench/REPORT.md): the job costs two cold slots of its assignment, a read and write of its verdict
    /// word (shared by 128 jobs), the leaf's hash and one hash per proof node, and the event; a vote costs ecrecover
    /// (3,000) and its digest. The license contract is not called: the operators are in the committed leaf.
    /// @return verdict The majority verdict.
    function proveJob(
        JobLeaf calldata leaf,
        Vote[] calldata votes,
        bytes32[] calldata proof
    ) external returns (Verdict verdict) {
        uint256 quorumN = _committedLeaf(leaf, votes.length, proof).n;
        (uint256 key, uint256 shift) = _verdictSlot(leaf.epoch, leaf.job);
        if ((_verdicts[key] >> shift) & 3 != 0) revert JobAlreadyProven(leaf.epoch, leaf.job);
        uint256 tally = _checkVotes(leaf, votes);
        uint256 passes = uint64(tally >> 128);
        uint256 fails = tally >> 192;
        if (passes > quorumN) verdict = Verdict.Pass;
        else if (fails > quorumN) verdict = Verdict.Fail;
        else revert NoMajority(leaf.epoch, leaf.job, passes, fails);
        _verdicts[key] |= uint256(verdict) << shift; // a warm slot: read above
        if (verdict == Verdict.Fail) ++_failedJobs[keccak256(abi.encode(leaf.container, leaf.epoch))];
        _emitProven(leaf, verdict, tally);
    }

    /// @notice Bans license `leaf.licenseIds[index]`, whose committed operator signed both `a` and `b`, different
    /// verdicts of one job of a final assignment. Anyone may report, each (epoch, job, license) once, until 30 days
    /// after the epoch.
    function reportEquivocation(
        JobLeaf calldata leaf,
        bytes32[] calldata proof,
        uint256 index,
        Vote calldata a,
        Vote calldata b
    ) external {
        uint256 count = leaf.licenseIds.length;
        _committedLeaf(leaf, count, proof);
        if (index >= count) revert IndexOutOfRange(index, count);
        uint256 licenseId = leaf.licenseIds[index];
        _checkEvidenceAge(leaf.epoch, leaf.job);
        if (a.verdict == Verdict.None || b.verdict == Verdict.None || a.verdict == b.verdict) {
            revert NotEquivocation(leaf.epoch, leaf.job, licenseId);
        }
        address operator = leaf.operators[index];
        uint256 buffer = _digestBuffer(leaf.epoch, leaf.job, leaf.container);
        _checkSigner(
            licenseId,
            _recover(_voteDigest(buffer, licenseId, a.verdict, a.metricsHash), a.r, a.vs, licenseId),
            operator
        );
        _checkSigner(
            licenseId,
            _recover(_voteDigest(buffer, licenseId, b.verdict, b.metricsHash), b.r, b.vs, licenseId),
            operator
        );
        bytes32 evidence = keccak256(abi.encode(leaf.epoch, leaf.job, licenseId));
        if (_evidenceUsed[evidence]) revert EvidenceAlreadyUsed(leaf.epoch, leaf.job, licenseId);
        _evidenceUsed[evidence] = true;
        uint64 until = uint64(block.timestamp) + EQUIVOCATION_BAN;
        uint64 current = license.bannedUntil(licenseId);
        bool extend = current < until; // a longer ban already in force is kept
        if (!extend) until = current;
        emit Equivocation(leaf.epoch, leaf.job, licenseId, operator, until);
        if (extend) license.ban(licenseId, until);
    }

    /// @notice The EIP-712 digest an operator signs for `r`.
    function hashResult(CheckResult calldata r) public view returns (bytes32) {
        return _voteDigest(_digestBuffer(r.epoch, r.job, r.container), r.licenseId, r.verdict, r.metricsHash);
    }

    /// @notice The hash of `leaf` in its assignment tree.
    function leafHash(JobLeaf calldata leaf) public pure returns (bytes32) {
        return
            keccak256(
                bytes.concat(
                    keccak256(abi.encode(leaf.epoch, leaf.job, leaf.container, leaf.licenseIds, leaf.operators))
                )
            );
    }

    // ---------------------------------------------------------------- epoch roots

    /// @notice Posts epoch `epoch`'s cumulative reward root. Referee only; in order; after the epoch ended and the
    /// previous root is final; never above what the checker pools released by the epoch's end plus what was returned
    /// to them (including returns still pending in the claims contract). `dataURI` publishes the epoch's report and
    /// signed results, from which anyone can prove a job.
    function postRoot(
        uint64 epoch,
        bytes32 root,
        uint256 cumulativeTotal,
        string calldata dataURI
    ) external onlyRole(REFEREE_ROLE) {
        if (epoch != nextEpoch) revert EpochNotNext(epoch, nextEpoch);
        uint256 end = epochStart(epoch) + EPOCH;
        if (block.timestamp < end) revert EpochNotOver(epoch, end);
        uint256 previousTotal;
        if (epoch > 0) {
            EpochRoot memory previous = roots[epoch - 1];
            if (block.timestamp < previous.finalAt) revert PreviousRootNotFinal(epoch - 1, previous.finalAt);
            previousTotal = previous.cumulativeTotal;
        }
        if (cumulativeTotal < previousTotal) revert CumulativeTotalDecreased(cumulativeTotal, previousTotal);
        uint256 released = basePool.unlockedAt(end) + bonusPool.unlockedAt(end);
        uint256 returned = returnedToPools();
        if (cumulativeTotal > released + returned) revert RootExceedsEmission(cumulativeTotal, released, returned);
        uint64 finalAt = uint64(block.timestamp) + challengeWindow;
        roots[epoch] = EpochRoot(root, cumulativeTotal, uint64(block.timestamp), finalAt);
        nextEpoch = epoch + 1;
        emit RootPosted(epoch, root, cumulativeTotal, dataURI, finalAt);
    }

    /// @notice Vetoes a root still in its challenge window; the referee can then post that epoch again. Guardian.
    function vetoRoot(uint64 epoch) external onlyRole(GUARDIAN_ROLE) {
        EpochRoot memory r = roots[epoch];
        if (r.postedAt == 0) revert NoRoot(epoch);
        if (block.timestamp >= r.finalAt) revert ChallengeWindowOver(epoch, r.finalAt);
        delete roots[epoch];
        nextEpoch = epoch; // the latest root is the only one that can be in its window
        emit RootVetoed(epoch, msg.sender);
    }

    /// @notice The newest final root (claims are checked against it), and its epoch; zero if none yet.
    function finalRoot() external view returns (uint64 epoch, bytes32 root, uint256 cumulativeTotal) {
        uint64 next = nextEpoch;
        for (uint256 back = 1; back <= 2 && back <= next; ++back) {
            uint64 e = next - uint64(back);
            EpochRoot memory r = roots[e];
            if (r.finalAt <= block.timestamp) return (e, r.root, r.cumulativeTotal);
        }
    }

    // ---------------------------------------------------------------- views

    /// @notice Start of `epoch`.
    function epochStart(uint64 epoch) public view returns (uint256) {
        return uint256(tge) + uint256(epoch) * EPOCH;
    }

    /// @notice When `epoch`'s licenses and containers are frozen: `FREEZE_LEAD` before it starts (zero if before
    /// the chain's time could be).
    function cutoffOf(uint64 epoch) public view returns (uint256) {
        uint256 start = epochStart(epoch);
        return start > FREEZE_LEAD ? start - FREEZE_LEAD : 0;
    }

    /// @notice `epoch`'s seed record.
    function seedOf(uint64 epoch) external view returns (Seed memory) {
        return _seeds[epoch];
    }

    /// @notice `epoch`'s assignment (root zero: none posted, or vetoed).
    function assignmentOf(uint64 epoch) external view returns (Assignment memory) {
        return _assignments[epoch];
    }

    /// @inheritdoc ICheckerReferee
    function verdictOf(uint64 epoch, uint32 job) external view returns (Verdict) {
        (uint256 key, uint256 shift) = _verdictSlot(epoch, job);
        return Verdict((_verdicts[key] >> shift) & 3);
    }

    /// @inheritdoc ICheckerReferee
    function failedJobs(bytes32 container, uint64 epoch) external view returns (uint256) {
        return _failedJobs[keccak256(abi.encode(container, epoch))];
    }

    /// @notice Whether this license's equivocation in this job was reported.
    function evidenceUsed(uint64 epoch, uint32 job, uint256 licenseId) external view returns (bool) {
        return _evidenceUsed[keccak256(abi.encode(epoch, job, licenseId))];
    }

    /// @notice What came back to the checker pools: their `returned` plus the claims contract's pending returns.
    function returnedToPools() public view returns (uint256 returned) {
        returned = basePool.returned() + bonusPool.returned();
        IRewardClaims claims = rewardClaims;
        if (address(claims) != address(0)) returned += claims.pendingReturns();
    }

    // ---------------------------------------------------------------- governance

    /// @notice Sets N (a job has 2N+1 results), 1 to 10, for assignments posted from now on. Governance only.
    function setN(uint256 n_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setN(n_);
    }

    /// @notice Sets the challenge window of reward roots, 1 hour to 7 days. Governance only.
    function setChallengeWindow(uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setChallengeWindow(window);
    }

    /// @notice Sets the veto window of assignments, 1 to 12 hours. Governance only.
    function setAssignmentWindow(uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setAssignmentWindow(window);
    }

    /// @notice Names the claims contract whose pending returns count as returned to the pools. Once; governance.
    function setRewardClaims(IRewardClaims claims) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(claims) == address(0)) revert ZeroAddress("rewardClaims");
        if (address(rewardClaims) != address(0)) revert RewardClaimsAlreadySet(address(rewardClaims));
        rewardClaims = claims;
        emit RewardClaimsSet(address(claims));
    }

    // ---------------------------------------------------------------- internals

    /// @dev The anchor of a seed not revealed yet, whose block is built and within its reveal deadline.
    function _revealableAnchor(uint64 epoch, Seed storage s) private view returns (uint256 anchor) {
        if (s.seed != bytes32(0)) revert SeedAlreadyRevealed(epoch);
        anchor = s.anchorBlock;
        if (anchor == 0) revert NoAnchor(epoch);
        if (block.number <= anchor) revert AnchorNotMined(epoch, anchor);
        uint256 deadline = anchor + REVEAL_BLOCKS;
        if (block.number > deadline) revert RevealExpired(epoch, deadline);
    }

    function _setSeed(uint64 epoch, Seed storage s, bytes32 seed, bytes32 secret) private {
        s.seed = seed;
        emit SeedRevealed(epoch, seed, secret);
    }

    /// @dev The final assignment of `leaf.epoch`, after checking that `leaf` (with `votes` votes) is one of its jobs:
    /// job number in range, 2N+1 licenses with as many operators and votes, and a proof of the committed tree's
    /// depth leading from the leaf at position `leaf.job` to the root.
    function _committedLeaf(
        JobLeaf calldata leaf,
        uint256 votes,
        bytes32[] calldata proof
    ) private view returns (Assignment memory a) {
        uint64 epoch = leaf.epoch;
        uint32 job = leaf.job;
        a = _assignments[epoch];
        if (a.root == bytes32(0)) revert NoAssignment(epoch);
        if (block.timestamp < a.finalAt) revert AssignmentNotFinal(epoch, a.finalAt);
        if (job >= a.jobCount) revert JobOutOfRange(epoch, job, a.jobCount);
        uint256 count = leaf.licenseIds.length;
        uint256 expected = 2 * uint256(a.n) + 1;
        if (count != expected) revert WrongLicenseCount(count, expected);
        if (leaf.operators.length != count || votes != count) {
            revert LeafLengthMismatch(count, leaf.operators.length, votes);
        }
        if (proof.length != a.depth) revert WrongProofLength(proof.length, a.depth);
        if (_rootOf(leafHash(leaf), job, proof) != a.root) revert NotInAssignment(epoch, job);
    }

    /// @dev The root a positional proof leads to from `node` at position `index`: bit i of the index says whether the
    /// node is the right (1) or left (0) child at level i.
    function _rootOf(bytes32 node, uint256 index, bytes32[] calldata proof) private pure returns (bytes32) {
        for (uint256 i; i < proof.length; ++i) {
            bytes32 sibling = proof[i];
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                switch and(index, 1)
                case 0 {
                    mstore(0, node)
                    mstore(0x20, sibling)
                }
                default {
                    mstore(0, sibling)
                    mstore(0x20, node)
                }
                node := keccak256(0, 0x40)
            }
            index >>= 1;
        }
        return node;
    }

    function _emitProven(JobLeaf calldata leaf, Verdict verdict, uint256 tally) private {
        emit JobProven(
            leaf.epoch,
            leaf.job,
            leaf.container,
            verdict,
            msg.sender,
            leaf.licenseIds,
            uint64(tally),
            uint64(tally >> 64)
        );
    }

    /// @dev Job `job`'s verdict word and the offset of its two bits.
    function _verdictSlot(uint64 epoch, uint32 job) private pure returns (uint256 key, uint256 shift) {
        key = (uint256(epoch) << 25) | (job >> 7);
        shift = (uint256(job) & 127) << 1;
    }

    /// @dev Checks every vote of `leaf`: license ids strictly ascending (hence distinct), and each result given signed
    /// by the license's committed operator. Returns the tally in one word (a job has at most 21 votes): bit i of the
    /// low 64 bits (of bits 64 to 127) is set when vote i is a Pass (a Fail); bits 128 to 191 count the passes, bits
    /// 192 and up the fails.
    function _checkVotes(JobLeaf calldata leaf, Vote[] calldata votes) private view returns (uint256 tally) {
        uint256 buffer = _digestBuffer(leaf.epoch, leaf.job, leaf.container);
        uint256 previous;
        for (uint256 i; i < votes.length; ++i) {
            uint256 licenseId = leaf.licenseIds[i];
            if (i > 0 && licenseId <= previous) revert LicensesNotAscending(i);
            previous = licenseId;
            Vote calldata v = votes[i];
            Verdict verdict = v.verdict;
            if (verdict == Verdict.None) continue;
            address signer = _recover(_voteDigest(buffer, licenseId, verdict, v.metricsHash), v.r, v.vs, licenseId);
            _checkSigner(licenseId, signer, leaf.operators[i]);
            tally += verdict == Verdict.Pass ? (1 << i) | (1 << 128) : (1 << (64 + i)) | (1 << 192);
        }
    }

    function _checkEvidenceAge(uint64 epoch, uint32 job) private view {
        uint256 deadline = epochStart(epoch) + EPOCH + MAX_EVIDENCE_AGE;
        if (block.timestamp > deadline) revert EvidenceTooOld(epoch, job, deadline);
    }

    function _checkSigner(uint256 licenseId, address signer, address expected) private pure {
        if (signer != expected) revert WrongSigner(licenseId, signer, expected);
    }

    /// @dev Allocates what the digests of all votes of one job share, so that each vote only writes its own three
    /// fields and hashes twice (OZ's `_hashTypedDataV4(keccak256(abi.encode(...)))` would rebuild, and allocate, all
    /// of it per vote). Layout: from `buffer`, `abi.encode(CHECK_RESULT_TYPEHASH, epoch, job, container, licenseId,
    /// verdict, metricsHash)`, the last three words left to `_voteDigest`; from `buffer + 0xe0`, a word ending in
    /// "\x19\x01", the domain separator and a word for the struct hash, so that the 66 bytes from `buffer + 0xfe` are
    /// what EIP-712's digest hashes.
    function _digestBuffer(uint64 epoch, uint32 job, bytes32 container) private view returns (uint256 buffer) {
        bytes32 typeHash = CHECK_RESULT_TYPEHASH;
        bytes32 domain = _domainSeparatorV4(); // cached by EIP712: no hashing unless the chain id changed
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            buffer := mload(0x40)
            mstore(0x40, add(buffer, 0x140))
            mstore(buffer, typeHash)
            mstore(add(buffer, 0x20), and(epoch, 0xffffffffffffffff))
            mstore(add(buffer, 0x40), and(job, 0xffffffff))
            mstore(add(buffer, 0x60), container)
            mstore(add(buffer, 0xe0), 0x1901)
            mstore(add(buffer, 0x100), domain)
        }
    }

    /// @dev The EIP-712 digest of one vote's `CheckResult`, in the `_digestBuffer` of its job.
    function _voteDigest(
        uint256 buffer,
        uint256 licenseId,
        Verdict verdict,
        bytes32 metricsHash
    ) private pure returns (bytes32 digest) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(add(buffer, 0x80), licenseId)
            mstore(add(buffer, 0xa0), and(verdict, 0xff))
            mstore(add(buffer, 0xc0), metricsHash)
            mstore(add(buffer, 0x120), keccak256(buffer, 0xe0)) // the struct hash
            digest := keccak256(add(buffer, 0xfe), 0x42)
        }
    }

    /// @dev The signer of `digest` from an EIP-2098 compact signature (r, and yParity on top of s in `vs`): OZ ECDSA's
    /// checks, with the ecrecover precompile called directly in scratch memory (`ECDSA.recover`: 470 gas more a vote).
    /// v is 27 or 28 by construction. Refused: an s in the upper half of the curve order, the malleable twin of a
    /// valid signature (EIP-2), and a signature the precompile recovers no address from.
    function _recover(bytes32 digest, bytes32 r, bytes32 vs, uint256 licenseId) private view returns (address signer) {
        uint256 s = uint256(vs) & (type(uint256).max >> 1);
        if (s > _HALF_CURVE_ORDER) revert InvalidSignatureS(licenseId, bytes32(s));
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, digest)
            mstore(add(m, 0x20), add(shr(255, vs), 27))
            mstore(add(m, 0x40), r)
            mstore(add(m, 0x60), s)
            mstore(0, 0) // the precompile returns nothing when it recovers no address: zero is then left here
            pop(staticcall(gas(), 1, m, 0x80, 0, 0x20))
            signer := mload(0)
        }
        if (signer == address(0)) revert InvalidSignature(licenseId);
    }

    function _setN(uint256 n_) private {
        if (n_ == 0 || n_ > MAX_N) revert QuorumOutOfRange(n_, MAX_N);
        n = n_;
        emit QuorumSet(n_);
    }

    function _setChallengeWindow(uint64 window) private {
        if (window < MIN_CHALLENGE_WINDOW || window > MAX_CHALLENGE_WINDOW) {
            revert ChallengeWindowOutOfRange(window, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        }
        challengeWindow = window;
        emit ChallengeWindowSet(window);
    }

    function _setAssignmentWindow(uint64 window) private {
        if (window < MIN_ASSIGNMENT_WINDOW || window > MAX_ASSIGNMENT_WINDOW) {
            revert AssignmentWindowOutOfRange(window, MIN_ASSIGNMENT_WINDOW, MAX_ASSIGNMENT_WINDOW);
        }
        assignmentWindow = window;
        emit AssignmentWindowSet(window);
    }
}
