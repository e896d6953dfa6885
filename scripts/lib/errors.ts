// One error decoder for the CLI, the referee service, the scripts and the web app: digs the revert data out of any
// error shape (ethers v6, viem, EIP-1193 wallets such as MetaMask, JSON-RPC messages), decodes it against the called
// contract's ABI, then every ABI of the deployment, then OpenZeppelin 5's errors, then Solidity's Error(string) and
// Panic(uint256), and says in one sentence what happened and what to do (scripts/lib/error-sentences.ts holds the
// sentences and each argument's unit). Other failures (node down, wallet rejection, gas funds, nonces, ENS, timeouts)
// get a sentence too. Browser-safe: no node: imports, and viem rather than ethers (the web app's bundle has viem already).
import { decodeAbiParameters, decodeErrorResult, parseAbiItem, toFunctionSelector, type Abi, type AbiParameter, type Hex } from "viem";
import { ENUMS, OZ_ERRORS, PANIC_REASONS, ROLE_NAMES, SENTENCES, type Unit } from "./error-sentences.js";
import { formatAddress, formatAth, formatBps, formatBytes, formatCount, formatDate, formatDuration, formatWeek } from "./format.js";

/** A deployment manifest (scripts/lib/manifest.ts) or anything shaped like one: contract name -> ABI (and address). */
export interface AbiSet {
  contracts: Record<string, { abi: readonly unknown[]; address?: string }>;
}
/** A manifest, or contract name -> ABI. */
export type Abis = AbiSet | Record<string, readonly unknown[]>;

export interface DecodeOptions {
  /** The contract that was called (a name in the manifest), tried first. Found from the error's `to` when omitted. */
  contract?: string;
  /** "Now" for relative dates, in Unix seconds: the chain's latest block time where known (default: the clock). */
  now?: number;
  /** The RPC URL, named in connection errors. */
  rpc?: string;
}

export interface DecodedRevert {
  /** The error's name ("StillLocked", "Error", "Panic"), or its selector when no ABI knows it. */
  name: string;
  /** Each argument formatted in its unit, by name (positional names "0", "1"... when the ABI has none). */
  args: Record<string, string>;
  /** The contract whose ABI declared it. */
  contract?: string;
  /** The 4-byte selector. */
  selector: string;
  /** What happened and what to do. */
  sentence: string;
  /** A revert carried inside this one (an Error(string) or bytes argument holding another contract's revert). */
  inner?: DecodedRevert;
}

const ERROR_STRING = "0x08c379a0";
const PANIC = "0x4e487b71";
/** Revert data: a selector and whole 32-byte words (which addresses and hashes are not), or nothing. */
const REVERT_HEX = /^0x(?:[0-9a-fA-F]{8}(?:[0-9a-fA-F]{64})*)?$/;
const REVERT_IN_TEXT = /0x[0-9a-fA-F]{8}(?:[0-9a-fA-F]{64})*(?![0-9a-fA-F])/g;
// Where error objects keep what they wrap. Not `transaction`, `payload`, `request` or `params`: those hold the call's
// own input, which has the same shape as revert data.
const NESTED = ["revert", "error", "cause", "info", "data", "originalError", "body", "response", "reason", "details", "shortMessage", "message"];

function isRevertHex(x: unknown): boolean {
  return typeof x === "string" && REVERT_HEX.test(x);
}

/**
 * The revert data carried by an error of any shape, or undefined when it carries none. Prefers non-empty data; "0x"
 * (a revert without reason) only when nothing else is found.
 */
