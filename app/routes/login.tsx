import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useMemo } from "react";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { HoneypotField } from "#app/modules/security/honeypot-field.tsx";
import { describedBy, ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { getOptionalUser } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { clientIp, jsonResponse } from "#app/infra/http.server.ts";
import { useT, publicPage } from "#app/infra/i18n/use-t.ts";
import { LoginFormSchema, safeRedirect } from "#app/modules/auth/auth-schema.ts";
import { signIn } from "#app/modules/auth/login.server.ts";
import { browsingCookie } from "#app/modules/participants/shortlist.server.ts";
import { isHoneypotFilled } from "#app/modules/security/honeypot.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

// Shown in every participant language and in plain language (issue #16).
export const handle = publicPage;

export const meta: MetaFunction = pageMeta("title.login");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  // A filled honeypot gets the answer of a wrong password, no more.
  if (isHoneypotFilled(form))
    return jsonResponse({ fieldErrors: {}, formError: "login.failed" }, 400);
  const parsed = parseWith(LoginFormSchema, form);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, formError: null }, 400);
  const outcome = await signIn(request, { ...parsed.data, ip: clientIp(context) });
  if (!outcome.ok) {
    if (outcome.reason === "rate-limited")
      return jsonResponse(
        { fieldErrors: {}, formError: "login.rateLimited" },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    return jsonResponse({ fieldErrors: {}, formError: "login.failed" }, { status: 400 });
  }
  // A new session starts with nobody's participant open (a shared computer's last worker).
  const headers = new Headers();
  headers.append("Set-Cookie", outcome.cookie);
  headers.append("Set-Cookie", browsingCookie(request, null));
  return redirect(safeRedirect(parsed.data.redirectTo), { headers });
}

type ActionData = {
  fieldErrors: Record<string, string>;
  formError: "login.failed" | "login.rateLimited" | null;
};

export default function LoginPage() {
  const t = useT();
  const data = useActionData<ActionData>();
  const [params] = useSearchParams();
  // One errors object per answer: the summary takes focus when a new one comes.
  const serverErrors = useMemo(
    () => (data?.formError ? { _form: data.formError, ...data.fieldErrors } : data?.fieldErrors),
    [data],
  );
  const { errors } = useFormErrors(serverErrors);
  return (
    <section className="narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      {params.get("expired") && !data ? (
        <p className="notice" role="status">
          {t("login.expired")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={errors} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <HoneypotField />
        <div className="field">
          <label htmlFor="email">{t("login.email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            {...describedBy("email", { error: errors.email })}
          />
          <FieldError id="email-error" message={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            {...describedBy("password", { error: errors.password })}
          />
          <FieldError id="password-error" message={errors.password} />
        </div>
        {/* Never disabled while sending: a disabled button would drop the keyboard focus to <body>. */}
        <button type="submit" className="button primary">
          {t("login.submit")}
        </button>
      </Form>
    </section>
  );
}
