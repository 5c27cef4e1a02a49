import { getDb, type Db } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { countHits, HOUR, recordHit } from "../auth/rate-limit.server.ts";
import { isHoneypotFilled } from "../security/honeypot.ts";

/**
 * What the public forms of issue #17 ("become a pilot", an association's
 * application) share: the honeypot, and a limit per client address (the one
 * the request layer trusted, `clientIp`) on what they store. Both forms
 * count against one bucket, so a bot cannot double its quota by switching
 * forms. Stored rows hold no address: the hits are pruned within the hour.
 */

export const PUBLIC_FORM_DAYS_KEPT = 90;

export type PublicFormGate =
  | { ok: true }
  | { ok: false; reason: "bot" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

const bucketOf = (ip: string) => `public-form-ip:${ip}`;

/** Before anything is read further: a filled honeypot or an address over its limit. */
export function gatePublicForm(
  form: FormData | Record<string, unknown>,
  ip: string,
  db: Db = getDb(),
): PublicFormGate {
  if (isHoneypotFilled(form)) {
    // A bot's attempt counts too, so one that learns the field still meets the limit.
    recordHit(bucketOf(ip), db);
    return { ok: false, reason: "bot" };
  }
  if (countHits(bucketOf(ip), HOUR, db) >= getEnv().PUBLIC_FORM_LIMIT_PER_IP)
    return { ok: false, reason: "rate-limited", retryAfterSeconds: 3600 };
  return { ok: true };
}

/** A stored submission: counted in the same transaction as the row it stored. */
export function countPublicFormSubmission(ip: string, db: Db) {
  recordHit(bucketOf(ip), db);
}

/** The moment before which an unhandled (or long handled) application is deleted. */
export function publicFormCutoff(now = Date.now()) {
  return new Date(now - PUBLIC_FORM_DAYS_KEPT * 24 * HOUR);
}
