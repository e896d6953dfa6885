// The compute-provider part of the end-to-end indexer test (issue 15): after the checker work's epochs, in which the
// referee posted a compute root per epoch, anyone pushed the compute host's Enterprise/IDC rewards and the Edge device's
// owner claimed, what the API serves about compute rewards must be the chain's state (roots, syncs, payments,
// settings), and its per container and per account rows the compute reports whose roots the chain holds.
// test/ts/indexer.test.ts calls `defineComputeChecks` inside its per-database `describe`.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Contract, Wallet, type JsonRpcProvider } from "ethers";
import { gql } from "../../scripts/lib/local-stack.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { COMPUTE_CONTAINERS, COMPUTE_HOST_KEY, EDGE_OWNER_ACCOUNT, FLEET_CONTAINERS, type CheckerWork } from "../../scripts/lib/simulate-rewards.js";
import type { ComputeReport } from "../../scripts/referee/compute-rewards.js";

export interface ComputeCheckContext {
  api: () => string;
  manifest: () => Manifest;
  provider: () => JsonRpcProvider;
  work: () => CheckerWork;
}

const lc = (a: string) => a.toLowerCase();
type Items<T> = { items: T[] };
type Args = Record<string, unknown> & unknown[];

export function defineComputeChecks(ctx: ComputeCheckContext): void {
  const compute = () => {
    const c = ctx.manifest().contracts.ComputeRewards;
    return new Contract(c.address, c.abi as never, ctx.provider());
  };
  const events = async (name: string) => {
    const c = compute();
    const logs = await c.queryFilter(c.filters[name](), ctx.manifest().contracts.ComputeRewards.blockNumber);
    return logs.map((l) => ({ args: (l as unknown as { args: Args }).args, tx: l.transactionHash }));
  };
  const q = <T>(query: string) => gql<T>(ctx.api(), query);
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${ctx.api()}${path}`)).json()) as T;
  const report = (epoch: number) => JSON.parse(readFileSync(join(ctx.work().outDir, `epoch-${epoch}.compute.report.json`), "utf8")) as ComputeReport;
  const host = lc(new Wallet(COMPUTE_HOST_KEY).address);
  let edgeOwner = "";
  before(async () => {
    edgeOwner = lc(((await ctx.provider().send("eth_accounts", [])) as string[])[EDGE_OWNER_ACCOUNT]);
  });

  describe("compute-provider rewards", () => {
    it("serves every compute root as posted and synced on chain, each backed by its imported report", async () => {
      const posted = await events("RootPosted");
      const synced = await events("Synced");
      expect(posted.length).to.equal(ctx.work().lastEpoch + 1); // one per settled epoch, from epoch 0
      const { computeRoots } = await q<{ computeRoots: Items<Record<string, string | number | null>> }>(
        `{ computeRoots(orderBy: "epoch", limit: 1000) { items { epoch root cumulativeEdge cumulativeEnterprise addedEdge addedEnterprise dataURI finalAt status drawnEdge drawnEnterprise report edgePot enterprisePot containers zeroedContainers } } }`,
      );
      expect(computeRoots.items.length).to.equal(posted.length);
      let previous = { edge: 0n, enterprise: 0n };
      for (const [i, p] of posted.entries()) {
        const row = computeRoots.items[i];
        const chain = await compute().rootOf(p.args.epoch);
        expect([row.epoch, row.root, row.cumulativeEdge, row.cumulativeEnterprise, row.dataURI, row.finalAt]).to.deep.equal(
          [String(p.args.epoch), chain.root, String(chain.cumulativeEdge), String(chain.cumulativeEnterprise), p.args.dataURI, String(chain.finalAt)],
        );
        expect([BigInt(row.addedEdge!), BigInt(row.addedEnterprise!)]).to.deep.equal([chain.cumulativeEdge - previous.edge, chain.cumulativeEnterprise - previous.enterprise]);
        previous = { edge: chain.cumulativeEdge, enterprise: chain.cumulativeEnterprise };
        const s = synced.find((e) => e.args.epoch === p.args.epoch);
        expect(row.status).to.equal(s ? "synced" : "posted");
        if (s) expect([row.drawnEdge, row.drawnEnterprise]).to.deep.equal([String(s.args.drawnEdge), String(s.args.drawnEnterprise)]);
        expect(row.report).to.equal("imported");
        const r = report(Number(p.args.epoch));
        expect([row.edgePot, row.enterprisePot, row.containers, row.zeroedContainers]).to.deep.equal([r.edge.pot, r.enterprise.pot, r.containers.length, r.containers.filter((c) => c.zeroed).length]);
      }
      const { computeSetting } = await q<{ computeSetting: Record<string, unknown> }>(`{ computeSetting(id: "compute") { challengeWindow edgeClasses syncedEpoch fundedEdge fundedEnterprise } }`);
      const c = compute();
      expect(computeSetting).to.deep.equal({
        challengeWindow: String(await c.challengeWindow()),
        edgeClasses: [4],
        syncedEpoch: String(await c.syncedEpoch()),
        fundedEdge: String(await c.fundedEdge()),
        fundedEnterprise: String(await c.fundedEnterprise()),
      });
      expect(await c.isEdgeClass(4)).to.equal(true);
    });

    it("serves every push and Edge claim as the chain's events, and each provider's leaf and payments as the chain records them", async () => {
      const pushes = await events("HostRewardsPushed");
      const claims = await events("EdgeClaimed");
      // the story: anyone pushed the compute host's rewards and the Edge owner claimed, once each
      expect(pushes.map((e) => lc(String(e.args.host)))).to.deep.equal([host]);
      expect(claims.map((e) => lc(String(e.args.account)))).to.deep.equal([edgeOwner]);
      const { computePayments } = await q<{ computePayments: Items<{ kind: string; account: string; caller: string; epoch: string; cumulative: string; amount: string; transactionHash: string }> }>(
        `{ computePayments(limit: 1000) { items { kind account caller epoch cumulative amount transactionHash } } }`,
      );
      const expected = [
        ...pushes.map((e) => ({ kind: "push", account: lc(String(e.args.host)), caller: lc(String(e.args.caller)), epoch: String(e.args.epoch), cumulative: String(e.args.cumulativeEnterprise), amount: String(e.args.amount), transactionHash: e.tx })),
        ...claims.map((e) => ({ kind: "edge-claim", account: lc(String(e.args.account)), caller: lc(String(e.args.account)), epoch: String(e.args.epoch), cumulative: String(e.args.cumulativeEdge), amount: String(e.args.amount), transactionHash: e.tx })),
      ];
      expect(computePayments.items).to.have.deep.members(expected);

      const last = report(ctx.work().lastEpoch);
      const board = await get<{ account: string; cumulativeEdge: string; cumulativeEnterprise: string; earned: string; claimedEdge: string; pushedEnterprise: string }[]>("/leaderboard/providers?limit=1000");
      expect(board.map((b) => b.account).sort()).to.deep.equal(last.accounts.map((a) => a.account).sort());
      for (let i = 1; i < board.length; i++) expect(BigInt(board[i - 1].earned) >= BigInt(board[i].earned)).to.equal(true);
      for (const a of last.accounts) {
        const row = board.find((b) => b.account === a.account)!;
        expect([row.cumulativeEdge, row.cumulativeEnterprise, row.earned]).to.deep.equal([a.cumulativeEdge, a.cumulativeEnterprise, String(BigInt(a.cumulativeEdge) + BigInt(a.cumulativeEnterprise))]);
        expect(row.claimedEdge).to.equal(String(await compute().claimedEdge(a.account)));
        expect(row.pushedEnterprise).to.equal(String(await compute().pushedEnterprise(a.account)));
      }
      // the host earned from the Enterprise/IDC pool, the Edge owner from the Edge pool; each was paid its leaf of the
      // root before the last one, the last epoch's increase left for the README's commands
      const before = report(ctx.work().lastEpoch - 1);
      const leaf = (r: ComputeReport, a: string) => r.accounts.find((x) => x.account === a)!;
      expect(BigInt(leaf(last, host).cumulativeEnterprise)).to.be.greaterThan(BigInt(leaf(before, host).cumulativeEnterprise));
      expect(BigInt(leaf(last, edgeOwner).cumulativeEdge)).to.be.greaterThan(BigInt(leaf(before, edgeOwner).cumulativeEdge));
      expect(await compute().pushedEnterprise(host)).to.equal(BigInt(leaf(before, host).cumulativeEnterprise));
      expect(await compute().claimedEdge(edgeOwner)).to.equal(BigInt(leaf(before, edgeOwner).cumulativeEdge));
      expect(pushes.map((e) => Number(e.args.epoch))).to.deep.equal([ctx.work().lastEpoch - 1]);
    });

    it("serves each epoch's containers and accounts as the compute report the posted root commits to: the down fleet container earns nothing for its failed epoch", async () => {
      const work = ctx.work();
      for (let epoch = work.firstEpoch; epoch <= work.lastEpoch; epoch++) {
        const r = report(epoch);
        expect(r.root === (await compute().rootOf(epoch)).root || BigInt(r.totalEdge) + BigInt(r.totalEnterprise) === 0n).to.equal(true);
        const served = await get<{ containers: Record<string, unknown>[]; accounts: Record<string, unknown>[] }>(`/compute/epochs/${epoch}`);
        expect(served.containers.map((c) => [c.container, c.host, c.pool, c.assigned, c.pass, c.fail, c.points, c.earned, c.zeroed])).to.have.deep.members(
          r.containers.map((c) => [c.container, c.host, c.pool, c.assigned, c.pass, c.fail, String(c.points), c.earned, c.zeroed]),
        );
        expect(served.accounts.map((a) => [a.account, a.earnedEdge, a.earnedEnterprise, a.cumulativeEdge, a.cumulativeEnterprise])).to.have.deep.members(
          r.accounts.map((a) => [a.account, a.earnedEdge, a.earnedEnterprise, a.cumulativeEdge, a.cumulativeEnterprise]),
        );
        const byId = new Map(r.containers.map((c) => [c.container, c]));
        expect(BigInt(byId.get(COMPUTE_CONTAINERS.a100)!.earned)).to.be.greaterThan(0n);
        expect(byId.get(COMPUTE_CONTAINERS.edge)!.pool).to.equal("edge");
        expect(BigInt(byId.get(COMPUTE_CONTAINERS.edge)!.earned)).to.be.greaterThan(0n);
        for (const down of work.down[epoch] ?? []) expect([byId.get(down)!.zeroed, byId.get(down)!.earned]).to.deep.equal(["fail-majority", "0"]);
        // the fleet host is not staked: halted, its containers earn nothing
        for (const c of FLEET_CONTAINERS.filter((f) => !(work.down[epoch] ?? []).includes(f))) expect(byId.get(c)!.zeroed).to.equal("halted");
      }
      expect(Object.values(work.down).flat().length).to.be.greaterThan(0);
      const missing = await fetch(`${ctx.api()}/compute/epochs/99999`);
      expect(missing.status).to.equal(404);
      expect(((await missing.json()) as { error: string }).error).to.match(/No compute root is posted for epoch 99999/);
    });

    it("serves the daily series per pool: what the roots added sums to the newest totals, what syncs drew to what ComputeRewards funded, what was paid to the payments", async () => {
      const { computeDays } = await q<{ computeDays: Items<{ pool: string; added: string; drawn: string; paid: string }> }>(`{ computeDays(limit: 1000) { items { pool added drawn paid } } }`);
      const sum = (pool: string, k: "added" | "drawn" | "paid") => computeDays.items.filter((d) => d.pool === pool).reduce((s, d) => s + BigInt(d[k]), 0n);
      const c = compute();
      const newest = await c.rootOf(ctx.work().lastEpoch);
      expect([sum("edge", "added"), sum("enterprise", "added")]).to.deep.equal([newest.cumulativeEdge, newest.cumulativeEnterprise]);
      expect([sum("edge", "drawn"), sum("enterprise", "drawn")]).to.deep.equal([await c.fundedEdge(), await c.fundedEnterprise()]);
      const pushed = (await events("HostRewardsPushed")).reduce((s, e) => s + BigInt(e.args.amount as bigint), 0n);
      const claimed = (await events("EdgeClaimed")).reduce((s, e) => s + BigInt(e.args.amount as bigint), 0n);
      expect([sum("edge", "paid"), sum("enterprise", "paid")]).to.deep.equal([claimed, pushed]);
    });
  });
}
