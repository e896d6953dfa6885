// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test-only event generator for the indexing benchmark (bench/indexing.ts): once funded with an ERC-20, makes
/// many transfers per transaction, each emitting a `Transfer` the indexer handles. Recipients are spread over
/// `holders` pseudo-random addresses, so the first pass creates new holders and later passes update existing ones.
contract TransferFanout {
    error NotOwner();
    error TransferFailed(uint256 index);

    address private immutable _owner = msg.sender;

    /// @notice The `index`-th recipient address (keccak256 of the index, truncated to 20 bytes).
    function recipient(uint256 index) public pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("aethir-bench-holder", index)))));
    }

    /// @notice Sends `amount` of `token` to the recipients `first % holders` ... `(first + count - 1) % holders`.
    function fanOut(IERC20 token, uint256 first, uint256 count, uint256 holders, uint256 amount) external {
        if (msg.sender != _owner) revert NotOwner();
        for (uint256 i = first; i < first + count; ++i) {
            if (!token.transfer(recipient(i % holders), amount)) revert TransferFailed(i);
        }
    }
}
