// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IAethirToken
/// @notice Errors and events of the ATH token beyond ERC-20, ERC-2612 and ERC-5805.
interface IAethirToken {
    /// @notice One genesis allocation: `amount` wei of ATH minted to the bucket contract `recipient`.
    struct Allocation {
        address recipient;
        uint256 amount;
    }

    /// @notice The genesis allocations do not add up to the fixed supply, so some wei would be unplaced.
    /// @param placed Sum of the amounts passed to the constructor.
    /// @param supply The fixed supply every deploy must place, 42,000,000,000 ATH.
    error GenesisSupplyMismatch(uint256 placed, uint256 supply);

    /// @notice A genesis bucket must be a deployed contract (vesting wallet or reward pool), never an EOA.
    /// @param index Position of the offending allocation.
    /// @param recipient The address that holds no code.
    error GenesisRecipientNotContract(uint256 index, address recipient);

    /// @notice Emitted once per bucket in the constructor, next to the mint's `Transfer`.
    /// @param recipient The bucket contract.
    /// @param amount The wei placed in it.
    event GenesisAllocation(address indexed recipient, uint256 amount);
}
