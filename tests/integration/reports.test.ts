import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import {
  attendance,
  participants,
  pathSteps,
  selfAssessments,
  type Gender,
  type PathStepKind,
} from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { computeReport, toContractJson } from "#app/modules/reports/reports.server.ts";
import { suppress } from "#app/modules/reports/report-tables.ts";
import { loader as reportLoader } from "#app/routes/reports._index.tsx";
import { loader as downloadLoader } from "#app/routes/reports.download.tsx";
import {
  BASE,
  createActivity,
  createOrganization,
  createUser,
  prepareDatabase,
  signedInRequest,
} from "../factories/index.ts";

const run = promisify(execFile);

type Step = { step: PathStepKind; date: string; onwardPath?: string; endReason?: string };

let seq = 0;
function addParticipant(
  organizationId: number,
  p: { gender?: Gender; birthYear?: number | null; municipality: string; steps: Step[] },
) {
  const db = getDb();
  const row = db
    .insert(participants)
    .values({
      ref: `rp-${++seq}`,
      organizationId,
      municipality: p.municipality,
      gender: p.gender ?? "unknown",
      birthYear: p.birthYear ?? null,
      languages: ["fi"],
    })
    .returning()
    .get();
  for (const s of p.steps)
    db.insert(pathSteps)
      .values({
        participantId: row.id,
        step: s.step,
        date: s.date,
        onwardPath: s.onwardPath ?? "",
        endReason: s.endReason ?? "",
      })
      .run();
  return row;
}

const PERIOD = { from: "2026-01-01", to: "2026-06-30" };
let orgA: { id: number; ref: string };
let orgB: { id: number; ref: string };

beforeAll(() => {
  prepareDatabase();
  orgA = createOrganization({ municipality: "Parikkala" });
  orgB = createOrganization({ municipality: "Savonlinna" });
  const db = getDb();
  // Steps exactly on the period's first and last day count; age 24 in the to-year is under 25.
  const a1 = addParticipant(orgA.id, {
    gender: "female",
    birthYear: 2002,
    municipality: "Parikkala",
    steps: [
      { step: "reached", date: "2026-01-01" },
      { step: "started", date: "2026-06-30" },
    ],
  });
  // A day outside on each side does not count; two onward paths count once each, a repeat of one once.
  const a2 = addParticipant(orgA.id, {
    gender: "male",
    birthYear: 2001,
    municipality: "Parikkala",
    steps: [
      { step: "reached", date: "2025-12-31" },
      { step: "started", date: "2026-01-15" },
      { step: "onward", date: "2026-03-01", onwardPath: "work-trial" },
      { step: "onward", date: "2026-05-01", onwardPath: "education" },
      { step: "onward", date: "2026-05-02", onwardPath: "education" },
    ],
  });
  addParticipant(orgA.id, {
    gender: "female",
    birthYear: 1997,
    municipality: "Imatra",
    steps: [{ step: "reached", date: "2026-07-01" }],
  });
  const a4 = addParticipant(orgA.id, {
    gender: "other",
    birthYear: 1996,
    municipality: "Imatra",
    steps: [
      { step: "reached", date: "2026-02-01" },
      { step: "reached", date: "2026-03-01" },
      { step: "ended", date: "2026-04-01", endReason: "no-contact" },
    ],
  });
  addParticipant(orgA.id, {
    gender: "unknown",
    birthYear: 1972,
    municipality: "Parikkala",
    steps: [
      { step: "regular", date: "2026-02-01" },
      { step: "committed", date: "2026-02-02" },
    ],
  });
  addParticipant(orgA.id, {
    gender: "female",
    birthYear: 1971,
    municipality: "Parikkala",
    steps: [
      { step: "reached", date: "2026-01-10" },
      { step: "ended", date: "2026-06-01", endReason: "employed" },
      { step: "ended", date: "2026-06-02", endReason: "moved" },
    ],
  });
  addParticipant(orgA.id, {
    gender: "male",
    birthYear: null,
    municipality: "Parikkala",
    steps: [{ step: "started", date: "2026-03-03" }],
  });
  addParticipant(orgB.id, {
    gender: "female",
    birthYear: 1990,
    municipality: "Savonlinna",
    steps: [
      { step: "reached", date: "2026-02-02" },
      { step: "onward", date: "2026-02-03", onwardPath: "work-trial" },
    ],
  });
  const activity = createActivity(orgA.id);
  db.insert(attendance)
    .values({
      activityId: activity.id,
      participantId: a1.id,
      sessionDate: "2026-10-06",
      present: true,
    })
    .run();
  const scores = (w: number) => ({
    workAbility: w,
    mentalWellbeing: w,
    socialParticipation: w,
    physicalFunctioning: w,
    competence: w,
    everydayLife: w + 1,
  });
  db.insert(selfAssessments)
    .values([
      { participantId: a1.id, phase: "start", date: "2026-01-05", ...scores(3) },
      { participantId: a1.id, phase: "end", date: "2026-06-20", ...scores(6) },
      { participantId: a2.id, phase: "start", date: "2025-12-01", ...scores(5) },
      { participantId: a2.id, phase: "along", date: "2026-03-01", ...scores(6) },
      { participantId: a2.id, phase: "along", date: "2026-07-15", ...scores(9) },
      { participantId: a4.id, phase: "start", date: "2026-02-01", ...scores(2) },
    ])
    .run();
});

