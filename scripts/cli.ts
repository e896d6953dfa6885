// npm run cli -- <command> [options]: the license owner's, buyer's, referrer's, operator's and KYC provider's
// operations against a deployment. Run `npm run cli -- help` (or `help <command>`) for the list.
//
// Connection: --rpc <url> (or AETHIR_RPC_URL; default http://127.0.0.1:$AETHIR_RPC_PORT), --manifest <path>
// (default deployments/<--network, default localhost>.json). Signer: AETHIR_PRIVATE_KEY, or --account <n> for an
// unlocked account of a local node. Keys are never read from files in the repository. Every option is checked by
// scripts/lib/cli-validate.ts before anything connects to the chain.
import { readFileSync, writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { Contract, formatEther, Interface, type JsonRpcProvider, type Signer } from "ethers";
import { checkChain, cliSigner, connect, type ConnectionFlags } from "./lib/cli-connection.js";
import { formatAth, formatDate } from "./lib/cli-format.js";
import { accountsText, asJson, statusText } from "./lib/cli-status.js";
import { explainForCli } from "./lib/error-abis.js";
import * as v from "./lib/cli-validate.js";
import { localTestKeys } from "./lib/test-keys.js";
import type { Manifest } from "./lib/manifest.js";
import { readWhitelistCsv } from "./lib/whitelist.js";
import * as ops from "./ops/licenses.js";
import * as rewards from "./ops/rewards.js";
import * as staking from "./ops/staking.js";
import * as compute from "./ops/compute.js";
import * as computePayments from "./ops/compute-payments.js";
import * as governance from "./ops/governance.js";
import { localAccounts } from "./ops/accounts.js";
import { accountStatus } from "./ops/status.js";

const WEEK = 7 * 86_400;
const json = (x: unknown) => JSON.stringify(x, (_, val) => (typeof val === "bigint" ? val.toString() : val), 2);
const iso = (t: bigint) => (t === 0n ? "-" : formatDate(t));
/** The time of the newest block the indexer has indexed: "in N days" relative to the chain, whose clock a local node
 * may have moved months ahead. */
async function indexedTime(api: string): Promise<number> {
  const status = (await (await fetch(`${api}/status`)).json()) as Record<string, { block?: { timestamp: number } }>;
  return Math.max(0, ...Object.values(status).map((c) => c.block?.timestamp ?? 0)) || Date.now() / 1000;
}

const program = new Command("npm run cli --")
  .description("Operations on an Aethir deployment for buyers, license owners, referrers, stakers, hosts and the KYC provider.")
  .option("--rpc <url>", "JSON-RPC endpoint (default AETHIR_RPC_URL, else http://127.0.0.1:$AETHIR_RPC_PORT or :8545)")
  .option("--manifest <path>", "deployment manifest (default deployments/<network>.json)")
  .option("--network <name>", "network whose manifest to read", "localhost")
  .addOption(new Option("--account <n>", "sign with unlocked account n of a local node (instead of AETHIR_PRIVATE_KEY); for status, the account shown").argParser(v.integer("--account", 0, 999)))
  .showSuggestionAfterError()
  .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
  .configureOutput({
    // Commander's own errors, reworded where a sentence is clearer: the validators' sentences stand alone.
    outputError: (text, write) => {
      const invalid = /argument '.*' is invalid\. (.*)/s.exec(text);
      const unknown = /unknown command '([^']*)'/.exec(text);
      if (invalid) write(invalid[1].trimEnd() + "\n");
      else if (unknown) write(text.replace(/error: unknown command '([^']*)'/, `unknown command "${unknown[1]}"`).trimEnd() + "\nRun `npm run cli -- help` for the list of commands.\n");
      else write(text);
    },
  });

const SIGNER_NOTE = "\nSigner: set AETHIR_PRIVATE_KEY (a hex private key), or pass --account <n> on a local node.";
const examples: string[] = [];

type Opts = Record<string, any> & ConnectionFlags; // eslint-disable-line @typescript-eslint/no-explicit-any
type Chain = { manifest: Manifest; provider: JsonRpcProvider; s: Signer; o: Opts };

