import { eq } from "drizzle-orm";
import { organizations, pilots } from "#db/schema.ts";
import { getDb, idList, inIdList, preparedOnce, type Db } from "#app/infra/db.server.ts";
import { indexFingerprint } from "#app/infra/meili.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import { reachDistances } from "../places/reach-distances.server.ts";
import { isPilotAvailable } from "./pilot-rules.ts";
import { formsOfKeys, SEARCH_DISPLAYED_ATTRIBUTES } from "../catalog/activity-search.server.ts";

export const PILOTS_INDEX = "pilots";

/**
 * Raise when toPilotDocument changes what a document holds: the index is
 * then rebuilt from SQLite in the background (settings changes are noticed
 * without it, through the fingerprint).
 */
// 3: `trained` (issue #17).
export const PILOT_DOCUMENT_VERSION = 3;

let pilotFingerprint: string | undefined;
/** Hashed once, as activityIndexFingerprint. */
export function pilotIndexFingerprint() {
  return (pilotFingerprint ??= indexFingerprint(PILOT_DOCUMENT_VERSION, pilotSettings({})));
}

export type PilotRow = typeof pilots.$inferSelect;

/**
 * The public part of a pilot profile only: no account, contact details,
 * training record or anything about mentees.
 */
export type PilotDocument = {
  id: number;
  ref: string;
  displayName: string;
  organizationId: number;
  organization: string;
  municipality: string;
  languages: string[];
  interests: string[];
  concepts: readonly string[];
  interestKeys: string[];
  bio: string;
  capacity: number;
  activeMentees: number;
  acceptingMentees: boolean;
  /** Accepting and with a free place: the only pilots the matcher may suggest. */
  suggestable: boolean;
  /** Training status "trained": the only pilots suggested while the coordinator's switch is on. */
  trained: boolean;
  weekdays: number[];
  _geo?: { lat: number; lng: number };
  /** Distances from the municipality centres near its own (places/reach-distances.server.ts). */
  reach: Record<string, number>;
};

export function toPilotDocument(
  p: PilotRow,
  organizationName: string,
  matcher: InterestMatcher,
): PilotDocument {
  const m = findMunicipality(p.municipality);
  return {
    id: p.id,
    ref: p.ref,
    displayName: p.displayName,
    organizationId: p.organizationId,
    organization: organizationName,
    municipality: p.municipality,
    languages: p.languages,
    interests: p.interests,
    concepts: formsOfKeys(p.interestKeys, matcher),
    interestKeys: p.interestKeys,
    bio: p.bio ?? "",
    capacity: p.capacity,
    activeMentees: p.activeMentees,
    acceptingMentees: p.acceptingMentees,
    suggestable: isPilotAvailable(p),
    trained: p.trainingStatus === "trained",
    weekdays: [...new Set(p.schedule.map((s) => s.weekday))],
    ...(m ? { _geo: { lat: m.lat, lng: m.lon } } : {}),
    reach: reachDistances(m ? { lat: m.lat, lon: m.lon } : undefined),
  };
}

export function pilotSettings(synonyms: Record<string, string[]>) {
  return {
    searchableAttributes: ["interests", "concepts", "bio", "displayName", "organization"],
    filterableAttributes: [
      "municipality",
      "languages",
      "suggestable",
      "trained",
      "acceptingMentees",
      "organizationId",
      "interestKeys",
      "weekdays",
      "_geo",
      "reach",
    ],
    sortableAttributes: ["_geo", "displayName"],
    // Searches read only ids (see activitySettings).
    displayedAttributes: SEARCH_DISPLAYED_ATTRIBUTES,
    synonyms,
    pagination: { maxTotalHits: 5000 },
  };
}

export function loadPilotDocuments(ids: number[], db: Db = getDb()) {
  if (ids.length === 0) return [];
  const matcher = getInterestMatcher(db);
  // Prepared once with the ids as one parameter: a list of 10,000 bound
  // parameters made SQLite compile a new statement for every batch.
  const byIds = preparedOnce(db, "pilotDocumentRows", () =>
    db
      .select({ pilot: pilots, organization: organizations.name })
      .from(pilots)
      .innerJoin(organizations, eq(organizations.id, pilots.organizationId))
      .where(inIdList(pilots.id))
      .prepare(),
  );
  return byIds
    .all({ ids: idList(ids) })
    .map((r) => toPilotDocument(r.pilot, r.organization, matcher));
}
