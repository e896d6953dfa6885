// Attacks on the off-chain side of committed assignments (issue 11's attacker brief), against a real chain: what
// loadFrozenSets reads as an epoch's licenses and containers when delegations, bans, transfers and registrations change
// right before, at and after the cut-off; verify-assignment against a referee that commits a stale picture (the
// current operator instead of the frozen one, a license banned at the cut-off); and the referee service's seed reveal
// after an outsider anchored first, on a node whose RPC block numbers are not the EVM's `block.number` (Arbitrum's
// eth_blockNumber is the L2 block, `block.number` follows L1).
import { attestAccounts } from "../../scripts/lib/compliance.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { artifacts, network } from "hardhat";
import { AbiCoder, BrowserProvider, Wallet, id, keccak256, type BaseContract, type Signer } from "ethers";
import type { Manifest } from "../../scripts/lib/manifest.js";
import { computeAssignment, cutoffOf, loadFrozenSets, verifyAssignment, type FrozenSets } from "../../scripts/referee/assignment.js";
import { commitSeed, revealSeed } from "../../scripts/referee/service.js";

const DAY = 86_400;
const E = 1; // the epoch whose frozen sets are attacked
const coder = AbiCoder.defaultAbiCoder();

async function deployed(c: BaseContract, artifact: string) {
  const receipt = await c.deploymentTransaction()!.wait();
  return { artifact, address: await c.getAddress(), blockNumber: receipt!.blockNumber, txHash: receipt!.hash, abi: (await artifacts.readArtifact(artifact)).abi as unknown[] };
}

