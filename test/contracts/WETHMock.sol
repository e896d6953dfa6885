// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {WETH} from "solady/src/tokens/WETH.sol";

/// @notice Wrapped ether for local chains and tests (Solady's WETH9-compatible implementation).
contract WETHMock is WETH {}
