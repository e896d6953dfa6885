// A failed wallet or contract call in words. Until the shared decoder (scripts/lib/errors.ts) lands, the reason is
// viem's own short message; see docs/decisions.md.
import { BaseError } from "viem";
import type { Deployment } from "../config/deployment";

export function explainWebError(error: unknown, _deployment: Deployment): string {
  if (error instanceof BaseError) {
    if (error.walk((e) => (e as { code?: number }).code === 4001)) return "You rejected the request in your wallet; nothing was sent.";
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
