import { useId } from "react";
import type { Cell } from "./report-tables.ts";

/**
 * A horizontal bar chart drawn on the server as SVG: no script, prints
 * well, and screen readers get the title plus the table that always follows.
 * Suppressed cells ("<5") get no bar, only their text.
 */
export function ReportBarChart({
  title,
  description,
  bars,
  chartWidth = 560,
  labelWidth = 200,
}: {
  title: string;
  description: string;
  bars: { label: string; value: Cell }[];
  /** A narrower drawing keeps its text readable on a phone, where it is scaled down to fit. */
  chartWidth?: number;
  labelWidth?: number;
}) {
  const id = useId();
  const rowHeight = 28;
  const barArea = chartWidth - labelWidth - 60;
  const max = Math.max(1, ...bars.map((b) => (typeof b.value === "number" ? b.value : 0)));
  const height = bars.length * rowHeight + 8;
  return (
    <figure className="report-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${chartWidth} ${height}`}
        width="100%"
        style={{ maxWidth: `${chartWidth}px`, height: "auto" }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const y = i * rowHeight + 4;
          const w = typeof b.value === "number" ? Math.round((b.value / max) * barArea) : 0;
          return (
            <g key={b.label}>
              <text
                x={labelWidth - 8}
                y={y + rowHeight / 2 + 4}
                textAnchor="end"
                fontSize="13"
                fill="#1d2b2b"
              >
                {b.label}
              </text>
              <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 10} fill="#1f6f6f" />
              <text x={labelWidth + w + 6} y={y + rowHeight / 2 + 4} fontSize="13" fill="#1d2b2b">
                {String(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
