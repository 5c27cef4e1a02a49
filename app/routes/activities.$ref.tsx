import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { Threshold, WeeklyWindow } from "#db/schema.ts";
import { PlacesText } from "#app/components/places-text.tsx";
import { AddToParticipantList, BrowsingBanner } from "#app/components/browsing-together.tsx";
import { getBrowsingParticipant } from "#app/modules/participants/shortlist.server.ts";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { ThresholdBadges } from "#app/components/threshold-badges.tsx";
import { formatDate, languageName } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { absoluteUrl } from "#app/infra/http.server.ts";
import { useNonce } from "#app/infra/nonce.tsx";
import {
  activityMapPoint,
  activityPoint,
  getActivityByRef,
} from "#app/modules/catalog/catalog.server.ts";
import { ActivityMap, mapLinks } from "#app/components/activity-map.tsx";
import { allowPublicCaching, isAnonymousCookieHeader } from "#app/infra/page-cache.server.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { getOrganization } from "#app/modules/organizations/organizations.server.ts";
import { municipalityLabel } from "#app/modules/places/municipalities.server.ts";

export const links: LinksFunction = mapLinks;

const SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success) throw new Response("Bad activity reference", { status: 400 });
  const a = getActivityByRef(ref.data);
  // Closed activities are gone from the public site.
  if (!a || a.status === "closed") throw new Response("Not found", { status: 404 });
  const lang = getLang(request);
  if (isAnonymousCookieHeader(request.headers.get("Cookie"))) allowPublicCaching(context);
  const org = getOrganization(a.organizationId);
  const point = activityPoint(a);
  const url = absoluteUrl(`/activities/${encodeURIComponent(a.ref)}`);
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Event",
    name: a.title,
    description: a.description ?? undefined,
    url,
    eventStatus:
      a.status === "open"
        ? "https://schema.org/EventScheduled"
        : "https://schema.org/EventPostponed",
    eventAttendanceMode: a.threshold.online
      ? "https://schema.org/OnlineEventAttendanceMode"
      : "https://schema.org/OfflineEventAttendanceMode",
    isAccessibleForFree: a.threshold.free === true,
    inLanguage: a.languages,
    organizer: {
      "@type": "Organization",
      name: a.organizationName,
      url: org?.website ?? undefined,
    },
    location: a.threshold.online
      ? { "@type": "VirtualLocation", url }
      : {
          "@type": "Place",
          name: a.address ?? a.municipality,
          address: {
            "@type": "PostalAddress",
            streetAddress: a.address ?? undefined,
            addressLocality: a.municipality,
            addressCountry: "FI",
          },
          geo: point
            ? { "@type": "GeoCoordinates", latitude: point.lat, longitude: point.lon }
            : undefined,
        },
    eventSchedule: a.schedule.map((w) => ({
      "@type": "Schedule",
      repeatFrequency: "P1W",
      byDay: `https://schema.org/${SCHEMA_DAYS[w.weekday - 1]}`,
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
  return {
    activity: {
      ref: a.ref,
      title: a.title,
      description: a.description,
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
      lastCheckedAt: a.lastCheckedAt ? a.lastCheckedAt.toISOString() : null,
      organization: {
        name: a.organizationName,
        website: org?.website ?? null,
        description: org?.description ?? null,
      },
    },
    jsonLd: JSON.stringify(jsonLd).replace(/</g, "\\u003c"),
    browsing: a.status === "open" ? await getBrowsingParticipant(request) : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.activity.title} – Luotsi` },
        { name: "description", content: (data.activity.description ?? "").slice(0, 160) },
      ]
    : [{ title: "Luotsi" }];

export default function ActivityPage() {
  const { activity: a, jsonLd, browsing } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const nonce = useNonce();
  const p = a.point ?? a.municipalityPoint;
  const mapUrl = p
    ? `https://www.openstreetmap.org/?mlat=${p.lat}&mlon=${p.lon}#map=${a.point ? 16 : 12}/${p.lat}/${p.lon}`
    : null;
  const ages =
    a.minAge != null && a.maxAge != null
      ? t("catalog.ageRange", { min: a.minAge, max: a.maxAge })
      : a.minAge != null
        ? t("catalog.ageMin", { min: a.minAge })
        : a.maxAge != null
          ? t("catalog.ageMax", { max: a.maxAge })
          : t("catalog.anyAge");
  return (
    <article className="activity">
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: jsonLd }}
      />
      <p>
        <Link to="/">← {t("activity.back")}</Link>
      </p>
      <p className="kind">{t(`kind.${a.kind}`)}</p>
      <h1>{a.title}</h1>
      <BrowsingBanner browsing={browsing} />
      <AddToParticipantList browsing={browsing} activityRef={a.ref} title={a.title} />
      {a.status !== "open" ? (
        <p className="notice" role="status">
          {t("activity.notOpen")}
        </p>
      ) : null}
      {a.description ? <p className="lead">{a.description}</p> : null}
      <ThresholdBadges threshold={a.threshold} />
      <dl className="facts">
        <div>
          <dt>{t("activity.when")}</dt>
          <dd>
            <ScheduleText schedule={a.schedule} style="long" />
            {a.schedule.length > 0 ? ` (${t("activity.weekly").toLocaleLowerCase(lang)})` : ""}
          </dd>
        </div>
        <div>
          <dt>{t("activity.where")}</dt>
          <dd>
            {a.threshold.online ? `${t("threshold.online")} · ` : ""}
            {a.address && a.address.includes(a.municipality)
              ? a.address
              : [a.address, a.municipality].filter(Boolean).join(", ")}
            {mapUrl ? (
              <>
                {" "}
                <a href={mapUrl} rel="noopener noreferrer" target="_blank">
                  {t("activity.map")}{" "}
                  <span className="visually-hidden">{t("activity.mapNote")}</span>
                </a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("activity.who")}</dt>
          <dd>
            {a.organization.name}
            {a.organization.website ? (
              <>
                {" · "}
                <a href={a.organization.website} rel="noopener noreferrer">
                  {t("activity.website")}
                </a>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("activity.forWhom")}</dt>
          <dd>{ages}</dd>
        </div>
        <div>
          <dt>{t("activity.languages")}</dt>
          <dd>{a.languages.map((l) => languageName(l, lang)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("activity.places")}</dt>
          <dd>
            <PlacesText capacity={a.capacity} enrolled={a.enrolled} />
          </dd>
        </div>
        {a.interests.length > 0 ? (
          <div>
            <dt>{t("activity.interests")}</dt>
            <dd>{a.interests.join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      {a.mapPoint ? (
        <ActivityMap
          points={[{ id: a.ref, ...a.mapPoint, title: a.title, detail: a.municipality }]}
          label={t("map.activityLabel")}
          note={a.mapPoint.exact ? undefined : t("map.approximate")}
        />
      ) : null}
      {a.schedule.length > 0 ? (
        <p>
          <a className="button" href={`/activities/${encodeURIComponent(a.ref)}/ical`} download>
            {t("activity.ical")}
          </a>
        </p>
      ) : null}
      {a.lastCheckedAt ? (
        <p className="meta">
          {t("activity.lastChecked", { date: formatDate(new Date(a.lastCheckedAt), lang) })}
        </p>
      ) : null}
    </article>
  );
}