/**
 * A command; `run` gets the options with the globals. `chain`: true connects and signs first, "read" connects without
 * a signer, false neither. `check` refuses option combinations (one sentence) before anything connects.
 */
function command(name: string, description: string, example: string, chain: boolean | "read", build: (c: Command) => Command, run: (x: Chain) => Promise<void>, check?: (o: Opts) => string | undefined) {
  examples.push(`  npm run cli -- ${example}`);
  const c = build(program.command(name).description(description));
  c.addHelpText("after", `\nExample:\n  npm run cli -- ${example}${chain === true ? SIGNER_NOTE : ""}`);
  // Required options are checked here rather than by commander, which checks them before unknown options: a mistyped
  // --amout must be reported as the typo it is, not as a missing --amount.
  const required = c.options.filter((opt) => opt.mandatory);
  for (const opt of required) opt.mandatory = false;
  c.action(async (_opts: Opts, cmd: Command) => {
    const o = cmd.optsWithGlobals<Opts>();
    for (const opt of required) if (o[opt.attributeName()] === undefined) cmd.error(`error: required option '${opt.flags}' not specified`);
    const refused = check?.(o);
    if (refused !== undefined) cmd.error(refused);
    if (!chain) return run({ o } as Chain);
    const { manifest, provider } = connect(o);
    try {
      await checkChain(provider, manifest);
      await run({ manifest, provider, s: chain === true ? await cliSigner(provider, o) : (undefined as never), o });
    } finally {
      provider.destroy();
    }
  });
}

const days = () => new Option("--days <n>", "days the attestation or delegation lasts (1-3650)").argParser(v.integer("--days", 1, 3650, "days")).default(365);
const amount = () => new Option("--amount <ATH>", "an amount in ATH (> 0, up to 18 decimals)").argParser(v.athAmount("--amount")).makeOptionMandatory();
const host = () => new Option("--host <address>", "the cloud host's address").argParser(v.address("--host")).makeOptionMandatory();
const position = () => new Option("--position <id>", "the staking position id").argParser(v.id("--position")).makeOptionMandatory();
const commission = () => new Option("--commission <bps>", "commission in basis points (0-10000)").argParser(v.integer("--commission", 0, 10_000, "bps")).makeOptionMandatory();
const slash = () => new Option("--slash <id>", "the slash id").argParser(v.id("--slash")).makeOptionMandatory();
const api = () => new Option("--api <url>", "the indexer's (Ponder) URL").makeOptionMandatory();
const owner = () => new Option("--owner <address>", "the owner's address").argParser(v.address("--owner")).makeOptionMandatory();
const jsonFlag = () => new Option("--json", "print JSON only (amounts as wei strings, times as Unix seconds), for scripts").default(false);

command("whitelist-tree", "build the whitelist Merkle tree (root + proofs) from address,allocation lines", "whitelist-tree --csv whitelist.csv --out tree.json", false,
  (c) => c.requiredOption("--csv <file>", "CSV of address,allocation").requiredOption("--out <file>", "where to write the tree"),
  async ({ o }) => {
    const tree = readWhitelistCsv(o.csv);
    writeFileSync(o.out, JSON.stringify(tree.dump(), null, 2) + "\n");
    console.log(`root ${tree.root} (${tree.length} entries) written to ${o.out}`);
  });
command("licenses", "list an owner's licenses and operators (from the indexer)", "licenses --owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --api http://127.0.0.1:42069", false,
  (c) => c.addOption(owner()).addOption(api()).addOption(jsonFlag()),
  async ({ o }) => {
    const held = (await ops.holdings(o.api, o.owner)).map((h) => ({ ...h, operatorExpires: Number(h.operatorExpires), bannedUntil: Number(h.bannedUntil) }));
    if (o.json) return console.log(asJson(held));
    if (held.length === 0) return console.log(`${o.owner} holds no license`);
    const now = await indexedTime(o.api);
    for (const h of held)
      console.log(`#${h.id}  tier ${h.tier ?? "-"}  ${h.operator ? `operator ${h.operator} until ${formatDate(h.operatorExpires, now)}` : "no operator"}${h.bannedUntil > now ? `; banned until ${formatDate(h.bannedUntil, now)}` : ""}`);
  });
