import { inArray } from "drizzle-orm";
import {
  END_REASONS,
  ENDED_BIT0,
  ENDED_UNKNOWN_BIT,
  ONWARD_BIT0,
  ONWARD_UNKNOWN_BIT,
  PLAIN_STEP_BITS,
  GENDERS,
  ONWARD_PATHS,
  organizations,
  PATH_STEPS,
  type EndReason,
  type OnwardPath,
  type PathStepKind,
} from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { readPoolSize, runReadQueries } from "#app/infra/sqlite-read-pool.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { AGE_GROUPS, type AgeGroup } from "./reports-schema.ts";

export type StepCounts = Record<PathStepKind, number>;
export type GroupCounts = { participants: number; steps: StepCounts };

/** The report command's JSON (docs/interfaces.md), key for key. */
export type ReportNumbers = {
  from: string;
  to: string;
  organization: string | null;
  participants: number;
  steps: StepCounts;
  onward: Partial<Record<OnwardPath, number>>;
  ended: Partial<Record<EndReason, number>>;
  byGender: Record<string, GroupCounts>;
  byAgeGroup: Partial<Record<AgeGroup, GroupCounts>>;
  byMunicipality: Record<string, GroupCounts>;
};

export const MEASURES = [
  "workAbility",
  "mentalWellbeing",
  "socialParticipation",
  "physicalFunctioning",
  "competence",
  "everydayLife",
] as const;
export type Measure = (typeof MEASURES)[number];

export type Retention = {
  /** Started in the period. */
  started: number;
  /** Of those, the ones whose three months have passed (only they can be measured). */
  measurable: number;
  /** Of those, the ones still taking part three months after starting. */
  retained: number;
};

export type AssessmentChange = {
  /** Participants with a start assessment and a later one up to the period's end, the later one inside the period. */
  participants: number;
  measures: Record<Measure, { start: number; latest: number; change: number } | null>;
};

/** A measure per gender, age group and municipality, keyed in the same order as the contract's breakdowns. */
export type Breakdowns<T> = {
  byGender: Record<string, T>;
  byAgeGroup: Partial<Record<AgeGroup, T>>;
  byMunicipality: Record<string, T>;
};

/** The page's and downloads' report: the contract's numbers plus the outcome measures, each broken down. */
export type Report = ReportNumbers & {
  retention: Retention & Breakdowns<Retention>;
  assessments: AssessmentChange & Breakdowns<AssessmentChange>;
};

export type ReportScope = {
  from: string;
  to: string;
  /** null: every organization. */
  organizationIds: number[] | null;
  /** The `organization` field of the contract's JSON: the one ref asked for, else null. */
  organizationRef?: string | null;
};

const zeroSteps = (): StepCounts => Object.fromEntries(PATH_STEPS.map((s) => [s, 0])) as StepCounts;

/**
 * SQL pieces for the organization scope: with every organization the queries
 * skip the participants join where they can (a filter that is always true
 * still steers SQLite's planner wrongly); with a selection the ids are bound
 * as one JSON array, so a single statement serves any selection.
 */
function scopeSql(all: boolean) {
  return {
    join: all ? "" : "join participants p on p.id = ps.participant_id",
    where: all ? "1" : "p.organization_id in (select value from json_each(@orgs))",
  };
}

/** docs/interfaces.md: age is the period end's year minus the birth year (under 25, 25–29, 30–54, 55+). */
const AGE_GROUP_SQL = `case
  when p.birth_year is null then 'unknown'
  when @toYear - p.birth_year < 25 then 'under-25'
  when @toYear - p.birth_year < 30 then '25-29'
  when @toYear - p.birth_year < 55 then '30-54'
  else '55-plus' end`;

const ONWARD_MASK = ((1 << (ONWARD_UNKNOWN_BIT + 1)) - 1) & ~((1 << ONWARD_BIT0) - 1);
const ENDED_MASK = ((1 << (ENDED_UNKNOWN_BIT + 1)) - 1) & ~((1 << ENDED_BIT0) - 1);

/**
 * One pass over the steps in (participant, step bit, date) order: each
 * participant with a step in the period becomes one bit mask (db/schema.ts,
 * `step_bit`; SUM(DISTINCT) streams since equal bits are adjacent), and masks
 * are counted per (gender, age group, municipality, mask). Totals,
 * breakdowns and the onward/ended counts are sums over that small cube.
 */
