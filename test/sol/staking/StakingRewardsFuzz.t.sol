// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {StakingFixture} from "./StakingFixture.sol";

/// @notice The reward math against an independent model. Random stakers, amounts, locks, stake times, weekly
/// funding of two tokens (some weeks unfunded) and intermediate claims; at the end every position has claimed.
/// Each position's total must equal the exact pro-rata integral, `sum over time of funding(week) x dt / WEEK x
/// weight / totalWeight`, within a few wei, where the model applies the spec's carry rule: what a week streams while
/// nothing is locked is added to the next week. Also: nobody is paid more than was funded.
contract StakingRewardsFuzzTest is StakingFixture {
    uint256 internal constant N = 5;
    uint256 internal constant WEEKS = 9; // s .. s + 8: the last stake unlocks by s + 7
    /// @dev The model's fixed-point bits (it accumulates wei x 2^64).
    uint256 internal constant FRAC = 64;

    struct Stake {
        address account;
        uint256 amount;
        uint256 lockWeeks;
        uint256 start;
        uint256 unlock;
        uint256 weight;
        uint256 claims;
        uint256[2] paid;
    }

    Stake[N] internal stakes;
    uint256[2][WEEKS] internal funding;
    uint256 internal s;
    IERC20[2] internal tokens;

    function setUp() public {
        _deployStaking();
        _createDefaultPools();
        s = _week();
        tokens = [IERC20(address(token)), IERC20(address(partner))];
    }

    function _rand(uint256 seed, uint256 i, bytes32 what) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i, what)));
    }

    function testFuzz_EachPositionEarnsItsExactProRataShare(uint256 seed) public {
        // funding of weeks s + 1 .. s + 6: up to 1M ATH and 100k partner a week, a fifth of the weeks unfunded
        for (uint256 w = 1; w <= 6; ++w) {
            for (uint256 k; k < 2; ++k) {
                if (_rand(seed, w * 2 + k, "skip") % 5 == 0) continue;
                uint256 cap = k == 0 ? 1_000_000 ether : uint256(100_000 ether);
                uint256 amount = 1 + (_rand(seed, w * 2 + k, "fund") % cap);
                _fund(1, tokens[k], s + w, 1, amount);
                funding[w][k] = amount;
            }
        }
        // stakes spread over about two weeks, 1 to 100M ATH each, locked 1 to 4 weeks; some claim along the way
        uint256 t = block.timestamp;
        for (uint256 i; i < N; ++i) {
            t += _rand(seed, i, "gap") % 3 days;
            vm.warp(t);
            Stake storage st = stakes[i];
            st.account = address(uint160(0xA000 + i));
            st.amount = 1 ether + (_rand(seed, i, "amount") % 100_000_000 ether);
            st.lockWeeks = 1 + (_rand(seed, i, "weeks") % 4);
            _stake(st.account, 1, st.amount, st.lockWeeks);
            st.start = t;
            st.unlock = Math.ceilDiv(t + st.lockWeeks * WEEK, WEEK) * WEEK;
            st.weight = st.amount * (204 + 3 * st.lockWeeks);
            uint256 j = _rand(seed, i, "claimer") % (i + 1);
            if (_rand(seed, i, "claim") % 2 == 0) _claimInto(j);
        }
        vm.warp((s + WEEKS) * WEEK);
        for (uint256 i; i < N; ++i) _claimInto(i);

        uint256[2][N] memory expected = _model();
        uint256[2] memory paid;
        for (uint256 i; i < N; ++i) {
            for (uint256 k; k < 2; ++k) {
                uint256 got = stakes[i].paid[k];
                uint256 want = expected[i][k];
                // each payout rounds down (< 1 wei); the accumulator's own rounding is carried, not lost, and
                // shifts a position's share by less than a wei per weight change at these sizes
                uint256 tolerance = stakes[i].claims + N + 2;
                assertLe(got, want + tolerance, "not above the exact share");
                assertGe(got + tolerance, want, "not below the exact share");
                paid[k] += got;
            }
        }
        for (uint256 k; k < 2; ++k) {
            uint256 funded;
            for (uint256 w; w < WEEKS; ++w) funded += funding[w][k];
            assertLe(paid[k], funded, "never more than funded");
        }
    }

    function _claimInto(uint256 i) internal {
        Stake storage st = stakes[i];
        uint256[] memory got = _claim(st.account, 0);
        st.paid[0] += got[0];
        st.paid[1] += got[1];
        ++st.claims;
    }

    /// @dev The reference: walk every interval between stake times, unlocks and week boundaries; within it the total
    /// weight is constant and each locked position earns funding x dt / WEEK x weight / total. A week's seconds with
    /// no weight carry its stream (rounded down) into the next week.
    function _model() internal view returns (uint256[2][N] memory out) {
        uint256[2][N] memory acc; // wei x 2^FRAC
        uint256[2] memory carry;
        uint256[] memory cuts = new uint256[](2 * N + 2);
        for (uint256 w; w < WEEKS; ++w) {
            uint256 ws = (s + w) * WEEK;
            uint256[2] memory f = [funding[w][0] + carry[0], funding[w][1] + carry[1]];
            // cut the week at every stake and unlock inside it
            uint256 n;
            cuts[n++] = ws;
            for (uint256 i; i < N; ++i) {
                if (stakes[i].start > ws && stakes[i].start < ws + WEEK) cuts[n++] = stakes[i].start;
            }
            cuts[n++] = ws + WEEK; // unlocks fall on boundaries
            _sort(cuts, n);
            uint256 idle;
            for (uint256 c; c + 1 < n; ++c) {
                (uint256 a, uint256 b) = (cuts[c], cuts[c + 1]);
                if (b == a) continue;
                uint256 total;
                for (uint256 i; i < N; ++i) if (_locked(stakes[i], a)) total += stakes[i].weight;
                if (total == 0) {
                    idle += b - a;
                    continue;
                }
                for (uint256 i; i < N; ++i) {
                    if (!_locked(stakes[i], a)) continue;
                    for (uint256 k; k < 2; ++k) {
                        acc[i][k] += Math.mulDiv(f[k] * (b - a), stakes[i].weight << FRAC, WEEK * total);
                    }
                }
            }
            for (uint256 k; k < 2; ++k) carry[k] = (f[k] * idle) / WEEK;
        }
        for (uint256 i; i < N; ++i) for (uint256 k; k < 2; ++k) out[i][k] = acc[i][k] >> FRAC;
    }

    function _locked(Stake storage st, uint256 at) internal view returns (bool) {
        return st.start <= at && at < st.unlock;
    }

    function _sort(uint256[] memory a, uint256 n) internal pure {
        for (uint256 i = 1; i < n; ++i) {
            uint256 x = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > x) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = x;
        }
    }

    /// Extreme sizes: the whole free supply staked against the largest funding a token allows, in one pool. No
    /// overflow anywhere, and nobody is paid more than was funded.
    function testFuzz_ExtremeSizesNeverOverpay(uint256 amount, uint256 perWeek, uint8 lock) public {
        amount = bound(amount, 1 ether, 20_000_000_000 ether);
        perWeek = bound(perWeek, 1, type(uint96).max / 2);
        uint256 weeks_ = bound(lock, 1, 208);
        partner.mint(funder, 2 * perWeek);
        _fund(1, IERC20(address(partner)), s + 1, 2, perWeek);
        _stake(makeAddr("whale"), 1, amount, weeks_);
        _stake(makeAddr("minnow"), 1, 1 ether, 1);
        vm.warp((s + 3) * WEEK + 1);
        uint256 paid = _claim(makeAddr("whale"), 0)[1] + _claim(makeAddr("minnow"), 0)[1];
        uint256 carried = staking.weekFunding(1, s + 3)[1];
        assertLe(paid + carried, 2 * perWeek, "never more than funded");
        // Both weeks were locked (the whale's lock ends at s + 2 at the earliest): what was not paid is the
        // accumulator's rounding, carried on into week s + 3 rather than lost. At these sizes it is a few thousand
        // wei (a position of weight x loses < x * funding / (WEEK * 2^160) wei per weight change); here it is counted.
        assertGe(paid + carried + 4, 2 * perWeek, "all of it was paid or carried on");
    }
}
