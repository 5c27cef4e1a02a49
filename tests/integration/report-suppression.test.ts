import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  END_REASONS,
  ONWARD_PATHS,
  PATH_STEPS,
  participants,
  pathSteps,
  type PathStepKind,
} from "#db/schema.ts";
import { getDb } from "#app/infra/db.server.ts";
import { computeSuppressedReport } from "#app/modules/reports/report-access.server.ts";
import { countCells } from "#app/modules/reports/report-tables.ts";
import { quarterPeriod } from "#app/modules/reports/reports-schema.ts";
import { computeReport, type Report } from "#app/modules/reports/reports.server.ts";
import { createOrganization, prepareDatabase } from "../factories/index.ts";

/**
 * ADR 011's claim, as a property over random data and every pair of views
 * an admin can ask for (a calendar year or one of its quarters × any set of
 * organizations, "all" included): where one view's people are contained in
 * another's (a quarter inside its year, some organizations inside more of
 * them), no cell shown in both differs by 1–4; and in each view a total
 * minus its shown parts is never 1–4. Counted by the app's own SQL on a
 * real database.
 */

const YEAR = 2025;
const TODAY = "2026-12-01";
const PERIODS = [
  { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, quarters: [1, 2, 3, 4] },
  ...[1, 2, 3, 4].map((q) => ({ ...quarterPeriod(YEAR, q), quarters: [q] })),
];

type Org = { id: number; ref: string };
let orgs: Org[] = [];

const stepArb = fc.record({
  kind: fc.constantFrom(...PATH_STEPS),
  quarter: fc.integer({ min: 1, max: 4 }),
  day: fc.integer({ min: 1, max: 28 }),
  path: fc.integer({ min: 0, max: 2 }),
});
const personArb = fc.record({
  org: fc.integer({ min: 0, max: 2 }),
  gender: fc.constantFrom("female" as const, "male" as const),
  municipality: fc.constantFrom("Parikkala", "Imatra"),
  birthYear: fc.constantFrom(1965, 1992, 2003),
  steps: fc.array(stepArb, { minLength: 1, maxLength: 3 }),
});
// Small organizations on purpose: most cells are then 0–12 people.
const dataArb = fc.array(personArb, { minLength: 0, maxLength: 36 });

let seq = 0;
type Person = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

function seed(people: Person[]) {
  const db = getDb();
  db.delete(pathSteps).run();
  db.delete(participants).run();
  for (const p of people) {
    const row = db
      .insert(participants)
      .values({
        ref: `sc-${++seq}`,
        organizationId: orgs[p.org]!.id,
        municipality: p.municipality,
        gender: p.gender,
        birthYear: p.birthYear,
        languages: ["fi"],
      })
      .returning()
      .get();
    for (const s of p.steps) {
      const month = String((s.quarter - 1) * 3 + 1 + (s.day % 3)).padStart(2, "0");
      db.insert(pathSteps)
        .values({
          participantId: row.id,
          step: s.kind as PathStepKind,
          date: `${YEAR}-${month}-${String(s.day).padStart(2, "0")}`,
          onwardPath: s.kind === "onward" ? ONWARD_PATHS[s.path % ONWARD_PATHS.length]! : "",
          endReason: s.kind === "ended" ? END_REASONS[s.path % END_REASONS.length]! : "",
        })
        .onConflictDoNothing()
        .run();
    }
  }
}

type View = {
  name: string;
  quarters: number[];
  /** Indexes into `orgs` the view covers. */
  members: number[];
  report: Report;
  hidden: Set<string>;
};

async function allViews(): Promise<View[]> {
  const sets: (number[] | null)[] = [null, [0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]];
  const views: View[] = [];
  for (const period of PERIODS)
    for (const set of sets) {
      const scope = {
        from: period.from,
        to: period.to,
        organizationIds: set == null ? null : set.map((i) => orgs[i]!.id),
      };
      const { report, hidden } = await computeSuppressedReport(scope, getDb(), TODAY);
      // The suppressed report is the plain report's numbers.
      expect(report).toEqual(computeReport(scope, getDb(), TODAY));
      views.push({
        name: `${period.from}..${period.to} ${set == null ? "all" : set.join("+")}`,
        quarters: period.quarters,
        members: set ?? [0, 1, 2],
        report,
        hidden,
      });
    }
  return views;
}

const small = (n: number) => n >= 1 && n <= 4;
const contains = (big: number[], part: number[]) => part.every((x) => big.includes(x));

