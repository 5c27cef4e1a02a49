import type { Meilisearch } from "meilisearch";
import type { SearchEntity } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import {
  getMeili,
  indexUid,
  isMeiliUnreachable,
  meiliApiError,
  meiliErrorCode,
} from "#app/infra/meili.server.ts";
import {
  deleteOutboxRows,
  markOutboxFailure,
  readOutboxBatch,
  releaseLease,
  tryAcquireLease,
} from "#app/infra/outbox.server.ts";
import { singleton } from "#app/infra/singleton.server.ts";
import {
  ACTIVITIES_INDEX,
  activitySettings,
  loadActivityDocuments,
} from "../catalog/activity-search.server.ts";
import { buildSynonyms, getInterestMatcher } from "../interests/interests.server.ts";
import { PILOTS_INDEX, pilotSettings, loadPilotDocuments } from "../pilots/pilot-search.server.ts";

type IndexSpec = {
  base: string;
  settings: (synonyms: Record<string, string[]>) => Record<string, unknown>;
  load: (ids: number[], db: Db) => { id: number }[];
  allIds: (db: Db) => number[];
};

/** One entry per Meilisearch index: how to build its documents from SQLite. */
export const INDEXES: Record<SearchEntity, IndexSpec> = {
  activity: {
    base: ACTIVITIES_INDEX,
    settings: activitySettings,
    load: loadActivityDocuments,
    allIds: (db) =>
      db.$client.prepare("select id from activities order by id").pluck().all() as number[],
  },
  pilot: {
    base: PILOTS_INDEX,
    settings: pilotSettings,
    load: loadPilotDocuments,
    allIds: (db) =>
      db.$client.prepare("select id from pilots order by id").pluck().all() as number[],
  },
};

export const DRAIN_LEASE = "search-outbox";

export async function ensureIndexes(client: Meilisearch, db: Db = getDb()) {
  const synonyms = buildSynonyms(getInterestMatcher(db));
  for (const spec of Object.values(INDEXES)) {
    const uid = indexUid(spec.base);
    try {
      await client.getIndex(uid);
    } catch (e) {
      if (meiliErrorCode(e) !== "index_not_found") throw e;
      await client.createIndex(uid, { primaryKey: "id" }).waitTask();
    }
    await client.index(uid).updateSettings(spec.settings(synonyms)).waitTask();
  }
}

/** Pushes vocabulary changes (synonyms) to every index. */
export async function updateSynonyms(client: Meilisearch, db: Db = getDb()) {
  const synonyms = buildSynonyms(getInterestMatcher(db));
  for (const spec of Object.values(INDEXES)) {
    await client.index(indexUid(spec.base)).updateSynonyms(synonyms).waitTask();
  }
}

export type DrainResult = { processed: number; remaining: boolean; error?: string };

/**
 * One pass of the outbox: documents are rebuilt from SQLite's current state
 * (so retries never push stale data), rows are deleted only after
 * Meilisearch has applied the task. Only the lease holder drains.
 */
export async function drainOutboxOnce(
  options: { client?: Meilisearch; db?: Db; batchSize?: number } = {},
): Promise<DrainResult> {
  const db = options.db ?? getDb();
  const client = options.client ?? getMeili();
  if (!client) return { processed: 0, remaining: true, error: "Meilisearch not configured" };
  if (!tryAcquireLease(db, DRAIN_LEASE, 15_000))
    return { processed: 0, remaining: true, error: "lease held" };
  const rows = readOutboxBatch(db, options.batchSize ?? 1000);
  if (rows.length === 0) return { processed: 0, remaining: false };
  const rowIds = rows.map((r) => r.id);
  try {
    for (const [entity, spec] of Object.entries(INDEXES) as [SearchEntity, IndexSpec][]) {
      const ids = [...new Set(rows.filter((r) => r.entity === entity).map((r) => r.entityId))];
      if (ids.length === 0) continue;
      const docs = spec.load(ids, db);
      const present = new Set(docs.map((d) => d.id));
      const gone = ids.filter((id) => !present.has(id));
      const index = client.index(indexUid(spec.base));
      if (docs.length > 0) {
        const task = await index.addDocuments(docs, { primaryKey: "id" }).waitTask();
        if (task.status !== "succeeded")
          throw new Error(task.error?.message ?? `task ${task.status}`);
      }
      if (gone.length > 0) {
        const task = await index.deleteDocuments(gone).waitTask();
        if (task.status !== "succeeded")
          throw new Error(task.error?.message ?? `task ${task.status}`);
      }
    }
    deleteOutboxRows(db, rowIds);
    return { processed: rows.length, remaining: rows.length === (options.batchSize ?? 1000) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    markOutboxFailure(db, rowIds, message);
    if (!isMeiliUnreachable(e) && !meiliApiError(e)) throw e;
    return { processed: 0, remaining: true, error: message };
  }
}

/**
 * Drains until the outbox is empty or Meilisearch fails; returns the number of
 * rows applied. The lease is released at the end so that another process (the
 * app's drainer, a command) can take over at once.
 */
export async function drainOutbox(options: { client?: Meilisearch; db?: Db } = {}) {
  let total = 0;
  try {
    for (;;) {
      const result = await drainOutboxOnce(options);
      total += result.processed;
      if (result.error) return { processed: total, error: result.error };
      if (!result.remaining) return { processed: total };
    }
  } finally {
    releaseLease(options.db ?? getDb(), DRAIN_LEASE);
  }
}

/**
 * The running app's drainer: polls the outbox, backs off while Meilisearch
 * is down, and makes sure the indexes exist once it is back.
 */
export function startOutboxWorker(options: {
  intervalMs: number;
  onError?: (message: string) => void;
}) {
  return singleton("outbox-worker", () => {
    let stopped = false;
    let ready = false;
    let delay = options.intervalMs;
    let timer: NodeJS.Timeout | undefined;
    let lastError: string | undefined;
    const tick = async () => {
      if (stopped) return;
      try {
        const client = getMeili();
        if (client && !ready) {
          await ensureIndexes(client);
          ready = true;
        }
        const result = await drainOutbox({ client });
        if (result.error && result.error !== "lease held") {
          if (result.error !== lastError) options.onError?.(result.error);
          lastError = result.error;
          delay = Math.min(delay * 2, 5_000);
        } else {
          lastError = undefined;
          delay = options.intervalMs;
        }
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (message !== lastError) options.onError?.(message);
        lastError = message;
        ready = false;
        delay = Math.min(delay * 2, 5_000);
      }
      if (!stopped) timer = setTimeout(tick, delay);
    };
    timer = setTimeout(tick, 0);
    return {
      stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        releaseLease(getDb(), DRAIN_LEASE);
      },
    };
  });
}
