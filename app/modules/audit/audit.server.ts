import { sql } from "drizzle-orm";
import { auditLog } from "#db/schema.ts";
import { preparedOnce, type Db } from "#app/infra/db.server.ts";
import type { Role } from "../auth/auth-schema.ts";

/** Who did something: a signed-in user, or an operator command (import, seed, retention). */
export type Actor =
  | { kind: "user"; userId: string; role: string; organizationId: number | null }
  | { kind: "system"; name: string };

/**
 * The signed-in user as every module takes it: a lucia session user fits as
 * is. The one shape for "who is acting", and actorOf the one way to turn it
 * into an audit actor.
 */
export type ActingUser = { id: string; role: Role; organizationId: number | null };

export function actorOf(user: ActingUser): Actor {
  return { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId };
}

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  participantId?: number | null;
  organizationId?: number | null;
  /** The screen or API it happened on (a fixed label, never user input). */
  context?: string | null;
  /**
   * Which fields changed. Only the names are stored: a value may be personal
   * (a nickname, a birth year, an address), and the log is append-only, so
   * it would outlive the person's erasure.
   */
  changes?: Record<string, unknown> | readonly string[] | null;
};

/** The field names of a change, sorted, as the log stores them. */
export function changedFieldNames(changes: AuditEntry["changes"]): string[] | null {
  if (!changes) return null;
  const names = Array.isArray(changes) ? [...changes] : Object.keys(changes);
  return names.length > 0 ? names.sort() : null;
}

/**
 * Appends one row: who did what to which record, when, from which screen,
 * and which fields changed. No personal value ever goes in: changed fields
 * by name only, and a participant by the row id (their ref changes to a
 * random one at erasure, so rows then point at "an erased participant").
 */
export function recordAudit(db: Db, actor: Actor, entry: AuditEntry) {
  const participantEntity = entry.entityType === "participant" && entry.participantId != null;
  const entityId = participantEntity ? entry.participantId : entry.entityId;
  const changes = changedFieldNames(entry.changes);
  insertStatement(db).run({
    at: new Date(),
    actorUserId: actor.kind === "user" ? actor.userId : null,
    actorRole: actor.kind === "user" ? actor.role : `system:${actor.name}`,
    organizationId: entry.organizationId ?? (actor.kind === "user" ? actor.organizationId : null),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entityId == null ? null : String(entityId),
    participantId: entry.participantId ?? null,
    context: entry.context ?? null,
    changes: changes && JSON.stringify(changes),
  });
}

/** Every professional read writes a row: the insert is prepared once per connection. */
function insertStatement(db: Db) {
  const p = sql.placeholder;
  return preparedOnce(db, "auditInsert", () =>
    db
      .insert(auditLog)
      .values({
        at: p("at"),
        actorUserId: p("actorUserId"),
        actorRole: p("actorRole"),
        organizationId: p("organizationId"),
        action: p("action"),
        entityType: p("entityType"),
        entityId: p("entityId"),
        participantId: p("participantId"),
        context: p("context"),
        // Raw, not through the JSON column's encoder, which would store a missing list as "null".
        changes: sql`${p("changes")}`,
      })
      .prepare(),
  );
}

/** Field-level before/after of what changed (timestamps left out), for the caller's own logic. */
export function diffChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  ignore: string[] = ["createdAt", "updatedAt", "searchText", "interestKeys"],
) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (ignore.includes(key)) continue;
    const a = before?.[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: a, after: b };
  }
  return changes;
}
