// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IStakingPools} from "../../../contracts/interfaces/IStakingPools.sol";
import {StakingFixture, ReentrantRewardToken} from "./StakingFixture.sol";
import {Eip712} from "../utils/Eip712.sol";

/// @notice Attacks: a flash stake timed at a reward epoch, re-entry through a malicious reward token, and a
/// front-run permit.
contract StakingPoolsAdversarialTest is StakingFixture {
    address internal honest = makeAddr("honest");
    address internal attacker = makeAddr("attacker");
    IERC20 internal ath;
    uint256 internal s;

    function setUp() public {
        _deployStaking();
        _createDefaultPools();
        ath = IERC20(address(token));
        s = _week();
    }

    // ---------------------------------------------------------------- flash stake

    /// A week's funding streams over that week, so capital that arrives a second before a week ends (or before a
    /// funded week starts) earns for one second, not a lump sum; and funding can't be dropped into the running week.
    function test_FlashStakeAtAnEpochGainsNothing() public {
        _stake(honest, 0, 1_000 ether, 52);
        _fund(0, ath, s + 1, 2, 7_000 ether);
        // one second before the funded week s + 1 ends, a stake 1,000 times larger
        vm.warp((s + 2) * WEEK - 1);
        _stake(attacker, 0, 1_000_000 ether, 1);
        vm.warp((s + 2) * WEEK);
        (, uint256[] memory attackerGain) = staking.pendingRewards(attacker, 0);
        (, uint256[] memory honestGain) = staking.pendingRewards(honest, 0);
        // its whole gain from week s + 1 is one second's stream: 7,000 ATH / 604,800 s, of which it has ~99.5%
        assertLe(attackerGain[0], 7_000 ether / WEEK, "at most one second of the week's stream");
        assertGe(honestGain[0] + attackerGain[0] + 2, 7_000 ether, "the week was paid in full");
        assertGe(honestGain[0], 7_000 ether - 7_000 ether / WEEK - 2, "the honest staker kept the week");
        // the attacker can't leave: the lock is at least one whole week, during which it shares fairly
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.StillLocked.selector, attacker, 0, (s + 3) * WEEK));
        vm.prank(attacker);
        staking.withdraw(0);
        // and nobody can top up the running week to sandwich it
        vm.expectRevert(abi.encodeWithSelector(IStakingPools.FundingWeekNotFuture.selector, s + 2, s + 2));
        vm.prank(funder);
        staking.fund(0, ath, s + 2, 1, 1 ether);
    }

    /// Staking right before the first funded week changes nothing either: there was nothing to take before it.
    function test_StakingBeforeAFundedWeekEarnsOnlyTheTimeStakedInIt() public {
        _stake(honest, 0, 1_000 ether, 52);
        _fund(0, ath, s + 1, 1, 7_000 ether);
        vm.warp((s + 1) * WEEK - 1);
        _stake(attacker, 0, 1_000 ether, 1);
        vm.warp((s + 1) * WEEK + 1 days);
        (, uint256[] memory attackerGain) = staking.pendingRewards(attacker, 0);
        // one day, half the weight (1,000 each, but 52 weeks weighs 360 per wei against 207)
        uint256 fair = (uint256(1_000 ether) * 207 * 1_000 ether) / (1_000 ether * 207 + 1_000 ether * 360);
        assertLe(attackerGain[0], fair, "no more than its weight for one day");
        assertGe(attackerGain[0] + 2, fair, "and exactly that");
    }

    // ---------------------------------------------------------------- reentrancy

    function _evilPool() internal returns (ReentrantRewardToken evil) {
        evil = new ReentrantRewardToken();
        vm.prank(admin);
        staking.addRewardToken(0, IERC20(address(evil)));
        evil.approve(address(staking), type(uint256).max);
        staking.fund(0, IERC20(address(evil)), s + 1, 2, 7 ether);
        _fund(0, ath, s + 1, 2, 70 ether);
        _stake(honest, 0, 10 ether, 1);
        _stake(honest, 0, 10 ether, 1);
        vm.warp((s + 1) * WEEK + 1 days);
    }

    function _assertReentryBlocked(ReentrantRewardToken evil) internal view {
        assertTrue(evil.attempted(), "the token called back");
        assertFalse(evil.reentrySucceeded(), "the call back failed");
        assertEq(
            evil.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "with the guard's error"
        );
    }

    function test_ReentryFromARewardTokenIsRefusedEverywhere() public {
        ReentrantRewardToken evil = _evilPool();
        bytes[8] memory calls = [
            abi.encodeCall(staking.claim, (0)),
            abi.encodeCall(staking.claimMany, (new uint256[](1))),
            abi.encodeCall(staking.withdraw, (0)),
            abi.encodeCall(staking.emergencyWithdraw, (0)),
            abi.encodeCall(staking.stake, (0, 1 ether, 1)),
            abi.encodeCall(staking.add, (0, 1 ether, 1)),
            abi.encodeCall(staking.relock, (0, 2)),
            abi.encodeCall(staking.fund, (0, ath, s + 3, 1, 1 ether))
        ];
        for (uint256 i; i < calls.length; ++i) {
            evil.arm(address(staking), calls[i]);
            vm.warp(block.timestamp + 1 hours);
            _claim(honest, 0);
            _assertReentryBlocked(evil);
        }
    }

    function test_ReentryDuringWithdrawalIsRefusedAndPaysOnce() public {
        ReentrantRewardToken evil = _evilPool();
        evil.arm(address(staking), abi.encodeCall(staking.claim, (1)));
        vm.warp((s + 2) * WEEK);
        (, uint256[] memory pending) = staking.pendingRewards(honest, 0);
        vm.prank(honest);
        staking.withdraw(0);
        _assertReentryBlocked(evil);
        assertEq(evil.balanceOf(honest), pending[1], "paid once");
        assertEq(token.balanceOf(honest), 10 ether + pending[0], "stake and ATH rewards once");
        // an unguarded view-like entry point (checkpoint) may run inside a payout: the state is already final
        evil.arm(address(staking), abi.encodeCall(staking.checkpoint, (0, 10)));
        vm.warp((s + 3) * WEEK + 1);
        _claim(honest, 1);
        assertTrue(evil.reentrySucceeded(), "checkpoint ran inside the payout");
        (, uint256[] memory rest) = staking.pendingRewards(honest, 1);
        assertEq(rest[0] + rest[1], 0, "and nothing is left to pay twice");
    }

    // ---------------------------------------------------------------- permit front-run

    function test_AFrontRunPermitDoesNotBlockTheStake() public {
        (address victim, uint256 key) = makeAddrAndKey("victim");
        token.transfer(victim, 50 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = Eip712.permitDigest(address(token), victim, address(staking), 50 ether, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s_) = vm.sign(key, digest);
        // the attacker copies the signature from the mempool and submits the permit first
        vm.prank(attacker);
        token.permit(victim, address(staking), 50 ether, deadline, v, r, s_);
        assertEq(token.nonces(victim), 1, "the permit was used");
        // the victim's transaction still goes through: the permit fails, the allowance is there
        vm.prank(victim);
        uint256 id = staking.stakeWithPermit(0, 50 ether, 4, deadline, v, r, s_);
        assertEq(staking.position(victim, id).amount, 50 ether, "staked");
        assertEq(staking.balanceOf(victim), 50 ether, "receipt");
        assertEq(token.allowance(victim, address(staking)), 0, "allowance spent by the stake");
    }
}
