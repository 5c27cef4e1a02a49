/**
 * `npm run -s data:import -- <file.json>` (docs/import-format.md): checks the
 * whole file, then saves it in short transactions with pauses between them,
 * so that people using the running app can save their own work meanwhile
 * (ADR 015), then waits until the search index has the changes.
 */
import fs from "node:fs";
import { isDatabaseBusy, migrateDatabase } from "#app/infra/db.server.ts";
import { seedVocabulary } from "#app/modules/interests/interests.server.ts";
import {
  formatIssue,
  IMPORT_KINDS,
  prepareImport,
  type ImportWriter,
} from "#app/modules/import/import.server.ts";
import { EXIT, fail, log, runCli, userPath } from "./lib/cli.ts";
import { syncIndexForCommand } from "./lib/index-sync.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const number = (n: number) => n.toLocaleString("en");
/** A chunk that met a lock held longer than the busy timeout is tried again this many times. */
const BUSY_RETRIES = 5;

/**
 * Writes chunk after chunk. After each one the import waits as long as the
 * chunk took (at least 10 ms): the app's writers, who wait for the lock by
 * polling every few to 100 ms, find it free about half of the time.
 */
async function writeAll(writer: ImportWriter, interrupted: () => boolean) {
  let lastReport = Date.now();
  let busy = 0;
  for (;;) {
    if (interrupted()) return "interrupted" as const;
    const started = performance.now();
    let more: boolean;
    try {
      more = writer.writeChunk();
      busy = 0;
    } catch (e) {
      if (!isDatabaseBusy(e) || ++busy > BUSY_RETRIES) throw e;
      log(`the database is busy (another write holds it); trying again (${busy}/${BUSY_RETRIES})`);
      await sleep(1_000 * busy);
      continue;
    }
    if (!more) return "done" as const;
    if (Date.now() - lastReport > 2_000) {
      lastReport = Date.now();
      log(`saved ${number(writer.saved)} of ${number(writer.total)} records…`);
    }
    await sleep(Math.max(10, performance.now() - started));
  }
}

await runCli(async () => {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.length !== 1 || args[0]!.startsWith("-"))
    fail("usage: npm run -s data:import -- <file.json>");
  const file = userPath(args[0]!);
  const started = performance.now();
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    fail(
      `cannot read ${args[0]}: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : ((e as NodeJS.ErrnoException).code ?? e)}`,
    );
  }
  migrateDatabase();
  seedVocabulary();
  const prepared = prepareImport(raw, { kind: "system", name: "import" });
  raw = undefined; // the parsed records are all the writer needs
  if (!prepared.ok) {
    for (const issue of prepared.issues) console.error(formatIssue(issue));
    log(`import refused: ${prepared.issues.length} problem(s); nothing was written`);
    return EXIT.badInput;
  }
  const { writer } = prepared;
  const validated = performance.now();
  log(
    `the file is valid: ${number(writer.total)} records (checked in ${seconds(validated - started)})`,
  );

  let stop = false;
  const onSignal = () => (stop = true);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let outcome: "done" | "interrupted";
  try {
    outcome = await writeAll(writer, () => stop);
  } catch (e) {
    log(
      `import stopped after ${number(writer.saved)} of ${number(writer.total)} records: ${e instanceof Error ? e.message : e}\n` +
        "The records saved so far stay saved; run the same file again to complete the import.",
    );
    return isDatabaseBusy(e) ? EXIT.unavailable : EXIT.badInput;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (outcome === "interrupted") {
    log(
      `import interrupted after ${number(writer.saved)} of ${number(writer.total)} records; ` +
        "they stay saved: run the same file again to complete the import",
    );
    return 130;
  }
  const written = performance.now();
  for (const kind of IMPORT_KINDS) {
    const c = writer.counts[kind];
    console.log(`${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  }
  log(
    `saved ${number(writer.total)} records in ${seconds(written - validated)} ` +
      `(${number(Math.round(writer.total / Math.max(0.001, (written - validated) / 1000)))} records/s)`,
  );
  const sync = await syncIndexForCommand();
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (!sync.ok) {
    log(
      `saved to the database, but the search index could not be updated now (${sync.error}); it will catch up when Meilisearch is reachable`,
    );
    log(`peak memory ${peakMb} MB`);
    return EXIT.unavailable;
  }
  log(
    `search index is in sync (${seconds(performance.now() - written)}); whole import ${seconds(performance.now() - started)}, peak memory ${peakMb} MB`,
  );
  return EXIT.ok;
});
