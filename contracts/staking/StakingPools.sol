// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IStakingPools} from "../interfaces/IStakingPools.sol";
import {StakedVotes} from "./StakedVotes.sol";

/// @title StakingPools
/// @notice Holder staking (SPEC §7). Governance creates pools (Gaming, AI, ...), each paying up to 8 reward tokens
/// (ATH and partner ERC-20s). Anyone funds a pool's future weeks; each week's funding streams evenly over that week
/// to the pool's locked positions, in proportion to weight. A position locks ATH for 1 to 208 whole weeks (208 weeks
/// = 4 years) and weighs amount x multiplier, the multiplier rising linearly from 1x (1 week) to 4x (208 weeks). It
/// earns until it unlocks; then it can only be withdrawn or relocked. This contract is also the `stATH` ERC-20:
/// stATH is minted 1:1 with every stake, is freely transferable, and is burned from the owner of a position when it
/// is withdrawn (who must hold it). stATH carries votes (StakedVotes) for the delegate its holder chose.
/// @dev One accumulator per pool serves all its reward tokens. Within week `w` a pool's accumulator `delta` grows by
/// `dt * 2^160 / totalWeight` per `dt` seconds, so a position of weight `x` earns `x * F * d(delta) / (WEEK * 2^160)`
/// of a token whose week-`w` funding is `F`. Across weeks, `accrued[w]` (per token) sums `F * delta` of every earlier
/// week, and a position's settlement point (`week`, `delta`) is worth `accrued[week] + F[week] * delta`. A position
/// therefore stores one snapshot for all tokens, and nothing loops over stakers. Weight leaves the total exactly at
/// unlock: positions unlock at week boundaries, where the weeks' `expiring` weights are subtracted.
/// What the pool could not credit (time with no weight, and the remainders of the accumulator's integer division) is
/// counted and carried into the next week's funding; payouts round down. See docs/decisions.md.
contract StakingPools is ERC20, AccessControl, Pausable, ReentrancyGuardTransient, StakedVotes, IStakingPools {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Role that can pause new stakes, top-ups and relocks (never claims or withdrawals).
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Weeks are Unix weeks of 7 days.
    uint256 public constant WEEK = 7 days;
    /// @notice The longest lock, 4 years of whole weeks (4 x 52).
    uint256 public constant MAX_LOCK_WEEKS = 208;
    /// @notice The smallest position (a lower bound on the total weight keeps the accumulator within 112 bits a week).
    uint256 public constant MIN_STAKE = 1 ether;
    /// @notice Reward tokens per pool.
    uint256 public constant MAX_REWARD_TOKENS = 8;
    /// @notice Pool ids fit in a byte.
    uint256 public constant MAX_POOLS = 256;
    /// @notice A funding call covers at most this many weeks and starts at most this many weeks ahead.
    uint256 public constant MAX_FUNDING_WEEKS = 208;
    /// @notice Weight per wei of a 1-week lock; a `w`-week lock weighs `204 + 3w` per wei (828 = 4x at 208 weeks).
    uint256 public constant ONE_X = 207;
    /// @notice A pool's total weight stays below 2^104 (about 24.5 billion ATH, 58% of the supply, at 4x), so that
    /// it packs with the accumulator in the slot every claim reads.
    uint256 public constant MAX_POOL_WEIGHT = type(uint104).max;

    /// @dev Fixed-point bits of the accumulator: with the total weight at least `MIN_STAKE * ONE_X` (2^67.5), a week
    /// adds at most 2^19.21 * 2^160 / 2^67.5 < 2^112 to it.
    uint256 private constant ACC_BITS = 160;
    uint256 private constant WEEK_SCALE = WEEK << ACC_BITS;

    /// @notice The staked token (and usually a reward token too).
    IERC20 public immutable ath;

    /// @dev The accumulator of a pool, one slot: all a claim reads of the pool besides its reward slots. Written
    /// when the total weight changes or a week is crossed.
    struct Accumulator {
        uint112 delta; // since the start of the week of `lastUpdate`
        uint104 weight; // total weight of locked positions, capped at MAX_POOL_WEIGHT
        uint32 lastUpdate;
        uint8 tokenCount;
    }

    /// @dev The rest of a pool's live state, one slot, written with the accumulator (and by withdrawals).
    struct Book {
        uint96 staked;
        uint128 remainder; // this week's division remainders, in weight x accumulator units (seconds x 2^160)
        uint24 idleSeconds; // this week's seconds with no weight
    }

    /// @dev A reward token with its funding for the pool's current week (the week of `lastUpdate`).
    struct RewardSlot {
        IERC20 token;
        uint96 weekFunding;
    }

    struct Pool {
        Accumulator acc;
        Book book;
        RewardSlot[8] rewards;
    }

    /// @dev One slot per account: its stATH balance and how many positions it has opened (the next id).
    struct Account {
        uint96 balance;
        uint32 positionCount;
    }

    /// @dev A pool's live state in memory.
    struct Cursor {
        uint256 pool;
        uint256 week;
        uint256 delta;
        uint256 weight;
        uint256 last;
        uint256 staked;
        uint256 remainder;
        uint256 idle;
        uint256 tokenCount;
        bool bookLoaded;
    }

    /// @dev A pool's reward tokens with their funding and accrual at the cursor's week, plus the accrual captured at
    /// one crossed week (a position's unlock week) for settling a position that unlocked during the crossing.
    struct Rewards {
        IERC20[] tokens;
        uint256[] funding;
        uint256[] accrued; // at `accruedWeek`; empty until a crossing loaded it
        uint256 accruedWeek;
        uint256 captureWeek;
        uint256[] captured; // at `captureWeek`; empty unless crossed
    }

    /// @notice Pools created so far (ids 0 .. poolCount - 1).
    uint256 public poolCount;

    mapping(uint256 poolId => Pool) private _pools;
    /// @dev Funding per (pool, week), 8 tokens in 4 slots; a week's entry is final once the week has started.
    mapping(uint256 poolId => mapping(uint256 week => uint96[8])) private _funding;
    /// @dev Per (pool, week, token): sum over earlier weeks of funding x the week's accumulator total. Written at
    /// the weeks positions unlock and the weeks something happened (others are never read).
    mapping(uint256 poolId => mapping(uint256 week => uint256[8])) private _accrued;
    /// @dev Weight unlocking at the start of each week, two weeks per slot.
    mapping(uint256 poolId => mapping(uint256 weekPair => uint128[2])) private _expiring;
    /// @dev Lifetime funding per (pool, token), capped so every weekly amount fits in 96 bits.
    mapping(uint256 poolId => uint256[8]) private _fundedTotal;
    mapping(address account => Account) private _accounts;
    mapping(address account => mapping(uint256 positionId => Position)) private _positions;

    /// @param admin Governance (the timelock): creates pools, lists reward tokens, unpauses.
    /// @param guardian May pause new stakes.
    /// @param ath_ The ATH token.
    constructor(address admin, address guardian, IERC20 ath_) ERC20("Staked ATH", "stATH") {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (guardian == address(0)) revert ZeroAddress("guardian");
        if (address(ath_) == address(0)) revert ZeroAddress("ath");
        ath = ath_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Creates a pool paying `rewardTokens` (1 to 8). Governance only.
    /// @param name A label for indexers and frontends (not stored).
    /// @param rewardTokens The pool's reward tokens; more can be added later, none removed.
    /// @return poolId The new pool's id.
    function createPool(
        string calldata name,
        IERC20[] calldata rewardTokens
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 poolId) {
        poolId = poolCount;
        if (poolId == MAX_POOLS) revert TooManyPools(MAX_POOLS);
        uint256 n = rewardTokens.length;
        if (n == 0) revert ZeroAmount();
        if (n > MAX_REWARD_TOKENS) revert TooManyRewardTokens(poolId, MAX_REWARD_TOKENS);
        poolCount = poolId + 1;
        Pool storage pool_ = _pools[poolId];
        for (uint256 k; k < n; ++k) _listRewardToken(poolId, pool_, k, rewardTokens[k]);
        pool_.acc = Accumulator({delta: 0, weight: 0, lastUpdate: block.timestamp.toUint32(), tokenCount: uint8(n)});
        // a non-zero book slot from the start, so the first stake doesn't pay for a fresh slot; the extra idle second
        // is harmless: nothing can be funded for the week a pool is created in, so it carries nothing
        pool_.book.idleSeconds = 1;
        emit PoolCreated(poolId, name, rewardTokens);
    }

    /// @notice Adds a reward token to a pool (at most 8 per pool). Governance only.
    /// @param poolId The pool.
    /// @param token The new reward token; funding it starts with the next week.
    function addRewardToken(uint256 poolId, IERC20 token) external onlyRole(DEFAULT_ADMIN_ROLE) {
        // crossing pending weeks first keeps the new token's entries of past weeks empty (zero) by construction
        _checkpoint(poolId, type(uint256).max);
        Pool storage pool_ = _pools[poolId];
        uint256 k = pool_.acc.tokenCount;
        if (k == MAX_REWARD_TOKENS) revert TooManyRewardTokens(poolId, MAX_REWARD_TOKENS);
        _listRewardToken(poolId, pool_, k, token);
        pool_.acc.tokenCount = uint8(k + 1);
    }

    /// @notice Stops new stakes, top-ups and relocks. Guardian only. Claims and withdrawals are never paused.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Resumes staking. Governance only.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- funding

    /// @notice Adds `amountPerWeek` of `token` to the rewards of each week `firstWeek` .. `firstWeek + weeks - 1` of
    /// a pool, pulling the total from the caller (who must have approved it). Anyone may fund; each week's funding
    /// streams evenly over that week to the pool's locked positions, by weight.
    /// @param poolId The pool.
    /// @param token One of the pool's reward tokens.
    /// @param firstWeek The first Unix week funded (`timestamp / 7 days`); it must not have started.
    /// @param weeks_ How many consecutive weeks (1 to 208).
    /// @param amountPerWeek Wei per week.
    function fund(
        uint256 poolId,
        IERC20 token,
        uint256 firstWeek,
        uint256 weeks_,
        uint256 amountPerWeek
    ) external nonReentrant {
        if (poolId >= poolCount) revert UnknownPool(poolId);
        if (weeks_ == 0 || amountPerWeek == 0) revert ZeroAmount();
        uint256 current = block.timestamp / WEEK;
        if (firstWeek <= current) revert FundingWeekNotFuture(firstWeek, current);
        if (weeks_ > MAX_FUNDING_WEEKS || firstWeek > current + MAX_FUNDING_WEEKS)
            revert FundingWeeksOutOfRange(firstWeek, weeks_, MAX_FUNDING_WEEKS);
        uint256 k = _tokenIndex(poolId, token);
        uint256 total = amountPerWeek * weeks_;
        uint256 lifetime = _fundedTotal[poolId][k] + total;
        if (lifetime > type(uint96).max) revert FundingTooLarge(poolId, token, lifetime, type(uint96).max);
        _fundedTotal[poolId][k] = lifetime;
        mapping(uint256 week => uint96[8]) storage funding = _funding[poolId];
        // every weekly amount is at most the lifetime total, so the sums below fit in 96 bits
        for (uint256 w = firstWeek; w < firstWeek + weeks_; ++w) funding[w][k] += uint96(amountPerWeek);
        emit Funded(poolId, token, msg.sender, firstWeek, weeks_, amountPerWeek);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), total);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != total) revert FundingNotReceived(token, total, received);
    }

    // ---------------------------------------------------------------- staking

    /// @notice Locks `amount` ATH (approved to this contract) in a pool for `weeks_` whole weeks and mints as much
    /// stATH to the caller. The lock ends at the first week boundary at least `weeks_` weeks from now.
    /// @param poolId The pool.
    /// @param amount ATH wei, at least `MIN_STAKE`.
    /// @param weeks_ 1 to 208; the weight is amount x (204 + 3 x weeks_) (1x = 207 per wei, 4x = 828).
    /// @return positionId The caller's new position.
    function stake(
        uint256 poolId,
        uint256 amount,
        uint256 weeks_
    ) external nonReentrant whenNotPaused returns (uint256 positionId) {
        return _stake(poolId, amount, weeks_);
    }

    /// @notice `stake` in one transaction: first applies an EIP-2612 permit of ATH for `amount` to this contract.
    /// If the permit fails (e.g. someone front-ran it, which uses it and sets the same allowance), the stake goes on
    /// as long as the allowance is there.
    /// @param poolId The pool.
    /// @param amount ATH wei, at least `MIN_STAKE`.
    /// @param weeks_ 1 to 208.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    /// @return positionId The caller's new position.
    function stakeWithPermit(
        uint256 poolId,
        uint256 amount,
        uint256 weeks_,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused returns (uint256 positionId) {
        _permit(amount, deadline, v, r, s);
        return _stake(poolId, amount, weeks_);
    }

    /// @notice Adds `amount` ATH to a position and relocks the whole position for `weeks_` weeks from now (the new
    /// weight is (old amount + amount) x multiplier(weeks_)); a locked position's unlock can't move earlier. Pays the
    /// rewards earned so far. Mints `amount` stATH.
    /// @param positionId One of the caller's positions.
    /// @param amount ATH wei to add (approved to this contract).
    /// @param weeks_ 1 to 208.
    function add(uint256 positionId, uint256 amount, uint256 weeks_) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        _relock(positionId, amount, weeks_);
    }

    /// @notice `add` in one transaction with an EIP-2612 permit of ATH for `amount` (a failed permit is tolerated
    /// when the allowance is there).
    /// @param positionId One of the caller's positions.
    /// @param amount ATH wei to add.
    /// @param weeks_ 1 to 208.
    /// @param deadline The permit's deadline.
    /// @param v The permit signature's v.
    /// @param r The permit signature's r.
    /// @param s The permit signature's s.
    function addWithPermit(
        uint256 positionId,
        uint256 amount,
        uint256 weeks_,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        _permit(amount, deadline, v, r, s);
        _relock(positionId, amount, weeks_);
    }

    /// @notice Extends a locked position, or relocks an unlocked one, for `weeks_` weeks from now (a locked
    /// position's unlock can't move earlier). Pays the rewards earned so far.
    /// @param positionId One of the caller's positions.
    /// @param weeks_ 1 to 208.
    function relock(uint256 positionId, uint256 weeks_) external nonReentrant whenNotPaused {
        _relock(positionId, 0, weeks_);
    }

    /// @notice Pays a position's rewards earned so far, in every reward token of its pool, to the caller.
    /// @param positionId One of the caller's positions.
    /// @return amounts Paid per reward token, in the pool's token order.
    function claim(uint256 positionId) external nonReentrant returns (uint256[] memory amounts) {
        return _claim(positionId);
    }

    /// @notice `claim` for several positions.
    /// @param positionIds The caller's positions.
    function claimMany(uint256[] calldata positionIds) external nonReentrant {
        for (uint256 i; i < positionIds.length; ++i) _claim(positionIds[i]);
    }

    /// @notice Closes an unlocked position: burns its amount of stATH from the caller (who must hold it), returns
    /// the ATH and pays the rewards not claimed yet. Never paused.
    /// @param positionId One of the caller's positions.
    function withdraw(uint256 positionId) external nonReentrant {
        _withdraw(positionId, false);
    }

    /// @notice `withdraw` without paying rewards (for when a reward token refuses transfers): the unpaid rewards are
    /// added to the pool's next week, so nothing is stranded. Never paused.
    /// @param positionId One of the caller's positions.
    function emergencyWithdraw(uint256 positionId) external nonReentrant {
        _withdraw(positionId, true);
    }

    /// @notice Advances a pool's accumulator through at most `maxWeeks` elapsed weeks. Every operation does this
    /// itself; this exists to split the catch-up of a pool idle for years over several transactions.
    /// @param poolId The pool.
    /// @param maxWeeks The most week boundaries to cross.
    function checkpoint(uint256 poolId, uint256 maxWeeks) external {
        _checkpoint(poolId, maxWeeks);
    }

    // ---------------------------------------------------------------- views

    /// @notice The current Unix week.
    function currentWeek() external view returns (uint256) {
        return block.timestamp / WEEK;
    }

    /// @notice The weight per wei of a `weeks_`-week lock: 204 + 3 x weeks_ (207 = 1x at 1 week, 828 = 4x at 208).
    function multiplier(uint256 weeks_) external pure returns (uint256) {
        _checkWeeks(weeks_);
        return _multiplier(weeks_);
    }

    /// @notice The week a lock of `weeks_` weeks made now would unlock at (its start).
    function unlockWeekFor(uint256 weeks_) external view returns (uint256) {
        _checkWeeks(weeks_);
        return _unlockWeek(weeks_);
    }

    /// @notice Position `positionId` of `account` (all zero once withdrawn).
    function position(address account, uint256 positionId) external view returns (Position memory) {
        return _positions[account][positionId];
    }

    /// @notice A position's weight while locked (zero once unlocked or withdrawn).
    function weightOf(address account, uint256 positionId) external view returns (uint256) {
        Position memory pos = _positions[account][positionId];
        if (block.timestamp / WEEK >= pos.unlockWeek) return 0;
        return uint256(pos.amount) * _multiplier(pos.lockWeeks);
    }

    /// @notice How many positions `account` has opened (ids 0 .. count - 1; withdrawn ones read as zero).
    function positionCount(address account) external view returns (uint256) {
        return _accounts[account].positionCount;
    }

    /// @notice A pool's state, brought up to the current time.
    function pool(uint256 poolId) external view returns (PoolView memory view_) {
        (Cursor memory c, Rewards memory rw) = _simulate(poolId, 0);
        view_.totalWeight = c.weight;
        view_.staked = c.staked;
        view_.lastUpdate = _pools[poolId].acc.lastUpdate;
        view_.rewardTokens = rw.tokens;
        view_.weekFunding = rw.funding;
    }

    /// @notice What each reward token of `poolId` streams in `week`, as stored: a week's carry-over (and forfeited
    /// rewards) are added to it when the pool crosses into it or before; future weeks can still grow by funding.
    function weekFunding(uint256 poolId, uint256 week) external view returns (uint256[] memory amounts) {
        uint256 n = _pools[poolId].acc.tokenCount;
        amounts = new uint256[](n);
        for (uint256 k; k < n; ++k) amounts[k] = _funding[poolId][week][k];
    }

    /// @notice The weight of a pool's positions that unlock at the start of `week`.
    function expiringWeight(uint256 poolId, uint256 week) external view returns (uint256) {
        return _expiring[poolId][week >> 1][week & 1];
    }

    /// @notice What a claim of `positionId` by `account` would pay now.
    /// @return tokens The pool's reward tokens.
    /// @return amounts Per token.
    function pendingRewards(
        address account,
        uint256 positionId
    ) external view returns (IERC20[] memory tokens, uint256[] memory amounts) {
        Position memory pos = _positions[account][positionId];
        if (pos.amount == 0) revert NoSuchPosition(account, positionId);
        (Cursor memory c, Rewards memory rw) = _simulate(pos.pool, pos.unlockWeek);
        (amounts, , ) = _earned(c, rw, pos);
        tokens = rw.tokens;
    }

    /// @notice stATH held by `account`.
    function balanceOf(address account) public view override returns (uint256) {
        return _accounts[account].balance;
    }

    /// @notice stATH in circulation: all ATH staked and not withdrawn, over all pools.
    function totalSupply() public view override returns (uint256 supply) {
        uint256 n = poolCount;
        for (uint256 p; p < n; ++p) supply += _pools[p].book.staked;
    }

    // ---------------------------------------------------------------- position flows

    function _stake(uint256 poolId, uint256 amount, uint256 weeks_) private returns (uint256 positionId) {
        if (amount < MIN_STAKE) revert StakeTooSmall(amount, MIN_STAKE);
        _checkWeeks(weeks_);
        Cursor memory c = _load(poolId);
        _loadBook(c);
        uint256 nowWeek = block.timestamp / WEEK;
        if (c.week < nowWeek) _cross(c, _rewards(c), nowWeek);
        _advance(c, block.timestamp);

        uint256 unlockWeek = _unlockWeek(weeks_);
        uint256 weight = amount * _multiplier(weeks_);
        c.weight += weight;
        c.staked += amount;
        _expiring[poolId][unlockWeek >> 1][unlockWeek & 1] += uint128(weight);
        _store(c);

        address account = msg.sender;
        Account storage a = _accounts[account];
        (uint256 balance, uint256 count) = _readAccount(a);
        positionId = count;
        // stATH supply is the sum of the pools' stakes (checked to fit 96 bits in `_store`), so a balance fits too
        _writeAccount(a, balance + amount, count + 1);
        _writePosition(
            _positions[account][positionId],
            Position({
                amount: uint96(amount),
                delta: uint112(c.delta),
                week: uint16(nowWeek),
                unlockWeek: unlockWeek.toUint16(),
                lockWeeks: uint8(weeks_),
                pool: uint8(poolId)
            })
        );
        emit Transfer(address(0), account, amount);
        _moveStakedVotes(address(0), account, amount);
        emit Staked(account, positionId, poolId, amount, weeks_, unlockWeek, weight);
        ath.safeTransferFrom(account, address(this), amount);
    }

    function _relock(uint256 positionId, uint256 added, uint256 weeks_) private {
        _checkWeeks(weeks_);
        address account = msg.sender;
        Position memory pos = _openPosition(account, positionId);
        Cursor memory c = _load(pos.pool);
        _loadBook(c);
        Rewards memory rw = _rewards(c);
        uint256 nowWeek = block.timestamp / WEEK;
        rw.captureWeek = pos.unlockWeek;
        if (c.week < nowWeek) _cross(c, rw, nowWeek);
        _advance(c, block.timestamp);
        (uint256[] memory earned, , ) = _earned(c, rw, pos);
        (uint256 unlockWeek, uint256 weight) = _moveLock(c, pos, added, weeks_);
        _writePosition(_positions[account][positionId], pos);
        if (added != 0) {
            _accounts[account].balance += uint96(added);
            emit Transfer(address(0), account, added);
            _moveStakedVotes(address(0), account, added);
        }
        emit Relocked(account, positionId, pos.pool, added, pos.amount, weeks_, unlockWeek, weight);
        if (added != 0) ath.safeTransferFrom(account, address(this), added);
        _pay(account, positionId, rw.tokens, earned);
    }

    /// @dev Takes a (settled) position's old weight out of the pool if it is still locked, adds `added` to it and
    /// locks it for `weeks_` from now; updates `pos` (settled at the cursor's point) and stores the cursor.
    function _moveLock(
        Cursor memory c,
        Position memory pos,
        uint256 added,
        uint256 weeks_
    ) private returns (uint256 unlockWeek, uint256 weight) {
        uint256 poolId = pos.pool;
        unlockWeek = _unlockWeek(weeks_);
        if (c.week < pos.unlockWeek) {
            if (unlockWeek < pos.unlockWeek) revert LockCannotShorten(pos.unlockWeek, unlockWeek);
            uint256 oldWeight = uint256(pos.amount) * _multiplier(pos.lockWeeks);
            c.weight -= oldWeight;
            _expiring[poolId][pos.unlockWeek >> 1][pos.unlockWeek & 1] -= uint128(oldWeight);
        }
        uint256 amount = pos.amount + added;
        weight = amount * _multiplier(weeks_);
        c.weight += weight;
        c.staked += added;
        _expiring[poolId][unlockWeek >> 1][unlockWeek & 1] += uint128(weight);
        _store(c);
        // the cursor's `staked` fit 96 bits in `_store`, so the position's amount does too
        pos.amount = uint96(amount);
        pos.delta = uint112(c.delta);
        pos.week = uint16(c.week);
        pos.unlockWeek = unlockWeek.toUint16();
        pos.lockWeeks = uint8(weeks_);
    }

    function _claim(uint256 positionId) private returns (uint256[] memory earned) {
        address account = msg.sender;
        Position memory pos = _openPosition(account, positionId);
        Cursor memory c = _load(pos.pool);
        Rewards memory rw = _rewards(c);
        uint256 nowWeek = block.timestamp / WEEK;
        if (c.week < nowWeek) {
            rw.captureWeek = pos.unlockWeek;
            _cross(c, rw, nowWeek);
            _store(c);
        }
        uint256 endWeek;
        uint256 endDelta;
        (earned, endWeek, endDelta) = _earned(c, rw, pos);
        if (endWeek != pos.week || endDelta != pos.delta) {
            pos.week = uint16(endWeek);
            pos.delta = uint112(endDelta);
            _writePosition(_positions[account][positionId], pos);
        }
        _pay(account, positionId, rw.tokens, earned);
    }

    function _withdraw(uint256 positionId, bool forfeit) private {
        address account = msg.sender;
        Position memory pos = _openPosition(account, positionId);
        uint256 poolId = pos.pool;
        uint256 nowWeek = block.timestamp / WEEK;
        if (nowWeek < pos.unlockWeek) revert StillLocked(account, positionId, uint256(pos.unlockWeek) * WEEK);
        uint256 amount = pos.amount;

        uint256[] memory earned;
        IERC20[] memory tokens;
        if (pos.week < pos.unlockWeek) {
            // rewards up to the unlock are not settled yet
            Cursor memory c = _load(poolId);
            _loadBook(c);
            Rewards memory rw = _rewards(c);
            rw.captureWeek = pos.unlockWeek;
            if (c.week < nowWeek) _cross(c, rw, nowWeek);
            (earned, , ) = _earned(c, rw, pos);
            tokens = rw.tokens;
            c.staked -= amount;
            _store(c);
        } else {
            _pools[poolId].book.staked -= uint96(amount);
        }

        delete _positions[account][positionId];
        Account storage a = _accounts[account];
        uint256 balance = a.balance;
        if (balance < amount) revert ERC20InsufficientBalance(account, balance, amount);
        a.balance = uint96(balance - amount);
        emit Transfer(account, address(0), amount);
        _moveStakedVotes(account, address(0), amount);
        emit Withdrawn(account, positionId, poolId, amount);

        if (forfeit && earned.length != 0) _forfeit(account, positionId, poolId, nowWeek + 1, tokens, earned);
        ath.safeTransfer(account, amount);
        if (!forfeit && earned.length != 0) _pay(account, positionId, tokens, earned);
    }

    function _forfeit(
        address account,
        uint256 positionId,
        uint256 poolId,
        uint256 week,
        IERC20[] memory tokens,
        uint256[] memory earned
    ) private {
        uint96[8] storage funding = _funding[poolId][week];
        for (uint256 k; k < earned.length; ++k) {
            if (earned[k] == 0) continue;
            // earned rewards come out of earlier funding, so the week's total stays within the lifetime cap
            funding[k] += uint96(earned[k]);
            emit RewardsForfeited(account, positionId, tokens[k], earned[k], week);
        }
    }

    /// @dev One event for all tokens (cheaper than one per token); then the transfers.
    function _pay(address account, uint256 positionId, IERC20[] memory tokens, uint256[] memory earned) private {
        uint256 n = earned.length;
        uint256 k;
        while (k < n && earned[k] == 0) ++k;
        if (k == n) return;
        emit RewardsPaid(account, positionId, earned);
        for (; k < n; ++k) if (earned[k] != 0) tokens[k].safeTransfer(account, earned[k]);
    }

    function _permit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        // A permit can be front-run (its signature read from the mempool and submitted first): that uses it and
        // sets the same allowance, so a failed permit is fine as long as the allowance is there.
        try IERC20Permit(address(ath)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {
            uint256 allowance = ath.allowance(msg.sender, address(this));
            if (allowance < amount) revert PermitFailed(msg.sender, allowance, amount);
        }
    }

    // ---------------------------------------------------------------- accumulator

    function _checkpoint(uint256 poolId, uint256 maxWeeks) private {
        Cursor memory c = _load(poolId);
        uint256 target = block.timestamp / WEEK;
        if (target - c.week > maxWeeks) target = c.week + maxWeeks;
        if (c.week < target) {
            _cross(c, _rewards(c), target);
            _store(c);
        }
    }

    /// @dev The pool's state as of now, computed without writing (for views). `captureWeek` as in `Rewards`.
    function _simulate(uint256 poolId, uint256 captureWeek) private view returns (Cursor memory c, Rewards memory rw) {
        c = _load(poolId);
        _loadBook(c);
        rw = _rewards(c);
        rw.captureWeek = captureWeek;
        uint256 nowWeek = block.timestamp / WEEK;
        if (c.week < nowWeek) {
            _loadAccrued(c, rw);
            uint256[] memory carries = new uint256[](c.tokenCount);
            while (c.week < nowWeek) _step(c, rw, carries);
        }
        _advance(c, block.timestamp);
    }

    /// @dev Crosses week boundaries up to the start of `toWeek`, writing what later reads need: carried funding,
    /// the accrual at weeks where weight unlocks and at `toWeek`, and the reward slots' current funding.
    function _cross(Cursor memory c, Rewards memory rw, uint256 toWeek) private {
        uint256 poolId = c.pool;
        uint256 n = c.tokenCount;
        _loadBook(c);
        _loadAccrued(c, rw);
        uint256[] memory carries = new uint256[](n);
        while (c.week < toWeek) {
            uint256 expiring = _step(c, rw, carries);
            uint256 week = c.week;
            for (uint256 k; k < n; ++k) {
                if (carries[k] == 0) continue;
                // carries come out of the previous week's funding: within the lifetime cap
                _funding[poolId][week][k] = uint96(rw.funding[k]);
                emit RewardsCarried(poolId, rw.tokens[k], week, carries[k]);
            }
            if (expiring != 0 || week == toWeek) {
                uint256[8] storage accrued = _accrued[poolId][week];
                for (uint256 k; k < n; ++k) if (rw.accrued[k] != 0) accrued[k] = rw.accrued[k];
            }
        }
        RewardSlot[8] storage slots = _pools[poolId].rewards;
        for (uint256 k; k < n; ++k) slots[k].weekFunding = uint96(rw.funding[k]);
    }

    /// @dev Moves the cursor (and the rewards' funding and accrual) from its week to the start of the next week:
    /// ends the week's accumulator, carries what it could not credit into the next week's funding (reported in
    /// `carries`) and removes the weight unlocking at the new week (returned).
    function _step(
        Cursor memory c,
        Rewards memory rw,
        uint256[] memory carries
    ) private view returns (uint256 expiring) {
        uint256 next = c.week + 1;
        _advance(c, next * WEEK);
        // seconds x 2^160 the week's positions were not credited: idle time and division remainders
        uint256 uncredited = (c.idle << ACC_BITS) + c.remainder;
        uint96[8] storage nextFunding = _funding[c.pool][next];
        for (uint256 k; k < c.tokenCount; ++k) {
            uint256 f = rw.funding[k];
            uint256 carry;
            if (f != 0) {
                rw.accrued[k] += f * c.delta;
                if (uncredited != 0) carry = Math.mulDiv(f, uncredited, WEEK_SCALE);
            }
            carries[k] = carry;
            rw.funding[k] = nextFunding[k] + carry;
        }
        expiring = _expiring[c.pool][next >> 1][next & 1];
        c.weight -= expiring;
        (c.week, c.delta, c.remainder, c.idle) = (next, 0, 0, 0);
        rw.accruedWeek = next;
        if (next == rw.captureWeek) {
            uint256[] memory captured = new uint256[](c.tokenCount);
            for (uint256 k; k < c.tokenCount; ++k) captured[k] = rw.accrued[k];
            rw.captured = captured;
        }
    }

    /// @dev Advances the accumulator to `t` within the cursor's week.
    function _advance(Cursor memory c, uint256 t) private pure {
        uint256 dt = t - c.last;
        if (dt == 0) return;
        if (c.weight == 0) {
            c.idle += dt;
        } else {
            uint256 x = dt << ACC_BITS;
            c.delta += x / c.weight;
            c.remainder += x % c.weight;
        }
        c.last = t;
    }

    /// @dev What `pos` earned from its last settlement to now or its unlock, per token, and the point it is settled
    /// to. `c` and `rw` are at the current week; `c` may lag behind `block.timestamp` within it (then the
    /// accumulator is extrapolated exactly as `_advance` would, without storing it).
    function _earned(
        Cursor memory c,
        Rewards memory rw,
        Position memory pos
    ) private view returns (uint256[] memory earned, uint256 endWeek, uint256 endDelta) {
        uint256 n = c.tokenCount;
        earned = new uint256[](n);
        if (pos.unlockWeek <= c.week) {
            endWeek = pos.unlockWeek;
        } else {
            endWeek = c.week;
            endDelta = c.delta;
            // a locked position is in the total weight, so it is non-zero
            if (block.timestamp > c.last) endDelta += ((block.timestamp - c.last) << ACC_BITS) / c.weight;
        }
        if (pos.week > endWeek || (pos.week == endWeek && pos.delta >= endDelta)) return (earned, pos.week, pos.delta);
        uint256 weight = uint256(pos.amount) * _multiplier(pos.lockWeeks);
        if (pos.week == endWeek) {
            // same (current) week: only the accumulator moved
            uint256 moved = endDelta - pos.delta;
            for (uint256 k; k < n; ++k) earned[k] = Math.mulDiv(weight, rw.funding[k] * moved, WEEK_SCALE);
        } else {
            uint96[8] storage startFunding = _funding[c.pool][pos.week];
            for (uint256 k; k < n; ++k) {
                uint256 hi = _accruedAt(c.pool, endWeek, k, rw);
                if (endDelta != 0) hi += rw.funding[k] * endDelta;
                uint256 units = hi - _accruedAt(c.pool, pos.week, k, rw) - uint256(startFunding[k]) * pos.delta;
                earned[k] = Math.mulDiv(weight, units, WEEK_SCALE);
            }
        }
    }

    function _accruedAt(uint256 poolId, uint256 week, uint256 k, Rewards memory rw) private view returns (uint256) {
        if (rw.accrued.length != 0 && week == rw.accruedWeek) return rw.accrued[k];
        if (rw.captured.length != 0 && week == rw.captureWeek) return rw.captured[k];
        return _accrued[poolId][week][k];
    }

    // ---------------------------------------------------------------- storage helpers

    /// @dev The pool's accumulator slot; the book is loaded only by the paths that need it (`_loadBook`).
    function _load(uint256 poolId) private view returns (Cursor memory c) {
        Accumulator storage a = _pools[poolId].acc;
        uint256 raw;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            raw := sload(a.slot)
        }
        c.last = uint32(raw >> 216);
        if (c.last == 0) revert UnknownPool(poolId);
        c.pool = poolId;
        c.week = c.last / WEEK;
        c.delta = uint112(raw);
        c.weight = uint104(raw >> 112);
        c.tokenCount = raw >> 248;
    }

    function _loadBook(Cursor memory c) private view {
        if (c.bookLoaded) return;
        Book storage b = _pools[c.pool].book;
        uint256 raw;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            raw := sload(b.slot)
        }
        (c.staked, c.remainder, c.idle, c.bookLoaded) = (uint96(raw), uint128(raw >> 96), uint24(raw >> 224), true);
    }

    /// @dev Writes both slots of the pool's live state (the book must have been loaded), each as one word.
    function _store(Cursor memory c) private {
        Pool storage pool_ = _pools[c.pool];
        if (c.weight > MAX_POOL_WEIGHT) revert PoolWeightTooLarge(c.pool, c.weight, MAX_POOL_WEIGHT);
        // delta < 2^112 by the bound on stakes (see ACC_BITS), lastUpdate fits 32 bits until 2106 (SafeCast at
        // pool creation), idle seconds < a week; the layouts are those of `Accumulator` and `Book`
        uint256 acc = c.delta | (c.weight << 112) | (uint256(c.last.toUint32()) << 216) | (c.tokenCount << 248);
        uint256 book = uint256(c.staked.toUint96()) | (uint256(c.remainder.toUint128()) << 96) | (c.idle << 224);
        Accumulator storage a = pool_.acc;
        Book storage b = pool_.book;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(a.slot, acc)
            sstore(b.slot, book)
        }
    }

    // Solidity's legacy code generator reads and writes a packed struct member by member (one SLOAD or SSTORE
    // each); the hot one-slot structs are read and written as one word instead, in Solidity's own layout (first
    // member in the lowest bits), so the struct views read them back unchanged.

    function _readPosition(Position storage s) private view returns (Position memory pos) {
        uint256 raw;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            raw := sload(s.slot)
        }
        pos.amount = uint96(raw);
        pos.delta = uint112(raw >> 96);
        pos.week = uint16(raw >> 208);
        pos.unlockWeek = uint16(raw >> 224);
        pos.lockWeeks = uint8(raw >> 240);
        pos.pool = uint8(raw >> 248);
    }

    function _writePosition(Position storage s, Position memory pos) private {
        uint256 raw =
            uint256(pos.amount) |
                (uint256(pos.delta) << 96) |
                (uint256(pos.week) << 208) |
                (uint256(pos.unlockWeek) << 224) |
                (uint256(pos.lockWeeks) << 240) |
                (uint256(pos.pool) << 248);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(s.slot, raw)
        }
    }

    function _readAccount(Account storage s) private view returns (uint256 balance, uint256 count) {
        uint256 raw;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            raw := sload(s.slot)
        }
        (balance, count) = (uint96(raw), uint32(raw >> 96));
    }

    function _writeAccount(Account storage s, uint256 balance, uint256 count) private {
        // balance <= stATH supply < 2^96; count < 2^32 (a position costs gas)
        uint256 raw = uint96(balance) | (uint256(count.toUint32()) << 96);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(s.slot, raw)
        }
    }

    function _rewards(Cursor memory c) private view returns (Rewards memory rw) {
        uint256 n = c.tokenCount;
        rw.tokens = new IERC20[](n);
        rw.funding = new uint256[](n);
        RewardSlot[8] storage slots = _pools[c.pool].rewards;
        for (uint256 k; k < n; ++k) {
            RewardSlot memory slot = slots[k];
            (rw.tokens[k], rw.funding[k]) = (slot.token, slot.weekFunding);
        }
    }

    function _loadAccrued(Cursor memory c, Rewards memory rw) private view {
        uint256 n = c.tokenCount;
        uint256[] memory accrued = new uint256[](n);
        uint256[8] storage stored = _accrued[c.pool][c.week];
        for (uint256 k; k < n; ++k) accrued[k] = stored[k];
        (rw.accrued, rw.accruedWeek) = (accrued, c.week);
    }

    function _openPosition(address account, uint256 positionId) private view returns (Position memory pos) {
        pos = _readPosition(_positions[account][positionId]);
        if (pos.amount == 0) revert NoSuchPosition(account, positionId);
    }

    function _listRewardToken(uint256 poolId, Pool storage pool_, uint256 k, IERC20 token) private {
        if (address(token) == address(0) || address(token) == address(this)) revert InvalidRewardToken(token);
        for (uint256 j; j < k; ++j) if (pool_.rewards[j].token == token) revert DuplicateRewardToken(poolId, token);
        pool_.rewards[k].token = token;
        emit RewardTokenAdded(poolId, k, token);
    }

    function _tokenIndex(uint256 poolId, IERC20 token) private view returns (uint256) {
        Pool storage pool_ = _pools[poolId];
        uint256 n = pool_.acc.tokenCount;
        for (uint256 k; k < n; ++k) if (pool_.rewards[k].token == token) return k;
        revert RewardTokenNotInPool(poolId, token);
    }

    function _checkWeeks(uint256 weeks_) private pure {
        if (weeks_ == 0 || weeks_ > MAX_LOCK_WEEKS) revert InvalidLockWeeks(weeks_, MAX_LOCK_WEEKS);
    }

    function _multiplier(uint256 weeks_) private pure returns (uint256) {
        return 204 + 3 * weeks_;
    }

    /// @dev The first week boundary at least `weeks_` weeks from now.
    function _unlockWeek(uint256 weeks_) private view returns (uint256) {
        return Math.ceilDiv(block.timestamp + weeks_ * WEEK, WEEK);
    }

    /// @dev stATH transfers between accounts (mints and burns happen in the staking flows, with the positions).
    function _update(address from, address to, uint256 value) internal override {
        Account storage sender = _accounts[from];
        uint256 balance = sender.balance;
        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        sender.balance = uint96(balance - value);
        _accounts[to].balance += uint96(value);
        emit Transfer(from, to, value);
        _moveStakedVotes(from, to, value);
    }

    function _stakedBalance(address account) internal view override returns (uint256) {
        return _accounts[account].balance;
    }
}
