/**
 * `npm run privacy:retention [-- --dry-run] [-- --days N]`: erases the
 * participants whose path ended more than RETENTION_DAYS ago (see
 * app/modules/privacy), and deletes the public forms' applications nobody
 * handled within 90 days (or handled more than 90 days ago; `npm start`
 * does this every few minutes too). Run it daily from cron or a systemd timer.
 */
import { z } from "zod";
import { getEnv } from "#app/infra/env.server.ts";
import { migrateDatabase } from "#app/infra/db.server.ts";
import { eraseExpiredParticipants } from "#app/modules/privacy/privacy.server.ts";
import { deleteExpiredApplications } from "#app/modules/recruitment/applications-retention.server.ts";
import { EXIT, log, runCli } from "./lib/cli.ts";

const ArgsSchema = z.object({
  dryRun: z.boolean(),
  days: z.coerce.number().int().min(1).optional(),
});

await runCli(async () => {
  const argv = process.argv.slice(2);
  const daysAt = argv.indexOf("--days");
  const parsed = ArgsSchema.safeParse({
    dryRun: argv.includes("--dry-run"),
    days: daysAt >= 0 ? argv[daysAt + 1] : undefined,
  });
  if (!parsed.success) {
    log("usage: npm run privacy:retention -- [--dry-run] [--days N]  (N a whole number ≥ 1)");
    return EXIT.badInput;
  }
  migrateDatabase();
  const days = parsed.data.days ?? getEnv().RETENTION_DAYS;
  const result = await eraseExpiredParticipants(days, { dryRun: parsed.data.dryRun });
  const applicationsDeleted = parsed.data.dryRun ? 0 : deleteExpiredApplications();
  console.log(
    JSON.stringify({
      retentionDays: days,
      dryRun: parsed.data.dryRun,
      ...result,
      applicationsDeleted,
    }),
  );
  return EXIT.ok;
});
