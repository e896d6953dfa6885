// npm run container -- run --container <id> --port N [--down] [--slow MS] [--wrong-answers]
// The container agent (agent.ts); its id is the bytes32 the host registered with HostRegistry.registerContainer
// (a name is hashed as `npm run cli -- container-register` hashes it).
import { Command, InvalidArgumentError, Option } from "commander";
import { containerId } from "../ops/staking.js";
import { startAgent } from "./agent.js";

const program = new Command("npm run container --").description("The agent a host runs next to a GPU container: answers the checkers' probes.");
// the id as `npm run cli -- container-register` registers it: a 0x + 64 hex id as is, a name by its keccak256
const bytes32 = (v: string) => {
  if (v.startsWith("0x") && !/^0x[0-9a-fA-F]{64}$/.test(v)) throw new InvalidArgumentError(`--container must be the container's name or its id as registered on chain (0x and 64 hex digits); got "${v}".`);
  if (v.trim() === "") throw new InvalidArgumentError("--container must not be empty.");
  return containerId(v).toLowerCase();
};
const int = (flag: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}; got "${v}".`);
  return n;
};
program.configureOutput({
  outputError: (text, write) => {
    const invalid = /argument '.*' is invalid\. (.*)/s.exec(text);
    write(invalid ? invalid[1].trimEnd() + "\n" : text);
  },
});

program
  .command("run")
  .description("serve the checkers' probes for one container")
  .addOption(new Option("--container <id>", "the container's name or id (0x + 64 hex), as given to container-register").argParser(bytes32).makeOptionMandatory())
  .addOption(new Option("--port <n>", "port to listen on").argParser(int("--port", 1, 65_535)).makeOptionMandatory())
  .option("--host <address>", "address to listen on", "127.0.0.1")
  .option("--down", "fault: drop every connection (the container is down)")
  .addOption(new Option("--slow <ms>", "fault: delay every answer").argParser(int("--slow", 0, 600_000)))
  .option("--wrong-answers", "fault: answer the compute challenge with a wrong product")
  .action(async (o: { container: string; port: number; host: string; down?: boolean; slow?: number; wrongAnswers?: boolean }) => {
    try {
      const agent = await startAgent({ container: o.container, port: o.port, host: o.host, down: o.down, slowMs: o.slow, wrongAnswers: o.wrongAnswers });
      const faults = [o.down && "down", o.slow && `slow ${o.slow} ms`, o.wrongAnswers && "wrong answers"].filter(Boolean);
      console.log(JSON.stringify({ level: "info", msg: "container agent listening", url: agent.url, container: o.container, faults }));
      const stop = () => void agent.close().then(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      console.error(code === "EADDRINUSE" ? `Port ${o.port} is already in use: choose another --port.` : `The agent could not start: ${(e as Error).message}.`);
      process.exit(1);
    }
  });

program.parseAsync().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
