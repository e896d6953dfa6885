// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RewardClaims} from "../../../contracts/claims/RewardClaims.sol";
import {IRewardClaims} from "../../../contracts/interfaces/IRewardClaims.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {Test} from "../utils/Test.sol";
import {ClaimsFixture, MockReferee, MockCompliance, Tree4} from "./ClaimsFixture.sol";

/// @notice SPEC §6's money rules under random roots, time, syncs, claims, withdrawals, settlements, forfeits and
/// KYC changes: the claims contract never pays out more than the pools released, no account ever receives more than
/// its leaf, the contract's balance is exactly what it owes, and every vesting wei is withdrawn, still vesting or
/// forfeited.
/// @dev Runs: the project-wide 64 x 32 (hardhat.config.ts). The handler lives in this file because the runner only
/// resolves target contracts defined in the test file.
contract ClaimsInvariantTest is ClaimsFixture {
    ClaimsHandler internal handler;

    function setUp() public {
        _deployClaims();
        // At the bonus pool's first step: 10,000 ATH from it and 300 ATH from the base pool are released, so the
        // first roots already draw from both pools, and the handler's warps unlock the later steps.
        vm.warp(START + 30 days);
        handler = new ClaimsHandler(
            claims,
            basePool,
            bonusPool,
            referee,
            compliance,
            IERC20(address(token)),
            slasher,
            treasury,
            accounts
        );
        // Only the handler is fuzzed; it flips KYC through the mock, which has no access control.
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handler.actions()}));
    }

    /// (a0) Each checker pool holds exactly its allocation plus what came back to it minus what it paid: no return
    /// is lost and none is counted twice (issue 11: returns are re-emittable, so they must really be in the pool).
    function invariant_PoolBalanceIsAllocationPlusReturnedMinusDrawn() public view {
        assertEq(
            token.balanceOf(address(basePool)),
            basePool.allocation() + basePool.returned() - basePool.drawn(),
            "base pool: allocation + returned - drawn"
        );
        assertEq(
            token.balanceOf(address(bonusPool)),
            bonusPool.allocation() + bonusPool.returned() - bonusPool.drawn(),
            "bonus pool: allocation + returned - drawn"
        );
    }

    /// (a) Nothing is paid beyond what the pools released: claimed + unclaimed is exactly what was drawn, and the
    /// pools never paid more than their schedules plus what came back to them.
    function invariant_NeverMoreThanThePoolsReleased() public view {
        uint256 claimedSum;
        for (uint256 i; i < 4; ++i) claimedSum += claims.claimed(accounts[i]);
        uint256 funded = claims.funded();
        assertEq(claimedSum + claims.unclaimed(), funded, "claimed + unclaimed == funded");
        assertEq(basePool.drawn() + bonusPool.drawn(), funded, "drawn from the pools == funded");
        uint256 t = handler.currentTime();
        assertLe(
            funded,
            basePool.unlockedAt(t) + bonusPool.unlockedAt(t) + basePool.returned() + bonusPool.returned(),
            "drawn <= released + returned"
        );
        // Every claimed wei is a fee, a vesting amount or a return, nothing more.
        uint256 booked;
        for (uint256 i; i < 4; ++i) {
            address a = accounts[i];
            booked += handler.vestedOriginal(a) + handler.fees(a) + handler.returns_(a);
        }
        assertEq(booked, claimedSum, "vesting + fees + returns == claimed");
        // What left the contract went where it had to.
        assertEq(token.balanceOf(treasury), handler.settledFees(), "treasury holds exactly the settled fees");
        assertEq(
            basePool.returned(),
            handler.settledReturns() + handler.forfeitedTotal(),
            "base pool got the settled returns and the forfeits"
        );
    }

    /// (b) No account ever receives more than its cumulative leaf, nor claims beyond it.
    function invariant_NoAccountReceivesMoreThanItsLeaf() public view {
        for (uint256 i; i < 4; ++i) {
            address a = accounts[i];
            uint256 leaf = handler.latestLeaf(i);
            uint256 claimed = claims.claimed(a);
            assertLe(claimed, leaf, "claimed <= leaf");
            assertLe(handler.withdrawn(a), claimed, "withdrawn <= claimed");
            assertEq(token.balanceOf(a), handler.withdrawn(a), "an account's ATH is what it withdrew");
        }
    }

    /// (c) The contract holds exactly what it owes: unclaimed funds, returns and fees not settled yet, and the open
    /// entries.
    function invariant_BalanceIsExactlyWhatIsOwed() public view {
        uint256 open;
        for (uint256 i; i < 4; ++i) open += _open(accounts[i]);
        assertEq(
            token.balanceOf(address(claims)),
            claims.unclaimed() + claims.pendingReturns() + claims.pendingFeeCount() * FEE + open,
            "balance == unclaimed + pending returns + pending fees + open entries"
        );
        assertEq(claims.pendingFeeCount(), handler.claimCount() - handler.settledFees() / FEE, "fees owed");
    }

    /// (d) Each account's vesting is withdrawn, still open or forfeited, to the wei.
    function invariant_VestingIsWithdrawnOpenOrForfeited() public view {
        for (uint256 i; i < 4; ++i) {
            address a = accounts[i];
            assertEq(
                handler.withdrawn(a) + _open(a) + handler.forfeited(a),
                handler.vestedOriginal(a),
                "withdrawn + open + forfeited == vested"
            );
        }
    }

    /// Every call did what the handler's model of the contract predicted (success, or the exact custom error).
    function invariant_EveryCallMatchedTheModel() public view {
        assertEq(handler.surprises(), 0, "calls that did not do what the model predicted");
    }

    function _open(address a) internal view returns (uint256 open) {
        uint256 count = claims.entryCount(a);
        for (uint256 id; id < count; ++id) {
            (uint256 amount, ) = claims.entry(a, id);
            open += amount;
        }
    }
}

