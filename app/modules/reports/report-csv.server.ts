import { csvText } from "#app/infra/csv.server.ts";
import type { Cell, ReportTable } from "./report-tables.ts";

/**
 * A number as the spreadsheet of the user's language reads it: Finnish and
 * Swedish Excel want a decimal comma (0,5), English a point.
 */
function csvNumber(v: Cell, decimalComma: boolean): Cell {
  return typeof v === "number" && decimalComma ? String(v).replace(".", ",") : v;
}

/**
 * The report for a spreadsheet in the user's language (Finnish Excel first):
 * semicolon-separated, UTF-8 with a byte-order mark (without it Excel reads
 * ä as Ã¤), the title, period and scope first, then each table as the page
 * shows it: its title, a header row in the user's language and one row per
 * group with a column per measure. Tables are separated by an empty line.
 * Hidden cells carry the page's mark (ADR 011).
 */
export function toCsv(
  tables: ReportTable[],
  meta: { title: string; period: string; scope: string; note?: string; decimalComma: boolean },
) {
  const lines: Cell[][] = [[meta.title], [meta.period], [meta.scope]];
  if (meta.note) lines.push([meta.note]);
  for (const table of tables) {
    lines.push([]);
    lines.push([table.title]);
    if (table.note) lines.push([table.note]);
    lines.push(table.columns);
    for (const row of table.rows)
      lines.push([row.label, ...row.cells.map((c) => csvNumber(c, meta.decimalComma))]);
  }
  return csvText(lines);
}
