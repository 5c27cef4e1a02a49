import { eq, inArray } from "drizzle-orm";
import type { Meilisearch, MultiSearchQuery } from "meilisearch";
import {
  organizations,
  participants,
  pilots,
  THRESHOLD_FLAGS,
  type ThresholdFlag,
  type WeeklyWindow,
} from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";
import {
  getMeili,
  indexUid,
  isIndexReady,
  isMeiliUnreachable,
  MeiliUnavailableError,
} from "#app/infra/meili.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { ACTIVITIES_INDEX, activityIndexFingerprint } from "../catalog/activity-search.server.ts";
import {
  activityPoint,
  getActivitiesByIds,
  isFull,
  type ActivityWithOrganization,
} from "../catalog/catalog.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { foldText, tokenize, type InterestMatcher } from "../interests/normalize.ts";
import { PILOTS_INDEX, pilotIndexFingerprint } from "../pilots/pilot-search.server.ts";
import {
  distanceKm,
  findMunicipality,
  municipalityLabel,
} from "../places/municipalities.server.ts";
import { retrieveWithLike } from "./matching-sqlite.server.ts";
import { DEFAULT_LIMIT, MAX_LIMIT, type Suggestion, type Suggestions } from "./matching-schema.ts";
import {
  freePlacesReason,
  inLanguageReason,
  interestReason,
  placeReason,
  relatedReason,
  sameAssociationReason,
  scheduleReason,
  sharedDaysReason,
  speaksReason,
  thresholdReason,
} from "./reasons.ts";

/** docs/import-format.md: without maxDistanceKm, the same municipality or within 30 km. */
export const DEFAULT_MAX_DISTANCE_KM = 30;

/** How many candidates each stage-one query brings for the re-ranker (see retrieveFromIndex). */
export const CANDIDATE_LIMITS = {
  text: 100,
  words: 40,
  concept: 100,
  related: 50,
  near: 50,
  pilotText: 40,
  pilotNear: 40,
};

/**
 * What the matcher needs of a participant, read straight from SQLite. It
 * lives only in this process: it goes into the search query's filters and
 * words and nowhere else (not into Meilisearch's documents, logs or URLs).
 */
export type MatchParticipant = {
  id: number;
  ref: string;
  organizationId: number;
  municipality: string;
  centre: { lat: number; lon: number } | undefined;
  age: number | undefined;
  languages: string[];
  /** Vocabulary concepts of the interests and the free text, in the order found. */
  interestKeys: string[];
  /** Typed words the vocabulary does not know, matched as text. */
  unknownWords: string[];
  /** The interest words as typed, also matched as text (the vocabulary can be wrong or missing a word). */
  typedWords: string[];
  wantsPilot: boolean;
  needs: ThresholdFlag[];
  schedule: WeeklyWindow[];
  maxDistanceKm: number;
};

export function loadParticipantForMatching(
  ref: string,
  db: Db = getDb(),
  matcher: InterestMatcher = getInterestMatcher(db),
): MatchParticipant | undefined {
  const row = db.select().from(participants).where(eq(participants.ref, ref)).get();
  if (!row || row.erasedAt) return undefined;
  // Normalized again here so that suggestions follow the current vocabulary even
  // before the stored keys are rebuilt; stored keys count too (admins' merges).
  const normalized = matcher.normalize([...row.interests, row.interestText ?? ""]);
  const interestKeys = [...new Set([...normalized.keys, ...row.interestKeys])].filter((k) =>
    matcher.concepts.has(k),
  );
  const m = findMunicipality(row.municipality);
  const year = Number(todayInFinland().slice(0, 4));
  return {
    id: row.id,
    ref: row.ref,
    organizationId: row.organizationId,
    municipality: m?.fi ?? row.municipality,
    centre: m ? { lat: m.lat, lon: m.lon } : undefined,
    age: row.birthYear != null ? year - row.birthYear : undefined,
    languages: row.languages,
    interestKeys,
    unknownWords: normalized.unknown.filter((w) => w.length >= 4).slice(0, 10),
    typedWords: [...new Set(row.interests.flatMap((i) => tokenize(i)))]
      .filter((w) => w.length >= 4)
      .slice(0, 10),
    wantsPilot: row.wantsPilot,
    needs: THRESHOLD_FLAGS.filter((f) => row.needs[f] === true),
    schedule: row.schedule,
    maxDistanceKm: row.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM,
  };
}

