import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PlacesText } from "#app/components/places-text.tsx";
import { AddToParticipantList, BrowsingBanner } from "#app/components/browsing-together.tsx";
import { excerpt, openGraphMeta } from "#app/components/open-graph.ts";
import { getBrowsingParticipant } from "#app/modules/participants/shortlist.server.ts";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { ThresholdBadges } from "#app/modules/catalog/threshold-badges.tsx";
import { dirOf, formatDate, joinList, languageName, languageOf } from "#app/infra/i18n/i18n.ts";
import { pageAddresses } from "#app/infra/i18n/addresses.server.ts";
import { PARTICIPANT_ADDRESS_LANGS } from "#app/infra/i18n/addresses.ts";
import { getLang, getLocale } from "#app/infra/i18n/lang.server.ts";
import { publicPage, useLocale, useT } from "#app/infra/i18n/use-t.ts";
import { contentLangAttrs } from "#app/components/content-lang.ts";
import { orNotFound } from "#app/infra/http.server.ts";
import { useLocalizedPath } from "#app/infra/i18n/use-localized-path.ts";
import { useNonce } from "#app/infra/nonce.tsx";
import { publicActivityPage } from "#app/modules/catalog/activity-page.server.ts";
import { allowPublicCaching, isAnonymousCookieHeader } from "#app/infra/page-cache.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { langOfMatches, pageTitle } from "#app/infra/i18n/meta.ts";
import { ActivityMap, mapLinks } from "#app/components/activity-map.tsx";

export const links: LinksFunction = mapLinks;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ref = orNotFound(parseRef(params.ref));
  const lang = getLang(request);
  const locale = getLocale(request);
  // Closed activities are gone from the public site.
  const page = orNotFound(publicActivityPage(ref, locale));
  if (isAnonymousCookieHeader(request.headers.get("Cookie"))) allowPublicCaching(context);
  return {
    ...page,
    lang,
    locale,
    addresses: pageAddresses(request, locale, { locales: PARTICIPANT_ADDRESS_LANGS }),
    browsing: page.activity.status === "open" ? await getBrowsingParticipant(request) : null,
  };
}

// Shown in every participant language and in plain language (issue #16).
export const handle = publicPage;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [pageTitle(langOfMatches(matches), "title.activity")];
  const description = excerpt(data.activity.description, 160);
  return [
    pageTitle(data.locale, null, data.activity.title),
    { name: "description", content: description },
    ...openGraphMeta({
      title: data.activity.title,
      description,
      image: data.image,
      imageAlt: "Luotsi",
      lang: data.locale,
      addresses: data.addresses,
    }),
  ];
};

export default function ActivityPage() {
  const { activity: a, jsonLd, browsing, calendars } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const localized = useLocalizedPath();
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
  const organizationPage = localized(`/organizations/${encodeURIComponent(a.organization.ref)}`);
  return (
    <article className="activity">
      {jsonLd ? (
        <script
          type="application/ld+json"
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: jsonLd }}
        />
      ) : null}
      <p>
        {/* "Back" points to the start of the line: right in Arabic. */}
        <Link to={localized("/")}>
          {dirOf(locale) === "rtl" ? "→" : "←"} {t("activity.back")}
        </Link>
      </p>
      <p className="kind">{t(`kind.${a.kind}`)}</p>
      <h1 {...contentLangAttrs(a.contentLanguage, locale)}>{a.title}</h1>
      <BrowsingBanner browsing={browsing} />
      <AddToParticipantList browsing={browsing} activityRef={a.ref} title={a.title} />
      {a.status !== "open" ? (
        <p className="notice" role="status">
          {t("activity.notOpen")}
        </p>
      ) : null}
      {a.description ? (
        <p className="lead" {...contentLangAttrs(a.contentLanguage, locale)}>
          {a.description}
        </p>
      ) : null}
      {a.description && a.lacksPlainDescription ? (
        <p className="meta">{t("activity.noPlainDescription")}</p>
      ) : null}
      <ThresholdBadges threshold={a.threshold} />
      <dl className="facts">
        <div>
          <dt>{t("activity.when")}</dt>
          <dd>
            <ScheduleText schedule={a.schedule} style="long" />
            {a.schedule.length > 0
              ? ` (${t("activity.weekly").toLocaleLowerCase(languageOf(locale))})`
              : ""}
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
            <Link to={organizationPage}>{a.organization.name}</Link>
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
          <dd>
            {joinList(
              a.languages.map((l) => languageName(l, locale)),
              locale,
            )}
          </dd>
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
            <dd {...contentLangAttrs(a.contentLanguage, locale)}>{a.interests.join(", ")}</dd>
          </div>
        ) : null}
      </dl>
      {a.howToJoin || a.contact ? (
        <section className="panel join" aria-labelledby="join-heading">
          <h2 id="join-heading">{t("activity.howToJoin")}</h2>
          {a.howToJoin ? (
            <p {...contentLangAttrs(a.contentLanguage, locale)}>{a.howToJoin}</p>
          ) : null}
          {a.contact ? (
            <p>
              <strong>{t("activity.contact")}:</strong>{" "}
              {[
                a.contact.name ? <span key="name">{a.contact.name}</span> : null,
                a.contact.phone ? (
                  <a key="phone" href={`tel:${a.contact.phone.replace(/[^+0-9]/g, "")}`}>
                    {a.contact.phone}
                  </a>
                ) : null,
                a.contact.email ? (
                  <a key="email" href={`mailto:${a.contact.email}`}>
                    {a.contact.email}
                  </a>
                ) : null,
              ]
                .filter(Boolean)
                .flatMap((part, i) => (i === 0 ? [part] : [" · ", part]))}
            </p>
          ) : null}
        </section>
      ) : null}
      {a.mapPoint ? (
        <ActivityMap
          points={[
            {
              id: a.ref,
              ...a.mapPoint,
              title: a.title,
              lang: a.contentLanguage,
              detail: a.municipality,
            },
          ]}
          label={t("map.activityLabel")}
          note={a.mapPoint.exact ? undefined : t("map.approximate")}
        />
      ) : null}
      <section className="calendar-links" aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">{t("calendar.heading")}</h2>
        {a.schedule.length > 0 ? (
          <p>
            <a className="button" href={calendars.activity} download>
              {t("activity.ical")}
            </a>
          </p>
        ) : (
          <p>{t("calendar.noFixedTimesShort")}</p>
        )}
        <p>{t("calendar.subscribeIntro")}</p>
        <ul className="link-list">
          <li>
            <a href={calendars.organization}>
              {t("calendar.subscribeOrganization", { name: a.organization.name })}
            </a>
          </li>
          <li>
            <a href={calendars.municipality}>
              {t("calendar.subscribeMunicipality", { name: a.municipality })}
            </a>
          </li>
        </ul>
      </section>
      {a.lastCheckedAt ? (
        <p className="meta">
          {t("activity.lastChecked", { date: formatDate(new Date(a.lastCheckedAt), locale) })}
        </p>
      ) : null}
    </article>
  );
}
