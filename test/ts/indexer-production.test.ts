// The production layout of the README, run for real on a PostgreSQL server: one indexer (`ponder start`) writing a
// deployment schema and keeping a views schema pointed at it, read-only API replicas (`ponder serve`) over the same
// database, and a zero-downtime redeploy (a second deployment in its own schema takes over the views once it is
// ready; the replicas move to it; the old indexer stops). Every answer is compared with the chain.
import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, JsonRpcProvider, Wallet, parseEther } from "ethers";
import { deploy, freePort, gql, startNode, startPonder, stopAllAndWait, stopAndWait, waitFor, waitIndexed } from "../../scripts/lib/local-stack.js";
import { psql, startPostgres } from "../../scripts/lib/postgres.js";
import { simulateGenesis } from "../../scripts/lib/simulate-genesis.js";
import type { Manifest } from "../../scripts/lib/manifest.js";

const VIEWS = "aethir";
const ACCOUNTS = `{ accounts(orderBy: "address", limit: 1000) { items { address balance votes delegate } } supplySplit(id: "current") { totalSupply circulating locked treasury holders } }`;

interface AccountRow {
  address: string;
  balance: string;
  votes: string;
  delegate: string | null;
}
type Answer = { accounts: { items: AccountRow[] }; supplySplit: { totalSupply: string; circulating: string } };
type Ponder = Awaited<ReturnType<typeof startPonder>>;

describe("Indexer in production: PostgreSQL, read-only replicas and a zero-downtime redeploy", function () {
  this.timeout(300_000);
  let rpcUrl = "";
  let manifestPath = "";
  let databaseUrl = "";
  let provider: JsonRpcProvider;
  let token: Contract;

  const ponder = async (schema: string, command: "start" | "serve" = "start"): Promise<Ponder> =>
    startPonder({ port: await freePort(), rpcUrl, manifestPath, databaseUrl, schema, command, viewsSchema: command === "start" ? VIEWS : undefined });
  /** The tables the views schema's `account` view reads (its definition names the deployment's schema). */
  const viewTarget = () => psql(databaseUrl, `select view_definition from information_schema.views where table_schema = '${VIEWS}' and table_name = 'account'`);
  /** Every account the API serves holds on chain exactly the balance and votes it says. */
  const expectChainState = async (answer: Answer) => {
    expect(answer.accounts.items.length).to.be.greaterThan(5);
    for (const a of answer.accounts.items) {
      expect(BigInt(a.balance), a.address).to.equal(await token.balanceOf(a.address));
      expect(BigInt(a.votes), a.address).to.equal(await token.getVotes(a.address));
    }
    expect(BigInt(answer.supplySplit.totalSupply)).to.equal(await token.totalSupply());
  };
  const sendToFreshAddress = async (amount: bigint) => {
    const accounts: string[] = await provider.send("eth_accounts", []);
    const from = await provider.getSigner(accounts[10]); // a holder after simulateGenesis
    const to = Wallet.createRandom().address.toLowerCase();
    await (await (token.connect(from) as Contract).transfer(to, amount)).wait();
    return to;
  };

  before(async () => {
    const work = mkdtempSync(join(tmpdir(), "aethir-production-"));
    const rpcPort = await freePort();
    rpcUrl = (await startNode(rpcPort)).url;
    manifestPath = join(work, "localhost.json");
    await deploy(rpcPort, manifestPath);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    await simulateGenesis(rpcUrl, manifest);
    provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
    token = new Contract(manifest.contracts.AethirToken.address, manifest.contracts.AethirToken.abi as never, provider);
    databaseUrl = (await startPostgres()).url;
  });

  after(async () => {
    provider?.destroy();
    await stopAllAndWait();
  });

  it("serves the same chain state from the indexer and from two replicas, keeps the views on the newest ready deployment, and redeploys without a gap", async () => {
    // deployment A: the indexer, then two replicas over its schema
    const a = await ponder("deploy_a");
    await waitIndexed(a.url, rpcUrl);
    const [r1, r2] = [await ponder("deploy_a", "serve"), await ponder("deploy_a", "serve")];
    const fromA = await gql<Answer>(a.url, ACCOUNTS);
    await expectChainState(fromA);
    for (const r of [r1, r2]) {
      expect(await gql<Answer>(r.url, ACCOUNTS)).to.deep.equal(fromA);
      // the analyst endpoints are served by the replicas too (same app, read-only)
      const overview = (await (await fetch(`${r.url}/overview`)).json()) as { supply: { circulating: string } };
      expect(overview.supply.circulating).to.equal(fromA.supplySplit.circulating);
    }

    // the replicas read the live tables: a new block indexed by A is served by every replica
    const fresh = await sendToFreshAddress(parseEther("12.5"));
    await waitIndexed(a.url, rpcUrl);
    for (const r of [a, r1, r2]) {
      const { account } = await gql<{ account: AccountRow | null }>(r.url, `query($a: String!) { account(address: $a) { balance } }`, { a: fresh });
      expect(account?.balance).to.equal(String(await token.balanceOf(fresh)));
    }

    // the views schema points at A once A is ready; direct SQL there sees the chain's state
    await waitFor("the views schema", async () => viewTarget().includes("deploy_a"), 60_000);
    expect(BigInt(psql(databaseUrl, `select balance from ${VIEWS}.account where address = '${fresh}'`))).to.equal(await token.balanceOf(fresh));

    // redeploy: B indexes into its own schema while A and its replicas keep serving
    const b = await ponder("deploy_b");
    expect(await gql<Answer>(r1.url, ACCOUNTS)).to.deep.equal(await gql<Answer>(a.url, ACCOUNTS));
    await waitIndexed(b.url, rpcUrl);
    await waitFor("the views to move to deploy_b", async () => viewTarget().includes("deploy_b"), 60_000);
    expect(BigInt(psql(databaseUrl, `select balance from ${VIEWS}.account where address = '${fresh}'`))).to.equal(await token.balanceOf(fresh));
    // B's replica serves what A serves
    const r3 = await ponder("deploy_b", "serve");
    const fromB = await gql<Answer>(r3.url, ACCOUNTS);
    expect(fromB).to.deep.equal(await gql<Answer>(a.url, ACCOUNTS));
    await expectChainState(fromB);

    // A and its replicas retire; B's replica goes on serving new blocks
    for (const p of [r1, r2, a]) await stopAndWait(p.child);
    const later = await sendToFreshAddress(parseEther("3"));
    await waitIndexed(b.url, rpcUrl);
    const { account } = await gql<{ account: AccountRow | null }>(r3.url, `query($a: String!) { account(address: $a) { balance } }`, { a: later });
    expect(account?.balance).to.equal(String(await token.balanceOf(later)));
  });
});
