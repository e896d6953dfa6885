// ATH for one account: balance, votes and voting delegate (AethirToken is ERC20Votes), and stATH (StakingPools is
// the receipt's ERC-20). Reads go through the deployment's RPC and refresh every few seconds.
import { useReadContracts } from "wagmi";
import { zeroAddress, type Address } from "viem";
import { athAbi, stathAbi } from "../config/abis";
import { contractOf } from "../config/deployment";
import { useDeployment } from "./useDeployment";

export function useToken(account: Address | undefined) {
  const d = useDeployment();
  const ath = { address: contractOf(d, "AethirToken").address, abi: athAbi } as const;
  const stath = { address: d.contracts.StakingPools?.address ?? zeroAddress, abi: stathAbi } as const;
  const who = account ?? zeroAddress;
  const reads = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...ath, functionName: "balanceOf", args: [who] },
      { ...ath, functionName: "getVotes", args: [who] },
      { ...ath, functionName: "delegates", args: [who] },
      { ...stath, functionName: "balanceOf", args: [who] },
    ],
    query: { enabled: account !== undefined, refetchInterval: 4_000 },
  });
  const [balance, votes, delegate, stathBalance] = reads.data ?? [];
  return { balance, votes, delegate, stath: d.contracts.StakingPools ? stathBalance : 0n, error: reads.error, refetch: reads.refetch };
}
