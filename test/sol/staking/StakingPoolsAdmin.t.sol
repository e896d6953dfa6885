// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {StakingPools} from "../../../contracts/staking/StakingPools.sol";
import {IStakingPools} from "../../../contracts/interfaces/IStakingPools.sol";
import {StakingFixture, MockERC20, FeeOnTransferToken} from "./StakingFixture.sol";

/// @notice Construction, governance (pools and reward tokens), the guardian's pause, and funding: every revert with
/// its exact error and every event.
contract StakingPoolsAdminTest is StakingFixture {
    address internal alice = makeAddr("alice");

    function setUp() public {
        _deployStaking();
        _createDefaultPools();
    }

    // ---------------------------------------------------------------- construction

    function test_ConstructorRefusesZeroAddresses() public {
        IERC20 ath = IERC20(address(token));
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.ZeroAddress.selector, bytes32("admin")));
        new StakingPools(address(0), guardian, ath);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.ZeroAddress.selector, bytes32("guardian")));
        new StakingPools(admin, address(0), ath);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.ZeroAddress.selector, bytes32("ath")));
        new StakingPools(admin, guardian, IERC20(address(0)));
    }

    function test_ConstructorSetsRolesTokenAndReceiptMetadata() public view {
        assertTrue(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), admin), "admin is governance");
        assertTrue(staking.hasRole(staking.GUARDIAN_ROLE(), guardian), "guardian");
        assertFalse(staking.hasRole(staking.DEFAULT_ADMIN_ROLE(), guardian), "guardian is not governance");
        assertEq(address(staking.ath()), address(token), "ath");
        assertEq(staking.name(), "Staked ATH", "name");
        assertEq(staking.symbol(), "stATH", "symbol");
        assertEq(staking.decimals(), 18, "decimals");
        assertEq(staking.totalSupply(), 0, "no stATH yet");
    }

    // ---------------------------------------------------------------- pools

    function test_CreatePoolEmitsEventsAndNumbersPools() public {
        MockERC20 other = new MockERC20("OTH");
        IERC20[] memory t = _tokens(IERC20(address(other)));
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardTokenAdded(2, 0, IERC20(address(other)));
        vm.expectEmit(address(staking));
        emit IStakingPools.PoolCreated(2, "Storage", t);
        vm.prank(admin);
        assertEq(staking.createPool("Storage", t), 2, "third pool");
        assertEq(staking.poolCount(), 3, "pool count");
        IStakingPools.PoolView memory p = staking.pool(2);
        assertEq(p.rewardTokens.length, 1, "one token");
        assertEq(address(p.rewardTokens[0]), address(other), "its token");
        assertEq(p.totalWeight + p.staked, 0, "empty");
        assertEq(p.lastUpdate, block.timestamp, "created now");
    }

    function test_OnlyGovernanceCreatesPoolsAndAddsTokens() public {
        bytes32 role = staking.DEFAULT_ADMIN_ROLE();
        IERC20[] memory t = _tokens(IERC20(address(token)));
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, role)
        );
        vm.prank(guardian);
        staking.createPool("X", t);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, role));
        vm.prank(alice);
        staking.addRewardToken(0, IERC20(address(partner)));
    }

    function test_CreatePoolRefusesBadTokenLists() public {
        vm.startPrank(admin);
        vm.expectRevert(IStakingPools.ZeroAmount.selector);
        staking.createPool("none", new IERC20[](0));

        IERC20[] memory nine = new IERC20[](9);
        for (uint256 i; i < 9; ++i) nine[i] = IERC20(address(new MockERC20("T")));
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.TooManyRewardTokens.selector, 2, 8));
        staking.createPool("nine", nine);

        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidRewardToken.selector, address(0)));
        staking.createPool("zero", _tokens(IERC20(address(0))));
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidRewardToken.selector, address(staking)));
        staking.createPool("stATH", _tokens(IERC20(address(staking))));
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.DuplicateRewardToken.selector, 2, address(token)));
        staking.createPool("dup", _tokens(IERC20(address(token)), IERC20(address(token))));
        vm.stopPrank();
    }

    function test_AddRewardTokenUpToEight() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.DuplicateRewardToken.selector, 1, address(partner)));
        staking.addRewardToken(1, IERC20(address(partner)));
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidRewardToken.selector, address(staking)));
        staking.addRewardToken(1, IERC20(address(staking)));
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.UnknownPool.selector, 7));
        staking.addRewardToken(7, IERC20(address(partner)));
        for (uint256 k = 2; k < 8; ++k) {
            MockERC20 t = new MockERC20("T");
            vm.expectEmit(address(staking));
            emit IStakingPools.RewardTokenAdded(1, k, IERC20(address(t)));
            staking.addRewardToken(1, IERC20(address(t)));
        }
        IERC20 ninth = IERC20(address(new MockERC20("T")));
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.TooManyRewardTokens.selector, 1, 8));
        staking.addRewardToken(1, ninth);
        vm.stopPrank();
        assertEq(staking.pool(1).rewardTokens.length, 8, "eight tokens");
    }

    function test_PoolIdsFitOneByte() public {
        vm.startPrank(admin);
        IERC20[] memory t = _tokens(IERC20(address(token)));
        for (uint256 i = 2; i < 256; ++i) staking.createPool("p", t);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.TooManyPools.selector, 256));
        staking.createPool("p", t);
        vm.stopPrank();
    }

    function test_UnknownPoolIsRefusedEverywhere() public {
        _give(alice, 10 ether);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.UnknownPool.selector, 5));
        staking.stake(5, 10 ether, 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.UnknownPool.selector, 5));
        staking.checkpoint(5, 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.UnknownPool.selector, 5));
        staking.fund(5, IERC20(address(token)), _week() + 1, 1, 1 ether);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.UnknownPool.selector, 5));
        staking.pool(5);
    }

    // ---------------------------------------------------------------- pause

    function test_GuardianPausesStakingOnlyGovernanceUnpauses() public {
        uint256 id = _stake(alice, 0, 10 ether, 1);
        bytes32 guardianRole = staking.GUARDIAN_ROLE();
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, guardianRole)
        );
        staking.pause();
        vm.prank(guardian);
        staking.pause();

        _give(alice, 20 ether);
        vm.startPrank(alice);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        staking.stake(0, 10 ether, 1);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        staking.stakeWithPermit(0, 10 ether, 1, block.timestamp, 0, 0, 0);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        staking.add(id, 10 ether, 1);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        staking.addWithPermit(id, 10 ether, 1, block.timestamp, 0, 0, 0);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        staking.relock(id, 2);
        // claims and withdrawals are never paused
        staking.claim(id);
        vm.warp(block.timestamp + 2 * WEEK);
        staking.withdraw(id);
        vm.stopPrank();

        bytes32 adminRole = staking.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, adminRole)
        );
        vm.prank(guardian);
        staking.unpause();
        vm.prank(admin);
        staking.unpause();
        vm.prank(alice);
        staking.stake(0, 10 ether, 1);
    }

    // ---------------------------------------------------------------- funding

    function test_FundPullsTokensIntoFutureWeeks() public {
        uint256 w = _week();
        vm.expectEmit(address(staking));
        emit IStakingPools.Funded(1, IERC20(address(partner)), funder, w + 2, 3, 5 ether);
        _fund(1, IERC20(address(partner)), w + 2, 3, 5 ether);
        assertEq(partner.balanceOf(address(staking)), 15 ether, "pulled the total");
        assertEq(staking.weekFunding(1, w + 1)[1], 0, "week before");
        for (uint256 i = 2; i < 5; ++i) assertEq(staking.weekFunding(1, w + i)[1], 5 ether, "funded week");
        assertEq(staking.weekFunding(1, w + 5)[1], 0, "week after");
        assertEq(staking.weekFunding(1, w + 2)[0], 0, "other token untouched");
        // funding adds up
        _fund(1, IERC20(address(partner)), w + 2, 1, 1 ether);
        assertEq(staking.weekFunding(1, w + 2)[1], 6 ether, "added");
    }

    function test_FundRefusesBadArguments() public {
        uint256 w = _week();
        IERC20 ath = IERC20(address(token));
        vm.startPrank(funder);
        vm.expectRevert(IStakingPools.ZeroAmount.selector);
        staking.fund(0, ath, w + 1, 0, 1 ether);
        vm.expectRevert(IStakingPools.ZeroAmount.selector);
        staking.fund(0, ath, w + 1, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.FundingWeekNotFuture.selector, w, w));
        staking.fund(0, ath, w, 1, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.FundingWeekNotFuture.selector, w - 3, w));
        staking.fund(0, ath, w - 3, 1, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.FundingWeeksOutOfRange.selector, w + 1, 209, 208));
        staking.fund(0, ath, w + 1, 209, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.FundingWeeksOutOfRange.selector, w + 209, 1, 208));
        staking.fund(0, ath, w + 209, 1, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.RewardTokenNotInPool.selector, 0, address(partner)));
        staking.fund(0, IERC20(address(partner)), w + 1, 1, 1 ether);
        vm.stopPrank();
        // the widest allowed call: 208 weeks starting 208 weeks ahead is refused, 208 from next week is fine
        _fund(0, ath, w + 1, 208, 1 ether);
        _fund(0, ath, w + 208, 1, 1 ether);
    }

    function test_FundingIsCappedAt96BitsPerPoolAndToken() public {
        uint256 max = type(uint96).max;
        partner.mint(funder, max);
        uint256 w = _week();
        _fund(1, IERC20(address(partner)), w + 1, 1, max - 10);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingPools.FundingTooLarge.selector, 1, address(partner), max + 1, max)
        );
        vm.prank(funder);
        staking.fund(1, IERC20(address(partner)), w + 2, 1, 11);
        _fund(1, IERC20(address(partner)), w + 2, 1, 10);
    }

    function test_FundRefusesFeeOnTransferTokens() public {
        FeeOnTransferToken fee = new FeeOnTransferToken();
        vm.prank(admin);
        staking.addRewardToken(0, IERC20(address(fee)));
        fee.approve(address(staking), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingPools.FundingNotReceived.selector, address(fee), 100 ether, 99 ether)
        );
        staking.fund(0, IERC20(address(fee)), _week() + 1, 1, 100 ether);
    }

    function test_ViewsOfLocksRefuseBadWeeks() public {
        assertEq(staking.multiplier(1), 207, "1x");
        assertEq(staking.multiplier(208), 828, "4x");
        assertEq(staking.multiplier(104), 516, "halfway");
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidLockWeeks.selector, 0, 208));
        staking.multiplier(0);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidLockWeeks.selector, 209, 208));
        staking.unlockWeekFor(209);
        // 1 day into a week: a 1-week lock ends at the start of the week after next
        assertEq(staking.unlockWeekFor(1), _week() + 2, "rounded up to a boundary");
        vm.warp(_week() * WEEK + 2 * WEEK);
        assertEq(staking.unlockWeekFor(1), _week() + 1, "exactly at a boundary: exactly a week");
    }
}
