// Holder governance in the browser: the proposals list and a proposal's detail equal the indexer's answer and the
// chain (governor.state, proposalVotes); the story's vetoed DISTRIBUTOR_ROLE grant reads decoded with its warning; a
// holder delegates and votes on an Active proposal (made here: the story leaves none active) and the page shows the
// vote; a mistyped delegate address is refused in a sentence.
import { expect } from "chai";
import { join } from "node:path";
import { Contract, Wallet, id, parseEther } from "ethers";
import { formatAth } from "../../../scripts/lib/format.js";
import * as gov from "../../../scripts/ops/governance.js";
import { injectWallet, loopbackPage } from "./browser.js";
import { SHOTS, type WebStack } from "./stack.js";

interface ApiProposal {
  id: string;
  title: string;
  state: string;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  calls: { words: string; function: string | null }[];
}
interface ApiDetail extends ApiProposal {
  votes: { voter: string; support: string; weight: string; reason: string }[];
}

const api = async <T>(s: WebStack, path: string): Promise<T> => (await (await fetch(`${s.apiUrl}${path}`)).json()) as T;

/** Polls the indexer until `ok` holds (it follows the chain a block or two behind). */
async function until<T>(read: () => Promise<T>, ok: (t: T) => boolean, what: string, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const t = await read().catch(() => undefined);
    if (t !== undefined && ok(t)) return t;
    if (Date.now() > end) throw new Error(`the indexer never served ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function defineProposalsJourneys(s: () => WebStack): void {
  it("lists the proposals as the indexer and the governor know them, and shows the vetoed DISTRIBUTOR_ROLE grant decoded with its warning", async () => {
    const { page, outbound, consoleErrors } = await loopbackPage(s().browser);
    const governor = s().contract("AethirGovernor");
    const { items } = await api<{ items: ApiProposal[] }>(s(), "/proposals");
    expect(items.length).to.be.at.least(3);
    await page.goto(`${s().webUrl}#/proposals`);
    await page.getByRole("heading", { name: "Proposals" }).waitFor();
    for (const p of items) {
      const card = page.getByTestId(`proposal-${p.id}`);
      await card.getByRole("link", { name: p.title }).waitFor();
      expect(p.state).to.equal(gov.STATES[Number(await governor.state(BigInt(p.id)))]);
      expect(await card.getByTestId("state").textContent()).to.equal(p.state);
      const [against, forVotes, abstain] = (await governor.proposalVotes(BigInt(p.id))) as bigint[];
      expect([p.forVotes, p.againstVotes, p.abstainVotes]).to.deep.equal([forVotes, against, abstain].map(String));
      await card.getByText(`For ${formatAth(forVotes, 2)} ATH · Against ${formatAth(against, 2)} ATH · Abstain ${formatAth(abstain, 2)} ATH`).waitFor();
    }
    await page.screenshot({ path: join(SHOTS, "proposals.png"), fullPage: true });

    const grant = items.find((p) => p.title === "Add a distributor to the checker base reward pool")!;
    expect(grant.state).to.equal("Canceled");
    await page.getByRole("link", { name: grant.title }).click();
    await page.getByRole("heading", { name: grant.title }).waitFor();
    expect(await page.getByTestId("proposal-state").textContent()).to.equal("Canceled");
    const call = page.getByTestId("call-0");
    await call.getByText("CheckerBaseRewardPool").first().waitFor();
    expect(grant.calls[0].words).to.contain("grantRole(role: DISTRIBUTOR_ROLE");
    await call.getByText(grant.calls[0].words).waitFor();
    await call.getByRole("note").getByText(/changes who holds a role/).waitFor();
    const detail = await api<ApiDetail>(s(), `/proposals/${grant.id}`);
    const against = detail.votes.find((v) => v.support === "against")!;
    await page.getByTestId(`vote-${against.voter}`).getByText("a distributor can drain the pool").waitFor();
    await page.getByRole("list", { name: "History" }).getByText(/^Canceled: /).waitFor();
    await page.screenshot({ path: join(SHOTS, "proposal-detail.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });

  it("a holder delegates to self and votes For with a reason on an Active proposal; the page shows the vote; a bad address is refused in words", async () => {
    const st = s();
    const provider = st.provider;
    const accounts: string[] = await provider.send("eth_accounts", []);
    const voterKey = id("aethir-web-governance-voter");
    const voter = new Wallet(voterKey, provider);
    await (await (await provider.getSigner(accounts[0])).sendTransaction({ to: voter.address, value: parseEther("1") })).wait();
    const token = new Contract(st.manifest.contracts.AethirToken.address, st.manifest.contracts.AethirToken.abi as never, await provider.getSigner(accounts[6]));
    await (await token.transfer(voter.address, parseEther("5000"))).wait();

    const { page, outbound, consoleErrors } = await loopbackPage(st.browser);
    await injectWallet(page, voterKey, st.rpcUrl);
    await page.goto(`${st.webUrl}#/proposals`);
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByTestId("connected-account").waitFor();
    const form = page.getByRole("form", { name: "Delegate votes" });
    await form.getByLabel("Delegate to (empty: yourself)").fill("0x1234");
    await form.getByRole("button", { name: "Delegate" }).click();
    await form.getByRole("alert").getByText('"0x1234" is not an address: paste a 0x address of 40 hex digits, or leave it empty to delegate to yourself.').waitFor();
    await form.getByLabel("Delegate to (empty: yourself)").fill("");
    await form.getByRole("button", { name: "Delegate" }).click();
    await form.getByText(/^Confirmed: /).waitFor();
    expect(await token.delegates(voter.address)).to.equal(voter.address);
    await page.getByTestId("ath-power").getByText("ATH: 5,000 ATH of votes; your ATH counts for yourself").waitFor();

    // the story's proposer proposes after the delegation, so the voter's 5,000 ATH count on it
    const proposer = new Wallet(id("aethir-governance-proposer"), provider);
    const governor = st.contract("AethirGovernor");
    const calls: gov.ProposalCalls = {
      targets: [st.manifest.contracts.AethirGovernor.address],
      values: [0n],
      calldatas: [governor.interface.encodeFunctionData("setQuorumBps", [400n])],
      description: "Set the quorum to 4%\n\nMade by the browser journey so that a proposal is Active.",
    };
    const { proposalId } = await gov.propose(st.manifest, proposer, calls);
    const snapshot = Number(await governor.proposalSnapshot(proposalId));
    await provider.send("evm_setNextBlockTimestamp", [snapshot + 1]);
    await provider.send("evm_mine", []);
    expect(gov.STATES[Number(await governor.state(proposalId))]).to.equal("Active");
    await until(() => api<ApiProposal>(st, `/proposals/${proposalId}`), (p) => p.state === "Active", `proposal ${proposalId} as Active`);

    await page.goto(`${st.webUrl}#/proposals/${proposalId}`);
    await page.getByRole("heading", { name: "Set the quorum to 4%" }).waitFor();
    await page.getByTestId("proposal-state").getByText("Active").waitFor();
    const vote = page.getByRole("form", { name: "Vote" });
    await vote.getByLabel("For").check();
    await vote.getByLabel("Reason (optional)").fill("four percent is enough");
    await vote.getByRole("button", { name: "Cast vote" }).click();
    // once the vote is mined the form gives way to "You have voted"; a refusal would stay in the form as its sentence
    await page.getByTestId("voted").or(vote.getByRole("alert")).first().waitFor();
    expect(await vote.getByRole("alert").count(), (await vote.textContent().catch(() => null)) ?? "").to.equal(0);
    expect(await governor.hasVoted(proposalId, voter.address)).to.equal(true);
    const [, forVotes] = (await governor.proposalVotes(proposalId)) as bigint[];
    expect(forVotes).to.equal(parseEther("5000"));
    await until(() => api<ApiDetail>(st, `/proposals/${proposalId}`), (p) => p.votes.length === 1, "the browser's vote");
    const row = page.getByTestId(`vote-${voter.address.toLowerCase()}`);
    await row.getByText("four percent is enough").waitFor();
    await row.getByText("5,000 ATH").waitFor();
    await page.getByTestId("voted").waitFor();
    await page.getByRole("list", { name: "Tally" }).getByText("5,000 ATH").first().waitFor();
    await page.screenshot({ path: join(SHOTS, "proposal-vote.png"), fullPage: true });
    expect(outbound, "requests off loopback").to.deep.equal([]);
    expect(consoleErrors).to.deep.equal([]);
  });
}
