// The checker network npm start runs on loopback, as processes: one container agent per container
// (scripts/container/cli.ts, on a free port) and one checker daemon per operator (scripts/checker/cli.ts, a long-running
// daemon with a short --interval, its encrypted keystore, data directory and /metrics port of its own), all POSTing to
// the referee service. Every process writes its JSON log to <dir>/logs/<name>.log, runs in its own process group
// (local-stack.ts tracks it, so it is stopped on every way out) and is stopped by PID. A gate (an in-process proxy in
// front of the referee) can cut one daemon's results on their way, to show a daemon killed with results queued on disk.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { join, resolve } from "node:path";
import { encryptKeystoreJsonSync, Wallet } from "ethers";
import { freePort, stopAndWait, track, waitFor } from "./local-stack.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = resolve(ROOT, "node_modules/tsx/dist/cli.mjs");
/** The demo's keystores' password: they hold keys derived from public strings, so it protects nothing (README). */
export const DEMO_PASSWORD = "aethir-local-demo-password";

export interface DaemonSpec {
  /** The operator's name (its log, keystore and data directory are named after it). */
  name: string;
  key: string;
  /** Extra flags, e.g. the hidden --invert-verdicts of a lying operator. */
  flags?: string[];
  /** Whether its POSTs go through the gate (see cutResults). */
  gated?: boolean;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
}

const groupGone = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
};

/** Polls `ready` until it holds; fails at once, with the log's tail, if the process exits first. */
async function awaitReady(what: string, running: Running, log: string, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (running.child.exitCode !== null || running.child.signalCode !== null) throw new Error(`${what} exited (${running.child.exitCode ?? running.child.signalCode}): ${readFileSync(log, "utf8").slice(-2_000)}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms (its log: ${log})`);
}

export interface DaemonInfo {
  name: string;
  address: string;
  keystore: string;
  data: string;
  log: string;
  metrics: string;
}

export class CheckerNetwork {
  readonly agents = new Map<string, { port: number; log: string; running?: Running }>();
  readonly daemons = new Map<string, DaemonInfo & { spec: DaemonSpec; port: number; running?: Running }>();
  private gate: { server: Server; url: string; cut: boolean } | undefined;

  constructor(
    readonly dir: string,
    private readonly o: { rpcUrl: string; manifestPath: string; refereeUrl: string; interval?: number },
  ) {
    mkdirSync(join(dir, "logs"), { recursive: true });
  }

