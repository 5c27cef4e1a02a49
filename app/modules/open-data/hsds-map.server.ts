import { THRESHOLD_FLAGS, type Threshold } from "../common/common-schema.ts";
import type { ActivityKind } from "../catalog/activity-schema.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { languageName, translator, type Lang } from "#app/infra/i18n/i18n.ts";
import { ACTIVITY_TIME_ZONE } from "../calendar/occurrences.ts";
import { stableId, weeklyTimeId } from "../common/stable-ids.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import { postalAddressOf } from "../places/postal-address.server.ts";
import { termObject, type TermRef } from "./hsds-taxonomy.ts";
import { DateTime } from "luxon";

/**
 * Luotsi's public records as HSDS 3.0 objects (docs/hsds.md has the field
 * mapping). Only what the public activity page shows goes out: no pilot,
 * participant or user account ever appears here; an activity's contact
 * person is published because the association publishes it on the page.
 */

export type ActivityRecord = {
  ref: string;
  title: string;
  description: string | null;
  kind: ActivityKind;
  municipality: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  languages: string[];
  schedule: { weekday: number; start: string; end: string }[];
  threshold: Threshold;
  minAge: number | null;
  maxAge: number | null;
  lastCheckedAt: Date | null;
  updatedAt: Date;
  howToJoin?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
};

export type OrganizationRecord = {
  ref: string;
  name: string;
  municipality: string;
  description: string | null;
  website: string | null;
};

const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

export const serviceId = (activityRef: string) => stableId("hsds-service", activityRef);
export const serviceAtLocationId = (activityRef: string) =>
  stableId("hsds-service-at-location", activityRef);
export const organizationId = (organizationRef: string) =>
  stableId("hsds-organization", organizationRef);

const absolute = (path: string) => absoluteUrl(path);

/** HSDS wants HH:MM with a zone; Helsinki's offset today (+02:00 or +03:00). */
function helsinkiOffset(now: Date) {
  return DateTime.fromJSDate(now, { zone: ACTIVITY_TIME_ZONE }).toFormat("ZZ");
}

function omitEmpty<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
  return o;
}

export function organizationObject(org: OrganizationRecord, lang: Lang) {
  const t = translator(lang);
  return omitEmpty({
    id: organizationId(org.ref),
    name: org.name,
    // Required by HSDS; an association that wrote none gets one made of what we know.
    description:
      org.description?.trim() ||
      t("openData.organizationDescription", {
        name: org.name,
        municipality: municipalityName(org.municipality, lang),
      }),
    website: org.website ?? undefined,
  });
}

function municipalityName(fi: string, lang: Lang) {
  return lang === "sv" ? (findMunicipality(fi)?.sv ?? fi) : fi;
}

/** Terms are fixed lists: each is built once per language and process, then shared (never mutated). */
const termCache = new Map<string, ReturnType<typeof termObject>>();
function cachedTerm(term: TermRef, lang: Lang) {
  const key = `${lang} ${term.taxonomy} ${term.code}`;
  let value = termCache.get(key);
  if (!value) termCache.set(key, (value = termObject(term, lang, absolute)));
  return value;
}

function attributes(a: ActivityRecord, lang: Lang) {
  const terms: TermRef[] = [
    { taxonomy: "kind", code: a.kind },
    ...THRESHOLD_FLAGS.filter((flag) => a.threshold[flag] === true).map(
      (code): TermRef => ({ taxonomy: "threshold", code }),
    ),
  ];
  const link = serviceId(a.ref);
  return terms.map((term) => {
    const taxonomyTerm = cachedTerm(term, lang);
    return {
      id: stableId("hsds-attribute", a.ref, term.taxonomy, term.code),
      link_id: link,
      link_entity: "service",
      taxonomy_term_id: taxonomyTerm.id,
      taxonomy_term: taxonomyTerm,
    };
  });
}

function schedules(a: ActivityRecord, lang: Lang, now: Date) {
  const t = translator(lang);
  const offset = helsinkiOffset(now);
  return a.schedule.map((w) =>
    omitEmpty({
      id: weeklyTimeId(a.ref, w),
      service_id: serviceId(a.ref),
      freq: "WEEKLY",
      interval: 1,
      byday: DAY_CODES[w.weekday - 1],
      wkst: "MO",
      opens_at: `${w.start}${offset}`,
      closes_at: `${w.end}${offset}`,
      timezone: Number(offset.slice(0, 3)),
      notes: t("openData.localTime"),
    }),
  );
}

