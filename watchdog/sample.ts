// The watchdog's spot check: a sample of accounts, licenses, staking positions and hosts read from the API, compared
// with the contracts' views through eth_call at the block the indexer has indexed. That block is read before and
// after the sample: if it moved, the sample straddles two states and is taken again.
import { createPublicClient, getAddress, http, parseAbi, type Address, type PublicClient } from "viem";

export interface SampleAddresses {
  token: Address;
  license?: Address;
  stakingPools?: Address;
  hostStaking?: Address;
}

const TOKEN = parseAbi([
  "function balanceOf(address) view returns (uint256)",
  "function getVotes(address) view returns (uint256)",
  "function delegates(address) view returns (address)",
]);
const LICENSE = parseAbi(["function ownerOf(uint256) view returns (address)"]);
const POOLS = parseAbi(["function position(address, uint256) view returns ((uint96 amount, uint112 delta, uint16 week, uint16 unlockWeek, uint8 lockWeeks, uint8 pool))"]);
const HOSTS = parseAbi(["function activePool(address) view returns ((uint96 assets, uint160 shares))"]);

/** How many rows of each kind one sample reads (the largest balances, the newest licenses, positions and hosts). */
export const SAMPLE_SIZE = { accounts: 100, licenses: 50, positions: 50, hosts: 25 };

interface ApiAccount { address: string; balance: string; votes: string; delegate: string | null }
interface ApiLicense { id: string; owner: string }
interface ApiPosition { account: string; positionId: string; amount: string; status: string }
interface ApiHost { address: string; stake: string }
export interface ApiSample {
  accounts: ApiAccount[];
  licenses: ApiLicense[];
  positions: ApiPosition[];
  hosts: ApiHost[];
}

/** The same rows as the contracts have them at the sampled block. */
export interface ChainSample {
  accounts: { balance: bigint; votes: bigint; delegate: string }[];
  licenseOwners: (string | undefined)[];
  positionAmounts: bigint[];
  hostStakes: bigint[];
}

const ZERO = "0x0000000000000000000000000000000000000000";
const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? ZERO).toLowerCase() === (b ?? ZERO).toLowerCase();

/** One field where the API and the chain disagree: `key` names the field, `text` says it for people. */
export interface Difference {
  key: string;
  text: string;
}

/** Every field of the sample where the API and the chain disagree (empty: they agree). */
export function differences(api: ApiSample, chain: ChainSample): Difference[] {
  const out: Difference[] = [];
  const differ = (key: string, got: unknown, chainHas: unknown) => out.push({ key, text: `${key} ${String(got)} (chain ${String(chainHas)})` });
  api.accounts.forEach((a, i) => {
    const c = chain.accounts[i];
    if (BigInt(a.balance) !== c.balance) differ(`account ${a.address} balance`, a.balance, c.balance);
    if (BigInt(a.votes) !== c.votes) differ(`account ${a.address} votes`, a.votes, c.votes);
    if (!same(a.delegate, c.delegate)) differ(`account ${a.address} delegate`, a.delegate ?? "none", c.delegate);
  });
  api.licenses.forEach((l, i) => {
    if (!same(l.owner, chain.licenseOwners[i])) differ(`license ${l.id} owner`, l.owner, chain.licenseOwners[i] ?? "no such token");
  });
  api.positions.forEach((p, i) => {
    // a withdrawn position keeps what was returned in the API and reads as zero on the chain
    const expected = p.status === "open" ? BigInt(p.amount) : 0n;
    if (expected !== chain.positionAmounts[i]) differ(`position ${p.account}/${p.positionId} amount`, expected, chain.positionAmounts[i]);
  });
  api.hosts.forEach((h, i) => {
    if (BigInt(h.stake) !== chain.hostStakes[i]) differ(`host ${h.address} stake`, h.stake, chain.hostStakes[i]);
  });
  return out;
}

/** The rows of `api` some of whose fields are named in `diffs` (to read them again at other blocks). */
export function rowsOf(api: ApiSample, diffs: Difference[]): ApiSample {
  const keys = diffs.map((d) => d.key);
  const named = (prefix: string) => keys.some((k) => k.startsWith(`${prefix} `));
  return {
    accounts: api.accounts.filter((a) => named(`account ${a.address}`)),
    licenses: api.licenses.filter((l) => named(`license ${l.id}`)),
    positions: api.positions.filter((p) => named(`position ${p.account}/${p.positionId}`)),
    hosts: api.hosts.filter((h) => named(`host ${h.address}`)),
  };
}

/** The differences that remain in `later` too (the same field differs from the chain at another block as well). */
export function stillDiffering(diffs: Difference[], later: Difference[]): Difference[] {
  const keys = new Set(later.map((d) => d.key));
  return diffs.filter((d) => keys.has(d.key));
}

/** The differences found again in a second sample (a real divergence stays; a race with indexing does not). */
export function confirmed(first: Difference[], second: Difference[]): Difference[] {
  const keys = new Set(first.map((d) => d.key));
  return second.filter((d) => keys.has(d.key));
}

