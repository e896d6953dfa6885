// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";

/// @notice ATH's plain ERC-20 surface: every revert is OpenZeppelin's ERC-6093 custom error with its arguments,
/// which wallets and the indexer decode; a balance or allowance is never silently clipped.
contract AethirTokenERC20Test is TokenFixture {
    address internal alice;
    address internal bob;
    address internal spender;

    function setUp() public {
        _deployTokenToSelf();
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        spender = makeAddr("spender");
        token.transfer(alice, 1_000 ether);
    }

    function test_TransferMovesBalanceAndEmits() public {
        vm.expectEmit(address(token));
        emit IERC20.Transfer(alice, bob, 400 ether);
        vm.prank(alice);
        assertTrue(token.transfer(bob, 400 ether), "returns true");
        assertEq(token.balanceOf(alice), 600 ether, "alice");
        assertEq(token.balanceOf(bob), 400 ether, "bob");
        assertEq(token.totalSupply(), T.TOTAL_SUPPLY, "supply unchanged");
    }

    function test_RevertsWhen_TransferExceedsBalance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000 ether, 1_000 ether + 1)
        );
        vm.prank(alice);
        token.transfer(bob, 1_000 ether + 1);
    }

    function test_RevertsWhen_TransferFromAnEmptyAccount() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 1));
        vm.prank(bob);
        token.transfer(alice, 1);
    }

    function test_RevertsWhen_TransferToTheZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        vm.prank(alice);
        token.transfer(address(0), 1);
    }

    /// @dev Unreachable for a real caller; checked so that no path mints or burns through address(0).
    function test_RevertsWhen_TheSenderIsTheZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSender.selector, address(0)));
        vm.prank(address(0));
        token.transfer(alice, 0);
    }

    function test_ApproveSetsAllowanceAndEmits() public {
        vm.expectEmit(address(token));
        emit IERC20.Approval(alice, spender, 7 ether);
        vm.prank(alice);
        token.approve(spender, 7 ether);
        assertEq(token.allowance(alice, spender), 7 ether, "allowance");
    }

    function test_RevertsWhen_ApprovingTheZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidSpender.selector, address(0)));
        vm.prank(alice);
        token.approve(address(0), 1);
    }

    function test_RevertsWhen_TheApproverIsTheZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidApprover.selector, address(0)));
        vm.prank(address(0));
        token.approve(spender, 1);
    }

    function test_TransferFromSpendsAllowance() public {
        vm.prank(alice);
        token.approve(spender, 300 ether);
        vm.prank(spender);
        token.transferFrom(alice, bob, 100 ether);
        assertEq(token.allowance(alice, spender), 200 ether, "allowance spent");
        assertEq(token.balanceOf(bob), 100 ether, "bob");
    }

    function test_RevertsWhen_TransferFromExceedsAllowance() public {
        vm.prank(alice);
        token.approve(spender, 300 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, spender, 300 ether, 300 ether + 1)
        );
        vm.prank(spender);
        token.transferFrom(alice, bob, 300 ether + 1);
    }

    function test_RevertsWhen_TransferFromWithoutAnyAllowance() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, spender, 0, 1));
        vm.prank(spender);
        token.transferFrom(alice, bob, 1);
    }

    /// @dev The allowance is checked first, then the balance: a generous allowance does not conjure tokens.
    function test_RevertsWhen_TransferFromExceedsBalanceWithinAllowance() public {
        vm.prank(alice);
        token.approve(spender, 5_000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1_000 ether, 2_000 ether)
        );
        vm.prank(spender);
        token.transferFrom(alice, bob, 2_000 ether);
    }

    /// @dev An infinite approval is never decreased (OpenZeppelin's convention), and emits no Approval on use.
    function test_InfiniteAllowanceIsNotSpent() public {
        vm.prank(alice);
        token.approve(spender, type(uint256).max);
        vm.prank(spender);
        token.transferFrom(alice, bob, 10 ether);
        assertEq(token.allowance(alice, spender), type(uint256).max, "still infinite");
    }
}
