import { eq } from "drizzle-orm";
import { participants } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import type { Lang } from "#app/infra/i18n/i18n.ts";
import { isMeiliUnreachable } from "#app/infra/meili.server.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { loadParticipantForMatching } from "./match-facts.server.ts";
import {
  rankCandidates,
  type ActivitySuggestion,
  type PilotSuggestion,
} from "./matching-rank.server.ts";
import { retrieveWithMeili, type Candidates, type Retrieve } from "./matching-retrieval.server.ts";
import { DEFAULT_LIMIT, MAX_LIMIT, type Suggestion, type Suggestions } from "./matching-schema.ts";
import { retrieveWithLike } from "./matching-sqlite.server.ts";

/**
 * Suggestions for one participant, the entry points: the worker's screen,
 * the match command and the suggestions API all come here, so they show
 * one ranking. Stage one retrieves candidates (matching-retrieval.server.ts,
 * or SQLite when Meilisearch is down), stage two judges and ranks them with
 * the rulebook (matching-rank.server.ts, match-rules.ts).
 */

export type DetailedSuggestions = {
  participant: string;
  activities: ActivitySuggestion[];
  /** Open activities within reach that fit no interest: shown apart, never counted as suggestions. */
  others: ActivitySuggestion[];
  pilots: PilotSuggestion[];
  /** "database" when Meilisearch could not be reached and `fallback` was asked for. */
  source: "search" | "database";
};

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
  const rank = (candidates: Candidates): DetailedSuggestions => ({
    participant: p.ref,
    ...rankCandidates(p, candidates, { limit, lang: options.lang ?? "fi" }, matcher, db),
    source: "search",
  });
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
    others: s.others.map(strip),
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

/**
 * A professional's request: only a worker of the participant's own
 * organization gets an answer (anyone else: not found, as if it did not
 * exist); the read is audited with the screen or API as context.
 */
export async function suggestForViewer(
  viewer: ActingUser,
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
  recordAudit(db, actorOf(viewer), {
    action: "participant.read",
    entityType: "participant",
    entityId: participantRef,
    participantId: row.id,
    organizationId: row.organizationId,
    context: options.context,
  });
  return suggestForParticipant(participantRef, { limit: options.limit, lang: options.lang }, db);
}
