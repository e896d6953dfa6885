// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IHostSlashing
/// @notice Errors, events and types of cloud-host slashing (SPEC §7): proposals from a Fail verdict proven on chain
/// (anyone) or from the slasher role with an evidence hash, executed by anyone after a veto window in which the
/// guardian can cancel them.
interface IHostSlashing {
    /// @notice What a slash is for, and so its amount (SPEC §7): downtime while rendering, 1/3 K x coefficient;
    /// downtime in reserve mode, 1/3 K x coefficient plus the service fee refunded; malicious behaviour or
    /// underperformance, K x coefficient. A proven Fail verdict is downtime while rendering.
    enum Kind {
        DowntimeRendering,
        DowntimeReserve,
        Malicious,
        Underperformance
    }

    enum Status {
        None,
        Pending,
        Vetoed,
        Executed
    }

    /// @notice A slash proposal. `penalty` (to the treasury or burned) and `refund` (to `refundTo`) are fixed when
    /// proposed, from K and the container's coefficient then.
    struct Proposal {
        address host;
        uint40 executeAfter;
        Kind kind;
        Status status;
        uint96 penalty;
        address refundTo;
        uint96 refund;
        bytes32 container;
    }

    error ZeroAddress(bytes32 what);
    error VetoWindowOutOfRange(uint64 window, uint64 min, uint64 max);
    error UnknownContainer(bytes32 container);
    /// @notice A verdict-driven slash needs `required` proven Fail jobs of the container in the epoch; it has `failed`.
    error NotEnoughFailedJobs(bytes32 container, uint64 epoch, uint256 failed, uint256 required);
    error MinFailedJobsOutOfRange(uint256 k, uint256 min, uint256 max);
    /// @notice A container's epoch is slashed at most once from verdicts (so a job's verdict at most once).
    error VerdictAlreadyUsed(bytes32 container, uint64 epoch, uint256 proposalId);
    error VerdictFromFuture(uint64 epoch, uint256 startsAt);
    error VerdictTooOld(uint64 epoch, uint256 deadline);
    /// @notice The verdict's epoch ended before the container was first registered.
    error VerdictBeforeRegistration(uint64 epoch, uint256 boundAt);
    error ZeroEvidence();
    /// @notice Only a downtime-in-reserve-mode slash refunds a service fee.
    error RefundNotAllowed(Kind kind);
    /// @notice The refund exceeds K x the container's coefficient.
    error RefundTooLarge(uint256 refund, uint256 max);
    error NoSuchProposal(uint256 id);
    error NotPending(uint256 id, Status status);
    error VetoWindowOver(uint256 id, uint256 executeAfter);
    error VetoWindowNotOver(uint256 id, uint256 executeAfter);

    /// @notice Slash `id` of `host` for `container` was proposed by `proposer`; executable from `executeAfter`.
    /// `evidence` is the slasher's evidence hash, or `keccak256(abi.encode(container, epoch))` of a verdict-driven one.
    event SlashProposed(
        uint256 indexed id,
        address indexed host,
        bytes32 indexed container,
        Kind kind,
        uint256 penalty,
        uint256 refund,
        address refundTo,
        bytes32 evidence,
        address proposer,
        uint64 executeAfter
    );
    /// @notice Proposal `id` comes from `failedJobs` proven Fail jobs of its container in `epoch`.
    event VerdictSlashProposed(uint256 indexed id, uint64 indexed epoch, uint256 failedJobs);
    event MinFailedJobsSet(uint256 k);
    event SlashVetoed(uint256 indexed id, address indexed guardian);
    /// @notice Slash `id` executed: `taken` in all, of which `refunded` to the refund recipient and `penalty` to
    /// `penaltyTo` (the treasury, or the dead address when governance chose to burn).
    event SlashExecuted(
        uint256 indexed id,
        address indexed host,
        address executor,
        uint256 taken,
        uint256 refunded,
        uint256 penalty,
        address penaltyTo
    );
    event VetoWindowSet(uint64 window);
    event BurnSet(bool burn);
}
