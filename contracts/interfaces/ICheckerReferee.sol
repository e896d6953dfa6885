// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICheckerReferee
/// @notice Errors, events and types of the checker referee (SPEC §5): signed check results, on-chain proof of a job's
/// 2N+1 results with its majority verdict, equivocation bans, and epoch reward roots with a challenge window.
interface ICheckerReferee {
    /// @notice A verdict of a check: the container passed or failed it.
    enum Verdict {
        None,
        Pass,
        Fail
    }

    /// @notice What an operator signs (EIP-712) for one license's check of one container in one epoch.
    struct CheckResult {
        bytes32 jobId;
        bytes32 container;
        uint64 epoch;
        uint256 licenseId;
        Verdict verdict;
        bytes32 metricsHash;
    }

    /// @notice A result with its EIP-2098 compact signature (r, yParity and s in `vs`).
    struct SignedResult {
        CheckResult result;
        bytes32 r;
        bytes32 vs;
    }

    /// @notice What all results of one job share.
    struct Job {
        bytes32 jobId;
        bytes32 container;
        uint64 epoch;
    }

    /// @notice One license's signed result within a job: the job's fields are not repeated, which keeps calldata
    /// (the main cost on Arbitrum) small.
    struct Vote {
        uint256 licenseId;
        Verdict verdict;
        bytes32 metricsHash;
        bytes32 r;
        bytes32 vs;
    }

    /// @notice An epoch's cumulative reward root. `finalAt` is fixed when posted (posted + the window then), so a later
    /// change of the challenge window never makes a final root vetoable again.
    struct EpochRoot {
        bytes32 root;
        uint256 cumulativeTotal;
        uint64 postedAt;
        uint64 finalAt;
    }

    error WrongResultCount(uint256 count, uint256 expected);
    error LicensesNotAscending(uint256 index);
    error InvalidVerdict(uint256 index);
    error WrongSigner(uint256 licenseId, address signer, address expected);
    /// @notice The signature for `licenseId` recovers no address (ecrecover's failure, OZ's `ECDSAInvalidSignature`).
    error InvalidSignature(uint256 licenseId);
    /// @notice The signature for `licenseId` has an s in the upper half of the curve order: the malleable twin of a
    /// valid signature (EIP-2; OZ's `ECDSAInvalidSignatureS`).
    error InvalidSignatureS(uint256 licenseId, bytes32 s);
    error LicenseIsBanned(uint256 licenseId);
    error JobAlreadyProven(bytes32 jobId);
    error NotEquivocation(bytes32 jobId, uint256 licenseId);
    error QuorumOutOfRange(uint256 n, uint256 max);
    error ZeroAddress(bytes32 what);
    error EpochNotNext(uint64 epoch, uint64 expected);
    error EpochNotOver(uint64 epoch, uint256 endsAt);
    error PreviousRootNotFinal(uint64 epoch, uint256 finalAt);
    error RootExceedsEmission(uint256 cumulativeTotal, uint256 released);
    error CumulativeTotalDecreased(uint256 cumulativeTotal, uint256 previous);
    error NoRoot(uint64 epoch);
    error ChallengeWindowOver(uint64 epoch, uint256 finalAt);
    error ChallengeWindowOutOfRange(uint64 window, uint64 min, uint64 max);

    /// @notice A job's 2N+1 results were proven; `verdict` is the majority. `licenseIds` lists the licenses in
    /// ascending order and bit i of `passBits` is set when `licenseIds[i]` voted Pass (the others voted Fail), so every
    /// license's result, whether it was in the majority, and the pass and fail counts are in this one event.
    event JobProven(
        bytes32 indexed jobId,
        bytes32 indexed container,
        uint64 indexed epoch,
        Verdict verdict,
        address prover,
        uint256[] licenseIds,
        uint256 passBits
    );
    /// @notice Two valid signatures of one license gave different verdicts for one job: the license is banned.
    event Equivocation(bytes32 indexed jobId, uint256 indexed licenseId, address signer, uint64 bannedUntil);
    event RootPosted(uint64 indexed epoch, bytes32 root, uint256 cumulativeTotal, string dataURI, uint64 finalAt);
    event RootVetoed(uint64 indexed epoch, address indexed by);
    event QuorumSet(uint256 n);
    event ChallengeWindowSet(uint64 window);

    /// @notice The majority verdict of job `jobId` (None: not proven).
    function provenVerdict(bytes32 jobId) external view returns (Verdict);

    /// @notice Whether job `jobId` was proven with a Fail majority for `container` in `epoch`, the fields its checkers
    /// signed: what a slashing contract checks on chain before slashing the container's host (SPEC §7).
    function provenFail(bytes32 jobId, bytes32 container, uint64 epoch) external view returns (bool);
}
