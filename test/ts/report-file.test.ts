// The referee report loader both report importers share (ponder/src/reportFile.ts): a report is read from a file:// or
// an http(s):// dataURI; anything that cannot be read as a report (no such file, not JSON, an error status, an
// unreachable server, another scheme) is `undefined`, which the importers record as "unavailable".
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadReport } from "../../ponder/src/reportFile.js";

describe("The referee report loader", () => {
  const dir = mkdtempSync(join(tmpdir(), "aethir-report-file-"));
  const report = { epoch: 4, root: `0x${"ab".repeat(32)}`, accounts: [{ account: "0x01", earned: "5" }] };
  let server: Server;
  let base = "";

  before(async () => {
    server = createServer((req, res) => {
      if (req.url === "/report.json") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(report));
      if (req.url === "/broken.json") return void res.writeHead(200, { "content-type": "application/json" }).end("{ not json");
      // an error page with a JSON body: not a report
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ epoch: 4, root: report.root, error: "not found" }));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((ok) => server.close(() => ok())));

  it("reads a report from a file:// URI", async () => {
    const path = join(dir, "epoch-4.report.json");
    writeFileSync(path, JSON.stringify(report));
    expect(await loadReport(pathToFileURL(path).href)).to.deep.equal(report);
  });

  it("reads a report from an http:// URI", async () => {
    expect(await loadReport(`${base}/report.json`)).to.deep.equal(report);
  });

  it("answers undefined for a missing file, a file that is not JSON, and another scheme", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(await loadReport(pathToFileURL(join(dir, "missing.json")).href)).to.equal(undefined);
    expect(await loadReport(pathToFileURL(bad).href)).to.equal(undefined);
    expect(await loadReport("ipfs://bafy/report.json")).to.equal(undefined);
  });

  it("answers undefined for an error status (even with a JSON body), a body that is not JSON, and no server", async () => {
    expect(await loadReport(`${base}/missing.json`)).to.equal(undefined);
    expect(await loadReport(`${base}/broken.json`)).to.equal(undefined);
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    expect(await loadReport(`http://127.0.0.1:${port}/report.json`)).to.equal(undefined);
  });
});
