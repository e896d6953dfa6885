// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RewardClaims} from "../../../contracts/claims/RewardClaims.sol";
import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {RewardPool} from "../../../contracts/pools/RewardPool.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {SteppedRewardPool} from "../../../contracts/pools/SteppedRewardPool.sol";
import {IComplianceRegistry} from "../../../contracts/interfaces/IComplianceRegistry.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";

/// @notice Stands in for CheckerReferee: claims only ever read `finalRoot()`, so a settable one lets a test post
/// any sequence of final roots (including ones the real referee would refuse) without the referee's epochs, signers
/// and challenge windows. RewardClaims takes it cast to `CheckerReferee`: the call is ABI-identical.
contract MockReferee {
    uint64 public epoch;
    bytes32 public root;
    uint256 public cumulativeTotal;

    function set(uint64 epoch_, bytes32 root_, uint256 cumulativeTotal_) external {
        (epoch, root, cumulativeTotal) = (epoch_, root_, cumulativeTotal_);
    }

    function finalRoot() external view returns (uint64, bytes32, uint256) {
        return (epoch, root, cumulativeTotal);
    }
}

/// @notice Stands in for the compliance registry: `isAllowed` is whatever the test set, so KYC is one switch instead
/// of an EIP-712 attestation per account.
contract MockCompliance is IComplianceRegistry {
    mapping(address account => bool) public allowed;

    function setAllowed(address account, bool allowed_) external {
        allowed[account] = allowed_;
    }

    function isAllowed(address account) external view returns (bool) {
        return allowed[account];
    }

    function isRestricted(address) external pure returns (bool) {
        return false;
    }
}

/// @notice A four-leaf cumulative tree as the referee builds it: leaf = keccak256(bytes.concat(keccak256(abi.encode(
/// account, cumulativeAmount)))), nodes hash their children as a sorted pair (what OpenZeppelin's MerkleProof and
/// StandardMerkleTree use). root = hashPair(hashPair(l0, l1), hashPair(l2, l3)); the proof of l0 is [l1, h23], etc.
/// Written out here rather than taken from OpenZeppelin's Hashes so that the tree is built independently of the
/// verifier under test.
library Tree4 {
    function leaf(address account, uint256 cumulativeAmount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function leaves(address[4] memory accounts, uint256[4] memory amounts) internal pure returns (bytes32[4] memory h) {
        for (uint256 i; i < 4; ++i) h[i] = leaf(accounts[i], amounts[i]);
    }

    function root(address[4] memory accounts, uint256[4] memory amounts) internal pure returns (bytes32) {
        bytes32[4] memory h = leaves(accounts, amounts);
        return hashPair(hashPair(h[0], h[1]), hashPair(h[2], h[3]));
    }

    /// @dev The proof of leaf `i`: its sibling, then the hash of the other pair.
    function proof(
        address[4] memory accounts,
        uint256[4] memory amounts,
        uint256 i
    ) internal pure returns (bytes32[] memory p) {
        bytes32[4] memory h = leaves(accounts, amounts);
        p = new bytes32[](2);
        p[0] = h[i ^ 1];
        p[1] = i < 2 ? hashPair(h[2], h[3]) : hashPair(h[0], h[1]);
    }

    function sum(uint256[4] memory amounts) internal pure returns (uint256 s) {
        for (uint256 i; i < 4; ++i) s += amounts[i];
    }
}

/// @notice A real ATH token, a real checker base pool (linear) and bonus pool (stepped), each funded with its
/// allocation, a settable referee and KYC switch, and RewardClaims holding DISTRIBUTOR_ROLE on both pools (granted
/// by the pools' admin, as the timelock would) and SLASHER_ROLE given to `slasher`.
/// @dev The schedules are small and fast so that a few simulated days or months reach every branch of `sync`:
/// the base pool releases 10 ATH a day, the bonus pool 10,000 ATH at the end of each 30-day step. The whole supply
/// is minted to this test contract (see TokenFixture), which funds the pools by plain transfers.
abstract contract ClaimsFixture is TokenFixture {
    uint64 internal constant START = 1_900_000_000;
    uint256 internal constant BASE_ALLOCATION = 10_000 ether;
    uint64 internal constant BASE_DURATION = 1_000 days;
    uint256 internal constant BONUS_ALLOCATION = 40_000 ether;
    uint64 internal constant BONUS_STEP = 30 days;
    uint32 internal constant BONUS_STEPS = 4;

    uint256 internal constant MIN_CLAIM = 30 ether;
    uint256 internal constant FEE = 5 ether;

    LinearRewardPool internal basePool;
    SteppedRewardPool internal bonusPool;
    MockReferee internal referee;
    MockCompliance internal compliance;
    RewardClaims internal claims;

    address internal admin;
    address internal guardian;
    address internal treasury;
    address internal slasher;
    /// @dev The four leaves' accounts, in tree order; all pass KYC unless a test says otherwise.
    address[4] internal accounts;

    function _deployClaims() internal {
        admin = makeAddr("timelock");
        guardian = makeAddr("guardian");
        treasury = makeAddr("treasury");
        slasher = makeAddr("slasher");
        accounts = [makeAddr("alice"), makeAddr("bob"), makeAddr("carol"), makeAddr("dave")];

        _deployTokenToSelf();
        basePool = new LinearRewardPool(token, BASE_ALLOCATION, START, BASE_DURATION, admin, guardian);
        bonusPool = new SteppedRewardPool(token, BONUS_ALLOCATION, START, BONUS_STEP, BONUS_STEPS, admin, guardian);
        token.transfer(address(basePool), BASE_ALLOCATION);
        token.transfer(address(bonusPool), BONUS_ALLOCATION);
        referee = new MockReferee();
        compliance = new MockCompliance();
        for (uint256 i; i < 4; ++i) compliance.setAllowed(accounts[i], true);

        claims = _newClaims();
        _grantDistributor(basePool, address(claims));
        _grantDistributor(bonusPool, address(claims));
        bytes32 slasherRole = claims.SLASHER_ROLE(); // read first: a prank is spent on the next call
        vm.prank(admin);
        claims.grantRole(slasherRole, slasher);

        vm.label(address(basePool), "basePool");
        vm.label(address(bonusPool), "bonusPool");
        vm.label(address(referee), "referee");
        vm.label(address(compliance), "compliance");
        vm.label(address(claims), "claims");
    }

    /// @dev A RewardClaims on this fixture's token, pools, referee and KYC switch, with no pool roles yet.
    function _newClaims() internal returns (RewardClaims) {
        return
            new RewardClaims(
                admin,
                IERC20(address(token)),
                CheckerReferee(address(referee)),
                basePool,
                bonusPool,
                compliance,
                treasury
            );
    }

    function _grantDistributor(RewardPool pool, address distributor) internal {
        bytes32 role = pool.DISTRIBUTOR_ROLE();
        vm.prank(admin);
        pool.grantRole(role, distributor);
    }

    /// @dev The referee makes `amounts` the final root of `epoch`, with their sum as its cumulative total.
    function _post(uint64 epoch, uint256[4] memory amounts) internal returns (bytes32 r) {
        r = Tree4.root(accounts, amounts);
        referee.set(epoch, r, Tree4.sum(amounts));
    }

    function _proof(uint256[4] memory amounts, uint256 i) internal view returns (bytes32[] memory) {
        return Tree4.proof(accounts, amounts, i);
    }
}
