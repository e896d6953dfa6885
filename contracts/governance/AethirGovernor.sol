// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IAethirGovernor} from "../interfaces/IAethirGovernor.sol";
import {IStakedVotes} from "../interfaces/IStakedVotes.sol";

/// @title AethirGovernor
/// @notice Holder governance (issue 16): holders of ATH and of staked ATH (stATH) propose and vote; a proposal that
/// passes is queued in the protocol's TimelockController and executed from it after the delay. The guardian can
/// cancel (veto) any proposal at any stage, here or in the timelock, and cannot propose or execute.
/// @dev Votes at a snapshot = ATH `getPastVotes` + stATH `getPastVotes` (both ERC-6372 timestamp clocks). Voting
/// delay, period, proposal threshold and quorum are bounded on chain; see docs/decisions.md "Holder governance".
contract AethirGovernor is
    GovernorSettings,
    GovernorCountingSimple,
    GovernorTimelockControl,
    GovernorProposalGuardian,
    IAethirGovernor
{
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Bounds of the voting delay (seconds between proposing and the snapshot).
    uint256 public constant MIN_VOTING_DELAY = 1 hours;
    uint256 public constant MAX_VOTING_DELAY = 14 days;
    /// @notice Bounds of the voting period (seconds).
    uint256 public constant MIN_VOTING_PERIOD = 1 days;
    uint256 public constant MAX_VOTING_PERIOD = 28 days;
    /// @notice Bounds of the proposal threshold: 1 ATH to 1% of the supply (420 million ATH) of votes.
    uint256 public constant MIN_PROPOSAL_THRESHOLD = 1 ether;
    uint256 public constant MAX_PROPOSAL_THRESHOLD = 420_000_000 ether;
    /// @notice Bounds of the quorum, in basis points of the voting supply (1% to 20%).
    uint256 public constant MIN_QUORUM_BPS = 100;
    uint256 public constant MAX_QUORUM_BPS = 2_000;
    /// @notice At most this many non-voting holders (each is one balance read when proposing).
    uint256 public constant MAX_NON_VOTING_HOLDERS = 16;

    /// @notice ATH (ERC20Votes).
    IVotes public immutable ath;
    /// @notice StakingPools, the stATH token (StakedVotes).
    IStakedVotes public immutable staking;

    uint256 private _quorumBps;
    address[] private _nonVoting;
    /// @dev Quorum (ATH wei of votes) measured at each proposal, keyed by the time it was measured.
    Checkpoints.Trace208 private _quorums;

    /// @param ath_ The ATH token.
    /// @param staking_ StakingPools (stATH).
    /// @param timelock_ The TimelockController the governor proposes to (it needs the proposer and canceller roles).
    /// @param guardian The proposal guardian: may cancel any proposal.
    /// @param nonVoting Contracts whose ATH never votes (vesting buckets, reward pools, the treasury), at most 16.
    /// @param votingDelay_ Seconds from proposing to the snapshot.
    /// @param votingPeriod_ Seconds of voting after the snapshot.
    /// @param proposalThreshold_ Votes (ATH wei) needed to propose.
    /// @param quorumBps_ Quorum in basis points of the voting supply.
    constructor(
        IVotes ath_,
        IStakedVotes staking_,
        TimelockController timelock_,
        address guardian,
        address[] memory nonVoting,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumBps_
    )
        Governor("Aethir Governor")
        GovernorSettings(votingDelay_, votingPeriod_, proposalThreshold_)
        GovernorTimelockControl(timelock_)
    {
        if (address(ath_) == address(0)) revert GovernorZeroAddress("ath");
        if (address(staking_) == address(0)) revert GovernorZeroAddress("staking");
        if (address(timelock_) == address(0)) revert GovernorZeroAddress("timelock");
        if (guardian == address(0)) revert GovernorZeroAddress("guardian");
        uint256 n = nonVoting.length;
        if (n > MAX_NON_VOTING_HOLDERS) revert TooManyNonVotingHolders(n, MAX_NON_VOTING_HOLDERS);
        for (uint256 i; i < n; ++i) {
            if (nonVoting[i] == address(0)) revert GovernorZeroAddress("nonVoting");
            _nonVoting.push(nonVoting[i]);
        }
        ath = ath_;
        staking = staking_;
        _setProposalGuardian(guardian);
        _setQuorumBps(quorumBps_);
    }

    // ---------------------------------------------------------------- clock and votes

    /// @notice ERC-6372 clock: the block timestamp, as ATH's and stATH's.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc IAethirGovernor
    function votingSupply() public view returns (uint256 supply) {
        IERC20 token = IERC20(address(ath));
        supply = token.totalSupply() + IERC20(address(staking)).totalSupply() - token.balanceOf(address(staking));
        uint256 n = _nonVoting.length;
        for (uint256 i; i < n; ++i) supply -= token.balanceOf(_nonVoting[i]);
    }

    /// @inheritdoc IAethirGovernor
    function nonVotingHolders() external view returns (address[] memory) {
        return _nonVoting;
    }

    /// @inheritdoc IAethirGovernor
    function quorumBps() external view returns (uint256) {
        return _quorumBps;
    }

    /// @notice The quorum of a proposal whose snapshot is `timepoint`: the last one measured (at a proposal's
    /// creation) at or before it.
    /// @param timepoint A snapshot time.
    /// @return The votes (For + Abstain) a proposal needs, in ATH wei.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return _quorums.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @notice Changes the quorum (through governance only), for proposals created from now on.
    /// @param newQuorumBps Basis points of the voting supply, 100 to 2,000.
    function setQuorumBps(uint256 newQuorumBps) external onlyGovernance {
        _setQuorumBps(newQuorumBps);
    }

    function _getVotes(address account, uint256 timepoint, bytes memory) internal view override returns (uint256) {
        return ath.getPastVotes(account, timepoint) + staking.getPastVotes(account, timepoint);
    }

    /// @dev A vote with no power at the snapshot is refused, so that power acquired after it is seen to be refused.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal override(Governor, GovernorCountingSimple) returns (uint256) {
        if (totalWeight == 0) revert NoVotesAtSnapshot(account, proposalId, proposalSnapshot(proposalId));
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    /// @dev Measures the voting supply when a proposal is created; the quorum applies from then on.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        uint256 supply = votingSupply();
        uint256 q = (supply * _quorumBps) / 10_000;
        uint48 now_ = clock();
        // q <= the ATH supply < 2^208
        _quorums.push(now_, uint208(q));
        emit VotingSupplyMeasured(proposalId, now_, supply, q);
    }

    // ---------------------------------------------------------------- bounded settings

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        if (newVotingDelay < MIN_VOTING_DELAY || newVotingDelay > MAX_VOTING_DELAY)
            revert VotingDelayOutOfBounds(newVotingDelay, MIN_VOTING_DELAY, MAX_VOTING_DELAY);
        super._setVotingDelay(newVotingDelay);
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        if (newVotingPeriod < MIN_VOTING_PERIOD || newVotingPeriod > MAX_VOTING_PERIOD)
            revert VotingPeriodOutOfBounds(newVotingPeriod, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        super._setVotingPeriod(newVotingPeriod);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        if (newProposalThreshold < MIN_PROPOSAL_THRESHOLD || newProposalThreshold > MAX_PROPOSAL_THRESHOLD)
            revert ProposalThresholdOutOfBounds(newProposalThreshold, MIN_PROPOSAL_THRESHOLD, MAX_PROPOSAL_THRESHOLD);
        super._setProposalThreshold(newProposalThreshold);
    }

    function _setQuorumBps(uint256 newQuorumBps) private {
        if (newQuorumBps < MIN_QUORUM_BPS || newQuorumBps > MAX_QUORUM_BPS)
            revert QuorumOutOfBounds(newQuorumBps, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        emit QuorumBpsSet(_quorumBps, newQuorumBps);
        _quorumBps = newQuorumBps;
    }

    // ---------------------------------------------------------------- Solidity's required overrides

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
