// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {AethirToken} from "../../../contracts/token/AethirToken.sol";
import {IAethirToken} from "../../../contracts/interfaces/IAethirToken.sol";
import {IRewardPool} from "../../../contracts/interfaces/IRewardPool.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {Test} from "../utils/Test.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";
import {CreateAddress} from "../utils/CreateAddress.sol";

/// @notice What governance relies on in every reward pool (the logic lives in the shared RewardPool base, so one
/// linear pool stands for all four): only distributors draw, never above the schedule plus returns, never while
/// paused; the guardian can pause but not unpause, grant or draw; every draw and return is an event.
contract RewardPoolDrawsTest is Test {
    uint64 internal constant START = 2_000_000_000;
    uint64 internal constant DURATION = 1_000;
    uint256 internal constant ALLOCATION = 1_000 ether; // 1 ATH per second

    AethirToken internal token;
    LinearRewardPool internal pool;
    address internal admin; // stands in for the timelock
    address internal guardian;
    address internal distributor;
    address internal recipient;
    address internal stranger;
    bytes32 internal distributorRole;
    bytes32 internal guardianRole;

    function setUp() public {
        vm.warp(START - 1 days);
        admin = makeAddr("timelock");
        guardian = makeAddr("guardian");
        distributor = makeAddr("distributor");
        recipient = makeAddr("recipient");
        stranger = makeAddr("stranger");

        // The pool needs the token's address first, as in the genesis: predict it from this contract's nonce.
        address predicted = CreateAddress.compute(address(this), vm.getNonce(address(this)) + 1);
        pool = new LinearRewardPool(IERC20(predicted), ALLOCATION, START, DURATION, admin, guardian);
        IAethirToken.Allocation[] memory list = new IAethirToken.Allocation[](2);
        list[0] = IAethirToken.Allocation(address(pool), ALLOCATION);
        list[1] = IAethirToken.Allocation(address(this), T.TOTAL_SUPPLY - ALLOCATION);
        token = new AethirToken(list);
        assertEq(address(token), predicted, "predicted token");

        distributorRole = pool.DISTRIBUTOR_ROLE();
        guardianRole = pool.GUARDIAN_ROLE();
        vm.prank(admin);
        pool.grantRole(distributorRole, distributor);
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _draw(uint256 amount) internal {
        vm.prank(distributor);
        pool.draw(recipient, amount);
    }

    // ---------------------------------------------------------------- who may draw

    function test_RevertsWhen_AStrangerDraws() public {
        vm.warp(START + DURATION);
        vm.expectRevert(_unauthorized(stranger, distributorRole));
        vm.prank(stranger);
        pool.draw(stranger, 1);
    }

    /// @dev Governance itself must authorize a distributor contract; holding the admin role is not enough.
    function test_RevertsWhen_TheAdminDrawsWithoutTheRole() public {
        vm.warp(START + DURATION);
        vm.expectRevert(_unauthorized(admin, distributorRole));
        vm.prank(admin);
        pool.draw(admin, 1);
    }

    /// @dev SPEC §9: the guardian can pause and veto but not move funds.
    function test_RevertsWhen_TheGuardianDraws() public {
        vm.warp(START + DURATION);
        vm.expectRevert(_unauthorized(guardian, distributorRole));
        vm.prank(guardian);
        pool.draw(guardian, 1);
    }

    function test_RevertsWhen_TheGuardianGrantsItselfTheDistributorRole() public {
        vm.expectRevert(_unauthorized(guardian, bytes32(0)));
        vm.prank(guardian);
        pool.grantRole(distributorRole, guardian);
    }

    function test_RevertsWhen_ARevokedDistributorDraws() public {
        vm.warp(START + DURATION);
        vm.prank(admin);
        pool.revokeRole(distributorRole, distributor);
        vm.expectRevert(_unauthorized(distributor, distributorRole));
        _draw(1);
    }

    // ---------------------------------------------------------------- what may be drawn

    function test_RevertsWhen_DrawingToTheZeroAddress() public {
        vm.warp(START + DURATION);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ZeroAddress.selector, bytes32("to")));
        vm.prank(distributor);
        pool.draw(address(0), 1);
    }

    function test_RevertsWhen_DrawingZero() public {
        vm.warp(START + DURATION);
        vm.expectRevert(IRewardPool.ZeroAmount.selector);
        _draw(0);
    }

    function test_RevertsWhen_DrawingBeforeTheStart() public {
        vm.warp(START - 1);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, 1, 0));
        _draw(1);
    }

    function test_RevertsWhen_DrawingAboveTheSchedule() public {
        vm.warp(START + 250);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, 250 ether + 1, 250 ether));
        _draw(250 ether + 1);
    }

    function test_RevertsWhen_DrawingTheSameReleaseTwice() public {
        vm.warp(START + 250);
        _draw(250 ether);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, 1, 0));
        _draw(1);
    }

    function test_RevertsWhen_DrawingAboveTheAllocationAfterTheEnd() public {
        vm.warp(START + 100 * DURATION);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, ALLOCATION + 1, ALLOCATION));
        _draw(ALLOCATION + 1);
    }

    function test_DrawPaysTheRecipientAndEmits() public {
        vm.warp(START + 250);
        assertEq(pool.releasable(), 250 ether, "releasable");
        vm.expectEmit(address(pool));
        emit IRewardPool.Drawn(distributor, recipient, 100 ether);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(address(pool), recipient, 100 ether);
        _draw(100 ether);
        assertEq(token.balanceOf(recipient), 100 ether, "recipient");
        assertEq(token.balanceOf(address(pool)), ALLOCATION - 100 ether, "pool");
        assertEq(pool.drawn(), 100 ether, "drawn");
        assertEq(pool.releasable(), 150 ether, "the rest stays drawable");
        assertEq(pool.releasableAt(START + 500), 400 ether, "and grows on schedule");
    }

    function test_DrawsTheWholeAllocationOverTime() public {
        vm.warp(START + DURATION / 2);
        _draw(ALLOCATION / 2);
        vm.warp(START + DURATION);
        _draw(ALLOCATION / 2);
        assertEq(token.balanceOf(address(pool)), 0, "empty");
        assertEq(pool.releasable(), 0, "nothing left");
    }

    // ---------------------------------------------------------------- returns

    function test_RevertsWhen_ReturningZero() public {
        vm.expectRevert(IRewardPool.ZeroAmount.selector);
        vm.prank(recipient);
        pool.returnFunds(0);
    }

    function test_RevertsWhen_ReturningWithoutAllowance() public {
        vm.warp(START + DURATION);
        _draw(10 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, 10 ether)
        );
        vm.prank(recipient);
        pool.returnFunds(10 ether);
    }

    function test_RevertsWhen_ReturningMoreThanTheBalance() public {
        vm.prank(stranger);
        token.approve(address(pool), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, stranger, 0, 1 ether));
        vm.prank(stranger);
        pool.returnFunds(1 ether);
    }

    /// @dev Returned funds (e.g. a forfeited 75% of a short-vesting claim) are drawable again at once.
    function test_ReturnPullsFundsEmitsAndMakesThemDrawableAgain() public {
        vm.warp(START + 100);
        _draw(100 ether);
        assertEq(pool.releasable(), 0, "all drawn");
        vm.prank(recipient);
        token.approve(address(pool), 75 ether);

        vm.expectEmit(address(pool));
        emit IRewardPool.Returned(recipient, 75 ether);
        vm.expectEmit(address(token));
        emit IERC20.Transfer(recipient, address(pool), 75 ether);
        vm.prank(recipient);
        pool.returnFunds(75 ether);

        assertEq(pool.returned(), 75 ether, "returned");
        assertEq(token.balanceOf(address(pool)), ALLOCATION - 25 ether, "pool balance");
        assertEq(pool.releasable(), 75 ether, "drawable again");
        _draw(75 ether);
    }

    /// @dev Anyone may return funds, even before the schedule starts; they are drawable beyond the schedule.
    function test_AnyoneMayTopUpThroughReturnFunds() public {
        token.approve(address(pool), 5 ether);
        pool.returnFunds(5 ether);
        vm.warp(START - 1);
        assertEq(pool.releasable(), 5 ether, "a top-up is drawable before the start");
        _draw(5 ether);
    }

    /// @dev QUESTIONABLE: ATH sent to a pool by plain transfer (not through returnFunds) is never drawable: it is
    /// outside `allocation + returned - drawn` and no function can move it, so it stays locked for good.
    function test_Quirk_PlainTransfersIntoAPoolAreLockedForever() public {
        token.transfer(address(pool), 5 ether);
        vm.warp(START + 100 * DURATION);
        assertEq(pool.releasable(), ALLOCATION, "the transfer is not counted");
        _draw(ALLOCATION);
        assertEq(token.balanceOf(address(pool)), 5 ether, "left behind");
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ExceedsReleasable.selector, 5 ether, 0));
        _draw(5 ether);
    }

    // ---------------------------------------------------------------- pause

    function test_GuardianPausesAndOnlyGovernanceUnpauses() public {
        vm.warp(START + DURATION);
        vm.expectEmit(address(pool));
        emit Pausable.Paused(guardian);
        vm.prank(guardian);
        pool.pause();
        assertTrue(pool.paused(), "paused");

        vm.expectRevert(Pausable.EnforcedPause.selector);
        _draw(1);

        vm.expectRevert(_unauthorized(guardian, bytes32(0)));
        vm.prank(guardian);
        pool.unpause();

        vm.expectEmit(address(pool));
        emit Pausable.Unpaused(admin);
        vm.prank(admin);
        pool.unpause();
        _draw(1);
    }

    function test_RevertsWhen_AStrangerPauses() public {
        vm.expectRevert(_unauthorized(stranger, guardianRole));
        vm.prank(stranger);
        pool.pause();
    }

    /// @dev The admin (timelock) holds no guardian role: pausing is the guardian's fast path only.
    function test_RevertsWhen_TheAdminPauses() public {
        vm.expectRevert(_unauthorized(admin, guardianRole));
        vm.prank(admin);
        pool.pause();
    }

    function test_RevertsWhen_AStrangerUnpauses() public {
        vm.prank(guardian);
        pool.pause();
        vm.expectRevert(_unauthorized(stranger, bytes32(0)));
        vm.prank(stranger);
        pool.unpause();
    }

    function test_RevertsWhen_PausingTwice() public {
        vm.prank(guardian);
        pool.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(guardian);
        pool.pause();
    }

    function test_RevertsWhen_UnpausingAnUnpausedPool() public {
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vm.prank(admin);
        pool.unpause();
    }

    /// @dev The role check runs before the pause check: a stranger learns nothing new from a paused pool.
    function test_RevertsWhen_AStrangerDrawsFromAPausedPool() public {
        vm.prank(guardian);
        pool.pause();
        vm.expectRevert(_unauthorized(stranger, distributorRole));
        vm.prank(stranger);
        pool.draw(stranger, 1);
    }

    /// @dev A pause stops payouts only: returns still go in, and the schedule keeps accruing meanwhile.
    function test_ReturnsWorkAndTheScheduleAccruesWhilePaused() public {
        vm.warp(START + 100);
        _draw(100 ether);
        vm.prank(guardian);
        pool.pause();
        vm.prank(recipient);
        token.approve(address(pool), 40 ether);
        vm.prank(recipient);
        pool.returnFunds(40 ether);
        vm.warp(START + 300);
        assertEq(pool.releasable(), 240 ether, "200 accrued + 40 returned");
        vm.prank(admin);
        pool.unpause();
        _draw(240 ether);
    }
}
