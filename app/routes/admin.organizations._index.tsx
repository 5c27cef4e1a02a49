import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { usePagePath } from "#app/components/page-path.ts";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { jsonResponse, keepFormValues } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { OrganizationFormFields } from "#app/modules/organizations/organization-form-fields.tsx";
import {
  organizationFormValues,
  postedOrganizationValues,
  readOrganizationForm,
  type OrganizationFormValues,
} from "#app/modules/organizations/organization-form.ts";
import {
  listOrganizations,
  saveOrganizationFromForm,
} from "#app/modules/organizations/organizations.server.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

export const meta: MetaFunction = pageMeta("title.organizations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return {
    organizations: listOrganizations().map((o) => ({
      ref: o.ref,
      name: o.name,
      municipality: o.municipality,
    })),
    municipalities: municipalityOptions(getLang(request)),
  };
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const form = await request.formData();
  const parsed = readOrganizationForm(form);
  const values = postedOrganizationValues(form);
  keepFormValues(context, values);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values }, 400);
  const r = saveOrganizationFromForm(actorOf(user), null, parsed.data);
  if (!r.ok)
    return jsonResponse({ fieldErrors: "fieldErrors" in r ? r.fieldErrors : {}, values }, 400);
  throw redirect(`/admin/organizations/${encodeURIComponent(r.ref)}?saved=created`);
}

export default function AdminOrganizations() {
  const { organizations, municipalities } = useLoaderData<typeof loader>();
  const data = useActionData<{
    fieldErrors: Record<string, string>;
    values: OrganizationFormValues;
  }>();
  const t = useT();
  const pagePath = usePagePath();
  const { errors, onSubmit } = useFormErrors(data?.fieldErrors, (form) => {
    const r = readOrganizationForm(form);
    return r.ok ? null : r.fieldErrors;
  });
  return (
    <section>
      <p>
        <Link to="/admin">{t("admin.back")}</Link>
      </p>
      <h1>{t("admin.organizations")}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.org.name")}</th>
              <th scope="col">{t("staff.field.municipality")}</th>
            </tr>
          </thead>
          <tbody>
            {organizations.map((o) => (
              <tr key={o.ref}>
                <td>
                  <Link to={`/admin/organizations/${encodeURIComponent(o.ref)}`}>{o.name}</Link>
                </td>
                <td>{o.municipality}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("admin.org.new")}</h2>
      <Form method="post" action={pagePath} className="stack narrow" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={(field) => `org-${field}`} />
        <OrganizationFormFields
          values={data?.values ?? organizationFormValues(null)}
          errors={errors}
          municipalities={municipalities}
        />
        <button type="submit" className="button primary">
          {t("admin.org.create")}
        </button>
      </Form>
    </section>
  );
}
