import { GENDERS } from "../participants/participant-schema.ts";
import { END_REASONS, ONWARD_PATHS, PATH_STEPS } from "../paths/paths-schema.ts";
import { formatDate, type Locale, type MessageKey, type Translate } from "#app/infra/i18n/i18n.ts";
import { AGE_GROUPS, HEADLINE_STEPS, periodCode } from "./reports-schema.ts";

export { HEADLINE_STEPS };
import {
  MEASURES,
  type AssessmentChange,
  type Breakdowns,
  type GroupCounts,
  type Report,
  type Retention,
} from "./reports.server.ts";

/** A fixed period's name: "2026" or "2026 / 4. neljännes"; "" for any other period. */
export function periodName(t: Translate, from: string, to: string) {
  const code = periodCode(from, to);
  if (!code) return "";
  const [year, q] = code.split("-Q");
  return q ? t("reports.quarter", { year: Number(year), q: Number(q) }) : String(year);
}

/** The period in the user's words and dates: "Jakso 2026 / 4. neljännes (1.10.2026 – 31.12.2026)". */
export function periodText(t: Translate, locale: Locale, from: string, to: string) {
  const dates = { from: formatDate(from, locale), to: formatDate(to, locale) };
  const name = periodName(t, from, to);
  return name ? t("reports.periodNamed", { name, ...dates }) : t("reports.period", dates);
}

/** Groups under this many people are never shown where a report crosses organizations. */
export const SMALL_CELL = 5;
/**
 * A hidden cell: under five people, or a number from which such a group
 * could be worked out (ADR 011). One mark for both, so the page does not
 * tell which hidden cell is the small one.
 */
export const SUPPRESSED = "..";

export type Cell = number | string;

/** `table|row|measure`: one cell of the report's tables (row is "" in one-column tables' own rows). */
export const cellKey = (table: string, row: string, measure: string) =>
  `${table}|${row}|${measure}`;

/** The cells to hide, by `cellKey`; null shows every number (a worker's own organization). */
export type HiddenCells = ReadonlySet<string> | null;

export type ReportTable = {
  /** Stable code for CSV and tests. */
  id: string;
  title: string;
  note?: string;
  /** First column's heading, then one per value column. */
  columns: string[];
  /** Codes of the value columns (CSV "measure"). */
  columnCodes: string[];
  rows: { code: string; label: string; cells: Cell[] }[];
};

const stepLabel = (t: Translate, s: string) => t(`paths.step.${s}` as MessageKey);

type Dimension = keyof Breakdowns<unknown>;
const DIMENSIONS: Dimension[] = ["byGender", "byAgeGroup", "byMunicipality"];
/** "retention" + "byGender" = "retentionByGender". */
const tableId = (measure: string, dimension: Dimension) =>
  `${measure}${dimension[0]!.toUpperCase()}${dimension.slice(1)}`;

/** A breakdown's groups in the report's order, each with its label. */
function groupsOf<T>(t: Translate, dimension: Dimension, groups: Breakdowns<T>[Dimension]) {
  const byCode = groups as Record<string, T | undefined>;
  const order: readonly string[] =
    dimension === "byGender"
      ? [
          ...GENDERS,
          ...Object.keys(byCode).filter((g) => !(GENDERS as readonly string[]).includes(g)),
        ]
      : dimension === "byAgeGroup"
        ? AGE_GROUPS
        : Object.keys(byCode);
  const label = (code: string) =>
    dimension === "byMunicipality"
      ? code
      : dimension === "byAgeGroup"
        ? t(`reports.age.${code}` as MessageKey)
        : (GENDERS as readonly string[]).includes(code)
          ? t(`reports.gender.${code}` as MessageKey)
          : code;
  return order
    .filter((code) => byCode[code])
    .map((code) => ({ code, label: label(code), group: byCode[code]! }));
}

/** A count, or the mark when the cell is hidden. */
function shown(hidden: HiddenCells, table: string, row: string, measure: string, n: number): Cell {
  return hidden?.has(cellKey(table, row, measure)) ? SUPPRESSED : n;
}

function groupTable(
  t: Translate,
  dimension: Dimension,
  groups: Breakdowns<GroupCounts>[Dimension],
  hidden: HiddenCells,
): ReportTable {
  const id = dimension;
  return {
    id,
    title: t(`reports.${dimension}`),
    columns: [
      t("reports.group"),
      t("reports.participants"),
      ...PATH_STEPS.map((s) => stepLabel(t, s)),
    ],
    columnCodes: ["participants", ...PATH_STEPS],
    rows: groupsOf(t, dimension, groups).map(({ code, label, group: g }) => ({
      code,
      label,
      cells: [
        shown(hidden, id, code, "participants", g.participants),
        ...PATH_STEPS.map((s) => shown(hidden, id, code, s, g.steps[s])),
      ],
    })),
  };
}

/**
 * The retained share. It is hidden too when the measurable or the retained
 * count is: with the other count shown, the share would give the hidden one
 * back.
 */
