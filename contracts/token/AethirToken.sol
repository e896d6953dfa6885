// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IAethirToken} from "../interfaces/IAethirToken.sol";

/// @title AethirToken (ATH)
/// @notice The fixed-supply ERC-20 of the Aethir network: 42,000,000,000 ATH minted once, in the constructor,
/// to the genesis bucket contracts. There is no mint function, no owner and no pause: after deployment nobody
/// holds any privilege over the token.
/// @dev Votes use an ERC-6372 timestamp clock because on Arbitrum `block.number` tracks L1 blocks loosely;
/// every time rule in this protocol is expressed in seconds.
contract AethirToken is ERC20, ERC20Permit, ERC20Votes, IAethirToken {
    /// @notice The whole supply, in wei. Minted once; never changes (there is no burn either, see decisions.md).
    uint256 public constant TOTAL_SUPPLY = 42_000_000_000 ether;

    /// @param allocations Every genesis bucket with its amount; they must add up to exactly `TOTAL_SUPPLY`.
    constructor(Allocation[] memory allocations) ERC20("Aethir Token", "ATH") ERC20Permit("Aethir Token") {
        uint256 placed;
        for (uint256 i; i < allocations.length; ++i) {
            Allocation memory a = allocations[i];
            if (a.recipient.code.length == 0) revert GenesisRecipientNotContract(i, a.recipient);
            placed += a.amount;
            _mint(a.recipient, a.amount);
            emit GenesisAllocation(a.recipient, a.amount);
        }
        if (placed != TOTAL_SUPPLY) revert GenesisSupplyMismatch(placed, TOTAL_SUPPLY);
    }

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice EIP-2612 and vote-delegation signatures share one nonce sequence per owner.
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
