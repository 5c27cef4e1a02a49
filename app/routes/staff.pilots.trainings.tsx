import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { describedBy, ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { TableWrap } from "#app/components/table-wrap.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import {
  TrainingFormSchema,
  trainingFormInput,
} from "#app/modules/pilots/pilot-training-schema.ts";
import {
  listTrainablePilots,
  listTrainingEvents,
  recordTraining,
} from "#app/modules/pilots/pilot-trainings.server.ts";

export const meta: MetaFunction = pageMeta("title.trainings");

/**
 * Pilots' training records (issue #17): staff record their organization's
 * trainings, the coordinator the coordinator's; who attended, and whether
 * they are now trained.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff", "admin"]);
  return {
    coordinator: user.role === "admin",
    events: listTrainingEvents(user),
    pilots: listTrainablePilots(user),
    today: todayInFinland(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["staff", "admin"]);
  const parsed = parseWith(TrainingFormSchema, trainingFormInput(await request.formData()));
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const r = recordTraining(user, parsed.data);
  if (!r.ok) return jsonResponse({ fieldErrors: r.fieldErrors }, 400);
  return jsonResponse({ saved: true });
}

export default function Trainings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ saved?: boolean; fieldErrors?: Record<string, string> }>();
  const t = useT();
  const lang = useLang();
  const { errors } = useFormErrors(actionData?.fieldErrors);
  const back = data.coordinator ? "/admin/pilots" : "/staff/pilots";
  return (
    <section className="stack">
      <p>
        <Link to={back}>
          {data.coordinator ? t("shortage.backToShortage") : t("pilot.backToList")}
        </Link>
      </p>
      <h1>{t("training.title")}</h1>
      <p>{data.coordinator ? t("training.intro.coordinator") : t("training.intro.staff")}</p>
      <h2 id="trainings-held">{t("training.held")}</h2>
      {data.events.length === 0 ? (
        <p>{t("pilot.trainings.none")}</p>
      ) : (
        <TableWrap labelledBy="trainings-held">
          <table className="stacked-table">
            <thead>
              <tr>
                <th scope="col">{t("training.field.date")}</th>
                <th scope="col">{t("training.field.topic")}</th>
                <th scope="col">{t("training.col.heldBy")}</th>
                <th scope="col">{t("training.field.attendees")}</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr key={e.id}>
                  <td data-label={t("training.field.date")}>{formatDate(e.date, lang)}</td>
                  <td data-label={t("training.field.topic")}>{e.topic}</td>
                  <td data-label={t("training.col.heldBy")}>
                    {e.organizationName ?? t("pilot.trainings.coordinator")}
                  </td>
                  <td data-label={t("training.field.attendees")}>
                    {e.attendees.map((a) => a.displayName).join(", ")}
                    {e.attendeeCount > e.attendees.length
                      ? ` ${t("training.othersCount", { count: e.attendeeCount - e.attendees.length })}`
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Form method="post" className="panel stack" noValidate aria-labelledby="training-new">
        <h2 id="training-new">{t("training.new")}</h2>
        <ErrorSummary errors={errors} />
        {actionData?.saved ? (
          <p className="success" role="status">
            {t("training.saved")}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="date">{t("training.field.date")}</label>
          <input
            id="date"
            name="date"
            type="date"
            required
            defaultValue={data.today}
            {...describedBy("date", { error: errors.date })}
          />
          <FieldError id="date-error" message={errors.date} />
        </div>
        <div className="field">
          <label htmlFor="topic">{t("training.field.topic")}</label>
          <input
            id="topic"
            name="topic"
            type="text"
            required
            maxLength={120}
            placeholder={t("training.topicExample")}
            {...describedBy("topic", { error: errors.topic })}
          />
          <FieldError id="topic-error" message={errors.topic} />
        </div>
        <fieldset id="attendees" {...describedBy("attendees", { error: errors.attendees })}>
          <legend>{t("training.field.attendees")}</legend>
          <FieldError id="attendees-error" message={errors.attendees} />
          {data.pilots.length === 0 ? <p>{t("pilot.none")}</p> : null}
          <ul className="checkbox-list">
            {data.pilots.map((p) => (
              <li key={p.ref}>
                <label>
                  <input type="checkbox" name="attendees" value={p.ref} />
                  <span>
                    {p.displayName}
                    {data.coordinator ? ` (${p.organizationName})` : ""}{" "}
                    <span className="meta">· {t(`pilot.training.${p.trainingStatus}`)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <ul className="checkbox-list">
          <li>
            <label>
              <input type="checkbox" name="markTrained" defaultChecked />
              {t("training.markTrained")}
            </label>
          </li>
        </ul>
        <button type="submit" className="button primary">
          {t("training.save")}
        </button>
      </Form>
    </section>
  );
}
