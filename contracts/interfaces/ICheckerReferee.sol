// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICheckerReferee
/// @notice Errors, events and types of the checker referee (SPEC §5): each epoch's seed (referee commit-reveal mixed
/// with a later block hash) and committed job assignments, on-chain proof of a committed job from its operators'
/// signed results with its majority verdict, equivocation bans, and epoch reward roots with a challenge window.
interface ICheckerReferee {
    /// @notice A verdict of a check: the container passed or failed it (None: no result).
    enum Verdict {
        None,
        Pass,
        Fail
    }

    /// @notice What an operator signs (EIP-712) for one license's check of job `job` of epoch `epoch`.
    struct CheckResult {
        uint64 epoch;
        uint32 job;
        bytes32 container;
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

    /// @notice One leaf of an epoch's assignment tree: job number `job` checks `container`, and its 2N+1 licenses, in
    /// ascending order, sign with `operators[i]` for the whole epoch, whatever happens to the delegation afterwards.
    /// Leaf hash: `keccak256(bytes.concat(keccak256(abi.encode(epoch, job, container, licenseIds, operators))))`; the
    /// tree is positional (leaf `job` at position `job`, zero leaves pad it to a power of two, a parent is
    /// `keccak256(left, right)`), so a job number can only be proven at its own position.
    struct JobLeaf {
        uint64 epoch;
        uint32 job;
        bytes32 container;
        uint256[] licenseIds;
        address[] operators;
    }

    /// @notice The result of `licenseIds[i]` of a job, aligned with the leaf; `verdict` None for a license that gave
    /// none (its other fields are then ignored), so N+1 matching results prove a job however many are silent.
    struct Vote {
        Verdict verdict;
        bytes32 metricsHash;
        bytes32 r;
        bytes32 vs;
    }

    /// @notice An epoch's assignment seed. The referee commits `keccak256(abi.encode(epoch, secret))` before the
    /// epoch's cut-off; after it anyone anchors the seed to the block then being built, and the secret is revealed
    /// within `REVEAL_BLOCKS`: seed = `keccak256(abi.encode(secret, blockhash(anchorBlock)))`. Without a reveal by then
    /// (or without a commitment), the fallback seed is `keccak256(abi.encode(commitment, epoch,
    /// blockhash(anchorBlock + REVEAL_BLOCKS)))`; if nobody reveals it either, anyone anchors again (`forfeited`: the
    /// secret no longer counts).
    struct Seed {
        bytes32 commitment;
        uint64 anchorBlock;
        bool forfeited;
        bytes32 seed;
    }

    /// @notice An epoch's committed assignment: the root of its job tree, the job count, N when posted (a job has
    /// 2N+1 licenses), the tree's depth (a proof's length), and when it becomes final (the guardian can veto it until
    /// then).
    struct Assignment {
        bytes32 root;
        uint32 jobCount;
        uint8 n;
        uint8 depth;
        uint64 postedAt;
        uint64 finalAt;
    }

    /// @notice An epoch's cumulative reward root. `finalAt` is fixed when posted (posted + the window then), so a later
    /// change of the challenge window never makes a final root vetoable again.
    struct EpochRoot {
        bytes32 root;
        uint256 cumulativeTotal;
        uint64 postedAt;
        uint64 finalAt;
    }

    // ---------------------------------------------------------------- errors: seeds and assignments

    /// @notice The epoch's cut-off (`cutoffOf(epoch)`) has passed: too late to commit its seed.
    error CutoffPassed(uint64 epoch, uint256 cutoff);
    /// @notice The epoch's cut-off has not come yet: its licenses and containers are not frozen.
    error CutoffNotReached(uint64 epoch, uint256 cutoff);
    error SeedAlreadyCommitted(uint64 epoch);
    error SeedAlreadyRevealed(uint64 epoch);
    error ZeroCommitment();
    /// @notice The seed's anchor block can still be revealed against, until `deadlineBlock`.
    error AnchorPending(uint64 epoch, uint256 deadlineBlock);
    error NoAnchor(uint64 epoch);
    /// @notice The anchor block is still being built: its hash is not known yet.
    error AnchorNotMined(uint64 epoch, uint256 anchorBlock);
    /// @notice The reveal came after `deadlineBlock`: anchor the seed again (the secret is then forfeited).
    error RevealExpired(uint64 epoch, uint256 deadlineBlock);
    /// @notice The referee's secret was not revealed in time (or never committed): the fallback seed applies.
    error SecretForfeited(uint64 epoch);
    /// @notice The secret can be revealed until `deadlineBlock`: the fallback seed comes after it.
    error FallbackNotReady(uint64 epoch, uint256 deadlineBlock);
    /// @notice The fallback seed's block hash is out of reach since `lastBlock`: anchor the seed again.
    error FallbackExpired(uint64 epoch, uint256 lastBlock);
    error WrongSecret(uint64 epoch);
    error SeedNotRevealed(uint64 epoch);
    /// @notice An assignment is posted before its epoch starts (after a veto, until the epoch ends).
    error AssignmentTooLate(uint64 epoch, uint256 deadline);
    error AssignmentAlreadyPosted(uint64 epoch);
    error InvalidAssignment(bytes32 root, uint256 jobCount, uint256 maxJobs);
    error NoAssignment(uint64 epoch);
    error AssignmentNotFinal(uint64 epoch, uint256 finalAt);
    error AssignmentWindowOver(uint64 epoch, uint256 finalAt);
    error AssignmentWindowOutOfRange(uint64 window, uint64 min, uint64 max);

    // ---------------------------------------------------------------- errors: jobs

