import { asc, eq } from "drizzle-orm";
import { selfAssessments } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";
import {
  ASSESSMENT_MEASURES,
  type AssessmentInput,
  type AssessmentMeasure,
} from "./assessments-schema.ts";

export type AssessmentRow = typeof selfAssessments.$inferSelect;

export function listAssessments(participantId: number, db: Db = getDb()): AssessmentRow[] {
  return db
    .select()
    .from(selfAssessments)
    .where(eq(selfAssessments.participantId, participantId))
    .orderBy(asc(selfAssessments.date), asc(selfAssessments.id))
    .all();
}

export function addAssessment(
  actor: Actor,
  participant: { id: number; organizationId: number },
  input: AssessmentInput,
  db: Db = getDb(),
): AssessmentRow {
  return writeTransaction((tx) => {
    const row = tx
      .insert(selfAssessments)
      .values({
        participantId: participant.id,
        phase: input.phase,
        date: input.date,
        ...Object.fromEntries(ASSESSMENT_MEASURES.map((m) => [m, input[m]])),
        recordedBy: actor.kind === "user" ? actor.userId : null,
      } as typeof selfAssessments.$inferInsert)
      .returning()
      .get();
    recordAudit(tx, actor, {
      action: "self_assessment.create",
      entityType: "self_assessment",
      entityId: row.id,
      participantId: participant.id,
      organizationId: participant.organizationId,
      changes: Object.fromEntries(
        (["phase", "date", ...ASSESSMENT_MEASURES] as const).map((k) => [
          k,
          { before: null, after: input[k] },
        ]),
      ),
    });
    return row;
  }, db);
}

export type Comparison = {
  start: AssessmentRow;
  latest: AssessmentRow;
  changes: Record<AssessmentMeasure, number>;
};

/** The first start-phase assessment against the latest later one; null until there are both. */
export function compareStartAndLatest(rows: AssessmentRow[]): Comparison | null {
  const start = rows.find((r) => r.phase === "start");
  if (!start) return null;
  const later = rows.filter(
    (r) => r.id !== start.id && (r.date > start.date || (r.date === start.date && r.id > start.id)),
  );
  const latest = later[later.length - 1];
  if (!latest) return null;
  return {
    start,
    latest,
    changes: Object.fromEntries(
      ASSESSMENT_MEASURES.map((m) => [m, latest[m] - start[m]]),
    ) as Record<AssessmentMeasure, number>,
  };
}
