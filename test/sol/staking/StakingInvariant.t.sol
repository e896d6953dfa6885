// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {StakingPools} from "../../../contracts/staking/StakingPools.sol";
import {IStakingPools} from "../../../contracts/interfaces/IStakingPools.sol";
import {Test} from "../utils/Test.sol";
import {StakingFixture, MockERC20} from "./StakingFixture.sol";

/// @notice Holder staking under random stakes, top-ups, relocks, claims, withdrawals (normal and emergency),
/// funding, stATH transfers and time: the contract always holds every stake plus every unpaid reward, pool weights
/// are the sums of their locked positions' weights, stATH is exactly the ATH staked, and nobody is paid more than
/// was funded.
contract StakingInvariantTest is StakingFixture {
    StakingHandler internal handler;

    function setUp() public {
        _deployStaking();
        _createDefaultPools();
        handler = new StakingHandler(staking, IERC20(address(token)), partner, admin);
        token.transfer(address(handler), 10_000_000_000 ether);
        partner.mint(address(handler), 10_000_000_000 ether);
        handler.setUp();
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handler.actions()}));
    }

    /// The contract's ATH is exactly what came in (stakes, funding) minus what went out (withdrawals, rewards), and
    /// covers every stake and every reward earned but not paid. The same for the partner token.
    function invariant_BalancesCoverStakesAndUnpaidRewards() public view {
        (uint256 pendingAth, uint256 pendingPartner) = handler.pendingTotals();
        uint256 athHeld = token.balanceOf(address(staking));
        assertEq(
            athHeld,
            handler.athStaked() + handler.athFunded() - handler.athWithdrawn() - handler.athRewardsPaid(),
            "ATH held == in - out"
        );
        assertGe(athHeld, staking.totalSupply() + pendingAth, "ATH held >= stakes + unpaid ATH rewards");
        uint256 partnerHeld = partner.balanceOf(address(staking));
        assertEq(partnerHeld, handler.partnerFunded() - handler.partnerPaid(), "partner held == in - out");
        assertGe(partnerHeld, pendingPartner, "partner held >= unpaid partner rewards");
    }

    /// Nobody is paid more than was funded: rewards paid, plus those still owed, never exceed funding.
    function invariant_NeverPaysMoreThanFunded() public view {
        (uint256 pendingAth, uint256 pendingPartner) = handler.pendingTotals();
        assertLe(handler.athRewardsPaid() + pendingAth, handler.athFunded(), "ATH rewards <= ATH funded");
        assertLe(handler.partnerPaid() + pendingPartner, handler.partnerFunded(), "partner paid <= funded");
    }

    /// Each pool's total weight is the sum of the weights of its locked positions; stATH is the ATH staked.
    function invariant_WeightsAndReceiptsAddUp() public view {
        for (uint256 p; p < 2; ++p) {
            assertEq(handler.weightIn(p), staking.pool(p).totalWeight, "sum of weights == total weight");
        }
        uint256 stakedInPools = staking.pool(0).staked + staking.pool(1).staked;
        assertEq(handler.openAmount(), staking.totalSupply(), "positions' amounts == stATH supply");
        assertEq(stakedInPools, staking.totalSupply(), "pools' stakes == stATH supply");
        assertEq(handler.receiptBalances(), staking.totalSupply(), "holders' stATH == supply");
        assertEq(handler.athStaked() - handler.athWithdrawn(), staking.totalSupply(), "ATH in stakes == supply");
    }
}

