import { getDb, type Db } from "#app/infra/db.server.ts";
import { getMeili, isIndexReady, pingMeili } from "#app/infra/meili.server.ts";
import { readOutboxBacklog } from "#app/infra/outbox.server.ts";
import { ACTIVITIES_INDEX, activityIndexFingerprint } from "../catalog/activity-search.server.ts";
import { PILOTS_INDEX, pilotIndexFingerprint } from "../pilots/pilot-search.server.ts";

/** Changes older than this still waiting for the index make the state "degraded". */
export const OUTBOX_LAG_WARNING_SECONDS = 300;

/**
 * What `GET /healthz` answers, for load balancers and monitoring. Only
 * states and counts: no names, refs, addresses or error texts (which could
 * carry paths or data), so it can be public.
 */
export type Health = {
  /** ok: all well; degraded: serving, but search is down, rebuilding or behind; failing: the database does not answer. */
  status: "ok" | "degraded" | "failing";
  sqlite: { ok: boolean };
  meilisearch: {
    ok: boolean;
    /** ready: searches use the index; rebuilding: the catalog answers from SQLite meanwhile; unknown: Meilisearch does not answer. */
    indexes: "ready" | "rebuilding" | "unknown";
  };
  outbox: {
    /** Saved changes not yet in the search index. */
    pending: number;
    /** Age of the oldest of them in seconds, null when none waits. */
    oldestAgeSeconds: number | null;
  };
  checkedAt: string;
};

async function checkIndexes(): Promise<Health["meilisearch"]> {
  const client = getMeili();
  if (!client || !(await pingMeili())) return { ok: false, indexes: "unknown" };
  try {
    const ready = await Promise.all([
      isIndexReady(client, ACTIVITIES_INDEX, activityIndexFingerprint()),
      isIndexReady(client, PILOTS_INDEX, pilotIndexFingerprint()),
    ]);
    return { ok: true, indexes: ready.every(Boolean) ? "ready" : "rebuilding" };
  } catch {
    return { ok: false, indexes: "unknown" };
  }
}

export async function checkHealth(db?: Db, now = new Date()): Promise<Health> {
  let sqlite = { ok: true };
  let outbox: Health["outbox"] = { pending: 0, oldestAgeSeconds: null };
  try {
    const backlog = readOutboxBacklog(db ?? getDb());
    outbox = {
      pending: backlog.pending,
      oldestAgeSeconds:
        backlog.oldest == null
          ? null
          : Math.max(0, Math.round((now.getTime() - backlog.oldest.getTime()) / 1000)),
    };
  } catch {
    sqlite = { ok: false };
  }
  const meilisearch = await checkIndexes();
  const behind = (outbox.oldestAgeSeconds ?? 0) > OUTBOX_LAG_WARNING_SECONDS;
  const status = !sqlite.ok
    ? "failing"
    : !meilisearch.ok || meilisearch.indexes !== "ready" || behind
      ? "degraded"
      : "ok";
  return { status, sqlite, meilisearch, outbox, checkedAt: now.toISOString() };
}
