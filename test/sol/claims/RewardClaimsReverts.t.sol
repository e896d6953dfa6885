// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {RewardClaims} from "../../../contracts/claims/RewardClaims.sol";
import {IRewardClaims} from "../../../contracts/interfaces/IRewardClaims.sol";
import {IRewardPool} from "../../../contracts/interfaces/IRewardPool.sol";
import {ClaimsFixture, Tree4} from "./ClaimsFixture.sol";

/// @notice Refusals of RewardClaims that test/ts/claims.test.ts does not reach, each with its exact error and
/// arguments: sync against the pools' limits, roles and pauses; claims of another account's leaf, of a root not
/// synced yet, of too small an increase, or beyond what an inconsistent root funded; withdrawals and forfeits at
/// their boundaries. The settable referee lets a test post roots the real referee would refuse.
contract RewardClaimsRevertsTest is ClaimsFixture {
    address internal alice;
    address internal bob;
    bytes32 internal distributorRole;

    function setUp() public {
        _deployClaims();
        (alice, bob) = (accounts[0], accounts[1]);
        distributorRole = basePool.DISTRIBUTOR_ROLE();
        // The bonus pool's first step is out (10,000 ATH) and the base pool has released 310 ATH.
        vm.warp(START + 31 days);
    }

    function _amounts(uint256 a, uint256 b) internal pure returns (uint256[4] memory amounts) {
        (amounts[0], amounts[1]) = (a, b);
    }

    function _sync(uint64 epoch, uint256[4] memory amounts) internal {
        _post(epoch, amounts);
        claims.sync();
    }

    function _claim(
        address account,
        uint256[4] memory amounts,
        IRewardClaims.Option option
    ) internal returns (uint256) {
        uint256 i = account == alice ? 0 : 1;
        vm.prank(account);
        return claims.claim(amounts[i], _proof(amounts, i), option);
    }

    function _err(bytes4 selector, address account, uint256 id) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector, account, id);
    }

    // ---------------------------------------------------------------- sync

    /// @dev The real referee refuses such a root; if one came through, sync must fail whole rather than half-draw.
    function test_RevertsWhen_ARootExceedsWhatBothPoolsRelease() public {
        uint256 fromBase = basePool.releasable();
        uint256 bonusAvailable = bonusPool.releasable();
        uint256 total = fromBase + bonusAvailable + 1;
        _post(0, _amounts(total, 0));
        vm.expectRevert(
            abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, total - fromBase, bonusAvailable)
        );
        claims.sync();
        assertEq(claims.root(), bytes32(0), "nothing synced");
        assertEq(basePool.drawn() + bonusPool.drawn(), 0, "nothing drawn");
    }

    function test_RevertsWhen_ClaimsIsNotADistributorOfTheBasePool() public {
        RewardClaims bare = _newClaims();
        _post(0, _amounts(100 ether, 0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(bare),
                distributorRole
            )
        );
        bare.sync();
    }

    /// @dev The bonus pool's role is only needed once a root's increase goes beyond what the base pool releases.
    function test_RevertsWhen_ClaimsIsNotADistributorOfTheBonusPoolAndNeedsIt() public {
        RewardClaims baseOnly = _newClaims();
        _grantDistributor(basePool, address(baseOnly));
        uint256 baseAvailable = basePool.releasable();
        _post(0, _amounts(baseAvailable, 0));
        baseOnly.sync();
        assertEq(basePool.drawn(), baseAvailable, "the base pool alone paid");

        _post(1, _amounts(baseAvailable + 1 ether, 0));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(baseOnly),
                distributorRole
            )
        );
        baseOnly.sync();
    }

    /// @dev A guardian's pause of the base pool stops every sync that draws from it, even one the bonus pool could
    /// pay; a paused bonus pool only stops syncs that reach it.
    function test_RevertsWhen_APoolThatMustPayIsPaused() public {
        vm.prank(guardian);
        bonusPool.pause();
        _sync(0, _amounts(100 ether, 0)); // within the base pool's release: the bonus pool is not touched
        _post(1, _amounts(5_000 ether, 0)); // beyond the base pool: the bonus pool must pay
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        claims.sync();

        vm.prank(admin);
        bonusPool.unpause();
        vm.prank(guardian);
        basePool.pause();
        vm.expectRevert(abi.encodeWithSelector(Pausable.EnforcedPause.selector));
        claims.sync();
    }

    function test_RevertsWhen_TheFinalEpochDoesNotFitTheLedger() public {
        uint64 epoch = uint64(type(uint32).max) + 1;
        referee.set(epoch, Tree4.root(accounts, _amounts(100 ether, 0)), 100 ether);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 32, epoch));
        claims.sync();
    }

    /// @dev Not a refusal: the referee may post the same tree for a new day; the new epoch is adopted, nothing is
    /// drawn, and only a second sync of that same epoch is refused.
    function test_SyncAdoptsAnUnchangedRootOfANewEpochOnce() public {
        _sync(0, _amounts(100 ether, 0));
        _sync(1, _amounts(100 ether, 0));
        assertEq(claims.syncedEpoch(), 1, "the new epoch is synced");
        assertEq(claims.funded(), 100 ether, "nothing more drawn");
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.NothingToSync.selector, uint64(1)));
        claims.sync();
    }

    /// @dev The referee only lets totals grow, but sync does not rely on it: a lower total is refused by name.
    function test_RevertsWhen_TheTotalDecreases() public {
        _sync(0, _amounts(100 ether, 0));
        _post(1, _amounts(90 ether, 0));
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.CumulativeTotalDecreased.selector, 90 ether, 100 ether));
        claims.sync();
    }

    /// @dev A root of an older epoch (e.g. the referee's window was raised, so the newest root is not final any more)
    /// would roll claims back: refused, and the synced root stays.
    function test_RevertsWhen_TheFinalRootIsOlderThanTheSyncedOne() public {
        _sync(0, _amounts(100 ether, 0));
        _sync(1, _amounts(150 ether, 0));
        bytes32 synced = claims.root();
        _post(0, _amounts(100 ether, 0));
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.StaleFinalRoot.selector, uint64(0), uint64(1)));
        claims.sync();
        assertEq(claims.root(), synced, "the synced root stays");
    }

    // ---------------------------------------------------------------- claim

    /// @dev The leaf is bound to msg.sender: a KYC'd account replaying another's amount and proof gets nothing.
    function test_RevertsWhen_AnAccountClaimsAnotherAccountsLeaf() public {
        uint256[4] memory amounts = _amounts(1_000 ether, 100 ether);
        _sync(0, amounts);
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.InvalidProof.selector, bob, 1_000 ether));
        vm.prank(bob);
        claims.claim(1_000 ether, _proof(amounts, 0), IRewardClaims.Option.Full180Days);
        assertEq(claims.entryCount(bob), 0, "nothing booked");
    }

    function test_RevertsWhen_TheProofIsOfAFinalRootNotSyncedYet() public {
        uint256[4] memory first = _amounts(100 ether, 50 ether);
        _sync(0, first);
        _sync(1, _amounts(200 ether, 50 ether));
        uint256[4] memory newest = _amounts(300 ether, 50 ether);
        _post(2, newest);
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.RootNotSynced.selector, uint64(1), uint64(2)));
        _claim(alice, newest, IRewardClaims.Option.Full180Days);
        // the proof of a root older than the synced one is no good either
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.RootNotSynced.selector, uint64(1), uint64(2)));
        _claim(alice, first, IRewardClaims.Option.Full180Days);

        claims.sync();
        _claim(alice, newest, IRewardClaims.Option.Full180Days);
        assertEq(claims.claimed(alice), 300 ether, "claimed against the newly synced root");
    }

    /// @dev The minimum applies to each claim's increase, not to the leaf: 30 ATH less one wei is refused.
    function test_RevertsWhen_TheLeafGrewLessThanTheMinimumSinceTheLastClaim() public {
        _sync(0, _amounts(100 ether, 0));
        _claim(alice, _amounts(100 ether, 0), IRewardClaims.Option.Full180Days);
        uint256[4] memory short = _amounts(130 ether - 1, 0);
        _sync(1, short);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardClaims.ClaimBelowMinimum.selector, 30 ether - 1, uint256(30 ether))
        );
        _claim(alice, short, IRewardClaims.Option.Full180Days);

        uint256[4] memory exact = _amounts(130 ether, 0);
        _sync(2, exact);
        uint256 id = _claim(alice, exact, IRewardClaims.Option.Full180Days);
        (uint256 vesting, ) = claims.entry(alice, id);
        assertEq(vesting, 25 ether, "exactly the minimum: 30 - 5 ATH fee");
    }

    /// @dev A root whose leaves add up to more than its total pays first come, first served, never beyond it.
    function test_RevertsWhen_AnInconsistentRootRunsOutForTheLaterClaimer() public {
        uint256[4] memory amounts = _amounts(600 ether, 600 ether);
        referee.set(0, Tree4.root(accounts, amounts), 1_000 ether);
        claims.sync();
        _claim(alice, amounts, IRewardClaims.Option.Full180Days);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardClaims.ClaimExceedsFunding.selector, 600 ether, uint256(400 ether))
        );
        _claim(bob, amounts, IRewardClaims.Option.Full180Days);
    }

    /// @dev The option is an enum: an out-of-range value fails ABI decoding, with no revert data.
    function test_RevertsWhen_TheOptionIsOutOfRange() public {
        uint256[4] memory amounts = _amounts(100 ether, 0);
        _sync(0, amounts);
        vm.prank(alice);
        (bool ok, bytes memory data) = address(claims).call(
            abi.encodeWithSelector(claims.claim.selector, 100 ether, _proof(amounts, 0), uint8(2))
        );
        assertFalse(ok, "option 2 refused");
        assertEq(data.length, 0, "by the decoder, without data");
        assertEq(claims.entryCount(alice), 0, "nothing booked");
    }

    // ---------------------------------------------------------------- withdraw and forfeit

    function _claimAliceEntry0(IRewardClaims.Option option) internal returns (uint32 unlockAt) {
        uint256[4] memory amounts = _amounts(1_005 ether, 0);
        _sync(0, amounts);
        _claim(alice, amounts, option);
        (, unlockAt) = claims.entry(alice, 0);
    }

    /// @dev Listing an entry twice must not pay it twice: the whole call fails and nothing moves.
    function test_RevertsWhen_AnEntryIsListedTwice() public {
        uint32 unlockAt = _claimAliceEntry0(IRewardClaims.Option.Quarter30Days);
        vm.warp(unlockAt);
        uint256[] memory ids = new uint256[](2);
        vm.expectRevert(_err(IRewardClaims.EntryClosed.selector, alice, 0));
        vm.prank(alice);
        claims.withdraw(ids);
        assertEq(token.balanceOf(alice), 0, "nothing paid");
        (uint256 amount, ) = claims.entry(alice, 0);
        assertEq(amount, 250 ether, "the entry is still open");
    }

    /// @dev Entry ids are per account: bob's entry 0 is not alice's.
    function test_RevertsWhen_AnAccountWithdrawsAnotherAccountsEntry() public {
        uint32 unlockAt = _claimAliceEntry0(IRewardClaims.Option.Quarter30Days);
        vm.warp(unlockAt);
        uint256[] memory ids = new uint256[](1);
        vm.expectRevert(_err(IRewardClaims.NoSuchEntry.selector, bob, 0));
        vm.prank(bob);
        claims.withdraw(ids);
    }

    function test_RevertsWhen_WithdrawingOneSecondEarly() public {
        uint32 unlockAt = _claimAliceEntry0(IRewardClaims.Option.Quarter30Days);
        uint256[] memory ids = new uint256[](1);
        vm.warp(unlockAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.EntryNotMatured.selector, alice, 0, unlockAt));
        vm.prank(alice);
        claims.withdraw(ids);
        vm.warp(unlockAt);
        vm.prank(alice);
        assertEq(claims.withdraw(ids), 250 ether, "matured at unlockAt");
    }

    function test_RevertsWhen_ForfeitingAWithdrawnEntry() public {
        uint32 unlockAt = _claimAliceEntry0(IRewardClaims.Option.Quarter30Days);
        vm.warp(unlockAt);
        uint256[] memory ids = new uint256[](1);
        vm.prank(alice);
        claims.withdraw(ids);
        vm.expectRevert(_err(IRewardClaims.EntryClosed.selector, alice, 0));
        vm.prank(slasher);
        claims.forfeit(alice, 0, "late");
    }

    /// @dev Slashing takes unvested rewards up to the last second (KYC or not), and not a second later.
    function test_RevertsWhen_ForfeitingAtMaturity() public {
        uint32 unlockAt = _claimAliceEntry0(IRewardClaims.Option.Full180Days);
        uint256[4] memory more = _amounts(2_005 ether, 0);
        _sync(1, more);
        _claim(alice, more, IRewardClaims.Option.Full180Days); // entry 1, same unlock time
        compliance.setAllowed(alice, false);
        vm.warp(unlockAt - 1);
        vm.prank(slasher);
        assertEq(claims.forfeit(alice, 0, "slash"), 1_000 ether, "forfeited a second before maturity");
        vm.warp(unlockAt);
        vm.expectRevert(abi.encodeWithSelector(IRewardClaims.EntryAlreadyVested.selector, alice, 1, unlockAt));
        vm.prank(slasher);
        claims.forfeit(alice, 1, "slash");
    }

    function test_RevertsWhen_AStrangerGrantsTheSlasherRole() public {
        bytes32 role = claims.SLASHER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, bytes32(0))
        );
        vm.prank(bob);
        claims.grantRole(role, bob);
    }
}
