// `npm run cli` refuses bad input with one sentence and exit 1 before connecting to any chain (no node runs here).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function cli(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "scripts/cli.ts", ...args], { encoding: "utf8", env: { ...process.env, AETHIR_PRIVATE_KEY: "" } });
  const out = r.stdout + r.stderr;
  assert.doesNotMatch(out, /^\s+at /m, `a stack trace:\n${out}`);
  return { status: r.status, out };
}

const HOST = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const refused: [string[], string][] = [
  [["frobnicate"], 'unknown command "frobnicate"'],
  [["stakee"], "(Did you mean stake?)"],
  [["stake", "--pool", "0", "--amout", "5", "--weeks", "3"], "error: unknown option '--amout'\n(Did you mean --amount?)"],
  [["delegate-host", "--host", "bob", "--amount", "1"], '--host must be an address (0x followed by 40 hex digits); got "bob".'],
  [["delegate-host", "--host", "0x1234", "--amount", "1"], '--host must be an address (0x followed by 40 hex digits); got "0x1234".'],
  [["delegate-host", "--host", HOST, "--amount", "-5"], '--amount must be a positive ATH amount with at most 18 decimals, such as 1000 or 2.5; got "-5".'],
  [["delegate-host", "--host", HOST, "--amount=-5"], '--amount must be a positive ATH amount with at most 18 decimals, such as 1000 or 2.5; got "-5".'],
  [["delegate-host", "--host", HOST, "--amount", "abc"], '--amount must be a positive ATH amount with at most 18 decimals, such as 1000 or 2.5; got "abc".'],
  [["delegate-host", "--host", HOST, "--amount", "0"], '--amount must be greater than 0; got "0".'],
  [["delegate-host", "--host", HOST, "--amount", "1.0000000000000000001"], "at most 18 decimals"],
  [["stake", "--pool", "0", "--amount", "1", "--weeks", "209"], '--weeks must be a whole number from 1 to 208 weeks; got "209".'],
  [["stake", "--pool", "0", "--amount", "1", "--weeks", "0"], '--weeks must be a whole number from 1 to 208 weeks; got "0".'],
  [["delegate", "--ids", "1", "--operator", HOST, "--days", "3651"], '--days must be a whole number from 1 to 3650 days; got "3651".'],
  [["host-register", "--commission", "10001"], '--commission must be a whole number from 0 to 10000 bps; got "10001".'],
  [["claim", "--proofs", "x.json", "--option", "90"], '--option must be 180 or 30 (days of vesting); got "90".'],
  [["delegate", "--ids", "9-5", "--operator", HOST], '--ids has the range "9-5" running downwards; write it low-high, such as 5-9.'],
  [["delegate", "--ids", "1,x", "--operator", HOST], '--ids must be ids and ranges such as 1,2,5-9; got "1,x".'],
  [["licenses", "--owner", "notanaddress", "--api", "http://127.0.0.1:1"], '--owner must be an address (0x followed by 40 hex digits); got "notanaddress".'],
  [["stake", "--pool", "0", "--weeks", "3"], "error: required option '--amount <ATH>' not specified"],
  [["status"], "status needs the account: pass --account <n> (a local node's account) or --address <0x…>."],
  [["status", "--json"], "status needs the account: pass --account <n> (a local node's account) or --address <0x…>."],
  [["status", "--account", "10", "--address", HOST], "status takes --account <n> or --address <0x…>, not both."],
  [["status", "--address", "0x70997970C51812dc3A010C7d01b50e0d17dc79C"], '--address must be an address (0x followed by 40 hex digits); got "0x70997970C51812dc3A010C7d01b50e0d17dc79C".'],
  [["status", "--address", "alice.eth"], '--address must be an address (0x followed by 40 hex digits); got "alice.eth".'],
  [["status", "--account", "-1"], '--account must be a whole number from 0 to 999; got "-1".'],
  [["status", "--account", "ten"], '--account must be a whole number from 0 to 999; got "ten".'],
  [["accounts", "--jsn"], "error: unknown option '--jsn'\n(Did you mean --json?)"],
  [["accounts", "extra"], "error: too many arguments for 'accounts'"],
  [["push-host-rewards", "--host", "bob", "--proofs", "x.json"], '--host must be an address (0x followed by 40 hex digits); got "bob".'],
  [["push-host-rewards", "--proofs", "x.json"], "error: required option '--host <address>' not specified"],
  [["claim-edge", "--account", "19"], "error: required option '--proofs <file or url>' not specified"],
];

