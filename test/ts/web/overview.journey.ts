// Everyone, no wallet: the network overview shows the chain's supply and the indexer's figures, with charts.
import { expect } from "chai";
import { join } from "node:path";
import { formatAth } from "../../../scripts/lib/format.js";
import { injectWallet, loopbackPage } from "./browser.js";
import { SHOTS, addressOf, keyOf, type WebStack } from "./stack.js";

export function defineOverviewJourneys(s: () => WebStack): void {
  it("shows the network overview without a wallet: the chain's supply and the indexer's figures, with charts", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    await page.goto(s().webUrl);
    await page.getByRole("heading", { name: "Network overview" }).waitFor();
    const supply = page.getByRole("article", { name: "Supply" });
    const total = await s().contract("AethirToken").totalSupply();
    await expect(await supply.locator(".row", { hasText: "Total" }).locator("dd").textContent()).to.equal(`${formatAth(total, 2)} ATH`);
    const overview = (await (await fetch(`${s().apiUrl}/overview`)).json()) as { supply: { circulating: string }; licenses: { sold: number } };
    expect(await supply.locator(".row", { hasText: "Circulating" }).locator("dd").textContent()).to.equal(`${formatAth(BigInt(overview.supply.circulating), 2)} ATH`);
    await page.locator(".chart canvas").first().waitFor();
    expect(await page.locator(".chart canvas").count()).to.be.greaterThan(0);
    await page.screenshot({ path: join(SHOTS, "overview.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
}
