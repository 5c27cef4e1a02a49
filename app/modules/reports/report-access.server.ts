import type { SessionUser } from "#app/infra/auth.server.ts";
import { getDb, type Db } from "#app/infra/db.server.ts";
import { parseWith, type FieldErrors } from "#app/infra/forms.ts";
import type { Translate } from "#app/infra/i18n/i18n.ts";
import { actorOf, recordAudit } from "../audit/audit.server.ts";
import { getOrganization, listOrganizations } from "../organizations/organizations.server.ts";
import { buildReportTables } from "./report-tables.ts";
import { ReportQuerySchema, reportQueryFromSearchParams } from "./reports-schema.ts";
import { computeReportInParallel, findOrganizationsByRefs, type Report } from "./reports.server.ts";

export type ResolvedReport = {
  ok: true;
  report: Report;
  /** Small cells are hidden whenever the report is not the viewer's own organization. */
  suppressed: boolean;
  query: { from: string; to: string; org: string[] };
  scopeText: string;
  organizationRefs: string[];
};

/**
 * The report a user may see for a query: a worker always gets their own
 * organization (whatever the query says); an admin gets all or the chosen
 * organizations, as aggregates with small cells suppressed. Each view or
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
    if (found.length !== refs.length)
      return { ok: false, fieldErrors: { org: "reports.error.organization" }, query: raw };
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
  const report = await computeReportInParallel(
    {
      from,
      to,
      organizationIds,
      organizationRef: organizationRefs.length === 1 ? organizationRefs[0]! : null,
    },
    db,
  );
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
    query: { from, to, org: parsed.data.org },
    scopeText,
    organizationRefs,
  };
}

export function reportTablesFor(resolved: ResolvedReport, t: Translate) {
  return buildReportTables(resolved.report, t, resolved.suppressed);
}

export function listReportOrganizations(db: Db = getDb()) {
  return listOrganizations(db).map((o) => ({ ref: o.ref, name: o.name }));
}
