/**
 * `npx tsx scripts/bench-report.ts [--participants N] [--steps N]`
 * Generates 100k participants and 1M path steps (default) into a temporary
 * DATA_DIR and times the outcome report over a quarter, a year and all time.
 * The goal is under one second per report on one machine (issue 6).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    participants: { type: "string", default: "100000" },
    steps: { type: "string", default: "1000000" },
    keep: { type: "boolean", default: false },
  },
});
const PARTICIPANTS = Number(values.participants);
const STEPS = Number(values.steps);
if (!Number.isInteger(PARTICIPANTS) || PARTICIPANTS < 1 || !Number.isInteger(STEPS) || STEPS < 1) {
  console.error("--participants and --steps must be positive integers");
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "luotsi-bench-report-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_PATH;

const { getDb, migrateDatabase } = await import("#app/infra/db.server.ts");
const { computeReport } = await import("#app/modules/reports/reports.server.ts");
const { PATH_STEPS, ONWARD_PATHS, END_REASONS, GENDERS } = await import("#db/schema.ts");

const log = (m: string) => console.error(m);
const ORGS = 20;
const MUNICIPALITIES = [
  "Parikkala",
  "Savonlinna",
  "Imatra",
  "Lappeenranta",
  "Pori",
  "Vaasa",
  "Oulu",
  "Kuopio",
];

// A small deterministic generator: the same data on every run.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const SPAN_DAYS = 4 * 365;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

try {
  migrateDatabase();
  const sqlite = getDb().$client;
  let t = performance.now();
  sqlite.transaction(() => {
    const org = sqlite.prepare(
      "insert into organizations (ref, name, municipality) values (?, ?, ?)",
    );
    for (let i = 1; i <= ORGS; i++) org.run(`org-${i}`, `Yhdistys ${i}`, pick(MUNICIPALITIES));
    const participant = sqlite.prepare(
      `insert into participants (ref, organization_id, municipality, gender, birth_year, languages)
       values (?, ?, ?, ?, ?, '["fi"]')`,
    );
    for (let i = 1; i <= PARTICIPANTS; i++)
      participant.run(
        `p-${i}`,
        1 + (i % ORGS),
        pick(MUNICIPALITIES),
        pick(GENDERS),
        rand() < 0.1 ? null : 1950 + Math.floor(rand() * 58),
      );
    // Each participant climbs the ladder from a random first day; steps are spread over four years.
    const step = sqlite.prepare(
      `insert or ignore into path_steps (participant_id, step, date, onward_path, end_reason, source)
       values (?, ?, ?, ?, ?, 'import')`,
    );
    for (let p = 1; p <= PARTICIPANTS; p++) {
      let day = START + Math.floor(rand() * SPAN_DAYS) * DAY;
      // Exactly STEPS in all, spread evenly over the participants.
      const n =
        Math.floor((STEPS * p) / PARTICIPANTS) - Math.floor((STEPS * (p - 1)) / PARTICIPANTS);
      for (let k = 0; k < n; k++) {
        const kind =
          PATH_STEPS[Math.min(PATH_STEPS.length - 1, Math.floor((k * PATH_STEPS.length) / n))]!;
        step.run(
          p,
          kind,
          isoDay(day),
          kind === "onward" ? pick(ONWARD_PATHS) : "",
          kind === "ended" ? pick(END_REASONS) : "",
        );
        day += Math.floor(1 + rand() * 40) * DAY;
      }
    }
  })();
  sqlite.exec("analyze");
  const counts = sqlite
    .prepare(
      "select (select count(*) from participants) as participants, (select count(*) from path_steps) as steps",
    )
    .get() as { participants: number; steps: number };
  log(
    `generated ${counts.participants} participants and ${counts.steps} path steps in ${Math.round(performance.now() - t)} ms`,
  );

  const cases = [
    {
      name: "quarter, all organizations",
      from: "2025-01-01",
      to: "2025-03-31",
      organizationIds: null,
    },
    {
      name: "year, all organizations",
      from: "2025-01-01",
      to: "2025-12-31",
      organizationIds: null,
    },
    {
      name: "all time, all organizations",
      from: "2000-01-01",
      to: "2030-12-31",
      organizationIds: null,
    },
    { name: "year, one organization", from: "2025-01-01", to: "2025-12-31", organizationIds: [1] },
    {
      name: "year, five organizations",
      from: "2025-01-01",
      to: "2025-12-31",
      organizationIds: [1, 2, 3, 4, 5],
    },
  ];
  const results: { name: string; ms: number; cpuMs: number; participants: number }[] = [];
  computeReport(cases[0]!); // warm the page cache and statement compilation
  for (const c of cases) {
    const runs: number[] = [];
    const cpu: number[] = [];
    let participants = 0;
    for (let i = 0; i < 3; i++) {
      const c0 = process.cpuUsage();
      t = performance.now();
      participants = computeReport(c).participants;
      runs.push(performance.now() - t);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
    }
    const ms = Math.round(Math.min(...runs));
    const cpuMs = Math.round(Math.min(...cpu));
    results.push({ name: c.name, ms, cpuMs, participants });
    log(
      `${c.name}: ${ms} ms wall, ${cpuMs} ms CPU (best of 3; ${participants} participants in the period)`,
    );
  }
  console.log(
    JSON.stringify({ participants: counts.participants, steps: counts.steps, results }, null, 2),
  );
  const slow = results.filter((r) => r.ms >= 1000);
  if (slow.length > 0) {
    log(`over the 1 s goal: ${slow.map((r) => r.name).join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  getDb().$client.close();
  if (!values.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  else log(`kept ${dataDir}`);
}
