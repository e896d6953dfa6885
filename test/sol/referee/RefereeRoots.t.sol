// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {IRewardClaims} from "../../../contracts/interfaces/IRewardClaims.sol";
import {RewardClaims} from "../../../contracts/claims/RewardClaims.sol";
import {CheckerLicense} from "../../../contracts/license/CheckerLicense.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {ClaimsFixture, Tree4} from "../claims/ClaimsFixture.sol";
import {RefereeFixture} from "./RefereeFixture.sol";

/// @notice Stands in for RewardClaims where only `pendingReturns` is read: the returns it owes the base pool.
contract MockPendingReturns {
    uint256 public pendingReturns;

    function set(uint256 amount) external {
        pendingReturns = amount;
    }
}

/// @notice Reward roots and governance: the cap is what the checker pools released by the epoch's end plus what was
/// returned to them, pending returns of the claims contract included (issue 11, attack 3: returned rewards were
/// stranded); the claims contract is named once; deployment and role checks, each with its exact error.
contract RefereeRootsTest is RefereeFixture {
    MockPendingReturns internal pending;

    function setUp() public {
        _deployReferee();
        pending = new MockPendingReturns();
        token.approve(address(basePool), type(uint256).max);
        token.approve(address(bonusPool), type(uint256).max);
        vm.warp(TGE + 1 days); // epoch 0 is over: the base pool released 1,000 ATH by its end
    }

    function _post(uint64 epoch, uint256 total) internal {
        vm.prank(refereeAccount);
        referee.postRoot(epoch, keccak256(abi.encode("root", epoch)), total, "ipfs://report");
    }

    function test_ARootIsCappedByWhatThePoolsReleased() public {
        uint256 released = basePool.unlockedAt(TGE + 1 days) + bonusPool.unlockedAt(TGE + 1 days);
        assertEq(released, 1_000 ether, "a day of the base pool");
        vm.prank(refereeAccount);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.RootExceedsEmission.selector, released + 1, released, 0)
        );
        referee.postRoot(0, keccak256("root"), released + 1, "ipfs://report");
        _post(0, released);
    }

    /// Attack 3 of issue 11, from the side of the rewards the pools got back: before, a root could never re-emit them.
    function test_ReturnedRewardsCanBeEmittedAgain() public {
        basePool.returnFunds(300 ether);
        bonusPool.returnFunds(200 ether);
        assertEq(referee.returnedToPools(), 500 ether, "both pools' returns");
        vm.prank(refereeAccount);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICheckerReferee.RootExceedsEmission.selector,
                1_500 ether + 1,
                1_000 ether,
                500 ether
            )
        );
        referee.postRoot(0, keccak256("root"), 1_500 ether + 1, "ipfs://report");
        _post(0, 1_500 ether); // above what was released, within released + returned
        (, uint256 total, , ) = referee.roots(0);
        assertEq(total, 1_500 ether, "posted");
    }

    /// Roots in order, each after the previous one is final; a vetoed root is posted again (the cap read anew).
    function test_RootsAreInOrderAndVetoable() public {
        uint64 finalAt = uint64(block.timestamp + 1 days);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.RootPosted(
            0,
            keccak256(abi.encode("root", uint64(0))),
            600 ether,
            "ipfs://report",
            finalAt
        );
        _post(0, 600 ether);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.EpochNotNext.selector, 0, 1));
        referee.postRoot(0, keccak256("again"), 600 ether, "ipfs://report");
        vm.warp(TGE + 2 days - 1);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.EpochNotOver.selector, 1, TGE + 2 days));
        referee.postRoot(1, keccak256("root 1"), 600 ether, "ipfs://report");

        vm.expectEmit(address(referee));
        emit ICheckerReferee.RootVetoed(0, guardian);
        vm.prank(guardian);
        referee.vetoRoot(0);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.NoRoot.selector, 0));
        referee.vetoRoot(0);
        assertEq(referee.nextEpoch(), 0, "epoch 0 again");
        // The re-post is capped by what was released by epoch 0's end and what was returned by now.
        basePool.returnFunds(100 ether);
        vm.prank(refereeAccount);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICheckerReferee.RootExceedsEmission.selector,
                1_100 ether + 1,
                1_000 ether,
                100 ether
            )
        );
        referee.postRoot(0, keccak256("root"), 1_100 ether + 1, "ipfs://report");
        _post(0, 1_100 ether);

        vm.warp(TGE + 2 days);
        vm.prank(refereeAccount);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.PreviousRootNotFinal.selector, 0, TGE + 3 days - 1));
        referee.postRoot(1, keccak256("root 1"), 1_100 ether, "ipfs://report");
        vm.warp(TGE + 3 days - 1);
        vm.prank(refereeAccount);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.CumulativeTotalDecreased.selector, 1_100 ether - 1, 1_100 ether)
        );
        referee.postRoot(1, keccak256("root 1"), 1_100 ether - 1, "ipfs://report");
        _post(1, 1_100 ether);
        (uint64 epoch, , uint256 total) = referee.finalRoot();
        assertEq(epoch, 0, "epoch 0's root is the final one");
        assertEq(total, 1_100 ether, "its total");
    }

    function test_PendingReturnsOfTheClaimsContractCount() public {
        pending.set(250 ether);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.RewardClaimsSet(address(pending));
        referee.setRewardClaims(IRewardClaims(address(pending)));
        assertEq(address(referee.rewardClaims()), address(pending), "named");
        basePool.returnFunds(50 ether);
        assertEq(referee.returnedToPools(), 300 ether, "pool returns and pending returns");
        vm.prank(refereeAccount);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICheckerReferee.RootExceedsEmission.selector,
                1_300 ether + 1,
                1_000 ether,
                300 ether
            )
        );
        referee.postRoot(0, keccak256("root"), 1_300 ether + 1, "ipfs://report");
        _post(0, 1_300 ether);
    }

    function test_RevertsWhen_TheClaimsContractIsSetTwiceOrZero() public {
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.ZeroAddress.selector, bytes32("rewardClaims")));
        referee.setRewardClaims(IRewardClaims(address(0)));
        bytes32 admin = referee.DEFAULT_ADMIN_ROLE();
        vm.prank(refereeAccount);
        vm.expectRevert(_unauthorized(refereeAccount, admin));
        referee.setRewardClaims(IRewardClaims(address(pending)));
        referee.setRewardClaims(IRewardClaims(address(pending)));
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.RewardClaimsAlreadySet.selector, address(pending)));
        referee.setRewardClaims(IRewardClaims(address(0xC1A1)));
    }

    function test_RevertsWhen_ADeploymentAddressIsZero() public {
        CheckerLicense l = license;
        RewardPool b = basePool;
        RewardPool p = bonusPool;
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.ZeroAddress.selector, bytes32("admin")));
        new CheckerReferee(address(0), refereeAccount, guardian, l, b, p, TGE);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.ZeroAddress.selector, bytes32("referee")));
        new CheckerReferee(address(this), address(0), guardian, l, b, p, TGE);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.ZeroAddress.selector, bytes32("guardian")));
        new CheckerReferee(address(this), refereeAccount, address(0), l, b, p, TGE);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.ZeroAddress.selector, bytes32("license")));
        new CheckerReferee(address(this), refereeAccount, guardian, CheckerLicense(address(0)), b, p, TGE);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.ZeroAddress.selector, bytes32("basePool")));
        new CheckerReferee(address(this), refereeAccount, guardian, l, RewardPool(address(0)), p, TGE);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.ZeroAddress.selector, bytes32("bonusPool")));
        new CheckerReferee(address(this), refereeAccount, guardian, l, b, RewardPool(address(0)), TGE);
    }

    /// Each role's functions refuse every other account, named with the role it lacks.
    function test_RevertsWhen_AnAccountLacksTheRole() public {
        bytes32 refereeRole = referee.REFEREE_ROLE();
        bytes32 guardianRole = referee.GUARDIAN_ROLE();
        bytes32 admin = referee.DEFAULT_ADMIN_ROLE();
        vm.startPrank(stranger);
        vm.expectRevert(_unauthorized(stranger, refereeRole));
        referee.postRoot(0, keccak256("root"), 1, "ipfs://report");
        vm.expectRevert(_unauthorized(stranger, refereeRole));
        referee.commitSeed(5, keccak256("c"));
        vm.expectRevert(_unauthorized(stranger, refereeRole));
        referee.postAssignment(5, keccak256("root"), 1, ASSIGNMENT_URI);
        vm.expectRevert(_unauthorized(stranger, guardianRole));
        referee.vetoRoot(0);
        vm.expectRevert(_unauthorized(stranger, guardianRole));
        referee.vetoAssignment(5);
        vm.expectRevert(_unauthorized(stranger, admin));
        referee.setN(3);
        vm.expectRevert(_unauthorized(stranger, admin));
        referee.setChallengeWindow(2 days);
        vm.expectRevert(_unauthorized(stranger, admin));
        referee.setAssignmentWindow(2 hours);
        vm.expectRevert(_unauthorized(stranger, admin));
        referee.setRewardClaims(IRewardClaims(address(pending)));
        vm.stopPrank();
        // The referee service is not governance, nor the guardian the referee.
        vm.prank(refereeAccount);
        vm.expectRevert(_unauthorized(refereeAccount, admin));
        referee.setN(3);
        vm.prank(guardian);
        vm.expectRevert(_unauthorized(guardian, refereeRole));
        referee.postRoot(0, keccak256("root"), 1, "ipfs://report");
    }

    function test_GovernanceBoundsNAndTheChallengeWindow() public {
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.QuorumOutOfRange.selector, 0, 10));
        referee.setN(0);
        vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.QuorumOutOfRange.selector, 11, 10));
        referee.setN(11);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.QuorumSet(10);
        referee.setN(10);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.ChallengeWindowOutOfRange.selector, 1 hours - 1, 1 hours, 7 days)
        );
        referee.setChallengeWindow(1 hours - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.ChallengeWindowOutOfRange.selector, 7 days + 1, 1 hours, 7 days)
        );
        referee.setChallengeWindow(7 days + 1);
        vm.expectEmit(address(referee));
        emit ICheckerReferee.ChallengeWindowSet(7 days);
        referee.setChallengeWindow(7 days);
    }
}

