// A throwaway PostgreSQL server for the tests and the benchmark: a fresh cluster in a temporary directory, listening
// on 127.0.0.1 at a free port, trust authentication, stopped with the rest of the local stack. Uses the Debian
// `postgresql` package's binaries (.ci/run installs it when missing). PostgreSQL refuses to run as root, so as root
// the cluster belongs to the `postgres` system user.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, track } from "./local-stack.js";

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  throw new Error("PostgreSQL server binaries not found: apt-get install postgresql");
}

export async function startPostgres(): Promise<{ url: string }> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "aethir-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]) as [string, string[]];
  execFileSync(...run(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "ponder", "--no-sync"]), { stdio: "ignore" });
  const port = await freePort();
  const [cmd, args] = run(join(bin, "postgres"), ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]);
  const child = spawn(cmd, args, { detached: true, stdio: "ignore" });
  track(child);
  const url = `postgresql://ponder@127.0.0.1:${port}/postgres`;
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    try {
      execFileSync(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
      return { url };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`PostgreSQL did not start on port ${port}`);
}

/** Runs one SQL statement with the server package's `psql` and returns its unaligned, tuples-only output. */
export function psql(url: string, sql: string): string {
  return execFileSync(join(binDir(), "psql"), [url, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], { encoding: "utf8" }).trim();
}
