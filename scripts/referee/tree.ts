// The cumulative reward tree (SPEC §5): one leaf (account, cumulativeAmount) per account that ever earned, and the
// files claimants fetch (every account's amount and proof).
//
// The tree is OpenZeppelin's StandardMerkleTree, rebuilt here on raw bytes: the same leaf hash (RewardClaims checks
// keccak256(bytes.concat(keccak256(abi.encode(account, amount))))), the same leaf order (sorted by hash), the same
// array layout and sorted-pair hashing, so the root and every proof are identical to the library's (a test checks
// this) — but ~20 times faster, which a 100,000-account epoch needs (the library takes over a minute).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";

export interface ProofsFile {
  epoch: number;
  root: string;
  cumulativeTotal: string;
  /** lower-case account -> its leaf amount and proof */
  claims: Record<string, { amount: string; proof: string[] }>;
}

export type RewardTree = AccountTree<{ account: string; amount: bigint }>;

export const hex = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64);
  const [x, y] = compare(a, b) <= 0 ? [a, b] : [b, a];
  buf.set(x);
  buf.set(y, 32);
  return keccak_256(buf);
}

/** A 32-byte big-endian word of an address or a uint256, as abi.encode lays it out. */
export function word(value: string | bigint): Uint8Array {
  const digits = typeof value === "string" ? value.slice(2) : value.toString(16);
  return Buffer.from(digits.padStart(64, "0"), "hex");
}

/** keccak256(bytes.concat(keccak256(abi.encode(...words)))): OpenZeppelin's StandardMerkleTree leaf hash. */
export function standardLeafHash(...words: Uint8Array[]): Uint8Array {
  const buf = new Uint8Array(32 * words.length);
  words.forEach((w, i) => buf.set(w, 32 * i));
  return keccak_256(keccak_256(buf));
}

/** A tree over one leaf per account (each with its hash), laid out as OpenZeppelin's StandardMerkleTree lays it out. */
export interface AccountTree<L extends { account: string }> {
  root: string;
  /** Leaves in the tree's order. */
  leaves: L[];
  /** The proof of `account`'s leaf, or undefined if it has none. */
  proof(account: string): string[] | undefined;
}

/** Builds OpenZeppelin's layout: leaves sorted by hash, a complete binary tree in an array, leaves at the end in reverse order. */
export function buildAccountTree<L extends { account: string }>(entries: { leaf: L; hash: Uint8Array }[]): AccountTree<L> {
  const hashed = [...entries].sort((a, b) => compare(a.hash, b.hash));
  const n = hashed.length;
  // nobody has earned yet: the zero root (nothing can be claimed against it)
  if (n === 0) return { root: "0x" + "00".repeat(32), leaves: [], proof: () => undefined };
  const nodes: Uint8Array[] = new Array(2 * n - 1);
  hashed.forEach((l, i) => (nodes[nodes.length - 1 - i] = l.hash));
  for (let i = nodes.length - 1 - n; i >= 0; i--) nodes[i] = hashPair(nodes[2 * i + 1], nodes[2 * i + 2]);
  const position = new Map(hashed.map((l, i) => [l.leaf.account.toLowerCase(), nodes.length - 1 - i]));
  return {
    root: hex(nodes[0]),
    leaves: hashed.map((l) => l.leaf),
    proof(account: string) {
      let i = position.get(account.toLowerCase());
      if (i === undefined) return undefined;
      const proof: string[] = [];
      while (i > 0) {
        const sibling = i % 2 === 1 ? i + 1 : i - 1;
        proof.push(hex(nodes[sibling]));
        i = Math.floor((i - 1) / 2);
      }
      return proof;
    },
  };
}

/** Builds the tree of every account with a positive cumulative amount. */
export function buildTree(cumulative: Map<string, bigint>): RewardTree {
  return buildAccountTree(
    [...cumulative]
      .filter(([, v]) => v > 0n)
      .map(([account, amount]) => ({ leaf: { account: account.toLowerCase(), amount }, hash: standardLeafHash(word(account), word(amount)) })),
  );
}

export function proofsOf(tree: RewardTree, epoch: number, cumulativeTotal: bigint): ProofsFile {
  const claims: ProofsFile["claims"] = {};
  for (const { account, amount } of tree.leaves) claims[account] = { amount: amount.toString(), proof: tree.proof(account)! };
  return { epoch, root: tree.root, cumulativeTotal: cumulativeTotal.toString(), claims };
}

export function writeJson(path: string, value: unknown) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}
