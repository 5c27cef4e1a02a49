import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { createUserSession } from "#app/infra/auth.server.ts";
import { getEnv } from "#app/infra/env.server.ts";
import { fieldErrorsOf, parseWith } from "#app/infra/forms.ts";
import { clientIp, jsonResponse } from "#app/infra/http.server.ts";
import { useT, publicPage } from "#app/infra/i18n/use-t.ts";
import { localeOfSearch } from "#app/infra/i18n/addresses.ts";
import { langCookie } from "#app/infra/i18n/lang.server.ts";
import { countHits, recordHit } from "#app/modules/auth/rate-limit.server.ts";
import {
  AcceptInvitationFormSchema,
  InviteTokenSchema,
} from "#app/modules/invitations/invitation-schema.ts";
import { ErrorSummary, describedBy, useFormErrors } from "#app/components/error-summary.tsx";
import { acceptInvitation, checkInvitation } from "#app/modules/invitations/invitations.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

// Shown in every participant language and in plain language (issue #16).
export const handle = publicPage;

export const meta: MetaFunction = pageMeta("title.invite", {
  // The token is in the URL: keep it out of search engines and referrers.
  extra: [
    { name: "robots", content: "noindex" },
    { name: "referrer", content: "no-referrer" },
  ],
});

function stateOf(token: string | undefined) {
  const parsed = InviteTokenSchema.safeParse(token);
  return parsed.success
    ? { token: parsed.data, state: checkInvitation(parsed.data) }
    : { token: null, state: { ok: false as const, reason: "invalid" as const } };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { state } = stateOf(params.token);
  if (!state.ok) return { ok: false as const, reason: state.reason };
  return {
    ok: true as const,
    email: state.email,
    role: state.role,
    organizationName: state.organizationName,
  };
}

const HOUR = 3600_000;

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Guessing tokens is hopeless (256 bits), but a limit keeps the log quiet and the CPU cool.
  const bucket = `invite-ip:${clientIp(context)}`;
  if (countHits(bucket, HOUR) >= getEnv().INVITE_LIMIT_PER_IP) {
    return jsonResponse({ reason: "rate-limited" }, 429);
  }
  recordHit(bucket);
  const { token, state } = stateOf(params.token);
  if (!token || !state.ok)
    return jsonResponse({ reason: state.ok ? "invalid" : state.reason }, 410);
  const parsed = parseWith(
    AcceptInvitationFormSchema,
    Object.fromEntries(await request.formData()),
  );
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const r = await acceptInvitation(token, parsed.data);
  if (!r.ok) {
    if ("fieldErrors" in r) return jsonResponse({ fieldErrors: r.fieldErrors }, 400);
    return jsonResponse({ reason: r.reason }, 410);
  }
  const headers = new Headers({ "Set-Cookie": await createUserSession(request, r.userId) });
  // The link named the language the worker chose: the new account keeps it.
  const locale = localeOfSearch(new URL(request.url).searchParams);
  if (locale) headers.append("Set-Cookie", langCookie(locale));
  throw redirect("/dashboard", { headers });
}

type ActionData = { fieldErrors?: Record<string, string>; reason?: string };

/** The invitee sets a name and a password; the link works once. */
export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const { errors, onSubmit } = useFormErrors(actionData?.fieldErrors, (form) => {
    const r = AcceptInvitationFormSchema.safeParse(Object.fromEntries(form));
    return r.success ? null : fieldErrorsOf(r.error);
  });
  const reason = !data.ok ? data.reason : actionData?.reason;
  if (reason) {
    return (
      <section className="narrow">
        <h1>{t("invite.title")}</h1>
        <p className="form-error" role="alert">
          {t(`invite.reason.${reason}` as "invite.reason.invalid")}
        </p>
      </section>
    );
  }
  if (!data.ok) return null;
  const aria = (name: string) => describedBy(name, { error: errors[name] });
  return (
    <section className="narrow">
      <h1>{t("invite.title")}</h1>
      <p>
        {t("invite.intro", {
          email: data.email,
          role: t(`role.${data.role}`),
          organization: data.organizationName ?? "Luotsi",
        })}
      </p>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} />
        <div className="field">
          <label htmlFor="displayName">{t("invite.displayName")}</label>
          <input
            id="displayName"
            name="displayName"
            type="text"
            autoComplete="name"
            {...aria("displayName")}
          />
          <FieldError id="displayName-error" message={errors.displayName} />
        </div>
        <div className="field">
          <label htmlFor="password">{t("invite.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            {...aria("password")}
          />
          <FieldError id="password-error" message={errors.password} />
        </div>
        <div className="field">
          <label htmlFor="confirm">{t("invite.confirm")}</label>
          <input
            id="confirm"
            name="confirm"
            type="password"
            autoComplete="new-password"
            {...aria("confirm")}
          />
          <FieldError id="confirm-error" message={errors.confirm} />
        </div>
        <button type="submit" className="button primary">
          {t("invite.submit")}
        </button>
      </Form>
    </section>
  );
}
