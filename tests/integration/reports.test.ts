import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { attendance, participants, pathSteps, selfAssessments } from "#db/schema.ts";
import type { Gender } from "#app/modules/participants/participant-schema.ts";
import type { PathStepKind } from "#app/modules/paths/paths-schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import {
  computeReport,
  computeReportInParallel,
  toContractJson,
} from "#app/modules/reports/reports.server.ts";
import { SUPPRESSED } from "#app/modules/reports/report-tables.ts";
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
  it("counts one organization's participants per docs/interfaces.md", () => {
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
    expect(late.retention).toMatchObject({ started: 3, measurable: 3, retained: 2 });
    const early = computeReport({ ...PERIOD, organizationIds: [orgA.id] }, getDb(), "2026-08-01");
    expect(early.retention).toMatchObject({ started: 3, measurable: 2, retained: 1 });
  });

  it("breaks retention down by gender, age group and municipality", () => {
    const late = computeReport({ ...PERIOD, organizationIds: [orgA.id] }, getDb(), "2026-11-23");
    expect(late.retention.byGender).toEqual({
      female: { started: 1, measurable: 1, retained: 1 },
      male: { started: 2, measurable: 2, retained: 1 },
    });
    expect(Object.keys(late.retention.byAgeGroup)).toEqual(["under-25", "25-29", "unknown"]);
    expect(late.retention.byAgeGroup).toEqual({
      "under-25": { started: 1, measurable: 1, retained: 1 },
      "25-29": { started: 1, measurable: 1, retained: 1 },
      unknown: { started: 1, measurable: 1, retained: 0 },
    });
    expect(late.retention.byMunicipality).toEqual({
      Parikkala: { started: 3, measurable: 3, retained: 2 },
    });
    // a1's three months (to 2026-09-30) have not passed on 2026-08-01.
    const early = computeReport({ ...PERIOD, organizationIds: [orgA.id] }, getDb(), "2026-08-01");
    expect(early.retention.byGender.female).toEqual({ started: 1, measurable: 0, retained: 0 });
  });

  it("compares the start self-assessment with the latest one inside the period", () => {
    const r = computeReport({ ...PERIOD, organizationIds: [orgA.id] });
    expect(r.assessments.participants).toBe(2);
    expect(r.assessments.measures.workAbility).toEqual({ start: 4, latest: 6, change: 2 });
    expect(r.assessments.measures.everydayLife).toEqual({ start: 5, latest: 7, change: 2 });
    expect(r.assessments.byGender.female).toMatchObject({
      participants: 1,
      measures: {
        workAbility: { start: 3, latest: 6, change: 3 },
        everydayLife: { start: 4, latest: 7, change: 3 },
      },
    });
    expect(r.assessments.byGender.male).toMatchObject({
      participants: 1,
      measures: { workAbility: { start: 5, latest: 6, change: 1 } },
    });
    expect(Object.keys(r.assessments.byAgeGroup)).toEqual(["under-25", "25-29"]);
    expect(r.assessments.byMunicipality).toEqual({
      Parikkala: { participants: 2, measures: r.assessments.measures },
    });
    const other = computeReport({ ...PERIOD, organizationIds: [orgB.id] });
    expect(other.assessments).toEqual({
      participants: 0,
      measures: expect.objectContaining({ workAbility: null }),
      byGender: {},
      byAgeGroup: {},
      byMunicipality: {},
    });
  });

  it("counts a single day period", () => {
    const r = computeReport({ from: "2026-06-30", to: "2026-06-30", organizationIds: null });
    expect(r.participants).toBe(1);
    expect(r.steps.started).toBe(1);
  });
});

/**
 * A second fixture in 2024 (no step or assessment of it falls in PERIOD):
 * eight starters in two organizations, sized so that some breakdown cells
 * reach five people and others do not. Ages count from 2024.
 */
const PERIOD_2024 = { from: "2024-01-01", to: "2024-06-30" };
let orgC: { id: number; ref: string };
let orgD: { id: number; ref: string };