// ---------------------------------------------------------------- stage one

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

function languageFilter(p: MatchParticipant) {
  return `languages IN [${p.languages.map(quote).join(", ")}]`;
}

function reachFilter(p: MatchParticipant, allowOnline: boolean) {
  const parts = [`municipality = ${quote(p.municipality)}`];
  if (p.centre && p.maxDistanceKm > 0) {
    parts.push(
      `_geoRadius(${p.centre.lat}, ${p.centre.lon}, ${Math.round(p.maxDistanceKm * 1000)})`,
    );
  }
  if (allowOnline) parts.push("online = true");
  return `(${parts.join(" OR ")})`;
}

/** The hard rules (docs/interfaces.md) as Meilisearch filters (re-checked against SQLite afterwards). */
export function activityFilter(p: MatchParticipant): string[] {
  const filter = ["status = open", "full = false", languageFilter(p), reachFilter(p, true)];
  if (p.age != null) filter.push(`minAge <= ${p.age}`, `maxAge >= ${p.age}`);
  return filter;
}

export function pilotFilter(p: MatchParticipant): string[] {
  return ["suggestable = true", languageFilter(p), reachFilter(p, false)];
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
 * One multi-search: activities by the concept labels as text, by the typed
 * and unknown words as text, by the concept keys themselves (exact, then the
 * same broader category; no text needed), and the nearest open activities
 * whatever they are about; pilots by text and by nearness. Every query
 * carries the hard rules as filters. Retrieval is broad on purpose; the
 * re-ranker decides.
 */
export function buildCandidateQueries(
  p: MatchParticipant,
  matcher: InterestMatcher,
): MultiSearchQuery[] {
  const text = queryText(p, matcher);
  const activities = indexUid(ACTIVITIES_INDEX);
  const pilotsUid = indexUid(PILOTS_INDEX);
  const aFilter = activityFilter(p);
  const pFilter = pilotFilter(p);
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
  if (text.labels) search(activities, text.labels, aFilter, CANDIDATE_LIMITS.text);
  if (text.words) search(activities, text.words, aFilter, CANDIDATE_LIMITS.words);
  // Concept keys: the exact ones nearest first; the same category and "what
  // is in the home municipality" unsorted, since sorting thousands of
  // documents by distance was the costliest query at 100k (docs/benchmarks.md).
  if (p.interestKeys.length > 0) {
    search(activities, "", [...aFilter, keysIn(p.interestKeys)], CANDIDATE_LIMITS.concept, near);
  }
  const related = relatedKeys(p.interestKeys, matcher);
  if (related.length > 0) {
    search(activities, "", [...aFilter, keysIn(related)], CANDIDATE_LIMITS.related);
  }
  if (p.interestKeys.length > 0) {
    search(
      activities,
      "",
      [...aFilter, `(municipality = ${quote(p.municipality)} OR online = true)`],
      CANDIDATE_LIMITS.near,
    );
  } else {
    // Nothing to match on: the nearest open activities are the whole candidate set.
    search(activities, "", aFilter, CANDIDATE_LIMITS.near * 2, near);
  }
  if (p.wantsPilot) {
    if (text.labels) search(pilotsUid, text.labels, pFilter, CANDIDATE_LIMITS.pilotText);
    search(pilotsUid, "", pFilter, CANDIDATE_LIMITS.pilotNear, near);
  }
  return queries;
}

export type Candidates = { activityIds: number[]; pilotIds: number[] };

export async function retrieveFromIndex(
  p: MatchParticipant,
  matcher: InterestMatcher,
  client: Meilisearch,
): Promise<Candidates> {
  const queries = buildCandidateQueries(p, matcher);
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

// ---------------------------------------------------------------- hard rules

function reachOf(
  p: MatchParticipant,
  municipality: string,
  point: { lat: number; lon: number } | undefined,
) {
  const km = p.centre && point ? distanceKm(p.centre, point) : undefined;
  const sameMunicipality = municipality === p.municipality;
  return { km, inReach: sameMunicipality || (km != null && km <= p.maxDistanceKm) };
}

const commonLanguages = (p: MatchParticipant, languages: string[]) =>
  p.languages.filter((l) => languages.includes(l));

/** The hard rules for an activity (docs/interfaces.md), on SQLite's current row. */
export function breaksActivityRule(p: MatchParticipant, a: ActivityWithOrganization) {
  if (a.status !== "open") return "closed";
  if (isFull(a)) return "full";
  if (p.age != null && a.minAge != null && p.age < a.minAge) return "age";
  if (p.age != null && a.maxAge != null && p.age > a.maxAge) return "age";
  if (commonLanguages(p, a.languages).length === 0) return "language";
  if (a.threshold.online !== true && !reachOf(p, a.municipality, activityPoint(a)).inReach)
    return "reach";
  return undefined;
}

export type PilotWithOrganization = typeof pilots.$inferSelect & { organizationName: string };

export function breaksPilotRule(p: MatchParticipant, pilot: PilotWithOrganization) {
  if (!pilot.acceptingMentees) return "not accepting";
  if (pilot.activeMentees >= pilot.capacity) return "no free place";
  if (commonLanguages(p, pilot.languages).length === 0) return "language";
  if (!reachOf(p, pilot.municipality, findMunicipality(pilot.municipality)).inReach) return "reach";
  return undefined;
}

export function getPilotsByIds(ids: number[], db: Db = getDb()): PilotWithOrganization[] {
  if (ids.length === 0) return [];
  return db
    .select({ pilot: pilots, organizationName: organizations.name })
    .from(pilots)
    .innerJoin(organizations, eq(organizations.id, pilots.organizationId))
    .where(inArray(pilots.id, ids))
    .all()
    .map((r) => ({ ...r.pilot, organizationName: r.organizationName }));
}

// ---------------------------------------------------------------- stage two

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** docs/interfaces.md: a session fits when it lies inside one of the participant's windows on the same weekday. */
export function fittingSession(windows: WeeklyWindow[], sessions: WeeklyWindow[]) {
  return sessions.find((s) =>
    windows.some(
      (w) =>
        w.weekday === s.weekday &&
        toMinutes(w.start) <= toMinutes(s.start) &&
        toMinutes(s.end) <= toMinutes(w.end),
    ),
  );
}

function overlappingDays(a: WeeklyWindow[], b: WeeklyWindow[]) {
  const days = new Set<number>();
  for (const x of a)
    for (const y of b)
      if (
        x.weekday === y.weekday &&
        toMinutes(x.start) < toMinutes(y.end) &&
        toMinutes(y.start) < toMinutes(x.end)
      )
        days.add(x.weekday);
  return [...days].sort((x, y) => x - y);
}

/**
 * A typed word inside the text: its first half (at least 5 letters) at the
 * start of a word, so Finnish endings do not hide it (koodaamisesta ~ koodaamaan).
 */
function containsWord(haystack: string, word: string) {
  const stem = word.slice(0, Math.min(word.length, Math.max(5, Math.ceil(word.length / 2))));
  return haystack.includes(` ${stem}`);
}

type InterestFit = { score: number; exact: string[]; related: string[]; words: string[] };

/**
 * Exact concepts count fully, a concept of the same broader category
 * partly (categoryOf), unknown typed words when the text contains them.
 * The best single match weighs most; covering more of the person's
 * interests adds to it.
 */
export function interestFit(
  p: MatchParticipant,
  keys: string[],
  searchText: string,
  matcher: InterestMatcher,
): InterestFit {
  const have = new Set(keys);
  const categories = new Set(keys.map((k) => matcher.categoryOf(k) ?? k));
  const exact: string[] = [];
  const related: string[] = [];
  const words: string[] = [];
  const credits: number[] = [];
  for (const k of p.interestKeys) {
    if (have.has(k)) {
      exact.push(k);
      credits.push(1);
      continue;
    }
    const category = matcher.categoryOf(k) ?? k;
    if (categories.has(category)) {
      related.push(category);
      credits.push(0.4);
    } else credits.push(0);
  }
  const haystack = ` ${searchText} `;
  for (const w of p.unknownWords) {
    if (containsWord(haystack, w)) {
      words.push(w);
      credits.push(0.8);
    } else credits.push(0);
  }
  // A typed word found as such in the text counts even when the vocabulary
  // read it otherwise; it lifts the best match but not the coverage.
  let literal = 0;
  if (exact.length === 0) {
    for (const w of p.typedWords) {
      if (words.includes(w) || !containsWord(haystack, w)) continue;
      words.push(w);
      literal = 0.8;
    }
  }
  if (credits.length === 0 && literal === 0) return { score: 0, exact, related, words };
  const best = Math.max(literal, ...credits);
  const coverage = credits.length ? credits.reduce((s, c) => s + c, 0) / credits.length : literal;
  return {
    score: 0.75 * best + 0.25 * coverage,
    exact,
    related: [...new Set(related)],
    words,
  };
}

function distanceScore(km: number | undefined, p: MatchParticipant) {
  if (km == null) return 0.6;
  return 1 - 0.8 * Math.min(1, km / Math.max(p.maxDistanceKm, 10));
}

const round2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

/** Best first; equal (shown) scores by ref, so every caller sees one order. */
const byScoreThenRef = (a: { score: number; ref: string }, b: { score: number; ref: string }) =>
  b.score - a.score || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

export type ActivitySuggestion = Suggestion & {
  id: number;
  title: string;
  organizationId: number;
  organizationName: string;
  municipality: string;
  distanceKm: number | null;
  schedule: WeeklyWindow[];
  online: boolean;
};

export type PilotSuggestion = Suggestion & {
  id: number;
  displayName: string;
  organizationName: string;
  municipality: string;
  distanceKm: number | null;
  freePlaces: number;
};

export type DetailedSuggestions = {
  participant: string;
  activities: ActivitySuggestion[];
  pilots: PilotSuggestion[];
  /** "database" when Meilisearch could not be reached and `fallback` was asked for. */
  source: "search" | "database";
};

type Explained<T> = T & { explain: () => (string | undefined)[] };

/** Reasons are words to read: built only for what is shown. */
function explainTop<T extends Suggestion>(items: Explained<T>[], limit: number): T[] {
  return items
    .sort(byScoreThenRef)
    .slice(0, limit)
    .map(({ explain, ...item }) => ({
      ...(item as unknown as T),
      reasons: explain().filter((r): r is string => Boolean(r)),
    }));
}

const labelsOf = (keys: string[], matcher: InterestMatcher, lang: Lang) =>
  keys.slice(0, 3).map((k) => matcher.label(k, lang));

export function rankActivities(
  p: MatchParticipant,
  rows: ActivityWithOrganization[],
  matcher: InterestMatcher,
  lang: Lang,
  limit = Infinity,
): ActivitySuggestion[] {
  const out: Explained<ActivitySuggestion>[] = [];
  for (const a of rows) {
    if (breaksActivityRule(p, a)) continue;
    const online = a.threshold.online === true;
    const { km } = reachOf(p, a.municipality, activityPoint(a));
    const interest = interestFit(p, a.interestKeys, a.searchText, matcher);
    const session = fittingSession(p.schedule, a.schedule);
    const schedule =
      p.schedule.length === 0 || a.schedule.length === 0
        ? 0.5
        : session
          ? 1
          : overlappingDays(p.schedule, a.schedule).length > 0
            ? 0.25
            : 0;
    const met = p.needs.filter((f) => a.threshold[f] === true).length;
    const basics = (["free", "dropIn", "noRegistration"] as const).filter(
      (f) => a.threshold[f] === true,
    ).length;
    const needs =
      p.needs.length === 0 ? 0.7 + 0.1 * basics : 0.8 * (met / p.needs.length) + 0.2 * (basics / 3);
    const distance = online ? 0.7 : distanceScore(km, p);
    const score = round2(0.5 * interest.score + 0.2 * schedule + 0.15 * needs + 0.15 * distance);
    const explain = () => [
      interestReason(
        [...labelsOf(interest.exact, matcher, lang), ...interest.words.slice(0, 2)],
        lang,
      ),
      interest.exact.length === 0 && interest.words.length === 0
        ? relatedReason(labelsOf(interest.related, matcher, lang), lang)
        : undefined,
      placeReason(municipalityLabel(a.municipality, lang), km ?? null, online, lang),
      scheduleReason(session, lang),
      thresholdReason(a.threshold, p.needs, lang),
      p.languages.includes("fi")
        ? undefined
        : inLanguageReason(commonLanguages(p, a.languages)[0]!, lang),
    ];
    out.push({
      ref: a.ref,
      score,
      reasons: [],
      explain,
      id: a.id,
      title: a.title,
      organizationId: a.organizationId,
      organizationName: a.organizationName,
      municipality: a.municipality,
      distanceKm: km == null ? null : Math.round(km * 10) / 10,
      schedule: a.schedule,
      online,
    });
  }
  return explainTop(out, limit);
}

/**
 * Pilots: shared interests, the same association as one of the suggested
 * activities (the pilot can walk the person into that group), time on the
 * same days, and distance.
 */
export function rankPilots(
  p: MatchParticipant,
  rows: PilotWithOrganization[],
  suggestedActivities: ActivitySuggestion[],
  matcher: InterestMatcher,
  lang: Lang,
  limit = Infinity,
): PilotSuggestion[] {
  const out: Explained<PilotSuggestion>[] = [];
  const top = suggestedActivities.slice(0, 3);
  for (const pilot of rows) {
    if (breaksPilotRule(p, pilot)) continue;
    const { km } = reachOf(p, pilot.municipality, findMunicipality(pilot.municipality));
    const interest = interestFit(
      p,
      pilot.interestKeys,
      foldText(pilot.interests.join(" ")),
      matcher,
    );
    const linked =
      top.find((a) => a.organizationId === pilot.organizationId) ??
      suggestedActivities.find((a) => a.organizationId === pilot.organizationId);
    const association = !linked ? 0 : top.includes(linked) ? 1 : 0.5;
    const days = overlappingDays(p.schedule, pilot.schedule);
    const schedule =
      p.schedule.length === 0 || pilot.schedule.length === 0 ? 0.5 : days.length > 0 ? 1 : 0;
    const free = pilot.capacity - pilot.activeMentees;
    const score = round2(
      0.45 * interest.score + 0.2 * association + 0.15 * schedule + 0.2 * distanceScore(km, p),
    );
    const explain = () => [
      interestReason(
        [...labelsOf(interest.exact, matcher, lang), ...interest.words.slice(0, 2)],
        lang,
      ),
      interest.exact.length === 0 && interest.words.length === 0
        ? relatedReason(labelsOf(interest.related, matcher, lang), lang)
        : undefined,
      speaksReason(commonLanguages(p, pilot.languages), lang),
      freePlacesReason(free, pilot.capacity, lang),
      linked ? sameAssociationReason(linked.title, lang) : undefined,
      sharedDaysReason(days, lang),
      placeReason(municipalityLabel(pilot.municipality, lang), km ?? null, false, lang),
    ];
    out.push({
      ref: pilot.ref,
      score,
      reasons: [],
      explain,
      id: pilot.id,
      displayName: pilot.displayName,
      organizationName: pilot.organizationName,
      municipality: pilot.municipality,
      distanceKm: km == null ? null : Math.round(km * 10) / 10,
      freePlaces: free,
    });
  }
  return explainTop(out, limit);
}

// ---------------------------------------------------------------- entry points

export type Retrieve = (
  p: MatchParticipant,
  matcher: InterestMatcher,
  db: Db,
) => Promise<Candidates>;

export type SuggestOptions = {
  limit?: number;
  lang?: Lang;
  /** Stage one; the default asks Meilisearch (the benchmark compares SQLite LIKE and FTS5). */
  retrieve?: Retrieve;
  /**
   * For screens: when Meilisearch cannot be reached, retrieve with SQLite
   * (same filters, LIKE) instead of failing; the result says so in `source`.
   * The CLI and the API leave it off and report the outage (exit 2 / 503).
   */
  fallback?: boolean;
};

const retrieveWithMeili: Retrieve = async (p, matcher) => {
  const client = getMeili();
  if (!client) throw new MeiliUnavailableError("Meilisearch is not configured or not running");
  // Suggestions from a half-built index would silently leave out what fits.
  const ready = await Promise.all([
    isIndexReady(client, ACTIVITIES_INDEX, activityIndexFingerprint()),
    isIndexReady(client, PILOTS_INDEX, pilotIndexFingerprint()),
  ]);
  if (ready.includes(false)) throw new MeiliUnavailableError("the search index is being rebuilt");
  return retrieveFromIndex(p, matcher, client);
};

/** Stage two on stage one's candidates, each checked against SQLite's current rows. */
export function rankCandidates(
  p: MatchParticipant,
  candidates: Candidates,
  options: { limit: number; lang: Lang },
  matcher: InterestMatcher,
  db: Db,
): DetailedSuggestions {
  const activities = rankActivities(
    p,
    getActivitiesByIds(candidates.activityIds, db),
    matcher,
    options.lang,
    options.limit,
  );
  const pilots = p.wantsPilot
    ? rankPilots(
        p,
        getPilotsByIds(candidates.pilotIds, db),
        activities,
        matcher,
        options.lang,
        options.limit,
      )
    : [];
  return { participant: p.ref, activities, pilots, source: "search" };
}

/** Suggestions with display fields (title, organization, distance) for the worker's UI. */
export async function suggestForParticipantDetailed(
  participantRef: string,
  options: SuggestOptions = {},
  db: Db = getDb(),
): Promise<DetailedSuggestions | undefined> {
  const matcher = getInterestMatcher(db);
  const p = loadParticipantForMatching(participantRef, db, matcher);
  if (!p) return undefined;
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(options.limit ?? DEFAULT_LIMIT)));
  const rank = (candidates: Candidates) =>
    rankCandidates(p, candidates, { limit, lang: options.lang ?? "fi" }, matcher, db);
  try {
    return rank(await (options.retrieve ?? retrieveWithMeili)(p, matcher, db));
  } catch (e) {
    if (!options.fallback || options.retrieve || !isMeiliUnreachable(e)) throw e;
    return { ...rank(retrieveWithLike(p, matcher, db)), source: "database" };
  }
}

