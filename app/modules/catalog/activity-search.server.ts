import { eq } from "drizzle-orm";
import type { Meilisearch, MultiSearchQuery } from "meilisearch";
import { activities, organizations } from "#db/schema.ts";
import { THRESHOLD_FLAGS, type ThresholdFlag } from "../common/common-schema.ts";
import { getDb, idList, inIdList, preparedOnce, type Db } from "#app/infra/db.server.ts";
import {
  getMeili,
  indexFingerprint,
  indexUid,
  isIndexReady,
  MeiliUnavailableError,
} from "#app/infra/meili.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { tokenize, type InterestMatcher } from "../interests/normalize.ts";
import { distanceKm } from "../places/geo.ts";
import { findMunicipality, findPlace, villagesInAddress } from "../places/municipalities.server.ts";
import { reachDistances } from "../places/reach-distances.server.ts";
import {
  activityPoint,
  expandQuery,
  getActivitiesByIds,
  placeScope,
  type ActivityWithOrganization,
  type CatalogHit,
  type CatalogQuery,
  type CatalogResult,
} from "./catalog.server.ts";
import { isFull } from "./activity-rules.ts";
import { AGE_GROUP_RANGES, scheduleSlots, wantedSlots } from "./query-understanding.ts";

export const ACTIVITIES_INDEX = "activities";

/**
 * Raise when toDocument changes what a document holds: the index is then
 * rebuilt from SQLite in the background (settings changes are noticed
 * without it, through the fingerprint).
 */
export const ACTIVITY_DOCUMENT_VERSION = 2;

let activityFingerprint: string | undefined;
/** Asked by every search (isIndexReady); the settings are constants, so it is hashed once. */
export function activityIndexFingerprint() {
  return (activityFingerprint ??= indexFingerprint(
    ACTIVITY_DOCUMENT_VERSION,
    activitySettings({}),
  ));
}

/** Ages stored for filtering when an activity has no limit. */
export const NO_MIN_AGE = 0;
export const NO_MAX_AGE = 999;

export type ActivityDocument = {
  id: number;
  ref: string;
  title: string;
  description: string;
  interests: string[];
  /** Every form of the concepts the title alone names: a title match ranks above one in the description. */
  titleConcepts: readonly string[];
  /** Every form (fi/sv/en, synonyms) of the concepts the activity's interests normalize to. */
  concepts: readonly string[];
  interestKeys: string[];
  organization: string;
  organizationId: number;
  kind: string;
  municipality: string;
  /** Villages and districts the address names, for "Kerimäellä" (issue #13). */
  villages: string[];
  languages: string[];
  status: string;
  weekdays: number[];
  /** Parts of the day (morning, afternoon, evening) and weekday–part pairs ("2-evening"). */
  dayParts: string[];
  slots: string[];
  minAge: number;
  maxAge: number;
  full: boolean;
  /** 0 open places (or no limit), 1 full: open ones sort first. */
  fullSort: number;
  /** Per page language: 0 the activity's first language, 1 one of its languages, 2 neither. */
  langRankFi: number;
  langRankSv: number;
  langRankEn: number;
  capacity: number | null;
  enrolled: number;
  _geo?: { lat: number; lng: number };
  /** Distances from the municipality centres near its point (places/reach-distances.server.ts). */
  reach: Record<string, number>;
  updatedAt: number;
} & Record<ThresholdFlag, boolean>;

/**
 * The concepts a title names: what the normalizer finds in it, and any of the
 * activity's own concepts whose form begins a title word (Fisketur → fiske,
 * which the Finnish-minded normalizer does not split).
 */
function titleConceptKeys(title: string, interestKeys: string[], matcher: InterestMatcher) {
  const keys = new Set(matcher.normalize(title).keys);
  const words = tokenize(title);
  for (const key of interestKeys) {
    if (keys.has(key)) continue;
    const forms = matcher.formsOf(key).filter((f) => f.length >= 4 && !f.includes(" "));
    if (words.some((w) => forms.some((f) => w.startsWith(f)))) keys.add(key);
  }
  return [...keys];
}

