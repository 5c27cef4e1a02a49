import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { describedBy, ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { HoneypotField } from "#app/modules/security/honeypot-field.tsx";
import { parseWith } from "#app/infra/forms.ts";
import { clientIp, jsonResponse, refusedPublicFormResponse } from "#app/infra/http.server.ts";
import { languageName } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import {
  listJoinableOrganizations,
  submitPilotApplication,
} from "#app/modules/recruitment/pilot-applications.server.ts";
import { gatePublicForm } from "#app/modules/recruitment/public-forms.server.ts";
import {
  PilotApplicationFormSchema,
  pilotApplicationInput,
} from "#app/modules/recruitment/recruitment-schema.ts";
import { FORM_LANGUAGES } from "#app/modules/staff/activity-form-schema.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";

export const meta: MetaFunction = pageMeta("title.joinPilot");

/** "Become a pilot" (issue #17): anyone may tell an association they would like to be a pilot. */
export async function loader({ request }: LoaderFunctionArgs) {
  const chosen = new URL(request.url).searchParams.get("organization") ?? "";
  const organizations = listJoinableOrganizations();
  return {
    organizations,
    chosen: organizations.some((o) => o.ref === chosen) ? chosen : "",
    municipalities: municipalityOptions(getLang(request)).map(({ value, label }) => ({
      value,
      label,
    })),
  };
}

type ActionData =
  | { sent: true; organization: string }
  | { sent?: false; fieldErrors: Record<string, string>; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const ip = clientIp(context);
  const gate = gatePublicForm(form, ip);
  if (!gate.ok) return refusedPublicFormResponse(gate);
  const parsed = parseWith(PilotApplicationFormSchema, pilotApplicationInput(form));
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const r = await submitPilotApplication(parsed.data, { ip, lang: getLang(request) });
  if (!r.ok) return jsonResponse({ fieldErrors: r.fieldErrors }, 400);
  return jsonResponse({ sent: true, organization: r.organizationName });
}

export default function JoinAsPilot() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const serverErrors = useMemo(
    () =>
      answer && !answer.sent
        ? answer.formError
          ? { _form: answer.formError, ...answer.fieldErrors }
          : answer.fieldErrors
        : undefined,
    [answer],
  );
  const { errors } = useFormErrors(serverErrors);
  if (answer?.sent)
    return (
      <section className="narrow">
        <h1>{t("join.pilot.title")}</h1>
        <p className="success" role="status">
          {t("join.pilot.sent", { organization: answer.organization })}
        </p>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{t("join.pilot.title")}</h1>
      <p>{t("join.pilot.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={errors} />
        <HoneypotField />
        <div className="field">
          <label htmlFor="organizationRef">{t("join.field.organization")}</label>
          <select
            id="organizationRef"
            name="organizationRef"
            required
            defaultValue={data.chosen}
            {...describedBy("organizationRef", { error: errors.organizationRef })}
          >
            <option value="">{t("join.field.organizationChoose")}</option>
            {data.organizations.map((o) => (
              <option key={o.ref} value={o.ref}>
                {o.name} ({o.municipality})
              </option>
            ))}
          </select>
          <FieldError id="organizationRef-error" message={errors.organizationRef} />
        </div>
        <div className="field">
          <label htmlFor="name">{t("join.field.name")}</label>
          <input
            id="name"
            name="name"
            type="text"
            autoComplete="name"
            required
            maxLength={80}
            {...describedBy("name", { error: errors.name })}
          />
          <FieldError id="name-error" message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor="email">{t("join.field.email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            {...describedBy("email", { error: errors.email })}
          />
          <FieldError id="email-error" message={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="phone">{t("join.field.phone")}</label>
          <input
            id="phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            {...describedBy("phone", { error: errors.phone })}
          />
          <FieldError id="phone-error" message={errors.phone} />
        </div>
        <div className="field">
          <label htmlFor="municipality">{t("join.field.municipality")}</label>
          <select
            id="municipality"
            name="municipality"
            required
            defaultValue=""
            {...describedBy("municipality", { error: errors.municipality })}
          >
            <option value="">{t("join.field.municipalityChoose")}</option>
            {data.municipalities.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
          <FieldError id="municipality-error" message={errors.municipality} />
        </div>
        <fieldset id="languages" {...describedBy("languages", { error: errors.languages })}>
          <legend>{t("join.field.languages")}</legend>
          <FieldError id="languages-error" message={errors.languages} />
          <ul className="checkbox-list">
            {FORM_LANGUAGES.map((l) => (
              <li key={l}>
                <label>
                  <input type="checkbox" name="languages" value={l} defaultChecked={l === "fi"} />
                  {languageName(l, lang)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="field">
          <label htmlFor="message">{t("join.field.message")}</label>
          <p className="meta" id="message-hint">
            {t("join.field.messageHint")}
          </p>
          <textarea
            id="message"
            name="message"
            rows={4}
            maxLength={1000}
            {...describedBy("message", { hint: "message-hint", error: errors.message })}
          />
          <FieldError id="message-error" message={errors.message} />
        </div>
        <p className="meta">{t("join.privacy")}</p>
        <button type="submit" className="button primary">
          {t("join.send")}
        </button>
      </Form>
    </section>
  );
}
