// The holder-governance part of the end-to-end indexer test (issue 16): after scripts/lib/simulate-governance.ts's
// story, what the REST routes of ponder/src/api/governance.ts serve must equal the chain at the block the answer says
// it is at (X-Indexed-Block): each proposal's state, votes, quorum and times as AethirGovernor's views report them,
// each vote as the VoteCast logs hold it, each delegate's power as the two tokens' getVotes report it and its delegators
// as a replay of both tokens' DelegateChanged logs gives them, the calls in the CLI's words, the states over time, and
// the daily series from the logs. test/ts/indexer.test.ts calls `defineGovernanceChecks` inside its per-database
// `describe` (before the edge cases).
import { expect } from "chai";
import { Contract, ZeroAddress, type EventLog, type JsonRpcProvider } from "ethers";
import type { Manifest } from "../../scripts/lib/manifest.js";
import type { GovernanceStory } from "../../scripts/lib/simulate-governance.js";
import { describeCall, STATES } from "../../scripts/ops/governance.js";

export interface GovernanceCheckContext {
  api: () => string;
  manifest: () => Manifest;
  provider: () => JsonRpcProvider;
  story: () => GovernanceStory;
}

interface Call {
  target: string;
  targetName: string | null;
  value: string;
  data: string;
  function: string | null;
  args: { name: string; type: string; value: string; words: string }[];
  words: string;
}
interface Proposal {
  id: string;
  proposer: string;
  title: string;
  description: string;
  state: string;
  createdAt: number;
  voteStart: number;
  voteEnd: number;
  eta: number | null;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  quorum: string;
  calls: Call[];
}
interface Detail extends Proposal {
  history: { state: string; timestamp: number; block: number | null; tx: string | null }[];
  votes: { voter: string; support: string; weight: string; reason: string; timestamp: number; block: number; tx: string }[];
}
interface Delegate {
  address: string;
  votes: string;
  athVotes: string;
  stathVotes: string;
  delegators: number;
}

const lc = (a: string) => a.toLowerCase();
const SUPPORT = ["against", "for", "abstain"];