/// @notice Attack 3 of issue 11 end to end, on the real referee, claims contract and pools of ClaimsFixture (the base
/// pool releases 10 ATH a day): a 30-day claim owes 75% back to the base pool; while that return is still pending in
/// RewardClaims, and after it is settled into the pool, a later epoch's root may count it above what the pools
/// released, and it is paid out again, to the wei.
contract ReturnedRewardsReemittedTest is ClaimsFixture {
    CheckerReferee internal realReferee;
    RewardClaims internal realClaims;
    address internal service;

    function setUp() public {
        _deployClaims();
        service = makeAddr("referee service");
        vm.warp(START);
        realReferee = new CheckerReferee(
            address(this),
            service,
            guardian,
            CheckerLicense(address(0x11CE)), // roots never read the license
            basePool,
            bonusPool,
            START
        );
        realClaims = new RewardClaims(
            admin,
            IERC20(address(token)),
            realReferee,
            basePool,
            bonusPool,
            compliance,
            treasury
        );
        _grantDistributor(basePool, address(realClaims));
        _grantDistributor(bonusPool, address(realClaims));
    }

    function _amountsOf(uint256 alice, uint256 bob) internal pure returns (uint256[4] memory a) {
        (a[0], a[1]) = (alice, bob);
    }

    /// @dev Posts epoch `epoch`'s root at the epoch's end (the previous root, posted a day earlier, is final then).
    function _postAtEnd(uint64 epoch, uint256[4] memory amounts) internal {
        vm.warp(START + (uint256(epoch) + 1) * 1 days);
        vm.prank(service);
        realReferee.postRoot(epoch, Tree4.root(accounts, amounts), Tree4.sum(amounts), "ipfs://report");
    }

    function test_AReturnedClaimIsPaidAgainInALaterEpoch() public {
        address alice = accounts[0];
        address bob = accounts[1];
        _postAtEnd(0, _amountsOf(10 ether, 0));
        _postAtEnd(1, _amountsOf(20 ether, 0));
        _postAtEnd(2, _amountsOf(30 ether, 0)); // all the base pool released by epoch 2's end
        vm.warp(block.timestamp + 1 days);
        realClaims.sync();
        vm.prank(alice);
        realClaims.claim(
            30 ether,
            Tree4.proof(accounts, _amountsOf(30 ether, 0), 0),
            IRewardClaims.Option.Quarter30Days
        );
        uint256 returned = ((30 ether - 5 ether) * 7_500) / 10_000;
        assertEq(realClaims.pendingReturns(), returned, "75% of the net claim owed back: 18.75 ATH");

        // Not counted until governance names the claims contract.
        assertEq(realReferee.returnedToPools(), 0, "not named yet");
        realReferee.setRewardClaims(realClaims);
        assertEq(realReferee.returnedToPools(), returned, "pending returns count");

        // Epoch 4 ends at START + 5 days: 50 ATH released; with the pending return, 68.75 ATH may be owed.
        _postAtEnd(3, _amountsOf(30 ether, 0));
        uint256 released = 50 ether;
        uint256 cap = released + returned;
        vm.warp(START + 5 days);
        vm.prank(service);
        vm.expectRevert(
            abi.encodeWithSelector(ICheckerReferee.RootExceedsEmission.selector, cap + 1, released, returned)
        );
        realReferee.postRoot(4, keccak256("too much"), cap + 1, "ipfs://report");
        uint256[4] memory epoch4 = _amountsOf(30 ether, cap - 30 ether);
        _postAtEnd(4, epoch4);

        // The sync settles the return into the base pool first (still counted, now as the pool's), then pays it.
        vm.warp(block.timestamp + 1 days);
        realClaims.sync();
        assertEq(realClaims.pendingReturns(), 0, "settled");
        assertEq(basePool.returned(), returned, "into the base pool");
        assertEq(realReferee.returnedToPools(), returned, "counted once");
        assertEq(realClaims.funded(), cap, "the returned tokens drawn again");
        vm.prank(bob);
        uint256 entryId = realClaims.claim(
            cap - 30 ether,
            Tree4.proof(accounts, epoch4, 1),
            IRewardClaims.Option.Full180Days
        );
        vm.warp(block.timestamp + 180 days);
        uint256[] memory ids = new uint256[](1);
        ids[0] = entryId;
        uint256 before = token.balanceOf(bob);
        vm.prank(bob);
        realClaims.withdraw(ids);
        assertEq(token.balanceOf(bob) - before, cap - 30 ether - 5 ether, "38.75 ATH less the fee, paid out");
    }
}
