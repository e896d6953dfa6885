import { expect } from "chai";
import { Signature, parseEther, type Signer } from "ethers";
import { genesisFixture } from "./fixtures.js";
import { executeViaTimelock } from "../../scripts/lib/governance.js";
import { DAY, TOTAL_SUPPLY, WEEK } from "../../scripts/lib/tokenomics.js";

const ATH = (x: string) => parseEther(x);

describe("StakingPools (holder staking, stATH)", () => {
  /** Genesis, a StakingPools governed by the timelock, two pools created through it, holders with ATH. */
  async function setup() {
    const f = await genesisFixture();
    const { ethers } = f;
    const [alice, bob, carol] = f.signers.others;
    const timelock = await f.timelock.getAddress();
    const athAddress = await f.token.getAddress();
    const staking = await ethers.deployContract("StakingPools", [timelock, f.signers.guardian.address, athAddress]);
    const stakingAddress = await staking.getAddress();
    const deployBlock = (await staking.deploymentTransaction()!.wait())!.blockNumber;
    const partner = await ethers.deployContract("OZPlainERC20", [f.signers.airdrop.address, TOTAL_SUPPLY]);
    const governance = async (data: string) => executeViaTimelock(timelock, f.signers.deployer, { target: stakingAddress, data });
    await governance(staking.interface.encodeFunctionData("createPool", ["Gaming", [athAddress]]));
    await governance(staking.interface.encodeFunctionData("createPool", ["AI", [athAddress, await partner.getAddress()]]));
    // holders get ATH from the airdrop bucket's TGE step; the airdrop holder also funds the pools
    await (await f.airdropVesting["release(address)"](athAddress)).wait();
    const funder = f.signers.airdrop;
    for (const who of [alice, bob, carol]) await (await f.token.connect(funder).transfer(who.address, ATH("1000000"))).wait();
    await (await f.token.connect(funder).approve(stakingAddress, ethers.MaxUint256)).wait();
    await (await partner.connect(funder).approve(stakingAddress, ethers.MaxUint256)).wait();
    const now = async () => (await ethers.provider.getBlock("latest"))!.timestamp;
    const week = async () => Math.floor((await now()) / WEEK);
    const chainId = (await ethers.provider.getNetwork()).chainId;
    /** An EIP-2612 permit of `value` ATH to the staking contract, signed by `owner`. */
    const permit = async (owner: Signer, value: bigint, deadline: number) => {
      const domain = { name: "Aethir Token", version: "1", chainId, verifyingContract: athAddress };
      const types = { Permit: [
        { name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] };
      const address = await owner.getAddress();
      return Signature.from(await owner.signTypedData(domain, types, { owner: address, spender: stakingAddress, value, nonce: await f.token.nonces(address), deadline }));
    };
    return { ...f, staking, stakingAddress, deployBlock, partner, governance, funder, alice, bob, carol, timelock, athAddress, now, week, permit };
  }

  it("governance creates pools through the timelock; others can't", async () => {
    const s = await setup();
    expect(await s.staking.poolCount()).to.equal(2n);
    const ai = await s.staking.pool(1);
    expect(ai.rewardTokens).to.deep.equal([s.athAddress, await s.partner.getAddress()]);
    const adminRole = await s.staking.DEFAULT_ADMIN_ROLE();
    await expect(s.staking.connect(s.signers.deployer).createPool("X", [s.athAddress]))
      .to.be.revertedWithCustomError(s.staking, "AccessControlUnauthorizedAccount").withArgs(s.signers.deployer.address, adminRole);
    await expect(s.staking.connect(s.signers.guardian).addRewardToken(0, await s.partner.getAddress()))
      .to.be.revertedWithCustomError(s.staking, "AccessControlUnauthorizedAccount").withArgs(s.signers.guardian.address, adminRole);
  });

  it("a holder stakes in one transaction with a permit, earns a funded week streamed, and withdraws at unlock", async () => {
    const s = await setup();
    const w = await s.week();
    await (await s.staking.connect(s.funder).fund(1, s.athAddress, w + 1, 2, ATH("7000"))).wait();
    await (await s.staking.connect(s.funder).fund(1, await s.partner.getAddress(), w + 1, 2, ATH("700"))).wait();
    const deadline = (await s.now()) + 3600;
    const sig = await s.permit(s.alice, ATH("1000"), deadline);
    const tx = s.staking.connect(s.alice).stakeWithPermit(1, ATH("1000"), 1, deadline, sig.v, sig.r, sig.s);
    const unlockWeek = BigInt(Math.ceil(((await s.now()) + 1 + WEEK) / WEEK));
    await expect(tx).to.emit(s.staking, "Staked").withArgs(s.alice.address, 0n, 1n, ATH("1000"), 1n, unlockWeek, ATH("1000") * 207n);
    await expect(tx).to.emit(s.staking, "Transfer").withArgs(s.ethers.ZeroAddress, s.alice.address, ATH("1000"));
    expect(await s.staking.balanceOf(s.alice.address)).to.equal(ATH("1000"));
    expect(await s.token.allowance(s.alice.address, s.stakingAddress)).to.equal(0n);

    // halfway through the first funded week: half of it, streamed
    await s.networkHelpers.time.increaseTo((w + 1) * WEEK + 3.5 * DAY);
    const [tokens, half] = await s.staking.pendingRewards(s.alice.address, 0);
    expect(tokens).to.deep.equal([s.athAddress, await s.partner.getAddress()]);
    expect(ATH("3500") - half[0]).to.be.lessThanOrEqual(2n);
    expect(ATH("350") - half[1]).to.be.lessThanOrEqual(2n);

    await expect(s.staking.connect(s.alice).withdraw(0))
      .to.be.revertedWithCustomError(s.staking, "StillLocked").withArgs(s.alice.address, 0n, unlockWeek * BigInt(WEEK));
    await s.networkHelpers.time.increaseTo(Number(unlockWeek) * WEEK + 60);
    const athBefore = await s.token.balanceOf(s.alice.address);
    await expect(s.staking.connect(s.alice).withdraw(0)).to.emit(s.staking, "Withdrawn").withArgs(s.alice.address, 0n, 1n, ATH("1000"));
    const earned = (await s.token.balanceOf(s.alice.address)) - athBefore - ATH("1000");
    // alone in the pool for the whole of week w + 1 (the lock ends at w + 2)
    expect(ATH("7000") - earned).to.be.lessThanOrEqual(2n);
    expect(ATH("700") - (await s.partner.balanceOf(s.alice.address))).to.be.lessThanOrEqual(2n);
    expect(await s.staking.balanceOf(s.alice.address)).to.equal(0n);
    expect(await s.staking.totalSupply()).to.equal(0n);
  });

  it("splits by weight (1x at 1 week, 4x at 208) and the withdrawer must hold the receipt", async () => {
    const s = await setup();
    const w = await s.week();
    await (await s.staking.connect(s.funder).fund(0, s.athAddress, w + 1, 1, ATH("5000"))).wait();
    for (const who of [s.alice, s.bob]) await (await s.token.connect(who).approve(s.stakingAddress, s.ethers.MaxUint256)).wait();
    await (await s.staking.connect(s.alice).stake(0, ATH("100"), 1)).wait();
    await (await s.staking.connect(s.bob).stake(0, ATH("100"), 208)).wait();
    expect(await s.staking.weightOf(s.bob.address, 0)).to.equal(4n * (await s.staking.weightOf(s.alice.address, 0)));
    await s.networkHelpers.time.increaseTo((w + 2) * WEEK);
    await expect(s.staking.connect(s.alice).claim(0)).to.changeTokenBalance(s.ethers, s.token, s.alice, (v: bigint) => ATH("1000") - v <= 2n && v <= ATH("1000"));
    await expect(s.staking.connect(s.bob).claim(0)).to.changeTokenBalance(s.ethers, s.token, s.bob, (v: bigint) => ATH("4000") - v <= 2n && v <= ATH("4000"));

    // alice sells her receipt: she can't withdraw until she holds it again; carol can't withdraw alice's position
    await (await s.staking.connect(s.alice).transfer(s.carol.address, ATH("100"))).wait();
    await expect(s.staking.connect(s.alice).withdraw(0))
      .to.be.revertedWithCustomError(s.staking, "ERC20InsufficientBalance").withArgs(s.alice.address, 0n, ATH("100"));
    await expect(s.staking.connect(s.carol).withdraw(0))
      .to.be.revertedWithCustomError(s.staking, "NoSuchPosition").withArgs(s.carol.address, 0n);
    await (await s.staking.connect(s.carol).transfer(s.alice.address, ATH("100"))).wait();
    await expect(s.staking.connect(s.alice).withdraw(0)).to.changeTokenBalance(s.ethers, s.token, s.alice, ATH("100"));
  });

  it("the guardian pauses new stakes but not claims or withdrawals; only governance unpauses", async () => {
    const s = await setup();
    await (await s.token.connect(s.alice).approve(s.stakingAddress, s.ethers.MaxUint256)).wait();
    await (await s.staking.connect(s.alice).stake(0, ATH("10"), 1)).wait();
    await (await s.staking.connect(s.signers.guardian).pause()).wait();
    await expect(s.staking.connect(s.alice).stake(0, ATH("10"), 1)).to.be.revertedWithCustomError(s.staking, "EnforcedPause");
    await expect(s.staking.connect(s.alice).relock(0, 3)).to.be.revertedWithCustomError(s.staking, "EnforcedPause");
    await expect(s.staking.connect(s.signers.guardian).unpause())
      .to.be.revertedWithCustomError(s.staking, "AccessControlUnauthorizedAccount").withArgs(s.signers.guardian.address, await s.staking.DEFAULT_ADMIN_ROLE());
    await (await s.staking.connect(s.alice).claim(0)).wait();
    await s.networkHelpers.time.increase(2 * WEEK);
    await expect(s.staking.connect(s.alice).withdraw(0)).to.emit(s.staking, "Withdrawn");
    await s.governance(s.staking.interface.encodeFunctionData("unpause"));
    await expect(s.staking.connect(s.alice).stake(0, ATH("10"), 1)).to.emit(s.staking, "Staked");
  });

  it("events are enough to rebuild every position, pool weight, week's funding and stATH balance", async () => {
    const s = await setup();
    const w = await s.week();
    const partnerAddress = await s.partner.getAddress();
    await (await s.staking.connect(s.funder).fund(0, s.athAddress, w + 1, 6, ATH("1000"))).wait();
    await (await s.staking.connect(s.funder).fund(1, s.athAddress, w + 2, 4, ATH("300"))).wait();
    await (await s.staking.connect(s.funder).fund(1, partnerAddress, w + 1, 5, ATH("30"))).wait();
    const people = [s.alice, s.bob, s.carol];
    for (const who of people) await (await s.token.connect(who).approve(s.stakingAddress, s.ethers.MaxUint256)).wait();
    // a few weeks of everything: stakes in both pools, top-ups, relocks, claims, receipt transfers, withdrawals
    await s.networkHelpers.time.increaseTo((w + 1) * WEEK + 2 * DAY); // nobody staked in pool 1 for two days
    await (await s.staking.connect(s.alice).stake(0, ATH("500"), 2)).wait();
    const firstInPool1 = (await (await s.staking.connect(s.bob).stake(1, ATH("800"), 8)).wait())!;
    const idle = BigInt((await firstInPool1.getBlock()).timestamp - (w + 1) * WEEK);
    await (await s.staking.connect(s.carol).stake(1, ATH("50"), 1)).wait();
    await s.networkHelpers.time.increase(3 * DAY);
    await (await s.staking.connect(s.alice).add(0, ATH("100"), 3)).wait();
    await (await s.staking.connect(s.bob).claim(0)).wait();
    await (await s.staking.connect(s.bob).transfer(s.carol.address, ATH("300"))).wait();
    await s.networkHelpers.time.increase(9 * DAY);
    await (await s.staking.connect(s.carol).relock(0, 2)).wait();
    await (await s.staking.connect(s.alice).stake(1, ATH("20"), 5)).wait();
    await s.networkHelpers.time.increase(3 * WEEK);
    await (await s.staking.connect(s.alice).withdraw(0)).wait();
    await (await s.staking.connect(s.carol).emergencyWithdraw(0)).wait();
    await (await s.staking.checkpoint(1, 100)).wait();

    // replay
    // every event of the contract, decoded with its ABI (what an indexer sees)
    type Decoded = { eventName: string; args: Record<string, bigint> & Record<string, string> };
    const logs = (await s.staking.queryFilter("*" as never, s.deployBlock)) as unknown as Decoded[];
    type Pos = { amount: bigint; lockWeeks: bigint; unlockWeek: bigint; pool: bigint; weight: bigint };
    const positions = new Map<string, Pos>();
    const balances = new Map<string, bigint>();
    const funding = new Map<string, bigint>(); // pool:week:token
    const tokensOf = new Map<bigint, string[]>();
    const closedIn = new Map<string, bigint>();
    const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);
    for (const log of logs) {
      const a = log.args;
      switch (log.eventName) {
        case "RewardTokenAdded": tokensOf.set(a.poolId, [...(tokensOf.get(a.poolId) ?? []), a.token]); break;
        case "Staked": positions.set(`${a.account}:${a.positionId}`, { amount: a.amount, lockWeeks: a.lockWeeks, unlockWeek: a.unlockWeek, pool: a.poolId, weight: a.weight }); break;
        case "Relocked": positions.set(`${a.account}:${a.positionId}`, { amount: a.amount, lockWeeks: a.lockWeeks, unlockWeek: a.unlockWeek, pool: a.poolId, weight: a.weight }); break;
        case "Withdrawn": closedIn.set(`${a.account}:${a.positionId}`, a.poolId); positions.delete(`${a.account}:${a.positionId}`); break;
        case "Transfer": add(balances, a.from, 0n - a.value); add(balances, a.to, a.value); break;
        case "Funded": for (let i = 0n; i < a.weeks_; i++) add(funding, `${a.poolId}:${a.firstWeek + i}:${a.token}`, a.amountPerWeek); break;
        case "RewardsCarried": add(funding, `${a.poolId}:${a.week}:${a.token}`, a.amount); break;
        // emitted after the position's Withdrawn, which names its pool
        case "RewardsForfeited": add(funding, `${closedIn.get(`${a.account}:${a.positionId}`)}:${a.week}:${a.token}`, a.amount); break;
      }
    }
    const seen = new Set(logs.map((l) => l.eventName));
    for (const name of ["Staked", "Relocked", "Withdrawn", "RewardsPaid", "RewardsCarried", "RewardsForfeited", "Transfer"]) expect(seen.has(name), name).to.equal(true);
    const current = BigInt(await s.week());
    for (const [key, p] of positions) {
      const [account, id] = key.split(":");
      const chain = await s.staking.position(account, BigInt(id));
      expect([chain.amount, chain.lockWeeks, chain.unlockWeek, chain.pool]).to.deep.equal([p.amount, p.lockWeeks, p.unlockWeek, p.pool]);
      expect(await s.staking.weightOf(account, BigInt(id))).to.equal(p.unlockWeek > current ? p.weight : 0n);
    }
    expect(await s.staking.position(s.alice.address, 0)).to.deep.equal([0n, 0n, 0n, 0n, 0n, 0n]);
    for (const pool of [0n, 1n]) {
      const weight = [...positions.values()].filter((p) => p.pool === pool && p.unlockWeek > current).reduce((x, p) => x + p.weight, 0n);
      expect((await s.staking.pool(pool)).totalWeight).to.equal(weight);
      const tokens = tokensOf.get(pool)!;
      for (let week = BigInt(w); week <= current + 1n; week++) {
        const chain = await s.staking.weekFunding(pool, week);
        expect(chain).to.deep.equal(tokens.map((t) => funding.get(`${pool}:${week}:${t}`) ?? 0n));
      }
    }
    let supply = 0n;
    for (const [account, balance] of balances) {
      if (account === s.ethers.ZeroAddress) continue;
      expect(await s.staking.balanceOf(account)).to.equal(balance);
      supply += balance;
    }
    expect(await s.staking.totalSupply()).to.equal(supply);
    // the carry of pool 1's idle first two days (and seconds) is in the rebuilt funding too
    expect(funding.get(`1:${w + 2}:${partnerAddress}`)).to.equal(ATH("30") + (ATH("30") * idle) / BigInt(WEEK));
  });
});
