// The functions the license owner's screen calls (CheckerLicense, RewardClaims, ComplianceRegistry, CheckerReferee),
// typed for viem; addresses come from the deployment.
import { parseAbi } from "viem";

export const checkerLicenseAbi = parseAbi([
  "function ownerOf(uint256 tokenId) view returns (address)",
  "function userOf(uint256 tokenId) view returns (address)",
  "function userExpires(uint256 tokenId) view returns (uint256)",
  "function bannedUntil(uint256 tokenId) view returns (uint64)",
  "function transferableAfter() view returns (uint64)",
  "function transferAllowlist(address account) view returns (bool)",
  "function MAX_BATCH() view returns (uint256)",
  "function setUser(uint256 tokenId, address user, uint64 expires)",
  "function setUserBatch(uint256[] tokenIds, address user, uint64 expires)",
]);

/** Option 0: 180 days for 100%; option 1: 30 days for 25% (75% back to the pool). */
export const rewardClaimsAbi = parseAbi([
  "function MIN_CLAIM() view returns (uint256)",
  "function FEE() view returns (uint256)",
  "function LONG_VESTING() view returns (uint32)",
  "function SHORT_VESTING() view returns (uint32)",
  "function SHORT_SHARE_BPS() view returns (uint256)",
  "function root() view returns (bytes32)",
  "function syncedEpoch() view returns (uint64)",
  "function unclaimed() view returns (uint256)",
  "function claimed(address account) view returns (uint256)",
  "function entryCount(address account) view returns (uint256)",
  "function entry(address account, uint256 entryId) view returns (uint256 amount, uint32 unlockAt)",
  "function claim(uint256 cumulativeAmount, bytes32[] proof, uint8 option) returns (uint256)",
  "function withdraw(uint256[] entryIds) returns (uint256)",
]);

export const complianceAbi = parseAbi([
  "function isAllowed(address account) view returns (bool)",
  "function isRestricted(address account) view returns (bool)",
  "function attestations(address account) view returns (bytes8 countryCode, uint64 expiry, bool revoked)",
]);

export const refereeAbi = parseAbi(["function tge() view returns (uint64)", "function epochStart(uint64 epoch) view returns (uint256)"]);
