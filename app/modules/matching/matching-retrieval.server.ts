import type { Meilisearch, MultiSearchQuery } from "meilisearch";
import type { Db } from "#app/infra/db.server.ts";
import {
  getMeili,
  indexUid,
  isIndexReady,
  MeiliUnavailableError,
} from "#app/infra/meili.server.ts";
import { ACTIVITIES_INDEX, activityIndexFingerprint } from "../catalog/activity-search.server.ts";
import { foldText, type InterestMatcher } from "../interests/normalize.ts";
import { PILOTS_INDEX, pilotIndexFingerprint } from "../pilots/pilot-search.server.ts";
import { indexedReachFilter } from "../places/reach-distances.server.ts";
import { onlyTrainedPilots } from "../settings/settings.server.ts";
import type { MatchParticipant } from "./match-facts.server.ts";
import { reachAreaOf, type ReachArea, type Seeker } from "./match-rules.ts";

/**
 * Stage one of matching: retrieval. One Meilisearch multi-search brings a
 * broad set of candidate ids; stage two (matching-rank.server.ts) judges
 * each on SQLite's current row with the rulebook. matching-sqlite.server.ts
 * retrieves the same way from SQLite (the fallback and the benchmark).
 */

/**
 * How many candidates each stage-one query brings for the re-ranker (see
 * buildCandidateQueries). Where in its query each shown suggestion was
 * found, over 300 generated participants at 100,000 activities: the exact
 * concepts' 99th percentile at 77, pilots by text never past 8.
 */
export const CANDIDATE_LIMITS = {
  words: 40,
  concept: 100,
  related: 100,
  near: 100,
  pilotText: 20,
  pilotNear: 40,
};

export type Candidates = { activityIds: number[]; pilotIds: number[] };

export type Retrieve = (
  p: MatchParticipant,
  matcher: InterestMatcher,
  db: Db,
) => Promise<Candidates>;

const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Concepts of the same broader category, for partial credit and retrieval. */
const categoryCache = new WeakMap<InterestMatcher, Map<string, string[]>>();
function conceptsByCategory(matcher: InterestMatcher) {
  let map = categoryCache.get(matcher);
  if (!map) {
    map = new Map();
    for (const key of matcher.concepts.keys()) {
      const category = matcher.categoryOf(key);
      if (!category) continue;
      map.set(category, [...(map.get(category) ?? []), key]);
    }
    categoryCache.set(matcher, map);
  }
  return map;
}

function relatedKeys(keys: string[], matcher: InterestMatcher): string[] {
  const byCategory = conceptsByCategory(matcher);
  const related = new Set<string>();
  for (const k of keys) {
    const category = matcher.categoryOf(k) ?? (byCategory.has(k) ? k : undefined);
    if (!category) continue;
    related.add(category);
    for (const sibling of byCategory.get(category) ?? []) related.add(sibling);
  }
  keys.forEach((k) => related.delete(k));
  return [...related];
}

function languageFilter(p: Seeker) {
  return `languages IN [${p.languages.map(quote).join(", ")}]`;
}

/**
 * The rulebook's reach (match-rules.ts, `reachOf`) as a Meilisearch filter,
 * built from the same ReachArea: the same municipality, or the document's
 * point (the activity's own, or its municipality's centre: the point the
 * rulebook measures to) within the radius of the participant's municipality
 * centre, or online for activities. Within INDEXED_REACH_KM that is one
 * range filter on the distance the document carries from that centre
 * (places/reach-distances.server.ts); beyond it, `_geoRadius`.
 * tests/integration/reach-filter.test.ts holds the filter to the rulebook's
 * verdicts through a real index.
 */
export function reachFilter(area: ReachArea, allowOnline: boolean) {
  const parts = [`municipality = ${quote(area.municipality)}`];
  if (area.centre) {
    const indexed = indexedReachFilter(area.municipality, area.radiusKm);
    if (indexed) parts.push(indexed);
    else
      parts.push(
        `_geoRadius(${area.centre.lat}, ${area.centre.lon}, ${Math.round(area.radiusKm * 1000)})`,
      );
  }
  if (allowOnline) parts.push("online = true");
  return `(${parts.join(" OR ")})`;
}

/**
 * The hard rules of the rulebook as Meilisearch filters: a broad first cut
 * only, every candidate is judged again by the rulebook on SQLite's row.
 */
export function activityFilter(p: Seeker): string[] {
  const filter = [
    "status = open",
    "full = false",
    languageFilter(p),
    reachFilter(reachAreaOf(p), true),
  ];
  if (p.age != null) filter.push(`minAge <= ${p.age}`, `maxAge >= ${p.age}`);
  return filter;
}

/** `onlyTrained`: the coordinator's switch (settings.server.ts), a hard rule of the rulebook. */
export function pilotFilter(p: Seeker, onlyTrained = true): string[] {
  return [
    "suggestable = true",
    ...(onlyTrained ? ["trained = true"] : []),
    languageFilter(p),
    reachFilter(reachAreaOf(p), false),
  ];
}

const phrase = (words: string) => `"${words.replace(/"/g, "")}"`;

