// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {CheckerLicense} from "../../../contracts/license/CheckerLicense.sol";
import {LinearRewardPool} from "../../../contracts/pools/LinearRewardPool.sol";
import {SteppedRewardPool} from "../../../contracts/pools/SteppedRewardPool.sol";
import {MockCompliance} from "../claims/ClaimsFixture.sol";
import {TokenFixture} from "../utils/TokenFixture.sol";
import {AssignmentFixture, AssignmentTree, CheckResultDigest} from "../utils/AssignmentTree.sol";

/// @notice A real referee over a real license and real checker pools: sixteen licenses of one owner, each delegated
/// to its own operator for ten years; `refereeAccount` holds the referee role, `guardian` the guardian role, and this
/// test contract is governance (and the licenses' ban admin, beside the referee itself, which bans equivocators).
/// The TGE is two days after the deployment, so that epoch 0's cut-off is still ahead and every epoch can be walked
/// through commit, anchor, reveal and posting.
/// @dev The base pool releases 1,000 ATH a day from the TGE, the bonus pool 10,000 ATH at the end of each 30 days.
abstract contract RefereeFixture is TokenFixture, AssignmentFixture {
    uint64 internal constant T0 = 1_800_000_000;
    uint64 internal constant TGE = T0 + 2 days;
    uint256 internal constant LICENSES = 16;
    uint256 internal constant BASE_ALLOCATION = 1_000_000 ether;
    uint256 internal constant BONUS_ALLOCATION = 40_000 ether;
    bytes32 internal constant C0 = keccak256("container-0");

    MockCompliance internal compliance;
    CheckerLicense internal license;
    LinearRewardPool internal basePool;
    SteppedRewardPool internal bonusPool;
    CheckerReferee internal referee;

    address internal refereeAccount;
    address internal guardian;
    address internal stranger;
    address internal owner;
    uint256 internal ownerKey;
    /// @dev The key behind every operator address these tests create.
    mapping(address account => uint256 key) internal keyOf;

    function _deployReferee() internal {
        vm.warp(T0);
        _deployTokenToSelf();
        refereeAccount = makeAddr("referee service");
        guardian = makeAddr("guardian");
        stranger = makeAddr("stranger");
        (owner, ownerKey) = makeAddrAndKey("license owner");
        keyOf[owner] = ownerKey;

        compliance = new MockCompliance();
        compliance.setAllowed(owner, true);
        license = new CheckerLicense(address(this), compliance, 0);
        license.grantRole(license.MINTER_ROLE(), address(this));
        license.grantRole(license.BAN_ROLE(), address(this));
        license.mint(owner, LICENSES);

        IERC20 t = IERC20(address(token));
        basePool = new LinearRewardPool(t, BASE_ALLOCATION, TGE, 1_000 days, address(this), guardian);
        bonusPool = new SteppedRewardPool(t, BONUS_ALLOCATION, TGE, 30 days, 4, address(this), guardian);
        token.transfer(address(basePool), BASE_ALLOCATION);
        token.transfer(address(bonusPool), BONUS_ALLOCATION);

        referee = new CheckerReferee(address(this), refereeAccount, guardian, license, basePool, bonusPool, TGE);
        license.grantRole(license.BAN_ROLE(), address(referee));
        for (uint256 id = 1; id <= LICENSES; ++id) _setOperator(id, string.concat("operator ", _str(id)));
    }

    // ---------------------------------------------------------------- licenses

    /// @dev Delegates license `id` to a new operator named `name` for ten years (the owner signs the delegation).
    function _setOperator(uint256 id, string memory name) internal returns (address operator) {
        uint256 key;
        (operator, key) = makeAddrAndKey(name);
        keyOf[operator] = key;
        vm.prank(owner);
        license.setUser(id, operator, uint64(block.timestamp + 3_650 days));
    }

    /// @dev Who signs for license `id` now.
    function _checker(uint256 id) internal view returns (address signer) {
        (signer, ) = license.checkerOf(id);
    }

    /// @dev `count` consecutive license ids from `first`.
    function _ids(uint256 first, uint256 count) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](count);
        for (uint256 i; i < count; ++i) ids[i] = first + i;
    }

    // ---------------------------------------------------------------- jobs

    function _container(uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("container", i));
    }

    /// @dev The leaf of job `job` of `epoch` checking `container` with licenses `ids`, committed to their operators
    /// of now.
    function _jobLeaf(
        uint64 epoch,
        uint32 job,
        bytes32 container,
        uint256[] memory ids
    ) internal view returns (ICheckerReferee.JobLeaf memory leaf) {
        address[] memory operators = new address[](ids.length);
        for (uint256 i; i < ids.length; ++i) operators[i] = _checker(ids[i]);
        leaf = _leaf(epoch, job, container, ids, operators);
    }

    /// @dev `count` jobs of `epoch`: job j checks container `_container(j % 3)` with the 2N+1 consecutive licenses
    /// from `j % (LICENSES - 2N) + 1`.
    function _jobs(uint64 epoch, uint256 count) internal view returns (ICheckerReferee.JobLeaf[] memory leaves) {
        uint256 size = 2 * referee.n() + 1;
        leaves = new ICheckerReferee.JobLeaf[](count);
        for (uint256 j; j < count; ++j) {
            leaves[j] = _jobLeaf(epoch, uint32(j), _container(j % 3), _ids((j % (LICENSES + 1 - size)) + 1, size));
        }
    }

    /// @dev Posts `count` jobs of `epoch` (see `_jobs`); the assignment is final when this returns.
    function _postJobs(uint64 epoch, uint256 count) internal returns (ICheckerReferee.JobLeaf[] memory leaves) {
        leaves = _jobs(epoch, count);
        _postAssignment(referee, refereeAccount, leaves);
    }

    /// @dev The committed operators' keys of `leaf`.
    function _keys(ICheckerReferee.JobLeaf memory leaf) internal view returns (uint256[] memory keys) {
        keys = new uint256[](leaf.operators.length);
        for (uint256 i; i < keys.length; ++i) keys[i] = keyOf[leaf.operators[i]];
    }

    /// @dev `leaf`'s votes `verdicts`, each signed by its committed operator for this referee.
    function _signed(
        ICheckerReferee.JobLeaf memory leaf,
        ICheckerReferee.Verdict[] memory verdicts
    ) internal view returns (ICheckerReferee.Vote[] memory) {
        return _votes(_domain(referee), _keys(leaf), leaf, verdicts);
    }

    /// @dev Proves job `j` of `leaves` with `verdicts` signed by its committed operators.
    function _prove(
        ICheckerReferee.JobLeaf[] memory leaves,
        uint256 j,
        ICheckerReferee.Verdict[] memory verdicts
    ) internal returns (ICheckerReferee.Verdict) {
        return referee.proveJob(leaves[j], _signed(leaves[j], verdicts), AssignmentTree.proof(leaves, j));
    }

    /// @dev Proves job `j` of `leaves` with `fails` Fail votes and the rest Pass.
    function _prove(
        ICheckerReferee.JobLeaf[] memory leaves,
        uint256 j,
        uint256 fails
    ) internal returns (ICheckerReferee.Verdict) {
        return _prove(leaves, j, _verdicts(leaves[j].licenseIds.length, fails));
    }

    // ---------------------------------------------------------------- errors

    /// @dev Who the referee recovers from `v` as the result of `leaf.licenseIds[i]` (zero: nobody).
    function _recovered(
        ICheckerReferee.JobLeaf memory leaf,
        uint256 i,
        ICheckerReferee.Vote memory v
    ) internal view returns (address) {
        bytes32 digest = CheckResultDigest.digest(
            _domain(referee),
            leaf.epoch,
            leaf.job,
            leaf.container,
            leaf.licenseIds[i],
            v.verdict,
            v.metricsHash
        );
        bytes32 s = bytes32(uint256(v.vs) & (type(uint256).max >> 1));
        return ecrecover(digest, uint8(27 + (uint256(v.vs) >> 255)), v.r, s);
    }

    /// @dev Expects the refusal of `v` as the result of `leaf.licenseIds[i]`: the signer it recovers is not the
    /// committed operator (or it recovers nobody).
    function _expectWrongSigner(
        ICheckerReferee.JobLeaf memory leaf,
        uint256 i,
        ICheckerReferee.Vote memory v
    ) internal {
        address recovered = _recovered(leaf, i, v);
        uint256 id = leaf.licenseIds[i];
        if (recovered == address(0)) {
            vm.expectRevert(abi.encodeWithSelector(ICheckerReferee.InvalidSignature.selector, id));
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(ICheckerReferee.WrongSigner.selector, id, recovered, leaf.operators[i])
            );
        }
    }

    function _unauthorized(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    function _str(uint256 x) internal pure returns (string memory s) {
        if (x == 0) return "0";
        for (; x != 0; x /= 10) s = string.concat(string(abi.encodePacked(bytes1(uint8(48 + (x % 10))))), s);
    }
}
