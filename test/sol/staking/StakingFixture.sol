// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {StakingPools} from "../../../contracts/staking/StakingPools.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";

/// @notice A partner reward token anyone can mint.
contract MockERC20 is ERC20 {
    constructor(string memory symbol) ERC20(symbol, symbol) {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @notice A token that burns 1% of every transfer: it delivers less than the amount sent.
contract FeeOnTransferToken is ERC20 {
    constructor() ERC20("Fee", "FEE") {
        _mint(msg.sender, 1e30);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 fee = value / 100;
            super._update(from, address(0), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}

/// @notice A reward token that, when the staking contract pays it out, calls back into the staking contract with
/// `reentryCall` (set by the test) and records how that call ended. The payout itself then proceeds normally.
contract ReentrantRewardToken is ERC20 {
    address public staking;
    bytes public reentryCall;
    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryError;

    constructor() ERC20("Evil", "EVIL") {
        _mint(msg.sender, 1e30);
    }

    function arm(address staking_, bytes calldata call) external {
        (staking, reentryCall, attempted) = (staking_, call, false);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == staking && staking != address(0) && !attempted) {
            attempted = true;
            (bool ok, bytes memory ret) = staking.call(reentryCall);
            (reentrySucceeded, reentryError) = (ok, ret);
        }
    }
}

/// @notice A reward token that refuses every transfer out of the staking contract once switched on (a paused or
/// blocklisting partner token).
contract FreezableToken is ERC20 {
    address public frozenSender;

    constructor() ERC20("Frozen", "FRZ") {
        _mint(msg.sender, 1e30);
    }

    function freeze(address sender) external {
        frozenSender = sender;
    }

    error Frozen();

    function _update(address from, address to, uint256 value) internal override {
        if (from == frozenSender && from != address(0)) revert Frozen();
        super._update(from, to, value);
    }
}

/// @notice ATH (the real token, whole supply held here), a StakingPools governed by `admin` with guardian
/// `guardian`, a partner token, and helpers. Time starts 1 day into a Unix week.
abstract contract StakingFixture is TokenFixture {
    uint256 internal constant WEEK = 7 days;
    /// @dev Week 2,900 starts on Thursday 2025-08-07.
    uint256 internal constant START_WEEK = 2_900;

    StakingPools internal staking;
    MockERC20 internal partner;
    address internal admin = makeAddr("admin");
    address internal guardian = makeAddr("guardian");
    address internal funder = makeAddr("funder");

    function _deployStaking() internal {
        vm.warp(START_WEEK * WEEK + 1 days);
        _deployTokenToSelf();
        staking = new StakingPools(admin, guardian, IERC20(address(token)));
        partner = new MockERC20("PRT");
        vm.label(address(staking), "staking");
        vm.label(address(partner), "partner");
        token.transfer(funder, 1_000_000_000 ether);
        partner.mint(funder, 1_000_000_000 ether);
        vm.startPrank(funder);
        token.approve(address(staking), type(uint256).max);
        partner.approve(address(staking), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev Pool 0 pays ATH; pool 1 pays ATH and the partner token.
    function _createDefaultPools() internal {
        vm.startPrank(admin);
        staking.createPool("Gaming", _tokens(IERC20(address(token))));
        staking.createPool("AI", _tokens(IERC20(address(token)), IERC20(address(partner))));
        vm.stopPrank();
    }

    function _tokens(IERC20 a) internal pure returns (IERC20[] memory t) {
        t = new IERC20[](1);
        t[0] = a;
    }

    function _tokens(IERC20 a, IERC20 b) internal pure returns (IERC20[] memory t) {
        t = new IERC20[](2);
        (t[0], t[1]) = (a, b);
    }

    function _week() internal view returns (uint256) {
        return block.timestamp / WEEK;
    }

    function _fund(uint256 poolId, IERC20 rewardToken, uint256 firstWeek, uint256 weeks_, uint256 perWeek) internal {
        vm.prank(funder);
        staking.fund(poolId, rewardToken, firstWeek, weeks_, perWeek);
    }

    /// @dev Gives `account` `amount` ATH, approves the staking contract for it.
    function _give(address account, uint256 amount) internal {
        token.transfer(account, amount);
        vm.prank(account);
        token.approve(address(staking), type(uint256).max);
    }

    function _stake(address account, uint256 poolId, uint256 amount, uint256 weeks_) internal returns (uint256 id) {
        _give(account, amount);
        vm.prank(account);
        id = staking.stake(poolId, amount, weeks_);
    }

    function _claim(address account, uint256 positionId) internal returns (uint256[] memory amounts) {
        vm.prank(account);
        amounts = staking.claim(positionId);
    }
}
