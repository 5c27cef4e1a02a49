import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { TableWrap } from "#app/components/table-wrap.tsx";
import { Form, useLoaderData } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import {
  listReportOrganizations,
  listReportPeriods,
  reportTablesFor,
  resolveReport,
} from "#app/modules/reports/report-access.server.ts";
import { periodCode } from "#app/modules/reports/reports-schema.ts";
import { ReportBarChart } from "#app/modules/reports/report-chart.tsx";
import type { ReportTable } from "#app/modules/reports/report-tables.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.reports");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker", "admin"]);
  // A worker sees their own organization only; one without any is refused (403).
  if (user.role === "worker") requireOrganization(user);
  const t = translator(getLang(request));
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
  download?: string;
  organizations: { ref: string; name: string }[];
  periods: { code: string; year: number; q: number | null }[];
  period: string;
  isAdmin: boolean;
};

const CHARTED = new Set(["steps", "onward", "byGender", "byAgeGroup"]);

function TableView({ table }: { table: ReportTable }) {
  const t = useT();
  const headingId = `table-${table.id}`;
  const bars = table.rows.map((r) => ({ label: r.label, value: r.cells[0]! }));
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{table.title}</h2>
      {table.note ? <p>{table.note}</p> : null}
      {CHARTED.has(table.id) && bars.length > 0 ? (
        <ReportBarChart
          title={`${table.title}: ${table.columns[1]}`}
          description={t("reports.chart", { title: table.title })}
          bars={bars}
        />
      ) : null}
      {table.rows.length > 0 ? (
        <TableWrap labelledBy={headingId}>
          <table id={`data-${table.id}`}>
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
                    <td key={table.columnCodes[i]} data-measure={table.columnCodes[i]}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : table.id === "assessments" ? null : (
        <p>–</p>
      )}
    </section>
  );
}

export default function ReportsPage() {
  const data = useLoaderData<LoaderData>();
  const t = useT();
  const errors = data.fieldErrors ?? {};
  return (
    <section>
      <h1>{t("reports.title")}</h1>
      <p>{t("reports.intro")}</p>
      <Form method="get" className="panel stack" noValidate>
        <div className="filter-grid">
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
            <>
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
            </>
          )}
          {data.isAdmin ? (
            <div className="field">
              <label htmlFor="org">{t("reports.organizations")}</label>
              <select
                id="org"
                name="org"
                multiple
                size={Math.min(8, data.organizations.length)}
                defaultValue={data.query.org}
                aria-invalid={errors.org ? true : undefined}
                aria-describedby={errors.org ? "org-error" : undefined}
              >
                {data.organizations.map((o) => (
                  <option key={o.ref} value={o.ref}>
                    {o.name}
                  </option>
                ))}
              </select>
              <FieldError id="org-error" message={errors.org} />
            </div>
          ) : null}
        </div>
        <button type="submit" className="button primary">
          {t("reports.show")}
        </button>
      </Form>
      {data.ok && data.tables ? (
        <>
          <p>
            <strong>{t("reports.period", { from: data.query.from, to: data.query.to })}</strong>
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
          {data.tables.map((table) => (
            <TableView key={table.id} table={table} />
          ))}
        </>
      ) : null}
    </section>
  );
}
