// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHostStaking} from "../../../contracts/interfaces/IHostStaking.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {HostFixture} from "./HostFixture.sol";

/// @notice Slashes of random size against random stakes, unstakes and rewards: the slash takes unreleased rewards
/// first, then the active and unbonding pools in proportion, never more than they hold; every staker loses the same
/// fraction; and a slash costs the same gas whatever the number of delegators.
contract HostSlashFuzzTest is HostFixture {
    bytes32 internal constant C1 = keccak256("container-1");
    address internal host;
    address internal alice;
    address internal bob;

    function setUp() public {
        _deployHosts();
        host = _host("host", 500, 10_000_000 ether, bytes32(0));
        alice = _actor("alice", 10_000_000 ether);
        bob = _actor("bob", 10_000_000 ether);
    }

    /// @dev One fuzz case: its inputs, and the state just before the slash executes.
    struct Case {
        uint256 hostStake;
        uint256 aliceStake;
        uint256 unstaked;
        uint256 request;
        uint256 due;
        uint256 unreleased;
        IHostStaking.Pool active;
        IHostStaking.Pool unbonding;
        uint256 staked;
    }

    function testFuzz_ASlashTakesRewardsFirstThenStakeProRataAndNeverMore(
        uint256 hostStake,
        uint256 aliceStake,
        uint256 unstaked,
        uint256 rewards,
        uint256 kindSeed,
        uint256 coefficient
    ) public {
        Case memory c;
        c.hostStake = bound(hostStake, 1, 1_000_000 ether);
        c.aliceStake = bound(aliceStake, 1, 1_000_000 ether);
        c.unstaked = bound(unstaked, 0, c.aliceStake);
        rewards = bound(rewards, 0, 100_000 ether);
        registry.setGpuClass(7, uint32(bound(coefficient, 1, 1_000_000)), false, true);
        _delegate(host, host, c.hostStake);
        _delegate(alice, host, c.aliceStake);
        if (rewards != 0) staking.fundRewards(host, rewards);
        vm.prank(host);
        registry.registerContainer(C1, 7, "DE");
        if (c.unstaked != 0) c.request = _undelegate(alice, host, c.unstaked);

        vm.prank(slasher);
        uint256 id = slashing.propose(C1, IHostSlashing.Kind(kindSeed % 4), keccak256("evidence"), 0, address(0));
        c.due = slashing.proposal(id).penalty;
        vm.warp(block.timestamp + 7 days);
        c.unreleased = lens.unreleasedRewards(host);
        c.active = staking.activePool(host);
        c.unbonding = staking.unbondingPool(host);
        c.staked = uint256(c.active.assets) + c.unbonding.assets;

        IHostStaking.SlashResult memory r = slashing.execute(id);

        _checkTaken(c, r);
        assertEq(token.balanceOf(treasury), r.penalty, "to the treasury");
        assertEq(r.penalty, r.fromRewards + r.fromActive + r.fromUnbonding, "no refund asked");
        _checkFractions(c);
    }

    /// @dev Rewards first, then stake pro rata, never more than staked; more than due only to retire dust.
    function _checkTaken(Case memory c, IHostStaking.SlashResult memory r) internal view {
        assertEq(r.fromRewards, c.due < c.unreleased ? c.due : c.unreleased, "unreleased rewards first");
        uint256 fromStake = r.fromActive + r.fromUnbonding;
        assertLe(fromStake, c.staked, "never more than is staked");
        uint256 dueFromStake = c.due - r.fromRewards;
        if (dueFromStake >= c.staked) {
            assertEq(fromStake, c.staked, "everything, when the slash is larger");
            return;
        }
        assertGe(fromStake, dueFromStake, "what is due");
        IHostStaking.Stream memory s = staking.streamOf(host);
        if (fromStake > dueFromStake) {
            assertGt(uint256(s.activeGeneration) + s.unbondingGeneration, 0, "only when a pool was retired");
            uint256 shares = uint256(c.active.shares) + c.unbonding.shares;
            assertLe((fromStake - dueFromStake) * 1e18, shares, "dust only");
        }
        // The active pool's part is its share of the stake, rounded down (all of it if it was retired).
        uint256 proRata = (dueFromStake * c.active.assets) / c.staked;
        assertEq(r.fromActive, s.activeGeneration == 0 ? proRata : c.active.assets, "active part");
        uint256 unbondingPart = dueFromStake - proRata;
        assertEq(r.fromUnbonding, s.unbondingGeneration == 0 ? unbondingPart : c.unbonding.assets, "unbonding part");
    }

    /// @dev The host and alice's active stake lose the same fraction, and her unbonding request too (unless a pool
    /// was retired: then the dust it held is taken as well).
    function _checkFractions(Case memory c) internal view {
        IHostStaking.Stream memory s = staking.streamOf(host);
        if (s.activeGeneration + s.unbondingGeneration != 0) return;
        uint256 aliceActive = c.aliceStake - c.unstaked;
        uint256 hostAfter = _assets(host, host);
        if (aliceActive > 1e9 && c.hostStake > 1e9) {
            // hostAfter / hostStake == aliceAfter / aliceActive, to within each side's rounding
            uint256 aliceAfter = _assets(host, alice);
            uint256 skew = _diff(hostAfter * aliceActive, aliceAfter * c.hostStake);
            assertLe(skew, c.hostStake + aliceActive, "same fraction");
        }
        if (c.unstaked > 1e9 && c.active.assets > 1e9) {
            (, uint256 requestAfter, ) = lens.unbondingOf(host, alice, c.request);
            uint256 activeAfter = staking.activePool(host).assets;
            uint256 skew = _diff(requestAfter * c.active.assets, activeAfter * c.unstaked);
            assertLe(skew, uint256(c.active.assets) + c.unstaked, "unbonding loses the active pool's fraction");
        }
    }

    function _diff(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : b - a;
    }

    /// One delegator or a hundred: executing the slash costs the same gas.
    function test_ASlashCostsTheSameWhateverTheNumberOfDelegators() public {
        (address one, bytes32 c1) = _hostWithDelegators("one", 1);
        (address hundred, bytes32 c100) = _hostWithDelegators("hundred", 100);
        (, bytes32 warmUp) = _hostWithDelegators("warm-up", 1);
        vm.startPrank(slasher);
        uint256 idWarmUp = slashing.propose(warmUp, IHostSlashing.Kind.Malicious, keccak256("e"), 0, address(0));
        uint256 idOne = slashing.propose(c1, IHostSlashing.Kind.Malicious, keccak256("e"), 0, address(0));
        uint256 idHundred = slashing.propose(c100, IHostSlashing.Kind.Malicious, keccak256("e"), 0, address(0));
        vm.stopPrank();
        vm.warp(block.timestamp + 7 days);
        slashing.execute(idWarmUp); // the token, the treasury's balance and both contracts are warm from here on
        uint256 gas = gasleft();
        slashing.execute(idOne);
        uint256 gasOne = gas - gasleft();
        gas = gasleft();
        slashing.execute(idHundred);
        uint256 gasHundred = gas - gasleft();
        // Equal but for the few gas of this test's own memory growing between the two measurements (bench/hosts.ts
        // measures whole transactions).
        assertLe(gasHundred, gasOne + 10, "same gas");
        assertLe(gasOne, gasHundred + 10, "same gas");
        assertEq(staking.activePool(one).assets, staking.activePool(hundred).assets, "same slash");
    }

    /// @dev A host with a 1x container, its own K and `count` delegators of 100 ATH each.
    function _hostWithDelegators(string memory name, uint256 count) internal returns (address h, bytes32 container) {
        container = keccak256(bytes(name));
        h = _host(name, 0, 2 * K, container);
        _delegate(h, h, K);
        for (uint256 i; i < count; ++i) {
            address d = _actor(string(abi.encodePacked(name, "-", bytes32(i))), 100 ether);
            _delegate(d, h, 100 ether);
        }
        if (count == 1) {
            // the same total stake as the hundred delegators' host
            _delegate(h, h, 99 * 100 ether);
        }
    }
}
