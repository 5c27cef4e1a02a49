import { and, asc, eq, sql } from "drizzle-orm";
import { activities, organizations, pilots, shortlistItems, users } from "#db/schema.ts";
import { getOptionalUser } from "#app/infra/auth.server.ts";
import { isSecureRequest } from "#app/infra/http.server.ts";
import { getDb, preparedOnce, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { baseLangOf, type Locale } from "#app/infra/i18n/i18n.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { activityFitNotes, pilotFitNotes, type FitNote } from "../matching/fit-notes.ts";
import { activityFactsOf, pilotFactsOf, seekerOf } from "../matching/match-facts.server.ts";
import { onlyTrainedPilots } from "../settings/settings.server.ts";
import { judgeActivity, judgePilot } from "../matching/match-rules.ts";
import { getOwnParticipant } from "../invitations/participant-invitations.server.ts";
import { participantExistsForWorker, type ParticipantRow } from "./participants.server.ts";

/**
 * The shared shortlist of one participant: activities and pilots the worker
 * and the participant are considering together, each with plain words on
 * what fits the participant and what does not.
 */

export type { FitNote };

export type ShortlistEntry = {
  id: number;
  type: "activity" | "pilot";
  targetId: number;
  ref: string;
  title: string;
  organizationName: string;
  addedByName: string | null;
  /** No hard rule broken (match-rules.ts): exactly what the matcher would suggest. */
  fits: boolean;
  notes: FitNote[];
};

/**
 * The list with each item judged by the rulebook on its current row: the
 * same verdict the suggestions use, so what the matcher leaves out is
 * marked "does not fit" here, and the reverse (tests/integration/rulebook.test.ts).
 */
export function listShortlist(
  participant: ParticipantRow,
  lang: Locale,
  db: Db = getDb(),
): ShortlistEntry[] {
  const matcher = getInterestMatcher(db);
  const seeker = seekerOf(participant, matcher);
  const rows = db
    .select({
      item: shortlistItems,
      activity: activities,
      pilot: pilots,
      organizationName: organizations.name,
      addedByName: users.displayName,
    })
    .from(shortlistItems)
    .leftJoin(activities, eq(activities.id, shortlistItems.activityId))
    .leftJoin(pilots, eq(pilots.id, shortlistItems.pilotId))
    .leftJoin(organizations, eq(organizations.id, activities.organizationId))
    .leftJoin(users, eq(users.id, shortlistItems.addedBy))
    .where(eq(shortlistItems.participantId, participant.id))
    .orderBy(asc(shortlistItems.createdAt), asc(shortlistItems.id))
    .all();
  const pilotOrgNames = new Map(
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .all()
      .map((o) => [o.id, o.name]),
  );
  const onlyTrained = onlyTrainedPilots(db);
  return rows.flatMap((r): ShortlistEntry[] => {
    const common = { id: r.item.id, addedByName: r.addedByName };
    if (r.activity) {
      const { verdict } = judgeActivity(seeker, activityFactsOf(r.activity), matcher);
      return [
        {
          ...common,
          type: "activity",
          targetId: r.activity.id,
          ref: r.activity.ref,
          title: r.activity.title,
          organizationName: r.organizationName ?? "",
          fits: verdict.fits,
          notes: activityFitNotes(verdict, lang),
        },
      ];
    }
    if (r.pilot) {
      const { verdict, interest } = judgePilot(seeker, pilotFactsOf(r.pilot, onlyTrained), matcher);
      const shared = interest.exact.map((k) => matcher.label(k, baseLangOf(lang)));
      return [
        {
          ...common,
          type: "pilot",
          targetId: r.pilot.id,
          ref: r.pilot.ref,
          title: r.pilot.displayName,
          organizationName: pilotOrgNames.get(r.pilot.organizationId) ?? "",
          fits: verdict.fits,
          notes: pilotFitNotes(verdict, shared, lang),
        },
      ];
    }
    return [];
  });
}

/** What is on the list, as "activity:<ref>" / "pilot:<ref>" (the suggestion cards say "on the list"). */
export function listShortlistKeys(participantId: number, db: Db = getDb()): string[] {
  const keys = preparedOnce(db, "shortlistKeys", () =>
    db
      .select({ activityRef: activities.ref, pilotRef: pilots.ref })
      .from(shortlistItems)
      .leftJoin(activities, eq(activities.id, shortlistItems.activityId))
      .leftJoin(pilots, eq(pilots.id, shortlistItems.pilotId))
      .where(eq(shortlistItems.participantId, sql.placeholder("participantId")))
      .prepare(),
  );
  return keys
    .all({ participantId })
    .map((r) => (r.activityRef ? `activity:${r.activityRef}` : `pilot:${r.pilotRef}`));
}

export type ShortlistTarget = { activityRef: string } | { pilotRef: string };

/**
 * Adds an activity (open or paused, never closed) or a pilot to the list;
 * adding twice is a no-op. The caller has checked that the participant is
 * the actor's to handle.
 */
export function addToShortlist(
  actor: Actor,
  participantId: number,
  target: ShortlistTarget,
  db: Db = getDb(),
): { ok: true; added: boolean } | { ok: false; error: "target-not-found" } {
  return writeTransaction((tx) => {
    let values: { activityId?: number; pilotId?: number };
    if ("activityRef" in target) {
      const a = tx
        .select({ id: activities.id, status: activities.status })
        .from(activities)
        .where(eq(activities.ref, target.activityRef))
        .get();
      if (!a || a.status === "closed")
        return { ok: false as const, error: "target-not-found" as const };
      values = { activityId: a.id };
    } else {
      const p = tx
        .select({ id: pilots.id })
        .from(pilots)
        .where(eq(pilots.ref, target.pilotRef))
        .get();
      if (!p) return { ok: false as const, error: "target-not-found" as const };
      values = { pilotId: p.id };
    }
    const inserted = tx
      .insert(shortlistItems)
      .values({
        participantId,
        ...values,
        addedBy: actor.kind === "user" ? actor.userId : null,
      })
      .onConflictDoNothing()
      .returning({ id: shortlistItems.id })
      .get();
    if (inserted) {
      recordAudit(tx, actor, {
        action: "shortlist.add",
        entityType: "shortlist_item",
        entityId: inserted.id,
        participantId,
        changes: {
          target: {
            before: null,
            after:
              "activityRef" in target
                ? `activity:${target.activityRef}`
                : `pilot:${target.pilotRef}`,
          },
        },
      });
    }
    return { ok: true as const, added: Boolean(inserted) };
  }, db);
}

export function removeFromShortlist(
  actor: Actor,
  participantId: number,
  itemId: number,
  db: Db = getDb(),
) {
  return writeTransaction((tx) => {
    const removed = tx
      .delete(shortlistItems)
      .where(and(eq(shortlistItems.id, itemId), eq(shortlistItems.participantId, participantId)))
      .run().changes;
    if (removed > 0) {
      recordAudit(tx, actor, {
        action: "shortlist.remove",
        entityType: "shortlist_item",
        entityId: itemId,
        participantId,
      });
    }
    return removed > 0;
  }, db);
}

// ---------- browsing the catalog together ----------

export const BROWSING_COOKIE = "luotsi_browsing";

/** The ref of the participant a worker is browsing with (a ref, never personal data). */
export function readBrowsingRef(request: Request): string | undefined {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === BROWSING_COOKIE) {
      const ref = decodeURIComponent(v.join("="));
      return /^[\w.-]{1,100}$/.test(ref) ? ref : undefined;
    }
  }
  return undefined;
}

/**
 * The browsing cookie (a ref, but a participant's): Secure whenever the
 * request is https, like the session's, and cleared at sign-in and sign-out
 * so that it never outlives the worker's session on a shared computer.
 */
export function browsingCookie(request: Request, ref: string | null) {
  const parts = [
    `${BROWSING_COOKIE}=${ref ? encodeURIComponent(ref) : ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${ref ? 28800 : 0}`,
  ];
  if (isSecureRequest(request)) parts.push("Secure");
  return parts.join("; ");
}

/**
 * Whose list the catalog's "add" button fills: a signed-in worker's open
 * participant (only a ref of the worker's own organization counts; no record
 * read), or a signed-in participant's own list, so the two can browse side
 * by side on the participant's own phone too.
 */
export async function getBrowsingParticipant(
  request: Request,
): Promise<{ ref: string; self: boolean } | null> {
  const user = await getOptionalUser(request);
  if (!user) return null;
  if (user.role === "participant") {
    const own = getOwnParticipant(user);
    return own ? { ref: own.ref, self: true } : null;
  }
  const ref = readBrowsingRef(request);
  if (!ref || user.role !== "worker") return null;
  const found = participantExistsForWorker(user, ref);
  return found ? { ref: found.ref, self: false } : null;
}
