import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CONTACT_KINDS } from "#app/modules/follow-up/follow-up-schema.ts";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { formatDate, type MessageKey } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { todayInFinland } from "#app/modules/common/common-schema.ts";
import { ContactFormSchema } from "#app/modules/follow-up/follow-up-schema.ts";
import {
  listFollowUps,
  logContact,
  type FollowUpRow,
} from "#app/modules/follow-up/follow-up.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.followUp");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const { days, rows } = listFollowUps(user);
  return { days, rows, today: todayInFinland() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const form = Object.fromEntries(await request.formData());
  const parsed = parseWith(ContactFormSchema, form);
  if (!parsed.ok)
    return jsonResponse(
      { fieldErrors: parsed.fieldErrors, participant: String(form.participant ?? "") },
      { status: 400 },
    );
  const result = logContact(user, parsed.data);
  if (!result.ok)
    return jsonResponse(
      { fieldErrors: { participant: "followUp.error.participant" }, participant: "" },
      { status: 404 },
    );
  return { logged: parsed.data.participant, fieldErrors: {} };
}

type ActionData = {
  logged?: string;
  participant?: string;
  fieldErrors: Record<string, string>;
};

function FollowUpTable({
  rows,
  today,
  data,
}: {
  rows: FollowUpRow[];
  today: string;
  data?: ActionData;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="table-wrap">
      {/* On a phone each row is a card (app/styles/app.css), so nothing scrolls sideways at 320 px. */}
      <table className="stacked-table">
        <thead>
          <tr>
            <th scope="col">{t("followUp.col.participant")}</th>
            <th scope="col">{t("followUp.col.lastContact")}</th>
            <th scope="col">{t("followUp.col.days")}</th>
            <th scope="col">{t("followUp.col.log")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const errors = data?.participant === r.ref ? data.fieldErrors : {};
            const id = `c-${r.id}`;
            const name = r.nickname ? `${r.nickname} (${r.ref})` : r.ref;
            return (
              <tr key={r.id} data-ref={r.ref}>
                <th scope="row">
                  <Link to={`/participants/${encodeURIComponent(r.ref)}`}>{name}</Link>
                </th>
                <td data-label={t("followUp.col.lastContact")}>
                  {r.lastContact ? formatDate(r.lastContact, lang) : t("followUp.never")}
                  {r.lastAttempt && r.lastAttempt !== r.lastContact ? (
                    <>
                      <br />
                      <span className="meta">
                        {t("followUp.lastAttempt", { date: formatDate(r.lastAttempt, lang) })}
                      </span>
                    </>
                  ) : null}
                </td>
                <td data-label={t("followUp.col.days")}>{r.days}</td>
                <td data-label={t("followUp.col.log")}>
                  <Form
                    method="post"
                    className="contact-form"
                    aria-label={t("followUp.submitFor", { ref: name })}
                  >
                    <input type="hidden" name="participant" value={r.ref} />
                    <ErrorSummary errors={errors} fieldId={(field) => `${id}-${field}`} />
                    <label htmlFor={`${id}-kind`} className="visually-hidden">
                      {t("followUp.kind")}
                    </label>
                    <select
                      id={`${id}-kind`}
                      name="kind"
                      defaultValue="met"
                      {...describedBy(`${id}-kind`, { error: errors.kind })}
                    >
                      {CONTACT_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`followUp.kind.${k}` as MessageKey)}
                        </option>
                      ))}
                    </select>{" "}
                    <label htmlFor={`${id}-date`} className="visually-hidden">
                      {t("followUp.date")}
                    </label>
                    <input
                      id={`${id}-date`}
                      name="date"
                      type="date"
                      max={today}
                      defaultValue={today}
                      {...describedBy(`${id}-date`, { error: errors.date })}
                    />{" "}
                    <button type="submit" className="button">
                      {t("followUp.submit")}
                    </button>
                    <FieldError id={`${id}-kind-error`} message={errors.kind} />
                    <FieldError id={`${id}-date-error`} message={errors.date} />
                  </Form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default function FollowUpPage() {
  const { days, rows, today } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const t = useT();
  const mine = rows.filter((r) => r.mine);
  const unassigned = rows.filter((r) => !r.mine);
  return (
    <section>
      <h1>{t("followUp.title")}</h1>
      <p>{t("followUp.intro", { days })}</p>
      {data?.logged ? (
        <p className="success" role="status" {...focusHere}>
          {t("followUp.logged", { ref: data.logged })}
        </p>
      ) : null}
      {data?.fieldErrors?.participant ? (
        <div role="alert">
          <FieldError id="participant-error" message={data.fieldErrors.participant} />
        </div>
      ) : null}
      {rows.length === 0 ? <p role="status">{t("followUp.none")}</p> : null}
      {mine.length > 0 ? (
        <>
          <h2>{t("followUp.mine")}</h2>
          <FollowUpTable rows={mine} today={today} data={data} />
        </>
      ) : null}
      {unassigned.length > 0 ? (
        <>
          <h2>{t("followUp.unassigned")}</h2>
          <FollowUpTable rows={unassigned} today={today} data={data} />
        </>
      ) : null}
    </section>
  );
}
