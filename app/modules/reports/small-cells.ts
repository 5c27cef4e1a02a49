import { countCells, SMALL_CELL } from "./report-tables.ts";
import type { Report } from "./reports.server.ts";

/**
 * Small-cell suppression for reports that cross organizations (ADR 011).
 *
 * An admin can ask for any set of organizations over a calendar quarter or
 * year. Each organization's part of the report is protected on its own, and
 * a cell of a view is shown only when every included organization shows it:
 * a shown number across organizations is then the sum of numbers each
 * organization's own view shows, so adding or subtracting views reveals
 * nothing those views do not already show.
 *
 * One organization's cell of a period is hidden when
 * - it is 1–4 people;
 * - for a year: any of its quarters hides the cell, or the year differs
 *   from a quarter by 1–4 (the year minus a quarter must not be a small
 *   group);
 * - it is needed to protect another hidden cell of its table: the hidden
 *   parts of a total are never one cell alone nor 1–4 people together
 *   (otherwise the total minus the shown parts gives them back).
 */

const isSmall = (n: number) => n >= 1 && n < SMALL_CELL;

type Counts = ReturnType<typeof countCells>;

/**
 * Adds complementary cells to `hidden` until no total minus its shown parts
 * is a small group or a single hidden cell: the next smallest shown part is
 * hidden, or the total when none is left.
 */
function protectTotals({ cells, groups }: Counts, hidden: Set<string>) {
  const value = (k: string) => cells.get(k) ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      if (hidden.has(g.total)) continue;
      const parts = g.parts.filter((k) => value(k) > 0);
      const hid = parts.filter((k) => hidden.has(k));
      if (hid.length === 0) continue;
      const sum = hid.reduce((s, k) => s + value(k), 0);
      if (hid.length >= 2 && !isSmall(sum)) continue;
      const next = parts
        .filter((k) => !hidden.has(k))
        .sort((x, y) => value(x) - value(y) || x.localeCompare(y))[0];
      hidden.add(next ?? g.total);
      changed = true;
    }
  }
  return hidden;
}

/** The cells one organization hides in a quarter (no `quarters`) or a year (its four quarters). */
export function hiddenCellsOfOrganization(period: Report, quarters: Report[] = []): Set<string> {
  const counts = countCells(period);
  const ofQuarters = quarters.map((q) => {
    const c = countCells(q);
    return { cells: c.cells, hidden: hiddenCellsOfOrganization(q) };
  });
  const hidden = new Set<string>();
  for (const [key, n] of counts.cells) {
    if (
      isSmall(n) ||
      ofQuarters.some((q) => q.hidden.has(key) || isSmall(Math.abs(n - (q.cells.get(key) ?? 0))))
    )
      hidden.add(key);
  }
  return protectTotals(counts, hidden);
}

/**
 * The cells to hide in a view across organizations: each organization's
 * part for the period and, for a year, for its quarters.
 */
export function hiddenCellsAcrossOrganizations(
  parts: Iterable<{ period: Report; quarters: Report[] }>,
): Set<string> {
  const hidden = new Set<string>();
  for (const { period, quarters } of parts)
    for (const key of hiddenCellsOfOrganization(period, quarters)) hidden.add(key);
  return hidden;
}
