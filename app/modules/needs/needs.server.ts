import { and, eq, isNull, ne } from "drizzle-orm";
import { activities, needSnapshots, participants, users } from "#db/schema.ts";
import { z } from "zod";
import { getDb, writeTransaction, type Db } from "#app/infra/db.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import type { Lang, Translate } from "#app/infra/i18n/i18n.ts";
import { actorOf, recordAudit, type ActingUser } from "../audit/audit.server.ts";
import { getInterestMatcher } from "../interests/interests.server.ts";
import { notifyUser } from "../notifications/notifications.server.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import { activityFactsOf, seekerOf } from "../matching/match-facts.server.ts";
import type { ActivityFacts } from "../matching/match-rules.ts";
import { findMunicipality, municipalityLabel } from "../places/municipalities.server.ts";
import { csvText, type CsvCell } from "#app/infra/csv.server.ts";
import { SUPPRESSED } from "../reports/report-tables.ts";
import type { WeeklyWindow } from "../common/common-schema.ts";
import { todayInFinland } from "../common/common-schema.ts";
import {
  ALL,
  hiddenNeedCells,
  interestStatus,
  NEED_MEASURES,
  needCellKey,
  needCells,
  needPlaceLabel,
  needQuarterLabel,
  parentRowOf,
  rowsOf,
  sharedTimes,
  type InterestStatus,
  type NeedMeasure,
  type PersonNeeds,
} from "./unmet-interests.ts";

/**
 * The unmet-interests view (issue #17): what is missing, and where. One
 * table for everyone, computed from every organization's participants with
 * the matcher's rulebook and suppressed once (unmet-interests.ts); the
 * coordinator sees all of it, association staff the rows of the
 * municipalities where their organization runs activities. Only counts ever
 * leave this module, never a person.
 */

export type NeedTable = {
  cells: Map<string, Set<number>>;
  hidden: Set<string>;
  /** Each person's schedule, for times a new group could meet (never returned as such). */
  schedules: Map<number, WeeklyWindow[]>;
};

/** Open activities by their interest concepts: the only ones that can meet an interest. */
function activitiesByInterest(rows: ActivityFacts[]) {
  const map = new Map<string, ActivityFacts[]>();
  for (const a of rows)
    for (const k of new Set(a.interestKeys)) map.set(k, [...(map.get(k) ?? []), a]);
  return map;
}

/** Every participant's interests judged against every open activity that could fit them. */
export function computeNeedTable(
  db: Db = getDb(),
  matcher: InterestMatcher = getInterestMatcher(db),
): NeedTable {
  const today = todayInFinland();
  const open = db
    .select()
    .from(activities)
    .where(eq(activities.status, "open"))
    .all()
    .map(activityFactsOf);
  const byInterest = activitiesByInterest(open);
  const people: PersonNeeds[] = [];
  const schedules = new Map<number, WeeklyWindow[]>();
  for (const row of db.select().from(participants).where(isNull(participants.erasedAt)).all()) {
    const seeker = seekerOf(row, matcher, today);
    if (seeker.interestKeys.length === 0) continue;
    const statuses = new Map<string, InterestStatus>();
    for (const key of seeker.interestKeys)
      statuses.set(key, interestStatus(seeker, key, byInterest.get(key) ?? [], matcher));
    people.push({ id: row.id, municipality: seeker.municipality, statuses });
    schedules.set(row.id, row.schedule);
  }
  const cells = needCells(people, matcher);
  return { cells, hidden: hiddenNeedCells(cells, parentRowOf(matcher)), schedules };
}

/** A shown number, or null when hidden; 0 for a cell nobody is in. */
export function shownValue(table: NeedTable, key: string): number | null {
  if (table.hidden.has(key)) return null;
  return table.cells.get(key)?.size ?? 0;
}

// ---------------------------------------------------------------- who sees what

export type NeedScope = { all: true } | { all: false; municipalities: string[] };

/**
 * The coordinator sees every municipality; association staff those where
 * their organization runs activities (open or paused): the aggregate-only
 * permission `needs.readAggregate` (docs/domain.md). Anyone else: none.
 */
