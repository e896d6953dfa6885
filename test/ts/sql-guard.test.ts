// The project's guard of SQL over HTTP (ponder/src/api/sql-guard.ts), unit-level: what it lets through and what it
// refuses, and why it exists: Ponder 0.16's own allow-list caches its verdict under 40 bits of the query's SHA-256, so a
// hostile query whose hash collides with an allowed one's is accepted by Ponder once the allowed twin was checked. The
// guard parses every query (no cache) and refuses the twin. The end-to-end side (the guard in the /sql routes, the
// limits, the body cap, freshness) is test/ts/indexer-hostile.test.ts.
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { checkSql, MAX_SQL_LENGTH, SqlRefused } from "../../ponder/src/api/sql-guard.js";
import { blockOfCheckpoint } from "../../ponder/src/api/freshness.js";
import { readerRoleSql, sqlLimits } from "../../ponder/src/api/sql-limits.js";
import { capped } from "../../ponder/src/api/sql-exec.js";
import { readQuery, relationsOf } from "../../ponder/src/api/sql-route.js";
import * as schema from "../../ponder/ponder.schema.js";
import { SQL_EXAMPLES } from "../../scripts/lib/examples.js";

const TABLES = new Set(["account", "license", "transfer", "supply_daily"]);

async function refusal(sql: string): Promise<string> {
  try {
    await checkSql(sql, TABLES);
  } catch (error) {
    expect(error).to.be.instanceOf(SqlRefused);
    return (error as Error).message;
  }
  throw new Error(`the guard accepted ${sql}`);
}

/** Found offline (2^21 allowed variants against hostile ones): the first 10 hex digits of their SHA-256 are equal. */
const COLLIDING = {
  allowed: "select count(*) as n189476 from license",
  hostile: "select rolname, rolpassword from pg_authid -- 747965",
};
const prefix = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 10);

describe("SQL over HTTP: the project's guard", () => {
  it("accepts reads of the app's tables: joins, aggregates, window functions, CTEs, subqueries, parameters, casts", async () => {
    for (const sql of [
      "select count(*)::int as licenses from license",
      "select a.address, a.balance from account a join license l on l.owner = a.address where a.balance > $1 order by a.balance desc limit 5",
      "with top as (select address, balance from account order by balance desc limit 10) select address, rank() over (order by balance desc) from top",
      "select date_trunc('day', to_timestamp(1767225600)), extract(year from now()), coalesce(max(balance), 0)::text from account",
      "select * from license where id in (select id from license where owner = lower($1));",
      "select substring(address from 1 for 6), sum(balance) filter (where balance > 0) from account group by 1",
    ]) {
      expect(await checkSql(sql, TABLES), sql).to.equal(sql.replace(/;$/, ""));
    }
  });

  it("refuses system catalogs, information_schema and schema-qualified names, naming what is allowed", async () => {
    expect(await refusal("select * from pg_authid")).to.match(/"pg_authid" is a system table/);
    expect(await refusal("select * from pg_settings")).to.match(/system table/);
    expect(await refusal("select * from information_schema.tables")).to.match(/without a schema/);
    expect(await refusal("select * from pg_catalog.pg_class")).to.match(/without a schema/);
    expect(await refusal("select * from ponder_sync.blocks")).to.match(/without a schema/);
    expect(await refusal("select * from _ponder_meta")).to.match(/system table/);
    expect(await refusal("select * from nope")).to.equal('relation "nope" does not exist among the app\'s tables; use one of: account, license, supply_daily, transfer');
    // hidden in a subquery, a CTE, a join or a union
    expect(await refusal("select (select count(*) from pg_user) from license")).to.match(/pg_user/);
    expect(await refusal("with x as (select * from pg_roles) select * from x")).to.match(/pg_roles/);
    expect(await refusal("select * from license union select * from pg_shadow")).to.match(/pg_shadow/);
  });

  it("refuses functions outside the allow-list: pg_* functions, sleeps, settings, files, set-returning and huge values", async () => {
    for (const [sql, name] of [
      ["select pg_sleep(30)", "pg_sleep"],
      ["select current_setting('data_directory')", "current_setting"],
      ["select pg_read_file('/etc/passwd')", "pg_read_file"],
      ["select version()", "version"],
      ["select repeat('x', 1000000000)", "repeat"],
      ["select unnest(array[1,2])", "unnest"],
      ["select pg_catalog.pg_sleep(1)", "pg_catalog.pg_sleep"],
      ["select public.count(*) from license", "public.count"],
      ["select count(*) from license where pg_sleep(1) is null", "pg_sleep"],
    ]) {
      expect(await refusal(sql!), sql).to.contain(`the function ${name}() is not allowed`);
    }
    expect(await refusal("select * from generate_series(1, 1000000000)")).to.match(/a function in FROM/);
    expect(await refusal("select current_user")).to.match(/current_user is not allowed/);
    expect(await refusal("select 'pg_authid'::regclass")).to.match(/a cast to regclass is not allowed/);
  });

  it("refuses writes, several statements, locks, SELECT INTO, recursive CTEs and over-long queries", async () => {
    expect(await refusal("delete from license")).to.match(/only a read.*DELETE/);
    expect(await refusal("update account set balance = 0")).to.match(/UPDATE/);
    expect(await refusal("insert into license (id) values (1)")).to.match(/INSERT/);
    expect(await refusal("select 1; select 2")).to.equal("send exactly one statement; the query has 2");
    expect(await refusal("with d as (delete from license returning *) select * from d")).to.match(/DELETE/);
    expect(await refusal("select * from license for update")).to.match(/FOR UPDATE/);
    expect(await refusal("select * into copy from license")).to.match(/SELECT INTO/);
    expect(await refusal("with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t")).to.match(/WITH RECURSIVE/);
    expect(await refusal("set statement_timeout = 0")).to.match(/only a read/);
    expect(await refusal("select from")).to.match(/not valid SQL/);
    expect(await refusal(`select 1 ${"-".repeat(MAX_SQL_LENGTH)}`)).to.match(/at most 5000 are accepted/);
  });

  it("refuses the hostile twin of an allowed query that Ponder's cached verdict lets through", async () => {
    expect(prefix(COLLIDING.allowed)).to.equal(prefix(COLLIDING.hostile));
    const ponderParse = (await import(pathToFileURL(resolve("node_modules/ponder/dist/esm/utils/sql-parse.js")).href)) as {
      validateAllowableSQLQuery(sql: string): Promise<void>;
    };
    // Ponder alone refuses the hostile query when it sees it first ...
    let refusedFirst = false;
    await ponderParse.validateAllowableSQLQuery("select rolname from pg_authid -- not cached").catch(() => (refusedFirst = true));
    expect(refusedFirst).to.equal(true);
    // ... but accepts it once its colliding twin was allowed: the verdict is looked up by the 40-bit hash
    await ponderParse.validateAllowableSQLQuery(COLLIDING.allowed);
    await ponderParse.validateAllowableSQLQuery(COLLIDING.hostile);
    // the guard checks each query itself, whatever it accepted before
    expect(await checkSql(COLLIDING.allowed, TABLES)).to.equal(COLLIDING.allowed);
    expect(await refusal(COLLIDING.hostile)).to.match(/"pg_authid" is a system table/);
  });
});

