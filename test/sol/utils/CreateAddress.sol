// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The address a CREATE from `deployer` at `nonce` lands on: keccak256(rlp([deployer, nonce]))[12:].
/// Written out here (forge-std's `computeCreateAddress` is not available) because the genesis deploys its pools
/// before the token and has to know where the token will be, exactly as scripts/lib/genesis.ts does with ethers'
/// `getCreateAddress`.
library CreateAddress {
    function compute(address deployer, uint256 nonce) internal pure returns (address) {
        // RLP of an integer: 0 is the empty string (0x80); 1..0x7f is the byte itself; larger values are
        // 0x80 + length followed by the big-endian bytes without leading zeros.
        bytes memory encodedNonce;
        if (nonce == 0) {
            encodedNonce = hex"80";
        } else if (nonce < 0x80) {
            encodedNonce = abi.encodePacked(uint8(nonce));
        } else {
            uint256 length;
            for (uint256 v = nonce; v != 0; v >>= 8) ++length;
            bytes memory be = new bytes(length);
            for (uint256 i; i < length; ++i) be[length - 1 - i] = bytes1(uint8(nonce >> (8 * i)));
            encodedNonce = abi.encodePacked(uint8(0x80 + length), be);
        }
        // The list: 0xc0 + payload length, then the address as a 20-byte string (0x94 = 0x80 + 20), then the nonce.
        bytes memory payload = abi.encodePacked(bytes1(0x94), deployer, encodedNonce);
        bytes32 hash = keccak256(abi.encodePacked(uint8(0xc0 + payload.length), payload));
        return address(uint160(uint256(hash)));
    }
}