/// @notice Drives StakingPools with four actors over two pools (ATH; ATH + partner), keeping ghost totals of every
/// token that entered or left the contract and the list of positions opened.
contract StakingHandler is Test {
    uint256 internal constant WEEK = 7 days;

    StakingPools public staking;
    IERC20 public ath;
    MockERC20 public partner;
    address public admin;

    address[] internal _actors;
    struct Ref {
        address account;
        uint256 id;
    }
    Ref[] internal _positions;

    uint256 public currentTime;
    uint256 public athStaked;
    uint256 public athFunded;
    uint256 public athWithdrawn;
    uint256 public athRewardsPaid;
    uint256 public partnerFunded;
    uint256 public partnerPaid;
    mapping(bytes4 action => uint256) public calls;

    constructor(StakingPools staking_, IERC20 ath_, MockERC20 partner_, address admin_) {
        (staking, ath, partner, admin) = (staking_, ath_, partner_, admin_);
        for (uint256 i; i < 4; ++i) _actors.push(address(uint160(0xB000 + i)));
        currentTime = block.timestamp;
    }

    function setUp() external {
        ath.approve(address(staking), type(uint256).max);
        partner.approve(address(staking), type(uint256).max);
        for (uint256 i; i < _actors.length; ++i) {
            ath.transfer(_actors[i], 100_000_000 ether);
            vm.prank(_actors[i]);
            ath.approve(address(staking), type(uint256).max);
        }
        // something to earn from the start, and a position per actor and pool to begin with
        _fund(0, ath, 1, 20, 1_000 ether);
        _fund(1, ath, 1, 20, 500 ether);
        _fund(1, IERC20(address(partner)), 2, 10, 77 ether);
        for (uint256 i; i < _actors.length; ++i) {
            for (uint256 p; p < 2; ++p) {
                vm.prank(_actors[i]);
                uint256 id = staking.stake(p, (i + 1) * 1_000 ether, 1 + i + p);
                _positions.push(Ref(_actors[i], id));
                athStaked += (i + 1) * 1_000 ether;
            }
        }
    }

    function actions() external pure returns (bytes4[] memory a) {
        // withdrawals and whole weeks twice as likely: positions need weeks to unlock within a run's 32 calls
        a = new bytes4[](12);
        a[0] = this.stake.selector;
        a[1] = this.add.selector;
        a[2] = this.relock.selector;
        a[3] = this.claim.selector;
        a[4] = this.withdraw.selector;
        a[5] = this.withdraw.selector;
        a[6] = this.emergencyWithdraw.selector;
        a[7] = this.fund.selector;
        a[8] = this.warp.selector;
        a[9] = this.warpWeeks.selector;
        a[10] = this.warpWeeks.selector;
        a[11] = this.transferReceipt.selector;
    }

    // ---------------------------------------------------------------- views for the invariants

    function pendingTotals() external view returns (uint256 athOwed, uint256 partnerOwed) {
        for (uint256 i; i < _positions.length; ++i) {
            Ref memory r = _positions[i];
            IStakingPools.Position memory p = staking.position(r.account, r.id);
            if (p.amount == 0) continue;
            (, uint256[] memory owed) = staking.pendingRewards(r.account, r.id);
            athOwed += owed[0];
            if (owed.length > 1) partnerOwed += owed[1];
        }
    }

    function weightIn(uint256 poolId) external view returns (uint256 sum) {
        for (uint256 i; i < _positions.length; ++i) {
            Ref memory r = _positions[i];
            if (staking.position(r.account, r.id).pool == poolId) sum += staking.weightOf(r.account, r.id);
        }
    }

    function openAmount() external view returns (uint256 sum) {
        for (uint256 i; i < _positions.length; ++i)
            sum += staking.position(_positions[i].account, _positions[i].id).amount;
    }

    function receiptBalances() external view returns (uint256 sum) {
        for (uint256 i; i < _actors.length; ++i) sum += staking.balanceOf(_actors[i]);
    }

    // ---------------------------------------------------------------- actions

    function stake(uint256 actorSeed, uint256 poolSeed, uint256 amount, uint256 weeks_) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1 ether, 1_000_000 ether);
        weeks_ = bound(weeks_, 1, 6);
        vm.prank(actor);
        uint256 id = staking.stake(poolSeed % 2, amount, weeks_);
        _positions.push(Ref(actor, id));
        athStaked += amount;
        calls[msg.sig]++;
    }

    function add(uint256 positionSeed, uint256 amount, uint256 weeks_) external {
        (Ref memory r, IStakingPools.Position memory p) = _position(positionSeed);
        if (p.amount == 0) return;
        amount = bound(amount, 1 ether, 1_000_000 ether);
        weeks_ = _validWeeks(p, weeks_);
        (uint256 athBefore, uint256 partnerBefore) = _balances(r.account);
        vm.prank(r.account);
        staking.add(r.id, amount, weeks_);
        athStaked += amount;
        _countRewards(r.account, athBefore, partnerBefore, amount, 0);
        calls[msg.sig]++;
    }

    function relock(uint256 positionSeed, uint256 weeks_) external {
        (Ref memory r, IStakingPools.Position memory p) = _position(positionSeed);
        if (p.amount == 0) return;
        weeks_ = _validWeeks(p, weeks_);
        (uint256 athBefore, uint256 partnerBefore) = _balances(r.account);
        vm.prank(r.account);
        staking.relock(r.id, weeks_);
        _countRewards(r.account, athBefore, partnerBefore, 0, 0);
        calls[msg.sig]++;
    }

    function claim(uint256 positionSeed) external {
        (Ref memory r, IStakingPools.Position memory p) = _position(positionSeed);
        if (p.amount == 0) return;
        (uint256 athBefore, uint256 partnerBefore) = _balances(r.account);
        vm.prank(r.account);
        staking.claim(r.id);
        _countRewards(r.account, athBefore, partnerBefore, 0, 0);
        calls[msg.sig]++;
    }

    function withdraw(uint256 positionSeed) external {
        _withdraw(positionSeed, false);
    }

    function emergencyWithdraw(uint256 positionSeed) external {
        _withdraw(positionSeed, true);
    }

    function fund(uint256 poolSeed, uint256 tokenSeed, uint256 ahead, uint256 weeks_, uint256 amount) external {
        uint256 poolId = poolSeed % 2;
        IERC20 t = poolId == 1 && tokenSeed % 2 == 1 ? IERC20(address(partner)) : ath;
        _fund(poolId, t, bound(ahead, 1, 10), bound(weeks_, 1, 5), bound(amount, 1, 100_000 ether));
        calls[msg.sig]++;
    }

    function warp(uint256 seconds_) external {
        currentTime += bound(seconds_, 1, 4 days);
        vm.warp(currentTime);
        calls[msg.sig]++;
    }

    /// @notice One to three weeks pass (the fuzzer's values for `warp` are often small; locks need weeks).
    function warpWeeks(uint256 weeks_) external {
        currentTime += (1 + (weeks_ % 3)) * WEEK + (weeks_ % 1 days);
        vm.warp(currentTime);
        calls[msg.sig]++;
    }

    function transferReceipt(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, staking.balanceOf(from));
        vm.prank(from);
        staking.transfer(_actor(toSeed), amount);
        calls[msg.sig]++;
    }

    // ---------------------------------------------------------------- internals

    function _withdraw(uint256 positionSeed, bool emergency) internal {
        (Ref memory r, IStakingPools.Position memory p) = _position(positionSeed);
        if (p.amount == 0 || block.timestamp < uint256(p.unlockWeek) * WEEK) return;
        // the withdrawer must hold the receipt: gather it back from the other actors if it moved
        for (uint256 i; i < _actors.length && staking.balanceOf(r.account) < p.amount; ++i) {
            address other = _actors[i];
            if (other == r.account) continue;
            uint256 missing = p.amount - staking.balanceOf(r.account);
            uint256 moved = staking.balanceOf(other) < missing ? staking.balanceOf(other) : missing;
            vm.prank(other);
            staking.transfer(r.account, moved);
        }
        (uint256 athBefore, uint256 partnerBefore) = _balances(r.account);
        vm.prank(r.account);
        if (emergency) staking.emergencyWithdraw(r.id);
        else staking.withdraw(r.id);
        athWithdrawn += p.amount;
        _countRewards(r.account, athBefore, partnerBefore, 0, p.amount);
        calls[msg.sig]++;
    }

    function _fund(uint256 poolId, IERC20 t, uint256 ahead, uint256 weeks_, uint256 perWeek) internal {
        staking.fund(poolId, t, block.timestamp / WEEK + ahead, weeks_, perWeek);
        if (address(t) == address(ath)) athFunded += perWeek * weeks_;
        else partnerFunded += perWeek * weeks_;
    }

    /// @dev Attributes an actor's balance changes in a call: `sent` ATH went in as stake, `returned` came back as
    /// stake; everything else received is rewards.
    function _countRewards(
        address account,
        uint256 athBefore,
        uint256 partnerBefore,
        uint256 sent,
        uint256 returned
    ) internal {
        athRewardsPaid += ath.balanceOf(account) + sent - athBefore - returned;
        partnerPaid += partner.balanceOf(account) - partnerBefore;
    }

    function _balances(address account) internal view returns (uint256, uint256) {
        return (ath.balanceOf(account), partner.balanceOf(account));
    }

    /// @dev A lock length the position accepts: for a locked one, long enough not to move its unlock earlier.
    function _validWeeks(IStakingPools.Position memory p, uint256 seed) internal view returns (uint256) {
        uint256 nowWeek = block.timestamp / WEEK;
        uint256 min = 1;
        if (p.unlockWeek > nowWeek) min = p.unlockWeek - nowWeek; // ceil keeps the same boundary or a later one
        return bound(seed, min, min + 4);
    }

    function _position(uint256 seed) internal view returns (Ref memory r, IStakingPools.Position memory p) {
        if (_positions.length == 0) return (r, p);
        r = _positions[seed % _positions.length];
        p = staking.position(r.account, r.id);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }
}
