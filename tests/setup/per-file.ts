import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

/**
 * Each test file gets its own SQLite file and its own index prefix on the
 * shared Meilisearch, so files run in parallel without seeing each other.
 */
const id = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
const dataDir = path.resolve("test-data", `run-${id}`);
fs.mkdirSync(dataDir, { recursive: true });
const meili = inject("meili");

process.env.NODE_ENV = "test";
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_PATH;
process.env.MEILI_URL = meili.url;
process.env.MEILI_MASTER_KEY = meili.key;
process.env.MEILI_INDEX_PREFIX = `t${id.replace(/-/g, "_")}_`;
process.env.OUTBOX_INTERVAL_MS = "20";

const store = globalThis as unknown as { __luotsi?: Map<string, unknown> };
store.__luotsi = new Map();

afterAll(async () => {
  const db = store.__luotsi?.get("db") as { $client?: { close(): void } } | undefined;
  db?.$client?.close();
  const { getMeili, indexUid } = await import("#app/infra/meili.server.ts");
  const client = getMeili();
  if (client) {
    const { results } = await client.getIndexes({ limit: 1000 }).catch(() => ({ results: [] }));
    const prefix = indexUid("");
    await Promise.all(
      results
        .filter((i) => i.uid.startsWith(prefix))
        .map((i) =>
          client
            .deleteIndex(i.uid)
            .waitTask()
            .catch(() => {}),
        ),
    );
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});
