import { migrateDatabase } from "#app/infra/db.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { runCli, log } from "./lib/cli.ts";

await runCli(async () => {
  migrateDatabase();
  log(`migrated ${getEnv().databasePath}`);
});
