// The whitelist round's Merkle tree: leaves are (address, allocation), hashed as OpenZeppelin's StandardMerkleTree
// does (double keccak of the ABI encoding), which is what LicenseSale verifies.
import { readFileSync } from "node:fs";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress } from "ethers";

export type WhitelistEntry = [address: string, allocation: bigint];

/** Parses "address,allocation" lines (a header line and blank lines are skipped); refuses duplicates. */
export function parseWhitelistCsv(text: string): WhitelistEntry[] {
  const seen = new Set<string>();
  const entries: WhitelistEntry[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || /^address\s*,/i.test(trimmed)) return;
    const [rawAddress, rawAllocation] = trimmed.split(",").map((x) => x.trim());
    let address: string;
    try {
      address = getAddress(rawAddress);
    } catch {
      throw new Error(`whitelist line ${i + 1}: "${rawAddress}" is not an address`);
    }
    if (!/^\d+$/.test(rawAllocation ?? "") || BigInt(rawAllocation) === 0n) throw new Error(`whitelist line ${i + 1}: allocation must be a positive integer`);
    if (seen.has(address)) throw new Error(`whitelist line ${i + 1}: ${address} appears twice`);
    seen.add(address);
    entries.push([address, BigInt(rawAllocation)]);
  });
  return entries;
}

export function buildWhitelist(entries: WhitelistEntry[]) {
  return StandardMerkleTree.of(entries.map(([a, n]) => [a, n.toString()]), ["address", "uint256"]);
}

export function readWhitelistCsv(path: string) {
  return buildWhitelist(parseWhitelistCsv(readFileSync(path, "utf8")));
}

/** The proof and allocation of `address` in `tree`, or undefined if it is not whitelisted. */
export function proofFor(tree: ReturnType<typeof buildWhitelist>, address: string): { allocation: bigint; proof: string[] } | undefined {
  for (const [i, [a, n]] of tree.entries()) {
    if (getAddress(a as string) === getAddress(address)) return { allocation: BigInt(n as string), proof: tree.getProof(i) };
  }
  return undefined;
}

/** A tree written by `whitelist-tree` (StandardMerkleTree's JSON dump). */
export function loadWhitelist(dump: unknown) {
  return StandardMerkleTree.load(dump as Parameters<typeof StandardMerkleTree.load>[0]);
}
