// The API as a newcomer meets it (issue 12): GET /sql says how to query and the curl form it gives works, a SQL error
// answers 400 with the database's message as JSON, every bad REST parameter answers 400 with its sentence, epoch roots
// carry posted/final/synced/vetoed as the chain has them, one GraphQL query through the relations serves an account's
// page as the chain holds it, and "holder" and "claimable" mean what the README says, counted from the chain.
// test/ts/indexer.test.ts calls `defineApiChecks` inside its per-database `describe` (before the edge cases).
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Contract, type JsonRpcProvider } from "ethers";
import { gql } from "../../scripts/lib/local-stack.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import type { CheckerWork } from "../../scripts/lib/simulate-rewards.js";
import type { StakingStory } from "../../scripts/lib/simulate-staking.js";

export interface ApiCheckContext {
  api: () => string;
  manifest: () => Manifest;
  provider: () => JsonRpcProvider;
  work: () => CheckerWork;
  story: () => StakingStory;
}

const lc = (a: string) => a.toLowerCase();
const big = (v: string | number | null | undefined) => BigInt(v ?? 0);

export function defineApiChecks(ctx: ApiCheckContext): void {
  const contract = (name: string) => {
    const c = ctx.manifest().contracts[name];
    return new Contract(c.address, c.abi as never, ctx.provider());
  };
  const fetchJson = async (path: string) => {
    const res = await fetch(`${ctx.api()}${path}`);
    return { status: res.status, type: res.headers.get("content-type") ?? "", body: (await res.json()) as Record<string, unknown> };
  };
  const sqlUrl = (sql: string) => `/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql, params: [] } }))}`;

  /** The claims contract's synced epoch, or null before its first sync (syncedEpoch() reads 0 then too). */
  const syncedEpoch = async (): Promise<bigint | null> => {
    const claims = contract("RewardClaims");
    return (await claims.root()) === `0x${"0".repeat(64)}` ? null : BigInt(await claims.syncedEpoch());
  };
  /** README, "Claimable": the account's leaf in the synced root (from the referee's reports) minus what it claimed. */
  const claimableOf = async (account: string, synced: bigint | null): Promise<bigint> => {
    if (synced === null) return 0n;
    let leaf = 0n;
    for (const r of ctx.work().reports) {
      if (BigInt(r.epoch) > synced) continue;
      const a = r.accounts.find((x) => lc(x.account) === lc(account));
      if (a !== undefined) leaf = BigInt(a.cumulative);
    }
    return leaf - BigInt(await contract("RewardClaims").claimed(account));
  };

  describe("the API as a newcomer meets it (issue 12)", () => {
    it("answers GET /sql with how to query, and the curl line it gives answers with the chain's figure", async () => {
      const help = await fetchJson("/sql");
      expect(help.status).to.equal(200);
      expect(help.body.message).to.match(/GET \/sql\/db\?sql=/);
      const curl = String(help.body.curl);
      expect(curl).to.contain(`"${ctx.api()}/sql/db"`);
      // run the documented command as a user would (curl -sG <url> --data-urlencode 'sql=<json>')
      const [, url, data] = /^curl -sG "([^"]+)" --data-urlencode '([^']+)'$/.exec(curl)!;
      const out = JSON.parse(execFileSync("curl", ["-sG", url, "--data-urlencode", data], { encoding: "utf8" })) as { rows: { licenses: number }[] };
      expect(out.rows[0].licenses).to.equal(Number(await contract("CheckerLicense").totalSupply()));
      // the example URL is the same query, already encoded
      const example = await fetch(String(help.body.example));
      expect(((await example.json()) as { rows: { licenses: number }[] }).rows[0].licenses).to.equal(out.rows[0].licenses);
    });

    it("answers the README's @ponder/client example: the five largest balances, each as the token holds it", async () => {
      const { createClient, desc } = await import("@ponder/client");
      const schema = await import("../../ponder/ponder.schema.js");
      const client = createClient(`${ctx.api()}/sql`, { schema });
      const top = await client.db.select().from(schema.account).orderBy(desc(schema.account.balance)).limit(5);
      expect(top).to.have.length(5);
      const token = contract("AethirToken");
      for (const a of top) expect(a.balance, a.address).to.equal(await token.balanceOf(a.address));
      for (let i = 1; i < top.length; i++) expect(top[i - 1].balance >= top[i].balance).to.equal(true);
    });

    it("answers a SQL error with 400 and the database's message as JSON, and so every other refused query", async () => {
      const missing = await fetchJson(sqlUrl("select * from nope"));
      expect([missing.status, missing.type]).to.deep.equal([400, "application/json"]);
      expect(missing.body.error).to.match(/relation "nope" does not exist/);
      const column = await fetchJson(sqlUrl("select nosuchcolumn from license"));
      expect(column.status).to.equal(400);
      expect(column.body.error).to.match(/column "nosuchcolumn" does not exist/);
      // a write is refused before it reaches the database, and the tables are untouched
      const write = await fetchJson(sqlUrl("delete from license"));
      expect(write.status).to.equal(400);
      expect(write.body.error).to.be.a("string").and.not.equal("[object Object]");
      const count = await fetchJson(sqlUrl("select count(*)::int as n from license"));
      expect((count.body.rows as { n: number }[])[0].n).to.equal(Number(await contract("CheckerLicense").totalSupply()));
      for (const [path, message] of [
        ["/sql/db", /the "sql" query parameter is missing/],
        ["/sql/db?sql=select%201", /the "sql" query parameter is not JSON/],
        [`/sql/db?sql=${encodeURIComponent('{"sql":"select 1"}')}`, /has no json\.sql string/],
      ] as const) {
        const r = await fetchJson(path);
        expect([r.status, String(r.body.error)], path).to.satisfy(([s, e]: [number, string]) => s === 400 && message.test(e));
      }
    });

    it("refuses every bad query or path parameter with 400 and a sentence naming it", async () => {
      const owner = lc(ctx.work().reports[0].accounts[0]?.account ?? ctx.manifest().deployer);
      const cases: [string, string][] = [
        ["/leaderboard/licenses?limit=abc", 'limit must be a whole number from 1 to 1000; got "abc"'],
        ["/leaderboard/licenses?limit=-1", 'limit must be a whole number from 1 to 1000; got "-1"'],
        ["/leaderboard/licenses?limit=0", 'limit must be a whole number from 1 to 1000; got "0"'],
        ["/leaderboard/hosts?limit=1001", 'limit must be a whole number from 1 to 1000; got "1001"'],
        ["/leaderboard/hosts?limit=99999999999999999999", 'limit must be a whole number from 1 to 1000; got "99999999999999999999"'],
        ["/leaderboard/hosts?limit=2.5", 'limit must be a whole number from 1 to 1000; got "2.5"'],
        ["/overview?at=soon", 'at must be a unix time in seconds (a whole number, e.g. 1767225600); got "soon"'],
        ["/overview?at=-5", 'at must be a unix time in seconds (a whole number, e.g. 1767225600); got "-5"'],
        ["/daily?from=yesterday", 'from must be a UTC date (YYYY-MM-DD) or a unix day number (e.g. 20454); got "yesterday"'],
        ["/daily?to=2026-02-30", 'to must be a UTC date (YYYY-MM-DD) or a unix day number (e.g. 20454); got "2026-02-30"'],
        ["/daily?from=20000&to=19999", "from must not be after to; got from 20000 and to 19999 (unix days)"],
        [`/accounts/${owner}?transfers=lots`, 'transfers must be a whole number from 1 to 1000; got "lots"'],
        ["/accounts/nobody", 'address must be an address, 0x followed by 40 hex digits; got "nobody"'],
        ["/accounts/0x1234", 'address must be an address, 0x followed by 40 hex digits; got "0x1234"'],
        ["/assignments/abc", 'epoch must be a whole number from 0 to 18446744073709551615; got "abc"'],
        ["/assignments/18446744073709551616", 'epoch must be a whole number from 0 to 18446744073709551615; got "18446744073709551616"'],
      ];
      for (const [path, error] of cases) {
        const r = await fetchJson(path);
        expect([r.status, r.body], path).to.deep.equal([400, { error }]);
      }
      // the limits still work within range, and an address in any case is the same account
      expect(((await fetchJson("/leaderboard/licenses?limit=1000")).body as unknown as unknown[]).length).to.be.greaterThan(5);
      expect(((await fetchJson("/leaderboard/licenses?limit=3")).body as unknown as unknown[]).length).to.equal(3);
      const upper = await fetchJson(`/accounts/0x${owner.slice(2).toUpperCase()}?transfers=1`);
      expect([upper.status, upper.body.address]).to.deep.equal([200, owner]);
    });

    it("serves every epoch root's status (posted, final, synced or vetoed) and amount as the referee and claims contracts hold them", async () => {
      const referee = contract("CheckerReferee");
      const r = await fetchJson("/roots");
      const at = big(r.body.at as string);
      // `at` is the newest indexed block's time, never ahead of the chain
      const status = (await (await fetch(`${ctx.api()}/status`)).json()) as Record<string, { block: { timestamp: number } }>;
      expect(at).to.equal(BigInt(Object.values(status)[0].block.timestamp));
      type Root = { epoch: string; status: string; amount: string; cumulativeTotal: string; root: string; postedAt: string; finalAt: string; syncedAt: string | null };
      const roots = r.body.roots as Root[];
      const next = Number(await referee.nextEpoch());
      expect(roots.map((x) => Number(x.epoch))).to.deep.equal([...Array(next).keys()]);
      const synced = await syncedEpoch();
      let previous = 0n;
      const seen = new Set<string>();
      for (const row of roots) {
        const [root, total, postedAt, finalAt] = (await referee.roots(row.epoch)) as [string, bigint, bigint, bigint];
        const expected =
          postedAt === 0n ? "vetoed" : synced !== null && BigInt(row.epoch) <= synced ? "synced" : at >= finalAt ? "final" : "posted";
        expect(row.status, `epoch ${row.epoch}`).to.equal(expected);
        seen.add(row.status);
        if (expected === "vetoed") continue;
        expect([row.root, big(row.cumulativeTotal), big(row.postedAt), big(row.finalAt), big(row.amount)], `epoch ${row.epoch}`).to.deep.equal([
          root,
          total,
          postedAt,
          finalAt,
          total - previous,
        ]);
        expect(row.syncedAt === null, `epoch ${row.epoch} syncedAt`).to.equal(expected !== "synced");
        previous = total;
      }
      // the simulation syncs its roots: at least one is claimable, and GraphQL stores what the events said
      expect(seen.has("synced")).to.equal(true);
      const { epochRoots } = await gql<{ epochRoots: { items: { epoch: string; status: string }[] } }>(ctx.api(), `{ epochRoots(orderBy: "epoch") { items { epoch status } } }`);
      for (const g of epochRoots.items) {
        const served = roots.find((x) => x.epoch === g.epoch)!.status;
        expect(g.status, `GraphQL epoch ${g.epoch}`).to.equal(served === "final" ? "posted" : served);
      }
      // /assignments/<epoch> serves the same root
      const last = roots[roots.length - 1];
      const page = await fetchJson(`/assignments/${last.epoch}`);
      expect((page.body.root as Root).status).to.equal(last.status);
      expect((page.body.root as Root).amount).to.equal(last.amount);
    });

    it("counts holders as the README defines them (non-zero ATH, not a contract of the deployment), everywhere, as the chain does", async () => {
      const token = contract("AethirToken");
      const manifest = ctx.manifest();
      const contracts = new Set(Object.values(manifest.contracts).map((c) => lc(c.address)));
      const logs = (await token.queryFilter(token.filters.Transfer())) as unknown as { args: { to: string } }[];
      const receivers = [...new Set(logs.map((l) => lc(l.args.to)))];
      const balances = await Promise.all(receivers.map(async (a) => [a, (await token.balanceOf(a)) as bigint] as const));
      const holders = balances.filter(([a, b]) => b > 0n && !contracts.has(a)).map(([a]) => a);
      // the definition excludes something, or it would be the plain non-zero count
      expect(balances.filter(([, b]) => b > 0n).length).to.be.greaterThan(holders.length);
      const at = (await ctx.provider().getBlock("latest"))!.timestamp;
      const overview = await fetchJson(`/overview?at=${at}`);
      expect(overview.body.holders).to.equal(holders.length);
      const d = await gql<{ supplySplit: { holders: number }; accounts: { totalCount: number }; supplyDays: { items: { holders: number }[] } }>(
        ctx.api(),
        `{ supplySplit(id: "current") { holders } accounts(where: { holder: true }) { totalCount } supplyDays(orderBy: "day", orderDirection: "desc", limit: 1) { items { holders } } }`,
      );
      expect([d.supplySplit.holders, d.accounts.totalCount, d.supplyDays.items[0].holders]).to.deep.equal([holders.length, holders.length, holders.length]);
      // the account page says whether the address is one
      const bucket = lc(manifest.contracts.TeamVesting.address);
      expect((await fetchJson(`/accounts/${holders[0]}`)).body.holder).to.equal(true);
      expect((await fetchJson(`/accounts/${bucket}`)).body.holder).to.equal(false);
    });

    it("serves an account's page in one GraphQL query through the relations, every figure as the chain holds it", async () => {
      const lic = contract("CheckerLicense");
      const token = contract("AethirToken");
      const pools = contract("StakingPools");
      const lens = contract("HostStakingLens");
      const claims = contract("RewardClaims");
      const contracts = new Set(Object.values(ctx.manifest().contracts).map((c) => lc(c.address)));
      const synced = await syncedEpoch();
      type Page = {
        address: string;
        balance: string;
        holder: boolean;
        licenses: { totalCount: number; items: { id: string; owner: string; operator: string | null; ownedBy: { address: string } }[] };
        stakingPositions: { items: { positionId: string; poolId: string; amount: string; lockWeeks: number; unlockWeek: string; status: string; pool: { name: string } }[] };
        hostDelegations: { items: { host: string; shares: string; stake: string; delegatedTo: { address: string } }[] };
        vestingClaims: { items: { entryId: string; amount: string; vesting: string; unlockAt: string; status: string }[] };
        unbondingRequests: { items: { id: string; host: string; shares: string; value: string; unlockAt: string; status: string }[] };
        earnings: { items: { epoch: string; earned: string; cumulative: string }[] };
        rewards: { cumulativeSynced: string; cumulativeClaimed: string; claimable: string } | null;
        stath: { balance: string } | null;
      };
      const query = `query ($address: String!) { account(address: $address) { address balance holder
        licenses(orderBy: "id", limit: 1000) { totalCount items { id owner operator ownedBy { address } } }
        stakingPositions(orderBy: "positionId", limit: 1000) { items { positionId poolId amount lockWeeks unlockWeek status pool { name } } }
        hostDelegations(limit: 1000) { items { host shares stake delegatedTo { address } } }
        vestingClaims(orderBy: "entryId", limit: 1000) { items { entryId amount vesting unlockAt status } }
        unbondingRequests(orderBy: "id", limit: 1000) { items { id host shares value unlockAt status } }
        earnings(orderBy: "epoch", limit: 1000) { items { epoch earned cumulative } }
        rewards { cumulativeSynced cumulativeClaimed claimable } stath { balance } } }`;
      const { actors } = ctx.story();
      const owners = ctx.work().reports.flatMap((r) => r.accounts.map((a) => lc(a.account)));
      const who = [...new Set([...[actors.alice, actors.bob, actors.carol, actors.dave, actors.erin, actors.host, actors.funder].map(lc), ...owners])];
      const seen = { licenses: 0, stakingPositions: 0, hostDelegations: 0, vestingClaims: 0, unbondingRequests: 0, earnings: 0 };
      let sumClaimable = 0n;
      for (const a of who) {
        const { account: page } = await gql<{ account: Page | null }>(ctx.api(), query, { address: a });
        expect(page, a).to.not.equal(null);
        const p = page!;
        const balance: bigint = await token.balanceOf(a);
        expect([big(p.balance), p.holder], `${a} balance`).to.deep.equal([balance, balance > 0n && !contracts.has(a)]);
        // licenses: as many as the chain says it owns, each its own, with its operator
        expect(p.licenses.totalCount, `${a} licenses`).to.equal(Number(await lic.balanceOf(a)));
        for (const l of p.licenses.items) {
          expect([lc(await lic.ownerOf(l.id)), l.ownedBy.address], `license ${l.id}`).to.deep.equal([a, a]);
          expect(l.operator ?? `0x${"0".repeat(40)}`, `operator of ${l.id}`).to.equal(lc(await lic.userOf(l.id)));
        }
        // staking positions: every id it opened; open ones as the pool holds them
        expect(p.stakingPositions.items.map((x) => Number(x.positionId)), `${a} positions`).to.deep.equal([...Array(Number(await pools.positionCount(a))).keys()]);
        for (const x of p.stakingPositions.items) {
          const chain = await pools.position(a, x.positionId);
          if (chain.amount === 0n) expect(x.status, `${a}/${x.positionId}`).to.not.equal("open");
          else expect([x.status, big(x.amount), BigInt(x.lockWeeks), big(x.unlockWeek), big(x.poolId)], `${a}/${x.positionId}`).to.deep.equal(["open", chain.amount, BigInt(chain.lockWeeks), BigInt(chain.unlockWeek), BigInt(chain.pool)]);
          expect(x.pool.name).to.be.a("string");
        }
        expect(big(p.stath?.balance), `${a} stATH`).to.equal(await pools.balanceOf(a));
        // host delegations: shares and worth as the lens computes them
        for (const x of p.hostDelegations.items) {
          const [shares, assets] = await lens.stakeOf(x.host, a);
          expect([big(x.shares), big(x.stake), x.delegatedTo.address], `${a} with ${x.host}`).to.deep.equal([shares, assets, x.host]);
        }
        // vesting claims: every entry the claims contract opened for it; vesting ones with their amount and unlock
        expect(p.vestingClaims.items.map((x) => Number(x.entryId)), `${a} entries`).to.deep.equal([...Array(Number(await claims.entryCount(a))).keys()]);
        for (const x of p.vestingClaims.items) {
          const [amount, unlockAt] = await claims.entry(a, x.entryId);
          expect([x.status === "vesting" ? big(x.vesting) : 0n, big(x.unlockAt)], `${a} entry ${x.entryId}`).to.deep.equal([amount, unlockAt]);
        }
        for (const u of p.unbondingRequests.items) {
          const [shares, assets, unlockAt] = await lens.unbondingOf(u.host, a, u.id);
          if (u.status === "unbonding") expect([big(u.shares), big(u.value), big(u.unlockAt)], `request ${u.id}`).to.deep.equal([shares, assets, unlockAt]);
          else expect(unlockAt, `request ${u.id} withdrawn`).to.equal(0n);
        }
        // earnings per epoch: the referee's reports (whose roots the chain holds)
        const reported = ctx.work().reports.flatMap((r) => r.accounts.filter((x) => lc(x.account) === a).map((x) => [String(r.epoch), x.earned, x.cumulative]));
        expect(p.earnings.items.map((x) => [x.epoch, x.earned, x.cumulative]), `${a} earnings`).to.deep.equal(reported);
        // claimable: the synced leaf minus what the claims contract says it claimed
        const claimable = await claimableOf(a, synced);
        expect(big(p.rewards?.claimable), `${a} claimable`).to.equal(claimable);
        expect(big(p.rewards?.cumulativeClaimed), `${a} claimed`).to.equal(await claims.claimed(a));
        expect(big((await fetchJson(`/accounts/${a}?transfers=1`)).body.claimable as string), `${a} page claimable`).to.equal(claimable);
        sumClaimable += claimable;
        for (const k of ["licenses", "stakingPositions", "hostDelegations", "vestingClaims", "unbondingRequests", "earnings"] as const) {
          if (p[k].items.length > 0) seen[k] += 1;
        }
      }
      // the README's one-query account page runs as printed (for the account with the most to show)
      const readme = readFileSync("README.md", "utf8");
      const printed = /`(\{ account\(address: "0x…"\)[^`]*)`/.exec(readme)?.[1];
      expect(printed, "the README's account page query").to.be.a("string");
      const busiest = who.find((a) => owners.includes(a)) ?? who[0];
      const answer = await gql<{ account: { licenses: { items: unknown[] }; earnings: { items: unknown[] } } | null }>(ctx.api(), printed!.replace("0x…", busiest));
      expect(answer.account?.licenses.items.length).to.be.greaterThan(0);
      expect(answer.account?.earnings.items.length).to.be.greaterThan(0);
      // every relation had something to show for some account
      for (const k of ["licenses", "stakingPositions", "hostDelegations", "vestingClaims", "unbondingRequests", "earnings"] as const) expect(seen[k], k).to.be.greaterThan(0);
      // the overview's claimable is the same definition summed over every account
      const at = (await ctx.provider().getBlock("latest"))!.timestamp;
      const overview = await fetchJson(`/overview?at=${at}`);
      expect(big((overview.body.rewards as { claimable: string }).claimable)).to.equal(sumClaimable);
    });
  });
}
