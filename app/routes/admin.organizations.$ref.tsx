import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "#app/infra/auth.server.ts";
import { jsonResponse, keepFormValues, notFound, orNotFound } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { ErrorSummary, useFormErrors } from "#app/components/error-summary.tsx";
import { OrganizationFormFields } from "#app/modules/organizations/organization-form-fields.tsx";
import {
  organizationFormValues,
  postedOrganizationValues,
  readOrganizationForm,
  type OrganizationFormValues,
} from "#app/modules/organizations/organization-form.ts";
import {
  getOrganizationByRef,
  saveOrganizationFromForm,
} from "#app/modules/organizations/organizations.server.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

export const meta: MetaFunction = pageMeta("title.organization");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const org = getOrganizationByRef(orNotFound(parseRef(params.ref)));
  if (!org) throw notFound();
  return {
    ref: org.ref,
    name: org.name,
    values: organizationFormValues(org),
    municipalities: municipalityOptions(getLang(request)),
  };
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["admin"]);
  const ref = orNotFound(parseRef(params.ref));
  const form = await request.formData();
  const parsed = readOrganizationForm(form);
  const values = postedOrganizationValues(form);
  keepFormValues(context, values);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values }, 400);
  const r = saveOrganizationFromForm(actorOf(user), ref, parsed.data);
  if (!r.ok) {
    if ("notFound" in r) throw notFound();
    return jsonResponse({ fieldErrors: r.fieldErrors, values }, 400);
  }
  throw redirect(`/admin/organizations/${encodeURIComponent(ref)}?saved=saved`);
}

export default function AdminOrganization() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    fieldErrors: Record<string, string>;
    values: OrganizationFormValues;
  }>();
  const [params] = useSearchParams();
  const t = useT();
  const { errors, onSubmit } = useFormErrors(actionData?.fieldErrors, (form) => {
    const r = readOrganizationForm(form);
    return r.ok ? null : r.fieldErrors;
  });
  return (
    <section>
      <p>
        <Link to="/admin/organizations">{t("admin.org.back")}</Link>
      </p>
      <h1>{data.name}</h1>
      {params.get("saved") && !actionData ? (
        <p className="success" role="status">
          {t("staff.saved.saved")}
        </p>
      ) : null}
      <p className="meta">
        {t("admin.org.ref")}: <code>{data.ref}</code> ·{" "}
        <Link to={`/admin/users?organization=${encodeURIComponent(data.ref)}`}>
          {t("admin.users")}
        </Link>
      </p>
      <Form method="post" className="stack narrow" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={(field) => `org-${field}`} />
        <OrganizationFormFields
          key={data.ref}
          values={actionData?.values ?? data.values}
          errors={errors}
          municipalities={data.municipalities}
        />
        <button type="submit" className="button primary">
          {t("common.save")}
        </button>
      </Form>
    </section>
  );
}
