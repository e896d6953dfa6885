// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IComputeRewards} from "../../../contracts/interfaces/IComputeRewards.sol";
import {IHostStaking} from "../../../contracts/interfaces/IHostStaking.sol";
import {ComputeFixture} from "./ComputeFixture.sol";

/// @notice ComputeRewards' payments: a host's stream receives exactly its leaf's increase once, an Edge owner is paid
/// its Edge increase once, and nothing else is paid.
contract ComputeRewardsPaymentsTest is ComputeFixture {
    function setUp() public {
        _deployCompute();
    }

    function test_PushAddsExactlyTheHostsLeafToItsStreamOnce() public {
        _twoLeaves(1_000 ether, 400 ether);
        uint64 epoch = _postAndSync();
        uint256 before = staking.streamOf(host).unreleased;
        vm.expectEmit(address(compute));
        emit IComputeRewards.HostRewardsPushed(host, epoch, outsider, 1_000 ether, 1_000 ether);
        vm.prank(outsider); // permissionless
        uint256 amount = compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        assertEq(amount, 1_000 ether, "pushed amount");
        assertEq(staking.streamOf(host).unreleased - before, 1_000 ether, "stream grew by the leaf");
        assertEq(compute.pushedEnterprise(host), 1_000 ether, "pushed recorded");
        assertEq(compute.enterpriseUnpaid(), 0, "nothing left unpaid");

        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.NothingNewToPush.selector, host, 1_000 ether, 1_000 ether)
        );
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
    }

    function test_DelegatorsShareAPushedAmountByCommission() public {
        address dave = _actor("dave", K);
        _delegate(dave, host, K); // host 1,000 bps commission, dave holds half of the active pool
        _twoLeaves(1_000 ether, 0);
        _postAndSync();
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        vm.warp(block.timestamp + staking.REWARD_DURATION());
        vm.prank(dave);
        uint256 daveGot = staking.claimRewards(host);
        vm.prank(host);
        uint256 hostGot = staking.claimRewards(host);
        assertApproxEq(daveGot, 450 ether, "dave: half of 90%");
        assertApproxEq(hostGot, 550 ether, "host: commission and half of 90%");
        assertLe(daveGot + hostGot, 1_000 ether, "never more than pushed");
    }

    function test_ClaimEdgePaysTheOwnerItsLeafOnce() public {
        _twoLeaves(1_000 ether, 400 ether);
        uint64 epoch = _postAndSync();
        vm.expectEmit(address(compute));
        emit IComputeRewards.EdgeClaimed(edgeOwner, epoch, 400 ether, 400 ether);
        uint256 before = token.balanceOf(edgeOwner);
        vm.prank(edgeOwner);
        compute.claimEdge(400 ether, 0, _proof(1));
        assertEq(token.balanceOf(edgeOwner) - before, 400 ether, "paid directly");
        assertEq(compute.edgeUnpaid(), 0, "nothing left unpaid");
        vm.prank(edgeOwner);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.NothingNewToClaim.selector, edgeOwner, 400 ether, 400 ether)
        );
        compute.claimEdge(400 ether, 0, _proof(1));
    }

    function test_ANewerRootPaysOnlyTheIncrease() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        vm.prank(edgeOwner);
        compute.claimEdge(400 ether, 0, _proof(1));
        _twoLeaves(1_600 ether, 1_000 ether);
        _postAndSync();
        assertEq(compute.pushHostRewards(host, 0, 1_600 ether, _proof(0)), 600 ether, "host: the increase");
        vm.prank(edgeOwner);
        assertEq(compute.claimEdge(1_000 ether, 0, _proof(1)), 600 ether, "owner: the increase");
        assertEq(compute.fundedEdge(), 1_000 ether, "edge drawn = cumulative");
        assertEq(compute.fundedEnterprise(), 1_600 ether, "enterprise drawn = cumulative");
        assertEq(token.balanceOf(address(compute)), 0, "everything drawn was paid");
    }

    function test_SyncDrawsEachPoolsIncreaseFromThatPool() public {
        _twoLeaves(1_000 ether, 400 ether);
        uint256 edgeBefore = token.balanceOf(address(edgePool));
        uint256 enterpriseBefore = token.balanceOf(address(pool));
        uint64 epoch = _post();
        vm.warp(compute.rootOf(epoch).finalAt);
        vm.expectEmit(address(compute));
        emit IComputeRewards.Synced(epoch, _root(), 400 ether, 1_000 ether, 400 ether, 1_000 ether);
        compute.sync();
        assertEq(edgeBefore - token.balanceOf(address(edgePool)), 400 ether, "edge pool paid the edge total");
        assertEq(enterpriseBefore - token.balanceOf(address(pool)), 1_000 ether, "enterprise pool paid its total");
    }

    function test_OneLeafCanHoldBothAmounts() public {
        address[] memory a = new address[](2);
        uint256[] memory e = new uint256[](2);
        uint256[] memory n = new uint256[](2);
        (a[0], e[0], n[0]) = (host, 70 ether, 30 ether);
        a[1] = edgeOwner;
        _setLeaves(a, e, n);
        _postAndSync();
        compute.pushHostRewards(host, 70 ether, 30 ether, _proof(0));
        vm.prank(host);
        compute.claimEdge(70 ether, 30 ether, _proof(0));
        assertEq(compute.claimedEdge(host), 70 ether, "edge claimed");
        assertEq(compute.pushedEnterprise(host), 30 ether, "enterprise pushed");
    }

    function assertApproxEq(uint256 left, uint256 right, string memory message) internal pure {
        uint256 diff = left > right ? left - right : right - left;
        assertLe(diff, 1e6, message);
    }
}

