import { and, asc, eq } from "drizzle-orm";
import type { Organization, WithContext } from "schema-dts";
import { activities, type WeeklyWindow } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { pathInLang } from "#app/infra/i18n/addresses.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";
import { organizationCalendarHref, subscribeUrl } from "../calendar/calendar.server.ts";
import { jsonLdText } from "../findability/event-json-ld.server.ts";
import { municipalityLabel } from "../places/municipalities.server.ts";
import { getOrganizationByRef } from "./organizations.server.ts";

/**
 * An organization's public page: who it is and its open activities. The
 * organizer's address in structured data when it has no website of its own.
 */
export function publicOrganizationPage(ref: string, lang: Lang, db: Db = getDb()) {
  const org = getOrganizationByRef(ref, db);
  if (!org) return null;
  const open = db
    .select({
      ref: activities.ref,
      title: activities.title,
      kind: activities.kind,
      municipality: activities.municipality,
      schedule: activities.schedule,
    })
    .from(activities)
    .where(and(eq(activities.organizationId, org.id), eq(activities.status, "open")))
    .orderBy(asc(activities.title))
    .all();
  const url = absoluteUrl(pathInLang(`/organizations/${encodeURIComponent(org.ref)}`, lang));
  const jsonLd: WithContext<Organization> = {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: org.name,
    description: org.description ?? undefined,
    url,
    sameAs: org.website ?? undefined,
    address: {
      "@type": "PostalAddress",
      addressLocality: org.municipality,
      addressCountry: "FI",
    },
  };
  return {
    organization: {
      ref: org.ref,
      name: org.name,
      description: org.description,
      website: org.website,
      municipality: municipalityLabel(org.municipality, lang),
    },
    activities: open.map((a) => ({
      ...a,
      schedule: a.schedule as WeeklyWindow[],
      municipality: municipalityLabel(a.municipality, lang),
    })),
    calendar: subscribeUrl(organizationCalendarHref(org.ref, lang)),
    jsonLd: jsonLdText(jsonLd),
    image: absoluteUrl("/icons/icon-512.png"),
  };
}
