import type { Translate } from "#app/infra/i18n/i18n.ts";
import type { WeeklyWindow } from "../common/common-schema.ts";
import type { InterestMatcher } from "../interests/normalize.ts";
import {
  judgeActivity,
  toMinutes,
  type ActivityFacts,
  type Seeker,
} from "../matching/match-rules.ts";

/**
 * Unmet interests: "what is missing, and where" (issue #17), pure.
 *
 * Each interest concept of a person is judged with the matcher's own
 * rulebook (match-rules.ts, judgeActivity): it is met when an open
 * activity passes every hard rule and offers that interest; "full" when
 * the only rule such activities break is their places; otherwise unmet.
 *
 * The counts are sets of people per cell, so that small cells can be hidden
 * exactly (hiddenNeedCells, ADR 019): a cell is
 * `municipality|row|measure`, municipality "*" for all, row "*" for any
 * interest, `g:<category>` or `k:<concept>`.
 */

/** A quarter's code ("2026-Q4") as people read it ("2026 / 4. neljännes"). */
export function needQuarterLabel(t: Translate, code: string) {
  const [year, q] = code.split("-Q");
  return t("needs.quarter", { year: year!, q: q! });
}

/** A municipality of the view as people read it; ALL is "every municipality". */
export function needPlaceLabel(
  t: Translate,
  municipalities: { name: string; label: string }[],
  code: string,
) {
  return code === ALL
    ? t("needs.all")
    : (municipalities.find((m) => m.name === code)?.label ?? code);
}

export const NEED_MEASURES = ["unmet", "full"] as const;
export type NeedMeasure = (typeof NEED_MEASURES)[number];
export type InterestStatus = "fits" | NeedMeasure;

/** Groups under this many people are never shown (the same threshold as the reports). */
export const SMALL_NEED = 5;
export const ALL = "*";

export const needCellKey = (municipality: string, row: string, measure: string) =>
  `${municipality}|${row}|${measure}`;

/**
 * One interest of one person against open activities. The rulebook judges
 * this one interest alone (no typed words, no other concepts); it is met
 * when an activity passes every hard rule and offers the concept itself
 * (the interest fit's exact part). An activity of the same broader category
 * is still suggested to the person, but it is not the group they asked for:
 * a café does not meet "cooking".
 */
export function interestStatus(
  seeker: Seeker,
  key: string,
  activities: Iterable<ActivityFacts>,
  matcher: InterestMatcher,
): InterestStatus {
  const one: Seeker = { ...seeker, interestKeys: [key], unknownWords: [], typedWords: [] };
  let full = false;
  for (const a of activities) {
    const j = judgeActivity(one, a, matcher);
    if (!j.interest.exact.includes(key)) continue;
    if (j.verdict.fits) return "fits";
    if (j.verdict.checks.every((c) => c.ok || c.rule === "places")) full = true;
  }
  return full ? "full" : "unmet";
}

/** A concept's row and its category's row (a category concept has only its own). */
export function rowsOf(key: string, matcher: InterestMatcher): string[] {
  const category = matcher.categoryOf(key);
  return category && category !== key ? [`k:${key}`, `g:${category}`] : [`g:${key}`];
}

export type PersonNeeds = {
  id: number;
  municipality: string;
  /** Every interest concept with its status. */
  statuses: Map<string, InterestStatus>;
};

/** The people of every cell (only unmet and full are counted; "fits" is never shown). */
export function needCells(people: PersonNeeds[], matcher: InterestMatcher) {
  const cells = new Map<string, Set<number>>();
  const add = (key: string, id: number) => {
    let set = cells.get(key);
    if (!set) cells.set(key, (set = new Set()));
    set.add(id);
  };
  for (const p of people)
    for (const [key, status] of p.statuses) {
      if (status === "fits") continue;
      for (const row of [...rowsOf(key, matcher), ALL])
        for (const m of [p.municipality, ALL]) add(needCellKey(m, row, status), p.id);
    }
  return cells;
}

const isSmall = (n: number) => n >= 1 && n < SMALL_NEED;

function parse(cell: string) {
  const [municipality, row, measure] = cell.split("|") as [string, string, NeedMeasure];
  return { municipality, row, measure };
}