    error JobOutOfRange(uint64 epoch, uint32 job, uint256 jobCount);
    /// @notice The leaf lists `count` licenses; the epoch's assignment has 2N+1 = `expected` per job.
    error WrongLicenseCount(uint256 count, uint256 expected);
    /// @notice The leaf's operators or the votes are not aligned with its licenses.
    error LeafLengthMismatch(uint256 licenses, uint256 operators, uint256 votes);
    error LicensesNotAscending(uint256 index);
    /// @notice A Merkle proof for a tree of `jobCount` jobs has exactly `expected` nodes.
    error WrongProofLength(uint256 length, uint256 expected);
    /// @notice The leaf and proof do not lead to the epoch's committed root.
    error NotInAssignment(uint64 epoch, uint32 job);
    error WrongSigner(uint256 licenseId, address signer, address expected);
    /// @notice The signature for `licenseId` recovers no address (ecrecover's failure, OZ's `ECDSAInvalidSignature`).
    error InvalidSignature(uint256 licenseId);
    /// @notice The signature for `licenseId` has an s in the upper half of the curve order: the malleable twin of a
    /// valid signature (EIP-2; OZ's `ECDSAInvalidSignatureS`).
    error InvalidSignatureS(uint256 licenseId, bytes32 s);
    /// @notice Neither verdict has the N+1 matching results that decide a job.
    error NoMajority(uint64 epoch, uint32 job, uint256 passes, uint256 fails);
    error JobAlreadyProven(uint64 epoch, uint32 job);
    error NotEquivocation(uint64 epoch, uint32 job, uint256 licenseId);
    /// @notice Equivocation evidence of this epoch could be reported until `deadline`.
    error EvidenceTooOld(uint64 epoch, uint32 job, uint256 deadline);
    /// @notice This license's equivocation in this job was already reported.
    error EvidenceAlreadyUsed(uint64 epoch, uint32 job, uint256 licenseId);
    error IndexOutOfRange(uint256 index, uint256 count);

    // ---------------------------------------------------------------- errors: roots and governance

    error QuorumOutOfRange(uint256 n, uint256 max);
    error ZeroAddress(bytes32 what);
    error EpochNotNext(uint64 epoch, uint64 expected);
    error EpochNotOver(uint64 epoch, uint256 endsAt);
    error PreviousRootNotFinal(uint64 epoch, uint256 finalAt);
    /// @notice A root's total may not exceed what the checker pools released by the epoch's end plus what was returned
    /// to them (`returned`, including returns still pending in the claims contract).
    error RootExceedsEmission(uint256 cumulativeTotal, uint256 released, uint256 returned);
    error CumulativeTotalDecreased(uint256 cumulativeTotal, uint256 previous);
    error NoRoot(uint64 epoch);
    error ChallengeWindowOver(uint64 epoch, uint256 finalAt);
    error ChallengeWindowOutOfRange(uint64 window, uint64 min, uint64 max);
    error RewardClaimsAlreadySet(address current);

    // ---------------------------------------------------------------- events

    event SeedCommitted(uint64 indexed epoch, bytes32 commitment);
    /// @notice The seed was anchored to block `anchorBlock`; `forfeited`: the referee's secret no longer counts.
    event SeedAnchored(uint64 indexed epoch, uint64 anchorBlock, bool forfeited);
    /// @notice The epoch's seed; `secret` is zero for a fallback seed.
    event SeedRevealed(uint64 indexed epoch, bytes32 seed, bytes32 secret);
    /// @notice The epoch's assignment; `dataURI` points at its jobs (and later its signed results).
    event AssignmentPosted(
        uint64 indexed epoch,
        bytes32 root,
        uint32 jobCount,
        uint8 n,
        bytes32 seed,
        string dataURI,
        uint64 finalAt
    );
    event AssignmentVetoed(uint64 indexed epoch, address indexed by);
    /// @notice A committed job was proven; `verdict` is the majority. `licenseIds` lists the job's licenses in
    /// ascending order; bit i of `passBits` (`failBits`) is set when `licenseIds[i]` proved a Pass (Fail) result;
    /// neither bit: no result counted.
    event JobProven(
        uint64 indexed epoch,
        uint32 indexed job,
        bytes32 indexed container,
        Verdict verdict,
        address prover,
        uint256[] licenseIds,
        uint256 passBits,
        uint256 failBits
    );
    /// @notice The committed operator of `licenseId` signed both verdicts of one job: the license is banned.
    event Equivocation(
        uint64 indexed epoch,
        uint32 indexed job,
        uint256 indexed licenseId,
        address signer,
        uint64 bannedUntil
    );
    /// @notice The epoch's results and rewards are published at `dataURI`; the root is final at `finalAt`.
    event RootPosted(uint64 indexed epoch, bytes32 root, uint256 cumulativeTotal, string dataURI, uint64 finalAt);
    event RootVetoed(uint64 indexed epoch, address indexed by);
    event QuorumSet(uint256 n);
    event ChallengeWindowSet(uint64 window);
    event AssignmentWindowSet(uint64 window);
    event RewardClaimsSet(address rewardClaims);

    /// @notice The majority verdict of job `job` of `epoch` (None: not proven).
    function verdictOf(uint64 epoch, uint32 job) external view returns (Verdict);

    /// @notice How many of `container`'s jobs in `epoch` were proven with a Fail majority, against the epoch's final
    /// assignment: what a slashing contract checks on chain before slashing the container's host (SPEC §7).
    function failedJobs(bytes32 container, uint64 epoch) external view returns (uint256);
}
