// Run by bench/indexing.ts in its own process (tsx resolves the indexer's extensionless imports): prints, as JSON, what
// Ponder asks the node for. Per contract of ponder/ponder.config.ts (read with AETHIR_MANIFEST, as Ponder reads it):
// its addresses, its start block, and the topic0 of each of its events that has a handler in ponder/src
// (`ponder.on("Contract:Event", ...)`, the event named by its name or by its full signature).
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseAbiItem, toEventSelector, type AbiEvent } from "viem";

export interface Filter {
  contract: string;
  addresses: string[];
  startBlock: number;
  topics: string[];
}

const root = resolve(import.meta.dirname, "..");
const configUrl = pathToFileURL(join(root, "ponder/ponder.config.ts")).href;
const { default: config } = (await import(configUrl)) as {
  default: { contracts: Record<string, { abi: readonly unknown[]; address: string | readonly string[]; startBlock?: number }> };
};

const handled = new Map<string, Set<string>>();
const srcDir = join(root, "ponder/src");
for (const file of readdirSync(srcDir, { recursive: true, encoding: "utf8" })) {
  if (!file.endsWith(".ts")) continue;
  for (const m of readFileSync(join(srcDir, file), "utf8").matchAll(/ponder\.on\(\s*["'`]([A-Za-z0-9_]+):([^"'`]+)["'`]/g)) {
    if (m[2] === "setup") continue;
    if (config.contracts[m[1]!] === undefined) throw new Error(`${file} registers ${m[1]}:${m[2]}, which is not a contract of ponder.config.ts`);
    handled.set(m[1]!, (handled.get(m[1]!) ?? new Set()).add(m[2]!));
  }
}

const filters: Filter[] = Object.entries(config.contracts).map(([contract, c]) => {
  const events = (c.abi as AbiEvent[]).filter((item) => item.type === "event");
  const topics = new Set<string>();
  for (const key of handled.get(contract) ?? []) {
    if (key.includes("(")) {
      topics.add(toEventSelector(parseAbiItem(`event ${key}`) as AbiEvent));
      continue;
    }
    const matching = events.filter((e) => e.name === key);
    if (matching.length === 0) throw new Error(`ponder/src handles ${contract}:${key}, which its ABI does not have`);
    for (const e of matching) topics.add(toEventSelector(e));
  }
  const addresses = (typeof c.address === "string" ? [c.address] : [...c.address]).map((a) => a.toLowerCase());
  return { contract, addresses, startBlock: c.startBlock ?? 0, topics: [...topics] };
});
console.log(JSON.stringify(filters));
