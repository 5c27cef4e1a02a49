import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ACTIVITY_KINDS, type THRESHOLD_FLAGS } from "#db/schema.ts";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { PlacesText } from "#app/components/places-text.tsx";
import { AddToParticipantList, BrowsingBanner } from "#app/components/browsing-together.tsx";
import { getBrowsingParticipant } from "#app/modules/participants/shortlist.server.ts";
import { ThresholdBadges, ThresholdIcon } from "#app/components/threshold-badges.tsx";
import { languageName, translator, weekdayName } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import {
  CatalogSearchSchema,
  searchParamsToObject,
} from "#app/modules/catalog/catalog-search-schema.ts";
import { searchCatalog } from "#app/modules/catalog/catalog-search.server.ts";
import { allowPublicCaching, isAnonymousCookieHeader } from "#app/infra/page-cache.server.ts";
import {
  activityMapPoint,
  listCatalogMunicipalities,
} from "#app/modules/catalog/catalog.server.ts";
import { ActivityMap, mapLinks } from "#app/components/activity-map.tsx";
import {
  findMunicipality,
  findPlace,
  municipalityLabel,
} from "#app/modules/places/municipalities.server.ts";

export const links: LinksFunction = mapLinks;

export const meta: MetaFunction = () => [
  { title: "Luotsi – matalan kynnyksen toimintaa" },
  {
    name: "description",
    content: "Ryhmiä, kursseja, retkiä ja vapaaehtoistyötä, joihin on helppo tulla mukaan.",
  },
];