export function retentionShare(r: Retention, countsHidden: boolean): Cell {
  if (r.measurable === 0) return "–";
  if (countsHidden) return SUPPRESSED;
  return `${Math.round((100 * r.retained) / r.measurable)} %`;
}

const RETENTION_COUNTS = ["started", "measurable", "retained"] as const;

/** Keys of a retention row's counts: in the breakdowns `table|group|measure`, in the total table `retention|measure|value`. */
const retentionKey = (id: string, code: string, m: string) =>
  id === "retention" ? cellKey(id, m, "value") : cellKey(id, code, m);

function retentionRowCells(
  hidden: HiddenCells,
  id: string,
  code: string,
  r: Retention,
): [Cell, Cell, Cell, Cell] {
  const cells = RETENTION_COUNTS.map((m) =>
    hidden?.has(retentionKey(id, code, m)) ? SUPPRESSED : r[m],
  );
  const countsHidden = cells[1] === SUPPRESSED || cells[2] === SUPPRESSED;
  return [cells[0]!, cells[1]!, cells[2]!, retentionShare(r, countsHidden)];
}

function retentionTable(
  t: Translate,
  dimension: Dimension,
  groups: Breakdowns<Retention>[Dimension],
  hidden: HiddenCells,
): ReportTable {
  const id = tableId("retention", dimension);
  return {
    id,
    title: t(`reports.retention.${dimension}`),
    columns: [
      t("reports.group"),
      t("reports.retention.started"),
      t("reports.retention.measurable"),
      t("reports.retention.retained"),
      t("reports.retention.share"),
    ],
    columnCodes: ["started", "measurable", "retained", "share"],
    rows: groupsOf(t, dimension, groups).map(({ code, label, group: r }) => ({
      code,
      label,
      cells: retentionRowCells(hidden, id, code, r),
    })),
  };
}

/** Change of the mean per measure; where a group's count is hidden, so are its means. */
function assessmentTable(
  t: Translate,
  dimension: Dimension,
  groups: Breakdowns<AssessmentChange>[Dimension],
  hidden: HiddenCells,
): ReportTable {
  const id = tableId("assessments", dimension);
  return {
    id,
    title: t(`reports.assessments.${dimension}`),
    note: t("reports.assessmentsGroupNote"),
    columns: [
      t("reports.group"),
      t("reports.count"),
      ...MEASURES.map((m) => t(`assessment.measure.${m}` as MessageKey)),
    ],
    columnCodes: ["participants", ...MEASURES.map((m) => `${m}Change`)],
    rows: groupsOf(t, dimension, groups).map(({ code, label, group: a }) => {
      const count = shown(hidden, id, code, "participants", a.participants);
      return {
        code,
        label,
        cells: [
          count,
          ...MEASURES.map((m) =>
            count === SUPPRESSED ? SUPPRESSED : (a.measures[m]?.change ?? "–"),
          ),
        ],
      };
    }),
  };
}

/** The count behind the self-assessment table's means (shown in its note). */
export const ASSESSMENTS_TOTAL = cellKey("assessments", "participants", "count");

/**
 * Every count of a report by `cellKey` (the same keys the tables' cells
 * have; shares and means are derived from these and hidden with them), and
 * the groups whose parts add up to a total: each breakdown's column against
 * the summary, onward paths and end reasons against their step. Small-cell
 * suppression works on these.
 */
export function countCells(report: Report) {
  const cells = new Map<string, number>();
  const groups: { total: string; parts: string[] }[] = [];
  const put = (key: string, n: number) => {
    cells.set(key, n);
    return key;
  };
  put(cellKey("steps", "participants", "count"), report.participants);
  for (const s of PATH_STEPS) put(cellKey("steps", s, "count"), report.steps[s]);
  groups.push({
    total: cellKey("steps", "onward", "count"),
    parts: ONWARD_PATHS.filter((p) => report.onward[p]).map((p) =>
      put(cellKey("onward", p, "count"), report.onward[p]!),
    ),
  });
  groups.push({
    total: cellKey("steps", "ended", "count"),
    parts: END_REASONS.filter((r) => report.ended[r]).map((r) =>
      put(cellKey("ended", r, "count"), report.ended[r]!),
    ),
  });
  const r = report.retention;
  for (const m of RETENTION_COUNTS) put(retentionKey("retention", "", m), r[m]);
  const a = report.assessments;
  put(ASSESSMENTS_TOTAL, a.participants);
  for (const d of DIMENSIONS) {
    const counts = Object.entries(report[d] as Record<string, GroupCounts>);
    for (const m of ["participants", ...PATH_STEPS] as const)
      groups.push({
        total: cellKey("steps", m, "count"),
        parts: counts.map(([g, c]) =>
          put(cellKey(d, g, m), m === "participants" ? c.participants : c.steps[m]),
        ),
      });
    const retention = Object.entries(r[d] as Record<string, Retention>);
    const id = tableId("retention", d);
    for (const m of RETENTION_COUNTS)
      groups.push({
        total: retentionKey("retention", "", m),
        parts: retention.map(([g, c]) => put(retentionKey(id, g, m), c[m])),
      });
    const assessments = Object.entries(a[d] as Record<string, AssessmentChange>);
    groups.push({
      total: ASSESSMENTS_TOTAL,
      parts: assessments.map(([g, c]) =>
        put(cellKey(tableId("assessments", d), g, "participants"), c.participants),
      ),
    });
  }
  return { cells, groups };
}

