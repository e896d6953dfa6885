// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {GenesisFixture} from "../utils/GenesisFixture.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";
import {CreateAddress} from "../utils/CreateAddress.sol";

/// @dev Deploys one empty contract per call, so a test can create from any nonce.
contract Factory {
    function create() external returns (address) {
        return address(new Empty());
    }
}

contract Empty {}

/// @notice SPEC §2's genesis, deployed as scripts/lib/genesis.ts deploys it (timelock, ten buckets in BUCKETS
/// order with the token's address predicted from the deployer's nonce, then the token): every wei of the 42e9 ATH
/// supply must sit in the right bucket, and every bucket must carry the schedule and the wiring the spec gives it.
contract GenesisTest is GenesisFixture {
    function setUp() public {
        vm.warp(1_750_000_000);
        _deployGenesis(_defaultParams(uint64(block.timestamp)));
    }

    /// @dev The prediction is only right if every bucket deploy took exactly one nonce: check the arithmetic too.
    function test_TheTokenLandsWhereThePoolsPointed() public view {
        assertEq(address(token), predictedToken, "token at the predicted address");
        RewardPool[4] memory p = pools();
        for (uint256 i; i < 4; ++i) assertEq(address(p[i].token()), address(token), "pool token");
        uint256 nonceAfter = vm.getNonce(address(this));
        assertEq(address(token), CreateAddress.compute(address(this), nonceAfter - 1), "token took the last nonce");
        assertEq(address(edgePool), CreateAddress.compute(address(this), nonceAfter - 11), "first bucket");
        assertEq(address(timelock), CreateAddress.compute(address(this), nonceAfter - 12), "timelock first");
    }

    function test_EveryBucketHoldsExactlyItsShare() public view {
        address[10] memory buckets = bucketAddresses();
        uint256[10] memory shares = T.shares();
        // The amounts in whole ATH, written out from the spec's table (23%, 12%, 10%, 5%, 12.5%, 11.5%, 8%, 7%,
        // 6%, 5% of 42e9) so that a slip in the bps constants would not go unnoticed.
        uint256[10] memory expected = [
            uint256(9_660_000_000 ether),
            5_040_000_000 ether,
            4_200_000_000 ether,
            2_100_000_000 ether,
            5_250_000_000 ether,
            4_830_000_000 ether,
            3_360_000_000 ether,
            2_940_000_000 ether,
            2_520_000_000 ether,
            2_100_000_000 ether
        ];
        uint256 sum;
        uint256 shareSum;
        for (uint256 i; i < 10; ++i) {
            uint256 balance = token.balanceOf(buckets[i]);
            assertEq(balance, expected[i], "bucket balance");
            assertEq(balance, (T.TOTAL_SUPPLY * shares[i]) / T.BPS, "balance is the share of the supply");
            sum += balance;
            shareSum += shares[i];
        }
        assertEq(shareSum, T.BPS, "shares add to 100%");
        assertEq(sum, T.TOTAL_SUPPLY, "buckets hold the whole supply");
        assertEq(token.totalSupply(), 42_000_000_000 ether, "total supply");
        assertEq(token.balanceOf(address(this)), 0, "deployer holds nothing");
        assertEq(token.balanceOf(address(timelock)), 0, "timelock holds nothing yet");
    }

    /// @dev The pools' schedules, as tokenomics.ts gives them.
    function test_PoolsCarryTheirSchedules() public view {
        uint64 tge = params.tge;
        RewardPool[4] memory p = pools();
        for (uint256 i; i < 4; ++i) {
            assertEq(p[i].start(), tge, "pools start at TGE");
            assertEq(p[i].allocation(), token.balanceOf(address(p[i])), "allocation is what was minted");
            assertTrue(p[i].hasRole(bytes32(0), address(timelock)), "timelock administers");
            assertTrue(p[i].hasRole(p[i].GUARDIAN_ROLE(), params.guardian), "guardian can pause");
            assertFalse(p[i].hasRole(bytes32(0), address(this)), "deployer keeps no role");
        }
        assertEq(edgePool.period(), 365 days, "Edge: yearly periods");
        assertEq(edgePool.periods(), 10, "Edge: 10 years");
        assertEq(edgePool.firstBps(), 4_000, "Edge: 40% in year 1");
        assertEq(edgePool.decayNum(), 603, "Edge: x0.603 ...");
        assertEq(edgePool.decayDen(), 1_000, "... per year");
        assertEq(enterprisePool.duration(), 10 * 365 days, "Enterprise: 10 years linear");
        assertEq(checkerBasePool.duration(), 126_230_400, "checker base: 4 x 365.25 days");
        assertEq(checkerBonusPool.stepDuration(), 7_889_400, "checker bonus: quarters of 91.3125 days");
        assertEq(checkerBonusPool.steps(), 16, "checker bonus: 16 quarters");
        // SPEC §2: the base emits about 2,874,743 ATH a day.
        assertEq(checkerBasePool.unlockedAt(tge + 1 days) / 1 ether, 2_874_743, "checker base per day");
    }

    /// @dev The vesting wallets' owners and schedules; the DAO treasury vests to the timelock.
    function test_VestingWalletsCarryTheirSchedulesAndBeneficiaries() public view {
        uint256 tge = params.tge;
        assertEq(teamVesting.owner(), params.team, "team");
        assertEq(investorVesting.owner(), params.investors, "investors");
        assertEq(ecosystemVesting.owner(), params.ecosystem, "ecosystem");
        assertEq(treasuryVesting.owner(), address(timelock), "treasury vests to governance");
        assertEq(airdropVesting.owner(), params.airdrop, "airdrop");
        assertEq(advisorVesting.owner(), params.advisors, "advisors");

        assertEq(teamVesting.start(), tge + 540 days, "team: 18-month cliff");
        assertEq(teamVesting.duration(), 1_080 days, "team: 36 months linear");
        assertEq(investorVesting.start(), tge + 360 days, "investors: 12-month cliff");
        assertEq(investorVesting.duration(), 720 days, "investors: 24 months linear");
        assertEq(ecosystemVesting.start(), tge, "ecosystem: from TGE");
        assertEq(ecosystemVesting.upfrontBps(), 5_000, "ecosystem: 50% upfront");
        assertEq(ecosystemVesting.duration(), 720 days, "ecosystem: 24 months linear");
        assertEq(treasuryVesting.start(), tge, "treasury: no cliff");
        assertEq(treasuryVesting.duration(), 1_440 days, "treasury: 48 months linear");
        assertEq(advisorVesting.start(), tge + 540 days, "advisors: 18-month cliff");
        assertEq(advisorVesting.duration(), 1_080 days, "advisors: 36 months linear");
        assertEq(airdropVesting.start(), tge, "airdrop: from TGE");
        assertEq(airdropVesting.end(), tge + 480 days, "airdrop: last step at month 16");
    }

    /// @dev The day-one picture: only the ecosystem's 50% and the airdrop's 25% are out at TGE (plus the first
    /// second of the linear buckets, which is zero at TGE itself).
    function test_AtTgeOnlyTheUpfrontSharesAreReleasable() public view {
        address t = address(token);
        assertEq(ecosystemVesting.releasable(t), 1_680_000_000 ether, "ecosystem 50%");
        assertEq(airdropVesting.releasable(t), 630_000_000 ether, "airdrop 25%");
        assertEq(teamVesting.releasable(t), 0, "team");
        assertEq(investorVesting.releasable(t), 0, "investors");
        assertEq(treasuryVesting.releasable(t), 0, "treasury");
        assertEq(advisorVesting.releasable(t), 0, "advisors");
        RewardPool[4] memory p = pools();
        for (uint256 i; i < 4; ++i) assertEq(p[i].releasable(), 0, "pools");
    }

    function test_TheTimelockGovernsItselfWithTheConfiguredDelay() public view {
        assertEq(timelock.getMinDelay(), 1 hours, "min delay");
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), params.proposer), "proposer");
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), params.proposer), "executor");
        assertTrue(timelock.hasRole(bytes32(0), address(timelock)), "self-administered");
        assertFalse(timelock.hasRole(bytes32(0), address(this)), "the deployer is no admin");
    }

    /// @dev End to end: the only way to draw is a distributor the timelock authorized after its delay.
    function test_GovernanceAuthorizesADistributorThroughTheTimelock() public {
        address distributor = makeAddr("referee");
        bytes memory grant = abi.encodeCall(
            checkerBasePool.grantRole,
            (checkerBasePool.DISTRIBUTOR_ROLE(), distributor)
        );
        vm.prank(params.proposer);
        timelock.schedule(address(checkerBasePool), 0, grant, bytes32(0), bytes32(0), 1 hours);

        vm.warp(block.timestamp + 1 hours - 1);
        bytes32 id = timelock.hashOperation(address(checkerBasePool), 0, grant, bytes32(0), bytes32(0));
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                id,
                bytes32(1 << uint8(TimelockController.OperationState.Ready))
            )
        );
        vm.prank(params.proposer);
        timelock.execute(address(checkerBasePool), 0, grant, bytes32(0), bytes32(0));

        vm.warp(block.timestamp + 1);
        vm.prank(params.proposer);
        timelock.execute(address(checkerBasePool), 0, grant, bytes32(0), bytes32(0));
        vm.prank(distributor);
        checkerBasePool.draw(distributor, 1 ether);
        assertEq(token.balanceOf(distributor), 1 ether, "drawn after the delay");
    }

    /// @dev SPEC §9: the guardian can veto a queued proposal (it holds the timelock's canceller role), and nobody
    /// else without a role can.
    function test_TheGuardianCanVetoAQueuedProposal() public {
        bytes memory call = abi.encodeCall(
            checkerBasePool.grantRole,
            (checkerBasePool.DISTRIBUTOR_ROLE(), params.proposer)
        );
        vm.prank(params.proposer);
        timelock.schedule(address(checkerBasePool), 0, call, bytes32(0), bytes32(0), 1 hours);
        bytes32 id = timelock.hashOperation(address(checkerBasePool), 0, call, bytes32(0), bytes32(0));

        bytes32 canceller = timelock.CANCELLER_ROLE();
        address stranger = makeAddr("stranger");
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, canceller)
        );
        vm.prank(stranger);
        timelock.cancel(id);
        vm.prank(params.guardian);
        timelock.cancel(id);
        assertFalse(timelock.isOperation(id), "vetoed by the guardian");
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)), "the deployer kept no admin role");
    }

    /// @dev The create-address helper behind the prediction, checked against real deployments on both sides of
    /// every RLP length boundary of the nonce (1 byte, 0x80.., 0x100.., 0x10000.., 0x1000000..).
    function test_CreateAddressHelperMatchesRealDeployments() public {
        uint64[9] memory nonces = [uint64(1), 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0xffffff, 0x1000000];
        for (uint256 i; i < nonces.length; ++i) {
            Factory factory = new Factory();
            vm.setNonce(address(factory), nonces[i]);
            address expected = CreateAddress.compute(address(factory), nonces[i]);
            assertEq(factory.create(), expected, "CREATE address");
        }
        // Nonce 0 (an EOA's first deploy) encodes as the empty string.
        assertEq(
            CreateAddress.compute(0x6AC7EA33F8831EA9dcC53393aAA88B25A785DBF0, 0),
            0xcd234A471b72ba2F1Ccf0A70FCABA648a5eeCD8d,
            "nonce 0 (ethers' getCreateAddress)"
        );
        assertEq(
            CreateAddress.compute(0x6AC7EA33F8831EA9dcC53393aAA88B25A785DBF0, 1),
            0x343c43A37D37dfF08AE8C4A11544c718AbB4fCF8,
            "nonce 1 (ethers' getCreateAddress)"
        );
    }
}