command("earnings", "checker rewards per license and epoch, and what was claimed (from the indexer)", "earnings --owner 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --api http://127.0.0.1:42069", false,
  (c) => c.addOption(owner()).addOption(api()).addOption(jsonFlag()),
  async ({ o }) => {
    const e = await rewards.earnings(o.api, o.owner);
    if (o.json) return console.log(asJson(e));
    console.table(e.perLicense.map((l) => ({ ...l, earned: `${formatAth(BigInt(l.earned))} ATH` })));
    console.table(e.perEpoch.map((p) => ({ epoch: p.epoch, earned: `${formatAth(BigInt(p.earned))} ATH`, cumulative: `${formatAth(BigInt(p.cumulative))} ATH` })));
    if (e.account) console.log(`claimed ${formatAth(BigInt(e.account.cumulativeClaimed))} ATH; vesting ${formatAth(BigInt(e.account.vesting))} ATH; withdrawn ${formatAth(BigInt(e.account.withdrawn))} ATH`);
  });
command("provider", "a compute provider's points and earnings per epoch, container by container, and why (from the referee's compute reports)", "provider --address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --reports out/rewards", false,
  (c) => c.addOption(new Option("--address <address>", "the host's or Edge owner's address").argParser(v.address("--address")).makeOptionMandatory())
    .requiredOption("--reports <folder>", "the referee's output folder, holding epoch-<E>.compute.report.json").addOption(jsonFlag()),
  async ({ o }) => {
    const e = compute.providerEarnings(compute.readComputeReports(o.reports), o.address);
    console.log(o.json ? asJson(e) : compute.providerText(e));
  });
command("accounts", "the local node's accounts 0..19: role in npm start's simulation, ATH, ETH, licenses", "accounts --rpc http://127.0.0.1:8545", "read",
  (c) => c.addOption(jsonFlag()).option("--keys", "also print each account's private key (a local node's public test keys only, for importing into MetaMask)", false),
  async ({ manifest, provider, o }) => {
    const list = await localAccounts(manifest, provider);
    if (!o.keys) return console.log(o.json ? asJson(list) : accountsText(list));
    const keys = await localTestKeys(provider, list.map((a) => a.address));
    if (o.json) return console.log(asJson(list.map((a, i) => ({ ...a, privateKey: keys[i] }))));
    console.log(accountsText(list));
    console.log("\nprivate keys (Hardhat's public test accounts: anyone can spend what they hold; never send them real funds):");
    for (const [i, key] of keys.entries()) console.log(`  ${String(i).padStart(2)}  ${key}`);
  });
command("status", "one account's balances, licenses, claimable rewards, vesting, staking, delegations and KYC (from the chain)", "status --account 10 --proofs out/rewards/epoch-4.proofs.json", "read",
  (c) => c.addOption(new Option("--address <address>", "the account (instead of --account <n>)").argParser(v.address("--address")))
    .addOption(new Option("--api <url>", "the indexer's URL: the newest posted leaf, for the claimable rewards"))
    .addOption(new Option("--proofs <file or url>", "the referee's proofs: the leaf, for the claimable rewards"))
    .addOption(jsonFlag()),
  async ({ manifest, provider, o }) => {
    const address = o.address ?? (await (await provider.getSigner(Number(o.account))).getAddress());
    const status = await accountStatus(manifest, provider, address, { api: o.api, proofs: o.proofs });
    console.log(o.json ? asJson(status) : statusText(status));
  },
  (o) => {
    if (o.account === undefined && o.address === undefined) return "status needs the account: pass --account <n> (a local node's account) or --address <0x…>.";
    if (o.account !== undefined && o.address !== undefined) return "status takes --account <n> or --address <0x…>, not both.";
  });
