// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {UpfrontLinearVesting} from "../../../contracts/vesting/UpfrontLinearVesting.sol";
import {IVestingBucket} from "../../../contracts/interfaces/IVestingBucket.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";

/// @notice The ecosystem bucket's shape: a share at `start`, the rest linear over `duration`. The upfront share is
/// bounded by 100% on chain, and the curve jumps exactly at `start`, not a second earlier.
contract UpfrontLinearVestingTest is TokenFixture {
    uint64 internal constant START = 2_000_000_000;
    uint64 internal constant DURATION = 1_000_000;
    uint256 internal constant AMOUNT = 1_000_000 ether;

    address internal beneficiary;
    UpfrontLinearVesting internal wallet;

    function setUp() public {
        vm.warp(START - 10 days);
        _deployTokenToSelf();
        beneficiary = makeAddr("beneficiary");
        wallet = new UpfrontLinearVesting(beneficiary, START, DURATION, 5_000);
        token.transfer(address(wallet), AMOUNT);
    }

    function test_RevertsWhen_TheUpfrontShareIsAbove100Percent() public {
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.UpfrontBpsTooHigh.selector, 10_001, 10_000));
        new UpfrontLinearVesting(beneficiary, START, DURATION, 10_001);
    }

    function test_RevertsWhen_TheUpfrontShareIsFarAbove100Percent() public {
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.UpfrontBpsTooHigh.selector, 65_535, 10_000));
        new UpfrontLinearVesting(beneficiary, START, DURATION, type(uint16).max);
    }

    /// @dev Ownable's check runs in the base constructor, before the bps check.
    function test_RevertsWhen_TheBeneficiaryIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new UpfrontLinearVesting(address(0), START, DURATION, 10_001);
    }

    function test_EmitsItsScheduleOnCreation() public {
        vm.expectEmit();
        emit IVestingBucket.VestingScheduleCreated(
            IVestingBucket.Kind.UpfrontLinear,
            beneficiary,
            START,
            START + DURATION,
            2_500
        );
        UpfrontLinearVesting w = new UpfrontLinearVesting(beneficiary, START, DURATION, 2_500);
        assertEq(w.upfrontBps(), 2_500, "upfrontBps");
    }

    function test_ReleasesNothingBeforeTheStart() public {
        vm.warp(START - 1);
        assertEq(wallet.releasable(address(token)), 0, "releasable");
    }

    function test_ReleasesTheUpfrontShareAtTheStart() public {
        vm.warp(START);
        vm.expectEmit(address(wallet));
        emit VestingWallet.ERC20Released(address(token), AMOUNT / 2);
        wallet.release(address(token));
        assertEq(token.balanceOf(beneficiary), AMOUNT / 2, "half upfront");
    }

    function test_ReleasesTheRestLinearly() public {
        vm.warp(START + DURATION / 2);
        assertEq(wallet.releasable(address(token)), AMOUNT / 2 + AMOUNT / 4, "upfront + half of the rest");
        wallet.release(address(token));
        vm.warp(START + DURATION);
        wallet.release(address(token));
        assertEq(token.balanceOf(beneficiary), AMOUNT, "all at the end");
        assertEq(token.balanceOf(address(wallet)), 0, "empty");
    }

    function test_FullUpfrontReleasesEverythingAtTheStart() public {
        UpfrontLinearVesting w = new UpfrontLinearVesting(beneficiary, START, DURATION, 10_000);
        token.transfer(address(w), 7 ether);
        vm.warp(START);
        assertEq(w.releasable(address(token)), 7 ether, "all upfront");
    }

    function test_ZeroUpfrontIsPlainLinear() public {
        UpfrontLinearVesting w = new UpfrontLinearVesting(beneficiary, START, DURATION, 0);
        token.transfer(address(w), 8 ether);
        vm.warp(START);
        assertEq(w.releasable(address(token)), 0, "nothing at the start");
        vm.warp(START + DURATION / 8);
        assertEq(w.releasable(address(token)), 1 ether, "an eighth");
    }

    /// @dev The upfront share rounds down, and the linear part works on the rest, so no wei is lost overall.
    function test_RoundsTheUpfrontShareDown() public {
        UpfrontLinearVesting w = new UpfrontLinearVesting(beneficiary, START, 10, 3_333);
        token.transfer(address(w), 10);
        vm.warp(START);
        assertEq(w.releasable(address(token)), 3, "floor(10 * 0.3333)");
        vm.warp(START + 5);
        assertEq(w.releasable(address(token)), 3 + 3, "3 + floor(7 * 5 / 10)");
        vm.warp(START + 10);
        assertEq(w.releasable(address(token)), 10, "everything");
    }
}
