import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { describedBy, ErrorSummary } from "#app/components/error-summary.tsx";
import { focusHere } from "#app/components/page-focus.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FieldError } from "#app/components/field-error.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { parseWith } from "#app/infra/forms.ts";
import { jsonResponse, notFound, orNotFound, publicOrigin } from "#app/infra/http.server.ts";
import { type MessageKey } from "#app/infra/i18n/i18n.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { RefSchema, parseRef } from "#app/modules/common/common-schema.ts";
import {
  getOrganization,
  listOrganizations,
} from "#app/modules/organizations/organizations.server.ts";
import {
  findParticipantForWorker,
  readParticipantForWorker,
} from "#app/modules/participants/participants.server.ts";
import { currentRung, listPathSteps } from "#app/modules/paths/paths.server.ts";
import { proposeAsPilot } from "#app/modules/paths/pilot-proposal.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";

export const meta: MetaFunction = pageMeta("title.pilotProposal");

const ProposalFormSchema = z.object({
  email: z
    .string({ error: "pilotProposal.error.email" })
    .trim()
    .toLowerCase()
    .max(254, "pilotProposal.error.email")
    .pipe(z.email("pilotProposal.error.email")),
  organizationRef: RefSchema.pipe(z.string().min(1, "pilotProposal.error.organization")),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const participant = orNotFound(
    readParticipantForWorker(user, orNotFound(parseRef(params.ref)), "pilot proposal page"),
  );
  const own = getOrganization(participant.organizationId)!;
  return {
    participant: { ref: participant.ref, nickname: participant.nickname },
    current: currentRung(listPathSteps(participant.id)),
    organizations: listOrganizations().map((o) => ({ ref: o.ref, name: o.name })),
    ownOrganization: own.ref,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const participant = findParticipantForWorker(user, orNotFound(parseRef(params.ref)));
  if (!participant) throw notFound();
  const parsed = parseWith(ProposalFormSchema, Object.fromEntries(await request.formData()));
  if (!parsed.ok) return jsonResponse({ fieldErrors: parsed.fieldErrors }, 400);
  const result = await proposeAsPilot(user, participant, parsed.data, publicOrigin());
  if (!result.ok) return jsonResponse({ fieldErrors: result.fieldErrors }, 400);
  return { sent: true, fieldErrors: {} };
}

type ActionData = { sent?: boolean; fieldErrors: Record<string, string> };

export default function PilotProposalPage() {
  const { participant, current, organizations, ownOrganization } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const t = useT();
  const errors = data?.fieldErrors ?? {};
  return (
    <section className="narrow">
      <p>
        <Link to={`/participants/${encodeURIComponent(participant.ref)}`}>← {t("paths.back")}</Link>
      </p>
      <h1>{t("pilotProposal.title", { ref: participant.nickname ?? participant.ref })}</h1>
      <p>{t("pilotProposal.intro")}</p>
      {current ? (
        <p>{t("paths.now", { step: t(`paths.step.${current.highest}` as MessageKey) })}</p>
      ) : null}
      {data?.sent ? (
        <p className="success" role="status" {...focusHere}>
          {t("pilotProposal.sent")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <ErrorSummary errors={errors} />
        <div className="field">
          <label htmlFor="email">{t("pilotProposal.email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="off"
            required
            {...describedBy("email", { error: errors.email })}
          />
          <FieldError id="email-error" message={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="organizationRef">{t("pilotProposal.organization")}</label>
          <select
            id="organizationRef"
            name="organizationRef"
            defaultValue={ownOrganization}
            {...describedBy("organizationRef", { error: errors.organizationRef })}
          >
            {organizations.map((o) => (
              <option key={o.ref} value={o.ref}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError id="organizationRef-error" message={errors.organizationRef} />
        </div>
        <button type="submit" className="button primary">
          {t("pilotProposal.submit")}
        </button>
      </Form>
    </section>
  );
}
