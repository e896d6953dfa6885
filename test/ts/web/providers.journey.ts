// Compute providers (issue 15): the Providers screen's leaderboard against the indexer's REST answer; the Edge device's
// owner (account 19, connected) sees its per-epoch Edge earnings and its container's points, pool share and earnings
// as the indexer's epoch reports and the chain say; the A100 compute host typed in shows its Enterprise/IDC earnings;
// the halted fleet host's down container shows its Fail majority; a mistyped address is refused in words.
import { expect } from "chai";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { formatAth } from "../../../scripts/lib/format.js";
import { injectWallet, loopbackPage } from "./browser.js";
import { SHOTS, addressOf, keyOf, type WebStack } from "./stack.js";

/** npm start's Edge device owner (scripts/lib/simulate-rewards.ts). */
const EDGE_OWNER = 19;
const ath = (wei: bigint | string) => `${formatAth(BigInt(wei), 2)} ATH`;

interface Provider { account: string; cumulativeEdge: string; cumulativeEnterprise: string; claimedEdge: string; pushedEnterprise: string; epochsEarning: number }
interface EpochAnswer {
  root: { epoch: string; edgePoints: string; enterprisePoints: string };
  containers: { container: string; host: string; pool: string; assigned: number; pass: number; fail: number; points: string; earned: string; zeroed: string | null }[];
  accounts: { account: string; earnedEdge: string; earnedEnterprise: string }[];
}

/** points / poolPoints as a percentage with two decimals, rounded down (computed here independently of the app). */
const share = (points: bigint, total: bigint) => {
  const hundredths = total === 0n ? 0n : (points * 10_000n) / total;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")} %`;
};

