// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {GenesisFixture} from "../utils/GenesisFixture.sol";
import {GenesisHandler} from "./GenesisHandler.sol";

/// @notice A full genesis (TGE = deploy time) with a GenesisHandler as the only fuzz target. The five vesting
/// beneficiaries are actors, so releases land in accounts that then transfer and delegate; the DAO treasury
/// vests to the timelock, which is therefore a holder too.
abstract contract GenesisInvariantBase is GenesisFixture {
    GenesisHandler internal handler;
    /// @dev Everyone who can ever hold ATH in these runs: actors, timelock, the ten buckets and the handler.
    address[] internal holders;

    function setUp() public {
        vm.warp(1_750_000_000);
        GenesisParams memory p = _defaultParams(uint64(block.timestamp));
        address[] memory actors = new address[](8);
        (actors[0], actors[1], actors[2], actors[3], actors[4]) = (
            p.team,
            p.investors,
            p.advisors,
            p.ecosystem,
            p.airdrop
        );
        (actors[5], actors[6], actors[7]) = (makeAddr("alice"), makeAddr("bob"), makeAddr("carol"));
        address[] memory outsiders = new address[](2);
        (outsiders[0], outsiders[1]) = (makeAddr("host"), makeAddr("delegate"));
        _deployGenesis(p);

        handler = new GenesisHandler(token, address(timelock), p.guardian, pools(), vestings(), actors, outsiders);
        // Governance authorizes the handler as the pools' distributor (a shortcut for a timelock proposal; the
        // genesis test runs the full proposal once).
        RewardPool[4] memory ps = pools();
        for (uint256 i; i < 4; ++i) {
            bytes32 role = ps[i].DISTRIBUTOR_ROLE();
            vm.prank(address(timelock));
            ps[i].grantRole(role, address(handler));
        }

        for (uint256 i; i < actors.length; ++i) holders.push(actors[i]);
        holders.push(address(timelock));
        address[10] memory buckets = bucketAddresses();
        for (uint256 i; i < 10; ++i) holders.push(buckets[i]);
        holders.push(address(handler));

        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handler.actions()}));
    }
}
