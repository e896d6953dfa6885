// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {HostStaking} from "../../../contracts/hosts/HostStaking.sol";
import {HostStakingLens} from "../../../contracts/hosts/HostStakingLens.sol";
import {IHostStaking} from "../../../contracts/interfaces/IHostStaking.sol";
import {IHostSlashing} from "../../../contracts/interfaces/IHostSlashing.sol";
import {AethirToken} from "../../../contracts/token/AethirToken.sol";
import {HostFixture} from "./HostFixture.sol";

/// @notice Random delegations, unstakes, withdrawals, reward funding and claims, commission changes, slash proposals,
/// vetoes and executions, and time passing, over three hosts and four delegators:
/// - the contract's ATH balance covers every stake, every pending unstake and every unpaid reward (and equals what
///   came in minus what went out);
/// - the shares of a host's delegations sum to its pool's shares, those of others than the host to its delegated
///   total, and the live unbonding requests' shares to its unbonding pool's;
/// - no slash ever took more than was staked (and unreleased), and a pool's assets never exceed its shares.
contract HostStakingInvariantTest is Test {
    HostStakingHandler internal handler;

    function setUp() public {
        handler = new HostStakingHandler();
        handler.deploy();
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](10);
        actions[0] = HostStakingHandler.delegate.selector;
        actions[1] = HostStakingHandler.delegate.selector; // stake moves twice as often as the rest
        actions[2] = HostStakingHandler.undelegate.selector;
        actions[3] = HostStakingHandler.withdraw.selector;
        actions[4] = HostStakingHandler.fund.selector;
        actions[5] = HostStakingHandler.claim.selector;
        actions[6] = HostStakingHandler.setCommission.selector;
        actions[7] = HostStakingHandler.propose.selector;
        actions[8] = HostStakingHandler.settle.selector;
        actions[9] = HostStakingHandler.wait.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    /// A long pseudo-random run through the same actions: every kind of action goes through (the invariant runs above
    /// reach the same paths), and the invariants hold at the end.
    function test_ALongRandomRunReachesEveryAction() public {
        for (uint256 i; i < 600; ++i) {
            uint256 r = uint256(keccak256(abi.encode("run", i)));
            uint256 action = r % 10;
            (uint256 a, uint256 b, uint256 c) = (r >> 8, r >> 80, r >> 160);
            if (action < 3) handler.delegate(a, b, c);
            else if (action == 3) handler.undelegate(a, b, c);
            else if (action == 4) handler.withdraw(a, b);
            else if (action == 5) handler.fund(a, b);
            else if (action == 6) handler.claim(a, b);
            else if (action == 7) handler.setCommission(a, b);
            else if (action == 8) handler.propose(a, b, c);
            else if (r % 3 == 0) handler.settle(a, b % 2 == 0);
            else handler.wait(a % 5 days);
        }
        string[8] memory actions = [
            "delegate",
            "undelegate",
            "withdraw",
            "fund",
            "claim",
            "veto",
            "execute",
            "emptied"
        ];
        for (uint256 i; i < actions.length; ++i) assertGt(handler.done(bytes32(bytes(actions[i]))), 0, actions[i]);
        invariant_BalanceCoversStakesUnstakesAndRewards();
        invariant_DelegationsSumToTheHostsTotals();
        invariant_PoolsNeverWorthMoreThanTheirShares();
        invariant_ASlashNeverExceedsTheStake();
    }

    function invariant_BalanceCoversStakesUnstakesAndRewards() public view {
        HostStaking staking = handler.stakingUnderTest();
        HostStakingLens lens = handler.lensUnderTest();
        uint256 owed;
        for (uint256 h; h < handler.HOSTS(); ++h) {
            address host = handler.hosts(h);
            owed += uint256(staking.activePool(host).assets) + staking.unbondingPool(host).assets;
            owed += lens.unreleasedRewards(host);
            for (uint256 a; a < handler.accountCount(); ++a) owed += lens.pendingRewards(host, handler.account(a));
        }
        uint256 balance = handler.tokenUnderTest().balanceOf(address(staking));
        assertGe(balance, owed, "balance >= stakes + unstakes + unpaid rewards");
        assertEq(balance, handler.ghostIn() - handler.ghostOut(), "balance = in - out");
    }

    function invariant_DelegationsSumToTheHostsTotals() public view {
        HostStaking staking = handler.stakingUnderTest();
        HostStakingLens lens = handler.lensUnderTest();
        for (uint256 h; h < handler.HOSTS(); ++h) {
            address host = handler.hosts(h);
            uint256 all;
            uint256 others;
            uint256 value;
            for (uint256 a; a < handler.accountCount(); ++a) {
                address account = handler.account(a);
                (uint256 shares, uint256 assets) = lens.stakeOf(host, account);
                all += shares;
                value += assets;
                if (account != host) others += shares;
            }
            IHostStaking.Pool memory active = staking.activePool(host);
            assertEq(all, active.shares, "sum of delegations == pool shares");
            assertEq(others, lens.delegatedShares(host), "sum of others' delegations == delegated total");
            assertLe(value, active.assets, "stakes' worth <= pool assets");
            assertEq(handler.unbondingShares(host), staking.unbondingPool(host).shares, "unbonding requests");
        }
    }

    function invariant_PoolsNeverWorthMoreThanTheirShares() public view {
        HostStaking staking = handler.stakingUnderTest();
        for (uint256 h; h < handler.HOSTS(); ++h) {
            address host = handler.hosts(h);
            IHostStaking.Pool memory active = staking.activePool(host);
            IHostStaking.Pool memory unbonding = staking.unbondingPool(host);
            assertLe(active.assets, active.shares, "active assets <= shares");
            assertLe(unbonding.assets, unbonding.shares, "unbonding assets <= shares");
        }
    }

    function invariant_ASlashNeverExceedsTheStake() public view {
        assertEq(handler.slashViolations(), 0, "a slash took more than was staked");
    }
}

