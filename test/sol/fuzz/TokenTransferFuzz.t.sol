// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";

/// @notice ATH transfers between accounts derived from random private keys, with random amounts: balances move by
/// exactly the amount or not at all (with the exact ERC-6093 error), the supply never changes, and delegated votes
/// follow the balances.
contract TokenTransferFuzzTest is TokenFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function setUp() public {
        _deployTokenToSelf();
    }

    function _account(uint256 keySeed) internal pure returns (address) {
        return vm.addr(bound(keySeed, 1, SECP256K1_N - 1));
    }

    function testFuzz_TransferMovesExactlyTheAmountOrReverts(
        uint256 fromKey,
        uint256 toKey,
        uint256 funded,
        uint256 amount
    ) public {
        address from = _account(fromKey);
        address to = _account(toKey);
        funded = bound(funded, 0, T.TOTAL_SUPPLY);
        amount = bound(amount, 0, funded + funded / 2 + 1); // about a third of the runs overdraw
        token.transfer(from, funded);

        if (amount > funded) {
            vm.expectRevert(
                abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, from, funded, amount)
            );
            vm.prank(from);
            token.transfer(to, amount);
            assertEq(token.balanceOf(from), funded, "unchanged after the revert");
            return;
        }
        vm.prank(from);
        token.transfer(to, amount);
        if (from == to) {
            assertEq(token.balanceOf(from), funded, "a self-transfer changes nothing");
        } else {
            assertEq(token.balanceOf(from), funded - amount, "sender");
            assertEq(token.balanceOf(to), amount, "receiver");
        }
        assertEq(token.totalSupply(), T.TOTAL_SUPPLY, "supply");
        assertEq(
            token.balanceOf(address(this)) + token.balanceOf(from) + (from == to ? 0 : token.balanceOf(to)),
            T.TOTAL_SUPPLY,
            "conservation"
        );
    }

    function testFuzz_TransferFromRespectsAllowanceThenBalance(
        uint256 ownerKey,
        uint256 spenderKey,
        uint256 funded,
        uint256 allowance,
        uint256 amount
    ) public {
        address owner = _account(ownerKey);
        address spender = _account(spenderKey);
        address to = makeAddr("to");
        funded = bound(funded, 0, T.TOTAL_SUPPLY);
        allowance = bound(allowance, 0, 2 * T.TOTAL_SUPPLY);
        if (allowance == 2 * T.TOTAL_SUPPLY) allowance = type(uint256).max; // the infinite approval too
        amount = bound(amount, 0, 2 * T.TOTAL_SUPPLY);
        token.transfer(owner, funded);
        vm.prank(owner);
        token.approve(spender, allowance);

        // The allowance is checked before the balance, so an overdraw of both names the allowance.
        if (amount > allowance) {
            vm.expectRevert(
                abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, spender, allowance, amount)
            );
            vm.prank(spender);
            token.transferFrom(owner, to, amount);
        } else if (amount > funded) {
            vm.expectRevert(
                abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, owner, funded, amount)
            );
            vm.prank(spender);
            token.transferFrom(owner, to, amount);
        } else {
            vm.prank(spender);
            token.transferFrom(owner, to, amount);
            assertEq(token.balanceOf(to), amount, "received");
            assertEq(token.balanceOf(owner), funded - amount, "left");
            uint256 expectedAllowance = allowance == type(uint256).max ? allowance : allowance - amount;
            assertEq(token.allowance(owner, spender), expectedAllowance, "allowance spent");
            return;
        }
        assertEq(token.balanceOf(owner), funded, "nothing moved");
        assertEq(token.allowance(owner, spender), allowance, "nothing spent");
    }

    /// @dev With both sides delegating, votes move with every transfer and always equal the balances.
    function testFuzz_DelegatedVotesFollowTransfers(
        uint256 aKey,
        uint256 bKey,
        uint256 funded,
        uint256 amount,
        bool delegateToOther
    ) public {
        address a = _account(aKey);
        address b = _account(bKey);
        vm.assume(a != b);
        funded = bound(funded, 0, T.TOTAL_SUPPLY);
        amount = bound(amount, 0, funded);
        token.transfer(a, funded);
        vm.prank(a);
        token.delegate(delegateToOther ? b : a);
        vm.prank(b);
        token.delegate(b);
        vm.prank(a);
        token.transfer(b, amount);

        if (delegateToOther) {
            assertEq(token.getVotes(a), 0, "a delegated away");
            assertEq(token.getVotes(b), funded, "b votes for both balances");
        } else {
            assertEq(token.getVotes(a), funded - amount, "a's votes");
            assertEq(token.getVotes(b), amount, "b's votes");
        }
    }
}
