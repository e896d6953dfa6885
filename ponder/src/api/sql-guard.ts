// The project's own check of SQL over HTTP, run on every request before anything else sees the query (./sql-route.ts;
// its execution half is ./sql-exec.ts). Ponder's
// client() has an allow-list too, but it caches its verdict under 40 bits of the query's SHA-256 (a colliding pair is
// found offline in seconds, and the allowed twin's verdict then lets the other read pg_authid), and it allows any
// function. This guard parses every query (no cache) with the same PostgreSQL parser and accepts only one plain read
// of the app's own tables and views: no schema-qualified or system relation, no function outside a short list of pure
// ones (no pg_* or set-returning functions, nothing that sleeps, reads files or settings, or builds huge values), no
// recursive CTE, no locking, no SELECT INTO, no reg* casts. It is one layer: the database still runs the query read-only
// with a timeout and a row cap (./sql-exec.ts), on PostgreSQL under a role that can read only the app's schema.

/** A query the guard refuses; its message is the sentence the caller gets (400). */
export class SqlRefused extends Error {}

/** Ponder's own limit, kept here so the sentence says it. */
export const MAX_SQL_LENGTH = 5_000;

/** Aggregates, window functions and pure scalar functions; each bounded by its input's size. */
const ALLOWED_FUNCTIONS = new Set([
  // aggregates
  "count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every", "string_agg", "array_agg", "json_agg", "jsonb_agg",
  "json_object_agg", "jsonb_object_agg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
  "percentile_cont", "percentile_disc", "mode",
  // window functions
  "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value",
  // numbers
  "abs", "ceil", "ceiling", "floor", "round", "trunc", "div", "mod", "sign", "sqrt", "power", "ln", "log", "exp",
  // text
  "lower", "upper", "length", "char_length", "character_length", "substring", "substr", "left", "right", "concat", "concat_ws",
  "replace", "position", "strpos", "btrim", "ltrim", "rtrim", "split_part", "starts_with", "reverse", "initcap", "format",
  // time
  "to_char", "to_timestamp", "to_date", "date_trunc", "date_part", "extract", "timezone", "make_date", "make_timestamp",
  "make_timestamptz", "make_interval", "age", "now",
  // json and arrays (of the row's own values)
  "to_json", "to_jsonb", "row_to_json", "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array",
  "jsonb_array_length", "json_array_length", "jsonb_extract_path_text", "json_extract_path_text", "array_length", "cardinality",
  "array_position", "array_to_string",
]);

/** SQL value functions that reveal nothing about the server: the clock. (current_user, current_schema… are refused.) */
const ALLOWED_VALUE_FUNCTIONS = new Set([
  "SVFOP_CURRENT_DATE", "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N", "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N",
  "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N", "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N",
]);

