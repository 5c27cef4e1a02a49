import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { usePagePath } from "#app/components/page-path.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "#app/infra/auth.server.ts";
import { answerScheduleEdit } from "#app/infra/schedule-rows.server.ts";
import { jsonResponse, keepFormValues, notFound, statusOfError } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { PilotForm } from "#app/modules/pilots/pilot-form.tsx";
import {
  pilotFormValues,
  pilotFormValuesFromForm,
  readPilotForm,
  type PilotFormValues,
} from "#app/modules/pilots/pilot-form-schema.ts";
import {
  getPilotForUser,
  pilotFieldsOf,
  setAcceptingMentees,
  updateOwnPilotProfile,
} from "#app/modules/pilots/pilots.server.ts";
import {
  IncomingReferrals,
  toReferralView,
  type ReferralActionData,
} from "#app/modules/referrals/incoming-referrals.tsx";
import { countUnreadNotifications } from "#app/modules/notifications/notifications.server.ts";
import { listIncomingReferrals } from "#app/modules/referrals/referral-inbox.server.ts";
import { answerReferralForm } from "#app/modules/referrals/respond.server.ts";
import { municipalityOptions } from "#app/modules/staff/municipality-options.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

export const meta: MetaFunction = pageMeta("title.pilot");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["pilot"]);
  const pilot = getPilotForUser(user.id);
  if (!pilot) return { pilot: null, values: null, municipalities: [], referrals: [], unread: 0 };
  return {
    pilot: {
      displayName: pilot.displayName,
      capacity: pilot.capacity,
      activeMentees: pilot.activeMentees,
      acceptingMentees: pilot.acceptingMentees,
    },
    values: pilotFormValues(pilotFieldsOf(pilot)),
    municipalities: municipalityOptions(getLang(request)),
    referrals: listIncomingReferrals(user, { status: "all" }).map(toReferralView),
    unread: countUnreadNotifications(user.id),
  };
}

const IntentSchema = z.enum(["profile", "accepting", "accept", "decline"]);

/** Everything here acts on the signed-in pilot's own profile: there is no id to guess. */
export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["pilot"]);
  const form = await request.formData();
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return jsonResponse({ fieldErrors: { intent: "staff.error.intent" } }, 400);
  if (intent.data === "accept" || intent.data === "decline") {
    const answer = await answerReferralForm(user, form);
    return jsonResponse(answer, "error" in answer ? statusOfError(answer.error) : 200);
  }
  if (intent.data === "accepting") {
    const value = z.enum(["on", "off"]).safeParse(form.get("accepting"));
    if (!value.success) {
      return jsonResponse({ fieldErrors: { accepting: "pilot.error.accepting" } }, 400);
    }
    const r = setAcceptingMentees(user, value.data === "on");
    if (!r.ok) throw notFound();
    return jsonResponse({ saved: value.data === "on" ? "acceptingOn" : "acceptingOff" });
  }
  const pilot = getPilotForUser(user.id);
  if (!pilot) throw notFound();
  const parsed = readPilotForm(form, {
    withActiveMentees: false,
    activeMentees: pilot.activeMentees,
    acceptingMentees: pilot.acceptingMentees,
    trainingStatus: pilot.trainingStatus,
  });
  const values = pilotFormValuesFromForm(form);
  const edited = answerScheduleEdit(form, values);
  if (edited) return edited;
  keepFormValues(context, values);
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors, values }, 400);
  const r = updateOwnPilotProfile(user, parsed.data);
  if (!r.ok) {
    if ("notFound" in r) throw notFound();
    return jsonResponse({ fieldErrors: r.fieldErrors, values }, 400);
  }
  return jsonResponse({ saved: "profile" });
}

type ActionData =
  | ReferralActionData
  | { saved: "profile" | "acceptingOn" | "acceptingOff" }
  | { fieldErrors: Record<string, string>; values?: PilotFormValues };

/** The pilot's one screen: availability switch, incoming requests, own profile. */
export default function PilotHome() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionData>();
  const t = useT();
  const pagePath = usePagePath();
  if (!data.pilot || !data.values) {
    return (
      <section>
        <h1>{t("pilot.title")}</h1>
        <p>{t("pilot.noProfile")}</p>
      </section>
    );
  }
  const { pilot } = data;
  const full = pilot.activeMentees >= pilot.capacity;
  const referralData =
    actionData && ("done" in actionData || ("error" in actionData && !("values" in actionData)))
      ? (actionData as ReferralActionData)
      : undefined;
  const profileErrors =
    actionData && "fieldErrors" in actionData && !("error" in actionData)
      ? actionData.fieldErrors
      : undefined;
  const values =
    actionData && "values" in actionData && actionData.values ? actionData.values : data.values;
  return (
    <section>
      <h1>{t("pilot.greeting", { name: pilot.displayName })}</h1>
      {actionData && "saved" in actionData ? (
        <p className="success" role="status">
          {t(`pilot.saved.${actionData.saved}`)}
        </p>
      ) : null}
      <div className="panel">
        <h2>{t("pilot.availability")}</h2>
        <p>{t("pilot.menteesNow", { active: pilot.activeMentees, capacity: pilot.capacity })}</p>
        <p>
          <strong>
            {pilot.acceptingMentees
              ? full
                ? t("pilot.acceptingButFull")
                : t("pilot.acceptingYes")
              : t("pilot.acceptingNo")}
          </strong>
        </p>
        <Form method="post" action={pagePath}>
          <input type="hidden" name="intent" value="accepting" />
          <input type="hidden" name="accepting" value={pilot.acceptingMentees ? "off" : "on"} />
          <button type="submit" className="button primary">
            {pilot.acceptingMentees ? t("pilot.stopAccepting") : t("pilot.startAccepting")}
          </button>
        </Form>
        <p className="meta">
          <Link to="/attendance">{t("attendance.link")}</Link>
        </p>
        <p className="meta">
          <Link to="/notifications">
            {data.unread > 0
              ? t("notifications.nav", { count: data.unread })
              : t("notifications.title")}
          </Link>
        </p>
      </div>
      <IncomingReferrals referrals={data.referrals} actionData={referralData} showTarget={false} />
      <h2>{t("pilot.profile")}</h2>
      <p className="meta">{t("pilot.profileHint")}</p>
      <PilotForm
        values={values}
        municipalities={data.municipalities}
        serverErrors={profileErrors}
        withActiveMentees={false}
        withAccepting={false}
        intent="profile"
      />
    </section>
  );
}
