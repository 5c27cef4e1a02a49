import type { Meilisearch } from "meilisearch";
import type { SearchEntity } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { indexUid, meiliErrorCode } from "#app/infra/meili.server.ts";
import { releaseLease, tryAcquireLease } from "#app/infra/outbox.server.ts";
import { buildSynonyms, getInterestMatcher } from "../interests/interests.server.ts";
import { DRAIN_LEASE, INDEXES } from "./sync.server.ts";

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
 * see a half-built index. Holds the drain lease meanwhile: changes made during
 * the rebuild stay in the outbox and are applied to the new index afterwards.
 */
export async function reindexAll(
  client: Meilisearch,
  options: {
    db?: Db;
    batchSize?: number;
    onProgress?: ReindexProgress;
    entities?: SearchEntity[];
  } = {},
) {
  const db = options.db ?? getDb();
  const batchSize = options.batchSize ?? 2000;
  const deadline = Date.now() + 60_000;
  while (!tryAcquireLease(db, DRAIN_LEASE, 120_000)) {
    if (Date.now() > deadline) throw new Error("the outbox drainer did not release its lease");
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    const synonyms = buildSynonyms(getInterestMatcher(db));
    for (const entity of options.entities ?? (Object.keys(INDEXES) as SearchEntity[])) {
      const spec = INDEXES[entity];
      const live = indexUid(spec.base);
      const next = `${live}_next`;
      await deleteIndexIfExists(client, next);
      await client.createIndex(next, { primaryKey: "id" }).waitTask();
      await client.index(next).updateSettings(spec.settings(synonyms)).waitTask();
      const ids = spec.allIds(db);
      const tasks = [];
      for (let i = 0; i < ids.length; i += batchSize) {
        const docs = spec.load(ids.slice(i, i + batchSize), db);
        tasks.push(client.index(next).addDocuments(docs, { primaryKey: "id" }));
        tryAcquireLease(db, DRAIN_LEASE, 120_000);
        options.onProgress?.(entity, Math.min(i + batchSize, ids.length), ids.length);
      }
      for (const task of tasks) {
        const done = await task.waitTask({ timeout: 600_000 });
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
    }
  } finally {
    releaseLease(db, DRAIN_LEASE);
  }
}
