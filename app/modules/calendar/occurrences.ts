import { DateTime } from "luxon";
import type { WeeklyWindow } from "#db/schema.ts";

/** Every weekly time in Luotsi is Finnish local time. */
export const ACTIVITY_TIME_ZONE = "Europe/Helsinki";

export type Occurrence = { start: DateTime; end: DateTime };

function atTime(day: DateTime, time: string) {
  const [hour, minute] = time.split(":").map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The weekly window's meeting on the first of its weekdays on or after `from` (Helsinki date). */
export function firstOccurrenceFrom(window: WeeklyWindow, from: Date): Occurrence {
  const day = DateTime.fromJSDate(from, { zone: ACTIVITY_TIME_ZONE }).startOf("day");
  const date = day.plus({ days: (window.weekday - day.weekday + 7) % 7 });
  return { start: atTime(date, window.start), end: atTime(date, window.end) };
}

/**
 * The next meeting of a weekly schedule: the earliest one that has not
 * ended at `now`, with Helsinki's offset of that day (+02:00 or +03:00).
 */
export function nextOccurrence(
  schedule: readonly WeeklyWindow[],
  now: Date = new Date(),
): Occurrence | null {
  let best: Occurrence | null = null;
  for (const window of schedule) {
    let o = firstOccurrenceFrom(window, now);
    if (o.end.toMillis() <= now.getTime()) {
      const next = o.start.plus({ weeks: 1 }).startOf("day");
      o = { start: atTime(next, window.start), end: atTime(next, window.end) };
    }
    if (!best || o.start < best.start) best = o;
  }
  return best;
}

/** ISO 8601 with the offset and without milliseconds: "2026-03-03T17:00:00+02:00". */
export function isoWithOffset(t: DateTime): string {
  return t.toISO({ suppressMilliseconds: true, includeOffset: true })!;
}
