import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { answerScheduleEdit } from "#app/infra/schedule-rows.server.ts";
import { jsonResponse, keepFormValues, notFound, orNotFound } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { PilotForm } from "#app/modules/pilots/pilot-form.tsx";
import {
  pilotFormValues,
  pilotFormValuesFromForm,
  readPilotForm,
  type PilotFormValues,
} from "#app/modules/pilots/pilot-form-schema.ts";
import {
  getStaffPilot,
  pilotFieldsOf,
  updatePilotByStaff,
} from "#app/modules/pilots/pilots.server.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { listTrainingsOfPilots } from "#app/modules/pilots/pilot-trainings.server.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

export const meta: MetaFunction = pageMeta("title.pilot");

async function requireStaff(request: Request) {
  const user = await requireRole(request, ["staff"]);
  return { ...user, organizationId: requireOrganization(user) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const pilot = getStaffPilot(user, orNotFound(parseRef(params.ref)));
  if (!pilot) throw notFound();
  return {
    ref: pilot.ref,
    displayName: pilot.displayName,
    hasAccount: pilot.userId != null,
    values: pilotFormValues(pilotFieldsOf(pilot)),
    municipalities: municipalityOptions(getLang(request)),
    trainings: listTrainingsOfPilots([pilot.id]).get(pilot.id) ?? [],
  };
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const ref = orNotFound(parseRef(params.ref));
  const pilot = orNotFound(getStaffPilot(user, ref));
  const form = await request.formData();
  const parsed = readPilotForm(form, {
    withActiveMentees: true,
    acceptingMentees: pilot.userId ? pilot.acceptingMentees : undefined,
  });
  const values = pilotFormValuesFromForm(form);
  const edited = answerScheduleEdit(form, values);
  if (edited) return edited;
  keepFormValues(context, values);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values }, 400);
  const raw = form.get("activeMenteesLoaded");
  const loaded = typeof raw === "string" && raw !== "" ? Number(raw) : NaN;
  const r = updatePilotByStaff(user, ref, parsed.data, undefined, {
    activeMenteesAsLoaded: Number.isInteger(loaded) ? loaded : null,
  });
  if (!r.ok) {
    if ("notFound" in r) throw notFound();
    return jsonResponse({ fieldErrors: r.fieldErrors, values }, 400);
  }
  throw redirect(`/staff/pilots/${encodeURIComponent(ref)}?saved=1`);
}

export default function StaffPilot() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    fieldErrors: Record<string, string>;
    values: PilotFormValues;
  }>();
  const [params] = useSearchParams();
  const t = useT();
  const lang = useLang();
  return (
    <section>
      <p>
        <Link to="/staff/pilots">{t("pilot.backToList")}</Link>
      </p>
      <h1>{data.displayName}</h1>
      {params.get("saved") && !actionData ? (
        <p className="success" role="status">
          {t("staff.saved.saved")}
        </p>
      ) : null}
      <PilotForm
        key={data.ref}
        values={actionData?.values ?? data.values}
        municipalities={data.municipalities}
        serverErrors={actionData?.fieldErrors}
        withActiveMentees={true}
        withAccepting={!data.hasAccount}
        intent="profile"
        activeMenteesLoaded={data.values.activeMentees}
      />
      <section className="panel" aria-labelledby="pilot-trainings">
        <h2 id="pilot-trainings">{t("pilot.trainings")}</h2>
        {data.trainings.length === 0 ? (
          <p>{t("pilot.trainings.none")}</p>
        ) : (
          <ul className="link-list">
            {data.trainings.map((r) => (
              <li key={`${r.date}|${r.topic}|${r.organizationId}`}>
                {formatDate(r.date, lang)}: {r.topic}
                {r.organizationId == null ? ` (${t("pilot.trainings.coordinator")})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
