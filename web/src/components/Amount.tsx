// Amounts as people read them: ATH with thousands separators (from wei strings or bigints).
import { formatAth } from "../../../scripts/lib/cli-format";

export function Ath({ wei, decimals = 2 }: { wei: string | bigint; decimals?: number }) {
  return <span className="amount">{formatAth(BigInt(wei), decimals)} ATH</span>;
}

export const count = (n: number) => n.toLocaleString("en-US");
