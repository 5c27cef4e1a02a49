import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  ParticipantFormFields,
  type ParticipantFormValues,
} from "#app/modules/participants/participant-form.tsx";
import { requireOrganization, requireRole } from "#app/infra/auth.server.ts";
import { getLang } from "#app/infra/i18n/lang.server.ts";
import { useT } from "#app/infra/i18n/use-t.ts";
import { getOrganization } from "#app/modules/organizations/organizations.server.ts";
import { formToParticipantInput } from "#app/modules/participants/participant-schema.ts";
import {
  createParticipant,
  parseParticipantForm,
} from "#app/modules/participants/participants.server.ts";
import {
  echoFormValues,
  listMunicipalityOptions,
} from "#app/modules/participants/participant-view.server.ts";
import { answerScheduleEdit } from "#app/infra/schedule-rows.server.ts";
import { jsonResponse, keepFormValues } from "#app/infra/http.server.ts";
import { pageMeta } from "#app/infra/i18n/meta.ts";
import { keepPageWhenBusy } from "#app/infra/forms.ts";

export const meta: MetaFunction = pageMeta("title.participantNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  const org = getOrganization(requireOrganization(user));
  return {
    municipalities: listMunicipalityOptions(getLang(request)),
    defaultMunicipality: org?.municipality ?? "",
  };
}

export const shouldRevalidate = keepPageWhenBusy;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["worker"]);
  requireOrganization(user);
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
  const { ref } = createParticipant(user, parsed.data);
  return redirect(`/participants/${encodeURIComponent(ref)}`);
}

export default function NewParticipantPage() {
  const { municipalities, defaultMunicipality } = useLoaderData<typeof loader>();
  const data = useActionData<{
    fieldErrors: Record<string, string>;
    values: ParticipantFormValues;
  }>();
  const t = useT();
  return (
    <section className="narrow">
      <p>
        <Link to="/worker">← {t("participants.backToList")}</Link>
      </p>
      <h1>{t("participants.new.title")}</h1>
      <p>{t("participants.new.intro")}</p>
      <ParticipantFormFields
        values={
          data?.values ?? {
            municipality: defaultMunicipality,
            gender: "unknown",
            birthYear: null,
            languages: ["fi"],
            interests: [],
            interestText: null,
            wantsPilot: false,
            needs: {},
            schedule: [],
            maxDistanceKm: null,
            nickname: null,
            notes: null,
          }
        }
        key={data ? "again" : "first"}
        errors={data?.fieldErrors ?? {}}
        municipalities={municipalities}
        isNew
        submitLabel={t("participants.new.submit")}
      />
    </section>
  );
}
