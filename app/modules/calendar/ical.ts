import ical, {
  ICalEventRepeatingFreq,
  ICalEventStatus,
  ICalWeekday,
  type ICalCalendar,
} from "ical-generator";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { DateTime } from "luxon";
import type { WeeklyWindow } from "#db/schema.ts";
import { weeklyTimeId } from "../common/stable-ids.ts";
import { ACTIVITY_TIME_ZONE, firstOccurrenceFrom } from "./occurrences.ts";

const WEEKDAYS = [
  ICalWeekday.MO,
  ICalWeekday.TU,
  ICalWeekday.WE,
  ICalWeekday.TH,
  ICalWeekday.FR,
  ICalWeekday.SA,
  ICalWeekday.SU,
];

/** What a calendar needs of an activity (the caller resolves place and address). */
export type CalendarActivity = {
  ref: string;
  title: string;
  description: string | null;
  status: "open" | "paused";
  schedule: readonly WeeklyWindow[];
  /** One line: a postal address, or where to join an online activity. */
  location: string;
  geo: { lat: number; lon: number } | null;
  /** The activity's public page, absolute. */
  url: string;
  createdAt: Date;
  updatedAt: Date;
};

export type CalendarLabels = {
  /** Put before a paused activity's title ("Tauolla"). */
  paused: string;
};

/**
 * RFC 5545 TEXT for the calendar's own name and description: ical-generator
 * escapes event properties but writes these two as given, so a comma or a
 * line break in an organization's name would otherwise end the line early.
 */
function calendarText(text: string) {
  return text
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/\p{Cc}/gu, " ");
}

/**
 * RFC 5545 TEXT allows no control characters but tab (line breaks are
 * escaped by ical-generator): any other one in an association's text is
 * left out rather than passed on to calendar apps.
 */
function eventText(text: string) {
  return text.replace(/(?![\t\r\n])\p{Cc}/gu, "");
}

function addActivity(cal: ICalCalendar, a: CalendarActivity, labels: CalendarLabels) {
  const title = eventText(a.title);
  const summary = a.status === "paused" ? `${labels.paused}: ${title}` : title;
  const description = [a.description && eventText(a.description), a.url]
    .filter(Boolean)
    .join("\n\n");
  const location = eventText(a.location);
  for (const window of a.schedule) {
    // The series starts at the first meeting after the activity was published,
    // so every fetch of a feed gives the same DTSTART (and the same event).
    const first = firstOccurrenceFrom(window, a.createdAt);
    cal.createEvent({
      id: weeklyTimeId(a.ref, window),
      start: first.start,
      end: first.end,
      timezone: ACTIVITY_TIME_ZONE,
      repeating: { freq: ICalEventRepeatingFreq.WEEKLY, byDay: [WEEKDAYS[window.weekday - 1]!] },
      summary,
      description,
      location: a.geo
        ? { title: location, geo: { lat: a.geo.lat, lon: a.geo.lon } }
        : location || null,
      url: a.url,
      status: a.status === "paused" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // DTSTAMP without METHOD is when the information was last revised (RFC 5545 3.8.7.2).
      stamp: DateTime.fromJSDate(a.updatedAt, { zone: "utc" }),
      lastModified: DateTime.fromJSDate(a.updatedAt, { zone: "utc" }),
    });
  }
}

/**
 * An iCalendar file of weekly recurring events, one per weekly time of each
 * activity, in Helsinki time with its VTIMEZONE. Built by ical-generator
 * (text escaping and line folding per RFC 5545); the output depends only on
 * its input, so the same data gives the same bytes and the same ETag.
 */
export function buildCalendar(
  calendar: { name: string; description?: string; source?: string; refreshHours?: number },
  activities: readonly CalendarActivity[],
  labels: CalendarLabels,
): string {
  const cal = ical({
    prodId: { company: "Luotsi", product: "Activities", language: "FI" },
    name: calendarText(calendar.name),
    description: calendar.description ? calendarText(calendar.description) : undefined,
    source: calendar.source,
    ttl: calendar.refreshHours ? calendar.refreshHours * 3600 : undefined,
    // No calendar-wide time zone: DTSTAMP must stay UTC; each event names Helsinki.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  for (const a of activities) addActivity(cal, a, labels);
  return cal.toString() + "\r\n";
}