export function revertData(error: unknown): string | undefined {
  let empty = false;
  const texts: string[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  // breadth first: the outermost data is the one the called contract returned (a bubbled revert is the same bytes)
  while (queue.length) {
    const e = queue.shift();
    if (e === null || e === undefined || seen.has(e)) continue;
    seen.add(e);
    if (typeof e === "string") {
      if (isRevertHex(e)) {
        if (e !== "0x") return e;
        empty = true;
        continue;
      }
      const trimmed = e.trim();
      if (trimmed.startsWith("{")) {
        try {
          queue.push(JSON.parse(trimmed)); // an RPC body
          continue;
        } catch {
          // not JSON: read as text
        }
      }
      texts.push(e);
      continue;
    }
    if (typeof e !== "object") continue;
    const o = e as Record<string, unknown>;
    if (isRevertHex(o.raw) && o.raw !== "0x") return o.raw as string; // viem's ContractFunctionRevertedError
    for (const key of NESTED) if (key in o) queue.push(o[key]);
  }
  // last, messages that quote the data on the line that says it reverted (`execution reverted (…, data="0x…")`,
  // `reverted with an unrecognized custom error (return data: 0x…)`); other lines may quote the call's own input
  for (const text of texts)
    for (const line of text.split("\n")) {
      const at = line.search(/revert/i);
      if (at === -1) continue;
      const found = line.slice(at).match(REVERT_IN_TEXT);
      if (found) return found[0];
    }
  return empty ? "0x" : undefined;
}

// ---------------------------------------------------------------------------------------------- ABIs, in order

type AbiError = Extract<Abi[number], { type: "error" }>;

/** A parameter's canonical type in a signature: tuples spelled out as their components. */
function canonicalType(p: AbiParameter): string {
  if (!p.type.startsWith("tuple")) return p.type;
  return `(${((p as { components?: readonly AbiParameter[] }).components ?? []).map(canonicalType).join(",")})${p.type.slice("tuple".length)}`;
}
/** "Name(uint256,address)", what the selector hashes. */
const signatureOf = (e: AbiError) => `${e.name}(${e.inputs.map(canonicalType).join(",")})`;

interface Candidate {
  contract?: string;
  /** The ABI's errors, each with its selector. viem keeps each input's Solidity internal type ("enum IHostSlashing.Kind"). */
  errors: Map<string, AbiError>;
}
type Compiled = Omit<Candidate, "contract">;

const compiled = new WeakMap<object, Compiled>();
function errorsOf(abi: readonly unknown[]): Compiled {
  let c = compiled.get(abi);
  if (!c) {
    const errors = new Map<string, AbiError>();
    for (const f of abi) {
      const item = typeof f === "string" ? (f.trim().startsWith("error ") ? (parseAbiItem(f) as AbiError) : undefined) : (f as { type?: string })?.type === "error" ? (f as AbiError) : undefined;
      if (!item) continue;
      const selector = toFunctionSelector(signatureOf(item));
      if (!errors.has(selector)) errors.set(selector, item);
    }
    compiled.set(abi, (c = { errors }));
  }
  return c;
}

const OZ = errorsOf(OZ_ERRORS);

function contractsOf(abis: Abis | undefined): { name: string; abi: readonly unknown[]; address?: string }[] {
  if (!abis) return [];
  if ("contracts" in abis && typeof abis.contracts === "object" && !Array.isArray(abis.contracts))
    return Object.entries((abis as AbiSet).contracts).map(([name, c]) => ({ name, abi: c.abi, address: c.address }));
  return Object.entries(abis as Record<string, readonly unknown[]>).map(([name, abi]) => ({ name, abi }));
}

/** Known addresses (lower case) -> contract names, to show "StakingPools (0x5FbD…0aa3)". */
function namesOf(abis: Abis | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  for (const c of contractsOf(abis)) if (c.address) names[c.address.toLowerCase()] = c.name;
  return names;
}

/** The address the failed call went to, where the error records it (ethers `transaction.to`, viem `contractAddress`). */
function calledAddress(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length) {
    const e = queue.shift() as Record<string, unknown> | undefined;
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const to = (e.transaction as { to?: unknown } | undefined)?.to ?? e.contractAddress;
    if (typeof to === "string" && /^0x[0-9a-fA-F]{40}$/.test(to)) return to;
    for (const key of ["error", "cause", "info"]) queue.push(e[key]);
  }
  return undefined;
}

function candidates(abis: Abis | undefined, contract: string | undefined): Candidate[] {
  const all = contractsOf(abis).map((c) => ({ contract: c.name, ...errorsOf(c.abi) }));
  const first = all.filter((c) => c.contract === contract);
  return [...first, ...all.filter((c) => c.contract !== contract), OZ];
}

// ---------------------------------------------------------------------------------------------- arguments in units

interface Context {
  now: number;
  names: Record<string, string>;
  abis?: Abis;
  depth: number;
}

function defaultUnit(p: AbiParameter): Unit {
  const enumName = /^enum (.+)$/.exec(p.internalType ?? "")?.[1];
  if (enumName && ENUMS[enumName]) return { enum: ENUMS[enumName] };
  if (p.type === "address") return "address";
  if (p.type === "bool") return "bool";
  if (p.type === "string") return "string";
  if (p.type === "bytes") return "bytes";
  if (/^bytes\d+$/.test(p.type)) return "text";
  if (/^u?int\d*$/.test(p.type)) return "number";
  return "raw"; // arrays and tuples
}

