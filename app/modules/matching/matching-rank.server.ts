import { eq } from "drizzle-orm";
import { activities, organizations, pilots } from "#db/schema.ts";
import { getDb, idList, inIdList, preparedOnce, type Db } from "#app/infra/db.server.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";
import type { WeeklyWindow } from "../common/common-schema.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { municipalityLabel } from "../places/municipalities.server.ts";
import { activityFitNotes, cautionsOf, pilotFitNotes } from "./fit-notes.ts";
import { onlyTrainedPilots } from "../settings/settings.server.ts";
import {
  activityFactsOf,
  pilotFactsOf,
  type ActivityFactsRow,
  type MatchParticipant,
} from "./match-facts.server.ts";
import { checkOf, commonLanguages, judgeActivity, judgePilot } from "./match-rules.ts";
import type { InterestFit } from "./interest-fit.ts";
import type { Suggestion } from "./matching-schema.ts";
import type { Candidates } from "./matching-retrieval.server.ts";
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

/**
 * Stage two of matching: ranking. Every candidate is judged by the rulebook
 * (match-rules.ts) on SQLite's current row; what breaks a hard rule is
 * dropped, what fits an interest is a suggestion, and what fits none is an
 * "other open activity nearby" (shown apart, never counted as a
 * suggestion). Scores come from the rulebook; words from reasons.ts (what
 * fits) and fit-notes.ts (what does not, e.g. no common time).
 */

export type ActivitySuggestion = Suggestion & {
  id: number;
  title: string;
  organizationId: number;
  organizationName: string;
  municipality: string;
  distanceKm: number | null;
  schedule: WeeklyWindow[];
  online: boolean;
  /** Soft misfits to show on the card before shortlisting (e.g. a time that does not fit). */
  cautions: string[];
};

export type PilotSuggestion = Suggestion & {
  id: number;
  displayName: string;
  organizationName: string;
  municipality: string;
  distanceKm: number | null;
  freePlaces: number;
  cautions: string[];
};

export type RankedActivities = { activities: ActivitySuggestion[]; others: ActivitySuggestion[] };

/**
 * What ranking reads of a candidate activity: the rulebook's facts and the
 * card's few fields. Loading whole rows (descriptions, contacts, every JSON
 * column) for ~150 candidates was half of stage two's CPU (issue #15).
 */
export type MatchActivityRow = ActivityFactsRow & {
  id: number;
  ref: string;
  title: string;
  organizationId: number;
  organizationName: string;
};

export function getActivitiesForMatching(ids: number[], db: Db = getDb()): MatchActivityRow[] {
  if (ids.length === 0) return [];
  const byIds = preparedOnce(db, "activitiesForMatching", () =>
    db
      .select({
        id: activities.id,
        ref: activities.ref,
        title: activities.title,
        organizationId: activities.organizationId,
        organizationName: organizations.name,
        status: activities.status,
        capacity: activities.capacity,
        enrolled: activities.enrolled,
        minAge: activities.minAge,
        maxAge: activities.maxAge,
        languages: activities.languages,
        municipality: activities.municipality,
        lat: activities.lat,
        lon: activities.lon,
        threshold: activities.threshold,
        schedule: activities.schedule,
        interestKeys: activities.interestKeys,
        searchText: activities.searchText,
      })
      .from(activities)
      .innerJoin(organizations, eq(organizations.id, activities.organizationId))
      .where(inIdList(activities.id))
      .prepare(),
  );
  return byIds.all({ ids: idList(ids) });
}

export type PilotWithOrganization = typeof pilots.$inferSelect & { organizationName: string };

export function getPilotsByIds(ids: number[], db: Db = getDb()): PilotWithOrganization[] {
  if (ids.length === 0) return [];
  const byIds = preparedOnce(db, "pilotsByIds", () =>
    db
      .select({ pilot: pilots, organizationName: organizations.name })
      .from(pilots)
      .innerJoin(organizations, eq(organizations.id, pilots.organizationId))
      .where(inIdList(pilots.id))
      .prepare(),
  );
  return byIds
    .all({ ids: idList(ids) })
    .map((r) => ({ ...r.pilot, organizationName: r.organizationName }));
}

/** Best first; equal (shown) scores by ref, so every caller sees one order. */
const byScoreThenRef = (a: { score: number; ref: string }, b: { score: number; ref: string }) =>
  b.score - a.score || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

type Explained<T> = Omit<T, "cautions"> & {
  explain: () => (string | undefined)[];
  caution: () => string[];
};

/** Reasons and cautions are words to read: built only for what is shown. */
function explainTop<T extends Suggestion & { cautions: string[] }>(
  items: Explained<T>[],
  limit: number,
): T[] {
  return items
    .sort(byScoreThenRef)
    .slice(0, limit)
    .map(({ explain, caution, ...item }) => ({
      ...(item as unknown as T),
      reasons: explain().filter((r): r is string => Boolean(r)),
      cautions: caution(),
    }));
}

