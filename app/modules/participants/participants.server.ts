import crypto from "node:crypto";
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import {
  auditLog,
  consents,
  invitations,
  participants,
  pathSteps,
  users,
  type Role,
} from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import type { FieldErrors } from "#app/infra/forms.ts";
import { pathInLang } from "#app/infra/i18n/addresses.ts";
import type { Locale } from "#app/infra/i18n/i18n.ts";
import { serverTranslator } from "#app/infra/i18n/packs.server.ts";
import { diffChanges, recordAudit, type Actor } from "../audit/audit.server.ts";
import { compactFlags } from "../common/common-schema.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { sendMail } from "../mail/mail.server.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import {
  ParticipantFormSchema,
  type ConsentPurpose,
  type ParticipantFields,
  type ParticipantForm,
  type PathStepImport,
} from "./participant-schema.ts";

export type ParticipantRow = typeof participants.$inferSelect;

/** The signed-in professional as this module needs it; a lucia session user fits as is. */
export type ProfessionalUser = {
  id: string;
  role: Role;
  organizationId: number | null;
  displayName?: string;
};

export function actorOf(user: ProfessionalUser): Actor {
  return { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId };
}

/** What changed in a participant's record; the audit log keeps only the field names. */
function participantChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
) {
  return diffChanges(before, after, ["interestKeys", "updatedAt"]);
}

/** The stored values of the contract's fields; interests and free text are normalized to vocabulary keys. */
export function participantValues(fields: ParticipantFields, matcher: InterestMatcher) {
  const municipality = findMunicipality(fields.municipality);
  if (!municipality) throw new Error(`unknown municipality ${fields.municipality}`);
  return {
    municipality: municipality.fi,
    gender: fields.gender ?? "unknown",
    birthYear: fields.birthYear ?? null,
    languages: fields.languages,
    interests: fields.interests,
    interestText: fields.interestText ?? null,
    interestKeys: interestKeysOf(fields, matcher),
    wantsPilot: fields.wantsPilot ?? false,
    needs: compactFlags(fields.needs),
    schedule: (fields.schedule ?? [])
      .slice()
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    maxDistanceKm: fields.maxDistanceKm ?? null,
  };
}

export function interestKeysOf(
  p: { interests: string[]; interestText?: string | null },
  matcher: InterestMatcher,
) {
  return matcher.normalize([...p.interests, p.interestText ?? ""]).keys;
}

/** A pseudonymous ref: nothing in it says who the person is. */
export function generateParticipantRef(db: Db = getDb()) {
  for (;;) {
    const ref = `p-${crypto.randomBytes(5).toString("hex")}`;
    if (
      !db.select({ id: participants.id }).from(participants).where(eq(participants.ref, ref)).get()
    )
      return ref;
  }
}

/** Zod plus the checks that need server data (municipality names). */
export function parseParticipantForm(
  input: unknown,
): { ok: true; data: ParticipantForm } | { ok: false; fieldErrors: FieldErrors } {
  const result = ParticipantFormSchema.safeParse(input);
  const fieldErrors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
      fieldErrors[key] ??= issue.message;
    }
  }
  const municipality = (input as { municipality?: unknown })?.municipality;
  if (typeof municipality === "string" && municipality.trim() && !findMunicipality(municipality))
    fieldErrors.municipality ??= "participants.error.municipality";
  if (!result.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, data: result.data };
}

function contractFields(form: ParticipantForm): ParticipantFields {
  const {
    nickname: _n,
    notes: _o,
    consentGiven: _c,
    ...fields
  } = form as ParticipantForm & { nickname?: unknown; notes?: unknown; consentGiven?: unknown };
  return fields;
}

// ---------- reads, always scoped and audited ----------

function findInOrganization(db: Db, ref: string, organizationId: number) {
  return db
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.ref, ref),
        eq(participants.organizationId, organizationId),
        isNull(participants.erasedAt),
      ),
    )
    .get();
}

/**
 * A participant's record for a worker of the participant's organization.
 * Anyone else gets undefined (the route answers 404, as if it did not exist).
 * Every successful read is audited with the screen or API as context.
 */
