import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { ErrorSummary } from "#app/components/error-summary.tsx";
import { TableWrap } from "#app/components/table-wrap.tsx";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import {
  computeReportTrend,
  listReportOrganizations,
  listReportPeriods,
  reportTablesFor,
  resolveReport,
} from "#app/modules/reports/report-access.server.ts";
import { FUNNEL_STEPS, HEADLINE_STEPS, periodCode } from "#app/modules/reports/reports-schema.ts";
import {
  hasNoBars,
  ReportBarChart,
  ReportTrendCharts,
} from "#app/modules/reports/report-chart.tsx";
import { OrganizationPicker } from "#app/components/organization-picker.tsx";
import { periodText, type Cell, type ReportTable } from "#app/modules/reports/report-tables.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.reports");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker", "admin"]);
  // A worker sees their own organization only; one without any is refused (403).
  if (user.role === "worker") requireOrganization(user);
  const lang = getLang(request);
  const t = translator(lang);
  const params = new URL(request.url).searchParams;
  const resolved = await resolveReport(user, params, t, "page");
  const isAdmin = user.role === "admin";
  const organizations = isAdmin ? listReportOrganizations() : [];
  const periods = isAdmin ? listReportPeriods() : [];
  if (!resolved.ok)
    return jsonResponse(
      {
        ...resolved,
        period: periodCode(resolved.query.from, resolved.query.to),
        tables: null,
        organizations,
        periods,
        isAdmin,
      },
      { status: 400 },
    );
  const download = new URLSearchParams({ from: resolved.query.from, to: resolved.query.to });
  for (const ref of resolved.query.org) download.append("org", ref);
  return jsonResponse({
    ok: true,
    fieldErrors: {},
    query: resolved.query,
    scopeText: resolved.scopeText,
    suppressed: resolved.suppressed,
    empty: resolved.report.participants === 0,
    tables: reportTablesFor(resolved, t),
    trend: await computeReportTrend(resolved, t),
    periodText: periodText(t, lang, resolved.query.from, resolved.query.to),
    download: download.toString(),
    organizations,
    periods,
    period: periodCode(resolved.query.from, resolved.query.to),
    isAdmin,
  });
}

type LoaderData = {
  ok: boolean;
  fieldErrors: Record<string, string>;
  query: { from: string; to: string; org: string[] };
  scopeText?: string;
  suppressed?: boolean;
  empty?: boolean;
  tables: ReportTable[] | null;
  trend?: { code: string; name: string; short: string; cells: Cell[] }[];
  periodText?: string;
  download?: string;
  organizations: { ref: string; name: string }[];
  periods: { code: string; year: number; q: number | null }[];
  period: string;
  isAdmin: boolean;
};

/** The breakdowns an ESF report asks for first, then the rest in the tables' own order. */
const FIRST_DETAILS = ["byGender", "byAgeGroup", "byMunicipality"];
const detailOrder = (id: string) => {
  const i = FIRST_DETAILS.indexOf(id);
  return i < 0 ? FIRST_DETAILS.length : i;
};

/** Retention's and self-assessments' breakdowns (retentionByGender, assessmentsByMunicipality …). */
const BY_GROUP = /^(retention|assessments)By/;

/** Tables drawn as a chart; the table of the same numbers is behind a disclosure under it. */
const CHARTED = new Set(["onward", "byGender", "byAgeGroup"]);

/**
 * A report table in a named, focusable scroll box: on a phone a wide table
 * scrolls sideways inside it, by keyboard too (WCAG 2.1.1, 1.4.10).
 */
