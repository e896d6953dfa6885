// Keyboard only: a holder reaches "Connect wallet", the stake form, its fields and its button with Tab, types the
// amount and the lock, and signs with Space; every element Tab lands on shows a visible focus ring.
import { expect } from "chai";
import { parseEther } from "ethers";
import type { Page } from "playwright-core";
import { injectWallet, loopbackPage } from "./browser.js";
import { freshAccount } from "./matured.journey.js";
import type { WebStack } from "./stack.js";

interface Focused {
  id: string;
  text: string;
  tag: string;
  /** :focus-visible matched and the outline drawn is at least 2 px wide. */
  ringShown: boolean;
}

/** What has the focus now, and whether the page draws its focus ring. */
// (a string: the tests' TypeScript has no DOM types; this runs in the page)
const focused = (page: Page) =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { id: "", text: "", tag: "body", ringShown: false };
    const style = getComputedStyle(el);
    const ringShown = el.matches(":focus-visible") && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return { id: el.id, text: (el.textContent || "").trim(), tag: el.tagName.toLowerCase(), ringShown };
  })()`) as Promise<Focused>;

/** Presses Tab until `wanted` has the focus (at most 80 times), checking the focus ring on every stop. */
async function tabTo(page: Page, what: string, wanted: (f: Focused) => boolean): Promise<Focused> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.tag !== "body") expect(f.ringShown, `the focus ring on ${f.tag}#${f.id} "${f.text.slice(0, 40)}"`).to.equal(true);
    if (wanted(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

export function defineKeyboardJourneys(s: () => WebStack): void {
  it("stakes with a 26-week lock using only Tab, typing, and Space, with the focus visible at every step", async () => {
    const holder = await freshAccount(s(), "keyboard", "2000");
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    const wallet = await injectWallet(page, holder.privateKey, s().rpcUrl);
    const pools = s().contract("StakingPools");
    await page.goto(`${s().webUrl}#/staking`);
    await page.getByRole("heading", { name: "Stake ATH" }).waitFor();

    await tabTo(page, "Connect wallet", (f) => f.tag === "button" && f.text === "Connect wallet");
    await page.keyboard.press("Enter");
    await page.getByTestId("connected-account").waitFor();
    await page.getByRole("form", { name: "Stake in the Gaming pool" }).waitFor();

    // Tab into the amount (focus from the keyboard selects a field's text, so typing replaces it), then the lock
    await tabTo(page, "the Gaming pool's amount", (f) => f.id === "pool-0-amount");
    await page.keyboard.type("1,250");
    await tabTo(page, "the Gaming pool's lock", (f) => f.id === "pool-0-weeks");
    await page.keyboard.type("26");
    const form = page.getByRole("form", { name: "Stake in the Gaming pool" });
    await form.getByLabel("Lock preview").getByText(/^1\.\d{3}x, weight [\d,.]+ ATH, unlocks /).waitFor();
    await tabTo(page, "the Stake button", (f) => f.tag === "button" && f.text === "Stake");
    await page.keyboard.press("Space");
    await form.getByText(/^Confirmed: /).waitFor();

    expect(wallet.calls, "a permit signed, then one transaction").to.include("eth_signTypedData_v4");
    const position = await pools.position(holder.address, 0n);
    expect(position.amount).to.equal(parseEther("1250"));
    expect(position.lockWeeks).to.equal(26n);
    expect(position.pool).to.equal(0n);
    await page.getByTestId("position-0").getByText("1,250 ATH", { exact: true }).waitFor();
    // the keyboard can go on from where the form left it: the position's own controls are reachable too
    await tabTo(page, "the position's Claim button", (f) => f.tag === "button" && f.text === "Claim");
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });
}
