// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComputeRewards} from "../../../contracts/compute/ComputeRewards.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {IComputeRewards} from "../../../contracts/interfaces/IComputeRewards.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {ComputeFixture} from "./ComputeFixture.sol";

/// @notice ComputeRewards under random epochs, returns, other distributors' draws, totals and leaves: a root is
/// accepted exactly when each pool's total fits that pool's own release + returns − what others drew; a host's stream
/// receives exactly its leaf's increase, once; no amount but the leaf's verifies.
/// @dev Runs: the project-wide 256 (hardhat.config.ts).
contract ComputeRewardsFuzzTest is ComputeFixture {
    function setUp() public {
        _deployCompute();
    }

    /// @dev One fuzz case of a post against the caps (a struct: too many values for the stack otherwise).
    struct Case {
        uint64 epoch;
        uint256 end;
        uint256 returnedEdge;
        uint256 returnedEnterprise;
        uint256 drawnElsewhere;
        uint256 edgeTotal;
        uint256 enterpriseTotal;
    }

    function testFuzz_APostIsRefusedExactlyAboveEachPoolsOwnCap(
        uint256 epochSeed,
        uint256 returnedEdge,
        uint256 returnedEnterprise,
        uint256 drawnElsewhere,
        uint256 edgeTotal,
        uint256 enterpriseTotal
    ) public {
        Case memory k;
        // a deployment whose first epoch is any day of the ten years (postRoot only reads the pools)
        k.epoch = uint64(bound(epochSeed, 0, 3_650));
        ComputeRewards c = new ComputeRewards(
            address(this),
            address(this),
            guardian,
            edgePool,
            pool,
            staking,
            IComplianceRegistry(address(compliance)),
            referee,
            k.epoch
        );
        k.end = c.epochStart(k.epoch) + 1 days;
        vm.warp(k.end);
        k.returnedEdge = bound(returnedEdge, 0, 1_000_000 ether);
        k.returnedEnterprise = bound(returnedEnterprise, 0, 1_000_000 ether);
        _return(edgePool, k.returnedEdge);
        _return(pool, k.returnedEnterprise);
        // another distributor (HostStaking's trusted path) drew from the Enterprise pool
        k.drawnElsewhere = bound(drawnElsewhere, 0, pool.releasable());
        if (k.drawnElsewhere > 0) {
            address[] memory hosts = new address[](1);
            uint256[] memory amounts = new uint256[](1);
            (hosts[0], amounts[0]) = (host, k.drawnElsewhere);
            staking.fundRewardsFromPool(hosts, amounts);
        }
        uint256 edgeCap = edgePool.unlockedAt(k.end) + k.returnedEdge;
        uint256 enterpriseCap = pool.unlockedAt(k.end) + k.returnedEnterprise - k.drawnElsewhere;
        // totals around each cap: half the runs within it, half above
        k.edgeTotal = bound(edgeTotal, 0, 2 * edgeCap + 1);
        k.enterpriseTotal = bound(enterpriseTotal, 0, 2 * enterpriseCap + 1);
        if (k.edgeTotal > edgeCap) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeRewards.RootExceedsPool.selector,
                    IComputeRewards.PoolKind.Edge,
                    k.edgeTotal,
                    edgePool.unlockedAt(k.end),
                    k.returnedEdge,
                    0
                )
            );
        } else if (k.enterpriseTotal > enterpriseCap) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComputeRewards.RootExceedsPool.selector,
                    IComputeRewards.PoolKind.Enterprise,
                    k.enterpriseTotal,
                    pool.unlockedAt(k.end),
                    k.returnedEnterprise,
                    k.drawnElsewhere
                )
            );
        }
        c.postRoot(k.epoch, keccak256("r"), k.edgeTotal, k.enterpriseTotal, "");
        if (k.edgeTotal <= edgeCap && k.enterpriseTotal <= enterpriseCap) {
            assertEq(c.rootOf(k.epoch).cumulativeEdge, k.edgeTotal, "edge total posted");
            assertEq(c.rootOf(k.epoch).cumulativeEnterprise, k.enterpriseTotal, "enterprise total posted");
        }
    }

    function _return(RewardPool to, uint256 amount) internal {
        if (amount == 0) return;
        token.approve(address(to), amount);
        to.returnFunds(amount);
    }

    function testFuzz_AHostsStreamReceivesExactlyItsLeafsIncreaseOnce(
        uint256 first,
        uint256 increase,
        bool pushBetween
    ) public {
        first = bound(first, 1, 100_000 ether);
        increase = bound(increase, 0, 100_000 ether);
        uint256 stakingBefore = token.balanceOf(address(staking));
        _twoLeaves(first, 7 ether);
        _postAndSync();
        if (pushBetween) assertEq(compute.pushHostRewards(host, 0, first, _proof(0)), first, "the first leaf");
        _twoLeaves(first + increase, 7 ether);
        _postAndSync();
        uint256 due = pushBetween ? increase : first + increase;
        if (due == 0) {
            vm.expectRevert(abi.encodeWithSelector(IComputeRewards.NothingNewToPush.selector, host, first, first));
            compute.pushHostRewards(host, 0, first, _proof(0));
        } else {
            assertEq(compute.pushHostRewards(host, 0, first + increase, _proof(0)), due, "the increase");
        }
        assertEq(token.balanceOf(address(staking)) - stakingBefore, first + increase, "the stream got the leaf, once");
        assertEq(compute.pushedEnterprise(host), first + increase, "recorded at the leaf");
        vm.expectRevert(
            abi.encodeWithSelector(IComputeRewards.NothingNewToPush.selector, host, first + increase, first + increase)
        );
        compute.pushHostRewards(host, 0, first + increase, _proof(0));
        assertEq(compute.enterpriseUnpaid(), 0, "nothing drawn is left over");
    }

    function testFuzz_NoAmountButTheLeafsVerifies(
        uint256 accountSeed,
        uint256 edge,
        uint256 enterprise,
        uint256 proofSeed
    ) public {
        _twoLeaves(1_000 ether, 400 ether);
        _postAndSync();
        address[3] memory accounts = [host, edgeOwner, outsider];
        address account = accounts[accountSeed % 3];
        uint256 index = proofSeed % 3; // any leaf's proof, the filler's included
        vm.assume(!(account == leafAccounts[index] && edge == leafEdge[index] && enterprise == leafEnterprise[index]));
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, account, edge, enterprise));
        compute.pushHostRewards(account, edge, enterprise, _proof(index));
        vm.prank(account);
        vm.expectRevert(abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, account, edge, enterprise));
        compute.claimEdge(edge, enterprise, _proof(index));
    }
}
