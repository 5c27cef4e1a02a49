import { migrateDatabase } from "#app/infra/db.server.ts";
import { hasOrganizations, seedDemoData } from "./lib/seed.ts";
import { runCli, log } from "./lib/cli.ts";

await runCli(async () => {
  migrateDatabase();
  if (hasOrganizations()) {
    log("the database already has organizations: demo data not seeded again");
    return 0;
  }
  const counts = await seedDemoData();
  log(
    `seeded demo data: ${JSON.stringify(counts)}; the index catches up when the app or a command drains the outbox`,
  );
});
