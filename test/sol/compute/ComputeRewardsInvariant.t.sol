// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ComputeRewards} from "../../../contracts/compute/ComputeRewards.sol";
import {HostStaking} from "../../../contracts/hosts/HostStaking.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {IComputeRewards} from "../../../contracts/interfaces/IComputeRewards.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {Test} from "../utils/Test.sol";
import {Kyc} from "../utils/Kyc.sol";
import {ComputeFixture} from "./ComputeFixture.sol";
import {ComputeTree} from "./ComputeTree.sol";

/// @notice ComputeRewards' money rules under random roots (some over a pool's cap), vetoes, time, syncs, pushes,
/// Edge claims, forged leaves, returns to either pool and KYC changes: each pool's balance is its allocation +
/// returned − drawn; what each pool paid ≤ the synced cumulative total ≤ released + returned; nobody but the root's
/// leaves is paid; a host's stream receives exactly its leaf's increase, once.
/// @dev Runs: the project-wide 64 x 32 (hardhat.config.ts). The handler lives in this file because the runner only
/// resolves target contracts defined in the test file.
contract ComputeRewardsInvariantTest is ComputeFixture {
    ComputeHandler internal handler;
    address internal host2;
    uint256 internal stakingStart;
    uint256[3] internal balanceStart;
    uint256 internal outsiderStart;

    function setUp() public {
        _deployCompute();
        host2 = _host("host two", 500, K, keccak256("host two container"));
        _delegate(host2, host2, K);
        handler = new ComputeHandler(
            compute,
            edgePool,
            pool,
            staking,
            compliance,
            IERC20(address(token)),
            guardian,
            kyc,
            kycKey,
            [host, edgeOwner, host2],
            outsider
        );
        token.transfer(address(handler), 10_000_000 ether); // what it returns to the pools
        // the invariants compare every balance with what it started with
        stakingStart = token.balanceOf(address(staking));
        (balanceStart[0], balanceStart[1], balanceStart[2]) = (
            token.balanceOf(host),
            token.balanceOf(edgeOwner),
            token.balanceOf(host2)
        );
        outsiderStart = token.balanceOf(outsider);
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handler.actions()}));
    }

    /// Each compute pool holds exactly its allocation plus what came back to it minus what it paid.
    function invariant_PoolBalanceIsAllocationPlusReturnedMinusDrawn() public view {
        assertEq(
            token.balanceOf(address(edgePool)),
            edgePool.allocation() + edgePool.returned() - edgePool.drawn(),
            "edge pool: allocation + returned - drawn"
        );
        assertEq(
            token.balanceOf(address(pool)),
            pool.allocation() + pool.returned() - pool.drawn(),
            "enterprise pool: allocation + returned - drawn"
        );
    }

    /// What each pool paid its providers <= the synced cumulative total of that pool (= what it drew for
    /// ComputeRewards, the only distributor drawing here) <= its release + returns; the contract holds exactly the
    /// drawn-but-unpaid amounts.
    function invariant_EachPoolPaysAtMostItsSyncedTotalAtMostReleasedPlusReturned() public view {
        uint256 claimed;
        uint256 pushed;
        address[3] memory accounts = handler.accounts();
        for (uint256 i; i < 3; ++i) {
            claimed += compute.claimedEdge(accounts[i]);
            pushed += compute.pushedEnterprise(accounts[i]);
        }
        uint256 t = handler.currentTime();
        assertEq(claimed + compute.edgeUnpaid(), compute.fundedEdge(), "edge: claimed + unpaid == funded");
        assertEq(pushed + compute.enterpriseUnpaid(), compute.fundedEnterprise(), "enterprise: pushed + unpaid");
        assertEq(edgePool.drawn(), compute.fundedEdge(), "the Edge pool drew the synced Edge total");
        assertEq(pool.drawn(), compute.fundedEnterprise(), "the Enterprise pool drew the synced Enterprise total");
        assertLe(compute.fundedEdge(), edgePool.unlockedAt(t) + edgePool.returned(), "edge <= released + returned");
        assertLe(compute.fundedEnterprise(), pool.unlockedAt(t) + pool.returned(), "enterprise <= released + returned");
        assertEq(
            token.balanceOf(address(compute)),
            compute.edgeUnpaid() + compute.enterpriseUnpaid(),
            "the contract holds exactly what it owes"
        );
    }

    /// Nobody but the root's leaves is paid: each provider's ATH grew by exactly its Edge claims, the staking
    /// contract's by exactly the pushes, and the outsider (in no leaf, forging leaves) got nothing.
    function invariant_NobodyButTheLeavesIsPaid() public view {
        address[3] memory accounts = handler.accounts();
        uint256 pushed;
        for (uint256 i; i < 3; ++i) {
            assertEq(
                token.balanceOf(accounts[i]) - balanceStart[i],
                compute.claimedEdge(accounts[i]),
                "a provider's ATH grew by its Edge claims"
            );
            pushed += compute.pushedEnterprise(accounts[i]);
        }
        assertEq(token.balanceOf(address(staking)) - stakingStart, pushed, "the streams got exactly the pushes");
        assertEq(token.balanceOf(outsider), outsiderStart, "the outsider got nothing");
        assertEq(compute.claimedEdge(outsider) + compute.pushedEnterprise(outsider), 0, "nothing booked for it");
    }

    /// A host's stream received exactly its synced leaf's amount at its last push (each increase once), never more
    /// than its leaf; an Edge owner likewise.
    function invariant_AStreamReceivesExactlyItsLeafsIncreaseOnce() public view {
        address[3] memory accounts = handler.accounts();
        for (uint256 i; i < 3; ++i) {
            (uint256 edgeLeaf, uint256 enterpriseLeaf) = handler.syncedLeaf(i);
            assertEq(handler.streamed(i), compute.pushedEnterprise(accounts[i]), "streamed == pushed record");
            assertLe(compute.pushedEnterprise(accounts[i]), enterpriseLeaf, "pushed <= the synced leaf");
            assertEq(handler.claimedGhost(i), compute.claimedEdge(accounts[i]), "claimed == claim record");
            assertLe(compute.claimedEdge(accounts[i]), edgeLeaf, "claimed <= the synced leaf");
        }
    }

    /// Every call did what the handler's model of the contract predicted (success, or the exact custom error).
    function invariant_EveryCallMatchedTheModel() public view {
        assertEq(handler.surprises(), 0, "calls that did not do what the model predicted");
    }
}

