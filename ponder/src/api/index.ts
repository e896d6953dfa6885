// GraphQL at / and /graphql, SQL over HTTP at /sql/* (read-only, for @ponder/client or plain fetch).
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();

// TEMP DEBUG
app.get("/debug-temp", async (c) => {
  const pg = (db as any).$client;
  const out: Record<string, unknown> = {};
  out.searchPath = (await pg.query("show search_path")).rows;
  out.rels = (await pg.query("select n.nspname, c.relname, c.relpersistence, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname in ('account','license','bucket','sale_tier','transfer','kyc') and c.relkind = 'r' order by 2,1")).rows;
  out.resolved = (await pg.query("select 'account'::regclass::oid::regclass::text as account, (select nspname from pg_namespace where oid = (select relnamespace from pg_class where oid = 'account'::regclass)) as account_ns, (select nspname from pg_namespace where oid = (select relnamespace from pg_class where oid = 'license'::regclass)) as license_ns")).rows;
  out.counts = (await pg.query("select (select count(*)::int from account) as unqualified_account, (select count(*)::int from pg_temp.account) as temp_account, (select count(*)::int from license) as unqualified_license")).rows;
  return c.json(out);
});

app.use("/sql/*", client({ db, schema }));
app.use("/", graphql({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