describe("Attacks on assignments, off chain", () => {
  async function setup() {
    // several transactions share the cut-off's second, as they may on a real chain
    const connection = await network.create({ override: { allowBlocksWithSameTimestamp: true } });
    const { ethers, networkHelpers } = connection;
    const provider = ethers.provider;
    const [admin, refereeAccount, guardian, owner, buyer, host, outsider] = await ethers.getSigners();
    const now = (await provider.getBlock("latest"))!.timestamp;
    const tge = now + 2 * DAY;
    const cutoff = cutoffOf(tge, E);
    const end = tge + (E + 1) * DAY;

    const compliance = await ethers.deployContract("ComplianceRegistry", [admin.address, []]);
    // license receivers need a valid attestation (issue 11, compliance): the admin doubles as the KYC signer here
    await (await compliance.grantRole(await compliance.KYC_SIGNER_ROLE(), admin.address)).wait();
    await attestAccounts(compliance, admin, [owner.address, buyer.address], "DE");
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await compliance.getAddress(), 0]);
    const staking = await ethers.deployContract("HostStaking", [admin.address, await license.getAddress(), await compliance.getAddress(), await compliance.getAddress(), 10n ** 18n]);
    const registry = await ethers.getContractAt("HostRegistry", await staking.registry());
    // the referee never touches its pools in these tests: any contract address will do
    const referee = await ethers.deployContract("CheckerReferee", [admin.address, refereeAccount.address, guardian.address, await license.getAddress(), await compliance.getAddress(), await compliance.getAddress(), tge]);
    const chainId = Number((await provider.getNetwork()).chainId);
    const registryDeployed = { ...(await deployed(staking, "HostStaking")), artifact: "HostRegistry", address: await registry.getAddress(), abi: (await artifacts.readArtifact("HostRegistry")).abi as unknown[] };
    const manifest = {
      network: "attack",
      chainId,
      deployer: admin.address,
      tgeTimestamp: tge,
      startBlock: 0,
      contracts: { CheckerLicense: await deployed(license, "CheckerLicense"), HostRegistry: registryDeployed, CheckerReferee: await deployed(referee, "CheckerReferee") },
      buckets: [],
    } as Manifest;

    return { connection, ethers, networkHelpers, provider, admin, refereeAccount, guardian, owner, buyer, host, outsider, tge, cutoff, end, license, staking, registry, referee, manifest };
  }
  type Setup = Awaited<ReturnType<typeof setup>>;

  /** Sends `send()` in a block with timestamp `t` (several may share one second). */
  const at = async (s: Setup, t: number, send: () => Promise<{ wait(): Promise<unknown> }>) => {
    await s.networkHelpers.time.setNextBlockTimestamp(t);
    await (await send()).wait();
  };

  const op = (name: string) => new Wallet(id(`attack operator ${name}`)).address;
  const C = (name: string) => id(`attack container ${name}`);

  /**
   * Licenses 1 to 13 and containers C1 to C4 with histories around epoch 1's cut-off T. Expected in the frozen set:
   * license 1 (delegated before T, revoked an hour after), 3 (delegation lasting to the epoch's last second), 5 with
   * its operator before T (re-delegated at T), 7 (a ban ending at T - 1: not banned at T), 8 (banned at T), 10 with the
   * seller's operator (sold at T), 12 (revoked at T); C1 and C3 (deregistered at T). Left out: 2 (delegation ends
   * during the epoch), 4 (never delegated), 6 (banned until T), 9 (sold before T: the sale cleared its operator),
   * 11 (revoked at T - 1), 13 (minted and delegated at T); C2 (registered at T) and C4 (deregistered at T - 1).
   */
  async function history(s: Setup) {
    const { license, registry, owner, buyer, host, cutoff: T, end } = s;
    const far = end + 30 * DAY;
    const base = (await s.provider.getBlock("latest"))!.timestamp + 10;
    let t = base;
    const before = (send: () => Promise<{ wait(): Promise<unknown> }>) => at(s, ++t, send);
    const [minter, banner] = [await license.MINTER_ROLE(), await license.BAN_ROLE()];
    await before(() => license.grantRole(minter, s.admin.address));
    await before(() => license.grantRole(banner, s.admin.address));
    await before(() => license.mint(owner.address, 12));
    for (const i of [1, 5, 6, 7, 8, 9, 10, 11, 12]) await before(() => license.connect(owner).setUser(i, op(`${i}`), far));
    await before(() => license.connect(owner).setUser(2, op("2"), end - 2));
    await before(() => license.connect(owner).setUser(3, op("3"), end - 1));
    await before(() => license.ban(6, T));
    await before(() => license.ban(7, T - 1));
    await before(() => license.connect(owner).transferFrom(owner.address, buyer.address, 9));
    await before(() => registry.setGpuClass(1, 10_000, false, true));
    await before(() => s.staking.connect(host).registerHost(0));
    for (const c of ["C1", "C3", "C4"]) await before(() => registry.connect(host).registerContainer(C(c), 1, "0x4445000000000000"));
    expect(t).to.be.lessThan(T - 1);

    await at(s, T - 1, () => license.connect(owner).setUser(11, "0x0000000000000000000000000000000000000000", 0));
    await at(s, T - 1, () => registry.connect(host).deregisterContainer(C("C4")));
    await at(s, T, () => license.connect(owner).setUser(5, op("5 new"), far));
    await at(s, T, () => license.ban(8, far));
    await at(s, T, () => license.connect(owner).transferFrom(owner.address, buyer.address, 10));
    await at(s, T, () => license.connect(owner).setUser(12, "0x0000000000000000000000000000000000000000", 0));
    await at(s, T, () => license.mint(owner.address, 1));
    await at(s, T, () => license.connect(owner).setUser(13, op("13"), far));
    await at(s, T, () => registry.connect(host).registerContainer(C("C2"), 1, "0x4445000000000000"));
    await at(s, T, () => registry.connect(host).deregisterContainer(C("C3")));
    await at(s, T + 3_600, () => license.connect(owner).setUser(1, "0x0000000000000000000000000000000000000000", 0));
  }

  const expectedLicenses = () =>
    [
      [1, op("1")],
      [3, op("3")],
      [5, op("5")],
      [7, op("7")],
      [8, op("8")],
      [10, op("10")],
      [12, op("12")],
    ].map(([licenseId, operator]) => ({ licenseId, operator: (operator as string).toLowerCase() }));

  it("freezes what the chain held before the cut-off: delegations lasting the epoch, no ban at T, changes at or after T ignored", async () => {
    const s = await setup();
    await history(s);
    const frozen = await loadFrozenSets(s.provider, s.manifest, E);
    expect(frozen.cutoff).to.equal(s.cutoff);
    // everything but license 7, whose ban ended the second before T, agrees with the brief; 7 separately below
    expect(frozen.licenses.filter((l) => l.licenseId !== 7)).to.deep.equal(expectedLicenses().filter((l) => l.licenseId !== 7));
    expect(frozen.containers).to.deep.equal([C("C1"), C("C3")].map((c) => c.toLowerCase()).sort());
    // the stored ban ends: 6 is banned at T (T >= T), 7 is not (T - 1 < T)
    expect(await s.license.bannedUntil(6)).to.equal(BigInt(s.cutoff));
    expect(await s.license.bannedUntil(7)).to.equal(BigInt(s.cutoff - 1));
  });

  it("leaves out a license banned at the cut-off, and only that: a ban that ended the second before T does not count", async () => {
    const s = await setup();
    await history(s);
    const frozen = await loadFrozenSets(s.provider, s.manifest, E);
    const ids = frozen.licenses.map((l) => l.licenseId);
    expect(ids, "banned until T: banned at T").to.not.include(6);
    expect(ids, "banned at T (the ban came in a block at T): not banned before T").to.include(8);
    // checkerOf at T says license 7 is not banned (bannedUntil T - 1 < T): it takes part, as the issue's rule says
    expect(ids, "banned until T - 1: not banned at T").to.include(7);
  });

  it("verify-assignment refuses a root built with the operator of now or with a license banned at the cut-off", async () => {
    const s = await setup();
    const secret = id("attack secret");
    await at(s, (await s.provider.getBlock("latest"))!.timestamp + 1, () => s.referee.connect(s.refereeAccount).commitSeed(E, keccak256(coder.encode(["uint64", "bytes32"], [E, secret]))));
    await history(s);
    await (await s.referee.connect(s.outsider).anchorSeed(E)).wait();
    await (await s.referee.connect(s.refereeAccount).revealSeed(E, secret)).wait();
    const seed = (await s.referee.seedOf(E)).seed as string;
    const n = Number(await s.referee.n());
    const frozen = await loadFrozenSets(s.provider, s.manifest, E);
    const post = async (sets: FrozenSets) => {
      const { tree, jobs } = computeAssignment(E, seed, n, sets);
      await (await s.referee.connect(s.refereeAccount).postAssignment(E, tree!.root, jobs.length, "file:///attack.json")).wait();
      return verifyAssignment(s.provider, s.manifest, E);
    };
    const veto = async () => (await s.referee.connect(s.guardian).vetoAssignment(E)).wait();

    // the stale picture a lazy or compromised referee would commit: license 5 signed by its operator of now
    const current = { ...frozen, licenses: frozen.licenses.map((l) => (l.licenseId === 5 ? { licenseId: 5, operator: op("5 new").toLowerCase() } : l)) };
    let v = await post(current);
    expect(v.ok, "the current operator of 5 is not the frozen one").to.equal(false);
    await veto();
    // license 6, banned until T, slipped back in
    const withBanned = { ...frozen, licenses: [...frozen.licenses, { licenseId: 6, operator: op("6").toLowerCase() }].sort((a, b) => a.licenseId - b.licenseId) };
    v = await post(withBanned);
    expect(v.ok, "license 6 was banned at T").to.equal(false);
    await veto();
    v = await post(frozen);
    expect(v.ok, v.reason ?? "").to.equal(true);
  });

  describe("the referee service's reveal after an outsider anchored first", () => {
    /** A signer for `account` on an RPC whose eth_blockNumber runs `offset` ahead of the EVM's block.number. */
    async function offsetSigner(s: Setup, account: string, offset: bigint): Promise<Signer> {
      const inner = s.connection.provider;
      const wrapped = {
        request: async (args: { method: string; params?: unknown[] | Record<string, unknown> }) => {
          const result = await inner.request(args as never);
          return args.method === "eth_blockNumber" ? "0x" + (BigInt(result as string) + offset).toString(16) : result;
        },
      };
      return new BrowserProvider(wrapped).getSigner(account);
    }

    /** Commits epoch `epoch`'s seed with the service, moves to its cut-off and lets the outsider anchor. */
    async function anchoredByOutsider(s: Setup, epoch: number) {
      const outDir = mkdtempSync(join(tmpdir(), "attack-seeds-"));
      expect(await commitSeed({ manifest: s.manifest, referee: s.refereeAccount, epoch, outDir })).to.equal(true);
      const secret = readFileSync(join(outDir, "seeds", `epoch-${epoch}.secret`), "utf8").trim();
      await s.networkHelpers.time.increaseTo(cutoffOf(s.tge, epoch));
      const receipt = await (await s.referee.connect(s.outsider).anchorSeed(epoch)).wait();
      const anchorHash = (await s.provider.getBlock(receipt!.blockNumber))!.hash!;
      return { outDir, secret, expected: keccak256(coder.encode(["bytes32", "bytes32"], [secret, anchorHash])) };
    }

    it("reveals the committed secret when the RPC's block numbers are the EVM's", async () => {
      const s = await setup();
      const { outDir, expected } = await anchoredByOutsider(s, 2);
      expect(await revealSeed({ manifest: s.manifest, referee: s.refereeAccount, epoch: 2, outDir, awaitBlock: () => s.networkHelpers.mine(1) })).to.equal(expected);
      expect((await s.referee.seedOf(2)).forfeited).to.equal(false);
    });

    it("reveals the committed secret on an Arbitrum-like RPC (eth_blockNumber is the L2 block, block.number follows L1)", async () => {
      const s = await setup();
      const { outDir, expected } = await anchoredByOutsider(s, 2);
      const signer = await offsetSigner(s, s.refereeAccount.address, 250_000_000n);
      // Safe: the outsider's early anchor neither blocks the reveal nor forfeits the referee's secret.
      const refused = (e: Error & { data?: string }) => {
        const error = e.data ? s.referee.interface.parseError(e.data) : null;
        return `refused: ${error ? `${error.name}(${error.args.join(", ")})` : e.message.slice(0, 120)}`;
      };
      const seed = await revealSeed({ manifest: s.manifest, referee: signer, epoch: 2, outDir, awaitBlock: () => s.networkHelpers.mine(1) }).catch(refused);
      expect(seed).to.equal(expected);
      expect((await s.referee.seedOf(2)).forfeited).to.equal(false);
    });
  });
});