describe("SQL over HTTP: the route's reading of a request", () => {
  it("knows the app's relations from the schema, and accepts the queries the project itself sends", async () => {
    const relations = relationsOf(schema as unknown as Record<string, unknown>);
    for (const name of ["account", "license", "transfer", "supply_daily", "settled_license_epoch", "slash"]) expect(relations.has(name), name).to.equal(true);
    expect([...relations].some((r) => r.startsWith("_ponder") || r.startsWith("pg_"))).to.equal(false);
    // npm start's SQL example and the web app's slash list (web/src/lib/hostsApi.ts)
    const web = "select id::text as id, host, kind, status, penalty::text as penalty from slash order by proposed_at desc, id desc limit 1000";
    for (const sql of [...SQL_EXAMPLES.map((e) => e.sql), web]) expect(await checkSql(sql, relations), sql).to.equal(sql);
  });

  it("reads @ponder/client's superjson parameter, and names what is wrong with a bad one", () => {
    expect(readQuery(JSON.stringify({ json: { sql: "select 1", params: ["1"] }, meta: { values: { "params.0": ["bigint"] } } }))).to.deep.equal({ sql: "select 1", params: [1n] });
    expect(readQuery(undefined)).to.match(/^the "sql" query parameter is missing/);
    expect(readQuery("{")).to.match(/is not JSON/);
    expect(readQuery('{"sql":"select 1"}')).to.match(/has no json\.sql string/);
    expect(readQuery('{"json":{"sql":"select 1","params":5}}')).to.match(/json\.params must be a list/);
  });

  it("caps the rows by wrapping the statement, so a trailing comment cannot swallow the limit", () => {
    expect(capped("select * from license -- newest", 11)).to.equal("select * from (\nselect * from license -- newest\n) as capped_query limit 11");
  });
});

describe("SQL over HTTP: limits and freshness helpers", () => {
  it("reads the limits from the environment and refuses nonsense", () => {
    expect(sqlLimits({})).to.deep.equal({ timeoutMs: 5_000, maxRows: 10_000, maxCost: 1_000_000, role: undefined });
    expect(sqlLimits({ PONDER_SQL_TIMEOUT_MS: "250", PONDER_SQL_MAX_ROWS: "7", PONDER_SQL_ROLE: "api_reader" })).to.include({ timeoutMs: 250, maxRows: 7, role: "api_reader" });
    expect(() => sqlLimits({ PONDER_SQL_TIMEOUT_MS: "0" })).to.throw(/PONDER_SQL_TIMEOUT_MS must be a whole number/);
    expect(() => sqlLimits({ PONDER_SQL_ROLE: 'x"; drop' })).to.throw(/PONDER_SQL_ROLE must be a lower-case SQL name/);
    expect(readerRoleSql("api_reader", "deploy_a", "ponder").join("\n")).to.contain('grant select on all tables in schema "deploy_a" to "api_reader"');
  });

  it("decodes the block of a Ponder checkpoint", () => {
    // timestamp (10) | chain id (16) | block number (16) | transaction index (16) | event type (1) | event index (16)
    const checkpoint = "1767225600" + "31337".padStart(16, "0") + "1234".padStart(16, "0") + "9".repeat(16) + "9" + "9".repeat(16);
    expect(blockOfCheckpoint(checkpoint)).to.deep.equal({ number: 1234, timestamp: 1767225600 });
  });
});
