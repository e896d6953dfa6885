// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AethirToken} from "../../../contracts/token/AethirToken.sol";
import {IAethirToken} from "../../../contracts/interfaces/IAethirToken.sol";
import {Test} from "./Test.sol";
import {Tokenomics as T} from "./Tokenomics.sol";

/// @notice A token whose whole supply sits in this test contract (a contract, so the constructor accepts it), for
/// unit tests that need ATH to hand out without the ten genesis buckets in the way.
abstract contract TokenFixture is Test {
    AethirToken internal token;

    function _deployTokenToSelf() internal {
        token = new AethirToken(_allocation(address(this), T.TOTAL_SUPPLY));
        vm.label(address(token), "ATH");
    }

    function _allocation(address recipient, uint256 amount) internal pure returns (IAethirToken.Allocation[] memory a) {
        a = new IAethirToken.Allocation[](1);
        a[0] = IAethirToken.Allocation(recipient, amount);
    }
}

/// @notice A contract with code and nothing else: a stand-in genesis bucket.
contract EmptyBucket {}