export function defineGovernanceChecks(ctx: GovernanceCheckContext): void {
  const contract = (name: string) => {
    const c = ctx.manifest().contracts[name];
    return new Contract(c.address, c.abi as never, ctx.provider());
  };
  /** An answer and the block it is at. */
  const get = async <T>(path: string): Promise<{ status: number; body: T; block: number }> => {
    const res = await fetch(`${ctx.api()}${path}`);
    return { status: res.status, body: (await res.json()) as T, block: Number(res.headers.get("X-Indexed-Block")) };
  };
  const logs = async (name: string, event: string, toBlock: number) => {
    const c = contract(name);
    return (await c.queryFilter(c.filters[event]!(), 0, toBlock)) as EventLog[];
  };

  describe("holder governance (issue 16)", () => {
    it("serves every proposal with governor.state, its votes, quorum, times and proposer as the governor reports them at the indexed block", async () => {
      const { body, block } = await get<{ items: Proposal[] }>("/proposals?limit=1000");
      const governor = contract("AethirGovernor");
      const created = await logs("AethirGovernor", "ProposalCreated", block);
      expect(body.items.map((p) => p.id)).to.deep.equal(created.map((l) => String(l.args.proposalId)).reverse(), "every proposal, newest first");
      expect(body.items.length).to.be.greaterThanOrEqual(3);
      const tag = { blockTag: block };
      for (const p of body.items) {
        const [state, votes, snapshot, deadline, eta, proposer] = await Promise.all([
          governor.state(p.id, tag),
          governor.proposalVotes(p.id, tag),
          governor.proposalSnapshot(p.id, tag),
          governor.proposalDeadline(p.id, tag),
          governor.proposalEta(p.id, tag),
          governor.proposalProposer(p.id, tag),
        ]);
        expect(p.state, `state of ${p.id}`).to.equal(STATES[Number(state)]);
        expect([p.againstVotes, p.forVotes, p.abstainVotes], `votes of ${p.id}`).to.deep.equal([...votes].map(String));
        expect(p.quorum, `quorum of ${p.id}`).to.equal(String(await governor.quorum(snapshot, tag)));
        expect([p.voteStart, p.voteEnd, p.eta ?? 0, p.proposer]).to.deep.equal([Number(snapshot), Number(deadline), Number(eta), lc(proposer)]);
        const c = created.find((l) => String(l.args.proposalId) === p.id)!;
        expect(p.description).to.equal(c.args.description);
        expect(p.title).to.equal((c.args.description as string).split("\n")[0]);
        expect(p.createdAt).to.equal((await c.getBlock()).timestamp);
        expect(p.calls.map((x) => [x.target, x.value, x.data])).to.deep.equal(
          (c.args.targets as string[]).map((t, i) => [lc(t), String(c.args[3][i]), c.args.calldatas[i]]),
        );
      }
      // the paging walks the same list
      const page = await get<{ items: Proposal[] }>("/proposals?limit=1&offset=1");
      expect(page.body.items.map((p) => p.id)).to.deep.equal([body.items[1]!.id]);
    });

    it("serves each proposal's votes with their reasons exactly as a replay of the VoteCast logs gives them", async () => {
      const { body, block } = await get<{ items: Proposal[] }>("/proposals?limit=1000");
      const cast = await logs("AethirGovernor", "VoteCast", block);
      expect(cast.length).to.be.greaterThanOrEqual(7);
      for (const p of body.items) {
        const d = await get<Detail>(`/proposals/${p.id}`);
        const mine = cast.filter((l) => String(l.args.proposalId) === p.id);
        expect(
          d.body.votes.map((v) => [v.voter, v.support, v.weight, v.reason, v.block, v.tx]),
          `votes on ${p.id}`,
        ).to.deep.equal(mine.map((l) => [lc(l.args.voter), SUPPORT[Number(l.args.support)], String(l.args.weight), l.args.reason, l.blockNumber, l.transactionHash]));
        for (const v of d.body.votes) expect(v.timestamp).to.equal((await ctx.provider().getBlock(v.block))!.timestamp);
      }
    });

    it("shows the distributor grant decoded into the pool, grantRole and its arguments in words, as the CLI words it", async () => {
      const { proposals, actors } = ctx.story();
      const d = (await get<Detail>(`/proposals/${proposals.distributor.id}`)).body;
      const [call] = d.calls;
      expect(call!.targetName).to.equal("CheckerBaseRewardPool");
      expect(call!.function).to.equal("grantRole");
      expect(call!.words).to.equal(`CheckerBaseRewardPool.grantRole(role: DISTRIBUTOR_ROLE, account: ${actors.drainer})`);
      expect(call!.words).to.equal(describeCall(ctx.manifest(), proposals.distributor.calls.targets[0]!, proposals.distributor.calls.calldatas[0]!));
      expect(call!.args.map((a) => [a.name, a.type, a.words])).to.deep.equal([
        ["role", "bytes32", "DISTRIBUTOR_ROLE"],
        ["account", "address", actors.drainer],
      ]);
      expect(call!.args[1]!.value).to.equal(lc(actors.drainer));
      const window = (await get<Detail>(`/proposals/${proposals.challengeWindow.id}`)).body;
      expect(window.calls[0]!.words).to.equal(describeCall(ctx.manifest(), proposals.challengeWindow.calls.targets[0]!, proposals.challengeWindow.calls.calldatas[0]!));
      expect(window.calls[0]!.words).to.match(/^CheckerReferee\.setChallengeWindow\(window: \d+\)$/);
    });

    it("serves every state each proposal went through, ending Executed (the parameter changed on chain), Defeated by quorum and Canceled by the guardian's veto", async () => {
      const { proposals, challengeWindow, actors } = ctx.story();
      const governor = contract("AethirGovernor");
      const states = async (id: bigint) => (await get<Detail>(`/proposals/${id}`)).body;
      const executed = await states(proposals.challengeWindow.id);
      expect(executed.history.map((h) => h.state)).to.deep.equal(["Pending", "Active", "Succeeded", "Queued", "Executed"]);
      const at = (state: string, d: Detail) => d.history.find((h) => h.state === state)!;
      expect([at("Active", executed).timestamp, at("Active", executed).block, at("Succeeded", executed).timestamp, at("Succeeded", executed).tx]).to.deep.equal([
        executed.voteStart, null, executed.voteEnd, null,
      ]);
      // the event-driven ones are the governor's logs
      const of = async (event: string, id: bigint) => ((await governor.queryFilter(governor.filters[event]!())) as EventLog[]).filter((l) => l.args.proposalId === id);
      const [queued] = await of("ProposalQueued", proposals.challengeWindow.id);
      const [done] = await of("ProposalExecuted", proposals.challengeWindow.id);
      expect([at("Queued", executed).tx, at("Executed", executed).tx, at("Executed", executed).block]).to.deep.equal([queued!.transactionHash, done!.transactionHash, done!.blockNumber]);
      expect(executed.eta).to.equal(Number(await governor.proposalEta(proposals.challengeWindow.id)));
      expect(challengeWindow.after).to.not.equal(challengeWindow.before);
      expect(await contract("CheckerReferee").challengeWindow()).to.equal(challengeWindow.after);

      const defeated = await states(proposals.quorum.id);
      expect(defeated.history.map((h) => h.state)).to.deep.equal(["Pending", "Active", "Defeated"]);
      expect(BigInt(defeated.forVotes) > BigInt(defeated.againstVotes), "more for than against").to.equal(true);
      expect(BigInt(defeated.forVotes) + BigInt(defeated.abstainVotes) < BigInt(defeated.quorum), "short of the quorum").to.equal(true);

      const vetoed = await states(proposals.distributor.id);
      expect(vetoed.history.map((h) => h.state)).to.deep.equal(["Pending", "Active", "Succeeded", "Queued", "Canceled"]);
      const [cancel] = await of("ProposalCanceled", proposals.distributor.id);
      expect(at("Canceled", vetoed).tx).to.equal(cancel!.transactionHash);
      expect(lc((await cancel!.getTransaction()).from)).to.equal(lc(actors.guardian));
      const pool = contract("CheckerBaseRewardPool");
      expect(await pool.hasRole(await pool.DISTRIBUTOR_ROLE(), actors.drainer), "the veto left the pool's roles alone").to.equal(false);
      // the timelock's row of the vetoed batch says cancelled
      const scheduled = (await contract("Timelock").queryFilter(contract("Timelock").filters.CallScheduled())) as EventLog[];
      const batch = scheduled.find((l) => lc(l.args.target) === lc(proposals.distributor.calls.targets[0]!) && l.args.data === proposals.distributor.calls.calldatas[0]);
      expect(await contract("Timelock").isOperation(batch!.args.id)).to.equal(false);
    });

    it("serves each delegate's ATH and stATH votes as getVotes reports them, and its delegators from a replay of both tokens' DelegateChanged logs", async () => {
      const { body, block } = await get<{ items: Delegate[] }>("/delegates?limit=1000");
      const tag = { blockTag: block };
      const [ath, staked] = [contract("AethirToken"), contract("StakingPools")];
      // replay: each account's current delegate per token, then the distinct delegators of each delegate
      const current = new Map<string, string>();
      for (const [token, name] of [["ath", "AethirToken"], ["stath", "StakingPools"]] as const)
        for (const l of await logs(name, "DelegateChanged", block)) current.set(`${token}:${lc(l.args.delegator)}`, lc(l.args.toDelegate));
      const delegators = new Map<string, Set<string>>();
      for (const [key, to] of current) if (to !== lc(ZeroAddress)) delegators.set(to, (delegators.get(to) ?? new Set()).add(key.split(":")[1]!));
      // every address with votes on either token, from the DelegateVotesChanged logs
      const withVotes = new Set<string>();
      for (const name of ["AethirToken", "StakingPools"]) for (const l of await logs(name, "DelegateVotesChanged", block)) withVotes.add(lc(l.args.delegate));
      const expected: Delegate[] = [];
      for (const a of withVotes) {
        const [av, sv] = (await Promise.all([ath.getVotes(a, tag), staked.getVotes(a, tag)])) as bigint[];
        if (av + sv > 0n) expected.push({ address: a, votes: String(av + sv), athVotes: String(av), stathVotes: String(sv), delegators: delegators.get(a)?.size ?? 0 });
      }
      expected.sort((x, y) => (BigInt(x.votes) === BigInt(y.votes) ? (x.address < y.address ? -1 : 1) : BigInt(y.votes) > BigInt(x.votes) ? 1 : -1));
      expect(body.items).to.deep.equal(expected);
      // the story's delegate votes with alice's ATH and stATH and dave's stATH: two delegators, both tokens
      const d = body.items.find((x) => x.address === lc(ctx.story().actors.delegate))!;
      expect(d.delegators).to.equal(2);
      expect(BigInt(d.athVotes) > 0n && BigInt(d.stathVotes) > 0n).to.equal(true);
    });

    it("serves the daily delegated and voting supply, the last day's equal to the delegates' votes and the last VotingSupplyMeasured", async () => {
      const { body, block } = await get<{ items: { day: string; delegatedSupply: string; votingSupply: string }[] }>("/governance/daily");
      const days = body.items.map((d) => d.day);
      expect(days).to.deep.equal([...days].sort());
      expect(new Set(days).size).to.equal(days.length);
      const delegates = await get<{ items: Delegate[] }>("/delegates?limit=1000");
      expect(delegates.block).to.equal(block);
      const last = body.items.at(-1)!;
      expect(last.delegatedSupply).to.equal(String(delegates.body.items.reduce((s, d) => s + BigInt(d.votes), 0n)));
      const measured = await logs("AethirGovernor", "VotingSupplyMeasured", block);
      expect(last.votingSupply).to.equal(String(measured.at(-1)!.args.votingSupply));
      // every day from an independent replay: per token and delegate the newest votes by the day's end, added up; the
      // voting supply of the day's last measurement, or the one carried from an earlier day
      const times = new Map<number, number>();
      const dayOf = async (l: EventLog) => {
        if (!times.has(l.blockNumber)) times.set(l.blockNumber, (await l.getBlock()).timestamp);
        return new Date(times.get(l.blockNumber)! * 1000).toISOString().slice(0, 10);
      };
      const changes: { day: string; key: string; votes: bigint; block: number; index: number }[] = [];
      for (const name of ["AethirToken", "StakingPools"])
        for (const l of await logs(name, "DelegateVotesChanged", block)) changes.push({ day: await dayOf(l), key: `${name}:${lc(l.args.delegate)}`, votes: l.args.newVotes, block: l.blockNumber, index: l.index });
      changes.sort((a, b) => a.block - b.block || a.index - b.index);
      const held = new Map<string, bigint>();
      const delegated = new Map<string, bigint>();
      for (const c of changes) {
        held.set(c.key, c.votes);
        delegated.set(c.day, [...held.values()].reduce((x, y) => x + y, 0n));
      }
      const supplyOn = new Map<string, bigint>();
      for (const m of measured) supplyOn.set(await dayOf(m), m.args.votingSupply);
      expect(days).to.deep.equal([...new Set([...delegated.keys(), ...supplyOn.keys()])].sort());
      let carried = 0n;
      let delegatedCarried = 0n;
      for (const d of body.items) {
        carried = supplyOn.get(d.day) ?? carried;
        delegatedCarried = delegated.get(d.day) ?? delegatedCarried;
        expect([d.delegatedSupply, d.votingSupply], d.day).to.deep.equal([String(delegatedCarried), String(carried)]);
      }
    });

    it("answers an unknown proposal with 404 and a bad id or paging parameter with 400, each as one sentence", async () => {
      const unknown = await get<{ error: string }>("/proposals/12345");
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error).to.match(/^there is no proposal 12345/);
      for (const path of ["/proposals/0xabc", "/proposals?limit=0", "/proposals?offset=-1", "/delegates?limit=abc"]) {
        const bad = await get<{ error: string }>(path);
        expect(bad.status, path).to.equal(400);
        expect(bad.body.error, path).to.match(/must be/);
      }
    });
  });
}
