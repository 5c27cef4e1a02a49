import {
  forgetIndexReadiness,
  isMeiliUnreachable,
  meiliApiError,
  MeiliUnavailableError,
} from "#app/infra/meili.server.ts";
import type { ActivityKind } from "./activity-schema.ts";
import type { ThresholdFlag } from "../common/common-schema.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { foldText, type InterestMatcher } from "../interests/normalize.ts";
import {
  findMunicipality,
  findPlace,
  getPlaceNames,
  nearbyMunicipalities,
} from "../places/municipalities.server.ts";
import { placeNameWords, type PlaceNames } from "../places/place-names.ts";
import { catalogHref, type CatalogParams, type CatalogSearch } from "./catalog-search-schema.ts";
import {
  listCatalogMunicipalities,
  searchCatalogInDatabase,
  type CatalogQuery,
  type CatalogResult,
} from "./catalog.server.ts";
import { countCatalogInIndex, searchCatalogInIndex } from "./activity-search.server.ts";
import {
  understandQuery,
  type AgeGroup,
  type DayPart,
  type QueryUnderstanding,
} from "./query-understanding.ts";

export const CATALOG_PAGE_SIZE = 12;
/** Fewer results than this, and the page offers other ways to search (issue #13). */
export const FEW_RESULTS = 3;
/** How far the "same search in a nearby municipality" suggestions reach. */
const SUGGEST_NEARBY_KM = 80;

let lastFallbackLog = 0;

function isSearchDown(e: unknown) {
  return (
    isMeiliUnreachable(e) || e instanceof MeiliUnavailableError || meiliApiError(e) !== undefined
  );
}

function logFallback(e: unknown) {
  // An index lost since the last readiness check: ask again next time.
  if (meiliApiError(e)) forgetIndexReadiness();
  if (Date.now() - lastFallbackLog > 60_000) {
    lastFallbackLog = Date.now();
    console.warn(
      `catalog: search index not usable now (${(e as Error).message}); serving from SQLite`,
    );
  }
}

/**
 * The public catalog: Meilisearch when it answers, SQLite when it does not.
 * The page says which, and never fails because search is down.
 */
export async function searchCatalog(query: CatalogQuery): Promise<CatalogResult> {
  try {
    return await searchCatalogInIndex(query);
  } catch (e) {
    if (!isSearchDown(e)) throw e;
    logFallback(e);
    return searchCatalogInDatabase(query);
  }
}

async function countCatalog(queries: CatalogQuery[], source: CatalogResult["source"]) {
  if (source === "search") {
    try {
      return await countCatalogInIndex(queries);
    } catch (e) {
      if (!isSearchDown(e)) throw e;
    }
  }
  return queries.map((q) => searchCatalogInDatabase({ ...q, page: 1, pageSize: 1 }).total);
}

/** The search as the page applies it: typed words understood, merged with the form's fields. */
export type EffectiveSearch = {
  /** Words left for interests and text, as typed. */
  q?: string;
  municipality?: string;
  village?: string;
  kind?: ActivityKind;
  language?: string;
  weekdays: number[];
  dayParts: DayPart[];
  flags: ThresholdFlag[];
  age?: number;
  ageGroup?: AgeGroup;
  near?: string;
  /** The near place came from the cookie of an earlier search, not from this one. */
  nearRemembered: boolean;
  page: number;
};

/** A municipality (Vasa = Vaasa) or a village (Kerimäki) named in the place field. */
function findPlaceName(name: string): { municipality: string; village?: string } | undefined {
  const m = findMunicipality(name);
  if (m) return { municipality: m.fi };
  const words = placeNameWords(name);
  const match = getPlaceNames().match(words, 0);
  return match && match.words === words.length && !match.partitive
    ? { municipality: match.municipality, village: match.village }
    : undefined;
}

/**
 * Typed words win over the form's field for the same single-valued filter
 * (the field shows what the last search understood, the words are newer);
 * days, parts of day and low-threshold flags add up.
 */
