import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { activities, attendance, participants, pilots, referrals } from "#db/schema.ts";
import type { SessionUser } from "#app/infra/auth.server.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { actorOf } from "../paths/participant-access.server.ts";
import { recordStepFromAttendance } from "../paths/paths.server.ts";

/**
 * Who marks attendance: the activity's own staff, and a pilot for the
 * mentees they accompany. Both see only a first name or nickname (or the
 * pseudonymous ref) of people accepted to the activity, nothing else.
 */
export type Marker = SessionUser & { role: "staff" | "pilot" };

function pilotIdOf(user: SessionUser, db: Db) {
  return db.select({ id: pilots.id }).from(pilots).where(eq(pilots.userId, user.id)).get()?.id;
}

export function listMarkableActivities(user: Marker, db: Db = getDb()) {
  if (user.organizationId == null) return [];
  return db
    .select({ id: activities.id, ref: activities.ref, title: activities.title })
    .from(activities)
    .where(and(eq(activities.organizationId, user.organizationId), ne(activities.status, "closed")))
    .orderBy(asc(activities.title))
    .all();
}

/** The activity, if this user may mark its attendance (own organization's); else undefined (404). */
export function findMarkableActivity(user: Marker, ref: string, db: Db = getDb()) {
  if (user.organizationId == null) return undefined;
  return db
    .select()
    .from(activities)
    .where(and(eq(activities.ref, ref), eq(activities.organizationId, user.organizationId)))
    .get();
}

export type SheetRow = { id: number; ref: string; name: string; present: boolean | null };

/** The people accepted to the activity (for a pilot: only their own accepted mentees among them). */
export function loadSheet(
  user: Marker,
  activityId: number,
  date: string,
  db: Db = getDb(),
): SheetRow[] {
  let ids = db
    .selectDistinct({ id: referrals.participantId })
    .from(referrals)
    .where(and(eq(referrals.activityId, activityId), eq(referrals.status, "accepted")))
    .all()
    .map((r) => r.id);
  if (user.role === "pilot") {
    const pilotId = pilotIdOf(user, db);
    const mentees = new Set(
      pilotId == null
        ? []
        : db
            .select({ id: referrals.participantId })
            .from(referrals)
            .where(and(eq(referrals.pilotId, pilotId), eq(referrals.status, "accepted")))
            .all()
            .map((r) => r.id),
    );
    ids = ids.filter((id) => mentees.has(id));
  }
  if (ids.length === 0) return [];
  const people = db
    .select({ id: participants.id, ref: participants.ref, nickname: participants.nickname })
    .from(participants)
    .where(inArray(participants.id, ids))
    .all();
  const marks = new Map(
    db
      .select({ participantId: attendance.participantId, present: attendance.present })
      .from(attendance)
      .where(and(eq(attendance.activityId, activityId), eq(attendance.sessionDate, date)))
      .all()
      .map((m) => [m.participantId, m.present]),
  );
  return people
    .map((p) => ({
      id: p.id,
      ref: p.ref,
      name: p.nickname ?? p.ref,
      present: marks.get(p.id) ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "fi"));
}

/**
 * The sheet as a page shows it. Names on it are participants' data: each
 * person shown is a read, audited like every other (the participant may
 * learn who saw them, and when).
 */
export function readSheet(user: Marker, activityId: number, date: string, db: Db = getDb()) {
  const sheet = loadSheet(user, activityId, date, db);
  if (sheet.length > 0) {
    writeTransaction((tx) => {
      for (const row of sheet)
        recordAudit(tx, actorOf(user), {
          action: "participant.read",
          entityType: "participant",
          participantId: row.id,
          context: "attendance sheet",
        });
    }, db);
  }
  return sheet;
}

export type MarkResult = { ok: true; present: number } | { ok: false; field: "present" };

/**
 * Saves one session's sheet: ticked refs present, everyone else on the sheet
 * absent. A ref not on the sheet refuses the whole save. Present marks may
 * add the automatic "started"/"regular" path steps.
 */
export function markAttendance(
  user: Marker,
  activity: { id: number; ref: string },
  date: string,
  presentRefs: string[],
  db: Db = getDb(),
): MarkResult {
  return writeTransaction((tx) => {
    const sheet = loadSheet(user, activity.id, date, tx);
    const onSheet = new Map(sheet.map((r) => [r.ref, r]));
    if (presentRefs.some((ref) => !onSheet.has(ref))) return { ok: false, field: "present" };
    const present = new Set(presentRefs);
    const actor = actorOf(user);
    for (const row of sheet) {
      const isPresent = present.has(row.ref);
      if (row.present === isPresent) continue;
      tx.insert(attendance)
        .values({
          activityId: activity.id,
          participantId: row.id,
          sessionDate: date,
          present: isPresent,
          markedBy: user.id,
        })
        .onConflictDoUpdate({
          target: [attendance.activityId, attendance.participantId, attendance.sessionDate],
          set: { present: isPresent, markedBy: user.id },
        })
        .run();
      const participant = tx.select().from(participants).where(eq(participants.id, row.id)).get()!;
      recordAudit(tx, actor, {
        action: "attendance.mark",
        entityType: "attendance",
        entityId: `${activity.ref}/${date}`,
        participantId: row.id,
        organizationId: participant.organizationId,
        changes: { present: { before: row.present, after: isPresent } },
      });
      if (isPresent) recordStepFromAttendance(tx, actor, { participant });
    }
    return { ok: true, present: present.size };
  }, db);
}

/** A participant's own attendance, newest first (their own account's view). */
export function listOwnAttendance(user: SessionUser, db: Db = getDb()) {
  const me = db
    .select({ id: participants.id })
    .from(participants)
    .where(eq(participants.userId, user.id))
    .get();
  if (!me) return { participantId: null, rows: [] };
  const rows = db
    .select({
      date: attendance.sessionDate,
      present: attendance.present,
      activity: activities.title,
      activityRef: activities.ref,
    })
    .from(attendance)
    .innerJoin(activities, eq(activities.id, attendance.activityId))
    .where(eq(attendance.participantId, me.id))
    .orderBy(desc(attendance.sessionDate), asc(activities.title))
    .all();
  return { participantId: me.id, rows };
}
