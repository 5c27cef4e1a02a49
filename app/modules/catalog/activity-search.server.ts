import type { Meilisearch } from "meilisearch";
import { THRESHOLD_FLAGS, type ThresholdFlag } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import {
  getMeili,
  indexFingerprint,
  indexUid,
  isIndexReady,
  MeiliUnavailableError,
} from "#app/infra/meili.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { findMunicipality, findPlace } from "../places/municipalities.server.ts";
import {
  activityPoint,
  expandQuery,
  getActivitiesByIds,
  type ActivityWithOrganization,
  type CatalogQuery,
  type CatalogResult,
} from "./catalog.server.ts";

export const ACTIVITIES_INDEX = "activities";

/**
 * Raise when toDocument changes what a document holds: the index is then
 * rebuilt from SQLite in the background (settings changes are noticed
 * without it, through the fingerprint).
 */
export const ACTIVITY_DOCUMENT_VERSION = 1;

export function activityIndexFingerprint() {
  return indexFingerprint(ACTIVITY_DOCUMENT_VERSION, activitySettings({}));
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
  /** Every form (fi/sv/en, synonyms) of the concepts the activity's interests normalize to. */
  concepts: string[];
  interestKeys: string[];
  organization: string;
  organizationId: number;
  kind: string;
  municipality: string;
  languages: string[];
  status: string;
  weekdays: number[];
  minAge: number;
  maxAge: number;
  full: boolean;
  capacity: number | null;
  enrolled: number;
  _geo?: { lat: number; lng: number };
  updatedAt: number;
} & Record<ThresholdFlag, boolean>;

/** Only public activity data; nothing about who takes part. */
export function toDocument(
  a: ActivityWithOrganization,
  matcher: InterestMatcher,
): ActivityDocument {
  const point = activityPoint(a);
  const flags = Object.fromEntries(
    THRESHOLD_FLAGS.map((f) => [f, a.threshold[f] === true]),
  ) as Record<ThresholdFlag, boolean>;
  return {
    id: a.id,
    ref: a.ref,
    title: a.title,
    description: a.description ?? "",
    interests: a.interests,
    concepts: a.interestKeys.flatMap((k) => matcher.formsOf(k)),
    interestKeys: a.interestKeys,
    organization: a.organizationName,
    organizationId: a.organizationId,
    kind: a.kind,
    municipality: a.municipality,
    languages: a.languages,
    status: a.status,
    weekdays: [...new Set(a.schedule.map((s) => s.weekday))],
    minAge: a.minAge ?? NO_MIN_AGE,
    maxAge: a.maxAge ?? NO_MAX_AGE,
    full: a.capacity != null && a.enrolled >= a.capacity,
    capacity: a.capacity,
    enrolled: a.enrolled,
    ...(point ? { _geo: { lat: point.lat, lng: point.lon } } : {}),
    updatedAt: a.updatedAt.getTime(),
    ...flags,
  };
}

export function activitySettings(synonyms: Record<string, string[]>) {
  return {
    searchableAttributes: [
      "title",
      "interests",
      "concepts",
      "description",
      "organization",
      "municipality",
    ],
    filterableAttributes: [
      "municipality",
      "kind",
      "languages",
      "status",
      "weekdays",
      "minAge",
      "maxAge",
      "full",
      "organizationId",
      "interestKeys",
      "_geo",
      ...THRESHOLD_FLAGS,
    ],
    sortableAttributes: ["_geo", "title", "updatedAt"],
    displayedAttributes: ["*"],
    synonyms,
    faceting: { maxValuesPerFacet: 400 },
    pagination: { maxTotalHits: 5000 },
    typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  };
}

export function loadActivityDocuments(ids: number[], db: Db = getDb()) {
  const matcher = getInterestMatcher(db);
  return getActivitiesByIds(ids, db).map((a) => toDocument(a, matcher));
}

const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

export function catalogFilters(query: Omit<CatalogQuery, "page" | "pageSize" | "q" | "near">) {
  const filters: string[] = ["status = open"];
  if (query.municipality) {
    filters.push(
      `municipality = ${quote(findMunicipality(query.municipality)?.fi ?? query.municipality)}`,
    );
  }
  if (query.kind) filters.push(`kind = ${quote(query.kind)}`);
  if (query.language) filters.push(`languages = ${quote(query.language)}`);
  if (query.weekday) filters.push(`weekdays = ${query.weekday}`);
  for (const flag of query.flags ?? [])
    if (THRESHOLD_FLAGS.includes(flag)) filters.push(`${flag} = true`);
  if (query.age != null) filters.push(`minAge <= ${query.age}`, `maxAge >= ${query.age}`);
  return filters;
}

/**
 * Meilisearch ranks and counts; SQLite supplies what is shown, so a stale
 * document (closed a moment ago) never reaches the public page.
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
  const place = query.near ? findPlace(query.near) : undefined;
  const result = await client
    .index<ActivityDocument>(indexUid(ACTIVITIES_INDEX))
    .search(expanded.text, {
      filter: catalogFilters(query),
      facets: ["kind", "municipality", "languages"],
      hitsPerPage: query.pageSize,
      page: query.page,
      attributesToRetrieve: ["id", "_geo"],
      sort: place ? [`_geoPoint(${place.lat}, ${place.lon}):asc`] : undefined,
    });
  const ids = result.hits.map((h) => h.id);
  const rows = new Map(getActivitiesByIds(ids, db).map((a) => [a.id, a]));
  const hits: CatalogResult["hits"] = [];
  for (const hit of result.hits) {
    const row = rows.get(hit.id);
    if (!row || row.status !== "open") continue;
    const geo = (hit as { _geoDistance?: number })._geoDistance;
    hits.push(geo != null ? { ...row, distanceKm: geo / 1000 } : row);
  }
  const dist = result.facetDistribution ?? {};
  return {
    hits,
    total: result.totalHits ?? hits.length,
    page: result.page ?? query.page,
    pageCount: Math.max(1, result.totalPages ?? 1),
    facets: {
      kind: dist.kind ?? {},
      municipality: dist.municipality ?? {},
      languages: dist.languages ?? {},
    },
    source: "search",
    nearPlace: place?.fi,
    expandedQuery: expanded.text,
  };
}
