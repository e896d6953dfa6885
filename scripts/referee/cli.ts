// npm run referee -- <command>: the referee service against a deployment.
//   commit --epoch <e> --out <dir>                       commit epoch e's seed (before its cut-off, 12 h before it starts)
//   prepare --epoch <e> --out <dir>                      after the cut-off: reveal the seed, compute and post the assignment
//   verify-assignment --epoch <e>                        recompute epoch e's assignment from the chain alone and compare
//                                                        it with the posted root (what the guardian runs; exit 1 if not equal)
//   serve  --port <p> --input <dir> --out <dir>         HTTP endpoint: GET /assignments/..., POST /results (verified on
//                                                        arrival), GET /proofs/...
//   settle --epoch <e> --input <dir> --out <dir> [--prove-failed]
//                                                        settle an epoch, write its report and proofs, post its root
//   sync                                                 adopt the newest final root in the claims contract
// Connection and signer as in `npm run cli`: --rpc / AETHIR_RPC_URL / AETHIR_RPC_PORT, --manifest or --network,
// AETHIR_PRIVATE_KEY (the referee's key) or --account <n> on a local node.
import { parseArgs } from "node:util";
import { checkChain, cliSigner, connect } from "../lib/cli-connection.js";
import { explainForCli } from "../lib/error-abis.js";
import { verifyAssignment } from "./assignment.js";
import { commitSeed, prepareEpoch, runEpoch, syncClaims } from "./service.js";
import { syncCompute } from "./compute-service.js";
import { startRefereeServer } from "./server.js";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    network: { type: "string", default: "localhost" },
    manifest: { type: "string" },
    rpc: { type: "string" },
    account: { type: "string" },
    epoch: { type: "string" },
    input: { type: "string", default: "referee/input" },
    out: { type: "string", default: "referee/output" },
    port: { type: "string", default: "0" },
    "prove-failed": { type: "boolean", default: false },
  },
});

const USAGE = "commands: commit --epoch <e>, prepare --epoch <e>, verify-assignment --epoch <e>, serve, settle --epoch <e>, sync (see the header of scripts/referee/cli.ts)";
const COMMANDS = ["commit", "prepare", "verify-assignment", "serve", "settle", "sync"];
if (!COMMANDS.includes(positionals[0] ?? "")) {
  console.log(USAGE);
  process.exit(positionals[0] === undefined || positionals[0] === "help" ? 0 : 1);
}
const fail = async (error: unknown) => {
  console.error(await explainForCli(error, values));
  process.exit(1);
};
process.on("uncaughtException", (error) => void fail(error));
process.on("unhandledRejection", (error) => void fail(error));
const { manifest, provider } = connect(values);
await checkChain(provider, manifest);
const signer = () => cliSigner(provider, values, "the referee's");

const epochArg = () => {
  if (values.epoch === undefined || !/^\d+$/.test(values.epoch)) throw new Error("--epoch <e> is required: the epoch number (0 is the day of the TGE)");
  return Number(values.epoch);
};

switch (positionals[0]) {
  case "commit": {
    const epoch = epochArg();
    const done = await commitSeed({ manifest, referee: await signer(), epoch, outDir: values.out! });
    console.log(done ? `committed epoch ${epoch}'s seed; its secret is in ${values.out}/seeds/` : `epoch ${epoch}'s seed is already committed or its cut-off has passed`);
    provider.destroy();
    break;
  }
  case "prepare": {
    await prepareEpoch({ provider, manifest, referee: await signer(), epoch: epochArg(), outDir: values.out!, log: console.log });
    provider.destroy();
    break;
  }
  case "verify-assignment": {
    const v = await verifyAssignment(provider, manifest, epochArg());
    console.log(JSON.stringify(v, null, 2));
    provider.destroy();
    if (!v.ok) process.exit(1);
    break;
  }
  case "serve": {
    const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));
    const server = await startRefereeServer({ provider, manifest, inputDir: values.input!, outDir: values.out!, port: Number(values.port), log });
    log({ event: "ready", url: server.url, routes: "POST /results, GET /assignments/<epoch>, /checkers/<address>, /proofs/<epoch>[/<account>], /health, /metrics" });
    process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
    break;
  }
  case "settle": {
    await runEpoch({ provider, manifest, referee: await signer(), epoch: epochArg(), inputDir: values.input!, outDir: values.out!, proveFailedJobs: values["prove-failed"], log: console.log });
    provider.destroy();
    break;
  }
  case "sync":
    console.log((await syncClaims(manifest, await signer())) ? "synced the newest final root" : "nothing new to sync");
    if (manifest.contracts.ComputeRewards) console.log((await syncCompute(manifest, await signer())) ? "synced the newest final compute root" : "no new compute root to sync");
    provider.destroy();
    break;
  default:
    console.log(USAGE);
    provider.destroy();
}
