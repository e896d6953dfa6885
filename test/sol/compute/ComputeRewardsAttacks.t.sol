// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ComputeRewards} from "../../../contracts/compute/ComputeRewards.sol";
import {HostStaking} from "../../../contracts/hosts/HostStaking.sol";
import {IComputeRewards} from "../../../contracts/interfaces/IComputeRewards.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {IHostStaking} from "../../../contracts/interfaces/IHostStaking.sol";
import {IRewardPool} from "../../../contracts/interfaces/IRewardPool.sol";
import {ComputeFixture} from "./ComputeFixture.sol";

/// @notice An adversary's review of ComputeRewards (issue 15): every entry point attacked by whoever can call it,
/// with what they choose, each attack expecting its exact error or proving that nobody gains. The first group is the
/// pool caps (one pool's release or returns never pay the other pool's providers), then the root life cycle (veto,
/// sync, reposting), then payments (other accounts' leaves, halted, deregistered or unregistered hosts, KYC changes)
/// and reentrancy through the staking contract.
contract ComputeRewardsAttacksTest is ComputeFixture {
    function setUp() public {
        _deployCompute();
    }

    // ---------------------------------------------------------------- one pool never pays the other's providers

    function test_RevertsWhen_TheEnterpriseTotalRidesOnTheEdgePoolsReleaseOrReturns() public {
        uint256 end = compute.epochStart(0) + 1 days;
        vm.warp(end);
        uint256 released = pool.unlockedAt(end);
        assertGt(edgePool.unlockedAt(end), released, "the Edge pool released more than the Enterprise pool");
        bytes memory refused = abi.encodeWithSelector(
            IComputeRewards.RootExceedsPool.selector,
            IComputeRewards.PoolKind.Enterprise,
            released + 1,
            released,
            0,
            0
        );
        vm.expectRevert(refused);
        compute.postRoot(0, keccak256("r"), 0, released + 1, "");
        // ATH given back to the Edge pool lifts the Edge cap only
        token.approve(address(edgePool), 1_000 ether);
        edgePool.returnFunds(1_000 ether);
        vm.expectRevert(refused);
        compute.postRoot(0, keccak256("r"), 0, released + 1, "");
        uint256 edgeCap = edgePool.unlockedAt(end) + 1_000 ether;
        compute.postRoot(0, keccak256("r"), edgeCap, released, ""); // both pools exactly at their caps
        assertEq(compute.rootOf(0).cumulativeEdge, edgeCap, "edge total at release + returned");
    }

    function test_RevertsWhen_AnEnterpriseLeafWouldBePaidFromTheEdgePoolsDraw() public {
        // a referee's inconsistent tree: the Edge total is above its leaves, the Enterprise total below them. The
        // contract holds enough ATH for the host's leaf, but only Enterprise funding pays Enterprise leaves.
        address[] memory a = new address[](2);
        uint256[] memory e = new uint256[](2);
        uint256[] memory n = new uint256[](2);
        (a[0], n[0]) = (host, 600 ether);
        (a[1], e[1]) = (edgeOwner, 400 ether);
        _setLeaves(a, e, n);
        vm.warp(compute.epochStart(0) + 1 days);
        compute.postRoot(0, _root(), 1_000 ether, 500 ether, "");
        vm.warp(compute.rootOf(0).finalAt);
        compute.sync();
        assertEq(token.balanceOf(address(compute)), 1_500 ether, "both draws are in one balance");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.PaymentExceedsFunding.selector,
                IComputeRewards.PoolKind.Enterprise,
                600 ether,
                500 ether
            )
        );
        compute.pushHostRewards(host, 0, 600 ether, _proof(0));
        vm.prank(edgeOwner);
        assertEq(compute.claimEdge(400 ether, 0, _proof(1)), 400 ether, "the Edge leaf is paid");
        assertEq(compute.edgeUnpaid(), 600 ether, "the Edge surplus stays Edge");
        assertEq(compute.enterpriseUnpaid(), 500 ether, "the Enterprise funding is untouched");
    }

    function test_RevertsWhen_AnEdgeLeafWouldBePaidFromTheEnterprisePoolsDraw() public {
        address[] memory a = new address[](2);
        uint256[] memory e = new uint256[](2);
        uint256[] memory n = new uint256[](2);
        (a[0], n[0]) = (host, 100 ether);
        (a[1], e[1]) = (edgeOwner, 700 ether);
        _setLeaves(a, e, n);
        vm.warp(compute.epochStart(0) + 1 days);
        compute.postRoot(0, _root(), 500 ether, 1_000 ether, "");
        vm.warp(compute.rootOf(0).finalAt);
        compute.sync();
        vm.prank(edgeOwner);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.PaymentExceedsFunding.selector,
                IComputeRewards.PoolKind.Edge,
                700 ether,
                500 ether
            )
        );
        compute.claimEdge(700 ether, 0, _proof(1));
    }

    // ---------------------------------------------------------------- root life cycle

    function test_VetoAndSyncNeverBothSucceedAtTheWindowsEnd() public {
        _twoLeaves(1_000 ether, 400 ether);
        uint64 epoch = _post();
        uint64 finalAt = compute.rootOf(epoch).finalAt;
        // one second before the end: the root can be vetoed, not synced
        vm.warp(finalAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.RootNotFinal.selector, epoch, finalAt));
        compute.sync();
        vm.prank(guardian);
        compute.vetoRoot(epoch);
        // the repost, at its window's end: synced, no longer vetoable, whatever the order in the block
        _post();
        finalAt = compute.rootOf(epoch).finalAt;
        vm.warp(finalAt);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.ChallengeWindowOver.selector, epoch, finalAt));
        compute.vetoRoot(epoch);
        compute.sync();
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.ChallengeWindowOver.selector, epoch, finalAt));
        compute.vetoRoot(epoch);
        assertEq(compute.root(), _root(), "the repost is the synced root");
    }

    function test_RevertsWhen_TheRefereeSkipsAVetoedEpoch() public {
        _twoLeaves(1_000 ether, 400 ether);
        uint64 epoch = _post();
        vm.prank(guardian);
        compute.vetoRoot(epoch);
        vm.warp(compute.epochStart(epoch + 1) + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.EpochNotNext.selector, epoch + 1, epoch));
        compute.postRoot(epoch + 1, _root(), 400 ether, 1_000 ether, "");
    }

    function test_RevertsWhen_TheGuardianVetoesAFinalRootBehindANewerOne() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        uint64 finalAt = compute.rootOf(0).finalAt;
        _twoLeaves(2_000 ether, 800 ether);
        _post();
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.ChallengeWindowOver.selector, 0, finalAt));
        compute.vetoRoot(0);
        vm.prank(guardian);
        compute.vetoRoot(1); // the newest is vetoable; the synced one stays
        (uint64 finalEpoch, ) = compute.finalRoot();
        assertEq(finalEpoch, 0, "epoch 0 is still the final root");
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NothingToSync.selector, 0));
        compute.sync();
    }

    function test_AVetoedRootDrawsNothingAndTheRepostDrawsOnlyItsOwnTotals() public {
        _twoLeaves(1_000 ether, 400 ether);
        (uint256 edgeBefore, uint256 enterpriseBefore) = (edgePool.drawn(), pool.drawn());
        uint64 epoch = _post();
        vm.prank(guardian);
        compute.vetoRoot(epoch);
        vm.warp(block.timestamp + 7 days);
        assertEq(edgePool.drawn(), edgeBefore, "nothing drawn from the Edge pool");
        assertEq(pool.drawn(), enterpriseBefore, "nothing drawn from the Enterprise pool");
        assertEq(token.balanceOf(address(compute)), 0, "nothing stranded in the contract");
        _twoLeaves(10 ether, 4 ether); // the corrected tree pays less
        _postAndSync();
        assertEq(edgePool.drawn() - edgeBefore, 4 ether, "the repost's Edge total");
        assertEq(pool.drawn() - enterpriseBefore, 10 ether, "the repost's Enterprise total");
        compute.pushHostRewards(host, 0, 10 ether, _proof(0));
        vm.prank(edgeOwner);
        compute.claimEdge(4 ether, 0, _proof(1));
        assertEq(token.balanceOf(address(compute)), 0, "everything drawn was paid");
    }

    function test_AChallengeWindowChangeDoesNotMoveAPostedRoot() public {
        _twoLeaves(1_000 ether, 400 ether);
        uint64 epoch = _post();
        uint64 finalAt = compute.rootOf(epoch).finalAt;
        compute.setChallengeWindow(7 days);
        assertEq(compute.rootOf(epoch).finalAt, finalAt, "the posted root keeps its window");
        vm.warp(finalAt);
        compute.sync();
        bytes32 role = compute.DEFAULT_ADMIN_ROLE();
        vm.prank(outsider);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role)
        );
        compute.setChallengeWindow(1 hours);
    }

    function test_RevertsWhen_SyncingWhileAPoolIsPausedButSyncedLeavesStillPay() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        _twoLeaves(2_000 ether, 800 ether);
        uint64 epoch = _post();
        vm.warp(compute.rootOf(epoch).finalAt);
        vm.prank(guardian);
        edgePool.pause();
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        compute.sync();
        // the paused pool's guardian stops new draws; what was drawn for the synced root still pays its leaves
        _twoLeaves(1_000 ether, 400 ether);
        vm.prank(edgeOwner);
        assertEq(compute.claimEdge(400 ether, 0, _proof(1)), 400 ether, "the synced leaf pays");
        edgePool.unpause();
        compute.sync();
        _twoLeaves(2_000 ether, 800 ether);
        vm.prank(edgeOwner);
        assertEq(compute.claimEdge(800 ether, 0, _proof(1)), 400 ether, "then the increase");
    }

    function test_AnotherDistributorsDrawAfterThePostDelaysTheSyncButNeverOverpays() public {
        // Residual risk of a deployment that still grants the trusted path: HostStaking's `fundRewardsFromPool`
        // draws from the Enterprise pool after the root was posted within the cap. The pool itself refuses the
        // over-draw, so the sync waits for the schedule instead of paying beyond released + returned.
        uint256 end = compute.epochStart(0) + 1 days;
        vm.warp(end);
        uint256 released = pool.unlockedAt(end);
        address[] memory a = new address[](1);
        uint256[] memory e = new uint256[](1);
        uint256[] memory n = new uint256[](1);
        (a[0], n[0]) = (host, released);
        _setLeaves(a, e, n);
        compute.postRoot(0, _root(), 0, released, "");
        uint64 finalAt = compute.rootOf(0).finalAt;
        vm.warp(finalAt);
        uint256 releasable = pool.releasable();
        address[] memory hosts = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        (hosts[0], amounts[0]) = (host, releasable - released / 2);
        staking.fundRewardsFromPool(hosts, amounts);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, released, released / 2));
        compute.sync();
        vm.warp(finalAt + 1 days); // another day's release
        compute.sync();
        assertEq(compute.fundedEnterprise(), released, "the root's total, once");
        assertLe(pool.drawn(), pool.unlockedAt(block.timestamp) + pool.returned(), "never beyond the schedule");
    }

    // ---------------------------------------------------------------- payments

    function test_APushByAnyoneOnlyFeedsTheLeafsHost() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        uint256 outsiderBefore = token.balanceOf(outsider);
        uint256 stakingBefore = token.balanceOf(address(staking));
        vm.prank(outsider);
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        assertEq(token.balanceOf(outsider), outsiderBefore, "the caller gains nothing");
        assertEq(token.balanceOf(address(staking)) - stakingBefore, 1_000 ether, "the staking contract got the leaf");
        assertEq(staking.streamOf(host).unreleased, 1_000 ether, "all of it in the host's stream");
        assertEq(staking.streamOf(edgeOwner).unreleased, 0, "no other stream");
    }

    function test_RevertsWhen_ATruncatedProofPassesAnInnerNodeAsALeaf() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        bytes32[] memory full = _proof(0);
        bytes32[] memory shorter = new bytes32[](full.length - 1);
        for (uint256 i; i < shorter.length; ++i) shorter[i] = full[i + 1];
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, host, 0, 1_000 ether));
        compute.pushHostRewards(host, 0, 1_000 ether, shorter);
    }

    function test_RevertsWhen_PushingToAnAccountThatIsNoHostUntilItRegisters() public {
        // a leaf for an account that never registered with HostStaking: its amount waits, reserved, until it does
        address[] memory a = new address[](2);
        uint256[] memory e = new uint256[](2);
        uint256[] memory n = new uint256[](2);
        (a[0], n[0]) = (outsider, 300 ether);
        (a[1], n[1]) = (host, 100 ether);
        _setLeaves(a, e, n);
        _postAndSync();
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostNotRegistered.selector, outsider));
        compute.pushHostRewards(outsider, 0, 300 ether, _proof(0));
        assertEq(compute.enterpriseUnpaid(), 400 ether, "still reserved");
        vm.prank(outsider);
        staking.registerHost(0);
        assertEq(compute.pushHostRewards(outsider, 0, 300 ether, _proof(0)), 300 ether, "paid once registered");
    }

    function test_AHostThatDeregisteredAndLeftStillGetsItsPushWhole() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        vm.prank(host);
        registry.deregisterContainer(HOST_CONTAINER);
        _undelegate(host, host, K); // nobody delegates any more: the stream releases to the host as commission
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        vm.warp(block.timestamp + staking.REWARD_DURATION());
        vm.prank(host);
        uint256 got = staking.claimRewards(host);
        assertLe(got, 1_000 ether, "never more than pushed");
        assertGe(got, 1_000 ether - 1e6, "nothing stranded beyond rounding dust");
    }

    function test_RevertsWhen_KycIsRevokedBetweenTheRootAndTheClaim() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        vm.prank(kyc);
        compliance.revoke(edgeOwner);
        vm.prank(edgeOwner);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NotKycAllowed.selector, edgeOwner));
        compute.claimEdge(400 ether, 0, _proof(1));
        assertEq(compute.edgeUnpaid(), 400 ether, "the amount waits");
        // a host without KYC still has its amount pushed (its delegators are paid), but cannot claim its own part
        vm.prank(kyc);
        compliance.revoke(host);
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        vm.warp(block.timestamp + 1 days);
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NotKycAllowed.selector, host));
        staking.claimRewards(host);
        // a fresh attestation lets the Edge owner claim everything it earned
        _attestFor(edgeOwner, "DE", ACTOR_KYC);
        vm.prank(edgeOwner);
        assertEq(compute.claimEdge(400 ether, 0, _proof(1)), 400 ether, "paid after a new attestation");
    }

    function test_RevertsWhen_AnEdgeOwnerClaimsFromARestrictedPlace() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        _attestFor(edgeOwner, "US", ACTOR_KYC);
        vm.prank(edgeOwner);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NotKycAllowed.selector, edgeOwner));
        compute.claimEdge(400 ether, 0, _proof(1));
    }

    // ---------------------------------------------------------------- batch pushes

    function _hostAndOwnerLeaves() internal {
        // the Edge owner is a registered host too: its leaf holds an Enterprise amount as well
        address[] memory a = new address[](3);
        uint256[] memory e = new uint256[](3);
        uint256[] memory n = new uint256[](3);
        (a[0], n[0]) = (host, 1_000 ether);
        (a[1], e[1], n[1]) = (edgeOwner, 400 ether, 50 ether);
        a[2] = makeAddr("filler");
        _setLeaves(a, e, n);
    }

    function _batch(uint256[] memory indexes) internal view returns (IComputeRewards.HostLeaf[] memory b) {
        b = new IComputeRewards.HostLeaf[](indexes.length);
        for (uint256 i; i < indexes.length; ++i) {
            uint256 j = indexes[i];
            b[i] = IComputeRewards.HostLeaf(leafAccounts[j], leafEdge[j], leafEnterprise[j], _proof(j));
        }
    }

    function _pair(uint256 a, uint256 b) internal pure returns (uint256[] memory p) {
        p = new uint256[](2);
        (p[0], p[1]) = (a, b);
    }

    function test_ABatchPushPaysEachHostItsLeafOnce() public {
        _hostAndOwnerLeaves();
        uint64 epoch = _postAndSync();
        vm.expectEmit(address(compute));
        emit IComputeRewards.HostRewardsPushed(host, epoch, outsider, 1_000 ether, 1_000 ether);
        vm.expectEmit(address(compute));
        emit IComputeRewards.HostRewardsPushed(edgeOwner, epoch, outsider, 50 ether, 50 ether);
        vm.prank(outsider);
        assertEq(compute.pushHostRewardsBatch(_batch(_pair(0, 1))), 1_050 ether, "both leaves");
        assertEq(staking.streamOf(host).unreleased, 1_000 ether, "host's stream");
        assertEq(staking.streamOf(edgeOwner).unreleased, 50 ether, "owner's stream");
        assertEq(compute.enterpriseUnpaid(), 0, "nothing left");
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.NothingNewToPush.selector, host, 1_000 ether, 1_000 ether)
        );
        compute.pushHostRewardsBatch(_batch(_pair(0, 1)));
    }

    function test_RevertsWhen_ABatchHoldsTheSameLeafTwice() public {
        _hostAndOwnerLeaves();
        _postAndSync();
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.NothingNewToPush.selector, host, 1_000 ether, 1_000 ether)
        );
        compute.pushHostRewardsBatch(_batch(_pair(0, 0)));
        assertEq(staking.streamOf(host).unreleased, 0, "the whole batch was refused");
        assertEq(compute.pushedEnterprise(host), 0, "nothing booked");
    }

    function test_RevertsWhen_OneLeafOfABatchIsForged() public {
        _hostAndOwnerLeaves();
        _postAndSync();
        IComputeRewards.HostLeaf[] memory b = _batch(_pair(0, 1));
        b[1].cumulativeEnterprise = 5_000 ether;
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, edgeOwner, 400 ether, 5_000 ether)
        );
        compute.pushHostRewardsBatch(b);
        assertEq(compute.pushedEnterprise(host), 0, "the honest leaf waits for a clean batch");
    }

    function test_RevertsWhen_ABatchIsEmptyOrTooLong() public {
        _hostAndOwnerLeaves();
        _postAndSync();
        uint256 max = compute.MAX_PUSH_BATCH();
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.BatchSizeOutOfRange.selector, 0, max));
        compute.pushHostRewardsBatch(new IComputeRewards.HostLeaf[](0));
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.BatchSizeOutOfRange.selector, max + 1, max));
        compute.pushHostRewardsBatch(new IComputeRewards.HostLeaf[](max + 1));
    }

    // ---------------------------------------------------------------- reentrancy

    function test_RevertsWhen_TheStakingContractReentersAPayment() public {
        ReentrantStaking evil = new ReentrantStaking(IERC20(address(token)));
        ComputeRewards victim = new ComputeRewards(
            address(this),
            address(this),
            guardian,
            edgePool,
            pool,
            HostStaking(address(evil)),
            IComplianceRegistry(address(compliance)),
            referee,
            0
        );
        edgePool.grantRole(edgePool.DISTRIBUTOR_ROLE(), address(victim));
        pool.grantRole(pool.DISTRIBUTOR_ROLE(), address(victim));
        // the host's leaf holds both amounts, so the reentry can try both payments with the same leaf
        address[] memory a = new address[](2);
        uint256[] memory e = new uint256[](2);
        uint256[] memory n = new uint256[](2);
        (a[0], e[0], n[0]) = (host, 400 ether, 1_000 ether);
        a[1] = edgeOwner;
        (e[1], n[1]) = (1 ether, 1 ether);
        _setLeaves(a, e, n);
        vm.warp(victim.epochStart(0) + 1 days);
        (uint256 edge, uint256 enterprise) = _totals();
        victim.postRoot(0, _root(), edge, enterprise, "");
        vm.warp(victim.rootOf(0).finalAt);
        victim.sync();
        evil.arm(victim, host, 400 ether, 1_000 ether, _proof(0));
        victim.pushHostRewards(host, 400 ether, 1_000 ether, _proof(0));
        bytes memory guarded = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(evil.pushReentry(), guarded, "a second push from inside the first is refused");
        assertEq(evil.syncReentry(), guarded, "a sync from inside a push is refused");
        assertEq(evil.claimReentry(), guarded, "an Edge claim from inside a push is refused");
        assertEq(evil.batchReentry(), guarded, "a batch push from inside a push is refused");
        assertEq(evil.received(), 1_000 ether, "the stream got the leaf once");
        assertEq(evil.calls(), 1, "one funding");
        assertEq(victim.enterpriseUnpaid(), 1 ether, "only the other leaf's amount is left");
    }
}

