// A failed wallet or contract call in words: the project's one error decoder (scripts/lib/errors.ts, shared with the
// CLI and the services) against the deployment's ABIs, with dates relative to the chain's clock.
import { explainError } from "../../../scripts/lib/errors";
import type { Deployment } from "../config/deployment";

export function explainWebError(error: unknown, deployment: Deployment, now?: number): string {
  const line = explainError(error, deployment, { now, rpc: deployment.rpcUrl });
  return line.charAt(0).toUpperCase() + line.slice(1);
}
