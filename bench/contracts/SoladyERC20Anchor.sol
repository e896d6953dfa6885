// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "solady/src/tokens/ERC20.sol";

/// @notice Benchmark anchor: Solady's ERC-20 (permit built in), same supply as ATH.
contract SoladyERC20Anchor is ERC20 {
    constructor(address holder, uint256 supply) {
        _mint(holder, supply);
    }

    function name() public pure override returns (string memory) {
        return "Solady Anchor";
    }

    function symbol() public pure override returns (string memory) {
        return "SLD";
    }
}
