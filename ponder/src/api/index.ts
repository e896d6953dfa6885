// GraphQL at / and /graphql, SQL over HTTP at /sql/* (read-only, for @ponder/client or plain fetch).
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql, sql } from "ponder";

/**
 * The database handle given to `client()`. On PostgreSQL that is `db` itself. On PGlite it is `db` with each SQL-over-HTTP
 * query run in its own read-only transaction whose search_path lists `pg_temp` last.
 *
 * Why: PGlite is one connection shared by the indexer and the API. When Ponder flushes more than 20 updated rows of a table
 * at once it copies them into `CREATE TEMP TABLE "<table>"` (same name as the table) and leaves that table behind, emptied.
 * PostgreSQL searches the session's temporary schema before the search_path unless the path names `pg_temp`, so the
 * unqualified names of SQL over HTTP (`from account`) then read that empty temp table: 0 rows for `account` and `license`,
 * the tables whose handlers update many rows per batch. GraphQL is not affected (it qualifies names with the schema). The
 * indexer needs the temp-first lookup (its flush reads the temp table unqualified), so the path is changed only for the
 * duration of one API query (SET LOCAL); the transaction holds PGlite's lock, so no flush can run in between.
 */
function sqlOverHttpDb(d: typeof db): typeof db {
  const session = (d as any)._.session;
  const pglite = (d as any).$client;
  if (typeof pglite?.transaction !== "function") return d; // node-postgres pool: the API has its own connections.
  const tempLast = sql`select set_config('search_path', current_setting('search_path') || ', pg_temp', true)`;
  const wrapped = Object.create(session, {
    prepareQuery: {
      value: (query: unknown, ...rest: unknown[]) => ({
        execute: () =>
          d.transaction(
            async (tx) => {
              await tx.execute(tempLast);
              return (tx as any)._.session.prepareQuery(query, ...rest).execute();
            },
            { accessMode: "read only" },
          ),
      }),
    },
  });
  return { _: { ...(d as any)._, session: wrapped } } as unknown as typeof db;
}

const app = new Hono();

app.use("/sql/*", client({ db: sqlOverHttpDb(db), schema }));
app.use("/", graphql({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
