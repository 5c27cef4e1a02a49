import type { Meilisearch } from "meilisearch";
import type { SearchEntity } from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import {
  getMeili,
  indexUid,
  isMeiliUnreachable,
  markIndexBuilt,
  meiliApiError,
  meiliErrorCode,
  readIndexState,
} from "#app/infra/meili.server.ts";
import {
  deleteOutboxRows,
  markOutboxFailure,
  readOutboxBatch,
  releaseLease,
  tryAcquireLease,
} from "#app/infra/outbox.server.ts";
import {
  ACTIVITIES_INDEX,
  activityIndexFingerprint,
  activitySettings,
  loadActivityDocuments,
} from "../catalog/activity-search.server.ts";
import { buildSynonyms, getInterestMatcher } from "../interests/interests.server.ts";
import {
  PILOTS_INDEX,
  pilotIndexFingerprint,
  pilotSettings,
  loadPilotDocuments,
} from "../pilots/pilot-search.server.ts";

type IndexSpec = {
  base: string;
  /** The SQLite table whose every row has a document. */
  table: "activities" | "pilots";
  settings: (synonyms: Record<string, string[]>) => Record<string, unknown>;
  /** Changes when the settings or the document format change: the index is then rebuilt. */
  fingerprint: () => string;
  load: (ids: number[], db: Db) => { id: number }[];
  allIds: (db: Db) => number[];
};

/** One entry per Meilisearch index: how to build its documents from SQLite. */
export const INDEXES: Record<SearchEntity, IndexSpec> = {
  activity: {
    base: ACTIVITIES_INDEX,
    table: "activities",
    settings: activitySettings,
    fingerprint: activityIndexFingerprint,
    load: loadActivityDocuments,
    allIds: (db) =>
      db.$client.prepare("select id from activities order by id").pluck().all() as number[],
  },
  pilot: {
    base: PILOTS_INDEX,
    table: "pilots",
    settings: pilotSettings,
    fingerprint: pilotIndexFingerprint,
    load: loadPilotDocuments,
    allIds: (db) =>
      db.$client.prepare("select id from pilots order by id").pluck().all() as number[],
  },
};

export const DRAIN_LEASE = "search-outbox";

/** Why an index must be rebuilt from SQLite before searches may use it. */
export type StaleIndex = {
  entity: SearchEntity;
  reason: "missing" | "unmarked" | "outdated" | "empty";
};

/** Rows of the entity's table that no pending outbox row will bring to the index. */
function rowsOutsideOutbox(spec: IndexSpec, entity: SearchEntity, db: Db): number {
  return db.$client
    .prepare(
      `select count(*) from ${spec.table} where id not in
        (select entity_id from search_outbox where entity = ?)`,
    )
    .pluck()
    .get(entity) as number;
}

/**
 * The indexes that searches must not use until they are rebuilt: missing,
 * not (or not completely) built by Luotsi, built with older settings or
 * document format, or empty while SQLite has rows for them.
 */
export async function findStaleIndexes(
  client: Meilisearch,
  db: Db = getDb(),
): Promise<StaleIndex[]> {
  const stale: StaleIndex[] = [];
  for (const [entity, spec] of Object.entries(INDEXES) as [SearchEntity, IndexSpec][]) {
    const state = await readIndexState(client, spec.base, spec.fingerprint());
    if (state.state !== "ready") {
      stale.push({ entity, reason: state.state });
      continue;
    }
    const { numberOfDocuments } = await client.index(indexUid(spec.base)).getStats();
    if (numberOfDocuments === 0 && rowsOutsideOutbox(spec, entity, db) > 0)
      stale.push({ entity, reason: "empty" });
  }
  return stale;
}

/**
 * Creates missing indexes with their settings and brings the settings of
 * existing ones up to date (synonyms follow the vocabulary). A new index is
 * complete when the outbox still holds every row of its table (a fresh
 * database); otherwise it is returned, with every other stale index, for a
 * rebuild from SQLite (`reindexAll`, in the background in the app).
 */
export async function ensureIndexes(client: Meilisearch, db: Db = getDb()): Promise<StaleIndex[]> {
  const synonyms = buildSynonyms(getInterestMatcher(db));
  for (const [entity, spec] of Object.entries(INDEXES) as [SearchEntity, IndexSpec][]) {
    const uid = indexUid(spec.base);
    let created = false;
    try {
      await client.getIndex(uid);
    } catch (e) {
      if (meiliErrorCode(e) !== "index_not_found") throw e;
      await client.createIndex(uid, { primaryKey: "id" }).waitTask();
      created = true;
    }
    await client.index(uid).updateSettings(spec.settings(synonyms)).waitTask();
    if (created && rowsOutsideOutbox(spec, entity, db) === 0)
      await markIndexBuilt(client, spec.base, spec.fingerprint());
  }
  return findStaleIndexes(client, db);
}

export function describeStaleIndexes(stale: StaleIndex[]) {
  const words = {
    missing: "missing",
    unmarked: "incomplete",
    outdated: "older settings",
    empty: "empty",
  };
  return stale.map((s) => `${indexUid(INDEXES[s.entity].base)}: ${words[s.reason]}`).join(", ");
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
