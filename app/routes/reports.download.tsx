import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { attachmentHeader, jsonResponse } from "#app/infra/http.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { reportTablesFor, resolveReport } from "#app/modules/reports/report-access.server.ts";
import { toCsv } from "#app/modules/reports/report-csv.server.ts";
import { periodText, toXlsx } from "#app/modules/reports/report-tables.ts";

const FormatSchema = z.enum(["csv", "xlsx"]).default("csv");

/** The report page's numbers as CSV or XLSX, with the same suppression as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker", "admin"]);
  // A worker sees their own organization only; one without any is refused (403).
  if (user.role === "worker") requireOrganization(user);
  const lang = getLang(request);
  const t = translator(lang);
  const params = new URL(request.url).searchParams;
  const format = FormatSchema.safeParse(params.get("format") ?? undefined);
  if (!format.success) return jsonResponse({ fieldErrors: { format: "csv or xlsx" } }, 400);
  const resolved = await resolveReport(user, params, t, format.data);
  if (!resolved.ok) return jsonResponse({ fieldErrors: resolved.fieldErrors }, 400);
  const tables = reportTablesFor(resolved, t);
  const name = `luotsi-raportti-${resolved.query.from}_${resolved.query.to}`;
  const headers = { "Cache-Control": "private, no-store" };
  if (format.data === "csv") {
    const body = toCsv(tables, {
      title: t("reports.title"),
      period: periodText(t, lang, resolved.query.from, resolved.query.to),
      scope: resolved.scopeText,
      note: resolved.suppressed ? t("reports.suppressed") : undefined,
      decimalComma: lang !== "en",
    });
    return new Response(body, {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentHeader(`${name}.csv`),
      },
    });
  }
  const buffer = await toXlsx(tables, {
    title: t("reports.title"),
    period: t("reports.period", { from: resolved.query.from, to: resolved.query.to }),
    scope: resolved.scopeText,
    note: resolved.suppressed ? t("reports.suppressed") : undefined,
  });
  return new Response(new Uint8Array(buffer), {
    headers: {
      ...headers,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachmentHeader(`${name}.xlsx`),
    },
  });
}
