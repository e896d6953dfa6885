// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {LicenseSale} from "../../../contracts/sale/LicenseSale.sol";
import {CheckerLicense} from "../../../contracts/license/CheckerLicense.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {Kyc} from "../utils/Kyc.sol";
import {WETHMock} from "../../contracts/WETHMock.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The sale's money rules under random purchases, refunds, referrals, voids, time and withdrawals: nothing
/// created, nothing lost; the referral caps hold; no reward is withdrawn before its payout delay; the license cap
/// holds; an operator never survives a transfer.
contract SaleInvariantTest is Test {
    LicenseSale internal sale;
    CheckerLicense internal license;
    WETHMock internal weth;
    SaleHandler internal handler;
    address internal constant REFERRER = address(0xEEFF);

    function setUp() public {
        ComplianceRegistry registry = new ComplianceRegistry(address(this), new bytes8[](0));
        license = new CheckerLicense(address(this), IComplianceRegistry(address(registry)), 0);
        weth = new WETHMock();
        uint128[] memory prices = new uint128[](4);
        uint32[] memory supplies = new uint32[](4);
        uint32[] memory caps = new uint32[](4);
        (prices[0], prices[1], prices[2], prices[3]) = (0.01 ether, 0.013 ether, 0.017 ether, 0.03 ether);
        (supplies[0], supplies[1], supplies[2], supplies[3]) = (9, 14, 20, 60);
        (caps[0], caps[1], caps[2], caps[3]) = (7, 0, 0, 0);
        sale = new LicenseSale(
            LicenseSale.Config({
                admin: address(this),
                guardian: address(this),
                treasury: address(0x7EA5),
                license: license,
                weth: IERC20(address(weth)),
                whitelistStart: uint64(block.timestamp),
                publicStart: uint64(block.timestamp),
                saleEnd: uint64(block.timestamp + 365 days),
                whitelistRoot: bytes32(0),
                discountBps: 500,
                referralRewardBps: 1500,
                // Small caps so that random purchases reach them.
                referralCapPerBuyer: uint96(0.02 ether),
                referralCapPerCode: uint96(0.08 ether),
                referralPayoutDelay: 3 days
            }),
            prices,
            supplies,
            caps
        );
        license.grantRole(license.MINTER_ROLE(), address(sale));
        vm.prank(REFERRER);
        sale.registerReferralCode("REF");
        handler = new SaleHandler(sale, license, IWETHLike(address(weth)), "REF", REFERRER);
        sale.grantRole(sale.GUARDIAN_ROLE(), address(handler));
        sale.grantRole(sale.DEFAULT_ADMIN_ROLE(), address(handler)); // to restore the codes it voids
        // Buying and receiving licenses need KYC (SPEC §8): every actor is attested.
        Kyc.grantSigner(registry);
        for (uint256 i; i < handler.actorCount(); ++i) Kyc.allow(registry, handler.actors(i));
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](8);
        actions[0] = SaleHandler.buy.selector;
        actions[1] = SaleHandler.buyWithWeth.selector;
        actions[2] = SaleHandler.withdrawProceeds.selector;
        actions[3] = SaleHandler.withdrawRewards.selector;
        actions[4] = SaleHandler.delegateAndTransfer.selector;
        actions[5] = SaleHandler.warp.selector;
        actions[6] = SaleHandler.voidAndRestore.selector;
        actions[7] = SaleHandler.buyWithWethReferred.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    /// Every ETH wei that entered was refunded, is still held, or was paid out to the treasury or a referrer.
    function invariant_ethConserved() public view {
        assertEq(
            handler.ethIn(),
            handler.ethRefunded() + address(sale).balance + handler.ethOut(),
            "ETH in == refunds + held + out"
        );
        assertEq(handler.wethIn(), weth.balanceOf(address(sale)) + handler.wethOut(), "WETH in == held + out");
    }

    /// The sale holds exactly what it owes: treasury proceeds plus referral rewards, per currency.
    function invariant_ledgersMatchBalances() public view {
        (uint128 proceeds, uint128 owed) = sale.ethLedger();
        assertEq(address(sale).balance, uint256(proceeds) + owed, "ETH balance == proceeds + rewards owed");
        assertEq(sale.ethRewards(REFERRER), owed, "one referrer owns every reward owed");
        (uint128 wp, uint128 wo) = sale.wethLedger();
        assertEq(weth.balanceOf(address(sale)), uint256(wp) + wo, "WETH balance == proceeds + rewards owed");
    }

    /// What the code earned never exceeds its cap, in all and from any one buyer; the buyer's discount never
    /// exceeds the terms' discount.
    function invariant_referralCapsHold() public view {
        assertLe(sale.referralRewardOfCode("REF"), sale.referralCapPerCode(), "code earned <= cap per code");
        for (uint256 i; i < handler.actorCount(); ++i) {
            assertLe(sale.referralRewardFromBuyer("REF", handler.actors(i)), sale.referralCapPerBuyer(), "per buyer");
        }
        assertLe(handler.discounts(), (handler.grossReferred() * 500) / 10_000, "discount <= the terms'");
    }

    /// Every reward withdrawn had waited at least the payout delay; the locked part never exceeds what is owed.
    function invariant_noRewardBeforeItsDelay() public view {
        assertFalse(handler.withdrewEarly(), "a reward was withdrawn before its payout delay");
        LicenseSale.ReferralBalance memory b = sale.referralRewards(REFERRER);
        assertEq(b.withdrawableEth + b.lockedEth, sale.ethRewards(REFERRER), "ETH owed == withdrawable + locked");
        assertEq(b.withdrawableWeth + b.lockedWeth, sale.wethRewards(REFERRER), "WETH owed == withdrawable + locked");
    }

    /// Minted licenses equal the licenses sold across tiers, never above the cap.
    function invariant_mintedEqualsSoldWithinCap() public view {
        uint256 sold;
        for (uint256 t; t < sale.tierCount(); ++t) sold += sale.tier(t).sold;
        assertEq(license.totalSupply(), sold, "minted == sold");
        assertLe(sold, license.MAX_SUPPLY(), "minted <= cap");
        assertLe(sold, 103, "sold <= the tiers' supply");
    }

    /// A license's operator never survives a transfer.
    function invariant_operatorClearedOnTransfer() public view {
        assertFalse(handler.operatorSurvivedTransfer(), "operator survived a transfer");
    }
}

