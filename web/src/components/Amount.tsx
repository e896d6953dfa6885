// Amounts as people read them: ATH with thousands separators (from wei strings or bigints).
import { formatAth } from "../../../scripts/lib/format";

export function Ath({ wei, decimals = 2 }: { wei: string | bigint; decimals?: number }) {
  return <span className="amount">{formatAth(BigInt(wei), decimals)} ATH</span>;
}

export const count = (n: number) => n.toLocaleString("en-US");

/** An 18-decimal amount of any token, with separators (the token's symbol goes beside it). */
export const formatToken = (wei: bigint, decimals = 2) => formatAth(wei, decimals);
