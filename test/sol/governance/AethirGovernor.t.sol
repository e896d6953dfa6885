// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {AethirGovernor} from "../../../contracts/governance/AethirGovernor.sol";
import {IAethirGovernor} from "../../../contracts/interfaces/IAethirGovernor.sol";
import {IStakedVotes} from "../../../contracts/interfaces/IStakedVotes.sol";
import {GovernanceFixture} from "./GovernanceFixture.sol";

/// @notice Holder governance end to end: ATH and stATH vote a proposal that executes through the timelock; the
/// attacks a holder or the guardian could try, each refused with its named error.
contract AethirGovernorTest is GovernanceFixture {
    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    function setUp() public {
        _deployGovernance();
    }

    // ---------------------------------------------------------------- lifecycle

    /// ATH votes and stATH votes pass a proposal creating a staking pool; it waits out the timelock, then executes.
    function test_LifecycleCreatesAPoolThroughTheTimelock() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        uint256 id = _propose(alice, t, v, c, d);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Pending), "pending");
        assertEq(governor.quorum(governor.proposalSnapshot(id)), 40_000_000 ether, "4% of 1B voting supply");
        assertEq(governor.votingSupply(), 1_000_000_000 ether, "voting supply: ATH outside the non-voting holders");

        _toVoting(id);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Active), "active");
        _vote(alice, id, FOR);
        vm.prank(bob);
        governor.castVoteWithReason(id, FOR, "staked holders want a compute pool");
        _vote(carol, id, AGAINST);
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(id);
        assertEq(for_, 50_000_000 ether, "alice's ATH + bob's stATH");
        assertEq(against, 5_000_000 ether, "carol's ATH");
        assertEq(abstain, 0, "no abstention");

        _toEnd(id);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Succeeded), "succeeded");
        governor.queue(t, v, c, keccak256(bytes(d)));
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Queued), "queued");
        assertEq(governor.proposalEta(id), block.timestamp + TIMELOCK_DELAY, "eta after the timelock delay");

        vm.warp(governor.proposalEta(id));
        assertEq(staking.poolCount(), 2, "two pools before");
        governor.execute(t, v, c, keccak256(bytes(d)));
        assertEq(staking.poolCount(), 3, "the proposal created the third pool");
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Executed), "executed");
    }

    /// Governance changes its own quorum through a proposal; the new quorum applies to proposals created after.
    function test_GovernanceChangesItsQuorum() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _single(
            address(governor),
            abi.encodeCall(governor.setQuorumBps, (1_000)),
            "Quorum to 10%"
        );
        _pass(t, v, c, d);
        assertEq(governor.quorumBps(), 1_000, "10%");
        (t, v, c, d) = _createPoolProposal();
        uint256 id = _propose(alice, t, v, c, d);
        assertEq(governor.quorum(governor.proposalSnapshot(id)), 100_000_000 ether, "10% of 1B");
    }

    /// A proposal only carol (5M ATH) supports is defeated by the 40M quorum and cannot be queued.
    function test_DefeatedByQuorum() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        uint256 id = _propose(carol, t, v, c, d);
        _toVoting(id);
        _vote(carol, id, FOR);
        _toEnd(id);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Defeated), "defeated");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                _bitmap(IGovernor.ProposalState.Succeeded)
            )
        );
        governor.queue(t, v, c, keccak256(bytes(d)));
    }

    // ---------------------------------------------------------------- votes: one rule, never twice

    /// Staking moves ATH votes into stATH votes: the holder's total does not change, and nothing counts twice.
    function test_StakingMovesVotesWithoutDoubleCounting() public {
        vm.prank(alice);
        staking.delegate(alice);
        uint256 before = token.getVotes(alice) + staking.getVotes(alice);
        vm.prank(alice);
        token.approve(address(staking), type(uint256).max);
        vm.prank(alice);
        staking.stake(1, 10_000_000 ether, 4);
        assertEq(token.getVotes(alice), 20_000_000 ether, "ATH votes down by the stake");
        assertEq(staking.getVotes(alice), 10_000_000 ether, "stATH votes up by the stake");
        assertEq(token.getVotes(alice) + staking.getVotes(alice), before, "total unchanged");
        vm.warp(block.timestamp + 1);
        assertEq(governor.getVotes(alice, block.timestamp - 1), before, "the governor sees the same total");
    }

    /// stATH moved to an undelegated holder stops voting; delegating it brings it back.
    function test_StATHTransferMovesVotes() public {
        vm.prank(bob);
        staking.transfer(dave, 5_000_000 ether);
        assertEq(staking.getVotes(bob), 15_000_000 ether, "bob lost the transferred votes");
        assertEq(staking.getVotes(dave), 0, "dave has not delegated");
        vm.prank(dave);
        staking.delegate(carol);
        assertEq(staking.getVotes(carol), 5_000_000 ether, "dave's stATH votes for carol");
        assertEq(staking.delegates(dave), carol, "delegate recorded");
    }

    // ---------------------------------------------------------------- attacks

    function test_RevertWhen_VotingTwice() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        uint256 id = _propose(alice, t, v, c, d);
        _toVoting(id);
        _vote(alice, id, FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        vm.prank(alice);
        governor.castVoteWithReason(id, AGAINST, "again");
    }

    /// ATH received after the snapshot, even delegated, carries no vote; the sender's vote keeps its snapshot power.
    function test_RevertWhen_VotingWithATHReceivedAfterTheSnapshot() public {
        uint256 id = _proposeDefault();
        _toVoting(id);
        vm.prank(alice);
        token.transfer(dave, 30_000_000 ether);
        vm.prank(dave);
        token.delegate(dave);
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.NoVotesAtSnapshot.selector, dave, id, governor.proposalSnapshot(id))
        );
        _vote(dave, id, FOR);
        _vote(alice, id, FOR);
        (, uint256 for_, ) = governor.proposalVotes(id);
        assertEq(for_, 30_000_000 ether, "alice voted with her snapshot power");
    }

    /// stATH transferred after the snapshot (to an account that had delegated before it) carries no vote, even in
    /// the block it arrives in; the sender still votes its snapshot balance.
    function test_RevertWhen_VotingWithStATHTransferredAfterTheSnapshot() public {
        vm.prank(dave);
        staking.delegate(dave);
        uint256 id = _proposeDefault();
        _toVoting(id);
        vm.prank(bob);
        staking.transfer(dave, 20_000_000 ether);
        assertEq(staking.getVotes(dave), 20_000_000 ether, "dave holds the votes now");
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.NoVotesAtSnapshot.selector, dave, id, governor.proposalSnapshot(id))
        );
        _vote(dave, id, FOR);
        _vote(bob, id, FOR);
        (, uint256 for_, ) = governor.proposalVotes(id);
        assertEq(for_, 20_000_000 ether, "bob's snapshot stATH counted once");
    }

    /// A position opened after the snapshot carries no vote on that proposal.
    function test_RevertWhen_VotingWithAPositionOpenedAfterTheSnapshot() public {
        uint256 id = _proposeDefault();
        _toVoting(id);
        _stake(dave, 0, 100_000_000 ether, 208);
        vm.prank(dave);
        staking.delegate(dave);
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.NoVotesAtSnapshot.selector, dave, id, governor.proposalSnapshot(id))
        );
        _vote(dave, id, FOR);
    }

    /// Power bought and voted in one block (a flash loan's shape) is not the snapshot's.
    function test_RevertWhen_VotingWithPowerFromTheSameBlock() public {
        uint256 id = _proposeDefault();
        _toVoting(id);
        token.transfer(dave, 500_000_000 ether);
        vm.startPrank(dave);
        token.delegate(dave);
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.NoVotesAtSnapshot.selector, dave, id, governor.proposalSnapshot(id))
        );
        governor.castVote(id, FOR);
        vm.stopPrank();
    }

    function test_RevertWhen_VotingAfterTheDeadline() public {
        uint256 id = _proposeDefault();
        _toEnd(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                _bitmap(IGovernor.ProposalState.Active)
            )
        );
        _vote(alice, id, FOR);
    }

    function test_RevertWhen_VotingBeforeTheSnapshot() public {
        uint256 id = _proposeDefault();
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Pending,
                _bitmap(IGovernor.ProposalState.Active)
            )
        );
        _vote(alice, id, FOR);
    }

    function test_RevertWhen_ExecutingBeforeTheTimelockDelay() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        uint256 id = _propose(alice, t, v, c, d);
        _toVoting(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        governor.queue(t, v, c, keccak256(bytes(d)));
        vm.warp(governor.proposalEta(id) - 1);
        bytes32 op = timelock.hashOperationBatch(t, v, c, 0, _salt(d));
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                op,
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        governor.execute(t, v, c, keccak256(bytes(d)));
    }

    function test_RevertWhen_ProposingBelowTheThreshold() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, dave, 0, THRESHOLD)
        );
        _propose(dave, t, v, c, d);
    }

    // ---------------------------------------------------------------- the guardian

    /// A passed, queued proposal granting a reward-pool distributor (who could then draw) is vetoed by the guardian
    /// in the timelock: it never executes, and the governor reports it canceled.
    function test_GuardianVetoesAPassedDistributorGrantInTheTimelock() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _grantDistributorProposal(dave);
        uint256 id = _queued(t, v, c, d);
        bytes32 op = timelock.hashOperationBatch(t, v, c, 0, _salt(d));
        assertTrue(timelock.isOperationPending(op), "waiting in the timelock");
        vm.prank(guardian);
        timelock.cancel(op);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Canceled), "vetoed");
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Canceled,
                _bitmap(IGovernor.ProposalState.Succeeded) | _bitmap(IGovernor.ProposalState.Queued)
            )
        );
        governor.execute(t, v, c, keccak256(bytes(d)));
        assertFalse(rewardPool.hasRole(rewardPool.DISTRIBUTOR_ROLE(), dave), "dave never became a distributor");
    }

    /// The guardian can also cancel through the governor, at any stage (here: succeeded, before queueing).
    function test_GuardianCancelsAPassedProposalInTheGovernor() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _grantDistributorProposal(dave);
        uint256 id = _propose(alice, t, v, c, d);
        _toVoting(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        vm.prank(guardian);
        governor.cancel(t, v, c, keccak256(bytes(d)));
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Canceled), "canceled");
    }

    function test_RevertWhen_SomeoneElseCancelsAnActiveProposal() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        uint256 id = _propose(alice, t, v, c, d);
        _toVoting(id);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, carol));
        vm.prank(carol);
        governor.cancel(t, v, c, keccak256(bytes(d)));
    }

    /// The guardian has no votes to propose and no role to execute in the timelock.
    function test_RevertWhen_TheGuardianProposesOrExecutes() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, guardian, 0, THRESHOLD)
        );
        _propose(guardian, t, v, c, d);
        _queued(t, v, c, d);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                guardian,
                timelock.EXECUTOR_ROLE()
            )
        );
        vm.prank(guardian);
        timelock.executeBatch(t, v, c, 0, _salt(d));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                guardian,
                timelock.PROPOSER_ROLE()
            )
        );
        vm.prank(guardian);
        timelock.scheduleBatch(t, v, c, 0, bytes32("other"), TIMELOCK_DELAY);
    }

    // ---------------------------------------------------------------- bounded settings

    function test_RevertWhen_SettingsAreChangedOutsideGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.setQuorumBps(500);
    }

    /// Even a passed proposal cannot move a setting out of its bounds: the execution reverts with the bound.
    function test_RevertWhen_AProposalSetsTheQuorumOutOfBounds() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _single(
            address(governor),
            abi.encodeCall(governor.setQuorumBps, (5_000)),
            "Quorum to 50%"
        );
        uint256 id = _queued(t, v, c, d);
        vm.warp(governor.proposalEta(id));
        vm.expectRevert(abi.encodeWithSelector(IAethirGovernor.QuorumOutOfBounds.selector, 5_000, 100, 2_000));
        governor.execute(t, v, c, keccak256(bytes(d)));
    }

    function test_RevertWhen_DeployedOutOfBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.VotingDelayOutOfBounds.selector, 59 minutes, 1 hours, 14 days)
        );
        _deploy(59 minutes, VOTING_PERIOD, THRESHOLD, QUORUM_BPS, _nonVoting());
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.VotingDelayOutOfBounds.selector, 15 days, 1 hours, 14 days)
        );
        _deploy(15 days, VOTING_PERIOD, THRESHOLD, QUORUM_BPS, _nonVoting());
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.VotingPeriodOutOfBounds.selector, 23 hours, 1 days, 28 days)
        );
        _deploy(VOTING_DELAY, 23 hours, THRESHOLD, QUORUM_BPS, _nonVoting());
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.VotingPeriodOutOfBounds.selector, 29 days, 1 days, 28 days)
        );
        _deploy(VOTING_DELAY, 29 days, THRESHOLD, QUORUM_BPS, _nonVoting());
        vm.expectRevert(
            abi.encodeWithSelector(IAethirGovernor.ProposalThresholdOutOfBounds.selector, 0, 1 ether, 420_000_000 ether)
        );
        _deploy(VOTING_DELAY, VOTING_PERIOD, 0, QUORUM_BPS, _nonVoting());
        vm.expectRevert(
            abi.encodeWithSelector(
                IAethirGovernor.ProposalThresholdOutOfBounds.selector,
                420_000_001 ether,
                1 ether,
                420_000_000 ether
            )
        );
        _deploy(VOTING_DELAY, VOTING_PERIOD, 420_000_001 ether, QUORUM_BPS, _nonVoting());
        vm.expectRevert(abi.encodeWithSelector(IAethirGovernor.QuorumOutOfBounds.selector, 99, 100, 2_000));
        _deploy(VOTING_DELAY, VOTING_PERIOD, THRESHOLD, 99, _nonVoting());
        vm.expectRevert(abi.encodeWithSelector(IAethirGovernor.QuorumOutOfBounds.selector, 2_001, 100, 2_000));
        _deploy(VOTING_DELAY, VOTING_PERIOD, THRESHOLD, 2_001, _nonVoting());
        vm.expectRevert(abi.encodeWithSelector(IAethirGovernor.TooManyNonVotingHolders.selector, 17, 16));
        _deploy(VOTING_DELAY, VOTING_PERIOD, THRESHOLD, QUORUM_BPS, new address[](17));
        vm.expectRevert(abi.encodeWithSelector(IAethirGovernor.GovernorZeroAddress.selector, bytes32("nonVoting")));
        _deploy(VOTING_DELAY, VOTING_PERIOD, THRESHOLD, QUORUM_BPS, new address[](2));
        // the bounds themselves are accepted
        AethirGovernor g = _deploy(1 hours, 28 days, 420_000_000 ether, 2_000, _nonVoting());
        assertEq(g.votingDelay(), 1 hours, "min delay accepted");
        assertEq(g.votingPeriod(), 28 days, "max period accepted");
    }

    function test_RevertWhen_DeployedWithZeroAddresses() public {
        vm.expectRevert(abi.encodeWithSelector(IAethirGovernor.GovernorZeroAddress.selector, bytes32("guardian")));
        new AethirGovernor(
            IVotes(address(token)),
            IStakedVotes(address(staking)),
            timelock,
            address(0),
            _nonVoting(),
            VOTING_DELAY,
            VOTING_PERIOD,
            THRESHOLD,
            QUORUM_BPS
        );
        vm.expectRevert(abi.encodeWithSelector(IAethirGovernor.GovernorZeroAddress.selector, bytes32("staking")));
        new AethirGovernor(
            IVotes(address(token)),
            IStakedVotes(address(0)),
            timelock,
            guardian,
            _nonVoting(),
            VOTING_DELAY,
            VOTING_PERIOD,
            THRESHOLD,
            QUORUM_BPS
        );
    }

    function test_RevertWhen_AskingStakedVotesOfTheFuture() public {
        vm.expectRevert(
            abi.encodeWithSelector(IStakedVotes.ERC5805FutureLookup.selector, block.timestamp, uint48(block.timestamp))
        );
        staking.getPastVotes(bob, block.timestamp);
    }

    // ---------------------------------------------------------------- helpers

    function _deploy(
        uint48 delay,
        uint32 period,
        uint256 threshold,
        uint256 quorumBps,
        address[] memory nonVoting
    ) internal returns (AethirGovernor) {
        return
            new AethirGovernor(
                IVotes(address(token)),
                IStakedVotes(address(staking)),
                timelock,
                guardian,
                nonVoting,
                delay,
                period,
                threshold,
                quorumBps
            );
    }

    function _proposeDefault() internal returns (uint256) {
        (address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) = _createPoolProposal();
        return _propose(alice, t, v, c, d);
    }

    function _queued(
        address[] memory t,
        uint256[] memory v,
        bytes[] memory c,
        string memory d
    ) internal returns (uint256 id) {
        id = _propose(alice, t, v, c, d);
        _toVoting(id);
        _vote(alice, id, FOR);
        _vote(bob, id, FOR);
        _toEnd(id);
        governor.queue(t, v, c, keccak256(bytes(d)));
    }

    function _pass(address[] memory t, uint256[] memory v, bytes[] memory c, string memory d) internal {
        uint256 id = _queued(t, v, c, d);
        vm.warp(governor.proposalEta(id));
        governor.execute(t, v, c, keccak256(bytes(d)));
    }

    function _salt(string memory d) internal view returns (bytes32) {
        return bytes20(address(governor)) ^ keccak256(bytes(d));
    }
}
