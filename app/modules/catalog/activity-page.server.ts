import type { Threshold, WeeklyWindow } from "../common/common-schema.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { pathInLang } from "#app/infra/i18n/addresses.ts";
import { baseLangOf, isPlainLocale, type Locale } from "#app/infra/i18n/i18n.ts";
import {
  municipalityCalendarHref,
  organizationCalendarHref,
  subscribeUrl,
} from "../calendar/calendar.server.ts";
import { activityEventJsonLd, jsonLdText } from "../findability/event-json-ld.server.ts";
import { getOrganization } from "../organizations/organizations.server.ts";
import { municipalityLabel } from "../places/municipalities.server.ts";
import {
  activityContactOf,
  activityMapPoint,
  activityPoint,
  getActivityByRef,
} from "./catalog.server.ts";

/**
 * Everything the public activity page shows, or null when the activity is
 * not public (missing or closed). Public data only.
 */
export function publicActivityPage(ref: string, locale: Locale, now: Date = new Date()) {
  const a = getActivityByRef(ref);
  // Place names and calendars exist in fi/sv/en; the page itself in every locale.
  const lang = baseLangOf(locale);
  const plain = isPlainLocale(locale);
  if (!a || a.status === "closed") return null;
  const org = getOrganization(a.organizationId);
  const point = activityPoint(a);
  const path = `/activities/${encodeURIComponent(a.ref)}`;
  const jsonLd = activityEventJsonLd(
    a,
    { ref: a.organizationRef, name: a.organizationName, website: org?.website ?? null },
    absoluteUrl(pathInLang(path, locale)),
    now,
  );
  return {
    activity: {
      ref: a.ref,
      title: a.title,
      // The plain-language view shows the activity's own plain description where it has one.
      description: (plain && a.plainDescription) || a.description,
      lacksPlainDescription: plain && !a.plainDescription,
      contentLanguage: a.contentLanguage,
      kind: a.kind,
      status: a.status,
      municipality: municipalityLabel(a.municipality, lang),
      address: a.address,
      point: a.lat != null && a.lon != null ? point : null,
      municipalityPoint: point,
      mapPoint: activityMapPoint(a),
      languages: a.languages,
      schedule: a.schedule as WeeklyWindow[],
      threshold: a.threshold as Threshold,
      minAge: a.minAge,
      maxAge: a.maxAge,
      capacity: a.capacity,
      enrolled: a.enrolled,
      interests: a.interests,
      howToJoin: a.howToJoin,
      contact: activityContactOf(a),
      lastCheckedAt: a.lastCheckedAt ? a.lastCheckedAt.toISOString() : null,
      organization: {
        ref: a.organizationRef,
        name: a.organizationName,
        website: org?.website ?? null,
        description: org?.description ?? null,
      },
    },
    calendars: {
      activity: pathInLang(`${path}/ical`, lang),
      organization: subscribeUrl(organizationCalendarHref(a.organizationRef, lang)),
      municipality: subscribeUrl(municipalityCalendarHref(a.municipality, lang)),
    },
    jsonLd: jsonLd ? jsonLdText(jsonLd) : null,
    /** For Open Graph: an absolute image and the page's own address. */
    image: absoluteUrl("/icons/icon-512.png"),
  };
}
