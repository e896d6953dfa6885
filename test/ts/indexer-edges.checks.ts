// The edge events of the end-to-end indexer test: test/ts/indexer-edges.ts drives the chain through every indexed event
// the simulations never emit (see its header), and these checks compare what each API serves about the objects it
// touched with the contracts' views (and, where a view can't tell, the chain's own logs).
//
// The actions run after every other check of test/ts/indexer.test.ts, on the same chain, while the indexers follow it
// in realtime: the other checks hold counts of the simulations' story (three hosts, two slashes, the story's positions
// and containers, four timelock operations, eight restricted countries, two bans, one root per report...), which new
// hosts, slashes, positions, governance calls and roots would change. test/ts/indexer.test.ts calls `defineEdgeChecks`
// last in its top-level `describe`.
//
// CheckerLicense's ConsecutiveTransfer is not among them: ERC721A emits it only from `_mintERC2309`, which ERC-2309
// allows only in a constructor and CheckerLicense never calls (see its handler in ponder/src/CheckerLicense.ts).
import { expect } from "chai";
import { Contract, ZeroAddress, type JsonRpcProvider } from "ethers";
import { gql, waitIndexed } from "../../scripts/lib/local-stack.js";
import { countryCode } from "../../scripts/lib/compliance.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { driveEdges, LISTED_COUNTRY, type EdgeStory } from "./indexer-edges.js";

export interface EdgeCheckContext {
  /** Each indexer's API by name (its keys are read when the checks are defined; the URLs once they run). */
  apis: () => Record<string, string>;
  manifest: () => Manifest;
  provider: () => JsonRpcProvider;
}

const lc = (a: string) => a.toLowerCase();
const big = (v: string | number | bigint | null | undefined) => BigInt(v ?? 0);
const dayOf = (timestamp: bigint | number) => Number(BigInt(timestamp) / 86_400n);
const BURN_ADDRESS = "0x000000000000000000000000000000000000dead";

interface Items<T> {
  items: T[];
}
type Log<A> = { blockNumber: number; index: number; transactionHash: string; args: A };

