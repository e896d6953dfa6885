// A license owner: its licenses as the chain holds them (operator, expiry, ban), delegation of two licenses in one
// transaction and their revocation, a claim with the 30-day option from the served proofs with the figures shown
// before signing, a claim with nothing new refused in a sentence before anything is signed, withdrawal of matured
// entries, the restricted-country notice, and an epoch whose report is unavailable (then vetoed) said in words.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ZeroAddress, type Contract } from "ethers";
import type { Locator, Page } from "playwright-core";
import { formatAth } from "../../../scripts/lib/format.js";
import type { ProofsFile } from "../../../scripts/referee/tree.js";
import { injectWallet, loopbackPage, type TestWallet } from "./browser.js";
import { SHOTS, addressOf, keyOf, type WebStack } from "./stack.js";

const DAY = 86_400;

/** Waits until `check` holds (the chain or the indexer catches up), failing with `what` after a minute. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting until ${what}`);
}

async function openLicenses(s: WebStack, account: number): Promise<{ page: Page; wallet: TestWallet; outbound: string[]; consoleErrors: string[] }> {
  const { page, outbound, consoleErrors } = await loopbackPage(s.browser);
  const wallet = await injectWallet(page, keyOf(account), s.rpcUrl);
  await page.goto(`${s.webUrl}#/licenses`);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByTestId("connected-account").waitFor();
  return { page, wallet, outbound, consoleErrors };
}

/** The data-testid of every element `rows` matches. */
const testIds = async (rows: Locator) => (await rows.all()).reduce(async (acc, r) => [...(await acc), (await r.getAttribute("data-testid"))!], Promise.resolve([] as string[]));

const sent = (w: TestWallet) => w.calls.filter((m) => m === "eth_sendTransaction" || m.startsWith("eth_sign")).length;

