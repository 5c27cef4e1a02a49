import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { ParticipantNav } from "#app/components/participant-nav.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { END_REASONS, ONWARD_PATHS, PATH_STEPS } from "#app/modules/paths/paths-schema.ts";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { jsonResponse, notFound, orNotFound } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { formatDate, translator, type MessageKey } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { parseRef, todayInFinland } from "#app/modules/common/common-schema.ts";
import { PathTimeline } from "#app/modules/paths/path-timeline.tsx";
import { PathPageActionSchema, PathStepFormSchema } from "#app/modules/paths/paths-schema.ts";
import {
  findParticipantForWorker,
  readParticipantForWorker,
} from "#app/modules/participants/participants.server.ts";
import { listAttendanceOf } from "#app/modules/attendance/attendance.server.ts";
import {
  addPathStep,
  currentRung,
  listPathSteps,
  removePathStep,
} from "#app/modules/paths/paths.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.path");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const participant = orNotFound(
    readParticipantForWorker(user, orNotFound(parseRef(params.ref)), "path page"),
  );
  const steps = listPathSteps(participant.id);
  return {
    participant: { ref: participant.ref, nickname: participant.nickname },
    steps: steps.map((s) => ({
      id: s.id,
      step: s.step,
      date: s.date,
      onwardPath: s.onwardPath,
      endReason: s.endReason,
      source: s.source,
    })),
    current: currentRung(steps),
    today: todayInFinland(),
    // Whoever marked it: the activity's staff, a pilot or a worker of this organization.
    attendance: listAttendanceOf(participant.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const participant = findParticipantForWorker(user, orNotFound(parseRef(params.ref)));
  if (!participant) throw notFound();
  const t = translator(getLang(request));
  const form = Object.fromEntries(await request.formData());
  const intent = parseWith(PathPageActionSchema, form);
  if (!intent.ok) return jsonResponse({ fieldErrors: intent.fieldErrors }, 400);
  if (intent.data.intent === "remove") {
    const removed = removePathStep(actorOf(user), participant, intent.data.stepId);
    if (!removed) return jsonResponse({ fieldErrors: { _form: "paths.error.notFound" } }, 404);
    return { ok: "paths.removed", fieldErrors: {} };
  }
  const parsed = parseWith(PathStepFormSchema, form);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const result = addPathStep(actorOf(user), participant, parsed.data);
  if (!result.ok) {
    const params = result.params
      ? {
          ...result.params,
          step: t(`paths.step.${result.params.step}` as MessageKey),
        }
      : undefined;
    return jsonResponse(
      { fieldErrors: { [result.field]: t(result.key as MessageKey, params) } },
      { status: 400 },
    );
  }
  return { ok: "paths.added", fieldErrors: {} };
}

type ActionData = { ok?: MessageKey; fieldErrors: Record<string, string> };

export default function PathPage() {
  const { participant, steps, current, today, attendance } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const t = useT();
  const errors = data?.fieldErrors ?? {};
  const described = (name: string, hint?: string) =>
    describedBy(name, { hint, error: errors[name] });
  // The status stands next to the control that caused it, and takes focus there.
  const status = (key: MessageKey) =>
    data?.ok === key ? (
      <p className="success" role="status" {...focusHere}>
        {t(key)}
      </p>
    ) : null;
  return (
    <section>
      <p>
        <Link to={`/participants/${encodeURIComponent(participant.ref)}`}>← {t("paths.back")}</Link>
      </p>
      <h1>{t("paths.title", { ref: participant.nickname ?? participant.ref })}</h1>
      <ParticipantNav participantRef={participant.ref} />
      <p>{t("paths.intro")}</p>
      {current ? (
        <p>
          <strong>
            {t("paths.now", { step: t(`paths.step.${current.latest}` as MessageKey) })}
          </strong>
        </p>
      ) : null}
      {errors._form ? (
        <div role="alert">
          <FieldError id="form-error" message={errors._form} />
        </div>
      ) : null}
      <h2>{t("paths.timeline")}</h2>
      {status("paths.removed")}
      <PathTimeline steps={steps} removable />
      <h2 id="attendance">{t("attendance.title")}</h2>
      <AttendanceTable rows={attendance} />
      <p>
        <Link to="/attendance">{t("attendance.link")}</Link>
      </p>
      <h2>{t("paths.add")}</h2>
      <Form method="post" className="panel stack" noValidate>
        <input type="hidden" name="intent" value="add" />
        {errors._form ? null : <ErrorSummary errors={errors} />}
        <div className="field">
          <label htmlFor="step">{t("paths.field.step")}</label>
          <select id="step" name="step" required {...described("step")}>
            {PATH_STEPS.map((s) => (
              <option key={s} value={s}>
                {t(`paths.step.${s}` as MessageKey)}
              </option>
            ))}
          </select>
          <FieldError id="step-error" message={errors.step} />
        </div>
        <div className="field">
          <label htmlFor="date">{t("paths.field.date")}</label>
          <input
            id="date"
            name="date"
            type="date"
            max={today}
            defaultValue={today}
            required
            {...described("date")}
          />
          <FieldError id="date-error" message={errors.date} />
        </div>
        <div className="field">
          <label htmlFor="onwardPath">{t("paths.field.onwardPath")}</label>
          <select
            id="onwardPath"
            name="onwardPath"
            defaultValue=""
            {...described("onwardPath", "onwardPath-hint")}
          >
            <option value="">{t("paths.choose")}</option>
            {ONWARD_PATHS.map((p) => (
              <option key={p} value={p}>
                {t(`paths.onward.${p}` as MessageKey)}
              </option>
            ))}
          </select>
          <p id="onwardPath-hint" className="meta">
            {t("paths.field.onwardHint")}
          </p>
          <FieldError id="onwardPath-error" message={errors.onwardPath} />
        </div>
        <div className="field">
          <label htmlFor="endReason">{t("paths.field.endReason")}</label>
          <select
            id="endReason"
            name="endReason"
            defaultValue=""
            {...described("endReason", "endReason-hint")}
          >
            <option value="">{t("paths.choose")}</option>
            {END_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`paths.end.${r}` as MessageKey)}
              </option>
            ))}
          </select>
          <p id="endReason-hint" className="meta">
            {t("paths.field.endHint")}
          </p>
          <FieldError id="endReason-error" message={errors.endReason} />
        </div>
        <button type="submit" className="button primary">
          {t("paths.add")}
        </button>
        {status("paths.added")}
      </Form>
    </section>
  );
}

/** Attendance as both sides recorded it; the marker is shown as a role. */
function AttendanceTable({
  rows,
}: {
  rows: { date: string; present: boolean; activity: string; markedByRole: string | null }[];
}) {
  const t = useT();
  const lang = useLang();
  if (rows.length === 0) return <p>{t("attendance.mineEmpty")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("attendance.col.date")}</th>
            <th scope="col">{t("attendance.col.activity")}</th>
            <th scope="col">{t("attendance.col.status")}</th>
            <th scope="col">{t("attendance.col.markedBy")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={`${a.activity}-${a.date}`}>
              <td>{formatDate(a.date, lang)}</td>
              <td>{a.activity}</td>
              <td>{a.present ? t("attendance.present") : t("attendance.absent")}</td>
              <td>{a.markedByRole ? t(`role.${a.markedByRole}` as MessageKey) : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
