// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AethirToken} from "../../../contracts/token/AethirToken.sol";
import {StakingPools} from "../../../contracts/staking/StakingPools.sol";
import {AethirGovernor} from "../../../contracts/governance/AethirGovernor.sol";
import {IStakingPools} from "../../../contracts/interfaces/IStakingPools.sol";
import {Vm} from "../utils/Vm.sol";
import {GovernanceFixture} from "./GovernanceFixture.sol";

/// @notice Under random stakes, withdrawals, ATH and stATH transfers, delegations and time, the votes of all
/// accounts together never exceed the bound the rule implies (the voting supply: ATH outside the non-voting holders
/// and StakingPools, plus stATH), and stATH votes are exactly the stATH of holders who delegated.
contract GovernanceInvariantTest is GovernanceFixture {
    GovernanceHandler internal handler;

    function setUp() public {
        _deployGovernance();
        address[] memory actors = new address[](4);
        (actors[0], actors[1], actors[2], actors[3]) = (alice, bob, carol, dave);
        handler = new GovernanceHandler(token, staking, governor, actors);
        token.transfer(address(handler), 500_000_000 ether);
        handler.setUp();
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handler.actions()}));
    }

    function invariant_TotalVotesNeverExceedTheVotingSupply() public view {
        (uint256 athVotes, uint256 stakedVotes) = handler.votes();
        assertLe(athVotes + stakedVotes, governor.votingSupply(), "all votes <= voting supply");
        assertLe(stakedVotes, staking.totalSupply(), "stATH votes <= stATH supply");
        assertLe(governor.votingSupply(), token.totalSupply(), "voting supply <= ATH supply");
    }

    function invariant_StakedVotesAreTheDelegatedStATH() public view {
        (, uint256 stakedVotes) = handler.votes();
        assertEq(stakedVotes, handler.delegatedStATH(), "stATH votes == stATH of delegating holders");
    }

    /// The governor's view of a past time is the two tokens' past votes added, for every actor.
    function invariant_GovernorVotesAreATHPlusStATH() public view {
        uint256 t = block.timestamp - 1;
        for (uint256 i; i < 4; ++i) {
            address a = handler.actor(i);
            assertEq(governor.getVotes(a, t), token.getPastVotes(a, t) + staking.getPastVotes(a, t), "sum at t");
        }
    }
}

contract GovernanceHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    AethirToken internal immutable token;
    StakingPools internal immutable staking;
    AethirGovernor internal immutable governor;
    address[] internal actors;

    constructor(AethirToken token_, StakingPools staking_, AethirGovernor governor_, address[] memory actors_) {
        (token, staking, governor, actors) = (token_, staking_, governor_, actors_);
    }

    function setUp() external {
        for (uint256 i; i < actors.length; ++i) {
            token.transfer(actors[i], 100_000_000 ether);
            vm.prank(actors[i]);
            token.approve(address(staking), type(uint256).max);
        }
    }

    function actions() external pure returns (bytes4[] memory s) {
        s = new bytes4[](7);
        s[0] = this.stake.selector;
        s[1] = this.withdraw.selector;
        s[2] = this.transferATH.selector;
        s[3] = this.transferStATH.selector;
        s[4] = this.delegateATH.selector;
        s[5] = this.delegateStATH.selector;
        s[6] = this.warp.selector;
    }

    function actor(uint256 i) external view returns (address) {
        return actors[i];
    }

    function stake(uint256 who, uint256 amount, uint256 weeks_) external {
        address a = actors[who % actors.length];
        uint256 balance = token.balanceOf(a);
        if (balance < 1 ether) return;
        amount = 1 ether + (amount % balance);
        if (amount > balance) amount = balance;
        vm.prank(a);
        staking.stake(amount % 2, amount, 1 + (weeks_ % 8));
    }

    function withdraw(uint256 who, uint256 positionId) external {
        address a = actors[who % actors.length];
        uint256 n = staking.positionCount(a);
        if (n == 0) return;
        uint256 id = positionId % n;
        IStakingPools.Position memory pos = staking.position(a, id);
        if (pos.amount == 0 || block.timestamp / 7 days < pos.unlockWeek) return;
        if (staking.balanceOf(a) < pos.amount) return;
        vm.prank(a);
        staking.withdraw(id);
    }

    function transferATH(uint256 from, uint256 to, uint256 amount) external {
        address a = actors[from % actors.length];
        uint256 balance = token.balanceOf(a);
        if (balance == 0) return;
        vm.prank(a);
        token.transfer(actors[to % actors.length], amount % (balance + 1));
    }

    function transferStATH(uint256 from, uint256 to, uint256 amount) external {
        address a = actors[from % actors.length];
        uint256 balance = staking.balanceOf(a);
        if (balance == 0) return;
        vm.prank(a);
        staking.transfer(actors[to % actors.length], amount % (balance + 1));
    }

    function delegateATH(uint256 who, uint256 to, bool none) external {
        vm.prank(actors[who % actors.length]);
        token.delegate(none ? address(0) : actors[to % actors.length]);
    }

    function delegateStATH(uint256 who, uint256 to, bool none) external {
        vm.prank(actors[who % actors.length]);
        staking.delegate(none ? address(0) : actors[to % actors.length]);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + 1 + (seconds_ % 30 days));
    }

    /// @dev The ATH and stATH votes of all actors (delegates are always actors, so this is every vote).
    function votes() external view returns (uint256 athVotes, uint256 stakedVotes) {
        for (uint256 i; i < actors.length; ++i) {
            athVotes += token.getVotes(actors[i]);
            stakedVotes += staking.getVotes(actors[i]);
        }
    }

    function delegatedStATH() external view returns (uint256 total) {
        for (uint256 i; i < actors.length; ++i)
            if (staking.delegates(actors[i]) != address(0)) total += staking.balanceOf(actors[i]);
    }
}
