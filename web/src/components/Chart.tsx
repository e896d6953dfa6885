// A daily series as a line chart (uPlot: small, canvas, no network). Values are ATH (or counts); x is the UTC day.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: (number | null)[];
  color: string;
}

/** `days`: unix day numbers (x axis). */
export function Chart({ title, days, series, unit }: { title: string; days: number[]; series: Series[]; unit: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || days.length === 0) return;
    const width = () => Math.max(260, el.clientWidth);
    const plot = new uPlot(
      {
        width: width(),
        height: 200,
        series: [
          { value: (_u, v) => (v == null ? "-" : new Date(v * 1000).toISOString().slice(0, 10)) },
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, value: (_u: uPlot, v: number | null) => (v == null ? "-" : `${v.toLocaleString("en-US", { maximumFractionDigits: 0 })} ${unit}`) })),
        ],
        axes: [{}, { size: 70, values: (_u, ticks) => ticks.map((t) => compact(t)) }],
        scales: { x: { time: true } },
      },
      [days.map((d) => d * 86_400), ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = () => plot.setSize({ width: width(), height: 200 });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      plot.destroy();
    };
  }, [days, series, unit]);
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {days.length === 0 ? <p className="muted">No data yet.</p> : <div ref={box} />}
    </figure>
  );
}

/** 1234567 → "1.2M" on the axis (the legend shows the full number). */
function compact(n: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}
