// The chain's clock (the newest block's timestamp), which is what locks and unbonding count against; on a local chain
// it runs ahead of the wall clock.
import { useBlock } from "wagmi";

export function useChainTime(): number | undefined {
  const block = useBlock({ query: { refetchInterval: 4_000 } });
  return block.data ? Number(block.data.timestamp) : undefined;
}
