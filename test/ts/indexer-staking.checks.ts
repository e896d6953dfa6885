// The staking part of the end-to-end indexer test: after scripts/lib/simulate-staking.ts's story, what Ponder's GraphQL
// serves about holder staking (pools, positions, stATH) and cloud-host staking (hosts, containers, delegations,
// unbonding, slashes, daily series) must equal the chain, and the story must end with the balances of SPEC §7.
// test/ts/indexer.test.ts calls `defineStakingChecks` inside its per-database `describe`.
import { expect } from "chai";
import { Contract, type JsonRpcProvider } from "ethers";
import { gql } from "../../scripts/lib/local-stack.js";
import type { Manifest } from "../../scripts/lib/manifest.js";
import type { StakingStory } from "../../scripts/lib/simulate-staking.js";

export interface StakingCheckContext {
  api: () => string;
  manifest: () => Manifest;
  provider: () => JsonRpcProvider;
  story: () => StakingStory;
}

const lc = (a: string) => a.toLowerCase();
const big = (v: string | number | null | undefined) => BigInt(v ?? 0);

interface Items<T> {
  items: T[];
}

export function defineStakingChecks(ctx: StakingCheckContext): void {
  const contract = (name: string) => {
    const c = ctx.manifest().contracts[name];
    return new Contract(c.address, c.abi as never, ctx.provider());
  };
  const q = <T>(query: string) => gql<T>(ctx.api(), query);

  /** Every host that registered, from the chain's HostRegistered logs. */
  const registeredHosts = async () => {
    const staking = contract("HostStaking");
    const logs = (await staking.queryFilter(staking.filters.HostRegistered())) as unknown as { args: { host: string } }[];
    return logs.map((l) => lc(l.args.host));
  };
  /** Every (account, position id) that was ever opened, from the chain's Staked logs. */
  const openedPositions = async () => {
    const pools = contract("StakingPools");
    const logs = (await pools.queryFilter(pools.filters.Staked())) as unknown as { args: { account: string; positionId: bigint; poolId: bigint } }[];
    return logs.map((l) => ({ account: lc(l.args.account), positionId: l.args.positionId, poolId: l.args.poolId }));
  };
  const get = async <T>(path: string): Promise<T> => (await (await fetch(`${ctx.api()}${path}`)).json()) as T;

  describe("staking (SPEC §7)", () => {
    it("serves the holder pools' staked ATH, weights and reward tokens as the contract reports them", async () => {
      const pools = contract("StakingPools");
      const { stakingPools } = await q<{ stakingPools: Items<{ poolId: string; name: string; rewardTokens: string[]; staked: string; totalWeight: string; openPositions: number; updatedBlock: string }> }>(
        `{ stakingPools(orderBy: "poolId", limit: 100) { items { poolId name rewardTokens staked totalWeight openPositions updatedBlock } } }`,
      );
      expect(stakingPools.items.map((p) => p.name)).to.deep.equal(["Gaming", "AI"]);
      for (const p of stakingPools.items) {
        const now = await pools.pool(p.poolId);
        const then = await pools.pool(p.poolId, { blockTag: Number(p.updatedBlock) });
        expect(big(p.staked), `pool ${p.poolId} staked`).to.equal(now.staked);
        expect(big(p.totalWeight), `pool ${p.poolId} weight`).to.equal(then.totalWeight);
        expect(p.rewardTokens).to.deep.equal((now.rewardTokens as string[]).map(lc));
      }
      const funding = await q<{ stakingPoolTokens: Items<{ poolId: string; token: string; funded: string; paid: string }> }>(
        `{ stakingPoolTokens(limit: 100) { items { poolId token funded paid } } }`,
      );
      for (const f of ctx.story().funding) {
        const row = funding.stakingPoolTokens.items.find((t) => big(t.poolId) === f.poolId)!;
        expect(big(row.funded)).to.equal(f.amountPerWeek * f.weeks);
      }
      const paidTotal = Object.values(ctx.story().rewardsPaid).reduce((s, v) => s + v, 0n);
      expect(funding.stakingPoolTokens.items.reduce((s, t) => s + big(t.paid), 0n)).to.equal(paidTotal);
    });

    it("serves every position (pool, amount, lock, weight, unlock time, status) as the chain has it", async () => {
      const pools = contract("StakingPools");
      const { stakingPositions } = await q<{ stakingPositions: Items<{ account: string; positionId: string; poolId: string; amount: string; lockWeeks: number; unlockWeek: string; unlockTime: string; weight: string; status: string; rewardsClaimed: string }> }>(
        `{ stakingPositions(limit: 1000) { items { account positionId poolId amount lockWeeks unlockWeek unlockTime weight status rewardsClaimed } } }`,
      );
      const story = ctx.story();
      expect(stakingPositions.items).to.have.length(story.positions.length);
      for (const p of story.positions) {
        const row = stakingPositions.items.find((r) => r.account === lc(p.account) && big(r.positionId) === p.positionId)!;
        expect(row, `${p.account}/${p.positionId}`).to.not.equal(undefined);
        expect(big(row.poolId)).to.equal(p.poolId);
        expect(BigInt(row.lockWeeks)).to.equal(p.lockWeeks);
        expect(big(row.unlockWeek)).to.equal(p.unlockWeek);
        expect(big(row.unlockTime)).to.equal(p.unlockWeek * 604_800n);
        if (p.withdrawn) {
          expect(row.status).to.equal("withdrawn");
          expect(big(row.weight)).to.equal(0n);
          continue;
        }
        const chain = await pools.position(p.account, p.positionId);
        expect(row.status).to.equal("open");
        expect(big(row.amount)).to.equal(chain.amount);
        expect(big(row.weight)).to.equal(await pools.weightOf(p.account, p.positionId));
        expect(big(row.weight)).to.equal(big(row.amount) * (204n + 3n * BigInt(row.lockWeeks)));
      }
      const { stakingAccounts } = await q<{ stakingAccounts: Items<{ address: string; staked: string; rewardsClaimed: string; openPositions: number }> }>(
        `{ stakingAccounts(limit: 1000) { items { address staked weight rewardsClaimed openPositions } } }`,
      );
      for (const who of [story.actors.alice, story.actors.bob, story.actors.carol]) {
        const row = stakingAccounts.items.find((a) => a.address === lc(who))!;
        const open = story.positions.filter((p) => p.account === who && !p.withdrawn);
        let staked = 0n;
        for (const p of open) staked += (await pools.position(who, p.positionId)).amount;
        expect(big(row.staked), who).to.equal(staked);
        expect(row.openPositions).to.equal(open.length);
        let weight = 0n;
        for (const p of open) weight += await pools.weightOf(who, p.positionId);
        expect(big((row as { weight?: string }).weight), `${who} weight`).to.equal(weight);
        expect(big(row.rewardsClaimed), who).to.equal(story.rewardsPaid[who] ?? 0n);
      }
    });

    it("serves every stATH balance and allowance as the token reports them", async () => {
      const pools = contract("StakingPools");
      const story = ctx.story();
      const { stathBalances } = await q<{ stathBalances: Items<{ address: string; balance: string }> }>(`{ stathBalances(limit: 1000) { items { address balance } } }`);
      let sum = 0n;
      for (const b of stathBalances.items) {
        expect(big(b.balance), b.address).to.equal(await pools.balanceOf(b.address));
        sum += big(b.balance);
      }
      expect(sum).to.equal(await pools.totalSupply());
      const { stakingSetting } = await q<{ stakingSetting: { stathSupply: string } }>(`{ stakingSetting(id: "staking") { stathSupply } }`);
      expect(big(stakingSetting.stathSupply)).to.equal(sum);
      const bal = (a: string) => big(stathBalances.items.find((b) => b.address === lc(a))?.balance);
      expect(bal(story.actors.dave)).to.equal(story.stathTransfer);
      expect(bal(story.actors.carol)).to.equal(0n);
      const { stathAllowance } = await q<{ stathAllowance: { amount: string } }>(
        `{ stathAllowance(owner: "${lc(story.actors.carol)}", spender: "${lc(story.actors.erin)}") { amount } }`,
      );
      expect(big(stathAllowance.amount)).to.equal(await pools.allowance(story.actors.carol, story.actors.erin));
      expect(big(stathAllowance.amount)).to.equal(story.stathAllowance);
    });

    it("serves the host (stake, requirement, commission, halt, delegators) and its containers as the chain has them", async () => {
      const staking = contract("HostStaking");
      const lens = contract("HostStakingLens");
      const registry = contract("HostRegistry");
      const story = ctx.story();
      const h = story.host.address;
      const { host } = await q<{ host: Record<string, string | number | boolean | null> }>(
        `{ host(address: "${lc(h)}") { commissionBps pendingCommissionBps containerCount coefficientSum requiredStake stake activeShares unbondingStake unbondingShares delegatorCount halted pendingSlashes rewardsFunded rewardsClaimed slashed } }`,
      );
      const info = await staking.hostInfo(h);
      const active = await staking.activePool(h);
      const unbonding = await staking.unbondingPool(h);
      expect(big(host.stake as string)).to.equal(active.assets);
      expect(big(host.activeShares as string)).to.equal(active.shares);
      expect(big(host.unbondingStake as string)).to.equal(unbonding.assets);
      expect(big(host.unbondingShares as string)).to.equal(unbonding.shares);
      expect(big(host.requiredStake as string)).to.equal(await lens.requiredStake(h));
      expect(big(host.requiredStake as string)).to.equal(story.host.requiredStake);
      expect(host.containerCount).to.equal(Number(info.containerCount));
      expect(big(host.coefficientSum as string)).to.equal(info.coefficientSum);
      expect(host.commissionBps).to.equal(Number(info.commissionBps));
      expect(host.halted).to.equal(info.halted);
      expect(host.pendingSlashes).to.equal(Number(info.pendingSlashes));
      expect(host.delegatorCount).to.equal(1); // dave; erin unstaked everything
      expect(big(host.rewardsFunded as string)).to.equal(story.host.rewardsFunded);
      expect(big(host.rewardsClaimed as string)).to.equal(Object.values(story.host.rewardsClaimed).reduce((s, v) => s + v, 0n));
      expect(big(host.slashed as string)).to.equal(story.slash.fromRewards + story.slash.fromActive + story.slash.fromUnbonding);

      const { containers } = await q<{ containers: Items<{ id: string; host: string; classId: number; region: string; coefficient: number; requiredStake: string; status: string }> }>(
        `{ containers(limit: 100) { items { id host classId region coefficient requiredStake status } } }`,
      );
      // the checker-work simulation's fleet host has containers of its own
      expect(containers.items.filter((c) => c.host === lc(story.host.address))).to.have.length(story.host.containers.length);
      for (const c of story.host.containers) {
        const row = containers.items.find((r) => r.id === c.id)!;
        const chain = await registry.containerOf(c.id);
        expect(row.host).to.equal(lc(chain.host));
        expect(row.classId).to.equal(Number(chain.classId));
        expect(row.region).to.equal(chain.region);
        expect(row.coefficient).to.equal(Number(chain.coefficient));
        expect(row.status).to.equal(chain.active ? "active" : "deregistered");
        expect(big(row.requiredStake)).to.equal(await staking.stakeFor(chain.coefficient));
      }
    });

    it("serves each delegation's shares and stake and the unbonding request's worth as the lens computes them", async () => {
      const lens = contract("HostStakingLens");
      const story = ctx.story();
      const h = story.host.address;
      const { hostDelegations } = await q<{ hostDelegations: Items<{ host: string; account: string; shares: string; stake: string; delegated: string; rewardsClaimed: string }> }>(
        `{ hostDelegations(limit: 1000) { items { host account shares stake delegated rewardsClaimed } } }`,
      );
      for (const who of [story.actors.host, story.actors.dave, story.actors.erin]) {
        const row = hostDelegations.items.find((d) => d.host === lc(h) && d.account === lc(who))!;
        const [shares, assets] = await lens.stakeOf(h, who);
        expect(big(row.shares), who).to.equal(shares);
        expect(big(row.stake), who).to.equal(assets);
        expect(big(row.delegated), who).to.equal(story.host.stakes[who]);
        expect(big(row.rewardsClaimed), who).to.equal(story.host.rewardsClaimed[who] ?? 0n);
      }
      const { unbondingRequests } = await q<{ unbondingRequests: Items<{ id: string; host: string; account: string; amount: string; shares: string; value: string; unlockAt: string; status: string }> }>(
        `{ unbondingRequests(limit: 1000) { items { id host account amount shares value unlockAt status } } }`,
      );
      const u = story.unbonding;
      const row = unbondingRequests.items.find((r) => big(r.id) === u.id)!;
      const chain = await lens.unbondingOf(h, u.account, u.id);
      expect(row.account).to.equal(lc(u.account));
      expect(row.status).to.equal("unbonding");
      expect(big(row.amount)).to.equal(u.amount);
      expect(big(row.shares)).to.equal(chain.shares);
      expect(big(row.value)).to.equal(chain.assets);
      expect(big(row.unlockAt)).to.equal(chain.unlockAt);
    });

    it("serves the slashes: the verdict slash executed with its amounts, the slasher's vetoed", async () => {
      const slashing = contract("HostSlashing");
      const story = ctx.story();
      const { slashProposals } = await q<{ slashProposals: Items<Record<string, string | null>> }>(
        `{ slashProposals(orderBy: "id", limit: 100) { items { id host container kind penalty refund status failedJobs epoch executeAfter taken fromRewards fromActive fromUnbonding refunded penaltyPaid penaltyTo vetoedBy } } }`,
      );
      expect(slashProposals.items).to.have.length(2);
      const [executed, vetoed] = slashProposals.items;
      for (const row of slashProposals.items) {
        const p = await slashing.proposal(row.id);
        expect(row.host).to.equal(lc(p.host));
        expect(row.container).to.equal(p.container);
        expect(big(row.penalty)).to.equal(p.penalty);
        expect(big(row.executeAfter)).to.equal(p.executeAfter);
        expect(row.status).to.equal(["none", "pending", "vetoed", "executed"][Number(p.status)]);
      }
      expect(big(executed.id)).to.equal(story.slash.id);
      expect(executed.kind).to.equal("DowntimeRendering");
      expect(big(executed.failedJobs)).to.equal(BigInt(story.verdict.jobs.length));
      expect(await contract("CheckerReferee").failedJobs(story.verdict.container, story.verdict.epoch)).to.equal(BigInt(story.verdict.jobs.length));
      expect(big(executed.epoch)).to.equal(story.verdict.epoch);
      expect(big(executed.fromRewards)).to.equal(story.slash.fromRewards);
      expect(big(executed.fromActive)).to.equal(story.slash.fromActive);
      expect(big(executed.fromUnbonding)).to.equal(story.slash.fromUnbonding);
      expect(big(executed.taken)).to.equal(story.slash.fromRewards + story.slash.fromActive + story.slash.fromUnbonding);
      expect(big(executed.penaltyPaid)).to.equal(story.slash.penalty);
      expect(executed.penaltyTo).to.equal(lc(story.actors.treasury));
      expect(big(vetoed.id)).to.equal(story.vetoed.id);
      expect(vetoed.status).to.equal("vetoed");
      expect(vetoed.kind).to.equal("Underperformance");
      expect(big(vetoed.penalty)).to.equal(story.vetoed.penalty);
      expect(vetoed.taken).to.equal(null);
    });

    it("ends with the balances SPEC §7 gives: a third of K x 2 to the treasury, rewards first, then stake pro rata", async () => {
      const story = ctx.story();
      const s = story.slash;
      const token = contract("AethirToken");
      const staking = contract("HostStaking");
      const K = await staking.k();
      // downtime while rendering: 1/3 K x coefficient (H100: 2x), fixed when proposed
      expect(s.penalty).to.equal((K * 20_000n) / 10_000n / 3n);
      const before = await token.balanceOf(story.actors.treasury, { blockTag: s.executedBlock - 1 });
      const after = await token.balanceOf(story.actors.treasury, { blockTag: s.executedBlock });
      expect(after - before).to.equal(s.penalty);
      expect(s.treasuryGain).to.equal(s.penalty);
      expect(s.fromRewards + s.fromActive + s.fromUnbonding).to.equal(s.penalty);
      expect(s.refunded).to.equal(0n);
      // the unreleased rewards go first: all of them, since stake was taken too
      expect(s.fromRewards > 0n).to.equal(true);
      expect(s.unreleasedAfter).to.equal(0n);
      // then active and unbonding stake pro rata: unstaking in the veto window did not escape the slash
      const stakeTaken = s.fromActive + s.fromUnbonding;
      const total = s.activeBefore + s.unbondingBefore;
      const expectedFromUnbonding = (stakeTaken * s.unbondingBefore) / total;
      expect(s.fromUnbonding - expectedFromUnbonding).to.be.lessThanOrEqual(1n);
      expect(expectedFromUnbonding - s.fromUnbonding).to.be.lessThanOrEqual(1n);
      expect(story.withdrawWhilePending).to.equal("HostHasPendingSlash");
      const keep = (amount: bigint, poolBefore: bigint, taken: bigint) => (amount * (poolBefore - taken)) / poolBefore;
      for (const who of [story.actors.host, story.actors.dave]) {
        const expected = keep(story.host.stakes[who], s.activeBefore, s.fromActive);
        expect(story.stakesAfter[who] - expected, who).to.be.within(-2n, 2n);
      }
      const erin = keep(story.unbonding.amount, s.unbondingBefore, s.fromUnbonding);
      expect(story.stakesAfter[story.actors.erin] - erin).to.be.within(-2n, 2n);
      // HostStaking holds what its pools are worth and the rewards not yet claimed: nothing of the penalty
      const lens = contract("HostStakingLens");
      const held = await token.balanceOf(ctx.manifest().contracts.HostStaking.address);
      const h = story.host.address;
      const pools = (await staking.activePool(h)).assets + (await staking.unbondingPool(h)).assets;
      expect(held >= pools + (await lens.unreleasedRewards(h))).to.equal(true);
      // holders' staking is untouched by host slashes: the pools hold every open position's ATH
      const sp = contract("StakingPools");
      const staked = (await sp.pool(0)).staked + (await sp.pool(1)).staked;
      expect(staked).to.equal(story.positions.filter((p) => !p.withdrawn).reduce((a, p) => a + p.amount, 0n));
      expect(await sp.totalSupply()).to.equal(staked);
    });

    it("serves daily series: pool totals, host stake and slashed amounts that add up to the chain's", async () => {
      const pools = contract("StakingPools");
      const staking = contract("HostStaking");
      const story = ctx.story();
      const { stakingPoolDays } = await q<{ stakingPoolDays: Items<{ poolId: string; day: number; staked: string; stakedIn: string; withdrawn: string }> }>(
        `{ stakingPoolDays(orderBy: "day", orderDirection: "asc", limit: 1000) { items { poolId day staked stakedIn withdrawn } } }`,
      );
      for (const poolId of [0n, 1n]) {
        const days = stakingPoolDays.items.filter((d) => big(d.poolId) === poolId);
        expect(big(days.at(-1)!.staked)).to.equal((await pools.pool(poolId)).staked);
        expect(days.reduce((s, d) => s + big(d.stakedIn) - big(d.withdrawn), 0n)).to.equal((await pools.pool(poolId)).staked);
      }
      const { hostStakingDays } = await q<{ hostStakingDays: Items<{ day: number; hostStake: string; unbondingStake: string; slashed: string }> }>(
        `{ hostStakingDays(orderBy: "day", orderDirection: "asc", limit: 1000) { items { day hostStake unbondingStake slashed } } }`,
      );
      const last = hostStakingDays.items.at(-1)!;
      let active = 0n;
      let unbonding = 0n;
      for (const h of await registeredHosts()) {
        active += (await staking.activePool(h)).assets;
        unbonding += (await staking.unbondingPool(h)).assets;
      }
      expect(big(last.hostStake)).to.equal(active);
      expect(big(last.unbondingStake)).to.equal(unbonding);
      expect(hostStakingDays.items.reduce((s, d) => s + big(d.slashed), 0n)).to.equal(story.slash.fromRewards + story.slash.fromActive + story.slash.fromUnbonding);
    });

    it("serves the overview's holder and host staking totals and its slashes as the contracts hold them", async () => {
      const pools = contract("StakingPools");
      const staking = contract("HostStaking");
      const lens = contract("HostStakingLens");
      const slashing = contract("HostSlashing");
      const WEEK = 604_800n;
      type Overview = {
        staking: {
          holders: { staked: string; totalWeight: string; stathSupply: string; pools: { poolId: string; name: string; staked: string; totalWeight: string }[] };
          hosts: { count: number; halted: number; activeStake: string; unbondingStake: string; requiredStake: string };
        };
        slashes: { executedTotal: string; executed: number; pending: number; pendingPenalty: string; vetoed: number; vetoedPenalty: string };
      };
      const latest = BigInt((await ctx.provider().getBlock("latest"))!.timestamp);
      // the positions still held, read back from the chain (a withdrawn one reads as zero)
      const held: { poolId: bigint; amount: bigint; lockWeeks: bigint; unlockTime: bigint; weightNow: bigint }[] = [];
      for (const p of await openedPositions()) {
        const chain = await pools.position(p.account, p.positionId);
        if (chain.amount === 0n) continue;
        held.push({
          poolId: p.poolId,
          amount: chain.amount,
          lockWeeks: BigInt(chain.lockWeeks),
          unlockTime: BigInt(chain.unlockWeek) * WEEK,
          weightNow: await pools.weightOf(p.account, p.positionId),
        });
      }
      const weightAt = async (poolId: bigint, at: bigint) => {
        let w = 0n;
        for (const p of held) if (p.poolId === poolId && p.unlockTime > at) w += p.amount * (await pools.multiplier(p.lockWeeks));
        return w;
      };
      // now, and at the first unlock still ahead (that position's weight has left by then)
      const firstUnlock = held.map((p) => p.unlockTime).filter((t) => t > latest).sort((a, b) => (a < b ? -1 : 1))[0];
      // (typeof: hardhat's chai matchers turn `equal` on a bigint into a bigint comparison, which undefined can't join)
      expect(typeof firstUnlock, "a position still locked").to.equal("bigint");
      for (const at of [latest, firstUnlock]) {
        const o = await get<Overview>(`/overview?at=${at}`);
        const h = o.staking.holders;
        expect(h.pools.map((p) => p.name)).to.deep.equal(["Gaming", "AI"]);
        let staked = 0n;
        let weight = 0n;
        for (const p of h.pools) {
          const view = await pools.pool(p.poolId);
          expect(big(p.staked), `pool ${p.poolId} staked`).to.equal(view.staked);
          expect(big(p.totalWeight), `pool ${p.poolId} weight at ${at}`).to.equal(await weightAt(big(p.poolId), at));
          if (at === latest) {
            // the contract's own figure (its views run at the newest block's time)
            expect(big(p.totalWeight), `pool ${p.poolId} weight`).to.equal(view.totalWeight);
            expect(big(p.totalWeight)).to.equal(held.filter((x) => x.poolId === big(p.poolId)).reduce((s, x) => s + x.weightNow, 0n));
          }
          staked += view.staked;
          weight += big(p.totalWeight);
        }
        expect([big(h.staked), big(h.totalWeight)]).to.deep.equal([staked, weight]);
        expect(big(h.stathSupply)).to.equal(await pools.totalSupply());
        if (at === firstUnlock) expect(weight < (await weightAt(0n, latest)) + (await weightAt(1n, latest))).to.equal(true);

        const hosts = await registeredHosts();
        expect(o.staking.hosts.count).to.equal(hosts.length);
        let active = 0n;
        let unbonding = 0n;
        let required = 0n;
        let halted = 0;
        for (const a of hosts) {
          active += (await staking.activePool(a)).assets;
          unbonding += (await staking.unbondingPool(a)).assets;
          required += await lens.requiredStake(a);
          if ((await staking.hostInfo(a)).halted) halted += 1;
        }
        expect([big(o.staking.hosts.activeStake), big(o.staking.hosts.unbondingStake), big(o.staking.hosts.requiredStake), o.staking.hosts.halted]).to.deep.equal([
          active,
          unbonding,
          required,
          halted,
        ]);
        expect(unbonding > 0n).to.equal(true);

        // every proposal as HostSlashing holds it; what was taken as HostStaking's Slashed events say
        const byStatus = { pending: { n: 0, penalty: 0n }, vetoed: { n: 0, penalty: 0n }, executed: { n: 0, penalty: 0n } };
        const count = Number(await slashing.proposalCount());
        for (let id = 1; id <= count; id++) {
          const p = await slashing.proposal(id);
          const status = (["none", "pending", "vetoed", "executed"] as const)[Number(p.status)];
          if (status === "none") continue;
          byStatus[status].n += 1;
          byStatus[status].penalty += p.penalty;
        }
        const slashed = (await staking.queryFilter(staking.filters.Slashed())) as unknown as { args: { fromRewards: bigint; fromActive: bigint; fromUnbonding: bigint } }[];
        const taken = slashed.reduce((s, l) => s + l.args.fromRewards + l.args.fromActive + l.args.fromUnbonding, 0n);
        const sl = o.slashes;
        expect([big(sl.executedTotal), sl.executed, sl.pending, big(sl.pendingPenalty), sl.vetoed, big(sl.vetoedPenalty)]).to.deep.equal([
          taken,
          byStatus.executed.n,
          byStatus.pending.n,
          byStatus.pending.penalty,
          byStatus.vetoed.n,
          byStatus.vetoed.penalty,
        ]);
        expect([sl.executed, sl.vetoed]).to.deep.equal([1, 1]);
        expect(big(sl.executedTotal)).to.equal(ctx.story().slash.penalty);
      }
    });

    it("serves the host leaderboard by active stake, with requirement, delegators, commission and halt as the chain has them", async () => {
      const staking = contract("HostStaking");
      const lens = contract("HostStakingLens");
      type Entry = { address: string; stake: string; requiredStake: string; unbondingStake: string; delegatorCount: number; commissionBps: number; halted: boolean };
      const board = await get<Entry[]>("/leaderboard/hosts?limit=100");
      const hosts = await registeredHosts();
      // the story's host, the edge cases' two, the checker work's fleet host, its compute host and its Edge device's owner
      expect(hosts.length).to.equal(6);
      // who ever staked with each host, from the chain's Delegated logs; a delegator is one holding shares now
      const delegated = (await staking.queryFilter(staking.filters.Delegated())) as unknown as { args: { host: string; account: string } }[];
      const expected = [];
      for (const h of hosts) {
        const info = await staking.hostInfo(h);
        const stakers = [...new Set(delegated.filter((l) => lc(l.args.host) === h).map((l) => lc(l.args.account)))];
        let delegators = 0;
        for (const a of stakers) if (a !== h && (await lens.sharesOf(h, a)) > 0n) delegators += 1;
        expected.push({
          address: h,
          stake: (await staking.activePool(h)).assets,
          requiredStake: await lens.requiredStake(h),
          unbondingStake: (await staking.unbondingPool(h)).assets,
          delegatorCount: delegators,
          commissionBps: Number(info.commissionBps),
          halted: info.halted as boolean,
        });
      }
      expected.sort((a, b) => (a.stake === b.stake ? (a.address < b.address ? -1 : 1) : a.stake > b.stake ? -1 : 1));
      const served = board.map((e) => ({ ...e, stake: big(e.stake), requiredStake: big(e.requiredStake), unbondingStake: big(e.unbondingStake) }));
      expect(served.map(({ address, stake, requiredStake, unbondingStake, delegatorCount, commissionBps, halted }) => ({ address, stake, requiredStake, unbondingStake, delegatorCount, commissionBps, halted }))).to.deep.equal(expected);
      // the story's host is neither first nor last, and the first has a delegator
      expect(expected.map((e) => e.address).indexOf(lc(ctx.story().host.address))).to.equal(1);
      expect(expected[0].delegatorCount).to.equal(1);
      const top = await get<Entry[]>("/leaderboard/hosts?limit=2");
      expect(top.map((e) => e.address)).to.deep.equal(expected.slice(0, 2).map((e) => e.address));
    });

    it("serves each staker's page: positions, stATH, host delegations, unbonding requests and ATH transfers as the chain has them", async () => {
      const pools = contract("StakingPools");
      const lens = contract("HostStakingLens");
      const token = contract("AethirToken");
      const story = ctx.story();
      type Page = {
        staking: { staked: string; openPositions: number } | null;
        stakingPositions: { positionId: string; poolId: string; amount: string; lockWeeks: number; unlockWeek: string; status: string }[];
        stath: string;
        host: { stake: string } | null;
        hostDelegations: { host: string; shares: string; stake: string }[];
        unbondingRequests: { id: string; host: string; shares: string; value: string; unlockAt: string; status: string }[];
        transfers: { from: string; to: string; amount: string; transactionHash: string }[];
      };
      const hosts = await registeredHosts();
      const { actors } = story;
      const who = [actors.alice, actors.bob, actors.carol, actors.dave, actors.erin, actors.host, actors.funder].map(lc);
      let positionsSeen = 0;
      let delegationsSeen = 0;
      let unbondingsSeen = 0;
      for (const a of who) {
        const page = await get<Page>(`/accounts/${a}`);
        // positions: every id the account opened, open ones as the contract holds them
        const count = Number(await pools.positionCount(a));
        expect(page.stakingPositions.map((p) => Number(p.positionId)), a).to.deep.equal([...Array(count).keys()]);
        let staked = 0n;
        for (const p of page.stakingPositions) {
          const chain = await pools.position(a, p.positionId);
          if (chain.amount === 0n) {
            expect(p.status, `${a}/${p.positionId}`).to.not.equal("open");
            continue;
          }
          expect([p.status, big(p.amount), BigInt(p.lockWeeks), big(p.unlockWeek), big(p.poolId)], `${a}/${p.positionId}`).to.deep.equal([
            "open",
            chain.amount,
            BigInt(chain.lockWeeks),
            BigInt(chain.unlockWeek),
            BigInt(chain.pool),
          ]);
          staked += chain.amount;
        }
        positionsSeen += page.stakingPositions.length;
        expect(big(page.staking?.staked), `${a} staked`).to.equal(staked);
        expect(big(page.stath), `${a} stATH`).to.equal(await pools.balanceOf(a));
        // delegations: one row per host it ever staked with; shares and worth as the lens computes them
        for (const h of hosts) {
          const [shares, assets] = await lens.stakeOf(h, a);
          const row = page.hostDelegations.find((d) => d.host === h);
          if (row === undefined) {
            expect(shares, `${a} with ${h}`).to.equal(0n);
            continue;
          }
          expect([big(row.shares), big(row.stake)], `${a} with ${h}`).to.deep.equal([shares, assets]);
          delegationsSeen += 1;
        }
        expect(page.hostDelegations.every((d) => hosts.includes(d.host))).to.equal(true);
        expect(page.host === null, `${a} is a host`).to.equal(!hosts.includes(a));
        // unbonding requests
        for (const u of page.unbondingRequests) {
          const [shares, assets, unlockAt] = await lens.unbondingOf(u.host, a, u.id);
          if (u.status === "unbonding") expect([big(u.shares), big(u.value), big(u.unlockAt)], `request ${u.id}`).to.deep.equal([shares, assets, unlockAt]);
          else expect(unlockAt, `request ${u.id} withdrawn`).to.equal(0n);
          unbondingsSeen += 1;
        }
        // the newest ATH transfers in and out, as the token's logs list them
        const logs = [
          ...(await token.queryFilter(token.filters.Transfer(a, null))),
          ...(await token.queryFilter(token.filters.Transfer(null, a))),
        ] as unknown as { blockNumber: number; index: number; transactionHash: string; args: { from: string; to: string; value: bigint } }[];
        const unique = [...new Map(logs.map((l) => [`${l.transactionHash}-${l.index}`, l])).values()];
        expect(page.transfers.length, `${a} transfers`).to.equal(Math.min(unique.length, 20));
        const newestBlock = Math.max(...unique.map((l) => l.blockNumber));
        expect(page.transfers.length).to.be.greaterThan(0);
        const served = new Set(page.transfers.map((t) => `${t.transactionHash}:${t.from}:${t.to}:${t.amount}`));
        for (const l of unique.filter((x) => x.blockNumber === newestBlock)) {
          expect(served.has(`${l.transactionHash}:${lc(l.args.from)}:${lc(l.args.to)}:${l.args.value}`), `${a}'s newest transfer`).to.equal(true);
        }
        if (unique.length <= 20) {
          expect([...served].sort()).to.deep.equal(unique.map((l) => `${l.transactionHash}:${lc(l.args.from)}:${lc(l.args.to)}:${l.args.value}`).sort());
        }
      }
      // the story has positions (open and withdrawn), delegations and an unbonding request to show
      expect(positionsSeen).to.be.greaterThan(2);
      expect(delegationsSeen).to.be.greaterThan(3);
      expect(unbondingsSeen).to.be.greaterThan(0);
      expect((await get<Page>(`/accounts/${lc(story.unbonding.account)}`)).unbondingRequests.map((u) => big(u.id))).to.include(story.unbonding.id);
    });
  });
}
