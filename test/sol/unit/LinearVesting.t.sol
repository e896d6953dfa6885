// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {LinearVesting} from "../../../contracts/vesting/LinearVesting.sol";
import {IVestingBucket} from "../../../contracts/interfaces/IVestingBucket.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";

/// @notice LinearVesting is OpenZeppelin's VestingWallet plus a creation event: "N-month cliff, then M-month
/// linear" is `start = TGE + N`, `duration = M`. These tests pin the release behaviour the team, investor,
/// advisor and treasury buckets rely on, and the ownership edges a beneficiary can hit.
contract LinearVestingTest is TokenFixture {
    uint64 internal constant START = 2_000_000_000;
    uint64 internal constant DURATION = 1_000_000;
    uint256 internal constant AMOUNT = 1_000_000 ether;

    address internal beneficiary;
    LinearVesting internal wallet;

    function setUp() public {
        vm.warp(START - 10 days);
        _deployTokenToSelf();
        beneficiary = makeAddr("beneficiary");
        wallet = new LinearVesting(beneficiary, START, DURATION);
        token.transfer(address(wallet), AMOUNT);
    }

    function test_RevertsWhen_TheBeneficiaryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new LinearVesting(address(0), START, DURATION);
    }

    function test_EmitsItsScheduleOnCreation() public {
        vm.expectEmit();
        emit IVestingBucket.VestingScheduleCreated(IVestingBucket.Kind.Linear, beneficiary, START, START + DURATION, 0);
        LinearVesting w = new LinearVesting(beneficiary, START, DURATION);
        assertEq(w.owner(), beneficiary, "owner");
        assertEq(w.start(), START, "start");
        assertEq(w.duration(), DURATION, "duration");
        assertEq(w.end(), START + DURATION, "end");
    }

    /// @dev Before the start (the end of the cliff) a release is a harmless no-op that still emits, with 0.
    function test_ReleasesNothingBeforeTheStart() public {
        vm.warp(START - 1);
        assertEq(wallet.releasable(address(token)), 0, "releasable");
        vm.expectEmit(address(wallet));
        emit VestingWallet.ERC20Released(address(token), 0);
        wallet.release(address(token));
        assertEq(token.balanceOf(beneficiary), 0, "beneficiary");
    }

    function test_ReleasesLinearlyToTheOwnerWhoeverCalls() public {
        vm.warp(START + DURATION / 4);
        assertEq(wallet.releasable(address(token)), AMOUNT / 4, "a quarter");
        // The wallet books the release first, then pays the owner.
        vm.expectEmit(address(wallet));
        emit VestingWallet.ERC20Released(address(token), AMOUNT / 4);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(wallet), beneficiary, AMOUNT / 4);
        vm.prank(makeAddr("anyone"));
        wallet.release(address(token));
        assertEq(token.balanceOf(beneficiary), AMOUNT / 4, "beneficiary got it");
        assertEq(wallet.released(address(token)), AMOUNT / 4, "released");

        vm.warp(START + DURATION / 2);
        wallet.release(address(token));
        assertEq(token.balanceOf(beneficiary), AMOUNT / 2, "half after two releases");
    }

    function test_ReleasesEverythingAtTheEndAndNothingTwice() public {
        vm.warp(START + DURATION);
        wallet.release(address(token));
        assertEq(token.balanceOf(beneficiary), AMOUNT, "all");
        vm.warp(START + 10 * DURATION);
        assertEq(wallet.releasable(address(token)), 0, "nothing left");
        wallet.release(address(token));
        assertEq(token.balanceOf(address(wallet)), 0, "empty");
    }

    /// @dev Rounds down: one second in, 1e6 ATH / 1e6 s = exactly 1 ATH; one wei less would not vest early.
    function test_RoundsDown() public {
        LinearVesting w = new LinearVesting(beneficiary, START, 3);
        token.transfer(address(w), 10);
        vm.warp(START + 1);
        assertEq(w.releasable(address(token)), 3, "floor(10 / 3)");
        vm.warp(START + 2);
        assertEq(w.releasable(address(token)), 6, "floor(20 / 3)");
    }

    function test_ZeroDurationReleasesEverythingAtTheStart() public {
        LinearVesting w = new LinearVesting(beneficiary, START, 0);
        token.transfer(address(w), 5 ether);
        vm.warp(START - 1);
        assertEq(w.releasable(address(token)), 0, "before");
        vm.warp(START);
        assertEq(w.releasable(address(token)), 5 ether, "at start");
    }

    /// @dev decisions.md: ATH sent after genesis joins the allocation and vests on the same schedule.
    function test_LateDepositsVestOnTheSameSchedule() public {
        vm.warp(START + DURATION / 2);
        wallet.release(address(token));
        token.transfer(address(wallet), AMOUNT);
        assertEq(wallet.releasable(address(token)), AMOUNT / 2, "half of the deposit is already vested");
    }

    function test_TheBeneficiaryCanHandTheWalletOver() public {
        address heir = makeAddr("heir");
        vm.prank(beneficiary);
        wallet.transferOwnership(heir);
        vm.warp(START + DURATION);
        wallet.release(address(token));
        assertEq(token.balanceOf(heir), AMOUNT, "the new owner receives");
        assertEq(token.balanceOf(beneficiary), 0, "the old one does not");
    }

    function test_RevertsWhen_AStrangerTransfersOwnership() public {
        address mallory = makeAddr("mallory");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, mallory));
        vm.prank(mallory);
        wallet.transferOwnership(mallory);
    }

    function test_RevertsWhen_OwnershipIsTransferredToZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        vm.prank(beneficiary);
        wallet.transferOwnership(address(0));
    }

    /// @dev Renouncing would send every later release to address(0) and lock the bucket, so it is disabled.
    function test_RevertWhen_RenouncingOwnership() public {
        vm.expectRevert(IVestingBucket.RenounceDisabled.selector);
        vm.prank(beneficiary);
        wallet.renounceOwnership();
        assertEq(wallet.owner(), beneficiary, "the beneficiary still owns the wallet");
        vm.warp(START + DURATION);
        wallet.release(address(token));
        assertEq(token.balanceOf(beneficiary), AMOUNT, "everything still reaches the beneficiary");
    }

    /// @dev A schedule ending past the largest uint64 timestamp is refused with a named error.
    function test_RevertWhen_ScheduleEndsTooLate() public {
        vm.expectRevert(
            abi.encodeWithSelector(IVestingBucket.ScheduleEndTooLate.selector, uint256(type(uint64).max) + 1)
        );
        new LinearVesting(beneficiary, type(uint64).max, 1);
    }
}
