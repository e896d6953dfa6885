// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {HostStaking} from "../../../contracts/hosts/HostStaking.sol";
import {IHostStaking} from "../../../contracts/interfaces/IHostStaking.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {HostFixture} from "./HostFixture.sol";

/// @notice Trying to escape a known slash: unstaking in the veto window, withdrawing matured unbonding stake,
/// deregistering the container. None of it moves the loss: unbonding stake is slashed pro rata with active stake,
/// and unbonded stake can't leave while a slash is pending.
contract HostSlashDodgeTest is HostFixture {
    bytes32 internal constant C1 = keccak256("container-1");
    address internal host;
    address internal alice;
    address internal bob;

    function setUp() public {
        _deployHosts();
        host = _host("host", 0, 100_000 ether, C1);
        alice = _actor("alice", 100_000 ether);
        bob = _actor("bob", 100_000 ether);
        _delegate(host, host, K);
    }

    function _propose() internal returns (uint256 id) {
        vm.prank(slasher);
        id = slashing.propose(C1, IHostSlashing.Kind.Malicious, keccak256("evidence"), 0, address(0));
    }

    /// Alice unstakes everything the moment the slash is proposed; Bob, who staked as much, does nothing. They lose
    /// the same.
    function testFuzz_UnstakingInTheWindowDoesNotDodge(uint256 stakeSeed, uint256 partSeed) public {
        uint256 stake = bound(stakeSeed, 1 ether, 50_000 ether);
        _delegate(alice, host, stake);
        _delegate(bob, host, stake);
        uint256 id = _propose();
        uint256 part = bound(partSeed, 1, stake);
        uint256 request = _undelegate(alice, host, part);
        vm.warp(block.timestamp + 7 days);
        slashing.execute(id);

        (, uint256 aliceUnbonding, ) = lens.unbondingOf(host, alice, request);
        uint256 aliceLeft = _assets(host, alice) + aliceUnbonding;
        uint256 bobLeft = _assets(host, bob);
        assertLt(aliceLeft, stake, "alice was slashed");
        // Each pool rounds its part of the slash, and each stake rounds down its value: a few wei apart at most.
        assertLe(aliceLeft, bobLeft + 1, "alice kept no more than bob");
        assertGe(aliceLeft + 3, bobLeft, "and no less, rounding aside");

        // Her unbonding request can't leave early, and pays only what is left of it.
        vm.warp(block.timestamp + 180 days);
        vm.prank(alice);
        assertEq(staking.withdraw(host, _ids(request)), aliceUnbonding, "what the slash left");
    }

    /// A request that matured before the slash executes waits for it, then pays what the slash left.
    function test_MaturedUnbondingCantLeaveBeforeThePendingSlash() public {
        _delegate(alice, host, K);
        uint256 request = _undelegate(alice, host, K);
        vm.warp(T0 + 179 days);
        uint256 id = _propose();
        vm.warp(T0 + 180 days);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostHasPendingSlash.selector, host, 1));
        staking.withdraw(host, _ids(request));
        vm.warp(T0 + 186 days);
        slashing.execute(id);
        vm.prank(alice);
        assertEq(staking.withdraw(host, _ids(request)), K / 2, "half: active and unbonding were equal");
    }

    /// Deregistering the container, or unstaking everything, leaves the host as slashable as before.
    function test_TheHostCantDodgeByDeregisteringOrUnstaking() public {
        uint256 id = _propose();
        vm.startPrank(host);
        registry.deregisterContainer(C1);
        uint256 request = staking.undelegate(host, type(uint256).max);
        vm.stopPrank();
        vm.warp(block.timestamp + 7 days);
        slashing.execute(id);
        (, uint256 left, ) = lens.unbondingOf(host, host, request);
        assertEq(left, 0, "K x 1 took all of K");
        assertEq(token.balanceOf(treasury), K, "to the treasury");
        // A verdict about the deregistered container's past still finds its host.
        assertEq(registry.containerOf(C1).host, host, "still bound");
    }

    /// Nobody can join a host under a known slash (they'd share a loss they had no part in); the host itself may.
    function test_NobodyJoinsIntoAKnownSlash() public {
        _propose();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.HostHasPendingSlash.selector, host, 1));
        staking.delegate(host, 1 ether);
    }
}