interface IWETHLike {
    function deposit() external payable;
    function withdraw(uint256 amount) external;
    function approve(address spender, uint256 amount) external returns (bool);
    function balanceOf(address account) external view returns (uint256);
}

/// @notice Drives the sale and the license with random buyers, payments, referrals, withdrawals, delegations and
/// transfers, keeping ghost totals of every wei that entered or left the sale.
contract SaleHandler is Test {
    LicenseSale public sale;
    CheckerLicense public license;
    IWETHLike public weth;
    bytes32 public code;
    address public referrer;

    address[] public actors;
    uint256 public ethIn;
    uint256 public ethRefunded;
    uint256 public ethOut;
    uint256 public wethIn;
    uint256 public wethOut;
    uint256 public grossCharged;
    uint256 public discounts;
    uint256 public grossReferred;
    bool public operatorSurvivedTransfer;
    bool public withdrewEarly;
    /// Ghost accruals (time, amount, ETH and WETH together), to check the payout delay at every withdrawal.
    uint256[] internal accruedAt;
    uint256[] internal accruedAmount;
    uint256 internal rewardsWithdrawn;
    uint256 public rewardWithdrawals;

    constructor(LicenseSale sale_, CheckerLicense license_, IWETHLike weth_, bytes32 code_, address referrer_) {
        sale = sale_;
        license = license_;
        weth = weth_;
        code = code_;
        referrer = referrer_;
        for (uint256 i; i < 6; ++i) actors.push(address(uint160(0xB000 + i)));
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function buy(uint256 actorSeed, uint256 quantity, bool referred, uint256 overpay) external {
        address buyer = actors[actorSeed % actors.length];
        quantity = 1 + (quantity % 12);
        bytes32 c = referred ? code : bytes32(0);
        uint256 gross;
        uint256 discount;
        uint256 reward;
        try sale.quoteWithReferral(buyer, quantity, c) returns (uint256 g, uint256 d, uint256 r) {
            (gross, discount, reward) = (g, d, r);
        } catch {
            return; // sold out, or the code is voided
        }
        uint256 value = gross - discount + (overpay % 1 ether);
        vm.deal(buyer, value);
        vm.prank(buyer);
        try sale.buy{value: value}(quantity, c, 0, new bytes32[](0)) {
            ethIn += value;
            ethRefunded += value - (gross - discount);
            grossCharged += gross;
            discounts += discount;
            if (referred) grossReferred += gross;
            _accrued(reward);
            // The buyer got exactly the refund: nothing else is left on its account.
            if (buyer.balance != value - (gross - discount)) revert("refund not exact");
            vm.deal(buyer, 0);
        } catch {}
    }

    function buyWithWeth(uint256 actorSeed, uint256 quantity) external {
        address buyer = actors[actorSeed % actors.length];
        quantity = 1 + (quantity % 12);
        uint256 price;
        try sale.quote(quantity) returns (uint256 g) {
            price = g;
        } catch {
            return;
        }
        vm.deal(buyer, price);
        vm.startPrank(buyer);
        weth.deposit{value: price}();
        weth.approve(address(sale), price);
        try sale.buyWithWETH(quantity, price, bytes32(0), 0, new bytes32[](0)) {
            wethIn += price;
            grossCharged += price;
        } catch {
            weth.withdraw(price);
        }
        vm.stopPrank();
    }

    /// A WETH purchase with the code, paying exactly the quoted price.
    function buyWithWethReferred(uint256 actorSeed, uint256 quantity) external {
        address buyer = actors[actorSeed % actors.length];
        quantity = 1 + (quantity % 12);
        uint256 gross;
        uint256 discount;
        uint256 reward;
        try sale.quoteWithReferral(buyer, quantity, code) returns (uint256 g, uint256 d, uint256 r) {
            (gross, discount, reward) = (g, d, r);
        } catch {
            return;
        }
        uint256 price = gross - discount;
        vm.deal(buyer, price);
        vm.startPrank(buyer);
        weth.deposit{value: price}();
        weth.approve(address(sale), price);
        try sale.buyWithWETH(quantity, price, code, 0, new bytes32[](0)) {
            wethIn += price;
            grossCharged += gross;
            grossReferred += gross;
            discounts += discount;
            _accrued(reward);
        } catch {
            weth.withdraw(price);
        }
        vm.stopPrank();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % 5 days));
    }

    /// The guardian voids the code now and then (its locked rewards go to the treasury), and governance restores it.
    function voidAndRestore(uint256 seed) external {
        if (seed % 4 != 0) return;
        (, uint128 ethOwedBefore) = sale.ethLedger();
        (, uint128 wethOwedBefore) = sale.wethLedger();
        LicenseSale.ReferralBalance memory b = sale.referralRewards(referrer);
        sale.voidReferralRewards(code);
        (, uint128 ethOwed) = sale.ethLedger();
        (, uint128 wethOwed) = sale.wethLedger();
        if (ethOwedBefore - ethOwed != b.lockedEth || wethOwedBefore - wethOwed != b.lockedWeth)
            revert("void moved other amounts");
        sale.restoreReferralCode(code);
    }

    function _accrued(uint256 reward) internal {
        if (reward == 0) return;
        accruedAt.push(block.timestamp);
        accruedAmount.push(reward);
    }

    function withdrawProceeds() external {
        (uint128 eth, ) = sale.ethLedger();
        (uint128 w, ) = sale.wethLedger();
        try sale.withdrawProceeds() {
            ethOut += eth;
            wethOut += w;
        } catch {}
    }

    function withdrawRewards() external {
        LicenseSale.ReferralBalance memory b = sale.referralRewards(referrer);
        vm.prank(referrer);
        try sale.withdrawReferralRewards() {
            ethOut += b.withdrawableEth;
            wethOut += b.withdrawableWeth;
            rewardsWithdrawn += b.withdrawableEth + b.withdrawableWeth;
            ++rewardWithdrawals;
            uint256 matured;
            uint256 delay = sale.referralPayoutDelay();
            for (uint256 i; i < accruedAt.length; ++i) {
                if (accruedAt[i] + delay <= block.timestamp) matured += accruedAmount[i];
            }
            if (rewardsWithdrawn > matured) withdrewEarly = true;
        } catch {}
    }

    function delegateAndTransfer(uint256 tokenSeed, uint256 toSeed) external {
        uint256 minted = license.totalSupply();
        if (minted == 0) return;
        uint256 tokenId = 1 + (tokenSeed % minted);
        address owner = license.ownerOf(tokenId);
        address to = actors[toSeed % actors.length];
        if (to == owner) return;
        vm.prank(owner);
        license.setUser(tokenId, address(0xCAFE), uint64(block.timestamp + 1 days));
        vm.prank(owner);
        license.transferFrom(owner, to, tokenId);
        if (license.userOf(tokenId) != address(0) || license.userExpires(tokenId) != 0) operatorSurvivedTransfer = true;
    }
}
