// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {HostStaking} from "../../../contracts/hosts/HostStaking.sol";
import {HostRegistry} from "../../../contracts/hosts/HostRegistry.sol";
import {HostSlashing} from "../../../contracts/hosts/HostSlashing.sol";
import {HostStakingLens} from "../../../contracts/hosts/HostStakingLens.sol";
import {IHostStaking} from "../../../contracts/interfaces/IHostStaking.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {ComplianceRegistry} from "../../../contracts/compliance/ComplianceRegistry.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {CheckerLicense} from "../../../contracts/license/CheckerLicense.sol";
import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {AssignmentFixture, AssignmentTree} from "../utils/AssignmentTree.sol";
import {Kyc} from "../utils/Kyc.sol";

/// @notice The host staking stack on a token whose supply sits in the test: a real compliance registry (US and Crimea
/// restricted), an Enterprise-style linear pool, a checker license and referee (five licenses of one owner, so a job
/// of N = 2 is signed by the owner), HostStaking with its registry, HostSlashing and the lens. The test contract is
/// governance, distributor and the referee service; `guardian` vetoes and `slasher` proposes with evidence.
/// @dev The referee's epoch 0 starts at T0, the deployment: its cut-off has passed, so verdicts come from epoch 1 on
/// (cut-off T0 + 12 h). Posting an epoch's assignment warps to its cut-off and then to the end of its veto window.
abstract contract HostFixture is TokenFixture, AssignmentFixture {
    uint256 internal constant K = 10_000 ether;
    uint32 internal constant GPU = 1; // 1x K, not HPC
    uint32 internal constant H100 = 2; // 3x K, HPC
    uint32 internal constant ONE_X = 10_000;
    uint32 internal constant THREE_X = 30_000;
    uint256 internal constant POOL_ALLOCATION = 1_000_000_000 ether;
    uint64 internal constant T0 = 1_750_000_000;
    /// @dev How long actors' attestations last: longer than any test's warps.
    uint64 internal constant ACTOR_KYC = 20 * 365 days;

    ComplianceRegistry internal compliance;
    LinearRewardPool internal pool;
    CheckerLicense internal license;
    CheckerReferee internal referee;
    HostStaking internal staking;
    HostRegistry internal registry;
    HostSlashing internal slashing;
    HostStakingLens internal lens;

    address internal guardian;
    address internal slasher;
    address internal treasury;
    address internal licenseOwner;
    uint256 internal licenseOwnerKey;
    address internal kyc;
    uint256 internal kycKey;

    function _deployHosts() internal {
        vm.warp(T0);
        _deployTokenToSelf();
        guardian = makeAddr("guardian");
        slasher = makeAddr("slasher");
        treasury = makeAddr("treasury");
        (kyc, kycKey) = makeAddrAndKey("kyc");
        bytes8[] memory restricted = new bytes8[](2);
        (restricted[0], restricted[1]) = (bytes8("US"), bytes8("UA-43"));
        compliance = new ComplianceRegistry(address(this), restricted);
        compliance.grantRole(compliance.KYC_SIGNER_ROLE(), kyc);

        pool = new LinearRewardPool(IERC20(address(token)), POOL_ALLOCATION, T0, 1000 days, address(this), guardian);
        token.transfer(address(pool), POOL_ALLOCATION);

        license = new CheckerLicense(address(this), IComplianceRegistry(address(compliance)), 0);
        license.grantRole(license.MINTER_ROLE(), address(this));
        (licenseOwner, licenseOwnerKey) = makeAddrAndKey("license owner");
        _attestFor(licenseOwner, "DE", ACTOR_KYC); // receiving a license needs a valid attestation
        license.mint(licenseOwner, 5);
        referee = new CheckerReferee(address(this), address(this), guardian, license, pool, pool, T0);

        staking = new HostStaking(address(this), IERC20(address(token)), compliance, pool, K);
        registry = staking.registry();
        slashing = new HostSlashing(address(this), guardian, slasher, staking, referee, treasury);
        lens = new HostStakingLens(staking);
        staking.grantRole(staking.SLASHER_ROLE(), address(slashing));
        staking.grantRole(staking.DISTRIBUTOR_ROLE(), address(this));
        pool.grantRole(pool.DISTRIBUTOR_ROLE(), address(staking));
        registry.setGpuClass(GPU, ONE_X, false, true);
        registry.setGpuClass(H100, THREE_X, true, true);
        token.approve(address(staking), type(uint256).max);
    }

    // ---------------------------------------------------------------- actors

    /// @dev A funded account that approved the staking contract and holds a valid attestation (DE) so it can claim.
    function _actor(string memory name, uint256 balance) internal returns (address account) {
        account = _actorWithoutKyc(name, balance);
        _attestFor(account, "DE", ACTOR_KYC);
    }

    /// @dev A funded account that approved the staking contract and never did KYC.
    function _actorWithoutKyc(string memory name, uint256 balance) internal returns (address account) {
        account = makeAddr(name);
        token.transfer(account, balance);
        vm.prank(account);
        token.approve(address(staking), type(uint256).max);
    }

    /// @dev A registered host with `commissionBps`, `balance` ATH and one 1x container `container`.
    function _host(
        string memory name,
        uint16 commissionBps,
        uint256 balance,
        bytes32 container
    ) internal returns (address host) {
        host = _actor(name, balance);
        vm.prank(host);
        staking.registerHost(commissionBps);
        if (container != bytes32(0)) {
            vm.prank(host);
            registry.registerContainer(container, GPU, "DE");
        }
    }

    function _delegate(address account, address host, uint256 amount) internal returns (uint256) {
        vm.prank(account);
        return staking.delegate(host, amount);
    }

    function _undelegate(address account, address host, uint256 amount) internal returns (uint256) {
        vm.prank(account);
        return staking.undelegate(host, amount);
    }

    function _ids(uint256 id) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = id;
    }

    function _assets(address host, address account) internal view returns (uint256 assets) {
        (, assets) = lens.stakeOf(host, account);
    }

    // ---------------------------------------------------------------- slashing

    /// @dev Proposes (as the slasher) and executes after the veto window a `kind` slash of `container`.
    function _slash(
        bytes32 container,
        IHostSlashing.Kind kind,
        uint256 refund,
        address refundTo
    ) internal returns (uint256 id) {
        vm.prank(slasher);
        id = slashing.propose(container, kind, keccak256("evidence"), refund, refundTo);
        vm.warp(block.timestamp + slashing.vetoWindow());
        slashing.execute(id);
    }

    /// @dev Job `job` of `epoch`, checking `container` with the five licenses, committed to their owner (who signs).
    function _ownerLeaf(
        uint64 epoch,
        uint32 job,
        bytes32 container
    ) internal view returns (ICheckerReferee.JobLeaf memory) {
        uint256[] memory ids = new uint256[](5);
        address[] memory operators = new address[](5);
        for (uint256 i; i < 5; ++i) (ids[i], operators[i]) = (i + 1, licenseOwner);
        return _leaf(epoch, job, container, ids, operators);
    }

    /// @dev Posts `epoch`'s assignment (this contract is the referee service): job j checks `containers[j]` with the
    /// five licenses. Returns when the assignment is final (see the contract's note on time).
    function _postJobs(
        uint64 epoch,
        bytes32[] memory containers
    ) internal returns (ICheckerReferee.JobLeaf[] memory leaves) {
        leaves = new ICheckerReferee.JobLeaf[](containers.length);
        for (uint256 j; j < containers.length; ++j) leaves[j] = _ownerLeaf(epoch, uint32(j), containers[j]);
        _postAssignment(referee, address(this), leaves);
    }

    /// @dev `count` times `container`.
    function _containers(bytes32 container, uint256 count) internal pure returns (bytes32[] memory c) {
        c = new bytes32[](count);
        for (uint256 j; j < count; ++j) c[j] = container;
    }

    /// @dev Proves job `j` of `leaves`: five votes signed by the licenses' owner, `fails` of them Fail, the rest Pass.
    function _proveJob(ICheckerReferee.JobLeaf[] memory leaves, uint256 j, uint256 fails) internal {
        uint256[] memory keys = new uint256[](5);
        for (uint256 i; i < 5; ++i) keys[i] = licenseOwnerKey;
        ICheckerReferee.Vote[] memory votes = _votes(_domain(referee), keys, leaves[j], _verdicts(5, fails));
        referee.proveJob(leaves[j], votes, AssignmentTree.proof(leaves, j));
    }

    /// @dev Posts `epoch` with `count` jobs of `container` and proves each with a Fail majority: `count` proven Fail
    /// jobs of the container in the epoch.
    function _proveFails(
        bytes32 container,
        uint64 epoch,
        uint256 count
    ) internal returns (ICheckerReferee.JobLeaf[] memory leaves) {
        leaves = _postJobs(epoch, _containers(container, count));
        for (uint256 j; j < count; ++j) _proveJob(leaves, j, 5);
    }

    // ---------------------------------------------------------------- compliance

    /// @dev Records a KYC attestation of `account` in `country`, signed by the KYC signer.
    function _attest(address account, bytes8 country) internal {
        _attestFor(account, country, 365 days);
    }

    /// @dev Records a KYC signer's attestation of `account` in `country`, valid for `validFor` seconds.
    function _attestFor(address account, bytes8 country, uint64 validFor) internal {
        Kyc.attest(compliance, kycKey, account, country, uint64(block.timestamp) + validFor);
    }

    // ---------------------------------------------------------------- accounting

    /// @dev Everything the staking contract owes for `host`: both pools and the unreleased stream.
    function _owedFor(address host) internal view returns (uint256) {
        return
            uint256(staking.activePool(host).assets) +
            staking.unbondingPool(host).assets +
            staking.streamOf(host).unreleased;
    }
}
