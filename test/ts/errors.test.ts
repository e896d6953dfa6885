// The error decoder (scripts/lib/errors.ts): every error of every contract ABI has a sentence naming each of its
// arguments in units; reverts are found in real ethers and viem errors from a chain, in wallets' shapes, nested, and
// as Error(string)/Panic; other failures get a sentence; `npm run cli` prints `Name: sentence` for a real revert.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { AbiCoder, BrowserProvider, Contract, ErrorFragment, Interface, JsonRpcProvider, ParamType, encodeBytes32String, getAddress, id, parseEther } from "ethers";
import { ContractFunctionExecutionError, ContractFunctionRevertedError, createPublicClient, custom, parseAbi, type Hex } from "viem";
import { decodeRevert, explainError, revertData } from "../../scripts/lib/errors.js";
import { artifactAbis } from "../../scripts/lib/error-abis.js";
import { OZ_ERRORS, SENTENCES, type Unit } from "../../scripts/lib/error-sentences.js";
import { formatAth, formatBps, formatDate, formatDuration, formatWeek } from "../../scripts/lib/format.js";
import { deploy, freePort, startNode, stopAndWait } from "../../scripts/lib/local-stack.js";

const NOW = 1_790_000_000; // 2026-09-21
const DAY = 86_400;
const abis = artifactAbis();
const coder = AbiCoder.defaultAbiCoder();
const encode = (signature: string, args: unknown[]) => new Interface([`error ${signature}`]).encodeErrorResult(signature.slice(0, signature.indexOf("(")), args);

/** A distinct, realistic value for argument `i`, in the unit the sentence table gives it, within its type's width. */
function sample(p: ParamType, unit: Unit | undefined, i: number): unknown {
  const k = i + 1;
  if (unit === "states") return "0x" + "00".repeat(31) + "06"; // waiting or ready
  if (p.baseType === "address") return getAddress("0x" + String(k).repeat(40).slice(0, 40));
  if (p.baseType === "bool") return true;
  if (p.baseType === "string") return `text${k}`;
  if (p.baseType === "bytes") return "0x" + "ab".repeat(k);
  if (p.baseType === "bytes32") return encodeBytes32String(`arg${k}`);
  if (/^bytes\d+$/.test(p.baseType)) return "0x" + Buffer.from(`C${k}`).toString("hex").padEnd(Number(p.baseType.slice(5)) * 2, "0");
  const bits = Number(/\d+$/.exec(p.baseType)?.[0] ?? 256);
  const max = (1n << BigInt(bits - (p.baseType.startsWith("int") ? 1 : 0))) - 1n;
  if (typeof unit === "object") return BigInt(Math.min(k, unit.enum.length - 1));
  const wanted: bigint = (() => {
    switch (unit) {
      case "ath": case "eth": case "weth": case "tokens": case "erc20": case "weight": return parseEther(String(1234.5 * k));
      case "time": return BigInt(NOW + 33 * DAY * k);
      case "week": return BigInt(Math.floor(NOW / (7 * DAY)) + 3 * k);
      case "duration": return BigInt(k * DAY);
      case "bps": return BigInt(1500 + k);
      case "coefficient": return BigInt(10_000 * k);
      default: return BigInt(k * 7 + (bits >= 32 ? 100_000 : 0));
    }
  })();
  return wanted > max ? max - BigInt(k) : wanted;
}

/** Every error (by full signature) declared in an ABI under artifacts/contracts, with one contract declaring it. */
function projectErrors(): [string, ErrorFragment][] {
  const out = new Map<string, [string, ErrorFragment]>();
  for (const [contract, abi] of Object.entries(abis))
    new Interface(abi as never).forEachError((e) => void (out.has(e.format("full")) || out.set(e.format("full"), [contract, e])));
  return [...out.values()];
}

