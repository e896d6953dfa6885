// Holder staking: the lock picker, stake with a permit or approve + stake, positions, an early withdraw refused in words.
import { expect } from "chai";
import { join } from "node:path";
import { formatAth } from "../../../scripts/lib/format.js";
import { injectWallet, loopbackPage } from "./browser.js";
import { SHOTS, addressOf, keyOf, type WebStack } from "./stack.js";

export function defineStakingJourneys(s: () => WebStack): void {
  it("stakes with a permit in one transaction, shows the position, and falls back to approve + stake when the wallet won't sign", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    const wallet = await injectWallet(page, keyOf(12), s().rpcUrl);
    const pools = s().contract("StakingPools");
    await page.goto(`${s().webUrl}#/staking`);
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-account").waitFor();
    const form = page.getByRole("form", { name: "Stake in the Gaming pool" });
    await form.waitFor();

    // the lock picker refuses 300 weeks with a sentence, and nothing is signed
    await form.getByLabel("ATH to stake").fill("1,000");
    await form.getByLabel("Lock (weeks)").fill("300");
    await form.getByRole("button", { name: "Stake" }).click();
    await form.getByRole("alert").getByText("A lock lasts 1 to 208 weeks (4 years); 300 weeks is too long.").waitFor();
    expect(wallet.calls.filter((m) => m.startsWith("eth_sign") || m === "eth_sendTransaction")).to.deep.equal([]);

    // 104 weeks: 2.5x shown before signing, with the unlock date the contract computes
    await form.getByLabel("Lock (weeks)").fill("104");
    await form.getByText(/^2\.493x, weight 2,492\.75 ATH, unlocks /).waitFor();
    const count = await pools.positionCount(wallet.address);
    const sent = () => wallet.calls.filter((m) => m === "eth_sendTransaction").length;
    const sentBefore = sent();
    await form.getByRole("button", { name: "Stake" }).click();
    await form.getByText(/^Confirmed: /).waitFor();
    expect(wallet.calls).to.include("eth_signTypedData_v4");
    expect(sent() - sentBefore, "one transaction with the permit").to.equal(1);
    expect(await pools.positionCount(wallet.address)).to.equal(count + 1n);
    const p = await pools.position(wallet.address, count);
    expect(p.amount).to.equal(1000n * 10n ** 18n);
    expect(p.lockWeeks).to.equal(104n);
    await page.getByTestId(`position-${count}`).getByText("1,000 ATH").waitFor();
    const weight = await pools.weightOf(wallet.address, count); // per wei, 207 = 1x
    await page.getByTestId(`position-${count}`).getByText(`${formatAth(weight / 207n, 2)} ATH`).waitFor();
    const gaming = await pools.pool(0);
    await page.getByRole("article", { name: "Gaming pool" }).getByText(`Staked: ${formatAth(gaming.staked, 2)} ATH`).waitFor();

    // the wallet refuses the permit: approve, then stake
    wallet.rejectNext("eth_signTypedData_v4");
    await form.getByLabel("ATH to stake").fill("2.5");
    await form.getByLabel("Lock (weeks)").fill("1");
    const sentBefore2 = sent();
    await form.getByRole("button", { name: "Stake" }).click();
    await form.getByText(/^Confirmed: /).waitFor();
    await form.getByText("Your wallet did not sign the permit, so this takes two transactions: approve, then the stake.").waitFor();
    expect(sent() - sentBefore2, "approve + stake").to.equal(2);
    expect((await pools.position(wallet.address, count + 1n)).amount).to.equal(25n * 10n ** 17n);
    await page.getByTestId(`position-${count + 1n}`).waitFor();

    // withdrawing before the unlock: the contract's StillLocked, in words, and the position stays
    await page.getByTestId(`position-${count}`).getByRole("button", { name: "Withdraw" }).click();
    await page
      .getByTestId(`position-${count}`)
      .getByText(new RegExp(`^Failed: StillLocked: 0x.{4}….{4}'s position ${count} unlocks on \\d{4}-\\d{2}-\\d{2} \\(in \\d+ days\\); withdraw after that, or extend it`))
      .waitFor();
    expect((await pools.position(wallet.address, count)).amount).to.equal(1000n * 10n ** 18n);

    // extend: a bad number is a sentence; a shorter lock is the contract's LockCannotShorten in words; a longer one relocks
    const row = page.getByTestId(`position-${count}`);
    await row.getByLabel("Relock for (weeks from now)").fill("abc");
    await row.getByRole("button", { name: "Extend" }).click();
    await row.getByRole("alert").getByText('"abc" is not a whole number of weeks: choose 1 to 208.').waitFor();
    await row.getByLabel("Relock for (weeks from now)").fill("10");
    await row.getByRole("button", { name: "Extend" }).click();
    await row.getByText(/^Failed: LockCannotShorten: the position is locked until .+ would shorten it, so pass more weeks/).waitFor();
    expect((await pools.position(wallet.address, count)).lockWeeks).to.equal(104n);
    const unlockBefore = (await pools.position(wallet.address, count)).unlockWeek;
    await row.getByLabel("Relock for (weeks from now)").fill("156");
    await row.getByRole("button", { name: "Extend" }).click();
    await row.getByText(/^Confirmed: /).waitFor();
    const relocked = await pools.position(wallet.address, count);
    expect(relocked.lockWeeks).to.equal(156n);
    expect(relocked.unlockWeek).to.be.greaterThan(unlockBefore);

    // add 500 ATH to it with a permit, relocking for 160 weeks: one transaction, and the chain holds 1,500 ATH
    const sentBeforeAdd = sent();
    await row.getByLabel("Relock for (weeks from now)").fill("160");
    await row.getByLabel("and add ATH").fill("500");
    await row.getByRole("button", { name: "Add" }).click();
    await row.getByText("1,500 ATH").waitFor(); // the row re-read from the chain after the transaction confirmed
    expect(sent() - sentBeforeAdd, "one transaction with the permit").to.equal(1);
    const added = await pools.position(wallet.address, count);
    expect(added.amount).to.equal(1500n * 10n ** 18n);
    expect(added.lockWeeks).to.equal(160n);

    // each pool lists its reward tokens with this week's funding, as the contract streams it
    const view = await pools.pool(0);
    const funding = `${formatAth(view.weekFunding[0], 2)} ATH this week`;
    await page.getByRole("list", { name: "Gaming pool rewards" }).getByText(funding, { exact: false }).waitFor();
    await page.screenshot({ path: join(SHOTS, "staking.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
}
