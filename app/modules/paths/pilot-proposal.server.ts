import type { SessionUser } from "#app/infra/auth.server.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { inviteUser } from "../invitations/invitations.server.ts";
import { actorOf, type ParticipantRow } from "./participant-access.server.ts";

/**
 * "Participant to volunteer": the worker proposes a participant who has come
 * far enough as a pilot. The proposal is a pilot invitation for the chosen
 * organization (the invitations module mails the one-time link); the
 * invitation remembers which participant it came from.
 */
export async function proposeAsPilot(
  user: SessionUser,
  participant: ParticipantRow,
  input: { email: string; organizationRef: string },
  origin: string,
  db: Db = getDb(),
): Promise<{ ok: true } | { ok: false; fieldErrors: Record<string, string> }> {
  const result = await inviteUser(
    user,
    { email: input.email, role: "pilot", organizationRef: input.organizationRef },
    origin,
    { db, participantId: participant.id },
  );
  if (!result.ok) return result;
  recordAudit(db, actorOf(user), {
    action: "participant.propose_pilot",
    entityType: "participant",
    entityId: participant.ref,
    participantId: participant.id,
    organizationId: participant.organizationId,
    changes: { pilotInvitation: { before: null, after: input.organizationRef } },
  });
  return { ok: true };
}