function cubeSql(all: boolean, org: string) {
  const period = all
    ? `select ps.participant_id as pid, sum(distinct ps.step_bit) as mask
       from path_steps ps indexed by path_steps_bit_idx
       where ps.participant_id between @pidLo and @pidHi and ps.date between @from and @to
       group by ps.participant_id`
    : `select ps.participant_id as pid, sum(distinct ps.step_bit) as mask
       from participants o join path_steps ps indexed by path_steps_bit_idx on ps.participant_id = o.id
       where o.organization_id in (select value from json_each(@orgs))
         and o.id between @pidLo and @pidHi and ps.date between @from and @to
       group by ps.participant_id`;
  return `
  with m as (${period})
  select p.gender as gender, ${AGE_GROUP_SQL} as ageGroup, p.municipality as municipality,
    ${org} as org, m.mask as mask, count(*) as n
  from m join participants p on p.id = m.pid
  group by 1, 2, 3, 4, 5`;
}

function stepsOfMask(mask: number): PathStepKind[] {
  const kinds: PathStepKind[] = PLAIN_STEP_BITS.filter((_, i) => mask & (1 << i));
  if (mask & ONWARD_MASK) kinds.push("onward");
  if (mask & ENDED_MASK) kinds.push("ended");
  return kinds;
}

/**
 * Retention: of those who started in the period (first "started" step in it),
 * the ones still taking part three months later, i.e. with a path step other
 * than "ended" or a present attendance dated on or after that day. Only those
 * whose three months have passed by today are measurable. Counted per
 * (gender, age group, municipality) cell; totals and breakdowns are sums.
 */
function retentionSql(all: boolean, org: string) {
  const scope = scopeSql(all);
  // Flags per participant first, then the grouping: sorting narrow rows of
  // two flags is ~150 ms cheaper at 100k than carrying the subqueries along.
  return `
  with st as (
    select ps.participant_id as pid, date(min(ps.date), '+3 months') as mark
    from path_steps ps ${scope.join}
    where ps.step = 'started' and ps.date between @from and @to
      and ps.participant_id between @pidLo and @pidHi and ${scope.where}
    group by ps.participant_id
  ),
  flags as materialized (
    select st.pid as pid, st.mark <= @today as measurable,
      st.mark <= @today and (
        exists (select 1 from path_steps l
                where l.participant_id = st.pid and l.date >= st.mark and l.step <> 'ended')
        or exists (select 1 from attendance a
                   where a.participant_id = st.pid and a.session_date >= st.mark and a.present = 1)
      ) as retained
    from st
  )
  select p.gender as gender, ${AGE_GROUP_SQL} as ageGroup, p.municipality as municipality,
    ${org} as org,
    count(*) as started, sum(f.measurable) as measurable, sum(f.retained) as retained
  from flags f join participants p on p.id = f.pid
  group by 1, 2, 3, 4`;
}

const COLUMNS: Record<Measure, string> = {
  workAbility: "work_ability",
  mentalWellbeing: "mental_wellbeing",
  socialParticipation: "social_participation",
  physicalFunctioning: "physical_functioning",
  competence: "competence",
  everydayLife: "everyday_life",
};

/**
 * Start assessment against the latest one up to the period's end, when that
 * latest one is in the period. Sums and counts per (gender, age group,
 * municipality) cell, so any grouping's means are sum / count.
 */
function assessmentSql(all: boolean, org: string) {
  const scope = all
    ? { join: "", where: "1" }
    : {
        join: "join participants o on o.id = sa.participant_id",
        where: "o.organization_id in (select value from json_each(@orgs))",
      };
  // A participant's latest assessment up to the period's end is in the period
  // exactly when they have any assessment in it: those are the candidates,
  // and their start and latest rows are one index seek each.
  return `
  with c as (
    select distinct sa.participant_id as pid
    from self_assessments sa ${scope.join}
    where sa.date between @from and @to and sa.participant_id between @pidLo and @pidHi
      and ${scope.where}
  ),
  pairs as (
    select c.pid as pid,
      (select f.id from self_assessments f
       where f.participant_id = c.pid and f.phase = 'start' and f.date <= @to
       order by f.date, f.id limit 1) as sid,
      (select x.id from self_assessments x
       where x.participant_id = c.pid and x.date <= @to
       order by x.date desc, x.id desc limit 1) as lid
    from c
  )
  select p.gender as gender, ${AGE_GROUP_SQL} as ageGroup, p.municipality as municipality,
    ${org} as org, count(*) as n,
    ${MEASURES.map((m) => `sum(s.${COLUMNS[m]}) as "${m}Start", sum(l.${COLUMNS[m]}) as "${m}Latest"`).join(",\n    ")}
  from pairs
  join self_assessments s on s.id = pairs.sid
  join self_assessments l on l.id = pairs.lid
  join participants p on p.id = pairs.pid
  where l.id <> s.id and l.date > s.date
  group by 1, 2, 3, 4`;
}