/**
 * Every form of these concepts. Activities share a few hundred concepts in
 * few combinations, so the lists are kept per matcher and combination
 * (bounded) instead of built for every document: building them was most of
 * the garbage collection while indexing (issue #15). Shared: not to be changed.
 */
const formLists = new WeakMap<InterestMatcher, Map<string, readonly string[]>>();
export function formsOfKeys(keys: readonly string[], matcher: InterestMatcher): readonly string[] {
  if (keys.length === 0) return [];
  let lists = formLists.get(matcher);
  if (!lists) formLists.set(matcher, (lists = new Map()));
  const id = keys.join("\n");
  let forms = lists.get(id);
  if (!forms) {
    if (lists.size >= 10_000) lists.clear();
    lists.set(id, (forms = Object.freeze(keys.flatMap((k) => matcher.formsOf(k)))));
  }
  return forms;
}

const languageRank = (languages: string[], lang: string) =>
  languages[0] === lang ? 0 : languages.includes(lang) ? 1 : 2;

/** The columns a search document is built from (not the search text, contacts or notes). */
export type DocumentActivityRow = Pick<
  ActivityWithOrganization,
  | "id"
  | "ref"
  | "title"
  | "description"
  | "interests"
  | "interestKeys"
  | "organizationName"
  | "organizationId"
  | "kind"
  | "municipality"
  | "address"
  | "lat"
  | "lon"
  | "languages"
  | "status"
  | "schedule"
  | "threshold"
  | "minAge"
  | "maxAge"
  | "capacity"
  | "enrolled"
  | "updatedAt"
>;

/** Only public activity data; nothing about who takes part. */
export function toDocument(a: DocumentActivityRow, matcher: InterestMatcher): ActivityDocument {
  const point = activityPoint(a);
  const when = scheduleSlots(a.schedule);
  const titleKeys = titleConceptKeys(a.title, a.interestKeys, matcher);
  const full = isFull(a);
  const flags = {} as Record<ThresholdFlag, boolean>;
  for (const f of THRESHOLD_FLAGS) flags[f] = a.threshold[f] === true;
  return {
    id: a.id,
    ref: a.ref,
    title: a.title,
    description: a.description ?? "",
    interests: a.interests,
    titleConcepts: formsOfKeys(titleKeys, matcher),
    concepts: formsOfKeys(a.interestKeys, matcher),
    interestKeys: a.interestKeys,
    organization: a.organizationName,
    organizationId: a.organizationId,
    kind: a.kind,
    municipality: a.municipality,
    villages: villagesInAddress(a.address, a.municipality),
    languages: a.languages,
    status: a.status,
    weekdays: when.weekdays,
    dayParts: when.dayParts,
    slots: when.slots,
    minAge: a.minAge ?? NO_MIN_AGE,
    maxAge: a.maxAge ?? NO_MAX_AGE,
    full,
    fullSort: full ? 1 : 0,
    langRankFi: languageRank(a.languages, "fi"),
    langRankSv: languageRank(a.languages, "sv"),
    langRankEn: languageRank(a.languages, "en"),
    capacity: a.capacity,
    enrolled: a.enrolled,
    ...(point ? { _geo: { lat: point.lat, lng: point.lon } } : {}),
    reach: reachDistances(point),
    updatedAt: a.updatedAt.getTime(),
    ...flags,
  };
}

/**
 * What a search hit carries: the id, the public ref (for commands and tests
 * that name what they find), and `_geo` for `_geoDistance` when sorted by
 * distance.
 */
export const SEARCH_DISPLAYED_ATTRIBUTES = ["id", "ref", "_geo"];

