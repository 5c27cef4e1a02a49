import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  ParticipantFormFields,
  type ParticipantFormValues,
} from "#app/modules/participants/participant-form.tsx";
import { requireRole } from "#app/infra/auth.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { RefSchema } from "#app/modules/common/common-schema.ts";
import { formToParticipantInput } from "#app/modules/participants/participant-schema.ts";
import {
  echoFormValues,
  listMunicipalityOptions,
  toFormValues,
} from "#app/modules/participants/participant-view.server.ts";
import {
  parseParticipantForm,
  participantExistsForWorker,
  readParticipantForWorker,
  updateParticipant,
} from "#app/modules/participants/participants.server.ts";
import { answerScheduleEdit } from "#app/infra/schedule-rows.server.ts";
import { jsonResponse, keepFormValues, notFound } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

export const meta: MetaFunction = pageMeta("title.participantEdit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success) throw notFound();
  const p = readParticipantForWorker(user, ref.data, "screen:participants.$ref.edit");
  if (!p) throw notFound();
  return {
    ref: p.ref,
    values: toFormValues(p),
    municipalities: listMunicipalityOptions(getLang(request)),
  };
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const ref = RefSchema.safeParse(params.ref);
  if (!ref.success || !participantExistsForWorker(user, ref.data)) throw notFound();
  const form = await request.formData();
  const input = formToParticipantInput(form);
  const edited = answerScheduleEdit(form, echoFormValues(input));
  if (edited) return edited;
  keepFormValues(context, echoFormValues(input));
  const parsed = parseParticipantForm(input);
  if (!parsed.ok)
    return jsonResponse(
      { fieldErrors: parsed.fieldErrors, values: echoFormValues(input) },
      { status: 400 },
    );
  const saved = updateParticipant(user, ref.data, parsed.data);
  if (!saved) throw notFound();
  return redirect(`/participants/${encodeURIComponent(ref.data)}`);
}

export default function EditParticipantPage() {
  const { ref, values, municipalities } = useLoaderData<typeof loader>();
  const data = useActionData<{
    fieldErrors: Record<string, string>;
    values: ParticipantFormValues;
  }>();
  const t = useT();
  return (
    <section className="narrow">
      <p>
        <Link to={`/participants/${encodeURIComponent(ref)}`}>
          ← {t("participants.backToPage")}
        </Link>
      </p>
      <h2>{t("participants.edit.title", { ref })}</h2>
      <ParticipantFormFields
        key={data ? "again" : "first"}
        values={data?.values ?? values}
        errors={data?.fieldErrors ?? {}}
        municipalities={municipalities}
        isNew={false}
        submitLabel={t("common.save")}
      />
    </section>
  );
}
