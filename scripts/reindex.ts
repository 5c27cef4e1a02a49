import { migrateDatabase } from "#app/infra/db.server.ts";
import { getMeili } from "#app/infra/meili.server.ts";
import { seedVocabularyFromFile } from "./lib/seed-data.ts";
import { reindexAll } from "#app/modules/search/reindex.server.ts";
import { drainOutbox } from "#app/modules/search/sync.server.ts";
import { EXIT, log, runCli } from "./lib/cli.ts";
import { ensureMeiliForCommand } from "./lib/meili-process.ts";

function bar(done: number, total: number, width = 30) {
  const ratio = total === 0 ? 1 : done / total;
  const filled = Math.round(ratio * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}`;
}

await runCli(async () => {
  migrateDatabase();
  seedVocabularyFromFile();
  let meili;
  try {
    meili = await ensureMeiliForCommand();
  } catch (e) {
    log(`Meilisearch cannot be reached: ${(e as Error).message}`);
    return EXIT.unavailable;
  }
  try {
    const client = getMeili()!;
    const started = Date.now();
    await reindexAll(client, {
      onProgress: (entity, done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${entity.padEnd(9)} ${bar(done, total)}`);
        else if (done === total) log(`${entity.padEnd(9)} ${bar(done, total)}`);
        if (done === total && process.stderr.isTTY) process.stderr.write("\n");
      },
    });
    await drainOutbox({ client });
    log(`reindexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return EXIT.ok;
  } finally {
    await meili.release();
  }
});
