// Compute-provider rewards (issue 15, docs/decisions.md "Compute-provider rewards"): one epoch's Edge and
// Enterprise/IDC payouts as a pure function of the epoch's committed jobs, their majority verdicts (what settle.ts
// computes from the verified signed results), the containers frozen at the epoch's cut-off and the hosts halted at its
// end. No I/O: the service feeds it (compute-inputs.ts reads the chain), the benchmark times it, the tests recompute it.
//
// The rule, exactly:
// - a container's points in epoch E = (number of E's committed jobs assigned to it whose majority verdict is Pass) x
//   its class coefficient frozen at E's cut-off; jobs without a majority (void) count nothing;
// - a container with at least one job of Fail majority in E, or whose host is halted at E's end, has 0 points (its
//   share stays in its pool);
// - each pool's pot = what it released by E's end + what was returned to it - everything paid from it before E; Edge
//   containers (class marked Edge in ComputeRewards) share the Edge pool's pot, the others the Enterprise pool's, each
//   container floor(pot x points / pool's total points); the remainder (rounding, zeroed shares, an epoch without
//   points) is not paid and so is in the next epoch's pot;
// - a container's earnings go to its host (the account that registered it): the leaf (host, cumulativeEdge,
//   cumulativeEnterprise) of one cumulative tree over every account that ever earned.
//
// Streaming: `ComputeTally.add` takes one job at a time, so the caller never holds more than the per-container counts.
import { buildAccountTree, standardLeafHash, word, type AccountTree } from "./tree.js";
import { Verdict } from "./settle.js";

export type Pool = "edge" | "enterprise";
export type Zeroed = "fail-majority" | "halted" | null;

/** A container frozen at the epoch's cut-off, with its class's coefficient and pool. */
export interface ComputeContainer {
  /** bytes32, lower-case. */
  container: string;
  /** The account that registered it (lower-case): paid its earnings. */
  host: string;
  classId: number;
  /** HostRegistry's coefficient (10,000 = 1x K) frozen at the cut-off. */
  coefficient: number;
  /** Whether its class is marked Edge in ComputeRewards at the cut-off (otherwise Enterprise/IDC). */
  edge: boolean;
}

export interface PoolAmounts {
  edge: bigint;
  enterprise: bigint;
}

/** Carried from epoch to epoch (JSON-serializable). */
export interface ComputeState {
  /** The next epoch to settle. */
  epoch: number;
  /** account -> [cumulative Edge, cumulative Enterprise] (decimal strings): the leaves of the cumulative tree. */
  cumulative: Record<string, [string, string]>;
  /** Everything paid from each pool so far (decimal strings): what the next pots are reduced by. */
  paidEdge: string;
  paidEnterprise: string;
}

export function initialComputeState(epoch = 0): ComputeState {
  return { epoch, cumulative: {}, paidEdge: "0", paidEnterprise: "0" };
}

export interface ContainerOutcome {
  container: string;
  host: string;
  classId: number;
  coefficient: number;
  pool: Pool;
  assigned: number;
  pass: number;
  fail: number;
  void: number;
  points: number;
  earned: bigint;
  /** Why its points are 0 whatever its Pass jobs: a Fail majority, or its host halted at the epoch's end. */
  zeroed: Zeroed;
}

export interface PoolOutcome {
  /** Released by the epoch's end plus returned (what the on-chain cap is measured against). */
  available: bigint;
  /** available - paid before the epoch. */
  pot: bigint;
  points: number;
  paid: bigint;
  /** pot - paid: stays in the pool for later epochs. */
  carried: bigint;
}

export interface ComputeSettlement {
  epoch: number;
  edge: PoolOutcome;
  enterprise: PoolOutcome;
  containers: ContainerOutcome[];
  /** account -> what it earned in this epoch. */
  earned: Map<string, PoolAmounts>;
  /** account -> its cumulative leaf. */
  cumulative: Map<string, PoolAmounts>;
  /** The sum of every leaf per pool: the totals the root is posted with. */
  total: PoolAmounts;
  state: ComputeState;
}

interface Counts {
  info: ComputeContainer;
  assigned: number;
  pass: number;
  fail: number;
  void: number;
}

/** The epoch's jobs counted per container, one job at a time. */
export class ComputeTally {
  private readonly counts = new Map<string, Counts>();

