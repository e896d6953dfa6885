// npm run cli -- <command> [options]: the license owner's, buyer's, referrer's, operator's and KYC provider's
// operations against a deployment. Run `npm run cli -- help` for the list.
//
// Connection: --rpc <url> (or AETHIR_RPC_URL; default http://127.0.0.1:$AETHIR_RPC_PORT), --manifest <path>
// (default deployments/<--network, default localhost>.json). Signer: AETHIR_PRIVATE_KEY, or --account <n> for an
// unlocked account of a local node. Keys are never read from files in the repository.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatEther, parseEther, type JsonRpcProvider } from "ethers";
import { cliSigner, connect as connectFlags } from "./lib/cli-connection.js";
import { readWhitelistCsv } from "./lib/whitelist.js";
import * as ops from "./ops/licenses.js";
import { parseIds } from "./ops/licenses.js";
import * as rewards from "./ops/rewards.js";
import * as staking from "./ops/staking.js";

const HELP = `commands:
  whitelist-tree --csv <file> --out <file>            build the whitelist Merkle tree (root + proofs) from address,allocation lines
  kyc-sign --account-address <a> --country <CC> [--days 365]   sign an attestation with the KYC key (prints JSON)
  kyc-submit --file <json>                            submit a signed attestation
  buy --quantity <n> [--code <ref>] [--weth] [--whitelist <tree.json>]   (the buyer needs a valid KYC attestation)
  referral-register --code <ref>
  referral-status [--account-address <a>]            a referrer's code, rewards withdrawable and locked (payout delay), caps
  referral-withdraw                                   withdraw the referral rewards past their payout delay
  proceeds-withdraw                                   send the sale's proceeds to the treasury
  delegate --ids <1,2,5-9> --operator <address> [--days 365]
  revoke --ids <ids>
  licenses --owner <address> --api <ponder url>       list an owner's licenses and operators (from the indexer)
  earnings --owner <address> --api <ponder url>       checker rewards per license and epoch, and what was claimed (from the indexer)
  claim --proofs <file or url> [--option 180|30]      claim your cumulative leaf into vesting (180 days 100%, or 30 days 25%)
  withdraw                                            withdraw every matured vesting entry
  stake --pool <id> --amount <ATH> --weeks <1-208> [--permit]   lock ATH in a holder pool (permit: one transaction)
  extend --position <id> --weeks <n>                  relock a position for n weeks from now
  staking-claim --position <id>                       claim a position's rewards
  unstake --position <id>                             withdraw an unlocked position (burns its stATH)
  delegate-host --host <address> --amount <ATH>       delegate ATH to a cloud host
  undelegate-host --host <address> --amount <ATH>     start unbonding (180 days; slashable until then)
  withdraw-unbonded --host <address> --ids <1,2>      withdraw unbonded requests
  host-claim --host <address>                         claim host rewards (as the host or a delegator; needs KYC)
  host-register --commission <bps>                    register as a cloud host
  container-register --container <name|0x id> --class <id> --region <CC>
  host-commission --commission <bps>                  set the commission (takes effect after 7 days)
  slash-propose --container <c> --kind <DowntimeRendering|DowntimeReserve|Malicious|Underperformance> --evidence <text|0x hash>
  slash-veto --slash <id>                             the guardian vetoes a slash in its window
  slash-execute --slash <id>                          anyone executes a slash after its veto window`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    network: { type: "string", default: "localhost" },
    manifest: { type: "string" },
    rpc: { type: "string" },
    account: { type: "string" },
    csv: { type: "string" },
    out: { type: "string" },
    file: { type: "string" },
    "account-address": { type: "string" },
    country: { type: "string" },
    days: { type: "string", default: "365" },
    quantity: { type: "string" },
    code: { type: "string" },
    weth: { type: "boolean", default: false },
    whitelist: { type: "string" },
    ids: { type: "string" },
    operator: { type: "string" },
    owner: { type: "string" },
    api: { type: "string" },
    proofs: { type: "string" },
    pool: { type: "string" },
    amount: { type: "string" },
    weeks: { type: "string" },
    permit: { type: "boolean", default: false },
    position: { type: "string" },
    host: { type: "string" },
    commission: { type: "string" },
    container: { type: "string" },
    class: { type: "string" },
    region: { type: "string" },
    kind: { type: "string" },
    evidence: { type: "string" },
    slash: { type: "string" },
    option: { type: "string", default: "180" },
  },
});