describe("npm run cli", function () {
  this.timeout(60_000);
  for (const [args, message] of refused)
    it(`refuses ${args.join(" ")}`, () => {
      const { status, out } = cli(...args);
      assert.equal(status, 1);
      assert.ok(out.includes(message), `expected ${JSON.stringify(message)} in:\n${out}`);
      assert.doesNotMatch(out, /manifest/);
    });

  it("help lists every command with an example, and the signer", () => {
    const { status, out } = cli("help");
    assert.equal(status, 0);
    for (const c of ["whitelist-tree", "accounts", "status", "kyc-sign", "kyc-submit", "buy", "referral-register", "referral-status", "referral-withdraw", "proceeds-withdraw", "delegate", "revoke", "licenses", "earnings", "claim", "withdraw", "stake", "extend", "staking-claim", "unstake", "delegate-host", "undelegate-host", "withdraw-unbonded", "host-claim", "host-register", "container-register", "host-commission", "slash-propose", "slash-veto", "slash-execute"]) {
      assert.match(out, new RegExp(`^  ${c} `, "m"), `${c} listed`);
      assert.match(out, new RegExp(`npm run cli -- ${c} `), `${c} example`);
    }
    assert.match(out, /AETHIR_PRIVATE_KEY/);
  });

  it("help <command> lists its options and the global ones", () => {
    const { status, out } = cli("help", "stake");
    assert.equal(status, 0);
    for (const o of ["--pool", "--amount", "--weeks", "--permit", "--rpc", "--manifest", "--network", "--account"]) assert.ok(out.includes(o), o);
  });

  it("help status lists --account, --address, --api, --proofs and --json", () => {
    const { status, out } = cli("help", "status");
    assert.equal(status, 0);
    for (const o of ["--account", "--address", "--api", "--proofs", "--json"]) assert.ok(out.includes(o), o);
  });

  it("a runtime error is one sentence, exit 1", () => {
    const { status, out } = cli("stake", "--pool", "0", "--amount", "1", "--weeks", "3", "--manifest", "/nonexistent.json");
    assert.equal(status, 1);
    assert.match(out, /no manifest at \/nonexistent.json/);
  });

  it("a node that is down: one sentence naming the RPC, exit 1, and no retry lines from ethers", () => {
    const dir = mkdtempSync(join(tmpdir(), "aethir-cli-"));
    const manifest = join(dir, "m.json");
    writeFileSync(manifest, JSON.stringify({ network: "localhost", chainId: 31337, contracts: {}, buckets: [] }));
    const r = spawnSync("npx", ["tsx", "scripts/cli.ts", "accounts", "--rpc", "http://127.0.0.1:9", "--manifest", manifest], { encoding: "utf8" });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trim(), "cannot reach the RPC at http://127.0.0.1:9: is the node running? (pass --rpc <url> or set AETHIR_RPC_URL)");
  });

  it("an RPC of another chain than the manifest's: refused with a sentence before any call", async () => {
    const { checkChain } = await import("../../scripts/lib/cli-connection.js");
    const provider = { send: async () => "0xa4b1", _getConnection: () => ({ url: "http://rpc.example" }) } as never;
    const error = await checkChain(provider, { network: "arbitrumSepolia", chainId: 421614 } as never).catch((e: Error) => e);
    assert.equal((error as Error).message, "the RPC at http://rpc.example is chain 42161, but the manifest is for chain 421614 (arbitrumSepolia): pass the --rpc of that chain or the --manifest of this one");
  });

  it("accounts and status without a manifest: one sentence, exit 1, nothing on stdout", () => {
    for (const args of [["accounts", "--json"], ["status", "--account", "10", "--json"]]) {
      const r = spawnSync("npx", ["tsx", "scripts/cli.ts", ...args, "--manifest", "/nonexistent.json"], { encoding: "utf8" });
      assert.equal(r.status, 1);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr.trim(), "no manifest at /nonexistent.json: deploy first or pass --manifest");
    }
  });
});