/** One argument as people read it, in the unit the sentence table gives it (or its type's default). */
export function formatArg(value: unknown, unit: Unit, ctx: { now: number; names?: Record<string, string>; contract?: string }): string {
  const big = () => BigInt(value as bigint);
  if (typeof unit === "object") {
    const n = Number(value);
    return unit.enum[n] ?? `${n} (unknown)`;
  }
  switch (unit) {
    case "ath":
      return `${formatAth(big())} ATH`;
    case "eth":
      return `${formatAth(big(), 6)} ETH`;
    case "weth":
      return `${formatAth(big(), 6)} WETH`;
    case "tokens":
      return `${formatAth(big())} tokens`;
    case "erc20":
      // the reverting token's own unit when it is ours; a bubbled revert may come from another token (so: "tokens")
      return `${formatAth(big())} ${ctx.contract === "AethirToken" ? "ATH" : ctx.contract === "StakingPools" ? "tokens (ATH or stATH)" : "tokens"}`;
    case "weight":
      return `${formatAth(big())} ATH-weight`;
    case "time":
      return formatDate(big(), ctx.now);
    case "week":
      return formatWeek(big(), ctx.now);
    case "duration":
      return formatDuration(big());
    case "bps":
      return formatBps(big());
    case "coefficient":
      // HostRegistry's coefficients are scaled by 10,000 (1x = 10,000)
      return `${(Number(big()) / 10_000).toString()}x`;
    case "block":
      return `block ${formatCount(big())}`;
    case "count":
      return formatCount(big());
    case "number":
      return big().toString();
    case "address":
      return formatAddress(String(value), ctx.names ?? {});
    case "role": {
      const hex = String(value).toLowerCase();
      return ROLE_NAMES[hex] ?? formatBytes(hex);
    }
    case "text":
      return formatBytes(String(value));
    case "hex":
      return String(value);
    case "states": {
      // TimelockController's bitmap of OperationState (Unset, Waiting, Ready, Done): bit i set = state i expected
      const bits = big();
      const names = ["unset", "waiting", "ready", "done"].filter((_, i) => (bits >> BigInt(i)) & 1n);
      return names.length ? names.join(" or ") : "none";
    }
    case "proposalStates": {
      // Governor's bitmap of ProposalState: bit i set = state i expected
      const bits = big();
      const names = ["pending", "active", "canceled", "defeated", "succeeded", "queued", "expired", "executed"].filter((_, i) => (bits >> BigInt(i)) & 1n);
      return names.length ? names.join(" or ") : "none";
    }
    case "bool":
      return value ? "yes" : "no";
    case "string":
      return JSON.stringify(String(value));
    case "bytes":
      return String(value).length > 74 ? `${String(value).slice(0, 74)}…` : String(value);
    default:
      return String(value);
  }
}

// ---------------------------------------------------------------------------------------------- decoding

function selectorOf(data: string): string {
  return data.length >= 10 ? data.slice(0, 10).toLowerCase() : "0x";
}

/** Another revert carried as text or bytes (a contract that wraps its callee's revert data). */
function innerRevert(value: unknown, ctx: Context, opts: DecodeOptions): DecodedRevert | undefined {
  if (ctx.depth > 4 || typeof value !== "string") return undefined;
  let hex: string | undefined;
  if (isRevertHex(value) && value.length >= 10) hex = value as string;
  else {
    // an Error(string) whose text is raw revert bytes (abi.encodePacked of a returndata) or quotes 0x… revert data
    const quoted = value.match(REVERT_IN_TEXT)?.[0];
    if (quoted) hex = quoted;
    else if (value.length >= 4) {
      const bytes = "0x" + [...value].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
      if ([...value].every((c) => c.charCodeAt(0) < 256) && isRevertHex(bytes)) hex = bytes;
    }
  }
  if (!hex) return undefined;
  const inner = decodeData(hex, { ...ctx, depth: ctx.depth + 1 }, opts, true);
  return inner && !inner.name.startsWith("0x") ? inner : undefined;
}

