import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { Field } from "#app/components/form-fields.tsx";
import { MunicipalityField, PhoneField } from "#app/modules/recruitment/join-fields.tsx";
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
        <Field
          name="name"
          label={t("join.association.field.name")}
          error={errors.name}
          control={(p) => (
            <input {...p} type="text" autoComplete="organization" required maxLength={120} />
          )}
        />
        <MunicipalityField
          label={t("join.association.field.municipality")}
          options={data.municipalities}
          error={errors.municipality}
        />
        <Field
          name="activities"
          label={t("join.association.field.activities")}
          hint={t("join.association.field.activitiesHint")}
          error={errors.activities}
          control={(p) => <textarea {...p} rows={5} required maxLength={2000} />}
        />
        <Field
          name="contactName"
          label={t("join.association.field.contactName")}
          error={errors.contactName}
          control={(p) => <input {...p} type="text" autoComplete="name" required maxLength={80} />}
        />
        <Field
          name="email"
          label={t("join.association.field.email")}
          hint={t("join.association.field.emailHint")}
          error={errors.email}
          control={(p) => <input {...p} type="email" autoComplete="email" required />}
        />
        <PhoneField error={errors.phone} />
        <p className="meta">{t("join.association.privacy")}</p>
        <button type="submit" className="button primary">
          {t("join.send")}
        </button>
      </Form>
    </section>
  );
}