export function activitySettings(synonyms: Record<string, string[]>) {
  return {
    // Order is the "attribute" ranking rule: a title match before an interest, before the description.
    searchableAttributes: [
      "title",
      "titleConcepts",
      "interests",
      "concepts",
      "description",
      "organization",
      "municipality",
    ],
    filterableAttributes: [
      "municipality",
      "villages",
      "kind",
      "languages",
      "status",
      "weekdays",
      "dayParts",
      "slots",
      "minAge",
      "maxAge",
      "full",
      "organizationId",
      "interestKeys",
      "_geo",
      "reach",
      ...THRESHOLD_FLAGS,
    ],
    sortableAttributes: [
      "_geo",
      "title",
      "updatedAt",
      "fullSort",
      "minAge",
      "maxAge",
      "langRankFi",
      "langRankSv",
      "langRankEn",
    ],
    // Searches read only ids (and the distance): Meilisearch builds every hit
    // from its displayed fields, which cost ~55 µs per hit with all of them
    // and ~20 µs with these few (docs/benchmarks.md, ADR 024). Fetching
    // documents by id still returns every field.
    displayedAttributes: SEARCH_DISPLAYED_ATTRIBUTES,
    synonyms,
    faceting: { maxValuesPerFacet: 400 },
    pagination: { maxTotalHits: 5000 },
    typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  };
}

/**
 * The documents of these activities. Only the columns a document needs, in
 * one prepared statement: whole rows (the search text, contacts, notes) and
 * their ordering were a third of the time of building a document (issue #15).
 */
export function loadActivityDocuments(ids: number[], db: Db = getDb()) {
  if (ids.length === 0) return [];
  const matcher = getInterestMatcher(db);
  const byIds = preparedOnce(db, "activityDocumentRows", () =>
    db
      .select({
        id: activities.id,
        ref: activities.ref,
        title: activities.title,
        description: activities.description,
        interests: activities.interests,
        interestKeys: activities.interestKeys,
        organizationName: organizations.name,
        organizationId: activities.organizationId,
        kind: activities.kind,
        municipality: activities.municipality,
        address: activities.address,
        lat: activities.lat,
        lon: activities.lon,
        languages: activities.languages,
        status: activities.status,
        schedule: activities.schedule,
        threshold: activities.threshold,
        minAge: activities.minAge,
        maxAge: activities.maxAge,
        capacity: activities.capacity,
        enrolled: activities.enrolled,
        updatedAt: activities.updatedAt,
      })
      .from(activities)
      .innerJoin(organizations, eq(organizations.id, activities.organizationId))
      .where(inIdList(activities.id))
      .prepare(),
  );
  return byIds.all({ ids: idList(ids) }).map((a) => toDocument(a, matcher));
}

const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The understood filters, except the place (which splits the search into ordered buckets). */
export function catalogFilters(
  query: Omit<CatalogQuery, "page" | "pageSize" | "q" | "near" | "municipality">,
) {
  const filters: string[] = ["status = open"];
  if (query.kind) filters.push(`kind = ${quote(query.kind)}`);
  if (query.language) filters.push(`languages = ${quote(query.language)}`);
  const weekdays = query.weekdays ?? [];
  const dayParts = query.dayParts ?? [];
  const slots = wantedSlots(weekdays, dayParts);
  if (slots.length > 0) filters.push(`slots IN [${slots.map(quote).join(", ")}]`);
  else if (weekdays.length > 0) filters.push(`weekdays IN [${weekdays.join(", ")}]`);
  else if (dayParts.length > 0) filters.push(`dayParts IN [${dayParts.map(quote).join(", ")}]`);
  for (const flag of query.flags ?? [])
    if (THRESHOLD_FLAGS.includes(flag)) filters.push(`${flag} = true`);
  if (query.age != null) filters.push(`minAge <= ${query.age}`, `maxAge >= ${query.age}`);
  if (query.ageGroup) {
    const [from, to] = AGE_GROUP_RANGES[query.ageGroup];
    filters.push(`minAge <= ${to}`, `maxAge >= ${from}`);
  }
  return filters;
}

/**
 * Ties in text relevance (Meilisearch applies the sort after words, typos,
 * proximity and attribute): open places before full ones; for an age group,
 * activities made for that group before those open to everyone; near a place,
 * the nearest; then activities in the page's language before the others.
 */