/// @notice Drives the host staking stack for the invariant test; it deploys it and is its governance, distributor and
/// (through HostSlashing) slasher.
contract HostStakingHandler is HostFixture {
    uint256 public constant HOSTS = 3;
    uint256 public constant DELEGATORS = 4;

    address[HOSTS] public hosts;
    address[] internal _accounts;
    uint256 public ghostIn;
    uint256 public ghostOut;
    uint256 public slashViolations;
    /// @notice How many of each action went through (the invariant run's coverage).
    mapping(bytes32 action => uint256) public done;
    uint256[] internal _proposals;
    /// @dev Unbonding requests per host: owner and id, withdrawn ones removed.
    mapping(address host => address[]) internal _owners;
    mapping(address host => uint256[]) internal _requestIds;

    /// @dev Not in the constructor: the token mints its supply only to an address with code.
    function deploy() external {
        _deployHosts();
        for (uint256 i; i < HOSTS; ++i) {
            address host = _host(
                string(abi.encodePacked("host", bytes1(uint8(48 + i)))),
                uint16(i * 2_000),
                1_000_000 ether,
                bytes32(0)
            );
            hosts[i] = host;
            _accounts.push(host);
            if (i < 2) {
                vm.prank(host);
                registry.registerContainer(keccak256(abi.encode("container", i)), GPU, "DE");
            }
        }
        for (uint256 i; i < DELEGATORS; ++i) {
            _accounts.push(_actor(string(abi.encodePacked("delegator", bytes1(uint8(48 + i)))), 1_000_000 ether));
        }
        ghostIn = 0;
    }

    function stakingUnderTest() external view returns (HostStaking) {
        return staking;
    }

    function lensUnderTest() external view returns (HostStakingLens) {
        return lens;
    }

    function tokenUnderTest() external view returns (AethirToken) {
        return token;
    }

    function accountCount() external view returns (uint256) {
        return _accounts.length;
    }

    function account(uint256 i) external view returns (address) {
        return _accounts[i];
    }

    /// @notice The shares of `host`'s live unbonding requests (of the unbonding pool's current generation).
    function unbondingShares(address host) external view returns (uint256 sum) {
        for (uint256 i; i < _requestIds[host].length; ++i) {
            (uint256 shares, , ) = lens.unbondingOf(host, _owners[host][i], _requestIds[host][i]);
            sum += shares;
        }
    }

    // ---------------------------------------------------------------- actions

    function delegate(uint256 accountSeed, uint256 hostSeed, uint256 amountSeed) external {
        address who = _accounts[accountSeed % _accounts.length];
        address host = hosts[hostSeed % HOSTS];
        if (who != host && staking.hostInfo(host).pendingSlashes != 0) return;
        // From wei to 20,000 ATH, small amounts as likely as large ones, so slashes also empty pools
        uint256 amount = bound(amountSeed >> 8, 1, 20_000 ether >> (amountSeed % 64));
        _delegate(who, host, amount);
        ghostIn += amount;
        ++done["delegate"];
    }

    function undelegate(uint256 accountSeed, uint256 hostSeed, uint256 amountSeed) external {
        address who = _accounts[accountSeed % _accounts.length];
        address host = hosts[hostSeed % HOSTS];
        uint256 assets = _assets(host, who);
        if (assets == 0) return;
        uint256 amount = amountSeed % 4 == 0 ? type(uint256).max : bound(amountSeed, 1, assets);
        uint256 id = _undelegate(who, host, amount);
        _owners[host].push(who);
        _requestIds[host].push(id);
        ++done["undelegate"];
    }

    function withdraw(uint256 hostSeed, uint256 requestSeed) external {
        address host = hosts[hostSeed % HOSTS];
        uint256 count = _requestIds[host].length;
        if (count == 0 || staking.hostInfo(host).pendingSlashes != 0) return;
        uint256 i = requestSeed % count;
        (address who, uint256 id) = (_owners[host][i], _requestIds[host][i]);
        (, , uint64 unlockAt) = lens.unbondingOf(host, who, id);
        if (block.timestamp < unlockAt) vm.warp(unlockAt);
        vm.prank(who);
        ghostOut += staking.withdraw(host, _ids(id));
        _owners[host][i] = _owners[host][count - 1];
        _requestIds[host][i] = _requestIds[host][count - 1];
        _owners[host].pop();
        _requestIds[host].pop();
        ++done["withdraw"];
    }

    function fund(uint256 hostSeed, uint256 amountSeed) external {
        address host = hosts[hostSeed % HOSTS];
        if (lens.isHalted(host)) return;
        uint256 amount = bound(amountSeed, 1, 10_000 ether);
        staking.fundRewards(host, amount);
        ghostIn += amount;
        ++done["fund"];
    }

    function claim(uint256 accountSeed, uint256 hostSeed) external {
        address who = _accounts[accountSeed % _accounts.length];
        address host = hosts[hostSeed % HOSTS];
        if (lens.pendingRewards(host, who) == 0) return;
        vm.prank(who);
        ghostOut += staking.claimRewards(host);
        ++done["claim"];
    }

    function setCommission(uint256 hostSeed, uint256 bps) external {
        vm.prank(hosts[hostSeed % HOSTS]);
        staking.setCommission(uint16(bound(bps, 0, 10_000)));
    }

    /// @notice The slasher proposes a slash of host 0's or host 1's container, of any kind, with or without refund.
    function propose(uint256 hostSeed, uint256 kindSeed, uint256 refundSeed) external {
        bytes32 container = keccak256(abi.encode("container", hostSeed % 2));
        IHostSlashing.Kind kind = IHostSlashing.Kind(kindSeed % 4);
        uint256 refund = kind == IHostSlashing.Kind.DowntimeReserve ? bound(refundSeed, 0, K) : 0;
        vm.prank(slasher);
        _proposals.push(slashing.propose(container, kind, keccak256("evidence"), refund, makeAddr("customer")));
    }

    /// @notice The guardian vetoes a pending proposal, or anyone executes it (after its window); checks that the
    /// slash took no more than the host's stake and unreleased rewards.
    function settle(uint256 proposalSeed, bool veto) external {
        if (_proposals.length == 0) return;
        uint256 i = proposalSeed % _proposals.length;
        uint256 id = _proposals[i];
        IHostSlashing.Proposal memory p = slashing.proposal(id);
        if (veto && block.timestamp < p.executeAfter) {
            vm.prank(guardian);
            slashing.veto(id);
            ++done["veto"];
        } else {
            if (block.timestamp < p.executeAfter) vm.warp(p.executeAfter);
            uint256 staked = uint256(staking.activePool(p.host).assets) + staking.unbondingPool(p.host).assets;
            IHostStaking.Stream memory before = staking.streamOf(p.host);
            uint256 unreleased = before.unreleased;
            uint256 generations = uint256(before.activeGeneration) + before.unbondingGeneration;
            IHostStaking.SlashResult memory r = slashing.execute(id);
            uint256 fromStake = r.fromActive + r.fromUnbonding;
            if (fromStake > staked || r.fromRewards > unreleased) ++slashViolations;
            if (r.refunded + r.penalty != r.fromRewards + fromStake || r.refunded > p.refund) ++slashViolations;
            ghostOut += r.refunded + r.penalty;
            ++done["execute"];
            IHostStaking.Stream memory then = staking.streamOf(p.host);
            if (then.activeGeneration + then.unbondingGeneration != generations) ++done["emptied"];
        }
        _proposals[i] = _proposals[_proposals.length - 1];
        _proposals.pop();
    }

    function wait(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 40 days));
    }
}