command("kyc-sign", "sign an attestation with the KYC key (prints JSON)", "kyc-sign --account-address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --country DE --days 365", true,
  (c) => c.addOption(new Option("--account-address <address>", "the attested account").argParser(v.address("--account-address")).makeOptionMandatory())
    .addOption(new Option("--country <CC>", "two-letter country code").argParser(v.country("--country")).makeOptionMandatory()).addOption(days()),
  async ({ manifest, s, o }) => console.log(json(await ops.signKyc(manifest, s, o.accountAddress, o.country, o.days))));
command("kyc-submit", "submit a signed attestation", "kyc-submit --file attestation.json", true,
  (c) => c.requiredOption("--file <json>", "the attestation kyc-sign printed"),
  async ({ manifest, s, o }) => console.log(`submitted in ${await ops.submitKyc(manifest, s, JSON.parse(readFileSync(o.file, "utf8")))}`));
command("buy", "buy licenses (the buyer needs a valid KYC attestation)", "buy --quantity 3 --code AETHIR --account 18", true,
  (c) => c.addOption(new Option("--quantity <n>", "how many licenses (1-10000)").argParser(v.integer("--quantity", 1, 10_000)).makeOptionMandatory())
    .option("--code <ref>", "a referral code").option("--weth", "pay in WETH instead of ETH", false).option("--whitelist <tree.json>", "the whitelist tree, to buy in a whitelist tier"),
  async ({ manifest, s, o }) => {
    const tree = o.whitelist === undefined ? undefined : JSON.parse(readFileSync(o.whitelist, "utf8"));
    const r = await ops.buy(manifest, s, { quantity: o.quantity, code: o.code, weth: o.weth, whitelistTree: tree });
    console.log(`bought licenses ${r.firstTokenId}..${r.firstTokenId + BigInt(o.quantity) - 1n} for ${formatEther(r.price)} ${o.weth ? "WETH" : "ETH"} (${r.txHash})`);
  });
command("referral-register", "register a referral code", "referral-register --code AETHIR", true,
  (c) => c.requiredOption("--code <ref>", "the code (up to 31 characters, or a 0x 32-byte hex)"),
  async ({ manifest, s, o }) => console.log(`registered ${await ops.registerReferralCode(manifest, s, o.code)}`));
command("referral-status", "a referrer's code, rewards withdrawable and locked (payout delay), caps", "referral-status --account-address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8", true,
  (c) => c.addOption(new Option("--account-address <address>", "the referrer (default the signer)").argParser(v.address("--account-address"))).addOption(jsonFlag()),
  async ({ manifest, s, o }) => {
    const r = await ops.referralStatus(manifest, s, o.accountAddress);
    if (o.json) return console.log(asJson({ ...r, nextUnlockAt: Number(r.nextUnlockAt), lockedUntil: Number(r.lockedUntil) }));
    console.log(`code ${r.code}${r.voided ? " (voided by the guardian)" : ""}`);
    console.log(`withdrawable ${formatEther(r.withdrawableEth)} ETH and ${formatEther(r.withdrawableWeth)} WETH`);
    console.log(`locked ${formatEther(r.lockedEth)} ETH and ${formatEther(r.lockedWeth)} WETH: next unlock ${iso(r.nextUnlockAt)}, all by ${iso(r.lockedUntil)}`);
    console.log(`earned ${formatEther(r.earned)} ETH of the ${formatEther(r.capPerCode)} ETH cap per code (${formatEther(r.capPerBuyer)} ETH per buyer)`);
  });
command("referral-withdraw", "withdraw the referral rewards past their payout delay", "referral-withdraw --account 5", true, (c) => c,
  async ({ manifest, s }) => {
    const r = await ops.withdrawReferralRewards(manifest, s);
    console.log(`withdrew ${formatEther(r.eth)} ETH and ${formatEther(r.weth)} WETH`);
  });
command("proceeds-withdraw", "send the sale's proceeds to the treasury", "proceeds-withdraw --account 0", true, (c) => c,
  async ({ manifest, s }) => {
    const r = await ops.withdrawProceeds(manifest, s);
    console.log(`sent ${formatEther(r.eth)} ETH and ${formatEther(r.weth)} WETH to ${r.treasury}`);
  });