function decodeData(data: string, ctx: Context, opts: DecodeOptions, nestedOnly = false): DecodedRevert | undefined {
  const selector = selectorOf(data);
  if (data === "0x")
    return nestedOnly ? undefined : { name: "EmptyRevert", args: {}, selector: "0x", sentence: "the call reverted without a reason (no revert data); check the inputs, and that --manifest matches this chain" };
  if (selector === ERROR_STRING) {
    let reason: string;
    try {
      [reason] = decodeAbiParameters([{ type: "string" }], `0x${data.slice(10)}`);
    } catch {
      return undefined;
    }
    const inner = innerRevert(reason, ctx, opts);
    if (inner) return inner;
    return { name: "Error", args: { reason: JSON.stringify(reason) }, selector, sentence: `the contract refused with the message ${JSON.stringify(reason)}` };
  }
  if (selector === PANIC) {
    let code: bigint;
    try {
      [code] = decodeAbiParameters([{ type: "uint256" }], `0x${data.slice(10)}`);
    } catch {
      return undefined;
    }
    const hex = "0x" + code.toString(16).padStart(2, "0");
    const meaning = PANIC_REASONS[Number(code)] ?? "an unknown panic code";
    return { name: "Panic", args: { code: hex }, selector, sentence: `the contract hit a bug or an impossible input (panic ${hex}: ${meaning}); nothing you can fix by retrying, report it with the transaction` };
  }
  for (const c of candidates(ctx.abis, opts.contract)) {
    const item = c.errors.get(selector);
    if (!item) continue;
    let values: readonly unknown[];
    try {
      values = decodeErrorResult({ abi: [item], data: data as Hex }).args ?? [];
    } catch {
      continue; // the same selector with other argument types: try the next ABI
    }
    return describeError(item, values, selector, c.contract, ctx, opts);
  }
  if (nestedOnly) return undefined;
  return {
    name: selector,
    args: {},
    selector,
    sentence: `unknown error ${selector} (not in this deployment's ABIs); check that --manifest matches the contracts on this chain`,
  };
}

function describeError(item: AbiError, values: readonly unknown[], selector: string, contract: string | undefined, ctx: Context, opts: DecodeOptions): DecodedRevert {
  const entry = SENTENCES[item.name];
  const args: Record<string, string> = {};
  let inner: DecodedRevert | undefined;
  item.inputs.forEach((p, i) => {
    const key = p.name || String(i);
    if (p.type === "bytes" || p.type === "string") inner ??= innerRevert(values[i], ctx, opts);
    args[key] = formatArg(values[i], entry?.units?.[key] ?? defaultUnit(p), { ...ctx, contract });
  });
  let sentence = entry ? entry.text(args) : `${signatureOf(item)} with ${Object.entries(args).map(([k, v]) => `${k} ${v}`).join(", ") || "no arguments"}`;
  if (inner) sentence += ` (inside: ${inner.name}: ${inner.sentence})`;
  return { name: item.name, args, contract, selector, sentence, inner };
}

/**
 * The error's revert decoded: its name, arguments in units and what to do; undefined when the error carries no
 * revert data (use explainError for those). Unknown data still gives its selector.
 */
export function decodeRevert(error: unknown, abis?: Abis, opts: DecodeOptions = {}): DecodedRevert | undefined {
  const data = revertData(error);
  if (data === undefined) return undefined;
  const names = namesOf(abis);
  let contract = opts.contract;
  if (contract === undefined) {
    const to = calledAddress(error);
    if (to) contract = names[to.toLowerCase()];
  }
  return decodeData(data, { now: opts.now ?? Date.now() / 1000, names, abis, depth: 0 }, { ...opts, contract });
}

// ---------------------------------------------------------------------------------------------- everything else

function walk(error: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    out.push(e as Record<string, unknown>);
    for (const key of ["error", "cause", "info", "data", "originalError", "errors"]) {
      const v = (e as Record<string, unknown>)[key];
      if (Array.isArray(v)) queue.push(...v);
      else queue.push(v);
    }
  }
  return out;
}

function rpcUrlOf(layers: Record<string, unknown>[], opts: DecodeOptions): string | undefined {
  if (opts.rpc) return opts.rpc;
  for (const l of layers) {
    for (const v of [l.url, l.requestUrl, (l.request as { url?: unknown } | undefined)?.url])
      if (typeof v === "string" && /^(https?|wss?):/.test(v)) return v;
    if (typeof l.address === "string" && typeof l.port === "number") return `${l.address}:${l.port}`;
  }
  return undefined;
}