/// @notice Drives ComputeRewards as the referee, the guardian, hosts, Edge owners, an outsider forging leaves and
/// anyone calling `sync` would. Each action predicts its outcome (success with exact effects, or the exact custom
/// error) and counts every mismatch in `surprises` (the runner ignores a handler's reverts, so an assertion inside an
/// action would be swallowed). Roots are the sum of their leaves; one post in four asks one pool for 1 wei beyond its
/// cap and must be refused.
contract ComputeHandler is Test {
    ComputeRewards public immutable compute;
    RewardPool public immutable edgePool;
    RewardPool public immutable enterprisePool;
    HostStaking public immutable staking;
    ComplianceRegistry public immutable compliance;
    IERC20 public immutable token;
    address public immutable guardian;
    address public immutable kyc;
    uint256 internal immutable _kycKey;
    address[3] internal _accounts;
    address public immutable outsider;
    /// @notice The referee service: the test contract that deployed the handler.
    address public immutable referee;

    /// @notice The handler's clock; every warp goes forward from here, and each action runs at it.
    uint256 public currentTime;
    /// @dev Per epoch, the leaves of its posted root: [account] = (edge, enterprise).
    mapping(uint64 epoch => uint256[2][3]) internal _leavesAt;

    // Ghosts.
    uint256[3] public streamed;
    uint256[3] public claimedGhost;
    uint256 public surprises;
    mapping(bytes4 selector => uint256) public calls;

    constructor(
        ComputeRewards compute_,
        RewardPool edgePool_,
        RewardPool enterprisePool_,
        HostStaking staking_,
        ComplianceRegistry compliance_,
        IERC20 token_,
        address guardian_,
        address kyc_,
        uint256 kycKey_,
        address[3] memory accounts_,
        address outsider_
    ) {
        (compute, edgePool, enterprisePool, staking, compliance) = (
            compute_,
            edgePool_,
            enterprisePool_,
            staking_,
            compliance_
        );
        (token, guardian, kyc, _kycKey, _accounts, outsider) = (token_, guardian_, kyc_, kycKey_, accounts_, outsider_);
        referee = msg.sender;
        currentTime = block.timestamp;
    }

    modifier atCurrentTime() {
        vm.warp(currentTime);
        _;
    }

    function actions() external pure returns (bytes4[] memory s) {
        s = new bytes4[](14);
        (s[0], s[1], s[2]) = (this.postRoot.selector, this.postRoot.selector, this.postRoot.selector);
        (s[3], s[4]) = (this.sync.selector, this.sync.selector);
        (s[5], s[6]) = (this.push.selector, this.push.selector);
        (s[7], s[8]) = (this.claimEdge.selector, this.claimEdge.selector);
        (s[9], s[10]) = (this.warp.selector, this.warp.selector);
        s[11] = this.veto.selector;
        s[12] = this.forge.selector;
        s[13] = this.returnOrToggleKyc.selector;
    }

    function accounts() external view returns (address[3] memory) {
        return _accounts;
    }

    /// @notice Account `i`'s leaf in the synced root (zero before any sync).
    function syncedLeaf(uint256 i) public view returns (uint256 edge, uint256 enterprise) {
        if (compute.root() == bytes32(0)) return (0, 0);
        uint256[2] memory l = _leavesAt[compute.syncedEpoch()][i];
        return (l[0], l[1]);
    }

    // ---------------------------------------------------------------- actions

    /// @notice The referee posts the next epoch once it is over and the previous root is final (the clock moves on
    /// to then): every leaf grows by up to 1,000 ATH in each pool. One post in four asks one pool for 1 wei beyond
    /// its cap (released by the epoch's end + returned − drawn elsewhere, nothing here) and must be refused.
    function postRoot(uint256 seed) external {
        uint64 epoch = compute.nextEpoch();
        uint256 end = compute.epochStart(epoch) + 1 days;
        if (currentTime < end) currentTime = end;
        if (epoch > 0) {
            uint64 finalAt = compute.rootOf(epoch - 1).finalAt;
            if (currentTime < finalAt) currentTime = finalAt;
        }
        vm.warp(currentTime);
        uint256[2][3] memory leaves;
        if (epoch > 0) leaves = _leavesAt[epoch - 1];
        uint256[2] memory totals;
        for (uint256 i; i < 3; ++i) {
            for (uint256 p; p < 2; ++p) {
                uint256 r = uint256(keccak256(abi.encode(seed, i, p)));
                // account 0 is Enterprise only, account 1 Edge only, account 2 both
                if ((i == 0 && p == 0) || (i == 1 && p == 1)) continue;
                if (r % 3 != 0) leaves[i][p] += bound(r >> 8, 0, 1_000 ether);
                totals[p] += leaves[i][p];
            }
        }
        bytes32 newRoot = _rootOf(leaves);
        if (seed % 4 == 0) {
            // greedy: one pool's total 1 wei above that pool's own cap
            RewardPool target = seed % 8 == 0 ? edgePool : enterprisePool;
            uint256 cap = target.unlockedAt(end) + target.returned();
            bytes memory expected = abi.encodeWithSelector(
                IComputeRewards.RootExceedsPool.selector,
                target == edgePool ? IComputeRewards.PoolKind.Edge : IComputeRewards.PoolKind.Enterprise,
                cap + 1,
                target.unlockedAt(end),
                target.returned(),
                0
            );
            (uint256 e, uint256 n) = target == edgePool ? (cap + 1, totals[1]) : (totals[0], cap + 1);
            vm.prank(referee);
            try compute.postRoot(epoch, newRoot, e, n, "") {
                _surprise();
            } catch (bytes memory reason) {
                _expect(reason, expected);
            }
            return;
        }
        vm.prank(referee);
        try compute.postRoot(epoch, newRoot, totals[0], totals[1], "") {
            _leavesAt[epoch] = leaves;
            if (compute.nextEpoch() != epoch + 1) _surprise();
            calls[msg.sig]++;
        } catch {
            _surprise(); // within both caps, in order, over, after the previous root's window: must be accepted
        }
    }

    /// @notice An hour to three days.
    function warp(uint256 seconds_) external {
        currentTime += bound(seconds_, 1 hours, 3 days);
        vm.warp(currentTime);
        calls[msg.sig]++;
    }

    /// @notice The guardian vetoes the newest root: accepted only inside its window.
    function veto() external atCurrentTime {
        uint64 next = compute.nextEpoch();
        if (next == 0) return;
        uint64 epoch = next - 1;
        IComputeRewards.EpochRoot memory r = compute.rootOf(epoch);
        bytes memory expected;
        if (r.postedAt == 0) expected = abi.encodeWithSelector(IComputeRewards.NoRoot.selector, epoch);
        else if (currentTime >= r.finalAt) {
            expected = abi.encodeWithSelector(IComputeRewards.ChallengeWindowOver.selector, epoch, r.finalAt);
        }
        vm.prank(guardian);
        try compute.vetoRoot(epoch) {
            if (expected.length != 0) return _surprise();
            if (compute.nextEpoch() != epoch || compute.rootOf(epoch).postedAt != 0) _surprise();
            delete _leavesAt[epoch];
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            _expect(reason, expected);
        }
    }

    /// @notice Anyone syncs: adopts the newest final root and draws exactly its increase from each pool.
    function sync() external atCurrentTime {
        (uint64 epoch, IComputeRewards.EpochRoot memory r) = compute.finalRoot();
        bool newer = r.postedAt != 0 && (compute.root() == bytes32(0) || epoch > compute.syncedEpoch());
        (uint256 edgeDrawn, uint256 enterpriseDrawn) = (edgePool.drawn(), enterprisePool.drawn());
        (uint256 fundedEdge, uint256 fundedEnterprise) = (compute.fundedEdge(), compute.fundedEnterprise());
        try compute.sync() {
            if (!newer) return _surprise();
            if (compute.root() != r.root || compute.syncedEpoch() != epoch) _surprise();
            if (edgePool.drawn() - edgeDrawn != r.cumulativeEdge - fundedEdge) _surprise();
            if (enterprisePool.drawn() - enterpriseDrawn != r.cumulativeEnterprise - fundedEnterprise) _surprise();
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            if (newer) return _surprise();
            bytes4 selector = bytes4(reason);
            if (
                selector != IComputeRewards.NoFinalRoot.selector &&
                selector != IComputeRewards.RootNotFinal.selector &&
                selector != IComputeRewards.NothingToSync.selector
            ) _surprise();
        }
    }

    /// @notice Anyone pushes account `seed % 3`'s synced leaf into its stream: exactly the increase, or
    /// `NothingNewToPush`.
    function push(uint256 seed) external atCurrentTime {
        if (compute.root() == bytes32(0)) return;
        uint256 i = seed % 3;
        address account = _accounts[i];
        uint256[2][3] memory leaves = _leavesAt[compute.syncedEpoch()];
        uint256 already = compute.pushedEnterprise(account);
        bytes memory expected;
        if (leaves[i][1] <= already) {
            expected = abi.encodeWithSelector(
                IComputeRewards.NothingNewToPush.selector,
                account,
                leaves[i][1],
                already
            );
        }
        uint256 before = token.balanceOf(address(staking));
        vm.prank(outsider);
        try compute.pushHostRewards(account, leaves[i][0], leaves[i][1], _proofOf(leaves, i)) returns (uint256 paid) {
            if (expected.length != 0) return _surprise();
            uint256 got = token.balanceOf(address(staking)) - before;
            if (paid != leaves[i][1] - already || got != paid) _surprise();
            streamed[i] += got;
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            _expect(reason, expected);
        }
    }

    /// @notice Account `seed % 3` claims its synced leaf's Edge increase (KYC needed).
    function claimEdge(uint256 seed) external atCurrentTime {
        if (compute.root() == bytes32(0)) return;
        uint256 i = seed % 3;
        address account = _accounts[i];
        uint256[2][3] memory leaves = _leavesAt[compute.syncedEpoch()];
        uint256 already = compute.claimedEdge(account);
        bytes memory expected;
        if (!compliance.isAllowed(account)) {
            expected = abi.encodeWithSelector(IComputeRewards.NotKycAllowed.selector, account);
        } else if (leaves[i][0] <= already) {
            expected = abi.encodeWithSelector(
                IComputeRewards.NothingNewToClaim.selector,
                account,
                leaves[i][0],
                already
            );
        }
        uint256 before = token.balanceOf(account);
        vm.prank(account);
        try compute.claimEdge(leaves[i][0], leaves[i][1], _proofOf(leaves, i)) returns (uint256 paid) {
            if (expected.length != 0) return _surprise();
            uint256 got = token.balanceOf(account) - before;
            if (paid != leaves[i][0] - already || got != paid) _surprise();
            claimedGhost[i] += got;
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            _expect(reason, expected);
        }
    }

    /// @notice The outsider presents a real proof with a leaf that is not in the tree: its own address, or a
    /// provider's with an amount raised by 1 wei to `bump` ATH. Never paid.
    function forge(uint256 seed, uint256 bump) external atCurrentTime {
        if (compute.root() == bytes32(0)) return;
        uint256 i = seed % 3;
        uint256[2][3] memory leaves = _leavesAt[compute.syncedEpoch()];
        bytes32[] memory proof = _proofOf(leaves, i);
        uint256 extra = bound(bump, 1, 1_000_000 ether);
        (uint256 e, uint256 n) = (leaves[i][0], leaves[i][1]);
        (uint64 finalEpoch, IComputeRewards.EpochRoot memory r) = compute.finalRoot();
        bool unsynced = r.postedAt != 0 && finalEpoch > compute.syncedEpoch();
        if (seed % 2 == 0) {
            // the outsider claims a provider's leaf as its own
            bytes memory expected =
                unsynced
                    ? abi.encodeWithSelector(IComputeRewards.RootNotSynced.selector, compute.syncedEpoch(), finalEpoch)
                    : abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, outsider, e, n);
            vm.prank(outsider);
            try compute.claimEdge(e, n, proof) {
                _surprise();
            } catch (bytes memory reason) {
                _expect(reason, expected);
            }
        } else {
            // a provider's leaf pushed with an inflated Enterprise amount
            bytes memory expected =
                unsynced
                    ? abi.encodeWithSelector(IComputeRewards.RootNotSynced.selector, compute.syncedEpoch(), finalEpoch)
                    : abi.encodeWithSelector(IComputeRewards.InvalidProof.selector, _accounts[i], e, n + extra);
            vm.prank(outsider);
            try compute.pushHostRewards(_accounts[i], e, n + extra, proof) {
                _surprise();
            } catch (bytes memory reason) {
                _expect(reason, expected);
            }
        }
        calls[msg.sig]++;
    }

    /// @notice Gives up to 10,000 ATH back to one pool (lifting its cap), or revokes / renews a provider's KYC.
    function returnOrToggleKyc(uint256 seed, uint256 amount) external atCurrentTime {
        if (seed % 3 != 0) {
            RewardPool target = seed % 2 == 0 ? edgePool : enterprisePool;
            uint256 a = bound(amount, 1, 10_000 ether);
            token.approve(address(target), a);
            target.returnFunds(a);
        } else {
            address account = _accounts[(seed >> 8) % 3];
            if (compliance.isAllowed(account)) {
                vm.prank(kyc);
                compliance.revoke(account);
            } else {
                Kyc.attest(compliance, _kycKey, account, "DE", uint64(currentTime + 20 * 365 days));
            }
        }
        calls[msg.sig]++;
    }

    // ---------------------------------------------------------------- helpers

    /// @dev The tree of the three providers' leaves and a filler leaf in no account's name.
    function _hashes(uint256[2][3] memory leaves) internal view returns (bytes32[] memory h) {
        h = new bytes32[](4);
        for (uint256 i; i < 3; ++i) h[i] = ComputeTree.leaf(_accounts[i], leaves[i][0], leaves[i][1]);
        h[3] = ComputeTree.leaf(address(0xF111E5), 0, 0);
    }

    function _rootOf(uint256[2][3] memory leaves) internal view returns (bytes32) {
        return ComputeTree.root(_hashes(leaves));
    }

    function _proofOf(uint256[2][3] memory leaves, uint256 i) internal view returns (bytes32[] memory) {
        return ComputeTree.proof(_hashes(leaves), i);
    }

    function _expect(bytes memory reason, bytes memory expected) internal {
        if (keccak256(reason) != keccak256(expected)) _surprise();
    }

    function _surprise() internal {
        surprises++;
    }
}
