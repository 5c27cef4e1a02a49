import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FieldError } from "#app/components/field-error.tsx";
import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import { FitNotes } from "#app/components/fit-notes.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { getDb } from "#app/infra/db.server.ts";
import { jsonResponse, orNotFound } from "#app/infra/http.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { actorOf } from "#app/modules/audit/audit.server.ts";
import { parseRef } from "#app/modules/common/common-schema.ts";
import { ShortlistActionSchema } from "#app/modules/participants/participant-schema.ts";
import {
  findParticipantForWorker,
  participantExistsForWorker,
} from "#app/modules/participants/participants.server.ts";
import { listShortlist, removeFromShortlist } from "#app/modules/participants/shortlist.server.ts";
import { sendReferrals } from "#app/modules/referrals/referral-sending.server.ts";
import { targetsOfForm } from "#app/modules/referrals/referral-schema.ts";

export const meta: MetaFunction = pageMeta("title.participant");

/** The shared shortlist, each entry judged by the rulebook; referrals are sent from it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(findParticipantForWorker(user, orNotFound(parseRef(params.ref))));
  return { ref: p.ref, shortlist: listShortlist(p, getLang(request)) };
}

type ActionData = { fieldErrors: Record<string, string>; success?: "participants.refer.sent" };

/** Remove an entry (its button carries the item id), or send referrals to the ticked entries. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const p = orNotFound(participantExistsForWorker(user, orNotFound(parseRef(params.ref))));
  const form = await request.formData();
  const raw: Record<string, unknown> = Object.fromEntries(form);
  if (!raw.intent && form.has("remove")) {
    raw.intent = "shortlistRemove";
    raw.itemId = form.get("remove");
  }
  raw.targets = form.getAll("targets");
  const parsed = parseWith(ShortlistActionSchema, raw);
  if (!parsed.ok)
    return jsonResponse({ fieldErrors: parsed.fieldErrors } satisfies ActionData, 400);
  const input = parsed.data;
  if (input.intent === "shortlistRemove") {
    removeFromShortlist(actorOf(user), p.id, input.itemId);
    return redirect(`/participants/${encodeURIComponent(p.ref)}/shortlist`);
  }
  const result = await sendReferrals(getDb(), user, {
    participantId: p.id,
    targets: targetsOfForm(input.targets),
    message: input.message,
  });
  if (!result.ok) {
    return jsonResponse(
      { fieldErrors: { targets: `participants.refer.error.${result.error}` } } satisfies ActionData,
      400,
    );
  }
  return jsonResponse({ fieldErrors: {}, success: "participants.refer.sent" } satisfies ActionData);
}

export default function ParticipantShortlist() {
  const { ref, shortlist } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const t = useT();
  const errors = action?.fieldErrors ?? {};
  return (
    <section aria-labelledby="shortlist" className="stack">
      <h2 id="shortlist" {...focusHere}>
        {t("participants.shortlist")}
      </h2>
      {action?.success ? (
        <p className="success" role="status" {...focusHere}>
          {t(action.success)}{" "}
          <Link to={`/participants/${encodeURIComponent(ref)}/referrals`}>
            {t("participants.referralsTab")}
          </Link>
        </p>
      ) : null}
      {shortlist.length === 0 ? (
        <p>{t("participants.shortlistEmpty")}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <ErrorSummary errors={errors} />
          {/* One group with one error: the checkboxes say they are wrong, the group's description says why. */}
          <fieldset
            id="targets"
            className="plain-fieldset"
            aria-describedby={errors.targets ? "targets-error" : undefined}
          >
            <legend>{t("participants.refer.choose")}</legend>
            <ul className="cards">
              {shortlist.map((s) => (
                <li key={s.id} className="card">
                  <h3>
                    <label>
                      <input
                        type="checkbox"
                        name="targets"
                        value={`${s.type}:${s.targetId}`}
                        aria-invalid={errors.targets ? true : undefined}
                      />{" "}
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
          </fieldset>
          <div className="field">
            <label htmlFor="message">{t("participants.refer.message")}</label>
            <textarea
              id="message"
              name="message"
              rows={2}
              {...describedBy("message", { hint: "message-hint", error: errors.message })}
            />
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
  );
}
