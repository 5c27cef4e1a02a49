import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "#app/components/error-summary.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { jsonResponse } from "#app/infra/http.server.ts";
import { ACTIVITY_KINDS } from "#app/modules/catalog/activity-values.ts";
import type { THRESHOLD_FLAGS } from "#app/modules/common/common-values.ts";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { PlacesText } from "#app/components/places-text.tsx";
import { AddToParticipantList, BrowsingBanner } from "#app/components/browsing-together.tsx";
import { getBrowsingParticipant } from "#app/modules/participants/shortlist.server.ts";
import { ThresholdBadges, ThresholdIcon } from "#app/modules/catalog/threshold-badges.tsx";
import {
  isPlainLocale,
  joinList,
  languageName,
  languageOf,
  type MessageKey,
  weekdayName,
  type Locale,
} from "#app/infra/i18n/i18n.ts";
import { getLang, getLocale } from "#app/infra/i18n/lang.server.ts";
import { PARTICIPANT_ADDRESS_LANGS } from "#app/infra/i18n/addresses.ts";
import { contentLangAttrs } from "#app/components/content-lang.ts";
import { pageAddresses } from "#app/infra/i18n/addresses.server.ts";
import { publicPage, useLocale, useT } from "#app/infra/i18n/use-t.ts";
import { useAddressLang, useLocalizedPath } from "#app/infra/i18n/use-localized-path.ts";
import {
  catalogHref,
  CatalogSearchSchema,
  searchParamsToObject,
} from "#app/modules/catalog/catalog-search-schema.ts";
import {
  searchCatalogPage,
  type Chip,
  type EffectiveSearch,
  type Recovery,
} from "#app/modules/catalog/catalog-search.server.ts";
import { AGE_GROUPS, DAY_PARTS } from "#app/modules/catalog/query-understanding.ts";
import {
  allowPublicCaching,
  isAnonymousCookieHeader,
  readRememberedPlace,
  rememberedPlaceCookie,
} from "#app/infra/page-cache.server.ts";
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
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const links: LinksFunction = mapLinks;

// Shown in every participant language and in plain language (issue #16).
export const handle = publicPage;

