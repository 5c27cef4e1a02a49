import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { organizations, pilots, pilotTrainingAttendees, pilotTrainings } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import type { FieldErrors } from "#app/infra/forms.ts";
import { enqueueIndexChange } from "#app/infra/outbox.server.ts";
import { actorOf, recordAudit, type ActingUser, type Actor } from "../audit/audit.server.ts";
import type { TrainingForm } from "./pilot-training-schema.ts";

/**
 * Pilots' training records (issue #17): training events of an organization
 * or of the coordinator (organizationId null) with date, topic and who
 * attended. The training status itself is the pilot's `trainingStatus`,
 * beside their availability; the records are the history behind it.
 */

/** The topic of a training given by date alone (also the migration's, 0010). */
export const DEFAULT_TRAINING_TOPIC = "Toimintaluotsikoulutus";

/**
 * Adds pilots to the event of that organization, date and topic (created
 * when there is none). True when any of them was not yet recorded there.
 * Runs inside the caller's transaction.
 */
export function addTrainingAttendance(
  db: Db,
  actor: Actor,
  input: { organizationId: number | null; topic: string; date: string; pilotIds: number[] },
): boolean {
  const sameOrganization =
    input.organizationId == null
      ? isNull(pilotTrainings.organizationId)
      : eq(pilotTrainings.organizationId, input.organizationId);
  let training = db
    .select({ id: pilotTrainings.id })
    .from(pilotTrainings)
    .where(
      and(
        sameOrganization,
        eq(pilotTrainings.date, input.date),
        eq(pilotTrainings.topic, input.topic),
      ),
    )
    .get();
  if (!training) {
    training = db
      .insert(pilotTrainings)
      .values({
        organizationId: input.organizationId,
        date: input.date,
        topic: input.topic,
        createdBy: actor.kind === "user" ? actor.userId : null,
      })
      .returning({ id: pilotTrainings.id })
      .get();
  }
  const added = db
    .insert(pilotTrainingAttendees)
    .values(input.pilotIds.map((pilotId) => ({ trainingId: training.id, pilotId })))
    .onConflictDoNothing()
    .run().changes;
  if (added > 0)
    recordAudit(db, actor, {
      action: "pilot.training",
      entityType: "pilot_training",
      entityId: training.id,
      organizationId: input.organizationId,
      changes: ["attendees"],
    });
  return added > 0;
}

export type TrainingRecord = {
  date: string;
  topic: string;
  /** Null: the coordinator's training. */
  organizationId: number | null;
};

/** Each pilot's training records, newest first. */
export function listTrainingsOfPilots(
  pilotIds: number[],
  db: Db = getDb(),
): Map<number, TrainingRecord[]> {
  const out = new Map<number, TrainingRecord[]>();
  if (pilotIds.length === 0) return out;
  const rows = db
    .select({
      pilotId: pilotTrainingAttendees.pilotId,
      date: pilotTrainings.date,
      topic: pilotTrainings.topic,
      organizationId: pilotTrainings.organizationId,
    })
    .from(pilotTrainingAttendees)
    .innerJoin(pilotTrainings, eq(pilotTrainings.id, pilotTrainingAttendees.trainingId))
    .where(inArray(pilotTrainingAttendees.pilotId, pilotIds))
    .orderBy(desc(pilotTrainings.date))
    .all();
  for (const { pilotId, ...r } of rows) out.set(pilotId, [...(out.get(pilotId) ?? []), r]);
  return out;
}

export type TrainingEvent = {
  id: number;
  date: string;
  topic: string;
  /** Null: the coordinator's training. */
  organizationId: number | null;
  organizationName: string | null;
  /** The attendees the viewer may see by name (staff: their own organization's). */
  attendees: { ref: string; displayName: string }[];
  /** Everyone who attended, the viewer's or not. */
  attendeeCount: number;
};

/**
 * The training events a viewer sees: staff those of their organization and
 * the coordinator's that their pilots attended; the coordinator all.
 */
