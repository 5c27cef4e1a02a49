import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { answerScheduleEdit } from "#app/infra/schedule-rows.server.ts";
import { jsonResponse, keepFormValues } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { getOrganization } from "#app/modules/organizations/organizations.server.ts";
import { ActivityForm } from "#app/modules/staff/activity-form.tsx";
import { mapLinks } from "#app/components/activity-map.tsx";
import {
  activityFormValues,
  activityFormValuesFromForm,
  readActivityForm,
  type ActivityFormValues,
} from "#app/modules/staff/activity-form-schema.ts";
import { placeOfPostalCode } from "#app/modules/places/municipalities.server.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";
import { createStaffActivity } from "#app/modules/staff/staff-activities.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { draftActivityFromNeed, NeedDraftQuerySchema } from "#app/modules/needs/needs.server.ts";
import { municipalityLabel } from "#app/modules/places/municipalities.server.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

// The place picker's map (Leaflet's styles).
export const links: LinksFunction = mapLinks;

export const meta: MetaFunction = pageMeta("title.activityNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  const organization = getOrganization(requireOrganization(user));
  const lang = getLang(request);
  // Opened from a cell of the unmet-interests view: that interest and
  // municipality, and a time at least five of the people share.
  const from = NeedDraftQuerySchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const draft = from.success
    ? draftActivityFromNeed(user, from.data.municipality, from.data.interest, lang)
    : undefined;
  return {
    // A new listing starts in the organization's own municipality.
    values: activityFormValues(
      draft
        ? {
            municipality: draft.municipality,
            interests: [draft.interestLabel],
            schedule: draft.times.slice(0, 1),
            status: "open",
          }
        : { municipality: organization?.municipality, status: "open" },
    ),
    draft: draft && {
      interest: draft.interestLabel,
      municipality: municipalityLabel(draft.municipality, lang),
      times: draft.times,
    },
    municipalities: municipalityOptions(lang),
  };
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["staff"]);
  const organizationId = requireOrganization(user);
  const form = await request.formData();
  const parsed = readActivityForm(form, placeOfPostalCode);
  const values = activityFormValuesFromForm(form);
  const edited = answerScheduleEdit(form, values);
  if (edited) return edited;
  keepFormValues(context, values);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values }, 400);
  const result = createStaffActivity({ ...user, organizationId }, parsed.data);
  if (!result.ok) {
    return jsonResponse(
      { fieldErrors: "fieldErrors" in result ? result.fieldErrors : {}, values },
      400,
    );
  }
  throw redirect(`/staff/activities/${encodeURIComponent(result.ref)}?saved=created`);
}

export default function NewActivity() {
  const { values, municipalities, draft } = useLoaderData<typeof loader>();
  const data = useActionData<{ fieldErrors: Record<string, string>; values: ActivityFormValues }>();
  const t = useT();
  return (
    <section>
      <p>
        <Link to="/staff">{t("staff.back")}</Link>
      </p>
      <h1>{t("staff.newActivity")}</h1>
      {draft ? (
        <div className="notice" role="status">
          <p>{t("needs.draft", { interest: draft.interest, municipality: draft.municipality })}</p>
          <p>
            {draft.times.length > 0 ? (
              <>
                {t("needs.draftTimes")} <ScheduleText schedule={draft.times} style="long" />
              </>
            ) : (
              t("needs.draftNoTimes")
            )}
          </p>
        </div>
      ) : null}
      <ActivityForm
        values={data?.values ?? values}
        municipalities={municipalities}
        serverErrors={data?.fieldErrors}
        submitLabel={t("staff.publish")}
        showStatus={false}
      />
    </section>
  );
}
