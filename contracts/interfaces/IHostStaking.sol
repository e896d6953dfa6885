// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IHostRegistry
/// @notice Errors, events and types of the cloud-host container registry (SPEC §7, §8): governance's GPU classes
/// (coefficient, HPC flag), and hosts' containers with their class and region, geofenced for HPC classes.
interface IHostRegistry {
    /// @notice A GPU class. `coefficient` is in units of 1/10,000 (10,000 = 1x K); zero means the class was never set.
    /// HPC classes (H100 and newer) can't be registered in restricted regions (SPEC §8).
    struct GpuClass {
        uint32 coefficient;
        bool hpc;
        bool active;
    }

    /// @notice A container. Its id is the `container` the checkers sign (SPEC §5). Once registered, a container id is
    /// bound to its host for good (`boundAt` is the first registration), so a verdict about it always finds the host,
    /// even after the container was deregistered. `coefficient` is its class's coefficient when last synced.
    struct Container {
        address host;
        uint32 classId;
        uint32 coefficient;
        bool active;
        bytes8 region;
        uint40 boundAt;
    }

    error ZeroAddress(bytes32 what);
    error CoefficientOutOfRange(uint256 coefficient, uint256 min, uint256 max);
    error HostNotRegistered(address host);
    error UnknownGpuClass(uint32 classId);
    error GpuClassInactive(uint32 classId);
    error InvalidContainer(bytes32 container, bytes8 region);
    error ContainerAlreadyActive(bytes32 container);
    error ContainerBoundToOtherHost(bytes32 container, address host);
    /// @notice An HPC GPU class in a restricted region (SPEC §8 geofence).
    error RestrictedRegion(bytes32 container, uint32 classId, bytes8 region);
    error UnknownContainer(bytes32 container);
    error ContainerNotActive(bytes32 container);
    error NotContainerHost(bytes32 container, address host, address caller);
    /// @notice Eviction of a container that is not an HPC class in a restricted region.
    error NotEvictable(bytes32 container);

    event GpuClassSet(uint32 indexed classId, uint32 coefficient, bool hpc, bool active);
    event ContainerRegistered(
        bytes32 indexed container,
        address indexed host,
        uint32 indexed classId,
        bytes8 region,
        uint32 coefficient
    );
    event ContainerDeregistered(bytes32 indexed container, address indexed host);
    /// @notice Anyone removed an HPC container whose region is (now) restricted.
    event ContainerEvicted(bytes32 indexed container, address indexed host, uint32 classId, bytes8 region);
    /// @notice An active container took its class's current coefficient.
    event ContainerSynced(bytes32 indexed container, address indexed host, uint32 coefficient);

    /// @notice Container `container` (host zero: never registered).
    function containerOf(bytes32 container) external view returns (Container memory);
}

/// @title IHostStaking
/// @notice Errors, events and types of cloud-host staking (SPEC §7): hosts register containers of governance-defined
/// GPU classes and must keep `K x coefficient` staked per container; token holders delegate ATH to hosts, share their
/// rewards (after the host's commission) and their slashing risk pro rata; unstaked ATH unbonds for 180 days and stays
/// slashable until withdrawn.
interface IHostStaking {
    /// @notice A host's configuration and counters, one slot. A commission change is pending while
    /// `commissionEffectiveAt` is non-zero. `containerCount` and `coefficientSum` are set by the host registry.
    /// `halted` is as of the host's last update (K changes reach it through `checkHalt`); HostStakingLens's `isHalted`
    /// gives the live value.
    struct Host {
        bool registered;
        bool halted;
        uint16 commissionBps;
        uint16 pendingCommissionBps;
        uint40 commissionEffectiveAt;
        uint32 containerCount;
        uint64 coefficientSum;
        uint32 pendingSlashes;
    }

    /// @notice Governance's unbonding period and the latest unbonding request's id (ids start at 1), in one slot.
    struct Params {
        uint64 unbondingPeriod;
        uint64 lastUnbondingId;
    }

    /// @notice A share pool: the host's active stake (host and delegators), or its unbonding stake. A slash lowers
    /// `assets` only, so it costs the same whatever the number of stakers.
    struct Pool {
        uint96 assets;
        uint160 shares;
    }

    /// @notice A host's reward stream and the generations of its pools. `unreleased` is funded but not yet released
    /// to stakers: it releases linearly until `finish`, and it is what a slash takes first (SPEC §7: unvested rewards
    /// before stake). A pool's generation grows when a slash empties it: older shares of that pool are then worth 0.
    struct Stream {
        uint96 unreleased;
        uint40 lastUpdate;
        uint40 finish;
        uint32 activeGeneration;
        uint32 unbondingGeneration;
    }

    /// @notice One account's stake in one host's active pool, and its released but unclaimed rewards.
    struct Delegation {
        uint160 shares;
        uint96 rewards;
        uint224 rewardPerSharePaid;
        uint32 generation;
    }

    /// @notice One unbonding request: shares of the host's unbonding pool, withdrawable from `unlockAt`.
    struct Unbonding {
        uint160 shares;
        uint40 unlockAt;
        uint32 generation;
    }

    /// @notice What a slash took, and from where.
    struct SlashResult {
        uint256 fromRewards;
        uint256 fromActive;
        uint256 fromUnbonding;
        uint256 refunded;
        uint256 penalty;
    }

