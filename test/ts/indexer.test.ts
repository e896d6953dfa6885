// End to end: a local node, the real deploy script, simulated activity, then Ponder twice over the same chain, on
// PGlite and on a real PostgreSQL server. Every figure each API serves must equal the chain's state read through the
// contracts' views.
import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Contract,
  JsonRpcProvider,
  Wallet,
  ZeroAddress,
  ZeroHash,
  encodeBytes32String,
  id,
  parseEther,
} from "ethers";
import {
  deploy,
  freePort,
  gql,
  sqlOverHttp,
  startNode,
  indexedBlock,
  startPonder,
  stopAllAndWait,
  stopAndWait,
  waitIndexed,
} from "../../scripts/lib/local-stack.js";
import { startPostgres } from "../../scripts/lib/postgres.js";
import { simulateGenesis } from "../../scripts/lib/simulate-genesis.js";
import {
  REFERRAL_CODE,
  SELF_REFERRAL_CODE,
  simulateLicenses,
  withdrawReferralRewards,
} from "../../scripts/lib/simulate-licenses.js";
import { BEHAVIOURS, SIM_LICENSES, simulateRewards, type CheckerWork } from "../../scripts/lib/simulate-rewards.js";
import { verifyAssignment } from "../../scripts/referee/assignment.js";

/** How many equivocations the referee reported (one per license and epoch), from its own reports. */
const reportedEquivocations = (work: CheckerWork) => work.reports.reduce((n, r) => n + new Set(r.equivocations.map((e) => e.licenseId)).size, 0);
import { simulateStaking, type StakingStory } from "../../scripts/lib/simulate-staking.js";
import { simulateGovernance, type GovernanceStory } from "../../scripts/lib/simulate-governance.js";
import { defineGovernanceChecks } from "./indexer-governance.checks.js";
import { defineStakingChecks } from "./indexer-staking.checks.js";
import { defineExampleChecks } from "./indexer-examples.checks.js";
import { defineEdgeChecks } from "./indexer-edges.checks.js";
import { defineApiChecks } from "./indexer-api.checks.js";
import { defineComputeChecks } from "./indexer-compute.checks.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { holdings } from "../../scripts/ops/licenses.js";
import { delegate as delegateToHost, registerHost } from "../../scripts/ops/staking.js";
import { earnings } from "../../scripts/ops/rewards.js";
import { BUCKETS, TOTAL_SUPPLY } from "../../scripts/lib/tokenomics.js";

interface Account {
  address: string;
  balance: string;
  votes: string;
  delegate: string | null;
  bucket: string | null;
}
interface Bucket {
  address: string;
  name: string;
  category: string;
  allocated: string;
  released: string;
  drawn: string;
  returned: string;
  paused: boolean;
  beneficiary: string | null;
  start: string;
  end: string;
  periods: number;
}