/**
 * The report as titled tables: the page renders them (with charts), the CSV
 * and XLSX downloads write them. Suppression is applied here, once, so no
 * output can forget it; which cells to hide is decided by `small-cells.ts`.
 */
export function buildReportTables(report: Report, t: Translate, hidden: HiddenCells) {
  const tables: ReportTable[] = [];
  tables.push({
    id: "steps",
    title: t("reports.summary"),
    columns: [t("reports.measure"), t("reports.count")],
    columnCodes: ["count"],
    rows: [
      {
        code: "participants",
        label: t("reports.participants"),
        cells: [shown(hidden, "steps", "participants", "count", report.participants)],
      },
      ...PATH_STEPS.map((s) => ({
        code: s,
        label: stepLabel(t, s),
        cells: [shown(hidden, "steps", s, "count", report.steps[s])],
      })),
    ],
  });
  tables.push({
    id: "onward",
    title: t("reports.onwardTitle"),
    note: t("reports.onwardNote"),
    columns: [t("paths.field.onwardPath"), t("reports.count")],
    columnCodes: ["count"],
    rows: ONWARD_PATHS.filter((p) => report.onward[p]).map((p) => ({
      code: p,
      label: t(`paths.onward.${p}` as MessageKey),
      cells: [shown(hidden, "onward", p, "count", report.onward[p]!)],
    })),
  });
  tables.push({
    id: "ended",
    title: t("reports.endedTitle"),
    columns: [t("paths.field.endReason"), t("reports.count")],
    columnCodes: ["count"],
    rows: END_REASONS.filter((r) => report.ended[r]).map((r) => ({
      code: r,
      label: t(`paths.end.${r}` as MessageKey),
      cells: [shown(hidden, "ended", r, "count", report.ended[r]!)],
    })),
  });
  for (const d of DIMENSIONS) tables.push(groupTable(t, d, report[d], hidden));
  const r = report.retention;
  const [started, measurable, retained, share] = retentionRowCells(hidden, "retention", "", r);
  tables.push({
    id: "retention",
    title: t("reports.retention"),
    note: t("reports.retentionNote"),
    columns: [t("reports.measure"), t("reports.count")],
    columnCodes: ["value"],
    rows: [
      { code: "started", label: t("reports.retention.started"), cells: [started] },
      { code: "measurable", label: t("reports.retention.measurable"), cells: [measurable] },
      { code: "retained", label: t("reports.retention.retained"), cells: [retained] },
      { code: "share", label: t("reports.retention.share"), cells: [share] },
    ],
  });
  for (const d of DIMENSIONS) tables.push(retentionTable(t, d, r[d], hidden));
  const a = report.assessments;
  const showAssessments = a.participants > 0 && !hidden?.has(ASSESSMENTS_TOTAL);
  tables.push({
    id: "assessments",
    title: t("reports.assessments"),
    note: showAssessments
      ? t("reports.assessmentsNote", { n: a.participants })
      : t("reports.assessmentsNone"),
    columns: [
      t("assessment.measure"),
      t("assessment.start"),
      t("assessment.latest"),
      t("assessment.change"),
    ],
    columnCodes: ["start", "latest", "change"],
    rows: showAssessments
      ? MEASURES.map((m) => {
          const v = a.measures[m];
          return {
            code: m,
            label: t(`assessment.measure.${m}` as MessageKey),
            cells: v ? [v.start, v.latest, v.change] : ["–", "–", "–"],
          };
        })
      : [],
  });
  for (const d of DIMENSIONS) tables.push(assessmentTable(t, d, a[d], hidden));
  return tables;
}

/** The same tables as a workbook: one sheet, each table under its title, numbers as numbers. */
export async function toXlsx(
  tables: ReportTable[],
  meta: { title: string; period: string; scope: string; note?: string },
): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Luotsi";
  const sheet = workbook.addWorksheet(meta.title.slice(0, 31));
  sheet.addRow([meta.title]).font = { bold: true, size: 14 };
  sheet.addRow([meta.period]);
  sheet.addRow([meta.scope]);
  if (meta.note) sheet.addRow([meta.note]);
  for (const table of tables) {
    sheet.addRow([]);
    sheet.addRow([table.title]).font = { bold: true, size: 12 };
    if (table.note) sheet.addRow([table.note]).font = { italic: true };
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow([row.label, ...row.cells]);
  }
  sheet.getColumn(1).width = 34;
  for (let i = 2; i <= 9; i++) sheet.getColumn(i).width = 14;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