export function resolveSearch(
  search: CatalogSearch,
  understood: QueryUnderstanding,
  rememberedPlace?: string,
): EffectiveSearch {
  // The field holds a municipality or a village (Kerimäki); an unknown name
  // stays as typed: it finds nothing, and the page offers other searches.
  const field = search.municipality ? findPlaceName(search.municipality) : undefined;
  const municipality = understood.place?.municipality ?? field?.municipality ?? search.municipality;
  const village = understood.place ? understood.place.village : field?.village;
  const union = <T>(a: T[], b: T[]) => [...new Set([...a, ...b])];
  const remembered =
    !municipality && !search.near && !search.forget && rememberedPlace
      ? findMunicipality(rememberedPlace)?.fi
      : undefined;
  return {
    q: understood.remainder || undefined,
    municipality,
    village,
    kind: understood.kind ?? search.kind,
    language: understood.language ?? search.language,
    weekdays: union(search.weekdays, understood.weekdays).sort(),
    dayParts: union(search.dayParts, understood.dayParts),
    flags: union(search.flags, understood.flags),
    age: understood.age ?? search.age,
    ageGroup: understood.ageGroup ?? search.ageGroup,
    near: search.near ?? remembered,
    nearRemembered: remembered !== undefined,
    page: search.page,
  };
}

export function toCatalogQuery(
  e: EffectiveSearch,
  pageSize = CATALOG_PAGE_SIZE,
  lang?: "fi" | "sv" | "en",
): CatalogQuery {
  return {
    lang,
    q: e.q,
    municipality: e.municipality,
    village: e.village,
    kind: e.kind,
    language: e.language,
    weekdays: e.weekdays,
    dayParts: e.dayParts,
    flags: e.flags,
    age: e.age,
    ageGroup: e.ageGroup,
    near: e.near,
    page: e.page,
    pageSize,
  };
}

export function toParams(e: EffectiveSearch): CatalogParams {
  return {
    q: e.q,
    municipality: e.village ?? e.municipality,
    kind: e.kind,
    language: e.language,
    weekdays: e.weekdays,
    dayParts: e.dayParts,
    flags: e.flags,
    age: e.age,
    ageGroup: e.ageGroup,
    near: e.nearRemembered ? undefined : e.near,
  };
}

// ---------------------------------------------------------------- chips

export type Chip = { href: string } & (
  | { type: "interest"; label: string }
  | { type: "word"; label: string }
  | { type: "place"; municipality: string; village?: string }
  | { type: "near"; place: string; remembered: boolean }
  | { type: "weekdays"; weekdays: number[] }
  | { type: "dayParts"; dayParts: DayPart[] }
  | { type: "flag"; flag: ThresholdFlag }
  | { type: "language"; language: string }
  | { type: "kind"; kind: ActivityKind }
  | { type: "ageGroup"; ageGroup: AgeGroup }
  | { type: "age"; age: number }
);

/** The leftover text without the given words (each once, compared folded). */
function withoutWords(text: string | undefined, words: string[]): string | undefined {
  if (!text) return undefined;
  const drop = words.flatMap((w) => foldText(w).split(" ")).filter(Boolean);
  const kept: string[] = [];
  for (const token of text.split(/\s+/)) {
    const folded = foldText(token);
    const at = drop.indexOf(folded);
    if (at >= 0) drop.splice(at, 1);
    else if (folded) kept.push(token);
  }
  return kept.join(" ") || undefined;
}

const withForget = (href: string) => `${href}${href.includes("?") ? "&" : "?"}forget=1`;

/** One chip per understood or chosen filter; each links to the same search without it. */
export function buildChips(
  e: EffectiveSearch,
  matcher: InterestMatcher,
  lang: "fi" | "sv" | "en",
): Chip[] {
  const params = toParams(e);
  const href = (change: Partial<CatalogParams>) => catalogHref({ ...params, ...change });
  const chips: Chip[] = [];
  if (e.q) {
    const normalized = matcher.normalize(e.q);
    for (const key of normalized.keys) {
      const words = normalized.matches.filter((m) => m.key === key).map((m) => m.word);
      chips.push({
        type: "interest",
        label: matcher.label(key, lang),
        href: href({ q: withoutWords(e.q, words) }),
      });
    }
    for (const word of normalized.unknown) {
      chips.push({ type: "word", label: word, href: href({ q: withoutWords(e.q, [word]) }) });
    }
  }
  if (e.municipality) {
    chips.push({
      type: "place",
      municipality: e.municipality,
      village: e.village,
      href: href({ municipality: undefined }),
    });
  }
  if (e.near) {
    const place = findPlace(e.near)?.fi ?? e.near;
    chips.push({
      type: "near",
      place,
      remembered: e.nearRemembered,
      href: e.nearRemembered ? withForget(href({ near: undefined })) : href({ near: undefined }),
    });
  }
  if (e.weekdays.length > 0)
    chips.push({ type: "weekdays", weekdays: e.weekdays, href: href({ weekdays: [] }) });
  if (e.dayParts.length > 0)
    chips.push({ type: "dayParts", dayParts: e.dayParts, href: href({ dayParts: [] }) });
  for (const flag of e.flags)
    chips.push({ type: "flag", flag, href: href({ flags: e.flags.filter((f) => f !== flag) }) });
  if (e.language)
    chips.push({ type: "language", language: e.language, href: href({ language: undefined }) });
  if (e.kind) chips.push({ type: "kind", kind: e.kind, href: href({ kind: undefined }) });
  if (e.ageGroup)
    chips.push({ type: "ageGroup", ageGroup: e.ageGroup, href: href({ ageGroup: undefined }) });
  if (e.age != null) chips.push({ type: "age", age: e.age, href: href({ age: undefined }) });
  return chips;
}