/** A range of participant ids: every query reads only its own, so ranges add up. */
type IdRange = { pidLo: number; pidHi: number };
const EVERY_ID: IdRange = { pidLo: 0, pidHi: Number.MAX_SAFE_INTEGER };

function bindings(scope: ReportScope, today: string, range: IdRange = EVERY_ID) {
  return {
    from: scope.from,
    to: scope.to,
    toYear: Number(scope.to.slice(0, 4)),
    orgs: JSON.stringify(scope.organizationIds ?? []),
    today,
    ...range,
  };
}

/**
 * One row of a query grouped by the report's three breakdowns and the
 * organization (small-cell suppression across organizations needs each
 * organization's part; everything else adds the organizations up).
 */
type CellKey = { gender: string; ageGroup: AgeGroup; municipality: string; org: number };
type CubeRow = CellKey & { mask: number; n: number };
type RetentionRow = CellKey & Retention;
type AssessmentRow = CellKey & { n: number } & Record<`${Measure}${"Start" | "Latest"}`, number>;

const ordered = <K extends string, T>(map: Map<K, T>, keys: readonly K[]) =>
  Object.fromEntries(keys.filter((k) => map.has(k)).map((k) => [k, map.get(k)!]));

/**
 * Adds query cells up into a total and the three breakdowns. Genders come in
 * GENDERS order (others after), age groups in AGE_GROUPS order and
 * municipalities alphabetically, as the report JSON's byGender etc. (docs/interfaces.md)
 */
function rollUp<C extends CellKey, T>(
  cells: readonly C[],
  zero: () => T,
  add: (into: T, cell: C) => void,
): { total: T } & Breakdowns<T> {
  const total = zero();
  const byGender = new Map<string, T>();
  const byAge = new Map<AgeGroup, T>();
  const byMunicipality = new Map<string, T>();
  const group = <K>(map: Map<K, T>, key: K) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = zero()));
    return g;
  };
  for (const cell of cells)
    for (const target of [
      total,
      group(byGender, cell.gender),
      group(byAge, cell.ageGroup),
      group(byMunicipality, cell.municipality),
    ])
      add(target, cell);
  return {
    total,
    byGender: ordered(byGender, [
      ...GENDERS,
      ...[...byGender.keys()].filter((g) => !(GENDERS as readonly string[]).includes(g)),
    ]),
    byAgeGroup: ordered(byAge, AGE_GROUPS),
    byMunicipality: ordered(
      byMunicipality,
      [...byMunicipality.keys()].sort((x, y) => x.localeCompare(y, "fi")),
    ),
  };
}

