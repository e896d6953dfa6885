// Earnings per epoch (chart and table) with why a license earned less: results in the minority, missed jobs, the
// minority rule stopping its pay, a ban, a transfer during the epoch. An epoch whose settlement report is unavailable
// or does not match its posted root says so instead of showing zeros.
import { useMemo } from "react";
import { formatUnits } from "viem";
import { Ath } from "../../components/Amount";
import { Chart } from "../../components/Chart";
import type { AccountPage, EpochStatus, LicenseEpoch } from "../../hooks/useLicenses";
import { DataTable } from "../../components/DataTable";

const DAY = 86_400;

/** What a report status means for the page, or undefined when its figures stand. */
export function reportProblem(report: string | undefined): string | undefined {
  switch (report) {
    case "unavailable":
      return "Its settlement report is unavailable, so its earnings are unknown (not zero); they count in your next claim once it is published.";
    case "root-mismatch":
      return "Its settlement report does not match the root posted on chain, so its figures are not shown; the referee must publish the matching report.";
    case "vetoed":
      return "The guardian vetoed its root: it pays nothing, and its work is settled again in a later root.";
    default:
      return undefined;
  }
}

/** Why one license earned less in one epoch, in words; empty when it earned in full. */
export function shortfallOf(l: LicenseEpoch): string[] {
  const why: string[] = [];
  if (l.withheld === "banned") why.push("banned, so its results earned nothing");
  else if (l.withheld === "transferred") why.push("transferred during the epoch, so its results earned nothing");
  else if (l.withheld === "stopped") why.push("too many results in the minority: the minority rule stopped its pay");
  if (l.minority > 0) why.push(`${l.minority} result${l.minority === 1 ? "" : "s"} in the minority`);
  if (l.missed > 0) why.push(`${l.missed} of ${l.assigned} job${l.assigned === 1 ? "" : "s"} missed`);
  return why;
}

export function Earnings({ page, perLicense, epochs, tge }: { page: AccountPage; perLicense: LicenseEpoch[]; epochs: EpochStatus[]; tge: number | undefined }) {
  const status = new Map(epochs.map((e) => [e.epoch, e.report]));
  const earned = new Map(page.earnings.map((e) => [e.epoch, e]));
  // every epoch the account earned in or had licenses in, and every epoch whose figures are missing for all
  const shown = [...new Set([...page.earnings.map((e) => e.epoch), ...perLicense.map((l) => l.epoch), ...epochs.filter((e) => reportProblem(e.report)).map((e) => e.epoch)])].sort((a, b) => Number(a) - Number(b));
  // the chart redraws only when its figures change (the page refreshes every few seconds)
  const key = [shown.join(), page.earnings.map((e) => e.earned).join(), epochs.map((e) => e.report).join(), tge].join("|");
  const chart = useMemo(
    () => ({
      days: tge === undefined ? [] : shown.map((e) => (tge + Number(e) * DAY) / DAY),
      series: [{ label: "Earned", color: "#2563eb", values: shown.map((e) => (reportProblem(status.get(e)) ? null : Number(formatUnits(BigInt(earned.get(e)?.earned ?? "0"), 18)))) }],
    }),
    [key],
  );
  if (shown.length === 0) return <p>No epoch has settled with your licenses yet.</p>;
  return (
    <>
      <Chart title="Your earnings per epoch (ATH)" days={chart.days} series={chart.series} unit="ATH" />
      <DataTable caption="Earnings per epoch" columns={["Epoch", "Earned", "Cumulative", "Why less"]}>
        {shown.map((e) => {
          const problem = reportProblem(status.get(e));
          const row = earned.get(e);
          const notes = perLicense.filter((l) => l.epoch === e).flatMap((l) => shortfallOf(l).map((w) => `License ${l.licenseId}: ${w}.`));
          return (
            <tr key={e} data-testid={`epoch-${e}`}>
              <td data-label="Epoch">
                {e}
                {tge !== undefined ? <div className="muted">{new Date((tge + Number(e) * DAY) * 1000).toISOString().slice(0, 10)}</div> : null}
              </td>
              {problem ? (
                <td colSpan={3}>
                  <span role="note">{problem}</span>
                </td>
              ) : (
                <>
                  <td data-label="Earned">
                    <Ath wei={row?.earned ?? "0"} />
                  </td>
                  <td data-label="Cumulative">{row ? <Ath wei={row.cumulative} /> : "-"}</td>
                  <td data-label="Why less">{notes.length ? notes.map((n) => <div key={n}>{n}</div>) : <span className="muted">Earned in full</span>}</td>
                </>
              )}
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
