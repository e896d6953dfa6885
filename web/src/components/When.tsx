// A moment as people read it: the local date, and how far it is from the chain's now.
export function When({ unix, now }: { unix: number; now: number | undefined }) {
  const date = new Date(unix * 1000);
  const local = date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {local}
      {now === undefined ? null : ` (${relative(unix - now)})`}
    </time>
  );
}

export function relative(seconds: number): string {
  const ahead = seconds >= 0;
  const s = Math.abs(seconds);
  const [n, unit] = s >= 86_400 * 2 ? [Math.round(s / 86_400), "days"] : s >= 7_200 ? [Math.round(s / 3_600), "hours"] : [Math.max(1, Math.round(s / 60)), "minutes"];
  return ahead ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}
