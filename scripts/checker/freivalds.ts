// The compute challenge: the checker sends two random n x n matrices over the integers mod P and the container
// answers their product C = A·B, an O(n^3) computation (O(n^2.8) at best). Freivalds' test checks the answer in
// O(n^2) per round: for a random 0/1 vector r, A·(B·r) = C·r holds for a correct C, and a wrong C passes one round with
// probability at most 1/2, so ROUNDS rounds miss a wrong answer with probability at most 2^-ROUNDS.
//
// What it proves: the endpoint returned the exact product of matrices it could not know in advance, within the time
// measured. What it does not prove: that a GPU computed it (a CPU multiplies 64 x 64 matrices in well under a
// millisecond), that it ran on the registered container's hardware, or that the endpoint did not forward the work.
import { randomInt } from "node:crypto";

/** A prime below 2^16: products stay below 2^32 and sums of n of them exact in a double for n < 2^21. */
export const P = 65_521;
export const ROUNDS = 24;

export type Matrix = number[][];

export function randomMatrix(n: number): Matrix {
  return Array.from({ length: n }, () => Array.from({ length: n }, () => randomInt(P)));
}

/** C = A·B mod P: what the container computes. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const c: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const ai = a[i];
    const ci = c[i];
    for (let k = 0; k < n; k++) {
      const x = ai[k];
      const bk = b[k];
      for (let j = 0; j < n; j++) ci[j] += x * bk[j];
    }
    for (let j = 0; j < n; j++) ci[j] %= P;
  }
  return c;
}

const times = (m: Matrix, v: number[]) => m.map((row) => row.reduce((s, x, j) => s + x * v[j], 0) % P);

const isSquare = (m: unknown, n: number): m is Matrix =>
  Array.isArray(m) && m.length === n && m.every((row) => Array.isArray(row) && row.length === n && row.every((x) => Number.isInteger(x) && x >= 0 && x < P));

/** Freivalds' test of C = A·B, `rounds` times with fresh random vectors; a malformed C fails. */
export function freivalds(a: Matrix, b: Matrix, c: unknown, rounds = ROUNDS): boolean {
  if (!isSquare(c, a.length)) return false;
  for (let round = 0; round < rounds; round++) {
    const r = Array.from({ length: a.length }, () => randomInt(2));
    const left = times(a, times(b, r));
    const right = times(c, r);
    if (left.some((x, i) => x !== right[i])) return false;
  }
  return true;
}
