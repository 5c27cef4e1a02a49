import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { listOrganizationPilots } from "#app/modules/pilots/pilots.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.pilots");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  const pilots = listOrganizationPilots(requireOrganization(user)).map((p) => ({
    ref: p.ref,
    displayName: p.displayName,
    municipality: p.municipality,
    capacity: p.capacity,
    activeMentees: p.activeMentees,
    acceptingMentees: p.acceptingMentees,
    hasAccount: p.userId != null,
    trainingStatus: p.trainingStatus,
  }));
  return { pilots };
}

/** The organization's pilots at a glance: who can take someone new. */
export default function StaffPilots() {
  const { pilots } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <p>
        <Link to="/staff">{t("staff.back")}</Link>
      </p>
      <h1>{t("staff.pilots")}</h1>
      <p>
        <Link to="/staff/pilots/new" className="button primary">
          {t("pilot.new")}
        </Link>{" "}
        <Link to="/staff/pilots/trainings" className="button">
          {t("pilot.trainingsLink")}
        </Link>{" "}
        <Link to="/staff/pilots/applications" className="button">
          {t("applications.link")}
        </Link>
      </p>
      {pilots.length === 0 ? <p>{t("pilot.none")}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("pilot.field.displayName")}</th>
              <th scope="col">{t("staff.field.municipality")}</th>
              <th scope="col">{t("pilot.field.mentees")}</th>
              <th scope="col">{t("pilot.field.acceptingMentees")}</th>
              <th scope="col">{t("pilot.field.trainingStatus")}</th>
              <th scope="col">{t("pilot.account")}</th>
            </tr>
          </thead>
          <tbody>
            {pilots.map((p) => (
              <tr key={p.ref}>
                <td>
                  <Link to={`/staff/pilots/${encodeURIComponent(p.ref)}`}>{p.displayName}</Link>
                </td>
                <td>{p.municipality}</td>
                <td>
                  {p.activeMentees} / {p.capacity}
                </td>
                <td>
                  <span className={`tag ${p.acceptingMentees ? "good" : "warn"}`}>
                    {p.acceptingMentees ? t("common.yes") : t("common.no")}
                  </span>
                </td>
                <td>
                  <span className={`tag ${p.trainingStatus === "trained" ? "good" : "warn"}`}>
                    {t(`pilot.training.${p.trainingStatus}`)}
                  </span>
                </td>
                <td>{p.hasAccount ? t("common.yes") : t("pilot.noAccount")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
