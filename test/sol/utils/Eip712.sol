// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice EIP-712 digests for ATH's permit (EIP-2612) and vote delegation (ERC-5805), built by hand from the
/// standards' type strings rather than read from the token, so a wrong name, version or type hash in the token
/// would make signatures built here fail.
library Eip712 {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant DELEGATION_TYPEHASH = keccak256(
        "Delegation(address delegatee,uint256 nonce,uint256 expiry)"
    );

    /// @notice The token's domain: name "Aethir Token", version "1", this chain, the token's address.
    function domainSeparator(address token) internal view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("Aethir Token"), keccak256("1"), block.chainid, token));
    }

    function permitDigest(
        address token,
        address owner,
        address spender,
        uint256 value,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(token), structHash));
    }

    function delegationDigest(
        address token,
        address delegatee,
        uint256 nonce,
        uint256 expiry
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(token), structHash));
    }
}
