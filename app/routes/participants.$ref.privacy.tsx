import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DataRightsLinks } from "#app/components/data-rights-links.tsx";
import { ConsentState } from "#app/components/consent-state.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { InviteLanguageField } from "#app/components/invite-language-field.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { jsonResponse, notFound, orNotFound, publicOrigin } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { formatDate, hasMessage, type Locale } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { ParticipantPrivacyActionSchema } from "#app/modules/participants/participant-schema.ts";
import {
  findParticipantForWorker,
  listParticipantViewers,
} from "#app/modules/participants/participants.server.ts";
import { groupViews } from "#app/modules/participants/view-log.ts";
import {
  inviteParticipant,
  listOpenInvitations,
} from "#app/modules/invitations/participant-invitations.server.ts";
import {
  listConsents,
  recordConsent,
  withdrawConsent,
} from "#app/modules/consents/consents.server.ts";

export const meta: MetaFunction = pageMeta("title.participant");

/** Consents, the participant's own account, who has looked at the record, and their data rights. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(findParticipantForWorker(user, orNotFound(parseRef(params.ref))));
  return {
    ref: p.ref,
    hasAccount: p.userId != null,
    // The invitation's language list starts with the participant's own languages.
    languages: p.languages,
    consents: listConsents(p.id).map((c) => ({
      ...c,
      givenAt: c.givenAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    })),
    invitations: listOpenInvitations(p.id).map((i) => ({ email: i.email })),
    // One line per person per day (a sitting reads the record a dozen times).
    viewers: groupViews(listParticipantViewers(p.id, 1000)).slice(0, 30),
  };
}

type ActionData = { fieldErrors: Record<string, string>; success?: string; inviteLink?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(findParticipantForWorker(user, orNotFound(parseRef(params.ref))));
  const parsed = parseWith(
    ParticipantPrivacyActionSchema,
    Object.fromEntries(await request.formData()),
  );
  if (!parsed.ok)
    return jsonResponse({ fieldErrors: parsed.fieldErrors } satisfies ActionData, 400);
  const input = parsed.data;
  switch (input.intent) {
    case "consent":
      recordConsent(user, p.id, input.purpose);
      return jsonResponse({ fieldErrors: {}, success: "participants.consent.recorded" });
    case "withdrawConsent":
      if (!withdrawConsent(actorOf(user), p.id, input.consentId)) throw notFound();
      return jsonResponse({ fieldErrors: {}, success: "participants.consent.withdrawn" });
    case "invite": {
      const result = await inviteParticipant(user, p, input.email, publicOrigin(), input.language);
      if (!result.ok) {
        return jsonResponse(
          { fieldErrors: { email: `participants.invite.error.${result.error}` } },
          400,
        );
      }
      return jsonResponse({
        fieldErrors: {},
        success: "participants.invite.sent",
        inviteLink: result.link,
      } satisfies ActionData);
    }
  }
}

/** "9:05" as the page's language writes a time of day: 9.05 in Finnish and Swedish. */
function clock(time: string, lang: Locale) {
  return lang.startsWith("en") ? time.padStart(5, "0") : time.replace(":", ".");
}

export default function ParticipantPrivacy() {
  const data = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const errors = action?.fieldErrors ?? {};
  const roleLabel = (role: string | null) =>
    role && hasMessage(`role.${role}`) ? t(`role.${role}` as "role.worker") : (role ?? "–");
  // Known screens in words; anything else (other modules' screens, APIs) as recorded.
  const contextLabel = (context: string | null) => {
    const key = `participants.context.${(context ?? "").replace(/^(screen|api):/, "")}`;
    return hasMessage(key) ? t(key as "participants.context.suggestions") : (context ?? "");
  };
  const ref = encodeURIComponent(data.ref);
  return (
    <div className="stack">
      {action?.success ? (
        <p className="success" role="status" {...focusHere}>
          {t(action.success as "participants.invite.sent")}
          {action.inviteLink ? (
            <>
              {" "}
              <code>{action.inviteLink}</code>
            </>
          ) : null}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <section aria-labelledby="consent-heading" className="stack">
        <h2 id="consent-heading">{t("participants.consent")}</h2>
        {data.consents.length === 0 ? <p>{t("participants.consent.none")}</p> : null}
        <ul>
          {data.consents.map((c) => (
            <li key={c.id}>
              {t(
                `participants.consent.purpose.${c.purpose}` as "participants.consent.purpose.registration",
              )}{" "}
              ·{" "}
              {t("participants.consent.given", {
                date: formatDate(new Date(c.givenAt), lang),
                name: c.recordedByName ?? "–",
              })}
              <ConsentState consent={c} />
            </li>
          ))}
        </ul>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="consent" />
          <label htmlFor="purpose">{t("participants.consent.purpose")}</label>{" "}
          <select id="purpose" name="purpose">
            <option value="registration">{t("participants.consent.purpose.registration")}</option>
            <option value="referrals">{t("participants.consent.purpose.referrals")}</option>
            <option value="contact">{t("participants.consent.purpose.contact")}</option>
          </select>{" "}
          <button type="submit" className="button">
            {t("participants.consent.record")}
          </button>
          <FieldError id="purpose-error" message={errors.purpose} />
        </Form>
      </section>

      <section aria-labelledby="account-heading" className="stack">
        <h2 id="account-heading">{t("participants.account")}</h2>
        {data.hasAccount ? (
          <p>{t("participants.account.has")}</p>
        ) : (
          <>
            <p>{t("participants.account.intro")}</p>
            {data.invitations.length > 0 ? (
              <p className="meta">
                {t("participants.account.pending", {
                  emails: data.invitations.map((i) => i.email).join(", "),
                })}
              </p>
            ) : null}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="invite" />
              <div className="field">
                <label htmlFor="email">{t("participants.account.email")}</label>
                <input
                  id="email"
                  name="email"
                  type="email"
                  autoComplete="off"
                  {...describedBy("email", { error: errors.email })}
                />
                <FieldError id="email-error" message={errors.email} />
              </div>
              <InviteLanguageField participantLanguages={data.languages} error={errors.language} />
              <button type="submit" className="button">
                {t("participants.account.invite")}
              </button>
            </Form>
          </>
        )}
      </section>

      <section aria-labelledby="viewers-heading">
        <h2 id="viewers-heading">{t("participants.viewers")}</h2>
        <p className="meta">{t("participants.viewersIntro")}</p>
        <ul className="view-log">
          {data.viewers.map((v) => (
            <li key={`${v.day}-${v.name}-${v.role}`}>
              <strong>{formatDate(v.day, lang)}</strong> · {v.name ?? "–"} ({roleLabel(v.role)})
              <br />
              <span className="meta">
                {t(v.count === 1 ? "participants.viewOnce" : "participants.viewCount", {
                  count: v.count,
                  // A long sitting reads as its span, not as a row of minutes.
                  times:
                    v.times.length > 5
                      ? `${clock(v.times[0]!, lang)}–${clock(v.times.at(-1)!, lang)}`
                      : v.times.map((time) => clock(time, lang)).join(", "),
                })}
                {" · "}
                {v.contexts.map(contextLabel).join(", ")}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("dataRights.title")}</h2>
        <DataRightsLinks participantRef={data.ref}>
          <li>
            <Link to={`/privacy/erase/${ref}`}>{t("dataRights.erase")}</Link>
          </li>
        </DataRightsLinks>
      </section>
    </div>
  );
}
