// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IHostStaking} from "../../../contracts/interfaces/IHostStaking.sol";
import {IHostRegistry} from "../../../contracts/interfaces/IHostStaking.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {HostFixture} from "./HostFixture.sol";

/// @notice HostStaking, HostRegistry and HostSlashing working together: required stake and halting, delegation shares,
/// rewards (commission, then pro rata; commission changes after the delay), unbonding, the slash order (unreleased
/// rewards, then active and unbonding stake pro rata), refunds, burn, verdict-driven slashes, vetoes, the geofence.
contract HostStakingTest is HostFixture {
    bytes32 internal constant C1 = keccak256("container-1");
    address internal host;
    address internal alice;
    address internal bob;

    function setUp() public {
        _deployHosts();
        host = _host("host", 1_000, 100_000 ether, bytes32(0));
        alice = _actor("alice", 100_000 ether);
        bob = _actor("bob", 100_000 ether);
    }

    // ---------------------------------------------------------------- required stake and halting

    function test_AHostIsHaltedBelowItsRequiredStakeUntilToppedUp() public {
        vm.expectEmit(address(staking));
        emit IHostStaking.CapacitySet(host, 1, ONE_X, K);
        vm.expectEmit(address(staking));
        emit IHostStaking.HostHalted(host, 0, K);
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        assertTrue(staking.hostInfo(host).halted, "halted with no stake");
        assertEq(lens.requiredStake(host), K, "K x 1");

        _delegate(host, host, 6_000 ether);
        assertTrue(lens.isHalted(host), "still short");
        vm.expectEmit(address(staking));
        emit IHostStaking.HostResumed(host, K, K);
        _delegate(alice, host, 4_000 ether);
        assertFalse(staking.hostInfo(host).halted, "topped up by a delegator");
        assertEq(lens.delegatedShares(host), 4_000 ether, "alice's shares");

        // Unstaking below the requirement halts again, whoever unstakes.
        vm.expectEmit(address(staking));
        emit IHostStaking.HostHalted(host, 9_000 ether, K);
        _undelegate(alice, host, 1_000 ether);
        // Deregistering the container drops the requirement.
        vm.expectEmit(address(staking));
        emit IHostStaking.HostResumed(host, 9_000 ether, 0);
        vm.prank(host);
        registry.deregisterContainer(C1);
    }

    function test_GovernanceChangesOfKAndCoefficientsReachHosts() public {
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        _delegate(host, host, K);
        staking.setK(2 * K);
        assertTrue(lens.isHalted(host), "live view");
        assertFalse(staking.hostInfo(host).halted, "flag lags until checked");
        vm.expectEmit(address(staking));
        emit IHostStaking.HostHalted(host, K, 2 * K);
        staking.checkHalt(host);
        staking.setK(K);
        staking.checkHalt(host);

        registry.setGpuClass(GPU, 2 * ONE_X, false, true);
        assertEq(lens.requiredStake(host), K, "coefficient taken at registration");
        vm.expectEmit(address(registry));
        emit IHostRegistry.ContainerSynced(C1, host, 2 * ONE_X);
        vm.expectEmit(address(staking));
        emit IHostStaking.CapacitySet(host, 1, 2 * ONE_X, 2 * K);
        registry.syncContainer(C1);
        assertTrue(staking.hostInfo(host).halted, "halted after the sync");
    }

    // ---------------------------------------------------------------- geofence

    function test_HpcClassesCantRegisterInRestrictedRegions() public {
        vm.startPrank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.RestrictedRegion.selector, C1, H100, bytes8("UA-43")));
        registry.registerContainer(C1, H100, "UA-43");
        registry.registerContainer(C1, GPU, "US"); // not HPC: allowed anywhere
        registry.registerContainer(keccak256("c2"), H100, "DE");
        vm.stopPrank();
        assertEq(lens.requiredStake(host), K + 3 * K, "1x + 3x");

        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.NotEvictable.selector, keccak256("c2")));
        registry.evictContainer(keccak256("c2"));
        compliance.setRestricted("DE", true);
        vm.expectEmit(address(registry));
        emit IHostRegistry.ContainerEvicted(keccak256("c2"), host, H100, "DE");
        vm.prank(alice);
        registry.evictContainer(keccak256("c2"));
        assertEq(lens.requiredStake(host), K, "the evicted container no longer counts");
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.NotEvictable.selector, C1));
        registry.evictContainer(C1);
    }

    // ---------------------------------------------------------------- rewards

    function test_RewardsPayTheCommissionThenProRata() public {
        _delegate(host, host, 6_000 ether);
        _delegate(alice, host, 4_000 ether);
        staking.fundRewards(host, 1_000 ether);
        vm.warp(block.timestamp + 15 days);
        // Half released: 50 commission, 450 split 60/40.
        assertEq(lens.pendingRewards(host, host), 50 ether + 270 ether, "host half way");
        assertEq(lens.pendingRewards(host, alice), 180 ether, "alice half way");
        vm.warp(block.timestamp + 30 days);
        assertEq(lens.pendingRewards(host, host), 100 ether + 540 ether, "host");
        assertEq(lens.pendingRewards(host, alice), 360 ether, "alice");

        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        assertEq(staking.claimRewards(host), 360 ether, "claimed");
        assertEq(token.balanceOf(alice) - before, 360 ether, "paid");
        vm.prank(host);
        staking.claimRewards(host);
        assertEq(token.balanceOf(address(staking)), 10_000 ether, "only stake is left");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NoRewards.selector, host, alice));
        staking.claimRewards(host);
    }

    function test_ACommissionChangeAppliesAfterTheDelayOnly() public {
        _delegate(alice, host, 1_000 ether); // the host itself holds no stake: it earns its commission only
        staking.fundRewards(host, 3_000 ether); // 100 a day for 30 days
        vm.expectEmit(address(staking));
        emit IHostStaking.CommissionChangeScheduled(host, 5_000, uint64(block.timestamp + 7 days));
        vm.prank(host);
        staking.setCommission(5_000);
        vm.warp(block.timestamp + 10 days);
        // 7 days at 10% (70 of 700), then 3 days at 50% (150 of 300).
        assertEq(lens.pendingRewards(host, host), 220 ether, "host");
        assertEq(lens.pendingRewards(host, alice), 780 ether, "alice");
        vm.expectEmit(address(staking));
        emit IHostStaking.CommissionChanged(host, 5_000, uint64(T0 + 7 days));
        vm.prank(alice);
        staking.claimRewards(host);
        assertEq(staking.hostInfo(host).commissionBps, 5_000, "applied");
        assertEq(staking.hostInfo(host).commissionEffectiveAt, 0, "nothing pending");
    }

    function test_RewardsFromTheEnterprisePool() public {
        _delegate(alice, host, 1_000 ether);
        address other = _host("other", 0, 1_000 ether, bytes32(0));
        _delegate(other, other, 1_000 ether);
        address[] memory hosts = new address[](2);
        (hosts[0], hosts[1]) = (host, other);
        uint256[] memory amounts = new uint256[](2);
        (amounts[0], amounts[1]) = (100 ether, 300 ether);
        vm.warp(block.timestamp + 1 days);
        staking.fundRewardsFromPool(hosts, amounts);
        assertEq(pool.drawn(), 400 ether, "drawn from the pool");
        assertEq(staking.streamOf(other).unreleased, 300 ether, "other's stream");
        vm.warp(block.timestamp + 30 days);
        assertEq(lens.pendingRewards(other, other), 300 ether, "all of it");
    }

    // ---------------------------------------------------------------- unbonding

    function test_UnstakedAthUnbondsFor180Days() public {
        _delegate(alice, host, 4_000 ether);
        vm.expectEmit(address(staking));
        emit IHostStaking.Undelegated(host, alice, 1, 1_000 ether, 1_000 ether, 1_000 ether, uint64(T0 + 180 days));
        uint256 id = _undelegate(alice, host, 1_000 ether);
        assertEq(_assets(host, alice), 3_000 ether, "left active");
        vm.warp(T0 + 180 days - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.UnbondingNotMatured.selector, id, T0 + 180 days));
        staking.withdraw(host, _ids(id));
        vm.warp(T0 + 180 days);
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        assertEq(staking.withdraw(host, _ids(id)), 1_000 ether, "withdrawn");
        assertEq(token.balanceOf(alice) - before, 1_000 ether, "paid");
        // All of it, in one call.
        uint256 all = _undelegate(alice, host, type(uint256).max);
        (uint256 shares, uint256 assets, ) = lens.unbondingOf(host, alice, all);
        assertEq(assets, 3_000 ether, "everything unbonding");
        assertEq(shares, 3_000 ether, "1:1");
        assertEq(_assets(host, alice), 0, "nothing active");
    }

    // ---------------------------------------------------------------- slashing

    function test_ASlashTakesUnreleasedRewardsBeforeStake() public {
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        _delegate(host, host, K);
        staking.fundRewards(host, 6_000 ether); // 200 a day
        vm.warp(block.timestamp + 3 days);
        uint256 penalty = K / 3;
        vm.prank(slasher);
        uint256 id = slashing.propose(C1, IHostSlashing.Kind.DowntimeRendering, keccak256("log"), 0, address(0));
        vm.warp(block.timestamp + 7 days); // 2,000 released by now: vested, out of the slash's reach
        vm.expectEmit(address(staking));
        emit IHostStaking.Slashed(host, id, penalty, 0, 0, 0, penalty);
        slashing.execute(id);
        assertEq(token.balanceOf(treasury), penalty, "to the treasury");
        assertEq(staking.activePool(host).assets, K, "stake untouched");
        assertEq(lens.pendingRewards(host, host), 2_000 ether, "released rewards are vested");
        assertEq(staking.streamOf(host).unreleased, 4_000 ether - penalty, "the rest keeps streaming");
    }

    function test_ASlashTakesActiveAndUnbondingStakeProRata() public {
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        _delegate(host, host, 6_000 ether);
        _delegate(alice, host, 4_000 ether);
        _delegate(bob, host, 10_000 ether);
        uint256 id = _undelegate(bob, host, 5_000 ether); // active 15,000, unbonding 5,000
        _slash(C1, IHostSlashing.Kind.Malicious, 0, address(0)); // K x 1 = 10,000: half of everything
        assertEq(_assets(host, host), 3_000 ether, "host");
        assertEq(_assets(host, alice), 2_000 ether, "alice");
        assertEq(_assets(host, bob), 2_500 ether, "bob active");
        (, uint256 unbonding, ) = lens.unbondingOf(host, bob, id);
        assertEq(unbonding, 2_500 ether, "bob unbonding");
        assertEq(token.balanceOf(treasury), K, "penalty");
        assertTrue(staking.hostInfo(host).halted, "below K");
    }

    function test_ARefundGoesToTheCustomerAndBurnToTheDeadAddress() public {
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        _delegate(host, host, 20_000 ether);
        address customer = makeAddr("customer");
        slashing.setBurn(true);
        uint256 penalty = K / 3;
        _slash(C1, IHostSlashing.Kind.DowntimeReserve, 1_000 ether, customer);
        assertEq(token.balanceOf(customer), 1_000 ether, "service fee refunded");
        assertEq(token.balanceOf(slashing.BURN_ADDRESS()), penalty, "burned");
        assertEq(token.balanceOf(treasury), 0, "nothing to the treasury");
        assertEq(staking.activePool(host).assets, 20_000 ether - 1_000 ether - penalty, "stake");
    }

    function test_ASlashNeverTakesMoreThanIsStaked() public {
        _delegate(host, host, 1_000 ether);
        _delegate(alice, host, 1_000 ether);
        staking.fundRewards(host, 300 ether);
        vm.warp(block.timestamp + 30 days); // all released: 30 commission, alice earned 135
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        vm.prank(slasher);
        uint256 id = slashing.propose(C1, IHostSlashing.Kind.Malicious, keccak256("x"), 0, address(0));
        vm.warp(block.timestamp + 7 days);
        vm.expectEmit(address(staking));
        emit IHostStaking.PoolWiped(host, false, 1);
        slashing.execute(id);
        assertEq(token.balanceOf(treasury), 2_000 ether, "all the stake, not K");
        assertEq(_assets(host, alice), 0, "alice's stake is gone");
        assertEq(lens.pendingRewards(host, alice), 135 ether, "her vested rewards are not");
        vm.prank(alice);
        staking.claimRewards(host);
        // The pool starts over.
        _delegate(alice, host, 500 ether);
        assertEq(_assets(host, alice), 500 ether, "fresh stake");
        assertEq(staking.activePool(host).shares, 500 ether, "fresh shares");
    }

    /// Three jobs of the container proven Fail in one epoch (k = 3) slash its host, proposed by anyone.
    function test_ProvenFailVerdictsSlashWithoutAHuman() public {
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        _delegate(host, host, K);
        ICheckerReferee.JobLeaf[] memory leaves = _postJobs(1, _containers(C1, 4));
        for (uint256 j; j < 3; ++j) _proveJob(leaves, j, 3 + j); // 3, 4 and 5 Fail votes of 5
        assertEq(referee.failedJobs(C1, 1), 3, "three proven Fails");
        vm.warp(T0 + 1 days + 1); // epoch 1 is under way
        address anyone = makeAddr("anyone");
        vm.expectEmit(address(slashing));
        emit IHostSlashing.VerdictSlashProposed(1, 1, 3);
        vm.expectEmit(address(slashing));
        emit IHostSlashing.SlashProposed(
            1,
            host,
            C1,
            IHostSlashing.Kind.DowntimeRendering,
            K / 3,
            0,
            address(0),
            keccak256(abi.encode(C1, uint64(1))),
            anyone,
            uint64(block.timestamp + 7 days)
        );
        vm.prank(anyone);
        uint256 id = slashing.proposeFromVerdict(C1, 1);
        assertEq(slashing.verdictProposal(keccak256(abi.encode(C1, uint64(1)))), id, "the epoch's proposal");
        IHostSlashing.Proposal memory p = slashing.proposal(id);
        assertEq(p.host, host, "host");
        assertEq(p.penalty, K / 3, "downtime");
        assertEq(uint256(p.status), uint256(IHostSlashing.Status.Pending), "pending");
        assertEq(staking.hostInfo(host).pendingSlashes, 1, "counted");
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.VetoWindowNotOver.selector, id, block.timestamp + 7 days));
        slashing.execute(id);
        vm.warp(block.timestamp + 7 days);
        vm.prank(anyone);
        slashing.execute(id);
        assertEq(staking.activePool(host).assets, K - K / 3, "slashed");
        assertEq(staking.hostInfo(host).pendingSlashes, 0, "done");

        // A fourth Fail of the same container and epoch can't slash again.
        _proveJob(leaves, 3, 5);
        assertEq(referee.failedJobs(C1, 1), 4, "four");
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.VerdictAlreadyUsed.selector, C1, uint64(1), id));
        slashing.proposeFromVerdict(C1, 1);
    }

    function test_TheGuardianVetoesInTheWindow() public {
        vm.prank(host);
        registry.registerContainer(C1, GPU, "DE");
        _delegate(host, host, K);
        uint256 unbonding = _undelegate(host, host, 1_000 ether);
        vm.prank(slasher);
        uint256 id = slashing.propose(C1, IHostSlashing.Kind.Underperformance, keccak256("x"), 0, address(0));
        vm.warp(T0 + 3 days);
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostHasPendingSlash.selector, host, 1));
        staking.withdraw(host, _ids(unbonding));

        vm.expectEmit(address(slashing));
        emit IHostSlashing.SlashVetoed(id, guardian);
        vm.prank(guardian);
        slashing.veto(id);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotPending.selector, id, IHostSlashing.Status.Vetoed));
        slashing.execute(id);
        assertEq(staking.hostInfo(host).pendingSlashes, 0, "uncounted");
        vm.warp(T0 + 180 days);
        vm.prank(host);
        assertEq(staking.withdraw(host, _ids(unbonding)), 1_000 ether, "free again");
    }

    function test_RestrictedAccountsCantClaimRewards() public {
        _delegate(alice, host, 1_000 ether);
        staking.fundRewards(host, 100 ether);
        vm.warp(block.timestamp + 30 days);
        _attest(alice, "US");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NotKycAllowed.selector, alice));
        staking.claimRewards(host);
        // Her principal is hers: unstaking and withdrawing are not gated.
        uint256 id = _undelegate(alice, host, type(uint256).max);
        vm.warp(block.timestamp + 180 days);
        vm.prank(alice);
        staking.withdraw(host, _ids(id));
    }
}
