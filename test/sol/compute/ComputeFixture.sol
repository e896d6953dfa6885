// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ComputeRewards} from "../../../contracts/compute/ComputeRewards.sol";
import {DecayingRewardPool} from "../../../contracts/pools/DecayingRewardPool.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {HostFixture} from "../hosts/HostFixture.sol";
import {ComputeTree} from "./ComputeTree.sol";

/// @notice HostFixture's stack plus an Edge pool (10 yearly periods, year 1 = 40%, then x0.603) and ComputeRewards,
/// the distributor of both compute pools (HostFixture's linear pool plays the Enterprise/IDC pool) and of
/// HostStaking. The test contract is governance and the referee service. Actors: `host`, an Enterprise host with one
/// 1x container, fully self-staked; `edgeOwner`, an Edge device owner with one 0.5x Edge container, self-staked;
/// `outsider`, KYC'd, in no leaf.
/// @dev Epoch 0 starts at T0. `_postAndSync` posts the next epoch's root once it is over and syncs after the window.
abstract contract ComputeFixture is HostFixture {
    uint32 internal constant EDGE = 3; // 0.5x K, an Edge class
    uint32 internal constant HALF_X = 5_000;
    uint256 internal constant EDGE_ALLOCATION = 2_300_000_000 ether;

    DecayingRewardPool internal edgePool;
    ComputeRewards internal compute;

    address internal host;
    address internal edgeOwner;
    address internal outsider;
    bytes32 internal constant HOST_CONTAINER = keccak256("host container");
    bytes32 internal constant EDGE_CONTAINER = keccak256("edge device");

    /// @dev The leaves of the roots posted so far, by epoch (accounts and amounts of the tree last posted).
    address[] internal leafAccounts;
    uint256[] internal leafEdge;
    uint256[] internal leafEnterprise;

    function _deployCompute() internal {
        _deployHosts();
        edgePool = new DecayingRewardPool(
            IERC20(address(token)),
            EDGE_ALLOCATION,
            T0,
            365 days,
            10,
            4_000,
            603,
            1_000,
            address(this),
            guardian
        );
        token.transfer(address(edgePool), EDGE_ALLOCATION);
        registry.setGpuClass(EDGE, HALF_X, false, true);
        compute = new ComputeRewards(
            address(this),
            address(this),
            guardian,
            edgePool,
            pool,
            staking,
            IComplianceRegistry(address(compliance)),
            referee,
            0
        );
        compute.setEdgeClass(EDGE, true);
        edgePool.grantRole(edgePool.DISTRIBUTOR_ROLE(), address(compute));
        pool.grantRole(pool.DISTRIBUTOR_ROLE(), address(compute));
        staking.grantRole(staking.DISTRIBUTOR_ROLE(), address(compute));

        host = _host("host", 1_000, K, HOST_CONTAINER);
        _delegate(host, host, K);
        edgeOwner = _host("edge owner", 0, K, bytes32(0));
        vm.prank(edgeOwner);
        registry.registerContainer(EDGE_CONTAINER, EDGE, "JP");
        _delegate(edgeOwner, edgeOwner, K / 2);
        outsider = _actor("outsider", 0);
    }

    // ---------------------------------------------------------------- trees

    function _setLeaves(address[] memory accounts, uint256[] memory edge, uint256[] memory enterprise) internal {
        leafAccounts = accounts;
        leafEdge = edge;
        leafEnterprise = enterprise;
    }

    /// @dev The standard two-provider tree plus a filler leaf: host (edge 0), edge owner (enterprise 0).
    function _twoLeaves(uint256 hostEnterprise, uint256 ownerEdge) internal {
        address[] memory a = new address[](3);
        uint256[] memory e = new uint256[](3);
        uint256[] memory n = new uint256[](3);
        (a[0], n[0]) = (host, hostEnterprise);
        (a[1], e[1]) = (edgeOwner, ownerEdge);
        a[2] = makeAddr("filler"); // a third leaf so that no proof is trivial
        _setLeaves(a, e, n);
    }

    function _leaves() internal view returns (bytes32[] memory l) {
        l = new bytes32[](leafAccounts.length);
        for (uint256 i; i < l.length; ++i) l[i] = ComputeTree.leaf(leafAccounts[i], leafEdge[i], leafEnterprise[i]);
    }

    function _root() internal view returns (bytes32) {
        return ComputeTree.root(_leaves());
    }

    function _proof(uint256 index) internal view returns (bytes32[] memory) {
        return ComputeTree.proof(_leaves(), index);
    }

    function _totals() internal view returns (uint256 edge, uint256 enterprise) {
        for (uint256 i; i < leafAccounts.length; ++i)
            (edge, enterprise) = (edge + leafEdge[i], enterprise + leafEnterprise[i]);
    }

    // ---------------------------------------------------------------- roots

    /// @dev Warps past the end of the next epoch (and the previous root's window) and posts the current leaves.
    function _post() internal returns (uint64 epoch) {
        epoch = compute.nextEpoch();
        uint256 end = compute.epochStart(epoch) + 1 days;
        if (block.timestamp < end) vm.warp(end);
        if (epoch > 0) {
            uint64 finalAt = compute.rootOf(epoch - 1).finalAt;
            if (block.timestamp < finalAt) vm.warp(finalAt);
        }
        (uint256 edge, uint256 enterprise) = _totals();
        compute.postRoot(epoch, _root(), edge, enterprise, "ipfs://compute");
    }

    function _postAndSync() internal returns (uint64 epoch) {
        epoch = _post();
        vm.warp(compute.rootOf(epoch).finalAt);
        compute.sync();
    }
}