/// @notice An ERC-20 that calls a hook after every balance change, as ERC-777 or a malicious token would: the hook
/// tries to re-enter HostStaking in the middle of a token movement.
contract HookToken is ERC20 {
    address public hook;

    constructor() ERC20("Hook", "HOOK") {
        _mint(msg.sender, 1e30);
    }

    function setHook(address hook_) external {
        hook = hook_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (hook != address(0)) Reenterer(hook).onTransfer();
    }
}

/// @notice The hook: re-enters with a prepared call and records how it failed.
contract Reenterer {
    HostStaking public staking;
    bytes public call;
    bytes public lastError;
    uint256 public attempts;

    function arm(HostStaking staking_, bytes calldata call_) external {
        (staking, call, attempts) = (staking_, call_, 0);
        delete lastError;
    }

    function onTransfer() external {
        if (call.length == 0 || attempts != 0) return;
        ++attempts;
        (bool ok, bytes memory data) = address(staking).call(call);
        if (!ok) lastError = data;
        else lastError = "succeeded";
    }

    function approve(IERC20 token, address spender) external {
        token.approve(spender, type(uint256).max);
    }

    function delegate(address host, uint256 amount) external {
        staking.delegate(host, amount);
    }

    function undelegate(address host, uint256 amount) external returns (uint256) {
        return staking.undelegate(host, amount);
    }

    function withdraw(address host, uint256[] calldata ids) external returns (uint256) {
        return staking.withdraw(host, ids);
    }

    function claimRewards(address host) external returns (uint256) {
        return staking.claimRewards(host);
    }
}

/// @notice Claiming host rewards without a valid KYC attestation (issue 11, attack 6): a delegator in a restricted
/// country gets its attestation revoked, or never attests, or lets it expire, and claims. Each is refused with
/// `NotKycAllowed`; the rewards wait in the delegation, and the principal stays free to leave.
contract HostRewardKycDodgeTest is HostFixture {
    address internal host;

    function setUp() public {
        _deployHosts();
        host = _host("host", 0, 100_000 ether, bytes32(0));
        _delegate(host, host, K);
    }

    /// @dev `account` delegates 1,000 ATH and a 30-day stream of 100 ATH fully releases.
    function _earn(address account) internal {
        _delegate(account, host, 1_000 ether);
        staking.fundRewards(host, 100 ether);
        vm.warp(block.timestamp + 30 days);
    }

    function _claimRefused(address account) internal {
        vm.prank(account);
        vm.expectRevert(abi.encodeWithSelector(IHostStaking.NotKycAllowed.selector, account));
        staking.claimRewards(host);
    }

    /// A US resident's attestation is revoked (by the provider, or at its request): before the fix the revocation
    /// deleted the record and the claim went through.
    function test_RevokedRestrictedAttestationCantClaim() public {
        address mallory = _actorWithoutKyc("mallory", 100_000 ether);
        _attest(mallory, "US");
        _earn(mallory);
        vm.prank(kyc);
        compliance.revoke(mallory);
        assertTrue(compliance.isRestricted(mallory), "a revoked US attestation still restricts");
        _claimRefused(mallory);
    }

    /// An account that never did KYC is not known to be outside a restricted country: before the fix it claimed.
    function test_NeverAttestedCantClaim() public {
        address mallory = _actorWithoutKyc("mallory", 100_000 ether);
        _earn(mallory);
        _claimRefused(mallory);
        // Attested later in an allowed country, it claims everything it earned.
        _attest(mallory, "DE");
        uint256 share = (100 ether * 1_000 ether) / (K + 1_000 ether); // 1,000 of the host's K + 1,000 staked
        vm.prank(mallory);
        uint256 paid = staking.claimRewards(host);
        assertLe(paid, share, "its share of the stream");
        assertGe(paid + 1e9, share, "rounding aside");
    }

    /// An allowed resident's attestation expired, or was revoked: no claim until a new one is recorded.
    function test_ExpiredOrRevokedAllowedAttestationCantClaim() public {
        address alice = _actorWithoutKyc("alice", 100_000 ether);
        _attestFor(alice, "DE", 10 days);
        _earn(alice);
        _claimRefused(alice);
        address bob = _actor("bob", 100_000 ether);
        _delegate(bob, host, 1_000 ether);
        vm.prank(kyc);
        compliance.revoke(bob);
        _claimRefused(bob);
    }

    /// Refused rewards are not lost and the principal is not trapped: unstaking and withdrawing need no KYC.
    function test_PrincipalLeavesWithoutKyc() public {
        address mallory = _actorWithoutKyc("mallory", 100_000 ether);
        _earn(mallory);
        uint256 id = _undelegate(mallory, host, type(uint256).max);
        vm.warp(block.timestamp + 180 days);
        vm.prank(mallory);
        assertEq(staking.withdraw(host, _ids(id)), 1_000 ether, "principal back");
        _claimRefused(mallory);
    }
}

