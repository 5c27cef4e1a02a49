import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { InviteLanguageField } from "#app/components/invite-language-field.tsx";
import { FieldError } from "#app/components/field-error.tsx";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { ConsentState } from "#app/components/consent-state.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { publicOrigin } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { formatDate, formatDateTime, hasMessage, languageName } from "#app/infra/i18n/i18n.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { isMeiliUnreachable } from "#app/infra/meili.server.ts";
import { safeRedirect } from "#app/modules/auth/auth-schema.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { getInterestMatcher } from "#app/modules/interests/interests.server.ts";
import { suggestForParticipantDetailed } from "#app/modules/matching/matching.server.ts";
import { ParticipantPageActionSchema } from "#app/modules/participants/participant-schema.ts";
import {
  actorOf,
  inviteParticipant,
  listConsents,
  listOpenInvitations,
  listParticipantViewers,
  listPathSteps,
  participantExistsForWorker,
  readParticipantForWorker,
  recordConsent,
  takeIntoCaseload,
  withdrawConsent,
} from "#app/modules/participants/participants.server.ts";
import {
  addToShortlist,
  browsingCookie,
  listShortlist,
  removeFromShortlist,
} from "#app/modules/participants/shortlist.server.ts";
import { municipalityLabel } from "#app/modules/places/municipalities.server.ts";
import type { ReferralTarget } from "#app/modules/referrals/referral-schema.ts";
import {
  expireOldReferrals,
  listReferralsForParticipant,
  sendReferrals,
} from "#app/modules/referrals/referrals.server.ts";
import { FitNotes } from "#app/components/fit-notes.tsx";

export const meta: MetaFunction = () => [{ title: "Osallistuja – Luotsi" }];

const SCREEN = "screen:participants.$ref";

function notFound() {
  return new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success) throw notFound();
  const p = readParticipantForWorker(user, ref.data, SCREEN);
  if (!p) throw notFound();
  const lang = getLang(request);
  const url = new URL(request.url);
  const matcher = getInterestMatcher();
  let suggestions: Awaited<ReturnType<typeof suggestForParticipantDetailed>> | null = null;
  let suggestionsUnavailable = false;
  if (url.searchParams.get("suggest") === "1") {
    try {
      // SQLite answers (less precisely) when Meilisearch is down, so the worker is never left empty-handed.
      suggestions =
        (await suggestForParticipantDetailed(p.ref, { limit: 10, lang, fallback: true })) ?? null;
    } catch (e) {
      if (!isMeiliUnreachable(e) && !(e instanceof Error && /Meilisearch/i.test(e.message)))
        throw e;
      suggestionsUnavailable = true;
    }
  }
  // Requests nobody answered in time show as "no answer in 7 days", not as still waiting.
  expireOldReferrals();
  return {
    participant: {
      id: p.id,
      ref: p.ref,
      nickname: p.nickname,
      municipality: municipalityLabel(p.municipality, lang),
      gender: p.gender,
      birthYear: p.birthYear,
      languages: p.languages,
      interests: p.interests,
      interestText: p.interestText,
      interestLabels: p.interestKeys.map((k) => matcher.label(k, lang)),
      wantsPilot: p.wantsPilot,
      needs: Object.keys(p.needs).filter((k) => p.needs[k as keyof typeof p.needs]),
      schedule: p.schedule,
      maxDistanceKm: p.maxDistanceKm,
      notes: p.notes,
      hasAccount: p.userId != null,
      isMine: p.responsibleWorkerId === user.id,
      unassigned: p.responsibleWorkerId == null,
    },
    suggestions,
    suggestionsUnavailable,
    shortlist: listShortlist(p, lang),
    referrals: listReferralsForParticipant(p.id).map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      respondedAt: r.respondedAt?.toISOString() ?? null,
      responseMessage: r.responseMessage,
      target:
        r.target.type === "activity"
          ? { type: "activity" as const, ref: r.target.ref, name: r.target.title }
          : { type: "pilot" as const, ref: r.target.ref, name: r.target.displayName },
    })),
    consents: listConsents(p.id).map((c) => ({
      ...c,
      givenAt: c.givenAt.toISOString(),
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    })),
    invitations: listOpenInvitations(p.id).map((i) => ({ email: i.email })),
    pathSteps: listPathSteps(p.id).map((s) => ({
      id: s.id,
      step: s.step,
      date: s.date,
      onwardPath: s.onwardPath,
      endReason: s.endReason,
    })),
    viewers: listParticipantViewers(p.id, 20).map((v) => ({ ...v, at: v.at.toISOString() })),
  };
}

