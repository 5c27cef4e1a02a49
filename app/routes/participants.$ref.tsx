import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { ParticipantNav } from "#app/components/participant-nav.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { jsonResponse, notFound, orNotFound } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { safeRedirect } from "#app/modules/auth/auth-schema.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { ParticipantPageActionSchema } from "#app/modules/participants/participant-schema.ts";
import {
  participantExistsForWorker,
  readParticipantForWorker,
  takeIntoCaseload,
} from "#app/modules/participants/participants.server.ts";
import { addToShortlist, browsingCookie } from "#app/modules/participants/shortlist.server.ts";

export const meta: MetaFunction = pageMeta("title.participant");

/**
 * The participant page: who they are and the page's own actions; each part
 * (profile, suggestions, shortlist, referrals, privacy) is a nested route
 * with its own loader and action; the path and self-assessment have pages of
 * their own. This loader is the page's one audited read of the record.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(
    readParticipantForWorker(user, orNotFound(parseRef(params.ref)), "screen:participants.$ref"),
  );
  return {
    participant: {
      ref: p.ref,
      nickname: p.nickname,
      wantsPilot: p.wantsPilot,
      unassigned: p.responsibleWorkerId == null,
    },
  };
}

export type ParticipantLayoutData = Awaited<ReturnType<typeof loader>>;

/** Taking into the caseload, browsing together, and adding to the shortlist (from anywhere). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const exists = participantExistsForWorker(user, orNotFound(parseRef(params.ref)));
  if (!exists) throw notFound();
  const parsed = parseWith(
    ParticipantPageActionSchema,
    Object.fromEntries(await request.formData()),
  );
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const input = parsed.data;
  const back = `/participants/${encodeURIComponent(exists.ref)}`;
  switch (input.intent) {
    case "takeCaseload":
      takeIntoCaseload(user, exists.id);
      return redirect(back);
    case "shortlistAdd": {
      const target = input.activityRef
        ? { activityRef: input.activityRef }
        : input.pilotRef
          ? { pilotRef: input.pilotRef }
          : undefined;
      const r = target ? addToShortlist(actorOf(user), exists.id, target) : null;
      if (!r?.ok) {
        return jsonResponse({ fieldErrors: { activityRef: "participants.error.target" } }, 400);
      }
      return redirect(safeRedirect(input.redirectTo, `${back}/shortlist`));
    }
    case "browse":
      return redirect("/", { headers: { "Set-Cookie": browsingCookie(request, exists.ref) } });
    case "stopBrowse":
      return redirect(back, { headers: { "Set-Cookie": browsingCookie(request, null) } });
  }
}

export default function ParticipantLayout() {
  const { participant: p } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="stack participant-page">
      <p className="back-link">
        <Link to="/worker">← {t("participants.backToList")}</Link>
      </p>
      <h1>
        {p.nickname ? (
          <>
            {p.nickname} <span className="ref">({p.ref})</span>
          </>
        ) : (
          p.ref
        )}
      </h1>
      <ParticipantNav participantRef={p.ref} />
      <Outlet />
    </article>
  );
}
