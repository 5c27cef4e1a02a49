import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { usePagePath } from "#app/components/page-path.ts";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { ConsentState } from "#app/components/consent-state.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { baseLangOf, formatDate, joinList, languageName } from "#app/infra/i18n/i18n.ts";
import { getLocale } from "#app/infra/i18n/lang.server.ts";
import { useLocale, useT, participantPage } from "#app/infra/i18n/use-t.ts";
import { RedirectToSchema, safeRedirect } from "#app/modules/auth/auth-schema.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { getInterestMatcher } from "#app/modules/interests/interests.server.ts";
import { getOwnParticipant } from "#app/modules/invitations/participant-invitations.server.ts";
import { listConsents, withdrawConsent } from "#app/modules/consents/consents.server.ts";
import {
  addToShortlist,
  listShortlist,
  removeFromShortlist,
} from "#app/modules/participants/shortlist.server.ts";
import { municipalityLabel } from "#app/modules/places/municipalities.server.ts";
import { listReferralViews } from "#app/modules/referrals/referral-sending.server.ts";
import { DataRightsLinks } from "#app/components/data-rights-links.tsx";
import { FitNotes } from "#app/components/fit-notes.tsx";
import { jsonResponse, notFound } from "#app/infra/http.server.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

// A participant sees their own pages in their language or plain language (issue #16).
export const handle = participantPage;

export const meta: MetaFunction = pageMeta("title.me");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["participant"]);
  const p = getOwnParticipant(user);
  const locale = getLocale(request);
  const lang = baseLangOf(locale);
  if (!p) return { participant: null, shortlist: [], referrals: [], consents: [] };
  const matcher = getInterestMatcher();
  return {
    participant: {
      ref: p.ref,
      nickname: p.nickname,
      municipality: municipalityLabel(p.municipality, lang),
      languages: p.languages,
      interests: p.interests,
      interestLabels: p.interestKeys.map((k) => matcher.label(k, lang)),
      interestText: p.interestText,
      wantsPilot: p.wantsPilot,
      schedule: p.schedule,
    },
    shortlist: listShortlist(p, locale),
    referrals: listReferralViews(p.id),
    consents: listConsents(p.id).map((c) => ({
      id: c.id,
      purpose: c.purpose,
      givenAt: c.givenAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    })),
  };
}

const MeActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("shortlistAdd"),
    activityRef: RefSchema,
    redirectTo: RedirectToSchema,
  }),
  z.object({ intent: z.literal("shortlistRemove"), itemId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("withdrawConsent"), consentId: z.coerce.number().int().positive() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["participant"]);
  const p = getOwnParticipant(user);
  if (!p) throw notFound();
  const form = await request.formData();
  const parsed = parseWith(MeActionSchema, Object.fromEntries(form));
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const input = parsed.data;
  if (input.intent === "shortlistAdd") {
    const added = addToShortlist(actorOf(user), p.id, { activityRef: input.activityRef });
    if (!added.ok)
      return jsonResponse(
        { fieldErrors: { activityRef: "participants.error.target" } },
        { status: 400 },
      );
    return redirect(safeRedirect(input.redirectTo, "/me"));
  }
  if (input.intent === "shortlistRemove") removeFromShortlist(actorOf(user), p.id, input.itemId);
  else withdrawConsent(actorOf(user), p.id, input.consentId);
  return redirect("/me");
}

/** The participant's own account: own profile, the shared shortlist and the requests sent for them. */
export default function MePage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const pagePath = usePagePath();
  const locale = useLocale();
  const p = data.participant;
  if (!p)
    return (
      <section>
        <h1>{t("me.title")}</h1>
        <p>{t("me.noRecord")}</p>
      </section>
    );
  return (
    <article className="stack">
      <h1>{t("me.title")}</h1>
      <p>
        <Link to="/attendance">
          {t("attendance.mine")} · {t("attendance.myPath")}
        </Link>
      </p>
      <p>{t("me.intro")}</p>
      <section aria-labelledby="me-profile" className="panel">
        <h2 id="me-profile">{t("me.profile")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("me.field.name")}</dt>
            <dd>{p.nickname ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("me.field.municipality")}</dt>
            <dd>{p.municipality}</dd>
          </div>
          <div>
            <dt>{t("me.field.languages")}</dt>
            <dd>
              {joinList(
                p.languages.map((l) => languageName(l, locale)),
                locale,
              )}
            </dd>
          </div>
          <div>
            <dt>{t("me.field.interests")}</dt>
            <dd>{[...p.interests, ...p.interestLabels].join(", ") || "–"}</dd>
          </div>
          <div>
            <dt>{t("me.field.when")}</dt>
            <dd>
              <ScheduleText schedule={p.schedule} />
            </dd>
          </div>
        </dl>
        <p className="meta">{t("me.changeViaWorker")}</p>
      </section>

      <section aria-labelledby="me-shortlist" className="stack">
        <h2 id="me-shortlist">{t("me.shortlist")}</h2>
        {data.shortlist.length === 0 ? (
          <p>{t("participants.shortlistEmpty")}</p>
        ) : (
          <ul className="cards">
            {data.shortlist.map((s) => (
              <li key={s.id} className="card">
                <h3>
                  {s.type === "activity" ? (
                    <Link to={`/activities/${encodeURIComponent(s.ref)}`}>{s.title}</Link>
                  ) : (
                    s.title
                  )}
                </h3>
                <FitNotes notes={s.notes} />
                <Form method="post" action={pagePath}>
                  <input type="hidden" name="intent" value="shortlistRemove" />
                  <input type="hidden" name="itemId" value={s.id} />
                  <button type="submit" className="link-button">
                    {t("participants.removeFromShortlistNamed", { name: s.title })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="me-requests">
        <h2 id="me-requests">{t("me.requests")}</h2>
        {data.referrals.length === 0 ? (
          <p>{t("participants.noReferrals")}</p>
        ) : (
          <ul>
            {data.referrals.map((r) => (
              <li key={r.id}>
                {r.target.name} · {formatDate(new Date(r.createdAt), locale)} ·{" "}
                {t(`participants.referralStatus.${r.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="me-consents">
        <h2 id="me-consents">{t("participants.consent")}</h2>
        {data.consents.length === 0 ? <p>{t("me.noConsents")}</p> : null}
        <ul>
          {data.consents.map((c) => (
            <li key={c.id}>
              {t(
                `participants.consent.purpose.${c.purpose}` as "participants.consent.purpose.registration",
              )}{" "}
              · {formatDate(new Date(c.givenAt), locale)}
              <ConsentState consent={c} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="me-data">
        <h2 id="me-data">{t("dataRights.own")}</h2>
        <DataRightsLinks participantRef={p.ref}>
          <li>
            <a href="/account/password">{t("account.password.title")}</a>
          </li>
        </DataRightsLinks>
      </section>
    </article>
  );
}