const computeProofs = () => new Option("--proofs <file or url>", "the referee's compute proofs: epoch-<E>.compute.proofs.json or <referee>/compute-proofs/<E>").makeOptionMandatory();
command("claim-edge", "an Edge device's owner claims its Edge rewards earned since its last claim (needs KYC)", "claim-edge --proofs out/rewards/epoch-4.compute.proofs.json --account 13", true,
  (c) => c.addOption(computeProofs()),
  async ({ manifest, s, o }) => {
    const r = await computePayments.claimEdge(manifest, s, await computePayments.loadComputeProofs(o.proofs));
    console.log(`${r.synced ? `synced ComputeRewards to epoch ${r.epoch}'s root; ` : ""}claimed ${formatAth(r.amount)} ATH of Edge rewards (cumulative ${formatAth(r.cumulative)} ATH) (${r.txHash})`);
  });
command("push-host-rewards", "push a host's proven Enterprise/IDC rewards into its HostStaking reward stream (anyone may)", "push-host-rewards --host 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --proofs out/rewards/epoch-4.compute.proofs.json --account 19", true,
  (c) => c.addOption(host()).addOption(computeProofs()),
  async ({ manifest, s, o }) => {
    const r = await computePayments.pushHostRewards(manifest, s, await computePayments.loadComputeProofs(o.proofs), o.host);
    console.log(`${r.synced ? `synced ComputeRewards to epoch ${r.epoch}'s root; ` : ""}pushed ${formatAth(r.amount)} ATH into ${o.host}'s reward stream (cumulative ${formatAth(r.cumulative)} ATH); it releases over 30 days to the host and its delegators (${r.txHash})`);
  });
const ids = (what: string) => new Option("--ids <list>", `${what} ids and ranges, such as 1,2,5-9`).argParser(v.idList("--ids")).makeOptionMandatory();
command("delegate", "delegate licenses to an operator (many in one transaction)", "delegate --ids 1010-1012 --operator 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --days 30 --account 18", true,
  (c) => c.addOption(ids("license")).addOption(new Option("--operator <address>", "the operator").argParser(v.address("--operator")).makeOptionMandatory()).addOption(days()),
  async ({ manifest, provider, s, o }) => {
    const now = (await provider.getBlock("latest"))!.timestamp;
    const tx = await ops.delegate(manifest, s, o.ids, o.operator, BigInt(now + o.days * 86_400));
    console.log(`delegated ${o.ids.length} license(s) to ${o.operator} until ${formatDate(now + o.days * 86_400, now)} (${tx})`);
  });
command("revoke", "revoke the operator of licenses", "revoke --ids 1010-1012 --account 18", true, (c) => c.addOption(ids("license")),
  async ({ manifest, s, o }) => console.log(`revoked the operator of ${o.ids.length} license(s) (${await ops.revoke(manifest, s, o.ids)})`));
command("claim", "claim your cumulative leaf into vesting (180 days 100%, or 30 days 25% after the 5 ATH fee)", "claim --proofs out/rewards/epoch-4.proofs.json --option 30 --account 10", true,
  (c) => c.requiredOption("--proofs <file or url>", "the referee's proofs file").addOption(new Option("--option <days>", "vesting option, 180 or 30").argParser(v.vestingOption).default(180)),
  async ({ manifest, provider, s, o }) => {
    const r = await rewards.claim(manifest, s, await rewards.loadProofs(o.proofs), o.option === 180 ? 0 : 1);
    const claims = new Interface(manifest.contracts.RewardClaims.abi as never);
    const receipt = await provider.getTransactionReceipt(r.txHash);
    const e = receipt?.logs.map((l) => claims.parseLog(l)).find((l) => l?.name === "Claimed");
    if (!e) return console.log(`claimed ${formatAth(r.amount)} ATH into entry ${r.entryId} (${r.txHash})`);
    const now = (await provider.getBlock("latest"))!.timestamp;
    console.log(`claimed ${formatAth(e.args.amount)} ATH into entry ${e.args.entryId} (${r.txHash}):`);
    console.log(`  fee ${formatAth(BigInt(e.args.amount) - BigInt(e.args.vesting) - BigInt(e.args.returnedToPool))} ATH to the treasury`);
    console.log(`  vesting ${formatAth(e.args.vesting)} ATH, unlocks ${formatDate(e.args.unlockAt, now)}`);
    if (e.args.returnedToPool > 0n) console.log(`  returned ${formatAth(e.args.returnedToPool)} ATH to the reward pool (the 30-day option keeps 25%)`);
  });
command("withdraw", "withdraw every matured vesting entry", "withdraw --account 10", true, (c) => c,
  async ({ manifest, s }) => {
    const r = await rewards.withdrawMatured(manifest, s);
    console.log(r.txHash ? `withdrew ${formatAth(r.amount)} ATH from entries ${r.entryIds.join(", ")} (${r.txHash})` : "no matured entry to withdraw");
  });
const weeks = () => new Option("--weeks <n>", "weeks to lock (1-208)").argParser(v.integer("--weeks", 1, 208, "weeks")).makeOptionMandatory();
command("stake", "lock ATH in a holder pool (--permit: one transaction)", "stake --pool 0 --amount 1000 --weeks 52 --permit --account 3", true,
  (c) => c.addOption(new Option("--pool <id>", "the pool id").argParser(v.id("--pool")).makeOptionMandatory()).addOption(amount()).addOption(weeks()).option("--permit", "approve by signature in the same transaction", false),
  async ({ manifest, provider, s, o }) => {
    const r = await staking.stake(manifest, s, { poolId: o.pool, amount: o.amount, weeks: o.weeks, permit: o.permit });
    const now = (await provider.getBlock("latest"))!.timestamp;
    console.log(`position ${r.positionId}: ${formatAth(o.amount)} ATH locked until ${formatDate(r.unlockWeek * BigInt(WEEK), now)}, weight ${formatAth(r.weight)} ATH-weight (${r.txHash})`);
  });
command("extend", "relock a position for n weeks from now", "extend --position 0 --weeks 104 --account 3", true, (c) => c.addOption(position()).addOption(weeks()),
  async ({ manifest, s, o }) => console.log(`relocked (${await staking.extend(manifest, s, o.position, o.weeks)})`));
command("staking-claim", "claim a position's rewards", "staking-claim --position 0 --account 3", true, (c) => c.addOption(position()),
  async ({ manifest, s, o }) => {
    const amounts = await staking.claimStakingRewards(manifest, s, o.position);
    const pools = new Contract(manifest.contracts.StakingPools.address, manifest.contracts.StakingPools.abi as never, s);
    const p = await pools.position(await s.getAddress(), o.position);
    const tokens: string[] = [...(await pools.pool(p.pool)).rewardTokens];
    const symbols = await Promise.all(tokens.map((t) => new Contract(t, ["function symbol() view returns (string)"], s).symbol().catch(() => t)));
    console.log(`paid ${amounts.map((a, i) => `${formatAth(a)} ${symbols[i] ?? "token " + i}`).join(", ") || "nothing"}`);
  });
command("unstake", "withdraw an unlocked position (burns its stATH)", "unstake --position 0 --account 3", true, (c) => c.addOption(position()),
  async ({ manifest, s, o }) => console.log(`withdrew ${formatAth(await staking.withdrawPosition(manifest, s, o.position))} ATH`));
command("delegate-host", "delegate ATH to a cloud host", "delegate-host --host 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --amount 50000 --account 4", true,
  (c) => c.addOption(host()).addOption(amount()),
  async ({ manifest, s, o }) => console.log(`delegated ${formatAth(o.amount)} ATH to ${o.host} (${await staking.delegate(manifest, s, o.host, o.amount)})`));
command("undelegate-host", "start unbonding (180 days; slashable until then)", "undelegate-host --host 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --amount 10000 --account 4", true,
  (c) => c.addOption(host()).addOption(amount()),
  async ({ manifest, s, o }) => {
    const r = await staking.undelegate(manifest, s, o.host, o.amount);
    console.log(`unbonding request ${r.id}: ${formatAth(r.amount)} ATH, unlocks ${formatDate(r.unlockAt)}`);
  });
command("withdraw-unbonded", "withdraw unbonded requests", "withdraw-unbonded --host 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --ids 0,1 --account 4", true,
  (c) => c.addOption(host()).addOption(ids("unbonding request")),
  async ({ manifest, s, o }) => console.log(`withdrawn (${await staking.withdrawUnbonded(manifest, s, o.host, o.ids)})`));
command("host-claim", "claim host rewards (as the host or a delegator; needs KYC)", "host-claim --host 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --account 4", true, (c) => c.addOption(host()),
  async ({ manifest, s, o }) => console.log(`claimed ${formatAth(await staking.claimHostRewards(manifest, s, o.host))} ATH`));
command("host-register", "register as a cloud host", "host-register --commission 1000 --account 1", true, (c) => c.addOption(commission()),
  async ({ manifest, s, o }) => console.log(`registered (${await staking.registerHost(manifest, s, o.commission)})`));
command("container-register", "register a container", "container-register --container gpu-box-1 --class 0 --region DE --account 1", true,
  (c) => c.requiredOption("--container <name|0x id>", "a name or a 32-byte hex id").addOption(new Option("--class <id>", "the hardware class id").argParser(v.integer("--class", 0, 255)).makeOptionMandatory())
    .addOption(new Option("--region <CC>", "two-letter country code").argParser(v.country("--region")).makeOptionMandatory()),
  async ({ manifest, s, o }) => console.log(`registered (${await staking.registerContainer(manifest, s, { container: o.container, classId: o.class, region: o.region })})`));
command("host-commission", "set the commission (takes effect after 7 days)", "host-commission --commission 1500 --account 1", true, (c) => c.addOption(commission()),
  async ({ manifest, s, o }) => console.log(`commission change scheduled (${await staking.setCommission(manifest, s, o.commission)})`));
command("slash-propose", "propose a slash of a container's host", "slash-propose --container gpu-box-1 --kind DowntimeRendering --evidence 'job 42 missed' --account 2", true,
  (c) => c.requiredOption("--container <c>", "the container").addOption(new Option("--kind <kind>", `one of ${staking.SLASH_KINDS.join(", ")}`).argParser(v.oneOf("--kind", staking.SLASH_KINDS)).makeOptionMandatory())
    .requiredOption("--evidence <text|0x hash>", "the evidence"),
  async ({ manifest, s, o }) => {
    const r = await staking.proposeSlash(manifest, s, { container: o.container, kind: o.kind, evidence: o.evidence });
    console.log(`slash ${r.id}: ${formatAth(r.penalty)} ATH, executable from ${formatDate(r.executeAfter)}`);
  });
command("slash-veto", "the guardian vetoes a slash in its window", "slash-veto --slash 0 --account 2", true, (c) => c.addOption(slash()),
  async ({ manifest, s, o }) => console.log(`vetoed (${await staking.vetoSlash(manifest, s, o.slash)})`));
command("slash-execute", "anyone executes a slash after its veto window", "slash-execute --slash 0 --account 2", true, (c) => c.addOption(slash()),
  async ({ manifest, s, o }) => console.log(`executed (${await staking.executeSlash(manifest, s, o.slash)})`));

// ---------------------------------------------------------------- holder governance (a proposal is a JSON file:
// {"targets": ["0x…"], "values": ["0"], "calldatas": ["0x…"], "description": "…"})
const proposalFile = () => new Option("--proposal <json>", "the proposal file: targets, values, calldatas, description").makeOptionMandatory();
const readProposal = (file: string): governance.ProposalCalls => {
  const raw = JSON.parse(readFileSync(file, "utf8")) as { targets: string[]; values?: (string | number)[]; calldatas: string[]; description: string };
  return { targets: raw.targets, values: (raw.values ?? raw.targets.map(() => 0)).map((x) => BigInt(x)), calldatas: raw.calldatas, description: raw.description };
};
command("delegate-votes", "give the votes of your ATH and stATH to an account (yourself, to vote)", "delegate-votes --to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --account 3", true,
  (c) => c.addOption(new Option("--to <address>", "the delegate").argParser(v.address("--to")).makeOptionMandatory()),
  async ({ manifest, s, o }) => {
    const r = await governance.delegateVotes(manifest, s, o.to);
    const votes = await governance.votesOf(manifest, s, o.to);
    console.log(`ATH and stATH votes delegated to ${o.to}, who now has ${formatAth(votes.total)} ATH of votes (${r.txHashes.join(", ")})`);
  });
command("proposal-show", "a proposal's calls in words (target, function, arguments) and its state", "proposal-show --proposal proposal.json", "read",
  (c) => c.addOption(proposalFile()),
  async ({ manifest, provider, o }) => {
    const p = readProposal(o.proposal);
    p.targets.forEach((t, i) => console.log(`call ${i + 1}: ${governance.describeCall(manifest, t, p.calldatas[i], p.values[i])}`));
    const runner = provider as unknown as Signer;
    const pid = await governance.proposalId(manifest, runner, p);
    const governor = new Contract(manifest.contracts.AethirGovernor.address, manifest.contracts.AethirGovernor.abi as never, provider);
    const snapshot: bigint = await governor.proposalSnapshot(pid);
    console.log(snapshot === 0n ? `proposal ${pid}: not proposed yet` : `proposal ${pid}: ${await governance.state(manifest, runner, pid)}`);
  });
command("propose", "propose the calls of a proposal file (you need the threshold's votes)", "propose --proposal proposal.json --account 3", true,
  (c) => c.addOption(proposalFile()),
  async ({ manifest, provider, o, s }) => {
    const r = await governance.propose(manifest, s, readProposal(o.proposal));
    const now = (await provider.getBlock("latest"))!.timestamp;
    console.log(`proposal ${r.proposalId}: voting from ${formatDate(r.snapshot, now)} to ${formatDate(r.deadline, now)} (${r.txHash})`);
  });
command("vote", "vote on a proposal: for, against or abstain, with an optional reason", "vote --proposal proposal.json --support for --reason 'stakers agree' --account 3", true,
  (c) => c.addOption(proposalFile()).addOption(new Option("--support <choice>", "for, against or abstain").choices(["for", "against", "abstain"]).makeOptionMandatory()).option("--reason <text>", "why (kept on chain)"),
  async ({ manifest, s, o }) => {
    const pid = await governance.proposalId(manifest, s, readProposal(o.proposal));
    const r = await governance.vote(manifest, s, { proposalId: pid, support: o.support, reason: o.reason });
    console.log(`voted ${o.support} on proposal ${pid} with ${formatAth(r.weight)} ATH of votes (${r.txHash})`);
  });
command("queue", "queue a passed proposal in the timelock", "queue --proposal proposal.json --account 3", true, (c) => c.addOption(proposalFile()),
  async ({ manifest, provider, s, o }) => {
    const r = await governance.queue(manifest, s, readProposal(o.proposal));
    console.log(`queued: executable from ${formatDate(r.eta, (await provider.getBlock("latest"))!.timestamp)} (${r.txHash})`);
  });
command("execute", "execute a queued proposal after the timelock delay", "execute --proposal proposal.json --account 3", true, (c) => c.addOption(proposalFile()),
  async ({ manifest, s, o }) => console.log(`executed (${(await governance.execute(manifest, s, readProposal(o.proposal))).txHash})`));
command("proposal-veto", "the guardian cancels a proposal (at any stage)", "proposal-veto --proposal proposal.json --account 1", true, (c) => c.addOption(proposalFile()),
  async ({ manifest, s, o }) => console.log(`vetoed (${(await governance.veto(manifest, s, readProposal(o.proposal))).txHash})`));

program.addHelpText("after", `\nExamples (one per command; add --rpc and --manifest for a chain other than the default):\n${examples.join("\n")}${SIGNER_NOTE}`);

if (process.argv.length <= 2) program.outputHelp();
else
  program.parseAsync().catch(async (error: unknown) => {
    // any error at run time as one sentence, a revert decoded against the manifest the user pointed to
    console.error(await explainForCli(error, program.opts<ConnectionFlags>()));
    process.exit(1);
  });
