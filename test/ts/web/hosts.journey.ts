// Delegating to cloud hosts: the host list with stake, commission, halt and slash history; a delegation confirmed past
// the halted-and-slashed warning, checked on chain; the halted-only warning declined, nothing signed; undelegating into
// an unbonding request with its unlock date; an early withdraw refused in words, nothing changed; claiming host rewards,
// and a claim without KYC refused in words.
import { expect } from "chai";
import { join } from "node:path";
import { Wallet, id, parseEther, type Log } from "ethers";
import type { Page } from "playwright-core";
import { formatAddress, formatAth, formatDate } from "../../../scripts/lib/format.js";
import { injectWallet, loopbackPage, type TestWallet } from "./browser.js";
import { freshAccount } from "./matured.journey.js";
import { SHOTS, addressOf, type WebStack } from "./stack.js";

/** The staking simulation's host and its delegator dave (scripts/lib/simulate-staking.ts: keys from their names). */
const SIM_KEY = (name: string) => id(`aethir-staking-${name}`);
const SIM_HOST = new Wallet(SIM_KEY("host")).address;
/** The delegator the journeys play: a fresh wallet (no KYC), given ETH and ATH (account 19 is npm start's Edge owner, KYC'd). */
let delegatorKey: string;
const sent = (w: TestWallet) => w.calls.filter((m) => m === "eth_sendTransaction" || m.startsWith("eth_sign")).length;
const ath = (wei: bigint) => `${formatAth(wei, 2)} ATH`;

