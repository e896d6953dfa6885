// What people type as an amount of ATH, to wei, or a sentence saying why not.
import { parseUnits } from "viem";

export function parseAth(raw: string): { wei: bigint } | { problem: string } {
  const s = raw.trim().replace(/,/g, "");
  if (!/^\d+(\.\d+)?$/.test(s)) return { problem: `"${raw}" is not an amount of ATH: type a number such as 1000 or 2.5.` };
  const [, fraction = ""] = s.split(".");
  if (fraction.length > 18) return { problem: "ATH has 18 decimals: use at most 18 digits after the point." };
  const wei = parseUnits(s, 18);
  if (wei === 0n) return { problem: "The amount must be more than 0 ATH." };
  return { wei };
}
