import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { pilotTrainingAttendees, pilotTrainings } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";

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
