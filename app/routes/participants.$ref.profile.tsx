import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScheduleText } from "#app/components/schedule-text.tsx";
import { languageName } from "#app/infra/i18n/i18n.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useLang, useT } from "#app/infra/i18n/use-t.ts";
import { requireRole } from "#app/infra/auth.server.ts";
import { orNotFound } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { getInterestMatcher } from "#app/modules/interests/interests.server.ts";
import { findParticipantForWorker } from "#app/modules/participants/participants.server.ts";
import { municipalityLabel } from "#app/modules/places/municipalities.server.ts";

export const meta: MetaFunction = pageMeta("title.participant");

/** The profile's facts, named plainly (the parent route's loader audits the page's read). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(findParticipantForWorker(user, orNotFound(parseRef(params.ref))));
  const lang = getLang(request);
  const matcher = getInterestMatcher();
  return {
    ref: p.ref,
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
  };
}

export default function ParticipantProfile() {
  const p = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const none = <span className="meta">{t("participants.show.nothing")}</span>;
  const facts: [string, React.ReactNode][] = [
    [t("participants.field.municipality"), p.municipality],
    [t("participants.field.languages"), p.languages.map((l) => languageName(l, lang)).join(", ")],
    [
      t("participants.show.interests"),
      p.interests.length > 0 || p.interestLabels.length > 0 ? (
        <>
          {p.interests.join(", ")}
          {p.interestLabels.length > 0 ? (
            <span className="meta">
              {p.interests.length > 0 ? <br /> : null}
              {t("participants.understoodAs", { labels: p.interestLabels.join(", ") })}
            </span>
          ) : null}
        </>
      ) : (
        none
      ),
    ],
    [t("participants.show.interestText"), p.interestText ?? none],
    [
      t("participants.show.wantsPilot"),
      t(p.wantsPilot ? "participants.show.wantsPilotYes" : "participants.show.wantsPilotNo"),
    ],
    [
      t("participants.show.needs"),
      p.needs.length > 0
        ? p.needs.map((n) => t(`threshold.${n}` as "threshold.free")).join(", ")
        : none,
    ],
    [
      t("participants.show.when"),
      p.schedule.length > 0 ? <ScheduleText schedule={p.schedule} /> : none,
    ],
    [
      t("participants.show.reach"),
      p.maxDistanceKm != null
        ? t("participants.show.reachKm", { km: p.maxDistanceKm })
        : t("participants.defaultReach"),
    ],
    [t("participants.show.gender"), t(`participants.gender.${p.gender}`)],
    [t("participants.show.birthYear"), p.birthYear ?? none],
  ];
  return (
    <section aria-labelledby="facts-heading" className="stack">
      <h2 id="facts-heading">{t("participants.facts")}</h2>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {p.notes ? (
        <div className="notice">
          <h3>{t("participants.field.notes")}</h3>
          <p className="meta">{t("participants.notesSensitive")}</p>
          <p style={{ whiteSpace: "pre-wrap" }}>{p.notes}</p>
        </div>
      ) : null}
      <p>
        <Link to={`/participants/${encodeURIComponent(p.ref)}/edit`} className="button">
          {t("participants.edit")}
        </Link>
      </p>
    </section>
  );
}
