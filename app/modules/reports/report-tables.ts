import { GENDERS } from "../participants/participant-schema.ts";
import { END_REASONS, ONWARD_PATHS, PATH_STEPS } from "../paths/paths-schema.ts";
import type { MessageKey, Translate } from "#app/infra/i18n/i18n.ts";
import { AGE_GROUPS } from "./reports-schema.ts";
import {
  MEASURES,
  type AssessmentChange,
  type Breakdowns,
  type GroupCounts,
  type Report,
  type Retention,
} from "./reports.server.ts";

/** Cells under this many people are shown as "<5" where a report crosses organizations. */
export const SMALL_CELL = 5;
export const SUPPRESSED = "<5";

export type Cell = number | string;

/** 1–4 people become "<5"; zero stays 0 (there is no one to identify). */
export function suppress(n: number, on: boolean): Cell {
  return on && n > 0 && n < SMALL_CELL ? SUPPRESSED : n;
}

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

function groupTable(
  t: Translate,
  dimension: Dimension,
  groups: Breakdowns<GroupCounts>[Dimension],
  on: boolean,
): ReportTable {
  return {
    id: dimension,
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
      cells: [suppress(g.participants, on), ...PATH_STEPS.map((s) => suppress(g.steps[s], on))],
    })),
  };
}

/**
 * The retained share. Where small cells are hidden it is hidden too when
 * the measurable or the retained count is: with the other count shown, the
 * share would give the hidden one back.
 */
export function retentionShare(r: Retention, on: boolean): Cell {
  if (r.measurable === 0) return "–";
  if (suppress(r.measurable, on) === SUPPRESSED || suppress(r.retained, on) === SUPPRESSED)
    return SUPPRESSED;
  return `${Math.round((100 * r.retained) / r.measurable)} %`;
}

function retentionTable(
  t: Translate,
  dimension: Dimension,
  groups: Breakdowns<Retention>[Dimension],
  on: boolean,
): ReportTable {
  return {
    id: tableId("retention", dimension),
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
      cells: [
        suppress(r.started, on),
        suppress(r.measurable, on),
        suppress(r.retained, on),
        retentionShare(r, on),
      ],
    })),
  };
}

/** Change of the mean per measure; a group under five people shows no means where cells are hidden. */
function assessmentTable(
  t: Translate,
  dimension: Dimension,
  groups: Breakdowns<AssessmentChange>[Dimension],
  on: boolean,
): ReportTable {
  return {
    id: tableId("assessments", dimension),
    title: t(`reports.assessments.${dimension}`),
    note: t("reports.assessmentsGroupNote"),
    columns: [
      t("reports.group"),
      t("reports.count"),
      ...MEASURES.map((m) => t(`assessment.measure.${m}` as MessageKey)),
    ],
    columnCodes: ["participants", ...MEASURES.map((m) => `${m}Change`)],
    rows: groupsOf(t, dimension, groups).map(({ code, label, group: a }) => {
      const hidden = on && a.participants < SMALL_CELL;
      return {
        code,
        label,
        cells: [
          suppress(a.participants, on),
          ...MEASURES.map((m) => (hidden ? SUPPRESSED : (a.measures[m]?.change ?? "–"))),
        ],
      };
    }),
  };
}

/**
 * The report as titled tables: the page renders them (with charts), the CSV
 * and XLSX downloads write them. Suppression is applied here, once, so no
 * output can forget it.
 */
export function buildReportTables(report: Report, t: Translate, suppressSmall: boolean) {
  const on = suppressSmall;
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
        cells: [suppress(report.participants, on)],
      },
      ...PATH_STEPS.map((s) => ({
        code: s,
        label: stepLabel(t, s),
        cells: [suppress(report.steps[s], on)],
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
      cells: [suppress(report.onward[p]!, on)],
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
      cells: [suppress(report.ended[r]!, on)],
    })),
  });
  for (const d of DIMENSIONS) tables.push(groupTable(t, d, report[d], on));
  const r = report.retention;
  tables.push({
    id: "retention",
    title: t("reports.retention"),
    note: t("reports.retentionNote"),
    columns: [t("reports.measure"), t("reports.count")],
    columnCodes: ["value"],
    rows: [
      { code: "started", label: t("reports.retention.started"), cells: [suppress(r.started, on)] },
      {
        code: "measurable",
        label: t("reports.retention.measurable"),
        cells: [suppress(r.measurable, on)],
      },
      {
        code: "retained",
        label: t("reports.retention.retained"),
        cells: [suppress(r.retained, on)],
      },
      {
        code: "share",
        label: t("reports.retention.share"),
        cells: [retentionShare(r, on)],
      },
    ],
  });
  for (const d of DIMENSIONS) tables.push(retentionTable(t, d, r[d], on));
  const a = report.assessments;
  const showAssessments = a.participants > 0 && !(on && a.participants < SMALL_CELL);
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
  for (const d of DIMENSIONS) tables.push(assessmentTable(t, d, a[d], on));
  return tables;
}

function csvField(v: Cell) {
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Long format, one number per line: `table,group,measure,value` with stable
 * codes, so spreadsheets and scripts can pivot it; the period and scope come
 * first as `report` lines. UTF-8 with a BOM so Excel reads ä and ö.
 */
export function toCsv(
  tables: ReportTable[],
  meta: { from: string; to: string; organizations: string; suppressed: boolean },
) {
  const lines = [["table", "group", "measure", "value"]];
  lines.push(["report", "", "from", meta.from]);
  lines.push(["report", "", "to", meta.to]);
  lines.push(["report", "", "organizations", meta.organizations]);
  lines.push(["report", "", "smallCellsSuppressed", meta.suppressed ? "yes" : "no"]);
  for (const table of tables) {
    for (const row of table.rows) {
      if (table.columnCodes.length === 1)
        lines.push([table.id, "", row.code, String(row.cells[0])]);
      else
        table.columnCodes.forEach((code, i) =>
          lines.push([table.id, row.code, code, String(row.cells[i])]),
        );
    }
  }
  return `\uFEFF${lines.map((l) => l.map(csvField).join(",")).join("\r\n")}\r\n`;
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
