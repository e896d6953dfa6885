// Holder governance (issue 16) on a local node, after the staking simulation (scripts/lib/simulate-staking.ts), so that
// stATH exists: holders delegate their ATH and stATH votes (bob to himself; alice and dave to a delegate, one of them
// on both tokens), a proposer with enough ATH to pass the quorum makes three proposals in consecutive blocks, and the
// voting delay, voting period and timelock delay are each waited out once for all three:
// 1. the referee's challenge window doubles: passed, queued, executed after the timelock delay;
// 2. the quorum to 5%: only bob votes (for): defeated by quorum;
// 3. a distributor of the checker base reward pool (whoever holds DISTRIBUTOR_ROLE can draw the pool): passed and
//    queued, then vetoed (cancelled) by the guardian in the timelock.
// The main job and the end-to-end tests run it; the tests compare the indexer's governance API with the chain.
import { Contract, JsonRpcProvider, Wallet, id, parseEther, type Signer } from "ethers";
import * as gov from "../ops/governance.js";
import { formatAth } from "./format.js";
import type { Manifest } from "./manifest.js";

export interface GovernanceProposal {
  id: bigint;
  calls: gov.ProposalCalls;
  /** What the story expects governor.state to end at. */
  finalState: (typeof gov.STATES)[number];
}

export interface GovernanceStory {
  actors: {
    /** Holds ATH (its own votes) and proposes. */
    proposer: string;
    /** Votes with what alice (ATH and stATH) and dave (stATH) delegated to it. */
    delegate: string;
    alice: string;
    bob: string;
    dave: string;
    /** The account proposal 3 would have made a distributor. */
    drainer: string;
    guardian: string;
  };
  /** Challenge window before and after proposal 1. */
  challengeWindow: { before: bigint; after: bigint };
  proposals: { challengeWindow: GovernanceProposal; quorum: GovernanceProposal; distributor: GovernanceProposal };
  /** Block of the story's last transaction. */
  lastBlock: number;
}

const HOUR = 3_600;

/** The ATH the proposer needs: a tenth more than the quorum of the voting supply now (at least the threshold). */
function proposerStake(votingSupply: bigint, quorumBps: bigint, threshold: bigint): bigint {
  const quorum = (votingSupply * quorumBps) / 10_000n;
  const wanted = (quorum * 11n) / 10n;
  return wanted > threshold ? wanted : threshold;
}

