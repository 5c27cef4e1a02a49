import { and, eq, gt, lt, sql } from "drizzle-orm";
import { rateLimitHits } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";

/**
 * Fixed-window-free counting of hits per bucket (e.g. "login-ip:1.2.3.4",
 * "login-account:a@b.fi") in SQLite, so limits hold across restarts and processes.
 */
export function countHits(bucket: string, windowMs: number, db: Db = getDb()) {
  const since = Date.now() - windowMs;
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(rateLimitHits)
      .where(and(eq(rateLimitHits.bucket, bucket), gt(rateLimitHits.at, since)))
      .get()?.n ?? 0
  );
}

export function recordHit(bucket: string, db: Db = getDb()) {
  db.insert(rateLimitHits).values({ bucket, at: Date.now() }).run();
}

export function clearHits(bucket: string, db: Db = getDb()) {
  db.delete(rateLimitHits).where(eq(rateLimitHits.bucket, bucket)).run();
}

export function pruneHits(olderThanMs = 24 * 3600_000, db: Db = getDb()) {
  db.delete(rateLimitHits)
    .where(lt(rateLimitHits.at, Date.now() - olderThanMs))
    .run();
}