function mapBreakdowns<T, U>(b: Breakdowns<T>, f: (v: T) => U): Breakdowns<U> {
  const map = <K extends string>(r: Partial<Record<K, T>>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, f(v as T)])) as Record<K, U>;
  return {
    byGender: map(b.byGender),
    byAgeGroup: map(b.byAgeGroup),
    byMunicipality: map(b.byMunicipality),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

type AssessmentSums = {
  n: number;
  start: Record<Measure, number>;
  latest: Record<Measure, number>;
};
const zeroMeasures = () =>
  Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<Measure, number>;

/** Means from sums: the same numbers as SQL's avg() over the participants (the scores are never null). */
function assessmentChange(a: AssessmentSums): AssessmentChange {
  const measures = Object.fromEntries(
    MEASURES.map((m) => {
      if (a.n === 0) return [m, null];
      const start = a.start[m] / a.n;
      const latest = a.latest[m] / a.n;
      return [m, { start: round1(start), latest: round1(latest), change: round1(latest - start) }];
    }),
  ) as AssessmentChange["measures"];
  return { participants: a.n, measures };
}

type ReportRows = { cube: CubeRow[]; retention: RetentionRow[]; assessments: AssessmentRow[] };

/**
 * The three statements. Only suppression across organizations needs each
 * organization's part: otherwise `org` is a constant, which adds no groups
 * (grouping by the organization costs ~40 % more CPU over all of them).
 */
function reportQueries(scope: ReportScope, today: string, byOrg: boolean, range?: IdRange) {
  const all = scope.organizationIds == null;
  const org = byOrg ? "p.organization_id" : "0";
  const params = bindings(scope, today, range);
  return [
    { sql: cubeSql(all, org), params },
    { sql: retentionSql(all, org), params },
    { sql: assessmentSql(all, org), params },
  ];
}

function queryRows(scope: ReportScope, db: Db, today: string, byOrg = false): ReportRows {
  const [cube, retention, assessments] = reportQueries(scope, today, byOrg).map((q) =>
    db.$client.prepare(q.sql).all(q.params),
  );
  return {
    cube: cube as CubeRow[],
    retention: retention as RetentionRow[],
    assessments: assessments as AssessmentRow[],
  };
}

/**
 * The numbers of the report command (docs/interfaces.md) plus retention and self-assessment
 * change, on the caller's connection. Tests and small scopes use this;
 * the page, downloads and CLI use `computeReportInParallel`.
 */
export function computeReport(
  scope: ReportScope,
  db: Db = getDb(),
  today: string = todayInFinland(),
): Report {
  return assembleReport(scope, queryRows(scope, db, today));
}

/**
 * The same rows, split into participant-id ranges that read-only worker
 * threads count at once (every cell is a sum, so the ranges' rows add up):
 * about half the time on two cores, and the server's event loop stays free.
 * An in-memory database has no file to share, so it is counted in place.
 */
async function queryRowsInParallel(
  scope: ReportScope,
  db: Db,
  today: string,
  byOrg = false,
): Promise<ReportRows> {
  const file = db.$client.name;
  if (!file || file === ":memory:" || db.$client.memory) return queryRows(scope, db, today, byOrg);
  const bounds = db.$client
    .prepare(
      scope.organizationIds == null
        ? "select min(id) as lo, max(id) as hi from participants"
        : "select min(id) as lo, max(id) as hi from participants where organization_id in (select value from json_each(?))",
    )
    .get(...(scope.organizationIds == null ? [] : [JSON.stringify(scope.organizationIds)])) as {
    lo: number | null;
    hi: number | null;
  };
  if (bounds.lo == null || bounds.hi == null) return queryRows(scope, db, today, byOrg);
  const parts = readPoolSize();
  const span = Math.ceil((bounds.hi - bounds.lo + 1) / parts);
  const ranges: IdRange[] = Array.from({ length: parts }, (_, i) => ({
    pidLo: bounds.lo! + i * span,
    pidHi: Math.min(bounds.hi!, bounds.lo! + (i + 1) * span - 1),
  })).filter((r) => r.pidLo <= r.pidHi);
  const queries = ranges.flatMap((range) => reportQueries(scope, today, byOrg, range));
  const answers = await runReadQueries(file, queries);
  const rows: ReportRows = { cube: [], retention: [], assessments: [] };
  answers.forEach((answer, i) => {
    const kind = (["cube", "retention", "assessments"] as const)[i % 3]!;
    (rows[kind] as unknown[]).push(...answer);
  });
  return rows;
}

/** The report, counted in parallel (see `queryRowsInParallel`). */
export async function computeReportInParallel(
  scope: ReportScope,
  db: Db = getDb(),
  today: string = todayInFinland(),
): Promise<Report> {
  return assembleReport(scope, await queryRowsInParallel(scope, db, today));
}

/** A report and, from the same rows, each organization's own part of it. */
export type ReportParts = { report: Report; byOrganization: Map<number, Report> };

function partsOf(scope: ReportScope, rows: ReportRows): ReportParts {
  const orgs = new Set<number>([
    ...rows.cube.map((r) => r.org),
    ...rows.retention.map((r) => r.org),
    ...rows.assessments.map((r) => r.org),
  ]);
  const byOrganization = new Map<number, Report>();
  for (const org of orgs)
    byOrganization.set(
      org,
      assembleReport(scope, {
        cube: rows.cube.filter((r) => r.org === org),
        retention: rows.retention.filter((r) => r.org === org),
        assessments: rows.assessments.filter((r) => r.org === org),
      }),
    );
  return { report: assembleReport(scope, rows), byOrganization };
}

/** `computeReport` with each organization's part (for small-cell suppression across organizations). */
export function computeReportParts(
  scope: ReportScope,
  db: Db = getDb(),
  today: string = todayInFinland(),
): ReportParts {
  return partsOf(scope, queryRows(scope, db, today, true));
}

export async function computeReportPartsInParallel(
  scope: ReportScope,
  db: Db = getDb(),
  today: string = todayInFinland(),
): Promise<ReportParts> {
  return partsOf(scope, await queryRowsInParallel(scope, db, today, true));
}

/** The report of a scope with no one in it (an organization absent from a quarter). */
export function emptyReport(scope: ReportScope): Report {
  return assembleReport(scope, { cube: [], retention: [], assessments: [] });
}

function assembleReport(scope: ReportScope, rows: ReportRows): Report {
  const cube = rows.cube;
  // One iteration per cube cell (gender × age group × municipality × mask), not per participant.
  const cells = cube.map((cell) => ({ ...cell, kinds: stepsOfMask(cell.mask) }));
  const counts = rollUp(
    cells,
    (): GroupCounts => ({ participants: 0, steps: zeroSteps() }),
    (into, cell) => {
      into.participants += cell.n;
      for (const k of cell.kinds) into.steps[k] += cell.n;
    },
  );
  const onwardCounts = new Map<OnwardPath, number>();
  const endedCounts = new Map<EndReason, number>();
  for (const cell of cube) {
    ONWARD_PATHS.forEach((path, i) => {
      if (cell.mask & (1 << (ONWARD_BIT0 + i)))
        onwardCounts.set(path, (onwardCounts.get(path) ?? 0) + cell.n);
    });
    END_REASONS.forEach((reason, i) => {
      if (cell.mask & (1 << (ENDED_BIT0 + i)))
        endedCounts.set(reason, (endedCounts.get(reason) ?? 0) + cell.n);
    });
  }
  const onward: Partial<Record<OnwardPath, number>> = ordered(onwardCounts, ONWARD_PATHS);
  const ended: Partial<Record<EndReason, number>> = ordered(endedCounts, END_REASONS);

  const { total: retention, ...retentionBreakdowns } = rollUp(
    rows.retention,
    (): Retention => ({ started: 0, measurable: 0, retained: 0 }),
    (into, cell) => {
      into.started += cell.started;
      into.measurable += cell.measurable;
      into.retained += cell.retained;
    },
  );

  const { total: assessmentSums, ...assessmentBreakdowns } = rollUp(
    rows.assessments,
    (): AssessmentSums => ({ n: 0, start: zeroMeasures(), latest: zeroMeasures() }),
    (into, cell) => {
      into.n += cell.n;
      for (const m of MEASURES) {
        into.start[m] += cell[`${m}Start`];
        into.latest[m] += cell[`${m}Latest`];
      }
    },
  );

  return {
    from: scope.from,
    to: scope.to,
    organization: scope.organizationRef ?? null,
    participants: counts.total.participants,
    steps: counts.total.steps,
    onward,
    ended,
    byGender: counts.byGender,
    byAgeGroup: counts.byAgeGroup,
    byMunicipality: counts.byMunicipality,
    retention: { ...retention, ...retentionBreakdowns },
    assessments: {
      ...assessmentChange(assessmentSums),
      ...mapBreakdowns(assessmentBreakdowns, assessmentChange),
    },
  };
}

/** Exactly the report command's JSON (docs/interfaces.md) (the extra outcome measures are the page's). */
export function toContractJson(report: Report): ReportNumbers {
  return {
    from: report.from,
    to: report.to,
    organization: report.organization,
    participants: report.participants,
    steps: report.steps,
    onward: report.onward,
    ended: report.ended,
    byGender: report.byGender,
    byAgeGroup: report.byAgeGroup,
    byMunicipality: report.byMunicipality,
  };
}

/** The year of the first path step (this year when there is none): the admin's periods start there. */
export function firstReportYear(db: Db = getDb()): number | null {
  const row = db.$client.prepare("select min(date) as d from path_steps").get() as {
    d: string | null;
  };
  return row.d ? Number(row.d.slice(0, 4)) : null;
}

export function findOrganizationsByRefs(refs: string[], db: Db = getDb()) {
  if (refs.length === 0) return [];
  return db
    .select({ id: organizations.id, ref: organizations.ref, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.ref, refs))
    .all();
}
