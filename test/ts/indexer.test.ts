// End to end: a local node, the real deploy script, simulated activity, then Ponder on PGlite. Every figure the
// API serves must equal the chain's state read through the contracts' views.
import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, JsonRpcProvider } from "ethers";
import { deploy, freePort, gql, sqlOverHttp, startNode, startPonder, stopAll, waitIndexed } from "../../scripts/lib/local-stack.js";
import { simulateGenesis } from "../../scripts/lib/simulate-genesis.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { BUCKETS, TOTAL_SUPPLY } from "../../scripts/lib/tokenomics.js";

interface Account { address: string; balance: string; votes: string; delegate: string | null; bucket: string | null }
interface Bucket { address: string; name: string; category: string; allocated: string; released: string; drawn: string; returned: string; paused: boolean; beneficiary: string | null; start: string; end: string; periods: number }

describe("Indexer end to end (PGlite)", function () {
  this.timeout(300_000);
  let manifest: Manifest;
  let provider: JsonRpcProvider;
  let api: string;
  const contract = (name: string) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, provider);

  before(async () => {
    const work = mkdtempSync(join(tmpdir(), "aethir-e2e-"));
    const rpcPort = await freePort();
    const node = await startNode(rpcPort);
    const manifestPath = join(work, "localhost.json");
    const firstDeploy = await deploy(rpcPort, manifestPath);
    expect(firstDeploy).to.match(/Wrote/);
    // The deploy script is idempotent: a second run against the same chain does nothing and says so.
    expect(await deploy(rpcPort, manifestPath)).to.match(/already has this deployment/);
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    await simulateGenesis(node.url, manifest);
    provider = new JsonRpcProvider(node.url, undefined, { cacheTimeout: -1 });
    const ponder = await startPonder({ port: await freePort(), rpcUrl: node.url, manifestPath, pgliteDir: join(work, "pglite"), schema: "e2e" });
    api = ponder.url;
    await waitIndexed(api, node.url);
  });

  after(() => {
    provider?.destroy();
    stopAll();
  });

  it("serves every account's balance, votes and delegate exactly as the chain holds them", async () => {
    const { accounts } = await gql<{ accounts: { items: Account[] } }>(api, `{ accounts(limit: 1000) { items { address balance votes delegate bucket } } }`);
    const token = contract("AethirToken");
    expect(accounts.items.length).to.be.greaterThan(15);
    for (const a of accounts.items) {
      expect(BigInt(a.balance), `balance of ${a.address}`).to.equal(await token.balanceOf(a.address));
      expect(BigInt(a.votes), `votes of ${a.address}`).to.equal(await token.getVotes(a.address));
      const delegate = ((await token.delegates(a.address)) as string).toLowerCase();
      expect(a.delegate ?? "0x0000000000000000000000000000000000000000", `delegate of ${a.address}`).to.equal(delegate);
    }
    const sum = accounts.items.reduce((s, a) => s + BigInt(a.balance), 0n);
    expect(sum).to.equal(TOTAL_SUPPLY);
    expect(accounts.items.some((a) => BigInt(a.votes) > 0n)).to.equal(true);
  });

  it("serves each bucket's allocation, releases, draws, returns and pause state as the contracts report them", async () => {
    const { buckets } = await gql<{ buckets: { items: Bucket[] } }>(api, `{ buckets(limit: 20) { items { address name category allocated released drawn returned paused beneficiary start end periods } } }`);
    expect(buckets.items.map((b) => b.name).sort()).to.deep.equal(BUCKETS.map((b) => b.name).sort());
    const token = contract("AethirToken");
    for (const b of buckets.items) {
      const c = contract(b.name);
      expect(BigInt(b.allocated), `${b.name} allocated`).to.equal(BigInt(manifest.buckets.find((x) => x.name === b.name)!.amount));
      if (b.category === "pool") {
        expect(BigInt(b.drawn), `${b.name} drawn`).to.equal(await c.drawn());
        expect(BigInt(b.returned), `${b.name} returned`).to.equal(await c.returned());
        expect(b.paused, `${b.name} paused`).to.equal(await c.paused());
        expect(BigInt(b.start)).to.equal(await c.start());
        expect(BigInt(b.end)).to.equal(await c.end());
      } else {
        expect(BigInt(b.released), `${b.name} released`).to.equal(await c["released(address)"](await token.getAddress()));
        expect(b.beneficiary, `${b.name} beneficiary`).to.equal(((await c.owner()) as string).toLowerCase());
        expect(BigInt(b.end)).to.equal(await c.end());
      }
      expect(BigInt(b.allocated) - BigInt(b.released), `${b.name} balance`).to.equal(await token.balanceOf(b.address));
    }
    expect(buckets.items.find((b) => b.name === "AirdropVesting")!.periods).to.equal(3);
    expect(buckets.items.some((b) => b.paused)).to.equal(true);
  });

  it("serves the supply split and governance records", async () => {
    const { supply } = await gql<{ supply: { totalSupply: string; locked: string; treasury: string; circulating: string } }>(
      api,
      `{ supply(id: "current") { totalSupply locked treasury circulating } }`,
    );
    const token = contract("AethirToken");
    let locked = 0n;
    for (const b of BUCKETS) locked += await token.balanceOf(manifest.contracts[b.name].address);
    const treasury = await token.balanceOf(manifest.contracts.Timelock.address);
    expect(BigInt(supply.totalSupply)).to.equal(TOTAL_SUPPLY);
    expect(BigInt(supply.locked)).to.equal(locked);
    expect(BigInt(supply.treasury)).to.equal(treasury);
    expect(BigInt(supply.circulating)).to.equal(TOTAL_SUPPLY - locked - treasury);
    const { timelockCalls, roleMembers } = await gql<{ timelockCalls: { items: { status: string }[] }; roleMembers: { items: { role: string; active: boolean }[] } }>(
      api,
      `{ timelockCalls { items { status } } roleMembers(where: { active: true }) { items { role active } } }`,
    );
    expect(timelockCalls.items.map((c) => c.status)).to.deep.equal(["executed", "executed"]);
    const distributorRole = await contract("CheckerBaseRewardPool").DISTRIBUTOR_ROLE();
    expect(roleMembers.items.filter((r) => r.role === distributorRole).length).to.equal(2);
  });

  it("answers SQL over HTTP with the same figures", async () => {
    const result = await sqlOverHttp<{ rows: { total: string; n: number }[] }>(api, "select sum(balance)::text as total, count(*)::int as n from account");
    const { accounts } = await gql<{ accounts: { items: unknown[] } }>(api, `{ accounts(limit: 1000) { items { address } } }`);
    expect(BigInt(result.rows[0].total)).to.equal(TOTAL_SUPPLY);
    expect(result.rows[0].n).to.equal(accounts.items.length);
  });
});