/// @notice Reentrancy through token callbacks: every entry point that moves tokens is guarded, so a hook re-entering
/// any of them mid-transfer fails with `ReentrancyGuardReentrantCall` and nothing is paid twice.
contract HostReentrancyTest is HostFixture {
    HookToken internal hookToken;
    HostStaking internal hooked;
    Reenterer internal attacker;
    address internal host;

    function setUp() public {
        _deployHosts();
        hookToken = new HookToken();
        LinearRewardPool hookPool = new LinearRewardPool(
            IERC20(address(hookToken)),
            1e24,
            T0,
            100 days,
            address(this),
            guardian
        );
        hooked = new HostStaking(address(this), IERC20(address(hookToken)), compliance, hookPool, K);
        hooked.grantRole(hooked.DISTRIBUTOR_ROLE(), address(this));
        hooked.grantRole(hooked.SLASHER_ROLE(), address(this));
        hookToken.approve(address(hooked), type(uint256).max);
        attacker = new Reenterer();
        attacker.approve(IERC20(address(hookToken)), address(hooked));
        attacker.arm(hooked, "");
        hookToken.transfer(address(attacker), 1_000_000 ether);
        host = makeAddr("host");
        vm.prank(host);
        hooked.registerHost(0);
        hookToken.setHook(address(attacker));
        _attestFor(address(attacker), "DE", ACTOR_KYC); // so that its claims reach the transfer
        attacker.delegate(host, 10_000 ether);
    }

    function _assertReentryRefused() internal view {
        bytes memory reentrant = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        assertEq(attacker.lastError(), reentrant, "re-entry refused by the guard");
    }

    function test_DelegateCantBeReentered() public {
        attacker.arm(hooked, abi.encodeCall(HostStaking.undelegate, (host, 10_000 ether)));
        attacker.delegate(host, 1 ether);
        _assertReentryRefused();
        assertEq(hooked.activePool(host).assets, 10_001 ether, "one delegation, nothing left");
    }

    function test_WithdrawCantBeReentered() public {
        uint256 first = attacker.undelegate(host, 1_000 ether);
        uint256 second = attacker.undelegate(host, 1_000 ether);
        vm.warp(block.timestamp + 180 days);
        attacker.arm(hooked, abi.encodeCall(HostStaking.withdraw, (host, _ids(second))));
        uint256 before = hookToken.balanceOf(address(attacker));
        attacker.withdraw(host, _ids(first));
        _assertReentryRefused();
        assertEq(hookToken.balanceOf(address(attacker)) - before, 1_000 ether, "paid once");
        assertEq(hooked.unbondingPool(host).assets, 1_000 ether, "the second request is still there");
    }

    function test_ClaimCantBeReentered() public {
        hooked.fundRewards(host, 100 ether);
        vm.warp(block.timestamp + 30 days);
        attacker.arm(hooked, abi.encodeCall(HostStaking.claimRewards, (host)));
        uint256 before = hookToken.balanceOf(address(attacker));
        attacker.claimRewards(host);
        _assertReentryRefused();
        assertEq(hookToken.balanceOf(address(attacker)) - before, 100 ether, "claimed once");
    }

    function test_FundingAndSlashingCantBeReentered() public {
        attacker.arm(hooked, abi.encodeCall(HostStaking.claimRewards, (host)));
        hooked.fundRewards(host, 100 ether);
        _assertReentryRefused();

        hooked.openSlash(host);
        attacker.arm(hooked, abi.encodeCall(HostStaking.undelegate, (host, 1 ether)));
        hooked.slash(host, 1, 1_000 ether, 0, address(0), address(attacker));
        _assertReentryRefused();
        assertEq(hooked.streamOf(host).unreleased, 0, "the unreleased rewards were taken first");
        assertEq(hooked.activePool(host).assets, 10_000 ether - 900 ether, "then the stake");
    }
}
