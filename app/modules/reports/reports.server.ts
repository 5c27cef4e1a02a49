import { inArray } from "drizzle-orm";
import {
  END_REASONS,
  GENDERS,
  ONWARD_PATHS,
  organizations,
  PATH_STEPS,
  type EndReason,
  type OnwardPath,
  type PathStepKind,
} from "#db/schema.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { todayInFinland } from "../common/common-schema.ts";
import { AGE_GROUPS, type AgeGroup } from "./reports-schema.ts";

export type StepCounts = Record<PathStepKind, number>;
export type GroupCounts = { participants: number; steps: StepCounts };

/** CONTRACT.md's report, key for key. */
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

export type Report = ReportNumbers & { retention: Retention; assessments: AssessmentChange };

export type ReportScope = {
  from: string;
  to: string;
  /** null: every organization. */
  organizationIds: number[] | null;
  /** The `organization` field of the contract's JSON: the one ref asked for, else null. */
  organizationRef?: string | null;
};

const zeroSteps = (): StepCounts => Object.fromEntries(PATH_STEPS.map((s) => [s, 0])) as StepCounts;

/** `p` is the participants alias; the org list is bound as a JSON array so one statement serves any selection. */
const ORG_FILTER = `(@allOrgs = 1 or p.organization_id in (select value from json_each(@orgs)))`;

const AGE_GROUP_SQL = `case
  when p.birth_year is null then 'unknown'
  when @toYear - p.birth_year < 25 then 'under-25'
  when @toYear - p.birth_year < 30 then '25-29'
  when @toYear - p.birth_year < 55 then '30-54'
  else '55-plus' end`;

/**
 * One pass over the period's steps (the (date, step, participant_id) index
 * covers it): each participant becomes one row with a flag per step kind,
 * then rows are counted per (gender, age group, municipality). Every
 * breakdown and the totals are sums over that small cube.
 */
const CUBE_SQL = `
  with x as (
    select participant_id as pid,
      ${PATH_STEPS.map((s) => `max(step = '${s}') as "${s}"`).join(",\n      ")}
    from path_steps
    where date between @from and @to
    group by participant_id
  )
  select p.gender as gender, ${AGE_GROUP_SQL} as ageGroup, p.municipality as municipality,
    count(*) as participants,
    ${PATH_STEPS.map((s) => `sum(x."${s}") as "${s}"`).join(", ")}
  from x join participants p on p.id = x.pid
  where ${ORG_FILTER}
  group by 1, 2, 3`;

/** Each participant once per onward path and once per end reason. */
const OUTCOMES_SQL = `
  select ps.step as step,
    case ps.step when 'onward' then ps.onward_path else ps.end_reason end as kind,
    count(distinct ps.participant_id) as n
  from path_steps ps join participants p on p.id = ps.participant_id
  where ps.date between @from and @to and ps.step in ('onward', 'ended') and ${ORG_FILTER}
  group by 1, 2`;

/**
 * Retention: of those who started in the period (first "started" step in it),
 * the share still taking part three months later, i.e. with a path step other
 * than "ended" or a present attendance dated on or after that day. Only those
 * whose three months have passed by today are measurable.
 */
const RETENTION_SQL = `
  with st as (
    select ps.participant_id as pid, date(min(ps.date), '+3 months') as mark
    from path_steps ps join participants p on p.id = ps.participant_id
    where ps.step = 'started' and ps.date between @from and @to and ${ORG_FILTER}
    group by ps.participant_id
  ),
  present as (
    select participant_id as pid, max(session_date) as last
    from attendance where present = 1 and participant_id in (select pid from st)
    group by participant_id
  )
  select count(*) as started,
    coalesce(sum(st.mark <= @today), 0) as measurable,
    coalesce(sum(st.mark <= @today and (
      coalesce(pr.last >= st.mark, 0)
      or exists (select 1 from path_steps l
                 where l.participant_id = st.pid and l.step <> 'ended' and l.date >= st.mark)
    )), 0) as retained
  from st left join present pr on pr.pid = st.pid`;

const COLUMNS: Record<Measure, string> = {
  workAbility: "work_ability",
  mentalWellbeing: "mental_wellbeing",
  socialParticipation: "social_participation",
  physicalFunctioning: "physical_functioning",
  competence: "competence",
  everydayLife: "everyday_life",
};

