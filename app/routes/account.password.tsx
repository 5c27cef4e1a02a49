import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import { Form, useActionData } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { requireUser } from "#app/infra/auth.server.ts";
import { jsonResponse } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { useT, participantPage } from "#app/infra/i18n/use-t.ts";
import { changePassword } from "#app/modules/auth/password-change.server.ts";
import { ChangePasswordFormSchema } from "#app/modules/auth/password-policy.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

// A participant sees their own pages in their language or plain language (issue #16).
export const handle = participantPage;

export const meta: MetaFunction = pageMeta("title.password");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

/** Any signed-in user changes their own password; every other session of the account ends. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseWith(ChangePasswordFormSchema, Object.fromEntries(await request.formData()));
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, done: false }, 400);
  const outcome = await changePassword(request, user.id, parsed.data);
  if (!outcome.ok) {
    const fieldErrors = { ...outcome.fieldErrors };
    if (fieldErrors.currentPassword === "login.failed")
      fieldErrors.currentPassword = "account.password.wrong";
    return jsonResponse({ fieldErrors, done: false }, 400);
  }
  return jsonResponse(
    { fieldErrors: {}, done: true },
    { headers: { "Set-Cookie": outcome.cookie } },
  );
}

type ActionData = { fieldErrors: Record<string, string>; done: boolean };

export default function ChangePasswordPage() {
  const t = useT();
  const data = useActionData<ActionData>();
  const errors = data?.fieldErrors ?? {};
  const field = (
    name: "currentPassword" | "password" | "confirm",
    label: string,
    autoComplete: string,
  ) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        {...describedBy(`${name}`, { error: errors[name] })}
      />
      <FieldError id={`${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <section className="narrow">
      <h1>{t("account.password.title")}</h1>
      {data?.done ? (
        <p className="success" role="status" {...focusHere}>
          {t("account.password.done")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={errors} />
        {field("currentPassword", t("account.password.current"), "current-password")}
        {field("password", t("account.password.new"), "new-password")}
        {field("confirm", t("account.password.confirm"), "new-password")}
        <button type="submit" className="button primary">
          {t("account.password.submit")}
        </button>
      </Form>
    </section>
  );
}
