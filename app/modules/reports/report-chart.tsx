import { useId } from "react";
import type { Cell } from "./report-tables.ts";

/** The height of one bar's row: its label on one line, the bar with its value under it. */
const ROW = 46;
/** The widest bar leaves room for its value after it. */
const MAX_BAR = 82;
/** Inline layout: a row per bar, the label in the first third. */
const INLINE_ROW = 28;
const INLINE_START = 34;

/**
 * A horizontal bar chart drawn on the server as SVG: no script, prints
 * well, and screen readers get the title plus the table behind it. The
 * SVG has no viewBox, so its text keeps the page's size at any width
 * (a scaled drawing shrank the labels to about 5 px on a phone): each
 * label sits on its own line above its bar, and bar widths are shares of
 * the width. Hidden cells ("..") get no bar, only their mark.
 */
export function ReportBarChart({
  title,
  description,
  bars,
  inline = false,
}: {
  title: string;
  description: string;
  bars: { label: string; value: Cell }[];
  /** Short labels (quarters) on the bar's own line, in the first third of the width. */
  inline?: boolean;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => (typeof b.value === "number" ? b.value : 0)));
  const row = inline ? INLINE_ROW : ROW;
  const start = inline ? INLINE_START : 0;
  return (
    <figure className="report-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width="100%"
        height={bars.length * row}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const y = i * row;
          const share = typeof b.value === "number" ? (b.value / max) * (MAX_BAR - start) : 0;
          const barY = inline ? y + 6 : y + 22;
          return (
            <g key={b.label}>
              <text x="0" y={inline ? y + 19 : y + 16} className="chart-label">
                {b.label}
              </text>
              <rect
                x={`${start}%`}
                y={barY}
                width={`${share}%`}
                height="16"
                rx="2"
                className="chart-bar"
              />
              <text
                x={`${start + share}%`}
                dx={share > 0 ? 6 : 0}
                y={barY + 13}
                className="chart-value"
              >
                {String(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** True when the chart would draw no bar at all: every number hidden. */
export const hasNoBars = (bars: { value: Cell }[]) =>
  bars.every((b) => typeof b.value !== "number");

/**
 * Small multiples: one measure's bars per chart, drawn like `ReportBarChart`.
 * Used for the trend, where each measure gets its quarters as bars.
 */
export function ReportTrendCharts({
  charts,
  description,
}: {
  charts: { title: string; bars: { label: string; value: Cell }[] }[];
  description: string;
}) {
  return (
    <div className="chart-grid">
      {charts.map((c) => (
        <div key={c.title}>
          <h3 className="chart-title">{c.title}</h3>
          <ReportBarChart title={c.title} description={description} bars={c.bars} inline />
        </div>
      ))}
    </div>
  );
}
