// Off-chain verification of signed check results, exactly as CheckerReferee does it: the EIP-712 digest of
// CheckResult under the referee's domain (chain id and contract address), ecrecover semantics with OpenZeppelin's
// ECDSA rules (EIP-2098 compact signature, s in the lower half, r and s non-zero), and the signer must be the
// operator committed for the license in the epoch's assignment. libsecp256k1 (WASM) does the recovery: about
// ten times faster than pure-JS recovery, which is what lets the referee keep up with every result of the network.
import * as secp from "tiny-secp256k1";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { TypedDataEncoder, getBytes, hexlify, type TypedDataDomain } from "ethers";
import { CHECK_RESULT_TYPES, type SignedResult } from "../lib/check-results.js";

const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
const TYPEHASH = keccak_256(new TextEncoder().encode(TypedDataEncoder.from(CHECK_RESULT_TYPES).encodeType("CheckResult")));

const WORD = /^0x[0-9a-fA-F]{64}$/;

/** A 32-byte hex word as bytes (throws on anything else). */
function word(hex: string): Uint8Array {
  if (!WORD.test(hex)) throw new Error(`not a 32-byte word: ${hex}`);
  return Buffer.from(hex.slice(2), "hex");
}

function uintWord(value: bigint | number, bits = 256): Uint8Array {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << BigInt(bits)) throw new Error(`not a uint${bits}: ${value}`);
  return Buffer.from(v.toString(16).padStart(64, "0"), "hex");
}

/** Why a result was refused. */
export type Rejection = "bad-signature" | "wrong-signer" | "bad-verdict" | "wrong-domain";

export class ResultVerifier {
  private readonly separator: Uint8Array;

  constructor(domain: TypedDataDomain) {
    this.separator = getBytes(TypedDataEncoder.hashDomain(domain));
  }

  /** The EIP-712 digest the operator signed (what `CheckerReferee.hashResult` returns). */
  digest(r: SignedResult["result"]): Uint8Array {
    // abi.encode(TYPEHASH, epoch, job, container, licenseId, verdict, metricsHash): seven 32-byte words
    const encoded = new Uint8Array(224);
    encoded.set(TYPEHASH, 0);
    encoded.set(uintWord(r.epoch, 64), 32);
    encoded.set(uintWord(r.job, 32), 64);
    encoded.set(word(r.container), 96);
    encoded.set(uintWord(r.licenseId), 128);
    encoded.set(uintWord(r.verdict, 8), 160);
    encoded.set(word(r.metricsHash), 192);
    const message = new Uint8Array(66);
    message.set([0x19, 0x01]);
    message.set(this.separator, 2);
    message.set(keccak_256(encoded), 34);
    return keccak_256(message);
  }

  /**
   * What recovering `s`'s signer takes, as one 97-byte record: digest ‖ r ‖ s (low half) ‖ recovery id; null when the
   * signature is malformed (OpenZeppelin's ECDSA rules). recover-pool.ts recovers these records on worker threads.
   */
  recoveryRecord(s: SignedResult): Uint8Array | null {
    if (!WORD.test(s.r) || !WORD.test(s.vs)) return null;
    const r = word(s.r);
    const sBytes = word(s.vs);
    const recoveryId = sBytes[0] >> 7;
    sBytes[0] &= 0x7f;
    const sValue = BigInt(hexlify(sBytes));
    if (sValue === 0n || sValue > HALF_N || BigInt(s.r) === 0n) return null;
    const record = new Uint8Array(97);
    record.set(this.digest(s.result));
    record.set(r, 32);
    record.set(sBytes, 64);
    record[96] = recoveryId;
    return record;
  }

  /** The address that signed `s` (lower-case), or null if the signature is malformed or not recoverable. */
  signer(s: SignedResult): string | null {
    const record = this.recoveryRecord(s);
    if (!record) return null;
    let pub: Uint8Array | null;
    try {
      pub = secp.recover(record.subarray(0, 32), record.subarray(32, 96), record[96] as 0 | 1, false);
    } catch {
      return null;
    }
    if (!pub) return null;
    return hexlify(keccak_256(pub.subarray(1)).subarray(12));
  }

  /** Null when `s` is a valid result signed by `expected` (the license's committed operator), else why not. */
  check(s: SignedResult, expected: string): Rejection | null {
    if (s.result.verdict !== 1 && s.result.verdict !== 2) return "bad-verdict";
    const signer = this.signer(s);
    if (signer === null) return "bad-signature";
    return signer === expected.toLowerCase() ? null : "wrong-signer";
  }
}
