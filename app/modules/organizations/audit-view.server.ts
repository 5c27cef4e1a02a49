import { count, desc, eq, sql } from "drizzle-orm";
import { auditLog, participants, users } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";

/** The audit log for coordinators: newest first, optionally one action; read-only by design (triggers refuse changes). */
export function listAuditEntries(
  query: { action?: string; page: number; pageSize: number },
  db: Db = getDb(),
) {
  const where = query.action ? eq(auditLog.action, query.action) : undefined;
  const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorRole: auditLog.actorRole,
      // A participant acting on their own record is named by role only: no name, no address.
      actorName: sql<
        string | null
      >`case when ${users.role} = 'participant' then null else ${users.displayName} end`,
      actorEmail: sql<
        string | null
      >`case when ${users.role} = 'participant' then null else ${users.email} end`,
      organizationId: auditLog.organizationId,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      participantId: auditLog.participantId,
      // The participant's ref today: an erased one's is random, so the row leads nowhere.
      participantRef: participants.ref,
      participantErased: sql<boolean>`${participants.erasedAt} is not null`,
      context: auditLog.context,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(participants, eq(participants.id, auditLog.participantId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all();
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / query.pageSize)) };
}

export function listAuditActions(db: Db = getDb()) {
  return db
    .select({ action: auditLog.action })
    .from(auditLog)
    .groupBy(auditLog.action)
    .orderBy(sql`${auditLog.action}`)
    .all()
    .map((r) => r.action);
}
