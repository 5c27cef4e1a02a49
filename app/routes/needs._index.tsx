import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import {
  needsQueryFrom,
  needsViewFor,
  type NeedCell,
  type NeedRow,
  type NeedsView,
} from "#app/modules/needs/needs.server.ts";
import { ReportBarChart } from "#app/modules/reports/report-chart.tsx";
import { SUPPRESSED } from "#app/modules/reports/report-tables.ts";
import { needPlaceLabel, needQuarterLabel } from "#app/modules/needs/unmet-interests.ts";

export const meta: MetaFunction = pageMeta("title.needs");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff", "admin"]);
  const query = needsQueryFrom(new URL(request.url).searchParams);
  if (!query.ok) return jsonResponse({ fieldErrors: query.fieldErrors, view: null }, 400);
  const view = needsViewFor(user, query.data, getLang(request), "page");
  if (!view) throw new Response("Forbidden", { status: 403 });
  return jsonResponse({ fieldErrors: {}, view });
}

type LoaderData = { fieldErrors: Record<string, string>; view: NeedsView | null };

const shown = (v: NeedCell) => (v == null ? SUPPRESSED : v);

function NeedTable({
  id,
  caption,
  firstColumn,
  rows,
  action,
}: {
  id?: string;
  caption: string;
  firstColumn: string;
  rows: { code: string; label: string; nested?: boolean; unmet: NeedCell; full: NeedCell }[];
  action?: (row: number) => React.ReactNode;
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table id={id}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            <th scope="col" className="num">
              {t("needs.col.unmet")}
            </th>
            <th scope="col" className="num">
              {t("needs.col.full")}
            </th>
            {action ? <th scope="col">{t("needs.col.action")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.code} data-code={r.code}>
              <th scope="row" className={r.nested ? "nested" : undefined}>
                {r.label}
              </th>
              <td data-measure="unmet" className="num">
                {shown(r.unmet)}
              </td>
              <td data-measure="full" className="num">
                {shown(r.full)}
              </td>
              {action ? <td>{action(i)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A category with its concepts: shown when any of its numbers is shown and above zero. */
function groupRows(rows: NeedRow[]) {
  const groups: NeedRow[][] = [];
  for (const r of rows) {
    if (!r.nested || groups.length === 0) groups.push([]);
    groups[groups.length - 1]!.push(r);
  }
  const counted = (r: NeedRow) => (r.unmet ?? 0) > 0 || (r.full ?? 0) > 0;
  return {
    visible: groups.filter((g) => g.some(counted)).flat(),
    hiddenOnly: groups.filter((g) => !g.some(counted)).flat(),
  };
}

function InterestTable({
  view,
  rows,
  label,
}: {
  view: NeedsView;
  rows: NeedRow[];
  label: (code: string) => string;
}) {
  const t = useT();
  const municipality = label(view.municipality);
  // A new group from a cell: staff, one municipality, a shown number (five or more people).
  const creatable = (r: NeedRow) =>
    view.canCreate &&
    r.interestKey != null &&
    view.municipality !== "*" &&
    ((r.unmet ?? 0) > 0 || (r.full ?? 0) > 0);
  return (
    <NeedTable
      id={
        rows.some((r) => (r.unmet ?? 0) > 0 || (r.full ?? 0) > 0) ? "data-by-interest" : undefined
      }
      caption={t("needs.byInterest", { municipality })}
      firstColumn={t("needs.col.interest")}
      rows={rows}
      action={
        view.canCreate
          ? (i) => {
              const r = rows[i]!;
              return creatable(r) ? (
                <Link
                  to={`/staff/activities/new?${new URLSearchParams({
                    interest: r.interestKey!,
                    municipality: view.municipality,
                  })}`}
                  aria-label={t("needs.createFor", { interest: r.label, municipality })}
                >
                  {t("needs.create")}
                </Link>
              ) : null;
            }
          : undefined
      }
    />
  );
}

/** Unmet interests (issue #17): counts by municipality and interest, never a person. */
export default function NeedsPage() {
  const { fieldErrors, view } = useLoaderData<LoaderData>();
  const t = useT();
  const municipalityLabel = (code: string) => needPlaceLabel(t, view?.municipalities ?? [], code);
  const byMunicipality: NeedRow[] =
    view?.byMunicipality.map((r) => ({ ...r, label: municipalityLabel(r.code) })) ?? [];
  const { visible, hiddenOnly } = groupRows(view?.byInterest ?? []);
  return (
    <section className="stack">
      <h1>{t("needs.title")}</h1>
      <p>{t("needs.intro")}</p>
      <Form method="get" className="panel stack" noValidate>
        <div className="field">
          <label htmlFor="municipality">{t("needs.municipality")}</label>
          <select
            id="municipality"
            name="municipality"
            defaultValue={view?.municipality}
            aria-invalid={fieldErrors.municipality ? true : undefined}
            aria-describedby={fieldErrors.municipality ? "municipality-error" : undefined}
          >
            {view && view.byMunicipality.some((r) => r.code === "*") ? (
              <option value="*">{t("needs.all")}</option>
            ) : null}
            {view?.municipalities.map((m) => (
              <option key={m.name} value={m.name}>
                {m.label}
              </option>
            ))}
          </select>
          <FieldError id="municipality-error" message={fieldErrors.municipality} />
        </div>
        <button type="submit" className="button primary">
          {t("needs.show")}
        </button>
      </Form>
      {view ? (
        <>
          {view.byMunicipality.some((r) => r.code === "*") ? null : (
            <p>
              {view.municipalities.length > 0
                ? t("needs.scope.staff", {
                    names: view.municipalities.map((m) => m.label).join(", "),
                  })
                : t("needs.scope.none")}
            </p>
          )}
          <p className="notice">{t("needs.suppressed")}</p>
          <p className="actions">
            <a
              className="button"
              href={`/needs/download?${new URLSearchParams({ municipality: view.municipality })}`}
              download
            >
              {t("needs.csv")}
            </a>
          </p>
          <section className="panel" aria-labelledby="needs-by-municipality">
            <h2 id="needs-by-municipality">{t("needs.byMunicipality")}</h2>
            {byMunicipality.length > 0 ? (
              <>
                {byMunicipality.some((r) => r.code !== "*" && (r.unmet ?? 0) > 0) ? (
                  <ReportBarChart
                    title={t("needs.chartTitle")}
                    description={t("needs.chart")}
                    bars={byMunicipality
                      .filter((r) => r.code !== "*")
                      .map((r) => ({ label: r.label, value: shown(r.unmet) }))}
                  />
                ) : null}
                <NeedTable
                  id="data-by-municipality"
                  caption={t("needs.byMunicipality")}
                  firstColumn={t("needs.col.municipality")}
                  rows={byMunicipality}
                />
              </>
            ) : (
              <p>{t("needs.empty")}</p>
            )}
          </section>
          <section className="panel" aria-labelledby="needs-by-interest">
            <h2 id="needs-by-interest">
              {t("needs.byInterest", { municipality: municipalityLabel(view.municipality) })}
            </h2>
            {view.byInterest.length > 0 ? (
              <>
                <p className="meta">{t("needs.byInterestHint")}</p>
                <InterestTable view={view} rows={visible} label={municipalityLabel} />
                {hiddenOnly.length > 0 ? (
                  <details className="panel-details">
                    <summary>{t("needs.hiddenRows", { count: hiddenOnly.length })}</summary>
                    <InterestTable view={view} rows={hiddenOnly} label={municipalityLabel} />
                  </details>
                ) : null}
              </>
            ) : (
              <p>{t("needs.empty")}</p>
            )}
          </section>
          <section className="panel" aria-labelledby="needs-trend">
            <h2 id="needs-trend">
              {t("needs.trend", { municipality: municipalityLabel(view.municipality) })}
            </h2>
            <p className="meta">{t("needs.trendHint")}</p>
            <NeedTable
              id="data-trend"
              caption={t("needs.trend", { municipality: municipalityLabel(view.municipality) })}
              firstColumn={t("needs.col.quarter")}
              rows={view.trend.map((r) => ({
                ...r,
                code: r.quarter,
                label: needQuarterLabel(t, r.quarter),
              }))}
            />
          </section>
        </>
      ) : null}
    </section>
  );
}
