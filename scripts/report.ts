/**
 * `npm run -s report -- --from YYYY-MM-DD --to YYYY-MM-DD [--organization <ref>] [--json]`
 * The outcome report's raw numbers from the local database (docs/interfaces.md):
 * the same module function as the report page, without small-cell suppression.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { getDb, migrateDatabase } from "#app/infra/db.server.ts";
import { getOrganizationByRef } from "#app/modules/organizations/organizations.server.ts";
import { ReportPeriodSchema } from "#app/modules/reports/reports-schema.ts";
import { computeReportInParallel, toContractJson } from "#app/modules/reports/reports.server.ts";
import { EXIT, fail, runCli } from "./lib/cli.ts";

const USAGE =
  "usage: npm run -s report -- --from YYYY-MM-DD --to YYYY-MM-DD [--organization <ref>] [--json]";

const MESSAGES: Record<string, string> = {
  "reports.error.date": "must be a calendar date YYYY-MM-DD",
  "reports.error.order": "--from must not be after --to",
};

await runCli(async () => {
  let values: { from?: string; to?: string; organization?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2).filter((a) => a !== "--"),
      options: {
        from: { type: "string" },
        to: { type: "string" },
        organization: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const period = ReportPeriodSchema.safeParse({ from: values.from, to: values.to });
  if (!period.success) {
    const lines = period.error.issues.map(
      (i) => `--${i.path.join(".")}: ${MESSAGES[i.message] ?? i.message}`,
    );
    fail(`${lines.join("\n")}\n${USAGE}`);
  }
  const orgRef =
    values.organization === undefined
      ? undefined
      : z.string().trim().min(1).max(100).safeParse(values.organization);
  if (orgRef && !orgRef.success) fail(`--organization: give an organization ref\n${USAGE}`);

  migrateDatabase();
  const db = getDb();
  let organizationIds: number[] | null = null;
  if (orgRef?.success) {
    const org = getOrganizationByRef(orgRef.data, db);
    if (!org) fail(`unknown organization: ${orgRef.data}`);
    organizationIds = [org.id];
  }
  const report = await computeReportInParallel(
    { ...period.data, organizationIds, organizationRef: orgRef?.success ? orgRef.data : null },
    db,
  );
  const json = toContractJson(report);
  if (values.json) {
    console.log(JSON.stringify(json, null, 2));
    return EXIT.ok;
  }
  console.log(`${json.from} – ${json.to}${json.organization ? ` (${json.organization})` : ""}`);
  console.log(`participants: ${json.participants}`);
  for (const [step, n] of Object.entries(json.steps)) console.log(`${step}: ${n}`);
  for (const [path, n] of Object.entries(json.onward)) console.log(`onward ${path}: ${n}`);
  for (const [reason, n] of Object.entries(json.ended)) console.log(`ended ${reason}: ${n}`);
  return EXIT.ok;
});