/** Only the documented keys (docs/interfaces.md), in their order. */
export function toContract(s: DetailedSuggestions): Suggestions {
  const strip = ({ ref, score, reasons }: Suggestion) => ({ ref, score, reasons });
  return {
    participant: s.participant,
    activities: s.activities.map(strip),
    pilots: s.pilots.map(strip),
  };
}

/**
 * The documented suggestions for one participant (docs/interfaces.md): the CLI, the API and the
 * worker's UI all call this, so they show one ranking. Undefined for an
 * unknown ref. Throws when Meilisearch cannot be reached (isMeiliUnreachable).
 */
export async function suggestForParticipant(
  participantRef: string,
  options: { limit?: number; lang?: Lang } = {},
  db: Db = getDb(),
): Promise<Suggestions | undefined> {
  const detailed = await suggestForParticipantDetailed(participantRef, options, db);
  return detailed && toContract(detailed);
}

export type Viewer = { id: string; role: string; organizationId: number | null };

/**
 * A professional's request: only a worker of the participant's own
 * organization gets an answer (anyone else: not found, as if it did not
 * exist); the read is audited with the screen or API as context.
 */
export async function suggestForViewer(
  viewer: Viewer,
  participantRef: string,
  options: { limit?: number; lang?: Lang; context: string },
  db: Db = getDb(),
): Promise<Suggestions | undefined> {
  if (viewer.role !== "worker" || viewer.organizationId == null) return undefined;
  const row = db
    .select({
      id: participants.id,
      organizationId: participants.organizationId,
      erasedAt: participants.erasedAt,
    })
    .from(participants)
    .where(eq(participants.ref, participantRef))
    .get();
  if (!row || row.erasedAt || row.organizationId !== viewer.organizationId) return undefined;
  recordAudit(
    db,
    { kind: "user", userId: viewer.id, role: viewer.role, organizationId: viewer.organizationId },
    {
      action: "participant.read",
      entityType: "participant",
      entityId: participantRef,
      participantId: row.id,
      organizationId: row.organizationId,
      context: options.context,
    },
  );
  return suggestForParticipant(participantRef, { limit: options.limit, lang: options.lang }, db);
}
