// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {AethirToken} from "../../../contracts/token/AethirToken.sol";
import {IAethirToken} from "../../../contracts/interfaces/IAethirToken.sol";
import {LinearVesting} from "../../../contracts/vesting/LinearVesting.sol";
import {UpfrontLinearVesting} from "../../../contracts/vesting/UpfrontLinearVesting.sol";
import {StepVesting} from "../../../contracts/vesting/StepVesting.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {SteppedRewardPool} from "../../../contracts/pools/SteppedRewardPool.sol";
import {DecayingRewardPool} from "../../../contracts/pools/DecayingRewardPool.sol";
import {Test} from "./Test.sol";
import {Tokenomics as T} from "./Tokenomics.sol";
import {CreateAddress} from "./CreateAddress.sol";

/// @notice The genesis of scripts/lib/genesis.ts, replayed in Solidity with this test contract as the deployer:
/// the timelock, then the ten buckets in BUCKETS order (pools built with the token's address predicted from the
/// deployer's nonce), then the token, whose constructor mints every bucket's share. Deploying it the same way the
/// script does means the tests exercise the real wiring (predicted token address, timelock as admin and as the
/// treasury's beneficiary), not a convenient variant.
abstract contract GenesisFixture is Test {
    struct GenesisParams {
        uint64 tge;
        uint256 minDelay;
        address proposer;
        address guardian;
        address team;
        address investors;
        address advisors;
        address ecosystem;
        address airdrop;
    }

    GenesisParams internal params;
    address internal predictedToken;

    TimelockController internal timelock;
    DecayingRewardPool internal edgePool;
    LinearRewardPool internal enterprisePool;
    LinearRewardPool internal checkerBasePool;
    SteppedRewardPool internal checkerBonusPool;
    LinearVesting internal teamVesting;
    LinearVesting internal investorVesting;
    UpfrontLinearVesting internal ecosystemVesting;
    LinearVesting internal treasuryVesting;
    StepVesting internal airdropVesting;
    LinearVesting internal advisorVesting;
    AethirToken internal token;

    /// @notice Parameters like config/deploy-params.json's "default" network: one-hour timelock, one proposer
    /// (also the executor), a guardian and the five named beneficiaries.
    function _defaultParams(uint64 tge) internal returns (GenesisParams memory) {
        return
            GenesisParams({
                tge: tge,
                minDelay: 1 hours,
                proposer: makeAddr("proposer"),
                guardian: makeAddr("guardian"),
                team: makeAddr("team"),
                investors: makeAddr("investors"),
                advisors: makeAddr("advisors"),
                ecosystem: makeAddr("ecosystem"),
                airdrop: makeAddr("airdrop")
            });
    }

    function _deployGenesis(GenesisParams memory p) internal {
        params = p;
        address[] memory proposers = new address[](1);
        proposers[0] = p.proposer;
        // As genesis.ts: temporary admin, the guardian gets the canceller role (its veto), the admin renounces.
        timelock = new TimelockController(p.minDelay, proposers, proposers, address(this));
        timelock.grantRole(timelock.CANCELLER_ROLE(), p.guardian);
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        // Every bucket below takes exactly one nonce of this contract; the token takes the next one.
        predictedToken = CreateAddress.compute(address(this), vm.getNonce(address(this)) + T.BUCKET_COUNT);
        _deployPools(IERC20(predictedToken));
        _deployVestings();

        address[10] memory buckets = bucketAddresses();
        uint256[10] memory shares = T.shares();
        IAethirToken.Allocation[] memory allocations = new IAethirToken.Allocation[](T.BUCKET_COUNT);
        for (uint256 i; i < T.BUCKET_COUNT; ++i) {
            allocations[i] = IAethirToken.Allocation(buckets[i], T.amount(shares[i]));
        }
        token = new AethirToken(allocations);
        // genesis.ts aborts when the token lands elsewhere: the pools would point at an empty address.
        assertEq(address(token), predictedToken, "token deployed where the pools expect it");
        vm.label(address(token), "ATH");
    }

    function _deployPools(IERC20 t) private {
        uint64 tge = params.tge;
        address admin = address(timelock);
        address guardian = params.guardian;
        edgePool = new DecayingRewardPool(
            t,
            T.amount(T.EDGE_BPS),
            tge,
            uint64(T.YEAR),
            uint32(T.EDGE_PERIODS),
            uint16(T.EDGE_FIRST_BPS),
            uint32(T.EDGE_DECAY_NUM),
            uint32(T.EDGE_DECAY_DEN),
            admin,
            guardian
        );
        enterprisePool = new LinearRewardPool(
            t,
            T.amount(T.ENTERPRISE_BPS),
            tge,
            uint64(T.ENTERPRISE_DURATION),
            admin,
            guardian
        );
        checkerBasePool = new LinearRewardPool(
            t,
            T.amount(T.CHECKER_BASE_BPS),
            tge,
            uint64(T.CHECKER_EMISSION_PERIOD),
            admin,
            guardian
        );
        checkerBonusPool = new SteppedRewardPool(
            t,
            T.amount(T.CHECKER_BONUS_BPS),
            tge,
            uint64(T.QUARTER),
            uint32(T.CHECKER_BONUS_STEPS),
            admin,
            guardian
        );
    }

    function _deployVestings() private {
        GenesisParams memory p = params;
        teamVesting = new LinearVesting(p.team, p.tge + uint64(T.TEAM_CLIFF), uint64(T.TEAM_DURATION));
        investorVesting = new LinearVesting(p.investors, p.tge + uint64(T.INVESTOR_CLIFF), uint64(T.INVESTOR_DURATION));
        ecosystemVesting = new UpfrontLinearVesting(
            p.ecosystem,
            p.tge,
            uint64(T.ECOSYSTEM_DURATION),
            uint16(T.ECOSYSTEM_UPFRONT_BPS)
        );
        treasuryVesting = new LinearVesting(address(timelock), p.tge, uint64(T.TREASURY_DURATION));
        uint64[] memory offsets = new uint64[](3);
        offsets[1] = uint64(T.AIRDROP_STEP_2);
        offsets[2] = uint64(T.AIRDROP_STEP_3);
        uint16[] memory cumulativeBps = new uint16[](3);
        (cumulativeBps[0], cumulativeBps[1], cumulativeBps[2]) = (2500, 5000, 10_000);
        airdropVesting = new StepVesting(p.airdrop, p.tge, offsets, cumulativeBps);
        advisorVesting = new LinearVesting(p.advisors, p.tge + uint64(T.ADVISOR_CLIFF), uint64(T.ADVISOR_DURATION));
    }

    /// @notice The ten bucket contracts in BUCKETS order.
    function bucketAddresses() internal view returns (address[10] memory) {
        return
            [
                address(edgePool),
                address(enterprisePool),
                address(checkerBasePool),
                address(checkerBonusPool),
                address(teamVesting),
                address(investorVesting),
                address(ecosystemVesting),
                address(treasuryVesting),
                address(airdropVesting),
                address(advisorVesting)
            ];
    }

    /// @notice The four reward pools, in BUCKETS order.
    function pools() internal view returns (RewardPool[4] memory) {
        return [RewardPool(edgePool), enterprisePool, checkerBasePool, checkerBonusPool];
    }

    /// @notice The six vesting wallets, in BUCKETS order.
    function vestings() internal view returns (VestingWallet[6] memory) {
        return
            [
                VestingWallet(teamVesting),
                investorVesting,
                ecosystemVesting,
                treasuryVesting,
                airdropVesting,
                advisorVesting
            ];
    }
}
