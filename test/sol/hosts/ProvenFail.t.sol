// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {HostFixture} from "./HostFixture.sol";

/// @notice CheckerReferee's proven-job record: `provenFail(jobId, container, epoch)` is true exactly for a job proven
/// with a Fail majority, asked about the container and epoch its results were signed for; `provenVerdict` keeps its
/// meaning.
contract ProvenFailFuzzTest is HostFixture {
    function setUp() public {
        _deployHosts();
    }

    function testFuzz_ProvenFailIsTheSignedFailVerdict(
        bytes32 jobId,
        bytes32 container,
        uint64 epoch,
        uint256 failsSeed,
        bytes32 otherContainer,
        uint64 otherEpoch
    ) public {
        uint256 fails = bound(failsSeed, 0, 5);
        assertFalse(referee.provenFail(jobId, container, epoch), "not proven yet");
        assertEq(uint256(referee.provenVerdict(jobId)), uint256(ICheckerReferee.Verdict.None), "None");
        _proveJob(jobId, container, epoch, fails);
        bool failed = fails >= 3;
        ICheckerReferee.Verdict verdict = failed ? ICheckerReferee.Verdict.Fail : ICheckerReferee.Verdict.Pass;
        assertEq(uint256(referee.provenVerdict(jobId)), uint256(verdict), "the majority");
        assertEq(referee.provenFail(jobId, container, epoch), failed, "fail iff the majority failed");
        if (otherContainer != container) assertFalse(referee.provenFail(jobId, otherContainer, epoch), "container");
        if (otherEpoch != epoch) assertFalse(referee.provenFail(jobId, container, otherEpoch), "epoch");
        if (jobId != keccak256(abi.encode(jobId))) {
            assertFalse(referee.provenFail(keccak256(abi.encode(jobId)), container, epoch), "job");
        }
    }
}
