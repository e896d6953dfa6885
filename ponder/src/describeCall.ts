// A proposal's call in words, for the indexer: the same words as scripts/ops/governance.ts's describeCall (the CLI's),
// "CheckerBaseRewardPool.grantRole(role: DISTRIBUTOR_ROLE, account: 0x…)", plus the parts (target name, function,
// arguments) the API serves one by one. The target is named from the manifest and decoded with its ABI there; roles and
// the deployment's addresses by name. Ponder does not import from scripts/, so the role list is repeated here.
import { decodeFunctionData, getAddress, keccak256, toBytes, type Abi, type AbiFunction, type AbiParameter } from "viem";
import { manifest } from "./manifest";

const ROLES = ["BAN_ROLE", "DISTRIBUTOR_ROLE", "GUARDIAN_ROLE", "KYC_SIGNER_ROLE", "MINTER_ROLE", "REFEREE_ROLE", "SLASHER_ROLE", "PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"];
const ROLE_NAMES: Record<string, string> = Object.fromEntries([
  ["0x" + "00".repeat(32), "DEFAULT_ADMIN_ROLE (governance, through the timelock)"],
  ...ROLES.map((r) => [keccak256(toBytes(r)), r]),
]);

const contracts = manifest.contracts as Record<string, { address: string; abi?: Abi }>;
const NAMES: Record<string, string> = Object.fromEntries(Object.entries(contracts).map(([n, c]) => [c.address.toLowerCase(), n]));

export interface CallArg {
  name: string;
  type: string;
  /** The value as a string (addresses lower-case; arrays as JSON). */
  value: string;
  words: string;
}

export interface DecodedCall {
  targetName: string | null;
  functionName: string | null;
  args: CallArg[];
  words: string;
}

function raw(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify(v.map(raw));
  if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) return v.toLowerCase();
  return String(v);
}

function word(v: unknown, type: string): string {
  if (Array.isArray(v)) return `[${v.map((x) => word(x, type.replace(/\[\d*\]$/, ""))).join(", ")}]`;
  if (type === "address") {
    const name = NAMES[String(v).toLowerCase()];
    return name ? `${name} ${getAddress(String(v))}` : getAddress(String(v));
  }
  if (type === "bytes32") return ROLE_NAMES[String(v).toLowerCase()] ?? String(v);
  if (type === "string") return JSON.stringify(v);
  return String(v);
}

export function decodeCall(target: string, data: `0x${string}`, value: bigint): DecodedCall {
  const name = NAMES[target.toLowerCase()] ?? null;
  const eth = value === 0n ? "" : ` sending ${value} wei`;
  const checksummed = getAddress(target);
  if (name === null) return { targetName: null, functionName: null, args: [], words: `${checksummed} (not in the deployment) with data ${data}${eth}` };
  const abi = contracts[name]!.abi ?? [];
  let decoded: { functionName: string; args?: readonly unknown[] };
  try {
    decoded = decodeFunctionData({ abi, data });
  } catch {
    return { targetName: name, functionName: null, args: [], words: `${name} ${checksummed} with unknown data ${data}${eth}` };
  }
  const fragment = abi.find(
    (item): item is AbiFunction => item.type === "function" && item.name === decoded.functionName && item.inputs.length === (decoded.args?.length ?? 0),
  );
  const inputs: readonly AbiParameter[] = fragment?.inputs ?? [];
  const args = inputs.map((input, i) => {
    const v = decoded.args?.[i];
    return { name: input.name || `arg${i}`, type: input.type, value: raw(v), words: word(v, input.type) };
  });
  return { targetName: name, functionName: decoded.functionName, args, words: `${name}.${decoded.functionName}(${args.map((a) => `${a.name}: ${a.words}`).join(", ")})${eth}` };
}