/** Start assessment against the latest one up to the period's end, when that latest one is in the period. */
const ASSESSMENT_SQL = `
  with scoped as (
    select sa.* from self_assessments sa join participants p on p.id = sa.participant_id
    where sa.date <= @to and ${ORG_FILTER}
  ),
  starts as (
    select * from (select scoped.*, row_number() over (partition by participant_id order by date, id) as rn
                   from scoped where phase = 'start') where rn = 1
  ),
  latest as (
    select * from (select scoped.*, row_number() over (partition by participant_id order by date desc, id desc) as rn
                   from scoped) where rn = 1
  )
  select count(*) as n,
    ${MEASURES.map((m) => `avg(s.${COLUMNS[m]}) as "${m}Start", avg(l.${COLUMNS[m]}) as "${m}Latest"`).join(",\n    ")}
  from starts s join latest l on l.participant_id = s.participant_id
  where l.id <> s.id and l.date >= @from and l.date > s.date`;

function bindings(scope: ReportScope, today: string) {
  return {
    from: scope.from,
    to: scope.to,
    toYear: Number(scope.to.slice(0, 4)),
    allOrgs: scope.organizationIds == null ? 1 : 0,
    orgs: JSON.stringify(scope.organizationIds ?? []),
    today,
  };
}

type CubeRow = {
  gender: string;
  ageGroup: AgeGroup;
  municipality: string;
  participants: number;
} & StepCounts;

function addInto(target: GroupCounts, row: CubeRow) {
  target.participants += row.participants;
  for (const s of PATH_STEPS) target.steps[s] += row[s];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The numbers of CONTRACT.md's report plus retention and self-assessment change; the page, downloads and CLI all call this. */
export function computeReport(
  scope: ReportScope,
  db: Db = getDb(),
  today: string = todayInFinland(),
): Report {
  const sqlite = db.$client;
  const params = bindings(scope, today);
  const cube = sqlite.prepare(CUBE_SQL).all(params) as CubeRow[];

  const total: GroupCounts = { participants: 0, steps: zeroSteps() };
  const byGender = new Map<string, GroupCounts>();
  const byAge = new Map<AgeGroup, GroupCounts>();
  const byMunicipality = new Map<string, GroupCounts>();
  const group = <K>(map: Map<K, GroupCounts>, key: K) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = { participants: 0, steps: zeroSteps() }));
    return g;
  };
  for (const row of cube) {
    addInto(total, row);
    addInto(group(byGender, row.gender), row);
    addInto(group(byAge, row.ageGroup), row);
    addInto(group(byMunicipality, row.municipality), row);
  }

  const onward: Partial<Record<OnwardPath, number>> = {};
  const ended: Partial<Record<EndReason, number>> = {};
  const outcomeRows = sqlite.prepare(OUTCOMES_SQL).all(params) as {
    step: "onward" | "ended";
    kind: string;
    n: number;
  }[];
  for (const path of ONWARD_PATHS) {
    const n = outcomeRows.find((r) => r.step === "onward" && r.kind === path)?.n;
    if (n) onward[path] = n;
  }
  for (const reason of END_REASONS) {
    const n = outcomeRows.find((r) => r.step === "ended" && r.kind === reason)?.n;
    if (n) ended[reason] = n;
  }

  const retention = sqlite.prepare(RETENTION_SQL).get(params) as Retention;
  const a = sqlite.prepare(ASSESSMENT_SQL).get(params) as Record<string, number | null> & {
    n: number;
  };
  const measures = Object.fromEntries(
    MEASURES.map((m) => {
      const start = a[`${m}Start`];
      const latest = a[`${m}Latest`];
      return [
        m,
        a.n > 0 && start != null && latest != null
          ? { start: round1(start), latest: round1(latest), change: round1(latest - start) }
          : null,
      ];
    }),
  ) as AssessmentChange["measures"];

  const ordered = <K extends string>(map: Map<K, GroupCounts>, keys: readonly K[]) =>
    Object.fromEntries(keys.filter((k) => map.has(k)).map((k) => [k, map.get(k)!]));

  return {
    from: scope.from,
    to: scope.to,
    organization: scope.organizationRef ?? null,
    participants: total.participants,
    steps: total.steps,
    onward,
    ended,
    byGender: ordered(byGender, [
      ...GENDERS,
      ...[...byGender.keys()].filter((g) => !(GENDERS as readonly string[]).includes(g)),
    ]),
    byAgeGroup: ordered(byAge, AGE_GROUPS),
    byMunicipality: ordered(
      byMunicipality,
      [...byMunicipality.keys()].sort((x, y) => x.localeCompare(y, "fi")),
    ),
    retention: {
      started: retention.started,
      measurable: retention.measurable,
      retained: retention.retained,
    },
    assessments: { participants: a.n, measures },
  };
}

/** Exactly CONTRACT.md's JSON (the extra outcome measures are the page's). */
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

export function findOrganizationsByRefs(refs: string[], db: Db = getDb()) {
  if (refs.length === 0) return [];
  return db
    .select({ id: organizations.id, ref: organizations.ref, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.ref, refs))
    .all();
}