export function defineHostsJourneys(s: () => WebStack): void {
  const staking = () => s().contract("HostStaking");
  const lens = () => s().contract("HostStakingLens");
  const now = async () => (await s().provider.getBlock("latest"))!.timestamp;

  async function open(key: string): Promise<{ page: Page; wallet: TestWallet; outbound: string[]; consoleErrors: string[] }> {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    const wallet = await injectWallet(page, key, s().rpcUrl);
    await page.goto(`${s().webUrl}#/hosts`);
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-account").waitFor();
    return { page, wallet, outbound, consoleErrors };
  }
  const card = (page: Page, host: string) => page.getByTestId(`host-${host.toLowerCase()}`);

  before(async () => {
    delegatorKey = (await freshAccount(s(), "hosts-delegator", "10000")).privateKey;
  });

  it("lists the simulation's host with its stake, commission and slash history, and delegates past its warning", async () => {
    const { page, wallet, outbound, consoleErrors } = await open(delegatorKey);
    const me = wallet.address;
    const host = card(page, SIM_HOST);
    await host.waitFor();
    const pool = await staking().activePool(SIM_HOST);
    const required: bigint = await lens().requiredStake(SIM_HOST);
    const info = await staking().hostInfo(SIM_HOST);
    expect(await lens().isHalted(SIM_HOST), "the simulation's slash left the host below its requirement").to.equal(true);
    await host.getByTestId("host-stake").getByText(`${ath(pool.assets)} of ${ath(required)} required`).waitFor();
    await host.getByTestId("host-commission").getByText(new RegExp(`^${Number(info.commissionBps) / 100}%`)).waitFor();
    await host.getByText("Halted", { exact: true }).waitFor();
    // the executed slash with what it took, and the vetoed one
    const slashed = (await staking().queryFilter(staking().filters.Slashed(SIM_HOST))) as (Log & { args: { slashId: bigint; fromRewards: bigint; fromActive: bigint; fromUnbonding: bigint } })[];
    expect(slashed.length).to.equal(1);
    const { slashId, fromRewards, fromActive, fromUnbonding } = slashed[0].args;
    const slashedAt = (await s().provider.getBlock(slashed[0].blockNumber))!.timestamp;
    const row = host.getByTestId(`slash-${slashId}`);
    await row.getByText("Executed").waitFor();
    await row.getByText(`${ath(fromRewards + fromActive + fromUnbonding)} taken`).waitFor();
    await row.locator(`time[datetime="${new Date(slashedAt * 1000).toISOString()}"]`).waitFor();
    await host.getByText("Vetoed").waitFor();

    const form = host.getByRole("form", { name: `Delegate to host ${SIM_HOST}` });
    // a mistyped amount: its sentence, nothing signed
    await form.getByLabel("ATH to delegate").fill("1.5.0");
    await form.getByRole("button", { name: "Delegate" }).click();
    await form.getByRole("alert").getByText('"1.5.0" is not an amount of ATH: type a number such as 1000 or 2.5.').waitFor();

    // a halted, recently slashed host: both warnings before anything is signed
    await form.getByLabel("ATH to delegate").fill("1,500");
    await form.getByRole("button", { name: "Delegate" }).click();
    const warning = form.getByRole("alert", { name: "Before you delegate" });
    await warning.getByText(`This host is halted: its active stake of ${ath(pool.assets)} is below the ${ath(required)} its containers require, so it earns no rewards until it is topped up.`).waitFor();
    await warning
      .getByText(new RegExp(`^This host was slashed once in the last 30 days \\(the latest on ${new Date(slashedAt * 1000).toISOString().slice(0, 10)}, \\d+ (days|hours|minutes) ago\\), losing ${ath(fromRewards + fromActive + fromUnbonding).replace(/[.]/g, "\\.")}: delegated stake shares the loss of any further slash\\.$`))
      .waitFor();
    expect(sent(wallet), "nothing signed before the delegator confirms").to.equal(0);

    const before = (await lens().stakeOf(SIM_HOST, me))[1] as bigint;
    await warning.getByRole("button", { name: "Delegate anyway" }).click();
    await form.getByText(/^Confirmed: /).waitFor();
    await form.getByText("Delegating takes two transactions: approve the ATH, then delegate.").waitFor();
    expect((await staking().activePool(SIM_HOST)).assets).to.equal(pool.assets + parseEther("1500"));
    const after = (await lens().stakeOf(SIM_HOST, me))[1] as bigint;
    expect(after - before).to.be.within(parseEther("1500") - 2n, parseEther("1500"));
    await host.getByTestId("my-stake").getByText(ath(after)).waitFor();
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });

  it("shows the hosts read-only without a wallet; warns that the fleet host is halted, and a declined warning signs nothing", async () => {
    const fleet = addressOf(12);
    {
      const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
      await page.goto(`${s().webUrl}#/hosts`);
      await page.getByText("Connect a wallet to delegate; the hosts below are read-only.").waitFor();
      await card(page, fleet).getByTestId("host-stake").getByText(`${ath((await staking().activePool(fleet)).assets)} of ${ath(await lens().requiredStake(fleet))} required`).waitFor();
      expect(await page.getByRole("form").count(), "no form without a wallet").to.equal(0);
      expect(outbound).to.deep.equal([]);
      expect(consoleErrors).to.deep.equal([]);
      await page.context().close();
    }
    const { page, wallet, outbound, consoleErrors } = await open(delegatorKey);
    const host = card(page, fleet);
    await host.waitFor();
    expect(await lens().isHalted(fleet)).to.equal(true);
    const pool = await staking().activePool(fleet);
    const required: bigint = await lens().requiredStake(fleet);
    const form = host.getByRole("form", { name: `Delegate to host ${fleet}` });
    await form.getByLabel("ATH to delegate").fill("100");
    await form.getByRole("button", { name: "Delegate" }).click();
    const warning = form.getByRole("alert", { name: "Before you delegate" });
    await warning.getByText(`This host is halted: its active stake of ${ath(pool.assets)} is below the ${ath(required)} its containers require, so it earns no rewards until it is topped up.`).waitFor();
    expect(await warning.locator("p").count(), "never slashed: the halt is the only warning").to.equal(1);
    await host.getByText("Never slashed.").waitFor();
    await warning.getByRole("button", { name: "Cancel" }).click();
    await warning.waitFor({ state: "detached" });
    expect(sent(wallet)).to.equal(0);
    expect((await staking().activePool(fleet)).assets).to.equal(pool.assets);
    expect(outbound).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });

  it("undelegates into an unbonding request with its unlock date, and refuses an early withdraw in words", async () => {
    const { page, wallet, outbound, consoleErrors } = await open(delegatorKey);
    const me = wallet.address;
    const host = card(page, SIM_HOST);
    const mine = host.getByRole("region", { name: "Your stake with this host" });
    const form = mine.getByRole("form", { name: "Undelegate" });
    const stake = (await lens().stakeOf(SIM_HOST, me))[1] as bigint;
    expect(stake > parseEther("500")).to.equal(true);
    const period = Number((await staking().params()).unbondingPeriod);
    expect(period).to.equal(180 * 86_400);
    await form.getByLabel("ATH to undelegate").fill("500");
    await form.getByRole("status", { name: "Unbonding preview" }).or(form.locator("output")).getByText(/in 180 days\)/).waitFor();

    // more than is staked: its sentence, nothing signed
    await form.getByLabel("ATH to undelegate").fill("1000000");
    await form.getByRole("button", { name: "Undelegate", exact: true }).click();
    await form.getByRole("alert").getByText(`You have ${formatAth(stake, 2)} ATH delegated to this host: undelegate at most that.`).waitFor();
    expect(sent(wallet)).to.equal(0);

    await form.getByLabel("ATH to undelegate").fill("500");
    await form.getByRole("button", { name: "Undelegate", exact: true }).click();
    await form.getByText(/^Confirmed: /).waitFor();
    const made = (await staking().queryFilter(staking().filters.Undelegated(SIM_HOST, me))) as (Log & { args: { id: bigint; amount: bigint; unlockAt: bigint } })[];
    const request = made[made.length - 1];
    const { id: requestId, unlockAt } = request.args;
    const minedAt = (await s().provider.getBlock(request.blockNumber))!.timestamp;
    expect(request.args.amount).to.equal(parseEther("500"));
    expect(Number(unlockAt)).to.equal(minedAt + period);
    const [, worth, chainUnlock] = await lens().unbondingOf(SIM_HOST, me, requestId);
    expect(chainUnlock).to.equal(unlockAt);
    const row = mine.getByTestId(`unbonding-${requestId}`);
    await row.getByText(ath(worth)).waitFor();
    await row.locator(`time[datetime="${new Date(Number(unlockAt) * 1000).toISOString()}"]`).getByText(/\(in 180 days\)$/).waitFor();

    // withdrawing before it matures: the contract's refusal in the decoder's words, and nothing moves
    const balance: bigint = await s().contract("AethirToken").balanceOf(me);
    await row.getByRole("button", { name: "Withdraw" }).click();
    const expected = `Failed: UnbondingNotMatured: unbonding request ${requestId} unlocks on ${formatDate(unlockAt, await now())}; withdraw after that`;
    await row.getByRole("alert").getByText(expected, { exact: true }).waitFor();
    expect((await lens().unbondingOf(SIM_HOST, me, requestId))[2]).to.equal(unlockAt);
    expect(await s().contract("AethirToken").balanceOf(me)).to.equal(balance);
    await page.screenshot({ path: join(SHOTS, "hosts.png"), fullPage: true });
    expect(outbound).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });

  it("claims a delegator's host rewards, and refuses a claim without KYC in words", async () => {
    // without KYC (the fresh delegator): the decoder's sentence, nothing paid
    {
      const { page, wallet, consoleErrors } = await open(delegatorKey);
      const mine = card(page, SIM_HOST).getByRole("region", { name: "Your stake with this host" });
      await mine.getByRole("button", { name: "Claim rewards" }).click();
      await mine.getByRole("alert").getByText(`Failed: NotKycAllowed: ${formatAddress(wallet.address)} has no valid KYC attestation from an unrestricted country; get one (kyc-sign, kyc-submit) and try again`, { exact: true }).waitFor();
      expect(consoleErrors).to.deep.equal([]);
      await page.context().close();
    }
    // dave delegated 50,000 ATH and did KYC: his released rewards are paid
    const { page, wallet, outbound, consoleErrors } = await open(SIM_KEY("dave"));
    const dave = wallet.address;
    const pending: bigint = await lens().pendingRewards(SIM_HOST, dave);
    expect(pending > 0n, "dave has host rewards released since his last claim").to.equal(true);
    const mine = card(page, SIM_HOST).getByRole("region", { name: "Your stake with this host" });
    await mine.getByTestId("my-rewards").getByText(`${formatAth(pending, 4)} ATH`).waitFor();
    const balance: bigint = await s().contract("AethirToken").balanceOf(dave);
    await mine.getByRole("button", { name: "Claim rewards" }).click();
    await mine.getByText(/^Confirmed: /).waitFor();
    const claims = (await staking().queryFilter(staking().filters.RewardsClaimed(SIM_HOST, dave))) as (Log & { args: { amount: bigint } })[];
    const paid = claims[claims.length - 1].args.amount;
    expect(paid >= pending).to.equal(true);
    expect(await s().contract("AethirToken").balanceOf(dave)).to.equal(balance + paid);
    expect(await lens().pendingRewards(SIM_HOST, dave)).to.equal(0n);
    await mine.getByTestId("my-rewards").getByText("0 ATH").waitFor();
    expect(outbound).to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });
}
