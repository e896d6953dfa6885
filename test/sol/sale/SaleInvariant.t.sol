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

/// @notice The sale's money rules under random purchases, refunds, referrals and withdrawals: nothing created,
/// nothing lost; the license cap holds; an operator never survives a transfer.
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
                referralRewardBps: 1500
            }),
            prices,
            supplies,
            caps
        );
        license.grantRole(license.MINTER_ROLE(), address(sale));
        vm.prank(REFERRER);
        sale.registerReferralCode("REF");
        handler = new SaleHandler(sale, license, IWETHLike(address(weth)), "REF", REFERRER);
        // Buying and receiving licenses need KYC (SPEC §8): every actor is attested.
        Kyc.grantSigner(registry);
        for (uint256 i; i < handler.actorCount(); ++i) Kyc.allow(registry, handler.actors(i));
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](5);
        actions[0] = SaleHandler.buy.selector;
        actions[1] = SaleHandler.buyWithWeth.selector;
        actions[2] = SaleHandler.withdrawProceeds.selector;
        actions[3] = SaleHandler.withdrawRewards.selector;
        actions[4] = SaleHandler.delegateAndTransfer.selector;
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
    bool public operatorSurvivedTransfer;

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
        try sale.quote(quantity) returns (uint256 g) {
            gross = g;
        } catch {
            return; // sold out
        }
        uint256 discount = referred ? (gross * sale.discountBps()) / 10_000 : 0;
        uint256 value = gross - discount + (overpay % 1 ether);
        vm.deal(buyer, value);
        vm.prank(buyer);
        try sale.buy{value: value}(quantity, c, 0, new bytes32[](0)) {
            ethIn += value;
            ethRefunded += value - (gross - discount);
            grossCharged += gross;
            discounts += discount;
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

    function withdrawProceeds() external {
        (uint128 eth, ) = sale.ethLedger();
        (uint128 w, ) = sale.wethLedger();
        try sale.withdrawProceeds() {
            ethOut += eth;
            wethOut += w;
        } catch {}
    }

    function withdrawRewards() external {
        uint256 eth = sale.ethRewards(referrer);
        uint256 w = sale.wethRewards(referrer);
        vm.prank(referrer);
        try sale.withdrawReferralRewards() {
            ethOut += eth;
            wethOut += w;
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
