// SQL over HTTP as a newcomer meets it. Ponder's client() middleware serves only GET /sql/db?sql=… and answers a bad
// query with 500 and its error as text (a database error object even printed as "[object Object]"). Here: GET /sql says
// how to query, and every refusal of /sql/db (no `sql` parameter, not the JSON @ponder/client sends, a statement that is
// not a read, an error of the database) answers 400 with {"error": "<the database's or the parser's message>"}.
import type { Context, Next } from "hono";

const EXAMPLE = { json: { sql: "select count(*)::int as licenses from license", params: [] } };

/** GET /sql: what to send, with a curl line for this server and the @ponder/client equivalent. */
export function sqlHelp(c: Context) {
  const origin = new URL(c.req.url).origin;
  return c.json({
    message: "SQL over HTTP is GET /sql/db?sql=<URL-encoded JSON {\"json\":{\"sql\":\"select …\",\"params\":[…]}}> (read-only: one select or with … select).",
    example: `${origin}/sql/db?sql=${encodeURIComponent(JSON.stringify(EXAMPLE))}`,
    curl: `curl -sG "${origin}/sql/db" --data-urlencode 'sql=${JSON.stringify(EXAMPLE)}'`,
    client: `import { createClient } from "@ponder/client"; import * as schema from "./ponder/ponder.schema"; const client = createClient("${origin}/sql", { schema }); await client.db.select().from(schema.license).limit(10);`,
    answer: '{"rows": [...], "fields": [...]} on success; 400 {"error": "..."} when the query is refused or fails.',
  });
}

/** The error's own sentence, whatever shape the driver gave it (Error, PGlite's or pg's error objects, nested causes). */
export function messageOf(error: unknown): string {
  if (typeof error === "string") return error;
  if (error !== null && typeof error === "object") {
    const e = error as { message?: unknown; cause?: unknown; error?: unknown };
    if (typeof e.message === "string" && e.message !== "" && e.message !== "[object Object]") return e.message;
    for (const inner of [e.message, e.cause, e.error]) if (inner !== undefined && inner !== null) return messageOf(inner);
  }
  return String(error);
}

/** Rethrows a query's error as an Error whose message is the database's sentence (client() prints `.message`). */
export function surfaceSqlError(error: unknown): never {
  throw new Error(messageOf(error));
}

const bad = (c: Context, error: string) => c.json({ error }, 400);

/** Checks the `sql` parameter before client() and turns client()'s text error answers into 400 JSON. */
export async function sqlErrors(c: Context, next: Next) {
  if (c.req.path !== "/sql/db") return next();
  const raw = c.req.query("sql");
  const how = 'send GET /sql/db?sql=<URL-encoded {"json":{"sql":"select …","params":[]}}> (GET /sql shows an example)';
  if (raw === undefined) return bad(c, `the "sql" query parameter is missing; ${how}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return bad(c, `the "sql" query parameter is not JSON; ${how}`);
  }
  const sql = (parsed as { json?: { sql?: unknown } } | null)?.json?.sql;
  if (typeof sql !== "string") return bad(c, `the "sql" query parameter has no json.sql string; ${how}`);
  await next();
  if (c.res.status >= 400) {
    const text = await c.res.clone().text();
    c.res = new Response(JSON.stringify({ error: text }), { status: 400, headers: { "content-type": "application/json" } });
  }
}
