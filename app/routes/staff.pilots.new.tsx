import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { answerScheduleEdit } from "#app/infra/schedule-rows.server.ts";
import { jsonResponse, keepFormValues } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { getOrganization } from "#app/modules/organizations/organizations.server.ts";
import { PilotForm } from "#app/modules/pilots/pilot-form.tsx";
import {
  pilotFormValues,
  pilotFormValuesFromForm,
  readPilotForm,
  type PilotFormValues,
} from "#app/modules/pilots/pilot-form-schema.ts";
import { createPilotByStaff } from "#app/modules/pilots/pilots.server.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

export const meta: MetaFunction = pageMeta("title.pilotNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  const organization = getOrganization(requireOrganization(user));
  return {
    values: pilotFormValues({
      municipality: organization?.municipality,
      languages: ["fi"],
      capacity: 1,
      activeMentees: 0,
      acceptingMentees: true,
    }),
    municipalities: municipalityOptions(getLang(request)),
  };
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  const organizationId = requireOrganization(user);
  const form = await request.formData();
  const parsed = readPilotForm(form, { withActiveMentees: true });
  const values = pilotFormValuesFromForm(form);
  const edited = answerScheduleEdit(form, values);
  if (edited) return edited;
  keepFormValues(context, values);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values }, 400);
  const r = createPilotByStaff({ ...user, organizationId }, parsed.data);
  if (!r.ok)
    return jsonResponse({ fieldErrors: "fieldErrors" in r ? r.fieldErrors : {}, values }, 400);
  throw redirect(`/staff/pilots/${encodeURIComponent(r.ref)}?saved=1`);
}

export default function NewPilot() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    fieldErrors: Record<string, string>;
    values: PilotFormValues;
  }>();
  const t = useT();
  return (
    <section>
      <p>
        <Link to="/staff/pilots">{t("pilot.backToList")}</Link>
      </p>
      <h1>{t("pilot.new")}</h1>
      <p className="meta">{t("pilot.newHint")}</p>
      <PilotForm
        values={actionData?.values ?? data.values}
        municipalities={data.municipalities}
        serverErrors={actionData?.fieldErrors}
        withActiveMentees={true}
        withAccepting={true}
        intent="profile"
      />
    </section>
  );
}
