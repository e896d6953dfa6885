// Which licenses this operator signs for: the indexer's GraphQL API first (one query), and the license contract over
// RPC when the API is down or more than `maxLagBlocks` behind the chain (checkersOf in batches of 256 over every id).
import { Contract, type Provider } from "ethers";

export interface DelegatedLicense {
  id: number;
  /** "delegated" (signs now), "banned" (delegated but banned), "expired" (the delegation ended; indexer only). */
  state: "delegated" | "banned" | "expired";
  /** When the delegation to this operator ends (Unix seconds). */
  expires: number;
  /** The end of its on-chain ban in force (Unix seconds, inclusive); 0 when none is in force. */
  bannedUntil: number;
}

export interface Discovery {
  source: "indexer" | "rpc";
  licenses: DelegatedLicense[];
  /** Why the indexer was not used, if it was not. */
  fallbackReason?: string;
}

async function fromIndexer(api: string, operator: string, now: number, tip: number, maxLagBlocks: number): Promise<DelegatedLicense[]> {
  const status = (await (await fetch(`${api}/status`, { signal: AbortSignal.timeout(5_000) })).json()) as Record<string, { block?: { number: number } }>;
  const indexed = Math.max(-1, ...Object.values(status).map((c) => c.block?.number ?? -1));
  if (tip - indexed > maxLagBlocks) throw new Error(`the indexer is at block ${indexed}, ${tip - indexed} behind the chain`);
  const out: DelegatedLicense[] = [];
  let after: string | null = null;
  do {
    const res = await fetch(`${api}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query($op: String!, $after: String) { licenses(where: { operator: $op }, orderBy: "id", limit: 1000, after: $after) { items { id operatorExpires bannedUntil } pageInfo { hasNextPage endCursor } } }`,
        variables: { op: operator.toLowerCase(), after },
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await res.json()) as { data?: { licenses: { items: { id: string; operatorExpires: string; bannedUntil: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: { message: string }[] };
    if (body.errors) throw new Error(`the indexer refused the query: ${body.errors[0].message}`);
    for (const l of body.data!.licenses.items) {
      const expires = Number(l.operatorExpires);
      // a ban that ended reads as 0, as over RPC (which reads the end only of a ban in force)
      const bannedUntil = Number(l.bannedUntil) >= now ? Number(l.bannedUntil) : 0;
      out.push({ id: Number(l.id), expires, bannedUntil, state: expires < now ? "expired" : bannedUntil ? "banned" : "delegated" });
    }
    after = body.data!.licenses.pageInfo.hasNextPage ? body.data!.licenses.pageInfo.endCursor : null;
  } while (after);
  return out;
}

async function fromRpc(license: Contract, operator: string): Promise<DelegatedLicense[]> {
  const next = Number(await license.nextTokenId());
  const me = operator.toLowerCase();
  const out: DelegatedLicense[] = [];
  for (let first = 1; first < next; first += 256) {
    const ids = Array.from({ length: Math.min(256, next - first) }, (_, i) => first + i);
    const [signers, bannedBits] = (await license.checkersOf(ids)) as [string[], bigint];
    for (const [i, signer] of signers.entries()) {
      if (signer.toLowerCase() !== me) continue;
      // checkerOf falls back to the owner when nobody is delegated: count only a live ERC-4907 delegation to us
      if (String(await license.userOf(ids[i])).toLowerCase() !== me) continue;
      const banned = ((bannedBits >> BigInt(i)) & 1n) === 1n;
      out.push({ id: ids[i], expires: Number(await license.userExpires(ids[i])), bannedUntil: banned ? Number(await license.bannedUntil(ids[i])) : 0, state: banned ? "banned" : "delegated" });
    }
  }
  return out;
}

export async function discoverLicenses(o: { api?: string; provider: Provider; license: Contract; operator: string; maxLagBlocks?: number }): Promise<Discovery> {
  const block = (await o.provider.getBlock("latest"))!;
  if (o.api) {
    try {
      return { source: "indexer", licenses: await fromIndexer(o.api.replace(/\/$/, ""), o.operator, block.timestamp, block.number, o.maxLagBlocks ?? 20) };
    } catch (e) {
      const reason = (e as Error).name === "TimeoutError" ? "the indexer did not answer in time" : (e as Error).message;
      return { source: "rpc", licenses: await fromRpc(o.license, o.operator), fallbackReason: reason };
    }
  }
  return { source: "rpc", licenses: await fromRpc(o.license, o.operator), fallbackReason: "no --api given" };
}
