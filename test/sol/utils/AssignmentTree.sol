// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CheckerReferee} from "../../../contracts/referee/CheckerReferee.sol";
import {ICheckerReferee} from "../../../contracts/interfaces/ICheckerReferee.sol";
import {Test} from "./Test.sol";

/// @notice An epoch's positional job tree, built here from the spec rather than by the referee (whose `leafHash` is
/// never called by the tests that use this): leaf = keccak256(bytes.concat(keccak256(abi.encode(epoch, job, container,
/// licenseIds, operators)))); the leaf of job j sits at position j, zero leaves pad the level to the next power of two,
/// and a parent is keccak256(abi.encodePacked(left, right)). A proof lists the siblings from the leaf up, so it has
/// exactly ceil(log2(jobCount)) nodes.
library AssignmentTree {
    function leafHash(ICheckerReferee.JobLeaf memory leaf) internal pure returns (bytes32) {
        return
            keccak256(
                bytes.concat(
                    keccak256(abi.encode(leaf.epoch, leaf.job, leaf.container, leaf.licenseIds, leaf.operators))
                )
            );
    }

    function hashes(ICheckerReferee.JobLeaf[] memory leaves) internal pure returns (bytes32[] memory h) {
        h = new bytes32[](leaves.length);
        for (uint256 i; i < leaves.length; ++i) h[i] = leafHash(leaves[i]);
    }

    /// @notice ceil(log2(count)), counted by doubling (the referee uses OZ's Math.log2).
    function depth(uint256 count) internal pure returns (uint256 d) {
        while ((uint256(1) << d) < count) ++d;
    }

    function parent(bytes32 left, bytes32 right) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(left, right));
    }

    /// @notice The root over `leaves` (leaf hashes in job order).
    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        return nodeAt(leaves, depth(leaves.length), 0);
    }

    /// @notice The node at `level` (0: the leaves) and `position` of the padded tree.
    function nodeAt(bytes32[] memory leaves, uint256 level, uint256 position) internal pure returns (bytes32) {
        bytes32[] memory row = _padded(leaves);
        for (uint256 l; l < level; ++l) row = _up(row);
        return row[position];
    }

    /// @notice The proof of the leaf at `index`: its sibling at each level, from the leaves up.
    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory p) {
        uint256 d = depth(leaves.length);
        p = new bytes32[](d);
        bytes32[] memory row = _padded(leaves);
        for (uint256 l; l < d; ++l) {
            p[l] = row[index ^ 1];
            row = _up(row);
            index >>= 1;
        }
    }

    /// @notice The proof of job `index` of `leaves`.
    function proof(ICheckerReferee.JobLeaf[] memory leaves, uint256 index) internal pure returns (bytes32[] memory) {
        return proof(hashes(leaves), index);
    }

    function _padded(bytes32[] memory leaves) private pure returns (bytes32[] memory row) {
        row = new bytes32[](uint256(1) << depth(leaves.length));
        for (uint256 i; i < leaves.length; ++i) row[i] = leaves[i];
    }

    function _up(bytes32[] memory row) private pure returns (bytes32[] memory next) {
        next = new bytes32[](row.length / 2);
        for (uint256 i; i < next.length; ++i) next[i] = parent(row[2 * i], row[2 * i + 1]);
    }
}

/// @notice The EIP-712 digest of a check result, built by hand from the type strings, so that a wrong type hash,
/// domain or field order in the referee makes every signature made here fail there.
library CheckResultDigest {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 internal constant CHECK_RESULT_TYPEHASH = keccak256(
        "CheckResult(uint64 epoch,uint32 job,bytes32 container,uint256 licenseId,uint8 verdict,bytes32 metricsHash)"
    );

    function domain(uint256 chainId, address referee) internal pure returns (bytes32) {
        return
            keccak256(
                abi.encode(DOMAIN_TYPEHASH, keccak256("Aethir Checker Referee"), keccak256("1"), chainId, referee)
            );
    }

    function digest(
        bytes32 domain_,
        uint64 epoch,
        uint32 job,
        bytes32 container,
        uint256 licenseId,
        ICheckerReferee.Verdict verdict,
        bytes32 metricsHash
    ) internal pure returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(CHECK_RESULT_TYPEHASH, epoch, job, container, licenseId, uint8(verdict), metricsHash)
        );
        return keccak256(abi.encodePacked("\x19\x01", domain_, structHash));
    }
}