export const meta: MetaFunction = pageMeta("title.catalog", { description: "meta.catalog" });

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
  const locale = getLocale(request);
  // Plain language shows an activity's own plain description where it has one.
  const plain = isPlainLocale(locale);
  const url = new URL(request.url);
  const parsed = CatalogSearchSchema.safeParse(searchParamsToObject(url.searchParams));
  const names = listCatalogMunicipalities();
  const municipalityOptions = (extra?: string, village?: string) => {
    if (extra && findMunicipality(extra) && !names.includes(extra)) names.push(extra);
    const options = names
      .map((fi) => ({ value: fi, label: municipalityLabel(fi, lang) }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
    // A village searched for is an option of its own, so the field keeps it.
    if (extra && village) {
      const at = options.findIndex((o) => o.value === extra);
      options.splice(at + 1, 0, {
        value: village,
        label: `${village} (${municipalityLabel(extra, lang)})`,
      });
    }
    return options;
  };
  if (!parsed.success) {
    // A sentence in the visitor's language for each field, not the schema's English (`/?age=abc`).
    const fieldErrors = Object.fromEntries(
      parsed.error.issues.map((i) => [String(i.path[0]), catalogErrorKey(String(i.path[0]))]),
    );
    return jsonResponse(
      { page: null, fieldErrors, municipalities: municipalityOptions(), nearUnknown: null },
      { status: 400 },
    );
  }
  const search = parsed.data;
  // Search engines keep the catalog's pages, not every combination of filters (ADR 012).
  const filtered = [...url.searchParams.keys()].some((k) => !["lang", "page"].includes(k));
  const addresses = pageAddresses(request, locale, {
    indexable: !filtered,
    locales: PARTICIPANT_ADDRESS_LANGS,
  });
  const cookieHeader = request.headers.get("Cookie");
  const remembered = readRememberedPlace(cookieHeader);
  const page = await searchCatalogPage(search, { lang, rememberedPlace: remembered });
  const { result, effective } = page;
  const nearUnknown =
    effective.near && !effective.nearRemembered && !findPlace(effective.near)
      ? effective.near
      : null;
  const headers = new Headers();
  // The last searched place orders the next empty search (ADR 005 keys the page cache by it).
  if (search.forget && remembered) headers.append("Set-Cookie", rememberedPlaceCookie(undefined));
  else if (
    page.rememberPlace &&
    page.rememberPlace !== remembered &&
    findMunicipality(page.rememberPlace)
  )
    headers.append("Set-Cookie", rememberedPlaceCookie(page.rememberPlace));
  const browsing = await getBrowsingParticipant(request);
  // The database fallback is rendered afresh, so the page improves as soon as Meilisearch is back.
  if (result.source === "search" && isAnonymousCookieHeader(cookieHeader)) {
    allowPublicCaching(context);
  }
  const languages = [
    ...new Set([
      "fi",
      "sv",
      "en",
      ...Object.keys(result.facets.languages),
      effective.language ?? "fi",
    ]),
  ];
  return jsonResponse(
    {
      page: {
        result: {
          ...result,
          hits: result.hits.map((a) => ({
            ref: a.ref,
            title: a.title,
            description: (plain && a.plainDescription) || a.description,
            contentLanguage: a.contentLanguage,
            kind: a.kind,
            municipality: municipalityLabel(a.municipality, lang),
            organizationName: a.organizationName,
            schedule: a.schedule,
            threshold: a.threshold,
            capacity: a.capacity,
            enrolled: a.enrolled,
            languages: a.languages,
            distanceKm: a.distanceKm,
            nearby: a.nearby,
            point: activityMapPoint(a),
          })),
          placeScope: result.placeScope?.map((m) => municipalityLabel(m, lang)),
          nearPlace: result.nearPlace ? municipalityLabel(result.nearPlace, lang) : undefined,
        },
        effective,
        formKey: catalogHref(page.params),
        // Place names in the page's language (the place table lives on the server).
        chips: page.chips.map((c) => localizeChip(c, lang)),
        recovery: {
          ...page.recovery,
          places: page.recovery.places.map((p) => ({
            ...p,
            municipality: municipalityLabel(p.municipality, lang),
          })),
          alternatives: page.recovery.alternatives.map((a) =>
            a.type === "place"
              ? { ...a, municipality: municipalityLabel(a.municipality, lang) }
              : a.type === "without"
                ? { ...a, chip: localizeChip(a.chip, lang) }
                : a,
          ),
        },
        languages,
      },
      fieldErrors: {},
      municipalities: municipalityOptions(effective.municipality, effective.village),
      nearUnknown,
      browsing,
      addresses,
    },
    { headers },
  );
}

function localizeChip(c: Chip, lang: string): Chip {
  if (c.type === "place") return { ...c, municipality: municipalityLabel(c.municipality, lang) };
  if (c.type === "near") return { ...c, place: municipalityLabel(c.place, lang) };
  return c;
}

type Hit = {
  ref: string;
  title: string;
  description: string | null;
  contentLanguage: string;
  kind: (typeof ACTIVITY_KINDS)[number];
  municipality: string;
  organizationName: string;
  schedule: { weekday: number; start: string; end: string }[];
  threshold: Partial<Record<(typeof THRESHOLD_FLAGS)[number], boolean>>;
  capacity: number | null;
  enrolled: number;
  languages: string[];
  distanceKm?: number;
  nearby?: boolean;
  point: { lat: number; lon: number; exact: boolean } | null;
};

type LoaderData = {
  page: null | {
    result: {
      hits: Hit[];
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
      placeScope?: string[];
    };
    effective: EffectiveSearch;
    formKey: string;
    chips: Chip[];
    recovery: Recovery;
    languages: string[];
  };
  fieldErrors: Record<string, string>;
  municipalities: { value: string; label: string }[];
  nearUnknown: string | null;
  browsing?: { ref: string; self: boolean } | null;
};

type T = ReturnType<typeof useT>;

function joinOr(items: string[], t: T) {
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} ${t("catalog.or")} ${items.at(-1)}`;
}

function whenLabel(weekdays: number[], t: T) {
  const key = weekdays.join(",");
  if (key === "6,7") return t("catalog.onWeekend");
  if (key === "1,2,3,4,5") return t("catalog.onWorkdays");
  return joinOr(
    weekdays.map((d) => t(`catalog.onWeekday.${d}` as "catalog.onWeekday.1")),
    t,
  );
}

/** What a chip says, in the page's language. */
function chipLabel(chip: Chip, t: T, locale: Locale): string {
  switch (chip.type) {
    case "interest":
      return chip.label.charAt(0).toLocaleUpperCase(languageOf(locale)) + chip.label.slice(1);
    case "word":
      return t("catalog.chipWord", { word: chip.label });
    case "place":
      return chip.village
        ? t("catalog.chipVillage", {
            village: chip.village,
            municipality: chip.municipality,
          })
        : chip.municipality;
    case "near":
      return t(chip.remembered ? "catalog.chipNearRemembered" : "catalog.chipNear", {
        place: chip.place,
      });
    case "weekdays":
      return whenLabel(chip.weekdays, t);
    case "dayParts":
      return joinOr(
        chip.dayParts.map((p) => t(`catalog.dayPart.${p}`)),
        t,
      );
    case "flag":
      return t(`threshold.${chip.flag}`);
    case "language":
      return t("catalog.chipLanguage", { language: languageName(chip.language, locale) });
    case "kind":
      return t(`kind.${chip.kind}`);
    case "ageGroup":
      return t(`catalog.ageGroup.${chip.ageGroup}`);
    case "age":
      return t("catalog.chipAge", { age: chip.age });
  }
}

function excerpt(text: string | null, max = 160) {
  if (!text) return "";
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")}…` : text;
}

