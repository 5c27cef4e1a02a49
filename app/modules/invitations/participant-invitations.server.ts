import crypto from "node:crypto";
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { invitations, participants, users } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { pathInLang } from "#app/infra/i18n/addresses.ts";
import type { Locale } from "#app/infra/i18n/i18n.ts";
import { serverTranslator } from "#app/infra/i18n/packs.server.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { sendMail } from "../mail/mail.server.ts";
import { hashToken } from "./invitations.server.ts";

type ParticipantRow = typeof participants.$inferSelect;

const INVITATION_DAYS = 14;

export type InviteParticipantResult =
  | { ok: true; link: string }
  | { ok: false; error: "has-account" | "email-taken" };

/**
 * An optional account for the participant: an invitation with role
 * participant, mailed (or stored in the development mailbox). Only the
 * SHA-256 of the token is stored.
 */
export async function inviteParticipant(
  user: ActingUser,
  participant: Pick<ParticipantRow, "id" | "ref" | "userId" | "organizationId">,
  email: string,
  baseUrl: string,
  locale: Locale = "fi",
  db: Db = getDb(),
): Promise<InviteParticipantResult> {
  if (participant.userId) return { ok: false, error: "has-account" };
  const taken = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (taken) return { ok: false, error: "email-taken" };
  const token = crypto.randomBytes(32).toString("base64url");
  const tokenHash = hashToken(token);
  writeTransaction((tx) => {
    const row = tx
      .insert(invitations)
      .values({
        tokenHash,
        email,
        role: "participant",
        organizationId: participant.organizationId,
        participantId: participant.id,
        invitedBy: user.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000),
      })
      .returning({ id: invitations.id })
      .get();
    recordAudit(tx, actorOf(user), {
      action: "invitation.create",
      entityType: "invitation",
      entityId: row.id,
      participantId: participant.id,
      changes: { role: { before: null, after: "participant" } },
    });
  }, db);
  // The link opens the invitation page in the mail's language (ADR 012).
  const link = new URL(pathInLang(`/invite/${token}`, locale), baseUrl).toString();
  const t = serverTranslator(locale);
  await sendMail(
    {
      to: email,
      subject: t("invite.mail.subject"),
      text: t("invite.mail.body", { link, days: INVITATION_DAYS }),
      participantId: participant.id,
    },
    db,
  );
  return { ok: true, link };
}

export function listOpenInvitations(participantId: number, db: Db = getDb()) {
  return db
    .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.participantId, participantId),
        isNull(invitations.usedAt),
        sql`${invitations.expiresAt} > ${Date.now()}`,
      ),
    )
    .all();
}

/**
 * The participant's own record, for their own account (not a professional
 * read: no audit). An account made from a participant invitation is linked
 * to its record on first use: the invitation names the participant.
 */
export function getOwnParticipant(user: { id: string; email: string }, db: Db = getDb()) {
  const linked = db
    .select()
    .from(participants)
    .where(and(eq(participants.userId, user.id), isNull(participants.erasedAt)))
    .get();
  if (linked) return linked;
  const invitation = db
    .select({ participantId: invitations.participantId })
    .from(invitations)
    .where(
      and(
        eq(invitations.email, user.email),
        eq(invitations.role, "participant"),
        isNotNull(invitations.usedAt),
        isNotNull(invitations.participantId),
      ),
    )
    .orderBy(desc(invitations.usedAt))
    .get();
  if (!invitation?.participantId) return undefined;
  const changed = db
    .update(participants)
    .set({ userId: user.id })
    .where(
      and(
        eq(participants.id, invitation.participantId),
        isNull(participants.userId),
        isNull(participants.erasedAt),
      ),
    )
    .run().changes;
  if (changed === 0) return undefined;
  recordAudit(
    db,
    { kind: "user", userId: user.id, role: "participant", organizationId: null },
    {
      action: "participant.linkAccount",
      entityType: "participant",
      participantId: invitation.participantId,
    },
  );
  return db.select().from(participants).where(eq(participants.id, invitation.participantId)).get();
}
