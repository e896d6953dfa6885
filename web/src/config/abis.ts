// The few functions the app calls, typed (the manifest's full ABIs are untyped JSON; viem infers argument and result
// types only from constant ABIs). Their addresses come from the deployment.
import { parseAbi } from "viem";

export const athAbi = parseAbi([
  "function balanceOf(address) view returns (uint256)",
  "function getVotes(address) view returns (uint256)",
  "function delegates(address) view returns (address)",
  "function delegate(address delegatee)",
]);

/** StakingPools is also the stATH receipt token. */
export const stathAbi = parseAbi(["function balanceOf(address) view returns (uint256)"]);

export const permitAbi = parseAbi([
  "function nonces(address owner) view returns (uint256)",
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
]);

export const stakingPoolsAbi = parseAbi([
  "struct Position { uint96 amount; uint112 delta; uint16 week; uint16 unlockWeek; uint8 lockWeeks; uint8 pool; }",
  "struct PoolView { uint256 totalWeight; uint256 staked; uint256 lastUpdate; address[] rewardTokens; uint256[] weekFunding; }",
  "function pool(uint256 poolId) view returns (PoolView)",
  "function positionCount(address account) view returns (uint256)",
  "function position(address account, uint256 positionId) view returns (Position)",
  "function weightOf(address account, uint256 positionId) view returns (uint256)",
  "function pendingRewards(address account, uint256 positionId) view returns (address[] tokens, uint256[] amounts)",
  "function unlockWeekFor(uint256 weeks_) view returns (uint256)",
  "function stake(uint256 poolId, uint256 amount, uint256 weeks_) returns (uint256)",
  "function stakeWithPermit(uint256 poolId, uint256 amount, uint256 weeks_, uint256 deadline, uint8 v, bytes32 r, bytes32 s) returns (uint256)",
  "function claim(uint256 positionId) returns (uint256[])",
  "function withdraw(uint256 positionId)",
  "function relock(uint256 positionId, uint256 weeks_)",
  "function add(uint256 positionId, uint256 amount, uint256 weeks_)",
  "function addWithPermit(uint256 positionId, uint256 amount, uint256 weeks_, uint256 deadline, uint8 v, bytes32 r, bytes32 s)",
  "function currentWeek() view returns (uint256)",
  "function weekFunding(uint256 poolId, uint256 week) view returns (uint256[])",
]);

export const symbolAbi = parseAbi(["function symbol() view returns (string)"]);

/** The governor's votes (OpenZeppelin Governor with simple counting: 0 against, 1 for, 2 abstain). */
export const governorAbi = parseAbi([
  "function state(uint256 proposalId) view returns (uint8)",
  "function proposalVotes(uint256 proposalId) view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)",
  "function hasVoted(uint256 proposalId, address account) view returns (bool)",
  "function castVote(uint256 proposalId, uint8 support) returns (uint256)",
  "function castVoteWithReason(uint256 proposalId, uint8 support, string reason) returns (uint256)",
]);

/** StakingPools' stATH votes (delegated like ATH's). */
export const stathVotesAbi = parseAbi([
  "function getVotes(address) view returns (uint256)",
  "function delegates(address) view returns (address)",
  "function delegate(address delegatee)",
]);
