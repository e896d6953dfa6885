// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {StepVesting} from "../../../contracts/vesting/StepVesting.sol";
import {IVestingBucket} from "../../../contracts/interfaces/IVestingBucket.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";

/// @notice The airdrop's shape: discrete steps at offsets from `start`, each with a cumulative share. The
/// constructor refuses every schedule that is not a strictly increasing staircase ending at 100%, and bounds the
/// number of steps so `release` stays cheap.
contract StepVestingTest is TokenFixture {
    uint64 internal constant START = 2_000_000_000;
    uint64 internal constant MONTH = 30 days;
    uint256 internal constant AMOUNT = 1_000_000 ether;

    address internal beneficiary;
    StepVesting internal wallet;

    function setUp() public {
        vm.warp(START - 10 days);
        _deployTokenToSelf();
        beneficiary = makeAddr("beneficiary");
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        wallet = new StepVesting(beneficiary, START, offsets, bps);
        token.transfer(address(wallet), AMOUNT);
    }

    /// @dev 25% at TGE, 25% at month 8, 50% at month 16 (SPEC §2).
    function _airdrop() internal pure returns (uint64[] memory offsets, uint16[] memory bps) {
        offsets = new uint64[](3);
        (offsets[0], offsets[1], offsets[2]) = (0, 8 * MONTH, 16 * MONTH);
        bps = new uint16[](3);
        (bps[0], bps[1], bps[2]) = (2_500, 5_000, 10_000);
    }

    /// @dev `n` steps one day apart, ending at 100%.
    function _evenSteps(uint256 n) internal pure returns (uint64[] memory offsets, uint16[] memory bps) {
        offsets = new uint64[](n);
        bps = new uint16[](n);
        for (uint256 i; i < n; ++i) {
            offsets[i] = uint64(i * 1 days);
            bps[i] = uint16(((i + 1) * 10_000) / n);
        }
    }

    function test_RevertsWhen_ThereAreNoSteps() public {
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepCountOutOfRange.selector, 0, 12));
        new StepVesting(beneficiary, START, new uint64[](0), new uint16[](0));
    }

    function test_RevertsWhen_ThereAreThirteenSteps() public {
        (uint64[] memory offsets, uint16[] memory bps) = _evenSteps(13);
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepCountOutOfRange.selector, 13, 12));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_AcceptsTwelveSteps() public {
        (uint64[] memory offsets, uint16[] memory bps) = _evenSteps(12);
        StepVesting w = new StepVesting(beneficiary, START, offsets, bps);
        assertEq(w.steps().length, 12, "twelve steps");
        assertEq(w.MAX_STEPS(), 12, "MAX_STEPS");
    }

    function test_RevertsWhen_TheArraysDifferInLength() public {
        (uint64[] memory offsets, ) = _airdrop();
        uint16[] memory bps = new uint16[](2);
        (bps[0], bps[1]) = (5_000, 10_000);
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepLengthMismatch.selector, 3, 2));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_RevertsWhen_TwoStepsShareAnOffset() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        offsets[2] = offsets[1];
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepNotIncreasing.selector, 2));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_RevertsWhen_OffsetsGoBackwards() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        (offsets[0], offsets[1]) = (9 * MONTH, 8 * MONTH);
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepNotIncreasing.selector, 1));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_RevertsWhen_TwoStepsShareAShare() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        bps[1] = bps[0];
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepNotIncreasing.selector, 1));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_RevertsWhen_SharesGoBackwards() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        (bps[1], bps[2]) = (10_000, 5_000);
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepNotIncreasing.selector, 2));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_RevertsWhen_TheLastStepIsShortOf100Percent() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        bps[2] = 9_999;
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepFinalNotFull.selector, 9_999));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_RevertsWhen_TheLastStepIsAbove100Percent() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        bps[2] = 10_001;
        vm.expectRevert(abi.encodeWithSelector(IVestingBucket.StepFinalNotFull.selector, 10_001));
        new StepVesting(beneficiary, START, offsets, bps);
    }

    function test_RevertsWhen_TheBeneficiaryIsZero() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new StepVesting(address(0), START, offsets, bps);
    }

    /// @dev One creation event, then one event per step with its absolute time: the indexer rebuilds from these.
    function test_EmitsItsScheduleAndEveryStep() public {
        (uint64[] memory offsets, uint16[] memory bps) = _airdrop();
        vm.expectEmit();
        emit IVestingBucket.VestingScheduleCreated(
            IVestingBucket.Kind.Steps,
            beneficiary,
            START,
            START + 16 * MONTH,
            0
        );
        vm.expectEmit();
        emit IVestingBucket.VestingStep(START, 2_500);
        vm.expectEmit();
        emit IVestingBucket.VestingStep(START + 8 * MONTH, 5_000);
        vm.expectEmit();
        emit IVestingBucket.VestingStep(START + 16 * MONTH, 10_000);
        StepVesting w = new StepVesting(beneficiary, START, offsets, bps);

        StepVesting.Step[] memory s = w.steps();
        assertEq(s.length, 3, "steps");
        assertEq(s[1].timestamp, START + 8 * MONTH, "absolute time of step 2");
        assertEq(s[1].cumulativeBps, 5_000, "share of step 2");
        assertEq(w.start(), START, "start");
        assertEq(w.duration(), 16 * MONTH, "duration is the last offset");
        assertEq(w.end(), START + 16 * MONTH, "end");
    }

    function test_ReleasesEachStepExactlyOnTime() public {
        uint64[3] memory at = [START, START + 8 * MONTH, START + 16 * MONTH];
        uint256[3] memory cumulative = [AMOUNT / 4, AMOUNT / 2, AMOUNT];
        uint256 before;
        for (uint256 i; i < 3; ++i) {
            vm.warp(at[i] - 1);
            assertEq(wallet.releasable(address(token)), before - token.balanceOf(beneficiary), "a second early");
            vm.warp(at[i]);
            wallet.release(address(token));
            assertEq(token.balanceOf(beneficiary), cumulative[i], "on the step");
            before = cumulative[i];
        }
        vm.warp(START + 100 * MONTH);
        assertEq(wallet.releasable(address(token)), 0, "nothing after the last step");
    }

    /// @dev A first step later than `start` leaves nothing vested at `start`; a first share of 0% is allowed.
    function test_FirstStepMayComeLaterAndBeEmpty() public {
        uint64[] memory offsets = new uint64[](2);
        (offsets[0], offsets[1]) = (1 days, 2 days);
        uint16[] memory bps = new uint16[](2);
        (bps[0], bps[1]) = (0, 10_000);
        StepVesting w = new StepVesting(beneficiary, START, offsets, bps);
        token.transfer(address(w), 1 ether);
        vm.warp(START + 1 days);
        assertEq(w.releasable(address(token)), 0, "0% step");
        vm.warp(START + 2 days);
        assertEq(w.releasable(address(token)), 1 ether, "all");
    }
}