  constructor(readonly epoch: number, containers: Iterable<ComputeContainer>) {
    for (const info of containers) {
      const id = info.container.toLowerCase();
      if (this.counts.has(id)) throw new Error(`container ${id} is listed twice`);
      if (!Number.isInteger(info.coefficient) || info.coefficient < 0) throw new Error(`container ${id} has coefficient ${info.coefficient}`);
      this.counts.set(id, { info: { ...info, container: id, host: info.host.toLowerCase() }, assigned: 0, pass: 0, fail: 0, void: 0 });
    }
  }

  /** One committed job of the epoch: the container it checked and its majority verdict (null: no majority). */
  add(container: string, verdict: Verdict | null) {
    const c = this.counts.get(container.toLowerCase());
    if (!c) throw new Error(`job of container ${container}, which was not frozen at the epoch's cut-off`);
    c.assigned++;
    if (verdict === Verdict.Pass) c.pass++;
    else if (verdict === Verdict.Fail) c.fail++;
    else c.void++;
  }

  /** Per container, in ascending id order. */
  entries(): Counts[] {
    return [...this.counts.values()].sort((a, b) => (a.info.container < b.info.container ? -1 : a.info.container > b.info.container ? 1 : 0));
  }
}

export interface SettleComputeInput {
  /** Hosts (lower-case) halted at the epoch's end. */
  halted: ReadonlySet<string>;
  /** Per pool: released by the epoch's end + returned to it. */
  available: PoolAmounts;
  /** The state after the previous epoch; its `epoch` must be the tally's. */
  state: ComputeState;
}

const pot = (available: bigint, paidBefore: bigint) => (available > paidBefore ? available - paidBefore : 0n);

/** Settles the tallied epoch by the rule above. */
export function settleCompute(tally: ComputeTally, input: SettleComputeInput): ComputeSettlement {
  const { state } = input;
  if (state.epoch !== tally.epoch) throw new Error(`the compute state is at epoch ${state.epoch}, not ${tally.epoch}`);
  const paidBefore: PoolAmounts = { edge: BigInt(state.paidEdge), enterprise: BigInt(state.paidEnterprise) };
  const pools: Record<Pool, PoolOutcome> = {
    edge: { available: input.available.edge, pot: pot(input.available.edge, paidBefore.edge), points: 0, paid: 0n, carried: 0n },
    enterprise: { available: input.available.enterprise, pot: pot(input.available.enterprise, paidBefore.enterprise), points: 0, paid: 0n, carried: 0n },
  };
  const containers: ContainerOutcome[] = [];
  for (const c of tally.entries()) {
    const pool: Pool = c.info.edge ? "edge" : "enterprise";
    const zeroed: Zeroed = c.fail > 0 ? "fail-majority" : input.halted.has(c.info.host) ? "halted" : null;
    const points = zeroed ? 0 : c.pass * c.info.coefficient;
    pools[pool].points += points;
    containers.push({ container: c.info.container, host: c.info.host, classId: c.info.classId, coefficient: c.info.coefficient, pool, assigned: c.assigned, pass: c.pass, fail: c.fail, void: c.void, points, earned: 0n, zeroed });
  }
  if (!Number.isSafeInteger(pools.edge.points) || !Number.isSafeInteger(pools.enterprise.points)) throw new Error("points overflow a safe integer");

  const earned = new Map<string, PoolAmounts>();
  for (const c of containers) {
    const p = pools[c.pool];
    if (c.points === 0) continue;
    c.earned = (p.pot * BigInt(c.points)) / BigInt(p.points);
    p.paid += c.earned;
    let e = earned.get(c.host);
    if (!e) earned.set(c.host, (e = { edge: 0n, enterprise: 0n }));
    e[c.pool] += c.earned;
  }
  for (const p of Object.values(pools)) p.carried = p.pot - p.paid;

  const cumulative = new Map<string, PoolAmounts>(Object.entries(state.cumulative).map(([a, [e, n]]) => [a, { edge: BigInt(e), enterprise: BigInt(n) }]));
  for (const [account, e] of earned) {
    const c = cumulative.get(account) ?? { edge: 0n, enterprise: 0n };
    cumulative.set(account, { edge: c.edge + e.edge, enterprise: c.enterprise + e.enterprise });
  }
  const total: PoolAmounts = { edge: 0n, enterprise: 0n };
  for (const c of cumulative.values()) {
    total.edge += c.edge;
    total.enterprise += c.enterprise;
  }
  const next: ComputeState = {
    epoch: tally.epoch + 1,
    cumulative: Object.fromEntries([...cumulative].map(([a, c]) => [a, [c.edge.toString(), c.enterprise.toString()]])),
    paidEdge: (paidBefore.edge + pools.edge.paid).toString(),
    paidEnterprise: (paidBefore.enterprise + pools.enterprise.paid).toString(),
  };
  return { epoch: tally.epoch, edge: pools.edge, enterprise: pools.enterprise, containers, earned, cumulative, total, state: next };
}

