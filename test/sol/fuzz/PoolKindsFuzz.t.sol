// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRewardPool} from "../../../contracts/interfaces/IRewardPool.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {SteppedRewardPool} from "../../../contracts/pools/SteppedRewardPool.sol";
import {DecayingRewardPool} from "../../../contracts/pools/DecayingRewardPool.sol";
import {Test} from "../utils/Test.sol";
import {ReferenceSchedules as R} from "../utils/ReferenceSchedules.sol";

/// @notice The three pool schedules with any parameters the constructors accept, against the references: future
/// pools (or a governance change of curve) must keep "monotone, capped, exactly the closed form" too. For the
/// decaying kind, parameters whose early periods overflow the allocation must be refused with the exact figure.
contract PoolKindsFuzzTest is Test {
    IERC20 internal token;
    address internal admin;
    address internal guardian;

    function setUp() public {
        token = IERC20(makeAddr("token")); // unlockedAt never touches the token
        admin = makeAddr("timelock");
        guardian = makeAddr("guardian");
    }

    struct Times {
        uint256 a;
        uint256 b;
    }

    /// @dev Two ordered times from before the start to well after the end.
    function _times(uint256 start, uint256 end, uint256 seedA, uint256 seedB) internal pure returns (Times memory t) {
        uint256 lo = start > 1 days ? start - 1 days : 0;
        uint256 hi = end + 365 days;
        t.a = bound(seedA, lo, hi);
        t.b = bound(seedB, lo, hi);
        if (t.a > t.b) (t.a, t.b) = (t.b, t.a);
    }

    function testFuzz_LinearPoolMatchesTheReference(
        uint256 allocation,
        uint64 start,
        uint64 duration,
        uint256 seedA,
        uint256 seedB
    ) public {
        allocation = bound(allocation, 0, 1e30);
        start = uint64(bound(start, 0, type(uint40).max));
        duration = uint64(bound(duration, 1, 100 * 365 days));
        LinearRewardPool pool = new LinearRewardPool(token, allocation, start, duration, admin, guardian);
        Times memory t = _times(start, pool.end(), seedA, seedB);

        assertEq(pool.unlockedAt(t.a), R.cliffThenLinear(allocation, start, 0, duration, t.a), "reference at a");
        assertEq(pool.unlockedAt(t.b), R.cliffThenLinear(allocation, start, 0, duration, t.b), "reference at b");
        assertLe(pool.unlockedAt(t.a), pool.unlockedAt(t.b), "monotone");
        assertLe(pool.unlockedAt(t.b), allocation, "capped");
        assertEq(pool.unlockedAt(pool.end()), allocation, "full at the end");
    }

    function testFuzz_SteppedPoolMatchesTheReference(
        uint256 allocation,
        uint64 start,
        uint64 stepDuration,
        uint32 steps,
        uint256 seedA,
        uint256 seedB
    ) public {
        allocation = bound(allocation, 0, 1e30);
        start = uint64(bound(start, 0, type(uint40).max));
        stepDuration = uint64(bound(stepDuration, 1, 365 days));
        steps = uint32(bound(steps, 1, 1_000));
        SteppedRewardPool pool = new SteppedRewardPool(token, allocation, start, stepDuration, steps, admin, guardian);
        Times memory t = _times(start, pool.end(), seedA, seedB);

        assertEq(pool.unlockedAt(t.a), R.equalSteps(allocation, start, stepDuration, steps, t.a), "reference at a");
        assertEq(pool.unlockedAt(t.b), R.equalSteps(allocation, start, stepDuration, steps, t.b), "reference at b");
        assertLe(pool.unlockedAt(t.a), pool.unlockedAt(t.b), "monotone");
        assertLe(pool.unlockedAt(t.b), allocation, "capped");
        assertEq(pool.unlockedAt(pool.end()), allocation, "full after the last step");
        assertEq(
            pool.unlockedAt(pool.end() - 1),
            R.equalSteps(allocation, start, stepDuration, steps, pool.end() - 1),
            "a second before"
        );
    }

    struct Decay {
        uint256 allocation;
        uint64 start;
        uint64 period;
        uint32 periods;
        uint16 firstBps;
        uint32 num;
        uint32 den;
    }

    function _decay(Decay memory d) internal returns (DecayingRewardPool) {
        return
            new DecayingRewardPool(
                token,
                d.allocation,
                d.start,
                d.period,
                d.periods,
                d.firstBps,
                d.num,
                d.den,
                admin,
                guardian
            );
    }

    /// @dev What periods 1..n-1 place together, written as a plain sum of the spec's recurrence.
    function _early(Decay memory d) internal pure returns (uint256 early) {
        uint256 amount = (d.allocation * d.firstBps) / 10_000;
        for (uint256 k = 1; k < d.periods; ++k) {
            early += amount;
            amount = (amount * d.num) / d.den;
        }
    }

    function testFuzz_DecayingPoolMatchesTheReferenceOrRefuses(Decay memory d, uint256 seedA, uint256 seedB) public {
        d.allocation = bound(d.allocation, 0, 1e30);
        d.start = uint64(bound(d.start, 0, type(uint40).max));
        d.period = uint64(bound(d.period, 1, 2 * 365 days));
        d.periods = uint32(bound(d.periods, 1, 50));
        d.firstBps = uint16(bound(d.firstBps, 0, 10_000));
        d.den = uint32(bound(d.den, 1, type(uint32).max));
        d.num = uint32(bound(d.num, 0, d.den));

        uint256 early = _early(d);
        if (early > d.allocation) {
            vm.expectRevert(
                abi.encodeWithSelector(IRewardPool.EarlyPeriodsExceedAllocation.selector, early, d.allocation)
            );
            _decay(d);
            return;
        }
        DecayingRewardPool pool = _decay(d);
        uint256[] memory table = R.decayingTable(d.allocation, d.periods, d.firstBps, d.num, d.den);
        Times memory t = _times(d.start, pool.end(), seedA, seedB);

        assertEq(pool.unlockedAt(t.a), R.decaying(table, d.allocation, d.start, d.period, t.a), "reference at a");
        assertEq(pool.unlockedAt(t.b), R.decaying(table, d.allocation, d.start, d.period, t.b), "reference at b");
        assertLe(pool.unlockedAt(t.a), pool.unlockedAt(t.b), "monotone");
        assertLe(pool.unlockedAt(t.b), d.allocation, "capped");
        assertEq(pool.unlockedAt(pool.end()), d.allocation, "full at the end");
    }

    /// @dev The refusal side on its own, with a ratio of one so that it is hit often: n periods of a flat share.
    function testFuzz_FlatDecayRefusedExactlyWhenEarlyPeriodsOverflow(uint16 firstBps, uint32 periods) public {
        Decay memory d = Decay({
            allocation: 1_000_000 ether,
            start: 1,
            period: 1 days,
            periods: uint32(bound(periods, 1, 50)),
            firstBps: uint16(bound(firstBps, 0, 10_000)),
            num: 1,
            den: 1
        });
        uint256 early = ((d.allocation * d.firstBps) / 10_000) * (d.periods - 1);
        if (early > d.allocation) {
            vm.expectRevert(
                abi.encodeWithSelector(IRewardPool.EarlyPeriodsExceedAllocation.selector, early, d.allocation)
            );
            _decay(d);
        } else {
            DecayingRewardPool pool = _decay(d);
            assertEq(pool.unlockedAt(pool.end()), d.allocation, "accepted schedules end full");
        }
    }
}
