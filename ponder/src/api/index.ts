// GraphQL at / and /graphql, SQL over HTTP at /sql/* (read-only, for @ponder/client or plain fetch).
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

/**
 * On PGlite, Ponder's indexer and this API share ONE database session. When the indexer flushes more than 20 updates
 * of a table at once, it does so through a session-level `CREATE TEMP TABLE "<table>"` that it keeps (truncated) for
 * the rest of the session. PostgreSQL searches the temporary schema before everything else, so from then on an
 * unqualified `select ... from account` sent to /sql/db reads that empty temp table instead of the real one
 * (GraphQL is unaffected: it qualifies table names). Here each SQL-over-HTTP query runs in its own read-only PGlite
 * transaction whose search_path lists the app's schema before pg_temp. The transaction is exclusive in PGlite, so the
 * indexer's statements (which need pg_temp first) never run under this search_path. On PostgreSQL (DATABASE_URL) the
 * API has its own connections without those temp tables, and the session is left as Ponder made it.
 */
type PreparedQuery = { client: unknown; execute: () => Promise<unknown> };
type Session = { prepareQuery: (...args: unknown[]) => PreparedQuery };
interface PgliteClient {
  transaction<T>(fn: (tx: { query: (sql: string) => Promise<unknown> }) => Promise<T>): Promise<T>;
  listen: unknown;
}

function sqlDb(): typeof db {
  const session = (db as unknown as { _: { session: Session } })._.session;
  const pglite = (db as unknown as { $client?: PgliteClient }).$client;
  if (typeof pglite?.transaction !== "function" || pglite.listen === undefined) return db;
  const patched = Object.create(session) as Session;
  patched.prepareQuery = (...args: unknown[]) => {
    const prepared = session.prepareQuery(...args);
    return {
      ...prepared,
      execute: () =>
        pglite.transaction(async (tx) => {
          await tx.query("SET TRANSACTION READ ONLY");
          await tx.query("SELECT set_config('search_path', quote_ident(current_schema()) || ', pg_temp', true)");
          prepared.client = tx;
          return prepared.execute();
        }),
    };
  };
  return { _: { session: patched } } as unknown as typeof db;
}

const app = new Hono();

app.use("/sql/*", client({ db: sqlDb(), schema }));
app.use("/", graphql({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
