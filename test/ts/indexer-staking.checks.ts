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
      const { stakingSettings } = await q<{ stakingSettings: { stathSupply: string } }>(`{ stakingSettings(id: "staking") { stathSupply } }`);
      expect(big(stakingSettings.stathSupply)).to.equal(sum);
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
      expect(containers.items).to.have.length(story.host.containers.length);
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
      const { slashs } = await q<{ slashs: Items<Record<string, string | null>> }>(
        `{ slashs(orderBy: "id", limit: 100) { items { id host container kind penalty refund status jobId epoch executeAfter taken fromRewards fromActive fromUnbonding refunded penaltyPaid penaltyTo vetoedBy } } }`,
      );
      expect(slashs.items).to.have.length(2);
      const [executed, vetoed] = slashs.items;
      for (const row of slashs.items) {
        const p = await slashing.proposal(row.id);
        expect(row.host).to.equal(lc(p.host));
        expect(row.container).to.equal(p.container);
        expect(big(row.penalty)).to.equal(p.penalty);
        expect(big(row.executeAfter)).to.equal(p.executeAfter);
        expect(row.status).to.equal(["none", "pending", "vetoed", "executed"][Number(p.status)]);
      }
      expect(big(executed.id)).to.equal(story.slash.id);
      expect(executed.kind).to.equal("DowntimeRendering");
      expect(executed.jobId).to.equal(story.verdict.jobId);
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
      const { stakingPoolDailys } = await q<{ stakingPoolDailys: Items<{ poolId: string; day: number; staked: string; stakedIn: string; withdrawn: string }> }>(
        `{ stakingPoolDailys(orderBy: "day", orderDirection: "asc", limit: 1000) { items { poolId day staked stakedIn withdrawn } } }`,
      );
      for (const poolId of [0n, 1n]) {
        const days = stakingPoolDailys.items.filter((d) => big(d.poolId) === poolId);
        expect(big(days.at(-1)!.staked)).to.equal((await pools.pool(poolId)).staked);
        expect(days.reduce((s, d) => s + big(d.stakedIn) - big(d.withdrawn), 0n)).to.equal((await pools.pool(poolId)).staked);
      }
      const { hostStakingDailys } = await q<{ hostStakingDailys: Items<{ day: number; hostStake: string; unbondingStake: string; slashed: string }> }>(
        `{ hostStakingDailys(orderBy: "day", orderDirection: "asc", limit: 1000) { items { day hostStake unbondingStake slashed } } }`,
      );
      const last = hostStakingDailys.items.at(-1)!;
      const h = story.host.address;
      expect(big(last.hostStake)).to.equal((await staking.activePool(h)).assets);
      expect(big(last.unbondingStake)).to.equal((await staking.unbondingPool(h)).assets);
      expect(hostStakingDailys.items.reduce((s, d) => s + big(d.slashed), 0n)).to.equal(story.slash.fromRewards + story.slash.fromActive + story.slash.fromUnbonding);
    });
  });
}
