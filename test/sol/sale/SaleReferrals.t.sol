// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {LicenseSale} from "../../../contracts/sale/LicenseSale.sol";
import {ILicenseSale} from "../../../contracts/interfaces/ILicenseSale.sol";
import {CheckerLicense} from "../../../contracts/license/CheckerLicense.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {WETHMock} from "../../contracts/WETHMock.sol";
import {Kyc} from "../utils/Kyc.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @notice Referral codes against self-referral (issue 11, attack 4): the caps per buyer and per code, the discount
/// that stops with the reward, the payout delay, the guardian's void, one code per address, and the governance
/// bounds. Terms 5% / 15%; tier 0: 5 licenses at 0.1 ETH (cap 5 per buyer), tier 1: 1,000 at 0.2 ETH (uncapped).
contract SaleReferralsTest is Test {
    LicenseSale internal sale;
    CheckerLicense internal license;
    ComplianceRegistry internal registry;
    WETHMock internal weth;

    address internal constant ADMIN = address(0xAD);
    address internal constant GUARDIAN = address(0x6A);
    address internal constant TREASURY = address(0x7EA5);
    address internal constant REFERRER = address(0xEEFF);
    address internal constant STRANGER = address(0x5757);
    bytes32 internal constant CODE = "REF";
    // Constants, not calls: a call to the sale between vm.prank and the call under test would consume the prank.
    bytes32 internal constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    uint256 internal constant CAP_PER_BUYER = 0.1 ether;
    uint256 internal constant CAP_PER_CODE = 0.25 ether;
    uint64 internal constant DELAY = 15 days;
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant BPS = 10_000;

    function setUp() public {
        vm.warp(T0);
        registry = new ComplianceRegistry(address(this), new bytes8[](0));
        // Buying needs a valid KYC attestation (SPEC §8): the WETH buyer here, and every `_buy` buyer there.
        Kyc.grantSigner(registry);
        Kyc.allow(registry, address(0xB2));
        license = new CheckerLicense(address(this), IComplianceRegistry(address(registry)), 0);
        weth = new WETHMock();
        (uint128[] memory p, uint32[] memory s, uint32[] memory c) = _tiers();
        sale = new LicenseSale(_config(), p, s, c);
        license.grantRole(license.MINTER_ROLE(), address(sale));
        vm.prank(REFERRER);
        sale.registerReferralCode(CODE);
    }

    function _config() internal view returns (LicenseSale.Config memory) {
        return
            LicenseSale.Config({
                admin: ADMIN,
                guardian: GUARDIAN,
                treasury: TREASURY,
                license: license,
                weth: IERC20(address(weth)),
                whitelistStart: uint64(T0),
                publicStart: uint64(T0),
                saleEnd: uint64(T0 + 365 days),
                whitelistRoot: bytes32(0),
                discountBps: 500,
                referralRewardBps: 1500,
                referralCapPerBuyer: uint96(CAP_PER_BUYER),
                referralCapPerCode: uint96(CAP_PER_CODE),
                referralPayoutDelay: DELAY
            });
    }

    function _tiers() internal pure returns (uint128[] memory p, uint32[] memory s, uint32[] memory c) {
        p = new uint128[](2);
        s = new uint32[](2);
        c = new uint32[](2);
        (p[0], s[0], c[0]) = (0.1 ether, 5, 5);
        (p[1], s[1], c[1]) = (0.2 ether, 1_000, 0);
    }

    /// Buys with exactly the quoted price; returns what the buyer paid.
    function _buy(address buyer, uint256 quantity, bytes32 code) internal returns (uint256 paid) {
        if (!registry.isAllowed(buyer)) Kyc.allow(registry, buyer);
        (uint256 gross, uint256 discount, ) = sale.quoteWithReferral(buyer, quantity, code);
        paid = gross - discount;
        vm.deal(buyer, paid);
        vm.prank(buyer);
        sale.buy{value: paid}(quantity, code, 0, new bytes32[](0));
        assertEq(buyer.balance, 0, "paid exactly the quote");
    }

    function _unlockAt(uint256 t, uint256 delay) internal pure returns (uint64) {
        return uint64((t / delay + 2) * delay);
    }

    // ------------------------------------------------------------------ the attack

    /// The attacker registers a code from its second wallet and buys 25 licenses with it in three purchases.
    /// Before the fix: 19.25% of the 4.5 ETH list price, 0.86625 ETH. Now the pair earns at most the 0.1 ETH cap
    /// and the discount stops in the same proportion: the gain is 0.1 + 0.1 x 5% / (95% x 15%) ETH, to the wei.
    function test_attack_selfReferralThroughSecondWallet_gainIsBoundedByThePairCap() public {
        address attacker = address(0xA77);
        address secondWallet = address(0xA772);
        bytes32 mine = "MINE";
        vm.prank(secondWallet);
        sale.registerReferralCode(mine);

        // 5 in tier 0: 0.5 ETH gross, 0.025 discount, 0.07125 reward: all under the cap.
        uint256 paid = _buy(attacker, 5, mine);
        assertEq(paid, 0.475 ether, "first purchase: full discount");
        // 10 in tier 1: 2 ETH gross; the terms' reward 0.285 is cut to the 0.02875 left of the cap, and the
        // 0.1 discount to 0.1 x 0.02875 / 0.285.
        vm.expectEmit(address(sale));
        emit ILicenseSale.ReferralRewardAccrued(
            mine,
            secondWallet,
            attacker,
            ILicenseSale.Currency.ETH,
            0.02875 ether,
            0.285 ether - 0.02875 ether,
            0.1 ether - 10087719298245614,
            _unlockAt(T0, DELAY)
        );
        paid += _buy(attacker, 10, mine);
        // 10 more in tier 1: the pair's cap is used up, so the code is worth nothing to it.
        vm.expectEmit(address(sale));
        emit ILicenseSale.ReferralRewardAccrued(
            mine,
            secondWallet,
            attacker,
            ILicenseSale.Currency.ETH,
            0,
            0.285 ether,
            0.1 ether,
            0
        );
        uint256 third = _buy(attacker, 10, mine);
        assertEq(third, 2 ether, "past the cap: list price");
        paid += third;

        // The second wallet collects after the payout delay.
        vm.warp(_unlockAt(T0, DELAY));
        vm.prank(secondWallet);
        sale.withdrawReferralRewards();
        uint256 listPrice = 5 * 0.1 ether + 20 * 0.2 ether;
        uint256 gain = listPrice - paid + secondWallet.balance;
        assertEq(secondWallet.balance, CAP_PER_BUYER, "the reward is the pair's cap");
        assertEq(gain, 135087719298245614, "gain = 0.1 + 0.1 x 500 / (9,500 x 0.15) ETH, rounded down");
        assertEq(gain, CAP_PER_BUYER + (CAP_PER_BUYER * 500 * BPS) / (9_500 * 1_500), "the documented bound");
        assertLt(gain, (listPrice * 1925) / BPS, "far below the 19.25% of the unbounded attack");
    }

    /// The same wallet cannot use its own code.
    function test_attack_selfReferralSameWallet_reverts() public {
        vm.deal(REFERRER, 1 ether);
        vm.prank(REFERRER);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.SelfReferral.selector, CODE));
        sale.buy{value: 0.095 ether}(1, CODE, 0, new bytes32[](0));
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.SelfReferral.selector, CODE));
        sale.quoteWithReferral(REFERRER, 1, CODE);
    }

    /// A second code from the same address would double the per-code cap.
    function test_attack_secondCodeFromTheSameAddress_reverts() public {
        vm.prank(REFERRER);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferrerHasCode.selector, REFERRER, CODE));
        sale.registerReferralCode("REF2");
        assertEq(sale.codeOf(REFERRER), CODE, "one code per address");
    }

    /// Many buyer wallets on one code: the code's overall cap ends every further gain.
    function test_attack_manyBuyerWallets_stopAtTheCodeCap() public {
        address[4] memory buyers = [address(0xB1), address(0xB2), address(0xB3), address(0xB4)];
        // Each buys 4 in tier 1 (0.8 gross, 0.04 discount, 0.114 reward): capped at 0.1 per buyer, then the
        // third buyer gets the 0.05 left of the 0.25 code cap, and the fourth nothing.
        uint256[4] memory rewards = [uint256(0.1 ether), 0.1 ether, 0.05 ether, 0];
        _buy(address(0xB9), 5, bytes32(0)); // empties tier 0
        for (uint256 i; i < 4; ++i) {
            (uint256 gross, uint256 discount, uint256 reward) = sale.quoteWithReferral(buyers[i], 4, CODE);
            assertEq(gross, 0.8 ether, "gross");
            assertEq(reward, rewards[i], "reward after the caps");
            assertEq(discount, (0.04 ether * rewards[i]) / 0.114 ether, "discount follows the reward");
            _buy(buyers[i], 4, CODE);
            assertEq(sale.referralRewardFromBuyer(CODE, buyers[i]), rewards[i], "earned from this buyer");
        }
        assertEq(sale.referralRewardOfCode(CODE), CAP_PER_CODE, "the code's cap");
        assertEq(sale.ethRewards(REFERRER), CAP_PER_CODE, "owed");
    }

    /// Governance lowers the caps below what a code earned: no more reward, and no more discount; nothing is taken.
    function test_loweredCapBelowEarned_stopsRewardAndDiscount() public {
        _buy(address(0xB1), 2, CODE); // 0.2 gross in tier 0: reward 0.0285
        vm.prank(ADMIN);
        sale.setReferralCaps(0.01 ether, 0.01 ether);
        (uint256 gross, uint256 discount, uint256 reward) = sale.quoteWithReferral(address(0xB1), 1, CODE);
        assertEq(gross, 0.1 ether, "gross");
        assertEq(discount + reward, 0, "nothing left under the cap");
        assertEq(sale.ethRewards(REFERRER), 0.0285 ether, "what was earned stays owed");
    }

    /// With a zero reward rate nothing is capped: the discount is a plain public discount.
    function test_zeroRewardRate_discountUncapped() public {
        vm.prank(ADMIN);
        sale.setReferralTerms(500, 0);
        vm.prank(ADMIN);
        sale.setReferralCaps(0, 0);
        _buy(address(0xB9), 5, bytes32(0)); // empties tier 0
        (, uint256 discount, uint256 reward) = sale.quoteWithReferral(address(0xB1), 10, CODE);
        assertEq(discount, 0.1 ether, "5% of 2 ETH");
        assertEq(reward, 0, "no reward");
    }

    // ------------------------------------------------------------------ the payout delay

    function test_payoutDelay_lockedUntilTheSecondPeriodStart() public {
        _buy(address(0xB1), 2, CODE);
        uint64 unlockAt = _unlockAt(T0, DELAY);
        assertGe(unlockAt, T0 + DELAY, "at least one delay");
        assertLt(unlockAt, T0 + 2 * DELAY, "less than two");
        LicenseSale.ReferralBalance memory b = sale.referralRewards(REFERRER);
        assertEq(b.lockedEth, 0.0285 ether, "locked");
        assertEq(b.withdrawableEth, 0, "nothing withdrawable");
        assertEq(b.nextUnlockAt, unlockAt, "next unlock");
        assertEq(b.lockedUntil, unlockAt, "locked until");

        vm.warp(unlockAt - 1);
        vm.prank(REFERRER);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralRewardsLocked.selector, REFERRER, unlockAt));
        sale.withdrawReferralRewards();

        vm.warp(unlockAt);
        vm.expectEmit(address(sale));
        emit ILicenseSale.ReferralRewardsWithdrawn(REFERRER, 0.0285 ether, 0);
        vm.prank(REFERRER);
        sale.withdrawReferralRewards();
        assertEq(REFERRER.balance, 0.0285 ether, "paid");
        vm.prank(REFERRER);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.NothingToWithdraw.selector, REFERRER));
        sale.withdrawReferralRewards();
    }

    /// Rewards of consecutive periods unlock one after the other; a matured slot is reused; WETH is locked the same.
    function test_payoutDelay_twoPeriodsAndWeth() public {
        _buy(address(0xB1), 1, CODE); // 0.01425 ETH, period p
        vm.warp(T0 + DELAY);
        uint256 price = 0.095 ether; // 1 in tier 0 with the discount
        vm.deal(address(0xB2), price);
        vm.startPrank(address(0xB2));
        weth.deposit{value: price}();
        weth.approve(address(sale), price);
        sale.buyWithWETH(1, price, CODE, 0, new bytes32[](0)); // 0.01425 WETH, period p + 1
        vm.stopPrank();
        uint64 first = _unlockAt(T0, DELAY);
        uint64 second = _unlockAt(T0 + DELAY, DELAY);
        assertEq(second, first + DELAY, "the next period");

        LicenseSale.ReferralBalance memory b = sale.referralRewards(REFERRER);
        assertEq(b.lockedEth + b.lockedWeth, 0.0285 ether, "both locked");
        assertEq(b.nextUnlockAt, first, "first");
        assertEq(b.lockedUntil, second, "second");

        vm.warp(first);
        _buy(address(0xB3), 1, CODE); // 0.01425 ETH, period p + 2: reuses the matured first slot
        b = sale.referralRewards(REFERRER);
        assertEq(b.withdrawableEth, 0.01425 ether, "the first period's reward");
        assertEq(b.lockedEth, 0.01425 ether, "the third purchase's");
        assertEq(b.lockedWeth, 0.01425 ether, "the second's");
        vm.prank(REFERRER);
        sale.withdrawReferralRewards();
        assertEq(REFERRER.balance, 0.01425 ether, "only the matured reward");

        vm.warp(second);
        vm.prank(REFERRER);
        sale.withdrawReferralRewards();
        assertEq(weth.balanceOf(REFERRER), 0.01425 ether, "WETH after its delay");
        vm.warp(_unlockAt(first, DELAY));
        vm.prank(REFERRER);
        sale.withdrawReferralRewards();
        assertEq(REFERRER.balance, 0.0285 ether, "all paid");
        assertEq(sale.ethRewards(REFERRER) + sale.wethRewards(REFERRER), 0, "nothing owed");
    }

    /// Governance lengthens the delay while both slots are locked: the new reward joins the later slot, and
    /// nothing unlocks sooner than one (new) delay after it was earned.
    function test_payoutDelay_changedWhileBothSlotsLocked() public {
        _buy(address(0xB1), 1, CODE);
        vm.warp(T0 + DELAY);
        _buy(address(0xB2), 1, CODE);
        vm.prank(ADMIN);
        sale.setReferralPayoutDelay(40 days);
        uint256 t = block.timestamp;
        _buy(address(0xB3), 1, CODE);
        LicenseSale.ReferralBalance memory b = sale.referralRewards(REFERRER);
        assertEq(b.lockedUntil, _unlockAt(t, 40 days), "the later slot moved out to the new time");
        assertGe(b.lockedUntil, t + 40 days, "at least the new delay");
        assertEq(b.nextUnlockAt, _unlockAt(T0, DELAY), "the first slot keeps its time");
        vm.warp(b.nextUnlockAt);
        vm.prank(REFERRER);
        sale.withdrawReferralRewards();
        assertEq(REFERRER.balance, 0.01425 ether, "only the first reward");
    }

    /// Wherever a purchase falls and whatever the delay, its reward unlocks in [t + delay, t + 2 delay).
    function testFuzz_payoutDelay_betweenOneAndTwoDelays(uint256 wait, uint64 delay) public {
        delay = uint64(bound(delay, 1 days, 90 days));
        wait = bound(wait, 0, 200 days);
        vm.prank(ADMIN);
        sale.setReferralPayoutDelay(delay);
        vm.warp(T0 + wait);
        uint256 t = block.timestamp;
        _buy(address(0xB1), 1, CODE);
        uint64 unlockAt = sale.referralRewards(REFERRER).nextUnlockAt;
        assertGe(unlockAt, t + delay, "at least one delay");
        assertLt(unlockAt, t + 2 * uint256(delay), "less than two");
        vm.warp(t + delay - 1);
        vm.prank(REFERRER);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralRewardsLocked.selector, REFERRER, unlockAt));
        sale.withdrawReferralRewards();
        vm.warp(unlockAt);
        vm.prank(REFERRER);
        sale.withdrawReferralRewards();
        assertEq(REFERRER.balance, 0.01425 ether, "paid at its time");
    }

    /// The quote is what the purchase charges and credits, through the caps.
    function testFuzz_quoteMatchesPurchase(uint256 first, uint256 second) public {
        first = bound(first, 1, 60);
        second = bound(second, 1, 60);
        address buyer = address(0xB1);
        _buy(address(0xB9), 5, bytes32(0)); // empties tier 0 so that any quantity fits the per-buyer caps
        _buy(buyer, first, CODE);
        (, uint256 discount, uint256 reward) = sale.quoteWithReferral(buyer, second, CODE);
        uint256 owedBefore = sale.ethRewards(REFERRER);
        uint256 paid = _buy(buyer, second, CODE);
        assertEq(paid, second * 0.2 ether - discount, "price");
        assertEq(sale.ethRewards(REFERRER) - owedBefore, reward, "reward");
        assertLe(sale.referralRewardFromBuyer(CODE, buyer), CAP_PER_BUYER, "per-buyer cap");
    }

    // ------------------------------------------------------------------ the guardian's void

    function test_void_lockedRewardsToProceeds_codeRefused() public {
        _buy(address(0xB1), 2, CODE); // 0.0285, will mature
        vm.warp(_unlockAt(T0, DELAY));
        _buy(address(0xB2), 1, CODE); // 0.01425, locked
        (uint128 proceedsBefore, uint128 owedBefore) = sale.ethLedger();

        vm.expectEmit(address(sale));
        emit ILicenseSale.ReferralRewardsVoided(CODE, REFERRER, 0.01425 ether, 0);
        vm.prank(GUARDIAN);
        sale.voidReferralRewards(CODE);
        (uint128 proceeds, uint128 owed) = sale.ethLedger();
        assertEq(proceeds, proceedsBefore + 0.01425 ether, "to the treasury");
        assertEq(owed, owedBefore - 0.01425 ether, "no longer owed");
        assertEq(address(sale).balance, uint256(proceeds) + owed, "ledger == balance");

        // The code is refused from now on, and cannot be voided twice.
        vm.deal(address(0xB3), 1 ether);
        vm.prank(address(0xB3));
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralCodeVoided.selector, CODE));
        sale.buy{value: 0.19 ether}(1, CODE, 0, new bytes32[](0));
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralCodeVoided.selector, CODE));
        sale.quoteWithReferral(address(0xB3), 1, CODE);
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralCodeVoided.selector, CODE));
        sale.voidReferralRewards(CODE);

        // What had matured before the void stays the referrer's.
        vm.prank(REFERRER);
        sale.withdrawReferralRewards();
        assertEq(REFERRER.balance, 0.0285 ether, "matured reward paid");

        // Governance restores the code (the voided reward stays with the treasury).
        vm.expectEmit(address(sale));
        emit ILicenseSale.ReferralCodeRestored(CODE);
        vm.prank(ADMIN);
        sale.restoreReferralCode(CODE);
        _buy(address(0xB3), 1, CODE);
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralCodeNotVoided.selector, CODE));
        sale.restoreReferralCode(CODE);
    }

    function test_void_onlyGuardian_knownCode() public {
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, GUARDIAN_ROLE)
        );
        sale.voidReferralRewards(CODE);
        vm.prank(GUARDIAN);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.UnknownReferralCode.selector, bytes32("NOPE")));
        sale.voidReferralRewards("NOPE");
        vm.prank(ADMIN); // governance is not the guardian either
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, ADMIN, GUARDIAN_ROLE)
        );
        sale.voidReferralRewards(CODE);
        vm.prank(GUARDIAN);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, GUARDIAN, bytes32(0))
        );
        sale.restoreReferralCode(CODE);
    }

    // ------------------------------------------------------------------ governance bounds

    function test_setReferralCaps_boundsAndEvent() public {
        vm.startPrank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralCapsOutOfBounds.selector, 10 ether + 1, 100 ether));
        sale.setReferralCaps(uint96(10 ether + 1), uint96(100 ether));
        vm.expectRevert(
            abi.encodeWithSelector(ILicenseSale.ReferralCapsOutOfBounds.selector, 1 ether, 1_000 ether + 1)
        );
        sale.setReferralCaps(uint96(1 ether), uint96(1_000 ether + 1));
        vm.expectRevert(abi.encodeWithSelector(ILicenseSale.ReferralCapsOutOfBounds.selector, 2 ether, 1 ether));
        sale.setReferralCaps(uint96(2 ether), uint96(1 ether));
        vm.expectEmit(address(sale));
        emit ILicenseSale.ReferralCapsSet(10 ether, 1_000 ether);
        sale.setReferralCaps(uint96(10 ether), uint96(1_000 ether));
        vm.stopPrank();
        assertEq(sale.referralCapPerBuyer(), 10 ether, "per buyer");
        assertEq(sale.referralCapPerCode(), 1_000 ether, "per code");
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, bytes32(0))
        );
        sale.setReferralCaps(0, 0);
    }

    function test_setReferralPayoutDelay_boundsAndEvent() public {
        vm.startPrank(ADMIN);
        vm.expectRevert(
            abi.encodeWithSelector(ILicenseSale.ReferralPayoutDelayOutOfBounds.selector, 1 days - 1, 1 days, 90 days)
        );
        sale.setReferralPayoutDelay(1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ILicenseSale.ReferralPayoutDelayOutOfBounds.selector, 90 days + 1, 1 days, 90 days)
        );
        sale.setReferralPayoutDelay(90 days + 1);
        vm.expectEmit(address(sale));
        emit ILicenseSale.ReferralPayoutDelaySet(90 days);
        sale.setReferralPayoutDelay(90 days);
        vm.stopPrank();
        assertEq(sale.referralPayoutDelay(), 90 days, "delay");
        vm.prank(STRANGER);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, bytes32(0))
        );
        sale.setReferralPayoutDelay(1 days);
    }

    function test_constructor_refusesBadCapsAndDelay() public {
        (uint128[] memory p, uint32[] memory s, uint32[] memory c) = _tiers();
        LicenseSale.Config memory cfg = _config();
        cfg.referralCapPerBuyer = uint96(CAP_PER_CODE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(ILicenseSale.ReferralCapsOutOfBounds.selector, CAP_PER_CODE + 1, CAP_PER_CODE)
        );
        new LicenseSale(cfg, p, s, c);
        cfg = _config();
        cfg.referralPayoutDelay = 0;
        vm.expectRevert(
            abi.encodeWithSelector(ILicenseSale.ReferralPayoutDelayOutOfBounds.selector, 0, 1 days, 90 days)
        );
        new LicenseSale(cfg, p, s, c);
    }
}
