import type { Event, Place, Thing, VirtualLocation, WithContext } from "schema-dts";
import type { Threshold, WeeklyWindow } from "#db/schema.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { isoWithOffset, nextOccurrence } from "../calendar/occurrences.ts";
import { postalAddressOf } from "../places/postal-address.server.ts";

const SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export type EventActivity = {
  ref: string;
  title: string;
  description: string | null;
  status: "open" | "paused" | "closed";
  municipality: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
  languages: string[];
  schedule: WeeklyWindow[];
  threshold: Threshold;
  minAge: number | null;
  maxAge: number | null;
  capacity: number | null;
  enrolled: number;
};

export type EventOrganizer = { ref: string; name: string; website: string | null };

/** The public page of an organization, the organizer's URL when it has no website of its own. */
export function organizationPageUrl(ref: string) {
  return absoluteUrl(`/organizations/${encodeURIComponent(ref)}`);
}

/**
 * schema.org Event for an activity page, as search engines' event results
 * want it: the next meeting as `startDate`/`endDate` with Helsinki's offset,
 * a full postal address (or a virtual location), the organizer with a URL,
 * and an offer when taking part is free. An activity without fixed times
 * has no date to give, so it gets no Event at all (null). Typed with
 * schema-dts (generated from schema.org's vocabulary), so a property or
 * value schema.org does not define fails the typecheck.
 */
export function activityEventJsonLd(
  a: EventActivity,
  organizer: EventOrganizer,
  pageUrl: string,
  now: Date = new Date(),
): WithContext<Event> | null {
  const next = nextOccurrence(a.schedule, now);
  if (!next) return null;
  const online = a.threshold.online === true;
  const postal = postalAddressOf(a);
  const place: Place = {
    "@type": "Place",
    name: postal.street ?? postal.locality,
    address: {
      "@type": "PostalAddress",
      streetAddress: postal.street ?? undefined,
      postalCode: postal.postalCode ?? undefined,
      addressLocality: postal.locality,
      addressRegion: postal.region ?? undefined,
      addressCountry: postal.country,
    },
    geo:
      a.lat != null && a.lon != null
        ? { "@type": "GeoCoordinates", latitude: a.lat, longitude: a.lon }
        : undefined,
  };
  // Where to join online: the page, which says how (associations hand out meeting links themselves).
  const virtual: VirtualLocation = { "@type": "VirtualLocation", url: pageUrl };
  const full = a.capacity != null && a.enrolled >= a.capacity;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: a.title,
    description: a.description ?? undefined,
    url: pageUrl,
    image: [absoluteUrl("/icons/icon-512.png")],
    startDate: isoWithOffset(next.start),
    endDate: isoWithOffset(next.end),
    eventStatus:
      a.status === "open"
        ? "https://schema.org/EventScheduled"
        : "https://schema.org/EventPostponed",
    eventAttendanceMode: online
      ? a.address
        ? "https://schema.org/MixedEventAttendanceMode"
        : "https://schema.org/OnlineEventAttendanceMode"
      : "https://schema.org/OfflineEventAttendanceMode",
    location: online ? (a.address ? [place, virtual] : virtual) : place,
    organizer: {
      "@type": "Organization",
      name: organizer.name,
      url: organizer.website ?? organizationPageUrl(organizer.ref),
    },
    offers:
      a.threshold.free === true
        ? {
            "@type": "Offer",
            price: 0,
            priceCurrency: "EUR",
            availability: full ? "https://schema.org/SoldOut" : "https://schema.org/InStock",
            url: pageUrl,
          }
        : undefined,
    isAccessibleForFree: a.threshold.free === true,
    inLanguage: a.languages,
    eventSchedule: a.schedule.map((w) => ({
      "@type": "Schedule",
      repeatFrequency: "P1W",
      byDay: `https://schema.org/${SCHEMA_DAYS[w.weekday - 1]!}` as const,
      startTime: w.start,
      endTime: w.end,
      scheduleTimezone: "Europe/Helsinki",
    })),
    typicalAgeRange:
      a.minAge != null || a.maxAge != null ? `${a.minAge ?? ""}-${a.maxAge ?? ""}` : undefined,
    maximumAttendeeCapacity: a.capacity ?? undefined,
    remainingAttendeeCapacity:
      a.capacity != null ? Math.max(0, a.capacity - a.enrolled) : undefined,
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function jsonLdText(data: WithContext<Thing>) {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
