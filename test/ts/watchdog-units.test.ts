// The watchdog's decisions in-process (watchdog/verdict.ts, watchdog/sample.ts): when the API may be served, why
// not, when a re-index may start, what Ponder's log lines mean, and when a sample differs from the chain.
// test/ts/watchdog.test.ts runs the whole watchdog against a node and Ponder.
import { expect } from "chai";
import { confirmed, differences, rowsOf, stillDiffering, type ApiSample, type ChainSample } from "../../watchdog/sample.js";
import { parsePonderLog, ReindexLimiter, Verdict } from "../../watchdog/verdict.js";

const OPTS = { maxLagBlocks: 5, stallMs: 10_000, rpcErrorThreshold: 3, rpcWindowMs: 60_000 };
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const codes = (v: Verdict) => v.list().map((r) => r.code).sort();

describe("Watchdog decisions", function () {
  describe("readiness", function () {
    it("is not ready before the indexer finished its backfill, whatever its /status says", function () {
      const v = new Verdict(-1, OPTS, 0);
      v.indexerStarted(0);
      v.observe(100, 100, 1); // ignored: not trusted yet
      expect(v.ready()).to.equal(false);
      expect(codes(v)).to.deep.equal(["starting"]);
      v.indexerCaughtUp(2);
      v.observe(100, 100, 3);
      expect(v.ready()).to.equal(true);
      expect(v.serve()).to.equal(100);
      expect(v.served).to.equal(100);
    });

    it("after a restart, waits until the indexer is back at the block served before", function () {
      const v = new Verdict(250, OPTS, 0); // a previous run served block 250
      v.indexerStarted(0);
      v.indexerCaughtUp(1);
      v.observe(220, 260, 2); // crash recovery: back at the finalized block
      expect(v.ready()).to.equal(false);
      expect(codes(v)).to.deep.equal(["catching-up"]);
      expect(v.list()[0].message).to.contain("behind block 250");
      v.observe(249, 260, 3);
      expect(v.ready()).to.equal(false);
      v.observe(250, 260, 4);
      expect(v.ready()).to.equal(true);
    });

    it("does not wait for a block a reorg removed: the target is capped at the chain's tip", function () {
      const v = new Verdict(300, OPTS, 0);
      v.indexerStarted(0);
      v.indexerCaughtUp(1);
      v.observe(280, 280, 2); // the new branch is shorter than what was served
      expect(v.target()).to.equal(280);
      expect(v.ready()).to.equal(true);
    });

    it("an indexer that exits is not served until a new one has caught up", function () {
      const v = new Verdict(-1, OPTS, 0);
      v.indexerCaughtUp(1);
      v.observe(10, 10, 2);
      expect(v.ready()).to.equal(true);
      v.indexerExited("SIGKILL", 3);
      expect(v.ready()).to.equal(false);
      expect(codes(v)).to.deep.equal(["indexer-down"]);
      v.indexerStarted(4);
      v.observe(10, 10, 5);
      expect(v.ready()).to.equal(false);
      v.indexerCaughtUp(6);
      v.observe(12, 12, 7);
      expect(v.ready()).to.equal(true);
      expect(v.serve()).to.equal(12);
    });

    it("a stall counts only after the indexer lagged for stallMs, and clears when it catches up", function () {
      const v = new Verdict(-1, OPTS, 0);
      v.indexerCaughtUp(0);
      v.observe(10, 20, 1_000);
      expect(v.ready()).to.equal(true); // lagging, not stalled yet
      v.observe(10, 20, 10_999);
      expect(v.ready()).to.equal(true);
      v.observe(10, 21, 11_000);
      expect(codes(v)).to.deep.equal(["stalled"]);
      v.observe(21, 21, 12_000);
      expect(v.ready()).to.equal(true);
    });

    it("repeated RPC failures (the counter's increase in the window) make it not ready, old ones don't", function () {
      const v = new Verdict(-1, OPTS, 0);
      v.indexerCaughtUp(0);
      v.observe(5, 5, 0);
      v.rpcErrorTotal(40, 0); // errors before the window count as the baseline
      v.rpcErrorTotal(42, 1_000);
      expect(v.ready()).to.equal(true);
      v.rpcErrorTotal(43, 2_000);
      expect(codes(v)).to.deep.equal(["rpc-failing"]);
      v.rpcErrorTotal(43, 70_000); // the window slid past them
      v.rpcErrorTotal(43, 130_000);
      expect(v.ready()).to.equal(true);
    });

    it("an unrecoverable reorg or a divergence needs a re-index and stands until the switch", function () {
      const v = new Verdict(-1, OPTS, 0);
      v.indexerCaughtUp(0);
      v.observe(100, 100, 0);
      v.serve();
      v.unrecoverableReorg("localhost finalized block 70", 1);
      expect(v.ready()).to.equal(false);
      expect(v.needsReindex()).to.equal(true);
      v.observe(100, 105, 2); // the old indexer keeps going: still wrong
      expect(v.needsReindex()).to.equal(true);
      v.switched(3);
      expect(v.needsReindex()).to.equal(false);
      expect(v.ready()).to.equal(false); // the new indexer still has to be trusted
      v.indexerCaughtUp(4);
      v.observe(105, 105, 5);
      expect(v.ready()).to.equal(true);
      v.divergence("1 of 10 rows differ", 6);
      expect(v.ready()).to.equal(false);
      expect(v.list()[0].message).to.match(/differs from the contracts at block 105: 1 of 10 rows differ/);
    });

    it("the served block never goes down", function () {
      const v = new Verdict(50, OPTS, 0);
      v.indexerCaughtUp(0);
      v.observe(60, 60, 0);
      v.serve();
      v.observe(55, 55, 1); // a shorter chain after a reorg
      v.serve();
      expect(v.served).to.equal(60);
    });
  });

  describe("re-index rate limit", function () {
    it("allows the first at once, then doubles the spacing, capped", function () {
      const l = new ReindexLimiter(1_000, 5_000, 100_000);
      expect(l.mayStart(0)).to.equal(true);
      l.started(0);
      expect(l.mayStart(999)).to.equal(false);
      expect(l.mayStart(1_000)).to.equal(true);
      l.started(1_000);
      expect(l.nextAllowed()).to.equal(3_000);
      l.started(3_000);
      expect(l.nextAllowed()).to.equal(7_000);
      l.started(7_000);
      expect(l.nextAllowed()).to.equal(12_000); // capped at 5 s
    });

    it("returns to the minimum after a quiet period", function () {
      const l = new ReindexLimiter(1_000, 60_000, 10_000);
      l.started(0);
      l.started(1_000);
      l.started(3_000);
      expect(l.nextAllowed()).to.equal(7_000);
      l.started(50_000);
      expect(l.nextAllowed()).to.equal(51_000);
    });
  });

  describe("Ponder's JSON log lines", function () {
    it("recognises the unrecoverable reorg warning", function () {
      const s = parsePonderLog(JSON.stringify({ level: 40, time: 1, msg: "Encountered unrecoverable reorg", chain: "localhost", chain_id: 31337, finalized_block: 212 }));
      expect(s).to.deep.equal({ kind: "unrecoverable-reorg", detail: "localhost finalized block 212" });
    });

    it("recognises the end of the backfill and the blocks indexed", function () {
      expect(parsePonderLog(JSON.stringify({ level: 30, msg: "Started returning 200 responses", endpoint: "/ready" }))).to.deep.equal({ kind: "caught-up" });
      expect(parsePonderLog(JSON.stringify({ level: 30, msg: "Started returning 200 responses", endpoint: "/health" }))).to.deep.equal({ kind: "other" });
      expect(parsePonderLog(JSON.stringify({ level: 30, msg: "Indexed block", number: 321, event_count: 2 }))).to.deep.equal({ kind: "indexed", block: 321 });
      // the backfill's ranges are not the data's block
      expect(parsePonderLog(JSON.stringify({ level: 30, msg: "Indexed block range", block_range: "[12,250]" }))).to.deep.equal({ kind: "other" });
    });

    it("sorts errors by level and ignores what is not JSON", function () {
      expect(parsePonderLog(JSON.stringify({ level: 50, msg: "Failed RPC request" })).kind).to.equal("rpc-error");
      expect(parsePonderLog(JSON.stringify({ level: 60, msg: "Fatal error" })).kind).to.equal("fatal");
      expect(parsePonderLog(JSON.stringify({ level: 30, msg: "Failed RPC request" })).kind).to.equal("other");
      expect(parsePonderLog("Ponder is starting").kind).to.equal("other");
      expect(parsePonderLog("null").kind).to.equal("other");
    });
  });

  describe("sample comparison", function () {
    const A = "0x00000000000000000000000000000000000000aa";
    const B = "0x00000000000000000000000000000000000000Bb";
    const api: ApiSample = {
      accounts: [{ address: A, balance: "1000", votes: "0", delegate: null }],
      licenses: [{ id: "7", owner: B.toLowerCase() }],
      positions: [
        { account: A, positionId: "1", amount: "50", status: "open" },
        { account: A, positionId: "2", amount: "30", status: "withdrawn" },
      ],
      hosts: [{ address: B, stake: "900" }],
    };
    const chain: ChainSample = {
      accounts: [{ balance: 1000n, votes: 0n, delegate: "0x0000000000000000000000000000000000000000" }],
      licenseOwners: [B],
      positionAmounts: [50n, 0n],
      hostStakes: [900n],
    };

    it("finds none when they agree (addresses compared without case, no delegate = the zero address, a withdrawn position reads 0)", function () {
      expect(differences(api, chain)).to.deep.equal([]);
    });

    it("names every field that differs", function () {
      const wrong: ChainSample = {
        accounts: [{ balance: 0n, votes: 5n, delegate: B }],
        licenseOwners: [undefined],
        positionAmounts: [49n, 0n],
        hostStakes: [901n],
      };
      const d = differences(api, wrong);
      expect(d).to.have.length(6);
      expect(d[0]).to.deep.equal({ key: `account ${A} balance`, text: `account ${A} balance 1000 (chain 0)` });
      expect(d.map((x) => x.text).join("\n")).to.contain("license 7 owner").and.contain("no such token").and.contain("position").and.contain("host");
    });

    it("a field that matches the chain at a later block is not a difference (it may be being written), one that matches none is", function () {
      const behind: ChainSample = { ...chain, accounts: [{ balance: 900n, votes: 0n, delegate: ZERO_ADDRESS }], hostStakes: [800n] };
      const first = differences(api, behind);
      expect(first.map((d) => d.key)).to.deep.equal([`account ${A} balance`, `host ${B} stake`]);
      // only the differing rows are read again
      const again = rowsOf(api, first);
      expect(again.accounts).to.have.length(1);
      expect(again.licenses).to.have.length(0);
      expect(again.positions).to.have.length(0);
      expect(again.hosts).to.have.length(1);
      const later: ChainSample = { accounts: [{ balance: 1000n, votes: 0n, delegate: ZERO_ADDRESS }], licenseOwners: [], positionAmounts: [], hostStakes: [700n] };
      expect(stillDiffering(first, differences(again, later)).map((d) => d.key)).to.deep.equal([`host ${B} stake`]);
    });

    it("a difference counts only when a second sample finds the same field differing again", function () {
      const first = [{ key: "account a balance", text: "1" }, { key: "host b stake", text: "2" }];
      expect(confirmed(first, [{ key: "host b stake", text: "3" }, { key: "license 1 owner", text: "4" }])).to.deep.equal([{ key: "host b stake", text: "3" }]);
      expect(confirmed(first, [])).to.deep.equal([]);
    });
  });
});
