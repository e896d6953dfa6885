// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {AethirGovernor} from "../../../contracts/governance/AethirGovernor.sol";
import {IStakedVotes} from "../../../contracts/interfaces/IStakedVotes.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {StakingFixture} from "../staking/StakingFixture.sol";

/// @notice The real ATH and StakingPools, an OZ TimelockController administering StakingPools and a reward pool, and
/// the governor proposing into it. Supply: 39B ATH in a stand-in vesting bucket, 1B in the reward pool, 1B in the
/// timelock (treasury), all three non-voting; 1B stays with this contract (circulating, never delegated). So the
/// voting supply is 1B ATH and the 4% quorum is 40M ATH of votes.
abstract contract GovernanceFixture is StakingFixture {
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 7 days;
    uint256 internal constant THRESHOLD = 1_000_000 ether;
    uint256 internal constant QUORUM_BPS = 400;
    uint256 internal constant TIMELOCK_DELAY = 2 days;

    TimelockController internal timelock;
    AethirGovernor internal governor;
    LinearRewardPool internal rewardPool;
    address internal bucket = makeAddr("vesting bucket");
    address internal alice = makeAddr("alice"); // 30M ATH, delegated to herself
    address internal bob = makeAddr("bob"); // 20M ATH staked, stATH delegated to himself
    address internal carol = makeAddr("carol"); // 5M ATH, delegated to herself
    address internal dave = makeAddr("dave"); // nothing at first

    function _deployGovernance() internal {
        timelock = new TimelockController(TIMELOCK_DELAY, new address[](0), new address[](0), address(this));
        admin = address(timelock);
        _deployStaking();
        _createDefaultPools();
        rewardPool = new LinearRewardPool(
            IERC20(address(token)),
            1_000_000_000 ether,
            uint64(block.timestamp),
            100 days,
            address(timelock),
            guardian
        );
        token.transfer(address(rewardPool), 1_000_000_000 ether);
        token.transfer(bucket, 39_000_000_000 ether);
        token.transfer(address(timelock), 1_000_000_000 ether);
        // the fixture's funder got 1B ATH; take it back so the circulating supply is this contract's 1B
        vm.prank(funder);
        token.transfer(address(this), 1_000_000_000 ether);

        governor = new AethirGovernor(
            IVotes(address(token)),
            IStakedVotes(address(staking)),
            timelock,
            guardian,
            _nonVoting(),
            VOTING_DELAY,
            VOTING_PERIOD,
            THRESHOLD,
            QUORUM_BPS
        );
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), guardian);
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        token.transfer(alice, 30_000_000 ether);
        token.transfer(carol, 5_000_000 ether);
        vm.prank(alice);
        token.delegate(alice);
        vm.prank(carol);
        token.delegate(carol);
        _stake(bob, 0, 20_000_000 ether, 52);
        vm.prank(bob);
        staking.delegate(bob);
        vm.warp(block.timestamp + 1);
    }

    function _nonVoting() internal view returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (bucket, address(rewardPool), address(timelock));
    }

    /// @dev A proposal creating a third staking pool (a real parameter of StakingPools, administered by the timelock).
    function _createPoolProposal()
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string memory description)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = address(staking);
        calldatas[0] = abi.encodeCall(staking.createPool, ("Compute", _tokens(IERC20(address(token)))));
        description = "Create the Compute staking pool";
    }

    /// @dev A proposal granting `who` the reward pool's distributor role (it could then draw the pool's ATH).
    function _grantDistributorProposal(
        address who
    )
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string memory description)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = address(rewardPool);
        calldatas[0] = abi.encodeCall(rewardPool.grantRole, (rewardPool.DISTRIBUTOR_ROLE(), who));
        description = "Make dave a distributor of the reward pool";
    }

    function _single(
        address target,
        bytes memory data,
        string memory description
    )
        internal
        pure
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas, string memory)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        (targets[0], calldatas[0]) = (target, data);
        return (targets, values, calldatas, description);
    }

    function _propose(
        address proposer,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(targets, values, calldatas, description);
    }

    function _vote(address voter, uint256 id, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(id, support);
    }

    function _toVoting(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
    }

    function _toEnd(uint256 id) internal {
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    function _bitmap(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(1 << uint8(s));
    }
}
