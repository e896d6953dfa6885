// Signature recovery on worker threads (recover-worker.mjs), one per core: recovery is what verifying a result costs
// (about 0.7 ms of a core), and one thread caps the referee near 1,450 results a second. Each call splits its records
// over the workers; a worker answers its messages in order. Without workers (`size` 0) it recovers in this thread.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as secp from "tiny-secp256k1";
import { keccak_256 } from "@noble/hashes/sha3.js";

const RECORD = 97;

interface Slot {
  worker: Worker;
  dead: boolean;
  waiting: { resolve: (out: Uint8Array) => void; reject: (e: Error) => void }[];
}

export class RecoverPool {
  private readonly slots: Slot[] = [];
  private next = 0;

  constructor(size = availableParallelism()) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL("./recover-worker.mjs", import.meta.url));
      const slot: Slot = { worker, dead: false, waiting: [] };
      worker.on("message", (out: Uint8Array) => slot.waiting.shift()?.resolve(out));
      // a worker that died takes no more work (its records are recovered here); the others go on
      const die = (e: Error) => {
        slot.dead = true;
        for (const w of slot.waiting.splice(0)) w.reject(e);
      };
      worker.on("error", die);
      worker.on("exit", () => die(new Error("a signature-recovery worker exited")));
      worker.unref(); // an idle pool never keeps the process alive
      this.slots.push(slot);
    }
  }

  private run(slot: Slot, input: Uint8Array): Promise<Uint8Array> {
    if (slot.dead) return Promise.resolve(recoverAll(input));
    return new Promise<Uint8Array>((resolve, reject) => {
      slot.waiting.push({ resolve, reject });
      slot.worker.postMessage(input);
    }).catch(() => recoverAll(input));
  }

  /** The 20-byte signer of each record (all zero when it does not recover), in order. */
  async recover(records: Uint8Array[]): Promise<Uint8Array[]> {
    const n = records.length;
    if (n === 0) return [];
    if (this.slots.length === 0) return records.map(recoverHere);
    const parts = Math.min(this.slots.length, Math.ceil(n / 16));
    const per = Math.ceil(n / parts);
    const outs = await Promise.all(
      Array.from({ length: parts }, (_, p) => {
        const chunk = records.slice(p * per, (p + 1) * per);
        const input = new Uint8Array(chunk.length * RECORD);
        chunk.forEach((r, i) => input.set(r, i * RECORD));
        const slot = this.slots[this.next++ % this.slots.length];
        return this.run(slot, input);
      }),
    );
    const signers: Uint8Array[] = new Array(n);
    outs.forEach((out, p) => {
      for (let i = 0; i * 20 < out.length; i++) signers[p * per + i] = out.subarray(i * 20, i * 20 + 20);
    });
    return signers;
  }

  async close() {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

function recoverAll(input: Uint8Array): Uint8Array {
  const n = input.length / RECORD;
  const out = new Uint8Array(n * 20);
  for (let i = 0; i < n; i++) out.set(recoverHere(input.subarray(i * RECORD, (i + 1) * RECORD)), i * 20);
  return out;
}

function recoverHere(record: Uint8Array): Uint8Array {
  try {
    const pub = secp.recover(record.subarray(0, 32), record.subarray(32, 96), record[96] as 0 | 1, false);
    return pub ? keccak_256(pub.subarray(1)).subarray(12) : new Uint8Array(20);
  } catch {
    return new Uint8Array(20);
  }
}
