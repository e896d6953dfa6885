// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title VestingEntries
/// @notice Storage layout of an account's claim state and vesting entries, packed so that a claim writes at most one
/// fresh storage slot and neither claim nor withdraw reads an account's history.
/// @dev One `Account` slot holds what the account has claimed in total, how many entries it has, and its entry 0.
/// Entries 1, 2, ... are packed two per slot: entry i lives in pair (i - 1) / 2, in its low half when i is odd.
/// An entry is 128 bits: the amount still locked (uint96; all of ATH's supply fits) and when it unlocks (uint32
/// seconds, good until 2106). A withdrawn or forfeited entry keeps its unlock time and has amount 0.
library VestingEntries {
    struct Account {
        uint96 claimed; // cumulative leaf amount claimed so far
        uint32 entryCount;
        uint96 firstAmount; // entry 0
        uint32 firstUnlockAt;
    }

    struct Entries {
        mapping(address account => Account) accounts;
        mapping(address account => mapping(uint256 pair => uint256)) pairs;
    }

    uint256 private constant HALF = 128;
    uint256 private constant AMOUNT_MASK = (1 << 96) - 1;

    /// @dev Appends an entry for `account` and records its new cumulative claim; returns the entry's id.
    function append(
        Entries storage self,
        address account,
        uint96 claimed,
        uint96 amount,
        uint32 unlockAt
    ) internal returns (uint256 entryId) {
        Account memory a = self.accounts[account];
        entryId = a.entryCount;
        a.claimed = claimed;
        a.entryCount = uint32(entryId + 1);
        if (entryId == 0) {
            (a.firstAmount, a.firstUnlockAt) = (amount, unlockAt);
        } else {
            (uint256 pair, uint256 shift) = _position(entryId);
            // the other half is either empty (odd id: a fresh slot) or the previous entry
            self.pairs[account][pair] |= _pack(amount, unlockAt) << shift;
        }
        self.accounts[account] = a;
    }

    /// @dev Entry `entryId` of `account`: its locked amount (0 once closed) and unlock time. `exists` is false past
    /// the account's last entry.
    function get(
        Entries storage self,
        address account,
        uint256 entryId
    ) internal view returns (bool exists, uint96 amount, uint32 unlockAt) {
        Account memory a = self.accounts[account];
        if (entryId >= a.entryCount) return (false, 0, 0);
        if (entryId == 0) return (true, a.firstAmount, a.firstUnlockAt);
        (uint256 pair, uint256 shift) = _position(entryId);
        uint256 packed = self.pairs[account][pair] >> shift;
        return (true, uint96(packed & AMOUNT_MASK), uint32((packed >> 96) & type(uint32).max));
    }

    /// @dev Sets entry `entryId`'s locked amount to 0 (withdrawn or forfeited). The caller checked it exists.
    function close(Entries storage self, address account, uint256 entryId) internal {
        if (entryId == 0) {
            self.accounts[account].firstAmount = 0;
        } else {
            (uint256 pair, uint256 shift) = _position(entryId);
            self.pairs[account][pair] &= ~(AMOUNT_MASK << shift);
        }
    }

    function _position(uint256 entryId) private pure returns (uint256 pair, uint256 shift) {
        unchecked {
            pair = (entryId - 1) >> 1;
            shift = ((entryId - 1) & 1) * HALF;
        }
    }

    function _pack(uint96 amount, uint32 unlockAt) private pure returns (uint256) {
        return (uint256(unlockAt) << 96) | amount;
    }
}