export function readParticipantForWorker(
  user: ProfessionalUser,
  ref: string,
  context: string,
  db: Db = getDb(),
): ParticipantRow | undefined {
  if (user.role !== "worker" || user.organizationId == null) return undefined;
  const row = findInOrganization(db, ref, user.organizationId);
  if (!row) return undefined;
  recordAudit(db, actorOf(user), {
    action: "participant.read",
    entityType: "participant",
    entityId: row.ref,
    participantId: row.id,
    organizationId: row.organizationId,
    context,
  });
  return row;
}

/** Only whether the ref is one of the worker's organization's participants: no record read, no audit. */
export function participantExistsForWorker(user: ProfessionalUser, ref: string, db: Db = getDb()) {
  if (user.role !== "worker" || user.organizationId == null) return undefined;
  return db
    .select({ id: participants.id, ref: participants.ref })
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

export type CaseloadEntry = {
  ref: string;
  nickname: string | null;
  municipality: string;
  lastContactAt: string | null;
  updatedAt: Date;
  responsibleWorkerName: string | null;
};

/** The worker's start page: own caseload first, then the organization's unassigned, then colleagues'. */
export function listCaseload(user: ProfessionalUser, db: Db = getDb()) {
  if (user.organizationId == null) return { mine: [], unassigned: [], others: [] };
  const rows = db
    .select({
      ref: participants.ref,
      nickname: participants.nickname,
      municipality: participants.municipality,
      lastContactAt: participants.lastContactAt,
      updatedAt: participants.updatedAt,
      responsibleWorkerId: participants.responsibleWorkerId,
      responsibleWorkerName: users.displayName,
    })
    .from(participants)
    .leftJoin(users, eq(users.id, participants.responsibleWorkerId))
    .where(and(eq(participants.organizationId, user.organizationId), isNull(participants.erasedAt)))
    .orderBy(desc(participants.updatedAt), asc(participants.ref))
    .all();
  const strip = ({ responsibleWorkerId: _w, ...r }: (typeof rows)[number]): CaseloadEntry => r;
  return {
    mine: rows.filter((r) => r.responsibleWorkerId === user.id).map(strip),
    unassigned: rows.filter((r) => r.responsibleWorkerId == null).map(strip),
    others: rows
      .filter((r) => r.responsibleWorkerId != null && r.responsibleWorkerId !== user.id)
      .map(strip),
  };
}

export type ParticipantViewer = {
  at: Date;
  name: string | null;
  role: string | null;
  context: string | null;
};

/** Who has looked at the record, newest first (from the append-only audit log). */
export function listParticipantViewers(
  participantId: number,
  limit = 50,
  db: Db = getDb(),
): ParticipantViewer[] {
  return db
    .select({
      at: auditLog.at,
      name: users.displayName,
      role: auditLog.actorRole,
      context: auditLog.context,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.participantId, participantId), eq(auditLog.action, "participant.read")))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}

export function listConsents(participantId: number, db: Db = getDb()) {
  return db
    .select({
      id: consents.id,
      purpose: consents.purpose,
      givenAt: consents.givenAt,
      withdrawnAt: consents.withdrawnAt,
      recordedByName: users.displayName,
    })
    .from(consents)
    .leftJoin(users, eq(users.id, consents.recordedBy))
    .where(eq(consents.participantId, participantId))
    .orderBy(desc(consents.givenAt), desc(consents.id))
    .all();
}

export function listPathSteps(participantId: number, db: Db = getDb()) {
  return db
    .select()
    .from(pathSteps)
    .where(eq(pathSteps.participantId, participantId))
    .orderBy(asc(pathSteps.date), asc(pathSteps.id))
    .all();
}

// ---------- writes ----------

export type SaveParticipantResult = { id: number; ref: string; created: boolean; changed: boolean };

/**
 * Creates or replaces a participant's contract fields by ref (the import's
 * upsert). App-only fields (nickname, notes, responsible worker) are left as
 * they are unless given. The caller has checked the organization.
 */
