// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {HostFixture} from "./HostFixture.sol";

/// @notice The referee's Fail count, `failedJobs(container, epoch)`, is exactly the number of that container's jobs of
/// that epoch proven with a Fail majority (unproven and Pass jobs count nothing, nor other containers' and epochs'),
/// and HostSlashing proposes a verdict-driven slash exactly when it reaches k.
contract FailedJobsFuzzTest is HostFixture {
    address internal host;
    bytes32[3] internal containers = [keccak256("c-0"), keccak256("c-1"), keccak256("c-2")];

    function setUp() public {
        _deployHosts();
        host = _host("host", 1_000, 100_000 ether, bytes32(0));
        for (uint256 c; c < 3; ++c) {
            vm.prank(host);
            registry.registerContainer(containers[c], GPU, "DE");
        }
        _delegate(host, host, 3 * K);
    }

    function _word(uint256 seed, string memory what, uint256 j) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, what, j)));
    }

    function testFuzz_FailedJobsCountTheProvenFails(uint256 seed, uint256 jobsSeed, uint256 kSeed) public {
        uint256 jobs = bound(jobsSeed, 1, 12);
        uint256 k = bound(kSeed, 1, 6);
        slashing.setMinFailedJobs(k);
        bytes32[] memory checked = new bytes32[](jobs);
        for (uint256 j; j < jobs; ++j) checked[j] = containers[_word(seed, "container", j) % 3];
        ICheckerReferee.JobLeaf[] memory leaves = _postJobs(1, checked);

        uint256[3] memory expected;
        for (uint256 j; j < jobs; ++j) {
            if (_word(seed, "proven", j) % 4 == 0) continue; // a quarter of the jobs stay unproven
            uint256 fails = _word(seed, "fails", j) % 6;
            _proveJob(leaves, j, fails);
            if (fails >= 3) ++expected[_word(seed, "container", j) % 3];
            ICheckerReferee.Verdict verdict = fails >= 3 ? ICheckerReferee.Verdict.Fail : ICheckerReferee.Verdict.Pass;
            assertEq(uint256(referee.verdictOf(1, uint32(j))), uint256(verdict), "the majority");
        }
        for (uint256 c; c < 3; ++c) {
            assertEq(referee.failedJobs(containers[c], 1), expected[c], "the container's proven Fails");
            assertEq(referee.failedJobs(containers[c], 0), 0, "not the epoch before");
            assertEq(referee.failedJobs(containers[c], 2), 0, "not the epoch after");
        }
        assertEq(referee.failedJobs(keccak256("unassigned"), 1), 0, "not another container");

        vm.warp(T0 + 1 days);
        for (uint256 c; c < 3; ++c) {
            if (expected[c] >= k) {
                vm.expectEmit(address(slashing));
                emit IHostSlashing.VerdictSlashProposed(slashing.proposalCount() + 1, 1, expected[c]);
                slashing.proposeFromVerdict(containers[c], 1);
            } else {
                vm.expectRevert(
                    abi.encodeWithSelector(IHostSlashing.NotEnoughFailedJobs.selector, containers[c], 1, expected[c], k)
                );
                slashing.proposeFromVerdict(containers[c], 1);
            }
        }
    }
}
