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
