// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IHostRegistry, IHostStaking} from "../interfaces/IHostStaking.sol";
import {ComplianceRegistry} from "../compliance/ComplianceRegistry.sol";

/// @title HostRegistry
/// @notice Cloud hosts' containers (SPEC §7) and governance's GPU classes. A host registered with the staking contract
/// registers containers (id, GPU class, region); each raises its required stake by `K x coefficient`. HPC classes
/// can't be registered in restricted regions, and anyone can evict one whose region became restricted (SPEC §8).
/// @dev Deployed by HostStaking's constructor (its `staking`), which keeps K and the stake; this contract pushes each
/// host's container count and coefficient sum to it, and HostStaking halts or resumes the host. The split keeps both
/// contracts under the 24,576-byte code limit.
contract HostRegistry is AccessControl, IHostRegistry {
    /// @notice A coefficient of 10,000 requires K.
    uint256 public constant COEFFICIENT_SCALE = 10_000;
    uint256 public constant MAX_COEFFICIENT = 100 * COEFFICIENT_SCALE;

    IHostStaking public immutable staking;
    ComplianceRegistry public immutable compliance;

    mapping(uint32 classId => GpuClass) private _classes;
    mapping(bytes32 container => Container) private _containers;

    /// @param admin Governance (the timelock): manages GPU classes.
    /// @param compliance_ The compliance registry, whose restricted list geofences HPC classes.
    constructor(address admin, ComplianceRegistry compliance_) {
        if (admin == address(0)) revert ZeroAddress("admin");
        if (address(compliance_) == address(0)) revert ZeroAddress("compliance");
        staking = IHostStaking(msg.sender);
        compliance = compliance_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- containers

    /// @notice Registers container `container` of GPU class `classId` in `region` (an ISO 3166 code, as in the
    /// compliance registry) for the caller, a registered host. The id is bound to the first host that registers it.
    /// Raises the host's required stake by K x the class's coefficient; the host is halted if its stake falls short.
    function registerContainer(bytes32 container, uint32 classId, bytes8 region) external {
        address host = msg.sender;
        IHostStaking.Host memory h = staking.hostInfo(host);
        if (!h.registered) revert HostNotRegistered(host);
        if (container == bytes32(0) || region == bytes8(0)) revert InvalidContainer(container, region);
        GpuClass memory class = _classes[classId];
        if (class.coefficient == 0) revert UnknownGpuClass(classId);
        if (!class.active) revert GpuClassInactive(classId);
        if (class.hpc && compliance.isRestrictedCountry(region)) revert RestrictedRegion(container, classId, region);
        Container memory c = _containers[container];
        if (c.host == address(0)) {
            c.host = host;
            c.boundAt = uint40(block.timestamp);
        } else if (c.host != host) {
            revert ContainerBoundToOtherHost(container, c.host);
        } else if (c.active) {
            revert ContainerAlreadyActive(container);
        }
        (c.classId, c.coefficient, c.active, c.region) = (classId, class.coefficient, true, region);
        _containers[container] = c;
        emit ContainerRegistered(container, host, classId, region, class.coefficient);
        staking.setCapacity(host, h.containerCount + 1, h.coefficientSum + class.coefficient);
    }

    /// @notice Deregisters the caller's container `container`, lowering its required stake. The id stays bound to the
    /// caller, so a verdict about the container's past still slashes the caller.
    function deregisterContainer(bytes32 container) external {
        Container memory c = _activeContainer(container);
        if (c.host != msg.sender) revert NotContainerHost(container, c.host, msg.sender);
        emit ContainerDeregistered(container, c.host);
        _remove(container, c);
    }

    /// @notice Deregisters an active HPC container whose region is restricted (the list or the class changed after it
    /// was registered). Anyone may call.
    function evictContainer(bytes32 container) external {
        Container memory c = _activeContainer(container);
        if (!_classes[c.classId].hpc || !compliance.isRestrictedCountry(c.region)) revert NotEvictable(container);
        emit ContainerEvicted(container, c.host, c.classId, c.region);
        emit ContainerDeregistered(container, c.host);
        _remove(container, c);
    }

    /// @notice Gives an active container its class's current coefficient, so governance's coefficient changes reach
    /// containers registered before them. Anyone may call.
    function syncContainer(bytes32 container) external {
        Container memory c = _activeContainer(container);
        uint32 coefficient = _classes[c.classId].coefficient;
        _containers[container].coefficient = coefficient;
        emit ContainerSynced(container, c.host, coefficient);
        IHostStaking.Host memory h = staking.hostInfo(c.host);
        staking.setCapacity(c.host, h.containerCount, h.coefficientSum - c.coefficient + coefficient);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Defines or updates GPU class `classId`: its coefficient (1 to 1,000,000; 10,000 = 1x K), whether it is
    /// HPC (geofenced), and whether new containers may use it. Governance only. Active containers take a new
    /// coefficient through `syncContainer`.
    function setGpuClass(
        uint32 classId,
        uint32 coefficient,
        bool hpc,
        bool active
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (coefficient == 0 || coefficient > MAX_COEFFICIENT) {
            revert CoefficientOutOfRange(coefficient, 1, MAX_COEFFICIENT);
        }
        _classes[classId] = GpuClass(coefficient, hpc, active);
        emit GpuClassSet(classId, coefficient, hpc, active);
    }

    // ---------------------------------------------------------------- views

    /// @notice GPU class `classId` (coefficient zero: never set).
    function gpuClass(uint32 classId) external view returns (GpuClass memory) {
        return _classes[classId];
    }

    /// @inheritdoc IHostRegistry
    function containerOf(bytes32 container) external view returns (Container memory) {
        return _containers[container];
    }

    // ---------------------------------------------------------------- internals

    function _activeContainer(bytes32 container) private view returns (Container memory c) {
        c = _containers[container];
        if (c.host == address(0)) revert UnknownContainer(container);
        if (!c.active) revert ContainerNotActive(container);
    }

    function _remove(bytes32 container, Container memory c) private {
        _containers[container].active = false;
        IHostStaking.Host memory h = staking.hostInfo(c.host);
        staking.setCapacity(c.host, h.containerCount - 1, h.coefficientSum - c.coefficient);
    }
}
