import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { describedBy, ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { HoneypotField } from "#app/modules/security/honeypot-field.tsx";
import { parseWith } from "#app/infra/forms.ts";
import { clientIp, jsonResponse, refusedPublicFormResponse } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { submitAssociationApplication } from "#app/modules/recruitment/association-applications.server.ts";
import { gatePublicForm } from "#app/modules/recruitment/public-forms.server.ts";
import {
  AssociationApplicationFormSchema,
  associationApplicationInput,
} from "#app/modules/recruitment/recruitment-schema.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";

export const meta: MetaFunction = pageMeta("title.joinAssociation");

/** New associations join (issue #17): an association applies; the coordinator decides. */
export async function loader({ request }: LoaderFunctionArgs) {
  return {
    municipalities: municipalityOptions(getLang(request)).map(({ value, label }) => ({
      value,
      label,
    })),
  };
}

type ActionData =
  | { sent: true }
  | { sent?: false; fieldErrors: Record<string, string>; formError?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const ip = clientIp(context);
  const gate = gatePublicForm(form, ip);
  if (!gate.ok) return refusedPublicFormResponse(gate);
  const parsed = parseWith(AssociationApplicationFormSchema, associationApplicationInput(form));
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const r = await submitAssociationApplication(parsed.data, { ip, lang: getLang(request) });
  if (!r.ok) return jsonResponse({ fieldErrors: r.fieldErrors }, 400);
  return jsonResponse({ sent: true });
}

export default function JoinAsAssociation() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<ActionData>();
  const t = useT();
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
        <h1>{t("join.association.title")}</h1>
        <p className="success" role="status">
          {t("join.association.sent")}
        </p>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{t("join.association.title")}</h1>
      <p>{t("join.association.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={errors} />
        <HoneypotField />
        <div className="field">
          <label htmlFor="name">{t("join.association.field.name")}</label>
          <input
            id="name"
            name="name"
            type="text"
            autoComplete="organization"
            required
            maxLength={120}
            {...describedBy("name", { error: errors.name })}
          />
          <FieldError id="name-error" message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor="municipality">{t("join.association.field.municipality")}</label>
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
        <div className="field">
          <label htmlFor="activities">{t("join.association.field.activities")}</label>
          <p className="meta" id="activities-hint">
            {t("join.association.field.activitiesHint")}
          </p>
          <textarea
            id="activities"
            name="activities"
            rows={5}
            required
            maxLength={2000}
            {...describedBy("activities", { hint: "activities-hint", error: errors.activities })}
          />
          <FieldError id="activities-error" message={errors.activities} />
        </div>
        <div className="field">
          <label htmlFor="contactName">{t("join.association.field.contactName")}</label>
          <input
            id="contactName"
            name="contactName"
            type="text"
            autoComplete="name"
            required
            maxLength={80}
            {...describedBy("contactName", { error: errors.contactName })}
          />
          <FieldError id="contactName-error" message={errors.contactName} />
        </div>
        <div className="field">
          <label htmlFor="email">{t("join.association.field.email")}</label>
          <p className="meta" id="email-hint">
            {t("join.association.field.emailHint")}
          </p>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            {...describedBy("email", { hint: "email-hint", error: errors.email })}
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
        <p className="meta">{t("join.association.privacy")}</p>
        <button type="submit" className="button primary">
          {t("join.send")}
        </button>
      </Form>
    </section>
  );
}
