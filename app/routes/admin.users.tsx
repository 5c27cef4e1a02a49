import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { fieldErrorsOf, parseWith } from "#app/infra/forms.ts";
import { jsonResponse, notFound, publicOrigin } from "#app/infra/http.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { INVITABLE_ROLES, InviteFormSchema } from "#app/modules/invitations/invitation-schema.ts";
import { inviteUser, listInvitations } from "#app/modules/invitations/invitations.server.ts";
import { listOrganizations } from "#app/modules/organizations/organizations.server.ts";
import { ErrorSummary, describedBy, useFormErrors } from "#app/components/error-summary.tsx";
import { listUsers, setUserActive } from "#app/modules/organizations/users.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.users");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return {
    users: listUsers(),
    invitations: listInvitations().map((i) => ({
      ...i,
      expiresAt: i.expiresAt.toISOString(),
      usedAt: i.usedAt?.toISOString() ?? null,
      expired: !i.usedAt && i.expiresAt.getTime() <= Date.now(),
    })),
    organizations: listOrganizations().map((o) => ({ ref: o.ref, name: o.name })),
  };
}

const ActivationSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  userId: z.string().uuid(),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "invite") {
    const parsed = parseWith(InviteFormSchema, form);
    if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values: form }, 400);
    const r = await inviteUser(admin, parsed.data, publicOrigin());
    if (!r.ok) return jsonResponse({ fieldErrors: r.fieldErrors, values: form }, 400);
    return jsonResponse({ invited: parsed.data.email });
  }
  const parsed = parseWith(ActivationSchema, form);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const r = await setUserActive(admin, parsed.data.userId, parsed.data.intent === "reactivate");
  if (!r.ok) {
    if (r.error === "not-found") throw notFound();
    return jsonResponse({ error: "admin.error.self" }, 400);
  }
  return jsonResponse({ changed: parsed.data.intent });
}

type ActionData = {
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  invited?: string;
  changed?: "deactivate" | "reactivate";
  error?: string;
};

export default function AdminUsers() {
  const { users, invitations, organizations } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const { errors, onSubmit } = useFormErrors(data?.fieldErrors, (form) => {
    const r = InviteFormSchema.safeParse(Object.fromEntries(form));
    return r.success ? null : fieldErrorsOf(r.error);
  });
  const values = data?.values ?? {};
  const aria = (name: string) => describedBy(`inv-${name}`, { error: errors[name] });
  return (
    <section>
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("admin.users")}</h1>
      {data?.invited ? (
        <p className="success" role="status">
          {t("admin.invite.sent", { email: data.invited })}
        </p>
      ) : null}
      {data?.changed ? (
        <p className="success" role="status">
          {t(data.changed === "deactivate" ? "admin.user.deactivated" : "admin.user.reactivated")}
        </p>
      ) : null}
      {data?.error ? (
        <p className="form-error" role="alert">
          {t("admin.error.self")}
        </p>
      ) : null}

      <h2>{t("admin.invite.title")}</h2>
      <p className="meta">{t("admin.invite.intro")}</p>
      <Form method="post" className="stack narrow" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="invite" />
        <ErrorSummary errors={errors} fieldId={(field) => `inv-${field}`} />
        <div className="field">
          <label htmlFor="inv-email">{t("login.email")}</label>
          <input
            id="inv-email"
            name="email"
            type="email"
            defaultValue={values.email ?? ""}
            {...aria("email")}
          />
          <FieldError id="inv-email-error" message={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="inv-role">{t("admin.user.role")}</label>
          <select id="inv-role" name="role" defaultValue={values.role ?? "staff"} {...aria("role")}>
            {INVITABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <FieldError id="inv-role-error" message={errors.role} />
        </div>
        <div className="field">
          <label htmlFor="inv-organizationRef">{t("admin.user.organization")}</label>
          <select
            id="inv-organizationRef"
            name="organizationRef"
            defaultValue={values.organizationRef ?? params.get("organization") ?? ""}
            {...aria("organizationRef")}
          >
            <option value="">{t("staff.choose")}</option>
            {organizations.map((o) => (
              <option key={o.ref} value={o.ref}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError id="inv-organizationRef-error" message={errors.organizationRef} />
        </div>
        <div className="field">
          <label htmlFor="inv-pilotRef">{t("admin.invite.pilotRef")}</label>
          <input
            id="inv-pilotRef"
            name="pilotRef"
            type="text"
            defaultValue={values.pilotRef ?? ""}
            {...aria("pilotRef")}
          />
          <FieldError id="inv-pilotRef-error" message={errors.pilotRef} />
        </div>
        <button type="submit" className="button primary">
          {t("admin.invite.send")}
        </button>
      </Form>

      <h2>{t("admin.user.list")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.user.name")}</th>
              <th scope="col">{t("login.email")}</th>
              <th scope="col">{t("admin.user.role")}</th>
              <th scope="col">{t("admin.user.organization")}</th>
              <th scope="col">{t("admin.user.state")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.organizationName ?? "–"}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <span className={`tag ${u.active ? "good" : "bad"}`}>
                      {u.active ? t("admin.user.active") : t("admin.user.inactive")}
                    </span>{" "}
                    <button
                      type="submit"
                      name="intent"
                      value={u.active ? "deactivate" : "reactivate"}
                      className="link-button"
                      aria-label={`${u.active ? t("admin.user.deactivate") : t("admin.user.reactivate")}: ${u.displayName}`}
                    >
                      {u.active ? t("admin.user.deactivate") : t("admin.user.reactivate")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("admin.invite.list")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("login.email")}</th>
              <th scope="col">{t("admin.user.role")}</th>
              <th scope="col">{t("admin.user.organization")}</th>
              <th scope="col">{t("admin.user.state")}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{t(`role.${i.role}`)}</td>
                <td>{i.organizationName ?? "–"}</td>
                <td>
                  {i.usedAt
                    ? t("admin.invite.used", { date: formatDate(new Date(i.usedAt), lang) })
                    : i.expired
                      ? t("admin.invite.expired")
                      : t("admin.invite.validUntil", {
                          date: formatDate(new Date(i.expiresAt), lang),
                        })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
