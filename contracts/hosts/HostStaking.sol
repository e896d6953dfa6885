// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IHostStaking} from "../interfaces/IHostStaking.sol";
import {ComplianceRegistry} from "../compliance/ComplianceRegistry.sol";
import {RewardPool} from "../pools/RewardPool.sol";
import {HostRegistry} from "./HostRegistry.sol";
import {HostRewardMath} from "../libraries/HostRewardMath.sol";

/// @title HostStaking
/// @notice Cloud-host staking (SPEC §7). A host registers containers (id, GPU class, region) and must keep
/// `K x coefficient` staked per container; below that it is halted (event) until topped up. Token holders delegate ATH
/// to a host; rewards funded for the host stream out linearly, the host's commission first, the rest pro rata to the
/// host's active stake (the host's own included). Unstaked ATH unbonds for 180 days and stays slashable until
/// withdrawn. Slashes come from the slashing contract (`SLASHER_ROLE`) after its veto window.
/// @dev Every host has two share pools: active stake and unbonding stake. A delegator holds shares of the active pool,
/// an unbonding request holds shares of the unbonding pool, and a slash lowers the pools' assets only: O(1) whatever
/// the number of delegators. Rewards use a per-share accumulator on the active pool. A pool a slash empties (or leaves
/// with less than 1 wei per 1e18 shares) is retired: its generation grows and older shares of it are worth nothing,
/// which keeps a share's value above 1e-18 wei and every share count within 160 bits.
contract HostStaking is AccessControl, ReentrancyGuardTransient, IHostStaking {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Role of the slashing contract: counts, cancels and executes slashes.
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice Role that funds hosts' rewards (governance or a keeper).
    bytes32 public constant DISTRIBUTOR_ROLE = keccak256("DISTRIBUTOR_ROLE");

    /// @notice A coefficient of 10,000 requires K.
    uint256 public constant COEFFICIENT_SCALE = 10_000;
    uint256 public constant MIN_K = 1 ether;
    uint256 public constant MAX_K = 10_000_000 ether;
    uint256 public constant MAX_COMMISSION_BPS = 10_000;
    uint64 public constant MIN_UNBONDING_PERIOD = 14 days;
    uint64 public constant MAX_UNBONDING_PERIOD = 365 days;
    /// @notice How long a commission change waits, so delegators can leave before a raise applies.
    uint64 public constant COMMISSION_DELAY = 7 days;
    /// @notice How long funded rewards take to release (what is not released yet is unvested, slashed first).
    uint64 public constant REWARD_DURATION = 30 days;
    /// @notice Most unbonding requests withdrawn, or hosts funded, in one call.
    uint256 public constant MAX_BATCH = 100;
    /// @dev A pool with fewer than one wei per this many shares after a slash is retired.
    uint256 private constant _MAX_SHARES_PER_WEI = 1e18;

    IERC20 public immutable token;
    /// @notice The container registry, deployed by this contract's constructor.
    HostRegistry public immutable registry;
    ComplianceRegistry public immutable compliance;
    /// @notice The Enterprise/IDC reward pool `fundRewardsFromPool` draws from (this contract must be its distributor).
    RewardPool public immutable rewardPool;

    /// @inheritdoc IHostStaking
    uint256 public k;

    Params private _params;

    mapping(address host => Host) private _hosts;
    mapping(address host => Pool) private _active;
    mapping(address host => Pool) private _unbondingPool;
    mapping(address host => Stream) private _streams;
    /// @notice `host`'s cumulative reward per active share, scaled by 1e27.
    mapping(address host => uint256) public rewardPerShare;
    /// @notice `host`'s reward per share when an active-pool generation ended (a slash emptied the pool).
    mapping(address host => mapping(uint32 generation => uint256)) public rewardPerShareAtEnd;
    mapping(address host => mapping(address account => Delegation)) private _delegations;
    mapping(address host => mapping(address account => mapping(uint256 id => Unbonding))) private _unbondings;

    /// @param admin Governance (the timelock).
    /// @param token_ The ATH token.
    /// @param compliance_ The compliance registry (geofence of HPC classes, KYC of reward claimers).
    /// @param rewardPool_ The Enterprise/IDC reward pool.
    /// @param k_ The initial K, in wei of ATH.
    constructor(address admin, IERC20 token_, ComplianceRegistry compliance_, RewardPool rewardPool_, uint256 k_) {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(token_) == address(0)) revert ZeroAddress("token");
        if (address(compliance_) == address(0)) revert ZeroAddress("compliance");
        if (address(rewardPool_) == address(0)) revert ZeroAddress("rewardPool");
        token = token_;
        compliance = compliance_;
        rewardPool = rewardPool_;
        registry = new HostRegistry(admin, compliance_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setK(k_);
        _setUnbondingPeriod(180 days);
    }

    // ---------------------------------------------------------------- hosts

    /// @notice Registers the caller as a host with an initial commission (in effect at once: nobody delegated yet).
    function registerHost(uint16 commissionBps) external {
        Host storage h = _hosts[msg.sender];
        if (h.registered) revert HostAlreadyRegistered(msg.sender);
        if (commissionBps > MAX_COMMISSION_BPS) revert CommissionTooHigh(commissionBps, MAX_COMMISSION_BPS);
        h.registered = true;
        h.commissionBps = commissionBps;
        emit HostRegistered(msg.sender, commissionBps);
    }

    /// @notice Schedules the caller's commission to become `commissionBps` after the commission delay, so delegators
    /// can leave before a raise applies. Replaces any change still pending.
    function setCommission(uint16 commissionBps) external nonReentrant {
        address host = msg.sender;
        Host memory h = _registeredHost(host);
        if (commissionBps > MAX_COMMISSION_BPS) revert CommissionTooHigh(commissionBps, MAX_COMMISSION_BPS);
        _release(host, h, _active[host].shares); // applies a change that came due, and releases at the old rate
        uint64 effectiveAt = uint64(block.timestamp) + COMMISSION_DELAY;
        h.pendingCommissionBps = commissionBps;
        h.commissionEffectiveAt = uint40(effectiveAt);
        _hosts[host] = h;
        emit CommissionChangeScheduled(host, commissionBps, effectiveAt);
    }

    /// @inheritdoc IHostStaking
    function setCapacity(address host, uint32 containerCount, uint64 coefficientSum) external {
        if (msg.sender != address(registry)) revert NotRegistry(msg.sender);
        Host memory h = _hosts[host];
        (h.containerCount, h.coefficientSum) = (containerCount, coefficientSum);
        emit CapacitySet(host, containerCount, coefficientSum, _required(h));
        _updateHalt(host, h, _active[host].assets);
        _hosts[host] = h;
    }

    /// @notice Updates `host`'s halted flag (and emits the change) after a change of K. Anyone may call.
    function checkHalt(address host) external {
        Host memory h = _registeredHost(host);
        if (_updateHalt(host, h, _active[host].assets)) _hosts[host] = h;
    }

    // ---------------------------------------------------------------- stake

    /// @notice Stakes `amount` ATH with `host` (the host staking for itself, or a delegator). Pulls the tokens.
    /// @return shares Active-pool shares received.
    function delegate(address host, uint256 amount) external nonReentrant returns (uint256 shares) {
        return _delegate(host, amount);
    }

    /// @notice Unstakes `amount` ATH of the caller's stake with `host` (`type(uint256).max`: all of it) into an
    /// unbonding request, withdrawable after the unbonding period and slashable until withdrawn.
    /// @return id The unbonding request's id.
    function undelegate(address host, uint256 amount) external nonReentrant returns (uint256 id) {
        Host memory h = _registeredHost(host);
        if (amount == 0) revert ZeroAmount();
        Pool memory active = _active[host];
        (Stream memory s, uint256 acc) = _release(host, h, active.shares);
        uint256 burned;
        (amount, burned) = _leaveActive(host, active, s, acc, amount);
        id = _enterUnbonding(host, amount, burned, s.unbondingGeneration);
        if (_updateHalt(host, h, active.assets)) _hosts[host] = h;
    }

    /// @notice Withdraws the caller's matured unbonding requests `ids` with `host`. Refused while a slash of the host
    /// is pending, so that stake under a known slash can't leave before it executes.
    /// @return total ATH paid.
    function withdraw(address host, uint256[] calldata ids) external nonReentrant returns (uint256 total) {
        address account = msg.sender;
        uint256 count = ids.length;
        if (count == 0 || count > MAX_BATCH) revert BatchSizeOutOfRange(count, MAX_BATCH);
        uint256 pending = _hosts[host].pendingSlashes;
        if (pending != 0) revert HostHasPendingSlash(host, pending);
        Pool memory pool = _unbondingPool[host];
        uint32 generation = _streams[host].unbondingGeneration;
        for (uint256 i; i < count; ++i) {
            uint256 id = ids[i];
            Unbonding memory u = _unbondings[host][account][id];
            if (u.unlockAt == 0) revert NoSuchUnbonding(host, account, id);
            if (block.timestamp < u.unlockAt) revert UnbondingNotMatured(id, u.unlockAt);
            uint256 amount;
            if (u.generation == generation) {
                amount = (uint256(u.shares) * pool.assets) / pool.shares;
                pool.assets -= uint96(amount);
                pool.shares -= u.shares;
            }
            delete _unbondings[host][account][id];
            total += amount;
            emit UnbondingWithdrawn(host, account, id, amount);
        }
        _unbondingPool[host] = pool;
        if (total != 0) token.safeTransfer(account, total);
    }

    // ---------------------------------------------------------------- rewards

    /// @notice Adds `amount` ATH (pulled from the caller) to `host`'s reward stream, which then releases everything
    /// unreleased linearly over the reward duration. Distributor role; not for a halted host.
    function fundRewards(address host, uint256 amount) external onlyRole(DISTRIBUTOR_ROLE) nonReentrant {
        _fund(host, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Draws `sum(amounts)` from the Enterprise/IDC pool and adds `amounts[i]` to `hosts[i]`'s stream.
    /// Distributor role; this contract must be the pool's distributor.
    function fundRewardsFromPool(
        address[] calldata hosts,
        uint256[] calldata amounts
    ) external onlyRole(DISTRIBUTOR_ROLE) nonReentrant {
        uint256 count = hosts.length;
        if (count == 0 || count > MAX_BATCH) revert BatchSizeOutOfRange(count, MAX_BATCH);
        if (amounts.length != count) revert LengthMismatch(count, amounts.length);
        uint256 total;
        for (uint256 i; i < count; ++i) {
            _fund(hosts[i], amounts[i]);
            total += amounts[i];
        }
        rewardPool.draw(address(this), total);
    }

    /// @notice Pays the caller its released rewards with `host` (for the host itself: its commission too). Like a
    /// checker's claim (SPEC §6, §8), it needs a valid KYC attestation from an unrestricted place; unclaimed rewards
    /// wait in the delegation until the account has one.
    /// @return amount ATH paid.
    function claimRewards(address host) external nonReentrant returns (uint256 amount) {
        address account = msg.sender;
        if (!compliance.isAllowed(account)) revert NotKycAllowed(account);
        Host memory h = _registeredHost(host);
        (Stream memory s, uint256 acc) = _release(host, h, _active[host].shares);
        Delegation memory d = _settle(host, account, s, acc);
        amount = d.rewards;
        if (amount == 0) revert NoRewards(host, account);
        d.rewards = 0;
        _delegations[host][account] = d;
        emit RewardsClaimed(host, account, amount);
        token.safeTransfer(account, amount);
    }

    // ---------------------------------------------------------------- slashing (slasher role)

    /// @inheritdoc IHostStaking
    function openSlash(address host) external onlyRole(SLASHER_ROLE) {
        Host memory h = _registeredHost(host);
        ++h.pendingSlashes;
        _hosts[host].pendingSlashes = h.pendingSlashes;
        emit PendingSlashesChanged(host, h.pendingSlashes);
    }

    /// @inheritdoc IHostStaking
    function cancelSlash(address host) external onlyRole(SLASHER_ROLE) {
        uint32 pending = _hosts[host].pendingSlashes;
        if (pending == 0) revert NoPendingSlash(host);
        _hosts[host].pendingSlashes = --pending;
        emit PendingSlashesChanged(host, pending);
    }

    /// @inheritdoc IHostStaking
    /// @dev O(1): unreleased rewards, then the two pools' assets; no delegator is visited.
    function slash(
        address host,
        uint256 slashId,
        uint256 penalty,
        uint256 refund,
        address refundTo,
        address penaltyTo
    ) external onlyRole(SLASHER_ROLE) nonReentrant returns (SlashResult memory r) {
        Host memory h = _hosts[host];
        if (h.pendingSlashes == 0) revert NoPendingSlash(host);
        if (penaltyTo == address(0)) revert ZeroAddress("penaltyTo");
        if (refund != 0 && refundTo == address(0)) revert ZeroAddress("refundTo");
        --h.pendingSlashes;
        uint256 activeAssets = _take(host, h, penalty + refund, r);
        uint256 taken = r.fromRewards + r.fromActive + r.fromUnbonding;
        r.refunded = refund < taken ? refund : taken;
        r.penalty = taken - r.refunded;
        emit PendingSlashesChanged(host, h.pendingSlashes);
        emit Slashed(host, slashId, r.fromRewards, r.fromActive, r.fromUnbonding, r.refunded, r.penalty);
        _updateHalt(host, h, activeAssets);
        _hosts[host] = h;
        if (r.refunded != 0) token.safeTransfer(refundTo, r.refunded);
        if (r.penalty != 0) token.safeTransfer(penaltyTo, r.penalty);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Sets K (wei of ATH a 1x coefficient requires), within [MIN_K, MAX_K]. Governance only. Hosts' halted
    /// flags follow on their next update or `checkHalt`.
    function setK(uint256 k_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setK(k_);
    }

    /// @notice Sets the unbonding period of new unstakes (14 to 365 days; default 180). Governance only.
    function setUnbondingPeriod(uint64 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setUnbondingPeriod(period);
    }

    // ---------------------------------------------------------------- views

    /// @notice The unbonding period of new unstakes, and the latest unbonding request's id.
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IHostStaking
    function hostInfo(address host) external view returns (Host memory) {
        return _hosts[host];
    }

    /// @notice `host`'s reward stream and pool generations, as last stored.
    function streamOf(address host) external view returns (Stream memory) {
        return _streams[host];
    }

    /// @notice `host`'s active pool: stake (host and delegators) and shares.
    function activePool(address host) external view returns (Pool memory) {
        return _active[host];
    }

    /// @notice `host`'s unbonding pool: stake unstaked but not withdrawn, and shares.
    function unbondingPool(address host) external view returns (Pool memory) {
        return _unbondingPool[host];
    }

    /// @notice `account`'s delegation with `host` as last stored (its shares count only in the pool's generation).
    function delegationOf(address host, address account) external view returns (Delegation memory) {
        return _delegations[host][account];
    }

    /// @notice Unbonding request `id` of `account` with `host` (unlockAt zero: none).
    function unbondingRequestOf(address host, address account, uint256 id) external view returns (Unbonding memory) {
        return _unbondings[host][account][id];
    }

    /// @inheritdoc IHostStaking
    function stakeFor(uint256 coefficient) external view returns (uint256) {
        return (k * coefficient) / COEFFICIENT_SCALE;
    }

    // ---------------------------------------------------------------- internals

    function _delegate(address host, uint256 amount) private returns (uint256 shares) {
        address account = msg.sender;
        Host memory h = _registeredHost(host);
        if (amount == 0) revert ZeroAmount();
        if (account != host && h.pendingSlashes != 0) revert HostHasPendingSlash(host, h.pendingSlashes);
        Pool memory active = _active[host];
        (Stream memory s, uint256 acc) = _release(host, h, active.shares);
        Delegation memory d = _settle(host, account, s, acc);
        shares = _toShares(active, amount);
        active.assets = (active.assets + amount).toUint96();
        active.shares += uint160(shares);
        d.shares += uint160(shares);
        _delegations[host][account] = d;
        _active[host] = active;
        emit Delegated(host, account, amount, shares, active.assets, active.shares);
        if (_updateHalt(host, h, active.assets)) _hosts[host] = h;
        token.safeTransferFrom(account, address(this), amount);
    }

    /// @dev Takes `amount` (`type(uint256).max`: all) of the caller's stake out of `host`'s active pool, burning
    /// its shares rounded up (the pool, not the leaver, keeps the rounding). Stores the delegation and the pool.
    function _leaveActive(
        address host,
        Pool memory active,
        Stream memory s,
        uint256 acc,
        uint256 amount
    ) private returns (uint256, uint256 burned) {
        address account = msg.sender;
        Delegation memory d = _settle(host, account, s, acc);
        if (amount == type(uint256).max) {
            burned = d.shares;
            amount = burned == 0 ? 0 : (burned * active.assets) / active.shares;
            if (amount == 0) revert InsufficientStake(host, account, 1, 0);
        } else {
            burned = active.shares == 0 ? 0 : _ceilDiv(amount * active.shares, active.assets);
            if (burned == 0 || burned > d.shares) {
                uint256 available = d.shares == 0 ? 0 : (uint256(d.shares) * active.assets) / active.shares;
                revert InsufficientStake(host, account, amount, available);
            }
        }
        active.assets -= uint96(amount);
        active.shares -= uint160(burned);
        d.shares -= uint160(burned);
        _delegations[host][account] = d;
        _active[host] = active;
        return (amount, burned);
    }

    /// @dev Puts `amount` into `host`'s unbonding pool as a new request of the caller, unlocking after the unbonding
    /// period.
    function _enterUnbonding(
        address host,
        uint256 amount,
        uint256 burned,
        uint32 generation
    ) private returns (uint256 id) {
        Pool memory unbonding = _unbondingPool[host];
        uint256 shares = _toShares(unbonding, amount);
        unbonding.assets += uint96(amount);
        unbonding.shares += uint160(shares);
        _unbondingPool[host] = unbonding;
        Params memory p = _params;
        id = ++p.lastUnbondingId;
        _params = p;
        uint64 unlockAt = uint64(block.timestamp) + p.unbondingPeriod;
        _unbondings[host][msg.sender][id] = Unbonding(uint160(shares), uint40(unlockAt), generation);
        emit Undelegated(host, msg.sender, id, amount, burned, shares, unlockAt);
    }

    /// @dev Takes up to `due` from `host`: its unreleased rewards first, then its active and unbonding pools pro rata,
    /// retiring a pool left with dust. Records the amounts in `r`; returns the active stake left.
    function _take(address host, Host memory h, uint256 due, SlashResult memory r) private returns (uint256) {
        Pool memory active = _active[host];
        (Stream memory s, uint256 acc) = _release(host, h, active.shares);
        r.fromRewards = due < s.unreleased ? due : s.unreleased;
        s.unreleased -= uint96(r.fromRewards);
        due -= r.fromRewards;

        Pool memory unbonding = _unbondingPool[host];
        uint256 staked = uint256(active.assets) + unbonding.assets;
        if (due > staked) due = staked;
        if (due != 0) {
            r.fromActive = (due * active.assets) / staked;
            r.fromUnbonding = due - r.fromActive; // at most unbonding.assets: it rounds up what fromActive rounds down
            active.assets -= uint96(r.fromActive);
            unbonding.assets -= uint96(r.fromUnbonding);
            if (_isDust(active)) {
                r.fromActive += active.assets;
                rewardPerShareAtEnd[host][s.activeGeneration] = acc;
                active = Pool(0, 0);
                emit PoolWiped(host, false, ++s.activeGeneration);
            }
            if (_isDust(unbonding)) {
                r.fromUnbonding += unbonding.assets;
                unbonding = Pool(0, 0);
                emit PoolWiped(host, true, ++s.unbondingGeneration);
            }
        }
        _streams[host] = s;
        _active[host] = active;
        _unbondingPool[host] = unbonding;
        return active.assets;
    }

    function _fund(address host, uint256 amount) private {
        Host memory h = _registeredHost(host);
        if (amount == 0) revert ZeroAmount();
        Pool memory active = _active[host];
        uint256 required = _required(h);
        if (active.assets < required) revert HostIsHalted(host, active.assets, required);
        (Stream memory s, ) = _release(host, h, active.shares);
        s.unreleased = (s.unreleased + amount).toUint96();
        s.lastUpdate = uint40(block.timestamp);
        s.finish = uint40(block.timestamp + REWARD_DURATION);
        _streams[host] = s;
        emit RewardsFunded(host, msg.sender, amount, s.unreleased, s.finish);
    }

    /// @dev Releases `host`'s stream up to now (splitting at a commission change that came due, which it applies) and
    /// credits the commission to the host's own delegation. Stores the stream and the accumulator; returns them.
    function _release(address host, Host memory h, uint256 shares) private returns (Stream memory s, uint256 acc) {
        s = _streams[host];
        acc = rewardPerShare[host];
        uint256 accBefore = acc;
        uint256 lastBefore = s.lastUpdate;
        uint256 commission;
        uint256 released;
        uint256 effectiveAt = h.commissionEffectiveAt;
        if (effectiveAt != 0 && effectiveAt <= block.timestamp) {
            (acc, commission, released) = HostRewardMath.releaseTo(s, acc, h.commissionBps, shares, effectiveAt);
            h.commissionBps = h.pendingCommissionBps;
            (h.pendingCommissionBps, h.commissionEffectiveAt) = (0, 0);
            _hosts[host] = h;
            emit CommissionChanged(host, h.commissionBps, uint64(effectiveAt));
        }
        (uint256 accNow, uint256 c, uint256 r) = HostRewardMath.releaseTo(
            s,
            acc,
            h.commissionBps,
            shares,
            block.timestamp
        );
        acc = accNow;
        commission += c;
        released += r;
        if (s.lastUpdate != lastBefore) _streams[host] = s;
        if (acc != accBefore) rewardPerShare[host] = acc;
        if (commission != 0) {
            Delegation storage own = _delegations[host][host];
            own.rewards = (own.rewards + commission).toUint96();
        }
        if (released != 0) emit RewardsReleased(host, released, commission, acc);
    }

    /// @dev `account`'s delegation with `host` with its rewards brought up to `acc`; a delegation of a retired
    /// generation keeps the rewards it earned before its pool was emptied, and restarts with no shares.
    function _settle(
        address host,
        address account,
        Stream memory s,
        uint256 acc
    ) private view returns (Delegation memory d) {
        d = _delegations[host][account];
        d.rewards = (d.rewards + _earned(host, d, s.activeGeneration, acc)).toUint96();
        if (d.generation != s.activeGeneration) (d.shares, d.generation) = (0, s.activeGeneration);
        d.rewardPerSharePaid = acc.toUint224();
    }

    /// @dev What `d` earned up to `acc`, or, if its pool's generation ended, up to that end.
    function _earned(address host, Delegation memory d, uint32 generation, uint256 acc) private view returns (uint256) {
        if (d.shares == 0) return 0;
        uint256 end = d.generation == generation ? acc : rewardPerShareAtEnd[host][d.generation];
        return HostRewardMath.earned(d.shares, d.rewardPerSharePaid, end);
    }

    /// @dev Shares of `pool` worth `amount`, rounded down (the pool keeps the rounding); 1:1 in an empty pool. A
    /// pool's assets never exceed its shares (slashes lower assets; every rounding favours the pool without lifting
    /// it above 1:1; an empty pool has no assets left), so `amount` > 0 always buys at least one share.
    function _toShares(Pool memory pool, uint256 amount) private pure returns (uint256) {
        return pool.shares == 0 ? amount : (amount * pool.shares) / pool.assets;
    }

    /// @dev Whether a pool with shares is worth less than one wei per 1e18 shares (or nothing): it is then retired.
    function _isDust(Pool memory pool) private pure returns (bool) {
        return pool.shares != 0 && uint256(pool.assets) * _MAX_SHARES_PER_WEI < pool.shares;
    }

    function _required(Host memory h) private view returns (uint256) {
        return (k * h.coefficientSum) / COEFFICIENT_SCALE;
    }

    /// @dev Sets `h.halted` from `stake` and the required stake, emitting a change; returns whether it changed (the
    /// caller then stores `h`).
    function _updateHalt(address host, Host memory h, uint256 stake) private returns (bool) {
        uint256 required = _required(h);
        bool halted = stake < required;
        if (halted == h.halted) return false;
        h.halted = halted;
        if (halted) emit HostHalted(host, stake, required);
        else emit HostResumed(host, stake, required);
        return true;
    }

    function _registeredHost(address host) private view returns (Host memory h) {
        h = _hosts[host];
        if (!h.registered) revert HostNotRegistered(host);
    }

    function _ceilDiv(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    function _setK(uint256 k_) private {
        if (k_ < MIN_K || k_ > MAX_K) revert KOutOfRange(k_, MIN_K, MAX_K);
        k = k_;
        emit KSet(k_);
    }

    function _setUnbondingPeriod(uint64 period) private {
        if (period < MIN_UNBONDING_PERIOD || period > MAX_UNBONDING_PERIOD) {
            revert UnbondingPeriodOutOfRange(period, MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD);
        }
        _params.unbondingPeriod = period;
        emit UnbondingPeriodSet(period);
    }
}
