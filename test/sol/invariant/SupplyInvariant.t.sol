// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GenesisInvariantBase} from "./GenesisInvariantBase.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";

/// @notice SPEC §2: the supply is 42,000,000,000 ATH, minted once and never changed; whatever users, vesting
/// releases and pool draws do, every wei stays with a known holder.
contract SupplyInvariantTest is GenesisInvariantBase {
    function invariant_TotalSupplyIsConstant() public view {
        assertEq(token.totalSupply(), T.TOTAL_SUPPLY, "totalSupply");
        // The votes checkpoint of the supply agrees, at every past second of the run.
        uint256 t = handler.currentTime();
        if (t > params.tge) assertEq(token.getPastTotalSupply(t - 1), T.TOTAL_SUPPLY, "past total supply");
    }

    function invariant_HoldersHoldTheWholeSupply() public view {
        uint256 sum;
        for (uint256 i; i < holders.length; ++i) sum += token.balanceOf(holders[i]);
        assertEq(sum, T.TOTAL_SUPPLY, "sum of all holders' balances");
    }
}