export function saveParticipant(
  db: Db,
  actor: Actor,
  input: {
    ref: string;
    organizationId: number;
    fields: ParticipantFields;
    extra?: { nickname?: string | null; notes?: string | null; responsibleWorkerId?: string };
  },
  matcher: InterestMatcher = getInterestMatcher(db),
): SaveParticipantResult {
  const values = {
    ...participantValues(input.fields, matcher),
    ...(input.extra?.nickname !== undefined ? { nickname: input.extra.nickname } : {}),
    ...(input.extra?.notes !== undefined ? { notes: input.extra.notes } : {}),
  };
  const before = db.select().from(participants).where(eq(participants.ref, input.ref)).get();
  if (!before) {
    const row = db
      .insert(participants)
      .values({
        ...values,
        ref: input.ref,
        organizationId: input.organizationId,
        responsibleWorkerId: input.extra?.responsibleWorkerId ?? null,
      })
      .returning({ id: participants.id })
      .get();
    recordAudit(db, actor, {
      action: "participant.create",
      entityType: "participant",
      entityId: input.ref,
      participantId: row.id,
      organizationId: input.organizationId,
      changes: participantChanges(undefined, values),
    });
    return { id: row.id, ref: input.ref, created: true, changed: true };
  }
  if (before.organizationId !== input.organizationId) {
    // Validation refuses this before any write; reaching here is a bug.
    throw new Error("a participant cannot move to another organization");
  }
  const changes = participantChanges(before as unknown as Record<string, unknown>, values);
  const keysChanged = JSON.stringify(before.interestKeys) !== JSON.stringify(values.interestKeys);
  if (Object.keys(changes).length === 0 && !keysChanged)
    return { id: before.id, ref: before.ref, created: false, changed: false };
  db.update(participants)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(participants.id, before.id))
    .run();
  if (Object.keys(changes).length > 0) {
    recordAudit(db, actor, {
      action: "participant.update",
      entityType: "participant",
      entityId: before.ref,
      participantId: before.id,
      organizationId: before.organizationId,
      changes,
    });
  }
  return {
    id: before.id,
    ref: before.ref,
    created: false,
    changed: Object.keys(changes).length > 0,
  };
}

/** Adds path steps that are not there yet (merge key: step, date, onwardPath, endReason); never deletes. */
export function mergePathSteps(
  db: Db,
  actor: Actor,
  participantId: number,
  steps: PathStepImport[],
  source: "import" | "manual" = "import",
) {
  let added = 0;
  for (const s of steps) {
    const result = db
      .insert(pathSteps)
      .values({
        participantId,
        step: s.step,
        date: s.date,
        onwardPath: s.onwardPath ?? "",
        endReason: s.endReason ?? "",
        source,
        createdBy: actor.kind === "user" ? actor.userId : null,
      })
      .onConflictDoNothing()
      .run();
    added += result.changes;
  }
  if (added > 0) {
    recordAudit(db, actor, {
      action: "participant.pathSteps",
      entityType: "participant",
      participantId,
      changes: { pathSteps: { before: null, after: `${added} added` } },
    });
  }
  return added;
}

function recordConsentRow(
  db: Db,
  user: ProfessionalUser,
  participantId: number,
  purpose: ConsentPurpose,
) {
  const row = db
    .insert(consents)
    .values({ participantId, purpose, givenAt: new Date(), recordedBy: user.id })
    .returning({ id: consents.id })
    .get();
  recordAudit(db, actorOf(user), {
    action: "consent.record",
    entityType: "consent",
    entityId: row.id,
    participantId,
    changes: { purpose: { before: null, after: purpose } },
  });
}

/** A worker records a new participant; they join the worker's own caseload. */
export function createParticipant(user: ProfessionalUser, form: ParticipantForm, db: Db = getDb()) {
  if (user.role !== "worker" || user.organizationId == null) throw new Error("workers only");
  const organizationId = user.organizationId;
  return writeTransaction((tx) => {
    const ref = generateParticipantRef(tx);
    const r = saveParticipant(tx, actorOf(user), {
      ref,
      organizationId,
      fields: contractFields(form),
      extra: { nickname: form.nickname, notes: form.notes, responsibleWorkerId: user.id },
    });
    if (form.consentGiven) recordConsentRow(tx, user, r.id, "registration");
    return { id: r.id, ref };
  }, db);
}