export function defineProvidersJourneys(s: () => WebStack): void {
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${s().apiUrl}${path}`);
    expect(r.status, path).to.equal(200);
    return (await r.json()) as T;
  };
  async function postedEpochs(): Promise<EpochAnswer[]> {
    const sql = encodeURIComponent(JSON.stringify({ json: { sql: "select epoch::text as epoch from compute_root where status <> 'vetoed' order by epoch", params: [] } }));
    const { rows } = await get<{ rows: { epoch: string }[] }>(`/sql/db?sql=${sql}`);
    expect(rows.length, "npm start's story posts a compute root per epoch").to.be.greaterThan(0);
    return Promise.all(rows.map((r) => get<EpochAnswer>(`/compute/epochs/${r.epoch}`)));
  }
  /** Every row the screen shows for `host`'s containers matches the indexer's epoch reports. */
  async function expectContainers(page: Page, host: string, epochs: EpochAnswer[]): Promise<number> {
    let rows = 0;
    for (const e of epochs) {
      for (const c of e.containers.filter((x) => x.host.toLowerCase() === host.toLowerCase())) {
        const row = page.getByTestId(`container-${e.root.epoch}-${c.container.toLowerCase()}`);
        await row.waitFor();
        expect(await row.getByTestId("container-points").textContent()).to.equal(BigInt(c.points).toLocaleString("en-US"));
        expect(await row.getByTestId("container-earned").textContent()).to.equal(ath(c.earned));
        const total = BigInt(c.pool === "edge" ? e.root.edgePoints : e.root.enterprisePoints);
        expect(await row.getByTestId("container-share").textContent()).to.equal(share(BigInt(c.points), total));
        const why = (await row.getByTestId("container-why").textContent()) ?? "";
        if (c.zeroed === "fail-majority") expect(why).to.match(new RegExp(`^Fail majority: ${c.fail} of its ${c.assigned} jobs failed`));
        else if (c.zeroed === "halted") expect(why).to.match(/^Its host was halted at the epoch's end/);
        else if (BigInt(c.earned) > 0n) expect(why).to.equal("—");
        else expect(why).to.not.equal("—");
        rows++;
      }
    }
    return rows;
  }

  it("shows the providers' leaderboard and the Edge owner's earnings per epoch and container, as the indexer and chain say", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    const wallet = await injectWallet(page, keyOf(EDGE_OWNER), s().rpcUrl);
    await page.goto(`${s().webUrl}#/providers`);
    await page.getByRole("heading", { name: "Compute providers" }).waitFor();
    // the leaderboard, row by row, as GET /leaderboard/providers answers
    const providers = await get<Provider[]>("/leaderboard/providers?limit=100");
    const edgeOwner = providers.find((p) => p.account.toLowerCase() === addressOf(EDGE_OWNER).toLowerCase());
    expect(edgeOwner, "account 19's Edge device earns").to.not.equal(undefined);
    expect(BigInt(edgeOwner!.cumulativeEdge)).to.be.greaterThan(0n);
    const host = providers.find((p) => BigInt(p.cumulativeEnterprise) > 0n);
    expect(host, "the A100 compute host earns from the Enterprise/IDC pool").to.not.equal(undefined);
    for (const p of providers) {
      const row = page.getByTestId(`provider-${p.account.toLowerCase()}`);
      await row.getByTestId("provider-edge").getByText(ath(p.cumulativeEdge), { exact: true }).waitFor();
      expect(await row.getByTestId("provider-enterprise").textContent()).to.equal(ath(p.cumulativeEnterprise));
    }
    // connected: the Edge owner's epochs and its container's rows, and what it claimed as the chain says
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-account").waitFor();
    const mine = page.getByTestId("provider-earnings");
    const claimed: bigint = await s().contract("ComputeRewards").claimedEdge(wallet.address);
    expect(claimed, "the story claims the Edge owner's leaf before the last epoch").to.be.greaterThan(0n);
    await mine.getByTestId("total-edge").getByText(`${ath(edgeOwner!.cumulativeEdge)}, claimed ${ath(claimed)}`).waitFor();
    const epochs = await postedEpochs();
    for (const e of epochs) {
      const a = e.accounts.find((x) => x.account.toLowerCase() === wallet.address.toLowerCase());
      if (!a) continue;
      expect(await mine.getByTestId(`compute-epoch-${e.root.epoch}`).getByTestId("epoch-edge").textContent()).to.equal(ath(a.earnedEdge));
    }
    expect(await expectContainers(page, wallet.address, epochs), "the Edge device's rows").to.be.greaterThan(0);
    await page.screenshot({ path: join(SHOTS, "providers.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("shows a typed-in host's Enterprise/IDC earnings, the halted fleet's down container's Fail majority, and refuses a mistyped address", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    await page.goto(`${s().webUrl}#/providers`);
    await page.getByText("Connect a wallet or type an address").waitFor();
    const field = page.getByLabel("Provider's address");
    await field.fill("0x1234");
    await page.getByRole("alert").getByText('"0x1234" is not an address').waitFor();
    const epochs = await postedEpochs();
    // the A100 host: its Enterprise/IDC total, what was pushed into its stream as the chain says, and its rows
    const providers = await get<Provider[]>("/leaderboard/providers?limit=100");
    const host = providers.find((p) => BigInt(p.cumulativeEnterprise) > 0n)!;
    await field.fill(host.account);
    const earnings = page.getByTestId("provider-earnings");
    const pushed: bigint = await s().contract("ComputeRewards").pushedEnterprise(host.account);
    expect(pushed, "the story pushes the host's leaf before the last epoch").to.be.greaterThan(0n);
    await earnings.getByTestId("total-enterprise").getByText(`${ath(host.cumulativeEnterprise)}, pushed to the host stream ${ath(pushed)}`).waitFor();
    expect(await expectContainers(page, host.account, epochs), "the A100's rows").to.be.greaterThan(0);
    // the fleet host: halted on chain, so its containers earn nothing; the one down in an epoch shows its Fail majority
    const failed = epochs.flatMap((e) => e.containers.filter((c) => c.zeroed === "fail-majority"));
    expect(failed.length, "the story's down container").to.be.greaterThan(0);
    const fleet = failed[0].host;
    expect(await s().contract("HostStakingLens").isHalted(fleet)).to.equal(true);
    await field.fill(fleet);
    await page.getByTestId("container-why").getByText(/^Fail majority/).first().waitFor();
    expect(await expectContainers(page, fleet, epochs)).to.be.greaterThan(0);
    expect(await page.getByRole("alert").count()).to.equal(0);
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
}
