import { sql } from "drizzle-orm";
import { searchOutbox } from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { getMeili, isMeiliUnreachable } from "#app/infra/meili.server.ts";
import { ensureCompleteIndexes } from "#app/modules/search/reindex.server.ts";
import { drainOutbox } from "#app/modules/search/sync.server.ts";
import { ensureMeiliForCommand } from "./meili-process.ts";
import { log } from "./cli.ts";

/**
 * After a command's writes: bring the index in sync and wait for it. A
 * missing, incomplete or outdated index is rebuilt first (unless the running
 * app did it meanwhile). When the running app holds the drain lease, its
 * drainer does the work and we wait until our rows have left the outbox,
 * for as long as they keep leaving (`stallMs` without progress ends it).
 */
export async function syncIndexForCommand(
  stallMs = 120_000,
): Promise<{ ok: true } | { ok: false; error: string }> {
  const db = getDb();
  const lastId =
    db
      .select({ m: sql<number | null>`max(${searchOutbox.id})` })
      .from(searchOutbox)
      .get()?.m ?? 0;
  let meili: { release: () => Promise<void> } | undefined;
  try {
    meili = await ensureMeiliForCommand();
    const client = getMeili();
    if (!client) return { ok: false, error: "Meilisearch is not configured" };
    await ensureCompleteIndexes(client, { db, say: log });
    let deadline = Date.now() + stallMs;
    let lastPending = Infinity;
    for (;;) {
      const result = await drainOutbox({ client, db });
      const pending =
        db
          .select({ n: sql<number>`count(*)` })
          .from(searchOutbox)
          .where(sql`${searchOutbox.id} <= ${lastId}`)
          .get()?.n ?? 0;
      if (pending === 0) return { ok: true };
      if (result.error && result.error !== "lease held") return { ok: false, error: result.error };
      if (pending < lastPending) {
        lastPending = pending;
        deadline = Date.now() + stallMs;
      }
      if (Date.now() > deadline)
        return { ok: false, error: "timed out waiting for the search index" };
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (e) {
    if (isMeiliUnreachable(e) || (e instanceof Error && /Meilisearch/.test(e.message))) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    throw e;
  } finally {
    await meili?.release().catch((e) => log(`could not stop Meilisearch: ${e}`));
  }
}