export async function simulateGovernance(rpcUrl: string, manifest: Manifest, log: (line: string) => void = () => {}): Promise<GovernanceStory> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const accounts: string[] = await provider.send("eth_accounts", []);
  const signer = (i: number) => provider.getSigner(accounts[i]);
  const at = (name: string, s: Signer | JsonRpcProvider) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);
  const now = async () => (await provider.getBlock("latest"))!.timestamp;
  const setTime = async (t: number) => {
    if ((await now()) < t) {
      await provider.send("evm_setNextBlockTimestamp", [t]);
      await provider.send("evm_mine", []);
    }
  };
  const [deployer, guardian, funder] = await Promise.all([0, 1, 6].map(signer));
  // the staking story's holders (same keys), who hold stATH, and two fresh wallets
  const wallet = (name: string) => new Wallet(id(`aethir-staking-${name}`), provider);
  const [alice, bob, dave] = ["alice", "bob", "dave"].map(wallet);
  const [proposer, delegate, drainer] = ["proposer", "delegate", "drainer"].map((n) => new Wallet(id(`aethir-governance-${n}`), provider));
  const token = at("AethirToken", funder);
  const governor = at("AethirGovernor", provider);
  const referee = at("CheckerReferee", provider);
  const pool = at("CheckerBaseRewardPool", provider);

  const [supply, quorumBps, threshold] = (await Promise.all([governor.votingSupply(), governor.quorumBps(), governor.proposalThreshold()])) as bigint[];
  const stake = proposerStake(supply, quorumBps, threshold);
  for (const w of [proposer, delegate]) await (await deployer.sendTransaction({ to: w.address, value: parseEther("1") })).wait();
  await (await token.transfer(proposer.address, stake)).wait();
  log(`the airdrop beneficiary sends the proposer ${formatAth(stake, 0)} ATH (a tenth over the quorum: ${Number(quorumBps) / 100}% of ${formatAth(supply, 0)} ATH of voting supply)`);

  await (await at("AethirToken", proposer).delegate(proposer.address)).wait();
  await gov.delegateVotes(manifest, bob, bob.address);
  await gov.delegateVotes(manifest, alice, delegate.address);
  await (await at("StakingPools", dave).delegate(delegate.address)).wait();
  const votes = async (a: string) => (await gov.votesOf(manifest, proposer, a)).total;
  log(`holders delegate: the proposer and bob (ATH and stATH) to themselves, alice (ATH and stATH) and dave (stATH) to a delegate, who now has ${formatAth(await votes(delegate.address), 0)} votes`);

  const before: bigint = await referee.challengeWindow();
  const window: gov.ProposalCalls = {
    targets: [manifest.contracts.CheckerReferee.address], values: [0n],
    calldatas: [referee.interface.encodeFunctionData("setChallengeWindow", [before * 2n])],
    description: `Double the referee's challenge window\n\nFrom ${before} to ${before * 2n} seconds: more time for the guardian to veto a wrong epoch root.`,
  };
  const quorum: gov.ProposalCalls = {
    targets: [manifest.contracts.AethirGovernor.address], values: [0n],
    calldatas: [governor.interface.encodeFunctionData("setQuorumBps", [500n])],
    description: "Raise the quorum to 5%\n\nOf the voting supply, for proposals created after this one executes.",
  };
  const grant: gov.ProposalCalls = {
    targets: [manifest.contracts.CheckerBaseRewardPool.address], values: [0n],
    calldatas: [pool.interface.encodeFunctionData("grantRole", [await pool.DISTRIBUTOR_ROLE(), drainer.address])],
    description: "Add a distributor to the checker base reward pool\n\nA new rewards partner draws from the pool directly.",
  };
  const ids: bigint[] = [];
  for (const p of [window, quorum, grant]) ids.push((await gov.propose(manifest, proposer, p)).proposalId);
  const [snapshot, deadline] = (await Promise.all([governor.proposalSnapshot(ids[2]), governor.proposalDeadline(ids[2])])) as bigint[];
  log(`the proposer proposes: ${gov.describeCall(manifest, window.targets[0], window.calldatas[0])}; ${gov.describeCall(manifest, quorum.targets[0], quorum.calldatas[0])}; ${gov.describeCall(manifest, grant.targets[0], grant.calldatas[0])}`);

  await setTime(Number(snapshot) + 1);
  const [pWindow, pQuorum, pGrant] = ids;
  await gov.vote(manifest, proposer, { proposalId: pWindow, support: "for", reason: "roots deserve a longer look" });
  await gov.vote(manifest, delegate, { proposalId: pWindow, support: "for", reason: "voting for alice and dave: agreed" });
  await gov.vote(manifest, bob, { proposalId: pWindow, support: "abstain" });
  await gov.vote(manifest, bob, { proposalId: pQuorum, support: "for", reason: "a higher bar for every proposal" });
  await gov.vote(manifest, proposer, { proposalId: pGrant, support: "for" });
  await gov.vote(manifest, delegate, { proposalId: pGrant, support: "for", reason: "the partner is known to us" });
  await gov.vote(manifest, bob, { proposalId: pGrant, support: "against", reason: "a distributor can drain the pool" });
  log("an hour on, voting opens: the proposer and the delegate vote for proposals 1 and 3 (bob abstains on 1, is against 3); only bob votes on 2 (for)");

  await setTime(Number(deadline) + 1);
  const states = await Promise.all(ids.map((p) => gov.state(manifest, provider as never, p)));
  const eta = (await gov.queue(manifest, proposer, window)).eta;
  await gov.queue(manifest, proposer, grant);
  log(`a day on, voting closes: ${states.map((s, i) => `proposal ${i + 1} ${s}`).join(", ")} (quorum ${formatAth(await governor.quorum(snapshot), 0)} votes); proposals 1 and 3 are queued in the timelock`);

  await gov.veto(manifest, guardian, grant);
  log(`the guardian vetoes proposal 3 in the timelock: ${await gov.state(manifest, provider as never, pGrant)}`);

  await setTime(Number(eta));
  await gov.execute(manifest, proposer, window);
  const after: bigint = await referee.challengeWindow();
  log(`an hour on, anyone executes proposal 1: the referee's challenge window is now ${after} seconds (was ${before})`);

  const story: GovernanceStory = {
    actors: {
      proposer: proposer.address, delegate: delegate.address, alice: alice.address, bob: bob.address, dave: dave.address,
      drainer: drainer.address, guardian: await guardian.getAddress(),
    },
    challengeWindow: { before, after },
    proposals: {
      challengeWindow: { id: pWindow, calls: window, finalState: "Executed" },
      quorum: { id: pQuorum, calls: quorum, finalState: "Defeated" },
      distributor: { id: pGrant, calls: grant, finalState: "Canceled" },
    },
    lastBlock: await provider.getBlockNumber(),
  };
  for (const p of Object.values(story.proposals)) {
    const s = await gov.state(manifest, provider as never, p.id);
    if (s !== p.finalState) throw new Error(`governance story: proposal ${p.id} ended ${s}, not ${p.finalState}`);
  }
  provider.destroy();
  return story;
}