const QUERY = `{
  accounts(limit: ${SAMPLE_SIZE.accounts}, orderBy: "balance", orderDirection: "desc") { items { address balance votes delegate } }
  licenses(limit: ${SAMPLE_SIZE.licenses}, orderBy: "id", orderDirection: "desc") { items { id owner } }
  stakingPositions(limit: ${SAMPLE_SIZE.positions}, orderBy: "openedAt", orderDirection: "desc") { items { account positionId amount status } }
  hosts(limit: ${SAMPLE_SIZE.hosts}, orderBy: "registeredAt", orderDirection: "desc") { items { address stake } }
}`;

async function readApi(apiUrl: string): Promise<ApiSample> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: QUERY }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { data?: Record<string, { items: never[] }>; errors?: { message: string }[] };
  if (body.errors !== undefined || body.data === undefined) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join("; ") ?? res.status}`);
  const d = body.data;
  return { accounts: d.accounts.items, licenses: d.licenses.items, positions: d.stakingPositions.items, hosts: d.hosts.items };
}

async function readChain(client: PublicClient, at: SampleAddresses, api: ApiSample, blockNumber: bigint): Promise<ChainSample> {
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[]) =>
    client.readContract({ address, abi: abi as never, functionName: functionName as never, args: args as never, blockNumber }) as Promise<T>;
  const accounts = await Promise.all(
    api.accounts.map(async (a) => {
      const who = getAddress(a.address);
      const [balance, votes, delegate] = await Promise.all([
        read<bigint>(at.token, TOKEN, "balanceOf", [who]),
        read<bigint>(at.token, TOKEN, "getVotes", [who]),
        read<string>(at.token, TOKEN, "delegates", [who]),
      ]);
      return { balance, votes, delegate };
    }),
  );
  const licenseOwners = await Promise.all(
    api.licenses.map((l) => (at.license === undefined ? undefined : read<string>(at.license, LICENSE, "ownerOf", [BigInt(l.id)]).catch(() => undefined))),
  );
  const positionAmounts = await Promise.all(
    api.positions.map(async (p) => (at.stakingPools === undefined ? 0n : (await read<{ amount: bigint }>(at.stakingPools, POOLS, "position", [getAddress(p.account), BigInt(p.positionId)])).amount)),
  );
  const hostStakes = await Promise.all(
    api.hosts.map(async (h) => (at.hostStaking === undefined ? 0n : (await read<{ assets: bigint }>(at.hostStaking, HOSTS, "activePool", [getAddress(h.address)])).assets)),
  );
  return { accounts, licenseOwners, positionAmounts, hostStakes };
}

export interface SampleResult {
  /** The block the indexer had indexed while the API was read. */
  block: number;
  rows: number;
  differences: Difference[];
}

/** How many blocks past the committed one a sample looks for a field being written while it was read. */
export const AHEAD_BLOCKS = 10;

/**
 * Takes one sample (up to 3 tries while the indexer moves); undefined when it never held still. `indexed` is the
 * block the indexer has committed, from its own log ("Indexed block"); `claimed` what its /status says. Neither is
 * exactly the data's block: /status says the pre-crash block after a crash recovery, and on PGlite a read can see
 * the block being indexed before either is written. So a field counts as different only if it matches the chain at
 * none of the blocks from `indexed` to one past what /status claims (at most AHEAD_BLOCKS): a dead branch, or a
 * wrong handler, matches none.
 */
export async function sample(apiUrl: string, client: PublicClient, at: SampleAddresses, indexed: () => number, claimed: () => Promise<number>): Promise<SampleResult | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = indexed();
    const api = await readApi(apiUrl);
    const status = await claimed();
    if (indexed() !== before || before < 0) continue;
    const tip = Number(await client.getBlockNumber());
    const last = Math.min(tip, before + AHEAD_BLOCKS, Math.max(before, status) + 1);
    let diffs = differences(api, await readChain(client, at, api, BigInt(before)));
    for (let b = before + 1; b <= last && diffs.length > 0; b++) {
      const rows = rowsOf(api, diffs);
      diffs = stillDiffering(diffs, differences(rows, await readChain(client, at, rows, BigInt(b))));
    }
    const rows = api.accounts.length + api.licenses.length + api.positions.length + api.hosts.length;
    return { block: before, rows, differences: diffs };
  }
  return undefined;
}

/** The block Ponder's /status reports (the highest over its chains; -1 before the first). */
export async function statusBlock(apiUrl: string): Promise<number> {
  const res = await fetch(`${apiUrl}/status`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`/status answered ${res.status}`);
  const status = (await res.json()) as Record<string, { block?: { number: number } }>;
  return Math.max(-1, ...Object.values(status).map((c) => c.block?.number ?? -1));
}

export function chainClient(rpcUrl: string): PublicClient {
  return createPublicClient({ transport: http(rpcUrl, { timeout: 30_000 }) }) as PublicClient;
}
