// One database snapshot per REST answer: every query a route makes, and the block it reports (./freshness.ts), read in
// the same transaction, so an answer never mixes two indexed blocks and its X-Indexed-Block header is the block its
// data is at. Routes import `db` from here instead of "ponder:api": inside a request that `snapshot` wraps it is that
// request's transaction, elsewhere Ponder's read-only `db`.
//
// PostgreSQL: a REPEATABLE READ READ ONLY transaction of the API's read-only pool (the indexer commits each batch of
// rows with its checkpoint, so the snapshot sees both or neither). PGlite: one PGlite transaction, which holds PGlite's
// single connection (no indexer statement runs until the route has answered: routes are a few indexed queries), with a
// drizzle instance over it. Ponder's own `db.transaction` on PGlite is not a real transaction, hence `$client`.
import { AsyncLocalStorage } from "node:async_hooks";
import { db as ponderDb } from "ponder:api";
import { drizzle } from "drizzle-orm/pglite";
import type { Context, Next } from "hono";
import { blockOfRows, CHECKPOINT_SQL, setFreshness, type IndexedBlock } from "./freshness";

type Db = typeof ponderDb;

interface PgliteTransaction {
  query(sql: string, params?: unknown[], options?: unknown): Promise<{ rows: Record<string, unknown>[] }>;
}
interface Handles {
  $client?: { transaction?<T>(run: (tx: PgliteTransaction) => Promise<T>): Promise<T> };
}

const current = new AsyncLocalStorage<{ db: Db; block: IndexedBlock | null }>();

/** Ponder's read-only `db`, or the current request's snapshot of it. */
export const db: Db = new Proxy(ponderDb, {
  get(target, property) {
    const base = (current.getStore()?.db ?? target) as unknown as Record<PropertyKey, unknown>;
    const value = base[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(base) : value;
  },
});

/** The block the current snapshot is at (null outside one, or before the first indexed block). */
export const snapshotBlock = (): IndexedBlock | null => current.getStore()?.block ?? null;

/** Runs `run` inside one read-only snapshot of the database, with the block it is at. */
export async function inSnapshot<T>(run: (block: IndexedBlock | null) => Promise<T>): Promise<T> {
  const pglite = (ponderDb as unknown as Handles).$client;
  if (typeof pglite?.transaction === "function") {
    return pglite.transaction(async (tx) => {
      await tx.query("set transaction read only");
      const block = blockOfRows((await tx.query(CHECKPOINT_SQL)).rows);
      const txDb = drizzle(tx as never, { casing: "snake_case" }) as unknown as Db;
      return current.run({ db: txDb, block }, () => run(block));
    });
  }
  const pg = ponderDb as unknown as {
    transaction<T>(run: (tx: Db & { execute(sql: string): Promise<unknown> }) => Promise<T>, config: { isolationLevel: "repeatable read"; accessMode: "read only" }): Promise<T>;
  };
  return pg.transaction(
    async (tx) => {
      const result = (await tx.execute(CHECKPOINT_SQL)) as unknown as { rows: Record<string, unknown>[] };
      const block = blockOfRows(result.rows);
      return current.run({ db: tx as unknown as Db, block }, () => run(block));
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Middleware: the route answers from one snapshot and says which block that is (X-Indexed-Block…). */
export async function snapshot(c: Context, next: Next): Promise<void> {
  await inSnapshot(async (block) => {
    setFreshness(c, block);
    await next();
  });
}