  private spawn(script: string, args: string[], log: string, env: NodeJS.ProcessEnv = {}): Running {
    const fd = openSync(log, "a");
    const child = spawn(process.execPath, [TSX, script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", fd, fd] });
    closeSync(fd);
    track(child);
    return { child, exited: new Promise<void>((ok) => child.once("exit", () => ok())) };
  }

  /** Starts the agent of `container` (on the port it had, if it ran before), with fault flags. */
  async startAgent(container: string, flags: string[] = []): Promise<void> {
    let a = this.agents.get(container);
    if (!a) this.agents.set(container, (a = { port: await freePort(), log: join(this.dir, "logs", `agent-${container.slice(2, 10)}.log`) }));
    if (a.running) throw new Error(`the agent of ${container} is already running`);
    const running = this.spawn("scripts/container/cli.ts", ["run", "--container", container, "--port", String(a.port), ...flags], a.log);
    a.running = running;
    const url = `http://127.0.0.1:${a.port}`;
    // a --down agent drops every connection: its log line says it listens
    await awaitReady(`the container agent of ${container} on ${url}`, running, a.log, async () =>
      flags.includes("--down") ? readFileSync(a.log!, "utf8").includes(`"url":"${url}"`) : (await fetch(`${url}/health`)).ok,
    );
  }

  async stopAgent(container: string): Promise<void> {
    const a = this.agents.get(container);
    if (a?.running) {
      const pid = a.running.child.pid!;
      await stopAndWait(a.running.child);
      await waitFor(`the process group of ${container}'s agent to be gone`, async () => groupGone(pid), 30_000);
    }
    if (a) a.running = undefined;
  }

  /** The endpoints file the daemons read: every agent's container id -> its URL. */
  private endpointsFile(): string {
    const path = join(this.dir, "containers.json");
    writeFileSync(path, JSON.stringify(Object.fromEntries([...this.agents].map(([c, a]) => [c, `http://127.0.0.1:${a.port}`])), null, 2) + "\n");
    return path;
  }

  /** Registers an operator: writes its keystore (a fast scrypt: a demo key) once; does not start it. */
  async addDaemon(spec: DaemonSpec): Promise<DaemonInfo> {
    const keystore = join(this.dir, "operators", `${spec.name}.keystore.json`);
    const wallet = new Wallet(spec.key);
    if (!existsSync(keystore)) {
      mkdirSync(join(this.dir, "operators"), { recursive: true });
      writeFileSync(keystore, encryptKeystoreJsonSync({ address: wallet.address, privateKey: wallet.privateKey }, DEMO_PASSWORD, { scrypt: { N: 1 << 10 } }), { mode: 0o600 });
    }
    const port = await freePort();
    const info = { name: spec.name, address: wallet.address.toLowerCase(), keystore, data: join(this.dir, "operators", spec.name), log: join(this.dir, "logs", `checker-${spec.name}.log`), metrics: `http://127.0.0.1:${port}/metrics` };
    this.daemons.set(spec.name, { ...info, spec, port });
    return info;
  }

  /** Starts a registered operator's daemon, with `flags` replacing its spec's extra flags when given. */
  async startDaemon(name: string, flags?: string[]): Promise<void> {
    const d = this.daemons.get(name);
    if (!d) throw new Error(`no operator named ${name}`);
    if (d.running) throw new Error(`the daemon of ${name} is already running`);
    const referee = d.spec.gated ? await this.gateUrl() : this.o.refereeUrl;
    const args = [
      "run", "--keystore", d.keystore, "--data", d.data, "--manifest", this.o.manifestPath, "--rpc", this.o.rpcUrl, "--referee", referee,
      "--endpoints", this.endpointsFile(), "--interval", String(this.o.interval ?? 1), "--metrics-port", String(d.port), ...(flags ?? d.spec.flags ?? []),
    ];
    const running = this.spawn("scripts/checker/cli.ts", args, d.log, { AETHIR_KEYSTORE_PASSWORD: DEMO_PASSWORD });
    d.running = running;
    await awaitReady(`the checker daemon of ${name} (${d.metrics})`, running, d.log, async () => (await fetch(d.metrics)).ok);
  }

  /** Stops a daemon by PID: SIGTERM (it closes its journal and lease), or SIGKILL (a crash: nothing is flushed). */
  async stopDaemon(name: string, signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const d = this.daemons.get(name);
    if (!d?.running) return;
    if (signal === "SIGKILL") {
      try {
        process.kill(-d.running.child.pid!, "SIGKILL");
      } catch {
        // gone already
      }
      await d.running.exited;
    } else await stopAndWait(d.running.child);
    // tsx's node child (which holds the lease and the metrics port) may outlive its parent for a moment
    const pid = d.running.child.pid!;
    await waitFor(`the process group of ${name}'s daemon to be gone`, async () => groupGone(pid), 30_000);
    d.running = undefined;
  }

  isRunning(name: string): boolean {
    return this.daemons.get(name)?.running !== undefined;
  }

  /** Cuts (or restores) the gated daemons' POSTs of results; their reads still pass. */
  async cutResults(cut: boolean): Promise<void> {
    await this.gateUrl();
    this.gate!.cut = cut;
  }

  private async gateUrl(): Promise<string> {
    if (!this.gate) {
      const target = this.o.refereeUrl;
      const gate = { cut: false } as { server: Server; url: string; cut: boolean };
      gate.server = createServer((req, res) => {
        if (gate.cut && req.method === "POST") return req.socket.destroy();
        const up = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        up.on("error", () => res.destroy());
        req.pipe(up);
      });
      const port = await freePort();
      await new Promise<void>((ok) => gate.server.listen(port, "127.0.0.1", ok));
      gate.url = `http://127.0.0.1:${port}`;
      this.gate = gate;
    }
    return this.gate.url;
  }

  /** The journal's verdict lines of a daemon (what it signed). */
  journal(name: string): { key: string; signed: { result: { epoch: string; job: number; container: string; licenseId: string; verdict: number; metricsHash: string } } }[] {
    const path = join(this.daemons.get(name)!.data, "journal.jsonl");
    if (!existsSync(path)) return [];
    return readFileSync(path, "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) => { try { return JSON.parse(l); } catch { return undefined; } }).filter((x) => x?.t === "verdict");
  }

  /** Stops every agent and daemon by PID and closes the gate. */
  async stop(): Promise<void> {
    await Promise.all([...this.daemons.keys()].map((n) => this.stopDaemon(n)));
    await Promise.all([...this.agents.keys()].map((c) => this.stopAgent(c)));
    if (this.gate) {
      this.gate.server.closeAllConnections();
      await new Promise<void>((ok) => this.gate!.server.close(() => ok()));
      this.gate = undefined;
    }
  }
}
