import type { Meilisearch } from "meilisearch";
import type { SearchEntity } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import {
  bulkClientFor,
  indexUid,
  markIndexBuilt,
  meiliErrorCode,
} from "#app/infra/meili.server.ts";
import { leaseHolder, releaseLease, tryAcquireLease } from "#app/infra/outbox.server.ts";
import { buildSynonyms, getInterestMatcher } from "../interests/interests.server.ts";
import {
  describeStaleIndexes,
  DRAIN_LEASE,
  ensureIndexes,
  findStaleIndexes,
  INDEXES,
} from "./sync.server.ts";

export type ReindexProgress = (entity: SearchEntity, done: number, total: number) => void;

async function deleteIndexIfExists(client: Meilisearch, uid: string) {
  try {
    await client.deleteIndex(uid).waitTask();
  } catch (e) {
    if (meiliErrorCode(e) !== "index_not_found") throw e;
  }
}

/**
 * Rebuilds each index into `<index>_next` and swaps it in, so searches never
 * see a half-built index, then marks it built (app/infra/meili.server.ts).
 * Holds the drain lease meanwhile (as a job of its own, so not even this
 * process's drainer runs): changes made during the rebuild stay in the
 * outbox and are applied to the new index afterwards. With `onlyStale`,
 * indexes that another process rebuilt while this one waited for the lease
 * are left alone. Returns the entities rebuilt.
 */
export async function reindexAll(
  client: Meilisearch,
  options: {
    db?: Db;
    batchSize?: number;
    onProgress?: ReindexProgress;
    entities?: SearchEntity[];
    onlyStale?: boolean;
  } = {},
): Promise<SearchEntity[]> {
  const db = options.db ?? getDb();
  const batchSize = options.batchSize ?? 2000;
  const holder = leaseHolder("reindex");
  const deadline = Date.now() + 60_000;
  while (!tryAcquireLease(db, DRAIN_LEASE, 120_000, holder)) {
    if (Date.now() > deadline) throw new Error("the outbox drainer did not release its lease");
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    const synonyms = buildSynonyms(getInterestMatcher(db));
    let entities = options.entities ?? (Object.keys(INDEXES) as SearchEntity[]);
    if (options.onlyStale) {
      const stale = new Set((await findStaleIndexes(client, db)).map((s) => s.entity));
      entities = entities.filter((e) => stale.has(e));
    }
    for (const entity of entities) {
      const spec = INDEXES[entity];
      const live = indexUid(spec.base);
      const next = `${live}_next`;
      await deleteIndexIfExists(client, next);
      await client.createIndex(next, { primaryKey: "id" }).waitTask();
      await client.index(next).updateSettings(spec.settings(synonyms)).waitTask();
      const ids = spec.allIds(db);
      // Uploads wait for Meilisearch to take each batch, which at a large
      // rebuild can take far longer than a search may (BULK_TIMEOUT_MS).
      const upload = bulkClientFor(client).index(next);
      const tasks = [];
      for (let i = 0; i < ids.length; i += batchSize) {
        const docs = spec.load(ids.slice(i, i + batchSize), db);
        // Sent before the next batch is built: only one batch is in memory at a time
        // (building them all first held every document of the index, 900 MB at
        // 110,000, issue #15). Meilisearch queues them; they are waited for below.
        tasks.push(await upload.addDocuments(docs, { primaryKey: "id" }));
        tryAcquireLease(db, DRAIN_LEASE, 120_000, holder);
        options.onProgress?.(entity, Math.min(i + batchSize, ids.length), ids.length);
      }
      for (const task of tasks) {
        const done = await client.tasks.waitForTask(task.taskUid, { timeout: 600_000 });
        if (done.status !== "succeeded")
          throw new Error(done.error?.message ?? `indexing ${done.status}`);
      }
      if (ids.length === 0) options.onProgress?.(entity, 0, 0);
      try {
        await client.getIndex(live);
      } catch (e) {
        if (meiliErrorCode(e) !== "index_not_found") throw e;
        await client.createIndex(live, { primaryKey: "id" }).waitTask();
      }
      const swap = await client.swapIndexes([{ indexes: [live, next], rename: false }]).waitTask();
      if (swap.status !== "succeeded") throw new Error(swap.error?.message ?? "swap failed");
      await deleteIndexIfExists(client, next);
      await markIndexBuilt(client, spec.base, spec.fingerprint());
    }
    return entities;
  } finally {
    releaseLease(db, DRAIN_LEASE, holder);
  }
}

/**
 * For commands that need the index complete before they answer (match,
 * import): creates missing indexes and rebuilds stale ones now, unless the
 * running app rebuilt them while we waited for the lease.
 */
export async function ensureCompleteIndexes(
  client: Meilisearch,
  options: { db?: Db; say?: (message: string) => void } = {},
) {
  const db = options.db ?? getDb();
  const stale = await ensureIndexes(client, db);
  if (stale.length > 0) {
    options.say?.(`rebuilding the search index (${describeStaleIndexes(stale)})…`);
    await reindexAll(client, { db, entities: stale.map((s) => s.entity), onlyStale: true });
  }
  return stale;
}
