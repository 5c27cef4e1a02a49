import {
  createUserSession,
  findUserByEmail,
  verifyAgainstDummy,
  verifyPassword,
} from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { actorOf, recordAudit } from "../audit/audit.server.ts";
import { clearHits, countHits, recordHit } from "./rate-limit.server.ts";

const HOUR = 3600_000;

export type LoginOutcome =
  | { ok: true; cookie: string; role: string }
  | { ok: false; reason: "invalid" | "rate-limited" };

/**
 * Checks limits per IP and per account before touching the password, then
 * answers the same generic error for unknown emails and wrong passwords.
 */
export async function signIn(
  request: Request,
  input: { email: string; password: string; ip: string },
): Promise<LoginOutcome> {
  const env = getEnv();
  const ipBucket = `login-ip:${input.ip}`;
  const accountBucket = `login-account:${input.email}`;
  if (
    countHits(ipBucket, HOUR) >= env.LOGIN_LIMIT_PER_IP ||
    countHits(accountBucket, HOUR) >= env.LOGIN_LIMIT_PER_ACCOUNT
  ) {
    return { ok: false, reason: "rate-limited" };
  }
  const user = findUserByEmail(input.email);
  const valid =
    user && user.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!valid || !user) {
    recordHit(ipBucket);
    recordHit(accountBucket);
    return { ok: false, reason: "invalid" };
  }
  clearHits(accountBucket);
  const cookie = await createUserSession(request, user.id);
  recordAudit(getDb(), actorOf(user), {
    action: "user.sign-in",
    entityType: "user",
    entityId: user.id,
  });
  return { ok: true, cookie, role: user.role };
}
