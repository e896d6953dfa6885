// The indexer's answers, refreshed while the page is open (the chain moves; the indexer follows it).
import { useQuery } from "@tanstack/react-query";
import { useDeployment } from "./useDeployment";
import { getJson, type Daily, type Overview } from "../lib/api";

export function useOverview() {
  const { apiUrl } = useDeployment();
  return useQuery({ queryKey: ["overview", apiUrl], queryFn: () => getJson<Overview>(apiUrl, "/overview"), refetchInterval: 15_000 });
}

export function useDaily() {
  const { apiUrl } = useDeployment();
  return useQuery({ queryKey: ["daily", apiUrl], queryFn: () => getJson<Daily>(apiUrl, "/daily"), refetchInterval: 60_000 });
}
