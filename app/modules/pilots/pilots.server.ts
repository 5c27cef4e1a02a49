import crypto from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { pilots } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import {
  actorOf,
  diffChanges,
  recordAudit,
  type ActingUser,
  type Actor,
} from "../audit/audit.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { findMunicipality } from "../places/municipalities.server.ts";
import type { PilotFields } from "./pilot-schema.ts";
import { addTrainingAttendance, DEFAULT_TRAINING_TOPIC } from "./pilot-trainings.server.ts";
import { todayInFinland } from "../common/common-schema.ts";

export function pilotValues(fields: PilotFields, matcher: InterestMatcher) {
  const municipality = findMunicipality(fields.municipality);
  if (!municipality) throw new Error(`unknown municipality ${fields.municipality}`);
  const interests = fields.interests ?? [];
  return {
    displayName: fields.displayName,
    municipality: municipality.fi,
    languages: fields.languages,
    interests,
    interestKeys: matcher.normalize([...interests, fields.bio ?? ""]).keys,
    bio: fields.bio ?? null,
    capacity: fields.capacity,
    activeMentees: fields.activeMentees ?? 0,
    acceptingMentees: fields.acceptingMentees,
    schedule: (fields.schedule ?? [])
      .slice()
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    // Imported without a status: trained (docs/import-format.md), so existing files keep their pilots suggested.
    trainingStatus: fields.trainingStatus ?? "trained",
  };
}

/**
 * A training course and date given with the profile (the form's "add a
 * training", or an import's trainingCourse/trainingDate) become a training
 * record of the pilot's organization. True when it was new for the pilot.
 */
function recordTrainingOf(
  db: Db,
  actor: Actor,
  pilotId: number,
  organizationId: number,
  fields: PilotFields,
) {
  if (!fields.trainingCourse && !fields.trainingDate) return false;
  return addTrainingAttendance(db, actor, {
    organizationId,
    topic: fields.trainingCourse || DEFAULT_TRAINING_TOPIC,
    date: fields.trainingDate ?? todayInFinland(),
    pilotIds: [pilotId],
  });
}

export function getPilotByRef(ref: string, db: Db = getDb()) {
  return db.select().from(pilots).where(eq(pilots.ref, ref)).get();
}

/** Creates or replaces a pilot profile, with its audit and outbox rows in the same transaction. */
export function savePilot(
  db: Db,
  actor: Actor,
  input: { ref: string; organizationId: number; fields: PilotFields },
  matcher: InterestMatcher = getInterestMatcher(db),
) {
  const before = getPilotByRef(input.ref, db);
  // No status given: a new pilot counts as trained (imports, docs/import-format.md); an
  // existing one keeps the status staff set (a re-import does not undo "in training").
  const fields: PilotFields = {
    ...input.fields,
    trainingStatus: input.fields.trainingStatus ?? before?.trainingStatus ?? "trained",
  };
  const values = { ...pilotValues(fields, matcher), organizationId: input.organizationId };
  if (!before) {
    const row = db
      .insert(pilots)
      .values({ ...values, ref: input.ref })
      .returning({ id: pilots.id })
      .get();
    enqueueIndexChange(db, "pilot", row.id);
    recordAudit(db, actor, {
      action: "pilot.create",
      entityType: "pilot",
      entityId: input.ref,
      organizationId: input.organizationId,
      changes: diffChanges(undefined, values),
    });
    recordTrainingOf(db, actor, row.id, input.organizationId, input.fields);
    return { id: row.id, created: true, changed: true };
  }
  const trained = recordTrainingOf(db, actor, before.id, input.organizationId, input.fields);
  const changes = diffChanges(before as unknown as Record<string, unknown>, values);
  const keysChanged = JSON.stringify(before.interestKeys) !== JSON.stringify(values.interestKeys);
  if (Object.keys(changes).length === 0 && !keysChanged)
    return { id: before.id, created: false, changed: trained };
  db.update(pilots)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(pilots.id, before.id))
    .run();
  enqueueIndexChange(db, "pilot", before.id);
  if (Object.keys(changes).length > 0) {
    recordAudit(db, actor, {
      action: "pilot.update",
      entityType: "pilot",
      entityId: input.ref,
      organizationId: input.organizationId,
      changes,
    });
  }
  return { id: before.id, created: false, changed: Object.keys(changes).length > 0 };
}

// ---------- pilots managing themselves, staff managing their pilots ----------

export type PilotRow = typeof pilots.$inferSelect;
/** The contract fields of a stored profile, for re-saving with some changes. */
export function pilotFieldsOf(p: PilotRow): PilotFields {
  return {
    displayName: p.displayName,
    municipality: p.municipality,
    languages: p.languages,
    interests: p.interests,
    bio: p.bio,
    capacity: p.capacity,
    activeMentees: p.activeMentees,
    acceptingMentees: p.acceptingMentees,
    schedule: p.schedule,
    trainingStatus: p.trainingStatus,
  };
}