/**
 * The words sent to the index. Concept labels go as phrases: every document
 * already carries every form of its concepts (`concepts`), and a phrase skips
 * the synonym and typo expansion that made a plain multi-word query cost
 * ~40× more (docs/benchmarks.md). Unknown and typed words go as phrases too:
 * as plain words each one costs ~10 ms of synonym expansion in Meilisearch,
 * and the re-ranker, not typo tolerance, decides what fits.
 */
export function queryText(p: MatchParticipant, matcher: InterestMatcher) {
  const labels = [...new Set(p.interestKeys.map((k) => foldText(matcher.label(k, "fi"))))];
  const typed = p.typedWords.filter((w) => !labels.includes(w) && !p.unknownWords.includes(w));
  return {
    labels: labels.map(phrase).join(" "),
    words: [...p.unknownWords.slice(0, 3), ...typed.slice(0, 3)].map(phrase).join(" "),
  };
}

/**
 * One multi-search of at most five queries: activities by the typed and
 * unknown words as text, by the concept keys themselves (the exact ones
 * nearest first; then the same broader category together with what is in
 * the home municipality or online), or, with no concept, the nearest open
 * activities; pilots by the concept labels as text and by nearness. Every
 * query carries the hard rules as filters. Retrieval is broad on purpose;
 * the re-ranker decides.
 *
 * Meilisearch's cost is about 0.6 ms per query plus ~20 µs per hit
 * (docs/benchmarks.md, issue #15), so the queries do not overlap where that
 * costs nothing: the concept labels are not searched as text in activities
 * (every activity with a concept carries its key; over 300 generated
 * participants at 100,000 activities that query added no shown suggestion),
 * and the related and home-municipality queries are one.
 */
export function buildCandidateQueries(
  p: MatchParticipant,
  matcher: InterestMatcher,
  onlyTrained = true,
): MultiSearchQuery[] {
  const text = queryText(p, matcher);
  const activities = indexUid(ACTIVITIES_INDEX);
  const pilotsUid = indexUid(PILOTS_INDEX);
  const aFilter = activityFilter(p);
  const pFilter = pilotFilter(p, onlyTrained);
  const near = p.centre ? [`_geoPoint(${p.centre.lat}, ${p.centre.lon}):asc`] : undefined;
  const retrieve = ["id"];
  const keysIn = (keys: string[]) => `interestKeys IN [${keys.map(quote).join(", ")}]`;
  const queries: MultiSearchQuery[] = [];
  const search = (indexUid: string, q: string, filter: string[], limit: number, sort?: string[]) =>
    queries.push({
      indexUid,
      q,
      filter,
      limit,
      attributesToRetrieve: retrieve,
      ...(q ? { matchingStrategy: "last" as const } : {}),
      ...(sort ? { sort } : {}),
    });
  if (text.words) search(activities, text.words, aFilter, CANDIDATE_LIMITS.words);
  if (p.interestKeys.length > 0) {
    // The exact concepts, nearest first.
    search(activities, "", [...aFilter, keysIn(p.interestKeys)], CANDIDATE_LIMITS.concept, near);
    // The same broader category and what is in the home municipality (or
    // online), in one unsorted query: sorting thousands of documents by
    // distance was the costliest query at 100k (docs/benchmarks.md).
    const related = relatedKeys(p.interestKeys, matcher);
    const home = `municipality = ${quote(p.municipality)} OR online = true`;
    search(
      activities,
      "",
      [...aFilter, related.length > 0 ? `(${keysIn(related)} OR ${home})` : `(${home})`],
      CANDIDATE_LIMITS.related,
    );
  } else {
    // Nothing to match on: the nearest open activities are the whole candidate set.
    search(activities, "", aFilter, CANDIDATE_LIMITS.near, near);
  }
  if (p.wantsPilot) {
    if (text.labels) search(pilotsUid, text.labels, pFilter, CANDIDATE_LIMITS.pilotText);
    search(pilotsUid, "", pFilter, CANDIDATE_LIMITS.pilotNear, near);
  }
  return queries;
}

export async function retrieveFromIndex(
  p: MatchParticipant,
  matcher: InterestMatcher,
  client: Meilisearch,
  onlyTrained = true,
): Promise<Candidates> {
  const queries = buildCandidateQueries(p, matcher, onlyTrained);
  const { results } = await client.multiSearch<{ queries: MultiSearchQuery[] }, { id: number }>({
    queries,
  });
  const activityIds = new Set<number>();
  const pilotIds = new Set<number>();
  const pilotsUid = indexUid(PILOTS_INDEX);
  for (const result of results) {
    const target = result.indexUid === pilotsUid ? pilotIds : activityIds;
    for (const hit of result.hits) target.add(hit.id);
  }
  return { activityIds: [...activityIds], pilotIds: [...pilotIds] };
}

export const retrieveWithMeili: Retrieve = async (p, matcher, db) => {
  const client = getMeili();
  if (!client) throw new MeiliUnavailableError("Meilisearch is not configured or not running");
  // Suggestions from a half-built index would silently leave out what fits.
  const ready = await Promise.all([
    isIndexReady(client, ACTIVITIES_INDEX, activityIndexFingerprint()),
    isIndexReady(client, PILOTS_INDEX, pilotIndexFingerprint()),
  ]);
  if (ready.includes(false)) throw new MeiliUnavailableError("the search index is being rebuilt");
  return retrieveFromIndex(p, matcher, client, onlyTrainedPilots(db));
};
