// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC4907A} from "erc721a/contracts/extensions/ERC4907A.sol";
import {ERC721A} from "erc721a/contracts/ERC721A.sol";

/// @notice Benchmark anchor: ERC721A's batch mint, with its ERC-4907 extension for the delegation rows.
contract ERC721AAnchor is ERC4907A {
    constructor() ERC721A("ERC721A Anchor", "A721") {}

    function mintBatch(address to, uint256 quantity) external {
        _mint(to, quantity);
    }

    function nextId() external view returns (uint256) {
        return _nextTokenId();
    }

    function _startTokenId() internal pure override returns (uint256) {
        return 1;
    }
}