/// @notice A hostile HostStaking: when ComputeRewards funds a stream, it tries to re-enter every payment before
/// pulling the amount, and records how each attempt ended.
contract ReentrantStaking {
    IERC20 public immutable token;
    ComputeRewards internal _target;
    address internal _host;
    uint256 internal _edge;
    uint256 internal _enterprise;
    bytes32[] internal _proof;

    bytes public pushReentry;
    bytes public syncReentry;
    bytes public claimReentry;
    bytes public batchReentry;
    uint256 public received;
    uint256 public calls;

    constructor(IERC20 token_) {
        token = token_;
    }

    function arm(
        ComputeRewards target,
        address host,
        uint256 edge,
        uint256 enterprise,
        bytes32[] calldata proof
    ) external {
        (_target, _host, _edge, _enterprise, _proof) = (target, host, edge, enterprise, proof);
    }

    function fundRewards(address, uint256 amount) external {
        calls++;
        try _target.pushHostRewards(_host, _edge, _enterprise, _proof) {
            pushReentry = "paid twice";
        } catch (bytes memory reason) {
            pushReentry = reason;
        }
        try _target.sync() {
            syncReentry = "synced inside";
        } catch (bytes memory reason) {
            syncReentry = reason;
        }
        try _target.claimEdge(_edge, _enterprise, _proof) {
            claimReentry = "claimed inside";
        } catch (bytes memory reason) {
            claimReentry = reason;
        }
        IComputeRewards.HostLeaf[] memory batch = new IComputeRewards.HostLeaf[](1);
        batch[0] = IComputeRewards.HostLeaf(_host, _edge, _enterprise, _proof);
        try _target.pushHostRewardsBatch(batch) {
            batchReentry = "batch inside";
        } catch (bytes memory reason) {
            batchReentry = reason;
        }
        token.transferFrom(msg.sender, address(this), amount);
        received += amount;
    }
}
