// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";

/// @notice Benchmark anchor: OpenZeppelin 5's ERC721Enumerable, minting a batch with a loop of `_mint`.
contract OZERC721EnumerableAnchor is ERC721Enumerable {
    uint256 private _next = 1;

    constructor() ERC721("OZ Enumerable Anchor", "OZ721E") {}

    function mintBatch(address to, uint256 quantity) external {
        uint256 id = _next;
        for (uint256 i; i < quantity; ++i) _mint(to, id + i);
        _next = id + quantity;
    }

    function nextId() external view returns (uint256) {
        return _next;
    }
}
