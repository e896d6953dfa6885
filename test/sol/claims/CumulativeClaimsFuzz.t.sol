// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRewardClaims} from "../../../contracts/interfaces/IRewardClaims.sol";
import {ClaimsFixture, Tree4} from "./ClaimsFixture.sol";

/// @notice SPEC §6: one cumulative leaf covers every epoch, and a claim pays only what the leaf grew since the
/// account's last claim. Over random epochs (random leaf increments, some roots never synced, each account claiming
/// or skipping with a random option), nothing is paid beyond the leaf and every claimed wei is accounted for: what
/// the account's entries vest, plus its fees, plus what it returned to the pool, is exactly what it claimed (the
/// 25% split must not lose a wei to rounding).
contract CumulativeClaimsFuzzTest is ClaimsFixture {
    /// @dev What the test saw of one account, to compare with what the contract recorded.
    struct Book {
        uint256 lastClaimedLeaf;
        uint256 vested;
        uint256 fees;
        uint256 returned;
        uint256 claims;
    }

    Book[4] internal books;
    /// @dev The leaves of the last posted root, and of the root claims were last synced to.
    uint256[4] internal posted;
    uint256[4] internal synced;
    bool internal everSynced;

    function setUp() public {
        _deployClaims();
        // One bonus step (10,000 ATH) is released and the base pool has 310 ATH: the first epochs exhaust the base
        // pool, so syncs draw from both. Eight epochs of at most 4 x 300 ATH stay within the 10,390 ATH released.
        vm.warp(START + 31 days);
    }

    function testFuzz_CumulativeClaimsNeverPayMoreThanTheLeaf(uint256 seed, uint8 epochCount) public {
        uint256 epochs = bound(epochCount, 1, 8);
        for (uint64 e; e < epochs; ++e) {
            vm.warp(block.timestamp + 1 days);
            for (uint256 i; i < 4; ++i) posted[i] += _increment(_rand(seed, e, i, "increment"));
            _post(e, posted);
            // A root that is never synced leaves claims on the previous one; the next sync draws both increases.
            if (_rand(seed, e, 4, "sync") % 4 != 0) {
                claims.sync();
                synced = posted;
                everSynced = true;
            }
            for (uint256 i; i < 4; ++i) {
                uint256 action = _rand(seed, e, i, "action") % 3;
                if (action != 0) _claimAndCheck(e, i, IRewardClaims.Option(action - 1));
            }
            if (_rand(seed, e, 5, "settle") % 2 == 0) claims.settle();
        }
        claims.settle();

        uint256 totalFees;
        uint256 totalReturned;
        uint256 totalVested;
        for (uint256 i; i < 4; ++i) {
            Book memory b = books[i];
            uint256 claimed = claims.claimed(accounts[i]);
            assertEq(claimed, b.lastClaimedLeaf, "claimed == the leaf of the last claim");
            assertLe(claimed, posted[i], "claimed <= the current leaf");
            assertEq(b.vested + b.fees + b.returned, claimed, "vesting + fees + returns == claimed");
            assertEq(claims.entryCount(accounts[i]), b.claims, "one entry per claim");
            // Nothing was withdrawn: every entry still holds what it was booked with.
            uint256 open;
            for (uint256 id; id < b.claims; ++id) {
                (uint256 amount, ) = claims.entry(accounts[i], id);
                open += amount;
            }
            assertEq(open, b.vested, "entries hold what they vest");
            totalFees += b.fees;
            totalReturned += b.returned;
            totalVested += b.vested;
        }
        // After the last settlement, the fees are the treasury's and the returns the base pool's, to the wei; the
        // claims contract keeps exactly the open entries and what is drawn but unclaimed.
        assertEq(token.balanceOf(treasury), totalFees, "treasury got every fee");
        assertEq(basePool.returned(), totalReturned, "base pool got every return");
        assertEq(claims.pendingFeeCount() + claims.pendingReturns(), 0, "nothing owed after settle");
        assertEq(
            token.balanceOf(address(claims)),
            claims.unclaimed() + totalVested,
            "claims balance == unclaimed + vesting"
        );
        assertEq(claims.funded(), Tree4.sum(synced), "funded == the synced root's total");
        assertEq(basePool.drawn() + bonusPool.drawn(), claims.funded(), "drawn from the pools == funded");
    }

    /// @dev Claims account `i`'s synced leaf and checks the booking against the model, or the exact refusal when no
    /// root is synced yet or the leaf has not grown enough since the account's last claim.
    function _claimAndCheck(uint64 epoch, uint256 i, IRewardClaims.Option option) internal {
        address account = accounts[i];
        if (!everSynced) {
            // No root synced yet: the claimer is told to sync the referee's final root first.
            vm.expectRevert(abi.encodeWithSelector(IRewardClaims.RootNotSynced.selector, 0, epoch));
            vm.prank(account);
            claims.claim(posted[i], _proof(posted, i), option);
            return;
        }
        uint256 leaf = synced[i];
        uint256 already = books[i].lastClaimedLeaf;
        bytes32[] memory proof = _proof(synced, i);
        if (leaf <= already) {
            vm.expectRevert(abi.encodeWithSelector(IRewardClaims.NothingNewToClaim.selector, leaf, already));
            vm.prank(account);
            claims.claim(leaf, proof, option);
            return;
        }
        uint256 amount = leaf - already;
        if (amount < MIN_CLAIM) {
            vm.expectRevert(abi.encodeWithSelector(IRewardClaims.ClaimBelowMinimum.selector, amount, MIN_CLAIM));
            vm.prank(account);
            claims.claim(leaf, proof, option);
            return;
        }

        uint256 unclaimedBefore = claims.unclaimed();
        uint256 returnsBefore = claims.pendingReturns();
        uint256 feesBefore = claims.pendingFeeCount();
        vm.prank(account);
        uint256 id = claims.claim(leaf, proof, option);

        assertEq(id, books[i].claims, "entry ids count from 0");
        (uint256 vesting, uint32 unlockAt) = claims.entry(account, id);
        uint256 returned = claims.pendingReturns() - returnsBefore;
        assertEq(claims.pendingFeeCount(), feesBefore + 1, "one fee owed per claim");
        assertEq(unclaimedBefore - claims.unclaimed(), amount, "unclaimed drops by the claim");
        assertEq(vesting + FEE + returned, amount, "claim == fee + vesting + returned");
        if (option == IRewardClaims.Option.Full180Days) {
            assertEq(returned, 0, "option A returns nothing");
            assertEq(unlockAt, block.timestamp + 180 days, "option A unlocks in 180 days");
        } else {
            assertEq(vesting, ((amount - FEE) * 2_500) / 10_000, "option B vests 25%, rounded down");
            assertEq(unlockAt, block.timestamp + 30 days, "option B unlocks in 30 days");
        }

        Book storage b = books[i];
        b.lastClaimedLeaf = leaf;
        b.vested += vesting;
        b.fees += FEE;
        b.returned += returned;
        b.claims += 1;
    }

    /// @dev A leaf increment: nothing, a little (often under the 30 ATH minimum on its own), exactly the minimum,
    /// or up to 300 ATH, all with odd wei so that the 25% split has remainders.
    function _increment(uint256 r) internal pure returns (uint256) {
        uint256 kind = r % 4;
        uint256 x = r >> 8;
        if (kind == 0) return 0;
        if (kind == 1) return bound(x, 1, MIN_CLAIM - 1);
        if (kind == 2) return MIN_CLAIM;
        return bound(x, MIN_CLAIM, 300 ether);
    }

    function _rand(uint256 seed, uint64 epoch, uint256 i, string memory tag) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, epoch, i, tag)));
    }
}
