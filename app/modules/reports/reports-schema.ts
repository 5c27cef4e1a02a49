import { z } from "zod";
import { todayInFinland } from "../common/common-schema.ts";

/** The figures the report page leads with: reached, started, in activity, moved onward. */
export const HEADLINE_STEPS = ["reached", "started", "regular", "onward"] as const;

/** The path's funnel on the report page: the ladder's steps up to moving onward. */
export const FUNNEL_STEPS = ["reached", "started", "regular", "committed", "onward"] as const;

export const AGE_GROUPS = ["under-25", "25-29", "30-54", "55-plus", "unknown"] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/**
 * A birth year's age group in a given year: the same bands as the report's
 * SQL (AGE_GROUP_SQL in reports.server.ts), for one person on a screen.
 */
export function ageGroupOf(birthYear: number | null, year: number): AgeGroup {
  if (birthYear == null) return "unknown";
  const age = year - birthYear;
  if (age < 25) return "under-25";
  if (age < 30) return "25-29";
  if (age < 55) return "30-54";
  return "55-plus";
}

/** A real calendar day: 2026-02-30 is refused, not rolled over. */
export const CalendarDaySchema = z
  .string({ error: "reports.error.date" })
  .trim()
  .pipe(z.iso.date({ error: "reports.error.date" }));

/** Zod runs this even when a date is already wrong; then only the date's own error should show. */
const isDay = (v: unknown) => CalendarDaySchema.safeParse(v).success;
const inOrder = (p: { from: string; to: string }) =>
  !isDay(p.from) || !isDay(p.to) || p.from <= p.to;

export const ReportPeriodSchema = z
  .object({
    from: CalendarDaySchema,
    to: CalendarDaySchema,
  })
  .refine(inOrder, { path: ["to"], message: "reports.error.order" });

/** The page's query string: period, and for admins the organizations to include (none = all). */
export const ReportQuerySchema = z
  .object({
    from: CalendarDaySchema,
    to: CalendarDaySchema,
    org: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  })
  .refine(inOrder, { path: ["to"], message: "reports.error.order" });

export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** The current calendar quarter in Finland, the default period of the page. */
export function currentQuarter(today = todayInFinland()) {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  return quarterPeriod(year, q + 1);
}

export function reportQueryFromSearchParams(params: URLSearchParams) {
  const quarter = currentQuarter();
  // The admin's form names a fixed period; an unknown code falls to from/to (and their errors).
  const period = periodFromCode(params.get("period") ?? "");
  return {
    from: period?.from ?? (params.get("from") || quarter.from),
    to: period?.to ?? (params.get("to") || quarter.to),
    org: params.getAll("org").filter((o) => o !== ""),
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The calendar quarter `q` (1–4) of `year` as a period. */
export function quarterPeriod(year: number, q: number) {
  const startMonth = (q - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, startMonth + 2, 0)).getUTCDate();
  return {
    from: `${year}-${pad2(startMonth)}-01`,
    to: `${year}-${pad2(startMonth + 2)}-${pad2(lastDay)}`,
  };
}

/**
 * The fixed periods a report across organizations may cover: a calendar
 * year (with its four quarters, which small-cell suppression compares it
 * with) or a calendar quarter. Anything else is null.
 */
export function fixedPeriodOf(from: string, to: string) {
  const year = Number(from.slice(0, 4));
  if (from === `${year}-01-01` && to === `${year}-12-31`)
    return {
      kind: "year" as const,
      year,
      quarters: [1, 2, 3, 4].map((q) => quarterPeriod(year, q)),
    };
  for (const q of [1, 2, 3, 4]) {
    const p = quarterPeriod(year, q);
    if (p.from === from && p.to === to) return { kind: "quarter" as const, year, quarters: [] };
  }
  return null;
}

/**
 * `period` as the admin's form sends it: `2026` (a year) or `2026-Q2`.
 * Null for anything else.
 */
export function periodFromCode(code: string) {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  return m[2] ? quarterPeriod(year, Number(m[2])) : { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The code of a fixed period (`2026`, `2026-Q2`), or "" for any other. */
export function periodCode(from: string, to: string) {
  const fixed = fixedPeriodOf(from, to);
  if (!fixed) return "";
  return fixed.kind === "year"
    ? String(fixed.year)
    : `${fixed.year}-Q${Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The periods an admin can choose: each year from `firstYear` to this one, each followed by its quarters. */
export function fixedPeriodChoices(firstYear: number, today = todayInFinland()) {
  const thisYear = Number(today.slice(0, 4));
  const codes: string[] = [];
  for (let y = thisYear; y >= Math.min(firstYear, thisYear); y--)
    codes.push(String(y), ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`));
  return codes;
}
