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

/// @notice Across tier boundaries: paid == sum of tier prices x quantities - discount, and the refund is exact.
contract SaleMathFuzzTest is Test {
    LicenseSale internal sale;
    CheckerLicense internal license;
    uint128[5] internal prices = [0.1 ether, 0.105 ether, 0.11025 ether, 0.2 ether, 0.3 ether];
    uint32[5] internal supplies = [10, 7, 25, 3, 200];
    address internal constant REFERRER = address(0xEEFF);

    function setUp() public {
        ComplianceRegistry registry = new ComplianceRegistry(address(this), new bytes8[](0));
        license = new CheckerLicense(address(this), IComplianceRegistry(address(registry)), 0);
        uint128[] memory p = new uint128[](5);
        uint32[] memory s = new uint32[](5);
        uint32[] memory c = new uint32[](5);
        for (uint256 i; i < 5; ++i) (p[i], s[i]) = (prices[i], supplies[i]);
        sale = new LicenseSale(
            LicenseSale.Config({
                admin: address(this),
                guardian: address(this),
                treasury: address(0x7EA5),
                license: license,
                weth: IERC20(address(new WETHMock())),
                whitelistStart: uint64(block.timestamp),
                publicStart: uint64(block.timestamp),
                saleEnd: uint64(block.timestamp + 1 days),
                whitelistRoot: bytes32(0),
                discountBps: 500,
                referralRewardBps: 1500,
                // The caps at their bounds so that they never bind here (SaleReferrals.t.sol tests them).
                referralCapPerBuyer: uint96(10 ether),
                referralCapPerCode: uint96(1_000 ether),
                referralPayoutDelay: 1 days
            }),
            p,
            s,
            c
        );
        license.grantRole(license.MINTER_ROLE(), address(sale));
        // Buying needs KYC (SPEC §8): both buyers are attested.
        Kyc.grantSigner(registry);
        Kyc.allow(registry, address(0xA11CE));
        Kyc.allow(registry, address(0xB0B));
        vm.prank(REFERRER);
        sale.registerReferralCode("REF");
    }

    /// Reference: walk the tiers from `alreadySold` for `quantity` licenses.
    function referenceGross(uint256 alreadySold, uint256 quantity) internal view returns (uint256 gross) {
        uint256 start;
        for (uint256 t; t < 5 && quantity > 0; ++t) {
            uint256 end = start + supplies[t];
            if (alreadySold < end) {
                uint256 from = alreadySold > start ? alreadySold : start;
                uint256 take = end - from < quantity ? end - from : quantity;
                gross += take * prices[t];
                quantity -= take;
                alreadySold += take;
            }
            start = end;
        }
    }

    function testFuzz_paidIsTierPricesMinusDiscount(
        uint256 first,
        uint256 second,
        bool referred,
        uint256 overpay
    ) public {
        first = bound(first, 0, 200);
        second = bound(second, 1, 45);
        overpay = bound(overpay, 0, 5 ether);
        address buyer = address(0xB0B);
        if (first > 0) {
            uint256 g0 = referenceGross(0, first);
            vm.deal(address(0xA11CE), g0);
            vm.prank(address(0xA11CE));
            sale.buy{value: g0}(first, bytes32(0), 0, new bytes32[](0));
        }
        uint256 gross = referenceGross(first, second);
        uint256 discount = referred ? (gross * 500) / 10_000 : 0;
        uint256 price = gross - discount;
        vm.deal(buyer, price + overpay);
        vm.prank(buyer);
        sale.buy{value: price + overpay}(second, referred ? bytes32("REF") : bytes32(0), 0, new bytes32[](0));
        assertEq(buyer.balance, overpay, "refund is exactly the overpayment");
        assertEq(address(sale).balance, referenceGross(0, first) + price, "the sale keeps exactly the prices");
        assertEq(license.balanceOf(buyer), second, "licenses delivered");
        assertEq(sale.ethRewards(REFERRER), referred ? (price * 1500) / 10_000 : 0, "referral reward");
    }
}
