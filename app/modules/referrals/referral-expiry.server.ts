import { and, eq, inArray, lte } from "drizzle-orm";
import { referrals } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { recordAudit } from "../audit/audit.server.ts";
import { notifyUser } from "../notifications/notifications.server.ts";
import { participantLink } from "./referrals.server.ts";

/** Open referrals lapse after REFERRAL_TTL_DAYS without an answer; the sender is told. */

export function markExpired(tx: Db, referral: typeof referrals.$inferSelect, now: Date) {
  const changed = tx
    .update(referrals)
    .set({ status: "expired", respondedAt: now })
    .where(and(eq(referrals.id, referral.id), eq(referrals.status, "sent")))
    .run().changes;
  if (changed === 0) return false;
  recordAudit(
    tx,
    { kind: "system", name: "referral-expiry" },
    {
      action: "referral.expire",
      entityType: "referral",
      entityId: referral.id,
      participantId: referral.participantId,
      changes: { status: { before: "sent", after: "expired" } },
    },
  );
  if (referral.senderUserId) {
    notifyUser(
      tx,
      referral.senderUserId,
      { key: "referrals.notify.expired" },
      participantLink(tx, referral.participantId),
      referral.participantId,
    );
  }
  return true;
}

/** Open referrals older than the TTL become expired; returns how many. Safe to run any time, from any process. */
export function expireOldReferrals(now: Date = new Date(), db: Db = getDb()): number {
  const due = db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.status, "sent"), lte(referrals.expiresAt, now)))
    .all();
  if (due.length === 0) return 0;
  const expire = (tx: Db) => {
    let n = 0;
    const rows = tx
      .select()
      .from(referrals)
      .where(
        and(
          inArray(
            referrals.id,
            due.map((d) => d.id),
          ),
          eq(referrals.status, "sent"),
        ),
      )
      .all();
    for (const r of rows) if (markExpired(tx, r, now)) n++;
    return n;
  };
  // Called from read paths too; inside a caller's transaction (a tx has no $client) write in it directly.
  const client = (db as Partial<Db>).$client;
  return client && !client.inTransaction ? writeTransaction(expire, db) : expire(db);
}
