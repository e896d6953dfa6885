// End to end: the watchdog (watchdog/watchdog.ts) in front of Ponder on a local node. A reorg deeper than finality
// (made with evm_snapshot/evm_revert) must flip /ready to 503 within seconds and end, after an automatic re-index into
// a new schema, with an API equal to the chain; a kill -9 of Ponder during a burst of transfers must never make the
// API serve an older state than before without saying so, and must end equal to the chain with nothing lost or
// doubled. "Equal to the chain" is checked twice: against an independent replay of every Transfer log and against
// balanceOf. The suite runs twice: on PGlite (npm start's layout) and on PostgreSQL (the production layout, where the
// watchdog also keeps a views schema on the schema it serves). test/ts/watchdog-units.test.ts covers the decisions
// in-process.
import { expect } from "chai";
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  encodeFunctionData,
  getAddress,
  parseAbi,
  parseAbiItem,
  parseEther,
  type Address,
} from "viem";
import {
  deploy,
  freePort,
  rpc,
  startNode,
  stopAllAndWait,
} from "../../scripts/lib/local-stack.js";
import { psql, startPostgres } from "../../scripts/lib/postgres.js";
import { simulateGenesis } from "../../scripts/lib/simulate-genesis.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { chainClient } from "../../watchdog/sample.js";
import {
  sampleAddresses,
  startWatchdog,
  type Watchdog,
  type WatchdogState,
} from "../../watchdog/watchdog.js";

const TOKEN = parseAbi([
  "function transfer(address, uint256) returns (bool)",
  "function balanceOf(address) view returns (uint256)",
]);
const TRANSFER = parseAbiItem(
  "event Transfer(address indexed from, address indexed to, uint256 value)",
);
const ZERO = "0x0000000000000000000000000000000000000000";
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const fresh = (tag: number, i: number): Address =>
  getAddress(
    `0x${tag.toString(16).padStart(8, "0")}${i.toString(16).padStart(32, "0")}`,
  );

const VIEWS = "aethir_watchdog_views";

