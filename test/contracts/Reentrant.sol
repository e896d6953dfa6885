// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LicenseSale} from "../../contracts/sale/LicenseSale.sol";

/// @notice A buyer and referrer that tries to re-enter the sale when it receives ETH (a refund or a reward) and
/// when it receives a license (ERC-721 receiver hook), recording what happened.
contract ReentrantBuyer {
    LicenseSale public immutable sale;
    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryError;

    constructor(LicenseSale sale_) {
        sale = sale_;
    }

    function buy(uint256 quantity, bytes32 code) external payable {
        sale.buy{value: msg.value}(quantity, code, 0, new bytes32[](0));
    }

    function registerCode(bytes32 code) external {
        sale.registerReferralCode(code);
    }

    function withdrawRewards() external {
        sale.withdrawReferralRewards();
    }

    receive() external payable {
        if (reentered) return;
        reentered = true;
        try sale.withdrawReferralRewards() {
            reentrySucceeded = true;
        } catch (bytes memory err) {
            reentryError = err;
        }
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (!reentered) {
            reentered = true;
            try sale.buy(1, bytes32(0), 0, new bytes32[](0)) {
                reentrySucceeded = true;
            } catch (bytes memory err) {
                reentryError = err;
            }
        }
        return this.onERC721Received.selector;
    }
}