export function defineLicensesJourneys(s: () => WebStack): void {
  it("shows an owner its licenses as the chain holds them, its earnings and entries, and what it can claim now", async () => {
    const { page, wallet, outbound, consoleErrors } = await openLicenses(s(), 10);
    const license = s().contract("CheckerLicense");
    const claims = s().contract("RewardClaims");
    const now = (await s().provider.getBlock("latest"))!.timestamp;
    const held = Number(await license.balanceOf(wallet.address));
    expect(held, "the simulations leave account 10 licenses").to.be.greaterThan(0);
    await page.getByRole("table", { name: "Your licenses" }).waitFor();
    const rows = page.locator('[data-testid^="license-"]');
    await until("every license is listed", async () => (await rows.count()) === held);
    const transferableAfter = Number(await license.transferableAfter());
    expect(transferableAfter, "the simulations leave the transfer lock on").to.be.greaterThan(now);
    expect(await license.transferAllowlist(wallet.address)).to.equal(false);
    let banned = 0;
    for (const testId of await testIds(rows)) {
      const id = BigInt(testId.slice("license-".length));
      expect((await license.ownerOf(id)).toLowerCase()).to.equal(wallet.address.toLowerCase());
      const row = page.getByTestId(testId);
      const user: string = await license.userOf(id);
      if (user === ZeroAddress) await row.getByText("none (you run it)").waitFor();
      else {
        await row.getByText(user, { exact: true }).waitFor();
        const expires = Number(await license.userExpires(id));
        expect(await row.locator("time").first().getAttribute("datetime")).to.equal(new Date(expires * 1000).toISOString());
      }
      if (Number(await license.bannedUntil(id)) >= now) {
        banned++;
        await row.getByText(/^Banned until /).waitFor();
        await row.getByText("Blocked by the ban").waitFor();
      } else {
        await row.getByText("Not banned").waitFor();
        // the transfer lock (account 10 is not on the allowlist) until the date the contract holds
        await row.getByText(/^Locked until /).locator(`time[datetime="${new Date(transferableAfter * 1000).toISOString()}"]`).waitFor();
      }
    }
    expect(banned, "the equivocating license 5 is banned").to.be.greaterThan(0);
    await page.getByTestId("kyc").getByText(/^KYC: verified \(DE\), valid until /).waitFor();

    // earnings: the last epoch's cumulative is the account's leaf of the synced root
    const epoch = Number(await claims.syncedEpoch());
    const proofs = JSON.parse(readFileSync(join(s().rewardsDir, `epoch-${epoch}.proofs.json`), "utf8")) as ProofsFile;
    const leaf = BigInt(proofs.claims[wallet.address.toLowerCase()].amount);
    await page.getByTestId(`epoch-${epoch}`).getByText(`${formatAth(leaf, 2)} ATH`, { exact: true }).waitFor();
    await page.getByRole("figure", { name: "Your earnings per epoch (ATH)" }).locator("canvas").waitFor();

    // npm start leaves account 10's last epoch unclaimed (it claimed the one before): the page shows the difference
    const claimedSoFar: bigint = await claims.claimed(wallet.address);
    expect(claimedSoFar < leaf, "account 10 has its last epoch to claim").to.equal(true);
    await page.getByTestId("claim-summary").getByText(`to claim now: ${formatAth(leaf - claimedSoFar, 2)} ATH`, { exact: false }).waitFor();
    // the entry of its earlier claim is listed from the chain
    const [locked] = await claims.entry(wallet.address, 0n);
    if (locked > 0n) await page.getByTestId("entry-0").getByText(`${formatAth(locked, 2)} ATH`, { exact: true }).waitFor();

    await page.screenshot({ path: join(SHOTS, "licenses.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("delegates two licenses to an operator in one transaction with an expiry, then revokes them (a bad operator address is a sentence)", async () => {
    const { page, wallet, outbound, consoleErrors } = await openLicenses(s(), 12);
    const license = s().contract("CheckerLicense");
    const operator = addressOf(16);
    const rows = page.locator('[data-testid^="license-"]');
    await rows.first().waitFor();
    const ids = (await testIds(rows)).slice(0, 2).map((t) => BigInt(t.slice("license-".length)));
    expect(ids).to.have.length(2);
    for (const id of ids) {
      expect(await license.userOf(id)).to.equal(ZeroAddress);
      await page.getByLabel(`Select license ${id}`).check();
    }
    const form = page.getByRole("form", { name: "Delegate licenses" });
    await form.getByText("2 licenses selected").waitFor();

    // a mistyped operator: the sentence, nothing signed
    await form.getByLabel("Operator address").fill("0x1234");
    await form.getByLabel("For (days)").fill("30");
    await form.getByRole("button", { name: "Delegate", exact: true }).click();
    await form.getByRole("alert").getByText('"0x1234" is not an address: paste the operator\'s 0x… address (40 hex digits).', { exact: true }).waitFor();
    expect(sent(wallet)).to.equal(0);

    await form.getByLabel("Operator address").fill(operator);
    // the expiry shown before signing counts from the chain's clock: the newest block's time
    const before = (await s().provider.getBlock("latest"))!.timestamp;
    const shown = Date.parse((await form.locator("output").locator("time").getAttribute("datetime"))!) / 1000;
    expect(shown).to.be.within(before + 30 * DAY - 10, before + 30 * DAY);
    await form.getByRole("button", { name: "Delegate", exact: true }).click();
    await until("both licenses have the operator", async () => (await Promise.all(ids.map((id) => license.userOf(id)))).every((u) => u === operator));
    await form.getByText(/^Confirmed: /).waitFor();
    expect(sent(wallet), "one transaction for both").to.equal(1);
    for (const id of ids) {
      // the expiry signed is the one shown (the page's clock may trail the block the delegation lands in)
      expect(Number(await license.userExpires(id))).to.be.within(shown - 5, shown + 5);
      await page.getByTestId(`license-${id}`).getByText(operator, { exact: true }).waitFor();
    }

    await form.getByRole("button", { name: "Revoke" }).click();
    await until("both licenses have no operator", async () => (await Promise.all(ids.map((id) => license.userOf(id)))).every((u) => u === ZeroAddress));
    await until("the revocation is confirmed", async () => sent(wallet) === 2 && (await form.getByText(/^Confirmed: /).count()) === 1);
    for (const id of ids) await page.getByTestId(`license-${id}`).getByText("none (you run it)").waitFor();
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("claims with the 30-day option from the served proofs: the fee, what vests and what returns shown before signing are the entry's", async () => {
    const { page, wallet, outbound, consoleErrors } = await openLicenses(s(), 11);
    const claims = s().contract("RewardClaims");
    const epoch = Number(await claims.syncedEpoch());
    const proofs = JSON.parse(readFileSync(join(s().rewardsDir, `epoch-${epoch}.proofs.json`), "utf8")) as ProofsFile;
    const leaf = BigInt(proofs.claims[wallet.address.toLowerCase()].amount);
    const already: bigint = await claims.claimed(wallet.address);
    expect(leaf - already, "account 11 has more than the minimum to claim").to.be.greaterThan(await claims.MIN_CLAIM());
    await page.getByTestId("claim-summary").getByText(`to claim now: ${formatAth(leaf - already, 2)} ATH`, { exact: false }).waitFor();
    const option = page.getByRole("article", { name: "Claim option 30 days, 25%" });
    await option.getByText("5 ATH", { exact: true }).waitFor();
    const vests = await page.getByTestId("vests-1").innerText();
    const returns = await page.getByTestId("returns-1").innerText();
    const unlockShown = Date.parse((await option.locator("time").getAttribute("datetime"))!) / 1000;
    const before = (await s().provider.getBlock("latest"))!.timestamp;
    const count: bigint = await claims.entryCount(wallet.address);

    await option.getByRole("button", { name: "Claim with the 30-day option" }).click();
    await until("the entry exists", async () => (await claims.entryCount(wallet.address)) === count + 1n);
    await page.getByText(/^Confirmed: /).waitFor();
    expect(await claims.claimed(wallet.address)).to.equal(leaf);
    const [amount, unlockAt] = await claims.entry(wallet.address, count);
    const net = leaf - already - (await claims.FEE());
    expect(amount).to.equal((net * 2_500n) / 10_000n);
    expect(vests).to.equal(`${formatAth(amount, 2)} ATH`);
    expect(returns).to.equal(`${formatAth(net - amount, 2)} ATH`);
    // the unlock shown counts 30 days from the chain's clock as the page last read it; the entry's, from its block
    expect(unlockShown).to.be.within(before + 30 * DAY - 10, Number(unlockAt));
    const row = page.getByTestId(`entry-${count}`);
    await row.getByText("30 days, 25%").waitFor(); // the indexer has the claim
    await row.getByText(`${formatAth(amount, 2)} ATH`, { exact: true }).waitFor();
    await row.getByText("Vesting", { exact: true }).waitFor();
    await page.getByTestId("claim-summary").getByText(/to claim now: 0 ATH/).waitFor();
    // claimed up to the leaf: a second claim is a sentence, and nothing is signed
    const sentBefore = sent(wallet);
    await option.getByRole("button", { name: "Claim with the 30-day option" }).click();
    await page.getByRole("alert").getByText("You have nothing new to claim: your rewards since your last claim are 0 ATH.", { exact: true }).waitFor();
    expect(sent(wallet)).to.equal(sentBefore);
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("withdraws every matured vesting entry in one transaction, and the entry shows as withdrawn", async () => {
    const { page, wallet, outbound, consoleErrors } = await openLicenses(s(), 10);
    const claims = s().contract("RewardClaims");
    const ath = s().contract("AethirToken");
    const now = (await s().provider.getBlock("latest"))!.timestamp;
    const count = Number(await claims.entryCount(wallet.address));
    const matured: bigint[] = [];
    let total = 0n;
    for (let i = 0n; i < BigInt(count); i++) {
      const [amount, unlockAt] = await claims.entry(wallet.address, i);
      if (amount > 0n && Number(unlockAt) <= now) (matured.push(i), (total += amount));
    }
    expect(matured.length, "account 10's 180-day entry has matured after the simulations' months").to.be.greaterThan(0);
    const balance: bigint = await ath.balanceOf(wallet.address);
    await page.getByTestId("matured").getByText(`${matured.length} entr${matured.length === 1 ? "y" : "ies"}, ${formatAth(total, 2)} ATH`, { exact: true }).waitFor();
    await page.getByRole("button", { name: "Withdraw matured" }).click();
    await until("the matured entries are withdrawn", async () => (await claims.entry(wallet.address, matured[0]))[0] === 0n);
    await page.getByText(/^Confirmed: /).waitFor();
    expect(sent(wallet), "one transaction").to.equal(1);
    for (const id of matured) {
      expect((await claims.entry(wallet.address, id))[0]).to.equal(0n);
      await page.getByTestId(`entry-${id}`).getByText("Withdrawn", { exact: true }).waitFor();
    }
    expect(await ath.balanceOf(wallet.address)).to.equal(balance + total);
    await page.getByRole("button", { name: "Withdraw matured" }).and(page.locator(":disabled")).waitFor();
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("tells a resident of a restricted country, as the ComplianceRegistry holds it, that it can't claim", async () => {
    const { page, wallet, outbound, consoleErrors } = await openLicenses(s(), 15);
    const registry = s().contract("ComplianceRegistry");
    expect(await registry.isRestricted(wallet.address)).to.equal(true);
    expect(await registry.isAllowed(wallet.address)).to.equal(false);
    await page.getByTestId("kyc").getByText("Your KYC attestation names US, where checker rewards are restricted: you can't claim or withdraw rewards from this wallet.", { exact: true }).waitFor();
    expect(await s().contract("CheckerLicense").balanceOf(wallet.address)).to.equal(0n);
    await page.getByText("This wallet holds no license.", { exact: true }).waitFor();
    const epoch = Number(await s().contract("RewardClaims").syncedEpoch());
    const proofs = JSON.parse(readFileSync(join(s().rewardsDir, `epoch-${epoch}.proofs.json`), "utf8")) as ProofsFile;
    expect(proofs.claims[wallet.address.toLowerCase()]).to.equal(undefined);
    await page.getByText(`You have no rewards in epoch ${epoch}'s root: nothing to claim yet.`, { exact: true }).waitFor();
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("says an epoch's settlement report is unavailable instead of showing zeros, and that a vetoed root pays nothing", async () => {
    // the referee posts the next epoch's root naming a report it never published; then the guardian vetoes it
    const referee = s().contract("CheckerReferee");
    const next: bigint = await referee.nextEpoch();
    const previous = await referee.roots(next - 1n);
    const ready = Math.max(Number(await referee.epochStart(next)) + DAY, Number(previous.finalAt));
    if ((await s().provider.getBlock("latest"))!.timestamp < ready) {
      await s().provider.send("evm_setNextBlockTimestamp", [ready]);
      await s().provider.send("evm_mine", []);
    }
    const missing = pathToFileURL(join(s().rewardsDir, `epoch-${next}.unpublished.report.json`)).href;
    const byReferee = referee.connect(await s().provider.getSigner(addressOf(9))) as Contract;
    await (await byReferee.postRoot(next, previous.root, previous.cumulativeTotal, missing)).wait();

    const { page, outbound, consoleErrors } = await openLicenses(s(), 11);
    const row = page.getByTestId(`epoch-${next}`);
    await row.getByText("Its settlement report is unavailable, so its earnings are unknown (not zero); they count in your next claim once it is published.", { exact: true }).waitFor();
    expect(await row.getByText(/ATH/).count(), "no amount shown for the epoch").to.equal(0);
    // the earlier epochs keep their figures
    await page.locator('[data-testid^="epoch-"]').first().getByText(/ATH$/).first().waitFor();

    await (await (referee.connect(await s().provider.getSigner(addressOf(1))) as Contract).vetoRoot(next)).wait();
    expect(await referee.nextEpoch()).to.equal(next);
    await row.getByText("The guardian vetoed its root: it pays nothing, and its work is settled again in a later root.", { exact: true }).waitFor();
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
}