type ActionData = {
  fieldErrors: Record<string, string>;
  formError?: string;
  success?: string;
  inviteLink?: string;
};

function bad(fieldErrors: Record<string, string>, formError?: string) {
  return Response.json({ fieldErrors, formError } satisfies ActionData, { status: 400 });
}

/** One action for the page's small forms; the shortlist form's remove buttons carry the item id. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success) throw notFound();
  const exists = participantExistsForWorker(user, ref.data);
  if (!exists) throw notFound();
  const form = await request.formData();
  const raw: Record<string, unknown> = Object.fromEntries(form);
  if (!raw.intent && form.has("remove")) {
    raw.intent = "shortlistRemove";
    raw.itemId = form.get("remove");
  }
  raw.targets = form.getAll("targets");
  const parsed = parseWith(ParticipantPageActionSchema, raw);
  if (!parsed.ok) return bad(parsed.fieldErrors);
  const input = parsed.data;
  const actor = actorOf(user);
  const back = `/participants/${encodeURIComponent(exists.ref)}`;
  switch (input.intent) {
    case "consent":
      recordConsent(user, exists.id, input.purpose);
      return Response.json({ fieldErrors: {}, success: "participants.consent.recorded" });
    case "withdrawConsent":
      if (!withdrawConsent(actor, exists.id, input.consentId)) throw notFound();
      return Response.json({ fieldErrors: {}, success: "participants.consent.withdrawn" });
    case "takeCaseload":
      takeIntoCaseload(user, exists.id);
      return redirect(back);
    case "invite": {
      const p = readParticipantForWorker(user, exists.ref, `${SCREEN}:invite`)!;
      const result = await inviteParticipant(user, p, input.email, publicOrigin(), input.language);
      if (!result.ok) return bad({ email: `participants.invite.error.${result.error}` });
      return Response.json({
        fieldErrors: {},
        success: "participants.invite.sent",
        inviteLink: result.link,
      });
    }
    case "shortlistAdd": {
      const target = input.activityRef
        ? { activityRef: input.activityRef }
        : input.pilotRef
          ? { pilotRef: input.pilotRef }
          : undefined;
      if (!target) return bad({ activityRef: "participants.error.target" });
      const r = addToShortlist(actor, exists.id, target);
      if (!r.ok) return bad({ activityRef: "participants.error.target" });
      return redirect(safeRedirect(input.redirectTo, `${back}#shortlist`));
    }
    case "shortlistRemove":
      removeFromShortlist(actor, exists.id, input.itemId);
      return redirect(`${back}#shortlist`);
    case "refer": {
      const targets: ReferralTarget[] = input.targets.map((t) => {
        const [type, id] = t.split(":");
        return type === "activity" ? { activityId: Number(id) } : { pilotId: Number(id) };
      });
      const result = await sendReferrals(getDb(), user, {
        participantId: exists.id,
        targets,
        message: input.message,
      });
      if (!result.ok) return bad({ targets: `participants.refer.error.${result.error}` });
      return Response.json({ fieldErrors: {}, success: "participants.refer.sent" });
    }
    case "browse":
      return redirect("/", { headers: { "Set-Cookie": browsingCookie(request, exists.ref) } });
    case "stopBrowse":
      return redirect(back, { headers: { "Set-Cookie": browsingCookie(request, null) } });
  }
}

export default function ParticipantPage() {
  const data = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const t = useT();
  const roleLabel = (role: string | null) =>
    role && hasMessage(`role.${role}`) ? t(`role.${role}` as "role.worker") : (role ?? "–");
  // Known screens in words; anything else (other modules' screens, APIs) as recorded.
  const contextLabel = (context: string | null) => {
    const key = `participants.context.${(context ?? "").replace(/^(screen|api):/, "")}`;
    return hasMessage(key) ? t(key as "participants.context.suggestions") : (context ?? "");
  };
  const lang = useLang();
  const p = data.participant;
  const errors = action?.fieldErrors ?? {};
  const shortlistIds = new Set(data.shortlist.map((s) => `${s.type}:${s.ref}`));
  // Adding from the suggestions keeps them on screen, so both can be picked in turn.
  const suggestionsUrl = `/participants/${encodeURIComponent(p.ref)}?suggest=1#suggestions`;
  return (
    <article className="stack">
      <p>
        <Link to="/worker">← {t("participants.backToList")}</Link>
      </p>
      <h1>{p.nickname ? `${p.nickname} (${p.ref})` : p.ref}</h1>
      {action?.success ? (
        <p className="success" role="status">
          {t(action.success as "participants.refer.sent")}
          {action.inviteLink ? (
            <>
              {" "}
              <code>{action.inviteLink}</code>
            </>
          ) : null}
        </p>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <p className="form-error" role="alert">
          {t("common.formErrors")}
        </p>
      ) : null}
      <div className="actions">
        <Link to="edit" className="button">
          {t("participants.edit")}
        </Link>
        <Link to={`/participants/${encodeURIComponent(p.ref)}/path`} className="button">
          {t("paths.link")}
        </Link>
        <Link to={`/participants/${encodeURIComponent(p.ref)}/assessment`} className="button">
          {t("assessment.link")}
        </Link>
        <Form method="get" action="#suggestions">
          <input type="hidden" name="suggest" value="1" />
          <button type="submit" className="button primary">
            {t("participants.suggest")}
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="browse" />
          <button type="submit" className="button">
            {t("participants.browseTogether")}
          </button>
        </Form>
        {p.unassigned ? (
          <Form method="post">
            <input type="hidden" name="intent" value="takeCaseload" />
            <button type="submit" className="button">
              {t("participants.takeCaseload")}
            </button>
          </Form>
        ) : null}
      </div>

      <section aria-labelledby="facts-heading" className="panel">
        <h2 id="facts-heading">{t("participants.facts")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("participants.field.municipality")}</dt>
            <dd>{p.municipality}</dd>
          </div>
          <div>
            <dt>{t("participants.field.gender")}</dt>
            <dd>{t(`participants.gender.${p.gender}`)}</dd>
          </div>
          <div>
            <dt>{t("participants.field.birthYear")}</dt>
            <dd>{p.birthYear ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("participants.field.languages")}</dt>
            <dd>{p.languages.map((l) => languageName(l, lang)).join(", ")}</dd>
          </div>
          <div>
            <dt>{t("participants.field.interests")}</dt>
            <dd>
              {p.interests.join(", ") || "–"}
              {p.interestLabels.length > 0 ? (
                <>
                  <br />
                  <span className="meta">
                    {t("participants.understoodAs", { labels: p.interestLabels.join(", ") })}
                  </span>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t("participants.field.interestText")}</dt>
            <dd>{p.interestText ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("participants.field.wantsPilot")}</dt>
            <dd>{p.wantsPilot ? t("common.yes") : t("common.no")}</dd>
          </div>
          <div>
            <dt>{t("participants.field.needs")}</dt>
            <dd>{p.needs.map((n) => t(`threshold.${n}` as "threshold.free")).join(", ") || "–"}</dd>
          </div>
          <div>
            <dt>{t("participants.form.when")}</dt>
            <dd>
              <ScheduleText schedule={p.schedule} />
            </dd>
          </div>
          <div>
            <dt>{t("participants.field.maxDistanceKm")}</dt>
            <dd>{p.maxDistanceKm ?? t("participants.defaultReach")}</dd>
          </div>
        </dl>
        {p.notes ? (
          <div className="notice">
            <h3>{t("participants.field.notes")}</h3>
            <p className="meta">{t("participants.notesSensitive")}</p>
            <p style={{ whiteSpace: "pre-wrap" }}>{p.notes}</p>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="suggestions" className="stack">
        <h2 id="suggestions" tabIndex={-1}>
          {t("participants.suggestions")}
        </h2>
        {data.suggestionsUnavailable ? (
          <p className="notice" role="status">
            {t("participants.suggestionsUnavailable")}
          </p>
        ) : null}
        {data.suggestions?.source === "database" ? (
          <p className="notice" role="status">
            {t("catalog.fallback")}
          </p>
        ) : null}
        {data.suggestions ? (
          <>
            <h3>{t("participants.suggestedActivities")}</h3>
            {data.suggestions.activities.length === 0 ? (
              <p>{t("participants.noSuggestions")}</p>
            ) : (
              <ul className="cards">
                {data.suggestions.activities.map((a) => (
                  <li key={a.ref} className="card">
                    <h4>
                      <Link to={`/activities/${encodeURIComponent(a.ref)}`}>{a.title}</Link>
                    </h4>
                    <p className="meta">{a.organizationName}</p>
                    <ul>
                      {a.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                    <ShortlistAdd
                      kind="activity"
                      targetRef={a.ref}
                      name={a.title}
                      listed={shortlistIds.has(`activity:${a.ref}`)}
                      redirectTo={suggestionsUrl}
                    />
                  </li>
                ))}
              </ul>
            )}
            {p.wantsPilot ? (
              <>
                <h3>{t("participants.suggestedPilots")}</h3>
                {data.suggestions.pilots.length === 0 ? (
                  <p>{t("participants.noSuggestions")}</p>
                ) : (
                  <ul className="cards">
                    {data.suggestions.pilots.map((s) => (
                      <li key={s.ref} className="card">
                        <h4>{s.displayName}</h4>
                        <p className="meta">
                          {t("role.pilot")} · {s.organizationName}
                        </p>
                        <ul>
                          {s.reasons.map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                        <ShortlistAdd
                          kind="pilot"
                          targetRef={s.ref}
                          name={s.displayName}
                          listed={shortlistIds.has(`pilot:${s.ref}`)}
                          redirectTo={suggestionsUrl}
                        />
                      </li>
                    ))}
                  </ul>
                )}
              </>
            ) : null}
          </>
        ) : (
          <p className="meta">{t("participants.suggestHint")}</p>
        )}
      </section>

      <section aria-labelledby="shortlist" className="stack">
        <h2 id="shortlist" tabIndex={-1}>
          {t("participants.shortlist")}
        </h2>
        {data.shortlist.length === 0 ? (
          <p>{t("participants.shortlistEmpty")}</p>
        ) : (
          <Form method="post" className="stack">
            <ul className="cards">
              {data.shortlist.map((s) => (
                <li key={s.id} className="card">
                  <h3>
                    <label>
                      <input type="checkbox" name="targets" value={`${s.type}:${s.targetId}`} />{" "}
                      {s.title}
                    </label>
                  </h3>
                  <p className="meta">
                    {s.type === "pilot" ? t("role.pilot") : t("participants.activity")} ·{" "}
                    {s.organizationName}
                  </p>
                  <FitNotes notes={s.notes} />
                  <button type="submit" name="remove" value={s.id} className="link-button">
                    {t("participants.removeFromShortlistNamed", { name: s.title })}
                  </button>
                </li>
              ))}
            </ul>
            <FieldError id="targets-error" message={errors.targets} />
            <div className="field">
              <label htmlFor="message">{t("participants.refer.message")}</label>
              <textarea id="message" name="message" rows={2} aria-describedby="message-hint" />
              <p className="meta" id="message-hint">
                {t("participants.refer.messageHint")}
              </p>
              <FieldError id="message-error" message={errors.message} />
            </div>
            <button type="submit" name="intent" value="refer" className="button primary">
              {t("participants.refer.submit")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="referrals-heading">
        <h2 id="referrals-heading">{t("participants.referrals")}</h2>
        {data.referrals.length === 0 ? (
          <p>{t("participants.noReferrals")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("participants.referral.target")}</th>
                  <th scope="col">{t("participants.referral.sent")}</th>
                  <th scope="col">{t("participants.referral.status")}</th>
                </tr>
              </thead>
              <tbody>
                {data.referrals.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.target.name}{" "}
                      <span className="meta">
                        ({r.target.type === "pilot" ? t("role.pilot") : t("participants.activity")})
                      </span>
                    </td>
                    <td>{formatDate(new Date(r.createdAt), lang)}</td>
                    <td>
                      {t(`participants.referralStatus.${r.status}`)}
                      {r.respondedAt ? ` ${formatDate(new Date(r.respondedAt), lang)}` : ""}
                      {r.responseMessage ? ` – ${r.responseMessage}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {data.pathSteps.length > 0 ? (
        <section aria-labelledby="path-heading">
          <h2 id="path-heading">{t("participants.path")}</h2>
          <ol>
            {data.pathSteps.map((s) => (
              <li key={s.id}>
                {formatDate(s.date, lang)}: {t(`participants.step.${s.step}`)}
                {s.onwardPath
                  ? ` (${t(`paths.onward.${s.onwardPath}` as "paths.onward.other")})`
                  : ""}
                {s.endReason ? ` (${t(`paths.end.${s.endReason}` as "paths.end.other")})` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

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
        {p.hasAccount ? (
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
                  aria-invalid={errors.email ? true : undefined}
                  aria-describedby={errors.email ? "email-error" : undefined}
                />
                <FieldError id="email-error" message={errors.email} />
              </div>
              <InviteLanguageField participantLanguages={p.languages} error={errors.language} />
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
        <ul>
          {data.viewers.map((v, i) => (
            <li key={i}>
              {formatDateTime(v.at, lang)}
              {" · "}
              {v.name ?? "–"} ({roleLabel(v.role)}) · {contextLabel(v.context)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("dataRights.title")}</h2>
        <ul className="actions">
          <li>
            <a href={`/privacy/export/${encodeURIComponent(data.participant.ref)}?format=json`}>
              {t("dataRights.exportJson")}
            </a>
          </li>
          <li>
            <a href={`/privacy/export/${encodeURIComponent(data.participant.ref)}?format=html`}>
              {t("dataRights.exportHtml")}
            </a>
          </li>
          <li>
            <Link to={`/privacy/erase/${encodeURIComponent(data.participant.ref)}`}>
              {t("dataRights.erase")}
            </Link>
          </li>
        </ul>
      </section>
    </article>
  );
}

/** "On the list" once a suggestion is shortlisted, else the button that adds it. */
function ShortlistAdd({
  kind,
  targetRef,
  name,
  listed,
  redirectTo,
}: {
  kind: "activity" | "pilot";
  targetRef: string;
  name: string;
  listed: boolean;
  redirectTo: string;
}) {
  const t = useT();
  if (listed) return <p className="meta">{t("participants.onShortlist")}</p>;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="shortlistAdd" />
      <input type="hidden" name={`${kind}Ref`} value={targetRef} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button type="submit" className="button">
        {t("participants.addToShortlistNamed", { name })}
      </button>
    </Form>
  );
}
