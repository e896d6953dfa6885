// The daemon's Prometheus metrics (prom-client) and its HTTP endpoint: /metrics (text format), /health (200 while the
// last loop finished within three intervals, else 503; the body says what is reachable) and /status (JSON).
import { createServer, type Server } from "node:http";
import { Counter, Gauge, Registry } from "prom-client";

export function checkerMetrics() {
  const registry = new Registry();
  const m = {
    registry,
    licenses: new Gauge({ name: "checker_licenses", help: "Licenses of this operator by state: delegated, stopped (earnings stopped by the minority rule, still checked), banned, expired, undelegated", labelNames: ["state"], registers: [registry] }),
    licenseState: new Gauge({ name: "checker_license_state", help: "1 for each license's current state (see checker_licenses)", labelNames: ["license", "state"], registers: [registry] }),
    minority: new Gauge({ name: "checker_license_minority_results", help: "A license's minority results still in the minority rule's 7-epoch window, as the referee settled them", labelNames: ["license"], registers: [registry] }),
    jobsChecked: new Counter({ name: "checker_jobs_checked_total", help: "Committed jobs checked, by verdict", labelNames: ["verdict"], registers: [registry] }),
    signed: new Counter({ name: "checker_results_signed_total", help: "Check results signed and journaled", registers: [registry] }),
    submitted: new Counter({ name: "checker_results_submitted_total", help: "Results the referee accepted", registers: [registry] }),
    refused: new Counter({ name: "checker_results_refused_total", help: "Results the referee refused, by its reason", labelNames: ["reason"], registers: [registry] }),
    queued: new Gauge({ name: "checker_results_queued", help: "Signed results waiting for the referee", registers: [registry] }),
    reachable: new Gauge({ name: "checker_reachable", help: "1 if the service answered on the last loop", labelNames: ["service"], registers: [registry] }),
    epoch: new Gauge({ name: "checker_epoch", help: "The current epoch by chain time", registers: [registry] }),
  };
  for (const s of ["referee", "indexer", "rpc"]) m.reachable.set({ service: s }, 0);
  return m;
}
export type CheckerMetrics = ReturnType<typeof checkerMetrics>;

export async function serveMetrics(port: number, m: CheckerMetrics, status: () => { healthy: boolean }): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === "/metrics") {
        res.writeHead(200, { "content-type": m.registry.contentType });
        return res.end(await m.registry.metrics());
      }
      if (req.url === "/health" || req.url === "/status") {
        const s = status();
        res.writeHead(req.url === "/health" && !s.healthy ? 503 : 200, { "content-type": "application/json" });
        return res.end(JSON.stringify(s));
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  return server;
}
