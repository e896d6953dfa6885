// How the indexer talks to its chain, shared by ponder.config.ts and the indexing benchmark. Finality is not set here:
// Ponder 0.16.10 hard-codes it by chain id (240 blocks on Arbitrum One, 30 on Sepolia) with no setting; why that is
// accepted is in docs/decisions.md ("API: hostile queries, freshness and finality").

/**
 * Ponder learns of new blocks by polling `eth_getBlockByNumber("latest")` (its default: every 1,000 ms). Arbitrum
 * makes a block every ~250 ms, so a 1 s poll alone would put the realtime lag's p99 near 1 s; at 250 ms a block waits
 * 125 ms on average for the poll, for 4 requests a second. PONDER_POLLING_INTERVAL_MS overrides (Ponder's minimum: 100).
 */
export const DEFAULT_POLLING_INTERVAL_MS = 250;

export function pollingInterval(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.PONDER_POLLING_INTERVAL_MS ?? DEFAULT_POLLING_INTERVAL_MS);
  if (!Number.isInteger(ms) || ms < 100) throw new Error(`PONDER_POLLING_INTERVAL_MS: an integer >= 100, not ${env.PONDER_POLLING_INTERVAL_MS}`);
  return ms;
}

/**
 * PONDER_RPC_URL: one URL, or several separated by commas. Ponder paces its requests per URL (from 20 a second,
 * raised 5% at a time while they succeed) and spreads them over the URLs, so several providers (or several
 * endpoints of one) backfill faster than one.
 */
export function rpcUrls(env: NodeJS.ProcessEnv = process.env): string | string[] {
  const urls = (env.PONDER_RPC_URL ?? "http://127.0.0.1:8545").split(",").map((u) => u.trim()).filter((u) => u !== "");
  if (urls.length === 0) throw new Error("PONDER_RPC_URL is empty");
  return urls.length === 1 ? urls[0]! : urls;
}
