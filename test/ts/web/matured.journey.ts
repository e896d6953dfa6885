// Journeys that need the chain's clock moved on, so they run last: a claim below RewardClaims' 30 ATH minimum (a new
// root gives a holder 10 ATH) refused in a sentence before anything is signed; holder staking rewards earned over a
// funded week and claimed; a position withdrawn once its lock has passed; a host-unbonding request shown with its 180-day countdown, matured, and withdrawn. Each
// journey plays a fresh account funded here, so none depends on what the others did.
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Contract, Wallet, id, parseEther, type Log } from "ethers";
import type { Page } from "playwright-core";
import { formatAth } from "../../../scripts/lib/format.js";
import { buildTree, type ProofsFile } from "../../../scripts/referee/tree.js";
import { injectWallet, loopbackPage, type TestWallet } from "./browser.js";
import { addressOf, keyOf, type WebStack } from "./stack.js";

const DAY = 86_400;
const WEEK = 7 * DAY;
const sent = (w: TestWallet) => w.calls.filter((m) => m === "eth_sendTransaction" || m.startsWith("eth_sign")).length;

/** A fresh account with gas and `ath` ATH (from the public buyer, account 12). */
export async function freshAccount(s: WebStack, name: string, ath: string): Promise<Wallet> {
  const wallet = new Wallet(id(`aethir-web-journey-${name}`), s.provider);
  const funder = await s.provider.getSigner(addressOf(0));
  await (await funder.sendTransaction({ to: wallet.address, value: parseEther("10") })).wait();
  const token = s.contract("AethirToken").connect(await s.provider.getSigner(addressOf(12))) as Contract;
  if (ath !== "0") await (await token.transfer(wallet.address, parseEther(ath))).wait();
  return wallet;
}

/** Moves the chain's clock to `at` (unix seconds) and mines a block there. */
export async function setChainTime(s: WebStack, at: number): Promise<void> {
  const now = (await s.provider.getBlock("latest"))!.timestamp;
  if (at <= now) return;
  await s.provider.send("evm_setNextBlockTimestamp", [at]);
  await s.provider.send("evm_mine", []);
}

async function open(s: WebStack, key: string, screen: string): Promise<{ page: Page; wallet: TestWallet; outbound: string[]; consoleErrors: string[] }> {
  const { page, outbound, consoleErrors } = await loopbackPage(s.browser);
  const wallet = await injectWallet(page, key, s.rpcUrl);
  await page.goto(`${s.webUrl}#/${screen}`);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByTestId("connected-account").waitFor();
  return { page, wallet, outbound, consoleErrors };
}

