// What holders and the guardian do with holder governance (issue 16): delegate ATH and stATH votes, propose a call,
// vote (with a reason), queue a passed proposal in the timelock, execute it after the delay, veto (cancel) it as the
// guardian; and read a proposal's calls in words (target contract, function, arguments). Used by `npm run cli` and
// the tests.
import { Contract, Interface, id, type Signer } from "ethers";
import type { Manifest } from "../lib/manifest.js";
import { ROLE_NAMES } from "../lib/error-sentences.js";

const at = (manifest: Manifest, name: string, s: Signer) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);

export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"] as const;

export interface ProposalCalls {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}

/** Gives the votes of the signer's ATH and stATH to `delegatee` (itself to vote): two transactions. */
export async function delegateVotes(manifest: Manifest, s: Signer, delegatee: string) {
  const ath = await (await at(manifest, "AethirToken", s).delegate(delegatee)).wait();
  const staked = await (await at(manifest, "StakingPools", s).delegate(delegatee)).wait();
  return { txHashes: [ath!.hash, staked!.hash] };
}

/** The signer's votes now (ATH + stATH delegated to it). */
export async function votesOf(manifest: Manifest, s: Signer, account: string) {
  const ath: bigint = await at(manifest, "AethirToken", s).getVotes(account);
  const staked: bigint = await at(manifest, "StakingPools", s).getVotes(account);
  return { ath, staked, total: ath + staked };
}

export function proposalId(manifest: Manifest, s: Signer, p: ProposalCalls): Promise<bigint> {
  return at(manifest, "AethirGovernor", s).getProposalId(p.targets, p.values, p.calldatas, id(p.description));
}

export async function propose(manifest: Manifest, s: Signer, p: ProposalCalls) {
  const governor = at(manifest, "AethirGovernor", s);
  const receipt = (await (await governor.propose(p.targets, p.values, p.calldatas, p.description)).wait())!;
  const pid = await proposalId(manifest, s, p);
  return { proposalId: pid, snapshot: (await governor.proposalSnapshot(pid)) as bigint, deadline: (await governor.proposalDeadline(pid)) as bigint, txHash: receipt.hash };
}

export async function vote(manifest: Manifest, s: Signer, o: { proposalId: bigint; support: keyof typeof SUPPORT; reason?: string }) {
  const governor = at(manifest, "AethirGovernor", s);
  const tx = o.reason ? await governor.castVoteWithReason(o.proposalId, SUPPORT[o.support], o.reason) : await governor.castVote(o.proposalId, SUPPORT[o.support]);
  const receipt = (await tx.wait())!;
  const log = receipt.logs.map((l: { topics: readonly string[]; data: string }) => governor.interface.parseLog({ topics: [...l.topics], data: l.data })).find((e: { name: string } | null) => e?.name === "VoteCast");
  return { weight: log!.args.weight as bigint, txHash: receipt.hash };
}

export async function queue(manifest: Manifest, s: Signer, p: ProposalCalls) {
  const governor = at(manifest, "AethirGovernor", s);
  const receipt = (await (await governor.queue(p.targets, p.values, p.calldatas, id(p.description))).wait())!;
  return { eta: (await governor.proposalEta(await proposalId(manifest, s, p))) as bigint, txHash: receipt.hash };
}

export async function execute(manifest: Manifest, s: Signer, p: ProposalCalls) {
  const receipt = (await (await at(manifest, "AethirGovernor", s).execute(p.targets, p.values, p.calldatas, id(p.description))).wait())!;
  return { txHash: receipt.hash };
}

/** The guardian's veto: cancels the proposal in the governor (and its timelock operation if queued). */
export async function veto(manifest: Manifest, s: Signer, p: ProposalCalls) {
  const receipt = (await (await at(manifest, "AethirGovernor", s).cancel(p.targets, p.values, p.calldatas, id(p.description))).wait())!;
  return { txHash: receipt.hash };
}

export async function state(manifest: Manifest, s: Signer, pid: bigint): Promise<(typeof STATES)[number]> {
  return STATES[Number(await at(manifest, "AethirGovernor", s).state(pid))];
}

/**
 * A call in words: "CheckerBaseRewardPool.grantRole(role: DISTRIBUTOR_ROLE, account: HostStaking 0x…)". The target is
 * named from the manifest, the function and its arguments from the target's ABI; roles and the deployment's addresses
 * by name. A target outside the manifest or an unknown selector is shown as raw data.
 */
export function describeCall(manifest: Manifest, target: string, data: string, value = 0n): string {
  const names = Object.fromEntries(Object.entries(manifest.contracts).map(([n, c]) => [c.address.toLowerCase(), n]));
  const name = names[target.toLowerCase()];
  const eth = value === 0n ? "" : ` sending ${value} wei`;
  if (name === undefined) return `${target} (not in the deployment) with data ${data}${eth}`;
  const iface = new Interface(manifest.contracts[name].abi as never);
  const parsed = iface.parseTransaction({ data, value });
  if (parsed === null) return `${name} ${target} with unknown data ${data}${eth}`;
  const word = (v: unknown, type: string): string => {
    if (Array.isArray(v)) return `[${v.map((x) => word(x, type.replace(/\[\d*\]$/, ""))).join(", ")}]`;
    if (type === "address") return names[String(v).toLowerCase()] ? `${names[String(v).toLowerCase()]} ${v}` : String(v);
    if (type === "bytes32") return ROLE_NAMES[String(v).toLowerCase()] ?? String(v);
    if (type === "string") return JSON.stringify(v);
    return String(v);
  };
  const args = parsed.fragment.inputs.map((input, i) => `${input.name || `arg${i}`}: ${word(parsed.args[i], input.type)}`);
  return `${name}.${parsed.name}(${args.join(", ")})${eth}`;
}