export function defineEdgeChecks(ctx: EdgeCheckContext): void {
  const contract = (name: string) => {
    const c = ctx.manifest().contracts[name];
    return new Contract(c.address, c.abi as never, ctx.provider());
  };
  const logs = async <A>(c: Contract, filter: unknown) => (await c.queryFilter(filter as never)) as unknown as Log<A>[];
  const timestampOf = async (blockNumber: number) => BigInt((await ctx.provider().getBlock(blockNumber))!.timestamp);

  describe("edge events: approvals, unbans, KYC revocations, vetoed roots, forfeits, evictions, wipes, carried rewards", () => {
    let edges: EdgeStory;
    before(async function () {
      this.timeout(600_000);
      edges = await driveEdges(ctx.provider(), ctx.manifest());
      const rpcUrl = ctx.provider()._getConnection().url;
      for (const url of Object.values(ctx.apis())) await waitIndexed(url, rpcUrl, 300_000);
    });

    for (const kind of Object.keys(ctx.apis())) {
      describe(`on ${kind}`, () => {
        const q = <T>(query: string, variables: Record<string, unknown> = {}) => gql<T>(ctx.apis()[kind], query, variables);
        /** Every row of a GraphQL list (pages of 1,000). */
        const allPages = async <T>(list: string, fields: string, args = ""): Promise<T[]> => {
          const rows: T[] = [];
          for (let after: string | null = null; ; ) {
            const page: Record<string, Items<T> & { pageInfo: { endCursor: string; hasNextPage: boolean } }> = await q(
              `query ($after: String) { ${list}(${args}${args ? ", " : ""}limit: 1000, after: $after) { items { ${fields} } pageInfo { endCursor hasNextPage } } }`,
              { after },
            );
            rows.push(...page[list].items);
            if (!page[list].pageInfo.hasNextPage) return rows;
            after = page[list].pageInfo.endCursor;
          }
        };

        it("serves every license's approval, the lifted ban, the operators approved for all and the base URI as the license holds them", async () => {
          const lic = contract("CheckerLicense");
          const l = edges.licenses;
          type Row = { id: string; owner: string; approved: string | null; bannedUntil: string; operator: string | null; operatorExpires: string };
          const rows = await allPages<Row>("licenses", "id owner approved bannedUntil operator operatorExpires");
          expect(rows.length).to.equal(Number(await lic.totalSupply()));
          // a transfer clears the approval on chain without an Approval event: every row must follow
          const chain = await Promise.all(rows.map((r) => Promise.all([lic.ownerOf(r.id), lic.getApproved(r.id), lic.bannedUntil(r.id)])));
          rows.forEach((r, i) => {
            const [owner, approved, bannedUntil] = chain[i] as [string, string, bigint];
            expect([r.owner, r.approved ?? ZeroAddress, big(r.bannedUntil)], `license ${r.id}`).to.deep.equal([lc(owner), lc(approved), bannedUntil]);
          });
          const row = (tokenId: bigint) => rows.find((r) => big(r.id) === tokenId)!;
          // the approved spender moved one license: new owner, no approval, no operator (the transfer cleared it)
          expect([row(l.moved).owner, row(l.moved).approved, row(l.moved).operator]).to.deep.equal([lc(l.movedTo), null, null]);
          expect(big(row(l.moved).operatorExpires)).to.equal(await lic.userExpires(l.moved));
          expect(row(l.unbanned).approved).to.equal(lc(l.spender));
          expect(row(l.cleared).approved).to.equal(null);
          // the ban and its lifting, in the chain's order
          const { banEvents } = await q<{ banEvents: Items<{ kind: string; until: string; by: string }> }>(
            `{ banEvents(where: { tokenId: "${l.unbanned}" }, orderBy: "timestamp", limit: 100) { items { kind until by } } }`,
          );
          const banned = await logs<{ until: bigint; by: string }>(lic, lic.filters.LicenseBanned(l.unbanned));
          const unbanned = await logs<{ by: string }>(lic, lic.filters.LicenseUnbanned(l.unbanned));
          const expected = [
            ...banned.map((e) => ({ at: [e.blockNumber, e.index], row: { kind: "ban", until: String(e.args.until), by: lc(e.args.by) } })),
            ...unbanned.map((e) => ({ at: [e.blockNumber, e.index], row: { kind: "unban", until: "0", by: lc(e.args.by) } })),
          ].sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
          expect(banEvents.items).to.deep.equal(expected.map((e) => e.row));
          expect(banEvents.items.at(-1)!.kind).to.equal("unban");
          expect(big(row(l.unbanned).bannedUntil)).to.equal(0n);
          // operators approved for all, as isApprovedForAll says (one kept, one revoked)
          const { operatorApprovals } = await q<{ operatorApprovals: Items<{ owner: string; operator: string; approved: boolean }> }>(
            `{ operatorApprovals(limit: 1000) { items { owner operator approved } } }`,
          );
          for (const a of operatorApprovals.items) expect(a.approved, `${a.operator} for ${a.owner}`).to.equal(await lic.isApprovedForAll(a.owner, a.operator));
          const mine = operatorApprovals.items.filter((a) => a.owner === lc(l.owner));
          expect(mine.map((a) => [a.operator, a.approved]).sort()).to.deep.equal(
            [
              [lc(l.operatorKept), true],
              [lc(l.operatorRevoked), false],
            ].sort(),
          );
          // the base URI governance set: tokenURI is it followed by the id
          const { licenseStat } = await q<{ licenseStat: { baseURI: string } }>(`{ licenseStat(id: "license") { baseURI } }`);
          expect(await lic.tokenURI(1n)).to.equal(`${licenseStat.baseURI}1`);
          expect(licenseStat.baseURI).to.equal(l.baseURI);
        });

        it("serves the revoked KYC attestation, and every other, as the compliance registry holds them", async () => {
          const registry = contract("ComplianceRegistry");
          const { kycAttestations } = await q<{ kycAttestations: Items<{ account: string; countryCode: string; expiry: string; revoked: boolean; restricted: boolean }> }>(
            `{ kycAttestations(limit: 1000) { items { account countryCode expiry revoked restricted } } }`,
          );
          // A revoked record stays in the registry, with its country and expiry, so the rows equal it field for field.
          for (const k of kycAttestations.items) {
            const [code, expiry, revoked] = (await registry.attestations(k.account)) as [string, bigint, boolean];
            expect([code, expiry, revoked], k.account).to.deep.equal([countryCode(k.countryCode), big(k.expiry), k.revoked]);
            expect(k.restricted, k.account).to.equal(await registry.isRestricted(k.account));
          }
          // governance's list edit reached the rows already attested there; the cleared record left and came back as DE
          const listed = kycAttestations.items.find((k) => k.account === lc(edges.kycListed))!;
          expect([listed.countryCode, listed.restricted, listed.revoked]).to.deep.equal([LISTED_COUNTRY, true, false]);
          expect(await registry.isRestricted(edges.kycListed)).to.equal(true);
          const mover = kycAttestations.items.find((k) => k.account === lc(edges.kycMover))!;
          expect([mover.countryCode, mover.restricted, mover.revoked]).to.deep.equal(["DE", false, false]);
          expect(await registry.isAllowed(edges.kycMover)).to.equal(true);
          const cleared = await logs<{ countryCode: string }>(registry, registry.filters.AttestationCleared(edges.kycMover));
          expect(cleared.map((l) => l.args.countryCode)).to.deep.equal([countryCode(LISTED_COUNTRY)]);
          const row = kycAttestations.items.find((k) => k.account === lc(edges.claimer))!;
          expect(row.revoked).to.equal(true);
          expect(await registry.isAllowed(edges.claimer)).to.equal(false);
          expect(await logs(registry, registry.filters.AttestationRevoked(edges.claimer))).to.have.length(1);
          expect(kycAttestations.items.some((k) => !k.revoked)).to.equal(true);
        });

        it("serves the vetoed root as vetoed, without its report's figures, and the days' emission of the roots still posted", async () => {
          const referee = contract("CheckerReferee");
          const claims = contract("RewardClaims");
          const r = edges.referee;
          const next = BigInt(await referee.nextEpoch());
          // the veto sent the referee back to the vetoed epoch
          expect(next).to.equal(r.vetoedEpoch);
          const { epochRoots } = await q<{ epochRoots: Items<{ epoch: string; root: string; cumulativeTotal: string; status: string }> }>(
            `{ epochRoots(orderBy: "epoch", limit: 1000) { items { epoch root cumulativeTotal status } } }`,
          );
          expect(epochRoots.items.map((e) => big(e.epoch))).to.deep.equal([...Array(Number(r.vetoedEpoch) + 1).keys()].map(BigInt));
          // "synced" once the claims contract adopted the root or a later one (roots are cumulative)
          const syncedUpTo = (await claims.root()) === `0x${"0".repeat(64)}` ? -1n : BigInt(await claims.syncedEpoch());
          for (const e of epochRoots.items) {
            const [root, total, postedAt] = (await referee.roots(e.epoch)) as [string, bigint, bigint];
            const status = big(e.epoch) <= syncedUpTo ? "synced" : "posted";
            if (postedAt === 0n) expect(e.status, `epoch ${e.epoch}`).to.equal("vetoed");
            else expect([e.status, e.root, big(e.cumulativeTotal)], `epoch ${e.epoch}`).to.deep.equal([status, root, total]);
          }
          expect(epochRoots.items.at(-1)!.status).to.equal("vetoed");
          // GET /roots says so too
          const served = (await (await fetch(`${ctx.apis()[kind]}/roots`)).json()) as { roots: { epoch: string; status: string }[] };
          expect(served.roots.at(-1)).to.include({ epoch: String(r.vetoedEpoch), status: "vetoed" });
          // the chain no longer commits to the vetoed report: none of its figures are served, and the claimer's leaf is
          // the newest posted root's, which it claimed in full
          const d = await q<{ accountEpochs: Items<{ account: string }>; settledLicenseEpochs: Items<{ licenseId: string }>; rewardAccount: { cumulativeEarned: string } }>(
            `{ accountEpochs(where: { epoch: "${r.vetoedEpoch}" }, limit: 1000) { items { account } }
               settledLicenseEpochs(where: { epoch: "${r.vetoedEpoch}" }, limit: 1000) { items { licenseId } }
               rewardAccount(account: "${lc(edges.claimer)}") { cumulativeEarned } }`,
          );
          expect(d.accountEpochs.items, "account figures of the vetoed root").to.deep.equal([]);
          expect(d.settledLicenseEpochs.items, "license figures of the vetoed root").to.deep.equal([]);
          const { epochSettlement } = await q<{ epochSettlement: { report: string } | null }>(`{ epochSettlement(epoch: "${r.vetoedEpoch}") { report } }`);
          expect(epochSettlement?.report, "the vetoed epoch's settlement").to.equal("vetoed");
          expect(big(d.rewardAccount.cumulativeEarned)).to.equal(await claims.claimed(edges.claimer));
          expect(big(d.rewardAccount.cumulativeEarned)).to.equal(r.leaf);
          // per UTC day of the two posts: the emission of the roots still posted that day (cumulative totals' increase),
          // how many, and the newest
          const posts = await logs<{ epoch: bigint }>(referee, referee.filters.RootPosted());
          const days = new Set<number>();
          for (const p of posts.filter((x) => x.args.epoch >= r.postedEpoch)) days.add(dayOf(await timestampOf(p.blockNumber)));
          expect(days.size).to.equal(2);
          const roots: { epoch: bigint; total: bigint; day: number }[] = [];
          for (let e = 0n; e < next; e++) {
            const [, total, postedAt] = (await referee.roots(e)) as [string, bigint, bigint];
            roots.push({ epoch: e, total, day: dayOf(postedAt) });
          }
          for (const day of days) {
            const { rewardDay } = await q<{ rewardDay: { emittedBase: string; emittedBonus: string; epochsSettled: number; settledEpoch: string | null } | null }>(
              `{ rewardDay(day: ${day}) { emittedBase emittedBonus epochsSettled settledEpoch } }`,
            );
            const that = roots.filter((x) => x.day === day);
            const emitted = that.reduce((s, x) => s + x.total - (x.epoch === 0n ? 0n : roots[Number(x.epoch) - 1].total), 0n);
            expect(
              [big(rewardDay?.emittedBase) + big(rewardDay?.emittedBonus), rewardDay?.epochsSettled ?? 0, rewardDay?.settledEpoch ?? null],
              `day ${day}`,
            ).to.deep.equal([emitted, that.length, that.length === 0 ? null : String(that.at(-1)!.epoch)]);
          }
        });

        it("serves the forfeited entry, every entry's status and the account's totals as the claims contract holds them", async () => {
          const claims = contract("RewardClaims");
          const base = contract("CheckerBaseRewardPool");
          const forfeits = await logs<{ account: string; entryId: bigint; amount: bigint }>(claims, claims.filters.Forfeited());
          expect(forfeits.map((f) => [lc(f.args.account), f.args.entryId])).to.deep.equal([[lc(edges.claimer), edges.claims.entryId]]);
          const entries = await allPages<{ account: string; entryId: string; vesting: string; status: string }>("vestingClaims", "account entryId vesting status");
          for (const e of entries) {
            const [amount] = (await claims.entry(e.account, e.entryId)) as [bigint, bigint];
            const forfeited = forfeits.some((f) => lc(f.args.account) === e.account && f.args.entryId === big(e.entryId));
            const status = amount > 0n ? "vesting" : forfeited ? "forfeited" : "withdrawn";
            expect(e.status, `${e.account}/${e.entryId}`).to.equal(status);
            if (status === "vesting") expect(big(e.vesting), `${e.account}/${e.entryId}`).to.equal(amount);
          }
          const { rewardAccount } = await q<{ rewardAccount: { cumulativeClaimed: string; vesting: string; forfeited: string; fees: string; withdrawn: string } }>(
            `{ rewardAccount(account: "${lc(edges.claimer)}") { cumulativeClaimed vesting forfeited fees withdrawn } }`,
          );
          const count = Number(await claims.entryCount(edges.claimer));
          let vesting = 0n;
          for (let i = 0; i < count; i++) vesting += ((await claims.entry(edges.claimer, i)) as [bigint])[0];
          expect([big(rewardAccount.cumulativeClaimed), big(rewardAccount.vesting), big(rewardAccount.forfeited), big(rewardAccount.fees), big(rewardAccount.withdrawn)]).to.deep.equal([
            await claims.claimed(edges.claimer),
            vesting,
            forfeits[0].args.amount,
            (await claims.FEE()) * BigInt(count),
            0n,
          ]);
          expect(forfeits[0].args.amount > 0n).to.equal(true);
          // the day's forfeits, and the base pool that got them back
          const day = dayOf(await timestampOf(forfeits[0].blockNumber));
          const { rewardDay, bucket } = await q<{ rewardDay: { forfeited: string }; bucket: { returned: string } }>(
            `{ rewardDay(day: ${day}) { forfeited } bucket(address: "${lc(ctx.manifest().contracts.CheckerBaseRewardPool.address)}") { returned } }`,
          );
          let sameDay = 0n;
          for (const f of forfeits) if (dayOf(await timestampOf(f.blockNumber)) === day) sameDay += f.args.amount;
          expect(big(rewardDay.forfeited)).to.equal(sameDay);
          expect(big(bucket.returned)).to.equal(await base.returned());
        });

        it("serves the host whose containers were evicted, deregistered and synced and whose pools a slash wiped, as the staking contracts hold them", async () => {
          const staking = contract("HostStaking");
          const registry = contract("HostRegistry");
          const slashing = contract("HostSlashing");
          const lens = contract("HostStakingLens");
          const h = edges.host;
          const H = lc(h.address);
          // containers: class, coefficient and requirement as registered or synced; evicted, deregistered or active
          const { containers, gpuType } = await q<{
            containers: Items<{ id: string; classId: number; region: string; coefficient: number; requiredStake: string; status: string }>;
            gpuType: { coefficient: number; hpc: boolean; active: boolean };
          }>(
            `{ containers(where: { host: "${H}" }, limit: 100) { items { id classId region coefficient requiredStake status } }
               gpuType(classId: ${h.edgeClass}) { coefficient hpc active } }`,
          );
          const evicted = new Set((await logs<{ container: string }>(registry, registry.filters.ContainerEvicted(null, h.address))).map((e) => e.args.container));
          expect(containers.items.map((c) => c.id).sort()).to.deep.equal(Object.values(h.containers).sort());
          for (const c of containers.items) {
            const chain = await registry.containerOf(c.id);
            const status = chain.active ? "active" : evicted.has(c.id) ? "evicted" : "deregistered";
            expect([c.classId, c.region, c.coefficient, big(c.requiredStake), c.status], c.id).to.deep.equal([
              Number(chain.classId),
              chain.region,
              Number(chain.coefficient),
              await staking.stakeFor(chain.coefficient),
              status,
            ]);
          }
          const byId = (id: string) => containers.items.find((c) => c.id === id)!;
          expect([byId(h.containers.evicted).status, byId(h.containers.deregistered).status, byId(h.containers.synced).status]).to.deep.equal([
            "evicted",
            "deregistered",
            "active",
          ]);
          const cls = await registry.gpuClass(h.edgeClass);
          expect(gpuType).to.deep.equal({ coefficient: Number(cls.coefficient), hpc: cls.hpc, active: cls.active });
          // the synced container took the class's new coefficient, which the registration had not
          expect(byId(h.containers.synced).coefficient).to.equal(Number(cls.coefficient));
          const registered = await logs<{ container: string; coefficient: bigint }>(registry, registry.filters.ContainerRegistered(h.containers.synced));
          expect(Number(registered[0].args.coefficient)).to.not.equal(Number(cls.coefficient));

          // the host: capacity, pools and generations after the wipe, halt, delegators, slashed
          const { host } = await q<{ host: Record<string, string | number | boolean> & { pendingUnbondings: string[] } }>(
            `{ host(address: "${H}") { containerCount coefficientSum requiredStake stake activeShares unbondingStake unbondingShares activeGeneration unbondingGeneration halted pendingSlashes delegatorCount slashed pendingUnbondings } }`,
          );
          const { pendingUnbondings, ...figures } = host;
          const info = await staking.hostInfo(h.address);
          const active = await staking.activePool(h.address);
          const unbonding = await staking.unbondingPool(h.address);
          const stream = await staking.streamOf(h.address);
          const delegated = await logs<{ account: string }>(staking, staking.filters.Delegated(h.address));
          const stakers = [...new Set(delegated.map((e) => lc(e.args.account)))];
          let delegators = 0;
          for (const a of stakers) if (a !== H && (await lens.sharesOf(h.address, a)) > 0n) delegators += 1;
          const slashed = await logs<{ fromRewards: bigint; fromActive: bigint; fromUnbonding: bigint }>(staking, staking.filters.Slashed(h.address));
          const wiped = await logs<{ unbonding: boolean }>(staking, staking.filters.PoolWiped(h.address));
          expect(wiped.map((w) => w.args.unbonding).sort()).to.deep.equal([false, true]);
          expect(figures).to.deep.equal({
            containerCount: Number(info.containerCount),
            coefficientSum: String(info.coefficientSum),
            requiredStake: String(await lens.requiredStake(h.address)),
            stake: String(active.assets),
            activeShares: String(active.shares),
            unbondingStake: String(unbonding.assets),
            unbondingShares: String(unbonding.shares),
            activeGeneration: Number(stream.activeGeneration),
            unbondingGeneration: Number(stream.unbondingGeneration),
            halted: info.halted,
            pendingSlashes: Number(info.pendingSlashes),
            delegatorCount: delegators,
            slashed: String(slashed.reduce((s, e) => s + e.args.fromRewards + e.args.fromActive + e.args.fromUnbonding, 0n)),
          });
          expect(Number(stream.activeGeneration)).to.be.greaterThan(0);
          expect(active.assets > 0n, "the host staked again after the wipe").to.equal(true);

          // every delegation's shares and worth as the lens computes them (zero for the wiped generation)
          const { hostDelegations } = await q<{ hostDelegations: Items<{ account: string; shares: string; stake: string }> }>(
            `{ hostDelegations(where: { host: "${H}" }, limit: 100) { items { account shares stake } } }`,
          );
          expect(hostDelegations.items.map((d) => d.account).sort()).to.deep.equal([...stakers].sort());
          for (const d of hostDelegations.items) {
            const [shares, assets] = (await lens.stakeOf(h.address, d.account)) as [bigint, bigint];
            expect([big(d.shares), big(d.stake)], d.account).to.deep.equal([shares, assets]);
          }
          // unbonding requests: withdrawn ones gone on chain, paid what UnbondingWithdrawn says (nothing for the wiped one)
          const { unbondingRequests } = await q<{ unbondingRequests: Items<{ id: string; account: string; shares: string; value: string; status: string; withdrawnAmount: string | null }> }>(
            `{ unbondingRequests(where: { host: "${H}" }, limit: 100) { items { id account shares value status withdrawnAmount } } }`,
          );
          const withdrawals = await logs<{ id: bigint; amount: bigint }>(staking, staking.filters.UnbondingWithdrawn(h.address));
          expect(unbondingRequests.items.map((u) => big(u.id)).sort()).to.deep.equal([h.withdrawnRequest, h.wipedRequest].sort());
          for (const u of unbondingRequests.items) {
            const [shares, assets, unlockAt] = (await lens.unbondingOf(h.address, u.account, u.id)) as [bigint, bigint, bigint];
            const paid = withdrawals.filter((w) => w.args.id === big(u.id));
            if (unlockAt === 0n) {
              expect(paid, `request ${u.id}`).to.have.length(1);
              expect([u.status, big(u.withdrawnAmount), big(u.value)], `request ${u.id}`).to.deep.equal(["withdrawn", paid[0].args.amount, 0n]);
            } else {
              expect([u.status, big(u.shares), big(u.value)], `request ${u.id}`).to.deep.equal(["unbonding", shares, assets]);
            }
          }
          // the requests still unbonding on chain: none, both were withdrawn
          const pending: bigint[] = [];
          for (const u of unbondingRequests.items) if ((await lens.unbondingOf(h.address, u.account, u.id))[2] !== 0n) pending.push(big(u.id));
          expect(pendingUnbondings.map(big)).to.deep.equal(pending);
          const paidOut = (id: bigint) => withdrawals.find((w) => w.args.id === id)!.args.amount;
          expect(paidOut(h.withdrawnRequest) > 0n).to.equal(true);
          expect(paidOut(h.wipedRequest)).to.equal(0n);

          // the slash: executed, everything it could take, the penalty burned as governance chose
          const { slashProposal } = await q<{ slashProposal: Record<string, string> }>(
            `{ slashProposal(id: "${h.slashId}") { status kind penalty taken fromRewards fromActive fromUnbonding refunded penaltyPaid penaltyTo } }`,
          );
          const p = await slashing.proposal(h.slashId);
          const executed = await logs<{ taken: bigint; refunded: bigint; penalty: bigint; penaltyTo: string }>(slashing, slashing.filters.SlashExecuted(h.slashId));
          const burn: boolean = await slashing.burn();
          expect(burn).to.equal(true);
          const treasury = ctx.manifest().contracts.Timelock.address;
          expect(slashProposal).to.deep.equal({
            status: ["none", "pending", "vetoed", "executed"][Number(p.status)],
            kind: "Malicious",
            penalty: String(p.penalty),
            taken: String(executed[0].args.taken),
            fromRewards: String(slashed[0].args.fromRewards),
            fromActive: String(slashed[0].args.fromActive),
            fromUnbonding: String(slashed[0].args.fromUnbonding),
            refunded: String(executed[0].args.refunded),
            penaltyPaid: String(executed[0].args.penalty),
            penaltyTo: burn ? lc(await slashing.BURN_ADDRESS()) : lc(treasury),
          });
          expect(slashProposal.penaltyTo).to.equal(BURN_ADDRESS);
          expect(big(slashProposal.penalty) > big(slashProposal.taken), "the slash asked for more than the host had").to.equal(true);

          // the settings governance changed, the totals over every host, and the burned ATH
          const hosts = (await logs<{ host: string }>(staking, staking.filters.HostRegistered())).map((e) => e.args.host);
          let activeTotal = 0n;
          let unbondingTotal = 0n;
          for (const a of hosts) {
            activeTotal += (await staking.activePool(a)).assets;
            unbondingTotal += (await staking.unbondingPool(a)).assets;
          }
          const allSlashed = await logs<{ fromRewards: bigint; fromActive: bigint; fromUnbonding: bigint }>(staking, staking.filters.Slashed());
          const { stakingSetting, account } = await q<{ stakingSetting: Record<string, string | boolean>; account: { balance: string } }>(
            `{ stakingSetting(id: "staking") { burn unbondingPeriod hostActiveStake hostUnbondingStake slashedTotal } account(address: "${BURN_ADDRESS}") { balance } }`,
          );
          expect(stakingSetting).to.deep.equal({
            burn,
            unbondingPeriod: String((await staking.params()).unbondingPeriod),
            hostActiveStake: String(activeTotal),
            hostUnbondingStake: String(unbondingTotal),
            slashedTotal: String(allSlashed.reduce((s, e) => s + e.args.fromRewards + e.args.fromActive + e.args.fromUnbonding, 0n)),
          });
          expect(big(account.balance)).to.equal(await contract("AethirToken").balanceOf(BURN_ADDRESS));
        });

        it("serves the emergency withdrawal and every pool's funded, paid, carried and forfeited rewards as the staking pools hold them", async () => {
          const pools = contract("StakingPools");
          const o = edges.holder;
          // the position: gone on chain, its rewards forfeited
          const withdrawn = await logs<{ amount: bigint }>(pools, pools.filters.Withdrawn(o.account, o.positionId));
          const forfeits = await logs<{ account: string; positionId: bigint; token: string; amount: bigint; week: bigint }>(pools, pools.filters.RewardsForfeited());
          expect(forfeits.filter((f) => lc(f.args.account) === lc(o.account)).map((f) => f.args.positionId)).to.deep.equal([o.positionId]);
          const { stakingPosition, stakingAccount, stakingPool } = await q<{
            stakingPosition: { poolId: string; amount: string; weight: string; status: string; rewardsClaimed: string };
            stakingAccount: { staked: string; weight: string; openPositions: number; positionCount: number; rewardsClaimed: string };
            stakingPool: { staked: string; openPositions: number };
          }>(
            `{ stakingPosition(account: "${lc(o.account)}", positionId: "${o.positionId}") { poolId amount weight status rewardsClaimed }
               stakingAccount(address: "${lc(o.account)}") { staked weight openPositions positionCount rewardsClaimed }
               stakingPool(poolId: "${o.poolId}") { staked openPositions } }`,
          );
          expect((await pools.position(o.account, o.positionId)).amount).to.equal(0n);
          expect(stakingPosition).to.deep.equal({ poolId: String(o.poolId), amount: String(withdrawn[0].args.amount), weight: "0", status: "emergencyWithdrawn", rewardsClaimed: "0" });
          expect(stakingAccount).to.deep.equal({ staked: "0", weight: "0", openPositions: 0, positionCount: Number(await pools.positionCount(o.account)), rewardsClaimed: "0" });
          // the pool: what it holds and its open positions, from the chain's positions
          const staked = await logs<{ account: string; positionId: bigint; poolId: bigint }>(pools, pools.filters.Staked());
          const poolOf = new Map(staked.map((s) => [`${lc(s.args.account)}/${s.args.positionId}`, s.args.poolId]));
          let open = 0;
          for (const s of staked.filter((x) => x.args.poolId === o.poolId)) if ((await pools.position(s.args.account, s.args.positionId)).amount > 0n) open += 1;
          expect([big(stakingPool.staked), stakingPool.openPositions]).to.deep.equal([(await pools.pool(o.poolId)).staked, open]);

          // per pool and token: the sums of the chain's Funded, RewardsPaid, RewardsCarried and RewardsForfeited
          const { stakingPoolTokens } = await q<{ stakingPoolTokens: Items<{ poolId: string; token: string; index: number; funded: string; paid: string; carried: string; forfeited: string }> }>(
            `{ stakingPoolTokens(limit: 100) { items { poolId token index funded paid carried forfeited } } }`,
          );
          const funded = await logs<{ poolId: bigint; token: string; weeks_: bigint; amountPerWeek: bigint; firstWeek: bigint }>(pools, pools.filters.Funded());
          const paid = await logs<{ account: string; positionId: bigint; amounts: bigint[] }>(pools, pools.filters.RewardsPaid());
          const carried = await logs<{ poolId: bigint; token: string; week: bigint; amount: bigint }>(pools, pools.filters.RewardsCarried());
          for (const t of stakingPoolTokens.items) {
            const mine = <A extends { token: string }>(l: Log<A>[], pool: (x: Log<A>) => bigint) => l.filter((x) => pool(x) === big(t.poolId) && lc(x.args.token) === t.token);
            const expected = {
              funded: mine(funded, (x) => x.args.poolId).reduce((s, x) => s + x.args.amountPerWeek * x.args.weeks_, 0n),
              paid: paid.filter((x) => poolOf.get(`${lc(x.args.account)}/${x.args.positionId}`) === big(t.poolId)).reduce((s, x) => s + (x.args.amounts[t.index] ?? 0n), 0n),
              carried: mine(carried, (x) => x.args.poolId).reduce((s, x) => s + x.args.amount, 0n),
              forfeited: mine(forfeits, (x) => poolOf.get(`${lc(x.args.account)}/${x.args.positionId}`)!).reduce((s, x) => s + x.args.amount, 0n),
            };
            expect({ funded: big(t.funded), paid: big(t.paid), carried: big(t.carried), forfeited: big(t.forfeited) }, `pool ${t.poolId} ${t.token}`).to.deep.equal(expected);
          }
          // those logs are the contract's books: each week's funding is what was funded for it, carried into it and
          // forfeited into it; the idle week's funding was carried whole into the next
          const ath = lc(ctx.manifest().contracts.AethirToken.address);
          const k = stakingPoolTokens.items.find((t) => big(t.poolId) === o.poolId && t.token === ath)!.index;
          const forfeitWeek = forfeits.find((f) => lc(f.args.account) === lc(o.account))!.args.week;
          for (let w = o.idleWeek; w <= forfeitWeek + 1n; w++) {
            const inWeek = <A extends { token: string }>(l: Log<A>[], pool: (x: Log<A>) => bigint | undefined, amount: (x: Log<A>) => bigint, week: (x: Log<A>) => boolean) =>
              l.filter((x) => pool(x) === o.poolId && lc(x.args.token) === ath && week(x)).reduce((s, x) => s + amount(x), 0n);
            const expected =
              inWeek(funded, (x) => x.args.poolId, (x) => x.args.amountPerWeek, (x) => x.args.firstWeek <= w && w < x.args.firstWeek + x.args.weeks_) +
              inWeek(carried, (x) => x.args.poolId, (x) => x.args.amount, (x) => x.args.week === w) +
              inWeek(forfeits, (x) => poolOf.get(`${lc(x.args.account)}/${x.args.positionId}`), (x) => x.args.amount, (x) => x.args.week === w);
            expect(((await pools.weekFunding(o.poolId, w)) as bigint[])[k], `week ${w}`).to.equal(expected);
          }
          expect(carried.filter((c) => c.args.poolId === o.poolId && c.args.week === o.idleWeek + 1n).map((c) => c.args.amount)).to.deep.equal([o.funding]);
          expect(carried.some((c) => c.args.poolId === o.poolId && c.args.week === forfeitWeek + 1n)).to.equal(true);
        });

        it("serves the governance operations executed through the timelock and the role they granted", async () => {
          const timelock = contract("Timelock");
          const claims = contract("RewardClaims");
          for (const opId of edges.governanceOps) {
            const { timelockCalls } = await q<{ timelockCalls: Items<{ status: string }> }>(`{ timelockCalls(where: { opId: "${opId}" }) { items { status } } }`);
            expect(timelockCalls.items.map((c) => c.status), opId).to.deep.equal([(await timelock.isOperationDone(opId)) ? "executed" : "scheduled"]);
            expect(timelockCalls.items[0].status).to.equal("executed");
          }
          const role: string = await claims.SLASHER_ROLE();
          const { roleMembers } = await q<{ roleMembers: Items<{ active: boolean }> }>(
            `{ roleMembers(where: { contract: "${lc(ctx.manifest().contracts.RewardClaims.address)}", role: "${role}", account: "${lc(edges.slasher)}" }) { items { active } } }`,
          );
          expect(roleMembers.items.map((r) => r.active)).to.deep.equal([await claims.hasRole(role, edges.slasher)]);
          expect(roleMembers.items[0].active).to.equal(true);
        });
      });
    }
  });
}
