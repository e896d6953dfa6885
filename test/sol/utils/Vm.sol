// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The few Foundry-compatible cheatcodes these tests use, as EDR implements them at the standard address.
/// (forge-std is not on npm in a usable form; these declarations match its `Vm` interface.)
interface Vm {
    function warp(uint256 newTimestamp) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert() external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function assume(bool condition) external pure;
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function label(address account, string calldata newLabel) external;
    function deal(address account, uint256 newBalance) external;

    // Added for the genesis, event and signature tests (same signatures as forge-std's Vm).
    /// @notice Checks every topic and the data of the next event against the one emitted right after this call.
    function expectEmit() external;
    /// @notice As `expectEmit()`, and the event must come from `emitter`.
    function expectEmit(address emitter) external;
    /// @notice The account's nonce (for a contract: 1 + the number of contracts it has created).
    function getNonce(address account) external view returns (uint64 nonce);
    /// @notice Overwrites an account's nonce (only upwards).
    function setNonce(address account, uint64 newNonce) external;

    // Added for the referee tests (same signatures as forge-std's Vm).
    /// @notice Signs `digest` with `privateKey` as an EIP-2098 compact signature (yParity in the top bit of `vs`).
    function signCompact(uint256 privateKey, bytes32 digest) external pure returns (bytes32 r, bytes32 vs);
    /// @notice Sets `block.chainid` (a fork that replays transactions under another chain id).
    function chainId(uint256 newChainId) external;

    // Added for the assignment tests (same signatures as forge-std's Vm).
    /// @notice Sets `block.number`.
    function roll(uint256 newHeight) external;
    /// @notice Sets what `blockhash(blockNumber)` returns.
    function setBlockhash(uint256 blockNumber, bytes32 blockHash) external;
}