    error ZeroAddress(bytes32 what);
    error ZeroAmount();
    error KOutOfRange(uint256 k, uint256 min, uint256 max);
    error UnbondingPeriodOutOfRange(uint64 period, uint64 min, uint64 max);
    error CommissionTooHigh(uint256 bps, uint256 max);
    error HostAlreadyRegistered(address host);
    error HostNotRegistered(address host);
    error NotRegistry(address caller);
    /// @notice New delegations (other than the host's own) and withdrawals of unbonded stake wait until the host's
    /// pending slashes are executed or vetoed: nobody can join into, or leave ahead of, a known slash.
    error HostHasPendingSlash(address host, uint256 pending);
    error NoPendingSlash(address host);
    error InsufficientStake(address host, address account, uint256 requested, uint256 available);
    error NoSuchUnbonding(address host, address account, uint256 id);
    error UnbondingNotMatured(uint256 id, uint256 unlockAt);
    error BatchSizeOutOfRange(uint256 size, uint256 max);
    error LengthMismatch(uint256 hosts, uint256 amounts);
    /// @notice Rewards for a host below its required stake: it is halted until topped up.
    error HostIsHalted(address host, uint256 stake, uint256 required);
    error NoRewards(address host, address account);
    /// @notice A reward claim by an account without a valid (unexpired, unrevoked) KYC attestation from an
    /// unrestricted place (SPEC §6, §8).
    error NotKycAllowed(address account);

    event KSet(uint256 k);
    event UnbondingPeriodSet(uint64 period);

    event HostRegistered(address indexed host, uint16 commissionBps);
    /// @notice The host's commission becomes `commissionBps` at `effectiveAt` (replacing any earlier pending change).
    event CommissionChangeScheduled(address indexed host, uint16 commissionBps, uint64 effectiveAt);
    /// @notice A scheduled commission change took effect (rewards released before `effectiveAt` used the old one).
    event CommissionChanged(address indexed host, uint16 commissionBps, uint64 effectiveAt);

    /// @notice The registry set `host`'s container count and coefficient sum; `requiredStake` is K x the sum now.
    event CapacitySet(address indexed host, uint32 containerCount, uint64 coefficientSum, uint256 requiredStake);

    /// @notice `account` staked `amount` with `host` for `shares` of its active pool; the pool's totals after.
    event Delegated(
        address indexed host,
        address indexed account,
        uint256 amount,
        uint256 shares,
        uint256 poolAssets,
        uint256 poolShares
    );
    /// @notice `account` unstaked `amount` (burning `sharesBurned` active shares) into unbonding request `id`, worth
    /// `unbondingShares` of the unbonding pool, withdrawable from `unlockAt`.
    event Undelegated(
        address indexed host,
        address indexed account,
        uint256 indexed id,
        uint256 amount,
        uint256 sharesBurned,
        uint256 unbondingShares,
        uint64 unlockAt
    );
    /// @notice Unbonding request `id` was withdrawn for `amount` (less than unstaked if slashed meanwhile).
    event UnbondingWithdrawn(address indexed host, address indexed account, uint256 indexed id, uint256 amount);

    /// @notice `funder` added `amount` to `host`'s reward stream, which now releases `unreleased` until `finish`.
    event RewardsFunded(
        address indexed host,
        address indexed funder,
        uint256 amount,
        uint256 unreleased,
        uint64 finish
    );
    /// @notice `amount` of `host`'s stream was released: `commission` to the host, the rest to its active pool's
    /// shares, whose cumulative reward per share (scaled by 1e27) is now `rewardPerShare`.
    event RewardsReleased(address indexed host, uint256 amount, uint256 commission, uint256 rewardPerShare);
    event RewardsClaimed(address indexed host, address indexed account, uint256 amount);

    /// @notice The host's active stake fell below its required stake: it is halted (no rewards) until topped up.
    event HostHalted(address indexed host, uint256 stake, uint256 required);
    event HostResumed(address indexed host, uint256 stake, uint256 required);

    event PendingSlashesChanged(address indexed host, uint256 pending);
    /// @notice A slash of `host` executed: taken from unreleased rewards, then from the active and unbonding pools
    /// pro rata; `refunded` went to the refund recipient and `penalty` to the treasury or the dead address.
    event Slashed(
        address indexed host,
        uint256 indexed slashId,
        uint256 fromRewards,
        uint256 fromActive,
        uint256 fromUnbonding,
        uint256 refunded,
        uint256 penalty
    );
    /// @notice A slash left a pool (active or unbonding) empty or with dust: its shares were retired and its
    /// generation is now `generation`.
    event PoolWiped(address indexed host, bool unbonding, uint32 generation);

    /// @notice Governance's K (wei of ATH per 1x coefficient).
    function k() external view returns (uint256);

    /// @notice The stake K x `coefficient` requires now (a container's required stake; coefficients scale 10,000).
    function stakeFor(uint256 coefficient) external view returns (uint256);

    /// @notice `host`'s configuration and counters.
    function hostInfo(address host) external view returns (Host memory);

    /// @notice Sets `host`'s container count and coefficient sum, and so its required stake; halts or resumes it.
    /// The host registry only.
    function setCapacity(address host, uint32 containerCount, uint64 coefficientSum) external;

    /// @notice Counts a slash proposal against `host`: until it is executed or cancelled, the host's unbonded stake
    /// can't be withdrawn and others can't delegate to it. Slasher role (the slashing contract).
    function openSlash(address host) external;

    /// @notice Uncounts a vetoed slash proposal. Slasher role.
    function cancelSlash(address host) external;

    /// @notice Executes a slash of `penalty + refund`: unreleased rewards first, then the active and unbonding pools
    /// pro rata, never more than they hold. Slasher role.
    function slash(
        address host,
        uint256 slashId,
        uint256 penalty,
        uint256 refund,
        address refundTo,
        address penaltyTo
    ) external returns (SlashResult memory result);
}
