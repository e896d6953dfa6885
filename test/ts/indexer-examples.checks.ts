// The examples `npm start` prints (scripts/lib/examples.ts) must answer with data after the simulation: every list
// in every GraphQL example is non-empty, and every analyst endpoint answers 200 with its figures.
// test/ts/indexer.test.ts calls `defineExampleChecks` inside its per-database `describe`.
import { expect } from "chai";
import { gql, sqlOverHttp } from "../../scripts/lib/local-stack.js";
import { graphqlExamples, listsIn, restExamples, SQL_EXAMPLES } from "../../scripts/lib/examples.js";

export interface ExampleCheckContext {
  api: () => string;
  lastEpoch: () => number;
  chainNow: () => Promise<number>;
}

export function defineExampleChecks(ctx: ExampleCheckContext): void {
  it("answers every example query npm start prints with data", async () => {
    for (const { title, query } of graphqlExamples(ctx.lastEpoch())) {
      const lists = listsIn(await gql(ctx.api(), query));
      expect(lists.length, title).to.be.greaterThan(0);
      for (const l of lists) expect(l.length, `${title}: ${l.path}`).to.be.greaterThan(0);
    }
    for (const { title, sql } of SQL_EXAMPLES) {
      // sqlOverHttp throws on any answer but 200
      expect((await sqlOverHttp<{ rows: unknown[] }>(ctx.api(), sql)).rows.length, title).to.be.greaterThan(0);
    }
    for (const path of restExamples(await ctx.chainNow())) {
      const res = await fetch(`${ctx.api()}${path}`);
      expect(res.status, path).to.equal(200);
      const body = (await res.json()) as unknown;
      expect(Array.isArray(body) ? body.length : Object.keys(body as object).length, path).to.be.greaterThan(0);
    }
  });
}