const steps = (s: Partial<Record<PathStepKind, number>>) => ({
  reached: 0,
  started: 0,
  regular: 0,
  committed: 0,
  onward: 0,
  ended: 0,
  ...s,
});

describe("report numbers against a hand-computed fixture", () => {
  it("counts one organization's participants per CONTRACT.md", () => {
    const r = computeReport({ ...PERIOD, organizationIds: [orgA.id], organizationRef: orgA.ref });
    expect(toContractJson(r)).toEqual({
      from: "2026-01-01",
      to: "2026-06-30",
      organization: orgA.ref,
      participants: 6,
      steps: steps({ reached: 3, started: 3, regular: 1, committed: 1, onward: 1, ended: 2 }),
      onward: { "work-trial": 1, education: 1 },
      ended: { employed: 1, moved: 1, "no-contact": 1 },
      byGender: {
        female: { participants: 2, steps: steps({ reached: 2, started: 1, ended: 1 }) },
        male: { participants: 2, steps: steps({ started: 2, onward: 1 }) },
        other: { participants: 1, steps: steps({ reached: 1, ended: 1 }) },
        unknown: { participants: 1, steps: steps({ regular: 1, committed: 1 }) },
      },
      byAgeGroup: {
        "under-25": { participants: 1, steps: steps({ reached: 1, started: 1 }) },
        "25-29": { participants: 1, steps: steps({ started: 1, onward: 1 }) },
        "30-54": {
          participants: 2,
          steps: steps({ reached: 1, regular: 1, committed: 1, ended: 1 }),
        },
        "55-plus": { participants: 1, steps: steps({ reached: 1, ended: 1 }) },
        unknown: { participants: 1, steps: steps({ started: 1 }) },
      },
      byMunicipality: {
        Imatra: { participants: 1, steps: steps({ reached: 1, ended: 1 }) },
        Parikkala: {
          participants: 5,
          steps: steps({ reached: 2, started: 3, regular: 1, committed: 1, onward: 1, ended: 1 }),
        },
      },
    });
  });

  it("adds the other organization when the report covers all", () => {
    const r = computeReport({ ...PERIOD, organizationIds: null });
    expect(r.organization).toBeNull();
    expect(r.participants).toBe(7);
    expect(r.steps.reached).toBe(4);
    expect(r.onward).toEqual({ "work-trial": 2, education: 1 });
    expect(r.byGender.female?.participants).toBe(3);
    expect(r.byMunicipality.Savonlinna?.participants).toBe(1);
  });

  it("computes retention three months after starting, measurable only once three months have passed", () => {
    const late = computeReport({ ...PERIOD, organizationIds: [orgA.id] }, getDb(), "2026-11-23");
    // a1 (attended after her mark), a2 (onward after his mark) stayed; a7 did not.
    expect(late.retention).toEqual({ started: 3, measurable: 3, retained: 2 });
    const early = computeReport({ ...PERIOD, organizationIds: [orgA.id] }, getDb(), "2026-08-01");
    expect(early.retention).toEqual({ started: 3, measurable: 2, retained: 1 });
  });

  it("compares the start self-assessment with the latest one inside the period", () => {
    const r = computeReport({ ...PERIOD, organizationIds: [orgA.id] });
    expect(r.assessments.participants).toBe(2);
    expect(r.assessments.measures.workAbility).toEqual({ start: 4, latest: 6, change: 2 });
    expect(r.assessments.measures.everydayLife).toEqual({ start: 5, latest: 7, change: 2 });
    const other = computeReport({ ...PERIOD, organizationIds: [orgB.id] });
    expect(other.assessments).toEqual({
      participants: 0,
      measures: expect.objectContaining({ workAbility: null }),
    });
  });

  it("counts a single day period", () => {
    const r = computeReport({ from: "2026-06-30", to: "2026-06-30", organizationIds: null });
    expect(r.participants).toBe(1);
    expect(r.steps.started).toBe(1);
  });
});

