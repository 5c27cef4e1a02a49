import { eq } from "drizzle-orm";
import { users } from "#db/schema.ts";
import {
  createUserSession,
  endAllSessions,
  hashPassword,
  verifyPassword,
} from "#app/infra/auth.server.ts";
import { getDb, writeTransaction } from "#app/infra/db.server.ts";
import { actorOf, recordAudit } from "../audit/audit.server.ts";
import { validateNewPassword, type PasswordProblem } from "./password-policy.server.ts";

export type ChangePasswordOutcome =
  | { ok: true; cookie: string }
  | { ok: false; fieldErrors: Partial<Record<"currentPassword" | "password", string>> };

/**
 * Sets a new password for a signed-in user. Every session of the account
 * ends (a thief's stolen cookie with it); the caller gets one fresh session.
 */
export async function changePassword(
  request: Request,
  userId: string,
  input: { currentPassword: string; password: string },
): Promise<ChangePasswordOutcome> {
  const user = getDb().select().from(users).where(eq(users.id, userId)).get();
  if (!user || !user.active || !user.passwordHash) {
    return { ok: false, fieldErrors: { currentPassword: "login.failed" } };
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, fieldErrors: { currentPassword: "login.failed" } };
  }
  const policy = validateNewPassword(input.password, { email: user.email });
  if (!policy.ok) return { ok: false, fieldErrors: { password: policy.error } };
  await setPassword(userId, input.password, { kind: "self" });
  return { ok: true, cookie: await createUserSession(request, userId) };
}

/**
 * Stores a new argon2id hash and ends all sessions of the account. Used by
 * the password change and by invitation acceptance / resets.
 */
export async function setPassword(
  userId: string,
  password: string,
  by: { kind: "self" } | { kind: "system"; name: string },
): Promise<{ ok: true } | { ok: false; error: PasswordProblem }> {
  const user = getDb().select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error("unknown user");
  const policy = validateNewPassword(password, { email: user.email });
  if (!policy.ok) return policy;
  const passwordHash = await hashPassword(password);
  writeTransaction((tx) => {
    tx.update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId))
      .run();
    recordAudit(tx, by.kind === "self" ? actorOf(user) : by, {
      action: "user.password-change",
      entityType: "user",
      entityId: userId,
    });
  });
  await endAllSessions(userId);
  return { ok: true };
}