const FILTER_PARAMS = ["municipality", "kind", "language", "age", "for", "near"];

function catalogErrorKey(field: string): MessageKey {
  return field === "age" || field === "q" || field === "page"
    ? `catalog.error.${field}`
    : "catalog.error.invalid";
}

export default function CatalogPage() {
  const data = useLoaderData<LoaderData>();
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const localized = useLocalizedPath();
  const addressLang = useAddressLang();
  const page = data.page;
  const result = page?.result;
  const e = page?.effective;
  // The form shows the search as understood: typed places, days and flags land in their fields.
  const selectedFlags = new Set(e ? e.flags : params.getAll("flag"));
  const weekdays = new Set(e?.weekdays ?? []);
  const dayParts = new Set<string>(e?.dayParts ?? []);
  const activeFilters = e
    ? [
        e.municipality,
        e.kind,
        e.language,
        e.age,
        e.ageGroup,
        e.nearRemembered ? undefined : e.near,
      ].filter((v) => v != null).length +
      e.flags.length +
      e.weekdays.length +
      e.dayParts.length
    : FILTER_PARAMS.filter((k) => params.get(k)).length;
  const pageLink = (n: number) => {
    const next = new URLSearchParams(page ? page.formKey.replace(/^\/\??/, "") : params);
    next.set("page", String(n));
    return localized(`/?${next.toString()}`);
  };
  const facet = (name: "kind" | "municipality" | "languages", value: string) =>
    result?.facets[name][value];
  const errorFor = (field: string) => (
    <FieldError id={`${field}-error`} message={data.fieldErrors[field]} />
  );
  // Results of a search, a filter or another page take focus, and the heading says the count and page.
  const searched = [...params.keys()].some((k) => k !== "lang");
  const recovery = page?.recovery;

  return (
    <div className="catalog">
      <section className="hero">
        <h1>{t("catalog.title")}</h1>
        <p>{t("catalog.intro")}</p>
      </section>
      {/* Keyed by the understood search, so client-side navigation shows its fields afresh. */}
      <Form method="get" className="search-form" role="search" key={page?.formKey ?? "invalid"}>
        {addressLang ? <input type="hidden" name="lang" value={addressLang} /> : null}
        <div className="field search-field">
          <label htmlFor="q">{t("catalog.query")}</label>
          <div className="search-row">
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={e ? (e.q ?? "") : (params.get("q") ?? "")}
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
        {page && page.chips.length > 0 ? (
          <div className="understood">
            <h2 className="visually-hidden" id="understood-heading">
              {t("catalog.understood")}
            </h2>
            <ul className="chips" aria-labelledby="understood-heading">
              {page.chips.map((chip, i) => {
                const label = chipLabel(chip, t, locale);
                return (
                  <li key={`${chip.type}-${i}`}>
                    <Link
                      to={localized(chip.href)}
                      className={`chip chip-${chip.type}`}
                      aria-label={t("catalog.removeChip", { label })}
                      preventScrollReset
                    >
                      <span>{label}</span>
                      <span aria-hidden="true" className="chip-x">
                        ×
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        {/* Chips already say what is set: the fields stay folded so results come first. */}
        <details
          className="filters"
          open={activeFilters > 0 && !page?.chips.length ? true : undefined}
        >
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
                defaultValue={
                  e ? (e.village ?? e.municipality ?? "") : (params.get("municipality") ?? "")
                }
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
              <select
                id="kind"
                name="kind"
                defaultValue={e ? (e.kind ?? "") : (params.get("kind") ?? "")}
              >
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
              <select
                id="language"
                name="language"
                defaultValue={e ? (e.language ?? "") : (params.get("language") ?? "")}
              >
                <option value="">{t("common.all")}</option>
                {(page?.languages ?? ["fi", "sv", "en"]).map((l) => (
                  <option key={l} value={l}>
                    {t("catalog.facetCount", {
                      label: languageName(l, locale),
                      count: facet("languages", l) ?? 0,
                    })}
                  </option>
                ))}
              </select>
              {errorFor("language")}
            </div>
            <div className="field">
              <label htmlFor="for">{t("catalog.ageGroup")}</label>
              <select
                id="for"
                name="for"
                defaultValue={e ? (e.ageGroup ?? "") : (params.get("for") ?? "")}
              >
                <option value="">{t("common.all")}</option>
                {AGE_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {t(`catalog.ageGroup.${g}`)}
                  </option>
                ))}
              </select>
              {errorFor("ageGroup")}
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
                defaultValue={e ? (e.age ?? "") : (params.get("age") ?? "")}
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
                defaultValue={
                  e ? (e.nearRemembered ? "" : (e.near ?? "")) : (params.get("near") ?? "")
                }
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
            <legend>{t("catalog.weekdays")}</legend>
            <ul className="checkbox-list days">
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <li key={d}>
                  <label>
                    <input
                      type="checkbox"
                      name="weekday"
                      value={d}
                      defaultChecked={weekdays.has(d)}
                    />
                    {weekdayName(d, locale, "long")}
                  </label>
                </li>
              ))}
            </ul>
            {errorFor("weekdays")}
          </fieldset>
          <fieldset className="flag-filters">
            <legend>{t("catalog.dayParts")}</legend>
            <ul className="checkbox-list">
              {DAY_PARTS.map((p) => (
                <li key={p}>
                  <label>
                    <input type="checkbox" name="part" value={p} defaultChecked={dayParts.has(p)} />
                    {t(`catalog.dayPartOption.${p}`)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
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
            <Link to={localized("/")} className="button">
              {t("catalog.clear")}
            </Link>
          </div>
        </details>
      </Form>

      <BrowsingBanner browsing={data.browsing} />
      {page && result ? (
        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading" {...(searched ? focusHere : {})}>
            {result.total === 1
              ? t("catalog.resultsOne")
              : t("catalog.results", { count: result.total })}
            {result.pageCount > 1 ? (
              <span className="visually-hidden">
                {", "}
                {t("common.pageOf", { page: result.page, count: result.pageCount })}
              </span>
            ) : null}
          </h2>
          {result.source === "database" ? (
            <p className="notice" role="status">
              {t("catalog.fallback")}
            </p>
          ) : null}
          {result.placeScope && result.placeScope.length > 1 ? (
            <p>
              {t("catalog.placeScope", {
                place: result.placeScope[0]!,
                others: result.placeScope.slice(1).join(", "),
              })}
            </p>
          ) : null}
          {result.nearPlace ? (
            <p>{t("catalog.sortedByDistance", { place: result.nearPlace })}</p>
          ) : null}
          {result.hits.length === 0 ? <p>{t("catalog.noResults")}</p> : null}
          {recovery &&
          (recovery.didYouMean ||
            recovery.places.length > 0 ||
            recovery.alternatives.length > 0) ? (
            <div className="recovery">
              {recovery.didYouMean ? (
                <p>
                  <Link to={localized(recovery.didYouMean.href)}>
                    {t("catalog.didYouMean", { text: recovery.didYouMean.text })}
                  </Link>
                </p>
              ) : null}
              {recovery.places.map((p) => (
                <p key={p.href}>
                  <Link to={localized(p.href)}>
                    {t("catalog.placeWord", {
                      place: p.village ? `${p.village} (${p.municipality})` : p.municipality,
                    })}
                  </Link>
                </p>
              ))}
              {recovery.alternatives.length > 0 ? (
                <>
                  <p>{t("catalog.alternatives")}</p>
                  <ul className="alternatives">
                    {recovery.alternatives.map((a) => (
                      <li key={a.href}>
                        <Link to={localized(a.href)}>
                          {a.type === "place"
                            ? t("catalog.altPlace", { place: a.municipality, count: a.count })
                            : a.type === "weekday"
                              ? t("catalog.altWhen", {
                                  when: whenLabel([a.weekday], t),
                                  count: a.count,
                                })
                              : a.type === "dayPart"
                                ? t("catalog.altWhen", {
                                    when: t(`catalog.dayPart.${a.dayPart}`),
                                    count: a.count,
                                  })
                                : t("catalog.altWithout", {
                                    label: chipLabel(a.chip, t, locale),
                                    count: a.count,
                                  })}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}
          <ActivityMap
            points={result.hits.flatMap((a) =>
              a.point
                ? [
                    {
                      id: a.ref,
                      ...a.point,
                      title: a.title,
                      lang: a.contentLanguage,
                      href: localized(`/activities/${encodeURIComponent(a.ref)}`),
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
                <h3 {...contentLangAttrs(a.contentLanguage, locale)}>
                  <Link to={localized(`/activities/${encodeURIComponent(a.ref)}`)}>{a.title}</Link>
                </h3>
                <p className="meta">
                  <span className="kind">{t(`kind.${a.kind}`)}</span> · {a.municipality}
                  {a.nearby ? (
                    <>
                      {" · "}
                      <span className="nearby">{t("catalog.nearby")}</span>
                    </>
                  ) : null}
                  {a.distanceKm != null && (a.nearby || !result.placeScope)
                    ? ` · ${t("catalog.distance", { km: Math.round(a.distanceKm) })}`
                    : ""}
                  {" · "}
                  <ScheduleText schedule={a.schedule} />
                </p>
                <p {...contentLangAttrs(a.contentLanguage, locale)}>{excerpt(a.description)}</p>
                <ThresholdBadges threshold={a.threshold} />
                <p className="meta">
                  <PlacesText capacity={a.capacity} enrolled={a.enrolled} /> ·{" "}
                  {t("catalog.by", { name: a.organizationName })}
                  {a.languages.length > 0 &&
                  !(a.languages.length === 1 && a.languages[0] === languageOf(locale))
                    ? ` · ${joinList(
                        a.languages.map((l) => languageName(l, locale)),
                        locale,
                      )}`
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
        <ErrorSummary errors={data.fieldErrors} />
      )}
    </div>
  );
}
