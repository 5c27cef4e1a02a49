import { z } from "zod";
import { todayInFinland } from "../common/common-schema.ts";

export const AGE_GROUPS = ["under-25", "25-29", "30-54", "55-plus", "unknown"] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

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
  const startMonth = q * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    from: `${year}-${pad(startMonth)}-01`,
    to: `${year}-${pad(endMonth)}-${pad(lastDay)}`,
  };
}

export function reportQueryFromSearchParams(params: URLSearchParams) {
  const quarter = currentQuarter();
  return {
    from: params.get("from") || quarter.from,
    to: params.get("to") || quarter.to,
    org: params.getAll("org").filter((o) => o !== ""),
  };
}