/** A row's next wider row: a concept's category, a category's "any interest". */
export function parentRowOf(matcher: InterestMatcher) {
  return (row: string): string | undefined => {
    if (row === ALL) return undefined;
    if (row.startsWith("g:")) return ALL;
    return rowsOf(row.slice(2), matcher)[1] ?? ALL;
  };
}

/**
 * The cells whose people are a subset of this cell's by construction: the
 * same measure, the same or all municipalities, the row itself or its
 * category or any interest. `parentRow` gives a concept row's category row.
 */
function ancestorsOf(cell: string, parentRow: (row: string) => string | undefined) {
  const { municipality, row, measure } = parse(cell);
  const rows = [row];
  for (let r = parentRow(row); r; r = parentRow(r)) rows.push(r);
  const out: string[] = [];
  for (const m of municipality === ALL ? [ALL] : [municipality, ALL])
    for (const r of rows) {
      const key = needCellKey(m, r, measure);
      if (key !== cell) out.push(key);
    }
  return out;
}

/**
 * The cells to hide so that no shown number, and no difference of shown
 * numbers, is a group of 1–4 people:
 * 1. a cell of 1–4 people;
 * 2. of two shown cells where one's people are part of the other's (a
 *    concept in its category or any interest; a municipality in all), the
 *    wider when they differ by 1–4;
 * 3. an all-municipalities cell whose hidden municipality parts are one
 *    cell alone or 1–4 people together (the total minus the shown parts
 *    would give them away) is hidden itself.
 * Every view (the coordinator's, a staff member's municipalities) shows a
 * part of this one table, so any combination of views is a combination of
 * its shown numbers. Where a choice is free, the wider cell (a category,
 * any interest, all municipalities) is hidden and the narrow one kept: a
 * concept in a municipality is what a new group is started from.
 */
export function hiddenNeedCells(
  cells: Map<string, Set<number>>,
  parentOf: (row: string) => string | undefined,
): Set<string> {
  const size = (k: string) => cells.get(k)?.size ?? 0;
  const hidden = new Set([...cells.keys()].filter((k) => isSmall(size(k))));
  const groups = new Map<string, string[]>();
  for (const k of cells.keys()) {
    const { municipality, row, measure } = parse(k);
    if (municipality === ALL) continue;
    const total = needCellKey(ALL, row, measure);
    groups.set(total, [...(groups.get(total) ?? []), k]);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [total, parts] of groups) {
      if (hidden.has(total)) continue;
      const hid = parts.filter((k) => hidden.has(k));
      if (hid.length === 0) continue;
      const sum = hid.reduce((s, k) => s + size(k), 0);
      if (hid.length >= 2 && !isSmall(sum)) continue;
      hidden.add(total);
      changed = true;
    }
    for (const k of cells.keys()) {
      if (hidden.has(k)) continue;
      for (const a of ancestorsOf(k, parentOf))
        if (!hidden.has(a) && isSmall(size(a) - size(k))) {
          hidden.add(a);
          changed = true;
        }
    }
  }
  return hidden;
}

// ---------------------------------------------------------------- times for a new group

/** Two-hour blocks a new group could meet in, from morning to evening. */
const BLOCK_STARTS = [9, 11, 13, 15, 17, 19].map((h) => `${String(h).padStart(2, "0")}:00`);
const plusTwoHours = (t: string) => `${String(Number(t.slice(0, 2)) + 2).padStart(2, "0")}:00`;

/**
 * Weekly times at least `SMALL_NEED` of the people are free for (each
 * person's windows must hold the whole block), most shared first. Only the
 * times are returned, never how many share them.
 */
export function sharedTimes(schedules: WeeklyWindow[][], limit = 3): WeeklyWindow[] {
  const counted: { time: WeeklyWindow; n: number }[] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (const start of BLOCK_STARTS) {
      const time = { weekday, start, end: plusTwoHours(start) };
      const n = schedules.filter((windows) =>
        windows.some(
          (w) =>
            w.weekday === weekday &&
            toMinutes(w.start) <= toMinutes(time.start) &&
            toMinutes(time.end) <= toMinutes(w.end),
        ),
      ).length;
      if (n >= SMALL_NEED) counted.push({ time, n });
    }
  return counted
    .sort((a, b) => b.n - a.n || a.time.weekday - b.time.weekday)
    .slice(0, limit)
    .map((c) => c.time);
}