/// @notice Walks a referee through an epoch's seed and assignment as the service does, and signs votes.
/// `_postAssignment` commits the secret (if the cut-off is still ahead), warps to the cut-off, anchors the seed, rolls
/// one block (a seed can't be revealed in its anchor block), reveals it (the fallback seed when no secret was
/// committed), posts the tree's root and warps to when the assignment is final. Time and blocks only move forward.
abstract contract AssignmentFixture is Test {
    string internal constant ASSIGNMENT_URI = "ipfs://assignment";

    /// @dev The referee's secret for `epoch` (what the service derives from its own key).
    function _secret(CheckerReferee referee, uint64 epoch) internal pure returns (bytes32) {
        return keccak256(abi.encode("referee secret", address(referee), epoch));
    }

    function _commitment(uint64 epoch, bytes32 secret) internal pure returns (bytes32) {
        return keccak256(abi.encode(epoch, secret));
    }

    /// @dev Reveals `epoch`'s seed, whatever state it is in: commits if still possible, anchors (again, after a
    /// reveal deadline), rolls past the anchor block and reveals the secret or the fallback seed.
    function _revealSeed(CheckerReferee referee, address refereeAccount, uint64 epoch) internal {
        ICheckerReferee.Seed memory s = referee.seedOf(epoch);
        if (s.seed != bytes32(0)) return;
        uint256 cutoff = referee.cutoffOf(epoch);
        if (s.commitment == bytes32(0) && block.timestamp < cutoff) {
            vm.prank(refereeAccount);
            referee.commitSeed(epoch, _commitment(epoch, _secret(referee, epoch)));
        }
        if (block.timestamp < cutoff) vm.warp(cutoff);
        s = referee.seedOf(epoch);
        uint256 deadline = s.anchorBlock + referee.REVEAL_BLOCKS();
        if (s.anchorBlock == 0 || block.number > deadline + referee.FALLBACK_BLOCKS()) referee.anchorSeed(epoch);
        s = referee.seedOf(epoch);
        deadline = s.anchorBlock + referee.REVEAL_BLOCKS();
        if (block.number <= s.anchorBlock) vm.roll(s.anchorBlock + 1);
        if (!s.forfeited && block.number <= deadline) {
            referee.revealSeed(epoch, _secret(referee, epoch));
        } else {
            if (block.number <= deadline) vm.roll(deadline + 1);
            referee.revealFallbackSeed(epoch);
        }
    }

    /// @dev Posts `epoch`'s assignment over `leafHashes` (in job order) and warps to when it is final.
    function _postAssignment(
        CheckerReferee referee,
        address refereeAccount,
        uint64 epoch,
        bytes32[] memory leafHashes
    ) internal returns (bytes32 root) {
        _revealSeed(referee, refereeAccount, epoch);
        root = AssignmentTree.root(leafHashes);
        vm.prank(refereeAccount);
        referee.postAssignment(epoch, root, uint32(leafHashes.length), ASSIGNMENT_URI);
        vm.warp(referee.assignmentOf(epoch).finalAt);
    }

    /// @dev Posts the assignment of `leaves` (job j at index j, all of one epoch) and warps to when it is final.
    function _postAssignment(
        CheckerReferee referee,
        address refereeAccount,
        ICheckerReferee.JobLeaf[] memory leaves
    ) internal returns (bytes32) {
        return _postAssignment(referee, refereeAccount, leaves[0].epoch, AssignmentTree.hashes(leaves));
    }

    function _leaf(
        uint64 epoch,
        uint32 job,
        bytes32 container,
        uint256[] memory licenseIds,
        address[] memory operators
    ) internal pure returns (ICheckerReferee.JobLeaf memory) {
        return ICheckerReferee.JobLeaf(epoch, job, container, licenseIds, operators);
    }

    function _domain(CheckerReferee referee) internal view returns (bytes32) {
        return CheckResultDigest.domain(block.chainid, address(referee));
    }

    function _metrics(ICheckerReferee.JobLeaf memory leaf, uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("metrics", leaf.epoch, leaf.job, leaf.licenseIds[i]));
    }

    /// @dev The vote of `leaf.licenseIds[i]`, signed with `key` under `domain` (verdict None: no result, unsigned).
    function _vote(
        bytes32 domain,
        uint256 key,
        ICheckerReferee.JobLeaf memory leaf,
        uint256 i,
        ICheckerReferee.Verdict verdict
    ) internal pure returns (ICheckerReferee.Vote memory v) {
        v.verdict = verdict;
        if (verdict == ICheckerReferee.Verdict.None) return v;
        v.metricsHash = _metrics(leaf, i);
        bytes32 d = CheckResultDigest.digest(
            domain,
            leaf.epoch,
            leaf.job,
            leaf.container,
            leaf.licenseIds[i],
            verdict,
            v.metricsHash
        );
        (v.r, v.vs) = vm.signCompact(key, d);
    }

    /// @dev Every vote of `leaf`: license i votes `verdicts[i]`, signed with `keys[i]`.
    function _votes(
        bytes32 domain,
        uint256[] memory keys,
        ICheckerReferee.JobLeaf memory leaf,
        ICheckerReferee.Verdict[] memory verdicts
    ) internal pure returns (ICheckerReferee.Vote[] memory votes) {
        votes = new ICheckerReferee.Vote[](verdicts.length);
        for (uint256 i; i < verdicts.length; ++i) votes[i] = _vote(domain, keys[i], leaf, i, verdicts[i]);
    }

    /// @dev `count` verdicts: the first `fails` Fail, the rest Pass.
    function _verdicts(uint256 count, uint256 fails) internal pure returns (ICheckerReferee.Verdict[] memory v) {
        v = new ICheckerReferee.Verdict[](count);
        for (uint256 i; i < count; ++i) v[i] = i < fails ? ICheckerReferee.Verdict.Fail : ICheckerReferee.Verdict.Pass;
    }
}
