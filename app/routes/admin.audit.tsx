import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "#app/infra/auth.server.ts";
import { useLocale, useT } from "#app/infra/i18n/use-t.ts";
import { formatDateTime } from "#app/infra/i18n/i18n.ts";
import {
  listAuditActions,
  listAuditEntries,
} from "#app/modules/organizations/audit-view.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.audit");

const QuerySchema = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const parsed = QuerySchema.safeParse(Object.fromEntries(url.searchParams));
  const query = parsed.success ? parsed.data : { page: 1, action: undefined };
  const result = listAuditEntries({ ...query, pageSize: 50 });
  return {
    actions: listAuditActions(),
    action: query.action ?? "",
    page: query.page,
    pageCount: result.pageCount,
    total: result.total,
    rows: result.rows.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      // Only the names of the fields that changed are ever stored.
      changes: r.changes ? r.changes.join(", ") : "",
      participantRef: r.participantErased ? null : r.participantRef,
    })),
  };
}

/** Read-only: the table refuses UPDATE and DELETE at the database level. */
export default function AdminAudit() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  // Times in the page's language, by our own pattern (the browser's Intl differs from the server's).
  const locale = useLocale();
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ ...(data.action ? { action: data.action } : {}), page: String(page) })}`;
  return (
    <section>
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("admin.audit")}</h1>
      <Form method="get" className="actions">
        <label htmlFor="audit-action">{t("admin.audit.action")}</label>
        <select id="audit-action" name="action" defaultValue={data.action}>
          <option value="">{t("common.all")}</option>
          {data.actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("admin.audit.filter")}
        </button>
      </Form>
      <p className="meta">{t("admin.audit.count", { count: data.total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.audit.at")}</th>
              <th scope="col">{t("admin.audit.who")}</th>
              <th scope="col">{t("admin.audit.action")}</th>
              <th scope="col">{t("admin.audit.target")}</th>
              <th scope="col">{t("admin.audit.changes")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatDateTime(r.at, locale)}</td>
                <td>
                  {r.actorName ?? "–"} <span className="meta">({r.actorRole ?? "–"})</span>
                </td>
                <td>
                  <code>{r.action}</code>
                  {r.context ? <div className="meta">{r.context}</div> : null}
                </td>
                <td>
                  {r.entityType === "participant" ? null : `${r.entityType} ${r.entityId ?? ""}`}
                  {r.participantId != null ? (
                    <div className={r.entityType === "participant" ? undefined : "meta"}>
                      {r.participantRef
                        ? t("admin.audit.participant", { ref: r.participantRef })
                        : t("admin.audit.erasedParticipant")}
                    </div>
                  ) : null}
                </td>
                <td>
                  <code style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                    {r.changes}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav
        className="pagination"
        aria-label={t("common.pageOf", { page: data.page, count: data.pageCount })}
      >
        {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t("common.previous")}</Link> : null}
        <span>{t("common.pageOf", { page: data.page, count: data.pageCount })}</span>
        {data.page < data.pageCount ? (
          <Link to={pageLink(data.page + 1)}>{t("common.next")}</Link>
        ) : null}
      </nav>
    </section>
  );
}
