import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { formatDate, languageName } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { requireRole } from "#app/infra/auth.server.ts";
import { orNotFound } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { getLastContact } from "#app/modules/follow-up/last-contact.server.ts";
import { getInterestMatcher } from "#app/modules/interests/interests.server.ts";
import { findParticipantForWorker } from "#app/modules/participants/participants.server.ts";
import { municipalityLabel } from "#app/modules/places/municipalities.server.ts";

export const meta: MetaFunction = pageMeta("title.participant");

/** The profile's facts (the parent route's loader audits the page's read). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(findParticipantForWorker(user, orNotFound(parseRef(params.ref))));
  const lang = getLang(request);
  const matcher = getInterestMatcher();
  return {
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
    lastContact: getLastContact(p.id),
  };
}

export default function ParticipantProfile() {
  const p = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
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
          <dt>{t("worker.col.lastContact")}</dt>
          <dd>{p.lastContact ? formatDate(p.lastContact, lang) : "–"}</dd>
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
  );
}
