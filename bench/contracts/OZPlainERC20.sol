// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Benchmark anchor: OpenZeppelin 5's plain ERC-20 (no permit, no votes), same supply as ATH.
contract OZPlainERC20 is ERC20 {
    constructor(address holder, uint256 supply) ERC20("OZ Plain", "OZP") {
        _mint(holder, supply);
    }
}
