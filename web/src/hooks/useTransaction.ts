// One transaction's life as the page shows it: signing in the wallet → pending (hash, explorer link) → confirmed, or
// failed with the reason in words.
import { useState } from "react";
import { usePublicClient } from "wagmi";
import type { Hash } from "viem";
import { explainWebError } from "../lib/errors";
import { useDeployment } from "./useDeployment";

export type TxState =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "pending"; hash: Hash }
  | { phase: "confirmed"; hash: Hash }
  | { phase: "failed"; reason: string; hash?: Hash };

export function useTransaction() {
  const deployment = useDeployment();
  const client = usePublicClient();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  /** `send` asks the wallet to sign and returns the hash; the state follows it to its receipt. */
  async function run(send: () => Promise<Hash>): Promise<boolean> {
    setState({ phase: "signing" });
    let hash: Hash | undefined;
    try {
      hash = await send();
      setState({ phase: "pending", hash });
      const receipt = await client!.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error("The transaction was mined but reverted.");
      setState({ phase: "confirmed", hash });
      return true;
    } catch (error) {
      const now = await client!.getBlock().then((b) => Number(b.timestamp)).catch(() => undefined);
      setState({ phase: "failed", reason: explainWebError(error, deployment, now), hash });
      return false;
    }
  }
  return { state, run, reset: () => setState({ phase: "idle" }) };
}