/** Encodes `fragment` with sample arguments, decodes it and checks the sentence names every formatted argument. */
function checkSentence(fragment: ErrorFragment, abiSet: Record<string, readonly unknown[]>, contract?: string) {
  const entry = SENTENCES[fragment.name];
  assert.ok(entry, `no sentence for ${fragment.format("full")} (add one to scripts/lib/error-sentences.ts)`);
  const values = fragment.inputs.map((p, i) => sample(p, entry.units?.[p.name || String(i)], i));
  const data = new Interface([fragment]).encodeErrorResult(fragment, values);
  const d = decodeRevert({ data }, abiSet, { contract, now: NOW });
  assert.ok(d, fragment.format());
  assert.equal(d.name, fragment.name);
  assert.equal(d.selector, fragment.selector);
  for (const [name, shown] of Object.entries(d.args)) assert.ok(d.sentence.includes(shown), `${fragment.format("full")}: the sentence leaves out ${name} (${shown}):\n${d.sentence}`);
  assert.equal(Object.keys(d.args).length, fragment.inputs.length);
  assert.doesNotMatch(d.sentence.replace(/0x[0-9a-fA-F]+/g, "0x"), /\d{16,}|undefined|NaN|\[object/, `${fragment.format("full")}: a raw number or a missing value:\n${d.sentence}`);
  // units: amounts in ATH/ETH, times as dates, durations in days, weeks as dates, basis points as %
  fragment.inputs.forEach((p, i) => {
    const unit = entry.units?.[p.name || String(i)];
    const v = values[i] as bigint;
    const shown = d.args[p.name || String(i)];
    if (unit === "ath") assert.equal(shown, `${formatAth(v)} ATH`);
    if (unit === "time") assert.equal(shown, formatDate(v, NOW));
    if (unit === "week") assert.equal(shown, formatWeek(v, NOW));
    if (unit === "duration") assert.equal(shown, formatDuration(v));
    if (unit === "bps") assert.equal(shown, formatBps(v));
  });
  return d;
}

describe("error decoder: a sentence for every error", () => {
  const errors = projectErrors();

  it("finds the project's ABIs (artifacts/contracts) and their errors", () => {
    assert.ok(Object.keys(abis).includes("StakingPools") && Object.keys(abis).includes("LicenseSale"), "artifacts/contracts read");
    assert.ok(errors.length > 200, `${errors.length} errors`);
    // every custom error declared in contracts/ is among them
    assert.ok(errors.some(([, e]) => e.name === "SaleEnded") && errors.some(([, e]) => e.name === "StillLocked"));
  });

  for (const [contract, fragment] of projectErrors())
    it(`${fragment.format("full")} (${contract})`, () => {
      checkSentence(fragment, { [contract]: abis[contract] }, contract);
    });

  for (const signature of OZ_ERRORS)
    it(`OpenZeppelin ${signature}`, () => {
      // decoded from the built-in OpenZeppelin list alone (no deployment ABI)
      checkSentence(ErrorFragment.from(signature), {});
    });

  it("StillLocked reads as in the issue", () => {
    const unlock = Date.UTC(2027, 9, 28) / 1000;
    const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const data = encode("StillLocked(address account, uint256 positionId, uint256 unlockTime)", [account, 0, unlock]);
    assert.equal(
      explainError({ data }, { StakingPools: abis.StakingPools }, { now: unlock - 33 * DAY }),
      "StillLocked: 0x7099…79C8's position 0 unlocks on 2027-10-28 (in 33 days); withdraw after that, or extend it",
    );
  });

  it("the called contract's ABI comes first: the same selector reads by the contract that reverted", () => {
    const data = encode("CumulativeTotalDecreased(uint256 cumulativeTotal, uint256 previous)", [parseEther("10"), parseEther("20")]);
    const both = { CheckerReferee: abis.CheckerReferee, RewardClaims: abis.RewardClaims };
    assert.match(decodeRevert({ data }, both, { contract: "CheckerReferee" })!.sentence, /below the 20 ATH already posted/);
    assert.match(decodeRevert({ data }, both, { contract: "RewardClaims" })!.sentence, /below the 20 ATH already funded/);
    // without a contract name, the call's `to` picks it from the manifest's addresses
    const to = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const manifest = { contracts: { CheckerReferee: { abi: abis.CheckerReferee, address: "0x0000000000000000000000000000000000000001" }, RewardClaims: { abi: abis.RewardClaims, address: to } } };
    const d = decodeRevert({ code: "CALL_EXCEPTION", data, transaction: { to, data: "0x" } }, manifest);
    assert.equal(d?.contract, "RewardClaims");
    assert.match(d!.sentence, /already funded/);
  });

  it("addresses of the deployment are named; roles by name; enums by name", () => {
    const pools = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const manifest = { contracts: { StakingPools: { abi: abis.StakingPools, address: pools } } };
    const data = encode("FundingNotReceived(address token, uint256 expected, uint256 received)", [pools, parseEther("100"), parseEther("98.5")]);
    assert.equal(decodeRevert({ data }, manifest)!.sentence, "StakingPools (0x5FbD…0aa3) delivered 98.5 tokens instead of 100 tokens (fee-on-transfer tokens are not supported); fund with another token");
    const role = encode("AccessControlUnauthorizedAccount(address account, bytes32 neededRole)", [pools, id("GUARDIAN_ROLE")]);
    assert.match(explainError({ data: role }, manifest), /^AccessControlUnauthorizedAccount: StakingPools \(0x5FbD…0aa3\) lacks the role GUARDIAN_ROLE;/);
    const notPending = new Interface(abis.HostSlashing as never).encodeErrorResult("NotPending", [3, 2]);
    assert.equal(explainError({ data: notPending }, { HostSlashing: abis.HostSlashing }), "NotPending: slash 3 is Vetoed, not pending; nothing to do");
  });
});

describe("error decoder: error shapes", function () {
  this.timeout(120_000);
  const account = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  const saleEnded = encode("SaleEnded(uint64 saleEnd)", [NOW - 10 * DAY]);
  const SALE_ENDED = `SaleEnded: the sale ended on ${formatDate(NOW - 10 * DAY, NOW)}; no more licenses can be bought`;
  const opts = { now: NOW };
  const sale = { LicenseSale: abis.LicenseSale };

  /** A real chain: StakingPools over an ERC-20, on Hardhat's in-process network. */
  async function chain() {
    const c = await network.create();
    const [admin, guardian, holder] = await c.ethers.getSigners();
    const token = await c.ethers.deployContract("OZPlainERC20", [admin.address, parseEther("1000")]);
    const pools = await c.ethers.deployContract("StakingPools", [admin.address, guardian.address, await token.getAddress()]);
    await (await pools.createPool("Gaming", [await token.getAddress()])).wait();
    const manifest = { contracts: { StakingPools: { abi: abis.StakingPools, address: await pools.getAddress() }, AethirToken: { abi: abis.AethirToken, address: await token.getAddress() } } };
    return { c, admin, holder, token, pools, manifest };
  }

  it("ethers v6: a real revert through hardhat-ethers and through an EIP-1193 BrowserProvider", async () => {
    const { c, holder, pools, manifest } = await chain();
    const error = await pools.connect(holder).stake(0, parseEther("1"), 0).catch((e: unknown) => e);
    assert.equal(explainError(error, manifest), "InvalidLockWeeks: a lock of 0 weeks is outside 1 to 208 weeks; pass --weeks between them");
    const browser = new BrowserProvider(c.provider as never);
    const viaWallet = new Contract(await pools.getAddress(), pools.interface, await browser.getSigner(2));
    const sent = await viaWallet.stake(7, parseEther("1"), 3).catch((e: unknown) => e);
    assert.equal((sent as { code?: string }).code, "CALL_EXCEPTION");
    assert.equal(explainError(sent, manifest), "UnknownPool: there is no pool 7; use an existing pool id (0 is the first)");
    const called = await viaWallet.stake.staticCall(0, parseEther("0.5"), 3).catch((e: unknown) => e);
    assert.equal(explainError(called, manifest), "StakeTooSmall: a stake of 0.5 ATH is below the minimum of 1 ATH; stake at least that");
  });

  it("a revert bubbled from another contract (the token under StakingPools) decodes through the deployment's ABIs", async () => {
    const { holder, token, pools, manifest } = await chain();
    // the holder has no tokens and approved none: the token's ERC20InsufficientAllowance comes back through StakingPools
    const error = await pools.connect(holder).stake(0, parseEther("5"), 3).catch((e: unknown) => e);
    const d = decodeRevert(error, manifest);
    assert.equal(d?.name, "ERC20InsufficientAllowance");
    assert.match(d!.sentence, new RegExp(`^StakingPools \\(${(await pools.getAddress()).slice(0, 6)}…${(await pools.getAddress()).slice(-4)}\\) may spend 0 tokens \\(ATH or stATH\\), less than the 5 tokens \\(ATH or stATH\\) needed`));
    // and from the token's own ABI when it is the called contract
    const direct = await token.connect(holder).transfer(await pools.getAddress(), parseEther("1")).catch((e: unknown) => e);
    assert.match(explainError(direct, manifest, { contract: "AethirToken" }), /^ERC20InsufficientBalance: 0x3C44…93BC holds 0 ATH, less than the 1 ATH needed;/);
  });

  it("viem: a real ContractFunctionExecutionError and CallExecutionError from the same chain", async () => {
    const { c, holder, pools, manifest } = await chain();
    const client = createPublicClient({ transport: custom(c.provider as never) });
    const abi = parseAbi(["function stake(uint256 poolId, uint256 amount, uint256 weeks_) returns (uint256)"]); // no errors: viem can't decode
    const address = (await pools.getAddress()) as Hex;
    const simulated = await client.simulateContract({ address, abi, functionName: "stake", args: [0n, parseEther("1"), 300n], account: holder.address as Hex }).catch((e: unknown) => e);
    assert.equal((simulated as Error).name, "ContractFunctionExecutionError");
    assert.equal(explainError(simulated, manifest), "InvalidLockWeeks: a lock of 300 weeks is outside 1 to 208 weeks; pass --weeks between them");
    const data = pools.interface.encodeFunctionData("stake", [9, parseEther("1"), 3]) as Hex;
    const called = await client.call({ to: address, data, account: holder.address as Hex }).catch((e: unknown) => e);
    assert.equal((called as Error).name, "CallExecutionError");
    // the call's own input (in the message's "Raw Call Arguments") is not mistaken for the revert
    assert.equal(explainError(called, manifest), "UnknownPool: there is no pool 9; use an existing pool id (0 is the first)");
  });

  it("viem's error classes built as viem builds them", () => {
    const abi = parseAbi(["function buy(uint256 quantity)"]);
    const reverted = new ContractFunctionRevertedError({ abi, data: saleEnded as Hex, functionName: "buy" });
    const error = new ContractFunctionExecutionError(reverted, { abi, functionName: "buy", args: [3n], contractAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3" });
    assert.equal(revertData(error), saleEnded);
    assert.equal(explainError(error, sale, opts), SALE_ENDED);
  });

  it("MetaMask and other EIP-1193 wallets", () => {
    const metamask = { code: -32603, message: "Internal JSON-RPC error.", data: { code: 3, message: "execution reverted", data: saleEnded } };
    assert.equal(explainError(metamask, sale, opts), SALE_ENDED);
    assert.equal(explainError({ code: -32603, data: { originalError: { code: 3, data: saleEnded, message: "execution reverted" } } }, sale, opts), SALE_ENDED);
    assert.equal(explainError({ code: 3, data: { data: saleEnded } }, sale, opts), SALE_ENDED);
    assert.equal(explainError({ code: 3, data: saleEnded }, sale, opts), SALE_ENDED);
    // a JSON-RPC message that quotes the data (what the issue saw), and an RPC body
    const message = `execution reverted (unknown custom error) (action="estimateGas", data="${saleEnded}", reason=null, transaction={ "data": "0xa638f2e2${"00".repeat(96)}", "to": "0x5FbDB2315678afecb367f032d93F642f64180aa3" }, invocation=null, revert=null, code=CALL_EXCEPTION, version=6.17.0)`;
    assert.equal(explainError(new Error(message), sale, opts), SALE_ENDED);
    assert.equal(explainError({ body: JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: 3, message: "execution reverted", data: saleEnded } }) }, sale, opts), SALE_ENDED);
    assert.equal(explainError({ code: 4001, message: "MetaMask Tx Signature: User denied transaction signature." }), "the wallet rejected the request; nothing was sent");
  });

  it("Error(string), Panic(0x11), FailedCall, a revert inside an Error(string), an unknown selector, no data", () => {
    const reason = encode("Error(string)", ["ERC20: transfer amount exceeds balance"]);
    assert.equal(explainError({ data: reason }), 'Error: the contract refused with the message "ERC20: transfer amount exceeds balance"');
    const panic = "0x4e487b71" + coder.encode(["uint256"], [0x11]).slice(2);
    assert.equal(explainError({ data: panic }), "Panic: the contract hit a bug or an impossible input (panic 0x11: an arithmetic overflow or underflow); nothing you can fix by retrying, report it with the transaction");
    assert.match(explainError({ data: "0x4e487b71" + coder.encode(["uint256"], [0x12]).slice(2) }), /panic 0x12: a division or modulo by zero/);
    assert.equal(explainError({ data: id("FailedCall()").slice(0, 10) }), "FailedCall: a call to another contract failed without a reason; check the contract it calls");
    // a wrapper that reverts with Error(string) carrying its callee's revert, as text or as raw bytes
    const quoted = encode("Error(string)", [`call failed: ${saleEnded}`]);
    assert.equal(explainError({ data: quoted }, sale, opts), SALE_ENDED);
    const raw = encode("Error(string)", [String.fromCharCode(...Buffer.from(saleEnded.slice(2), "hex"))]);
    assert.equal(explainError({ data: raw }, sale, opts), SALE_ENDED);
    // unknown data keeps its selector
    assert.equal(explainError({ data: "0x1814e848" + "00".repeat(32) }, {}), "unknown error 0x1814e848 (not in this deployment's ABIs); check that --manifest matches the contracts on this chain");
    assert.equal(decodeRevert({ data: "0x1814e848" }, {})?.selector, "0x1814e848");
    assert.match(explainError({ code: "CALL_EXCEPTION", data: "0x" }), /^EmptyRevert: the call reverted without a reason/);
  });

  it("non-revert errors: the node down (a real ECONNREFUSED), timeouts, gas funds, nonces, ENS", async () => {
    const url = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const provider = new JsonRpcProvider(url, 31337, { staticNetwork: true });
    const down = await provider.getBlockNumber().catch((e: unknown) => e);
    provider.destroy();
    assert.equal(explainError(down, undefined, { rpc: url }), `cannot reach the RPC at ${url}: is the node running? (pass --rpc <url> or set AETHIR_RPC_URL)`);
    assert.equal(explainError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8545"), { code: "ECONNREFUSED", address: "127.0.0.1", port: 8545 })), "cannot reach the RPC at 127.0.0.1:8545: is the node running? (pass --rpc <url> or set AETHIR_RPC_URL)");
    assert.match(explainError({ code: "TIMEOUT", message: "timeout" }, undefined, { rpc: url }), new RegExp(`^the RPC at ${url} did not answer in time`));
    assert.match(explainError({ code: "INSUFFICIENT_FUNDS", message: "insufficient funds for intrinsic transaction cost" }), /^the account has not enough ETH to pay for gas/);
    assert.match(explainError({ code: "NONCE_EXPIRED", message: "nonce has already been used" }), /nonce was already used/);
    assert.match(explainError({ code: "UNSUPPORTED_OPERATION", message: "network does not support ENS (operation=\"getEnsAddress\")" }), /pass a 0x address$/);
    assert.equal(explainError({ code: "ACTION_REJECTED", message: "user rejected action" }), "the wallet rejected the request; nothing was sent");
    // anything else: its first line, without ethers' details or a stack trace
    const other = new Error('could not coalesce error (error={ "code": -32000 }, code=UNKNOWN_ERROR, version=6.17.0)');
    assert.equal(explainError(other), "could not coalesce error");
    const thrown = new Error("something broke\n    at foo (/x.ts:1:1)\n    at bar (/y.ts:2:2)");
    assert.equal(explainError(thrown), "something broke");
  });
});

describe("error decoder: browser-safe", () => {
  it("the decoder, its sentences and the formatting import no node: module, and viem rather than ethers (the web bundle has viem)", () => {
    for (const file of ["scripts/lib/errors.ts", "scripts/lib/error-sentences.ts", "scripts/lib/format.ts"]) {
      const imports = [...readFileSync(file, "utf8").matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
      assert.ok(imports.length > 0, file);
      for (const m of imports) assert.ok(m === "viem" || m.startsWith("./"), `${file} imports ${m}`);
    }
  });
});

describe("npm run cli: a revert is one line, Name: sentence", function () {
  this.timeout(600_000);
  it("unstake of a position that does not exist, on a local node with the real deployment", async () => {
    const port = await freePort();
    const node = await startNode(port);
    const dir = mkdtempSync(join(tmpdir(), "aethir-errors-"));
    try {
      const manifestPath = join(dir, "localhost.json");
      await deploy(port, manifestPath);
      const signer = (JSON.parse(readFileSync(manifestPath, "utf8")) as { deployer: string }).deployer;
      const r = spawnSync("npx", ["tsx", "scripts/cli.ts", "unstake", "--position", "0", "--account", "0", "--rpc", node.url, "--manifest", manifestPath], {
        encoding: "utf8",
        env: { ...process.env, AETHIR_PRIVATE_KEY: "" },
      });
      const out = r.stdout + r.stderr;
      assert.equal(r.status, 1, out);
      assert.doesNotMatch(out, /^\s+at /m, `a stack trace:\n${out}`);
      assert.equal(out.trim(), `NoSuchPosition: ${signer.slice(0, 6)}…${signer.slice(-4)} has no open position 0 (never opened, or withdrawn); check --position and the account`);
    } finally {
      await stopAndWait(node.child);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
