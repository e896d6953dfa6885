// The container agent a host runs next to a GPU container: answers a checker's liveness (/health), latency (/ping)
// and compute challenge (/challenge: the product of two matrices, which the checker verifies with Freivalds' test).
// Fault flags exist for demonstrations and tests: `down` drops every connection, `slowMs` delays every answer,
// `wrongAnswers` returns a product with one entry off by one.
import { createServer, type Server } from "node:http";
import { randomInt } from "node:crypto";
import { multiply, P, type Matrix } from "../checker/freivalds.js";

export interface AgentOptions {
  container: string;
  port: number;
  host?: string;
  down?: boolean;
  slowMs?: number;
  wrongAnswers?: boolean;
}

/** Largest challenge accepted: bounds the work and memory a request can cost the host. */
const MAX_N = 256;

export async function startAgent(o: AgentOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (o.down) {
      req.socket.destroy();
      return;
    }
    const reply = (status: number, value: unknown) =>
      setTimeout(() => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      }, o.slowMs ?? 0);
    const url = new URL(req.url ?? "/", "http://agent");
    if (req.method === "GET" && url.pathname === "/health") return reply(200, { container: o.container, status: "ok" });
    if (req.method === "GET" && url.pathname === "/ping") return reply(200, { t: Date.now() });
    if (req.method === "POST" && url.pathname === "/challenge") {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > 8 * MAX_N * MAX_N * 2 + 1024) req.destroy();
        else chunks.push(c);
      });
      req.on("end", () => {
        let a: Matrix, b: Matrix;
        try {
          ({ a, b } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { a: Matrix; b: Matrix });
          const n = a.length;
          const ok = (m: Matrix) => Array.isArray(m) && m.length === n && m.every((r) => Array.isArray(r) && r.length === n && r.every((x) => Number.isInteger(x) && x >= 0 && x < P));
          if (n < 1 || n > MAX_N || !ok(a) || !ok(b)) throw new Error("bad");
        } catch {
          return reply(400, { error: `expected { a, b }: two n x n matrices (n <= ${MAX_N}) of integers below ${P}` });
        }
        const c = multiply(a, b);
        if (o.wrongAnswers) {
          const i = randomInt(c.length);
          const j = randomInt(c.length);
          c[i][j] = (c[i][j] + 1) % P;
        }
        reply(200, { container: o.container, c });
      });
      return;
    }
    reply(404, { error: "unknown route" });
  });
  const host = o.host ?? "127.0.0.1";
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(o.port, host, ok);
  });
  return {
    url: `http://${host}:${o.port}`,
    server,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