// ---------------------------------------------------------------- recovery

type AlternativeSearch = { href: string } & (
  | { type: "place"; municipality: string }
  | { type: "weekday"; weekday: number }
  | { type: "dayPart"; dayPart: DayPart }
  | { type: "without"; chip: Chip }
);
/** Another search, with the number of activities it finds. */
export type Alternative = AlternativeSearch & { count: number };

export type Recovery = {
  /** "Tarkoititko: kalastus?": the search with the mistyped word corrected. */
  didYouMean?: { text: string; href: string };
  /** Ambiguous words read as words, offered as the place (ADR 009). */
  places: { word: string; municipality: string; village?: string; href: string }[];
  alternatives: Alternative[];
};

/** Damerau–Levenshtein distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

const wordLists = new WeakMap<InterestMatcher, string[]>();

/** Single-word forms of every concept (fi/sv/en labels and terms), built once per vocabulary. */
function vocabularyWords(matcher: InterestMatcher): string[] {
  let list = wordLists.get(matcher);
  if (!list) {
    const set = new Set<string>();
    for (const key of matcher.concepts.keys())
      for (const form of matcher.formsOf(key)) if (!form.includes(" ")) set.add(form);
    list = [...set];
    wordLists.set(matcher, list);
  }
  return list;
}

/** The closest known word or place to a mistyped one, if it is close enough to be a typo. */
export function suggestWord(
  word: string,
  matcher: InterestMatcher,
  places: PlaceNames,
): { text: string; municipality?: string } | undefined {
  const w = foldText(word);
  if (w.length < 4 || /\d/.test(w)) return undefined;
  const max = w.length >= 7 ? 2 : 1;
  let best: { text: string; municipality?: string; d: number } | undefined;
  for (const form of vocabularyWords(matcher)) {
    const d = editDistance(w, form, best ? Math.min(best.d - 1, max) : max);
    if (d <= max && (!best || d < best.d)) best = { text: form, d };
  }
  for (const p of places.names) {
    const name = foldText(p.name);
    const d = editDistance(w, name, best ? Math.min(best.d - 1, max) : max);
    if (d <= max && (!best || d < best.d)) best = { text: p.name, municipality: p.municipality, d };
  }
  return best && best.d > 0 ? best : undefined;
}

