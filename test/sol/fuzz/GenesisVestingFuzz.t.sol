// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {GenesisFixture} from "../utils/GenesisFixture.sol";
import {GenesisSchedules as G} from "../utils/GenesisSchedules.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";

/// @notice The six genesis vesting wallets against SPEC §2's table, at any time: `vestedAmount` and `releasable`
/// equal the closed forms of ReferenceSchedules (written from the spec, not from ScheduleMath), never decrease and
/// never exceed the bucket, and a release pays the beneficiary exactly the difference.
contract GenesisVestingFuzzTest is GenesisFixture {
    uint256 internal tge;
    /// @dev Far enough past TGE that every vesting schedule has ended (the longest, team/advisors, ends at 54 months).
    uint256 internal constant HORIZON = 6 * 365 days;

    function setUp() public {
        vm.warp(1_750_000_000);
        _deployGenesis(_defaultParams(uint64(block.timestamp + 7 days)));
        tge = params.tge;
    }

    /// @dev Any time from a month before TGE to well after the last schedule ends.
    function _time(uint256 seed) internal view returns (uint64) {
        return uint64(bound(seed, tge - 30 days, tge + HORIZON));
    }

    /// @dev The spec's schedule of wallet `i` (vestings() order) at `t`.
    function _reference(uint256 i, uint256 t) internal view returns (uint256) {
        return G.vestingAt(i, tge, t);
    }

    function _allocation(uint256 i) internal pure returns (uint256) {
        return G.vestingAllocation(i);
    }

    /// @dev Team, investors, DAO treasury and advisors: "N-month cliff, then M-month linear".
    function testFuzz_CliffLinearBucketsVestAsTheSpecSays(uint256 seed) public view {
        uint64 t = _time(seed);
        VestingWallet[6] memory w = vestings();
        assertEq(w[0].vestedAmount(address(token), t), _reference(0, t), "team");
        assertEq(w[1].vestedAmount(address(token), t), _reference(1, t), "investors");
        assertEq(w[3].vestedAmount(address(token), t), _reference(3, t), "treasury");
        assertEq(w[5].vestedAmount(address(token), t), _reference(5, t), "advisors");
    }

    /// @dev Ecosystem: "50% at TGE, then 24-month linear".
    function testFuzz_EcosystemVestsAsTheSpecSays(uint256 seed) public view {
        uint64 t = _time(seed);
        assertEq(ecosystemVesting.vestedAmount(address(token), t), _reference(2, t), "ecosystem");
    }

    /// @dev Airdrop: "25% at TGE, 25% at month 8, 50% at month 16".
    function testFuzz_AirdropVestsAsTheSpecSays(uint256 seed) public view {
        uint64 t = _time(seed);
        assertEq(airdropVesting.vestedAmount(address(token), t), _reference(4, t), "airdrop");
    }

    /// @dev Around the schedules' corners the fuzzer rarely lands by chance, so probe them directly: a second
    /// before and at each cliff end, step and schedule end.
    function testFuzz_CornersMatchTheSpec(uint8 which, bool justBefore) public view {
        uint256[7] memory corners = [
            uint256(0),
            8 * T.MONTH,
            12 * T.MONTH,
            16 * T.MONTH,
            18 * T.MONTH,
            36 * T.MONTH,
            54 * T.MONTH
        ];
        uint64 t = uint64(tge + corners[which % 7] - (justBefore ? 1 : 0));
        VestingWallet[6] memory w = vestings();
        for (uint256 i; i < 6; ++i) assertEq(w[i].vestedAmount(address(token), t), _reference(i, t), "corner");
    }

    /// @dev Vested amounts never go down with time and never exceed the bucket; every bucket ends full.
    function testFuzz_VestingIsMonotoneAndCapped(uint256 seedA, uint256 seedB) public view {
        uint64 a = _time(seedA);
        uint64 b = _time(seedB);
        if (a > b) (a, b) = (b, a);
        VestingWallet[6] memory w = vestings();
        for (uint256 i; i < 6; ++i) {
            uint256 atA = w[i].vestedAmount(address(token), a);
            uint256 atB = w[i].vestedAmount(address(token), b);
            assertLe(atA, atB, "monotone in time");
            assertLe(atB, _allocation(i), "never above the bucket");
            assertEq(w[i].vestedAmount(address(token), uint64(tge + HORIZON)), _allocation(i), "ends full");
        }
    }

    /// @dev Release at one time, then at a later one: each release pays exactly reference(now) - reference(then)
    /// to the beneficiary, and `releasable` says so beforehand.
    function testFuzz_ReleasesPayExactlyTheNewlyVestedAmount(uint256 seedA, uint256 seedB) public {
        uint64 a = _time(seedA);
        uint64 b = _time(seedB);
        if (a > b) (a, b) = (b, a);
        VestingWallet[6] memory w = vestings();

        vm.warp(a);
        for (uint256 i; i < 6; ++i) {
            assertEq(w[i].releasable(address(token)), _reference(i, a), "releasable at the first time");
            w[i].release(address(token));
        }
        vm.warp(b);
        for (uint256 i; i < 6; ++i) {
            address owner = w[i].owner();
            uint256 before = token.balanceOf(owner);
            uint256 due = _reference(i, b) - _reference(i, a);
            assertEq(w[i].releasable(address(token)), due, "releasable at the second time");
            w[i].release(address(token));
            assertEq(token.balanceOf(owner) - before, due, "paid to the beneficiary");
            assertEq(w[i].released(address(token)), _reference(i, b), "released so far");
            assertEq(token.balanceOf(address(w[i])), _allocation(i) - _reference(i, b), "left in the wallet");
        }
    }
}