function need<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw new Error(`missing --${flag}`);
  return value;
}

const connect = () => connectFlags(values);
const signer = (provider: JsonRpcProvider) => cliSigner(provider, values);

const json = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);

async function main(): Promise<void> {
  const [command] = positionals;
  switch (command) {
    case "whitelist-tree": {
      const tree = readWhitelistCsv(need(values.csv, "csv"));
      writeFileSync(need(values.out, "out"), JSON.stringify(tree.dump(), null, 2) + "\n");
      console.log(`root ${tree.root} (${tree.length} entries) written to ${values.out}`);
      return;
    }
    case "licenses": {
      const list = await ops.holdings(need(values.api, "api"), need(values.owner, "owner"));
      console.table(list);
      return;
    }
    case "earnings": {
      const e = await rewards.earnings(need(values.api, "api"), need(values.owner, "owner"));
      console.table(e.perLicense.map((l) => ({ ...l, earned: formatEther(l.earned) })));
      console.table(e.perEpoch.map((p) => ({ epoch: p.epoch, earned: formatEther(p.earned), cumulative: formatEther(p.cumulative) })));
      if (e.account) console.log(`claimed ${formatEther(e.account.cumulativeClaimed)} ATH; vesting ${formatEther(e.account.vesting)}; withdrawn ${formatEther(e.account.withdrawn)}`);
      return;
    }
    case undefined:
    case "help":
      console.log(HELP);
      return;
  }
  const { manifest, provider } = connect();
  const s = await signer(provider);
  switch (command) {
    case "kyc-sign":
      console.log(json(await ops.signKyc(manifest, s, need(values["account-address"], "account-address"), need(values.country, "country"), Number(values.days))));
      break;
    case "kyc-submit":
      console.log(`submitted in ${await ops.submitKyc(manifest, s, JSON.parse(readFileSync(need(values.file, "file"), "utf8")))}`);
      break;
    case "buy": {
      const tree = values.whitelist === undefined ? undefined : JSON.parse(readFileSync(values.whitelist, "utf8"));
      const r = await ops.buy(manifest, s, { quantity: Number(need(values.quantity, "quantity")), code: values.code, weth: values.weth, whitelistTree: tree });
      console.log(`bought licenses ${r.firstTokenId}..${r.firstTokenId + BigInt(values.quantity!) - 1n} for ${formatEther(r.price)} ${values.weth ? "WETH" : "ETH"} (${r.txHash})`);
      break;
    }
    case "referral-register":
      console.log(`registered ${await ops.registerReferralCode(manifest, s, need(values.code, "code"))}`);
      break;
    case "referral-status": {
      const r = await ops.referralStatus(manifest, s, values["account-address"]);
      const when = (t: bigint) => (t === 0n ? "-" : new Date(Number(t) * 1000).toISOString());
      console.log(`code ${r.code}${r.voided ? " (voided by the guardian)" : ""}`);
      console.log(`withdrawable ${formatEther(r.withdrawableEth)} ETH and ${formatEther(r.withdrawableWeth)} WETH`);
      console.log(`locked ${formatEther(r.lockedEth)} ETH and ${formatEther(r.lockedWeth)} WETH: next unlock ${when(r.nextUnlockAt)}, all by ${when(r.lockedUntil)}`);
      console.log(`earned ${formatEther(r.earned)} of the ${formatEther(r.capPerCode)} cap per code (${formatEther(r.capPerBuyer)} per buyer)`);
      break;
    }
    case "referral-withdraw": {
      const r = await ops.withdrawReferralRewards(manifest, s);
      console.log(`withdrew ${formatEther(r.eth)} ETH and ${formatEther(r.weth)} WETH`);
      break;
    }
    case "proceeds-withdraw": {
      const r = await ops.withdrawProceeds(manifest, s);
      console.log(`sent ${formatEther(r.eth)} ETH and ${formatEther(r.weth)} WETH to ${r.treasury}`);
      break;
    }
    case "delegate": {
      const now = (await provider.getBlock("latest"))!.timestamp;
      const ids = parseIds(need(values.ids, "ids"));
      const tx = await ops.delegate(manifest, s, ids, need(values.operator, "operator"), BigInt(now + Number(values.days) * 86_400));
      console.log(`delegated ${ids.length} license(s) to ${values.operator} (${tx})`);
      break;
    }
    case "revoke": {
      const ids = parseIds(need(values.ids, "ids"));
      console.log(`revoked the operator of ${ids.length} license(s) (${await ops.revoke(manifest, s, ids)})`);
      break;
    }
    case "claim": {
      if (values.option !== "180" && values.option !== "30") throw new Error("--option is 180 or 30");
      const r = await rewards.claim(manifest, s, await rewards.loadProofs(need(values.proofs, "proofs")), values.option === "180" ? 0 : 1);
      console.log(`claimed ${formatEther(r.amount)} ATH into entry ${r.entryId} (${r.txHash})`);
      break;
    }
    case "withdraw": {
      const r = await rewards.withdrawMatured(manifest, s);
      console.log(r.txHash ? `withdrew ${formatEther(r.amount)} ATH from entries ${r.entryIds.join(", ")} (${r.txHash})` : "no matured entry to withdraw");
      break;
    }
    case "stake": {
      const r = await staking.stake(manifest, s, { poolId: BigInt(need(values.pool, "pool")), amount: parseEther(need(values.amount, "amount")), weeks: Number(need(values.weeks, "weeks")), permit: values.permit });
      console.log(`position ${r.positionId}: unlocks in week ${r.unlockWeek}, weight ${r.weight} (${r.txHash})`);
      break;
    }
    case "extend":
      console.log(`relocked (${await staking.extend(manifest, s, BigInt(need(values.position, "position")), Number(need(values.weeks, "weeks")))})`);
      break;
    case "staking-claim":
      console.log(`paid ${(await staking.claimStakingRewards(manifest, s, BigInt(need(values.position, "position")))).map((a) => formatEther(a)).join(", ") || "nothing"}`);
      break;
    case "unstake":
      console.log(`withdrew ${formatEther(await staking.withdrawPosition(manifest, s, BigInt(need(values.position, "position"))))} ATH`);
      break;
    case "delegate-host":
      console.log(`delegated (${await staking.delegate(manifest, s, need(values.host, "host"), parseEther(need(values.amount, "amount")))})`);
      break;
    case "undelegate-host": {
      const r = await staking.undelegate(manifest, s, need(values.host, "host"), parseEther(need(values.amount, "amount")));
      console.log(`unbonding request ${r.id}: ${formatEther(r.amount)} ATH, unlocks at ${new Date(Number(r.unlockAt) * 1000).toISOString()}`);
      break;
    }
    case "withdraw-unbonded":
      console.log(`withdrawn (${await staking.withdrawUnbonded(manifest, s, need(values.host, "host"), parseIds(need(values.ids, "ids")))})`);
      break;
    case "host-claim":
      console.log(`claimed ${formatEther(await staking.claimHostRewards(manifest, s, need(values.host, "host")))} ATH`);
      break;
    case "host-register":
      console.log(`registered (${await staking.registerHost(manifest, s, Number(need(values.commission, "commission")))})`);
      break;
    case "container-register":
      console.log(`registered (${await staking.registerContainer(manifest, s, { container: need(values.container, "container"), classId: Number(need(values.class, "class")), region: need(values.region, "region") })})`);
      break;
    case "host-commission":
      console.log(`commission change scheduled (${await staking.setCommission(manifest, s, Number(need(values.commission, "commission")))})`);
      break;
    case "slash-propose": {
      const kind = need(values.kind, "kind") as (typeof staking.SLASH_KINDS)[number];
      if (!staking.SLASH_KINDS.includes(kind)) throw new Error(`--kind is one of ${staking.SLASH_KINDS.join(", ")}`);
      const r = await staking.proposeSlash(manifest, s, { container: need(values.container, "container"), kind, evidence: need(values.evidence, "evidence") });
      console.log(`slash ${r.id}: ${formatEther(r.penalty)} ATH, executable from ${new Date(Number(r.executeAfter) * 1000).toISOString()}`);
      break;
    }
    case "slash-veto":
      console.log(`vetoed (${await staking.vetoSlash(manifest, s, BigInt(need(values.slash, "slash")))})`);
      break;
    case "slash-execute":
      console.log(`executed (${await staking.executeSlash(manifest, s, BigInt(need(values.slash, "slash")))})`);
      break;
    default:
      throw new Error(`unknown command "${command}"\n${HELP}`);
  }
  provider.destroy();
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
