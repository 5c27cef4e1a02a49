import { z } from "zod";
import { RefSchema } from "../common/common-schema.ts";
import { PastDateFormSchema } from "../paths/paths-schema.ts";

/**
 * The day a sheet opens on: the group's most recent meeting day up to
 * today (a Tuesday group marked on Wednesday opens on Tuesday); today when
 * the activity has no weekly times. Dates are Finnish calendar days (ISO).
 */
export function latestMeetingDay(schedule: { weekday: number }[], today: string): string {
  const days = new Set(schedule.map((w) => w.weekday));
  if (days.size === 0) return today;
  const d = new Date(`${today}T12:00:00Z`);
  for (let back = 0; back < 7; back++) {
    const weekday = ((d.getUTCDay() + 6) % 7) + 1;
    if (days.has(weekday)) return d.toISOString().slice(0, 10);
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return today;
}

/** The sheet's day in the query string; missing means the most recent meeting day. */
export const SessionQuerySchema = z.object({ date: PastDateFormSchema });

/** One save of the sheet: the day and the refs ticked present (everyone else on the sheet is absent). */
export const AttendanceFormSchema = z.object({
  date: PastDateFormSchema,
  present: z.array(RefSchema).max(500).default([]),
});