/** The profile linked to a pilot's account; a pilot can only ever reach their own. */
export function getPilotForUser(userId: string, db: Db = getDb()) {
  return db.select().from(pilots).where(eq(pilots.userId, userId)).get();
}

export type PilotUpdateResult =
  | { ok: true; ref: string }
  | { ok: false; notFound: true }
  | { ok: false; fieldErrors: Record<string, string> };

function unknownMunicipality(fields: PilotFields) {
  return findMunicipality(fields.municipality)
    ? undefined
    : { ok: false as const, fieldErrors: { municipality: "staff.error.municipality" } };
}

/**
 * A pilot edits their own profile. Active mentees are not theirs to type:
 * the count is read inside the transaction, so an accept that just happened
 * is never overwritten by an older form. Availability is not in the profile
 * either: the "accepting new mentees" switch (setAcceptingMentees) is its
 * one source, so saving the profile never turns it back on or off.
 */
export function updateOwnPilotProfile(
  user: ActingUser,
  fields: PilotFields,
  db: Db = getDb(),
): PilotUpdateResult {
  const bad = unknownMunicipality(fields);
  if (bad) return bad;
  return writeTransaction((tx): PilotUpdateResult => {
    const before = getPilotForUser(user.id, tx);
    if (!before) return { ok: false, notFound: true };
    savePilot(tx, actorOf(user), {
      ref: before.ref,
      organizationId: before.organizationId,
      fields: {
        ...fields,
        activeMentees: before.activeMentees,
        acceptingMentees: before.acceptingMentees,
      },
    });
    return { ok: true, ref: before.ref };
  }, db);
}

/** The one-click "accepting new mentees" switch. */
export function setAcceptingMentees(
  user: ActingUser,
  accepting: boolean,
  db: Db = getDb(),
): PilotUpdateResult {
  return writeTransaction((tx): PilotUpdateResult => {
    const before = getPilotForUser(user.id, tx);
    if (!before) return { ok: false, notFound: true };
    savePilot(tx, actorOf(user), {
      ref: before.ref,
      organizationId: before.organizationId,
      fields: { ...pilotFieldsOf(before), acceptingMentees: accepting },
    });
    return { ok: true, ref: before.ref };
  }, db);
}

export function listOrganizationPilots(organizationId: number, db: Db = getDb()) {
  return db
    .select()
    .from(pilots)
    .where(eq(pilots.organizationId, organizationId))
    .orderBy(asc(pilots.displayName))
    .all();
}

/** Another organization's pilot answers like one that does not exist. */
export function getStaffPilot(user: ActingUser, ref: string, db: Db = getDb()) {
  const p = getPilotByRef(ref, db);
  return p && p.organizationId === user.organizationId ? p : undefined;
}

export function updatePilotByStaff(
  user: ActingUser,
  ref: string,
  fields: PilotFields,
  db: Db = getDb(),
  options: { activeMenteesAsLoaded?: number | null } = {},
): PilotUpdateResult {
  const bad = unknownMunicipality(fields);
  if (bad) return bad;
  return writeTransaction((tx): PilotUpdateResult => {
    const before = getStaffPilot(user, ref, tx);
    if (!before) return { ok: false, notFound: true };
    // A pilot with an account answers for their own availability (their switch on /pilot).
    const acceptingMentees = before.userId ? before.acceptingMentees : fields.acceptingMentees;
    // An untouched count keeps what accepts made it since the page loaded.
    const activeMentees =
      options.activeMenteesAsLoaded != null &&
      fields.activeMentees === options.activeMenteesAsLoaded
        ? before.activeMentees
        : fields.activeMentees;
    savePilot(tx, actorOf(user), {
      ref,
      organizationId: before.organizationId,
      fields: { ...fields, activeMentees, acceptingMentees },
    });
    return { ok: true, ref };
  }, db);
}

/** Staff add a profile for a pilot who has no account yet (an invitation can link one later). */
export function createPilotByStaff(
  user: ActingUser & { organizationId: number },
  fields: PilotFields,
  db: Db = getDb(),
): PilotUpdateResult {
  const bad = unknownMunicipality(fields);
  if (bad) return bad;
  const slug =
    fields.displayName
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 30) || "luotsi";
  const ref = `pilot-${slug}-${crypto.randomBytes(3).toString("hex")}`;
  writeTransaction(
    (tx) => savePilot(tx, actorOf(user), { ref, organizationId: user.organizationId, fields }),
    db,
  );
  return { ok: true, ref };
}
