import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PlacesText } from "#app/components/places-text.tsx";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { getOrganization } from "#app/modules/organizations/organizations.server.ts";
import {
  IncomingReferrals,
  toReferralView,
  type ReferralActionData,
} from "#app/modules/referrals/incoming-referrals.tsx";
import { listIncomingReferrals } from "#app/modules/referrals/referral-inbox.server.ts";
import { answerReferralForm } from "#app/modules/referrals/respond.server.ts";
import { listStaffActivities } from "#app/modules/staff/staff-activities.server.ts";
import { jsonResponse, notFound, statusOfError } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.staff");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  const organizationId = requireOrganization(user);
  const organization = getOrganization(organizationId);
  if (!organization) throw notFound();
  const activities = listStaffActivities(organizationId).map((a) => ({
    ref: a.ref,
    title: a.title,
    status: a.status,
    capacity: a.capacity,
    enrolled: a.enrolled,
    lastCheckedAt: a.lastCheckedAt?.toISOString() ?? null,
    stale: a.stale,
    openReferrals: a.openReferrals,
  }));
  const referrals = listIncomingReferrals(user, { context: "staff.dashboard" });
  return {
    organization: { name: organization.name, municipality: organization.municipality },
    activities,
    referrals: referrals.map(toReferralView),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  requireOrganization(user);
  const answer = await answerReferralForm(user, await request.formData());
  return jsonResponse(answer, "error" in answer ? statusOfError(answer.error) : 200);
}

/** The association's start page: its activities (stale ones flagged) and requests waiting for an answer. */
export default function StaffHome() {
  const { organization, activities, referrals } = useLoaderData<typeof loader>();
  const actionData = useActionData<ReferralActionData>();
  const t = useT();
  const lang = useLang();
  const stale = activities.filter((a) => a.stale);
  return (
    <section>
      <h1>{organization.name}</h1>
      <p className="meta">{t("staff.intro")}</p>
      <nav aria-label={t("staff.shortcuts")}>
        <ul className="shortcuts">
          <li>
            <Link to="/staff/activities/new" className="button primary">
              {t("staff.newActivity")}
            </Link>
          </li>
          <li>
            <Link to="/staff/pilots" className="button">
              {t("staff.pilots")}
            </Link>
          </li>
          <li>
            <Link to="/attendance" className="button">
              {t("attendance.link")}
            </Link>
          </li>
          <li>
            <Link to="/needs" className="button">
              {t("needs.title")}
            </Link>
          </li>
        </ul>
      </nav>
      {stale.length > 0 ? (
        <p className="notice" role="status">
          {t("staff.staleNotice", { count: stale.length })}
        </p>
      ) : null}

      <div className="staff-layout">
        <IncomingReferrals referrals={referrals} actionData={actionData} />

        <section aria-labelledby="activities-title">
          <h2 id="activities-title">{t("staff.activities")}</h2>
          {activities.length === 0 ? <p>{t("staff.noActivities")}</p> : null}
          <ul className="activity-rows">
            {activities.map((a) => (
              <li key={a.ref}>
                <Link to={`/staff/activities/${encodeURIComponent(a.ref)}`} className="title">
                  {a.title}
                </Link>
                <span
                  className={`tag ${a.status === "open" ? "good" : a.status === "paused" ? "warn" : "bad"}`}
                >
                  {t(`status.${a.status}`)}
                </span>
                {a.stale ? <span className="tag warn">{t("staff.stale")}</span> : null}
                <span className="meta">
                  {a.capacity != null ? `${a.enrolled}/${a.capacity} · ` : ""}
                  <PlacesText capacity={a.capacity} enrolled={a.enrolled} />
                  {" · "}
                  {t("staff.lastChecked")}{" "}
                  {a.lastCheckedAt ? formatDate(new Date(a.lastCheckedAt), lang) : "–"}
                  {a.openReferrals > 0 ? ` · ${t("staff.openRequests")}: ${a.openReferrals}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
