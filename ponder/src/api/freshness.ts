// Which block the data of an answer is at: the newest block the indexer has processed, read from Ponder's checkpoint
// table in the same database snapshot as the answer's data (./snapshot.ts, ./sql-exec.ts; GraphQL: ./graphql-freshness.ts), and sent with it: headers on
// REST and SQL, a field in /overview. A client can tell an old answer from a new one (after a restart from the last
// finalized block, for instance) and compare it with the chain at that block.
import type { Context } from "hono";

export interface IndexedBlock {
  number: number;
  /** unix seconds */
  timestamp: number;
}

/**
 * Decodes the block of a Ponder checkpoint string: 10 digits of block timestamp, 16 of chain id, 16 of block number,
 * then the position inside the block (Ponder's utils/checkpoint.ts).
 */
export function blockOfCheckpoint(checkpoint: string): IndexedBlock {
  return { timestamp: Number(checkpoint.slice(0, 10)), number: Number(checkpoint.slice(26, 42)) };
}

/** The oldest chain's block among the checkpoint rows (one chain here), or null before the first block. */
export function blockOfRows(rows: { latest_checkpoint?: unknown }[]): IndexedBlock | null {
  const checkpoints = rows.map((r) => r.latest_checkpoint).filter((c): c is string => typeof c === "string" && c.length >= 42);
  if (checkpoints.length === 0) return null;
  return blockOfCheckpoint(checkpoints.sort()[0]!);
}

export const CHECKPOINT_SQL = "select latest_checkpoint from _ponder_checkpoint";

export const BLOCK_HEADER = "X-Indexed-Block";
export const TIMESTAMP_HEADER = "X-Indexed-Block-Timestamp";
export const TIME_HEADER = "X-Indexed-Block-Time";

/** Sets the freshness headers (and exposes them to browsers on other origins). */
export function setFreshness(c: Context, block: IndexedBlock | null): void {
  if (block === null) return;
  c.header(BLOCK_HEADER, String(block.number));
  c.header(TIMESTAMP_HEADER, String(block.timestamp));
  c.header(TIME_HEADER, new Date(block.timestamp * 1000).toISOString());
  c.header("Access-Control-Expose-Headers", [BLOCK_HEADER, TIMESTAMP_HEADER, TIME_HEADER].join(", "));
}
