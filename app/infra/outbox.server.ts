import crypto from "node:crypto";
import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { searchOutbox, workerLeases, type SearchEntity } from "#db/schema.ts";
import type { Db } from "./db.server.ts";

/**
 * The search outbox: every write that changes what an index should hold adds
 * a row in the same SQLite transaction. The drainer (modules/search) reads
 * rows, rebuilds documents from SQLite's current state and deletes the rows
 * only after Meilisearch has applied them, so a stopped server loses nothing.
 */
export function enqueueIndexChange(db: Db, entity: SearchEntity, entityId: number) {
  db.insert(searchOutbox).values({ entity, entityId }).run();
}

export function readOutboxBatch(db: Db, limit: number) {
  return db.select().from(searchOutbox).orderBy(asc(searchOutbox.id)).limit(limit).all();
}

export function deleteOutboxRows(db: Db, ids: number[]) {
  for (let i = 0; i < ids.length; i += 500) {
    db.delete(searchOutbox)
      .where(inArray(searchOutbox.id, ids.slice(i, i + 500)))
      .run();
  }
}

export function markOutboxFailure(db: Db, ids: number[], error: string) {
  for (let i = 0; i < ids.length; i += 500) {
    db.update(searchOutbox)
      .set({ attempts: sql`${searchOutbox.attempts} + 1`, lastError: error.slice(0, 500) })
      .where(inArray(searchOutbox.id, ids.slice(i, i + 500)))
      .run();
  }
}

export function countOutbox(db: Db): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(searchOutbox)
      .get()?.n ?? 0
  );
}

/** How many changes wait for the index, and since when (for /healthz). */
export function readOutboxBacklog(db: Db): { pending: number; oldest: Date | null } {
  const row = db.$client
    .prepare("select count(*) as pending, min(created_at) as oldest from search_outbox")
    .get() as { pending: number; oldest: number | null };
  return { pending: row.pending, oldest: row.oldest == null ? null : new Date(row.oldest) };
}

const processHolder = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

/** A lease holder of this process for one job, so that two jobs of one process exclude each other too. */
export function leaseHolder(job: string) {
  return `${processHolder}-${job}`;
}

/**
 * A lease so that one process at a time pushes to the index: two drainers
 * could otherwise apply an older snapshot of a record after a newer one.
 */
export function tryAcquireLease(
  db: Db,
  name: string,
  ttlMs: number,
  holder = processHolder,
): boolean {
  const now = Date.now();
  return db.transaction(
    (tx) => {
      const current = tx.select().from(workerLeases).where(eq(workerLeases.name, name)).get();
      if (current && current.holder !== holder && current.expiresAt > now) return false;
      tx.insert(workerLeases)
        .values({ name, holder, expiresAt: now + ttlMs })
        .onConflictDoUpdate({ target: workerLeases.name, set: { holder, expiresAt: now + ttlMs } })
        .run();
      return true;
    },
    { behavior: "immediate" },
  );
}

export function releaseLease(db: Db, name: string, holder = processHolder) {
  db.delete(workerLeases)
    .where(
      and(
        eq(workerLeases.name, name),
        or(eq(workerLeases.holder, holder), lt(workerLeases.expiresAt, Date.now())),
      ),
    )
    .run();
}