describe("npm run report (CLI)", () => {
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(
        path.resolve("node_modules/.bin/tsx"),
        ["scripts/report.ts", ...args],
        { env: { ...process.env } },
      );
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it("prints exactly the report page's numbers as JSON", async () => {
    const r = await cli(
      "--from",
      PERIOD.from,
      "--to",
      PERIOD.to,
      "--organization",
      orgA.ref,
      "--json",
    );
    expect(r.code).toBe(0);
    const expected = toContractJson(
      computeReport({ ...PERIOD, organizationIds: [orgA.id], organizationRef: orgA.ref }),
    );
    expect(JSON.parse(r.stdout)).toEqual(expected);
    const all = await cli("--", "--from", PERIOD.from, "--to", PERIOD.to, "--json");
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ organization: null, participants: 7 });
  }, 60_000);

  it.each([
    [["--from", "2026-02-30", "--to", "2026-06-30", "--json"], /--from/],
    [["--from", "1.1.2026", "--to", "2026-06-30", "--json"], /--from/],
    [["--from", "2026-07-01", "--to", "2026-06-30", "--json"], /after/],
    [["--from", "2026-01-01", "--json"], /--to/],
    [
      ["--from", "2026-01-01", "--to", "2026-06-30", "--organization", "org-nope", "--json"],
      /unknown organization/,
    ],
    [["--from", "2026-01-01", "--to", "2026-06-30", "--bogus"], /bogus/],
  ])(
    "exits 1 on bad input %j",
    async (args, message) => {
      const r = await cli(...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
    },
    60_000,
  );
});

type Table = { id: string; rows: { code: string; cells: (number | string)[] }[] };
type PageData = {
  ok: boolean;
  tables: Table[] | null;
  fieldErrors: Record<string, string>;
  suppressed?: boolean;
};