const LANG_RANKS: Record<string, string> = {
  fi: "langRankFi",
  sv: "langRankSv",
  en: "langRankEn",
};

function catalogSort(query: CatalogQuery, near?: { lat: number; lon: number }) {
  const sort = ["fullSort:asc"];
  if (query.ageGroup === "youth" || query.ageGroup === "children") sort.push("maxAge:asc");
  if (query.ageGroup === "seniors") sort.push("minAge:desc");
  if (near) sort.push(`_geoPoint(${near.lat}, ${near.lon}):asc`);
  // A requested language decides which activities come first; else the page's language.
  const lang = LANG_RANKS[query.language ?? ""] ? query.language! : query.lang;
  if (lang) sort.push(`${LANG_RANKS[lang]}:asc`);
  return sort;
}

/** Activities made for an age group (not merely open to it). */
const AGE_GROUP_TARGETS: Partial<Record<string, string>> = {
  children: "maxAge <= 15",
  youth: "maxAge <= 35",
  seniors: "minAge >= 55",
};

type Bucket = { filter: string[]; municipality?: string };

/**
 * Meilisearch ranks and counts; SQLite supplies what is shown, so a stale
 * document (closed a moment ago) never reaches the public page.
 *
 * With a place, the search runs once per municipality of its scope (the
 * place, then its neighbours within NEARBY_KM, nearest first) in one
 * multi-search, and the buckets are listed in that order, each ranked by
 * relevance. The first page takes one round trip; a later page asks for the
 * exact slices in a second one.
 */
