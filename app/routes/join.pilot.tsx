import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { describedBy, ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { Field } from "#app/components/form-fields.tsx";
import { MunicipalityField, PhoneField } from "#app/modules/recruitment/join-fields.tsx";
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
        <Field
          name="organizationRef"
          label={t("join.field.organization")}
          error={errors.organizationRef}
          control={(p) => (
            <select {...p} required defaultValue={data.chosen}>
              <option value="">{t("join.field.organizationChoose")}</option>
              {data.organizations.map((o) => (
                <option key={o.ref} value={o.ref}>
                  {o.name} ({o.municipality})
                </option>
              ))}
            </select>
          )}
        />
        <Field
          name="name"
          label={t("join.field.name")}
          error={errors.name}
          control={(p) => <input {...p} type="text" autoComplete="name" required maxLength={80} />}
        />
        <Field
          name="email"
          label={t("join.field.email")}
          error={errors.email}
          control={(p) => <input {...p} type="email" autoComplete="email" required />}
        />
        <PhoneField error={errors.phone} />
        <MunicipalityField
          label={t("join.field.municipality")}
          options={data.municipalities}
          error={errors.municipality}
        />
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
        <Field
          name="message"
          label={t("join.field.message")}
          hint={t("join.field.messageHint")}
          error={errors.message}
          control={(p) => <textarea {...p} rows={4} maxLength={1000} />}
        />
        <p className="meta">{t("join.privacy")}</p>
        <button type="submit" className="button primary">
          {t("join.send")}
        </button>
      </Form>
    </section>
  );
}
