import { getDb } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { releaseLease } from "#app/infra/outbox.server.ts";
import { singleton } from "#app/infra/singleton.server.ts";
import { reindexAll } from "./reindex.server.ts";
import {
  describeStaleIndexes,
  drainOutbox,
  DRAIN_LEASE,
  ensureIndexes,
  findStaleIndexes,
} from "./sync.server.ts";

/** How often the running app checks that its indexes are complete and current. */
const INDEX_CHECK_MS = 15_000;

/**
 * The running app's drainer: polls the outbox, backs off while Meilisearch
 * is down, and looks after the indexes: on start, after every outage and
 * every few seconds it checks them, and rebuilds a missing, incomplete,
 * empty or outdated one from SQLite by index swap while the catalog answers
 * from SQLite (ADR 002). The drain waits meanwhile; the rebuild holds its lease.
 */
export function startOutboxWorker(options: {
  intervalMs: number;
  onError?: (message: string) => void;
  onInfo?: (message: string) => void;
}) {
  return singleton("outbox-worker", () => {
    let stopped = false;
    let ready = false;
    let lastCheck = 0;
    let delay = options.intervalMs;
    let timer: NodeJS.Timeout | undefined;
    let lastError: string | undefined;
    const tick = async () => {
      if (stopped) return;
      try {
        const client = getMeili();
        if (client && (!ready || Date.now() - lastCheck > INDEX_CHECK_MS)) {
          const stale = ready ? await findStaleIndexes(client) : await ensureIndexes(client);
          ready = true;
          if (stale.length > 0) {
            options.onInfo?.(
              `rebuilding the search index in the background (${describeStaleIndexes(stale)}); the catalog answers from SQLite until it is ready`,
            );
            const started = Date.now();
            const rebuilt = await reindexAll(client, {
              entities: stale.map((s) => s.entity),
              onlyStale: true,
            });
            if (rebuilt.length > 0)
              options.onInfo?.(
                `search index rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`,
              );
          }
          lastCheck = Date.now();
        }
        const result = await drainOutbox({ client });
        if (result.error && result.error !== "lease held") {
          if (result.error !== lastError) options.onError?.(result.error);
          lastError = result.error;
          // Check the indexes again when Meilisearch answers again: it may have lost them.
          ready = false;
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
