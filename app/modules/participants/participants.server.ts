import crypto from "node:crypto";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { auditLog, participants, users } from "#db/schema.ts";
import { getDb, preparedOnce, writeTransaction, type Db } from "#app/infra/db.server.ts";
import type { FieldErrors } from "#app/infra/forms.ts";
import { inRowOrder, splitScheduleIssues, type WeeklyRows } from "#app/infra/schedule-rows.ts";
import {
  actorOf,
  diffChanges,
  recordAudit,
  type ActingUser,
  type Actor,
} from "../audit/audit.server.ts";
import { compactFlags } from "../common/common-schema.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { lastContactSql } from "../follow-up/last-contact.server.ts";
import { recordConsentRow } from "../consents/consents.server.ts";
import { findMunicipality, placeOfPostalCode } from "../places/municipalities.server.ts";
import { PostalCodeSchema } from "../places/postal-code.ts";
import {
  ParticipantFormSchema,
  type ParticipantFields,
  type ParticipantForm,
} from "./participant-schema.ts";

export type ParticipantRow = typeof participants.$inferSelect;

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

/**
 * Zod plus the checks that need server data: municipality names, and the
 * postal code (optional), which when given decides the municipality
 * (placeOfPostalCode, ADR 025). The code itself is not stored.
 */
export function parseParticipantForm(
  input: unknown,
): { ok: true; data: ParticipantForm } | { ok: false; fieldErrors: FieldErrors } {
  const {
    postalCode,
    scheduleRows: _rows,
    scheduleCheck,
    ...fields
  } = (input ?? {}) as Record<string, unknown>;
  // The schedule editor's rows: what the rows alone show, and each window's row for the schema's errors.
  const rows = (scheduleCheck ?? { rowOf: [], fieldErrors: {} }) as Pick<
    WeeklyRows,
    "rowOf" | "fieldErrors"
  >;
  const fieldErrors: FieldErrors = { ...rows.fieldErrors };
  if (typeof postalCode === "string" && postalCode.trim()) {
    const code = PostalCodeSchema.safeParse(postalCode);
    const place = code.success ? placeOfPostalCode(code.data) : undefined;
    if (!code.success) fieldErrors.postalCode = "places.error.postalCodeFormat";
    else if (!place) fieldErrors.postalCode = "places.error.postalCodeUnknown";
    else fields.municipality = place.municipality;
  }
  const result = ParticipantFormSchema.safeParse(fields);
  if (!result.success) {
    const scheduleIssues = splitScheduleIssues(result.error.issues, rows.rowOf);
    Object.assign(fieldErrors, scheduleIssues.fieldErrors);
    for (const issue of scheduleIssues.others) {
      const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
      // A code that was wrong explains the missing municipality by itself.
      if (key === "municipality" && fieldErrors.postalCode) continue;
      fieldErrors[key] ??= issue.message;
    }
  }
  const municipality = fields.municipality;
  if (typeof municipality === "string" && municipality.trim() && !findMunicipality(municipality))
    fieldErrors.municipality ??= "participants.error.municipality";
  if (!result.success || Object.keys(fieldErrors).length > 0)
    return { ok: false, fieldErrors: inRowOrder(fieldErrors) };
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

/** A participant of the organization, not erased. Prepared once: every participant screen asks. */
const inOrganization = and(
  eq(participants.ref, sql.placeholder("ref")),
  eq(participants.organizationId, sql.placeholder("organizationId")),
  isNull(participants.erasedAt),
);

function findInOrganization(
  db: Db,
  ref: string,
  organizationId: number,
): ParticipantRow | undefined {
  const find = preparedOnce(db, "participantInOrganization", () =>
    db.select().from(participants).where(inOrganization).prepare(),
  );
  return find.get({ ref, organizationId });
}

/**
 * The record for a worker of its organization, not audited: for the parts of
 * a screen whose read the screen's own loader already audited, and for
 * writes. Anyone else, another organization's record and an erased one are
 * undefined alike (the route answers 404, so refs cannot be probed).
 */
export function findParticipantForWorker(
  user: ActingUser,
  ref: string,
  db: Db = getDb(),
): ParticipantRow | undefined {
  if (user.role !== "worker" || user.organizationId == null) return undefined;
  return findInOrganization(db, ref, user.organizationId);
}

/**
 * A participant's record for a worker of the participant's organization.
 * Anyone else gets undefined (the route answers 404, as if it did not exist).
 * Every successful read is audited with the screen or API as context.
 */
export function readParticipantForWorker(
  user: ActingUser,
  ref: string,
  context: string,
  db: Db = getDb(),
): ParticipantRow | undefined {
  const row = findParticipantForWorker(user, ref, db);
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
export function participantExistsForWorker(user: ActingUser, ref: string, db: Db = getDb()) {
  if (user.role !== "worker" || user.organizationId == null) return undefined;
  const exists = preparedOnce(db, "participantExistsInOrganization", () =>
    db
      .select({ id: participants.id, ref: participants.ref })
      .from(participants)
      .where(inOrganization)
      .prepare(),
  );
  return exists.get({ ref, organizationId: user.organizationId });
}

export type CaseloadEntry = {
  ref: string;
  nickname: string | null;
  municipality: string;
  /** Last contact by the one definition (follow-up/last-contact.server.ts). */
  lastContact: string | null;
  updatedAt: Date;
  responsibleWorkerName: string | null;
};

/** The worker's start page: own caseload first, then the organization's unassigned, then colleagues'. */
export function listCaseload(user: ActingUser, db: Db = getDb()) {
  if (user.organizationId == null) return { mine: [], unassigned: [], others: [] };
  const rows = db
    .select({
      ref: participants.ref,
      nickname: participants.nickname,
      municipality: participants.municipality,
      lastContact: sql<string | null>`${sql.raw(lastContactSql("participants"))}`,
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

/** A worker records a new participant; they join the worker's own caseload. */
export function createParticipant(user: ActingUser, form: ParticipantForm, db: Db = getDb()) {
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
  user: ActingUser,
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

export function takeIntoCaseload(user: ActingUser, participantId: number, db: Db = getDb()) {
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
