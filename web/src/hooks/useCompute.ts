// Compute providers for the Providers screen: the leaderboard and one account's epochs, from the indexer.
import { useQuery } from "@tanstack/react-query";
import { fetchAccountCompute, fetchProviders } from "../lib/computeApi";
import { useDeployment } from "./useDeployment";

export function useProviders() {
  const { apiUrl } = useDeployment();
  return useQuery({ queryKey: ["providers", apiUrl], queryFn: () => fetchProviders(apiUrl), refetchInterval: 10_000 });
}

export function useAccountCompute(account: `0x${string}` | undefined) {
  const { apiUrl } = useDeployment();
  return useQuery({
    queryKey: ["account-compute", apiUrl, account?.toLowerCase()],
    enabled: account !== undefined,
    queryFn: () => fetchAccountCompute(apiUrl, account!),
    refetchInterval: 10_000,
  });
}
