// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice SPEC §2's genesis numbers, copied by hand from scripts/lib/tokenomics.ts (the source of truth for the
/// deploy script). They are restated here rather than derived from the contracts so that the tests check the
/// contracts against the spec, not against themselves. If tokenomics.ts changes, this file must follow.
library Tokenomics {
    uint256 internal constant DAY = 86_400;
    uint256 internal constant WEEK = 7 * DAY;
    uint256 internal constant MONTH = 30 * DAY;
    uint256 internal constant YEAR = 365 * DAY;
    /// @notice The checker base emission runs over 4 x 365.25 days, not 4 x 365.
    uint256 internal constant CHECKER_EMISSION_PERIOD = (4 * 36_525 * DAY) / 100; // 126,230,400 s
    uint256 internal constant QUARTER = CHECKER_EMISSION_PERIOD / 16; // 7,889,400 s = 91.3125 days

    uint256 internal constant BPS = 10_000;
    uint256 internal constant TOTAL_SUPPLY = 42_000_000_000 ether;

    // Shares of the supply, in BUCKETS order (the order genesis.ts deploys them in).
    uint256 internal constant EDGE_BPS = 2300;
    uint256 internal constant ENTERPRISE_BPS = 1200;
    uint256 internal constant CHECKER_BASE_BPS = 1000;
    uint256 internal constant CHECKER_BONUS_BPS = 500;
    uint256 internal constant TEAM_BPS = 1250;
    uint256 internal constant INVESTOR_BPS = 1150;
    uint256 internal constant ECOSYSTEM_BPS = 800;
    uint256 internal constant TREASURY_BPS = 700;
    uint256 internal constant AIRDROP_BPS = 600;
    uint256 internal constant ADVISOR_BPS = 500;
    uint256 internal constant BUCKET_COUNT = 10;

    // Schedules.
    uint256 internal constant EDGE_PERIODS = 10;
    uint256 internal constant EDGE_FIRST_BPS = 4000;
    uint256 internal constant EDGE_DECAY_NUM = 603;
    uint256 internal constant EDGE_DECAY_DEN = 1000;
    uint256 internal constant ENTERPRISE_DURATION = 10 * YEAR;
    uint256 internal constant CHECKER_BONUS_STEPS = 16;
    uint256 internal constant TEAM_CLIFF = 18 * MONTH;
    uint256 internal constant TEAM_DURATION = 36 * MONTH;
    uint256 internal constant INVESTOR_CLIFF = 12 * MONTH;
    uint256 internal constant INVESTOR_DURATION = 24 * MONTH;
    uint256 internal constant ECOSYSTEM_UPFRONT_BPS = 5000;
    uint256 internal constant ECOSYSTEM_DURATION = 24 * MONTH;
    uint256 internal constant TREASURY_DURATION = 48 * MONTH;
    uint256 internal constant AIRDROP_STEP_2 = 8 * MONTH;
    uint256 internal constant AIRDROP_STEP_3 = 16 * MONTH;
    uint256 internal constant ADVISOR_CLIFF = 18 * MONTH;
    uint256 internal constant ADVISOR_DURATION = 36 * MONTH;

    /// @notice A bucket's amount, rounding as tokenomics.ts's `bucketAmount` does.
    function amount(uint256 shareBps) internal pure returns (uint256) {
        return (TOTAL_SUPPLY * shareBps) / BPS;
    }

    /// @notice The shares in BUCKETS order.
    function shares() internal pure returns (uint256[10] memory) {
        return
            [
                EDGE_BPS,
                ENTERPRISE_BPS,
                CHECKER_BASE_BPS,
                CHECKER_BONUS_BPS,
                TEAM_BPS,
                INVESTOR_BPS,
                ECOSYSTEM_BPS,
                TREASURY_BPS,
                AIRDROP_BPS,
                ADVISOR_BPS
            ];
    }
}