/** Only the filters the page can show: the UI lists these, with facet counts. */
const FILTER_FLAGS = [
  "free",
  "dropIn",
  "noRegistration",
  "plainLanguage",
  "accessible",
  "substanceFree",
  "bringAFriend",
  "online",
] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = getLang(request);
  const url = new URL(request.url);
  const parsed = CatalogSearchSchema.safeParse(searchParamsToObject(url.searchParams));
  const selected = findMunicipality(url.searchParams.get("municipality") ?? "")?.fi;
  const names = listCatalogMunicipalities();
  if (selected && !names.includes(selected)) names.push(selected);
  const municipalities = names
    .map((fi) => ({ value: fi, label: municipalityLabel(fi, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(
      parsed.error.issues.map((i) => [String(i.path[0]), i.message]),
    );
    return Response.json(
      { result: null, fieldErrors, municipalities, nearUnknown: null },
      { status: 400 },
    );
  }
  const search = parsed.data;
  const nearUnknown = search.near && !findPlace(search.near) ? search.near : null;
  const result = await searchCatalog(search);
  const browsing = await getBrowsingParticipant(request);
  // The database fallback is rendered afresh, so the page improves as soon as Meilisearch is back.
  if (result.source === "search" && isAnonymousCookieHeader(request.headers.get("Cookie"))) {
    allowPublicCaching(context);
  }
  return Response.json({
    result: {
      ...result,
      hits: result.hits.map((a) => ({
        ref: a.ref,
        title: a.title,
        description: a.description,
        kind: a.kind,
        municipality: municipalityLabel(a.municipality, lang),
        organizationName: a.organizationName,
        schedule: a.schedule,
        threshold: a.threshold,
        capacity: a.capacity,
        enrolled: a.enrolled,
        languages: a.languages,
        distanceKm: a.distanceKm,
        point: activityMapPoint(a),
      })),
    },
    fieldErrors: {},
    municipalities,
    nearUnknown,
    browsing,
  });
}

type LoaderData = {
  result: null | {
    hits: {
      ref: string;
      title: string;
      description: string | null;
      kind: (typeof ACTIVITY_KINDS)[number];
      municipality: string;
      organizationName: string;
      schedule: { weekday: number; start: string; end: string }[];
      threshold: Partial<Record<(typeof THRESHOLD_FLAGS)[number], boolean>>;
      capacity: number | null;
      enrolled: number;
      languages: string[];
      distanceKm?: number;
      point: { lat: number; lon: number; exact: boolean } | null;
    }[];
    total: number;
    page: number;
    pageCount: number;
    facets: {
      kind: Record<string, number>;
      municipality: Record<string, number>;
      languages: Record<string, number>;
    };
    source: "search" | "database";
    nearPlace?: string;
  };
  fieldErrors: Record<string, string>;
  municipalities: { value: string; label: string }[];
  nearUnknown: string | null;
  browsing?: { ref: string; self: boolean } | null;
};

function excerpt(text: string | null, max = 160) {
  if (!text) return "";
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")}…` : text;
}

export default function CatalogPage() {
  const data = useLoaderData<LoaderData>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const result = data.result;
  const selectedFlags = new Set(params.getAll("flag"));
  const activeFilters =
    ["municipality", "kind", "language", "weekday", "age", "near"].filter((k) => params.get(k))
      .length + selectedFlags.size;
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `/?${next.toString()}`;
  };
  const facet = (name: "kind" | "municipality" | "languages", value: string) =>
    result?.facets[name][value];
  const errorFor = (field: string) =>
    data.fieldErrors[field] ? (
      <p className="field-error" id={`${field}-error`}>
        {data.fieldErrors[field]}
      </p>
    ) : null;

  return (
    <div className="catalog">
      <section className="hero">
        <h1>{t("catalog.title")}</h1>
        <p>{t("catalog.intro")}</p>
      </section>
      <Form method="get" className="search-form" role="search">
        <div className="field search-field">
          <label htmlFor="q">{t("catalog.query")}</label>
          <div className="search-row">
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={params.get("q") ?? ""}
              placeholder={t("catalog.queryHint")}
              aria-invalid={data.fieldErrors.q ? true : undefined}
              aria-describedby={data.fieldErrors.q ? "q-error" : undefined}
            />
            <button type="submit" className="button primary">
              {t("common.search")}
            </button>
          </div>
          {errorFor("q")}
        </div>
        <details className="filters" open={activeFilters > 0 ? true : undefined}>
          <summary>
            {t("catalog.filters")}
            {activeFilters > 0 ? ` (${activeFilters})` : ""}
          </summary>
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="municipality">{t("catalog.municipality")}</label>
              <select
                id="municipality"
                name="municipality"
                defaultValue={params.get("municipality") ?? ""}
              >
                <option value="">{t("common.all")}</option>
                {data.municipalities.map((m) => {
                  const n = facet("municipality", m.value);
                  return (
                    <option key={m.value} value={m.value}>
                      {n ? t("catalog.facetCount", { label: m.label, count: n }) : m.label}
                    </option>
                  );
                })}
              </select>
            </div>
            <div className="field">
              <label htmlFor="kind">{t("catalog.kind")}</label>
              <select id="kind" name="kind" defaultValue={params.get("kind") ?? ""}>
                <option value="">{t("common.all")}</option>
                {ACTIVITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t("catalog.facetCount", {
                      label: t(`kind.${k}`),
                      count: facet("kind", k) ?? 0,
                    })}
                  </option>
                ))}
              </select>
              {errorFor("kind")}
            </div>
            <div className="field">
              <label htmlFor="language">{t("catalog.language")}</label>
              <select id="language" name="language" defaultValue={params.get("language") ?? ""}>
                <option value="">{t("common.all")}</option>
                {["fi", "sv", "en"].map((l) => (
                  <option key={l} value={l}>
                    {t("catalog.facetCount", {
                      label: languageName(l, lang),
                      count: facet("languages", l) ?? 0,
                    })}
                  </option>
                ))}
              </select>
              {errorFor("language")}
            </div>
            <div className="field">
              <label htmlFor="weekday">{t("catalog.weekday")}</label>
              <select id="weekday" name="weekday" defaultValue={params.get("weekday") ?? ""}>
                <option value="">{t("common.all")}</option>
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <option key={d} value={d}>
                    {weekdayName(d, lang, "long")}
                  </option>
                ))}
              </select>
              {errorFor("weekday")}
            </div>
            <div className="field">
              <label htmlFor="age">{t("catalog.age")}</label>
              <input
                id="age"
                name="age"
                type="number"
                inputMode="numeric"
                min={0}
                max={120}
                defaultValue={params.get("age") ?? ""}
                aria-invalid={data.fieldErrors.age ? true : undefined}
                aria-describedby={data.fieldErrors.age ? "age-error" : undefined}
              />
              {errorFor("age")}
            </div>
            <div className="field">
              <label htmlFor="near">{t("catalog.near")}</label>
              <input
                id="near"
                name="near"
                type="text"
                autoComplete="postal-code"
                defaultValue={params.get("near") ?? ""}
                aria-describedby={data.nearUnknown ? "near-error" : undefined}
              />
              {data.nearUnknown ? (
                <p className="field-error" id="near-error">
                  {t("catalog.nearUnknown", { place: data.nearUnknown })}
                </p>
              ) : null}
            </div>
          </div>
          <fieldset className="flag-filters">
            <legend>{t("catalog.threshold")}</legend>
            <ul className="checkbox-list">
              {FILTER_FLAGS.map((f) => (
                <li key={f}>
                  <label>
                    <input
                      type="checkbox"
                      name="flag"
                      value={f}
                      defaultChecked={selectedFlags.has(f)}
                    />
                    <ThresholdIcon flag={f} /> {t(`threshold.${f}`)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="actions">
            <button type="submit" className="button primary">
              {t("catalog.apply")}
            </button>
            <Link to="/" className="button">
              {t("catalog.clear")}
            </Link>
          </div>
        </details>
      </Form>

      <BrowsingBanner browsing={data.browsing} />
      {result ? (
        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading" aria-live="polite">
            {result.total === 1
              ? t("catalog.resultsOne")
              : t("catalog.results", { count: result.total })}
          </h2>
          {result.source === "database" ? (
            <p className="notice" role="status">
              {t("catalog.fallback")}
            </p>
          ) : null}
          {result.nearPlace ? (
            <p>{t("catalog.sortedByDistance", { place: result.nearPlace })}</p>
          ) : null}
          {result.hits.length === 0 ? <p>{t("catalog.noResults")}</p> : null}
          <ActivityMap
            points={result.hits.flatMap((a) =>
              a.point
                ? [
                    {
                      id: a.ref,
                      ...a.point,
                      title: a.title,
                      href: `/activities/${encodeURIComponent(a.ref)}`,
                      detail: a.municipality,
                    },
                  ]
                : [],
            )}
            label={t("map.resultsLabel")}
            toggle={{ show: t("map.show"), hide: t("map.hide") }}
            note={t("map.resultsNote")}
          />
          <ul className="cards">
            {result.hits.map((a) => (
              <li key={a.ref} className="card">
                <h3>
                  <Link to={`/activities/${encodeURIComponent(a.ref)}`}>{a.title}</Link>
                </h3>
                <p className="meta">
                  <span className="kind">{t(`kind.${a.kind}`)}</span> · {a.municipality}
                  {a.distanceKm != null
                    ? ` · ${t("catalog.distance", { km: Math.round(a.distanceKm) })}`
                    : ""}
                  {" · "}
                  <ScheduleText schedule={a.schedule} />
                </p>
                <p>{excerpt(a.description)}</p>
                <ThresholdBadges threshold={a.threshold} />
                <p className="meta">
                  <PlacesText capacity={a.capacity} enrolled={a.enrolled} /> ·{" "}
                  {t("catalog.by", { name: a.organizationName })}
                  {a.languages.length > 0 && !(a.languages.length === 1 && a.languages[0] === lang)
                    ? ` · ${a.languages.map((l) => languageName(l, lang)).join(", ")}`
                    : ""}
                </p>
                <AddToParticipantList
                  browsing={data.browsing}
                  activityRef={a.ref}
                  title={a.title}
                />
              </li>
            ))}
          </ul>
          {result.pageCount > 1 ? (
            <nav aria-label={t("catalog.pagination")} className="pagination">
              {result.page > 1 ? (
                <Link to={pageLink(result.page - 1)} rel="prev">
                  {t("common.previous")}
                </Link>
              ) : null}
              <span>{t("common.pageOf", { page: result.page, count: result.pageCount })}</span>
              {result.page < result.pageCount ? (
                <Link to={pageLink(result.page + 1)} rel="next">
                  {t("common.next")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : (
        <p className="field-error" role="alert">
          {translator(lang)("common.formErrors")}
        </p>
      )}
    </div>
  );
}
