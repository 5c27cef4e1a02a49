import { asc, eq, ne } from "drizzle-orm";
import { organizations, users, type Role } from "#db/schema.ts";
import { endAllSessions } from "#app/infra/auth.server.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { recordAudit } from "../audit/audit.server.ts";

type AdminUser = { id: string; role: Role; organizationId: number | null };

/**
 * Accounts for the coordinator's user list: no password hashes leave this
 * function, and no participant's account (coordinators see participants as
 * aggregates only; a participant's account is their worker's to manage).
 */
export function listUsers(db: Db = getDb()) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      organizationName: organizations.name,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(ne(users.role, "participant"))
    .orderBy(asc(organizations.name), asc(users.displayName))
    .all();
}

export type SetActiveResult = { ok: true } | { ok: false; error: "not-found" | "self" };

/** Deactivating ends every session of the user at once; sign-in is refused while inactive. */
export async function setUserActive(
  admin: AdminUser,
  userId: string,
  active: boolean,
  db: Db = getDb(),
): Promise<SetActiveResult> {
  if (userId === admin.id) return { ok: false, error: "self" };
  const result = writeTransaction((tx): SetActiveResult => {
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!before) return { ok: false, error: "not-found" };
    if (before.active === active) return { ok: true };
    tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    recordAudit(
      tx,
      { kind: "user", userId: admin.id, role: admin.role, organizationId: admin.organizationId },
      {
        action: active ? "user.reactivate" : "user.deactivate",
        entityType: "user",
        entityId: userId,
        organizationId: before.organizationId,
        changes: { active: { before: before.active, after: active } },
      },
    );
    return { ok: true };
  }, db);
  if (result.ok && !active) await endAllSessions(userId);
  return result;
}