export function listTrainingEvents(viewer: ActingUser, db: Db = getDb()): TrainingEvent[] {
  const own = viewer.role === "admin" ? undefined : viewer.organizationId;
  if (viewer.role !== "admin" && own == null) return [];
  const rows = db
    .select({
      id: pilotTrainings.id,
      date: pilotTrainings.date,
      topic: pilotTrainings.topic,
      organizationId: pilotTrainings.organizationId,
      organizationName: organizations.name,
      pilotRef: pilots.ref,
      pilotName: pilots.displayName,
      pilotOrganizationId: pilots.organizationId,
    })
    .from(pilotTrainings)
    .leftJoin(organizations, eq(organizations.id, pilotTrainings.organizationId))
    .innerJoin(pilotTrainingAttendees, eq(pilotTrainingAttendees.trainingId, pilotTrainings.id))
    .innerJoin(pilots, eq(pilots.id, pilotTrainingAttendees.pilotId))
    .orderBy(desc(pilotTrainings.date), desc(pilotTrainings.id), asc(pilots.displayName))
    .all();
  const events = new Map<number, TrainingEvent>();
  for (const r of rows) {
    let e = events.get(r.id);
    if (!e) {
      e = {
        id: r.id,
        date: r.date,
        topic: r.topic,
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        attendees: [],
        attendeeCount: 0,
      };
      events.set(r.id, e);
    }
    e.attendeeCount += 1;
    if (own === undefined || r.pilotOrganizationId === own)
      e.attendees.push({ ref: r.pilotRef, displayName: r.pilotName });
  }
  return [...events.values()].filter(
    (e) => own === undefined || e.organizationId === own || e.attendees.length > 0,
  );
}

/** The pilots a viewer may record as attendees: staff their own, the coordinator all. */
export function listTrainablePilots(viewer: ActingUser, db: Db = getDb()) {
  const q = db
    .select({
      ref: pilots.ref,
      displayName: pilots.displayName,
      trainingStatus: pilots.trainingStatus,
      organizationName: organizations.name,
    })
    .from(pilots)
    .innerJoin(organizations, eq(organizations.id, pilots.organizationId));
  if (viewer.role === "admin")
    return q.orderBy(asc(organizations.name), asc(pilots.displayName)).all();
  if (viewer.organizationId == null) return [];
  return q
    .where(eq(pilots.organizationId, viewer.organizationId))
    .orderBy(asc(pilots.displayName))
    .all();
}

export type RecordTrainingResult = { ok: true } | { ok: false; fieldErrors: FieldErrors };

/**
 * Records a training event (staff: their organization's; the coordinator:
 * the coordinator's, organizationId null) with its attendees, and with
 * `markTrained` sets their status to trained: one transaction, audited.
 * Any attendee the viewer may not record refuses the whole form.
 */
export function recordTraining(
  viewer: ActingUser,
  form: TrainingForm,
  db: Db = getDb(),
): RecordTrainingResult {
  if (viewer.role !== "admin" && (viewer.role !== "staff" || viewer.organizationId == null))
    return { ok: false, fieldErrors: { _form: "training.error.attendees" } };
  const refs = [...new Set(form.attendees)];
  return writeTransaction((tx): RecordTrainingResult => {
    const found = tx.select().from(pilots).where(inArray(pilots.ref, refs)).all();
    const allowed = found.filter(
      (p) => viewer.role === "admin" || p.organizationId === viewer.organizationId,
    );
    if (allowed.length !== refs.length)
      return { ok: false, fieldErrors: { attendees: "training.error.attendees" } };
    const actor = actorOf(viewer);
    addTrainingAttendance(tx, actor, {
      organizationId: viewer.role === "admin" ? null : viewer.organizationId,
      topic: form.topic,
      date: form.date,
      pilotIds: allowed.map((p) => p.id),
    });
    if (form.markTrained)
      for (const p of allowed) {
        if (p.trainingStatus === "trained") continue;
        tx.update(pilots)
          .set({ trainingStatus: "trained", updatedAt: new Date() })
          .where(eq(pilots.id, p.id))
          .run();
        enqueueIndexChange(tx, "pilot", p.id);
        recordAudit(tx, actor, {
          action: "pilot.update",
          entityType: "pilot",
          entityId: p.ref,
          organizationId: p.organizationId,
          changes: ["trainingStatus"],
        });
      }
    return { ok: true };
  }, db);
}
