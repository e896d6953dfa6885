// The finality numbers docs/decisions.md ("API: hostile queries, freshness and finality") accepted from Ponder's own
// sources: a Ponder upgrade that changes them fails here, so the decision is revisited, not silently outdated.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { DEFAULT_POLLING_INTERVAL_MS, pollingInterval } from "../../ponder/rpc-settings.js";

describe("Indexer finality and polling (what the decision rests on)", () => {
  it("Ponder treats 240 blocks as final on Arbitrum One and 30 on Arbitrum Sepolia and the local chain", async () => {
    const { getFinalityBlockCount } = (await import(pathToFileURL(resolve("node_modules/ponder/dist/esm/utils/finality.js")).href)) as {
      getFinalityBlockCount(a: { chain: { id: number } }): number;
    };
    expect(getFinalityBlockCount({ chain: { id: 42161 } })).to.equal(240);
    expect(getFinalityBlockCount({ chain: { id: 421614 } })).to.equal(30);
    expect(getFinalityBlockCount({ chain: { id: 31337 } })).to.equal(30);
    // at ~250 ms a block: one minute on Arbitrum One, 7.5 s on Sepolia, far short of L1 batch finality
    expect((240 * 250) / 1000).to.equal(60);
  });

  it("polls every 250 ms by default, one Arbitrum block, and refuses less than Ponder's 100 ms minimum", () => {
    expect(DEFAULT_POLLING_INTERVAL_MS).to.equal(250);
    expect(pollingInterval({})).to.equal(250);
    expect(pollingInterval({ PONDER_POLLING_INTERVAL_MS: "1000" })).to.equal(1000);
    expect(() => pollingInterval({ PONDER_POLLING_INTERVAL_MS: "50" })).to.throw(/an integer >= 100/);
  });
});
