import { and, asc, eq } from "drizzle-orm";
import { attendance, pathSteps } from "#db/schema.ts";
import type { EndReason, OnwardPath, PathStepKind } from "./paths-schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { recordAudit, type Actor } from "../audit/audit.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { LADDER, rungOf, type PathStepInput } from "./paths-schema.ts";

export type PathStepRow = typeof pathSteps.$inferSelect;
export type StepSource = PathStepRow["source"];

/** Present attendance on this many distinct days makes participation "regular". */
export const REGULAR_AFTER_SESSIONS = 4;

export function listPathSteps(participantId: number, db: Db = getDb()): PathStepRow[] {
  const rows = db
    .select()
    .from(pathSteps)
    .where(eq(pathSteps.participantId, participantId))
    .orderBy(asc(pathSteps.date), asc(pathSteps.id))
    .all();
  // Same day: the ladder's order, so "reached" reads before "started".
  return rows.sort(
    (a, b) => a.date.localeCompare(b.date) || rungOf(a.step) - rungOf(b.step) || a.id - b.id,
  );
}

export type OrderProblem = {
  field: "date";
  key: "paths.error.beforeEarlier" | "paths.error.afterLater";
  params: { step: PathStepKind; date: string };
};

/**
 * The ladder rule: the first step of each rung is not dated before the first
 * step of any earlier rung. Rungs may be skipped, and a rung may repeat later
 * (someone who ended can be reached again), so only the first dates matter.
 */
export function checkStepOrder(
  existing: Pick<PathStepRow, "step" | "date">[],
  candidate: { step: PathStepKind; date: string },
): OrderProblem | null {
  const first = new Map<PathStepKind, string>();
  for (const s of [...existing, candidate]) {
    const seen = first.get(s.step);
    if (!seen || s.date < seen) first.set(s.step, s.date);
  }
  const k = rungOf(candidate.step);
  const newFirst = first.get(candidate.step)!;
  for (let j = 0; j < LADDER.length; j++) {
    const other = first.get(LADDER[j]!);
    if (!other || j === k) continue;
    if (j < k && other > newFirst)
      return {
        field: "date",
        key: "paths.error.beforeEarlier",
        params: { step: LADDER[j]!, date: other },
      };
    if (j > k && other < newFirst)
      return {
        field: "date",
        key: "paths.error.afterLater",
        params: { step: LADDER[j]!, date: other },
      };
  }
  return null;
}

type NewStep = {
  step: PathStepKind;
  date: string;
  onwardPath?: OnwardPath | "" | null;
  endReason?: EndReason | "" | null;
};

function sameStep(row: PathStepRow, s: NewStep) {
  return (
    row.step === s.step &&
    row.date === s.date &&
    row.onwardPath === (s.onwardPath ?? "") &&
    row.endReason === (s.endReason ?? "")
  );
}

/**
 * The one insert of a path step (hand-made, automatic or imported). The
 * merge key (step, date, onwardPath, endReason) is unique, so a repeat
 * writes nothing and returns undefined. Auditing is the caller's: one row
 * per step by hand, one summary per imported participant.
 */
export function insertPathStep(
  db: Db,
  participantId: number,
  s: NewStep,
  source: StepSource,
  createdBy: string | null,
): PathStepRow | undefined {
  return db
    .insert(pathSteps)
    .values({
      participantId,
      step: s.step,
      date: s.date,
      onwardPath: s.onwardPath ?? "",
      endReason: s.endReason ?? "",
      source,
      createdBy,
    })
    .onConflictDoNothing()
    .returning()
    .get();
}

/** A step recorded one by one (by hand or automatically), with its own audit row. */
function recordStep(
  db: Db,
  actor: Actor,
  participant: { id: number; organizationId: number },
  s: NewStep,
  source: StepSource,
) {
  const row = insertPathStep(
    db,
    participant.id,
    s,
    source,
    actor.kind === "user" ? actor.userId : null,
  );
  if (!row) return null;
  recordAudit(db, actor, {
    action: "path_step.create",
    entityType: "path_step",
    entityId: row.id,
    participantId: participant.id,
    organizationId: participant.organizationId,
    changes: {
      step: { before: null, after: s.step },
      date: { before: null, after: s.date },
      ...(s.onwardPath ? { onwardPath: { before: null, after: s.onwardPath } } : {}),
      ...(s.endReason ? { endReason: { before: null, after: s.endReason } } : {}),
      source: { before: null, after: source },
    },
  });
  return row;
}

