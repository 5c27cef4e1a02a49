import crypto from "node:crypto";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { invitations, organizations, pilots, users } from "#db/schema.ts";
import type { Role } from "../auth/auth-schema.ts";
import { hashPassword } from "#app/infra/auth.server.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { validateNewPassword } from "../auth/password-policy.server.ts";
import { sendMail } from "../mail/mail.server.ts";
import type { InviteForm } from "./invitation-schema.ts";

/**
 * One-time invitation links. Only the SHA-256 of the token is stored, so a
 * leaked database does not leak usable links; a link works once and expires.
 */
export const INVITATION_TTL_DAYS = 7;

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export type InviteResult =
  | { ok: true; invitationId: number; link: string }
  | { ok: false; fieldErrors: Record<string, string> };

/** Creates the invitation and mails the link; the link itself is returned only for the caller's tests and logs nothing. */
export async function inviteUser(
  admin: ActingUser,
  input: InviteForm,
  origin: string,
  options: { db?: Db; now?: Date; participantId?: number } = {},
): Promise<InviteResult> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const org = db
    .select()
    .from(organizations)
    .where(eq(organizations.ref, input.organizationRef))
    .get();
  if (!org) return { ok: false, fieldErrors: { organizationRef: "admin.error.organization" } };
  const existing = db.select().from(users).where(eq(users.email, input.email)).get();
  if (existing) return { ok: false, fieldErrors: { email: "admin.error.emailTaken" } };
  let pilotId: number | null = null;
  if (input.pilotRef) {
    const pilot = db.select().from(pilots).where(eq(pilots.ref, input.pilotRef)).get();
    if (!pilot || pilot.organizationId !== org.id || pilot.userId != null) {
      return { ok: false, fieldErrors: { pilotRef: "admin.error.pilotRef" } };
    }
    pilotId = pilot.id;
  }
  const { invitationId, token } = writeTransaction(
    (tx) =>
      insertInvitation(tx, admin, {
        email: input.email,
        role: input.role,
        organizationId: org.id,
        pilotId,
        participantId: options.participantId ?? null,
        now,
      }),
    db,
  );
  const link = await mailInvitation(
    { email: input.email, organizationName: org.name, token, participantId: options.participantId },
    origin,
    db,
  );
  return { ok: true, invitationId, link };
}

/**
 * The invitation row and its audit, inside the caller's transaction: an
 * invitation that belongs to a larger write (an association's approval
 * creates the organization too) commits or rolls back with it. The caller
 * has checked that the address has no account; the mail goes after commit
 * (mailInvitation).
 */
export function insertInvitation(
  tx: Db,
  admin: ActingUser,
  input: {
    email: string;
    role: Role;
    organizationId: number;
    pilotId?: number | null;
    participantId?: number | null;
    now?: Date;
    /** A fixed label of where it came from (e.g. an association's application). */
    context?: string;
  },
) {
  const now = input.now ?? new Date();
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600_000);
  const row = tx
    .insert(invitations)
    .values({
      tokenHash: hashToken(token),
      email: input.email,
      role: input.role,
      organizationId: input.organizationId,
      pilotId: input.pilotId ?? null,
      // A participant proposed as a pilot: the invitation and its mail are theirs (erased with them).
      participantId: input.participantId ?? null,
      invitedBy: admin.id,
      expiresAt,
      createdAt: now,
    })
    .returning({ id: invitations.id })
    .get();
  recordAudit(tx, actorOf(admin), {
    action: "invitation.create",
    entityType: "invitation",
    entityId: row.id,
    organizationId: input.organizationId,
    context: input.context,
    changes: {
      email: { before: null, after: input.email },
      role: { before: null, after: input.role },
    },
  });
  return { invitationId: row.id, token };
}

