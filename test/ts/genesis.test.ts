import { expect } from "chai";
import { genesisFixture } from "./fixtures.js";
import { BUCKETS, bucketAmount, isPool, MONTH, YEAR, QUARTER, CHECKER_EMISSION_PERIOD, TOTAL_SUPPLY } from "../../scripts/lib/tokenomics.js";
import { unlockedAt } from "../../scripts/lib/schedules.js";
import { validateGenesisParams } from "../../scripts/lib/genesis.js";

describe("Genesis deployment", () => {
  let f: Awaited<ReturnType<typeof genesisFixture>>;
  before(async () => {
    f = await genesisFixture();
  });

  it("places every wei of the 42,000,000,000 ATH supply in its bucket contract", async () => {
    expect(await f.token.totalSupply()).to.equal(TOTAL_SUPPLY);
    let sum = 0n;
    for (const spec of BUCKETS) {
      const balance = await f.token.balanceOf(f.genesis.contracts[spec.name].address);
      expect(balance, spec.name).to.equal(bucketAmount(spec));
      sum += balance;
    }
    expect(sum).to.equal(TOTAL_SUPPLY);
    expect(await f.token.balanceOf(f.signers.deployer.address)).to.equal(0n);
  });

  it("shares add to 100% and each bucket's amount is exact to the wei", () => {
    expect(BUCKETS.reduce((s, b) => s + b.shareBps, 0)).to.equal(10_000);
    expect(bucketAmount(BUCKETS.find((b) => b.name === "CheckerBaseRewardPool")!)).to.equal(4_200_000_000n * 10n ** 18n);
  });

  it("has no mint function and a timestamp clock", async () => {
    const minting = f.token.interface.fragments.filter((fr) => fr.type === "function" && /mint/i.test((fr as { name?: string }).name ?? ""));
    expect(minting).to.deep.equal([]);
    expect(await f.token.CLOCK_MODE()).to.equal("mode=timestamp");
    const now = (await f.ethers.provider.getBlock("latest"))!.timestamp;
    expect(await f.token.clock()).to.equal(BigInt(now));
  });

  it("releases about 2,874,743 ATH a day from the checker base pool", async () => {
    const daily = (bucketAmount(BUCKETS.find((b) => b.name === "CheckerBaseRewardPool")!) * 86_400n) / BigInt(CHECKER_EMISSION_PERIOD);
    expect(daily / 10n ** 18n).to.equal(2_874_743n);
  });

  it("every bucket's on-chain schedule matches the closed form at its edges", async () => {
    const tge = f.genesis.tgeTimestamp;
    const probes = [0, 1, QUARTER - 1, QUARTER, 8 * MONTH, 12 * MONTH, 12 * MONTH + 1, 16 * MONTH, 18 * MONTH + 7, YEAR, 2 * YEAR + 5,
      30 * MONTH, CHECKER_EMISSION_PERIOD - 1, CHECKER_EMISSION_PERIOD, 54 * MONTH, 9 * YEAR + 3, 10 * YEAR, 11 * YEAR];
    for (const spec of BUCKETS) {
      const address = f.genesis.contracts[spec.name].address;
      for (const offset of probes) {
        const t = tge + offset;
        const expected = unlockedAt(spec.schedule, bucketAmount(spec), tge, t);
        const actual = isPool(spec)
          ? await (await f.ethers.getContractAt("LinearRewardPool", address)).unlockedAt(t)
          : await (await f.ethers.getContractAt("LinearVesting", address))["vestedAmount(address,uint64)"](await f.token.getAddress(), t);
        expect(actual, `${spec.name} at TGE+${offset}`).to.equal(expected);
      }
      expect(unlockedAt(spec.schedule, bucketAmount(spec), tge, tge + 20 * YEAR), `${spec.name} ends full`).to.equal(bucketAmount(spec));
    }
  });

  it("Edge releases 40% in year 1 and 0.603 of the previous year after that", async () => {
    const tge = f.genesis.tgeTimestamp;
    const y1 = await f.edge.unlockedAt(tge + YEAR);
    const y2 = (await f.edge.unlockedAt(tge + 2 * YEAR)) - y1;
    const total = await f.edge.allocation();
    expect(y1).to.equal((total * 4000n) / 10_000n);
    expect(y2).to.equal((y1 * 603n) / 1000n);
    expect(await f.edge.unlockedAt(tge + 10 * YEAR)).to.equal(total);
  });

  it("refuses deploy parameters with zero or missing addresses", () => {
    const good = f.params;
    expect(() => validateGenesisParams({ ...good, guardian: "0x0000000000000000000000000000000000000000" })).to.throw(/guardian/);
    expect(() => validateGenesisParams({ ...good, beneficiaries: { ...good.beneficiaries, team: "0x12" } })).to.throw(/beneficiaries.team/);
    expect(() => validateGenesisParams({ ...good, timelock: { ...good.timelock, proposers: [] } })).to.throw(/proposer/);
    expect(() => validateGenesisParams({ ...good, tgeTimestamp: 0 })).to.throw(/tgeTimestamp/);
  });

  it("gives the beneficiaries (and the timelock for the DAO treasury) the vesting wallets", async () => {
    expect(await f.teamVesting.owner()).to.equal(f.signers.team.address);
    expect(await f.investorVesting.owner()).to.equal(f.signers.investors.address);
    expect(await f.advisorVesting.owner()).to.equal(f.signers.advisors.address);
    expect(await f.ecosystemVesting.owner()).to.equal(f.signers.ecosystem.address);
    expect(await f.airdropVesting.owner()).to.equal(f.signers.airdrop.address);
    expect(await f.treasuryVesting.owner()).to.equal(await f.timelock.getAddress());
  });
});
