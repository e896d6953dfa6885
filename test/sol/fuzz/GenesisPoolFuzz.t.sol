// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {GenesisFixture} from "../utils/GenesisFixture.sol";
import {ReferenceSchedules as R} from "../utils/ReferenceSchedules.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";
import {GenesisSchedules as G} from "../utils/GenesisSchedules.sol";

/// @notice The four genesis reward pools against SPEC §2 at any time: Edge's decaying ten years, Enterprise's ten
/// linear years, the checker base over 4 x 365.25 days and the checker bonus in 16 quarterly steps. `unlockedAt`
/// and `releasable` equal the references, never decrease, never exceed the bucket, and draws can take exactly that.
contract GenesisPoolFuzzTest is GenesisFixture {
    uint256 internal tge;
    uint256 internal constant HORIZON = 12 * 365 days; // past Edge's and Enterprise's ten years

    function setUp() public {
        vm.warp(1_750_000_000);
        _deployGenesis(_defaultParams(uint64(block.timestamp + 7 days)));
        tge = params.tge;
        // This test acts as the distributor governance would authorize (the timelock is the pools' admin).
        RewardPool[4] memory p = pools();
        for (uint256 i; i < 4; ++i) {
            bytes32 role = p[i].DISTRIBUTOR_ROLE();
            vm.prank(address(timelock));
            p[i].grantRole(role, address(this));
        }
    }

    function _time(uint256 seed) internal view returns (uint256) {
        return bound(seed, tge - 30 days, tge + HORIZON);
    }

    /// @dev The spec's schedule of pool `i` (pools() order) at `t`.
    function _reference(uint256 i, uint256 t) internal view returns (uint256) {
        return G.poolAt(i, tge, t);
    }

    /// @dev The hard-coded table (GenesisSchedules.edgeYears) is the spec's curve: 40% first, x0.603 after, the remainder last, summing to the
    /// bucket. The reference's own table builder agrees with it, and the pool's year boundaries land on it.
    function test_EdgeYearsAreTheSpecsNumbers() public view {
        uint256 edge = T.amount(T.EDGE_BPS);
        uint256[] memory edgeYears = G.edgeYears();
        uint256[] memory built = R.decayingTable(edge, 10, 4_000, 603, 1_000);
        uint256 cumulative;
        for (uint256 k; k < 10; ++k) {
            assertEq(built[k], edgeYears[k], "reference table");
            if (k == 0) assertEq(edgeYears[0], (edge * 40) / 100, "year 1 is 40%");
            else if (k < 9) assertEq(edgeYears[k], (edgeYears[k - 1] * 603) / 1000, "x0.603");
            cumulative += edgeYears[k];
            assertEq(edgePool.unlockedAt(tge + (k + 1) * 365 days), cumulative, "pool at the end of the year");
        }
        assertEq(cumulative, edge, "ten years place the whole bucket");
        assertLt(edgeYears[9], edgeYears[8], "the remainder year still decays");
    }

    function testFuzz_EdgeDecaysAsTheSpecSays(uint256 seed) public view {
        uint256 t = _time(seed);
        assertEq(edgePool.unlockedAt(t), _reference(0, t), "Edge");
    }

    function testFuzz_EnterpriseIsLinearOverTenYears(uint256 seed) public view {
        uint256 t = _time(seed);
        assertEq(enterprisePool.unlockedAt(t), _reference(1, t), "Enterprise");
    }

    function testFuzz_CheckerBaseIsLinearOverFourJulianYears(uint256 seed) public view {
        uint256 t = _time(seed);
        assertEq(checkerBasePool.unlockedAt(t), _reference(2, t), "checker base");
    }

    function testFuzz_CheckerBonusUnlocksInSixteenQuarters(uint256 seed) public view {
        uint256 t = _time(seed);
        assertEq(checkerBonusPool.unlockedAt(t), _reference(3, t), "checker bonus");
    }

    /// @dev Period boundaries, probed directly: year k of Edge and Enterprise, quarter k of the bonus, a second
    /// before and at each.
    function testFuzz_BoundariesMatchTheSpec(uint8 k, bool justBefore) public view {
        uint256 year = tge + (uint256(k) % 12) * 365 days - (justBefore ? 1 : 0);
        uint256 quarter = tge + ((uint256(k) % 18) * 365.25 days) / 4 - (justBefore ? 1 : 0);
        RewardPool[4] memory p = pools();
        for (uint256 i; i < 4; ++i) {
            assertEq(p[i].unlockedAt(year), _reference(i, year), "at a year boundary");
            assertEq(p[i].unlockedAt(quarter), _reference(i, quarter), "at a quarter boundary");
        }
    }

    function testFuzz_UnlocksAreMonotoneAndCapped(uint256 seedA, uint256 seedB) public view {
        uint256 a = _time(seedA);
        uint256 b = _time(seedB);
        if (a > b) (a, b) = (b, a);
        RewardPool[4] memory p = pools();
        for (uint256 i; i < 4; ++i) {
            assertLe(p[i].unlockedAt(a), p[i].unlockedAt(b), "monotone in time");
            assertLe(p[i].unlockedAt(b), p[i].allocation(), "never above the bucket");
            assertEq(p[i].unlockedAt(tge + HORIZON), p[i].allocation(), "ends full");
        }
    }

    /// @dev Draw everything releasable at one time, then at a later one: the distributor gets exactly the
    /// schedule's increase, and nothing beyond it.
    function testFuzz_DrawsTakeExactlyTheSchedule(uint256 seedA, uint256 seedB) public {
        uint256 a = _time(seedA);
        uint256 b = _time(seedB);
        if (a > b) (a, b) = (b, a);
        RewardPool[4] memory p = pools();
        address to = makeAddr("rewards");

        vm.warp(a);
        for (uint256 i; i < 4; ++i) {
            assertEq(p[i].releasable(), _reference(i, a), "releasable at the first time");
            if (_reference(i, a) > 0) p[i].draw(to, _reference(i, a));
        }
        vm.warp(b);
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            uint256 due = _reference(i, b) - _reference(i, a);
            assertEq(p[i].releasable(), due, "releasable at the second time");
            if (due > 0) p[i].draw(to, due);
            assertEq(p[i].drawn(), _reference(i, b), "drawn so far");
            assertEq(token.balanceOf(address(p[i])), p[i].allocation() - _reference(i, b), "left in the pool");
            total += _reference(i, b);
        }
        assertEq(token.balanceOf(to), total, "paid out");
    }
}
