// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReferenceSchedules as R} from "./ReferenceSchedules.sol";
import {Tokenomics as T} from "./Tokenomics.sol";

/// @notice SPEC §2's ten bucket schedules as reference functions of (TGE, t), in the order of GenesisFixture's
/// `pools()` and `vestings()`. Shared by the genesis fuzz tests and the invariants, so both check the deployed
/// buckets against the spec rather than against the contracts' own views.
library GenesisSchedules {
    /// @notice Edge's yearly releases in wei, computed outside Solidity with exact integer arithmetic from the
    /// spec's words (year 1 = 40% of 9.66e9 ATH, year k = floor(year_{k-1} * 603 / 1000), year 10 = the rest).
    function edgeYears() internal pure returns (uint256[] memory y) {
        y = new uint256[](10);
        y[0] = 3_864_000_000_000000000000000000;
        y[1] = 2_329_992_000_000000000000000000;
        y[2] = 1_404_985_176_000000000000000000;
        y[3] = 847_206_061_128000000000000000;
        y[4] = 510_865_254_860184000000000000;
        y[5] = 308_051_748_680690952000000000;
        y[6] = 185_755_204_454456644056000000;
        y[7] = 112_010_388_286037356365768000;
        y[8] = 67_542_264_136480525888558104;
        y[9] = 29_591_902_454150521689673896;
    }

    /// @notice Pool `i` (0 Edge, 1 Enterprise, 2 checker base, 3 checker bonus) unlocked at `t`.
    function poolAt(uint256 i, uint256 tge, uint256 t) internal pure returns (uint256) {
        if (i == 0) return R.decaying(edgeYears(), T.amount(T.EDGE_BPS), tge, 365 days, t);
        if (i == 1) return R.cliffThenLinear(T.amount(T.ENTERPRISE_BPS), tge, 0, 10 * 365 days, t);
        if (i == 2) return R.checkerBase(T.amount(T.CHECKER_BASE_BPS), tge, t);
        return R.equalSteps(T.amount(T.CHECKER_BONUS_BPS), tge, (365.25 days) / 4, 16, t);
    }

    /// @notice Vesting wallet `i` (0 team, 1 investors, 2 ecosystem, 3 treasury, 4 airdrop, 5 advisors) vested at `t`.
    function vestingAt(uint256 i, uint256 tge, uint256 t) internal pure returns (uint256) {
        if (i == 0) return R.cliffThenLinear(T.amount(T.TEAM_BPS), tge, 18 * T.MONTH, 36 * T.MONTH, t);
        if (i == 1) return R.cliffThenLinear(T.amount(T.INVESTOR_BPS), tge, 12 * T.MONTH, 24 * T.MONTH, t);
        if (i == 2) return R.upfrontThenLinear(T.amount(T.ECOSYSTEM_BPS), tge, 5_000, 24 * T.MONTH, t);
        if (i == 3) return R.cliffThenLinear(T.amount(T.TREASURY_BPS), tge, 0, 48 * T.MONTH, t);
        if (i == 4) return R.airdrop(T.amount(T.AIRDROP_BPS), tge, t);
        return R.cliffThenLinear(T.amount(T.ADVISOR_BPS), tge, 18 * T.MONTH, 36 * T.MONTH, t);
    }

    function poolAllocation(uint256 i) internal pure returns (uint256) {
        return T.amount(T.shares()[i]);
    }

    function vestingAllocation(uint256 i) internal pure returns (uint256) {
        return T.amount(T.shares()[4 + i]);
    }
}
