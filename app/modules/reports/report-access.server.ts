import type { SessionUser } from "#app/infra/auth.server.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { parseWith, type FieldErrors } from "#app/infra/forms.ts";
import type { Translate } from "#app/infra/i18n/i18n.ts";
import { actorOf, recordAudit } from "../audit/audit.server.ts";
import { getOrganization, listOrganizations } from "../organizations/organizations.server.ts";
import {
  buildReportTables,
  HEADLINE_STEPS,
  periodName,
  type Cell,
  type HiddenCells,
} from "./report-tables.ts";
import { todayInFinland } from "../common/common-schema.ts";
import {
  fixedPeriodChoices,
  fixedPeriodOf,
  quarterPeriod,
  ReportQuerySchema,
  reportQueryFromSearchParams,
} from "./reports-schema.ts";
import {
  computeReportInParallel,
  computeReportPartsInParallel,
  emptyReport,
  findOrganizationsByRefs,
  firstReportYear,
  type Report,
  type ReportScope,
} from "./reports.server.ts";
import { hiddenCellsAcrossOrganizations } from "./small-cells.ts";

export type ResolvedReport = {
  ok: true;
  report: Report;
  /** Small cells are hidden whenever the report is not the viewer's own organization. */
  suppressed: boolean;
  /** The cells hidden (ADR 011); null for a worker's own organization. */
  hidden: HiddenCells;
  query: { from: string; to: string; org: string[] };
  scopeText: string;
  organizationRefs: string[];
  /** What was computed: the period and organizations (the trend computes the same scope per quarter). */
  scope: ReportScope;
};

/**
 * The report a user may see for a query: a worker always gets their own
 * organization (whatever the query says), for any period; an admin gets all
 * or the chosen organizations, for a calendar quarter or year only, as
 * aggregates with small cells suppressed (`small-cells.ts`). Each view or
 * download is audited.
 */
export async function resolveReport(
  user: SessionUser,
  searchParams: URLSearchParams,
  t: Translate,
  context: "page" | "csv" | "xlsx",
  db: Db = getDb(),
): Promise<
  | ResolvedReport
  | { ok: false; fieldErrors: FieldErrors; query: { from: string; to: string; org: string[] } }
> {
  const raw = reportQueryFromSearchParams(searchParams);
  const parsed = parseWith(ReportQuerySchema, raw);
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors, query: raw };
  const { from, to } = parsed.data;
  let organizationIds: number[] | null;
  let scopeText: string;
  let organizationRefs: string[];
  let suppressed: boolean;
  if (user.role === "admin") {
    const refs = [...new Set(parsed.data.org)];
    const found = findOrganizationsByRefs(refs, db);
    const fieldErrors: FieldErrors = {};
    if (!fixedPeriodOf(from, to)) fieldErrors.period = "reports.error.fixedPeriod";
    if (found.length !== refs.length) fieldErrors.org = "reports.error.organization";
    if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, query: raw };
    organizationIds = refs.length === 0 ? null : found.map((o) => o.id);
    organizationRefs = found.map((o) => o.ref);
    scopeText =
      refs.length === 0
        ? t("reports.scope.all")
        : t("reports.scope.some", { names: found.map((o) => o.name).join(", ") });
    suppressed = true;
  } else {
    const org = user.organizationId == null ? undefined : getOrganization(user.organizationId, db);
    // The routes let only admins and workers with an organization this far.
    if (!org) return { ok: false, fieldErrors: { org: "reports.error.organization" }, query: raw };
    organizationIds = [org.id];
    organizationRefs = [org.ref];
    scopeText = t("reports.scope.own", { name: org.name });
    suppressed = false;
  }
  const scope: ReportScope = {
    from,
    to,
    organizationIds,
    organizationRef: organizationRefs.length === 1 ? organizationRefs[0]! : null,
  };
  const { report, hidden } = suppressed
    ? await computeSuppressedReport(scope, db)
    : { report: await computeReportInParallel(scope, db), hidden: null };
  recordAudit(db, actorOf(user), {
    action: context === "page" ? "report.view" : "report.download",
    entityType: "report",
    entityId: null,
    context: `reports ${context} ${from}..${to} ${organizationRefs.join(",") || "all"}`,
  });
  return {
    ok: true,
    report,
    suppressed,
    hidden,
    query: { from, to, org: parsed.data.org },
    scopeText,
    organizationRefs,
    scope,
  };
}