for (const backend of ["PGlite", "PostgreSQL"] as const)
  describe(`Watchdog end to end (${backend})`, function () {
    this.timeout(900_000);
    let databaseUrl: string | undefined;
    let work: string;
    let rpcUrl: string;
    let manifest: Manifest;
    let manifestPath: string;
    let sender: Address;
    let watchdog: Watchdog;
    let stateDir: string;
    const client = () => chainClient(rpcUrl);

    const options = async () => ({
      port: await freePort(),
      rpcUrl,
      manifestPath,
      contracts: sampleAddresses(manifest),
      stateDir,
      ...(databaseUrl === undefined ? {} : { databaseUrl, viewsSchema: VIEWS }),
      pollMs: 250,
      sampleIntervalMs: 2_000,
      reindexMinIntervalMs: 5_000,
      log: (line: Record<string, unknown>) =>
        appendFileSync(join(work, "watchdog.log"), JSON.stringify(line) + "\n"),
    });

    async function state(): Promise<WatchdogState> {
      return (await (
        await fetch(`${watchdog.url}/watchdog`)
      ).json()) as WatchdogState;
    }

    async function until<T>(
      what: string,
      check: () => Promise<T | undefined | false>,
      timeoutMs: number,
    ): Promise<T> {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const v = await check().catch(() => undefined);
        if (v !== undefined && v !== false) return v;
        await sleep(100);
      }
      throw new Error(
        `${what}: not after ${timeoutMs} ms; watchdog state ${JSON.stringify(await state().catch(() => null))}`,
      );
    }

    /** Ready, and at the chain's tip. */
    const servingTip = async (timeoutMs = 300_000) => {
      const tip = Number(await rpc(rpcUrl, "eth_blockNumber"));
      await until(
        `the watchdog serving block ${tip}`,
        async () => {
          const ready = await fetch(`${watchdog.url}/ready`);
          return ready.status === 200 && (await state()).indexedBlock >= tip;
        },
        timeoutMs,
      );
    };

    /** One ATH transfer from the sender (one block each, the node automines). */
    async function send(to: Address, ath: string): Promise<void> {
      const data = encodeFunctionData({
        abi: TOKEN,
        functionName: "transfer",
        args: [to, parseEther(ath)],
      });
      const hash = (await rpc(rpcUrl, "eth_sendTransaction", [
        { from: sender, to: manifest.contracts.AethirToken.address, data },
      ])) as string;
      const receipt = (await rpc(rpcUrl, "eth_getTransactionReceipt", [
        hash,
      ])) as { status: string } | null;
      expect(receipt?.status, `transfer to ${to}`).to.equal("0x1");
    }

    /** Every balance as an independent replay of the token's Transfer logs has it. */
    async function replay(): Promise<Map<string, bigint>> {
      const logs = await client().getLogs({
        address: manifest.contracts.AethirToken.address as Address,
        event: TRANSFER,
        fromBlock: BigInt(manifest.startBlock),
        toBlock: "latest",
      });
      const balances = new Map<string, bigint>();
      const add = (who: string, v: bigint) =>
        balances.set(
          who.toLowerCase(),
          (balances.get(who.toLowerCase()) ?? 0n) + v,
        );
      for (const { args } of logs) {
        if (args.from !== ZERO) add(args.from!, -args.value!);
        if (args.to !== ZERO) add(args.to!, args.value!);
      }
      return balances;
    }

    /** Every account the API serves (through the watchdog), page by page. */
    async function apiAccounts(): Promise<Map<string, bigint>> {
      const out = new Map<string, bigint>();
      let after: string | null = null;
      for (;;) {
        const res = await fetch(`${watchdog.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: `query($after: String) { accounts(limit: 1000, after: $after) { items { address balance } pageInfo { hasNextPage endCursor } } }`,
            variables: { after },
          }),
        });
        expect(res.status).to.equal(200);
        const body = (await res.json()) as {
          data: {
            accounts: {
              items: { address: string; balance: string }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          };
        };
        for (const a of body.data.accounts.items)
          out.set(a.address.toLowerCase(), BigInt(a.balance));
        if (!body.data.accounts.pageInfo.hasNextPage) return out;
        after = body.data.accounts.pageInfo.endCursor;
      }
    }

    /** The API equals the replay of the logs and the chain's balanceOf, for every account either knows. */
    async function expectEqualToChain(): Promise<number> {
      const [api, logs] = await Promise.all([apiAccounts(), replay()]);
      const everyone = new Set([...api.keys(), ...logs.keys()]);
      const token = manifest.contracts.AethirToken.address as Address;
      let checked = 0;
      for (const who of everyone) {
        const onChain = await client().readContract({
          address: token,
          abi: TOKEN,
          functionName: "balanceOf",
          args: [getAddress(who)],
        });
        expect(logs.get(who) ?? 0n, `${who}: replay vs balanceOf`).to.equal(
          onChain,
        );
        expect(api.get(who) ?? 0n, `${who}: API vs chain`).to.equal(onChain);
        checked += 1;
      }
      return checked;
    }

    before(async () => {
      work = mkdtempSync(join(tmpdir(), "aethir-watchdog-"));
      stateDir = join(work, "watchdog");
      const rpcPort = await freePort();
      const node = await startNode(rpcPort);
      rpcUrl = node.url;
      manifestPath = join(work, "localhost.json");
      await deploy(rpcPort, manifestPath);
      manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
      await simulateGenesis(rpcUrl, manifest);
      sender = getAddress(
        ((await rpc(rpcUrl, "eth_accounts")) as string[])[11],
      ); // a holder with 2,000,000 ATH
      if (backend === "PostgreSQL") databaseUrl = (await startPostgres()).url;
      watchdog = await startWatchdog(await options());
      await servingTip();
    });

    // the watchdog's own JSON log, when a test fails
    afterEach(function () {
      const path = join(work, "watchdog.log");
      if (this.currentTest?.state === "failed" && existsSync(path))
        console.log(
          readFileSync(path, "utf8").split("\n").slice(-40).join("\n"),
        );
    });

    after(async () => {
      await watchdog?.stop();
      await stopAllAndWait();
      rmSync(work, { recursive: true, force: true });
    });

    it("serves the chain's state through the proxy, its own /health and /metrics, and spot-checks it equal", async function () {
      expect((await fetch(`${watchdog.url}/health`)).status).to.equal(200);
      const ready = (await (await fetch(`${watchdog.url}/ready`)).json()) as {
        ready: boolean;
        reasons: unknown[];
      };
      expect(ready).to.include({ ready: true });
      expect(ready.reasons).to.deep.equal([]);
      const res = await fetch(`${watchdog.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "{ accounts(limit: 1) { items { address } } }",
        }),
      });
      expect(res.status).to.equal(200);
      expect(Number(res.headers.get("x-watchdog-indexed-block"))).to.equal(
        Number(await rpc(rpcUrl, "eth_blockNumber")),
      );
      const sampled = await until(
        "a spot check",
        async () => (await state()).lastSample ?? undefined,
        30_000,
      );
      expect(sampled.rows).to.be.greaterThan(5);
      expect(sampled.differences).to.equal(0);
      const metrics = await (await fetch(`${watchdog.url}/metrics`)).text();
      expect(metrics).to.match(/^watchdog_ready 1$/m);
      expect(metrics).to.match(
        /^watchdog_samples_total\{result="equal"\} [1-9]/m,
      );
      expect(await expectEqualToChain()).to.be.greaterThan(10);
    });

    it("a reorg deeper than finality: /ready 503 with the reason within seconds, a re-index into a new schema, and the API ends equal to the chain", async function () {
      const before = await state();
      const snapshot = (await rpc(rpcUrl, "evm_snapshot")) as string;
      // the branch that will die: 70 blocks (finality is 30 on 31337), each sending 1,000 ATH to a fresh account
      for (let i = 0; i < 70; i++) await send(fresh(0xdead, i), "1000");
      await servingTip();
      const dead = await apiAccounts();
      expect(dead.get(fresh(0xdead, 0).toLowerCase())).to.equal(
        parseEther("1000"),
      ); // the API served the old branch

      expect(await rpc(rpcUrl, "evm_revert", [snapshot])).to.equal(true);
      const reverted = Date.now();
      // the branch that lives: 75 blocks to other fresh accounts, sent while the watchdog is watched
      const sending = (async () => {
        for (let i = 0; i < 75; i++) await send(fresh(0xa11e, i), "1000");
      })();
      const notReady = await until(
        "/ready 503",
        async () => {
          const res = await fetch(`${watchdog.url}/ready`);
          return res.status === 503
            ? ((await res.json()) as {
                reasons: { code: string; message: string }[];
              })
            : undefined;
        },
        60_000,
      );
      const detectedMs = Date.now() - reverted;
      console.log(
        `      /ready answered 503 ${detectedMs} ms after the revert: ${notReady.reasons.map((r) => r.message).join("; ")}`,
      );
      expect(detectedMs).to.be.lessThan(15_000);
      expect(notReady.reasons.map((r) => r.code)).to.include(
        "unrecoverable-reorg",
      );
      // data requests say so too, they don't serve the dead branch
      const refused = await fetch(`${watchdog.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "{ accounts(limit: 1) { items { address } } }",
        }),
      });
      if (refused.status === 503)
        expect(((await refused.json()) as { error: string }).error).to.match(
          /not serving right now: .*reorganised/,
        );
      else expect((await state()).ready).to.equal(true); // only if the re-index already finished
      await sending;

      await servingTip();
      const after = await state();
      const switchedMs = Date.now() - reverted;
      console.log(
        `      re-indexed into ${after.schema} (was ${before.schema}) and serving the chain's tip ${switchedMs} ms after the revert`,
      );
      expect(after.schema).to.not.equal(before.schema);
      const metrics = await (await fetch(`${watchdog.url}/metrics`)).text();
      expect(metrics).to.match(/^watchdog_unrecoverable_reorgs_total [1-9]/m);
      expect(metrics).to.match(/^watchdog_reindexes_total 1$/m);
      expect(metrics).to.match(/^watchdog_schema_switches_total 1$/m);
      const api = await apiAccounts();
      expect(api.get(fresh(0xdead, 0).toLowerCase()) ?? 0n).to.equal(0n);
      expect(api.get(fresh(0xa11e, 74).toLowerCase())).to.equal(
        parseEther("1000"),
      );
      await expectEqualToChain();
      if (databaseUrl !== undefined) {
        // direct SQL readers follow too: the views schema moves to the schema the watchdog serves
        const viewTarget = () =>
          psql(
            databaseUrl!,
            `select view_definition from information_schema.views where table_schema = '${VIEWS}' and table_name = 'account'`,
          );
        await until(
          "the views on the new schema",
          async () => viewTarget().includes(after.schema),
          60_000,
        );
        const balance = (who: Address) =>
          psql(
            databaseUrl!,
            `select coalesce((select balance::text from ${VIEWS}.account where address = '${who.toLowerCase()}'), '0')`,
          );
        expect(balance(fresh(0xdead, 0))).to.equal("0");
        expect(balance(fresh(0xa11e, 74))).to.equal(
          parseEther("1000").toString(),
        );
      }
    });

    it("kill -9 of Ponder during a burst: never an older state than before without saying so, and it ends equal to the chain", async function () {
      const recipient = fresh(0xb0b, 1);
      const seen: {
        status: number;
        block: number;
        balance: bigint;
        at: number;
        error?: string;
        reasons?: string[];
      }[] = [];
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const res = await fetch(`${watchdog.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              query: `{ account(address: "${recipient.toLowerCase()}") { balance } }`,
            }),
          }).catch(() => undefined);
          if (res !== undefined) {
            const body = (await res.json().catch(() => ({}))) as {
              data?: { account: { balance: string } | null };
              error?: string;
              reasons?: string[];
            };
            if (res.status === 200)
              seen.push({
                status: 200,
                block: Number(res.headers.get("x-watchdog-indexed-block")),
                balance: BigInt(body.data?.account?.balance ?? 0),
                at: Date.now(),
              });
            // a refusal (503, the indexer not trusted) or the indexer gone between two polls (502): both say so
            else
              seen.push({
                status: res.status,
                block: -1,
                balance: -1n,
                at: Date.now(),
                error: body.error,
                reasons: body.reasons,
              });
          }
          await sleep(50);
        }
      })();
      const pid = watchdog.indexer().pid!;
      for (let i = 0; i < 40; i++) {
        await send(recipient, "1");
        if (i === 15) process.kill(pid, "SIGKILL");
      }
      await servingTip();
      polling = false;
      await poller;

      expect(watchdog.indexer().pid).to.not.equal(pid);
      for (const s of seen.filter((x) => x.status !== 200)) {
        if (s.status === 503) {
          expect(s.error).to.match(/^The API is not serving right now: /);
          expect(s.reasons!.length).to.be.greaterThan(0);
        } else {
          expect(s.status).to.equal(502);
          expect(s.error).to.match(/^The indexer did not answer/);
        }
      }
      const refusals = seen.filter((s) => s.status === 503).length;
      const served = seen.filter((s) => s.status === 200);
      console.log(
        `      ${seen.length} answers during the burst: ${served.length} served, ${refusals} refused with the reason, ${seen.length - served.length - refusals} "the indexer did not answer"`,
      );
      expect(refusals).to.be.greaterThan(0);
      // monotone: no served answer is older (lower block, smaller balance of the recipient) than one served before it
      for (let i = 1; i < served.length; i++) {
        expect(served[i].block, `answer ${i}`).to.be.at.least(
          served[i - 1].block,
        );
        expect(served[i].balance, `answer ${i}`).to.be.at.least(
          served[i - 1].balance,
        );
      }
      const metrics = await (await fetch(`${watchdog.url}/metrics`)).text();
      expect(metrics).to.match(/^watchdog_indexer_restarts_total 1$/m);
      // nothing lost or doubled
      expect((await apiAccounts()).get(recipient.toLowerCase())).to.equal(
        parseEther("40"),
      );
      await expectEqualToChain();
    });

    it("a restarted watchdog remembers the block it served and is not ready before the indexer is back there", async function () {
      const before = await state();
      await watchdog.stop();
      watchdog = await startWatchdog(await options());
      const first = await state();
      expect(first.servedBlock).to.equal(before.servedBlock);
      expect(first.schema).to.equal(before.schema);
      expect(first.ready).to.equal(false);
      await servingTip();
      expect((await state()).indexedBlock).to.be.at.least(before.servedBlock);
      await expectEqualToChain();
    });
  });
