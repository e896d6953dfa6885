// A worker of recover-pool.ts: public-key recovery of secp256k1 signatures, the one costly step of verifying a
// result (about 0.7 ms of a core each), so the referee spreads it over every core. Plain JavaScript: a worker starts
// without the TypeScript loader. Input: n records of digest (32) ‖ r ‖ s (64) ‖ recovery id (1); output: n addresses
// (20 bytes each, all zero when the signature does not recover).
import { parentPort } from "node:worker_threads";
import * as secp from "tiny-secp256k1";
import { keccak_256 } from "@noble/hashes/sha3.js";

parentPort.on("message", (input) => {
  const n = input.length / 97;
  const out = new Uint8Array(n * 20);
  for (let i = 0; i < n; i++) {
    const o = i * 97;
    let pub = null;
    try {
      pub = secp.recover(input.subarray(o, o + 32), input.subarray(o + 32, o + 96), input[o + 96], false);
    } catch {
      pub = null;
    }
    if (pub) out.set(keccak_256(pub.subarray(1)).subarray(12), i * 20);
  }
  parentPort.postMessage(out, [out.buffer]);
});
