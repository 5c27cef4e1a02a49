import { eq, sql } from "drizzle-orm";
import { participants, type activities, type pilots } from "#db/schema.ts";
import { getDb, preparedOnce, type Db } from "#app/infra/db.server.ts";
import { activityPoint } from "../catalog/catalog.server.ts";
import { THRESHOLD_FLAGS, todayInFinland } from "../common/common-schema.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { foldText, tokenize, type InterestMatcher } from "../interests/normalize.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import {
  ageIn,
  DEFAULT_MAX_DISTANCE_KM,
  type ActivityFacts,
  type PilotFacts,
  type Seeker,
} from "./match-rules.ts";

/**
 * The rulebook's facts, derived from SQLite's rows in one place: every
 * caller (suggestions, shortlist, referrals) turns a row into facts here, so
 * an age, a point or a reach is never computed two ways.
 */

type ParticipantRow = typeof participants.$inferSelect;
type ActivityRow = typeof activities.$inferSelect;
type PilotRow = typeof pilots.$inferSelect;

/** What the matcher needs of a participant besides the rules' facts. */
export type MatchParticipant = Seeker & {
  id: number;
  ref: string;
  organizationId: number;
  wantsPilot: boolean;
};

export function seekerOf(
  row: ParticipantRow,
  matcher: InterestMatcher,
  today = todayInFinland(),
): MatchParticipant {
  // Normalized again here so that suggestions follow the current vocabulary even
  // before the stored keys are rebuilt; stored keys count too (admins' merges).
  const normalized = matcher.normalize([...row.interests, row.interestText ?? ""]);
  const interestKeys = [...new Set([...normalized.keys, ...row.interestKeys])].filter((k) =>
    matcher.concepts.has(k),
  );
  const m = findMunicipality(row.municipality);
  return {
    id: row.id,
    ref: row.ref,
    organizationId: row.organizationId,
    wantsPilot: row.wantsPilot,
    municipality: m?.fi ?? row.municipality,
    centre: m ? { lat: m.lat, lon: m.lon } : undefined,
    age: ageIn(row.birthYear, today),
    languages: row.languages,
    needs: THRESHOLD_FLAGS.filter((f) => row.needs[f] === true),
    schedule: row.schedule,
    maxDistanceKm: row.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM,
    interestKeys,
    unknownWords: normalized.unknown.filter((w) => w.length >= 4).slice(0, 10),
    typedWords: [...new Set(row.interests.flatMap((i) => tokenize(i)))]
      .filter((w) => w.length >= 4)
      .slice(0, 10),
  };
}

export function loadParticipantForMatching(
  ref: string,
  db: Db = getDb(),
  matcher: InterestMatcher = getInterestMatcher(db),
): MatchParticipant | undefined {
  const byRef = preparedOnce(db, "participantByRef", () =>
    db
      .select()
      .from(participants)
      .where(eq(participants.ref, sql.placeholder("ref")))
      .prepare(),
  );
  const row = byRef.get({ ref });
  if (!row || row.erasedAt) return undefined;
  return seekerOf(row, matcher);
}

/** The columns of an activity the rulebook reads (matching loads only these, issue #15). */
export type ActivityFactsRow = Pick<
  ActivityRow,
  | "status"
  | "capacity"
  | "enrolled"
  | "minAge"
  | "maxAge"
  | "languages"
  | "municipality"
  | "lat"
  | "lon"
  | "threshold"
  | "schedule"
  | "interestKeys"
  | "searchText"
>;

export function activityFactsOf(a: ActivityFactsRow): ActivityFacts {
  return {
    status: a.status,
    capacity: a.capacity,
    enrolled: a.enrolled,
    minAge: a.minAge,
    maxAge: a.maxAge,
    languages: a.languages,
    municipality: a.municipality,
    point: activityPoint(a),
    threshold: a.threshold,
    schedule: a.schedule,
    interestKeys: a.interestKeys,
    searchText: a.searchText,
  };
}

/**
 * `onlyTrained`: the coordinator's switch (settings.server.ts,
 * onlyTrainedPilots), read once per request by the caller, not per pilot.
 */
export function pilotFactsOf(p: PilotRow, onlyTrained: boolean): PilotFacts {
  const home = findMunicipality(p.municipality);
  return {
    organizationId: p.organizationId,
    trainingStatus: p.trainingStatus,
    onlyTrained,
    acceptingMentees: p.acceptingMentees,
    activeMentees: p.activeMentees,
    capacity: p.capacity,
    languages: p.languages,
    municipality: p.municipality,
    point: home ? { lat: home.lat, lon: home.lon } : undefined,
    schedule: p.schedule,
    interestKeys: p.interestKeys,
    interestText: foldText(p.interests.join(" ")),
  };
}