async function recover(
  e: EffectiveSearch,
  result: CatalogResult,
  chips: Chip[],
  matcher: InterestMatcher,
  places: PlaceNames,
  understood: QueryUnderstanding,
): Promise<Recovery> {
  const params = toParams(e);
  const recovery: Recovery = {
    places: understood.placeWordsAsText.map((p) => ({
      ...p,
      href: catalogHref({
        ...params,
        q: withoutWords(e.q, [p.word]),
        municipality: p.municipality,
      }),
    })),
    alternatives: [],
  };
  // A word nothing knows and no shown activity contains is probably mistyped
  // (Meilisearch's typo tolerance may still have found something).
  if (e.q) {
    const unknown = matcher
      .normalize(e.q)
      .unknown.filter((w) => !result.hits.some((h) => h.searchText.includes(w)));
    for (const word of unknown) {
      const s = suggestWord(word, matcher, places);
      if (!s) continue;
      const typed = e.q.split(/\s+/).find((t) => foldText(t) === word) ?? word;
      recovery.didYouMean = s.municipality
        ? {
            text: e.q.replace(typed, s.text),
            href: catalogHref({
              ...params,
              q: withoutWords(e.q, [typed]),
              municipality: s.municipality,
            }),
          }
        : {
            text: e.q.replace(typed, s.text),
            href: catalogHref({ ...params, q: e.q.replace(typed, s.text) }),
          };
      break;
    }
  }
  // Counting other searches costs a multi-search: only when there is little to show.
  if (result.total >= FEW_RESULTS) return recovery;

  const base = toCatalogQuery({ ...e, page: 1 }, 1);
  const candidates: { alt: AlternativeSearch; query: CatalogQuery }[] = [];
  if (e.municipality) {
    const included = new Set(result.placeScope ?? [e.municipality]);
    const withActivities = new Set(listCatalogMunicipalities());
    for (const n of nearbyMunicipalities(e.municipality, SUGGEST_NEARBY_KM)) {
      // A municipality with no activities of its own would only repeat its neighbours' results.
      if (included.has(n.fi) || !withActivities.has(n.fi)) continue;
      candidates.push({
        alt: {
          type: "place",
          municipality: n.fi,
          href: catalogHref({ ...params, municipality: n.fi }),
        },
        query: { ...base, municipality: n.fi },
      });
      if (candidates.length >= 4) break;
    }
  }
  if (e.weekdays.length > 0) {
    for (let d = 1; d <= 7; d++) {
      if (e.weekdays.includes(d)) continue;
      candidates.push({
        alt: { type: "weekday", weekday: d, href: catalogHref({ ...params, weekdays: [d] }) },
        query: { ...base, weekdays: [d] },
      });
    }
  } else if (e.dayParts.length > 0) {
    for (const p of ["morning", "afternoon", "evening"] as const) {
      if (e.dayParts.includes(p)) continue;
      candidates.push({
        alt: { type: "dayPart", dayPart: p, href: catalogHref({ ...params, dayParts: [p] }) },
        query: { ...base, dayParts: [p] },
      });
    }
  }
  const without: Record<string, Partial<CatalogQuery>> = {
    place: { municipality: undefined },
    weekdays: { weekdays: [] },
    dayParts: { dayParts: [] },
    language: { language: undefined },
    kind: { kind: undefined },
    ageGroup: { ageGroup: undefined },
    age: { age: undefined },
  };
  for (const chip of chips) {
    const change =
      chip.type === "flag" ? { flags: e.flags.filter((f) => f !== chip.flag) } : without[chip.type];
    if (!change) continue;
    candidates.push({
      alt: { type: "without", chip, href: chip.href },
      query: { ...base, ...change },
    });
  }
  if (candidates.length === 0) return recovery;
  const counts = await countCatalog(
    candidates.map((c) => c.query),
    result.source,
  );
  const found = candidates
    .map((c, i): Alternative => ({ ...c.alt, count: counts[i] ?? 0 }))
    .filter((a) => a.count > result.total);
  const byCount = (a: Alternative, b: Alternative) => b.count - a.count;
  recovery.alternatives = [
    ...found.filter((a) => a.type === "place").slice(0, 3),
    ...found
      .filter((a) => a.type === "weekday" || a.type === "dayPart")
      .sort(byCount)
      .slice(0, 3),
    ...found
      .filter((a) => a.type === "without")
      .sort(byCount)
      .slice(0, 4),
  ];
  return recovery;
}

// ---------------------------------------------------------------- the page

export type CatalogPage = {
  result: CatalogResult;
  effective: EffectiveSearch;
  /** The canonical query string of this search (what the form would submit). */
  params: CatalogParams;
  chips: Chip[];
  recovery: Recovery;
  /** The place to remember for the next visit, when this search names one. */
  rememberPlace?: string;
};

/**
 * Everything the catalog page shows for one search: the typed text
 * understood, merged with the form's fields, searched, explained as chips,
 * and, with few results, ways to widen it.
 */
export async function searchCatalogPage(
  search: CatalogSearch,
  options: { lang: "fi" | "sv" | "en"; rememberedPlace?: string },
): Promise<CatalogPage> {
  const matcher = getInterestMatcher();
  const places = getPlaceNames();
  const understood = understandQuery(search.q ?? "", places);
  const effective = resolveSearch(search, understood, options.rememberedPlace);
  const result = await searchCatalog(toCatalogQuery(effective, CATALOG_PAGE_SIZE, options.lang));
  const chips = buildChips(effective, matcher, options.lang);
  const recovery = await recover(effective, result, chips, matcher, places, understood);
  return {
    result,
    effective,
    params: toParams(effective),
    chips,
    recovery,
    rememberPlace: effective.municipality,
  };
}
