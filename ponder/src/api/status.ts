// What the chain's clock says about rows no event updates when their time comes: an assignment's veto window or a
// root's challenge window ending. Judged by the newest indexed block's timestamp (not the wall clock: `npm start` moves
// the chain's clock, and the answer must never run ahead of the tables it is computed with).
import { db } from "./snapshot";
import { sql } from "ponder";

/**
 * The timestamp of the newest block the indexer has processed (null before the first), from Ponder's own checkpoint
 * table (what its /status serves): a checkpoint string starts with the block's 10-digit unix timestamp. It is read
 * unqualified, as Ponder's /status does: the API's connection has the indexer's schema as its search_path.
 */
export async function indexedTime(): Promise<bigint | null> {
  const result = (await db.execute(sql`select max(substring(latest_checkpoint from 1 for 10)) as ts from _ponder_checkpoint`)) as unknown as {
    rows: { ts: string | null }[];
  };
  const ts = result.rows[0]?.ts;
  return ts === null || ts === undefined ? null : BigInt(ts);
}

/**
 * An epoch root's status: "vetoed", "synced" (the claims contract adopted it or a later root: claimable), "final" (its
 * challenge window is over, the contract's `block.timestamp >= finalAt`, but no sync has adopted it yet) or "posted".
 */
export function rootStatus(row: { status: string; finalAt: bigint }, at: bigint | null): "posted" | "final" | "synced" | "vetoed" {
  if (row.status === "vetoed" || row.status === "synced") return row.status;
  return at !== null && at >= row.finalAt ? "final" : "posted";
}

/** An assignment's status: "vetoed", "final" (the guardian's veto window is over) or "posted". */
export function assignmentStatus(row: { status: string; finalAt: bigint }, at: bigint | null): "posted" | "final" | "vetoed" {
  if (row.status === "vetoed") return "vetoed";
  return at !== null && at >= row.finalAt ? "final" : "posted";
}