function DataTable({ table, labelledBy }: { table: ReportTable; labelledBy: string }) {
  return (
    <TableWrap labelledBy={labelledBy}>
      <table id={`data-${table.id}`} className="report-table">
        <caption className="visually-hidden">{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={c} scope="col" className={i > 0 ? "num" : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.code} data-code={row.code}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={table.columnCodes[i]} data-measure={table.columnCodes[i]} className="num">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A chart with its numbers as a table behind a disclosure (closed: the chart says it first). */
function ChartWithTable({
  table,
  chartTitle,
  bars,
  labelledBy,
}: {
  table: ReportTable;
  chartTitle: string;
  bars: { label: string; value: Cell }[];
  labelledBy: string;
}) {
  const t = useT();
  // Every number hidden (ADR 011): a chart without bars says nothing, the table says "..".
  if (hasNoBars(bars)) return <DataTable table={table} labelledBy={labelledBy} />;
  return (
    <>
      <ReportBarChart
        title={chartTitle}
        description={t("reports.chart", { title: table.title })}
        bars={bars}
      />
      <details className="table-behind">
        <summary>{t("reports.showTable")}</summary>
        <DataTable table={table} labelledBy={labelledBy} />
      </details>
    </>
  );
}

function TableView({ table }: { table: ReportTable }) {
  const headingId = `table-${table.id}`;
  const bars = table.rows.map((r) => ({ label: r.label, value: r.cells[0]! }));
  return (
    <section className="panel report-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{table.title}</h3>
      {table.note ? <p className="meta">{table.note}</p> : null}
      {CHARTED.has(table.id) && bars.length > 0 ? (
        <ChartWithTable
          table={table}
          chartTitle={`${table.title}: ${table.columns[1]}`}
          bars={bars}
          labelledBy={headingId}
        />
      ) : table.rows.length > 0 ? (
        <DataTable table={table} labelledBy={headingId} />
      ) : table.id === "assessments" ? null : (
        <p>–</p>
      )}
    </section>
  );
}

/** The headline figures, the path's funnel and the four-quarter trend: what a reader wants first. */
function Overview({
  steps,
  trend,
}: {
  steps: ReportTable;
  trend: { code: string; name: string; short: string; cells: Cell[] }[];
}) {
  const t = useT();
  const row = (code: string) => steps.rows.find((r) => r.code === code)!;
  const trendTable: ReportTable = {
    id: "trend",
    title: t("reports.trend"),
    columns: [t("reports.periodChoice"), ...HEADLINE_STEPS.map((s) => row(s).label)],
    columnCodes: [...HEADLINE_STEPS],
    rows: trend.map((q) => ({ code: q.code, label: q.short, cells: q.cells })),
  };
  return (
    <>
      <section aria-labelledby="headline" className="report-headline">
        <h2 id="headline">{t("reports.headline")}</h2>
        <ul className="figures">
          {HEADLINE_STEPS.map((s) => (
            <li key={s} data-code={s}>
              <span className="figure-value">{row(s).cells[0]}</span>
              <span className="figure-label">{row(s).label}</span>
            </li>
          ))}
        </ul>
      </section>
      <div className="report-overview">
        <section className="panel report-section" aria-labelledby="funnel">
          <h2 id="funnel">{t("reports.funnel")}</h2>
          <p className="meta">{t("reports.funnelNote")}</p>
          <ChartWithTable
            table={steps}
            chartTitle={`${t("reports.funnel")}: ${steps.columns[1]}`}
            bars={FUNNEL_STEPS.map((s) => ({ label: row(s).label, value: row(s).cells[0]! }))}
            labelledBy="funnel"
          />
        </section>
        <section className="panel report-section" aria-labelledby="trend">
          <h2 id="trend">{t("reports.trend")}</h2>
          <p className="meta">{t("reports.trendNote")}</p>
          {hasNoBars(trendTable.rows.flatMap((r) => r.cells.map((value) => ({ value })))) ? (
            <DataTable table={trendTable} labelledBy="trend" />
          ) : (
            <>
              <ReportTrendCharts
                description={t("reports.chart", { title: t("reports.trend") })}
                charts={HEADLINE_STEPS.map((s, i) => ({
                  title: row(s).label,
                  bars: trend.map((q) => ({ label: q.short, value: q.cells[i]! })),
                }))}
              />
              <details className="table-behind">
                <summary>{t("reports.showTable")}</summary>
                <DataTable table={trendTable} labelledBy="trend" />
              </details>
            </>
          )}
        </section>
      </div>
    </>
  );
}

export default function ReportsPage() {
  const data = useLoaderData<LoaderData>();
  const t = useT();
  const errors = data.fieldErrors ?? {};
  const steps = data.tables?.find((table) => table.id === "steps");
  return (
    <section>
      <h1>{t("reports.title")}</h1>
      <p>{t("reports.intro")}</p>
      <Form method="get" className="panel report-form" noValidate>
        <ErrorSummary errors={data.ok ? null : errors} />
        {data.isAdmin ? (
          <div className="field">
            <label htmlFor="period">{t("reports.periodChoice")}</label>
            <select
              id="period"
              name="period"
              defaultValue={data.period}
              aria-invalid={errors.period ? true : undefined}
              aria-describedby={errors.period ? "period-hint period-error" : "period-hint"}
            >
              {data.periods.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.q == null ? String(p.year) : t("reports.quarter", { year: p.year, q: p.q })}
                </option>
              ))}
            </select>
            <p id="period-hint" className="meta">
              {t("reports.periodChoiceHint")}
            </p>
            <FieldError id="period-error" message={errors.period} />
          </div>
        ) : (
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="from">{t("reports.from")}</label>
              <input
                id="from"
                name="from"
                type="date"
                defaultValue={data.query.from}
                aria-invalid={errors.from ? true : undefined}
                aria-describedby={errors.from ? "from-error" : undefined}
              />
              <FieldError id="from-error" message={errors.from} />
            </div>
            <div className="field">
              <label htmlFor="to">{t("reports.to")}</label>
              <input
                id="to"
                name="to"
                type="date"
                defaultValue={data.query.to}
                aria-invalid={errors.to ? true : undefined}
                aria-describedby={errors.to ? "to-error" : undefined}
              />
              <FieldError id="to-error" message={errors.to} />
            </div>
          </div>
        )}
        {data.isAdmin ? (
          <OrganizationPicker
            legend={t("reports.organizations")}
            searchLabel={t("reports.orgSearch")}
            shownText={(n, total) => t("reports.orgShown", { n, total })}
            organizations={data.organizations}
            selected={data.query.org}
            error={errors.org}
            fieldId="org"
          />
        ) : null}
        <div>
          <button type="submit" className="button primary">
            {t("reports.show")}
          </button>
        </div>
      </Form>
      {data.ok && data.tables && steps ? (
        <>
          <p>
            <strong>{data.periodText}</strong>
            {" · "}
            {data.scopeText}
          </p>
          {data.suppressed ? <p className="notice">{t("reports.suppressed")}</p> : null}
          <p className="actions">
            <a className="button" href={`/reports/download?format=csv&${data.download}`} download>
              {t("reports.downloadCsv")}
            </a>{" "}
            <a className="button" href={`/reports/download?format=xlsx&${data.download}`} download>
              {t("reports.downloadXlsx")}
            </a>
          </p>
          {data.empty ? <p role="status">{t("reports.empty")}</p> : null}
          <Overview steps={steps} trend={data.trend ?? []} />
          <h2>{t("reports.details")}</h2>
          <div className="report-grid">
            {data.tables
              .filter((table) => table.id !== "steps" && !BY_GROUP.test(table.id))
              .sort((a, b) => detailOrder(a.id) - detailOrder(b.id))
              .map((table) => (
                <TableView key={table.id} table={table} />
              ))}
          </div>
          {/* Retention and self-assessment by group: asked for now and then, folded away meanwhile. */}
          <details className="report-more">
            <summary>{t("reports.byGroupMore")}</summary>
            <div className="report-grid">
              {data.tables
                .filter((table) => BY_GROUP.test(table.id))
                .map((table) => (
                  <TableView key={table.id} table={table} />
                ))}
            </div>
          </details>
        </>
      ) : null}
    </section>
  );
}
