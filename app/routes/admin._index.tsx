import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.admin");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  return { displayName: user.displayName };
}

/** The coordinator's start page: links to each admin capability. */
export default function AdminHome() {
  const { displayName } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <h1>{t("dashboard.welcome", { name: displayName })}</h1>
      <p>{t("dashboard.role", { role: t("role.admin") })}</p>
      <ul className="link-list">
        <li>
          <Link to="/admin/organizations">{t("admin.organizations")}</Link>
        </li>
        <li>
          <Link to="/admin/associations">{t("associations.link")}</Link>
        </li>
        <li>
          <Link to="/admin/users">{t("admin.users")}</Link>
        </li>
        <li>
          <Link to="/admin/vocabulary">{t("admin.vocabulary")}</Link>
        </li>
        <li>
          <Link to="/reports">{t("admin.reports")}</Link>
        </li>
        <li>
          <Link to="/needs">{t("needs.link")}</Link>
        </li>
        <li>
          <Link to="/admin/pilots">{t("shortage.link")}</Link>
        </li>
        <li>
          <Link to="/admin/audit">{t("admin.audit")}</Link>
        </li>
        <li>
          <Link to="/dev/mailbox">{t("admin.mailbox")}</Link>
        </li>
      </ul>
    </section>
  );
}
