// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";

/// @notice A Merkle tree of compute-reward leaves with sorted-pair hashing, as OpenZeppelin's MerkleProof (and so
/// StandardMerkleTree's proofs) verifies: each layer pairs neighbours and carries an odd last node up unchanged.
library ComputeTree {
    /// @dev StandardMerkleTree's leaf of `(address, uint256, uint256)`: the double keccak of the ABI encoding.
    function leaf(
        address account,
        uint256 cumulativeEdge,
        uint256 cumulativeEnterprise
    ) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeEdge, cumulativeEnterprise))));
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory layer = leaves;
        while (layer.length > 1) layer = _up(layer);
        return layer[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory path) {
        path = new bytes32[](64);
        uint256 depth;
        bytes32[] memory layer = leaves;
        while (layer.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < layer.length) path[depth++] = layer[sibling];
            layer = _up(layer);
            index /= 2;
        }
        assembly {
            mstore(path, depth)
        }
    }

    function _up(bytes32[] memory layer) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((layer.length + 1) / 2);
        for (uint256 i; i < next.length; ++i) {
            next[i] =
                2 * i + 1 < layer.length ? Hashes.commutativeKeccak256(layer[2 * i], layer[2 * i + 1]) : layer[2 * i];
        }
    }
}
