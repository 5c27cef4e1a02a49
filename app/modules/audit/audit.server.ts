import { auditLog } from "#db/schema.ts";
import type { Db } from "#app/infra/db.server.ts";
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
  context?: string | null;
  changes?: Record<string, { before: unknown; after: unknown }> | null;
};

export function recordAudit(db: Db, actor: Actor, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      at: new Date(),
      actorUserId: actor.kind === "user" ? actor.userId : null,
      actorRole: actor.kind === "user" ? actor.role : `system:${actor.name}`,
      organizationId: entry.organizationId ?? (actor.kind === "user" ? actor.organizationId : null),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      participantId: entry.participantId ?? null,
      context: entry.context ?? null,
      changes: entry.changes ?? null,
    })
    .run();
}

/** Field-level before/after of what changed (timestamps left out). */
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
