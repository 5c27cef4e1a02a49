import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { useLocale, useT, participantPage } from "#app/infra/i18n/use-t.ts";
import {
  listMarkableActivities,
  listOwnAttendance,
  MARKER_ROLES,
  type Marker,
} from "#app/modules/attendance/attendance.server.ts";
import { PathTimeline } from "#app/modules/paths/path-timeline.tsx";
import { listPathSteps } from "#app/modules/paths/paths.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

// A participant sees their own pages in their language or plain language (issue #16).
export const handle = participantPage;

export const meta: MetaFunction = pageMeta("title.attendance");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, [...MARKER_ROLES, "participant"]);
  if (user.role === "participant") {
    // The participant's own record, seen by themselves: not a professional read.
    const own = listOwnAttendance(user);
    const steps = own.participantId == null ? [] : listPathSteps(own.participantId);
    return {
      mode: "own" as const,
      activities: [] as { id: number; ref: string; title: string }[],
      attendance: own.rows,
      steps: steps.map((s) => ({
        id: s.id,
        step: s.step,
        date: s.date,
        onwardPath: s.onwardPath,
        endReason: s.endReason,
        source: s.source,
      })),
    };
  }
  return {
    mode: "mark" as const,
    activities: listMarkableActivities(user as Marker),
    attendance: [] as LoaderData["attendance"],
    steps: [] as LoaderData["steps"],
  };
}

type LoaderData = {
  mode: "own" | "mark";
  activities: { id: number; ref: string; title: string }[];
  attendance: { date: string; present: boolean; activity: string; activityRef: string }[];
  steps: {
    id: number;
    step: string;
    date: string;
    onwardPath: string;
    endReason: string;
    source: string;
  }[];
};

export default function AttendanceHome() {
  const data = useLoaderData<LoaderData>();
  const t = useT();
  const locale = useLocale();
  if (data.mode === "own") {
    return (
      <section>
        <h1>{t("attendance.mine")}</h1>
        {data.attendance.length === 0 ? (
          <p>{t("attendance.mineEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.col.date")}</th>
                  <th scope="col">{t("attendance.col.activity")}</th>
                  <th scope="col">{t("attendance.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.attendance.map((a) => (
                  <tr key={`${a.activityRef}-${a.date}`}>
                    <td>{formatDate(a.date, locale)}</td>
                    <td>{a.activity}</td>
                    <td>{a.present ? t("attendance.present") : t("attendance.absent")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2>{t("attendance.myPath")}</h2>
        <PathTimeline steps={data.steps} />
      </section>
    );
  }
  return (
    <section>
      <h1>{t("attendance.title")}</h1>
      <p>{t("attendance.intro")}</p>
      {data.activities.length === 0 ? (
        <p>{t("attendance.noActivities")}</p>
      ) : (
        <ul className="link-list">
          {data.activities.map((a) => (
            <li key={a.ref}>
              <Link to={`/attendance/${encodeURIComponent(a.ref)}`}>{a.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
