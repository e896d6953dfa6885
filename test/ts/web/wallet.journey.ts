// A token holder's wallet: balance, votes and vote delegation, with a bad address and a refusal in the wallet.
import { expect } from "chai";
import { join } from "node:path";
import { formatAth } from "../../../scripts/lib/format.js";
import { injectWallet, loopbackPage } from "./browser.js";
import { SHOTS, addressOf, keyOf, type WebStack } from "./stack.js";

export function defineWalletJourneys(s: () => WebStack): void {
  it("lets a holder connect, see the chain's balance, and delegate votes (a bad address is a sentence; a refusal sends nothing)", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    const wallet = await injectWallet(page, keyOf(10), s().rpcUrl);
    const other = addressOf(11);
    await page.goto(`${s().webUrl}#/wallet`);
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-account").waitFor();
    const balance = await s().contract("AethirToken").balanceOf(wallet.address);
    expect(balance).to.be.greaterThan(0n);
    await page.getByTestId("ath-balance").getByText(`${formatAth(balance, 2)} ATH`).waitFor();

    // bad input: one sentence, nothing asked of the wallet
    await page.getByLabel("Delegate your votes to").fill("bob");
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await page.getByRole("alert").getByText('"bob" is not an address: paste a 0x… address of 40 hex digits.').waitFor();
    expect(wallet.calls).to.not.include("eth_sendTransaction");

    // the user refuses in the wallet: a sentence, and the chain is unchanged
    const before = await s().contract("AethirToken").delegates(wallet.address);
    wallet.rejectNext("eth_sendTransaction");
    await page.getByLabel("Delegate your votes to").fill(other);
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await page.getByText("Failed: The wallet rejected the request; nothing was sent").waitFor();
    expect(await s().contract("AethirToken").delegates(wallet.address)).to.equal(before);

    // delegate to another holder, then to oneself: the chain follows, and so does the page
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await page.getByText(/^Confirmed: /).waitFor();
    expect(await s().contract("AethirToken").delegates(wallet.address)).to.equal(other);
    await page.getByTestId("delegate").getByText(other).waitFor();
    const delegatedToMe = await s().contract("AethirToken").getVotes(wallet.address); // others' ATH delegated to this holder
    await page.getByRole("button", { name: "Vote with my own ATH" }).click();
    await page.getByTestId("delegate").getByText("yourself").waitFor();
    expect(await s().contract("AethirToken").delegates(wallet.address)).to.equal(wallet.address);
    const votes = await s().contract("AethirToken").getVotes(wallet.address);
    expect(votes).to.equal(delegatedToMe + (await s().contract("AethirToken").balanceOf(wallet.address)));
    await page.getByTestId("votes").getByText(`${formatAth(votes, 2)} ATH`).waitFor();
    await page.screenshot({ path: join(SHOTS, "wallet.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
}
