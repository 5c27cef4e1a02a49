import { eq } from "drizzle-orm";
import { participants, type activities, type pilots, type referrals } from "#db/schema.ts";
import { writeTransaction, type Db } from "#app/infra/db.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { sendMail, type Mail } from "../mail/mail.server.ts";
import type { ReferralTarget } from "./referral-schema.ts";

/**
 * The one referral model: a worker proposes a participant to an activity or a
 * pilot; the receiving side accepts or declines. Open ("sent") referrals
 * expire after REFERRAL_TTL_DAYS without an answer. The database allows one
 * open referral per participant and target (partial unique indexes).
 *
 * Split by what changes together: sending (referral-sending.server.ts), the
 * receivers' inbox (referral-inbox.server.ts), answering
 * (referral-answers.server.ts) and expiry (referral-expiry.server.ts); this
 * file holds what they share.
 */
export const REFERRAL_TTL_DAYS = 7;
export const DAY_MS = 24 * 3600_000;

export type ReferralError =
  | "invalid"
  | "forbidden"
  | "participant-not-found"
  | "target-not-found"
  | "target-unavailable"
  | "duplicate"
  | "not-found"
  | "not-open"
  | "expired"
  | "full";

export type Fail = { ok: false; error: ReferralError; target?: ReferralTarget };

/** Thrown inside a transaction to roll it back, caught at its edge and returned as a value. */
export class Rollback extends Error {
  constructor(readonly failure: Fail) {
    super(failure.error);
  }
}

export function runWrite<T>(fn: (tx: Db) => T, db: Db): T | Fail {
  try {
    return writeTransaction(fn, db);
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}

export function isUniqueViolation(e: unknown) {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE"
  );
}

export type ActivityTarget = typeof activities.$inferSelect;
export type PilotTarget = typeof pilots.$inferSelect;

export function targetName(target: {
  activity?: ActivityTarget | null;
  pilot?: PilotTarget | null;
}) {
  return target.activity?.title ?? target.pilot?.displayName ?? "";
}

/** One mail in all three UI languages: we do not know which the reader prefers. */
export function composeMail(
  to: string,
  key: "sent" | "accepted" | "declined",
  params: Record<string, string>,
): Mail {
  const fi = translator("fi");
  const sv = translator("sv");
  const en = translator("en");
  const subjectKey = `referrals.mail.${key}.subject` as const;
  const bodyKey = `referrals.mail.${key}.body` as const;
  return {
    to,
    subject: `${fi(subjectKey, params)} / ${sv(subjectKey, params)}`,
    text: [fi(bodyKey, params), sv(bodyKey, params), en(bodyKey, params)].join("\n\n---\n\n"),
  };
}

export async function deliver(mails: Mail[], db: Db) {
  for (const m of mails) await sendMail(m, db);
}

/** The sender's way back to the participant: the pseudonymous ref is fine in a URL. */
export function participantLink(tx: Db, participantId: number) {
  const p = tx
    .select({ ref: participants.ref })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  return p ? `/participants/${encodeURIComponent(p.ref)}` : "/dashboard";
}

/** The fields every view of a referral shows, from its row (the sender's list and the receivers' inbox). */
export function referralFields(r: typeof referrals.$inferSelect) {
  return {
    id: r.id,
    status: r.status,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    respondedAt: r.respondedAt,
    message: r.message,
    responseMessage: r.responseMessage,
  };
}
