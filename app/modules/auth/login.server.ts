import {
  createUserSession,
  findUserByEmail,
  verifyAgainstDummy,
  verifyPassword,
} from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { clearHits, countHits, HOUR, recordHit, reserveSlot } from "./rate-limit.server.ts";

export type LoginOutcome =
  | { ok: true; cookie: string; role: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/** Failures an account may have in an hour before its attempts start to wait. */
export const FREE_FAILURES = 5;

/**
 * How long an account's next attempt waits after `failures` failed ones in
 * the last hour: nothing for the first five, then the base delay, doubling
 * with each further failure, never more than the cap (60 s by default).
 */
export function delayBeforeAttempt(
  failures: number,
  limits: { baseMs: number; maxMs: number } = delayLimits(),
) {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(limits.maxMs, limits.baseMs * 2 ** (failures - FREE_FAILURES));
}

function delayLimits() {
  const env = getEnv();
  return { baseMs: env.LOGIN_DELAY_BASE_MS, maxMs: env.LOGIN_DELAY_MAX_MS };
}

/**
 * The most attempts one account can get checked in an hour when every
 * attempt fails, however many addresses send them: attempts take their
 * turn one after another (reserveSlot), each `delayBeforeAttempt` after
 * the previous. With the defaults (1 s doubling to 60 s) that is 69, under
 * NIST SP 800-63B's 100.
 */
export function maxAttemptsPerHour(limits = delayLimits()) {
  let elapsed = 0;
  let attempts = 0;
  while (elapsed < HOUR) {
    attempts++;
    elapsed += delayBeforeAttempt(attempts, limits);
  }
  return attempts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sign-in without lockouts (issue 11, finding 5):
 * - per address, across accounts: LOGIN_LIMIT_PER_IP failures an hour, then
 *   429 for that address (one address trying many accounts);
 * - per (account, address): LOGIN_LIMIT_PER_ACCOUNT_IP failures an hour,
 *   then 429 for that pair only, so nobody can lock an account for others;
 * - per account: after 5 failures each attempt waits its turn, the wait
 *   doubling up to 60 s, which bounds the guesses any number of addresses
 *   get on one account (maxAttemptsPerHour) and still lets the owner's
 *   correct password through, late but never refused. Only when attempts
 *   already queue for more than the cap does one get 429 with Retry-After.
 * The address is the one the last trusted proxy saw (TRUST_PROXY).
 * Unknown emails and wrong passwords get the same answer and cost.
 */
export async function signIn(
  request: Request,
  input: { email: string; password: string; ip: string },
  options: { now?: () => number; wait?: (ms: number) => Promise<unknown> } = {},
): Promise<LoginOutcome> {
  const env = getEnv();
  const now = options.now ?? Date.now;
  const wait = options.wait ?? sleep;
  const ipBucket = `login-ip:${input.ip}`;
  const pairBucket = `login-pair:${input.email}|${input.ip}`;
  const accountBucket = `login-account:${input.email}`;
  if (
    countHits(ipBucket, HOUR, undefined, now()) >= env.LOGIN_LIMIT_PER_IP ||
    countHits(pairBucket, HOUR, undefined, now()) >= env.LOGIN_LIMIT_PER_ACCOUNT_IP
  ) {
    return { ok: false, reason: "rate-limited", retryAfterSeconds: 3600 };
  }
  const delay = delayBeforeAttempt(countHits(accountBucket, HOUR, undefined, now()));
  const slot = reserveSlot(
    `login-slot:${input.email}`,
    delay,
    env.LOGIN_DELAY_MAX_MS,
    undefined,
    now(),
  );
  if (slot === undefined) {
    return {
      ok: false,
      reason: "rate-limited",
      retryAfterSeconds: Math.ceil(env.LOGIN_DELAY_MAX_MS / 1000),
    };
  }
  if (slot > now()) await wait(slot - now());
  const user = findUserByEmail(input.email);
  const valid =
    user && user.active && user.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyAgainstDummy(input.password);
  if (!valid || !user) {
    for (const bucket of [ipBucket, pairBucket, accountBucket]) recordHit(bucket, undefined, now());
    return { ok: false, reason: "invalid" };
  }
  clearHits(accountBucket);
  clearHits(pairBucket);
  const cookie = await createUserSession(request, user.id);
  recordAudit(
    getDb(),
    { kind: "user", userId: user.id, role: user.role, organizationId: user.organizationId },
    {
      action: "user.sign-in",
      entityType: "user",
      entityId: user.id,
    },
  );
  return { ok: true, cookie, role: user.role };
}
