// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Votes} from "solady/src/tokens/ERC20Votes.sol";

/// @notice Benchmark anchor: Solady's ERC20Votes on the same timestamp clock as ATH, same supply.
contract SoladyVotesAnchor is ERC20Votes {
    constructor(address holder, uint256 supply) {
        _mint(holder, supply);
    }

    function name() public pure override returns (string memory) {
        return "Solady Votes Anchor";
    }

    function symbol() public pure override returns (string memory) {
        return "SLV";
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }
}
