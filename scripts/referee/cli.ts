// npm run referee -- <command>: the referee service against a deployment.
//   serve  --port <p> --input <dir> --out <dir>         HTTP endpoint: POST /results (verified on arrival), GET /proofs/...
//   settle --epoch <e> --input <dir> --out <dir> [--prove-failed]
//                                                        settle an epoch, write its report and proofs, post its root
//   sync                                                 adopt the newest final root in the claims contract
// Connection and signer as in `npm run cli`: --rpc / AETHIR_RPC_URL / AETHIR_RPC_PORT, --manifest or --network,
// AETHIR_PRIVATE_KEY (the referee's key) or --account <n> on a local node.
import { parseArgs } from "node:util";
import { cliSigner, connect } from "../lib/cli-connection.js";
import { runEpoch, syncClaims } from "./service.js";
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

const USAGE = "commands: serve, settle --epoch <e>, sync (see the header of scripts/referee/cli.ts)";
if (!["serve", "settle", "sync"].includes(positionals[0] ?? "")) {
  console.log(USAGE);
  process.exit(positionals[0] === undefined || positionals[0] === "help" ? 0 : 1);
}
process.on("uncaughtException", (error) => {
  console.error(error.message);
  process.exit(1);
});
const { manifest, provider } = connect(values);
const signer = () => cliSigner(provider, values, "the referee's");

switch (positionals[0]) {
  case "serve": {
    const server = await startRefereeServer({ provider, manifest, inputDir: values.input!, outDir: values.out!, port: Number(values.port) });
    console.log(`referee endpoint on ${server.url}: POST /results, GET /proofs/<epoch>[/<account>]`);
    process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
    break;
  }
  case "settle": {
    if (values.epoch === undefined) throw new Error("missing --epoch");
    await runEpoch({ provider, manifest, referee: await signer(), epoch: Number(values.epoch), inputDir: values.input!, outDir: values.out!, proveFailedJobs: values["prove-failed"], log: console.log });
    provider.destroy();
    break;
  }
  case "sync":
    console.log((await syncClaims(manifest, await signer())) ? "synced the newest final root" : "nothing new to sync");
    provider.destroy();
    break;
  default:
    console.log(USAGE);
    provider.destroy();
}
