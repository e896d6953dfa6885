// The GraphQL response cache (ponder/graphql-cache.ts) in front of a stand-in GraphQL route: an answer is served again
// only for the same body at the same indexer checkpoint, never across blocks, never when the checkpoint moved while
// the query ran, never for an answer with errors; and it stays within its bounds. (The bench measures what it saves:
// bench/REPORT.md, "Indexer (Ponder)"; the end-to-end indexer suite runs every GraphQL check through it.)
import { expect } from "chai";
import { Hono } from "hono";
import { CACHE_HEADER, graphqlCache } from "../../ponder/graphql-cache.js";

interface Stand {
  app: Hono;
  calls: () => number;
  setCheckpoint: (c: string | null) => void;
  stats: ReturnType<typeof graphqlCache>["stats"];
}

/** A route answering `{"data":{"call":n,"query":…}}` (or errors for a query containing "broken"), behind the cache. */
function stand(opts: { maxEntries?: number; moveCheckpointDuringQuery?: boolean } = {}): Stand {
  let checkpoint: string | null = "1767225600000000000000313370000000000000010";
  let calls = 0;
  const cache = graphqlCache({ checkpoint: async () => checkpoint, maxEntries: opts.maxEntries });
  const app = new Hono();
  app.use("/graphql", cache.middleware);
  app.post("/graphql", async (c) => {
    calls++;
    const { query } = (await c.req.json()) as { query: string };
    if (opts.moveCheckpointDuringQuery) checkpoint = `${checkpoint}x`;
    if (query.includes("broken")) return c.json({ errors: [{ message: "no such field" }], data: null });
    return c.json({ data: { call: calls, query } });
  });
  app.get("/graphql", (c) => c.html("<html>GraphiQL</html>"));
  return { app, calls: () => calls, setCheckpoint: (c) => (checkpoint = c), stats: cache.stats };
}

async function ask(s: Stand, query: string, variables: Record<string, unknown> = {}) {
  const res = await s.app.request("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, cache: res.headers.get(CACHE_HEADER), body: (await res.json()) as { data: { call: number } | null } };
}

describe("GraphQL response cache keyed by the indexed block", () => {
  it("answers the same query at the same block from the cache, with the first answer", async () => {
    const s = stand();
    const first = await ask(s, "{ account { balance } }", { a: "0x01" });
    const second = await ask(s, "{ account { balance } }", { a: "0x01" });
    expect(first.cache).to.equal("miss");
    expect(second.cache).to.equal("hit");
    expect(second.body).to.deep.equal(first.body);
    expect(s.calls()).to.equal(1);
    expect(s.stats()).to.include({ hits: 1, misses: 1, entries: 1 });
  });

  it("keys by the exact body: other variables or another query run the route", async () => {
    const s = stand();
    await ask(s, "{ account { balance } }", { a: "0x01" });
    const other = await ask(s, "{ account { balance } }", { a: "0x02" });
    const another = await ask(s, "{ accounts { items { balance } } }", { a: "0x01" });
    expect([other.cache, another.cache]).to.deep.equal(["miss", "miss"]);
    expect(s.calls()).to.equal(3);
  });

  it("never serves an answer of an older block: a new checkpoint runs the route and drops the old answers", async () => {
    const s = stand();
    await ask(s, "{ account { balance } }");
    s.setCheckpoint("1767225612000000000000313370000000000000011");
    const after = await ask(s, "{ account { balance } }");
    expect(after.cache).to.equal("miss");
    expect(after.body.data!.call).to.equal(2);
    expect(s.stats().entries).to.equal(1);
  });

  it("keeps nothing when the checkpoint moved while the query ran (its rows may be of the later block)", async () => {
    const s = stand({ moveCheckpointDuringQuery: true });
    await ask(s, "{ account { balance } }");
    const again = await ask(s, "{ account { balance } }");
    expect(again.cache).to.equal(null); // "miss" marks an answer kept for the next request

    expect(s.calls()).to.equal(2);
    expect(s.stats().entries).to.equal(0);
  });

  it("does not keep answers with errors, and caches nothing before the first indexed block", async () => {
    const s = stand();
    await ask(s, "{ broken }");
    expect((await ask(s, "{ broken }")).cache).to.equal(null);
    expect(s.calls()).to.equal(2);
    s.setCheckpoint(null);
    await ask(s, "{ account { balance } }");
    expect((await ask(s, "{ account { balance } }")).cache).to.equal(null);
    expect(s.calls()).to.equal(4);
    expect(s.stats().entries).to.equal(0);
  });

  it("passes GET (GraphiQL) through", async () => {
    const s = stand();
    const res = await s.app.request("/graphql");
    expect(await res.text()).to.contain("GraphiQL");
    expect(res.headers.get(CACHE_HEADER)).to.equal(null);
  });

  it("stays within maxEntries, evicting the least recently used answer", async () => {
    const s = stand({ maxEntries: 2 });
    await ask(s, "{ a }");
    await ask(s, "{ b }");
    expect((await ask(s, "{ a }")).cache).to.equal("hit"); // a is now the most recently used
    await ask(s, "{ c }"); // evicts b
    expect(s.stats().entries).to.equal(2);
    expect((await ask(s, "{ a }")).cache).to.equal("hit");
    expect((await ask(s, "{ b }")).cache).to.equal("miss");
  });

  it("keeps REST pages by path and query with their headers (the block they are at), and never a failed answer", async () => {
    let checkpoint = "1767225600000000000000313370000000000000010";
    let calls = 0;
    const cache = graphqlCache({
      checkpoint: async () => checkpoint,
      keyOf: async (c) => (c.req.method === "GET" ? new URL(c.req.url).pathname + new URL(c.req.url).search : null),
      complete: (answer) => answer.startsWith("{"),
    });
    const app = new Hono();
    app.use("/accounts/*", cache.middleware);
    app.get("/accounts/:address", (c) => {
      calls++;
      if (c.req.param("address") === "nobody") return c.json({ error: "address must be an address" }, 400);
      c.header("X-Indexed-Block", checkpoint.slice(-2)); // the stand-in checkpoints end in their block
      return c.json({ address: c.req.param("address"), call: calls, transfers: c.req.query("transfers") ?? null });
    });
    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, cache: res.headers.get(CACHE_HEADER), block: res.headers.get("x-indexed-block"), body: (await res.json()) as { call?: number } };
    };
    const first = await get("/accounts/0x01");
    const second = await get("/accounts/0x01");
    expect([first.cache, second.cache]).to.deep.equal(["miss", "hit"]);
    expect(second.body).to.deep.equal(first.body);
    expect([first.block, second.block]).to.deep.equal(["10", "10"]);
    // another query string is another page
    expect((await get("/accounts/0x01?transfers=5")).cache).to.equal("miss");
    // a refusal is never kept
    await get("/accounts/nobody");
    const refused = await get("/accounts/nobody");
    expect([refused.status, refused.cache]).to.deep.equal([400, null]);
    // the next block runs the route again and says so
    checkpoint = "1767225612000000000000313370000000000000011";
    const next = await get("/accounts/0x01");
    expect([next.cache, next.block, next.body.call]).to.deep.equal(["miss", "11", 5]);
  });
});