/** Edits by a worker of the participant's organization; undefined when not theirs. */
export function updateParticipant(
  user: ProfessionalUser,
  ref: string,
  form: ParticipantForm,
  db: Db = getDb(),
) {
  if (user.role !== "worker" || user.organizationId == null) return undefined;
  const organizationId = user.organizationId;
  return writeTransaction((tx) => {
    const existing = findInOrganization(tx, ref, organizationId);
    if (!existing) return undefined;
    return saveParticipant(tx, actorOf(user), {
      ref,
      organizationId,
      fields: contractFields(form),
      extra: { nickname: form.nickname, notes: form.notes },
    });
  }, db);
}

export function recordConsent(
  user: ProfessionalUser,
  participantId: number,
  purpose: ConsentPurpose,
  db: Db = getDb(),
) {
  writeTransaction((tx) => recordConsentRow(tx, user, participantId, purpose), db);
}

/** Withdrawal keeps the row (when it was given and withdrawn both matter). */
export function withdrawConsent(
  actor: Actor,
  participantId: number,
  consentId: number,
  db: Db = getDb(),
) {
  return writeTransaction((tx) => {
    const changed = tx
      .update(consents)
      .set({ withdrawnAt: new Date() })
      .where(
        and(
          eq(consents.id, consentId),
          eq(consents.participantId, participantId),
          isNull(consents.withdrawnAt),
        ),
      )
      .run().changes;
    if (changed > 0) {
      recordAudit(tx, actor, {
        action: "consent.withdraw",
        entityType: "consent",
        entityId: consentId,
        participantId,
      });
    }
    return changed > 0;
  }, db);
}

export function takeIntoCaseload(user: ProfessionalUser, participantId: number, db: Db = getDb()) {
  writeTransaction((tx) => {
    const before = tx.select().from(participants).where(eq(participants.id, participantId)).get();
    if (!before || before.organizationId !== user.organizationId) return;
    if (before.responsibleWorkerId === user.id) return;
    tx.update(participants)
      .set({ responsibleWorkerId: user.id, updatedAt: new Date() })
      .where(eq(participants.id, participantId))
      .run();
    recordAudit(tx, actorOf(user), {
      action: "participant.assign",
      entityType: "participant",
      entityId: before.ref,
      participantId,
      changes: { responsibleWorkerId: { before: before.responsibleWorkerId, after: user.id } },
    });
  }, db);
}

const INVITATION_DAYS = 14;

export type InviteResult =
  | { ok: true; link: string }
  | { ok: false; error: "has-account" | "email-taken" };

/**
 * An optional account for the participant: an invitation with role
 * participant, mailed (or stored in the development mailbox). Only the
 * SHA-256 of the token is stored.
 */
export async function inviteParticipant(
  user: ProfessionalUser,
  participant: Pick<ParticipantRow, "id" | "ref" | "userId" | "organizationId">,
  email: string,
  baseUrl: string,
  locale: Locale = "fi",
  db: Db = getDb(),
): Promise<InviteResult> {
  if (participant.userId) return { ok: false, error: "has-account" };
  const taken = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (taken) return { ok: false, error: "email-taken" };
  const token = crypto.randomBytes(32).toString("base64url");
  const tokenHash = crypto.createHash("sha256").update(token).digest("hex");
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

// ---------- the participant's own account ----------

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

/** For the shortlist's "by whom" and similar: never more than the display name. */
export function displayNameOf(userId: string | null, db: Db = getDb()) {
  if (!userId) return null;
  return (
    db.select({ n: users.displayName }).from(users).where(eq(users.id, userId)).get()?.n ?? null
  );
}

/** All participants of all organizations whose stored keys differ from a fresh normalization. */
export function renormalizeParticipants(db: Db, matcher: InterestMatcher) {
  let changed = 0;
  const rows = db
    .select({
      id: participants.id,
      interests: participants.interests,
      interestText: participants.interestText,
      interestKeys: participants.interestKeys,
    })
    .from(participants)
    .all();
  for (const r of rows) {
    const keys = interestKeysOf(r, matcher);
    if (JSON.stringify(keys) === JSON.stringify(r.interestKeys)) continue;
    db.update(participants).set({ interestKeys: keys }).where(eq(participants.id, r.id)).run();
    changed++;
  }
  return changed;
}