/** The invitation mail (Finnish, Swedish and English in one), after the invitation committed. */
export async function mailInvitation(
  input: { email: string; organizationName: string; token: string; participantId?: number },
  origin: string,
  db: Db = getDb(),
) {
  const link = `${origin}/invite/${input.token}`;
  const params = { organization: input.organizationName, link, days: INVITATION_TTL_DAYS };
  const [fi, sv, en] = (["fi", "sv", "en"] as const).map((l) => translator(l));
  await sendMail(
    {
      to: input.email,
      subject: `${fi!("admin.invite.mailSubject", params)} / ${sv!("admin.invite.mailSubject", params)}`,
      text: [fi!, sv!, en!].map((t) => t("admin.invite.mailBody", params)).join("\n\n---\n\n"),
      participantId: input.participantId ?? null,
    },
    db,
  );
  return link;
}

export type InvitationState =
  | { ok: true; email: string; role: Role; organizationName: string | null }
  | { ok: false; reason: "invalid" | "expired" | "used" };

function findByToken(db: Db, token: string) {
  return db
    .select({ invitation: invitations, organizationName: organizations.name })
    .from(invitations)
    .leftJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .get();
}

export function checkInvitation(
  token: string,
  db: Db = getDb(),
  now = new Date(),
): InvitationState {
  const found = findByToken(db, token);
  if (!found) return { ok: false, reason: "invalid" };
  const { invitation } = found;
  if (invitation.usedAt) return { ok: false, reason: "used" };
  if (invitation.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return {
    ok: true,
    email: invitation.email,
    role: invitation.role,
    organizationName: found.organizationName,
  };
}

export type AcceptInvitationResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "expired" | "used" | "email-taken" }
  | { ok: false; fieldErrors: Record<string, string> };

/**
 * Sets the password and creates the account. The invitation is claimed with
 * a conditional UPDATE (used_at is null and not expired) inside the same
 * transaction as the new user, so a link works exactly once.
 */
export async function acceptInvitation(
  token: string,
  input: { password: string; displayName: string },
  options: { db?: Db; now?: Date } = {},
): Promise<AcceptInvitationResult> {
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const state = checkInvitation(token, db, now);
  if (!state.ok) return state;
  const policy = validateNewPassword(input.password, { email: state.email });
  if (!policy.ok) return { ok: false, fieldErrors: { password: policy.error } };
  const passwordHash = await hashPassword(input.password);
  const userId = crypto.randomUUID();
  return writeTransaction((tx): AcceptInvitationResult => {
    const claimed = tx
      .update(invitations)
      .set({ usedAt: now })
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.usedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning()
      .get();
    if (!claimed) return { ok: false, reason: "used" };
    if (tx.select().from(users).where(eq(users.email, claimed.email)).get()) {
      // Roll back the claim too: the link stays usable once the clash is sorted out.
      tx.update(invitations).set({ usedAt: null }).where(eq(invitations.id, claimed.id)).run();
      return { ok: false, reason: "email-taken" };
    }
    tx.insert(users)
      .values({
        id: userId,
        email: claimed.email,
        passwordHash,
        role: claimed.role,
        organizationId: claimed.organizationId,
        displayName: input.displayName,
        passwordChangedAt: now,
      })
      .run();
    if (claimed.pilotId) {
      tx.update(pilots).set({ userId }).where(eq(pilots.id, claimed.pilotId)).run();
      enqueueIndexChange(tx, "pilot", claimed.pilotId);
    }
    recordAudit(
      tx,
      { kind: "user", userId, role: claimed.role, organizationId: claimed.organizationId },
      {
        action: "user.create",
        entityType: "user",
        entityId: userId,
        organizationId: claimed.organizationId,
        context: `invitation:${claimed.id}`,
        changes: {
          email: { before: null, after: claimed.email },
          role: { before: null, after: claimed.role },
          displayName: { before: null, after: input.displayName },
        },
      },
    );
    return { ok: true, userId };
  }, db);
}

/**
 * The coordinator's list of invitations. Those that come from a participant
 * (an account for them, or a proposal to become a pilot) carry the
 * participant's address: they are their worker's business and not listed.
 */
export function listInvitations(db: Db = getDb(), limit = 50) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      organizationName: organizations.name,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .leftJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(isNull(invitations.participantId), ne(invitations.role, "participant")))
    .orderBy(desc(invitations.id))
    .limit(limit)
    .all();
}
