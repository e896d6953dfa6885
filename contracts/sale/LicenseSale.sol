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
/// @dev Money is held in two ledgers per currency: treasury proceeds and referral rewards owed. The contract's
/// balance always equals their sum (an invariant test checks it). Withdrawals are pull-based and non-reentrant.
contract LicenseSale is AccessControl, Pausable, ReentrancyGuardTransient, ILicenseSale {
    using SafeERC20 for IERC20;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    uint256 public constant BPS = 10_000;
    /// @notice Governance bounds on the referral terms.
    uint256 public constant MAX_DISCOUNT_BPS = 2_000;
    uint256 public constant MAX_REWARD_BPS = 3_000;
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

    CheckerLicense public immutable license;
    IERC20 public immutable weth;

    address public treasury;
    uint64 public whitelistStart;
    uint64 public publicStart;
    uint64 public saleEnd;
    bytes32 public whitelistRoot;
    uint16 public discountBps;
    uint16 public referralRewardBps;

    /// @notice Index of the first tier with licenses left.
    uint256 public currentTier;
    Tier[] private _tiers;

    mapping(address buyer => mapping(uint256 tier => uint256)) public boughtInTier;
    mapping(address buyer => uint256) public whitelistBought;
    mapping(bytes32 code => address) public referrerOf;
    mapping(address referrer => uint256) public ethRewards;
    mapping(address referrer => uint256) public wethRewards;

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
        uint256 left = quantity;
        for (uint256 t = currentTier; t < _tiers.length && left > 0; ++t) {
            Tier memory tr = _tiers[t];
            uint256 take = _min(left, tr.supply - tr.sold);
            grossPrice += take * tr.price;
            left -= take;
        }
        if (left > 0) revert SoldOut(quantity, quantity - left);
    }

    // ---------------------------------------------------------------- referrals

    /// @notice Registers `code` for the caller; its buyers get the discount and the caller accrues the reward.
    function registerReferralCode(bytes32 code) external {
        if (code == bytes32(0)) revert InvalidReferralCode();
        address owner = referrerOf[code];
        if (owner != address(0)) revert ReferralCodeTaken(code, owner);
        referrerOf[code] = msg.sender;
        emit ReferralCodeRegistered(code, msg.sender);
    }

    /// @notice Pays the caller's accrued referral rewards (ETH and WETH).
    function withdrawReferralRewards() external nonReentrant {
        uint256 ethAmount = ethRewards[msg.sender];
        uint256 wethAmount = wethRewards[msg.sender];
        if (ethAmount == 0 && wethAmount == 0) revert NothingToWithdraw(msg.sender);
        ethRewards[msg.sender] = 0;
        wethRewards[msg.sender] = 0;
        ethLedger.rewardsOwed -= uint128(ethAmount);
        wethLedger.rewardsOwed -= uint128(wethAmount);
        emit ReferralRewardsWithdrawn(msg.sender, ethAmount, wethAmount);
        if (wethAmount > 0) weth.safeTransfer(msg.sender, wethAmount);
        if (ethAmount > 0) _sendEth(msg.sender, ethAmount);
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
            r.referrer = referrerOf[referralCode];
            if (r.referrer == address(0)) revert UnknownReferralCode(referralCode);
            if (r.referrer == msg.sender) revert SelfReferral(referralCode);
        }
        r.firstTokenId = license.nextTokenId();
        r.gross = _takeFromTiers(quantity, r.firstTokenId);
        if (r.referrer != address(0)) {
            r.discount = (r.gross * discountBps) / BPS;
            r.reward = ((r.gross - r.discount) * referralRewardBps) / BPS;
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

    /// @dev Books a purchase's price: the referrer's reward to its account, the rest to the treasury's proceeds.
    function _credit(Receipt memory r, Currency currency) private {
        Ledger storage ledger = currency == Currency.ETH ? ethLedger : wethLedger;
        ledger.proceeds += uint128(r.price - r.reward);
        if (r.reward > 0) {
            ledger.rewardsOwed += uint128(r.reward);
            if (currency == Currency.ETH) ethRewards[r.referrer] += r.reward;
            else wethRewards[r.referrer] += r.reward;
        }
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

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroAddress("treasury");
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