describe("retention and self-assessment change by gender, age group and municipality", () => {
  beforeAll(() => {
    orgC = createOrganization({ municipality: "Rautjärvi" });
    orgD = createOrganization({ municipality: "Savonlinna" });
    const db = getDb();
    const woman = (birthYear: number, steps: Step[]) =>
      addParticipant(orgC.id, { gender: "female", birthYear, municipality: "Rautjärvi", steps });
    // Three months after "started" is the mark; a step other than "ended" on or after it keeps them.
    const c1 = woman(1990, [
      { step: "started", date: "2024-01-10" },
      { step: "regular", date: "2024-05-01" },
    ]);
    const c2 = woman(1985, [
      { step: "started", date: "2024-02-01" },
      { step: "regular", date: "2024-06-01" },
    ]);
    const c3 = woman(2001, [
      { step: "started", date: "2024-03-01" },
      { step: "ended", date: "2024-07-01", endReason: "moved" },
    ]);
    const c4 = woman(1960, [
      { step: "started", date: "2024-01-20" },
      { step: "committed", date: "2024-09-01" },
    ]);
    const c5 = woman(1999, [
      { step: "started", date: "2024-04-01" },
      { step: "regular", date: "2024-07-05" },
    ]);
    const c7 = woman(1995, [
      { step: "started", date: "2024-05-01" },
      { step: "regular", date: "2024-08-15" },
    ]);
    const c6 = addParticipant(orgC.id, {
      gender: "male",
      birthYear: 1980,
      municipality: "Parikkala",
      steps: [
        { step: "started", date: "2024-02-15" },
        { step: "regular", date: "2024-06-20" },
      ],
    });
    const d1 = addParticipant(orgD.id, {
      gender: "male",
      birthYear: 1970,
      municipality: "Savonlinna",
      steps: [{ step: "started", date: "2024-03-10" }],
    });
    db.insert(attendance)
      .values({
        activityId: createActivity(orgD.id).id,
        participantId: d1.id,
        sessionDate: "2024-07-01",
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
    const rows: [number, "start" | "along" | "end", string, number][] = [
      [c1.id, "start", "2024-01-10", 2],
      [c1.id, "end", "2024-06-01", 5],
      [c2.id, "start", "2024-02-01", 4],
      [c2.id, "along", "2024-04-01", 5],
      [c2.id, "along", "2024-06-30", 7],
      [c3.id, "start", "2024-03-01", 3],
      [c3.id, "along", "2024-05-01", 3],
      [c4.id, "start", "2023-12-01", 6],
      [c4.id, "along", "2024-03-01", 8],
      // Her later one is after the period: nothing to compare inside it.
      [c5.id, "start", "2024-04-01", 5],
      [c5.id, "end", "2024-07-01", 9],
      [c7.id, "start", "2024-05-01", 1],
      [c7.id, "along", "2024-06-15", 2],
      [c6.id, "start", "2024-02-15", 3],
      [c6.id, "end", "2024-06-20", 4],
      [d1.id, "start", "2024-03-10", 4],
    ];
    db.insert(selfAssessments)
      .values(
        rows.map(([participantId, phase, date, w]) => ({
          participantId,
          phase,
          date,
          ...scores(w),
        })),
      )
      .run();
  });

  const all2024 = () =>
    computeReport({ ...PERIOD_2024, organizationIds: null }, getDb(), "2024-12-31");
  const r3 = (started: number, measurable: number, retained: number) => ({
    started,
    measurable,
    retained,
  });

  it("counts retention per group, with totals that are the groups' sums", () => {
    const r = all2024();
    expect(r.retention).toMatchObject(r3(8, 8, 7));
    expect(r.retention.byGender).toEqual({ female: r3(6, 6, 5), male: r3(2, 2, 2) });
    expect(Object.keys(r.retention.byAgeGroup)).toEqual(["under-25", "25-29", "30-54", "55-plus"]);
    expect(r.retention.byAgeGroup).toEqual({
      "under-25": r3(1, 1, 0),
      "25-29": r3(2, 2, 2),
      "30-54": r3(4, 4, 4),
      "55-plus": r3(1, 1, 1),
    });
    expect(Object.keys(r.retention.byMunicipality)).toEqual([
      "Parikkala",
      "Rautjärvi",
      "Savonlinna",
    ]);
    expect(r.retention.byMunicipality).toEqual({
      Parikkala: r3(1, 1, 1),
      Rautjärvi: r3(6, 6, 5),
      Savonlinna: r3(1, 1, 1),
    });
    // Only the ones whose three months have passed by "today" are measurable.
    const early = computeReport({ ...PERIOD_2024, organizationIds: null }, getDb(), "2024-06-01");
    expect(early.retention).toMatchObject(r3(8, 5, 4));
    expect(early.retention.byGender).toEqual({ female: r3(6, 4, 3), male: r3(2, 1, 1) });
    const own = computeReport(
      { ...PERIOD_2024, organizationIds: [orgD.id] },
      getDb(),
      "2024-12-31",
    );
    expect(own.retention).toMatchObject(r3(1, 1, 1));
    expect(own.retention.byMunicipality).toEqual({ Savonlinna: r3(1, 1, 1) });
  });

  it("averages self-assessment change per group from the same people as the totals", () => {
    const a = all2024().assessments;
    // Totals: start (2+4+3+6+1+3)/6, latest (5+7+3+8+2+4)/6; the change is of the unrounded means.
    expect(a.participants).toBe(6);
    expect(a.measures.workAbility).toEqual({ start: 3.2, latest: 4.8, change: 1.7 });
    expect(a.byGender.female).toEqual({
      participants: 5,
      measures: {
        workAbility: { start: 3.2, latest: 5, change: 1.8 },
        mentalWellbeing: { start: 3.2, latest: 5, change: 1.8 },
        socialParticipation: { start: 3.2, latest: 5, change: 1.8 },
        physicalFunctioning: { start: 3.2, latest: 5, change: 1.8 },
        competence: { start: 3.2, latest: 5, change: 1.8 },
        everydayLife: { start: 4.2, latest: 6, change: 1.8 },
      },
    });
    expect(a.byGender.male).toMatchObject({
      participants: 1,
      measures: { workAbility: { start: 3, latest: 4, change: 1 } },
    });
    expect(Object.keys(a.byAgeGroup)).toEqual(["under-25", "25-29", "30-54", "55-plus"]);
    expect(a.byAgeGroup["30-54"]).toMatchObject({
      participants: 3,
      measures: { workAbility: { start: 3, latest: 5.3, change: 2.3 } },
    });
    expect(a.byAgeGroup["under-25"]?.measures.workAbility).toEqual({
      start: 3,
      latest: 3,
      change: 0,
    });
    expect(a.byAgeGroup["55-plus"]?.measures.workAbility).toEqual({
      start: 6,
      latest: 8,
      change: 2,
    });
    expect(Object.keys(a.byMunicipality)).toEqual(["Parikkala", "Rautjärvi"]);
    expect(a.byMunicipality.Rautjärvi).toEqual(a.byGender.female);
  });

  it("keeps the contract's JSON without the extra breakdowns", () => {
    const json = toContractJson(all2024()) as unknown as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "from",
      "to",
      "organization",
      "participants",
      "steps",
      "onward",
      "ended",
      "byGender",
      "byAgeGroup",
      "byMunicipality",
    ]);
    expect(json.participants).toBe(8);
  });
});

