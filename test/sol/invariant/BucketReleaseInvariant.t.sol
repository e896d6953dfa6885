// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {GenesisInvariantBase} from "./GenesisInvariantBase.sol";
import {GenesisSchedules as G} from "../utils/GenesisSchedules.sol";

/// @notice No genesis bucket ever pays out more than its allocation, nor more than its schedule (SPEC §2) allows
/// at the current time, whatever order releases, draws, returns and pauses come in.
contract BucketReleaseInvariantTest is GenesisInvariantBase {
    /// @dev Vesting: released <= vestedAmount(now) == the spec's schedule at now <= allocation, and the ledger
    /// (released + balance) still adds up to the allocation.
    function invariant_VestingNeverReleasesAheadOfSchedule() public view {
        uint256 now_ = handler.currentTime();
        VestingWallet[6] memory w = vestings();
        for (uint256 i; i < 6; ++i) {
            uint256 released = w[i].released(address(token));
            uint256 vested = w[i].vestedAmount(address(token), uint64(now_));
            uint256 allocation = G.vestingAllocation(i);
            assertLe(released, vested, "released <= vested now");
            assertEq(vested, G.vestingAt(i, params.tge, now_), "vested now == the spec's schedule");
            assertLe(vested, allocation, "vested <= allocation");
            assertEq(released, handler.ghostReleased(address(w[i])), "released == what releases paid");
            assertEq(token.balanceOf(address(w[i])) + released, allocation, "balance + released == allocation");
        }
    }

    /// @dev Pools: drawn - returned <= unlockedAt(now) == the spec's schedule at now <= allocation, and the pool's
    /// balance is exactly allocation + returned - drawn.
    function invariant_PoolsNeverPayAheadOfSchedule() public view {
        uint256 now_ = handler.currentTime();
        RewardPool[4] memory p = pools();
        for (uint256 i; i < 4; ++i) {
            uint256 drawn = p[i].drawn();
            uint256 returned = p[i].returned();
            uint256 unlocked = p[i].unlockedAt(now_);
            uint256 allocation = G.poolAllocation(i);
            assertLe(drawn, unlocked + returned, "drawn - returned <= unlocked now");
            assertEq(unlocked, G.poolAt(i, params.tge, now_), "unlocked now == the spec's schedule");
            assertLe(unlocked, allocation, "unlocked <= allocation");
            assertEq(drawn, handler.ghostDrawn(address(p[i])), "drawn == what draws paid");
            assertEq(returned, handler.ghostReturned(address(p[i])), "returned == what returns brought");
            assertEq(token.balanceOf(address(p[i])) + drawn, allocation + returned, "pool ledger");
        }
    }

    /// @dev Every attempt to draw above releasable was refused, with ExceedsReleasable(amount, releasable).
    function invariant_OverdrawsAreRefusedWithTheExactError() public view {
        assertEq(handler.overdrawsAccepted(), 0, "an overdraw went through");
        assertEq(handler.overdrawsMisreported(), 0, "an overdraw failed with another error");
    }
}
