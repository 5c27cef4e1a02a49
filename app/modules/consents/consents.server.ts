import { and, desc, eq, isNull } from "drizzle-orm";
import { consents, users } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { actorOf, recordAudit, type ActingUser, type Actor } from "../audit/audit.server.ts";
import type { ConsentPurpose } from "../participants/participant-schema.ts";

/**
 * A participant's consents, per purpose: given (by whom, when) and perhaps
 * withdrawn. Rows are kept when withdrawn, so the history stays.
 */

export function listConsents(participantId: number, db: Db = getDb()) {
  return db
    .select({
      id: consents.id,
      purpose: consents.purpose,
      givenAt: consents.givenAt,
      withdrawnAt: consents.withdrawnAt,
      recordedByName: users.displayName,
    })
    .from(consents)
    .leftJoin(users, eq(users.id, consents.recordedBy))
    .where(eq(consents.participantId, participantId))
    .orderBy(desc(consents.givenAt), desc(consents.id))
    .all();
}

/** Within a caller's transaction (the participant's creation records its consent with it). */
export function recordConsentRow(
  db: Db,
  user: ActingUser,
  participantId: number,
  purpose: ConsentPurpose,
) {
  const row = db
    .insert(consents)
    .values({ participantId, purpose, givenAt: new Date(), recordedBy: user.id })
    .returning({ id: consents.id })
    .get();
  recordAudit(db, actorOf(user), {
    action: "consent.record",
    entityType: "consent",
    entityId: row.id,
    participantId,
    changes: { purpose: { before: null, after: purpose } },
  });
}

export function recordConsent(
  user: ActingUser,
  participantId: number,
  purpose: ConsentPurpose,
  db: Db = getDb(),
) {
  writeTransaction((tx) => recordConsentRow(tx, user, participantId, purpose), db);
}

/** Withdrawal keeps the row (when it was given and withdrawn both matter). */
export function withdrawConsent(
  actor: Actor,
  participantId: number,
  consentId: number,
  db: Db = getDb(),
) {
  return writeTransaction((tx) => {
    const changed = tx
      .update(consents)
      .set({ withdrawnAt: new Date() })
      .where(
        and(
          eq(consents.id, consentId),
          eq(consents.participantId, participantId),
          isNull(consents.withdrawnAt),
        ),
      )
      .run().changes;
    if (changed > 0) {
      recordAudit(tx, actor, {
        action: "consent.withdraw",
        entityType: "consent",
        entityId: consentId,
        participantId,
      });
    }
    return changed > 0;
  }, db);
}
