// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
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
    /// @dev Half the secp256k1 group order: the highest s a signature may have (EIP-2), as in OZ's ECDSA.
    uint256 private constant _HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    /// @dev The two low bits of a proven job's record hold its verdict.
    uint256 private constant _VERDICT_MASK = 3;

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

    /// @dev Each proven job's record, one word: `keccak256(abi.encode(container, epoch))` with its two low bits
    /// replaced by the majority verdict (zero: not proven). It binds the verdict to the container and epoch the
    /// checkers signed, so a slashing contract can check them on chain, for the single storage write a bare verdict
    /// costs.
    mapping(bytes32 jobId => bytes32) private _proven;
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
    /// @dev Gas (bench/REPORT.md): besides calldata, a job costs its verdict's first write (22,100), the read of `n`
    /// and the event; a vote costs ecrecover (3,000) and one cold slot read in the license (2,100). The rest is kept
    /// small: one call to the license for all votes, and each digest hashed in one buffer laid out once per job.
    /// @return verdict The majority verdict.
    function proveJob(Job calldata job, Vote[] calldata votes) external returns (Verdict verdict) {
        uint256 count = votes.length;
        uint256 expected = 2 * n + 1;
        if (count != expected) revert WrongResultCount(count, expected);
        bytes32 jobId = job.jobId;
        if (_proven[jobId] != 0) revert JobAlreadyProven(jobId);

        uint256[] memory licenseIds = _ascendingLicenseIds(votes);
        (uint256 passBits, uint256 passes, bytes32 subject) = _checkVotes(job, votes, licenseIds);
        verdict = passes > count - passes ? Verdict.Pass : Verdict.Fail;
        // a whole word is written: no read-modify-write of a packed enum
        _proven[jobId] = _record(subject, verdict);
        emit JobProven(jobId, job.container, job.epoch, verdict, msg.sender, licenseIds, passBits);
    }

    /// @inheritdoc ICheckerReferee
    function provenVerdict(bytes32 jobId) external view returns (Verdict) {
        return Verdict(uint256(_proven[jobId]) & _VERDICT_MASK);
    }

    /// @inheritdoc ICheckerReferee
    function provenFail(bytes32 jobId, bytes32 container, uint64 epoch) external view returns (bool) {
        return _proven[jobId] == _record(keccak256(abi.encode(container, epoch)), Verdict.Fail);
    }

    /// @notice Bans a license whose operator signed two different verdicts for one job. Anyone may report.
    function reportEquivocation(SignedResult calldata a, SignedResult calldata b) external {
        CheckResult calldata ra = a.result;
        CheckResult calldata rb = b.result;
        if (ra.jobId != rb.jobId || ra.licenseId != rb.licenseId || ra.verdict == rb.verdict) {
            revert NotEquivocation(ra.jobId, ra.licenseId);
        }
        address signer = _recover(hashResult(ra), a.r, a.vs, ra.licenseId);
        _checkSigner(ra.licenseId, signer);
        _checkSigner(rb.licenseId, _recover(hashResult(rb), b.r, b.vs, rb.licenseId));
        uint64 until = uint64(block.timestamp) + EQUIVOCATION_BAN;
        emit Equivocation(ra.jobId, ra.licenseId, signer, until);
        license.ban(ra.licenseId, until);
    }

    /// @notice The EIP-712 digest an operator signs for `r`.
    function hashResult(CheckResult calldata r) public view returns (bytes32) {
        return _voteDigest(_digestBuffer(r.jobId, r.container, r.epoch), r.licenseId, r.verdict, r.metricsHash);
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
            if (block.timestamp < previous.finalAt) revert PreviousRootNotFinal(epoch - 1, previous.finalAt);
            previousTotal = previous.cumulativeTotal;
        }
        if (cumulativeTotal < previousTotal) revert CumulativeTotalDecreased(cumulativeTotal, previousTotal);
        uint256 released = basePool.unlockedAt(end) + bonusPool.unlockedAt(end);
        if (cumulativeTotal > released) revert RootExceedsEmission(cumulativeTotal, released);
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

    /// @dev The votes' license ids, refusing any not above the one before: strictly ascending ids are distinct ids.
    function _ascendingLicenseIds(Vote[] calldata votes) private pure returns (uint256[] memory licenseIds) {
        uint256 count = votes.length;
        licenseIds = new uint256[](count);
        uint256 previous;
        for (uint256 i; i < count; ++i) {
            uint256 licenseId = votes[i].licenseId;
            if (licenseId <= previous && i > 0) revert LicensesNotAscending(i);
            licenseIds[i] = previous = licenseId;
        }
    }

    /// @dev Checks every vote of `job`: a real verdict, signed by its license's current checker (unexpired operator,
    /// else owner), license not banned. Bit i of `passBits` is set when vote i is Pass. `subject` is
    /// `keccak256(abi.encode(container, epoch))`, hashed where the digest buffer already holds the two words.
    function _checkVotes(
        Job calldata job,
        Vote[] calldata votes,
        uint256[] memory licenseIds
    ) private view returns (uint256 passBits, uint256 passes, bytes32 subject) {
        (address[] memory checkers, uint256 bannedBits) = _checkersOf(licenseIds);
        uint256 buffer = _digestBuffer(job.jobId, job.container, job.epoch);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            subject := keccak256(add(buffer, 0x40), 0x40)
        }
        for (uint256 i; i < votes.length; ++i) {
            Vote calldata v = votes[i];
            Verdict verdict = v.verdict;
            if (verdict == Verdict.None) revert InvalidVerdict(i);
            uint256 licenseId = v.licenseId;
            address signer = _recover(_voteDigest(buffer, licenseId, verdict, v.metricsHash), v.r, v.vs, licenseId);
            if (signer != checkers[i]) revert WrongSigner(licenseId, signer, checkers[i]);
            if (bannedBits & (1 << i) != 0) revert LicenseIsBanned(licenseId);
            if (verdict == Verdict.Pass) {
                passBits |= 1 << i;
                ++passes;
            }
        }
    }

    /// @dev `license.checkersOf(licenseIds)`: every license's current signer and ban in one call, one cold slot read
    /// each. Called by hand because Solidity's generic encoder and decoder cost about 1,700 gas more at N = 2: the
    /// ids are copied after the selector with one `mcopy`, and the answer, which the license always encodes as
    /// (offset 0x40, bannedBits, length, signers...), is used where it is copied to.
    function _checkersOf(
        uint256[] memory licenseIds
    ) private view returns (address[] memory checkers, uint256 bannedBits) {
        address target = address(license);
        bytes4 selector = CheckerLicense.checkersOf.selector;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let count := mload(licenseIds)
            let p := mload(0x40)
            mstore(p, selector)
            mstore(add(p, 0x04), 0x20) // offset of the array argument
            mcopy(add(p, 0x24), licenseIds, shl(5, add(count, 1))) // length and ids
            if iszero(staticcall(gas(), target, p, add(0x44, shl(5, count)), 0, 0)) {
                // e.g. ERC721A's OwnerQueryForNonexistentToken for an id never minted
                returndatacopy(p, 0, returndatasize())
                revert(p, returndatasize())
            }
            // Copying more than was returned aborts the call: a short answer is never read as stale memory.
            let size := add(0x60, shl(5, count))
            returndatacopy(p, 0, size)
            bannedBits := mload(add(p, 0x20))
            checkers := add(p, 0x40)
            mstore(0x40, add(p, size))
        }
    }

    /// @dev Allocates what the digests of all votes of one job share, so that each vote only writes its own three
    /// fields and hashes twice (OZ's `_hashTypedDataV4(keccak256(abi.encode(...)))` would rebuild, and allocate, all
    /// of it per vote). Layout: from `buffer`, `abi.encode(CHECK_RESULT_TYPEHASH, jobId, container, epoch, licenseId,
    /// verdict, metricsHash)`, the last three words left to `_voteDigest`; from `buffer + 0xe0`, a word ending in
    /// "\x19\x01", the domain separator and a word for the struct hash, so that the 66 bytes from `buffer + 0xfe` are
    /// what EIP-712's digest hashes.
    function _digestBuffer(bytes32 jobId, bytes32 container, uint64 epoch) private view returns (uint256 buffer) {
        bytes32 typeHash = CHECK_RESULT_TYPEHASH;
        bytes32 domain = _domainSeparatorV4(); // cached by EIP712: no hashing unless the chain id changed
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            buffer := mload(0x40)
            mstore(0x40, add(buffer, 0x140))
            mstore(buffer, typeHash)
            mstore(add(buffer, 0x20), jobId)
            mstore(add(buffer, 0x40), container)
            mstore(add(buffer, 0x60), and(epoch, 0xffffffffffffffff))
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

    /// @dev The signer must be the license's current operator (or its owner if none), and the license not banned.
    function _checkSigner(uint256 licenseId, address signer) private view {
        (address expected, bool banned) = license.checkerOf(licenseId);
        if (signer != expected) revert WrongSigner(licenseId, signer, expected);
        if (banned) revert LicenseIsBanned(licenseId);
    }

    /// @dev A proven job's record: `subject` (the hash of its container and epoch) with its low bits set to `verdict`.
    function _record(bytes32 subject, Verdict verdict) private pure returns (bytes32) {
        return bytes32((uint256(subject) & ~_VERDICT_MASK) | uint256(verdict));
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
