import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { formatDate, languageName } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import type { MessageKey } from "#app/infra/i18n/catalog.ts";
import { requireRole } from "#app/infra/auth.server.ts";
import { orNotFound } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { summarizeParticipant } from "#app/modules/participants/participant-summary.server.ts";
import { findParticipantForWorker } from "#app/modules/participants/participants.server.ts";
import type { ParticipantLayoutData } from "./participants.$ref.tsx";

export const meta: MetaFunction = pageMeta("title.participant");

/** The summary a worker opens first (the parent route's loader audits the page's read). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(findParticipantForWorker(user, orNotFound(parseRef(params.ref))));
  return { ref: p.ref, summary: summarizeParticipant(p, getLang(request)) };
}

export default function ParticipantSummary() {
  const { ref, summary: s } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData("routes/participants.$ref") as
    | ParticipantLayoutData
    | undefined;
  const t = useT();
  const lang = useLang();
  const base = `/participants/${encodeURIComponent(ref)}`;
  const stepName = (step: string) => t(`paths.step.${step}` as MessageKey);
  return (
    <div className="stack">
      <div className="summary panel">
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t("summary.heading")}</h2>
          <dl className="summary-facts">
            <div>
              <dt>{t("summary.who")}</dt>
              <dd>
                {[
                  s.ageGroup === "unknown"
                    ? t("reports.age.unknown")
                    : t("summary.ageGroup", { group: t(`reports.age.${s.ageGroup}`) }),
                  s.languages.map((l) => languageName(l, lang)).join(", "),
                ].join(" · ")}
              </dd>
            </div>
            <div>
              <dt>{t("summary.where")}</dt>
              <dd>{s.municipality}</dd>
            </div>
            <div>
              <dt>{t("summary.interests")}</dt>
              <dd>
                {s.understood.length > 0
                  ? s.understood.join(", ")
                  : s.interests.length > 0
                    ? s.interests.join(", ")
                    : t("summary.noInterests")}
                {s.interestText ? (
                  <>
                    <br />
                    <span className="meta">{t("summary.ownWords", { text: s.interestText })}</span>
                  </>
                ) : null}
              </dd>
            </div>
          </dl>
          <p>
            <Link to={`${base}/profile`}>{t("summary.toProfile")}</Link>
          </p>
        </section>
        <section aria-labelledby="open-heading">
          <h2 id="open-heading">{t("summary.open")}</h2>
          <ul className="open-items">
            <li>
              <Link to={`${base}/referrals`}>{t("participants.referralsTab")}</Link>:{" "}
              {s.referrals.waiting.length === 0 && s.referrals.accepted.length === 0
                ? t("summary.noReferrals")
                : null}
              {s.referrals.waiting.length > 0 ? (
                <span className="block">
                  {t("summary.waiting", { names: s.referrals.waiting.join(", ") })}
                </span>
              ) : null}
              {s.referrals.accepted.length > 0 ? (
                <span className="block">
                  {t("summary.accepted", { names: s.referrals.accepted.join(", ") })}
                </span>
              ) : null}
            </li>
            {s.shortlisted > 0 ? (
              <li>
                <Link to={`${base}/shortlist`}>
                  {t("summary.shortlisted", { count: s.shortlisted })}
                </Link>
              </li>
            ) : null}
            <li>
              {s.path ? (
                <>
                  <Link to={`${base}/path`}>
                    {t("summary.path", {
                      step: stepName(s.path.latest),
                      date: formatDate(s.path.date, lang),
                    })}
                  </Link>
                  {s.path.next ? (
                    <span className="block">
                      {t("summary.pathNext", { step: stepName(s.path.next) })}
                    </span>
                  ) : null}
                </>
              ) : (
                <Link to={`${base}/path`}>{t("summary.noPath")}</Link>
              )}
            </li>
            <li>
              {s.lastContact
                ? t("summary.lastContact", { date: formatDate(s.lastContact, lang) })
                : t("summary.noContact")}
              <span className={s.overdue ? "block overdue" : "block"}>
                {t(s.overdue ? "summary.overdue" : "summary.nextContact", {
                  date: formatDate(s.nextContactBy, lang),
                })}
              </span>
            </li>
          </ul>
        </section>
      </div>
      <div className="actions">
        <Link to={`${base}/suggestions`} className="button primary">
          {t("summary.toSuggestions")}
        </Link>
        <Form method="post" action={base}>
          <input type="hidden" name="intent" value="browse" />
          <button type="submit" className="button">
            {t("participants.browseTogether")}
          </button>
        </Form>
        <Link to={`${base}/assessment`} className="button">
          {t("assessment.link")}
        </Link>
        {layout?.participant.unassigned ? (
          <Form method="post" action={base}>
            <input type="hidden" name="intent" value="takeCaseload" />
            <button type="submit" className="button">
              {t("participants.takeCaseload")}
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