describe("the report counted in parallel ranges of participants", () => {
  it("gives exactly the numbers of the single-connection report, for every scope and period", async () => {
    const scopes = [
      { ...PERIOD, organizationIds: null },
      { ...PERIOD, organizationIds: [orgA.id], organizationRef: orgA.ref },
      { ...PERIOD, organizationIds: [orgA.id, orgB.id] },
      { ...PERIOD_2024, organizationIds: null },
      { ...PERIOD_2024, organizationIds: [orgC.id, orgD.id] },
      { from: "2000-01-01", to: "2026-11-23", organizationIds: null },
    ];
    for (const scope of scopes) {
      for (const today of ["2024-06-01", "2026-11-23"]) {
        const single = computeReport(scope, getDb(), today);
        const parallel = await computeReportInParallel(scope, getDb(), today);
        expect(parallel).toEqual(single);
      }
    }
  });

  it("answers an organization with no participants with zeros", async () => {
    const empty = createOrganization();
    const r = await computeReportInParallel({ ...PERIOD, organizationIds: [empty.id] });
    expect(r.participants).toBe(0);
    expect(r.retention.started).toBe(0);
    expect(r.assessments.participants).toBe(0);
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

type Table = {
  id: string;
  title: string;
  columns: string[];
  rows: { code: string; label: string; cells: (number | string)[] }[];
};
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

/** One line's fields: separated by semicolons, a quoted field may hold one ("" is a quote). */
function csvFields(line: string) {
  return [...line.matchAll(/(?:^|;)("(?:[^"]|"")*"|[^;]*)/g)].map(([, f]) =>
    f!.startsWith('"') ? f!.slice(1, -1).replace(/""/g, '"') : f!,
  );
}

/**
 * The CSV's tables by title, each row's cells by its label: the file is
 * semicolon-separated with a byte-order mark, a block per table (title,
 * optional note, header row, one row per group) after an empty line.
 */
function csvTables(text: string) {
  const blocks = text.trimEnd().split("\r\n\r\n").slice(1);
  const tables = new Map<string, { columns: string[]; rows: Map<string, string[]> }>();
  for (const block of blocks) {
    const lines = block.split("\r\n").map(csvFields);
    const header = lines.findIndex((l, i) => i > 0 && l.length > 1);
    const rows = new Map<string, string[]>();
    for (const [label, ...cells] of header < 0 ? [] : lines.slice(header + 1))
      rows.set(label!, cells);
    tables.set(lines[0]![0]!, { columns: header < 0 ? [] : lines[header]!, rows });
  }
  return tables;
}

/** A CSV download's text, after checking that it starts with UTF-8's byte-order mark. */
async function csvText(res: Response) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes);
}

/** Every table of the page, as the CSV of the same query writes it (numbers with a decimal comma). */
function expectCsvToMatchPage(csv: string, page: PageData) {
  const tables = csvTables(csv);
  for (const table of page.tables!) {
    const inCsv = tables.get(table.title);
    expect(inCsv, table.title).toBeDefined();
    expect(inCsv!.columns).toEqual(table.columns);
    for (const row of table.rows)
      expect(inCsv!.rows.get(row.label), `${table.title}: ${row.label}`).toEqual(
        row.cells.map((c) => (typeof c === "number" ? String(c).replace(".", ",") : c)),
      );
  }
}

const cell = (data: PageData, table: string, row: string, i = 0) =>
  data.tables!.find((t) => t.id === table)!.rows.find((r) => r.code === row)?.cells[i];

describe("the report page and downloads", () => {
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

  it("shows the coordinator fixed periods only, a cell only when every organization's part is 0 or 5+", async () => {
    const admin = await createUser("admin", null);
    // Half a year across organizations: refused (only calendar quarters and years).
    const half = await callLoader(reportLoader, admin.id, `?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(half.status).toBe(400);
    expect(((await half.json()) as PageData).fieldErrors).toEqual({
      period: "reports.error.fixedPeriod",
    });
    const halfCsv = await callLoader(
      downloadLoader,
      admin.id,
      `?format=csv&from=${PERIOD.from}&to=${PERIOD.to}`,
    );
    expect(halfCsv.status).toBe(400);

    // Q1 2026: A has 6 people, B 1. A alone shows its 6; A + B would be 7,
    // and 7 − 6 is B's one person, so across both it is hidden.
    const load = async (q: string) =>
      (await (await callLoader(reportLoader, admin.id, q)).json()) as PageData;
    const a = await load(`?period=2026-Q1&org=${orgA.ref}`);
    expect(a.suppressed).toBe(true);
    expect(cell(a, "steps", "participants")).toBe(6);
    expect(cell(a, "steps", "reached")).toBe(SUPPRESSED);
    const all = await load("?period=2026-Q1");
    expect(cell(all, "steps", "participants")).toBe(SUPPRESSED);
    const chosen = await load(`?period=2026-Q1&org=${orgB.ref}`);
    expect(cell(chosen, "steps", "participants")).toBe(SUPPRESSED);
    expect(cell(chosen, "byMunicipality", "Parikkala")).toBeUndefined();
    // The year 2026 has 7 of A's people, one more than Q1: hidden, or the
    // year minus the quarter would be that one person.
    const year = await load(`?period=2026&org=${orgA.ref}`);
    expect(cell(year, "steps", "participants")).toBe(SUPPRESSED);
    // from/to naming a quarter is the same view as its code.
    const same = await load(`?from=2026-01-01&to=2026-03-31&org=${orgA.ref}`);
    expect(same.tables).toEqual(a.tables);
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
    const q1 = `from=2026-01-01&to=2026-03-31&org=${orgA.ref}`;
    const csv = await callLoader(downloadLoader, admin.id, `?format=csv&${q1}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await csvText(csv);
    const lines = text.split("\r\n");
    expect(lines.slice(0, 2)).toEqual([
      "Tulosraportti",
      "Jakso 2026 / 1. neljännes (1.1.2026 – 31.3.2026)",
    ]);
    expect(lines).toContain("Mittari;Henkilöä");
    expect(lines).toContain("Osallistujia;6");
    expect(lines).toContain("Tavoitettu;..");
    expect(text).toContain("piilotettu luku");
    const page = (await (await callLoader(reportLoader, admin.id, `?${q1}`)).json()) as PageData;
    expectCsvToMatchPage(text, page);

    const worker = await createUser("worker", orgA.id);
    const own = await (
      await callLoader(downloadLoader, worker.id, `?format=csv&from=${PERIOD.from}&to=${PERIOD.to}`)
    ).text();
    expect(own.split("\r\n")).toContain("Tavoitettu;3");
    expect(own).not.toContain("Savonlinna");
    expect(own).not.toContain("piilotettu luku");
    // Headers in the user's language.
    const swedish = await callLoader(
      downloadLoader,
      worker.id,
      `?format=csv&lang=sv&from=${PERIOD.from}&to=${PERIOD.to}`,
    );
    expect((await swedish.text()).split("\r\n")).toContain("Deltagare;6");

    const xlsx = await callLoader(downloadLoader, admin.id, `?format=xlsx&${q1}`);
    expect(xlsx.status).toBe(200);
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const values: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(["Osallistujia", 6]);
    expect(values).toContainEqual(["Tavoitettu", ".."]);
  });

  it("shows retention and self-assessment change by group, hiding groups under five across organizations", async () => {
    const q = `from=${PERIOD_2024.from}&to=${PERIOD_2024.to}`;
    const admin = await createUser("admin", null);
    // Q1 2024 of organization C: five starters (four women, one man), all measurable, four retained.
    const csv = await callLoader(
      downloadLoader,
      admin.id,
      `?format=csv&period=2024-Q1&org=${orgC.ref}`,
    );
    expect(csv.status).toBe(200);
    const fileText = await csvText(csv);
    const retention = csvTables(fileText).get("Pysyvyys")!.rows;
    // Four retained, and so one not: both hidden, and the share with them.
    expect(retention.get("Aloittaneita")).toEqual(["5"]);
    expect(retention.get("Kolme kuukautta kulunut")).toEqual(["5"]);
    expect(retention.get("Yhä mukana")).toEqual([".."]);
    expect(retention.get("Osuus")).toEqual([".."]);
    const byGender = csvTables(fileText).get("Pysyvyys sukupuolen mukaan")!.rows;
    expect(byGender.get("Naiset")).toEqual(["..", "..", "..", ".."]);
    expect(byGender.get("Miehet")).toEqual(["..", "..", "..", ".."]);
    expect(csvTables(fileText).get("Pysyvyys kunnan mukaan")!.rows.get("Rautjärvi")![0]).toBe("..");

    const page = (await (
      await callLoader(reportLoader, admin.id, `?period=2024-Q1&org=${orgC.ref}`)
    ).json()) as PageData;
    expectCsvToMatchPage(fileText, page);
    expect(page.tables!.map((t) => t.id)).toEqual([
      "steps",
      "onward",
      "ended",
      "byGender",
      "byAgeGroup",
      "byMunicipality",
      "retention",
      "retentionByGender",
      "retentionByAgeGroup",
      "retentionByMunicipality",
      "assessments",
      "assessmentsByGender",
      "assessmentsByAgeGroup",
      "assessmentsByMunicipality",
    ]);
    expect(page.tables!.find((t) => t.id === "retentionByGender")!.rows).toEqual([
      { code: "female", label: "Naiset", cells: ["..", "..", "..", ".."] },
      { code: "male", label: "Miehet", cells: ["..", "..", "..", ".."] },
    ]);
    // One person with two assessments in Q1: no means at all.
    expect(page.tables!.find((t) => t.id === "assessments")!.rows).toEqual([]);

    const xlsx = await callLoader(
      downloadLoader,
      admin.id,
      `?format=xlsx&period=2024-Q1&org=${orgC.ref}`,
    );
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const values: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(["Pysyvyys sukupuolen mukaan"]);
    expect(values).toContainEqual(["Miehet", "..", "..", "..", ".."]);

    // A worker's own organization: raw numbers, however small.
    const worker = await createUser("worker", orgC.id);
    const ownText = await csvText(await callLoader(downloadLoader, worker.id, `?format=csv&${q}`));
    const own = csvTables(ownText);
    expect(ownText).not.toContain("piilotettu luku");
    expect(own.get("Pysyvyys sukupuolen mukaan")!.rows.get("Miehet")).toEqual([
      "1",
      "1",
      "1",
      "100 %",
    ]);
    expect(own.get("Itsearvioiden muutos sukupuolen mukaan")!.rows.get("Miehet")![1]).toBe("1");
    const ownPage = (await (await callLoader(reportLoader, worker.id, `?${q}`)).json()) as PageData;
    expectCsvToMatchPage(ownText, ownPage);
    const own_ = ownText.split("\r\n");
    expect(own_.join("\n")).not.toContain("Savonlinna");
  });
});