/** Imported steps: added when not there yet (the merge key), never deleted; one audit row for the lot. */
export function mergeImportedPathSteps(
  db: Db,
  actor: Actor,
  participantId: number,
  steps: NewStep[],
) {
  let added = 0;
  for (const s of steps) {
    const createdBy = actor.kind === "user" ? actor.userId : null;
    if (insertPathStep(db, participantId, s, "import", createdBy)) added += 1;
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

export type AddStepResult =
  | { ok: true; step: PathStepRow }
  | {
      ok: false;
      field: string;
      key: string;
      params?: Record<string, string>;
    };

/** A step a worker records by hand: validated against the ladder; nothing written on error. */
export function addPathStep(
  actor: Actor,
  participant: { id: number; organizationId: number; ref: string },
  input: PathStepInput,
  db: Db = getDb(),
): AddStepResult {
  return writeTransaction((tx) => {
    const existing = listPathSteps(participant.id, tx);
    if (existing.some((row) => sameStep(row, input)))
      return { ok: false, field: "step", key: "paths.error.duplicate" };
    const problem = checkStepOrder(existing, input);
    if (problem) return { ok: false, ...problem };
    return { ok: true, step: recordStep(tx, actor, participant, input, "manual")! };
  }, db);
}

/** Removing is how mistakes are corrected (import never deletes steps). */
export function removePathStep(
  actor: Actor,
  participant: { id: number; organizationId: number },
  stepId: number,
  db: Db = getDb(),
): boolean {
  return writeTransaction((tx) => {
    const row = tx
      .select()
      .from(pathSteps)
      .where(and(eq(pathSteps.id, stepId), eq(pathSteps.participantId, participant.id)))
      .get();
    if (!row) return false;
    tx.delete(pathSteps).where(eq(pathSteps.id, row.id)).run();
    recordAudit(tx, actor, {
      action: "path_step.delete",
      entityType: "path_step",
      entityId: row.id,
      participantId: participant.id,
      organizationId: participant.organizationId,
      changes: {
        step: { before: row.step, after: null },
        date: { before: row.date, after: null },
        ...(row.onwardPath ? { onwardPath: { before: row.onwardPath, after: null } } : {}),
        ...(row.endReason ? { endReason: { before: row.endReason, after: null } } : {}),
      },
    });
    return true;
  }, db);
}

/**
 * An automatic step: recorded only when the participant has no step of that
 * kind yet and it keeps the ladder in order; otherwise nothing happens (the
 * worker's own record wins). Runs inside the caller's transaction.
 */
function recordAutomaticStep(
  tx: Db,
  actor: Actor,
  participant: { id: number; organizationId: number; ref: string },
  step: PathStepKind,
  date: string,
  source: StepSource,
): PathStepRow | null {
  const existing = listPathSteps(participant.id, tx);
  if (existing.some((s) => s.step === step)) return null;
  if (checkStepOrder(existing, { step, date })) return null;
  return recordStep(tx, actor, participant, { step, date }, source);
}

/**
 * Called by the referrals module inside the transaction that accepts a
 * referral: the person has been reached ("reached"), nothing more. An
 * acceptance is not a start: "started" comes from the first attendance
 * (recordStepFromAttendance) or from the worker by hand (docs/domain.md).
 * Returns the new step, or null when none was needed.
 */
export function recordStepFromReferralAccepted(
  tx: Db,
  actor: Actor,
  input: {
    participant: { id: number; organizationId: number; ref: string };
    date?: string;
  },
): PathStepRow | null {
  const date = input.date ?? todayInFinland();
  return recordAutomaticStep(tx, actor, input.participant, "reached", date, "referral");
}

/**
 * Called inside the transaction that marks attendance present: the first
 * attended session is "started", the REGULAR_AFTER_SESSIONS-th distinct day
 * attended is "regular". Returns the steps recorded.
 */
export function recordStepFromAttendance(
  tx: Db,
  actor: Actor,
  input: { participant: { id: number; organizationId: number; ref: string } },
): PathStepRow[] {
  const days = tx
    .select({ day: attendance.sessionDate })
    .from(attendance)
    .where(and(eq(attendance.participantId, input.participant.id), eq(attendance.present, true)))
    .groupBy(attendance.sessionDate)
    .orderBy(asc(attendance.sessionDate))
    .all()
    .map((r) => r.day);
  const recorded: PathStepRow[] = [];
  if (days.length === 0) return recorded;
  const started = recordAutomaticStep(
    tx,
    actor,
    input.participant,
    "started",
    days[0]!,
    "attendance",
  );
  if (started) recorded.push(started);
  if (days.length >= REGULAR_AFTER_SESSIONS) {
    const regular = recordAutomaticStep(
      tx,
      actor,
      input.participant,
      "regular",
      days[REGULAR_AFTER_SESSIONS - 1]!,
      "attendance",
    );
    if (regular) recorded.push(regular);
  }
  return recorded;
}

/** Where a participant stands: the highest rung reached, and whether the path has ended. */
export function currentRung(steps: Pick<PathStepRow, "step" | "date">[]) {
  if (steps.length === 0) return null;
  const latest = [...steps].sort(
    (a, b) => b.date.localeCompare(a.date) || rungOf(b.step) - rungOf(a.step),
  )[0]!;
  const highest = steps.reduce((h, s) => (rungOf(s.step) > rungOf(h.step) ? s : h));
  return { highest: highest.step, latest: latest.step, ended: latest.step === "ended" };
}
