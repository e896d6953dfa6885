// One daemon per keystore: two instances signing for the same licenses could sign different verdicts for one job,
// and the referee bans the license for equivocation. The lease is a lock file created with O_EXCL holding the pid;
// a lock whose pid is gone (a crash, a kill -9) is taken over, a live one refuses the start.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { UserError } from "./keystore.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

export interface Lease {
  release(): void;
}

/** Takes the lease at `path` for this process; throws a sentence if a live process holds it. */
export function takeLease(path: string, what: string): Lease {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, "utf8").trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(readFileSync(path, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new UserError(`Another checker daemon (pid ${pid}) is already running with ${what}: stop it first; two daemons on one key could sign two verdicts for one job and get its licenses banned.`);
      }
      // a stale lease from a process that is gone: remove it and try once more (O_EXCL still decides a race)
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it
      }
    }
  }
  throw new UserError(`Could not take the lease ${path}: another daemon is starting with ${what}; try again.`);
}
