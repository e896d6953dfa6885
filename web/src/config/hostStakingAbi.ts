// The HostStaking and HostStakingLens functions the Hosts screen calls, typed (contracts/interfaces/IHostStaking.sol
// and contracts/hosts/HostStakingLens.sol). HostStaking has no permit entry point, so a delegation is ATH approve +
// delegate.
import { parseAbi } from "viem";

export const hostStakingAbi = parseAbi([
  "struct Host { bool registered; bool halted; uint16 commissionBps; uint16 pendingCommissionBps; uint40 commissionEffectiveAt; uint32 containerCount; uint64 coefficientSum; uint32 pendingSlashes; }",
  "struct Params { uint64 unbondingPeriod; uint64 lastUnbondingId; }",
  "struct Pool { uint96 assets; uint160 shares; }",
  "function hostInfo(address host) view returns (Host)",
  "function params() view returns (Params)",
  "function activePool(address host) view returns (Pool)",
  "function delegate(address host, uint256 amount) returns (uint256)",
  "function undelegate(address host, uint256 amount) returns (uint256)",
  "function withdraw(address host, uint256[] ids) returns (uint256)",
  "function claimRewards(address host) returns (uint256)",
  "event Undelegated(address indexed host, address indexed account, uint256 indexed id, uint256 amount, uint256 sharesBurned, uint256 unbondingShares, uint64 unlockAt)",
]);

export const hostStakingLensAbi = parseAbi([
  "function requiredStake(address host) view returns (uint256)",
  "function isHalted(address host) view returns (bool)",
  "function stakeOf(address host, address account) view returns (uint256 shares, uint256 assets)",
  "function pendingRewards(address host, address account) view returns (uint256)",
  "function unbondingOf(address host, address account, uint256 id) view returns (uint256 shares, uint256 assets, uint64 unlockAt)",
]);
