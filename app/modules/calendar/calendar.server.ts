import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { activities, organizations, type Threshold } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { pathInLang } from "#app/infra/i18n/addresses.ts";
import { translator, type Lang } from "#app/infra/i18n/i18n.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import { formatPostalAddress, postalAddressOf } from "../places/postal-address.server.ts";
import { buildCalendar, type CalendarActivity } from "./ical.ts";

/** Subscribed calendars are fetched again every this many hours (REFRESH-INTERVAL). */
const FEED_REFRESH_HOURS = 6;

type Row = typeof activities.$inferSelect;

function toCalendarActivity(a: Row, lang: Lang): CalendarActivity {
  const t = translator(lang);
  const online = (a.threshold as Threshold).online === true;
  const address = formatPostalAddress(postalAddressOf(a));
  return {
    ref: a.ref,
    title: a.title,
    description: a.description,
    status: a.status === "paused" ? "paused" : "open",
    schedule: a.schedule,
    location: online && !a.address ? t("calendar.online") : address,
    geo: a.lat != null && a.lon != null ? { lat: a.lat, lon: a.lon } : null,
    url: absoluteUrl(pathInLang(`/activities/${encodeURIComponent(a.ref)}`, lang)),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Open and paused activities with weekly times: closed ones leave the calendars. */
function listScheduled(db: Db, where: SQL) {
  return db
    .select()
    .from(activities)
    .where(and(inArray(activities.status, ["open", "paused"]), where))
    .orderBy(asc(activities.title), asc(activities.ref))
    .all()
    .filter((a) => a.schedule.length > 0);
}

export type ActivityCalendar =
  | { found: true; filename: string; body: string }
  | { found: false; reason: "unknown" | "no-fixed-times" };

/** One activity's weekly times as a calendar file; none for an activity without fixed times. */
export function activityCalendar(ref: string, lang: Lang, db: Db = getDb()): ActivityCalendar {
  const a = db.select().from(activities).where(eq(activities.ref, ref)).get();
  if (!a || a.status === "closed") return { found: false, reason: "unknown" };
  if (a.schedule.length === 0) return { found: false, reason: "no-fixed-times" };
  const t = translator(lang);
  const body = buildCalendar({ name: `${a.title} – Luotsi` }, [toCalendarActivity(a, lang)], {
    paused: t("calendar.paused"),
  });
  return { found: true, filename: `${a.ref}.ics`, body };
}

export type FeedCalendar = { found: true; body: string } | { found: false };

/** A subscribable feed of every open or paused activity of one organization. */
export function organizationCalendar(ref: string, lang: Lang, db: Db = getDb()): FeedCalendar {
  const org = db.select().from(organizations).where(eq(organizations.ref, ref)).get();
  if (!org) return { found: false };
  const t = translator(lang);
  const rows = listScheduled(db, eq(activities.organizationId, org.id));
  return {
    found: true,
    body: buildCalendar(
      {
        name: t("calendar.organizationName", { name: org.name }),
        description: t("calendar.organizationDescription", { name: org.name }),
        source: absoluteUrl(organizationCalendarHref(org.ref, lang)),
        refreshHours: FEED_REFRESH_HOURS,
      },
      rows.map((a) => toCalendarActivity(a, lang)),
      { paused: t("calendar.paused") },
    ),
  };
}

/** A subscribable feed of every open or paused activity in one municipality (Finnish or Swedish name). */
export function municipalityCalendar(name: string, lang: Lang, db: Db = getDb()): FeedCalendar {
  const m = findMunicipality(name);
  if (!m) return { found: false };
  const t = translator(lang);
  const label = lang === "sv" ? m.sv : m.fi;
  const rows = listScheduled(db, eq(activities.municipality, m.fi));
  return {
    found: true,
    body: buildCalendar(
      {
        name: t("calendar.municipalityName", { name: label }),
        description: t("calendar.municipalityDescription", { name: label }),
        source: absoluteUrl(municipalityCalendarHref(m.fi, lang)),
        refreshHours: FEED_REFRESH_HOURS,
      },
      rows.map((a) => toCalendarActivity(a, lang)),
      { paused: t("calendar.paused") },
    ),
  };
}

export function organizationCalendarHref(ref: string, lang: Lang) {
  return pathInLang(`/calendars/organizations/${encodeURIComponent(ref)}`, lang);
}

export function municipalityCalendarHref(municipalityFi: string, lang: Lang) {
  return pathInLang(`/calendars/municipalities/${encodeURIComponent(municipalityFi)}`, lang);
}

/**
 * A feed's address for the "subscribe" links: webcal:// makes a calendar app
 * offer a subscription (it fetches the same address over http or https).
 */
export function subscribeUrl(feedPath: string) {
  return absoluteUrl(feedPath).replace(/^https?:/, "webcal:");
}
