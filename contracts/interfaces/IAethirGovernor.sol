// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IAethirGovernor
/// @notice Errors, events and views of holder governance: ATH and stATH vote proposals that execute through the
/// timelock. A holder's votes at a proposal's snapshot are its ATH votes plus its stATH votes (staking moves ATH into
/// StakingPools, which never delegates, so nothing counts twice). Quorum is a fraction of the voting supply: the ATH
/// supply outside a bounded list of contracts that never vote (vesting buckets, reward pools, the treasury) and outside
/// StakingPools, plus the stATH supply; it is measured at each proposal and applies to proposals whose snapshot
/// follows.
interface IAethirGovernor {
    /// @notice The voting delay must be between `min` and `max` seconds.
    error VotingDelayOutOfBounds(uint256 votingDelay, uint256 min, uint256 max);
    /// @notice The voting period must be between `min` and `max` seconds.
    error VotingPeriodOutOfBounds(uint256 votingPeriod, uint256 min, uint256 max);
    /// @notice The proposal threshold must be between `min` and `max` ATH wei of votes.
    error ProposalThresholdOutOfBounds(uint256 threshold, uint256 min, uint256 max);
    /// @notice The quorum must be between `min` and `max` basis points of the voting supply.
    error QuorumOutOfBounds(uint256 quorumBps, uint256 min, uint256 max);
    /// @notice At most `max` contracts can be listed as non-voting holders (the quorum reads each balance).
    error TooManyNonVotingHolders(uint256 count, uint256 max);
    /// @notice A required address (`what`: token, staking, timelock, guardian, non-voting holder) is zero.
    error GovernorZeroAddress(bytes32 what);
    /// @notice `voter` had no votes (ATH nor stATH delegated to it) at proposal `proposalId`'s snapshot `snapshot`:
    /// votes acquired after it do not count.
    error NoVotesAtSnapshot(address voter, uint256 proposalId, uint256 snapshot);

    /// @notice The quorum changed from `oldQuorumBps` to `newQuorumBps` basis points of the voting supply.
    event QuorumBpsSet(uint256 oldQuorumBps, uint256 newQuorumBps);
    /// @notice At proposal `proposalId`'s creation (`timepoint`), the voting supply was `votingSupply` ATH wei and
    /// the quorum of proposals whose snapshot follows is `quorum`.
    event VotingSupplyMeasured(uint256 indexed proposalId, uint256 timepoint, uint256 votingSupply, uint256 quorum);

    /// @notice The supply that can vote now: ATH outside the non-voting holders and StakingPools, plus stATH.
    function votingSupply() external view returns (uint256);

    /// @notice The quorum in basis points of the voting supply.
    function quorumBps() external view returns (uint256);

    /// @notice The contracts whose ATH never votes.
    function nonVotingHolders() external view returns (address[] memory);
}
