import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { formatDate, weekdayName } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import {
  AttendanceFormSchema,
  latestMeetingDay,
  SessionQuerySchema,
} from "#app/modules/attendance/attendance-schema.ts";
import {
  findMarkableActivity,
  readSheet,
  markAttendance,
  MARKER_ROLES,
  type Marker,
} from "#app/modules/attendance/attendance.server.ts";
import { RefSchema, todayInFinland } from "#app/modules/common/common-schema.ts";
import { jsonResponse, notFound } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.attendance");

async function requireMarker(request: Request) {
  return (await requireRole(request, MARKER_ROLES)) as Marker;
}

function activityFor(user: Marker, params: { ref?: string }) {
  const ref = RefSchema.safeParse(params.ref);
  const activity = ref.success ? findMarkableActivity(user, ref.data) : undefined;
  if (!activity) throw notFound();
  return activity;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireMarker(request);
  const activity = activityFor(user, params);
  const today = todayInFinland();
  const meetingDay = latestMeetingDay(activity.schedule, today);
  const query = parseWith(SessionQuerySchema, {
    date: new URL(request.url).searchParams.get("date") ?? meetingDay,
  });
  const date = query.ok ? query.data.date : meetingDay;
  const body = {
    activity: { ref: activity.ref, title: activity.title },
    date,
    today,
    sheet: readSheet(user, activity.id, date),
    fieldErrors: query.ok ? {} : query.fieldErrors,
  };
  return jsonResponse(body, query.ok ? 200 : 400);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireMarker(request);
  const activity = activityFor(user, params);
  const form = await request.formData();
  const parsed = parseWith(AttendanceFormSchema, {
    date: form.get("date") ?? "",
    present: form.getAll("present"),
  });
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const result = markAttendance(user, activity, parsed.data.date, parsed.data.present);
  if (!result.ok)
    return jsonResponse(
      { fieldErrors: { present: "attendance.error.participant" } },
      { status: 400 },
    );
  return { saved: result.present, fieldErrors: {} };
}

type LoaderData = {
  activity: { ref: string; title: string };
  date: string;
  today: string;
  sheet: { id: number; ref: string; name: string; present: boolean | null }[];
  fieldErrors: Record<string, string>;
};
type ActionData = { saved?: number; fieldErrors: Record<string, string> };

export default function AttendanceSheet() {
  const { activity, date, today, sheet, fieldErrors } = useLoaderData<LoaderData>();
  const data = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const errors = { ...fieldErrors, ...(data?.fieldErrors ?? {}) };
  // "lauantai 5.12.2026": the day as people say it, not ISO.
  const day = new Date(`${date}T12:00:00Z`);
  const dayText = `${weekdayName(((day.getUTCDay() + 6) % 7) + 1, lang, "long")} ${formatDate(date, lang)}`;
  return (
    <section>
      <p>
        <Link to="/attendance">← {t("attendance.back")}</Link>
      </p>
      <h1>{t("attendance.sheet", { title: activity.title })}</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="date">{t("attendance.session")}</label>{" "}
        <input
          id="date"
          name="date"
          type="date"
          max={today}
          defaultValue={date}
          {...describedBy("date", { error: errors.date })}
        />{" "}
        <button type="submit" className="button">
          {t("attendance.show")}
        </button>
        <FieldError
          id="date-error"
          message={errors.date ? "attendance.error.session" : undefined}
        />
      </Form>
      {sheet.length === 0 ? (
        <p>{t("attendance.nobody")}</p>
      ) : (
        <Form method="post" className="panel stack">
          <input type="hidden" name="date" value={date} />
          <ErrorSummary errors={data?.fieldErrors} />
          <fieldset id="present" aria-describedby={errors.present ? "present-error" : undefined}>
            <legend>
              {t("attendance.present")} · {dayText}
            </legend>
            <ul className="checkbox-list">
              {sheet.map((p) => (
                <li key={p.ref}>
                  <label>
                    <input
                      type="checkbox"
                      name="present"
                      value={p.ref}
                      defaultChecked={p.present === true}
                    />{" "}
                    {p.name}
                  </label>
                </li>
              ))}
            </ul>
            <FieldError id="present-error" message={errors.present} />
          </fieldset>
          <button type="submit" className="button primary">
            {t("attendance.save")}
          </button>
          {data?.saved !== undefined ? (
            <p className="success" role="status" {...focusHere}>
              {t("attendance.saved", { count: data.saved })}
            </p>
          ) : null}
        </Form>
      )}
    </section>
  );
}
