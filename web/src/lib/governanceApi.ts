// The indexer's governance REST answers (ponder/src/api: /proposals, /proposals/:id, /delegates). Amounts are wei as
// decimal strings, times unix seconds, addresses lower-case.
export type ProposalStateName = "Pending" | "Active" | "Canceled" | "Defeated" | "Succeeded" | "Queued" | "Expired" | "Executed";

export interface ProposalCall {
  target: string;
  targetName: string | null;
  value: string;
  data: string;
  function: string | null;
  args: { name: string; type: string; value: string; words: string }[];
  words: string;
}

export interface Proposal {
  id: string;
  proposer: string;
  title: string;
  description: string;
  state: ProposalStateName;
  createdAt: number;
  voteStart: number;
  voteEnd: number;
  eta: number | null;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  quorum: string;
  calls: ProposalCall[];
}

export interface ProposalDetail extends Proposal {
  history: { state: ProposalStateName; timestamp: number; block: number | null; tx: string | null }[];
  votes: { voter: string; support: "for" | "against" | "abstain"; weight: string; reason: string; timestamp: number; block: number; tx: string }[];
}

/** The governor's ProposalState enum, in order. */
export const STATE_NAMES: ProposalStateName[] = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];

/** Functions whose call moves funds or hands out power: the page warns before anyone votes for them. */
const RISKY = /^(grantRole|revokeRole|renounceRole|transfer|transferFrom|approve|mint|withdraw|release|sweep|upgradeTo|upgradeToAndCall|transferOwnership|setDistributor|fund)/;

/** Why a call deserves a warning, in words, or undefined. */
export function callWarning(call: ProposalCall): string | undefined {
  if (BigInt(call.value) > 0n) return "This call sends ETH from the timelock.";
  const fn = call.function;
  if (fn === null) return "This call could not be decoded: read its data before voting.";
  if (/^(grantRole|revokeRole|renounceRole|transferOwnership)$/.test(fn)) return "This call changes who holds a role: whoever receives it gains that power over the contract.";
  if (RISKY.test(fn)) return "This call moves funds.";
  return undefined;
}

/** For + abstain counts towards the quorum (OpenZeppelin's simple counting); the share reached, 0..1. */
export function quorumReached(p: Pick<Proposal, "forVotes" | "abstainVotes" | "quorum">): number {
  const q = BigInt(p.quorum);
  if (q === 0n) return 1;
  const counted = BigInt(p.forVotes) + BigInt(p.abstainVotes);
  return counted >= q ? 1 : Number((counted * 10_000n) / q) / 10_000;
}
