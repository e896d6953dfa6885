// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LinearVesting} from "../../../contracts/vesting/LinearVesting.sol";
import {UpfrontLinearVesting} from "../../../contracts/vesting/UpfrontLinearVesting.sol";
import {StepVesting} from "../../../contracts/vesting/StepVesting.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {ReferenceSchedules as R} from "../utils/ReferenceSchedules.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";

/// @notice The three vesting contracts with any valid parameters (not just the genesis ones), against the
/// reference closed forms: governance may deploy more wallets later, and the math must hold across the range.
contract VestingKindsFuzzTest is TokenFixture {
    address internal beneficiary;

    function setUp() public {
        vm.warp(1_750_000_000);
        _deployTokenToSelf();
        beneficiary = makeAddr("beneficiary");
    }

    function _amount(uint256 seed) internal pure returns (uint256) {
        return bound(seed, 0, T.TOTAL_SUPPLY);
    }

    function testFuzz_LinearVestingMatchesTheReference(
        uint64 start,
        uint64 duration,
        uint256 amountSeed,
        uint64 t1,
        uint64 t2
    ) public {
        start = uint64(bound(start, 0, type(uint40).max));
        duration = uint64(bound(duration, 0, 100 * 365 days));
        uint256 amount = _amount(amountSeed);
        LinearVesting w = new LinearVesting(beneficiary, start, duration);
        token.transfer(address(w), amount);
        if (t1 > t2) (t1, t2) = (t2, t1);

        uint256 at1 = w.vestedAmount(address(token), t1);
        uint256 at2 = w.vestedAmount(address(token), t2);
        assertEq(at1, R.cliffThenLinear(amount, start, 0, duration, t1), "reference at t1");
        assertEq(at2, R.cliffThenLinear(amount, start, 0, duration, t2), "reference at t2");
        assertLe(at1, at2, "monotone");
        assertLe(at2, amount, "capped");
    }

    function testFuzz_UpfrontLinearVestingMatchesTheReference(
        uint64 start,
        uint64 duration,
        uint16 upfrontBps,
        uint256 amountSeed,
        uint64 t1,
        uint64 t2
    ) public {
        start = uint64(bound(start, 0, type(uint40).max));
        duration = uint64(bound(duration, 0, 100 * 365 days));
        upfrontBps = uint16(bound(upfrontBps, 0, 10_000));
        uint256 amount = _amount(amountSeed);
        UpfrontLinearVesting w = new UpfrontLinearVesting(beneficiary, start, duration, upfrontBps);
        token.transfer(address(w), amount);
        if (t1 > t2) (t1, t2) = (t2, t1);

        uint256 at1 = w.vestedAmount(address(token), t1);
        uint256 at2 = w.vestedAmount(address(token), t2);
        assertEq(at1, R.upfrontThenLinear(amount, start, upfrontBps, duration, t1), "reference at t1");
        assertEq(at2, R.upfrontThenLinear(amount, start, upfrontBps, duration, t2), "reference at t2");
        assertLe(at1, at2, "monotone");
        assertLe(at2, amount, "capped");
    }

    /// @dev A random valid staircase of `n` steps: strictly increasing offsets and shares, the last share 100%.
    function _staircase(
        uint256 n,
        uint256 shapeSeed
    ) internal pure returns (uint64[] memory offsets, uint16[] memory bps) {
        offsets = new uint64[](n);
        bps = new uint16[](n);
        uint64 offset = uint64(bound(uint256(keccak256(abi.encode(shapeSeed, "first"))), 0, 365 days));
        for (uint256 i; i < n; ++i) {
            offsets[i] = offset;
            offset += uint64(bound(uint256(keccak256(abi.encode(shapeSeed, i, "gap"))), 1, 365 days));
            // Leave room for the steps still to come; the last one is exactly 10,000.
            uint256 lowest = i == 0 ? 0 : uint256(bps[i - 1]) + 1;
            uint256 highest = 10_000 - (n - 1 - i);
            bps[i] =
                i == n - 1
                    ? 10_000
                    : uint16(bound(uint256(keccak256(abi.encode(shapeSeed, i, "bps"))), lowest, highest));
        }
    }

    function testFuzz_StepVestingMatchesTheReference(
        uint256 countSeed,
        uint256 shapeSeed,
        uint64 start,
        uint256 amountSeed,
        uint64 t1,
        uint64 t2
    ) public {
        start = uint64(bound(start, 0, type(uint40).max));
        uint256 amount = _amount(amountSeed);
        (uint64[] memory offsets, uint16[] memory bps) = _staircase(bound(countSeed, 1, 12), shapeSeed);
        StepVesting w = new StepVesting(beneficiary, start, offsets, bps);
        token.transfer(address(w), amount);
        if (t1 > t2) (t1, t2) = (t2, t1);

        uint256 at1 = w.vestedAmount(address(token), t1);
        uint256 at2 = w.vestedAmount(address(token), t2);
        assertEq(at1, R.steps(amount, start, offsets, bps, t1), "reference at t1");
        assertEq(at2, R.steps(amount, start, offsets, bps, t2), "reference at t2");
        assertLe(at1, at2, "monotone");
        assertLe(at2, amount, "capped");
        uint64 last = start + offsets[offsets.length - 1];
        assertEq(w.vestedAmount(address(token), last), amount, "full at the last step");
    }

    /// @dev Releasing along the way never changes what has vested in total: released + releasable == reference.
    function testFuzz_ReleasesTrackTheSchedule(uint64 duration, uint256 amountSeed, uint64 dt1, uint64 dt2) public {
        duration = uint64(bound(duration, 1, 10 * 365 days));
        uint256 amount = _amount(amountSeed);
        uint64 start = uint64(block.timestamp);
        UpfrontLinearVesting w = new UpfrontLinearVesting(beneficiary, start, duration, 2_500);
        token.transfer(address(w), amount);
        uint64 t1 = start + uint64(bound(dt1, 0, 20 * 365 days));
        uint64 t2 = t1 + uint64(bound(dt2, 0, 20 * 365 days));

        vm.warp(t1);
        w.release(address(token));
        assertEq(token.balanceOf(beneficiary), R.upfrontThenLinear(amount, start, 2_500, duration, t1), "first");
        vm.warp(t2);
        uint256 expected = R.upfrontThenLinear(amount, start, 2_500, duration, t2);
        assertEq(w.released(address(token)) + w.releasable(address(token)), expected, "released + releasable");
        w.release(address(token));
        assertEq(token.balanceOf(beneficiary), expected, "second");
        assertEq(token.balanceOf(address(w)) + token.balanceOf(beneficiary), amount, "nothing lost");
    }
}