export function needScopeOf(viewer: ActingUser, db: Db = getDb()): NeedScope | undefined {
  if (viewer.role === "admin") return { all: true };
  if (viewer.role !== "staff" || viewer.organizationId == null) return undefined;
  const rows = db
    .selectDistinct({ municipality: activities.municipality })
    .from(activities)
    .where(
      and(eq(activities.organizationId, viewer.organizationId), ne(activities.status, "closed")),
    )
    .all();
  const names = rows.map((r) => findMunicipality(r.municipality)?.fi ?? r.municipality);
  return {
    all: false,
    municipalities: [...new Set(names)].sort((a, b) => a.localeCompare(b, "fi")),
  };
}

function inScope(scope: NeedScope, municipality: string) {
  return scope.all ? true : municipality !== ALL && scope.municipalities.includes(municipality);
}

// ---------------------------------------------------------------- quarters

export function quarterOf(day: string) {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Keeps this quarter's shown numbers per municipality, so the trend holds aggregates only. */
function recordSnapshot(table: NeedTable, db: Db) {
  const quarter = quarterOf(todayInFinland());
  const rows: { municipality: string; measure: NeedMeasure; value: number | null }[] = [];
  for (const key of table.cells.keys()) {
    const [municipality, row, measure] = key.split("|") as [string, string, NeedMeasure];
    if (row !== ALL) continue;
    rows.push({ municipality, measure, value: shownValue(table, key) });
  }
  db.transaction((tx) => {
    tx.delete(needSnapshots).where(eq(needSnapshots.quarter, quarter)).run();
    for (const r of rows)
      tx.insert(needSnapshots)
        .values({ quarter, ...r })
        .run();
  });
}

// ---------------------------------------------------------------- the view

export type NeedCell = number | null;
export type NeedRow = {
  code: string;
  label: string;
  /** A concept under its category (indented on the page). */
  nested: boolean;
  /** The concept key for a new activity from this row; null for a category or "any interest". */
  interestKey: string | null;
  unmet: NeedCell;
  full: NeedCell;
};

export type NeedsView = {
  municipalities: { name: string; label: string }[];
  /** The municipality the interest table shows ("*" = all, the coordinator only). */
  municipality: string;
  byMunicipality: NeedRow[];
  byInterest: NeedRow[];
  trend: { quarter: string; unmet: NeedCell; full: NeedCell }[];
  canCreate: boolean;
};

export type NeedsQuery = { municipality?: string };

/**
 * The view for one viewer, or undefined when they may not see it. The
 * chosen municipality must be in their scope (otherwise the first of it).
 * Audited as an aggregate read.
 */
export function needsViewFor(
  viewer: ActingUser,
  query: NeedsQuery,
  lang: Lang,
  context: "page" | "csv",
  db: Db = getDb(),
): NeedsView | undefined {
  const scope = needScopeOf(viewer, db);
  if (!scope) return undefined;
  const matcher = getInterestMatcher(db);
  const table = computeNeedTable(db, matcher);
  recordSnapshot(table, db);
  recordAudit(db, actorOf(viewer), {
    action: "needs.read",
    entityType: "needs",
    organizationId: viewer.organizationId,
    context,
  });
  const counted = new Set([...table.cells.keys()].map((k) => k.split("|")[0]!));
  counted.delete(ALL);
  const names = scope.all
    ? [...counted].sort((a, b) => a.localeCompare(b, "fi"))
    : scope.municipalities;
  const municipalities = names.map((name) => ({ name, label: municipalityLabel(name, lang) }));
  const chosen =
    query.municipality &&
    (query.municipality === ALL ? scope.all : inScope(scope, query.municipality))
      ? query.municipality
      : scope.all
        ? ALL
        : (names[0] ?? ALL);
  const value = (m: string, row: string, measure: NeedMeasure) =>
    shownValue(table, needCellKey(m, row, measure));
  const rowOf = (
    m: string,
    row: string,
    label: string,
    nested: boolean,
    key: string | null,
  ): NeedRow => ({
    code: row === ALL ? m : row,
    label,
    nested,
    interestKey: key,
    unmet: value(m, row, "unmet"),
    full: value(m, row, "full"),
  });
  const byMunicipality = names.map((m) => rowOf(m, ALL, municipalityLabel(m, lang), false, null));
  if (scope.all) byMunicipality.push(rowOf(ALL, ALL, "*", false, null));

  // The chosen municipality's interests: categories with their concepts, only rows anyone is in.
  const byInterest: NeedRow[] = [];
  const m = scope.all || chosen !== ALL ? chosen : undefined;
  if (m != null) {
    const rows = new Set<string>();
    for (const k of table.cells.keys()) {
      const [mm, row] = k.split("|") as [string, string];
      if (mm === m && row !== ALL) rows.add(row);
    }
    const categories = [...rows].filter((r) => r.startsWith("g:"));
    const sortLabel = (a: { label: string }, b: { label: string }) =>
      a.label.localeCompare(b.label, lang);
    for (const g of categories
      .map((r) => ({ r, label: matcher.label(r.slice(2), lang) }))
      .sort(sortLabel)) {
      byInterest.push(rowOf(m, g.r, g.label, false, g.r.slice(2)));
      const concepts = [...rows]
        .filter((r) => r.startsWith("k:") && rowsOf(r.slice(2), matcher)[1] === g.r)
        .map((r) => ({ r, label: matcher.label(r.slice(2), lang) }))
        .sort(sortLabel);
      for (const c of concepts) byInterest.push(rowOf(m, c.r, c.label, true, c.r.slice(2)));
    }
  }
  const trendRows = db
    .select()
    .from(needSnapshots)
    .where(eq(needSnapshots.municipality, chosen))
    .orderBy(needSnapshots.quarter)
    .all();
  const trend = [...new Set(trendRows.map((r) => r.quarter))].map((quarter) => {
    // No row: nobody in that cell then (0); a row with null: hidden.
    const of = (measure: NeedMeasure) => {
      const r = trendRows.find((x) => x.quarter === quarter && x.measure === measure);
      return r ? r.value : 0;
    };
    return { quarter, unmet: of("unmet"), full: of("full") };
  });
  return {
    municipalities,
    municipality: chosen,
    byMunicipality,
    byInterest,
    trend,
    canCreate: viewer.role === "staff",
  };
}

// ---------------------------------------------------------------- from a cell to a new group

export type NewActivityDraft = {
  interestKey: string;
  interestLabel: string;
  municipality: string;
  /** Weekly times at least five of the cell's people share; none when fewer do. */
  times: WeeklyWindow[];
};

/**
 * What the new-activity form starts from when staff open it from a cell:
 * the interest, the municipality and shared times. Only for a cell in the
 * viewer's scope that the view shows (five or more people); otherwise
 * undefined (the form opens empty).
 */
export function draftActivityFromNeed(
  viewer: ActingUser,
  municipality: string,
  interestKey: string,
  lang: Lang,
  db: Db = getDb(),
): NewActivityDraft | undefined {
  const scope = needScopeOf(viewer, db);
  if (!scope || !inScope(scope, municipality) || municipality === ALL) return undefined;
  const matcher = getInterestMatcher(db);
  if (!matcher.concepts.has(interestKey)) return undefined;
  const table = computeNeedTable(db, matcher);
  const row = rowsOf(interestKey, matcher)[0]!;
  const people = new Set<number>();
  for (const measure of NEED_MEASURES) {
    const key = needCellKey(municipality, row, measure);
    if (table.hidden.has(key)) continue;
    for (const id of table.cells.get(key) ?? []) people.add(id);
  }
  if (people.size === 0) return undefined;
  return {
    interestKey,
    interestLabel: matcher.label(interestKey, lang),
    municipality,
    times: sharedTimes([...people].map((id) => table.schedules.get(id) ?? [])),
  };
}

/** The new-activity form's address when opened from a cell (anything else opens it empty). */
export const NeedDraftQuerySchema = z.object({
  interest: z.string().trim().min(1).max(80),
  municipality: z.string().trim().min(1).max(80),
});

export const NeedsQuerySchema = z.strictObject({
  municipality: z.string().trim().max(80, "at most 80 characters").optional(),
});

/** The query string as the schema reads it (unknown parameters ignored). */
export function needsQueryFrom(params: URLSearchParams) {
  return parseWith(NeedsQuerySchema, {
    municipality: params.get("municipality") ?? undefined,
  });
}

/**
 * The view for a spreadsheet in the user's language, as the page shows it:
 * each table under its title, a header row and one row per group with a
 * column per measure (the report's Finnish-Excel form: semicolons, a
 * byte-order mark). Hidden numbers are "..".
 */
export function needsCsv(view: NeedsView, t: Translate) {
  const cell = (v: NeedCell) => (v == null ? SUPPRESSED : v);
  const place = (code: string) => needPlaceLabel(t, view.municipalities, code);
  const measures = NEED_MEASURES.map((m) => t(`needs.col.${m}`));
  const table = (
    title: string,
    first: string,
    rows: { label: string; unmet: NeedCell; full: NeedCell }[],
  ) => [
    [],
    [title],
    [first, ...measures],
    ...rows.map((r) => [r.label, ...NEED_MEASURES.map((m) => cell(r[m]))]),
  ];
  const here = place(view.municipality);
  const lines: CsvCell[][] = [
    [t("needs.title")],
    [t("needs.suppressed")],
    ...table(
      t("needs.byMunicipality"),
      t("needs.col.municipality"),
      view.byMunicipality.map((r) => ({ ...r, label: place(r.code) })),
    ),
    ...table(
      t("needs.byInterest", { municipality: here }),
      t("needs.col.interest"),
      view.byInterest,
    ),
    ...table(
      t("needs.trend", { municipality: here }),
      t("needs.col.quarter"),
      view.trend.map((r) => ({ ...r, label: needQuarterLabel(t, r.quarter) })),
    ),
  ];
  return csvText(lines);
}

// ---------------------------------------------------------------- a new group that fits

/**
 * When an activity opens, the workers of participants it fits who had
 * nothing fitting before (every interest unmet or full, by the rulebook)
 * get "uusi sopiva toiminta". Each notification goes to the participant's
 * own worker (or, for the unassigned, to their organization's workers) and
 * names only the public activity: nothing about any participant reaches the
 * activity's organization, not even how many were told. Returns how many
 * participants were found (for tests and the log).
 */
export function notifyNewFits(activityRef: string, db: Db = getDb()): number {
  const row = db.select().from(activities).where(eq(activities.ref, activityRef)).get();
  if (!row || row.status !== "open") return 0;
  const matcher = getInterestMatcher(db);
  const added = activityFactsOf(row);
  const others = db
    .select()
    .from(activities)
    .where(and(eq(activities.status, "open"), ne(activities.id, row.id)))
    .all()
    .map(activityFactsOf);
  const byInterest = activitiesByInterest(others);
  const today = todayInFinland();
  const found: { id: number; ref: string; organizationId: number; worker: string | null }[] = [];
  for (const p of db.select().from(participants).where(isNull(participants.erasedAt)).all()) {
    const seeker = seekerOf(p, matcher, today);
    const fitsNow = seeker.interestKeys.some(
      (key) => interestStatus(seeker, key, [added], matcher) === "fits",
    );
    if (!fitsNow) continue;
    const hadFit = seeker.interestKeys.some(
      (key) => interestStatus(seeker, key, byInterest.get(key) ?? [], matcher) === "fits",
    );
    if (!hadFit)
      found.push({
        id: p.id,
        ref: p.ref,
        organizationId: p.organizationId,
        worker: p.responsibleWorkerId,
      });
  }
  if (found.length === 0) return 0;
  writeTransaction((tx) => {
    for (const p of found) {
      const workers = tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.organizationId, p.organizationId),
            eq(users.role, "worker"),
            eq(users.active, true),
            p.worker ? eq(users.id, p.worker) : undefined,
          ),
        )
        .all();
      for (const w of workers)
        notifyUser(
          tx,
          w.id,
          { key: "needs.newFit", params: { title: row.title } },
          `/participants/${encodeURIComponent(p.ref)}/suggestions`,
          p.id,
        );
    }
  }, db);
  return found.length;
}