/** Node types that read something other than a table's rows, or are not a read at all. */
const REFUSED_NODES: Record<string, string> = {
  RangeFunction: "a function in FROM (e.g. generate_series) is not allowed; select from the app's tables",
  RangeTableFunc: "XMLTABLE is not allowed; select from the app's tables",
  RangeTableSample: "TABLESAMPLE is not allowed",
  IntoClause: "SELECT INTO writes a table; only reads are allowed",
  LockingClause: "FOR UPDATE/SHARE takes locks; only plain reads are allowed",
  XmlExpr: "XML functions are not allowed",
  XmlSerialize: "XML functions are not allowed",
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let parser: Promise<(sql: string) => { parse_tree: { stmts: { stmt?: Record<string, Json> }[] }; error: string | null }> | undefined;

function loadParser() {
  parser ??= (async () => {
    // @ts-expect-error no types: the PostgreSQL parser compiled to WebAssembly that Ponder itself uses
    const mod = (await import("pg-query-emscripten")) as { default: () => Promise<{ parse: (sql: string) => never }> };
    const { parse } = await mod.default();
    return parse;
  })();
  return parser;
}

const sval = (node: Json): string | undefined =>
  node !== null && typeof node === "object" && !Array.isArray(node) && typeof (node.String as { sval?: unknown } | undefined)?.sval === "string"
    ? ((node.String as { sval: string }).sval)
    : undefined;

/**
 * Checks one query against the app's relation names (tables and views, their SQL names). Throws SqlRefused with the
 * sentence to show; returns the statement with trailing semicolons removed (for wrapping in a row cap).
 */
export async function checkSql(sql: string, relations: ReadonlySet<string>): Promise<string> {
  if (sql.length > MAX_SQL_LENGTH) throw new SqlRefused(`the query is ${sql.length} characters long; at most ${MAX_SQL_LENGTH} are accepted`);
  const parse = await loadParser();
  const result = parse(sql);
  if (result.error !== null) throw new SqlRefused(`the query is not valid SQL: ${String((result.error as unknown as { message?: string }).message ?? result.error)}`);
  const stmts = result.parse_tree.stmts;
  if (stmts.length !== 1) throw new SqlRefused(`send exactly one statement; the query has ${stmts.length}`);
  const root = stmts[0]!.stmt ?? {};
  const kind = Object.keys(root)[0] ?? "nothing";
  if (kind !== "SelectStmt") throw new SqlRefused(`only a read (one select or with … select) is allowed; the query is a ${kind.replace(/Stmt$/, "").toUpperCase()}`);

  // CTE names are relations the query defines itself; collected first so a reference before the definition is fine
  const ctes = new Set<string>();
  const collect = (node: Json) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(collect);
    for (const [key, value] of Object.entries(node)) {
      if (key === "CommonTableExpr" && value !== null && typeof value === "object" && !Array.isArray(value) && typeof value.ctename === "string") ctes.add(value.ctename);
      collect(value);
    }
  };
  collect(root);

  const visit = (node: Json) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    for (const [key, value] of Object.entries(node)) {
      if (key === "intoClause") throw new SqlRefused(REFUSED_NODES.IntoClause!);
      if (key in REFUSED_NODES) throw new SqlRefused(REFUSED_NODES[key]!);
      if (key.endsWith("Stmt") && key !== "SelectStmt") throw new SqlRefused(`only reads are allowed; the query contains a ${key.replace(/Stmt$/, "").toUpperCase()}`);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        if (key === "withClause" && value.recursive === true) throw new SqlRefused("WITH RECURSIVE is not allowed (it can loop without end)");
        if (key === "RangeVar") checkRelation(value);
        if (key === "FuncCall") checkFunction(value);
        if (key === "TypeCast") checkCast(value);
        if (key === "SQLValueFunction" && !ALLOWED_VALUE_FUNCTIONS.has(String(value.op))) {
          throw new SqlRefused(`${String(value.op).replace(/^SVFOP_/, "").toLowerCase()} is not allowed; the API answers from the app's tables only`);
        }
      }
      visit(value);
    }
  };
  const checkRelation = (rv: { [key: string]: Json }) => {
    const name = String(rv.relname);
    const schema = typeof rv.schemaname === "string" ? rv.schemaname : undefined;
    if (schema !== undefined || typeof rv.catalogname === "string") {
      throw new SqlRefused(`name tables without a schema ("${schema ?? String(rv.catalogname)}.${name}" is not allowed); the API reads only the app's tables, e.g. license`);
    }
    if (ctes.has(name) || relations.has(name)) return;
    if (name.startsWith("pg_") || name.startsWith("_ponder") || name.startsWith("_reorg")) {
      throw new SqlRefused(`"${name}" is a system table; the API reads only the app's tables, e.g. license`);
    }
    throw new SqlRefused(`relation "${name}" does not exist among the app's tables; use one of: ${[...relations].sort().join(", ")}`);
  };
  const checkFunction = (fc: { [key: string]: Json }) => {
    const names = (Array.isArray(fc.funcname) ? fc.funcname : []).map(sval);
    const name = (names.at(-1) ?? "").toLowerCase();
    // the parser itself writes pg_catalog.extract, pg_catalog.timezone… for SQL's special syntax
    const qualifiedOk = names.length === 1 || (names.length === 2 && names[0] === "pg_catalog");
    if (!qualifiedOk || !ALLOWED_FUNCTIONS.has(name)) {
      throw new SqlRefused(`the function ${names.join(".")}() is not allowed; SQL over HTTP allows aggregates, window functions and plain text, number, time and JSON functions`);
    }
  };
  const checkCast = (tc: { [key: string]: Json }) => {
    const typeName = tc.typeName as { names?: Json[] } | undefined;
    const names = (typeName?.names ?? []).map(sval);
    const last = (names.at(-1) ?? "").toLowerCase();
    if (last.startsWith("reg") || (names.length === 2 && names[0] !== "pg_catalog") || names.length > 2) {
      throw new SqlRefused(`a cast to ${names.join(".")} is not allowed; cast to plain types such as numeric, text or int`);
    }
  };
  visit(root);
  return sql.replace(/[\s;]+$/, "");
}
