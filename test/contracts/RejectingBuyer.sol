// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LicenseSale} from "../../contracts/sale/LicenseSale.sol";

/// @notice A buyer contract that cannot receive ETH, so a refund of its overpayment fails.
contract RejectingBuyer {
    function buy(LicenseSale sale, uint256 quantity) external payable {
        sale.buy{value: msg.value}(quantity, bytes32(0), 0, new bytes32[](0));
    }
}
