// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IRewardPool} from "../../../contracts/interfaces/IRewardPool.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {SteppedRewardPool} from "../../../contracts/pools/SteppedRewardPool.sol";
import {DecayingRewardPool} from "../../../contracts/pools/DecayingRewardPool.sol";
import {Test} from "../utils/Test.sol";

/// @notice The three reward-pool schedules refuse, at construction and with a named error, every parameter that
/// would make a pool unusable (no token, no governance, no guardian), unbounded (views that loop too long) or
/// self-contradictory (a "decay" that grows, early periods that exceed the bucket). The constructor's event is the
/// indexer's only source for the schedule, so its fields are pinned too.
contract RewardPoolConstructorTest is Test {
    IERC20 internal token;
    address internal admin;
    address internal guardian;
    uint64 internal constant START = 1_900_000_000;
    uint256 internal constant ALLOCATION = 1_000 ether;

    function setUp() public {
        token = IERC20(makeAddr("token")); // pools never call the token in their constructor
        admin = makeAddr("timelock");
        guardian = makeAddr("guardian");
    }

    function _zero(bytes32 what) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IRewardPool.ZeroAddress.selector, what);
    }

    // ---------------------------------------------------------------- ZeroAddress, for every pool kind

    function test_Linear_RevertsWhen_AnAddressIsZero() public {
        vm.expectRevert(_zero("token"));
        new LinearRewardPool(IERC20(address(0)), ALLOCATION, START, 100, admin, guardian);
        vm.expectRevert(_zero("admin"));
        new LinearRewardPool(token, ALLOCATION, START, 100, address(0), guardian);
        vm.expectRevert(_zero("guardian"));
        new LinearRewardPool(token, ALLOCATION, START, 100, admin, address(0));
    }

    function test_Stepped_RevertsWhen_AnAddressIsZero() public {
        vm.expectRevert(_zero("token"));
        new SteppedRewardPool(IERC20(address(0)), ALLOCATION, START, 100, 4, admin, guardian);
        vm.expectRevert(_zero("admin"));
        new SteppedRewardPool(token, ALLOCATION, START, 100, 4, address(0), guardian);
        vm.expectRevert(_zero("guardian"));
        new SteppedRewardPool(token, ALLOCATION, START, 100, 4, admin, address(0));
    }

    function test_Decaying_RevertsWhen_AnAddressIsZero() public {
        vm.expectRevert(_zero("token"));
        new DecayingRewardPool(IERC20(address(0)), ALLOCATION, START, 100, 10, 4000, 603, 1000, admin, guardian);
        vm.expectRevert(_zero("admin"));
        new DecayingRewardPool(token, ALLOCATION, START, 100, 10, 4000, 603, 1000, address(0), guardian);
        vm.expectRevert(_zero("guardian"));
        new DecayingRewardPool(token, ALLOCATION, START, 100, 10, 4000, 603, 1000, admin, address(0));
    }

    /// @dev The addresses are checked (in the shared base) before any schedule parameter.
    function test_AddressChecksComeBeforeScheduleChecks() public {
        vm.expectRevert(_zero("token"));
        new DecayingRewardPool(IERC20(address(0)), ALLOCATION, START, 0, 0, 10_001, 2, 1, admin, guardian);
    }

    // ---------------------------------------------------------------- ZeroDuration

    function test_Linear_RevertsWhen_TheDurationIsZero() public {
        vm.expectRevert(IRewardPool.ZeroDuration.selector);
        new LinearRewardPool(token, ALLOCATION, START, 0, admin, guardian);
    }

    function test_Stepped_RevertsWhen_TheStepIsZero() public {
        vm.expectRevert(IRewardPool.ZeroDuration.selector);
        new SteppedRewardPool(token, ALLOCATION, START, 0, 16, admin, guardian);
    }

    function test_Decaying_RevertsWhen_ThePeriodIsZero() public {
        vm.expectRevert(IRewardPool.ZeroDuration.selector);
        new DecayingRewardPool(token, ALLOCATION, START, 0, 10, 4000, 603, 1000, admin, guardian);
    }

    // ---------------------------------------------------------------- PeriodCountOutOfRange

    function test_Stepped_RevertsWhen_TheStepCountIsOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.PeriodCountOutOfRange.selector, 0, 1_000));
        new SteppedRewardPool(token, ALLOCATION, START, 100, 0, admin, guardian);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.PeriodCountOutOfRange.selector, 1_001, 1_000));
        new SteppedRewardPool(token, ALLOCATION, START, 100, 1_001, admin, guardian);
        new SteppedRewardPool(token, ALLOCATION, START, 100, 1_000, admin, guardian); // the bound itself is fine
    }

    function test_Decaying_RevertsWhen_ThePeriodCountIsOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.PeriodCountOutOfRange.selector, 0, 50));
        new DecayingRewardPool(token, ALLOCATION, START, 100, 0, 4000, 603, 1000, admin, guardian);
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.PeriodCountOutOfRange.selector, 51, 50));
        new DecayingRewardPool(token, ALLOCATION, START, 100, 51, 4000, 603, 1000, admin, guardian);
        new DecayingRewardPool(token, ALLOCATION, START, 100, 50, 1000, 603, 1000, admin, guardian);
    }

    // ---------------------------------------------------------------- Decaying-only parameters

    function test_Decaying_RevertsWhen_TheFirstPeriodIsAbove100Percent() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.FirstPeriodBpsTooHigh.selector, 10_001, 10_000));
        new DecayingRewardPool(token, ALLOCATION, START, 100, 10, 10_001, 603, 1000, admin, guardian);
    }

    function test_Decaying_RevertsWhen_TheRatioHasAZeroDenominator() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.DecayRatioInvalid.selector, 603, 0));
        new DecayingRewardPool(token, ALLOCATION, START, 100, 10, 4000, 603, 0, admin, guardian);
    }

    function test_Decaying_RevertsWhen_TheRatioGrows() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.DecayRatioInvalid.selector, 1_001, 1_000));
        new DecayingRewardPool(token, ALLOCATION, START, 100, 10, 1000, 1_001, 1_000, admin, guardian);
    }

    /// @dev Three periods of a flat 60% would place 120% before the last one.
    function test_Decaying_RevertsWhen_EarlyPeriodsExceedTheAllocation() public {
        vm.expectRevert(
            abi.encodeWithSelector(IRewardPool.EarlyPeriodsExceedAllocation.selector, 1_200 ether, ALLOCATION)
        );
        new DecayingRewardPool(token, ALLOCATION, START, 100, 3, 6_000, 1, 1, admin, guardian);
    }

    /// @dev Edge's own curve (40%, then x0.603) sums to 100.76% over infinitely many years, so it only fits a bucket
    /// for at most 10 periods: the 10 early years of an 11-year schedule already place 100.115% of Edge's 9.66e9.
    function test_Decaying_EdgeCurveFitsTenYearsButNotEleven() public {
        uint256 edge = 9_660_000_000 ether;
        new DecayingRewardPool(token, edge, START, 365 days, 10, 4_000, 603, 1_000, admin, guardian);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardPool.EarlyPeriodsExceedAllocation.selector,
                9_671_136_082_820_147_235_421_126_640,
                edge
            )
        );
        new DecayingRewardPool(token, edge, START, 365 days, 11, 4_000, 603, 1_000, admin, guardian);
    }

    /// @dev Exactly 100% before the last period is allowed: the last period then releases nothing.
    function test_Decaying_AcceptsEarlyPeriodsThatFillTheAllocationExactly() public {
        DecayingRewardPool pool = new DecayingRewardPool(
            token,
            ALLOCATION,
            START,
            100,
            3,
            5_000,
            1,
            1,
            admin,
            guardian
        );
        assertEq(pool.unlockedAt(START + 200), ALLOCATION, "full after two periods");
        assertEq(pool.unlockedAt(START + 250), ALLOCATION, "the last period adds nothing");
    }

    /// @dev Boundary values that are allowed: a 100% first period, a ratio of exactly one, a ratio of zero.
    function test_Decaying_AcceptsBoundaryParameters() public {
        new DecayingRewardPool(token, ALLOCATION, START, 100, 1, 10_000, 1, 1, admin, guardian);
        new DecayingRewardPool(token, ALLOCATION, START, 100, 2, 10_000, 1, 1, admin, guardian);
        new DecayingRewardPool(token, ALLOCATION, START, 100, 10, 4_000, 0, 1, admin, guardian);
    }

    // ---------------------------------------------------------------- events and roles

    function test_Linear_EmitsItsSchedule() public {
        vm.expectEmit();
        emit IRewardPool.RewardScheduleCreated(
            IRewardPool.Kind.Linear,
            address(token),
            ALLOCATION,
            START,
            START + 1_000,
            1_000,
            1,
            0,
            0,
            0
        );
        LinearRewardPool pool = new LinearRewardPool(token, ALLOCATION, START, 1_000, admin, guardian);
        assertEq(pool.end(), START + 1_000, "end");
        assertEq(pool.duration(), 1_000, "duration");
    }

    function test_Stepped_EmitsItsSchedule() public {
        vm.expectEmit();
        emit IRewardPool.RewardScheduleCreated(
            IRewardPool.Kind.EqualSteps,
            address(token),
            ALLOCATION,
            START,
            START + 16 * 250,
            250,
            16,
            0,
            0,
            0
        );
        SteppedRewardPool pool = new SteppedRewardPool(token, ALLOCATION, START, 250, 16, admin, guardian);
        assertEq(pool.end(), START + 16 * 250, "end");
    }

    function test_Decaying_EmitsItsSchedule() public {
        vm.expectEmit();
        emit IRewardPool.RewardScheduleCreated(
            IRewardPool.Kind.Decaying,
            address(token),
            ALLOCATION,
            START,
            START + 10 * 365 days,
            365 days,
            10,
            4_000,
            603,
            1_000
        );
        DecayingRewardPool pool = new DecayingRewardPool(
            token,
            ALLOCATION,
            START,
            365 days,
            10,
            4_000,
            603,
            1_000,
            admin,
            guardian
        );
        assertEq(pool.end(), START + 10 * 365 days, "end");
    }

    /// @dev Governance (the timelock) administers, the guardian can pause, and nobody can draw until governance
    /// grants DISTRIBUTOR_ROLE; the deployer keeps no role.
    function test_GrantsOnlyTheAdminAndGuardianRoles() public {
        vm.expectEmit();
        emit IAccessControl.RoleGranted(bytes32(0), admin, address(this));
        vm.expectEmit();
        emit IAccessControl.RoleGranted(keccak256("GUARDIAN_ROLE"), guardian, address(this));
        LinearRewardPool pool = new LinearRewardPool(token, ALLOCATION, START, 1_000, admin, guardian);

        assertEq(pool.DISTRIBUTOR_ROLE(), keccak256("DISTRIBUTOR_ROLE"), "distributor role id");
        assertEq(pool.GUARDIAN_ROLE(), keccak256("GUARDIAN_ROLE"), "guardian role id");
        assertTrue(pool.hasRole(pool.DEFAULT_ADMIN_ROLE(), admin), "admin");
        assertTrue(pool.hasRole(pool.GUARDIAN_ROLE(), guardian), "guardian");
        assertFalse(pool.hasRole(pool.DISTRIBUTOR_ROLE(), admin), "admin is no distributor");
        assertFalse(pool.hasRole(pool.DEFAULT_ADMIN_ROLE(), guardian), "guardian is no admin");
        assertFalse(pool.hasRole(pool.DEFAULT_ADMIN_ROLE(), address(this)), "deployer keeps nothing");
        assertEq(pool.getRoleAdmin(pool.DISTRIBUTOR_ROLE()), pool.DEFAULT_ADMIN_ROLE(), "admin grants distributors");
        assertEq(pool.getRoleAdmin(pool.GUARDIAN_ROLE()), pool.DEFAULT_ADMIN_ROLE(), "admin grants guardians");
        assertEq(address(pool.token()), address(token), "token");
        assertEq(pool.allocation(), ALLOCATION, "allocation");
        assertEq(pool.start(), START, "start");
    }

    /// @dev A schedule ending past the largest uint64 timestamp is refused with a named error, for every kind.
    function test_RevertWhen_ScheduleEndsTooLate() public {
        uint256 steppedEnd = uint256(START) + uint256(type(uint64).max / 2) * 3;
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ScheduleEndTooLate.selector, steppedEnd));
        new SteppedRewardPool(token, ALLOCATION, START, type(uint64).max / 2, 3, admin, guardian);
        uint256 linearEnd = uint256(type(uint64).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ScheduleEndTooLate.selector, linearEnd));
        new LinearRewardPool(token, ALLOCATION, type(uint64).max, 1, admin, guardian);
        uint256 decayingEnd = uint256(START) + uint256(type(uint64).max / 2) * 10;
        vm.expectRevert(abi.encodeWithSelector(IRewardPool.ScheduleEndTooLate.selector, decayingEnd));
        new DecayingRewardPool(token, ALLOCATION, START, type(uint64).max / 2, 10, 4000, 603, 1000, admin, guardian);
    }
}
