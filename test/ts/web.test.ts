// The web app in a real browser (Debian's Chromium through playwright-core) against a local chain, the real deploy,
// genesis activity and the indexer, with an injected wallet backed by a local key. Every request off loopback is
// blocked and fails the test. Screenshots of each screen go to docs/screens/.
import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Contract, HDNodeWallet, JsonRpcProvider, Mnemonic } from "ethers";
import type { Browser } from "playwright-core";
import type { PreviewServer } from "vite";
import { deploy, freePort, startNode, startPonder, stopAllAndWait, waitIndexed } from "../../scripts/lib/local-stack.js";
import { formatAth } from "../../scripts/lib/cli-format.js";
import { readManifest, type Manifest } from "../../scripts/lib/manifest.js";
import { simulateGenesis } from "../../scripts/lib/simulate-genesis.js";
import { buildWeb, deploymentJson, serveWeb } from "../../scripts/lib/web-server.js";
import { injectWallet, launchBrowser, loopbackPage } from "./web/browser.js";

const SHOTS = resolve(import.meta.dirname, "../../docs/screens");
const HARDHAT = Mnemonic.fromPhrase("test test test test test test test test test test test junk");
const keyOf = (i: number) => HDNodeWallet.fromMnemonic(HARDHAT, `m/44'/60'/0'/0/${i}`).privateKey;

describe("Web app in a browser", function () {
  this.timeout(600_000);
  const work = mkdtempSync(join(tmpdir(), "aethir-web-"));
  let rpcUrl: string;
  let apiUrl: string;
  let webUrl: string;
  let manifest: Manifest;
  let provider: JsonRpcProvider;
  let server: PreviewServer;
  let browser: Browser;
  const token = () => new Contract(manifest.contracts.AethirToken.address, manifest.contracts.AethirToken.abi as never, provider);

  before(async () => {
    const rpcPort = await freePort();
    const node = await startNode(rpcPort);
    rpcUrl = node.url;
    const manifestPath = join(work, "manifest.json");
    await deploy(rpcPort, manifestPath);
    manifest = readManifest("localhost", manifestPath)!;
    await simulateGenesis(rpcUrl, manifest);
    const ponder = await startPonder({ port: await freePort(), rpcUrl, manifestPath, pgliteDir: join(work, "pglite"), schema: "web" });
    apiUrl = ponder.url;
    await waitIndexed(apiUrl, rpcUrl, 300_000);
    await buildWeb();
    const served = await serveWeb(await freePort(), deploymentJson(manifest, rpcUrl, apiUrl));
    server = served.server;
    webUrl = served.url;
    provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    provider?.destroy();
    await stopAllAndWait();
    rmSync(work, { recursive: true, force: true });
  });

  it("shows the network overview without a wallet: the chain's supply and the indexer's figures, with charts", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(browser);
    await page.goto(webUrl);
    await page.getByRole("heading", { name: "Network overview" }).waitFor();
    const supply = page.getByRole("article", { name: "Supply" });
    const total = await token().totalSupply();
    await expect(await supply.locator(".row", { hasText: "Total" }).locator("dd").textContent()).to.equal(`${formatAth(total, 2)} ATH`);
    const overview = (await (await fetch(`${apiUrl}/overview`)).json()) as { supply: { circulating: string }; licenses: { sold: number } };
    expect(await supply.locator(".row", { hasText: "Circulating" }).locator("dd").textContent()).to.equal(`${formatAth(BigInt(overview.supply.circulating), 2)} ATH`);
    await page.locator(".chart canvas").first().waitFor();
    expect(await page.locator(".chart canvas").count()).to.be.greaterThan(0);
    await page.screenshot({ path: join(SHOTS, "overview.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("lets a holder connect, see the chain's balance, and delegate votes (a bad address is a sentence; a refusal sends nothing)", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(browser);
    const wallet = await injectWallet(page, keyOf(10), rpcUrl);
    const other = HDNodeWallet.fromMnemonic(HARDHAT, `m/44'/60'/0'/0/11`).address;
    await page.goto(`${webUrl}#/wallet`);
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-account").waitFor();
    const balance = await token().balanceOf(wallet.address);
    expect(balance).to.be.greaterThan(0n);
    await page.getByTestId("ath-balance").getByText(`${formatAth(balance, 2)} ATH`).waitFor();

    // bad input: one sentence, nothing asked of the wallet
    await page.getByLabel("Delegate your votes to").fill("bob");
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await page.getByRole("alert").getByText('"bob" is not an address: paste a 0x… address of 40 hex digits.').waitFor();
    expect(wallet.calls).to.not.include("eth_sendTransaction");

    // the user refuses in the wallet: a sentence, and the chain is unchanged
    const before = await token().delegates(wallet.address);
    wallet.rejectNext("eth_sendTransaction");
    await page.getByLabel("Delegate your votes to").fill(other);
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await page.getByText("Failed: The wallet rejected the request; nothing was sent").waitFor();
    expect(await token().delegates(wallet.address)).to.equal(before);

    // delegate to another holder, then to oneself: the chain follows, and so does the page
    await page.getByRole("button", { name: "Delegate", exact: true }).click();
    await page.getByText(/^Confirmed: /).waitFor();
    expect(await token().delegates(wallet.address)).to.equal(other);
    await page.getByTestId("delegate").getByText(other).waitFor();
    const delegatedToMe = await token().getVotes(wallet.address); // others' ATH delegated to this holder
    await page.getByRole("button", { name: "Vote with my own ATH" }).click();
    await page.getByTestId("delegate").getByText("yourself").waitFor();
    expect(await token().delegates(wallet.address)).to.equal(wallet.address);
    const votes = await token().getVotes(wallet.address);
    expect(votes).to.equal(delegatedToMe + (await token().balanceOf(wallet.address)));
    await page.getByTestId("votes").getByText(`${formatAth(votes, 2)} ATH`).waitFor();
    await page.screenshot({ path: join(SHOTS, "wallet.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("stakes with a permit in one transaction, shows the position, and falls back to approve + stake when the wallet won't sign", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(browser);
    const wallet = await injectWallet(page, keyOf(12), rpcUrl);
    const pools = new Contract(manifest.contracts.StakingPools.address, manifest.contracts.StakingPools.abi as never, provider);
    await page.goto(`${webUrl}#/staking`);
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
    await form.getByText("Your wallet did not sign the permit, so the stake takes two transactions: approve, then stake.").waitFor();
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
    await page.screenshot({ path: join(SHOTS, "staking.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
});
