// Caps every request body the API reads (GraphQL's query and variables, anything POSTed to a route), so no client can
// make the process buffer megabytes per request: a 50 MB GraphQL `variables` took the indexer's process from 708 MB to
// 1.14 GB with 8 in parallel. Hono's bodyLimit refuses a declared Content-Length above the cap before reading anything,
// and stops a chunked body as soon as it passes the cap.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";

/** PONDER_MAX_BODY_BYTES, default 256 KiB: a GraphQL page query with its variables is a few hundred bytes. */
export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PONDER_MAX_BODY_BYTES;
  if (raw === undefined || raw === "") return 256 * 1024;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`PONDER_MAX_BODY_BYTES must be a whole number of at least 1; got ${JSON.stringify(raw)}`);
  return n;
}

const kib = (bytes: number) => `${(bytes / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 })} KiB`;

/** The middleware: 413 with a JSON sentence. */
export function capBodies(maxSize = maxBodyBytes()) {
  return bodyLimit({
    maxSize,
    onError: (c: Context) =>
      c.json({ error: `the request body is larger than ${kib(maxSize)}; send a smaller query (GraphQL variables included) or page through the results` }, 413),
  });
}
