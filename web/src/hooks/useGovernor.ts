// Holder governance: proposals from the indexer, and the governor's own state and tallies from the chain (the page
// shows the chain's answer when it is newer than the indexer's).
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { Address } from "viem";
import { athAbi, governorAbi, stathVotesAbi } from "../config/abis";
import { contractOf } from "../config/deployment";
import { getJson } from "../lib/api";
import { STATE_NAMES, type Proposal, type ProposalDetail } from "../lib/governanceApi";
import { useDeployment } from "./useDeployment";

export function useProposals() {
  const { apiUrl } = useDeployment();
  return useQuery({ queryKey: ["proposals", apiUrl], queryFn: () => getJson<{ items: Proposal[] }>(apiUrl, "/proposals?limit=100").then((r) => r.items), refetchInterval: 4_000 });
}

export function useProposal(id: string | undefined) {
  const { apiUrl } = useDeployment();
  return useQuery({ queryKey: ["proposal", apiUrl, id], enabled: id !== undefined, queryFn: () => getJson<ProposalDetail>(apiUrl, `/proposals/${id}`), refetchInterval: 4_000 });
}

/** The governor's state and tally of one proposal, read from the chain. */
export function useProposalOnChain(id: string | undefined, account: Address | undefined) {
  const d = useDeployment();
  const client = usePublicClient();
  const governor = { address: contractOf(d, "AethirGovernor").address, abi: governorAbi } as const;
  return useQuery({
    queryKey: ["proposal-chain", governor.address, id, account],
    enabled: id !== undefined && client !== undefined,
    refetchInterval: 4_000,
    queryFn: async () => {
      const pid = BigInt(id!);
      const [state, [against, forVotes, abstain], voted] = await Promise.all([
        client!.readContract({ ...governor, functionName: "state", args: [pid] }),
        client!.readContract({ ...governor, functionName: "proposalVotes", args: [pid] }),
        account ? client!.readContract({ ...governor, functionName: "hasVoted", args: [pid, account] }) : Promise.resolve(false),
      ]);
      return { state: STATE_NAMES[state], against, for: forVotes, abstain, voted };
    },
  });
}

/** One account's delegates and voting power, for ATH and for stATH. */
export function useVotingPower(account: Address | undefined) {
  const d = useDeployment();
  const client = usePublicClient();
  const ath = { address: contractOf(d, "AethirToken").address, abi: athAbi } as const;
  const stath = { address: contractOf(d, "StakingPools").address, abi: stathVotesAbi } as const;
  return useQuery({
    queryKey: ["voting-power", ath.address, account],
    enabled: account !== undefined && client !== undefined,
    refetchInterval: 4_000,
    queryFn: async () => {
      const [athVotes, athDelegate, stathVotes, stathDelegate] = await Promise.all([
        client!.readContract({ ...ath, functionName: "getVotes", args: [account!] }),
        client!.readContract({ ...ath, functionName: "delegates", args: [account!] }),
        client!.readContract({ ...stath, functionName: "getVotes", args: [account!] }),
        client!.readContract({ ...stath, functionName: "delegates", args: [account!] }),
      ]);
      return { athVotes, athDelegate, stathVotes, stathDelegate };
    },
  });
}