// ---------------------------------------------------------------- the cumulative tree

/**
 * OpenZeppelin's StandardMerkleTree over ["address", "uint256", "uint256"] (account, cumulativeEdge,
 * cumulativeEnterprise), rebuilt on raw bytes like tree.ts (same leaf hash, leaf order, array layout and sorted-pair
 * hashing, so the root and proofs are the library's: a test checks it) because the library takes over a minute for
 * 100,000 leaves.
 */
export type ComputeTree = AccountTree<{ account: string; edge: bigint; enterprise: bigint }>;

/** keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeEdge, cumulativeEnterprise)))). */
export function computeLeafHash(account: string, edge: bigint, enterprise: bigint): Uint8Array {
  return standardLeafHash(word(account), word(edge), word(enterprise));
}

/** The tree of every account with a positive cumulative amount in either pool (zero root when there is none). */
export function buildComputeTree(cumulative: Map<string, PoolAmounts>): ComputeTree {
  return buildAccountTree(
    [...cumulative]
      .filter(([, c]) => c.edge > 0n || c.enterprise > 0n)
      .map(([account, c]) => ({ leaf: { account: account.toLowerCase(), edge: c.edge, enterprise: c.enterprise }, hash: computeLeafHash(account, c.edge, c.enterprise) })),
  );
}

// ---------------------------------------------------------------- the published files

/** What hosts and Edge owners fetch: every account's leaf and proof. */
export interface ComputeProofsFile {
  epoch: number;
  root: string;
  totalEdge: string;
  totalEnterprise: string;
  claims: Record<string, { edge: string; enterprise: string; proof: string[] }>;
}

export function computeProofsOf(tree: ComputeTree, s: ComputeSettlement): ComputeProofsFile {
  const claims: ComputeProofsFile["claims"] = {};
  for (const l of tree.leaves) claims[l.account] = { edge: l.edge.toString(), enterprise: l.enterprise.toString(), proof: tree.proof(l.account)! };
  return { epoch: s.epoch, root: tree.root, totalEdge: s.total.edge.toString(), totalEnterprise: s.total.enterprise.toString(), claims };
}

const poolJson = (p: PoolOutcome) => ({ available: p.available.toString(), pot: p.pot.toString(), points: p.points, paid: p.paid.toString(), carried: p.carried.toString() });

/** The report written beside the checker settlement's (`epoch-<E>.compute.report.json`). */
export interface ComputeReport {
  epoch: number;
  root: string;
  totalEdge: string;
  totalEnterprise: string;
  /** The checker report this was computed from (its job verdicts) and the assignment's root. */
  checkerReport: string;
  assignmentRoot: string;
  edge: ReturnType<typeof poolJson>;
  enterprise: ReturnType<typeof poolJson>;
  containers: (Omit<ContainerOutcome, "earned"> & { earned: string })[];
  accounts: { account: string; earnedEdge: string; earnedEnterprise: string; cumulativeEdge: string; cumulativeEnterprise: string }[];
  proofs: string;
}

export function computeReportOf(s: ComputeSettlement, tree: ComputeTree, files: { checkerReport: string; assignmentRoot: string; proofs: string }): ComputeReport {
  return {
    epoch: s.epoch,
    root: tree.root,
    totalEdge: s.total.edge.toString(),
    totalEnterprise: s.total.enterprise.toString(),
    checkerReport: files.checkerReport,
    assignmentRoot: files.assignmentRoot,
    edge: poolJson(s.edge),
    enterprise: poolJson(s.enterprise),
    containers: s.containers.map((c) => ({ ...c, earned: c.earned.toString() })),
    accounts: [...s.cumulative].map(([account, c]) => {
      const e = s.earned.get(account);
      return { account, earnedEdge: (e?.edge ?? 0n).toString(), earnedEnterprise: (e?.enterprise ?? 0n).toString(), cumulativeEdge: c.edge.toString(), cumulativeEnterprise: c.enterprise.toString() };
    }),
    proofs: files.proofs,
  };
}