/**
 * A report across organizations over a fixed period, with the cells to
 * hide: each organization's part of the period and, for a year, of each of
 * its quarters decide (ADR 011).
 */
export async function computeSuppressedReport(
  scope: ReportScope,
  db: Db = getDb(),
  today?: string,
): Promise<{ report: Report; hidden: Set<string> }> {
  const fixed = fixedPeriodOf(scope.from, scope.to);
  if (!fixed) throw new Error("Reports across organizations cover a calendar quarter or year");
  const main = await computeReportPartsInParallel(scope, db, today);
  const quarters: Map<number, Report>[] = [];
  for (const q of fixed.quarters)
    quarters.push(
      (await computeReportPartsInParallel({ ...scope, ...q }, db, today)).byOrganization,
    );
  const empty = emptyReport(scope);
  const hidden = hiddenCellsAcrossOrganizations(
    [...main.byOrganization].map(([org, period]) => ({
      period,
      quarters: quarters.map((q) => q.get(org) ?? empty),
    })),
  );
  return { report: main.report, hidden };
}

export function reportTablesFor(resolved: ResolvedReport, t: Translate) {
  return buildReportTables(resolved.report, t, resolved.hidden);
}

/** The admin's choice of fixed periods, newest first: `{ code, year, q }` (q null for a year). */
export function listReportPeriods(db: Db = getDb()) {
  const today = todayInFinland();
  return fixedPeriodChoices(firstReportYear(db) ?? Number(today.slice(0, 4)), today).map((code) => {
    const [year, q] = code.split("-Q");
    return { code, year: Number(year), q: q ? Number(q) : null };
  });
}

export function listReportOrganizations(db: Db = getDb()) {
  return listOrganizations(db).map((o) => ({ ref: o.ref, name: o.name }));
}

/** The four calendar quarters ending with the one that holds `to`, oldest first. */
export function trendQuarters(to: string) {
  let year = Number(to.slice(0, 4));
  let q = Math.floor((Number(to.slice(5, 7)) - 1) / 3) + 1;
  const quarters: { from: string; to: string }[] = [];
  for (let i = 0; i < 4; i++) {
    quarters.unshift(quarterPeriod(year, q));
    if (--q === 0) [year, q] = [year - 1, 4];
  }
  return quarters;
}

/**
 * The headline figures over the last four quarters of the report's scope.
 * Each quarter is a report of its own with its own suppression, exactly
 * what choosing that quarter on the page shows (ADR 011), so the trend
 * tells nothing a single quarter's page would not.
 */
export async function computeReportTrend(
  resolved: ResolvedReport,
  t: Translate,
  db: Db = getDb(),
): Promise<{ code: string; name: string; short: string; cells: Cell[] }[]> {
  const trend = [];
  for (const period of trendQuarters(resolved.scope.to)) {
    const scope = { ...resolved.scope, ...period };
    const { report, hidden } = resolved.suppressed
      ? await computeSuppressedReport(scope, db)
      : { report: await computeReportInParallel(scope, db), hidden: null };
    const steps = buildReportTables(report, t, hidden).find((table) => table.id === "steps")!;
    trend.push({
      code: period.from.slice(0, 7),
      name: periodName(t, period.from, period.to),
      short: t("reports.quarterShort", {
        year: Number(period.from.slice(0, 4)),
        q: Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1,
      }),
      cells: HEADLINE_STEPS.map((s) => steps.rows.find((r) => r.code === s)!.cells[0]!),
    });
  }
  return trend;
}