async function callLoader(
  fn: typeof reportLoader,
  userId: string,
  query: string,
): Promise<Response> {
  const request = await signedInRequest(userId, `${BASE}/reports${query}`);
  try {
    return (await fn({ request, params: {}, context: {} })) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const cell = (data: PageData, table: string, row: string, i = 0) =>
  data.tables!.find((t) => t.id === table)!.rows.find((r) => r.code === row)?.cells[i];

describe("the report page and downloads", () => {
  it("suppresses 1–4 people as <5 and keeps 0 and 5+", () => {
    expect([0, 1, 4, 5, 12].map((n) => suppress(n, true))).toEqual([0, "<5", "<5", 5, 12]);
    expect(suppress(3, false)).toBe(3);
  });

  it("shows a worker their own organization's raw numbers, whatever org the query names", async () => {
    const worker = await createUser("worker", orgA.id);
    const res = await callLoader(
      reportLoader,
      worker.id,
      `?from=${PERIOD.from}&to=${PERIOD.to}&org=${orgB.ref}`,
    );
    expect(res.status).toBe(200);
    const data = (await res.json()) as PageData;
    expect(data.suppressed).toBe(false);
    expect(cell(data, "steps", "participants")).toBe(6);
    expect(cell(data, "byGender", "female")).toBe(2);
    expect(cell(data, "byMunicipality", "Savonlinna")).toBeUndefined();
    const other = await createUser("worker", orgB.id);
    const b = (await (
      await callLoader(reportLoader, other.id, `?from=${PERIOD.from}&to=${PERIOD.to}`)
    ).json()) as PageData;
    expect(cell(b, "steps", "participants")).toBe(1);
    expect(cell(b, "byMunicipality", "Parikkala")).toBeUndefined();
  });

  it("shows the coordinator all organizations with small cells suppressed, or the chosen ones", async () => {
    const admin = await createUser("admin", null);
    const all = (await (
      await callLoader(reportLoader, admin.id, `?from=${PERIOD.from}&to=${PERIOD.to}`)
    ).json()) as PageData;
    expect(all.suppressed).toBe(true);
    expect(cell(all, "steps", "participants")).toBe(7);
    expect(cell(all, "steps", "reached")).toBe("<5");
    expect(cell(all, "steps", "regular")).toBe("<5");
    expect(cell(all, "byGender", "female")).toBe("<5");
    expect(cell(all, "byMunicipality", "Parikkala")).toBe(5);
    expect(cell(all, "byMunicipality", "Parikkala", 2)).toBe("<5");
    const chosen = (await (
      await callLoader(
        reportLoader,
        admin.id,
        `?from=${PERIOD.from}&to=${PERIOD.to}&org=${orgB.ref}`,
      )
    ).json()) as PageData;
    expect(cell(chosen, "steps", "participants")).toBe("<5");
    expect(cell(chosen, "byMunicipality", "Parikkala")).toBeUndefined();
  });

  it("answers bad periods and unknown organizations with 400 field errors", async () => {
    const admin = await createUser("admin", null);
    for (const [query, field] of [
      ["?from=2026-07-01&to=2026-06-30", "to"],
      ["?from=2026-02-30&to=2026-06-30", "from"],
      ["?from=yesterday&to=2026-06-30", "from"],
      [`?from=${PERIOD.from}&to=${PERIOD.to}&org=org-nope`, "org"],
    ] as const) {
      const res = await callLoader(reportLoader, admin.id, query);
      expect(res.status, query).toBe(400);
      expect(Object.keys(((await res.json()) as PageData).fieldErrors), query).toContain(field);
      const dl = await callLoader(downloadLoader, admin.id, `${query}&format=csv`);
      expect(dl.status, query).toBe(400);
    }
    const badFormat = await callLoader(
      downloadLoader,
      admin.id,
      `?from=${PERIOD.from}&to=${PERIOD.to}&format=pdf`,
    );
    expect(badFormat.status).toBe(400);
  });

  it("refuses participants and staff", async () => {
    for (const role of ["staff", "pilot", "participant"] as const) {
      const user = await createUser(role, orgA.id);
      const res = await callLoader(reportLoader, user.id, "");
      expect(res.status, role).toBe(403);
    }
  });

  it("downloads the same numbers as CSV (suppressed for the coordinator) and XLSX", async () => {
    const admin = await createUser("admin", null);
    const csv = await callLoader(
      downloadLoader,
      admin.id,
      `?format=csv&from=${PERIOD.from}&to=${PERIOD.to}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("table,group,measure,value");
    expect(lines).toContain("steps,,participants,7");
    expect(lines).toContain("steps,,reached,<5");
    expect(lines).toContain("byMunicipality,Parikkala,participants,5");
    expect(lines).toContain("report,,smallCellsSuppressed,yes");

    const worker = await createUser("worker", orgA.id);
    const own = await (
      await callLoader(downloadLoader, worker.id, `?format=csv&from=${PERIOD.from}&to=${PERIOD.to}`)
    ).text();
    expect(own).toContain("steps,,reached,3");
    expect(own).not.toContain("Savonlinna");

    const xlsx = await callLoader(
      downloadLoader,
      admin.id,
      `?format=xlsx&from=${PERIOD.from}&to=${PERIOD.to}`,
    );
    expect(xlsx.status).toBe(200);
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const values: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(["Osallistujia", 7]);
    expect(values).toContainEqual(["Tavoitettu", "<5"]);
  });
});