/// @notice Every refusal of ComputeRewards, and the attacks on it, each with its exact error.
contract ComputeRewardsRevertsTest is ComputeFixture {
    function setUp() public {
        _deployCompute();
    }

    // ---------------------------------------------------------------- pool caps

    function test_RevertsWhen_TheEdgeTotalExceedsTheEdgePoolsRelease() public {
        vm.warp(compute.epochStart(0) + 1 days);
        uint256 end = compute.epochStart(0) + 1 days;
        uint256 released = edgePool.unlockedAt(end);
        // within both pools' releases together, above the Edge pool's alone
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.RootExceedsPool.selector,
                IComputeRewards.PoolKind.Edge,
                released + 1,
                released,
                0,
                0
            )
        );
        compute.postRoot(0, keccak256("r"), released + 1, 0, "");
        compute.postRoot(0, keccak256("r"), released, 0, ""); // exactly the release is allowed
    }

    function test_RevertsWhen_TheEnterpriseTotalExceedsItsPoolsReleasePlusReturns() public {
        uint256 end = compute.epochStart(0) + 1 days;
        vm.warp(end);
        token.approve(address(pool), 5 ether);
        pool.returnFunds(5 ether);
        uint256 released = pool.unlockedAt(end);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.RootExceedsPool.selector,
                IComputeRewards.PoolKind.Enterprise,
                released + 6 ether,
                released,
                5 ether,
                0
            )
        );
        compute.postRoot(0, keccak256("r"), 0, released + 6 ether, "");
        compute.postRoot(0, keccak256("r"), 0, released + 5 ether, "");
    }

    function test_RevertsWhen_AnotherDistributorAlreadyDrewWhatTheRootClaims() public {
        uint256 end = compute.epochStart(0) + 1 days;
        vm.warp(end);
        // HostFixture made HostStaking a distributor of the Enterprise pool (the old trusted path)
        address[] memory hosts = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        (hosts[0], amounts[0]) = (host, 100 ether);
        staking.fundRewardsFromPool(hosts, amounts);
        uint256 released = pool.unlockedAt(end);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.RootExceedsPool.selector,
                IComputeRewards.PoolKind.Enterprise,
                released,
                released,
                0,
                100 ether
            )
        );
        compute.postRoot(0, keccak256("r"), 0, released, "");
    }

    function test_RevertsWhen_ATotalDecreases() public {
        _twoLeaves(1_000 ether, 400 ether);
        _post();
        vm.warp(compute.rootOf(0).finalAt);
        vm.warp(compute.epochStart(1) + 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.CumulativeTotalDecreased.selector,
                IComputeRewards.PoolKind.Edge,
                399 ether,
                400 ether
            )
        );
        compute.postRoot(1, keccak256("r"), 399 ether, 1_000 ether, "");
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.CumulativeTotalDecreased.selector,
                IComputeRewards.PoolKind.Enterprise,
                999 ether,
                1_000 ether
            )
        );
        compute.postRoot(1, keccak256("r"), 400 ether, 999 ether, "");
    }

    // ---------------------------------------------------------------- posting rules

    function test_RevertsWhen_PostingOutOfOrderEarlyOrEmpty() public {
        compute.setChallengeWindow(2 days);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.EpochNotNext.selector, 1, 0));
        compute.postRoot(1, keccak256("r"), 0, 0, "");
        uint256 end = compute.epochStart(0) + 1 days;
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.EpochNotOver.selector, 0, end));
        compute.postRoot(0, keccak256("r"), 0, 0, "");
        vm.warp(end);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.ZeroRoot.selector, 0));
        compute.postRoot(0, bytes32(0), 0, 0, "");
        compute.postRoot(0, keccak256("r"), 0, 0, "");
        uint64 finalAt = compute.rootOf(0).finalAt;
        vm.warp(compute.epochStart(1) + 1 days);
        assertLt(block.timestamp, finalAt, "still in epoch 0's window");
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.PreviousRootNotFinal.selector, 0, finalAt));
        compute.postRoot(1, keccak256("r"), 0, 0, "");
    }

    function test_RevertsWhen_SomeoneButTheRefereePosts() public {
        vm.warp(compute.epochStart(0) + 1 days);
        bytes32 role = compute.REFEREE_ROLE();
        vm.prank(outsider);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role)
        );
        compute.postRoot(0, keccak256("r"), 0, 0, "");
    }

    // ---------------------------------------------------------------- veto and sync

    function test_GuardianVetoesARootInItsWindowAndTheRefereeReposts() public {
        _twoLeaves(1_000 ether, 400 ether);
        uint64 epoch = _post();
        bytes32 role = compute.GUARDIAN_ROLE();
        vm.prank(outsider);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role)
        );
        compute.vetoRoot(epoch);
        vm.expectEmit(address(compute));
        emit IComputeRewards.RootVetoed(epoch, guardian);
        vm.prank(guardian);
        compute.vetoRoot(epoch);
        assertEq(compute.rootOf(epoch).postedAt, 0, "root gone");
        assertEq(compute.nextEpoch(), epoch, "epoch to post again");
        vm.warp(block.timestamp + 2 days);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NoFinalRoot.selector));
        compute.sync(); // a vetoed root never becomes final
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NoRoot.selector, epoch));
        compute.vetoRoot(epoch);

        _twoLeaves(10 ether, 4 ether);
        _post();
        uint64 finalAt = compute.rootOf(epoch).finalAt;
        vm.warp(finalAt);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.ChallengeWindowOver.selector, epoch, finalAt));
        compute.vetoRoot(epoch);
        compute.sync();
        assertEq(compute.root(), _root(), "the reposted root is synced");
    }

    function test_RevertsWhen_SyncingBeforeTheRootIsFinal() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NoFinalRoot.selector));
        compute.sync();
        _twoLeaves(1_000 ether, 400 ether);
        uint64 epoch = _post();
        uint64 finalAt = compute.rootOf(epoch).finalAt;
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.RootNotFinal.selector, epoch, finalAt));
        compute.sync();
        vm.warp(finalAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.RootNotFinal.selector, epoch, finalAt));
        compute.sync();
        // and nobody is paid from a root that is not synced
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NoFinalRoot.selector));
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        vm.warp(finalAt);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.RootNotSynced.selector, 0, epoch));
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        compute.sync();
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NothingToSync.selector, epoch));
        compute.sync();
    }

    // ---------------------------------------------------------------- attacks on payments

    function test_RevertsWhen_TheProofIsWrong() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        bytes32[] memory proof = _proof(0);
        proof[0] = keccak256("forged");
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, host, 0, 1_000 ether));
        compute.pushHostRewards(host, 0, 1_000 ether, proof);
        // a right proof with an inflated amount
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, host, 0, 1_001 ether));
        compute.pushHostRewards(host, 0, 1_001 ether, _proof(0));
    }

    function test_RevertsWhen_AnAccountUsesAnotherAccountsLeaf() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        // the outsider claims the Edge owner's leaf as its own
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, outsider, 400 ether, 0));
        compute.claimEdge(400 ether, 0, _proof(1));
        // the host's Enterprise leaf pushed into the Edge owner's stream
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, edgeOwner, 0, 1_000 ether));
        compute.pushHostRewards(edgeOwner, 0, 1_000 ether, _proof(0));
    }

    function test_RevertsWhen_AnEdgeClaimTakesAnEnterpriseAmount() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        // the host's Enterprise amount presented as an Edge amount: not its leaf
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, host, 1_000 ether, 0));
        compute.claimEdge(1_000 ether, 0, _proof(0));
        // its real leaf has no Edge amount
        vm.prank(host);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NothingNewToClaim.selector, host, 0, 0));
        compute.claimEdge(0, 1_000 ether, _proof(0));
        // and the Edge owner's leaf has no Enterprise amount to push
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NothingNewToPush.selector, edgeOwner, 0, 0));
        compute.pushHostRewards(edgeOwner, 400 ether, 0, _proof(1));
    }

    function test_RevertsWhen_AnOldProofIsReplayedAfterANewerRoot() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        bytes32[] memory oldProof = _proof(1);
        _twoLeaves(1_500 ether, 900 ether);
        uint64 epoch = _post();
        vm.warp(compute.rootOf(epoch).finalAt);
        // a newer final root exists but is not synced: the error says so
        vm.prank(edgeOwner);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.RootNotSynced.selector, epoch - 1, epoch));
        compute.claimEdge(1_000 ether, 0, oldProof);
        compute.sync();
        vm.prank(edgeOwner);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, edgeOwner, 400 ether, 0));
        compute.claimEdge(400 ether, 0, oldProof);
        vm.prank(edgeOwner);
        assertEq(compute.claimEdge(900 ether, 0, _proof(1)), 900 ether, "the new leaf pays everything once");
    }

    function test_RevertsWhen_TheLeavesExceedTheirRootsTotals() public {
        // a referee whose leaves add up to more than the totals it posted: the last payer is refused, the other pool
        // and the other payers are untouched
        address[] memory a = new address[](2);
        uint256[] memory e = new uint256[](2);
        uint256[] memory n = new uint256[](2);
        (a[0], n[0]) = (host, 600 ether);
        (a[1], n[1]) = (edgeOwner, 0);
        _setLeaves(a, e, n);
        uint256 end = compute.epochStart(0) + 1 days;
        vm.warp(end);
        compute.postRoot(0, _root(), 0, 500 ether, "");
        vm.warp(compute.rootOf(0).finalAt);
        compute.sync();
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeRewards.PaymentExceedsFunding.selector,
                IComputeRewards.PoolKind.Enterprise,
                600 ether,
                500 ether
            )
        );
        compute.pushHostRewards(host, 0, 600 ether, _proof(0));
    }

    function test_RevertsWhen_TheEdgeClaimerHasNoKyc() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        address stranger = makeAddr("stranger");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NotKycAllowed.selector, stranger));
        compute.claimEdge(400 ether, 0, _proof(1));
    }

    function test_RevertsWhen_TheHostIsHaltedUntilItTopsUp() public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        uint256 id = _undelegate(host, host, 1 ether);
        id; // its stake is now short of K
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostIsHalted.selector, host, K - 1 ether, K));
        compute.pushHostRewards(host, 0, 1_000 ether, _proof(0));
        token.transfer(host, 1 ether);
        _delegate(host, host, 1 ether);
        assertEq(compute.pushHostRewards(host, 0, 1_000 ether, _proof(0)), 1_000 ether, "paid once topped up");
    }

    // ---------------------------------------------------------------- governance

    function test_RevertsWhen_GovernanceSettingsAreOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.UnknownGpuClass.selector, 99));
        compute.setEdgeClass(99, true);
        vm.expectEmit(address(compute));
        emit IComputeRewards.EdgeClassSet(GPU, false);
        compute.setEdgeClass(GPU, false);
        assertTrue(compute.isEdgeClass(EDGE), "edge class");
        assertFalse(compute.isEdgeClass(GPU), "enterprise class");
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.ChallengeWindowOutOfRange.selector, 1 hours - 1, 1 hours, 7 days)
        );
        compute.setChallengeWindow(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.ChallengeWindowOutOfRange.selector, 7 days + 1, 1 hours, 7 days)
        );
        compute.setChallengeWindow(7 days + 1);
        compute.setChallengeWindow(7 days);
        assertEq(compute.challengeWindow(), 7 days, "window set");
        bytes32 role = compute.DEFAULT_ADMIN_ROLE();
        vm.prank(outsider);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, outsider, role)
        );
        compute.setEdgeClass(EDGE, false);
    }
}