/// @notice Drives RewardClaims as the referee, its users, the slasher and anyone calling `sync`/`settle` would.
/// Each action predicts its outcome (success with exact effects, or the exact custom error) and counts every
/// mismatch in `surprises` rather than asserting: the runner ignores a handler's reverts, so an assertion inside an
/// action would be swallowed. Roots stay consistent (each is the sum of its leaves) and within what the pools have
/// released, as the real referee enforces.
contract ClaimsHandler is Test {
    RewardClaims public immutable claims;
    RewardPool public immutable basePool;
    RewardPool public immutable bonusPool;
    MockReferee public immutable referee;
    MockCompliance public immutable compliance;
    IERC20 public immutable token;
    address public immutable slasher;
    address public immutable treasury;
    address[4] internal _accounts;

    /// @notice The handler's clock; every warp goes forward from here, and each action runs at it.
    uint256 public currentTime;
    /// @notice How many roots were posted (the next root's epoch).
    uint64 public postedCount;
    mapping(uint64 epoch => uint256[4]) internal _leavesAt;

    // Ghosts.
    mapping(address account => uint256) public withdrawn;
    mapping(address account => uint256) public forfeited;
    mapping(address account => uint256) public vestedOriginal;
    mapping(address account => uint256) public fees;
    mapping(address account => uint256) public returns_;
    uint256 public claimCount;
    uint256 public settledFees;
    uint256 public settledReturns;
    uint256 public forfeitedTotal;
    uint256 public surprises;
    /// @notice How often each action ran to the end successfully: a probe invariant on it shows whether a campaign
    /// exercises everything (at 64 x 32, runs reach several claims, withdrawals and forfeits each).
    mapping(bytes4 selector => uint256) public calls;

    constructor(
        RewardClaims claims_,
        RewardPool basePool_,
        RewardPool bonusPool_,
        MockReferee referee_,
        MockCompliance compliance_,
        IERC20 token_,
        address slasher_,
        address treasury_,
        address[4] memory accounts_
    ) {
        (claims, basePool, bonusPool, referee, compliance) = (claims_, basePool_, bonusPool_, referee_, compliance_);
        (token, slasher, treasury, _accounts) = (token_, slasher_, treasury_, accounts_);
        currentTime = block.timestamp;
    }

    /// @dev The runner may not carry a warp from one call to the next: every action restores the handler's clock.
    modifier atCurrentTime() {
        vm.warp(currentTime);
        _;
    }

    /// @notice The selectors the runner calls; repeats weigh the draw towards what successful claims and
    /// withdrawals need: roots, syncs and claims (a claim only succeeds once a synced leaf grew by 30 ATH since the
    /// last one), then time (an entry matures 30 or 180 days after its claim).
    function actions() external pure returns (bytes4[] memory s) {
        s = new bytes4[](14);
        (s[0], s[1]) = (this.postRoot.selector, this.postRoot.selector);
        (s[2], s[3]) = (this.sync.selector, this.sync.selector);
        (s[4], s[5], s[6]) = (this.claim.selector, this.claim.selector, this.claim.selector);
        (s[7], s[8]) = (this.warp.selector, this.warp.selector);
        (s[9], s[10]) = (this.withdrawMatured.selector, this.withdrawMatured.selector);
        s[11] = this.settle.selector;
        s[12] = this.forfeit.selector;
        s[13] = this.toggleKyc.selector;
    }

    /// @notice The leaf of account `i` in the newest posted root.
    function latestLeaf(uint256 i) external view returns (uint256) {
        return postedCount == 0 ? 0 : _leavesAt[postedCount - 1][i];
    }

    // ---------------------------------------------------------------- actions

    /// @notice The referee posts the next epoch's root (final at once): each leaf grows by a random amount, the
    /// total bounded by what both pools have released by now (the referee's own rule).
    function postRoot(uint256 seed) external atCurrentTime {
        uint256[4] memory leaves;
        if (postedCount > 0) leaves = _leavesAt[postedCount - 1];
        uint256 total = Tree4.sum(leaves);
        uint256 released = basePool.unlockedAt(currentTime) + bonusPool.unlockedAt(currentTime);
        for (uint256 i; i < 4; ++i) {
            uint256 headroom = released - total;
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // A quarter of the leaves do not grow; the rest grow by up to 300 ATH (or what is left), so that a
            // bonus step (10,000 ATH) lasts several roots.
            uint256 inc = r % 4 == 0 ? 0 : bound(r >> 8, 0, headroom < 300 ether ? headroom : 300 ether);
            leaves[i] += inc;
            total += inc;
        }
        uint64 epoch = postedCount++;
        _leavesAt[epoch] = leaves;
        referee.set(epoch, Tree4.root(_accounts, leaves), total);
        calls[msg.sig]++;
    }

    /// @notice An hour to two months: a 32-call run crosses several 30-day maturities and often a 180-day one.
    function warp(uint256 seconds_) external {
        currentTime += bound(seconds_, 1 hours, 60 days);
        vm.warp(currentTime);
        calls[msg.sig]++;
    }

    /// @notice Anyone syncs: draws the new total (base pool first) and settles what is owed.
    function sync() external atCurrentTime {
        (uint64 epoch, bytes32 newRoot, uint256 total) = referee.finalRoot();
        bytes memory expected;
        if (newRoot == bytes32(0)) expected = abi.encodeWithSelector(IRewardClaims.NoFinalRoot.selector);
        else if (newRoot == claims.root() && epoch == claims.syncedEpoch()) {
            expected = abi.encodeWithSelector(IRewardClaims.NothingToSync.selector, epoch);
        }
        uint256 due = total - claims.funded();
        // sync settles first: the returns owed are back in the base pool before it draws
        uint256 baseReleasable = basePool.releasable() + claims.pendingReturns();
        uint256 fromBase = baseReleasable < due ? baseReleasable : due;
        (uint256 baseDrawn, uint256 bonusDrawn) = (basePool.drawn(), bonusPool.drawn());
        (uint256 feesOwed, uint256 returnsOwed) = (claims.pendingFeeCount() * FEE(), claims.pendingReturns());
        try claims.sync() {
            if (expected.length != 0) return _surprise();
            if (claims.funded() != total || claims.root() != newRoot || claims.syncedEpoch() != epoch) _surprise();
            if (basePool.drawn() - baseDrawn != fromBase) _surprise();
            if (bonusPool.drawn() - bonusDrawn != due - fromBase) _surprise();
            _settled(feesOwed, returnsOwed);
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            _expect(reason, expected);
        }
    }

    /// @dev What a claim attempt needs to predict and check its outcome.
    struct Attempt {
        address account;
        uint256 leaf;
        uint256 already;
        bool quarter;
        uint256 returnsBefore;
        uint256 unclaimedBefore;
        uint256 countBefore;
    }

    /// @notice Account `accountSeed` claims its leaf with a random option, with a proof of the synced root or (one
    /// time in four) of the newest posted root, which the contract must refuse if that root is not synced yet.
    function claim(uint256 accountSeed, bool quarter, uint8 proofSeed) external atCurrentTime {
        if (claims.root() == bytes32(0)) return; // nothing synced yet: covered by the unit tests
        uint256 i = accountSeed % 4;
        uint256[4] memory leaves = _leavesAt[proofSeed % 4 == 0 ? postedCount - 1 : claims.syncedEpoch()];
        Attempt memory a = Attempt({
            account: _accounts[i],
            leaf: leaves[i],
            already: claims.claimed(_accounts[i]),
            quarter: quarter,
            returnsBefore: claims.pendingReturns(),
            unclaimedBefore: claims.unclaimed(),
            countBefore: claims.entryCount(_accounts[i])
        });
        bytes memory expected = _claimError(a, Tree4.root(_accounts, leaves));
        bytes32[] memory proof = Tree4.proof(_accounts, leaves, i);
        IRewardClaims.Option option = quarter ? IRewardClaims.Option.Quarter30Days : IRewardClaims.Option.Full180Days;
        vm.prank(a.account);
        try claims.claim(a.leaf, proof, option) returns (uint256 id) {
            if (expected.length != 0) return _surprise();
            _checkBooking(a, id);
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            _expect(reason, expected);
        }
    }

    /// @dev The exact error the contract must refuse `a` with (empty if it must accept it), checks in its order.
    function _claimError(Attempt memory a, bytes32 proofRoot) internal view returns (bytes memory) {
        if (!compliance.isAllowed(a.account)) {
            return abi.encodeWithSelector(IRewardClaims.NotKycAllowed.selector, a.account);
        }
        if (proofRoot != claims.root()) {
            // a newer final root exists: the proof may be for it; otherwise the proof is simply wrong
            if (postedCount - 1 > claims.syncedEpoch()) {
                return
                    abi.encodeWithSelector(IRewardClaims.RootNotSynced.selector, claims.syncedEpoch(), postedCount - 1);
            }
            return abi.encodeWithSelector(IRewardClaims.InvalidProof.selector, a.account, a.leaf);
        }
        if (a.leaf <= a.already) {
            return abi.encodeWithSelector(IRewardClaims.NothingNewToClaim.selector, a.leaf, a.already);
        }
        if (a.leaf - a.already < MIN()) {
            return abi.encodeWithSelector(IRewardClaims.ClaimBelowMinimum.selector, a.leaf - a.already, MIN());
        }
        // (ClaimExceedsFunding cannot happen: every root's total is the sum of its leaves.)
        return "";
    }

    /// @dev Checks an accepted claim's booking to the wei and records it in the ghosts.
    function _checkBooking(Attempt memory a, uint256 id) internal {
        uint256 amount = a.leaf - a.already;
        (uint256 vesting, uint32 unlockAt) = claims.entry(a.account, id);
        uint256 returned = claims.pendingReturns() - a.returnsBefore;
        if (id != a.countBefore || claims.claimed(a.account) != a.leaf) _surprise();
        if (a.unclaimedBefore - claims.unclaimed() != amount || vesting + FEE() + returned != amount) _surprise();
        if (unlockAt != currentTime + (a.quarter ? 30 days : 180 days)) _surprise();
        if (a.quarter && vesting != ((amount - FEE()) * 2_500) / 10_000) _surprise();
        vestedOriginal[a.account] += vesting;
        fees[a.account] += FEE();
        returns_[a.account] += returned;
        claimCount++;
    }

    /// @notice An account withdraws all its matured open entries in one call (the first account from `accountSeed`
    /// on that has any, so that the action rarely idles).
    function withdrawMatured(uint256 accountSeed) external atCurrentTime {
        address account;
        uint256[] memory ids;
        uint256 n;
        uint256 total;
        for (uint256 k; k < 4 && n == 0; ++k) {
            account = _accounts[(accountSeed + k) % 4];
            uint256 count = claims.entryCount(account);
            ids = new uint256[](count);
            for (uint256 id; id < count; ++id) {
                (uint256 amount, uint32 unlockAt) = claims.entry(account, id);
                if (amount == 0 || unlockAt > currentTime) continue;
                ids[n++] = id;
                total += amount;
            }
        }
        if (n == 0) return;
        uint256[] memory matured = new uint256[](n);
        for (uint256 k; k < n; ++k) matured[k] = ids[k];
        bytes memory expected;
        if (!compliance.isAllowed(account)) {
            expected = abi.encodeWithSelector(IRewardClaims.NotKycAllowed.selector, account);
        }
        uint256 balanceBefore = token.balanceOf(account);
        vm.prank(account);
        try claims.withdraw(matured) returns (uint256 paid) {
            if (expected.length != 0) return _surprise();
            if (paid != total || token.balanceOf(account) - balanceBefore != total) _surprise();
            withdrawn[account] += total;
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            _expect(reason, expected);
        }
    }

    /// @notice Anyone settles: the fees owed go to the treasury, the returns owed to the base pool.
    function settle() external atCurrentTime {
        (uint256 feesOwed, uint256 returnsOwed) = (claims.pendingFeeCount() * FEE(), claims.pendingReturns());
        try claims.settle() {
            _settled(feesOwed, returnsOwed);
            calls[msg.sig]++;
        } catch {
            _surprise();
        }
    }

    /// @notice The slasher forfeits one of an account's entries; only an open, unvested one may go.
    function forfeit(uint256 accountSeed, uint256 entrySeed) external atCurrentTime {
        address account = _accounts[accountSeed % 4];
        uint256 count = claims.entryCount(account);
        if (count == 0) return;
        uint256 id = entrySeed % count;
        (uint256 amount, uint32 unlockAt) = claims.entry(account, id);
        bytes memory expected;
        if (amount == 0) expected = abi.encodeWithSelector(IRewardClaims.EntryClosed.selector, account, id);
        else if (currentTime >= unlockAt) {
            expected = abi.encodeWithSelector(IRewardClaims.EntryAlreadyVested.selector, account, id, unlockAt);
        }
        uint256 returnedBefore = basePool.returned();
        vm.prank(slasher);
        try claims.forfeit(account, id, "fuzz") returns (uint256 taken) {
            if (expected.length != 0) return _surprise();
            if (taken != amount || basePool.returned() - returnedBefore != amount) _surprise();
            (uint256 left, ) = claims.entry(account, id);
            if (left != 0) _surprise();
            forfeited[account] += amount;
            forfeitedTotal += amount;
            calls[msg.sig]++;
        } catch (bytes memory reason) {
            _expect(reason, expected);
        }
    }

    /// @notice An account's KYC attestation lapses, or is renewed.
    function toggleKyc(uint256 accountSeed) external {
        address account = _accounts[accountSeed % 4];
        compliance.setAllowed(account, !compliance.isAllowed(account));
        calls[msg.sig]++;
    }

    // ---------------------------------------------------------------- helpers

    function _settled(uint256 feesOwed, uint256 returnsOwed) internal {
        if (claims.pendingFeeCount() != 0 || claims.pendingReturns() != 0) _surprise();
        settledFees += feesOwed;
        settledReturns += returnsOwed;
    }

    function _expect(bytes memory reason, bytes memory expected) internal {
        if (expected.length == 0 || keccak256(reason) != keccak256(expected)) _surprise();
    }

    function _surprise() internal {
        surprises++;
    }

    // solhint-disable-next-line func-name-mixedcase
    function FEE() internal view returns (uint256) {
        return claims.FEE();
    }

    // solhint-disable-next-line func-name-mixedcase
    function MIN() internal view returns (uint256) {
        return claims.MIN_CLAIM();
    }
}