const labelsOf = (keys: string[], matcher: InterestMatcher, lang: Lang) =>
  keys.slice(0, 3).map((k) => matcher.label(k, lang));

function interestReasons(interest: InterestFit, matcher: InterestMatcher, lang: Lang) {
  return [
    interestReason(
      [...labelsOf(interest.exact, matcher, lang), ...interest.words.slice(0, 2)],
      lang,
    ),
    interest.exact.length === 0 && interest.words.length === 0
      ? relatedReason(labelsOf(interest.related, matcher, lang), lang)
      : undefined,
  ];
}

const roundKm = (km: number | undefined) => (km == null ? null : Math.round(km * 10) / 10);

/**
 * Activities that pass every hard rule: those fitting an interest as
 * `activities` (at most `limit`), and when fewer than `limit` fit, the best
 * of the rest as `others` to fill the list up to `limit`.
 */
export function rankActivities(
  p: MatchParticipant,
  rows: MatchActivityRow[],
  matcher: InterestMatcher,
  lang: Lang,
  limit = Infinity,
): RankedActivities {
  const fitting: Explained<ActivitySuggestion>[] = [];
  const others: Explained<ActivitySuggestion>[] = [];
  for (const a of rows) {
    const j = judgeActivity(p, activityFactsOf(a), matcher);
    if (!j.verdict.fits) continue;
    const reach = checkOf(j.verdict.checks, "reach")!;
    const explain = () => [
      ...interestReasons(j.interest, matcher, lang),
      placeReason(municipalityLabel(a.municipality, lang), reach.km ?? null, reach.online, lang),
      scheduleReason(j.verdict.schedule.fitting[0], lang),
      thresholdReason(a.threshold, p.needs, lang),
      p.languages.includes("fi")
        ? undefined
        : inLanguageReason(commonLanguages(p, a.languages)[0]!, lang),
    ];
    (j.fitsInterests ? fitting : others).push({
      ref: a.ref,
      score: j.score,
      reasons: [],
      explain,
      id: a.id,
      title: a.title,
      organizationId: a.organizationId,
      organizationName: a.organizationName,
      municipality: a.municipality,
      distanceKm: roundKm(reach.km),
      schedule: a.schedule,
      online: reach.online,
      caution: () => cautionsOf(activityFitNotes(j.verdict, lang)),
    });
  }
  const activities = explainTop(fitting, limit);
  return { activities, others: explainTop(others, Math.max(0, limit - activities.length)) };
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
  limit: number,
  db: Db,
): PilotSuggestion[] {
  const out: Explained<PilotSuggestion>[] = [];
  const top = suggestedActivities.slice(0, 3);
  const onlyTrained = onlyTrainedPilots(db);
  for (const pilot of rows) {
    const linked =
      top.find((a) => a.organizationId === pilot.organizationId) ??
      suggestedActivities.find((a) => a.organizationId === pilot.organizationId);
    const association = !linked ? 0 : top.includes(linked) ? 1 : 0.5;
    const j = judgePilot(p, pilotFactsOf(pilot, onlyTrained), matcher, association);
    if (!j.verdict.fits) continue;
    const reach = checkOf(j.verdict.checks, "reach")!;
    const free = checkOf(j.verdict.checks, "mentees")!.free;
    const explain = () => [
      ...interestReasons(j.interest, matcher, lang),
      speaksReason(commonLanguages(p, pilot.languages), lang),
      freePlacesReason(free, pilot.capacity, lang),
      linked ? sameAssociationReason(linked.title, lang) : undefined,
      sharedDaysReason(j.verdict.schedule.sharedDays, lang),
      placeReason(municipalityLabel(pilot.municipality, lang), reach.km ?? null, false, lang),
    ];
    out.push({
      ref: pilot.ref,
      score: j.score,
      reasons: [],
      explain,
      id: pilot.id,
      displayName: pilot.displayName,
      organizationName: pilot.organizationName,
      municipality: pilot.municipality,
      distanceKm: roundKm(reach.km),
      freePlaces: free,
      caution: () => cautionsOf(pilotFitNotes(j.verdict, [], lang)),
    });
  }
  return explainTop(out, limit);
}

export type RankedSuggestions = RankedActivities & { pilots: PilotSuggestion[] };

/** Stage two on stage one's candidates, each checked against SQLite's current rows. */
export function rankCandidates(
  p: MatchParticipant,
  candidates: Candidates,
  options: { limit: number; lang: Lang },
  matcher: InterestMatcher,
  db: Db,
): RankedSuggestions {
  const ranked = rankActivities(
    p,
    getActivitiesForMatching(candidates.activityIds, db),
    matcher,
    options.lang,
    options.limit,
  );
  const pilots = p.wantsPilot
    ? rankPilots(
        p,
        getPilotsByIds(candidates.pilotIds, db),
        ranked.activities,
        matcher,
        options.lang,
        options.limit,
        db,
      )
    : [];
  return { ...ranked, pilots };
}
