// The watchdog's spot check: a sample of accounts, licenses, staking positions and hosts read from the API, compared
// with the contracts' views through eth_call at the block the API says it has indexed. The API's block is read before
// and after the sample: if it moved, the sample straddles two states and is taken again.
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

/** Every field of the sample where the API and the chain disagree, as short sentences (empty: they agree). */
export function differences(api: ApiSample, chain: ChainSample): string[] {
  const out: string[] = [];
  api.accounts.forEach((a, i) => {
    const c = chain.accounts[i];
    if (BigInt(a.balance) !== c.balance) out.push(`account ${a.address} balance ${a.balance} (chain ${c.balance})`);
    if (BigInt(a.votes) !== c.votes) out.push(`account ${a.address} votes ${a.votes} (chain ${c.votes})`);
    if (!same(a.delegate, c.delegate)) out.push(`account ${a.address} delegate ${a.delegate ?? "none"} (chain ${c.delegate})`);
  });
  api.licenses.forEach((l, i) => {
    if (!same(l.owner, chain.licenseOwners[i])) out.push(`license ${l.id} owner ${l.owner} (chain ${chain.licenseOwners[i] ?? "no such token"})`);
  });
  api.positions.forEach((p, i) => {
    // a withdrawn position keeps what was returned in the API and reads as zero on the chain
    const expected = p.status === "open" ? BigInt(p.amount) : 0n;
    if (expected !== chain.positionAmounts[i]) out.push(`position ${p.account}/${p.positionId} amount ${expected} (chain ${chain.positionAmounts[i]})`);
  });
  api.hosts.forEach((h, i) => {
    if (BigInt(h.stake) !== chain.hostStakes[i]) out.push(`host ${h.address} stake ${h.stake} (chain ${chain.hostStakes[i]})`);
  });
  return out;
}

const QUERY = `{
  accounts(limit: ${SAMPLE_SIZE.accounts}, orderBy: "balance", orderDirection: "desc") { items { address balance votes delegate } }
  licenses(limit: ${SAMPLE_SIZE.licenses}, orderBy: "id", orderDirection: "desc") { items { id owner } }
  stakingPositions(limit: ${SAMPLE_SIZE.positions}, orderBy: "openedAt", orderDirection: "desc") { items { account positionId amount status } }
  hosts(limit: ${SAMPLE_SIZE.hosts}, orderBy: "registeredAt", orderDirection: "desc") { items { address stake } }
}`;

/** The block Ponder's /status reports (the highest over its chains; -1 before the first). */
export async function statusBlock(apiUrl: string): Promise<number> {
  const res = await fetch(`${apiUrl}/status`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`/status answered ${res.status}`);
  const status = (await res.json()) as Record<string, { block?: { number: number } }>;
  return Math.max(-1, ...Object.values(status).map((c) => c.block?.number ?? -1));
}

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
  /** The block both the API and the chain were read at. */
  block: number;
  rows: number;
  differences: string[];
}

/** Takes one consistent sample (up to 3 tries while the API moves); undefined when the API never held still. */
export async function sample(apiUrl: string, client: PublicClient, at: SampleAddresses): Promise<SampleResult | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await statusBlock(apiUrl);
    const api = await readApi(apiUrl);
    if ((await statusBlock(apiUrl)) !== before || before < 0) continue;
    const chain = await readChain(client, at, api, BigInt(before));
    const rows = api.accounts.length + api.licenses.length + api.positions.length + api.hosts.length;
    return { block: before, rows, differences: differences(api, chain) };
  }
  return undefined;
}

export function chainClient(rpcUrl: string): PublicClient {
  return createPublicClient({ transport: http(rpcUrl, { timeout: 30_000 }) }) as PublicClient;
}