function location(a: ActivityRecord, lang: Lang) {
  const t = translator(lang);
  const id = stableId("hsds-location", a.ref);
  const online = a.threshold.online === true;
  if (online && !a.address) {
    return {
      id,
      location_type: "virtual",
      name: t("calendar.online"),
      url: absoluteUrl(`/activities/${encodeURIComponent(a.ref)}`),
    };
  }
  const postal = postalAddressOf(a);
  return omitEmpty({
    id,
    location_type: "physical",
    name: postal.street ?? municipalityName(a.municipality, lang),
    // Only an activity's own coordinates: a municipality's centre would look more precise than it is.
    latitude: a.lat ?? undefined,
    longitude: a.lon ?? undefined,
    addresses: [
      {
        id: stableId("hsds-address", a.ref),
        location_id: id,
        // HSDS requires these five; an address without a street or postcode gives them empty.
        address_1: postal.street ?? "",
        city: postal.locality,
        state_province: postal.region ?? "",
        postal_code: postal.postalCode ?? "",
        country: postal.country,
        address_type: "physical",
      },
    ],
    accessibility:
      a.threshold.accessible === true
        ? [
            {
              id: stableId("hsds-accessibility", a.ref),
              location_id: id,
              description: t("openData.term.accessible"),
            },
          ]
        : undefined,
  });
}

function serviceAtLocationCore(a: ActivityRecord, lang: Lang) {
  const loc = location(a, lang);
  return {
    id: serviceAtLocationId(a.ref),
    service_id: serviceId(a.ref),
    location_id: loc.id,
    location: loc,
  };
}

function applicationProcess(a: ActivityRecord, lang: Lang) {
  // The association's own words when it gave them; else derived from the flags.
  if (a.howToJoin) return a.howToJoin;
  const t = translator(lang);
  const parts = [];
  if (a.threshold.dropIn) parts.push(t("openData.dropIn"));
  if (a.threshold.noRegistration) parts.push(t("openData.noRegistration"));
  if (parts.length === 0) parts.push(t("openData.askOrganizer"));
  return parts.join(" ");
}

/** The one-to-one fields of a service (what HSDS lists carry). */
export function serviceListObject(a: ActivityRecord, org: OrganizationRecord, lang: Lang) {
  const t = translator(lang);
  return omitEmpty({
    id: serviceId(a.ref),
    organization_id: organizationId(org.ref),
    name: a.title,
    description: a.description ?? undefined,
    url: absoluteUrl(`/activities/${encodeURIComponent(a.ref)}`),
    status: "active",
    application_process: applicationProcess(a, lang),
    fees_description: a.threshold.free ? t("openData.free") : undefined,
    minimum_age: a.minAge ?? undefined,
    maximum_age: a.maxAge ?? undefined,
    assured_date: a.lastCheckedAt ? a.lastCheckedAt.toISOString().slice(0, 10) : undefined,
    last_modified: a.updatedAt.toISOString(),
    organization: organizationObject(org, lang),
  });
}

/** A service with everything HSDS nests in it. */
export function serviceObject(
  a: ActivityRecord,
  org: OrganizationRecord,
  lang: Lang,
  now: Date = new Date(),
) {
  const t = translator(lang);
  return omitEmpty({
    ...serviceListObject(a, org, lang),
    schedules: schedules(a, lang, now),
    service_at_locations: [serviceAtLocationCore(a, lang)],
    languages: a.languages.map((code) => ({
      id: stableId("hsds-language", a.ref, code),
      service_id: serviceId(a.ref),
      name: languageName(code, lang),
      code,
    })),
    cost_options: a.threshold.free
      ? [
          {
            id: stableId("hsds-cost-option", a.ref),
            service_id: serviceId(a.ref),
            option: t("openData.free"),
            amount: 0,
            currency: "EUR",
          },
        ]
      : undefined,
    attributes: attributes(a, lang),
    contacts: contacts(a),
  });
}

/** The activity's public contact person, as the activity page shows it. */
function contacts(a: ActivityRecord) {
  if (!a.contactPhone && !a.contactEmail) return undefined;
  const id = stableId("hsds-contact", a.ref);
  return [
    omitEmpty({
      id,
      service_id: serviceId(a.ref),
      name: a.contactName || undefined,
      email: a.contactEmail || undefined,
      phones: a.contactPhone
        ? [{ id: stableId("hsds-phone", a.ref), contact_id: id, number: a.contactPhone }]
        : [],
    }),
  ];
}

/** `/service_at_locations` list item: the link, its location and the service's own fields. */
export function serviceAtLocationListObject(
  a: ActivityRecord,
  org: OrganizationRecord,
  lang: Lang,
) {
  return { ...serviceAtLocationCore(a, lang), service: serviceListObject(a, org, lang) };
}

/** `/service_at_locations/{id}`: the link with its full location and full service. */
export function serviceAtLocationObject(
  a: ActivityRecord,
  org: OrganizationRecord,
  lang: Lang,
  now: Date = new Date(),
) {
  const { service_at_locations: _omitted, ...service } = serviceObject(a, org, lang, now);
  return { ...serviceAtLocationCore(a, lang), service };
}