export function defineMaturedJourneys(s: () => WebStack): void {
  it("refuses a claim below the 30 ATH minimum in a sentence, before anything is signed (a new root gives account 18 10 ATH)", async () => {
    // the referee posts the next epoch's root: every earlier leaf, plus 10 ATH for account 18 (KYC'd, never earned)
    const referee = s().contract("CheckerReferee");
    const claims = s().contract("RewardClaims");
    const holder = addressOf(18);
    expect(await s().contract("ComplianceRegistry").isAllowed(holder), "account 18 holds a KYC attestation").to.equal(true);
    expect(await claims.claimed(holder)).to.equal(0n);
    const next: bigint = await referee.nextEpoch();
    const previous = await referee.roots(next - 1n);
    const earlier = JSON.parse(readFileSync(join(s().rewardsDir, `epoch-${next - 1n}.proofs.json`), "utf8")) as ProofsFile;
    const leaves = new Map(Object.entries(earlier.claims).map(([a, c]) => [a, BigInt(c.amount)]));
    const ten = parseEther("10");
    leaves.set(holder.toLowerCase(), (leaves.get(holder.toLowerCase()) ?? 0n) + ten);
    const tree = buildTree(leaves);
    const total = BigInt(previous.cumulativeTotal) + ten;
    await setChainTime(s(), Math.max(Number(await referee.epochStart(next)) + DAY, Number(previous.finalAt)));
    const byReferee = referee.connect(await s().provider.getSigner(addressOf(9))) as Contract;
    const uri = pathToFileURL(join(s().rewardsDir, `epoch-${next}.report.json`)).href;
    await (await byReferee.postRoot(next, tree.root, total, uri)).wait();
    const proofs: ProofsFile = { epoch: Number(next), root: tree.root, cumulativeTotal: String(total), claims: {} };
    for (const { account, amount } of tree.leaves) proofs.claims[account] = { amount: String(amount), proof: tree.proof(account)! };
    writeFileSync(join(s().rewardsDir, `epoch-${next}.proofs.json`), JSON.stringify(proofs));
    // past the challenge window, anyone syncs the claims contract to it
    await setChainTime(s(), Number((await referee.roots(next)).finalAt));
    await (await (claims.connect(await s().provider.getSigner(addressOf(0))) as Contract).sync()).wait();
    expect(await claims.syncedEpoch()).to.equal(next);

    const { page, wallet, outbound, consoleErrors } = await open(s(), keyOf(18), "licenses");
    await page.getByTestId("claim-summary").getByText("to claim now: 10 ATH (minimum 30 ATH)", { exact: false }).waitFor();
    for (const name of ["Claim with the 180-day option", "Claim with the 30-day option"]) {
      await page.getByRole("button", { name }).click();
      await page.getByRole("alert").getByText("You can claim 10 ATH, below the minimum claim of 30 ATH: wait until your rewards since your last claim reach it.", { exact: true }).waitFor();
    }
    expect(sent(wallet), "nothing signed").to.equal(0);
    // the contract agrees: the same claim sent anyway is its ClaimBelowMinimum, and nothing is booked
    const mine = claims.connect(await s().provider.getSigner(holder)) as Contract;
    const leaf = proofs.claims[holder.toLowerCase()];
    let refused = "";
    await mine.claim.staticCall(leaf.amount, leaf.proof, 0).catch((e: { revert?: { name?: string } }) => (refused = e.revert?.name ?? String(e)));
    expect(refused).to.equal("ClaimBelowMinimum");
    expect(await claims.claimed(holder)).to.equal(0n);
    expect(await claims.entryCount(holder)).to.equal(0n);
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });

  it("claims a position's staking rewards earned over a funded week: the pending amount shown is what the wallet receives", async () => {
    const holder = await freshAccount(s(), "rewards", "5000");
    const pools = s().contract("StakingPools");
    const token = s().contract("AethirToken");
    await (await (token.connect(holder) as Contract).approve(await pools.getAddress(), parseEther("5000"))).wait();
    await (await (pools.connect(holder) as Contract).stake(0, parseEther("5000"), 52)).wait();
    // the airdrop beneficiary (account 6) funds the Gaming pool's next week with 7,000 ATH; two weeks later it is earned
    const week = Number(await pools.currentWeek());
    const funder = await s().provider.getSigner(addressOf(6));
    await (await (token.connect(funder) as Contract).approve(await pools.getAddress(), parseEther("7000"))).wait();
    await (await (pools.connect(funder) as Contract).fund(0, await token.getAddress(), week + 1, 1, parseEther("7000"))).wait();
    await setChainTime(s(), (week + 2) * WEEK + 60);
    const [, [pending]] = (await pools.pendingRewards(holder.address, 0n)) as [string[], bigint[]];
    expect(pending > 0n, "the position earned part of the funded week").to.equal(true);

    const { page, wallet, outbound, consoleErrors } = await open(s(), holder.privateKey, "staking");
    const row = page.getByTestId("position-0");
    await row.getByText(`${formatAth(pending, 2)} ATH`, { exact: true }).waitFor();
    const balance: bigint = await token.balanceOf(holder.address);
    await row.getByRole("button", { name: "Claim" }).click();
    await row.getByText(/^Confirmed: /).waitFor();
    expect(sent(wallet)).to.equal(1);
    const [, [after]] = (await pools.pendingRewards(holder.address, 0n)) as [string[], bigint[]];
    expect(after).to.equal(0n);
    // the pending figure grows by the block, so the wallet got at least what was shown, and the chain says exactly what
    const paid = (await token.balanceOf(holder.address)) - balance;
    expect(paid >= pending).to.equal(true);
    await row.getByText("0 ATH", { exact: true }).waitFor();
    expect((await pools.position(holder.address, 0n)).amount, "the stake itself stays").to.equal(parseEther("5000"));
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });

  it("withdraws a position once its lock has passed: the ATH comes back, the stATH is burned and the row is gone", async () => {
    const holder = await freshAccount(s(), "withdraw-unlocked", "300");
    const pools = s().contract("StakingPools");
    const token = s().contract("AethirToken");
    await (await (token.connect(holder) as Contract).approve(await pools.getAddress(), parseEther("300"))).wait();
    await (await (pools.connect(holder) as Contract).stake(0, parseEther("300"), 1)).wait();
    const p = await pools.position(holder.address, 0n);
    expect(await pools.balanceOf(holder.address), "stATH minted 1:1").to.equal(parseEther("300"));
    await setChainTime(s(), Number(p.unlockWeek) * WEEK + 60);

    const { page, wallet, outbound, consoleErrors } = await open(s(), holder.privateKey, "staking");
    const row = page.getByTestId("position-0");
    await row.getByText("300 ATH", { exact: true }).first().waitFor();
    await row.getByRole("button", { name: "Withdraw" }).click();
    await page.getByText("You have no open position.").waitFor();
    expect(sent(wallet)).to.equal(1);
    expect((await pools.position(holder.address, 0n)).amount, "the position is closed").to.equal(0n);
    expect(await pools.balanceOf(holder.address), "its stATH is burned").to.equal(0n);
    // withdraw also pays whatever the position earned (none here, unless the stack funded the pool's later weeks)
    expect((await token.balanceOf(holder.address)) >= parseEther("300"), "the ATH is back in the wallet").to.equal(true);
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });

  it("counts an unbonding request down from 180 days and withdraws it once it matures", async () => {
    const delegator = await freshAccount(s(), "unbonding", "1000");
    const staking = s().contract("HostStaking");
    const lens = s().contract("HostStakingLens");
    const token = s().contract("AethirToken");
    const host = new Wallet(id("aethir-staking-host")).address; // the staking simulation's host
    await (await (token.connect(delegator) as Contract).approve(await staking.getAddress(), parseEther("1000"))).wait();
    await (await (staking.connect(delegator) as Contract).delegate(host, parseEther("1000"))).wait();
    const rx = await (await (staking.connect(delegator) as Contract).undelegate(host, parseEther("400"))).wait();
    const made = (await staking.queryFilter(staking.filters.Undelegated(host, delegator.address), rx!.blockNumber, rx!.blockNumber)) as (Log & { args: { id: bigint; unlockAt: bigint } })[];
    const { id: requestId, unlockAt } = made[0].args;

    const { page, wallet, outbound, consoleErrors } = await open(s(), delegator.privateKey, "hosts");
    const mine = page.getByTestId(`host-${host.toLowerCase()}`).getByRole("region", { name: "Your stake with this host" });
    const row = mine.getByTestId(`unbonding-${requestId}`);
    const when = row.locator(`time[datetime="${new Date(Number(unlockAt) * 1000).toISOString()}"]`);
    await when.getByText(/\(in 180 days\)$/).waitFor();

    // 180 days on: the countdown has run out, and the withdraw pays what the request is worth
    await setChainTime(s(), Number(unlockAt) + 60);
    await when.getByText(/\(\d+ minutes? ago\)$/).waitFor();
    const [, worth] = (await lens.unbondingOf(host, delegator.address, requestId)) as [bigint, bigint, bigint];
    expect(worth > parseEther("399.99") && worth <= parseEther("400"), "the unbonding pool's share price may round it down a wei").to.equal(true);
    const balance: bigint = await token.balanceOf(delegator.address);
    await row.getByRole("button", { name: "Withdraw" }).click();
    await mine.getByTestId("withdrawn").getByText(`Withdrawn: request #${requestId}, ${formatAth(worth, 2)} ATH, is back in your wallet.`, { exact: true }).waitFor();
    expect(sent(wallet)).to.equal(1);
    expect(await token.balanceOf(delegator.address)).to.equal(balance + worth);
    expect((await lens.unbondingOf(host, delegator.address, requestId))[2], "the request is gone").to.equal(0n);
    await row.waitFor({ state: "detached" });
    const stake = ((await lens.stakeOf(host, delegator.address)) as [bigint, bigint])[1];
    await mine.getByTestId("my-stake").getByText(`${formatAth(stake, 2)} ATH`, { exact: true }).waitFor();
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
    await page.context().close();
  });
}
