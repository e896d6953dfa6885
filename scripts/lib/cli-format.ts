// How `npm run cli` shows amounts and times to people: ATH with thousands separators, dates as ISO days with the
// distance from now ("2027-10-28 (in 33 days)").
import { formatEther } from "ethers";

/** An 18-decimal amount with thousands separators and at most `decimals` decimals (trailing zeros dropped). */
export function formatAth(wei: bigint, decimals = 4): string {
  const negative = wei < 0n;
  const [whole, fraction = ""] = formatEther(negative ? -wei : wei).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = fraction.slice(0, decimals).replace(/0+$/, "");
  return (negative ? "-" : "") + grouped + (cut ? "." + cut : "");
}

/** A Unix time as "2027-10-28 (in 33 days)" relative to `now` (Unix seconds). */
export function formatDate(unix: bigint | number, now: number = Date.now() / 1000): string {
  const t = Number(unix);
  const day = new Date(t * 1000).toISOString().slice(0, 10);
  const days = Math.round((t - now) / 86_400);
  const rel = days === 0 ? "today" : days > 0 ? `in ${days} day${days === 1 ? "" : "s"}` : `${-days} day${days === -1 ? "" : "s"} ago`;
  return `${day} (${rel})`;
}
