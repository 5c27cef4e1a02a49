import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { answerScheduleEdit } from "#app/infra/schedule-rows.server.ts";
import { jsonResponse, keepFormValues, notFound, orNotFound } from "#app/infra/http.server.ts";
import { formatDate } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
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
import { activityFieldsOf } from "#app/modules/catalog/catalog.server.ts";
import {
  duplicateStaffActivity,
  getStaffActivity,
  isStale,
  markStaffActivityChecked,
  setStaffActivityStatus,
  updateStaffActivity,
  type StaffSaveResult,
} from "#app/modules/staff/staff-activities.server.ts";
import { translator } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

// The place picker's map (Leaflet's styles).
export const links: LinksFunction = mapLinks;

export const meta: MetaFunction = pageMeta("title.activity");

async function requireStaff(request: Request) {
  const user = await requireRole(request, ["staff"]);
  return { ...user, organizationId: requireOrganization(user) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const activity = getStaffActivity(user, orNotFound(parseRef(params.ref)));
  if (!activity) throw notFound();
  return {
    ref: activity.ref,
    title: activity.title,
    status: activity.status,
    lastCheckedAt: activity.lastCheckedAt?.toISOString() ?? null,
    stale: isStale(activity),
    values: activityFormValues(activityFieldsOf(activity)),
    municipalities: municipalityOptions(getLang(request)),
  };
}

const IntentSchema = z.enum(["save", "pause", "reopen", "close", "duplicate", "check"]);
const NEXT_STATUS = { pause: "paused", reopen: "open", close: "closed" } as const;

function notFoundOr(result: StaffSaveResult, ok: (ref: string) => Response) {
  if (result.ok) return ok(result.ref);
  if ("notFound" in result) throw notFound();
  return jsonResponse({ fieldErrors: result.fieldErrors }, 400);
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const ref = orNotFound(parseRef(params.ref));
  const form = await request.formData();
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return jsonResponse({ fieldErrors: { intent: "staff.error.intent" } }, 400);
  const here = (saved: string) => (r: string) =>
    redirect(`/staff/activities/${encodeURIComponent(r)}?saved=${saved}`);
  switch (intent.data) {
    case "save": {
      const parsed = readActivityForm(form, placeOfPostalCode);
      const values = activityFormValuesFromForm(form);
      const edited = answerScheduleEdit(form, values);
      if (edited) return edited;
      keepFormValues(context, values);
      if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values }, 400);
      const raw = form.get("enrolledLoaded");
      const loaded = typeof raw === "string" && raw !== "" ? Number(raw) : NaN;
      const result = updateStaffActivity(user, ref, parsed.data, undefined, {
        enrolledAsLoaded: Number.isInteger(loaded) ? loaded : null,
      });
      if (!result.ok && "fieldErrors" in result) {
        return jsonResponse({ fieldErrors: result.fieldErrors, values }, 400);
      }
      return notFoundOr(result, here("saved"));
    }
    case "pause":
    case "reopen":
    case "close":
      return notFoundOr(
        setStaffActivityStatus(user, ref, NEXT_STATUS[intent.data]),
        here(intent.data),
      );
    case "duplicate": {
      const suffix = translator(getLang(request))("staff.copySuffix");
      return notFoundOr(duplicateStaffActivity(user, ref, suffix), here("duplicated"));
    }
    case "check":
      return notFoundOr(markStaffActivityChecked(user, ref), here("checked"));
  }
}

export default function EditActivity() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{
    fieldErrors: Record<string, string>;
    values?: ActivityFormValues;
  }>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const t = useT();
  const lang = useLang();
  return (
    <section>
      <p>
        <Link to="/staff">{t("staff.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      {saved && !actionData ? (
        <p className="success" role="status">
          {t(`staff.saved.${saved}` as "staff.saved.saved")}
        </p>
      ) : null}
      <p>
        {t("staff.field.status")}: <strong>{t(`status.${data.status}`)}</strong> ·{" "}
        {t("staff.lastChecked")}:{" "}
        {data.lastCheckedAt ? formatDate(new Date(data.lastCheckedAt), lang) : "–"}
        {data.stale ? (
          <>
            {" "}
            <span className="tag warn">{t("staff.stale")}</span>
          </>
        ) : null}
        {data.status !== "closed" ? (
          <>
            {" · "}
            <Link to={`/activities/${encodeURIComponent(data.ref)}`}>{t("staff.publicPage")}</Link>
          </>
        ) : null}
      </p>
      <Form method="post" className="actions" aria-label={t("staff.quickActions")}>
        <button type="submit" name="intent" value="check" className="button">
          {t("staff.markChecked")}
        </button>
        {data.status === "open" ? (
          <button type="submit" name="intent" value="pause" className="button">
            {t("staff.pause")}
          </button>
        ) : (
          <button type="submit" name="intent" value="reopen" className="button">
            {t("staff.reopen")}
          </button>
        )}
        {data.status !== "closed" ? (
          <button type="submit" name="intent" value="close" className="button danger">
            {t("staff.close")}
          </button>
        ) : null}
        <button type="submit" name="intent" value="duplicate" className="button">
          {t("staff.duplicate")}
        </button>
      </Form>
      <h2>{t("staff.editTitle")}</h2>
      <ActivityForm
        key={data.ref}
        values={actionData?.values ?? data.values}
        municipalities={data.municipalities}
        serverErrors={actionData?.fieldErrors}
        submitLabel={t("common.save")}
        showStatus={true}
        enrolledLoaded={data.values.enrolled}
      />
    </section>
  );
}
