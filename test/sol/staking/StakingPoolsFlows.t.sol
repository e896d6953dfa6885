// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IStakingPools} from "../../../contracts/interfaces/IStakingPools.sol";
import {StakingFixture, FreezableToken} from "./StakingFixture.sol";
import {Eip712} from "../utils/Eip712.sol";

/// @notice Positions from stake to withdrawal: what each step records, emits and pays, every revert with its exact
/// error, and the reward split worked out by hand (payouts round down, so each is at most a few wei under the exact
/// figure and never above it).
contract StakingPoolsFlowsTest is StakingFixture {
    address internal alice;
    uint256 internal aliceKey;
    address internal bob = makeAddr("bob");
    IERC20 internal ath;
    uint256 internal s; // the week the test starts in (1 day into it)

    function setUp() public {
        _deployStaking();
        _createDefaultPools();
        (alice, aliceKey) = makeAddrAndKey("alice");
        ath = IERC20(address(token));
        s = _week();
    }

    /// @dev `actual` is `expected` rounded down by at most `tolerance` wei.
    function _assertDust(uint256 actual, uint256 expected, uint256 tolerance, string memory what) internal pure {
        assertLe(actual, expected, what);
        assertGe(actual + tolerance, expected, what);
    }

    // ---------------------------------------------------------------- stake

    function test_StakeMintsReceiptAndRecordsPosition() public {
        _give(alice, 100 ether);
        uint256 weight = 100 ether * 216; // 4 weeks: 204 + 12
        vm.expectEmit(address(staking));
        emit IERC20.Transfer(address(0), alice, 100 ether);
        vm.expectEmit(address(staking));
        emit IStakingPools.Staked(alice, 0, 0, 100 ether, 4, s + 5, weight);
        vm.prank(alice);
        assertEq(staking.stake(0, 100 ether, 4), 0, "first position");

        IStakingPools.Position memory p = staking.position(alice, 0);
        assertEq(p.amount, 100 ether, "amount");
        assertEq(p.delta, 0, "nothing accumulated in an empty pool");
        assertEq(p.week, s, "settled now");
        assertEq(p.unlockWeek, s + 5, "1 day into week s: 4 weeks round up to the start of s + 5");
        assertEq(p.lockWeeks, 4, "lock");
        assertEq(p.pool, 0, "pool");
        assertEq(staking.balanceOf(alice), 100 ether, "stATH minted 1:1");
        assertEq(staking.totalSupply(), 100 ether, "supply");
        assertEq(token.balanceOf(address(staking)), 100 ether, "ATH held");
        assertEq(staking.pool(0).totalWeight, weight, "pool weight");
        assertEq(staking.pool(0).staked, 100 ether, "pool stake");
        assertEq(staking.expiringWeight(0, s + 5), weight, "expires at unlock");
        assertEq(staking.weightOf(alice, 0), weight, "position weight");
        assertEq(staking.positionCount(alice), 1, "count");

        _give(alice, 10 ether);
        vm.prank(alice);
        assertEq(staking.stake(1, 10 ether, 208), 1, "second position, other pool");
        assertEq(staking.weightOf(alice, 1), 10 ether * 828, "4x");
        assertEq(staking.totalSupply(), 110 ether, "supply over pools");
    }

    function test_StakeRefusesSmallAmountsAndBadLocks() public {
        _give(alice, 10 ether);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.StakeTooSmall.selector, 1 ether - 1, 1 ether));
        staking.stake(0, 1 ether - 1, 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidLockWeeks.selector, 0, 208));
        staking.stake(0, 1 ether, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidLockWeeks.selector, 209, 208));
        staking.stake(0, 1 ether, 209);
        token.approve(address(staking), 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 1 ether, 2 ether)
        );
        staking.stake(0, 2 ether, 1);
        vm.stopPrank();
    }

    function test_PoolWeightIsCappedAt104Bits() public {
        uint256 amount = 24_600_000_000 ether; // x 828 > 2^104
        _give(alice, amount);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingPools.PoolWeightTooLarge.selector,
                0,
                amount * 828,
                staking.MAX_POOL_WEIGHT()
            )
        );
        vm.prank(alice);
        staking.stake(0, amount, 208);
        vm.prank(alice);
        staking.stake(0, amount, 100); // x 504 fits
    }

    // ---------------------------------------------------------------- reward math

    function test_ALoneStakerEarnsTheWholeWeekStreamed() public {
        _fund(0, ath, s + 1, 1, 700 ether);
        _stake(alice, 0, 100 ether, 1); // unlocks at s + 2
        vm.warp((s + 1) * WEEK);
        (, uint256[] memory pending) = staking.pendingRewards(alice, 0);
        assertEq(pending[0], 0, "nothing before the funded week");
        vm.warp((s + 1) * WEEK + 3.5 days);
        (, pending) = staking.pendingRewards(alice, 0);
        _assertDust(pending[0], 350 ether, 2, "half the week, half the funding");
        vm.warp((s + 3) * WEEK);
        uint256[] memory paid = _claim(alice, 0);
        _assertDust(paid[0], 700 ether, 2, "the whole week");
        assertEq(token.balanceOf(alice), paid[0], "paid in ATH");
    }

    function test_RewardsSplitByWeight() public {
        _fund(0, ath, s + 1, 1, 700 ether);
        _stake(alice, 0, 100 ether, 1); // 207 per wei
        _stake(bob, 0, 100 ether, 208); // 828 per wei: 4x alice
        vm.warp((s + 2) * WEEK);
        _assertDust(_claim(alice, 0)[0], 140 ether, 2, "one fifth");
        _assertDust(_claim(bob, 0)[0], 560 ether, 2, "four fifths");
    }

    function test_WeightLeavesThePoolExactlyAtUnlock() public {
        _fund(0, ath, s + 1, 2, 700 ether);
        _stake(alice, 0, 100 ether, 1); // 207, unlocks at s + 2
        _stake(bob, 0, 100 ether, 3); // 213, unlocks at s + 4
        assertEq(staking.expiringWeight(0, s + 2), 100 ether * 207, "alice's weight leaves at s + 2");
        vm.warp((s + 3) * WEEK);
        assertEq(staking.pool(0).totalWeight, 100 ether * 213, "only bob is left");
        assertEq(staking.weightOf(alice, 0), 0, "unlocked: no weight");
        // week s + 1: 700 split 207 : 213; week s + 2: bob alone
        _assertDust(_claim(alice, 0)[0], (700 ether * 207) / 420, 2, "alice: her share of week s + 1 only");
        _assertDust(_claim(bob, 0)[0], (700 ether * 213) / 420 + 700 ether, 3, "bob: his share, then all of s + 2");
        vm.warp((s + 5) * WEEK);
        assertEq(_claim(alice, 0)[0], 0, "nothing after unlock");
    }

    function test_TimeWithoutWeightCarriesIntoTheNextWeek() public {
        _fund(0, ath, s + 1, 2, 700 ether);
        vm.warp((s + 1) * WEEK + 3.5 days); // nobody staked for the first half of s + 1
        _stake(alice, 0, 100 ether, 2); // unlocks at s + 4
        vm.warp((s + 2) * WEEK + 1);
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardsCarried(0, ath, s + 2, 350 ether);
        staking.checkpoint(0, 10);
        assertEq(staking.weekFunding(0, s + 2)[0], 1050 ether, "week s + 2 streams its own and the carry");
        vm.warp((s + 4) * WEEK);
        _assertDust(_claim(alice, 0)[0], 1400 ether, 3, "everything funded reaches the staker");
    }

    function test_AWeekWithNobodyCarriesWhole() public {
        _fund(0, ath, s + 1, 1, 700 ether);
        vm.warp((s + 2) * WEEK + 1 days);
        _give(alice, 100 ether);
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardsCarried(0, ath, s + 2, 700 ether);
        vm.prank(alice);
        staking.stake(0, 100 ether, 1); // the stake crosses the boundaries first
        // week s + 2 now streams 700; its first day was idle again and carries into s + 3, which alice (locked
        // until s + 4) also gets
        vm.warp((s + 4) * WEEK);
        _assertDust(_claim(alice, 0)[0], 700 ether, 3, "six days of s + 2, then the carried day in s + 3");
        assertEq(staking.weekFunding(0, s + 3)[0], 100 ether, "the idle day went on to s + 3 (written as it began)");
    }

    function test_PendingRewardsViewMatchesClaimAcrossUncrossedWeeks() public {
        _fund(1, ath, s + 1, 5, 70 ether);
        _fund(1, IERC20(address(partner)), s + 2, 3, 7 ether);
        _stake(alice, 1, 30 ether, 3);
        _stake(bob, 1, 50 ether, 6);
        // nobody touches the pool for weeks: the views compute what the claims then write
        vm.warp((s + 5) * WEEK + 2 days);
        (IERC20[] memory tokens, uint256[] memory viewA) = staking.pendingRewards(alice, 0);
        (, uint256[] memory viewB) = staking.pendingRewards(bob, 0);
        assertEq(address(tokens[1]), address(partner), "token order");
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardsPaid(alice, 0, viewA);
        uint256[] memory paidA = _claim(alice, 0);
        uint256[] memory paidB = _claim(bob, 0);
        for (uint256 k; k < 2; ++k) {
            assertEq(paidA[k], viewA[k], "alice: view == claim");
            assertEq(paidB[k], viewB[k], "bob: view == claim");
        }
        assertEq(partner.balanceOf(alice), paidA[1], "partner paid");
        // the two positions took (almost) everything streamed so far: 4 weeks and 2 days of ATH, 3 weeks of partner
        _assertDust(paidA[0] + paidB[0] + _pendingSum(bob, 0), 300 ether, 6, "ATH accounted for");
        _assertDust(paidA[1] + paidB[1], 21 ether, 6, "partner accounted for");
    }

    function _pendingSum(address account, uint256 id) internal view returns (uint256) {
        (, uint256[] memory p) = staking.pendingRewards(account, id);
        return p[0];
    }

    function test_CheckpointCatchesUpInSteps() public {
        _fund(0, ath, s + 1, 10, 70 ether);
        _stake(alice, 0, 10 ether, 12);
        vm.warp((s + 11) * WEEK + 1 days);
        (, uint256[] memory before) = staking.pendingRewards(alice, 0);
        staking.checkpoint(0, 4);
        assertEq(staking.pool(0).lastUpdate, (s + 4) * WEEK, "four boundaries crossed");
        staking.checkpoint(0, 100);
        assertEq(staking.pool(0).lastUpdate, (s + 11) * WEEK, "caught up");
        staking.checkpoint(0, 100); // nothing to do
        assertEq(_claim(alice, 0)[0], before[0], "same rewards however the catch-up was split");
        _assertDust(before[0], 700 ether, 12, "ten funded weeks");
    }

    function test_RewardTokenAddedLaterPaysFromItsFirstFundedWeek() public {
        _fund(0, ath, s + 1, 2, 70 ether);
        _stake(alice, 0, 10 ether, 4);
        vm.warp((s + 1) * WEEK + 1 days);
        vm.prank(admin);
        staking.addRewardToken(0, IERC20(address(partner)));
        _fund(0, IERC20(address(partner)), s + 2, 1, 7 ether);
        vm.warp((s + 3) * WEEK);
        uint256[] memory paid = _claim(alice, 0);
        _assertDust(paid[0], 140 ether, 2, "ATH: both weeks");
        _assertDust(paid[1], 7 ether, 2, "partner: its week");
    }

    // ---------------------------------------------------------------- claim

    function test_ClaimPaysOnceAndRefusesOthersPositions() public {
        _fund(1, ath, s + 1, 1, 70 ether);
        _fund(1, IERC20(address(partner)), s + 1, 1, 7 ether);
        _stake(alice, 1, 10 ether, 2);
        vm.warp((s + 1) * WEEK + 1 days);
        uint256[] memory first = _claim(alice, 0);
        _assertDust(first[0], 10 ether, 2, "a seventh of the ATH");
        _assertDust(first[1], 1 ether, 2, "a seventh of the partner token");
        uint256[] memory again = _claim(alice, 0);
        assertEq(again[0] + again[1], 0, "nothing twice");
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.NoSuchPosition.selector, bob, 0));
        _claim(bob, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.NoSuchPosition.selector, alice, 1));
        _claim(alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.NoSuchPosition.selector, alice, 1));
        staking.pendingRewards(alice, 1);
    }

    function test_ClaimManyClaimsEachPosition() public {
        _fund(0, ath, s + 1, 1, 70 ether);
        _fund(1, ath, s + 1, 1, 70 ether);
        _stake(alice, 0, 10 ether, 2);
        _stake(alice, 1, 10 ether, 2);
        vm.warp((s + 2) * WEEK);
        uint256[] memory ids = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (0, 1, 0);
        vm.prank(alice);
        staking.claimMany(ids);
        _assertDust(token.balanceOf(alice), 140 ether, 4, "both pools' weeks");
    }

    // ---------------------------------------------------------------- withdraw

    function test_WithdrawAfterUnlockReturnsAthBurnsReceiptAndPaysRest() public {
        _fund(0, ath, s + 1, 1, 70 ether);
        _stake(alice, 0, 10 ether, 1);
        uint256 unlockTime = (s + 2) * WEEK;
        vm.warp(unlockTime - 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.StillLocked.selector, alice, 0, unlockTime));
        vm.prank(alice);
        staking.withdraw(0);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.StillLocked.selector, alice, 0, unlockTime));
        vm.prank(alice);
        staking.emergencyWithdraw(0);

        vm.warp(unlockTime);
        (, uint256[] memory pending) = staking.pendingRewards(alice, 0);
        vm.expectEmit(address(staking));
        emit IERC20.Transfer(alice, address(0), 10 ether);
        vm.expectEmit(address(staking));
        emit IStakingPools.Withdrawn(alice, 0, 0, 10 ether);
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardsPaid(alice, 0, pending);
        vm.prank(alice);
        staking.withdraw(0);
        _assertDust(token.balanceOf(alice), 80 ether, 2, "stake back plus the week's rewards");
        assertEq(staking.balanceOf(alice), 0, "receipt burned");
        assertEq(staking.totalSupply(), 0, "supply");
        assertEq(staking.pool(0).staked, 0, "pool stake");
        assertEq(staking.position(alice, 0).amount, 0, "position deleted");
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.NoSuchPosition.selector, alice, 0));
        vm.prank(alice);
        staking.withdraw(0);
    }

    function test_WithdrawOfAClaimedPositionOnlyReturnsAth() public {
        _fund(0, ath, s + 1, 1, 70 ether);
        _stake(alice, 0, 10 ether, 1);
        vm.warp((s + 2) * WEEK + 1 days);
        uint256 rewards = _claim(alice, 0)[0];
        vm.prank(alice);
        staking.withdraw(0);
        assertEq(token.balanceOf(alice), rewards + 10 ether, "ATH back, rewards were already paid");
    }

    function test_WithdrawNeedsTheReceipt() public {
        _stake(alice, 0, 10 ether, 1);
        _stake(bob, 0, 1 ether, 1);
        vm.prank(alice);
        staking.transfer(bob, 4 ether);
        assertEq(staking.balanceOf(bob), 5 ether, "stATH moved");
        vm.warp((s + 2) * WEEK);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 6 ether, 10 ether)
        );
        vm.prank(alice);
        staking.withdraw(0);
        // holding stATH does not make bob the owner of alice's position
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.NoSuchPosition.selector, bob, 1));
        vm.prank(bob);
        staking.withdraw(1);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 5 ether, 6 ether));
        vm.prank(bob);
        staking.transfer(alice, 6 ether);
        // the allowance path of the receipt is OpenZeppelin's
        vm.prank(bob);
        staking.approve(alice, 4 ether);
        vm.prank(alice);
        staking.transferFrom(bob, alice, 4 ether);
        vm.prank(alice);
        staking.withdraw(0);
        assertEq(token.balanceOf(alice), 10 ether, "ATH back");
        vm.prank(bob);
        staking.withdraw(0);
        assertEq(staking.totalSupply(), 0, "all burned");
    }

    function test_EmergencyWithdrawForfeitsRewardsIntoTheNextWeek() public {
        FreezableToken frozen = new FreezableToken();
        vm.prank(admin);
        staking.addRewardToken(0, IERC20(address(frozen)));
        frozen.approve(address(staking), type(uint256).max);
        staking.fund(0, IERC20(address(frozen)), s + 1, 1, 7 ether);
        _fund(0, ath, s + 1, 1, 70 ether);
        _stake(alice, 0, 10 ether, 1);
        vm.warp((s + 2) * WEEK + 1 days);
        frozen.freeze(address(staking));
        vm.expectRevert(FreezableToken.Frozen.selector);
        vm.prank(alice);
        staking.withdraw(0);

        (, uint256[] memory pending) = staking.pendingRewards(alice, 0);
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardsForfeited(alice, 0, ath, pending[0], s + 3);
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardsForfeited(alice, 0, IERC20(address(frozen)), pending[1], s + 3);
        vm.prank(alice);
        staking.emergencyWithdraw(0);
        assertEq(token.balanceOf(alice), 10 ether, "ATH back, no rewards");
        uint256[] memory next = staking.weekFunding(0, s + 3);
        assertEq(next[0], pending[0], "ATH rewards go to next week");
        assertEq(next[1], pending[1], "so do the frozen token's");
        // and reach the next stakers
        _stake(bob, 0, 10 ether, 2);
        vm.warp((s + 5) * WEEK);
        frozen.freeze(address(0));
        uint256[] memory paid = _claim(bob, 0);
        _assertDust(paid[0], pending[0], 2, "bob had week s + 3 to himself");
        _assertDust(paid[1], pending[1], 2, "of both tokens");
    }

    // ---------------------------------------------------------------- relock, extend, add

    function test_RelockAfterUnlockPaysAndLocksAgain() public {
        _fund(0, ath, s + 1, 1, 70 ether);
        _stake(alice, 0, 10 ether, 1);
        vm.warp((s + 2) * WEEK);
        (, uint256[] memory pending) = staking.pendingRewards(alice, 0);
        vm.expectEmit(address(staking));
        emit IStakingPools.Relocked(alice, 0, 0, 0, 10 ether, 4, s + 6, 10 ether * 216);
        vm.expectEmit(address(staking));
        emit IStakingPools.RewardsPaid(alice, 0, pending);
        vm.prank(alice);
        staking.relock(0, 4);
        assertEq(token.balanceOf(alice), pending[0], "rewards so far paid");
        assertEq(staking.pool(0).totalWeight, 10 ether * 216, "back in the pool");
        assertEq(staking.position(alice, 0).unlockWeek, s + 6, "exactly at a boundary: 4 weeks");
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.StillLocked.selector, alice, 0, (s + 6) * WEEK));
        vm.prank(alice);
        staking.withdraw(0);
    }

    function test_ExtendMovesTheUnlockAndNeverShortens() public {
        _stake(alice, 0, 10 ether, 4); // unlock s + 5
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.LockCannotShorten.selector, s + 5, s + 2));
        staking.relock(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.InvalidLockWeeks.selector, 209, 208));
        staking.relock(0, 209);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.NoSuchPosition.selector, alice, 3));
        staking.relock(3, 8);
        staking.relock(0, 8); // unlock s + 9, weight 228 per wei
        vm.stopPrank();
        assertEq(staking.expiringWeight(0, s + 5), 0, "left its old week");
        assertEq(staking.expiringWeight(0, s + 9), 10 ether * 228, "joined the new one");
        assertEq(staking.pool(0).totalWeight, 10 ether * 228, "pool weight replaced");
        // the same unlock week is not a shortening (4 weeks from a week later ends at the same boundary)
        vm.warp((s + 4) * WEEK + 1 days);
        vm.prank(alice);
        staking.relock(0, 4);
        assertEq(staking.position(alice, 0).unlockWeek, s + 9, "same week");
        assertEq(staking.pool(0).totalWeight, 10 ether * 216, "4-week multiplier now");
    }

    function test_AddTopsUpAndRelocksTheWholePosition() public {
        _fund(0, ath, s + 1, 1, 70 ether);
        _stake(alice, 0, 10 ether, 4);
        vm.warp((s + 1) * WEEK + 1 days);
        _give(alice, 5 ether);
        (, uint256[] memory pending) = staking.pendingRewards(alice, 0);
        vm.expectEmit(address(staking));
        emit IERC20.Transfer(address(0), alice, 5 ether);
        vm.expectEmit(address(staking));
        emit IStakingPools.Relocked(alice, 0, 0, 5 ether, 15 ether, 4, s + 6, 15 ether * 216);
        vm.prank(alice);
        staking.add(0, 5 ether, 4);
        assertEq(staking.balanceOf(alice), 15 ether, "receipt for the top-up");
        assertEq(token.balanceOf(alice), pending[0], "the top-up was pulled, the rewards so far paid");
        assertEq(staking.pool(0).staked, 15 ether, "pool stake");
        assertEq(staking.expiringWeight(0, s + 5), 0, "old unlock week");
        assertEq(staking.expiringWeight(0, s + 6), 15 ether * 216, "new unlock week");
        vm.startPrank(alice);
        vm.expectRevert(IStakingPools.ZeroAmount.selector);
        staking.add(0, 0, 4);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.LockCannotShorten.selector, s + 6, s + 3));
        staking.add(0, 1 ether, 1);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- permit

    function _permit(uint256 value, uint256 deadline) internal view returns (uint8 v, bytes32 r, bytes32 s_) {
        bytes32 digest = Eip712.permitDigest(
            address(token),
            alice,
            address(staking),
            value,
            token.nonces(alice),
            deadline
        );
        return vm.sign(aliceKey, digest);
    }

    function test_StakeWithPermitInOneTransaction() public {
        token.transfer(alice, 10 ether); // no approval
        (uint8 v, bytes32 r, bytes32 s_) = _permit(10 ether, block.timestamp);
        vm.prank(alice);
        uint256 id = staking.stakeWithPermit(0, 10 ether, 2, block.timestamp, v, r, s_);
        assertEq(staking.position(alice, id).amount, 10 ether, "staked");
        assertEq(token.nonces(alice), 1, "permit used");
        assertEq(token.allowance(alice, address(staking)), 0, "allowance spent");

        token.transfer(alice, 3 ether);
        (v, r, s_) = _permit(3 ether, block.timestamp);
        vm.prank(alice);
        staking.addWithPermit(id, 3 ether, 2, block.timestamp, v, r, s_);
        assertEq(staking.position(alice, id).amount, 13 ether, "topped up");
    }

    function test_AFailedPermitWithoutAllowanceReverts() public {
        token.transfer(alice, 10 ether);
        (uint8 v, bytes32 r, bytes32 s_) = _permit(10 ether, block.timestamp - 1); // expired
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.PermitFailed.selector, alice, 0, 10 ether));
        vm.prank(alice);
        staking.stakeWithPermit(0, 10 ether, 2, block.timestamp - 1, v, r, s_);
        _stake(alice, 0, 1 ether, 2);
        vm.prank(alice);
        token.approve(address(staking), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.PermitFailed.selector, alice, 1 ether, 2 ether));
        vm.prank(alice);
        staking.addWithPermit(0, 2 ether, 2, block.timestamp, 27, bytes32(0), bytes32(0));
        vm.expectRevert(IStakingPools.ZeroAmount.selector);
        vm.prank(alice);
        staking.addWithPermit(0, 0, 2, block.timestamp, 27, bytes32(0), bytes32(0));
    }
}
