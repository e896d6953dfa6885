// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ILicenseSale} from "../interfaces/ILicenseSale.sol";
import {CheckerLicense} from "../license/CheckerLicense.sol";

/// @title LicenseSale
/// @notice The tiered checker license sale (SPEC §4): a whitelist round (Merkle proof of address and allocation),
/// then a public round; tiers with a price, a supply and a per-buyer cap; a purchase crossing a tier boundary pays
/// each tier's price for the licenses it takes there. Referral codes give the buyer a discount and accrue a reward
/// to the code's owner. Paid in ETH (excess refunded in the same call) or WETH. Proceeds go to the treasury.
/// Nothing ties two wallets to one person, so a buyer can refer itself through a second wallet: what a code earns is
/// capped per buyer and overall, a buyer past its cap with a code also loses that code's discount, and rewards are
/// withdrawable only after a payout delay in which the guardian can void a code's locked rewards
/// (docs/decisions.md, "License sale").
/// @dev Money is held in two ledgers per currency: treasury proceeds and referral rewards owed. The contract's
/// balance always equals their sum (an invariant test checks it). Withdrawals are pull-based and non-reentrant.
contract LicenseSale is AccessControl, Pausable, ReentrancyGuardTransient, ILicenseSale {
    using SafeERC20 for IERC20;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    uint256 public constant BPS = 10_000;
    /// @notice Governance bounds on the referral terms.
    uint256 public constant MAX_DISCOUNT_BPS = 2_000;
    uint256 public constant MAX_REWARD_BPS = 3_000;
    /// @notice Governance bounds on the referral caps (wei, ETH and WETH counted together) and the payout delay.
    /// The per-code bound also keeps every locked amount far below 2^96.
    uint256 public constant MAX_REFERRAL_CAP_PER_BUYER = 10 ether;
    uint256 public constant MAX_REFERRAL_CAP_PER_CODE = 1_000 ether;
    uint256 public constant MIN_REFERRAL_PAYOUT_DELAY = 1 days;
    uint256 public constant MAX_REFERRAL_PAYOUT_DELAY = 90 days;
    /// @notice Bounds that keep every loop short.
    uint256 public constant MAX_TIERS = 64;
    uint256 public constant MAX_PER_PURCHASE = 1_000;

    struct Tier {
        uint128 price;
        uint32 supply;
        uint32 sold;
        uint32 capPerBuyer; // 0: uncapped
    }

    struct Ledger {
        uint128 proceeds;
        uint128 rewardsOwed;
    }

    /// @dev Rewards locked until `unlockAt`. Each referrer has two: a reward earned at t unlocks at the start of the
    /// second delay-long period after t's, so only the current and the previous period can still be locked.
    struct LockedReward {
        uint64 unlockAt;
        uint96 eth;
        uint96 weth;
    }

    struct ReferralLimits {
        uint96 capPerBuyer;
        uint96 capPerCode;
        uint64 payoutDelay;
    }

    /// @dev What a code earned in all (voided rewards still count) and whether the guardian voided it.
    struct CodeState {
        uint128 earned;
        bool voided;
    }

    /// @dev The one code an address registered, and its locked rewards.
    struct ReferrerState {
        bytes32 code;
        LockedReward[2] locked;
    }

    /// @notice A referrer's rewards: owed = withdrawable + locked, per currency.
    struct ReferralBalance {
        uint256 withdrawableEth;
        uint256 withdrawableWeth;
        uint256 lockedEth;
        uint256 lockedWeth;
        /// When the next locked amount becomes withdrawable (0: nothing locked).
        uint64 nextUnlockAt;
        /// When every locked amount is withdrawable (0: nothing locked).
        uint64 lockedUntil;
    }

    CheckerLicense public immutable license;
    IERC20 public immutable weth;

    address public treasury;
    uint64 public whitelistStart;
    uint64 public publicStart;
    uint64 public saleEnd;
    bytes32 public whitelistRoot;
    uint16 public discountBps;
    uint16 public referralRewardBps;
    /// @dev The referral caps and payout delay, one slot (read by every referred purchase).
    ReferralLimits private _limits;

    /// @notice Index of the first tier with licenses left.
    uint256 public currentTier;
    Tier[] private _tiers;

    mapping(address buyer => mapping(uint256 tier => uint256)) public boughtInTier;
    mapping(address buyer => uint256) public whitelistBought;
    mapping(bytes32 code => address) public referrerOf;
    mapping(address referrer => uint256) public ethRewards;
    mapping(address referrer => uint256) public wethRewards;
    /// @notice Reward a code earned from one buyer (counted against `referralCapPerBuyer`).
    mapping(bytes32 code => mapping(address buyer => uint256)) public referralRewardFromBuyer;
    mapping(bytes32 code => CodeState) private _codes;
    mapping(address referrer => ReferrerState) private _referrers;

    /// @notice ETH and WETH held for the treasury and for referrers.
    Ledger public ethLedger;
    Ledger public wethLedger;

    struct Config {
        address admin;
        address guardian;
        address treasury;
        CheckerLicense license;
        IERC20 weth;
        uint64 whitelistStart;
        uint64 publicStart;
        uint64 saleEnd;
        bytes32 whitelistRoot;
        uint16 discountBps;
        uint16 referralRewardBps;
        uint96 referralCapPerBuyer;
        uint96 referralCapPerCode;
        uint64 referralPayoutDelay;
    }

    constructor(Config memory c, uint128[] memory prices, uint32[] memory supplies, uint32[] memory capsPerBuyer) {
        if (c.admin == address(0)) revert ZeroAddress("admin");
        if (c.guardian == address(0)) revert ZeroAddress("guardian");
        if (address(c.license) == address(0)) revert ZeroAddress("license");
        if (address(c.weth) == address(0)) revert ZeroAddress("weth");
        license = c.license;
        weth = c.weth;
        _grantRole(DEFAULT_ADMIN_ROLE, c.admin);
        _grantRole(GUARDIAN_ROLE, c.guardian);
        _setTreasury(c.treasury);
        _setSchedule(c.whitelistStart, c.publicStart, c.saleEnd);
        _setWhitelistRoot(c.whitelistRoot);
        _setReferralTerms(c.discountBps, c.referralRewardBps);
        _setReferralCaps(c.referralCapPerBuyer, c.referralCapPerCode);
        _setReferralPayoutDelay(c.referralPayoutDelay);

        uint256 n = prices.length;
        if (n == 0 || n > MAX_TIERS) revert TierCountOutOfRange(n, MAX_TIERS);
        if (supplies.length != n || capsPerBuyer.length != n) revert TierLengthMismatch();
        uint256 total;
        for (uint256 i; i < n; ++i) {
            if (i > 0 && prices[i] < prices[i - 1]) revert TierPriceDecreasing(i);
            if (supplies[i] == 0) revert TierSupplyZero(i);
            total += supplies[i];
            _tiers.push(Tier(prices[i], supplies[i], 0, capsPerBuyer[i]));
            emit TierConfigured(i, prices[i], supplies[i], capsPerBuyer[i]);
        }
        uint256 cap = c.license.MAX_SUPPLY();
        if (total > cap) revert TiersExceedLicenseCap(total, cap);
    }

    // ---------------------------------------------------------------- buying

    /// @notice Buys `quantity` licenses with ETH; any ETH above the price is refunded in this call.
    /// @param referralCode A registered code, or zero for none.
    /// @param allocation Whitelist round only: the buyer's allocation in the whitelist tree.
    /// @param proof Whitelist round only: the Merkle proof of (buyer, allocation).
    /// @return firstTokenId The first license id bought (ids are consecutive).
    function buy(
        uint256 quantity,
        bytes32 referralCode,
        uint256 allocation,
        bytes32[] calldata proof
    ) external payable nonReentrant whenNotPaused returns (uint256 firstTokenId) {
        uint256 price;
        (firstTokenId, price) = _purchase(quantity, referralCode, allocation, proof, Currency.ETH);
        if (msg.value < price) revert InsufficientPayment(price, msg.value);
        uint256 excess = msg.value - price;
        if (excess > 0) _sendEth(msg.sender, excess);
    }

    /// @notice Buys `quantity` licenses with WETH (approved to this contract), paying at most `maxPrice`.
    function buyWithWETH(
        uint256 quantity,
        uint256 maxPrice,
        bytes32 referralCode,
        uint256 allocation,
        bytes32[] calldata proof
    ) external payable nonReentrant whenNotPaused returns (uint256 firstTokenId) {
        if (msg.value != 0) revert UnexpectedETH(msg.value);
        uint256 price;
        (firstTokenId, price) = _purchase(quantity, referralCode, allocation, proof, Currency.WETH);
        if (price > maxPrice) revert PriceAboveMax(price, maxPrice);
        weth.safeTransferFrom(msg.sender, address(this), price);
    }

    /// @notice The price of `quantity` licenses now, before any discount, walking the tiers as a purchase would.
    /// Per-buyer caps are not applied.
    function quote(uint256 quantity) external view returns (uint256 grossPrice) {
        return _quote(quantity);
    }

    /// @notice What `buyer` would pay now for `quantity` licenses with `referralCode` (zero for none): the gross
    /// price, the discount and the referrer's reward after the caps. Reverts as the purchase would for a bad code.
    /// Per-buyer tier caps and the whitelist are not checked.
    function quoteWithReferral(
        address buyer,
        uint256 quantity,
        bytes32 referralCode
    ) external view returns (uint256 grossPrice, uint256 discount, uint256 reward) {
        grossPrice = _quote(quantity);
        if (referralCode != bytes32(0)) {
            _referrerFor(referralCode, buyer); // the same refusals as a purchase
            (discount, reward, , ) = _referralTerms(referralCode, buyer, grossPrice);
        }
    }

    // ---------------------------------------------------------------- referrals

    /// @notice Registers `code` for the caller; its buyers get the discount and the caller accrues the reward.
    /// One code per address: a second one would multiply the per-code cap.
    function registerReferralCode(bytes32 code) external {
        if (code == bytes32(0)) revert InvalidReferralCode();
        address owner = referrerOf[code];
        if (owner != address(0)) revert ReferralCodeTaken(code, owner);
        bytes32 existing = _referrers[msg.sender].code;
        if (existing != bytes32(0)) revert ReferrerHasCode(msg.sender, existing);
        referrerOf[code] = msg.sender;
        _referrers[msg.sender].code = code;
        emit ReferralCodeRegistered(code, msg.sender);
    }

    /// @notice Pays the caller's withdrawable referral rewards (ETH and WETH); locked ones stay until their time.
    function withdrawReferralRewards() external nonReentrant {
        ReferralBalance memory b = referralRewards(msg.sender);
        uint256 ethAmount = b.withdrawableEth;
        uint256 wethAmount = b.withdrawableWeth;
        if (ethAmount == 0 && wethAmount == 0) {
            if (b.nextUnlockAt != 0) revert ReferralRewardsLocked(msg.sender, b.nextUnlockAt);
            revert NothingToWithdraw(msg.sender);
        }
        // Matured slots need no clearing: withdrawable is owed minus what is still locked.
        ethRewards[msg.sender] -= ethAmount;
        wethRewards[msg.sender] -= wethAmount;
        ethLedger.rewardsOwed -= uint128(ethAmount);
        wethLedger.rewardsOwed -= uint128(wethAmount);
        emit ReferralRewardsWithdrawn(msg.sender, ethAmount, wethAmount);
        if (wethAmount > 0) weth.safeTransfer(msg.sender, wethAmount);
        if (ethAmount > 0) _sendEth(msg.sender, ethAmount);
    }

    /// @notice A referrer's rewards now: what it can withdraw and what is still locked, and until when.
    function referralRewards(address referrer) public view returns (ReferralBalance memory b) {
        LockedReward[2] storage slots = _referrers[referrer].locked;
        for (uint256 i; i < 2; ++i) {
            LockedReward memory lock = slots[i];
            if (lock.unlockAt <= block.timestamp) continue;
            b.lockedEth += lock.eth;
            b.lockedWeth += lock.weth;
            if (b.nextUnlockAt == 0 || lock.unlockAt < b.nextUnlockAt) b.nextUnlockAt = lock.unlockAt;
            if (lock.unlockAt > b.lockedUntil) b.lockedUntil = lock.unlockAt;
        }
        b.withdrawableEth = ethRewards[referrer] - b.lockedEth;
        b.withdrawableWeth = wethRewards[referrer] - b.lockedWeth;
    }

    /// @notice Voids `code`: its owner's rewards still locked go to the treasury's proceeds, and the code can no
    /// longer be used. Rewards already withdrawable are not touched: the payout delay is the window to act in.
    /// Guardian only.
    function voidReferralRewards(bytes32 code) external onlyRole(GUARDIAN_ROLE) {
        address referrer = referrerOf[code];
        if (referrer == address(0)) revert UnknownReferralCode(code);
        if (_codes[code].voided) revert ReferralCodeVoided(code);
        ReferralBalance memory b = referralRewards(referrer);
        _codes[code].voided = true;
        delete _referrers[referrer].locked;
        ethRewards[referrer] -= b.lockedEth;
        wethRewards[referrer] -= b.lockedWeth;
        _moveToProceeds(ethLedger, b.lockedEth);
        _moveToProceeds(wethLedger, b.lockedWeth);
        emit ReferralRewardsVoided(code, referrer, b.lockedEth, b.lockedWeth);
    }

    /// @notice Makes a voided code usable again (a guardian's mistake); the voided rewards stay with the treasury.
    /// Governance only.
    function restoreReferralCode(bytes32 code) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_codes[code].voided) revert ReferralCodeNotVoided(code);
        _codes[code].voided = false;
        emit ReferralCodeRestored(code);
    }

    /// @notice The one code `referrer` registered (zero for none).
    function codeOf(address referrer) external view returns (bytes32) {
        return _referrers[referrer].code;
    }

    /// @notice Reward `code` earned in all (counted against `referralCapPerCode`; voided rewards still count).
    function referralRewardOfCode(bytes32 code) external view returns (uint256) {
        return _codes[code].earned;
    }

    /// @notice Whether the guardian voided `code` (and governance has not restored it).
    function referralCodeVoided(bytes32 code) external view returns (bool) {
        return _codes[code].voided;
    }

    /// @notice Most reward (wei, ETH and WETH together) one code earns from one buyer.
    function referralCapPerBuyer() external view returns (uint256) {
        return _limits.capPerBuyer;
    }

    /// @notice Most reward (wei, ETH and WETH together) one code earns from all its buyers.
    function referralCapPerCode() external view returns (uint256) {
        return _limits.capPerCode;
    }

    /// @notice How long a reward stays locked: at least this long, and less than twice this long.
    function referralPayoutDelay() external view returns (uint256) {
        return _limits.payoutDelay;
    }

    // ---------------------------------------------------------------- treasury and governance

    /// @notice Sends all proceeds (ETH and WETH) to the treasury. Anyone may call; funds only go to the treasury.
    function withdrawProceeds() external nonReentrant {
        uint256 ethAmount = ethLedger.proceeds;
        uint256 wethAmount = wethLedger.proceeds;
        if (ethAmount == 0 && wethAmount == 0) revert NothingToWithdraw(treasury);
        ethLedger.proceeds = 0;
        wethLedger.proceeds = 0;
        emit ProceedsWithdrawn(treasury, ethAmount, wethAmount);
        if (wethAmount > 0) weth.safeTransfer(treasury, wethAmount);
        if (ethAmount > 0) _sendEth(treasury, ethAmount);
    }

    /// @notice Sets the round times. Governance only.
    function setSchedule(
        uint64 whitelistStart_,
        uint64 publicStart_,
        uint64 saleEnd_
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setSchedule(whitelistStart_, publicStart_, saleEnd_);
    }

    /// @notice Sets the whitelist Merkle root. Governance only.
    function setWhitelistRoot(bytes32 root) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setWhitelistRoot(root);
    }

    /// @notice Sets the buyer discount and the referrer reward, within the bounds. Governance only.
    function setReferralTerms(uint16 discountBps_, uint16 rewardBps_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReferralTerms(discountBps_, rewardBps_);
    }

    /// @notice Sets the most reward one code earns from one buyer and in all, within the bounds. Lowering a cap
    /// below what a code already earned stops its rewards (and discount); nothing is taken back. Governance only.
    function setReferralCaps(uint96 capPerBuyer, uint96 capPerCode) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReferralCaps(capPerBuyer, capPerCode);
    }

    /// @notice Sets the referral payout delay, within the bounds; rewards already locked keep their time.
    /// Governance only.
    function setReferralPayoutDelay(uint64 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReferralPayoutDelay(delay);
    }

    /// @notice Sets where proceeds go. Governance only.
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(treasury_);
    }

    /// @notice Stops purchases. Guardian only.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Resumes purchases. Governance only.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// @notice Number of tiers.
    function tierCount() external view returns (uint256) {
        return _tiers.length;
    }

    /// @notice One tier's configuration and sales.
    function tier(uint256 index) external view returns (Tier memory) {
        return _tiers[index];
    }

    // ---------------------------------------------------------------- internals

    /// @dev What one purchase costs and who earns from it; a struct keeps the stack shallow.
    struct Receipt {
        uint256 firstTokenId;
        uint256 gross;
        uint256 discount;
        uint256 price;
        address referrer;
        uint256 reward;
        bytes32 code;
        uint256 rewardCapped;
        uint256 discountCapped;
    }

    function _purchase(
        uint256 quantity,
        bytes32 referralCode,
        uint256 allocation,
        bytes32[] calldata proof,
        Currency currency
    ) private returns (uint256, uint256) {
        if (quantity == 0) revert ZeroQuantity();
        if (quantity > MAX_PER_PURCHASE) revert QuantityTooLarge(quantity, MAX_PER_PURCHASE);
        if (block.timestamp < whitelistStart) revert SaleNotStarted(whitelistStart);
        if (block.timestamp >= saleEnd) revert SaleEnded(saleEnd);
        if (block.timestamp < publicStart) _useWhitelist(quantity, allocation, proof);

        Receipt memory r;
        if (referralCode != bytes32(0)) {
            r.referrer = _referrerFor(referralCode, msg.sender);
            r.code = referralCode;
        }
        r.firstTokenId = license.nextTokenId();
        r.gross = _takeFromTiers(quantity, r.firstTokenId);
        if (r.referrer != address(0)) {
            (r.discount, r.reward, r.discountCapped, r.rewardCapped) = _referralTerms(
                referralCode,
                msg.sender,
                r.gross
            );
        }
        r.price = r.gross - r.discount;
        _credit(r, currency);
        emit Purchased(
            msg.sender,
            r.firstTokenId,
            quantity,
            r.gross,
            r.discount,
            currency,
            referralCode,
            r.referrer,
            r.reward
        );
        license.mint(msg.sender, quantity);
        return (r.firstTokenId, r.price);
    }

    /// @dev Books a purchase's price: the referrer's reward to its account (locked for the payout delay, counted
    /// against the caps), the rest to the treasury's proceeds.
    function _credit(Receipt memory r, Currency currency) private {
        Ledger storage ledger = currency == Currency.ETH ? ethLedger : wethLedger;
        ledger.proceeds += uint128(r.price - r.reward);
        uint64 unlockAt;
        if (r.reward > 0) {
            ledger.rewardsOwed += uint128(r.reward);
            if (currency == Currency.ETH) ethRewards[r.referrer] += r.reward;
            else wethRewards[r.referrer] += r.reward;
            referralRewardFromBuyer[r.code][msg.sender] += r.reward;
            _codes[r.code].earned += uint128(r.reward); // bounded by MAX_REFERRAL_CAP_PER_CODE
            unlockAt = _lock(r.referrer, r.reward, currency);
        }
        if (r.referrer != address(0)) {
            emit ReferralRewardAccrued(
                r.code,
                r.referrer,
                msg.sender,
                currency,
                r.reward,
                r.rewardCapped,
                r.discountCapped,
                unlockAt
            );
        }
    }

    /// @dev The code's owner, if `buyer` may use the code.
    function _referrerFor(bytes32 code, address buyer) private view returns (address referrer) {
        referrer = referrerOf[code];
        if (referrer == address(0)) revert UnknownReferralCode(code);
        if (referrer == buyer) revert SelfReferral(code);
        if (_codes[code].voided) revert ReferralCodeVoided(code);
    }

    /// @dev The discount and reward of a purchase of `gross` by `buyer` with `code`, and what the caps withheld.
    /// The reward is what is left of the per-buyer and the per-code cap, at most the terms' reward; the discount
    /// shrinks in the same proportion, so a buyer and a code past their cap gain nothing from each other (a
    /// self-referrer's two wallets gain at most the cap and its share of discount). With a zero reward rate there is
    /// nothing to cap and the discount is a plain public discount.
    function _referralTerms(
        bytes32 code,
        address buyer,
        uint256 gross
    ) private view returns (uint256 discount, uint256 reward, uint256 discountCapped, uint256 rewardCapped) {
        uint256 fullDiscount = (gross * discountBps) / BPS;
        uint256 fullReward = ((gross - fullDiscount) * referralRewardBps) / BPS;
        uint256 left = _rewardLeft(code, buyer);
        if (fullReward <= left) return (fullDiscount, fullReward, 0, 0);
        reward = left;
        discount = (fullDiscount * left) / fullReward;
        return (discount, reward, fullDiscount - discount, fullReward - reward);
    }

    /// @dev What `code` may still earn from `buyer`: the lesser of what is left under each cap.
    function _rewardLeft(bytes32 code, address buyer) private view returns (uint256) {
        ReferralLimits memory limits = _limits;
        uint256 left = _capLeft(limits.capPerBuyer, referralRewardFromBuyer[code][buyer]);
        return _min(left, _capLeft(limits.capPerCode, _codes[code].earned));
    }

    function _capLeft(uint256 cap, uint256 used) private pure returns (uint256) {
        return cap > used ? cap - used : 0;
    }

    /// @dev Locks `amount` of `referrer`'s rewards until the start of the second delay-long period after now's:
    /// between one and two delays from now. Two slots hold every lock at any time (this period's and the last's);
    /// when the delay changed and both still hold other times, the reward joins the later one, whose time only
    /// moves out: no reward is ever withdrawable sooner than one delay after it was earned.
    function _lock(address referrer, uint256 amount, Currency currency) private returns (uint64 unlockAt) {
        uint256 delay = _limits.payoutDelay;
        unlockAt = uint64((block.timestamp / delay + 2) * delay);
        LockedReward[2] storage slots = _referrers[referrer].locked;
        LockedReward storage slot;
        if (slots[0].unlockAt == unlockAt) slot = slots[0];
        else if (slots[1].unlockAt == unlockAt) slot = slots[1];
        else if (slots[0].unlockAt <= block.timestamp) slot = _reuse(slots[0], unlockAt);
        else if (slots[1].unlockAt <= block.timestamp) slot = _reuse(slots[1], unlockAt);
        else {
            slot = slots[0].unlockAt >= slots[1].unlockAt ? slots[0] : slots[1];
            if (unlockAt > slot.unlockAt) slot.unlockAt = unlockAt;
            unlockAt = slot.unlockAt;
        }
        // amount <= MAX_REFERRAL_CAP_PER_CODE, and so is a slot's sum: the casts cannot truncate.
        if (currency == Currency.ETH) slot.eth += uint96(amount);
        else slot.weth += uint96(amount);
    }

    /// @dev A slot whose time has passed: its amounts are withdrawable already (owed, not locked), so it is reset.
    function _reuse(LockedReward storage slot, uint64 unlockAt) private returns (LockedReward storage) {
        slot.unlockAt = unlockAt;
        slot.eth = 0;
        slot.weth = 0;
        return slot;
    }

    function _moveToProceeds(Ledger storage ledger, uint256 amount) private {
        if (amount == 0) return;
        ledger.rewardsOwed -= uint128(amount);
        ledger.proceeds += uint128(amount);
    }

    function _quote(uint256 quantity) private view returns (uint256 grossPrice) {
        uint256 left = quantity;
        for (uint256 t = currentTier; t < _tiers.length && left > 0; ++t) {
            Tier memory tr = _tiers[t];
            uint256 take = _min(left, tr.supply - tr.sold);
            grossPrice += take * tr.price;
            left -= take;
        }
        if (left > 0) revert SoldOut(quantity, quantity - left);
    }

    function _useWhitelist(uint256 quantity, uint256 allocation, bytes32[] calldata proof) private {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender, allocation))));
        if (!MerkleProof.verifyCalldata(proof, whitelistRoot, leaf))
            revert InvalidWhitelistProof(msg.sender, allocation);
        uint256 bought = whitelistBought[msg.sender];
        uint256 remaining = allocation > bought ? allocation - bought : 0;
        if (quantity > remaining) revert WhitelistAllocationExceeded(quantity, remaining);
        whitelistBought[msg.sender] = bought + quantity;
    }

    /// @dev Takes `quantity` licenses from the tiers in order, charging each tier's price, enforcing per-buyer caps.
    function _takeFromTiers(uint256 quantity, uint256 firstTokenId) private returns (uint256 gross) {
        uint256 left = quantity;
        uint256 t = currentTier;
        uint256 n = _tiers.length;
        uint256 nextId = firstTokenId;
        while (left > 0) {
            if (t == n) revert SoldOut(quantity, quantity - left);
            Tier storage tr = _tiers[t];
            uint256 available = tr.supply - tr.sold;
            uint256 take = _min(left, available);
            if (take > 0) {
                uint256 cap = tr.capPerBuyer;
                uint256 already = boughtInTier[msg.sender][t];
                if (cap != 0 && already + take > cap) revert PerBuyerCapExceeded(t, cap, already, take);
                boughtInTier[msg.sender][t] = already + take;
                tr.sold += uint32(take);
                gross += take * tr.price;
                emit TierPurchase(msg.sender, t, nextId, take, tr.price);
                nextId += take;
                left -= take;
            }
            if (take == available) ++t; // tier sold out: the rest rolls into the next one
        }
        if (t != currentTier) currentTier = t;
    }

    function _sendEth(address to, uint256 amount) private {
        (bool ok, ) = to.call{value: amount}("");
        if (!ok) revert EthTransferFailed(to, amount);
    }

    function _setSchedule(uint64 whitelistStart_, uint64 publicStart_, uint64 saleEnd_) private {
        if (whitelistStart_ > publicStart_ || publicStart_ >= saleEnd_) {
            revert InvalidSchedule(whitelistStart_, publicStart_, saleEnd_);
        }
        whitelistStart = whitelistStart_;
        publicStart = publicStart_;
        saleEnd = saleEnd_;
        emit SaleScheduleSet(whitelistStart_, publicStart_, saleEnd_);
    }

    function _setWhitelistRoot(bytes32 root) private {
        whitelistRoot = root;
        emit WhitelistRootSet(root);
    }

    function _setReferralTerms(uint16 discountBps_, uint16 rewardBps_) private {
        if (discountBps_ > MAX_DISCOUNT_BPS || rewardBps_ > MAX_REWARD_BPS) {
            revert ReferralTermsOutOfBounds(discountBps_, rewardBps_);
        }
        discountBps = discountBps_;
        referralRewardBps = rewardBps_;
        emit ReferralTermsSet(discountBps_, rewardBps_);
    }

    function _setReferralCaps(uint96 capPerBuyer, uint96 capPerCode) private {
        if (
            capPerBuyer > MAX_REFERRAL_CAP_PER_BUYER ||
            capPerCode > MAX_REFERRAL_CAP_PER_CODE ||
            capPerBuyer > capPerCode
        ) {
            revert ReferralCapsOutOfBounds(capPerBuyer, capPerCode);
        }
        _limits.capPerBuyer = capPerBuyer;
        _limits.capPerCode = capPerCode;
        emit ReferralCapsSet(capPerBuyer, capPerCode);
    }

    function _setReferralPayoutDelay(uint64 delay) private {
        if (delay < MIN_REFERRAL_PAYOUT_DELAY || delay > MAX_REFERRAL_PAYOUT_DELAY) {
            revert ReferralPayoutDelayOutOfBounds(delay, MIN_REFERRAL_PAYOUT_DELAY, MAX_REFERRAL_PAYOUT_DELAY);
        }
        _limits.payoutDelay = delay;
        emit ReferralPayoutDelaySet(delay);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
