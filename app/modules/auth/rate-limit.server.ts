import { and, eq, gt, lt, sql } from "drizzle-orm";
import { rateLimitHits } from "#db/schema.ts";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";

export const HOUR = 3600_000;

/**
 * Sliding-window counting of hits per bucket (e.g. "login-ip:1.2.3.4",
 * "login-pair:a@b.fi|1.2.3.4") in SQLite, so limits hold across restarts and
 * processes. Rows hold IP addresses (personal data): `pruneHits` removes
 * them once no window needs them.
 */
export function countHits(bucket: string, windowMs: number, db: Db = getDb(), now = Date.now()) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(rateLimitHits)
      .where(and(eq(rateLimitHits.bucket, bucket), gt(rateLimitHits.at, now - windowMs)))
      .get()?.n ?? 0
  );
}

export function recordHit(bucket: string, db: Db = getDb(), at = Date.now()) {
  db.insert(rateLimitHits).values({ bucket, at }).run();
}

export function clearHits(bucket: string, db: Db = getDb()) {
  db.delete(rateLimitHits).where(eq(rateLimitHits.bucket, bucket)).run();
}

/** The longest window any limit looks back over; older rows count for nothing. */
export const LONGEST_WINDOW_MS = HOUR;

/** Drops hits no window reads any more (run at start and every few minutes by `npm start`). */
export function pruneHits(db: Db = getDb(), now = Date.now()) {
  return db
    .delete(rateLimitHits)
    .where(lt(rateLimitHits.at, now - LONGEST_WINDOW_MS))
    .run().changes;
}

/**
 * A queue of one slot per attempt on a shared resource (an account's
 * password checks): each attempt takes the first free moment at least
 * `delayMs` after the previous one's and must wait for it. Slots are rows
 * in the same table (at = the slot's time), so every process sees them.
 * Returns the moment to wait for, or undefined when that would be more than
 * `maxWaitMs` away (the queue is full: try later).
 */
export function reserveSlot(
  bucket: string,
  delayMs: number,
  maxWaitMs: number,
  db: Db = getDb(),
  now = Date.now(),
): number | undefined {
  return writeTransaction((tx) => {
    const last =
      tx
        .select({ at: sql<number | null>`max(${rateLimitHits.at})` })
        .from(rateLimitHits)
        .where(eq(rateLimitHits.bucket, bucket))
        .get()?.at ?? null;
    const slot = Math.max(now, last == null ? now : last + delayMs);
    if (slot - now > maxWaitMs) return undefined;
    recordHit(bucket, tx, slot);
    return slot;
  }, db);
}
