// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ICheckerReferee} from "../interfaces/ICheckerReferee.sol";
import {CheckerLicense} from "../license/CheckerLicense.sol";
import {RewardPool} from "../pools/RewardPool.sol";

/// @title CheckerReferee
/// @notice SPEC §5 on chain. Anyone can prove a job with its 2N+1 results signed by the licenses' operators: the
/// contract checks every signature, signer, ban and distinctness, and records the majority verdict (a proven fail is
/// what slashes a cloud host). Two signatures of one license with different verdicts for one job ban the license.
/// The referee posts one cumulative Merkle root per epoch (one UTC day since TGE), never above what the checker base
/// and bonus pools have released by the epoch's end; a root is final after the challenge window unless the guardian
/// vetoes it, and roots are posted in order, each after the previous one is final.
contract CheckerReferee is AccessControl, EIP712, ICheckerReferee {
    bytes32 public constant REFEREE_ROLE = keccak256("REFEREE_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    bytes32 public constant CHECK_RESULT_TYPEHASH = keccak256(
        "CheckResult(bytes32 jobId,bytes32 container,uint64 epoch,uint256 licenseId,uint8 verdict,bytes32 metricsHash)"
    );

    uint256 public constant EPOCH = 1 days;
    uint256 public constant MAX_N = 10;
    uint64 public constant MIN_CHALLENGE_WINDOW = 1 hours;
    uint64 public constant MAX_CHALLENGE_WINDOW = 7 days;
    /// @notice How long a provably dishonest (equivocating) license is banned.
    uint64 public constant EQUIVOCATION_BAN = 365 days;

    CheckerLicense public immutable license;
    RewardPool public immutable basePool;
    RewardPool public immutable bonusPool;
    /// @notice Start of epoch 0.
    uint64 public immutable tge;

    /// @notice A job has 2N+1 results.
    uint256 public n;
    uint64 public challengeWindow;
    /// @notice The epoch the next root must be for.
    uint64 public nextEpoch;

    /// @notice Majority verdict of each proven job (None: not proven).
    mapping(bytes32 jobId => Verdict) public provenVerdict;
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
    }

    // ---------------------------------------------------------------- jobs

    /// @notice Proves `job` from its 2N+1 signed votes, ordered by ascending license id.
    /// @return verdict The majority verdict.
    function proveJob(Job calldata job, Vote[] calldata votes) external returns (Verdict verdict) {
        uint256 count = votes.length;
        if (count != 2 * n + 1) revert WrongResultCount(count, 2 * n + 1);
        bytes32 jobId = job.jobId;
        if (provenVerdict[jobId] != Verdict.None) revert JobAlreadyProven(jobId);

        uint256[] memory licenseIds = new uint256[](count);
        uint256 passBits;
        uint256 passes;
        uint256 previousId;
        for (uint256 i; i < count; ++i) {
            Vote calldata v = votes[i];
            if (i > 0 && v.licenseId <= previousId) revert LicensesNotAscending(i);
            previousId = v.licenseId;
            _checkVote(job, v, i);
            licenseIds[i] = v.licenseId;
            if (v.verdict == Verdict.Pass) {
                passBits |= 1 << i;
                ++passes;
            }
        }
        uint256 fails = count - passes;
        verdict = passes > fails ? Verdict.Pass : Verdict.Fail;
        provenVerdict[jobId] = verdict;
        emit JobProven(jobId, job.container, job.epoch, verdict, passes, fails, msg.sender, licenseIds, passBits);
    }

    /// @notice Bans a license whose operator signed two different verdicts for one job. Anyone may report.
    function reportEquivocation(SignedResult calldata a, SignedResult calldata b) external {
        CheckResult calldata ra = a.result;
        CheckResult calldata rb = b.result;
        if (ra.jobId != rb.jobId || ra.licenseId != rb.licenseId || ra.verdict == rb.verdict) {
            revert NotEquivocation(ra.jobId, ra.licenseId);
        }
        address signer = ECDSA.recover(hashResult(ra), a.r, a.vs);
        _checkSigner(ra.licenseId, signer);
        _checkSigner(rb.licenseId, ECDSA.recover(hashResult(rb), b.r, b.vs));
        uint64 until = uint64(block.timestamp) + EQUIVOCATION_BAN;
        emit Equivocation(ra.jobId, ra.licenseId, signer, until);
        license.ban(ra.licenseId, until);
    }

    /// @notice The EIP-712 digest an operator signs for `r`.
    function hashResult(CheckResult calldata r) public view returns (bytes32) {
        return _digest(r.jobId, r.container, r.epoch, r.licenseId, r.verdict, r.metricsHash);
    }

    // ---------------------------------------------------------------- epoch roots

    /// @notice Posts epoch `epoch`'s cumulative reward root. Referee only; in order; after the epoch ended and the
    /// previous root is final; never above what the checker pools have released by the epoch's end.
    function postRoot(
        uint64 epoch,
        bytes32 root,
        uint256 cumulativeTotal,
        string calldata dataURI
    ) external onlyRole(REFEREE_ROLE) {
        if (epoch != nextEpoch) revert EpochNotNext(epoch, nextEpoch);
        uint256 end = uint256(tge) + (uint256(epoch) + 1) * EPOCH;
        if (block.timestamp < end) revert EpochNotOver(epoch, end);
        uint256 previousTotal;
        if (epoch > 0) {
            EpochRoot memory previous = roots[epoch - 1];
            uint256 previousFinal = uint256(previous.postedAt) + challengeWindow;
            if (block.timestamp < previousFinal) revert PreviousRootNotFinal(epoch - 1, previousFinal);
            previousTotal = previous.cumulativeTotal;
        }
        if (cumulativeTotal < previousTotal) revert CumulativeTotalDecreased(cumulativeTotal, previousTotal);
        uint256 released = basePool.unlockedAt(end) + bonusPool.unlockedAt(end);
        if (cumulativeTotal > released) revert RootExceedsEmission(cumulativeTotal, released);
        roots[epoch] = EpochRoot(root, cumulativeTotal, uint64(block.timestamp), false);
        nextEpoch = epoch + 1;
        emit RootPosted(epoch, root, cumulativeTotal, dataURI, uint64(block.timestamp) + challengeWindow);
    }

    /// @notice Vetoes a root still in its challenge window; the referee can then post that epoch again. Guardian.
    function vetoRoot(uint64 epoch) external onlyRole(GUARDIAN_ROLE) {
        EpochRoot memory r = roots[epoch];
        if (r.postedAt == 0) revert NoRoot(epoch);
        uint256 finalAt = uint256(r.postedAt) + challengeWindow;
        if (block.timestamp >= finalAt) revert ChallengeWindowOver(epoch, finalAt);
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
            if (uint256(r.postedAt) + challengeWindow <= block.timestamp) return (e, r.root, r.cumulativeTotal);
        }
    }

    // ---------------------------------------------------------------- governance

    /// @notice Sets N (a job has 2N+1 results), 1 to 10. Governance only.
    function setN(uint256 n_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setN(n_);
    }

    /// @notice Sets the challenge window, 1 hour to 7 days. Governance only.
    function setChallengeWindow(uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setChallengeWindow(window);
    }

    // ---------------------------------------------------------------- internals

    function _digest(
        bytes32 jobId,
        bytes32 container,
        uint64 epoch,
        uint256 licenseId,
        Verdict verdict,
        bytes32 metricsHash
    ) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(CHECK_RESULT_TYPEHASH, jobId, container, epoch, licenseId, verdict, metricsHash))
            );
    }

    /// @dev Vote `i` of `job`: a real verdict, signed by the license's current checker.
    function _checkVote(Job calldata job, Vote calldata v, uint256 i) private view {
        if (v.verdict == Verdict.None) revert InvalidVerdict(i);
        bytes32 digest = _digest(job.jobId, job.container, job.epoch, v.licenseId, v.verdict, v.metricsHash);
        _checkSigner(v.licenseId, ECDSA.recover(digest, v.r, v.vs));
    }

    /// @dev The signer must be the license's current operator (or its owner if none), and the license not banned.
    function _checkSigner(uint256 licenseId, address signer) private view {
        (address expected, bool banned) = license.checkerOf(licenseId);
        if (signer != expected) revert WrongSigner(licenseId, signer, expected);
        if (banned) revert LicenseIsBanned(licenseId);
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
}
