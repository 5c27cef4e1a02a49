import { and, eq, isNull } from "drizzle-orm";
import { participants } from "#db/schema.ts";
import type { SessionUser } from "#app/infra/auth.server.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { actorOf, recordAudit } from "../audit/audit.server.ts";

export type ParticipantRow = typeof participants.$inferSelect;

/**
 * A participant of the user's own organization, or undefined: another
 * organization's record answers exactly like a missing one (404), so refs
 * cannot be probed.
 */
export function findOwnParticipant(
  user: SessionUser,
  ref: string,
  db: Db = getDb(),
): ParticipantRow | undefined {
  if (user.organizationId == null) return undefined;
  return db
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.ref, ref),
        eq(participants.organizationId, user.organizationId),
        isNull(participants.erasedAt),
      ),
    )
    .get();
}

/** Loads a participant for a professional screen and records the read in the audit log; undefined when not the user's. */
export function readOwnParticipant(
  user: SessionUser,
  ref: string,
  context: string,
  db: Db = getDb(),
): ParticipantRow | undefined {
  const participant = findOwnParticipant(user, ref, db);
  if (!participant) return undefined;
  recordAudit(db, actorOf(user), {
    action: "participant.read",
    entityType: "participant",
    entityId: participant.ref,
    participantId: participant.id,
    organizationId: participant.organizationId,
    context,
  });
  return participant;
}