/** The first line of an error's own words, without ethers' "(action=…, code=…)" details or stack lines. */
function firstLine(error: unknown): string {
  const e = error as { shortMessage?: unknown; message?: unknown };
  const text = typeof e?.shortMessage === "string" ? e.shortMessage : typeof e?.message === "string" ? e.message : String(error);
  const line = text.split("\n").find((l) => l.trim() && !/^\s+at /.test(l)) ?? text;
  return line.replace(/\s*\([a-zA-Z]+=.*$/, "").trim() || "unknown error";
}

/** A sentence for what is not a revert, or undefined. */
function explainOther(error: unknown, opts: DecodeOptions): string | undefined {
  const layers = walk(error);
  const codes = layers.map((l) => l.code);
  const names = layers.map((l) => String(l.name ?? ""));
  const text = layers.map((l) => `${l.shortMessage ?? ""} ${l.message ?? ""} ${l.details ?? ""}`).join(" ");
  const has = (re: RegExp) => re.test(text);
  const url = rpcUrlOf(layers, opts);
  const at = url ? ` at ${url}` : "";
  if (codes.includes(4001) || codes.includes("ACTION_REJECTED") || names.includes("UserRejectedRequestError") || has(/user (rejected|denied)/i))
    return "the wallet rejected the request; nothing was sent";
  if (codes.includes(-32002)) return "the wallet already has a request pending; open the wallet and answer it first";
  if (codes.includes(4100) || names.includes("UnauthorizedProviderError")) return "the wallet has not authorized this account or method; connect the account in the wallet and try again";
  if (codes.includes(4900) || codes.includes(4901) || names.includes("ProviderDisconnectedError") || names.includes("ChainDisconnectedError"))
    return "the wallet is disconnected from the chain; reconnect it and try again";
  if (codes.includes("ECONNREFUSED") || codes.includes("ENOTFOUND") || codes.includes("ECONNRESET") || codes.includes("EHOSTUNREACH") || names.includes("HttpRequestError") || has(/ECONNREFUSED|fetch failed|failed to detect network|ENOTFOUND|socket hang up/))
    return `cannot reach the RPC${at}: is the node running? (pass --rpc <url> or set AETHIR_RPC_URL)`;
  if (codes.includes("TIMEOUT") || names.includes("TimeoutError") || has(/timed? ?out/i)) return `the RPC${at} did not answer in time; check the node and try again`;
  if (codes.includes("INSUFFICIENT_FUNDS") || names.includes("InsufficientFundsError") || has(/insufficient funds/i))
    return "the account has not enough ETH to pay for gas (and the value sent); fund it and try again";
  if (codes.includes("NONCE_EXPIRED") || names.includes("NonceTooLowError") || has(/nonce (too low|has already been used)/i))
    return "the transaction's nonce was already used (another transaction from this account went first); send it again";
  if (codes.includes("REPLACEMENT_UNDERPRICED") || has(/replacement (transaction )?underpriced/i))
    return "a transaction with the same nonce is pending; wait for it to be mined, or send with a higher fee";
  if (codes.includes("UNCONFIGURED_NAME") || has(/does not support ENS|ENS name|resolveName/i))
    return "a name was given where an address is needed, and this network has no ENS to resolve it; pass a 0x address";
  if (names.includes("ChainMismatchError") || has(/network changed|chain mismatch/i))
    return "the RPC's chain is not the one the manifest was deployed to; pass the matching --manifest or --rpc";
  if (codes.includes("CALL_EXCEPTION") || has(/execution reverted|reverted/i)) {
    const reason = layers.map((l) => l.reason).find((r) => typeof r === "string" && r);
    return reason
      ? `the contract refused with the message ${JSON.stringify(reason)}`
      : "the call reverted without revert data: the contract may not exist at this address on this chain; check --manifest and --rpc";
  }
  return undefined;
}

/** Any error as one line, `Name: sentence` for a revert, a sentence otherwise; never a stack trace. */
export function explainError(error: unknown, abis?: Abis, opts: DecodeOptions = {}): string {
  const decoded = decodeRevert(error, abis, opts);
  if (decoded) return decoded.name.startsWith("0x") ? decoded.sentence : `${decoded.name}: ${decoded.sentence}`;
  return explainOther(error, opts) ?? firstLine(error);
}