function check(views: View[]) {
  const failures: string[] = [];
  const cellsOf = new Map(views.map((v) => [v, countCells(v.report)]));
  for (const v of views) {
    const { cells, groups } = cellsOf.get(v)!;
    // No shown count is 1–4 people.
    for (const [key, n] of cells)
      if (!v.hidden.has(key) && small(n)) failures.push(`${v.name} ${key} shows ${n}`);
    // A total minus its shown parts is not a small group (onward paths and
    // end reasons overlap, so only the breakdowns add up exactly).
    for (const g of groups) {
      if (v.hidden.has(g.total) || g.parts.some((k) => /^(onward|ended)\|/.test(k))) continue;
      const rest =
        (cells.get(g.total) ?? 0) -
        g.parts.filter((k) => !v.hidden.has(k)).reduce((s, k) => s + (cells.get(k) ?? 0), 0);
      if (small(rest)) failures.push(`${v.name} ${g.total} minus its shown parts is ${rest}`);
    }
  }
  // Every pair of nested views: the difference of a cell shown in both is never 1–4.
  for (const inner of views)
    for (const outer of views) {
      if (inner === outer) continue;
      if (!contains(outer.quarters, inner.quarters) || !contains(outer.members, inner.members))
        continue;
      const a = cellsOf.get(inner)!.cells;
      const b = cellsOf.get(outer)!.cells;
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        if (inner.hidden.has(key) || outer.hidden.has(key)) continue;
        const d = (b.get(key) ?? 0) - (a.get(key) ?? 0);
        if (small(Math.abs(d)))
          failures.push(`${outer.name} minus ${inner.name}: ${key} differs by ${d}`);
      }
    }
  return failures;
}

describe("small-cell suppression across organizations (ADR 011)", () => {
  beforeAll(() => {
    prepareDatabase();
    orgs = [0, 1, 2].map(() => createOrganization());
  });

  it("hides B's part when A alone is 5 and A + B is 9 (the probe's subtraction)", async () => {
    seed([
      ...Array.from({ length: 5 }, () => ({
        org: 0,
        gender: "female" as const,
        municipality: "Parikkala" as const,
        birthYear: 1992 as const,
        steps: [{ kind: "started" as const, quarter: 1, day: 5, path: 0 }],
      })),
      ...Array.from({ length: 4 }, () => ({
        org: 1,
        gender: "female" as const,
        municipality: "Parikkala" as const,
        birthYear: 1992 as const,
        steps: [{ kind: "started" as const, quarter: 1, day: 5, path: 0 }],
      })),
    ]);
    const q1 = { ...quarterPeriod(YEAR, 1) };
    const a = await computeSuppressedReport({ ...q1, organizationIds: [orgs[0]!.id] }, getDb());
    const ab = await computeSuppressedReport(
      { ...q1, organizationIds: [orgs[0]!.id, orgs[1]!.id] },
      getDb(),
    );
    expect(a.report.steps.started).toBe(5);
    expect(a.hidden.has("steps|started|count")).toBe(false);
    expect(ab.report.steps.started).toBe(9);
    expect(ab.hidden.has("steps|started|count")).toBe(true);
    // And the year is no way round it: its quarter already hides B.
    const year = await computeSuppressedReport(
      { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, organizationIds: null },
      getDb(),
    );
    expect(year.hidden.has("steps|started|count")).toBe(true);
    expect(check(await allViews())).toEqual([]);
  }, 120_000);

  it("hides a second part where a total minus the shown parts would give a small one back", async () => {
    const person = (gender: "female" | "male") => ({
      org: 0,
      gender,
      municipality: "Parikkala" as const,
      birthYear: 1992 as const,
      steps: [{ kind: "started" as const, quarter: 1, day: 5, path: 0 }],
    });
    seed([...Array.from({ length: 6 }, () => person("female")), person("male"), person("male")]);
    const { report, hidden } = await computeSuppressedReport(
      { ...quarterPeriod(YEAR, 1), organizationIds: [orgs[0]!.id] },
      getDb(),
    );
    expect(report.participants).toBe(8);
    expect(hidden.has("steps|participants|count")).toBe(false);
    expect(hidden.has("byGender|male|participants")).toBe(true);
    // 8 − 6 would be the two men.
    expect(hidden.has("byGender|female|participants")).toBe(true);
    expect(check(await allViews())).toEqual([]);
  }, 120_000);

  it("no two nested views differ by 1–4 in a shown cell, over random data", async () => {
    await fc.assert(
      fc.asyncProperty(dataArb, async (people) => {
        seed(people);
        const failures = check(await allViews());
        expect(failures.slice(0, 5)).toEqual([]);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 11), numRuns: 25 },
    );
  }, 600_000);
});
