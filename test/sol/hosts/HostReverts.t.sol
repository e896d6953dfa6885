// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {HostStaking} from "../../../contracts/hosts/HostStaking.sol";
import {HostRegistry} from "../../../contracts/hosts/HostRegistry.sol";
import {HostSlashing} from "../../../contracts/hosts/HostSlashing.sol";
import {IHostStaking, IHostRegistry} from "../../../contracts/interfaces/IHostStaking.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {IRewardPool} from "../../../contracts/interfaces/IRewardPool.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {HostFixture} from "./HostFixture.sol";

/// @notice Every refusal of HostStaking, HostRegistry and HostSlashing, each with its exact error and arguments.
contract HostRevertsTest is HostFixture {
    bytes32 internal constant C1 = keccak256("container-1");
    address internal host;
    address internal alice;
    address internal stranger;

    function setUp() public {
        _deployHosts();
        host = _host("host", 1_000, 100_000 ether, C1);
        _delegate(host, host, K);
        alice = _actor("alice", 100_000 ether);
        stranger = makeAddr("stranger");
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    // ---------------------------------------------------------------- HostStaking: deployment and governance

    function test_StakingRefusesZeroAddressesAndKOutOfRange() public {
        IERC20 t = IERC20(address(token));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.ZeroAddress.selector, bytes32("admin")));
        new HostStaking(address(0), t, compliance, pool, K);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.ZeroAddress.selector, bytes32("token")));
        new HostStaking(address(this), IERC20(address(0)), compliance, pool, K);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.ZeroAddress.selector, bytes32("compliance")));
        new HostStaking(address(this), t, ComplianceRegistry(address(0)), pool, K);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.ZeroAddress.selector, bytes32("rewardPool")));
        new HostStaking(address(this), t, compliance, RewardPool(address(0)), K);
        vm.expectRevert(
            abi.encodeWithSelector(IHostStaking.KOutOfRange.selector, 1 ether - 1, 1 ether, 10_000_000 ether)
        );
        new HostStaking(address(this), t, compliance, pool, 1 ether - 1);
    }

    function test_GovernanceBoundsKAndTheUnbondingPeriod() public {
        vm.expectRevert(
            abi.encodeWithSelector(IHostStaking.KOutOfRange.selector, 10_000_000 ether + 1, 1 ether, 10_000_000 ether)
        );
        staking.setK(10_000_000 ether + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IHostStaking.UnbondingPeriodOutOfRange.selector, 14 days - 1, 14 days, 365 days)
        );
        staking.setUnbondingPeriod(14 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IHostStaking.UnbondingPeriodOutOfRange.selector, 365 days + 1, 14 days, 365 days)
        );
        staking.setUnbondingPeriod(365 days + 1);
        bytes32 admin = staking.DEFAULT_ADMIN_ROLE();
        vm.startPrank(stranger);
        vm.expectRevert(_unauthorized(stranger, admin));
        staking.setK(K);
        vm.expectRevert(_unauthorized(stranger, admin));
        staking.setUnbondingPeriod(30 days);
        vm.stopPrank();
        vm.expectEmit(address(staking));
        emit IHostStaking.UnbondingPeriodSet(30 days);
        staking.setUnbondingPeriod(30 days);
        assertEq(staking.params().unbondingPeriod, 30 days, "set");
    }

    // ---------------------------------------------------------------- HostStaking: hosts

    function test_HostRegistrationAndCommission() public {
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostAlreadyRegistered.selector, host));
        staking.registerHost(0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.CommissionTooHigh.selector, 10_001, 10_000));
        staking.registerHost(10_001);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, alice));
        staking.setCommission(100);
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.CommissionTooHigh.selector, 10_001, 10_000));
        staking.setCommission(10_001);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, alice));
        staking.checkHalt(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NotRegistry.selector, address(this)));
        staking.setCapacity(host, 0, 0);
    }

    // ---------------------------------------------------------------- HostStaking: stake

    function test_DelegateRefusals() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, stranger));
        staking.delegate(stranger, 1 ether);
        vm.prank(alice);
        vm.expectRevert(IHostStaking.ZeroAmount.selector);
        staking.delegate(host, 0);
        vm.prank(slasher);
        slashing.propose(C1, IHostSlashing.Kind.Malicious, keccak256("e"), 0, address(0));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostHasPendingSlash.selector, host, 1));
        staking.delegate(host, 1 ether);
        _delegate(host, host, 1 ether); // the host may still top up its own stake
    }

    function test_UndelegateRefusals() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, stranger));
        staking.undelegate(stranger, 1 ether);
        vm.prank(alice);
        vm.expectRevert(IHostStaking.ZeroAmount.selector);
        staking.undelegate(host, 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.InsufficientStake.selector, host, alice, 1 ether, 0));
        staking.undelegate(host, 1 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.InsufficientStake.selector, host, alice, 1, 0));
        staking.undelegate(host, type(uint256).max);
        _delegate(alice, host, 100 ether);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IHostStaking.InsufficientStake.selector, host, alice, 100 ether + 1, 100 ether)
        );
        staking.undelegate(host, 100 ether + 1);
        // An account with no stake with a host whose pool is empty.
        address empty = _host("empty", 0, 0, bytes32(0));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.InsufficientStake.selector, empty, alice, 1 ether, 0));
        staking.undelegate(empty, 1 ether);
    }

    function test_WithdrawRefusals() public {
        uint256 id = _undelegate(host, host, 1 ether);
        uint256[] memory none = new uint256[](0);
        vm.startPrank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.BatchSizeOutOfRange.selector, 0, 100));
        staking.withdraw(host, none);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.BatchSizeOutOfRange.selector, 101, 100));
        staking.withdraw(host, new uint256[](101));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NoSuchUnbonding.selector, host, host, id + 1));
        staking.withdraw(host, _ids(id + 1));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.UnbondingNotMatured.selector, id, T0 + 180 days));
        staking.withdraw(host, _ids(id));
        vm.stopPrank();
        // Someone else's request is not the caller's.
        vm.warp(T0 + 180 days);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NoSuchUnbonding.selector, host, alice, id));
        staking.withdraw(host, _ids(id));
        // Withdrawn once.
        vm.startPrank(host);
        staking.withdraw(host, _ids(id));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NoSuchUnbonding.selector, host, host, id));
        staking.withdraw(host, _ids(id));
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- HostStaking: rewards

    function test_FundingRefusals() public {
        bytes32 distributor = staking.DISTRIBUTOR_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, distributor));
        staking.fundRewards(host, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, stranger));
        staking.fundRewards(stranger, 1 ether);
        vm.expectRevert(IHostStaking.ZeroAmount.selector);
        staking.fundRewards(host, 0);
        _undelegate(host, host, 1); // one wei short
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostIsHalted.selector, host, K - 1, K));
        staking.fundRewards(host, 1 ether);

        address[] memory hosts = new address[](1);
        uint256[] memory amounts = new uint256[](2);
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, distributor));
        staking.fundRewardsFromPool(hosts, amounts);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.BatchSizeOutOfRange.selector, 0, 100));
        staking.fundRewardsFromPool(new address[](0), new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.BatchSizeOutOfRange.selector, 101, 100));
        staking.fundRewardsFromPool(new address[](101), new uint256[](101));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.LengthMismatch.selector, 1, 2));
        staking.fundRewardsFromPool(hosts, amounts);
        // Never beyond what the pool has released.
        _delegate(host, host, 1);
        hosts[0] = host;
        amounts = new uint256[](1);
        amounts[0] = POOL_ALLOCATION;
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, POOL_ALLOCATION, 0));
        staking.fundRewardsFromPool(hosts, amounts);
    }

    function test_ClaimRefusals() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, stranger));
        staking.claimRewards(stranger);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NoRewards.selector, host, alice));
        staking.claimRewards(host);
        _attest(alice, "UA-43");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NotKycAllowed.selector, alice));
        staking.claimRewards(host);
    }

    // ---------------------------------------------------------------- HostStaking: slasher role

    function test_SlasherRoleRefusals() public {
        bytes32 role = staking.SLASHER_ROLE();
        vm.startPrank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        staking.openSlash(host);
        vm.expectRevert(_unauthorized(stranger, role));
        staking.cancelSlash(host);
        vm.expectRevert(_unauthorized(stranger, role));
        staking.slash(host, 1, 1, 0, address(0), treasury);
        vm.stopPrank();

        staking.grantRole(role, address(this));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, stranger));
        staking.openSlash(stranger);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NoPendingSlash.selector, host));
        staking.cancelSlash(host);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NoPendingSlash.selector, host));
        staking.slash(host, 1, 1, 0, address(0), treasury);
        staking.openSlash(host);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.ZeroAddress.selector, bytes32("penaltyTo")));
        staking.slash(host, 1, 1, 0, address(0), address(0));
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.ZeroAddress.selector, bytes32("refundTo")));
        staking.slash(host, 1, 1, 1, address(0), treasury);
        vm.expectEmit(address(staking));
        emit IHostStaking.PendingSlashesChanged(host, 0);
        staking.cancelSlash(host);
    }

    // ---------------------------------------------------------------- HostRegistry

    function test_RegistryRefusals() public {
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ZeroAddress.selector, bytes32("admin")));
        new HostRegistry(address(0), compliance);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ZeroAddress.selector, bytes32("compliance")));
        new HostRegistry(address(this), ComplianceRegistry(address(0)));

        bytes32 c2 = keccak256("container-2");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.HostNotRegistered.selector, alice));
        registry.registerContainer(c2, GPU, "DE");
        vm.startPrank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.InvalidContainer.selector, bytes32(0), bytes8("DE")));
        registry.registerContainer(bytes32(0), GPU, "DE");
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.InvalidContainer.selector, c2, bytes8(0)));
        registry.registerContainer(c2, GPU, bytes8(0));
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.UnknownGpuClass.selector, 9));
        registry.registerContainer(c2, 9, "DE");
        vm.stopPrank();
        registry.setGpuClass(9, ONE_X, false, false);
        vm.startPrank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.GpuClassInactive.selector, 9));
        registry.registerContainer(c2, 9, "DE");
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.RestrictedRegion.selector, c2, H100, bytes8("US")));
        registry.registerContainer(c2, H100, "US");
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ContainerAlreadyActive.selector, C1));
        registry.registerContainer(C1, GPU, "DE");
        vm.stopPrank();
        address other = _host("other", 0, 0, bytes32(0));
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ContainerBoundToOtherHost.selector, C1, host));
        registry.registerContainer(C1, GPU, "DE");

        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.UnknownContainer.selector, c2));
        registry.deregisterContainer(c2);
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.NotContainerHost.selector, C1, host, other));
        registry.deregisterContainer(C1);
        vm.prank(host);
        registry.deregisterContainer(C1);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ContainerNotActive.selector, C1));
        registry.deregisterContainer(C1);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ContainerNotActive.selector, C1));
        registry.syncContainer(C1);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ContainerNotActive.selector, C1));
        registry.evictContainer(C1);
        // A deregistered container stays its host's: only it can register the id again.
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.ContainerBoundToOtherHost.selector, C1, host));
        registry.registerContainer(C1, GPU, "DE");
        vm.prank(host);
        registry.registerContainer(C1, H100, "FR");
        assertEq(registry.containerOf(C1).boundAt, T0, "bound at its first registration");

        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.CoefficientOutOfRange.selector, 0, 1, 1_000_000));
        registry.setGpuClass(3, 0, false, true);
        vm.expectRevert(abi.encodeWithSelector(IHostRegistry.CoefficientOutOfRange.selector, 1_000_001, 1, 1_000_000));
        registry.setGpuClass(3, 1_000_001, false, true);
        bytes32 admin = registry.DEFAULT_ADMIN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, admin));
        registry.setGpuClass(3, ONE_X, false, true);
    }

    // ---------------------------------------------------------------- HostSlashing

    function test_SlashingRefusesZeroAddresses() public {
        CheckerReferee r = referee;
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.ZeroAddress.selector, bytes32("admin")));
        new HostSlashing(address(0), guardian, slasher, staking, r, treasury);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.ZeroAddress.selector, bytes32("guardian")));
        new HostSlashing(address(this), address(0), slasher, staking, r, treasury);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.ZeroAddress.selector, bytes32("staking")));
        new HostSlashing(address(this), guardian, slasher, HostStaking(address(0)), r, treasury);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.ZeroAddress.selector, bytes32("referee")));
        new HostSlashing(address(this), guardian, slasher, staking, CheckerReferee(address(0)), treasury);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.ZeroAddress.selector, bytes32("treasury")));
        new HostSlashing(address(this), guardian, slasher, staking, r, address(0));
        // No slasher: verdict-driven slashes only.
        HostSlashing verdictsOnly = new HostSlashing(address(this), guardian, address(0), staking, r, treasury);
        assertFalse(verdictsOnly.hasRole(verdictsOnly.SLASHER_ROLE(), address(0)), "no slasher");
    }

    function test_VerdictRefusals() public {
        bytes32 c2 = keccak256("container-2");
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.UnknownContainer.selector, keccak256("nope")));
        slashing.proposeFromVerdict(keccak256("nope"), 1);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C1, 1, 0, 3));
        slashing.proposeFromVerdict(C1, 1);

        // Epoch 1: jobs 0 to 3 check C1, jobs 4 to 6 check c2 (registered only once the epoch has ended).
        bytes32[] memory containers = new bytes32[](7);
        for (uint256 j; j < 7; ++j) containers[j] = j < 4 ? C1 : c2;
        ICheckerReferee.JobLeaf[] memory leaves = _postJobs(1, containers); // final at T0 + 16 hours
        _proveJob(leaves, 0, 2); // a Pass majority counts nothing
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C1, 1, 0, 3));
        slashing.proposeFromVerdict(C1, 1);
        _proveJob(leaves, 1, 3);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C1, 1, 1, 3));
        slashing.proposeFromVerdict(C1, 1);
        _proveJob(leaves, 2, 4);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C1, 1, 2, 3));
        slashing.proposeFromVerdict(C1, 1);
        _proveJob(leaves, 3, 5);
        // Epoch 1 has not started: these results were signed before its checks could run.
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.VerdictFromFuture.selector, 1, T0 + 1 days));
        slashing.proposeFromVerdict(C1, 1);
        // The Fails are bound to their container's epoch.
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C1, 2, 0, 3));
        slashing.proposeFromVerdict(C1, 2);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C1, 0, 0, 3));
        slashing.proposeFromVerdict(C1, 0);

        // c2 is registered at T0 + 2 days, when epoch 1 ended: its Fails of epoch 1 can't slash.
        vm.warp(T0 + 2 days);
        vm.prank(host);
        registry.registerContainer(c2, GPU, "DE");
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, c2, 1, 0, 3));
        slashing.proposeFromVerdict(c2, 1);
        for (uint256 j = 4; j < 7; ++j) _proveJob(leaves, j, 5);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.VerdictBeforeRegistration.selector, 1, T0 + 2 days));
        slashing.proposeFromVerdict(c2, 1);

        // 30 days after the epoch's end, its verdicts are too old.
        vm.warp(T0 + 32 days + 1);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.VerdictTooOld.selector, 1, T0 + 32 days));
        slashing.proposeFromVerdict(C1, 1);
    }

    function test_MinFailedJobsGovernance() public {
        assertEq(slashing.minFailedJobs(), 3, "k = 3 by default");
        assertEq(slashing.MIN_FAILED_JOBS(), 1, "min");
        assertEq(slashing.MAX_FAILED_JOBS(), 32, "max");
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.MinFailedJobsOutOfRange.selector, 0, 1, 32));
        slashing.setMinFailedJobs(0);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.MinFailedJobsOutOfRange.selector, 33, 1, 32));
        slashing.setMinFailedJobs(33);
        bytes32 admin = slashing.DEFAULT_ADMIN_ROLE();
        vm.prank(guardian);
        vm.expectRevert(_unauthorized(guardian, admin));
        slashing.setMinFailedJobs(1);
        vm.prank(slasher);
        vm.expectRevert(_unauthorized(slasher, admin));
        slashing.setMinFailedJobs(1);
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, admin));
        slashing.setMinFailedJobs(1);

        // With k = 1, one proven Fail proposes a slash.
        vm.expectEmit(address(slashing));
        emit IHostSlashing.MinFailedJobsSet(1);
        slashing.setMinFailedJobs(1);
        _proveFails(C1, 1, 1);
        vm.warp(T0 + 1 days);
        vm.expectEmit(address(slashing));
        emit IHostSlashing.VerdictSlashProposed(1, 1, 1);
        slashing.proposeFromVerdict(C1, 1);

        // With k = 32, three do not.
        vm.expectEmit(address(slashing));
        emit IHostSlashing.MinFailedJobsSet(32);
        slashing.setMinFailedJobs(32);
        _proveFails(C1, 2, 3);
        vm.warp(T0 + 2 days);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, C1, 2, 3, 32));
        slashing.proposeFromVerdict(C1, 2);
    }

    function test_ProposalRefusals() public {
        bytes32 role = slashing.SLASHER_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        slashing.propose(C1, IHostSlashing.Kind.Malicious, keccak256("e"), 0, address(0));
        vm.startPrank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.UnknownContainer.selector, keccak256("nope")));
        slashing.propose(keccak256("nope"), IHostSlashing.Kind.Malicious, keccak256("e"), 0, address(0));
        vm.expectRevert(IHostSlashing.ZeroEvidence.selector);
        slashing.propose(C1, IHostSlashing.Kind.Malicious, bytes32(0), 0, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IHostSlashing.RefundNotAllowed.selector, IHostSlashing.Kind.DowntimeRendering)
        );
        slashing.propose(C1, IHostSlashing.Kind.DowntimeRendering, keccak256("e"), 1, stranger);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.RefundTooLarge.selector, K + 1, K));
        slashing.propose(C1, IHostSlashing.Kind.DowntimeReserve, keccak256("e"), K + 1, stranger);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.ZeroAddress.selector, bytes32("refundTo")));
        slashing.propose(C1, IHostSlashing.Kind.DowntimeReserve, keccak256("e"), 1, address(0));
        vm.stopPrank();
    }

    function test_VetoAndExecuteRefusals() public {
        vm.prank(slasher);
        uint256 id = slashing.propose(C1, IHostSlashing.Kind.Malicious, keccak256("e"), 0, address(0));
        bytes32 role = slashing.GUARDIAN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger, role));
        slashing.veto(id);
        vm.startPrank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NoSuchProposal.selector, id + 1));
        slashing.veto(id + 1);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NoSuchProposal.selector, id + 1));
        slashing.execute(id + 1);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.VetoWindowNotOver.selector, id, T0 + 7 days));
        slashing.execute(id);
        vm.warp(T0 + 7 days);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.VetoWindowOver.selector, id, T0 + 7 days));
        slashing.veto(id);
        slashing.execute(id);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotPending.selector, id, IHostSlashing.Status.Executed));
        slashing.execute(id);
        vm.expectRevert(abi.encodeWithSelector(IHostSlashing.NotPending.selector, id, IHostSlashing.Status.Executed));
        slashing.veto(id);
        vm.stopPrank();
    }

    function test_SlashingGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IHostSlashing.VetoWindowOutOfRange.selector, 1 days - 1, 1 days, 30 days)
        );
        slashing.setVetoWindow(1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IHostSlashing.VetoWindowOutOfRange.selector, 30 days + 1, 1 days, 30 days)
        );
        slashing.setVetoWindow(30 days + 1);
        bytes32 admin = slashing.DEFAULT_ADMIN_ROLE();
        vm.startPrank(guardian);
        vm.expectRevert(_unauthorized(guardian, admin));
        slashing.setVetoWindow(2 days);
        vm.expectRevert(_unauthorized(guardian, admin));
        slashing.setBurn(true);
        vm.stopPrank();
        vm.expectEmit(address(slashing));
        emit IHostSlashing.VetoWindowSet(2 days);
        slashing.setVetoWindow(2 days);
        vm.expectEmit(address(slashing));
        emit IHostSlashing.BurnSet(true);
        slashing.setBurn(true);
        assertEq(slashing.penaltyOf(C1, IHostSlashing.Kind.Underperformance), K, "K x 1");
        assertEq(slashing.penaltyOf(C1, IHostSlashing.Kind.DowntimeReserve), K / 3, "a third");
    }
}
