// A phone's width (390 x 844, an iPhone 12-15's viewport): every screen, with a connected wallet holding licenses,
// vesting entries and staking, lays out without a horizontal scroll bar; the screenshots go to docs/screens/phone-*.png.
import { expect } from "chai";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { injectWallet, loopbackPage } from "./browser.js";
import { SHOTS, keyOf, type WebStack } from "./stack.js";

const PHONE = { width: 390, height: 844 };

/** What each screen shows once it has read the chain and the indexer. */
const SCREENS: { screen: string; ready: (page: Page) => Promise<void> }[] = [
  { screen: "overview", ready: (page) => page.locator(".chart canvas").first().waitFor() },
  { screen: "wallet", ready: (page) => page.getByTestId("ath-balance").getByText(/ATH$/).waitFor() },
  { screen: "staking", ready: (page) => page.getByRole("form", { name: "Stake in the Gaming pool" }).waitFor() },
  { screen: "hosts", ready: (page) => page.locator('[data-testid^="host-0x"]').first().waitFor() },
  { screen: "licenses", ready: (page) => page.getByRole("table", { name: "Your licenses" }).waitFor() },
  { screen: "providers", ready: (page) => page.getByRole("table", { name: "Providers' leaderboard" }).waitFor() },
];

export function definePhoneJourneys(s: () => WebStack): void {
  it("fits every screen in a phone's width (390 px) with no horizontal overflow, and takes each screen's phone screenshot", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser, PHONE);
    await injectWallet(page, keyOf(10), s().rpcUrl);
    await page.goto(`${s().webUrl}#/overview`);
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-account").waitFor();
    for (const { screen, ready } of SCREENS) {
      await page.goto(`${s().webUrl}#/${screen}`);
      await ready(page);
      await page.waitForTimeout(500); // let the last answers render
      // (a string: the tests' TypeScript has no DOM types) the elements past the window's right edge name the culprit
      const { scrollWidth, clientWidth, wide } = (await page.evaluate(`(() => {
        const root = document.documentElement;
        const wide = [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !e.closest(".table-scroll"))
          .slice(0, 5)
          .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + "." + [...e.classList].join(".") + ' "' + (e.textContent || "").trim().slice(0, 30) + '"');
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
      })()`)) as { scrollWidth: number; clientWidth: number; wide: string[] };
      expect(clientWidth, `${screen}: the window is a phone's (less any scroll bar)`).to.be.within(PHONE.width - 20, PHONE.width);
      expect(scrollWidth, `${screen}: no horizontal overflow (${wide.join("; ")})`).to.be.at.most(clientWidth);
      await page.screenshot({ path: join(SHOTS, `phone-${screen}.png`), fullPage: true });
    }
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
}
