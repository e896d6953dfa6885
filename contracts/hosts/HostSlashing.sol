// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IHostSlashing} from "../interfaces/IHostSlashing.sol";
import {IHostRegistry, IHostStaking} from "../interfaces/IHostStaking.sol";
import {CheckerReferee} from "../referee/CheckerReferee.sol";
import {HostStaking} from "./HostStaking.sol";
import {HostRegistry} from "./HostRegistry.sol";

/// @title HostSlashing
/// @notice Slashes cloud hosts (SPEC §7). A slash is proposed either by anyone from a Fail verdict the referee proved
/// on chain for one of the host's containers (no human needed), or by the slasher role with an evidence hash; it can be
/// executed by anyone once the veto window (default 7 days) has passed, unless the guardian cancelled it in the window.
/// Slashed ATH goes to the treasury, or to the dead address when governance chooses to burn.
/// @dev Holds `SLASHER_ROLE` on HostStaking. While a proposal is pending, HostStaking keeps the host's unbonded stake
/// from being withdrawn and others from delegating to it: unstaking in the window can't escape the slash (unbonding
/// stake is slashed pro rata with active stake), and nobody joins into a known slash.
contract HostSlashing is AccessControl, IHostSlashing {
    /// @notice Proposes slashes with an evidence hash.
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Vetoes proposals in their window; moves no funds.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Where burned ATH goes: the token has no burn (docs/decisions.md, "Token").
    address public constant BURN_ADDRESS = 0x000000000000000000000000000000000000dEaD;
    uint64 public constant MIN_VETO_WINDOW = 1 days;
    uint64 public constant MAX_VETO_WINDOW = 30 days;
    /// @notice A verdict must be used within this long after its epoch ended.
    uint256 public constant MAX_VERDICT_AGE = 30 days;
    /// @notice Bounds of k, the proven Fail jobs of one container in one epoch that a verdict-driven slash needs.
    uint256 public constant MIN_FAILED_JOBS = 1;
    uint256 public constant MAX_FAILED_JOBS = 32;

    HostStaking public immutable staking;
    /// @notice The staking contract's container registry.
    HostRegistry public immutable registry;
    CheckerReferee public immutable referee;
    address public immutable treasury;

    uint64 public vetoWindow;
    /// @notice k: proven Fail jobs of one container in one epoch needed to propose a slash from verdicts (default 3;
    /// docs/decisions.md has the probability that colluding licenses reach it).
    uint256 public minFailedJobs;
    /// @notice Whether penalties are burned (sent to the dead address) rather than paid to the treasury.
    bool public burn;
    /// @notice Number of proposals so far; ids start at 1.
    uint256 public proposalCount;

    mapping(uint256 id => Proposal) private _proposals;
    /// @notice The proposal made from a verdict for `keccak256(abi.encode(container, epoch))` (0: none).
    mapping(bytes32 subject => uint256 id) public verdictProposal;

    /// @param admin Governance (the timelock).
    /// @param guardian Vetoes proposals.
    /// @param slasher Proposes slashes with evidence (may be zero: verdict-driven slashes only).
    /// @param staking_ The host staking contract, which must grant this contract its `SLASHER_ROLE`.
    /// @param referee_ The checker referee whose proven Fail verdicts slash.
    /// @param treasury_ Receives penalties unless governance chooses to burn.
    constructor(
        address admin,
        address guardian,
        address slasher,
        HostStaking staking_,
        CheckerReferee referee_,
        address treasury_
    ) {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (guardian == address(0)) revert ZeroAddress("guardian");
        if (address(staking_) == address(0)) revert ZeroAddress("staking");
        if (address(referee_) == address(0)) revert ZeroAddress("referee");
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        staking = staking_;
        registry = staking_.registry();
        referee = referee_;
        treasury = treasury_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, guardian);
        if (slasher != address(0)) _grantRole(SLASHER_ROLE, slasher);
        _setVetoWindow(7 days);
        _setMinFailedJobs(3);
    }

    // ---------------------------------------------------------------- proposals

    /// @notice Proposes a downtime slash (1/3 K x coefficient) of `container`'s host from the Fail verdicts the
    /// referee proved for `container` in `epoch`: at least `minFailedJobs` of its jobs, against the epoch's final
    /// assignment. Anyone may call. A container's epoch is slashed from verdicts once; the epoch must have started,
    /// ended after the container was first registered, and ended at most 30 days ago.
    /// @return id The proposal.
    function proposeFromVerdict(bytes32 container, uint64 epoch) external returns (uint256 id) {
        (IHostRegistry.Container memory c, uint256 failed) = _verdictContainer(container, epoch);
        bytes32 subject = keccak256(abi.encode(container, epoch));
        uint256 used = verdictProposal[subject];
        if (used != 0) revert VerdictAlreadyUsed(container, epoch, used);
        id = ++proposalCount;
        verdictProposal[subject] = id;
        emit VerdictSlashProposed(id, epoch, failed);
        _propose(id, _proposal(c, container, Kind.DowntimeRendering, 0, address(0)), subject);
    }

    /// @notice Proposes a slash of `container`'s host for `kind` with `evidence` (a hash of the off-chain evidence).
    /// `refund` (the service fee refunded to `refundTo`) only for downtime in reserve mode, at most K x coefficient.
    /// Slasher role.
    /// @return id The proposal.
    function propose(
        bytes32 container,
        Kind kind,
        bytes32 evidence,
        uint256 refund,
        address refundTo
    ) external onlyRole(SLASHER_ROLE) returns (uint256 id) {
        IHostRegistry.Container memory c = _container(container);
        if (evidence == bytes32(0)) revert ZeroEvidence();
        Proposal memory p = _proposal(c, container, kind, refund, refundTo);
        if (refund != 0) {
            if (kind != Kind.DowntimeReserve) revert RefundNotAllowed(kind);
            uint256 max = staking.stakeFor(c.coefficient);
            if (refund > max) revert RefundTooLarge(refund, max);
            if (refundTo == address(0)) revert ZeroAddress("refundTo");
        }
        id = ++proposalCount;
        _propose(id, p, evidence);
    }

    /// @notice Cancels pending proposal `id` before its veto window ends. Guardian only.
    function veto(uint256 id) external onlyRole(GUARDIAN_ROLE) {
        Proposal memory p = _pending(id);
        if (block.timestamp >= p.executeAfter) revert VetoWindowOver(id, p.executeAfter);
        _proposals[id].status = Status.Vetoed;
        emit SlashVetoed(id, msg.sender);
        staking.cancelSlash(p.host);
    }

    /// @notice Executes pending proposal `id` after its veto window. Anyone may call.
    /// @return result What was taken, and from where.
    function execute(uint256 id) external returns (IHostStaking.SlashResult memory result) {
        Proposal memory p = _pending(id);
        if (block.timestamp < p.executeAfter) revert VetoWindowNotOver(id, p.executeAfter);
        _proposals[id].status = Status.Executed;
        address penaltyTo = burn ? BURN_ADDRESS : treasury;
        result = staking.slash(p.host, id, p.penalty, p.refund, p.refundTo, penaltyTo);
        uint256 taken = result.fromRewards + result.fromActive + result.fromUnbonding;
        emit SlashExecuted(id, p.host, msg.sender, taken, result.refunded, result.penalty, penaltyTo);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Sets the veto window of new proposals (1 to 30 days; default 7). Governance only.
    function setVetoWindow(uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setVetoWindow(window);
    }

    /// @notice Sets k, the proven Fail jobs of one container in one epoch a verdict-driven slash needs (1 to 32).
    /// Governance only.
    function setMinFailedJobs(uint256 k) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMinFailedJobs(k);
    }

    /// @notice Chooses where penalties go: burned (the dead address) or the treasury. Governance only.
    function setBurn(bool burn_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        burn = burn_;
        emit BurnSet(burn_);
    }

    // ---------------------------------------------------------------- views

    /// @notice Proposal `id` (status None: no such proposal).
    function proposal(uint256 id) external view returns (Proposal memory) {
        return _proposals[id];
    }

    /// @notice The penalty a `kind` slash of `container` would carry now (refund excluded).
    function penaltyOf(bytes32 container, Kind kind) external view returns (uint256) {
        return _proposal(_container(container), container, kind, 0, address(0)).penalty;
    }

    // ---------------------------------------------------------------- internals

    /// @dev A pending proposal against `c`'s host, its penalty from K and the container's coefficient now.
    function _proposal(
        IHostRegistry.Container memory c,
        bytes32 container,
        Kind kind,
        uint256 refund,
        address refundTo
    ) private view returns (Proposal memory p) {
        uint256 required = staking.stakeFor(c.coefficient);
        uint256 penalty = kind == Kind.DowntimeRendering || kind == Kind.DowntimeReserve ? required / 3 : required;
        uint64 executeAfter = uint64(block.timestamp) + vetoWindow;
        // K x coefficient <= 1e13 ATH, and a refund is at most that: both fit in 96 bits
        p = Proposal(
            c.host,
            uint40(executeAfter),
            kind,
            Status.Pending,
            uint96(penalty),
            refundTo,
            uint96(refund),
            container
        );
    }

    function _propose(uint256 id, Proposal memory p, bytes32 evidence) private {
        _proposals[id] = p;
        emit SlashProposed(
            id,
            p.host,
            p.container,
            p.kind,
            p.penalty,
            p.refund,
            p.refundTo,
            evidence,
            msg.sender,
            p.executeAfter
        );
        staking.openSlash(p.host);
    }

    /// @dev The container of usable verdicts and their count: at least k proven Fail jobs of it in `epoch`, an epoch
    /// that has started, ended after the container was first registered and at most `MAX_VERDICT_AGE` ago.
    function _verdictContainer(
        bytes32 container,
        uint64 epoch
    ) private view returns (IHostRegistry.Container memory c, uint256 failed) {
        c = _container(container);
        failed = referee.failedJobs(container, epoch);
        uint256 required = minFailedJobs;
        if (failed < required) revert NotEnoughFailedJobs(container, epoch, failed, required);
        uint256 startsAt = referee.epochStart(epoch);
        if (startsAt > block.timestamp) revert VerdictFromFuture(epoch, startsAt);
        uint256 endsAt = startsAt + referee.EPOCH();
        if (endsAt <= c.boundAt) revert VerdictBeforeRegistration(epoch, c.boundAt);
        if (block.timestamp > endsAt + MAX_VERDICT_AGE) revert VerdictTooOld(epoch, endsAt + MAX_VERDICT_AGE);
    }

    function _container(bytes32 container) private view returns (IHostRegistry.Container memory c) {
        c = registry.containerOf(container);
        if (c.host == address(0)) revert UnknownContainer(container);
    }

    function _pending(uint256 id) private view returns (Proposal memory p) {
        p = _proposals[id];
        if (p.status == Status.None) revert NoSuchProposal(id);
        if (p.status != Status.Pending) revert NotPending(id, p.status);
    }

    function _setMinFailedJobs(uint256 k) private {
        if (k < MIN_FAILED_JOBS || k > MAX_FAILED_JOBS) {
            revert MinFailedJobsOutOfRange(k, MIN_FAILED_JOBS, MAX_FAILED_JOBS);
        }
        minFailedJobs = k;
        emit MinFailedJobsSet(k);
    }

    function _setVetoWindow(uint64 window) private {
        if (window < MIN_VETO_WINDOW || window > MAX_VETO_WINDOW) {
            revert VetoWindowOutOfRange(window, MIN_VETO_WINDOW, MAX_VETO_WINDOW);
        }
        vetoWindow = window;
        emit VetoWindowSet(window);
    }
}
