import fs from "node:fs";
import { migrateDatabase } from "#app/infra/db.server.ts";
import { seedVocabularyFromFile } from "./lib/seed-data.ts";
import { formatIssue, importData, IMPORT_KINDS } from "#app/modules/import/import.server.ts";
import { EXIT, fail, log, runCli, userPath } from "./lib/cli.ts";
import { syncIndexForCommand } from "./lib/index-sync.ts";

await runCli(async () => {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.length !== 1 || args[0]!.startsWith("-"))
    fail("usage: npm run -s data:import -- <file.json>");
  const file = userPath(args[0]!);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    fail(
      `cannot read ${args[0]}: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : ((e as NodeJS.ErrnoException).code ?? e)}`,
    );
  }
  migrateDatabase();
  seedVocabularyFromFile();
  const result = importData(raw, { kind: "system", name: "import" });
  if (!result.ok) {
    for (const issue of result.issues) console.error(formatIssue(issue));
    log(`import refused: ${result.issues.length} problem(s); nothing was written`);
    return EXIT.badInput;
  }
  for (const kind of IMPORT_KINDS) {
    const c = result.counts[kind];
    console.log(`${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  }
  const sync = await syncIndexForCommand();
  if (!sync.ok) {
    log(
      `saved to the database, but the search index could not be updated now (${sync.error}); it will catch up when Meilisearch is reachable`,
    );
    return EXIT.unavailable;
  }
  log("search index is in sync");
  return EXIT.ok;
});