describe("Indexer end to end", function () {
  this.timeout(900_000);
  const apis: Record<"PGlite" | "PostgreSQL", string> = {
    PGlite: "",
    PostgreSQL: "",
  };
  let manifest: Manifest;
  let work: CheckerWork;
  let story: StakingStory;
  let governanceStory: GovernanceStory;
  let restarted = "";
  let stoppedAt = -1;
  let resumedFrom = -1;
  let chainTip = -1;
  let provider: JsonRpcProvider;
  let api: string;
  const referee = async () => contract("CheckerReferee");
  const contract = (name: string) =>
    new Contract(
      manifest.contracts[name].address,
      manifest.contracts[name].abi as never,
      provider,
    );

  before(async () => {
    const work_ = mkdtempSync(join(tmpdir(), "aethir-e2e-"));
    const rpcPort = await freePort();
    const node = await startNode(rpcPort);
    const manifestPath = join(work_, "localhost.json");
    const firstDeploy = await deploy(rpcPort, manifestPath);
    expect(firstDeploy).to.match(/Wrote/);
    // The deploy script is idempotent: a second run against the same chain does nothing and says so.
    expect(await deploy(rpcPort, manifestPath)).to.match(
      /already has this deployment/,
    );
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    await simulateLicenses(node.url, manifest, "config/whitelist.local.csv");
    work = await simulateRewards(node.url, manifest, join(work_, "rewards"));
    await simulateGenesis(node.url, manifest);
    await withdrawReferralRewards(node.url, manifest);
    story = await simulateStaking(node.url, manifest);
    governanceStory = await simulateGovernance(node.url, manifest);
    provider = new JsonRpcProvider(node.url, undefined, { cacheTimeout: -1 });
    await edgeCases();
    await moreHosts();
    const postgres = await startPostgres();
    const [onPglite, onPostgres] = await Promise.all([
      startPonder({
        port: await freePort(),
        rpcUrl: node.url,
        manifestPath,
        pgliteDir: join(work_, "pglite"),
        schema: "e2e",
      }),
      startPonder({
        port: await freePort(),
        rpcUrl: node.url,
        manifestPath,
        databaseUrl: postgres.url,
        schema: "e2e",
      }),
    ]);
    apis.PGlite = onPglite.url;
    apis.PostgreSQL = onPostgres.url;
    // two indexers backfill side by side on two shared cores: 120 s (the default) is not always enough
    await Promise.all([
      waitIndexed(apis.PGlite, node.url, 600_000),
      waitIndexed(apis.PostgreSQL, node.url, 600_000),
    ]);

    // A third indexer is stopped half-way through the backfill and started again on the same database and schema:
    // it must resume where it stopped (a test below compares it with the uninterrupted one).
    const tip = await provider.getBlockNumber();
    const half = manifest.startBlock + Math.floor((tip - manifest.startBlock) / 2);
    const restart = { port: await freePort(), rpcUrl: node.url, manifestPath, pgliteDir: join(work_, "pglite-restart"), schema: "e2e" };
    const first = await startPonder(restart);
    for (let i = 0; i < 6_000 && (await indexedBlock(first.url).catch(() => -1)) < half; i++) await new Promise((ok) => setTimeout(ok, 20));
    stoppedAt = await indexedBlock(first.url);
    await stopAndWait(first.child);
    const second = await startPonder({ ...restart, port: await freePort() });
    resumedFrom = await indexedBlock(second.url).catch(() => -1);
    await waitIndexed(second.url, node.url, 600_000);
    restarted = second.url;
    chainTip = tip;
  });

  /**
   * Events the handlers must not trip on: another ERC-20 (WETH) sent to a vesting wallet and released (it is not ATH
   * released from the bucket), and a timelock operation scheduled, cancelled and scheduled again under the same id.
   */
  async function edgeCases() {
    const accounts: string[] = await provider.send("eth_accounts", []);
    const deployer = await provider.getSigner(accounts[0]);
    const send = async (p: Promise<{ wait(): Promise<unknown> }>) =>
      (await p).wait();
    const weth = new Contract(
      manifest.contracts.WETH.address,
      manifest.contracts.WETH.abi as never,
      deployer,
    );
    await send(weth.deposit({ value: parseEther("3") }));
    await send(
      weth.transfer(
        manifest.contracts.EcosystemVesting.address,
        parseEther("3"),
      ),
    );
    const ecosystem = new Contract(
      manifest.contracts.EcosystemVesting.address,
      manifest.contracts.EcosystemVesting.abi as never,
      deployer,
    );
    await send(ecosystem["release(address)"](manifest.contracts.WETH.address));
    const timelock = new Contract(
      manifest.contracts.Timelock.address,
      manifest.contracts.Timelock.abi as never,
      deployer,
    );
    const pool = contract("CheckerBonusRewardPool");
    const op = [
      manifest.contracts.CheckerBonusRewardPool.address,
      0n,
      pool.interface.encodeFunctionData("unpause"),
      ZeroHash,
      id("e2e: unpause"),
    ] as const;
    const delay = await timelock.getMinDelay();
    await send(timelock.schedule(...op, delay));
    await send(timelock.cancel(await timelock.hashOperation(...op)));
    await send(timelock.schedule(...op, delay));
  }

  /**
   * Two more hosts next to the staking story's, so the host leaderboard and the overview's host totals have something
   * to order and add up: one with more stake than the story's host and a delegator, one with less and none.
   */
  async function moreHosts() {
    const accounts: string[] = await provider.send("eth_accounts", []);
    const deployer = await provider.getSigner(accounts[0]);
    const funder = await provider.getSigner(accounts[6]); // the airdrop beneficiary holds ATH
    const token = new Contract(manifest.contracts.AethirToken.address, manifest.contracts.AethirToken.abi as never, funder);
    const hosts = [
      { name: "big", commissionBps: 1_500, self: parseEther("1000000"), fromFunder: parseEther("5000") },
      { name: "small", commissionBps: 0, self: parseEther("1000"), fromFunder: 0n },
    ];
    for (const h of hosts) {
      const wallet = new Wallet(id(`aethir-e2e-host-${h.name}`), provider);
      await (await deployer.sendTransaction({ to: wallet.address, value: parseEther("1") })).wait();
      await (await token.transfer(wallet.address, h.self)).wait();
      await registerHost(manifest, wallet, h.commissionBps);
      await delegateToHost(manifest, wallet, wallet.address, h.self);
      if (h.fromFunder > 0n) await delegateToHost(manifest, funder, wallet.address, h.fromFunder);
    }
  }

  after(async () => {
    provider?.destroy();
    await stopAllAndWait();
  });

  for (const kind of ["PGlite", "PostgreSQL"] as const) {
    describe(`on ${kind}`, () => {
      before(() => {
        api = apis[kind];
      });
      defineChecks();
      defineStakingChecks({ api: () => api, manifest: () => manifest, provider: () => provider, story: () => story });
      defineExampleChecks({ api: () => api, lastEpoch: () => work.reports.length - 1, chainNow: async () => (await provider.getBlock("latest"))!.timestamp });
      defineApiChecks({ api: () => api, manifest: () => manifest, provider: () => provider, work: () => work, story: () => story });
      defineComputeChecks({ api: () => api, manifest: () => manifest, provider: () => provider, work: () => work });
      defineGovernanceChecks({ api: () => api, manifest: () => manifest, provider: () => provider, story: () => governanceStory });
    });
  }

  describe("after a restart half-way through the backfill", () => {
    it("resumes where it stopped and serves exactly what the uninterrupted indexer serves", async () => {
      // it was stopped mid-way, and came back from a checkpoint, not from the start
      expect(stoppedAt).to.be.within(manifest.startBlock, chainTip - 1);
      expect(resumedFrom).to.be.greaterThanOrEqual(stoppedAt);
      const queries = [
        `{ accounts(orderBy: "address", limit: 1000) { items { address balance votes delegate } } }`,
        `{ buckets(orderBy: "name") { items { name released drawn returned } } supplySplit(id: "current") { circulating locked treasury } }`,
        `{ licenses(orderBy: "id", limit: 1000) { items { id owner operator bannedUntil } } licenseStat(id: "license") { minted } }`,
        `{ saleTiers(orderBy: "tier", limit: 100) { items { tier sold raised } } referralCodes { items { code purchases rewardsEth earned voided } } referralPairs(orderBy: "id", limit: 1000) { items { id earned rewardCapped } } }`,
        `{ supplyDays(orderBy: "day") { items { day circulating transfers } } rewardDays(orderBy: "day") { items { day emittedBase emittedBonus settledEpoch activeLicenses claimed fees penaltiesReturned withdrawn jobsProven } } }`,
        `{ jobs(orderBy: "id", limit: 1000) { items { id epoch job verdict passCount silentCount } } epochSettlements(orderBy: "epoch") { items { epoch basePaid activeLicenses } } }`,
        `{ settledLicenseEpochs(orderBy: "licenseId", limit: 1000) { items { licenseId epoch correct earned } } }`,
        `{ rewardAccounts(orderBy: "account", limit: 1000) { items { account cumulativeEarned cumulativeClaimed vesting withdrawn } } vestingClaims(orderBy: "entryId") { items { account entryId status } } }`,
      ];
      for (const q of queries) expect(await gql(restarted, q), q).to.deep.equal(await gql(apis.PGlite, q));
      const bucketDays = async (url: string) => {
        const q = `{ bucketDays(orderBy: "day", limit: 1000) { items { bucket day balance received sent transfers } } }`;
        const { bucketDays } = await gql<{ bucketDays: { items: { bucket: string; day: number }[] } }>(url, q);
        return bucketDays.items.map((r) => JSON.stringify(r)).sort();
      };
      expect(await bucketDays(restarted)).to.deep.equal(await bucketDays(apis.PGlite));
    });
  });

  // Last: drives the chain through the events the simulations never emit, while the indexers follow in realtime (the
  // checks above hold counts of the simulations' story that the new objects would change).
  defineEdgeChecks({ apis: () => apis, manifest: () => manifest, provider: () => provider });

  /** Every row of a GraphQL list (pages of 1,000). */
  async function allPages<T>(list: string, fields: string, args = ""): Promise<T[]> {
    const rows: T[] = [];
    for (let after: string | null = null; ; ) {
      const page: Record<string, { items: T[]; pageInfo: { endCursor: string; hasNextPage: boolean } }> = await gql(
        api,
        `query ($after: String) { ${list}(${args}${args ? ", " : ""}limit: 1000, after: $after) { items { ${fields} } pageInfo { endCursor hasNextPage } } }`,
        { after },
      );
      rows.push(...page[list].items);
      if (!page[list].pageInfo.hasNextPage) return rows;
      after = page[list].pageInfo.endCursor;
    }
  }

  function defineChecks() {
    it("serves every account's balance, votes and delegate exactly as the chain holds them", async () => {
      const { accounts } = await gql<{ accounts: { items: Account[] } }>(
        api,
        `{ accounts(limit: 1000) { items { address balance votes delegate bucket } } }`,
      );
      const token = contract("AethirToken");
      expect(accounts.items.length).to.be.greaterThan(15);
      const chain = await Promise.all(
        accounts.items.map((a) =>
          Promise.all([
            token.balanceOf(a.address),
            token.getVotes(a.address),
            token.delegates(a.address),
          ]),
        ),
      );
      accounts.items.forEach((a, i) => {
        const [balance, votes, delegate] = chain[i];
        expect(BigInt(a.balance), `balance of ${a.address}`).to.equal(balance);
        expect(BigInt(a.votes), `votes of ${a.address}`).to.equal(votes);
        expect(
          a.delegate ?? "0x0000000000000000000000000000000000000000",
          `delegate of ${a.address}`,
        ).to.equal((delegate as string).toLowerCase());
      });
      const sum = accounts.items.reduce((s, a) => s + BigInt(a.balance), 0n);
      expect(sum).to.equal(TOTAL_SUPPLY);
      expect(accounts.items.some((a) => BigInt(a.votes) > 0n)).to.equal(true);
    });

    it("serves each bucket's allocation, releases, draws, returns and pause state as the contracts report them", async () => {
      const { buckets } = await gql<{ buckets: { items: Bucket[] } }>(
        api,
        `{ buckets(limit: 20) { items { address name category allocated released drawn returned paused beneficiary start end periods } } }`,
      );
      expect(buckets.items.map((b) => b.name).sort()).to.deep.equal(
        BUCKETS.map((b) => b.name).sort(),
      );
      const token = contract("AethirToken");
      for (const b of buckets.items) {
        const c = contract(b.name);
        expect(BigInt(b.allocated), `${b.name} allocated`).to.equal(
          BigInt(manifest.buckets.find((x) => x.name === b.name)!.amount),
        );
        if (b.category === "pool") {
          expect(BigInt(b.drawn), `${b.name} drawn`).to.equal(await c.drawn());
          expect(BigInt(b.returned), `${b.name} returned`).to.equal(
            await c.returned(),
          );
          expect(b.paused, `${b.name} paused`).to.equal(await c.paused());
          expect(BigInt(b.start)).to.equal(await c.start());
          expect(BigInt(b.end)).to.equal(await c.end());
        } else {
          expect(BigInt(b.released), `${b.name} released`).to.equal(
            await c["released(address)"](await token.getAddress()),
          );
          expect(b.beneficiary, `${b.name} beneficiary`).to.equal(
            ((await c.owner()) as string).toLowerCase(),
          );
          expect(BigInt(b.end)).to.equal(await c.end());
        }
        expect(
          BigInt(b.allocated) - BigInt(b.released),
          `${b.name} balance`,
        ).to.equal(await token.balanceOf(b.address));
      }
      expect(
        buckets.items.find((b) => b.name === "AirdropVesting")!.periods,
      ).to.equal(3);
      expect(buckets.items.some((b) => b.paused)).to.equal(true);
    });

    it("serves the supply split and governance records", async () => {
      const { supplySplit } = await gql<{
        supplySplit: {
          totalSupply: string;
          locked: string;
          treasury: string;
          circulating: string;
        };
      }>(
        api,
        `{ supplySplit(id: "current") { totalSupply locked treasury circulating } }`,
      );
      const token = contract("AethirToken");
      let locked = 0n;
      for (const b of BUCKETS)
        locked += await token.balanceOf(manifest.contracts[b.name].address);
      const treasury = await token.balanceOf(
        manifest.contracts.Timelock.address,
      );
      expect(BigInt(supplySplit.totalSupply)).to.equal(TOTAL_SUPPLY);
      expect(BigInt(supplySplit.locked)).to.equal(locked);
      expect(BigInt(supplySplit.treasury)).to.equal(treasury);
      expect(BigInt(supplySplit.circulating)).to.equal(
        TOTAL_SUPPLY - locked - treasury,
      );
      const { timelockCalls, roleMembers } = await gql<{
        timelockCalls: { items: { opId: string; status: string }[] };
        roleMembers: {
          items: {
            contract: string;
            role: string;
            account: string;
            active: boolean;
          }[];
        };
      }>(
        api,
        `{ timelockCalls { items { opId status } } roleMembers(limit: 200) { items { contract role account active } } }`,
      );
      // four from the simulations and the edge cases, and the governance story's two queued proposals
      expect(timelockCalls.items.length).to.equal(6);
      const timelock = contract("Timelock");
      // cancelled operations (the guardian's veto of a queued proposal) are no operation on chain any more
      for (const call of timelockCalls.items)
        expect(call.status).to.equal(
          (await timelock.isOperationDone(call.opId))
            ? "executed"
            : (await timelock.isOperation(call.opId)) ? "scheduled" : "cancelled",
        );
      // Every role membership the API serves, active or revoked, is what AccessControl says on chain.
      const roleAbi = [
        "function hasRole(bytes32 role, address account) view returns (bool)",
      ];
      for (const r of roleMembers.items) {
        expect(
          await new Contract(r.contract, roleAbi, provider).hasRole(
            r.role,
            r.account,
          ),
          `${r.account} on ${r.contract}`,
        ).to.equal(r.active);
      }
      const distributorRole = await contract(
        "CheckerBaseRewardPool",
      ).DISTRIBUTOR_ROLE();
      // On the reward pools: the claims contract on both checker pools, the simulation's distributor on the base and
      // Edge pools, and ComputeRewards on the Edge and Enterprise/IDC pools (HostStaking is no distributor of any).
      const pools = new Set(
        Object.entries(manifest.contracts)
          .filter(([name]) => name.endsWith("RewardPool"))
          .map(([, c]) => c.address.toLowerCase()),
      );
      const distributors = roleMembers.items.filter(
        (r) => r.role === distributorRole && r.active && pools.has(r.contract.toLowerCase()),
      );
      expect(distributors.length).to.equal(6);
      for (const pool of ["EdgeRewardPool", "EnterpriseRewardPool"]) {
        expect(
          distributors.some(
            (r) =>
              r.contract.toLowerCase() === manifest.contracts[pool].address.toLowerCase() &&
              r.account.toLowerCase() === manifest.contracts.ComputeRewards.address.toLowerCase(),
          ),
        ).to.equal(true);
      }
      expect(distributors.some((r) => r.account.toLowerCase() === manifest.contracts.HostStaking.address.toLowerCase())).to.equal(false);
      // The deployer kept no admin role anywhere (it stays the local timelock's proposer and executor by config).
      const deployer = manifest.deployer.toLowerCase();
      const adminRole = `0x${"0".repeat(64)}`;
      expect(
        roleMembers.items.filter(
          (r) => r.account === deployer && r.active && r.role === adminRole,
        ),
      ).to.deep.equal([]);
      expect(
        roleMembers.items.some(
          (r) => r.account === deployer && r.role === adminRole && !r.active,
        ),
        "it had admin roles and renounced them",
      ).to.equal(true);
    });

    it("serves every license's owner, operator, ban, tier and price as the chain holds them", async () => {
      const lic = contract("CheckerLicense");
      const sale = contract("LicenseSale");
      const total = Number(await lic.totalSupply());
      expect(total).to.equal(997 + 8 + 4);
      type LicenseRow = {
        id: string;
        owner: string;
        operator: string | null;
        operatorExpires: string;
        bannedUntil: string;
        tier: number;
        price: string;
      };
      const page = async (where: string) =>
        (
          await gql<{ licenses: { items: LicenseRow[] } }>(
            api,
            `{ licenses(limit: 1000, orderBy: "id"${where}) { items { id owner operator operatorExpires bannedUntil tier price } } }`,
          )
        ).licenses.items;
      const all = [
        ...(await page("")),
        ...(await page(`, where: { id_gt: "1000" }`)),
      ];
      expect(all.length).to.equal(total);
      const tierOf = (idx: number) => (idx <= 1000 ? 0 : 1);
      const prices = [(await sale.tier(0)).price, (await sale.tier(1)).price];
      // Read the chain in parallel: ethers batches concurrent calls into JSON-RPC batches.
      const chain = await Promise.all(
        all.map(async (l) => {
          const tokenId = BigInt(l.id);
          const [owner, operator, expires, banned] = await Promise.all([
            lic.ownerOf(tokenId),
            lic.userOf(tokenId),
            lic.userExpires(tokenId),
            lic.bannedUntil(tokenId),
          ]);
          return {
            owner: (owner as string).toLowerCase(),
            operator: (operator as string).toLowerCase(),
            expires: expires as bigint,
            banned: banned as bigint,
          };
        }),
      );
      all.forEach((l, i) => {
        const c = chain[i];
        expect(l.owner, `owner of ${l.id}`).to.equal(c.owner);
        expect(
          l.operator ?? "0x0000000000000000000000000000000000000000",
          `operator of ${l.id}`,
        ).to.equal(c.operator);
        expect(BigInt(l.operatorExpires), `expiry of ${l.id}`).to.equal(
          c.expires,
        );
        expect(BigInt(l.bannedUntil), `ban of ${l.id}`).to.equal(c.banned);
        expect(l.tier, `tier of ${l.id}`).to.equal(tierOf(Number(l.id)));
        expect(BigInt(l.price), `price of ${l.id}`).to.equal(prices[l.tier]);
      });
      // the checker-work simulation delegates licenses 1..40 to their owners' operators (banned license 2 keeps the
      // sale's operator; license 3, moved to custody, was delegated again by its new owner)
      expect(all.filter((l) => l.operator !== null).length).to.equal(SIM_LICENSES);
      // Counts per owner equal balanceOf.
      const { accounts } = await gql<{
        accounts: { items: { address: string; licenseCount: number }[] };
      }>(
        api,
        `{ accounts(where: { licenseCount_gt: 0 }, limit: 1000) { items { address licenseCount } } }`,
      );
      const balances = await Promise.all(
        accounts.items.map((a) => lic.balanceOf(a.address)),
      );
      accounts.items.forEach((a, i) =>
        expect(a.licenseCount, `licenses of ${a.address}`).to.equal(
          Number(balances[i]),
        ),
      );
      expect(accounts.items.reduce((s, a) => s + a.licenseCount, 0)).to.equal(
        total,
      );
    });

    it("serves the sale's tiers, referral codes, money and KYC status as the contracts hold them", async () => {
      const sale = contract("LicenseSale");
      const { saleTiers } = await gql<{
        saleTiers: {
          items: {
            tier: number;
            sold: number;
            price: string;
            supply: number;
            capPerBuyer: number;
          }[];
        };
      }>(
        api,
        `{ saleTiers(orderBy: "tier", limit: 100) { items { tier sold price supply capPerBuyer } } }`,
      );
      expect(saleTiers.items.length).to.equal(53);
      for (const t of saleTiers.items) {
        const chain = await sale.tier(t.tier);
        expect(
          [t.sold, BigInt(t.price), t.supply, t.capPerBuyer],
          `tier ${t.tier}`,
        ).to.deep.equal([
          Number(chain.sold),
          chain.price,
          Number(chain.supply),
          Number(chain.capPerBuyer),
        ]);
      }
      expect(saleTiers.items[0].sold).to.equal(1000);
      expect(saleTiers.items[1].sold).to.equal(9);
      type Referrer = {
        address: string;
        accruedEth: string;
        withdrawnEth: string;
        voidedEth: string;
        accruedWeth: string;
        withdrawnWeth: string;
        voidedWeth: string;
        withdrawableAfter: string;
        rewardCapped: string;
      };
      type Code = { owner: string; rewardsEth: string; rewardsWeth: string; earned: string; voided: boolean; voidedWeth: string };
      const { referralCode, self, referrers, referralPairs } = await gql<{
        referralCode: Code;
        self: Code;
        referrers: { items: Referrer[] };
        referralPairs: { items: { code: string; buyer: string; earned: string; rewardCapped: string }[] };
      }>(
        api,
        `query($code: String!, $self: String!) {
          referralCode(code: $code) { owner rewardsEth rewardsWeth earned voided voidedWeth }
          self: referralCode(code: $self) { owner rewardsEth rewardsWeth earned voided voidedWeth }
          referrers { items { address accruedEth withdrawnEth voidedEth accruedWeth withdrawnWeth voidedWeth withdrawableAfter rewardCapped } }
          referralPairs(limit: 1000) { items { code buyer earned rewardCapped } } }`,
        { code: REFERRAL_CODE, self: SELF_REFERRAL_CODE },
      );
      expect(referralCode.owner).to.equal(
        ((await sale.referrerOf(REFERRAL_CODE)) as string).toLowerCase(),
      );
      const owedEth = (r: Referrer) => BigInt(r.accruedEth) - BigInt(r.withdrawnEth) - BigInt(r.voidedEth);
      const owedWeth = (r: Referrer) => BigInt(r.accruedWeth) - BigInt(r.withdrawnWeth) - BigInt(r.voidedWeth);
      const chainNow = BigInt((await provider.getBlock("latest"))!.timestamp);
      for (const r of referrers.items) {
        expect(owedEth(r), `ETH owed to ${r.address}`).to.equal(await sale.ethRewards(r.address));
        expect(owedWeth(r), `WETH owed to ${r.address}`).to.equal(await sale.wethRewards(r.address));
        const b = await sale.referralRewards(r.address);
        // Everything the indexer saw accrue is withdrawable after withdrawableAfter, and nothing is locked past it.
        expect(BigInt(b.lockedUntil) <= BigInt(r.withdrawableAfter), `locked until, ${r.address}`).to.equal(true);
        if (BigInt(r.withdrawableAfter) <= chainNow) expect(b.lockedEth + b.lockedWeth).to.equal(0n);
      }
      expect(BigInt(referralCode.rewardsEth) > 0n).to.equal(true);
      // The story's referrer: every reward accrued was withdrawn after the payout delay; one buyer hit the cap.
      const aethir = referrers.items.find((r) => r.address === referralCode.owner)!;
      expect(BigInt(aethir.withdrawnEth)).to.equal(BigInt(aethir.accruedEth));
      expect(BigInt(aethir.withdrawableAfter) > 0n).to.equal(true);
      expect(BigInt(aethir.rewardCapped) > 0n).to.equal(true);
      expect(BigInt(referralCode.earned)).to.equal(await sale.referralRewardOfCode(REFERRAL_CODE));
      for (const p of referralPairs.items) {
        expect(BigInt(p.earned), `pair ${p.code} ${p.buyer}`).to.equal(await sale.referralRewardFromBuyer(p.code, p.buyer));
      }
      const capped = referralPairs.items.filter((p) => p.code === REFERRAL_CODE && BigInt(p.rewardCapped) > 0n);
      expect(capped.map((p) => BigInt(p.earned))).to.deep.equal([await sale.referralCapPerBuyer()]);
      // The self-referral: its WETH reward was voided, so its owner is owed nothing and the code is refused.
      expect(self.voided).to.equal(await sale.referralCodeVoided(SELF_REFERRAL_CODE));
      expect(self.voided).to.equal(true);
      expect(BigInt(self.voidedWeth)).to.equal(BigInt(self.rewardsWeth));
      expect(BigInt(self.voidedWeth) > 0n).to.equal(true);
      const { sale: s } = await gql<{
        sale: {
          paidEth: string;
          proceedsWithdrawnEth: string;
          licensesSold: number;
        };
      }>(
        api,
        `{ sale(id: "sale") { paidEth proceedsWithdrawnEth licensesSold } }`,
      );
      const ledger = await sale.ethLedger();
      const owedTotal = referrers.items.reduce((sum, r) => sum + owedEth(r), 0n);
      // Voided rewards went back to the proceeds.
      const accruedTotal = referrers.items.reduce(
        (sum, r) => sum + BigInt(r.accruedEth) - BigInt(r.voidedEth),
        0n,
      );
      expect(
        BigInt(s.paidEth) - BigInt(s.proceedsWithdrawnEth) - accruedTotal,
      ).to.equal(ledger.proceeds);
      expect(owedTotal).to.equal(ledger.rewardsOwed);
      expect(
        await provider.getBalance(manifest.contracts.LicenseSale.address),
      ).to.equal(ledger.proceeds + ledger.rewardsOwed);
      expect(s.licensesSold).to.equal(
        Number(await contract("CheckerLicense").totalSupply()),
      );
      const registry = contract("ComplianceRegistry");
      const { kycAttestations } = await gql<{
        kycAttestations: {
          items: { account: string; countryCode: string; expiry: string; revoked: boolean; restricted: boolean }[];
        };
      }>(api, `{ kycAttestations(limit: 1000) { items { account countryCode expiry revoked restricted } } }`);
      // One row per account the registry holds a record of: every attested account, none cleared.
      const attested = new Set(
        (await registry.queryFilter(registry.filters.AttestationRecorded())).map((l) =>
          String((l as unknown as { args: { account: string } }).args.account).toLowerCase(),
        ),
      );
      expect(kycAttestations.items.length).to.equal(attested.size);
      for (const k of kycAttestations.items) {
        const [code, expiry, revoked] = await registry.attestations(k.account);
        expect(BigInt(k.expiry)).to.equal(expiry);
        expect(k.revoked).to.equal(revoked);
        expect(
          Buffer.from((code as string).slice(2), "hex")
            .toString()
            .replace(/\0+$/, ""),
        ).to.equal(k.countryCode);
        expect(k.restricted, k.account).to.equal(await registry.isRestricted(k.account));
        expect(await registry.isRestricted(k.account)).to.equal(
          k.countryCode === "US",
        );
      }
      // The sale's US resident was revoked: the API keeps it restricted, as the registry does.
      const us = kycAttestations.items.filter((k) => k.countryCode === "US");
      expect(us.length).to.equal(1);
      expect(us[0].revoked && us[0].restricted).to.equal(true);
    });

    it("serves the daily license series and an owner's holdings (the CLI's `licenses` command)", async () => {
      const lic = contract("CheckerLicense");
      const { licenseDays } = await gql<{
        licenseDays: {
          items: {
            sold: number;
            totalMinted: number;
            withOperator: number;
            bans: number;
          }[];
        };
      }>(
        api,
        `{ licenseDays(orderBy: "day") { items { sold totalMinted withOperator bans } } }`,
      );
      const total = Number(await lic.totalSupply());
      expect(licenseDays.items.reduce((s, d) => s + d.sold, 0)).to.equal(
        total,
      );
      const last = licenseDays.items[licenseDays.items.length - 1];
      expect(last.totalMinted).to.equal(total);
      expect(last.withOperator).to.equal(SIM_LICENSES);
      // an admin ban and the equivocating license's bans (one per epoch it equivocated in): every LicenseBanned
      const banEvents = await lic.queryFilter(lic.filters.LicenseBanned());
      expect(banEvents.length).to.equal(1 + reportedEquivocations(work));
      expect(licenseDays.items.reduce((s, d) => s + d.bans, 0)).to.equal(banEvents.length);
      const owner = ((await lic.ownerOf(1n)) as string).toLowerCase();
      const held = await holdings(api, owner);
      expect(held.map((h) => BigInt(h.id))).to.deep.equal([1n, 2n, 4n, 5n]);
      expect(Number(await lic.balanceOf(owner))).to.equal(held.length);
    });

    it("keeps other tokens' releases out of the buckets and follows a cancelled operation scheduled again", async () => {
      const { bucketFlows } = await gql<{
        bucketFlows: {
          items: { bucket: string; token: string; amount: string }[];
        };
      }>(
        api,
        `{ bucketFlows(where: { kind: "otherTokenRelease" }) { items { bucket token amount } } }`,
      );
      const weth = manifest.contracts.WETH.address.toLowerCase();
      const ecosystem = contract("EcosystemVesting");
      expect(bucketFlows.items).to.deep.equal([
        {
          bucket: manifest.contracts.EcosystemVesting.address.toLowerCase(),
          token: weth,
          amount: String(await ecosystem["released(address)"](weth)),
        },
      ]);
      expect(BigInt(bucketFlows.items[0].amount) > 0n).to.equal(true);
      const timelock = contract("Timelock");
      const { timelockCalls } = await gql<{
        timelockCalls: {
          items: { opId: string; status: string; salt: string | null }[];
        };
      }>(
        api,
        `{ timelockCalls(where: { status: "scheduled" }) { items { opId status salt } } }`,
      );
      expect(timelockCalls.items.length).to.equal(1);
      expect(
        await timelock.isOperationPending(timelockCalls.items[0].opId),
      ).to.equal(true);
      expect(timelockCalls.items[0].salt).to.equal(id("e2e: unpause"));
    });

    it("serves proven jobs, equivocations, roots and the referee's settlement as the chain and the referee's own output hold them", async () => {
      const referee = contract("CheckerReferee");
      const lic = contract("CheckerLicense");
      const d = await gql<{
        jobs: { items: { id: string; epoch: string; job: number; container: string; verdict: string }[] };
        containerEpochs: { items: { container: string; epoch: string; failedJobs: number }[] };
        equivocations: { items: { licenseId: string; bannedUntil: string }[] };
        epochRoots: { items: { epoch: string; root: string; cumulativeTotal: string; status: string; finalAt: string }[] };
        epochSettlements: { items: { epoch: string; report: string; emission: string; basePaid: string; totalCorrect: number; jobs: number; activeLicenses: number }[] };
        settledLicenseEpochs: { items: { licenseId: string; epoch: string; owner: string | null; assigned: number; correct: number; minority: number; missed: number; earned: string; withheld: string | null }[] };
        accountEpochs: { items: { account: string; epoch: string; earned: string; cumulative: string }[] };
      }>(
        api,
        `{ jobs(limit: 1000) { items { id epoch job container verdict } } containerEpochs(limit: 1000) { items { container epoch failedJobs } }
           equivocations { items { licenseId bannedUntil } }
           epochRoots(orderBy: "epoch") { items { epoch root cumulativeTotal status finalAt } }
           epochSettlements(orderBy: "epoch") { items { epoch report emission basePaid totalCorrect jobs activeLicenses } }
           settledLicenseEpochs(limit: 1000) { items { licenseId epoch owner assigned correct minority missed earned withheld } }
           accountEpochs(limit: 1000) { items { account epoch earned cumulative } } }`,
      );
      // jobs proven on chain: exactly the JobProven events, each with the contract's verdict
      const proven = await referee.queryFilter(referee.filters.JobProven());
      expect(proven.length).to.be.greaterThan(0);
      expect(d.jobs.items.length).to.equal(proven.length);
      for (const j of d.jobs.items) expect(j.verdict, j.id).to.equal(["None", "Pass", "Fail"][Number(await referee.verdictOf(j.epoch, j.job))]);
      // the down container's failed jobs, counted as the slashing contract reads them
      expect(d.containerEpochs.items.length).to.be.greaterThan(0);
      for (const c of d.containerEpochs.items) expect(BigInt(c.failedJobs), `${c.container} ${c.epoch}`).to.equal(await referee.failedJobs(c.container, c.epoch));
      const downEpoch = work.firstEpoch + 1;
      const down = d.containerEpochs.items.find((c) => c.epoch === String(downEpoch) && c.container === work.down[downEpoch][0]);
      expect(down?.failedJobs).to.equal(Number(await contract("HostSlashing").minFailedJobs()));
      // the equivocating license was reported and banned on chain, once per epoch it equivocated in
      expect(new Set(d.equivocations.items.map((e) => e.licenseId))).to.deep.equal(new Set(["5"]));
      // the newest report's ban is the one in force
      const newestBan = d.equivocations.items.reduce((m, e) => (BigInt(e.bannedUntil) > m ? BigInt(e.bannedUntil) : m), 0n);
      expect(newestBan).to.equal(await lic.bannedUntil(5n));
      expect(d.equivocations.items.length).to.equal(reportedEquivocations(work));
      // roots as the contract holds them, one per settled epoch
      expect(d.epochRoots.items.length).to.equal(work.reports.length);
      // stored as the events say: "synced" once the claims contract adopted the root or a later one (roots are cumulative)
      const claimsContract = contract("RewardClaims");
      const syncedUpTo = (await claimsContract.root()) === ZeroHash ? -1n : BigInt(await claimsContract.syncedEpoch());
      for (const r of d.epochRoots.items) {
        const [root, total, , finalAt] = await referee.roots(BigInt(r.epoch));
        const status = BigInt(r.epoch) <= syncedUpTo ? "synced" : "posted";
        expect(r).to.deep.equal({ epoch: r.epoch, root, cumulativeTotal: total.toString(), status, finalAt: finalAt.toString() });
      }
      // the settlement figures as the referee wrote them
      for (const report of work.reports) {
        const row = d.epochSettlements.items.find((s) => s.epoch === String(report.epoch))!;
        expect(row).to.deep.include({ report: "imported", emission: report.emission, basePaid: report.basePaid, totalCorrect: report.totalCorrect, jobs: report.jobs.length });
        const rows = d.settledLicenseEpochs.items.filter((l) => l.epoch === String(report.epoch));
        expect(rows.length).to.equal(report.licenses.length);
        for (const l of report.licenses) {
          const got = rows.find((r) => r.licenseId === String(l.licenseId))!;
          expect(got, `license ${l.licenseId} epoch ${report.epoch}`).to.deep.equal({
            licenseId: String(l.licenseId), epoch: String(report.epoch), owner: l.owner, assigned: l.assigned, correct: l.correct,
            minority: l.minority, missed: l.missed, earned: l.earned, withheld: l.withheld,
          });
        }
        for (const a of report.accounts) {
          const got = d.accountEpochs.items.find((r) => r.account === a.account && r.epoch === String(report.epoch))!;
          expect([got.earned, got.cumulative]).to.deep.equal([a.earned, a.cumulative]);
        }
      }
      // lying, silent and equivocating operators earn nothing; every paid license earns its share to the wei, and
      // what is not paid is only the withheld shares and the rounding remainder (less than a wei per paid license)
      for (const report of work.reports.filter((r) => r.epoch > work.firstEpoch)) {
        for (const [id, behaviour] of Object.entries(BEHAVIOURS)) {
          const l = report.licenses.find((x) => x.licenseId === Number(id));
          if (l && behaviour !== "faulty") expect(l.earned, `${behaviour} license ${id}`).to.equal("0");
        }
        const emission = BigInt(report.emission);
        let paid = 0n;
        let withheld = 0n;
        for (const l of report.licenses) {
          const share = (emission * BigInt(l.correct)) / BigInt(report.totalCorrect);
          expect(BigInt(l.earned), `license ${l.licenseId}`).to.equal(l.withheld ? 0n : share);
          if (l.withheld) withheld += share;
          paid += BigInt(l.earned);
        }
        const paying = report.licenses.filter((l) => BigInt(l.earned) > 0n).length;
        expect(emission - paid - withheld).to.be.lessThan(BigInt(paying + report.licenses.length));
        expect(paid).to.equal(BigInt(report.basePaid));
      }
      // the liar's repeated minority results stopped its earnings
      expect(work.reports[work.firstEpoch + 1].newlyStopped).to.include(7);
      // an owner's earnings (the CLI's `earnings` command) add up to its leaf
      const owner = work.reports[work.lastEpoch].accounts[0];
      const e = await earnings(api, owner.account);
      expect(e.perEpoch.reduce((s, p) => s + BigInt(p.earned), 0n)).to.equal(BigInt(owner.cumulative));
      expect(e.perLicense.length).to.be.greaterThan(0);
    });

    it("serves each epoch's seed and assignment as the chain holds them, and verify-assignment recomputes every posted root", async () => {
      const referee = contract("CheckerReferee");
      for (let epoch = work.firstEpoch; epoch <= work.lastEpoch; epoch++) {
        // the guardian's check: the assignment recomputed from the chain alone is the posted one
        const v = await verifyAssignment(provider, manifest, epoch);
        expect(v.ok, v.reason ?? "").to.equal(true);
        expect(v.posted!.jobCount).to.equal(work.jobs[epoch].length);
        const a = await referee.assignmentOf(epoch);
        const seed = await referee.seedOf(epoch);
        const body = (await (await fetch(`${api}/assignments/${epoch}`)).json()) as { assignment: Record<string, unknown>; seed: Record<string, unknown> };
        expect(body.assignment).to.deep.include({ root: a.root, jobCount: Number(a.jobCount), n: Number(a.n), status: "final" });
        expect(body.seed).to.deep.include({ seed: seed.seed, commitment: seed.commitment, forfeited: seed.forfeited });
      }
      // epochs whose cut-off came before any delegated license existed have no assignment
      const none = (await (await fetch(`${api}/assignments/0`)).json()) as { assignment: unknown };
      expect(none.assignment).to.equal(null);
      expect((await fetch(`${api}/assignments/abc`)).status).to.equal(400);
    });

    it("serves claims, vesting entries, syncs and settlements as the claims contract holds them", async () => {
      const claims = contract("RewardClaims");
      const { vestingClaims, rewardAccounts, claimsMovements } = await gql<{
        vestingClaims: { items: { entryId: string; account: string; vesting: string; unlockAt: string; status: string }[] };
        rewardAccounts: { items: { account: string; cumulativeEarned: string; cumulativeClaimed: string; vesting: string; returnedToPool: string }[] };
        claimsMovements: { items: { kind: string; epoch: string | null; root: string | null; cumulativeTotal: string | null; drawnFromBase: string | null; drawnFromBonus: string | null }[] };
      }>(
        api,
        `{ vestingClaims { items { entryId account vesting unlockAt status } } rewardAccounts(limit: 1000) { items { account cumulativeEarned cumulativeClaimed vesting returnedToPool } }
           claimsMovements(orderBy: "timestamp") { items { kind epoch root cumulativeTotal drawnFromBase drawnFromBonus } } }`,
      );
      expect(vestingClaims.items.length).to.be.greaterThan(0);
      for (const e of vestingClaims.items) {
        const [amount, unlockAt] = await claims.entry(e.account, BigInt(e.entryId));
        expect([BigInt(e.unlockAt), e.status === "vesting" ? BigInt(e.vesting) : 0n]).to.deep.equal([unlockAt, amount]);
      }
      // every account of the newest root, with its leaf as earned
      const newest = work.reports[work.reports.length - 1];
      expect(rewardAccounts.items.filter((a) => BigInt(a.cumulativeEarned) > 0n).length).to.equal(newest.accounts.length);
      for (const a of rewardAccounts.items) {
        expect(a.cumulativeEarned, a.account).to.equal(newest.accounts.find((x) => x.account === a.account)?.cumulative ?? "0");
        expect(BigInt(a.cumulativeClaimed), a.account).to.equal(await claims.claimed(a.account));
        expect(BigInt(a.cumulativeClaimed), a.account).to.be.lessThanOrEqual(
          BigInt(work.reports[work.reports.length - 1].accounts.find((x) => x.account === a.account)!.cumulative),
        );
      }
      const synced = claimsMovements.items.filter((s) => s.kind === "synced");
      const last = synced[synced.length - 1];
      expect([last.root, BigInt(last.cumulativeTotal!)]).to.deep.equal([await claims.root(), await claims.funded()]);
      const drawn = synced.reduce((s, x) => s + BigInt(x.drawnFromBase!) + BigInt(x.drawnFromBonus!), 0n);
      expect(drawn).to.equal(await claims.funded());
      // the claims contract holds exactly what is vesting, unclaimed and owed
      const vestingHeld = rewardAccounts.items.reduce((s, a) => s + BigInt(a.vesting), 0n);
      const owed = (await claims.unclaimed()) + (await claims.pendingReturns()) + (await claims.pendingFeeCount()) * parseEther("5");
      expect(vestingHeld + owed).to.equal(await contract("AethirToken").balanceOf(manifest.contracts.RewardClaims.address));
      const base = contract("CheckerBaseRewardPool");
      const returned = rewardAccounts.items.reduce((s, a) => s + BigInt(a.returnedToPool), 0n);
      // what the pool got back from claims equals the Returned the pool recorded, minus the genesis simulation's own
      expect(returned).to.equal((await base.returned()) - parseEther("15000000"));
    });

    it("serves settings, allowances, vesting steps, purchases and daily series as the contracts hold them", async () => {
      const d = await gql<{
        governance: { minDelay: string };
        refereeSetting: { n: number; challengeWindow: string };
        licenseStat: { transferableAfter: string; minted: number };
        transferAllowlists: { items: { account: string; allowed: boolean }[] };
        countryRestrictions: { items: { code: string; restricted: boolean }[] };
        allowances: {
          items: { owner: string; spender: string; amount: string }[];
        };
        vestingSteps: {
          items: { bucket: string; timestamp: string; cumulativeBps: number }[];
        };
        purchases: { items: { quantity: number; paid: string }[] };
        supplyDays: {
          items: {
            day: number;
            circulating: string;
            locked: string;
            treasury: string;
          }[];
        };
        supplySplit: { circulating: string; locked: string; treasury: string };
        rewardDays: { items: { claimed: string; jobsProven: number }[] };
        vestingClaims: { items: { amount: string }[] };
      }>(
        api,
        `{ governance(id: "timelock") { minDelay } refereeSetting(id: "referee") { n challengeWindow }
           licenseStat(id: "license") { transferableAfter minted } transferAllowlists { items { account allowed } }
           countryRestrictions { items { code restricted } } allowances(limit: 100) { items { owner spender amount } }
           vestingSteps(orderBy: "timestamp") { items { bucket timestamp cumulativeBps } } purchases(limit: 1000) { items { quantity paid } }
           supplyDays(orderBy: "day") { items { day circulating locked treasury } } supplySplit(id: "current") { circulating locked treasury }
           rewardDays { items { claimed jobsProven } } vestingClaims { items { amount } } }`,
      );
      expect(BigInt(d.governance.minDelay)).to.equal(
        await contract("Timelock").getMinDelay(),
      );
      const referee = contract("CheckerReferee");
      expect([
        d.refereeSetting.n,
        BigInt(d.refereeSetting.challengeWindow),
      ]).to.deep.equal([
        Number(await referee.n()),
        await referee.challengeWindow(),
      ]);
      const lic = contract("CheckerLicense");
      expect(BigInt(d.licenseStat.transferableAfter)).to.equal(
        await lic.transferableAfter(),
      );
      expect(d.licenseStat.minted).to.equal(Number(await lic.totalSupply()));
      expect(d.transferAllowlists.items.length).to.be.greaterThan(0);
      for (const a of d.transferAllowlists.items)
        expect(a.allowed, a.account).to.equal(
          await lic.transferAllowlist(a.account),
        );
      const registry = contract("ComplianceRegistry");
      expect(d.countryRestrictions.items.length).to.equal(8);
      for (const c of d.countryRestrictions.items) {
        expect(c.restricted, c.code).to.equal(
          await registry.isRestrictedCountry(
            encodeBytes32String(c.code).slice(0, 18),
          ),
        );
      }
      const token = contract("AethirToken");
      expect(d.allowances.items.length).to.be.greaterThan(0);
      for (const a of d.allowances.items)
        expect(BigInt(a.amount), `${a.owner} -> ${a.spender}`).to.equal(
          await token.allowance(a.owner, a.spender),
        );
      const steps = (await contract("AirdropVesting").steps()) as {
        timestamp: bigint;
        cumulativeBps: bigint;
      }[];
      expect(
        d.vestingSteps.items.map((v) => [
          BigInt(v.timestamp),
          BigInt(v.cumulativeBps),
        ]),
      ).to.deep.equal(steps.map((st) => [st.timestamp, st.cumulativeBps]));
      expect(d.purchases.items.reduce((n, p) => n + p.quantity, 0)).to.equal(
        Number(await lic.totalSupply()),
      );
      // The last day of the supply series carries the current split.
      const last = d.supplyDays.items[d.supplyDays.items.length - 1];
      expect([last.circulating, last.locked, last.treasury]).to.deep.equal([
        d.supplySplit.circulating,
        d.supplySplit.locked,
        d.supplySplit.treasury,
      ]);
      const claimedByDay = d.rewardDays.items.reduce(
        (n, r) => n + BigInt(r.claimed),
        0n,
      );
      const claimedByEntry = d.vestingClaims.items.reduce(
        (n, e) => n + BigInt(e.amount),
        0n,
      );
      expect(claimedByDay).to.equal(claimedByEntry);
      expect(
        d.rewardDays.items.reduce((n, r) => n + r.jobsProven, 0),
      ).to.equal((await contract("CheckerReferee").queryFilter(contract("CheckerReferee").filters.JobProven())).length);
    });

    it("serves the overview, the license leaderboard and account pages as the chain and the referee hold them", async () => {
      const token = contract("AethirToken");
      const lic = contract("CheckerLicense");
      const claims = contract("RewardClaims");
      const at = (await provider.getBlock("latest"))!.timestamp;
      const get = async <T>(path: string): Promise<T> => (await (await fetch(`${api}${path}`)).json()) as T;
      const o = await get<{
        licenses: { sold: number; delegated: number; banned: number };
        rewards: { epochsSettled: number; emittedBase: string; emittedBonus: string; earned: string; claimed: string; vesting: string };
        buckets: { name: string; allocated: string }[];
      }>(`/overview?at=${at}`);
      const minted = Number(await lic.totalSupply());
      expect(o.licenses.sold).to.equal(minted);
      // counted from the license rows, which the license test above checks against the chain one by one
      type Row = { bannedUntil: string; operator: string | null; operatorExpires: string };
      const rows: Row[] = [];
      for (let after: string | null = null; ; ) {
        const page: { licenses: { items: Row[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } = await gql(
          api,
          `query ($after: String) { licenses(limit: 1000, after: $after) { items { bannedUntil operator operatorExpires } pageInfo { endCursor hasNextPage } } }`,
          { after },
        );
        rows.push(...page.licenses.items);
        if (!page.licenses.pageInfo.hasNextPage) break;
        after = page.licenses.pageInfo.endCursor;
      }
      expect(rows.length).to.equal(minted);
      const banned = rows.filter((l) => BigInt(l.bannedUntil) > BigInt(at)).length;
      const delegated = rows.filter((l) => l.operator !== null && BigInt(l.operatorExpires) > BigInt(at)).length;
      expect(banned).to.be.greaterThan(0);
      expect(delegated).to.be.greaterThan(0);
      expect([o.licenses.banned, o.licenses.delegated]).to.deep.equal([banned, delegated]);
      expect(o.buckets.reduce((s, b) => s + BigInt(b.allocated), 0n)).to.equal(TOTAL_SUPPLY);
      expect(o.rewards.epochsSettled).to.equal(work.reports.length);
      expect(BigInt(o.rewards.emittedBase) + BigInt(o.rewards.emittedBonus)).to.equal(
        work.reports.reduce((s, r) => s + BigInt(r.basePaid) + BigInt(r.bonus?.paid ?? "0"), 0n),
      );
      expect(BigInt(o.rewards.earned)).to.equal(await referee().then(async (r) => (await r.roots(work.reports.length - 1))[1]));
      let claimed = 0n;
      for (const a of work.reports[work.reports.length - 1].accounts) claimed += await claims.claimed(a.account);
      expect(BigInt(o.rewards.claimed)).to.equal(claimed);
      expect(await get(`/overview?at=soon`)).to.have.property("error");

      // the leaderboard: each license's earnings summed over the referee's reports, highest first
      const board = await get<{ licenseId: string; earned: string }[]>("/leaderboard/licenses?limit=5");
      const totals = new Map<number, bigint>();
      for (const r of work.reports) for (const l of r.licenses) totals.set(l.licenseId, (totals.get(l.licenseId) ?? 0n) + BigInt(l.earned));
      const expected = [...totals].sort((a, b) => (a[1] === b[1] ? a[0] - b[0] : a[1] > b[1] ? -1 : 1)).slice(0, 5);
      expect(board.map((b) => [Number(b.licenseId), BigInt(b.earned)])).to.deep.equal(expected);

      // an account page
      const owner = work.reports[work.reports.length - 1].accounts[0].account;
      const page = await get<{ account: { balance: string } | null; licenses: { id: string }[]; earnings: { epoch: string }[]; rewards: { cumulativeClaimed: string } | null }>(`/accounts/${owner}`);
      expect(BigInt(page.account?.balance ?? "0")).to.equal(await token.balanceOf(owner));
      expect(page.licenses.length).to.equal(Number(await lic.balanceOf(owner)));
      expect(page.earnings.length).to.equal(work.reports.filter((r) => r.accounts.some((a) => a.account === owner)).length);
      expect(BigInt(page.rewards?.cumulativeClaimed ?? "0")).to.equal(await claims.claimed(owner));
      expect((await fetch(`${api}/accounts/nobody`)).status).to.equal(400);
    });

    it("serves each bucket's balance per UTC day as the token held it at the day's end, adding up to what left it", async () => {
      const token = contract("AethirToken");
      type Row = { bucket: string; name: string; day: number; date: string; balance: string; received: string; sent: string; transfers: number };
      const rows = await allPages<Row>("bucketDays", "bucket name day date balance received sent transfers", `orderBy: "day"`);
      expect([...new Set(rows.map((r) => r.name))].sort()).to.deep.equal(BUCKETS.map((b) => b.name).sort());
      // the chain's Transfer logs touching each bucket, per UTC day
      const timestamps = new Map<number, number>();
      const dayOfBlock = async (n: number) => {
        if (!timestamps.has(n)) timestamps.set(n, (await provider.getBlock(n))!.timestamp);
        return Math.floor(timestamps.get(n)! / 86_400);
      };
      for (const b of BUCKETS) {
        const address = manifest.contracts[b.name].address.toLowerCase();
        const mine = rows.filter((r) => r.bucket === address);
        expect(mine.every((r) => r.name === b.name), b.name).to.equal(true);
        const logs = [
          ...(await token.queryFilter(token.filters.Transfer(address, null))),
          ...(await token.queryFilter(token.filters.Transfer(null, address))),
        ] as unknown as { blockNumber: number; index: number; transactionHash: string; args: { from: string; to: string; value: bigint } }[];
        const unique = new Map(logs.map((l) => [`${l.transactionHash}-${l.index}`, l])); // a self-transfer matches twice
        const days = new Map<number, { received: bigint; sent: bigint; transfers: number; lastBlock: number }>();
        for (const l of unique.values()) {
          const day = await dayOfBlock(l.blockNumber);
          const d = days.get(day) ?? { received: 0n, sent: 0n, transfers: 0, lastBlock: 0 };
          if (l.args.to.toLowerCase() === address && l.args.from !== ZeroAddress) d.received += l.args.value;
          if (l.args.from.toLowerCase() === address) d.sent += l.args.value;
          d.transfers += 1;
          d.lastBlock = Math.max(d.lastBlock, l.blockNumber);
          days.set(day, d);
        }
        expect(mine.map((r) => r.day), `${b.name}: days with transfers`).to.deep.equal([...days.keys()].sort((x, y) => x - y));
        for (const r of mine) {
          const d = days.get(r.day)!;
          expect(r.date, b.name).to.equal(new Date(r.day * 86_400_000).toISOString().slice(0, 10));
          expect([BigInt(r.received), BigInt(r.sent), r.transfers], `${b.name} on ${r.date}`).to.deep.equal([d.received, d.sent, d.transfers]);
          // balances change only by transfers: the day's last transfer leaves the balance the day ends with
          expect(BigInt(r.balance), `${b.name} at the end of ${r.date}`).to.equal(await token.balanceOf(address, { blockTag: d.lastBlock }));
        }
        expect(BigInt(mine.at(-1)!.balance), `${b.name} now`).to.equal(await token.balanceOf(address));
        const allocated = BigInt(manifest.buckets.find((x) => x.name === b.name)!.amount);
        expect(BigInt(mine[0].balance) - BigInt(mine[0].received) + BigInt(mine[0].sent), `${b.name} genesis`).to.equal(allocated);
        // what left for good, per the bucket's own books: releases (vesting) or draws net of returns (pools)
        const c = contract(b.name);
        const released: bigint =
          b.name.endsWith("RewardPool") ? (await c.drawn()) - (await c.returned()) : await c["released(address)"](await token.getAddress());
        expect(mine.reduce((sum, r) => sum + BigInt(r.sent) - BigInt(r.received), 0n), `${b.name} released`).to.equal(released);
      }
      // some bucket moved on more than one day, or the series would prove little
      expect(rows.length).to.be.greaterThan(BUCKETS.length);
    });

    it("serves the rewards emitted per UTC day at the roots' posting and the settled epochs' active licenses", async () => {
      const ref = await referee();
      type Row = { day: number; emittedBase: string; emittedBonus: string; epochsSettled: number; settledEpoch: string | null; activeLicenses: number };
      const rows = await allPages<Row>("rewardDays", "day emittedBase emittedBonus epochsSettled settledEpoch activeLicenses", `orderBy: "day"`);
      const expected = new Map<number, { total: bigint; base: bigint; bonus: bigint; epochs: number[] }>();
      let previousTotal = 0n;
      const epochs = Number(await ref.nextEpoch());
      expect(epochs).to.equal(work.reports.length);
      for (let e = 0; e < epochs; e++) {
        // the chain's root: cumulative total and posting time; the referee's report: the base and bonus split
        const [, cumulativeTotal, postedAt] = (await ref.roots(e)) as [string, bigint, bigint, bigint];
        const report = work.reports.find((r) => r.epoch === e)!;
        const day = Number(postedAt / 86_400n);
        const d = expected.get(day) ?? { total: 0n, base: 0n, bonus: 0n, epochs: [] };
        d.total += cumulativeTotal - previousTotal;
        d.base += BigInt(report.basePaid);
        d.bonus += BigInt(report.bonus?.paid ?? "0");
        d.epochs.push(e);
        expected.set(day, d);
        previousTotal = cumulativeTotal;
      }
      const emitting = rows.filter((r) => r.epochsSettled > 0);
      expect(emitting.map((r) => r.day)).to.deep.equal([...expected.keys()].sort((x, y) => x - y));
      for (const r of emitting) {
        const d = expected.get(r.day)!;
        expect(BigInt(r.emittedBase) + BigInt(r.emittedBonus), `emitted on day ${r.day}`).to.equal(d.total);
        expect([BigInt(r.emittedBase), BigInt(r.emittedBonus)], `split on day ${r.day}`).to.deep.equal([d.base, d.bonus]);
        expect(r.epochsSettled).to.equal(d.epochs.length);
        const newest = Math.max(...d.epochs);
        expect(r.settledEpoch).to.equal(String(newest));
        const report = work.reports.find((x) => x.epoch === newest)!;
        expect(r.activeLicenses, `active licenses of epoch ${newest}`).to.equal(report.licenses.filter((l) => l.missed < l.assigned).length);
      }
      for (const r of rows.filter((x) => x.epochsSettled === 0)) {
        expect([r.emittedBase, r.emittedBonus, r.settledEpoch, r.activeLicenses]).to.deep.equal(["0", "0", null, 0]);
      }
      // the daily series add up to the newest root's cumulative total, which the claims contract draws from the pools
      const sum = rows.reduce((s, r) => s + BigInt(r.emittedBase) + BigInt(r.emittedBonus), 0n);
      expect(sum).to.equal(previousTotal);
      expect(sum > 0n).to.equal(true);
      // the overview names the newest settled epoch and its active licenses
      const at = (await provider.getBlock("latest"))!.timestamp;
      const o = (await (await fetch(`${api}/overview?at=${at}`)).json()) as { licenses: { active: number; activeEpoch: string } };
      const newest = work.reports[work.reports.length - 1];
      expect([o.licenses.activeEpoch, o.licenses.active]).to.deep.equal([
        String(newest.epoch),
        newest.licenses.filter((l) => l.missed < l.assigned).length,
      ]);
    });

    it("serves every daily series in one answer by UTC day range", async () => {
      const get = async (path: string) => fetch(`${api}${path}`);
      type Daily = { from: number; to: number; supply: { day: number }[]; buckets: { day: number; name: string; balance: string }[]; rewards: { day: number }[]; licenses: { day: number }[]; stakingPools: { day: number }[]; hostStaking: { day: number }[] };
      const all = (await (await get("/daily")).json()) as Daily;
      const buckets = await allPages<{ day: number; name: string; balance: string }>("bucketDays", "day name balance", `orderBy: "day"`);
      const byKey = (r: { day: number; name: string }) => `${r.day}:${r.name}`;
      expect(all.buckets.map((r) => [byKey(r), r.balance]).sort()).to.deep.equal(buckets.map((r) => [byKey(r), r.balance]).sort());
      for (const series of ["supply", "rewards", "licenses", "stakingPools", "hostStaking"] as const) expect(all[series].length, series).to.be.greaterThan(0);
      // a range: only its days, dates and day numbers alike
      const days = [...new Set(all.supply.map((r) => r.day))].sort((a, b) => a - b);
      const [from, to] = [days[1], days[days.length - 2]];
      const date = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
      const part = (await (await get(`/daily?from=${date(from)}&to=${to}`)).json()) as Daily;
      expect([part.from, part.to]).to.deep.equal([from, to]);
      expect(part.supply.map((r) => r.day)).to.deep.equal(days.filter((d) => d >= from && d <= to));
      expect(part.buckets.every((r) => r.day >= from && r.day <= to)).to.equal(true);
      expect(part.buckets.length).to.equal(all.buckets.filter((r) => r.day >= from && r.day <= to).length);
      expect((await get("/daily?from=yesterday")).status).to.equal(400);
    });

    it("answers SQL over HTTP with the same figures", async () => {
      const buckets = await sqlOverHttp<{
        rows: { total: string; n: number }[];
      }>(
        api,
        "select sum(allocated)::text as total, count(*)::int as n from bucket",
      );
      expect(BigInt(buckets.rows[0].total)).to.equal(TOTAL_SUPPLY);
      expect(buckets.rows[0].n).to.equal(BUCKETS.length);
      const tiers = await sqlOverHttp<{ rows: { sold: number }[] }>(
        api,
        "select sum(sold)::int as sold from sale_tier",
      );
      expect(tiers.rows[0].sold).to.equal(
        Number(await contract("CheckerLicense").totalSupply()),
      );
    });
  }
});