export async function searchCatalogInIndex(
  query: CatalogQuery,
  client: Meilisearch | undefined = getMeili(),
  db: Db = getDb(),
): Promise<CatalogResult> {
  if (!client) throw new MeiliUnavailableError("no Meilisearch configured");
  // A missing, half-built or outdated index would show too few activities (issue #10).
  if (!(await isIndexReady(client, ACTIVITIES_INDEX, activityIndexFingerprint())))
    throw new MeiliUnavailableError("the search index is being rebuilt");
  const matcher = getInterestMatcher(db);
  const expanded = expandQuery(query.q, matcher);
  const scope = placeScope(query.municipality);
  const centre = scope ? findMunicipality(scope[0]!) : undefined;
  const near = !scope && query.near ? findPlace(query.near) : undefined;
  const base = catalogFilters(query);
  const buckets: Bucket[] = scope
    ? scope.map((m) => ({ filter: [...base, `municipality = ${quote(m)}`], municipality: m }))
    : [{ filter: base }];
  // A village first, then the rest of its municipality.
  const village = scope && query.village ? query.village : undefined;
  if (village) {
    const own = buckets[0]!;
    buckets.splice(
      0,
      1,
      { ...own, filter: [...own.filter, `villages = ${quote(village)}`] },
      { ...own, filter: [...own.filter, `NOT villages = ${quote(village)}`] },
    );
  }
  const ownBuckets = village ? 2 : 1;
  // Activities made for the age group asked for before those open to all ages.
  const targeted = query.ageGroup ? AGE_GROUP_TARGETS[query.ageGroup] : undefined;
  if (targeted) {
    const split = buckets.flatMap((b) => [
      { ...b, filter: [...b.filter, targeted] },
      { ...b, filter: [...b.filter, `NOT (${targeted})`] },
    ]);
    buckets.splice(0, buckets.length, ...split);
  }
  const perPlace = targeted ? 2 : 1;
  const uid = indexUid(ACTIVITIES_INDEX);
  const sort = catalogSort(query, near);
  const offset = (query.page - 1) * query.pageSize;
  const first = await client.multiSearch<{ queries: MultiSearchQuery[] }, ActivityDocument>({
    queries: buckets.map((b) => ({
      indexUid: uid,
      q: expanded.text,
      filter: b.filter,
      facets: ["kind", "municipality", "languages"],
      sort,
      page: buckets.length === 1 ? query.page : 1,
      hitsPerPage: buckets.length === 1 || offset === 0 ? query.pageSize : 0,
      attributesToRetrieve: near ? ["id", "_geo"] : ["id"],
    })),
  });
  const results = first.results;
  const totals = results.map((r) => r.totalHits ?? r.hits.length);
  let ids: { id: number; bucket: number; geo?: number }[];
  if (buckets.length === 1 || offset === 0) {
    ids = [];
    results.forEach((r, b) => {
      for (const h of r.hits)
        ids.push({ id: h.id, bucket: b, geo: (h as { _geoDistance?: number })._geoDistance });
    });
    ids = ids.slice(0, query.pageSize);
  } else {
    // The global slice [offset, offset + pageSize) across the buckets in order.
    const slices: { bucket: number; offset: number; limit: number }[] = [];
    let start = 0;
    totals.forEach((t, b) => {
      const from = Math.max(offset, start);
      const to = Math.min(offset + query.pageSize, start + t);
      if (to > from) slices.push({ bucket: b, offset: from - start, limit: to - from });
      start += t;
    });
    const second = slices.length
      ? await client.multiSearch<{ queries: MultiSearchQuery[] }, ActivityDocument>({
          queries: slices.map((s) => ({
            indexUid: uid,
            q: expanded.text,
            filter: buckets[s.bucket]!.filter,
            sort,
            offset: s.offset,
            limit: s.limit,
            attributesToRetrieve: ["id"],
          })),
        })
      : { results: [] };
    ids = second.results.flatMap((r, i) =>
      r.hits.map((h) => ({ id: h.id, bucket: slices[i]!.bucket })),
    );
  }
  const rows = new Map(
    getActivitiesByIds(
      ids.map((x) => x.id),
      db,
    ).map((a) => [a.id, a]),
  );
  const hits: CatalogHit[] = [];
  for (const { id, bucket, geo } of ids) {
    const row = rows.get(id);
    if (!row || row.status !== "open") continue;
    const point = centre ? activityPoint(row) : undefined;
    const km = geo != null ? geo / 1000 : centre && point ? distanceKm(centre, point) : undefined;
    hits.push({
      ...row,
      ...(km != null ? { distanceKm: km } : {}),
      ...(scope ? { nearby: bucket >= ownBuckets * perPlace } : {}),
    });
  }
  const facets: CatalogResult["facets"] = { kind: {}, municipality: {}, languages: {} };
  for (const r of results) {
    for (const name of ["kind", "municipality", "languages"] as const) {
      for (const [value, n] of Object.entries(r.facetDistribution?.[name] ?? {})) {
        facets[name][value] = (facets[name][value] ?? 0) + n;
      }
    }
  }
  const total = totals.reduce((a, b) => a + b, 0);
  return {
    hits,
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    facets,
    source: "search",
    nearPlace: near?.fi,
    placeScope: scope,
    expandedQuery: expanded.text,
  };
}

/** How many activities each of these searches finds: one multi-search, no documents. */
export async function countCatalogInIndex(
  queries: CatalogQuery[],
  client: Meilisearch | undefined = getMeili(),
  db: Db = getDb(),
): Promise<number[]> {
  if (!client) throw new MeiliUnavailableError("no Meilisearch configured");
  if (queries.length === 0) return [];
  const matcher = getInterestMatcher(db);
  const uid = indexUid(ACTIVITIES_INDEX);
  const { results } = await client.multiSearch<{ queries: MultiSearchQuery[] }, ActivityDocument>({
    queries: queries.map((q) => {
      const scope = placeScope(q.municipality);
      const filter = catalogFilters(q);
      if (scope) filter.push(`municipality IN [${scope.map(quote).join(", ")}]`);
      return { indexUid: uid, q: expandQuery(q.q, matcher).text, filter, page: 1, hitsPerPage: 0 };
    }),
  });
  return results.map((r) => r.totalHits ?? 0);
}
