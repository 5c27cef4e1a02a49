import { useEffect } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { announce, focusHere } from "#app/components/page-focus.tsx";
import { AddToShortlistButton } from "#app/components/add-to-shortlist.tsx";
import { FitNotes } from "#app/components/fit-notes.tsx";
import type { FitNote } from "#app/modules/matching/fit-notes.ts";
import { requireRole } from "#app/infra/auth.server.ts";
import { orNotFound } from "#app/infra/http.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { isMeiliUnreachable } from "#app/infra/meili.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { suggestForParticipantDetailed } from "#app/modules/matching/matching.server.ts";
import { participantExistsForWorker } from "#app/modules/participants/participants.server.ts";
import { listShortlistKeys } from "#app/modules/participants/shortlist.server.ts";
import type { ParticipantLayoutData } from "./participants.$ref.tsx";

export const meta: MetaFunction = pageMeta("title.participant");

/** Suggestions with why and the fit notes; those fitting no interest apart, as "others". */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(participantExistsForWorker(user, orNotFound(parseRef(params.ref))));
  const lang = getLang(request);
  let suggestions: Awaited<ReturnType<typeof suggestForParticipantDetailed>> | null = null;
  let unavailable = false;
  try {
    // SQLite answers (less precisely) when Meilisearch is down, so the worker is never left empty-handed.
    suggestions =
      (await suggestForParticipantDetailed(p.ref, { limit: 10, lang, fallback: true })) ?? null;
  } catch (e) {
    if (!isMeiliUnreachable(e) && !(e instanceof Error && /Meilisearch/i.test(e.message))) throw e;
    unavailable = true;
  }
  const listed = listShortlistKeys(p.id);
  return { ref: p.ref, suggestions, unavailable, listed };
}

export default function ParticipantSuggestions() {
  const { ref, suggestions, unavailable, listed } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData("routes/participants.$ref") as
    | ParticipantLayoutData
    | undefined;
  const t = useT();
  const shortlistIds = new Set(listed);
  const base = `/participants/${encodeURIComponent(ref)}`;
  const card = { shortlistIds, base };
  const count = suggestions
    ? suggestions.activities.length +
      suggestions.others.length +
      (layout?.participant.wantsPilot ? suggestions.pilots.length : 0)
    : null;
  // Focus lands on the heading (page-focus.tsx); the count is said after it.
  useEffect(() => {
    if (count !== null) announce(t("participants.suggestionsCount", { count }));
  }, [count, t]);
  return (
    <section aria-labelledby="suggestions" className="stack">
      <h2 id="suggestions" {...focusHere}>
        {t("participants.suggestions")}
      </h2>
      {unavailable ? (
        <p className="notice" role="status">
          {t("participants.suggestionsUnavailable")}
        </p>
      ) : null}
      {suggestions?.source === "database" ? (
        <p className="notice" role="status">
          {t("catalog.fallback")}
        </p>
      ) : null}
      {suggestions ? (
        <>
          <h3>{t("participants.suggestedActivities")}</h3>
          {suggestions.activities.length === 0 ? (
            <p>{t("participants.noSuggestions")}</p>
          ) : (
            <Cards kind="activity" list={suggestions.activities} {...card} />
          )}
          {layout?.participant.wantsPilot ? (
            <>
              <h3>{t("participants.suggestedPilots")}</h3>
              {suggestions.pilots.length === 0 ? (
                <p>{t("participants.noSuggestions")}</p>
              ) : (
                <Cards
                  kind="pilot"
                  list={suggestions.pilots.map((s) => ({ ...s, title: s.displayName }))}
                  {...card}
                />
              )}
            </>
          ) : null}
          {suggestions.others.length > 0 ? (
            <section aria-labelledby="others-heading" className="stack">
              <h3 id="others-heading">{t("participants.otherActivities")}</h3>
              <p className="meta">{t("participants.otherActivitiesIntro")}</p>
              <Cards kind="activity" list={suggestions.others} {...card} />
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

type Card = {
  ref: string;
  title: string;
  organizationName: string;
  why: string[];
  notes: FitNote[];
};

function Cards({
  kind,
  list,
  shortlistIds,
  base,
}: {
  kind: "activity" | "pilot";
  list: Card[];
  shortlistIds: Set<string>;
  base: string;
}) {
  const t = useT();
  return (
    <ul className="cards suggestion-cards">
      {list.map((a) => (
        <li key={a.ref} className="card">
          <h4>
            {kind === "activity" ? (
              <Link to={`/activities/${encodeURIComponent(a.ref)}`}>{a.title}</Link>
            ) : (
              a.title
            )}
          </h4>
          <p className="meta">
            {kind === "pilot" ? `${t("role.pilot")} · ` : ""}
            {a.organizationName}
          </p>
          {a.why.length > 0 ? <p className="why">{a.why.join(" · ")}</p> : null}
          {/* What fits and what does not, in the shortlist's words (fit-notes.ts). */}
          <FitNotes notes={a.notes} />
          {shortlistIds.has(`${kind}:${a.ref}`) ? (
            // The add button's answer comes back to this line (#listed-…), which takes focus and is read.
            <>
              <p className="meta" id={`listed-${kind}-${a.ref}`}>
                {t("participants.onShortlist")}
                <span className="visually-hidden">: {a.title}</span>
              </p>
              {/* Onward from where the worker is, not from the top of a long page. */}
              <Link to={`${base}/shortlist`}>{t("participants.toShortlist")}</Link>
            </>
          ) : (
            <Form method="post" action={base}>
              <input type="hidden" name="intent" value="shortlistAdd" />
              <input type="hidden" name={`${kind}Ref`} value={a.ref} />
              <input
                type="hidden"
                name="redirectTo"
                value={`${base}/suggestions#listed-${kind}-${a.ref}`}
              />
              <AddToShortlistButton label={t("participants.addToShortlist")} title={a.title} />
            </Form>
          )}
        </li>
      ))}
    </ul>
  );
}
